"""Check families, one module each. Every check reads the shared Context and adds Errors to its Report.

Order matters only in one way: structure.py decides which files are readable; later families
skip a resource that it marked unusable (that file already carries an error).
"""
