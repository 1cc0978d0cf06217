"""Frozen entry of the console `studio-cli` (PyInstaller script; see build.spec)."""
import sys

from studio.cli import main

sys.exit(main())
