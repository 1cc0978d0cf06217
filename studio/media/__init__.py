"""Pixels and probing: media inspection through the ffmpeg program, text and card images (Pillow), stills."""
