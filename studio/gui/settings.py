"""User settings (QSettings, an INI file beside the user's presets) and where recovery files live.

$STUDIO_USER_DIR moves both (tests use a private folder)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QSettings

from ..core.paths import private_dir, user_root

MAX_RECENT = 8


class Settings:
    """Typed access to the few settings the studio keeps."""

    def __init__(self) -> None:
        self.path = private_dir(user_root()) / "studio-gui.ini"  # it names the stories opened
        self.q = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _get(self, key: str, default: str = "") -> str:
        value = self.q.value(key, default)
        return str(value) if value is not None else default

    def _set(self, key: str, value) -> None:
        self.q.setValue(key, value)
        self.sync()

    def sync(self) -> None:
        """Writes the settings now, readable by this user only (0600) whatever the umask."""
        self.q.sync()
        try:
            if self.path.stat().st_mode & 0o077:
                self.path.chmod(0o600)
        except OSError:
            pass

    # --- what the settings dialog edits -------------------------------------------------------
    @property
    def output_folder(self) -> Path:
        return Path(self._get("output_folder") or Path.home() / "Kindness Studio")

    @output_folder.setter
    def output_folder(self, value: Path) -> None:
        self._set("output_folder", str(value))

    @property
    def ffmpeg_path(self) -> str:
        return self._get("ffmpeg_path")

    @ffmpeg_path.setter
    def ffmpeg_path(self, value: str) -> None:
        self._set("ffmpeg_path", value)
        apply_ffmpeg_override(value)

    @property
    def brand(self) -> str:
        return self._get("brand")

    @brand.setter
    def brand(self, value: str) -> None:
        self._set("brand", value)

    @property
    def language(self) -> str:
        return self._get("language")  # "" = the system's

    @language.setter
    def language(self, value: str) -> None:
        self._set("language", value)

    # --- what the window remembers ------------------------------------------------------------
    @property
    def last_folder(self) -> Path | None:
        value = self._get("last_folder")
        return Path(value) if value else None

    @last_folder.setter
    def last_folder(self, value: Path) -> None:
        self._set("last_folder", str(value))

    def export_folder(self, story_folder: Path) -> Path | None:
        """The output folder the export dialog last used for the stories of `story_folder`."""
        value = self._get(f"export_folders/{_folder_key(story_folder)}")
        return Path(value) if value else None

    def set_export_folder(self, story_folder: Path, out_dir: Path) -> None:
        self._set(f"export_folders/{_folder_key(story_folder)}", str(out_dir))

    def recent_files(self) -> list[Path]:
        raw = self.q.value("recent_files", [])
        items = [raw] if isinstance(raw, str) else list(raw or [])
        return [Path(p) for p in items if p]

    def add_recent(self, path: Path) -> None:
        items = [str(path)] + [str(p) for p in self.recent_files() if p != path]
        self._set("recent_files", items[:MAX_RECENT])


def _folder_key(folder: Path) -> str:
    return hashlib.sha1(str(Path(folder).resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]


def apply_ffmpeg_override(path: str) -> None:
    """The engine reads $STUDIO_FFMPEG on each use: the override takes effect for the next render."""
    if path:
        os.environ["STUDIO_FFMPEG"] = path
