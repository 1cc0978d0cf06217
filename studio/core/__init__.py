"""Pure model: story format, presets, brand kits, validation, timeline math, typed errors.

Nothing here starts a process, touches pixels or imports Qt (enforced by import-linter).
"""
