"""Face searches (studio.media.faces.scan_video) kept on disk between sessions, in the user cache
folder (`STUDIO_CACHE_DIR` overrides it), so reopening or rendering a story does not search its
clips again.

The key hashes the clip's path, size and modification time with the search's arguments: a changed
clip or setting searches again. The folder is bounded: the oldest entries go past `LIMIT_BYTES`."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np

from ..core.paths import open_private, private_dir
from . import faces
from .faces import FaceTrack
from .loudness import cache_dir

LIMIT_BYTES = 32 * 1024 * 1024
_VERSION = "faces-1"


def scan(path: Path, *args) -> FaceTrack:
    """faces.scan_video(path, *args), searched once per clip and arguments: the render, the batch
    and the instant preview all read the same entry."""
    k = key(path, args)
    track = load(k)
    if track is None:
        track = faces.scan_video(path, *args)
        save(k, track)
    return track


def key(path: Path, args: tuple) -> str:
    st = path.stat()
    text = f"{_VERSION}\0{path}\0{st.st_size}\0{st.st_mtime_ns}\0{args!r}"
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _folder() -> Path:
    return cache_dir() / "faces"


def load(k: str) -> FaceTrack | None:
    try:
        with np.load(_folder() / f"{k}.npz") as d:
            counts, flat = d["counts"], d["boxes"].reshape(-1, 4)
            bounds = np.concatenate(([0], np.cumsum(counts)))
            boxes = tuple(tuple(tuple(float(v) for v in b) for b in flat[a:z]) for a, z in zip(bounds, bounds[1:]))
            return FaceTrack(d["times"], boxes, int(d["size"][0]), int(d["size"][1]))
    except (OSError, KeyError, ValueError):
        return None  # missing or damaged: search again


def save(k: str, track: FaceTrack) -> None:
    try:  # private (0600 in 0700): where faces are in a testimony's clips
        folder = private_dir(_folder())
        flat = np.array([b for boxes in track.boxes for b in boxes], dtype=float).reshape(-1, 4)
        tmp = folder / f".{k}.{os.getpid()}.tmp.npz"
        with open_private(tmp) as f:
            np.savez(f, times=np.asarray(track.times, float), counts=np.array([len(b) for b in track.boxes], int),
                     boxes=flat, size=np.array([track.width, track.height]))
        os.replace(tmp, folder / f"{k}.npz")
        _prune(folder)
    except OSError:
        pass  # a cache that cannot be written only costs a search next time


def _prune(folder: Path) -> None:
    entries = sorted((p.stat().st_mtime, p.stat().st_size, p) for p in folder.glob("*.npz"))
    total = sum(size for _, size, _ in entries)
    for _, size, p in entries:
        if total <= LIMIT_BYTES:
            break
        p.unlink(missing_ok=True)
        total -= size
