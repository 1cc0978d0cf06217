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
    missing = []
    f = Path(folder)
    while not f.exists() and f != f.parent:  # every folder made here is private, parents included
        missing.append(f)
        f = f.parent
    for f in reversed(missing):
        f.mkdir(mode=0o700, exist_ok=True)
        f.chmod(0o700)  # mkdir's mode is masked by the umask
    if folder.stat().st_mode & 0o077:  # an existing folder made looser
        folder.chmod(0o700)
    return folder


def open_private(path: Path, mode: str = "wb", encoding: str | None = None):
    """`path` opened for writing (created or truncated) readable by this user only (0600),
    whatever the umask; an existing file with looser rights is tightened first."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
    except OSError:
        pass  # a file system without modes (e.g. FAT)
    return os.fdopen(fd, mode, encoding=encoding)


def write_private(path: Path, data: bytes) -> Path:
    """Writes `data` to `path` atomically (a 0600 file beside it, then renamed into place)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open_private(tmp) as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
