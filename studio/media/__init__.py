"""Pixels and probing: media inspection (PyAV), text and card images (Pillow), stills."""
