"""Check families, one module each. Every check reads the shared Context and adds Errors to its
Report, with a code that catalogue.py declares.

Order matters only in one way: structure.py (with reader.py) decides which files are readable;
later families skip a resource that it marked unusable (that file already carries an error).
"""
