"""The reference site: page models built from the loaded package, rendered by autoescaping Jinja
templates, handed to MkDocs in memory by the hook in `mkdocs_hook.py`.

Nothing here writes into docs/: every generated page exists only inside a MkDocs build.
"""
