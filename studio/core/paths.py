"""Where shipped data (presets, brand kits, fonts) and the user's own folder live."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "kindness-studio"


def data_root() -> Path:
    """The folder holding presets/ and assets/: $STUDIO_DATA_DIR, the frozen bundle, or the repo."""
    if env := os.environ.get("STUDIO_DATA_DIR"):
        return Path(env)
    if bundle := getattr(sys, "_MEIPASS", None):
        return Path(bundle)
    return Path(__file__).resolve().parents[2]


def user_root() -> Path:
    """The user's folder for their own presets (presets/*.toml) and brand kits (brands/*.toml)."""
    if env := os.environ.get("STUDIO_USER_DIR"):
        return Path(env)
    return Path(platformdirs.user_config_dir(APP_NAME))


def cache_root() -> Path:
    """The folder for what can be recomputed (loudness measurements): $STUDIO_CACHE_DIR or the
    user cache folder."""
    if env := os.environ.get("STUDIO_CACHE_DIR"):
        return Path(env)
    return Path(platformdirs.user_cache_dir(APP_NAME))


def fonts_dir() -> Path:
    return data_root() / "assets" / "fonts"


def user_data_root() -> Path:
    """The studio's own copies of an editor's work (recovery files, crash logs): $STUDIO_USER_DIR
    (tests) or the user data folder."""
    if env := os.environ.get("STUDIO_USER_DIR"):
        return Path(env)
    return Path(platformdirs.user_data_dir(APP_NAME))


def private_dir(folder: Path) -> Path:
    """`folder`, made if missing and readable by this user only (0700), whatever the umask:
    what the studio keeps there can be a testimony's text."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if folder.stat().st_mode & 0o077:
        folder.chmod(0o700)
    return folder
