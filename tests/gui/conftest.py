"""GUI tests run offscreen, with real widgets and signals (pytest-qt)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from .panel_leaks import panel_leak_guard  # noqa: E402,F401  (library, queue and export tests)
