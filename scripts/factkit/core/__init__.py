"""The foundation every layer shares: paths, schemas/, the type registry, the vocabulary, CSV I/O,
segmentation and the typed package model. Imports nothing from the other layers."""
