"""Faces in footage and photos: found with OpenCV's Haar cascades (they ship inside the
opencv-python-headless wheel, no download), followed over time, padded and held across missed
detections, so that a blur driven by them leaves no frame with a bare face.

Boxes are fractions of the frame (x, y, w, h in 0..1) so that they survive any rescaling."""

from __future__ import annotations

import math
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageFilter

from .decode import FrameTimes, RawFrames, input_args
from .ffmpeg_binary import ffmpeg_exe
from .launch import PIPE, DEVNULL, spawn
from .streams import read_streams

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class FaceTrack:
    """Detections in a clip: source times (s) and the boxes found at each."""

    times: np.ndarray
    boxes: tuple[tuple[Box, ...], ...]
    width: int   # displayed size of the analysed frames (rotation applied)
    height: int

    def near(self, t: float, hold_s: float) -> list[Box]:
        """Every box seen within `hold_s` of source time `t`: a face stays covered between
        detections, before the first and after the last (the 'hold')."""
        lo, hi = np.searchsorted(self.times, [t - hold_s, t + hold_s + 1e-6])
        return [b for i in range(lo, hi) for b in self.boxes[i]]

    def covers(self, start: float, end: float, gap_s: float) -> bool:
        """Searched at least every `gap_s` seconds over [start, end]."""
        edges = np.concatenate(([start], self.times, [end]))
        return len(self.times) > 0 and bool(np.diff(edges).max() <= gap_s + 1e-3)


@lru_cache(maxsize=1)
def _cascades() -> tuple[cv2.CascadeClassifier, ...]:
    # one thread: OpenCV's pool only fights with ffmpeg and the other renders for the two cores
    cv2.setNumThreads(1)
    root = Path(cv2.data.haarcascades)
    return tuple(cv2.CascadeClassifier(str(root / name)) for name in (
        "haarcascade_frontalface_default.xml", "haarcascade_profileface.xml"))


def detect(gray: np.ndarray, min_neighbors: int = 3) -> list[Box]:
    """Faces in one grey frame: frontal and profile (both directions). Generous on purpose: a
    false positive blurs a bit of wall, a miss shows a face."""
    h, w = gray.shape  # (no histogram equalisation: on flat frames it erases the face)
    min_side = max(16, min(w, h) // 16)
    found: list[Box] = []
    frontal, profile = _cascades()
    for cascade, img, flipped in ((frontal, gray, False), (profile, gray, False), (profile, gray[:, ::-1], True)):
        rects = cascade.detectMultiScale(np.ascontiguousarray(img), scaleFactor=1.2, minNeighbors=min_neighbors,
                                         minSize=(min_side, min_side))
        for x, y, bw, bh in (rects if len(rects) else []):
            x = w - x - bw if flipped else x
            found.append((x / w, y / h, bw / w, bh / h))
    return found


def pad(box: Box, amount: float) -> Box:
    x, y, w, h = box
    return (x - w * amount, y - h * amount, w * (1 + 2 * amount), h * (1 + 2 * amount))


def scan_video(path: Path, start: float, end: float, width: int, rate: float,
               columns: tuple[float, float] = (0.0, 1.0), keyframes_only: bool = False) -> FaceTrack:
    """Decodes source seconds [start, end] and looks for faces `rate` times a second, on frames
    turned upright and scaled to `width` pixels by ffmpeg before numpy sees them, within `columns`
    (fractions of the width: the part of the frame the video can show). The hold in
    `FaceTrack.near` covers the frames in between. `keyframes_only`: the decoder decodes the
    keyframes alone (a small fraction of the cost; phone cameras commonly put one every second)."""
    video = read_streams(path).video[0]
    fw, fh = video.display_size
    aw = min(width, fw)
    ah = max(2, round(fh * aw / fw))
    # Scaled first, turned upright after (ffmpeg's own autorotation turns every decoded frame at
    # full size). A frame is kept when it comes 1/rate s (1 ms slack) after the last one kept, as
    # the decoder gives them: a frame rate filter would invent a grid that irregular keyframes
    # do not follow. -copyts keeps the source's own times; showinfo prints each kept frame's.
    # (-ss and -t only bound the decoding: trim's -t counts from the first frame it lets through.)
    keep = (f"between(t,{start - 1e-3!r},{end + 1e-3!r})"
            f"*(isnan(prev_selected_t)+gte(t-prev_selected_t,{1 / rate - 1e-3!r}))")
    size = f"{ah}:{aw}" if video.rotation in (90, 270) else f"{aw}:{ah}"
    upright = {90: ",transpose=cclock", 180: ",hflip,vflip", 270: ",transpose=clock"}.get(video.rotation, "")
    shown = FrameTimes()
    frames = RawFrames(
        ["-noautorotate", *input_args(path, start=max(0.0, start - 1e-3), duration=max(0.0, end - start) + 2e-3,
                                      keyframes_only=keyframes_only)],
        ["-copyts", "-map", f"0:{video.index}", "-vf",
         f"select='{keep}',scale={size}:flags=bilinear,format=gray{upright},showinfo",
         "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "gray"],
        aw * ah, on_stderr=shown)
    times: list[float] = []
    boxes: list[tuple[Box, ...]] = []
    x0, x1 = (min(aw, max(0, round(c * aw))) for c in columns)
    share = (x1 - x0) / aw
    for buf in frames:
        times.append(shown.next())
        gray = np.frombuffer(buf, np.uint8).reshape(ah, aw)
        boxes.append(tuple((x0 / aw + bx * share, by, bw * share, bh) for bx, by, bw, bh in detect(gray[:, x0:x1])))
    return FaceTrack(np.asarray(times, dtype=float), tuple(boxes), fw, fh)


def write_mask(path: Path, per_frame: list[list[Box]], size: tuple[int, int], fps: int) -> Path:
    """A small grey video, one frame per output frame: white where a (padded) face is. Lossless
    FFV1, so the graph reads exactly these pixels. Raw frames go to ffmpeg's stdin; on any failure
    ffmpeg is killed and reaped and no partial file is left."""
    w, h = size
    argv = [ffmpeg_exe(), "-nostdin", "-hide_banner", "-nostats", "-loglevel", "error", "-f", "rawvideo",
            "-pix_fmt", "gray", "-s", f"{w}x{h}", "-r", str(fps), "-i", "pipe:0", "-c:v", "ffv1",
            "-f", "matroska", "-y", str(path)]
    with tempfile.TemporaryFile() as err:  # a file, not a pipe: ffmpeg never waits on its messages
        proc = spawn(argv, stdin=PIPE, stdout=DEVNULL, stderr=err)
        try:
            with proc.stdin:  # closed at the end: ffmpeg finishes the file
                for boxes in per_frame:
                    mask = np.zeros((h, w), dtype=np.uint8)
                    for bx, by, bw, bh in boxes:
                        x0, y0 = max(0, math.floor(bx * w)), max(0, math.floor(by * h))
                        x1, y1 = min(w, math.ceil((bx + bw) * w)), min(h, math.ceil((by + bh) * h))
                        mask[y0:y1, x0:x1] = 255
                    proc.stdin.write(mask.data)
        except BrokenPipeError:
            pass  # ffmpeg stopped early: its exit code and messages say why
        except BaseException:
            proc.kill()
            proc.wait()
            path.unlink(missing_ok=True)
            raise
        if proc.wait() != 0:
            path.unlink(missing_ok=True)
            err.seek(0)
            lines = err.read().decode("utf-8", "replace").split("\n")
            raise OSError(f"ffmpeg could not write {path.name}: " + "; ".join(ln for ln in lines[-4:] if ln.strip()))
    return path


def find_in_image(im: Image.Image, width: int) -> list[Box]:
    small = im.convert("L")
    if small.width > width:
        small = small.resize((width, max(2, round(im.height * width / im.width))), Image.Resampling.BILINEAR)
    return detect(np.asarray(small))


def blur_faces(im: Image.Image, boxes: list[Box], padding: float, cells: int) -> Image.Image:
    """Each padded face box reduced to `cells` blocks across, scaled back and blurred by half a
    block: no feature survives, and no face-shaped gradient is left for a detector to find."""
    im = im.copy()
    for box in boxes:
        x, y, w, h = pad(box, padding)
        x0, y0 = max(0, int(x * im.width)), max(0, int(y * im.height))
        x1, y1 = min(im.width, math.ceil((x + w) * im.width)), min(im.height, math.ceil((y + h) * im.height))
        if x1 - x0 < 2 or y1 - y0 < 2:
            continue
        region = im.crop((x0, y0, x1, y1))
        small = region.resize((cells, max(1, round(cells * region.height / region.width))), Image.Resampling.BOX)
        up = small.resize(region.size, Image.Resampling.BILINEAR)
        im.paste(up.filter(ImageFilter.GaussianBlur(region.width / cells / 2)), (x0, y0))
    return im


def centre_of(boxes: list[Box]) -> tuple[float, float] | None:
    """Where the subject is: the area-weighted centre of the faces (the largest weighs most)."""
    if not boxes:
        return None
    weights = np.array([w * h for _, _, w, h in boxes])
    xs = np.array([x + w / 2 for x, _, w, _ in boxes])
    ys = np.array([y + h / 2 for _, y, _, h in boxes])
    return float((xs * weights).sum() / weights.sum()), float((ys * weights).sum() / weights.sum())
