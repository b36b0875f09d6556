"""The meetings pages, one module per subject; each view parses, calls one service or selector, renders."""
