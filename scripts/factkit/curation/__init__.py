"""Curating the package: register a source, locate quotes, fill offsets, (re)generate the descriptor."""
