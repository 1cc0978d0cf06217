"""Frozen entry of the windowed `kindness-studio` (PyInstaller script; see build.spec)."""
import sys

from studio.gui.app import main

sys.exit(main())
