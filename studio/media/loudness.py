"""Loudness measurements (ffmpeg `loudnorm`'s first pass), cached per set of inputs.

The key is a hash of every input file's path, size and modification time plus the audio graph
itself, so a re-render of the same story measures nothing; a changed file or graph measures
again. The cache lives in the user cache folder (`STUDIO_CACHE_DIR` overrides it)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from ..core.paths import cache_root, private_dir, write_private


@dataclass(frozen=True)
class Measured:
    input_i: float
    input_tp: float
    input_lra: float
    input_thresh: float
    target_offset: float


def cache_dir() -> Path:
    return cache_root()  # one home for the cache folder: core/paths


def cache_key(files: list[Path], graph: str) -> str:
    h = hashlib.sha256(graph.encode("utf-8"))
    for f in sorted(set(files)):
        st = f.stat()
        h.update(f"\0{f}\0{st.st_size}\0{st.st_mtime_ns}".encode("utf-8", "surrogateescape"))
    return h.hexdigest()[:32]


def cached(key: str) -> Measured | None:
    path = cache_dir() / "loudness" / f"{key}.json"
    try:
        return Measured(**json.loads(path.read_text("utf-8")))
    except (OSError, ValueError, TypeError):
        return None  # missing or damaged: measure again


def store(key: str, m: Measured) -> None:
    try:  # private: the key's inputs are a story's files
        folder = private_dir(cache_dir() / "loudness")
        write_private(folder / f"{key}.json", json.dumps(asdict(m)).encode("utf-8"))
    except OSError:
        pass  # a cache that cannot be written only costs a measurement next time


def parse_loudnorm(stderr: str) -> Measured | None:
    """The JSON block loudnorm prints at the end of a `print_format=json` pass."""
    start, end = stderr.rfind("{"), stderr.rfind("}")
    if start == -1 or end < start:
        return None
    try:
        d = json.loads(stderr[start:end + 1])
        values = [float(d[k]) for k in ("input_i", "input_tp", "input_lra", "input_thresh", "target_offset")]
    except (ValueError, KeyError):
        return None
    if not all(abs(v) < 1e6 for v in values):  # -inf: a silent mix
        return None
    return Measured(*values)
