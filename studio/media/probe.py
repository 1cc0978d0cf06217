"""What a media file is, read from the file itself (the bundled ffmpeg for audio/video, Pillow for
images).

Errors name the story file and line that referred to the media, and say what to do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PIL import Image, ImageOps, UnidentifiedImageError

from ..core.files import near_name
from ..core.i18n import _
from ..core.errors import MediaError
from .decode import DecodeError, RawFrames
from .streams import Unreadable, read_streams

Kind = Literal["image", "video", "audio"]
Image.MAX_IMAGE_PIXELS = 120_000_000  # 50-megapixel phone photos are normal; 120 MP is not


@dataclass(frozen=True, slots=True)
class MediaInfo:
    path: Path
    kind: Kind
    width: int = 0           # as displayed (EXIF orientation / rotation applied)
    height: int = 0
    duration_s: float = 0.0  # 0 for images
    fps: float = 0.0
    has_audio: bool = False
    rotation: int = 0


def probe(path: Path, *, expect: tuple[Kind, ...], story: Path | None = None, line: int | None = None,
          field: str | None = None) -> MediaInfo:
    """Identifies `path` by content (not by extension) and checks it is one of `expect`."""
    where = dict(file=story or path, line=line, field=field)
    if not path.exists():
        raise MediaError(_("media file not found: {path}", path=path), **where,
                         hint=near_name(path) or _("paths are relative to the story file; check the spelling and the folder"))
    if not path.is_file():
        raise MediaError(_("not a file: {path}", path=path), **where)
    # remembered per file identity: the instant preview plans after every keystroke, and a batch
    # examines a job before rendering it; a changed file (size, times, inode) is probed again
    key = (*file_identity(path), expect)
    if (known := _PROBED.get(key)) is not None:
        return known
    info = _probe_image(path) if "image" in expect else None
    if info is None:
        info = _probe_av(path, where)
    if info is None or info.kind not in expect:
        what = (_KIND_FILE[info.kind] if info else
                _("cannot be read as a picture, video or sound file (damaged, incomplete, or another kind of file)"))
        expected = _("a picture or a video") if expect == ("image", "video") else \
            _("a sound or a video") if expect == ("audio", "video") else _KIND_FILE[expect[0]]
        raise MediaError(_("{name}: {what} (expected {expected})", name=path.name, what=what, expected=expected),
                         **where, hint=_KIND_HINT[expect[0]])
    if len(_PROBED) > 256:
        _PROBED.clear()
    _PROBED[key] = info  # only successes: an error names the story's line each time
    return info


_PROBED: dict[tuple, MediaInfo] = {}


def file_identity(path: Path) -> tuple:
    """A file as a cache key sees it: path, size, modification and change times, inode (a changed
    or replaced file is new)."""
    try:
        st = path.stat()
        return str(path), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino
    except OSError:
        return str(path), None, None, None, None


_KIND_HINT = {
    "image": _("use a JPEG, PNG or WebP picture, or an MP4/MOV/WebM video"),
    "video": _("use an MP4, MOV or WebM video"),
    "audio": _("use an MP3, M4A, WAV or OGG sound file"),
}
_KIND_FILE = {"image": _("a picture"), "video": _("a video"), "audio": _("a sound file")}


def _probe_image(path: Path) -> MediaInfo | None:
    try:
        with Image.open(path) as im:
            if getattr(im, "n_frames", 1) > 1 and im.format in ("GIF", "WEBP"):
                return None  # animated: read as video
            w, h = im.size
            orientation = im.getexif().get(0x0112, 1)
            fmt = im.format
        if fmt != "JPEG":  # checks the whole file; a JPEG's data is checked when it is decoded
            with Image.open(path) as im:
                im.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    except Image.DecompressionBombError as e:
        raise MediaError(_("{name}: picture too large ({problem})", name=path.name, problem=e), file=path,
                         hint=_("resize it below 120 megapixels")) from None
    if orientation in (5, 6, 7, 8):
        w, h = h, w
    return MediaInfo(path, "image", w, h)


def _probe_av(path: Path, where: dict) -> MediaInfo | None:
    """A video or sound file, as the bundled ffmpeg reads it; its first picture or sound is
    decoded, so a damaged file is refused here rather than in the middle of a render."""
    try:
        info = read_streams(path)
    except Unreadable:
        return None
    duration = info.duration_s or 0.0
    has_audio = bool(info.audio)
    if info.video:
        stream = info.video[0]
        if not _decodes(path, ["-map", f"0:{stream.index}", "-frames:v", "1", "-s", "16x16", "-pix_fmt", "gray"], 256):
            if info.container.startswith("image2") or info.container.endswith("_pipe"):
                raise MediaError(_("{name}: not a readable picture (damaged, or not an image despite "
                                   "its name)", name=path.name), **where, hint=_KIND_HINT["image"])
            raise MediaError(_("{name}: the video cannot be decoded (damaged or truncated)", name=path.name),
                             **where, hint=_("re-export the clip as MP4 (H.264), or replace it"))
        w, h = stream.display_size
        return MediaInfo(path, "video", w, h, duration, float(stream.fps), has_audio, stream.rotation)
    if has_audio:
        if not _decodes(path, ["-map", f"0:{info.audio[0].index}", "-ac", "1", "-ar", "8000", "-sample_fmt", "s16"], 2, "s16le"):
            raise MediaError(_("{name}: the sound cannot be decoded (corrupt or truncated)", name=path.name),
                             **where, hint=_("re-export it as MP3 or WAV, or replace it"))
        return MediaInfo(path, "audio", duration_s=duration, has_audio=True)
    return None


def _decodes(path: Path, output: list[str], first_bytes: int, fmt: str = "rawvideo") -> bool:
    """Whether ffmpeg decodes the first `first_bytes` of the mapped stream."""
    frames = iter(RawFrames(["-i", str(path)], [*output, "-f", fmt], first_bytes))
    try:
        return next(frames, None) is not None
    except DecodeError:
        return False
    finally:
        frames.close()


def load_still(path: Path, size: tuple[int, int], focus: tuple[float, float] | None = None) -> Image.Image:
    """Decodes a picture once, upright (EXIF), flattened to RGB, scaled and cropped to cover
    `size` around `focus` (fractions of the picture; default its centre). JPEG draft mode keeps a
    50-megapixel photo's memory low."""
    try:
        with Image.open(path) as im:
            im.draft("RGB", size)
            im = ImageOps.exif_transpose(im)
            if im.mode in ("RGBA", "LA", "P"):
                im = im.convert("RGBA")
                flat = Image.new("RGBA", im.size, (0, 0, 0, 255))
                flat.alpha_composite(im)
                im = flat
            im = im.convert("RGB")
            return _cover(im, size, focus or (0.5, 0.5))
    except (OSError, SyntaxError, ValueError) as e:
        raise MediaError(_("{name}: the picture cannot be decoded ({problem})", name=path.name, problem=e), file=path,
                         hint=_("re-save it as JPEG or PNG, or replace it")) from None


def _cover(im: Image.Image, size: tuple[int, int], focus: tuple[float, float]) -> Image.Image:
    """Scales to cover `size` and crops around `focus`, in one resize of only the needed region."""
    tw, th = size
    scale = max(tw / im.width, th / im.height)
    cw, ch = min(im.width, tw / scale), min(im.height, th / scale)  # min(): float rounding
    left = min(max(0.0, focus[0] * im.width - cw / 2), im.width - cw)
    top = min(max(0.0, focus[1] * im.height - ch / 2), im.height - ch)
    return im.resize(size, Image.Resampling.LANCZOS, box=(left, top, left + cw, top + ch), reducing_gap=3.0)
