"""Generate the brand logo and the example media of Kindness Studio (all CC0, no downloads).

    /tmp/venv0/bin/python examples/make_media.py      # or any Python with Pillow, numpy, imageio-ffmpeg

Writes assets/brands/createkindness-fr/{logo.png,LICENSE.txt} and examples/stories/media/*.
Everything is drawn with Pillow/numpy from fixed seeds, so a rerun gives the same pictures and sound.
"""

from __future__ import annotations

import math
import subprocess
import tempfile
import wave
from pathlib import Path

import imageio_ffmpeg
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageOps

ROOT = Path(__file__).resolve().parent.parent
BRAND = ROOT / "assets" / "brands" / "createkindness-fr"
MEDIA = ROOT / "examples" / "stories" / "media"
PINK, YELLOW, VIOLET = (255, 79, 123), (255, 209, 102), (58, 28, 113)
FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()
BITEXACT = ["-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact"]
SR = 44100
LICENSE = ("{what} generated for Kindness Studio by examples/make_media.py (code only: no photos,\n"
           "recordings or third-party artwork). Dedicated to the public domain under CC0 1.0:\n"
           "https://creativecommons.org/publicdomain/zero/1.0/\n")


# ---------------------------------------------------------------- helpers
def vgradient(w, h, stops):
    """RGB image with a vertical gradient through [(pos 0..1, (r, g, b)), ...]."""
    pos = np.array([p for p, _ in stops])
    cols = np.array([c for _, c in stops], float)
    t = np.linspace(0, 1, h)
    col = np.stack([np.interp(t, pos, cols[:, i]) for i in range(3)], 1)
    return Image.fromarray(np.repeat(col[:, None, :], w, 1).astype(np.uint8))


def glow(img, cx, cy, radius, color, strength):
    """Add a soft radial light (screen-like) centred on (cx, cy)."""
    gauss = lambda n, c: np.exp(-((np.arange(n) - c) ** 2) / (2 * radius ** 2)).astype(np.float32)  # noqa: E731
    k = strength * np.outer(gauss(img.height, cy), gauss(img.width, cx))  # separable, hence quick
    a = 255 - (255 - np.asarray(img, np.float32)) * (1 - k[..., None] * np.array(color, np.float32) / 255)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def finish(img, seed, noise=4.0, blur=1.0):
    """Film-like texture: a little grain, then a little softness, so flat shapes do not look flat."""
    rng = np.random.default_rng(seed)
    a = np.asarray(img, np.float32) + rng.normal(0, noise, (img.height, img.width, 1)).astype(np.float32)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(blur))


def heart(cx, cy, size):
    """Polygon of a rounded heart (the classic parametric curve), `size` = width in pixels."""
    t = np.linspace(0, 2 * np.pi, 160, endpoint=False)
    x = 16 * np.sin(t) ** 3
    y = 13 * np.cos(t) - 5 * np.cos(2 * t) - 2 * np.cos(3 * t) - np.cos(4 * t)
    return list(zip((cx + x * size / 34).tolist(), (cy - y * size / 34).tolist()))


def mix(c1, c2, t):
    return tuple(int(a + (b - a) * t) for a, b in zip(c1, c2))


# ---------------------------------------------------------------- 1. logo
def make_logo():
    img = Image.new("RGBA", (2048, 2048), (0, 0, 0, 0))  # drawn 4x larger, then reduced: smooth edges
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([160, 224, 1888, 1568], radius=440, fill=VIOLET)  # speech bubble...
    d.polygon([(480, 1440), (448, 1880), (920, 1520)], fill=VIOLET)  # ...and its tail
    d.polygon(heart(1120, 928, 1000), fill=YELLOW)  # a warm second heart behind
    d.polygon(heart(976, 856, 1000), fill=PINK)
    d.ellipse([680, 584, 824, 728], fill=mix(PINK, (255, 255, 255), 0.8))  # highlight
    img = img.resize((512, 512), Image.LANCZOS)
    BRAND.mkdir(parents=True, exist_ok=True)
    img.save(BRAND / "logo.png", optimize=True)
    (BRAND / "LICENSE.txt").write_text(LICENSE.format(what="The #CreateKindness logo (logo.png) was"))


# ---------------------------------------------------------------- 2a. corridor
def make_corridor():
    W, H, F, CX, CY = 2400, 1600, 1150, 1200, 780  # focal length and vanishing point, pixels
    EYE, TOP, HALF, END = 1.6, 1.5, 2.2, 32.0        # metres: eye height, ceiling above eye, half width
    haze = (255, 236, 200)
    img = vgradient(W, H, [(0, (70, 66, 88)), (0.5, (180, 170, 165)), (1, (95, 85, 90))])
    d = ImageDraw.Draw(img)
    P = lambda x, y, z: (CX + F * x / z, CY - F * y / z)  # noqa: E731  (3-D point -> pixel)
    fog = lambda c, z: mix(c, haze, 1 - math.exp(-z / 18))  # noqa: E731

    def quad(corners, color, z):
        d.polygon([P(*c) for c in corners], fill=fog(color, z))

    for i, z0 in enumerate(np.arange(0.5, END, 0.55)):  # slices of the (convex) corridor, any order
        z1 = min(z0 + 0.55, END)
        for j, x0 in enumerate(np.arange(-HALF, HALF, 0.55)):
            c = (150, 140, 128) if (i + j) % 2 else (122, 112, 104)
            quad([(x0, -EYE, z0), (x0 + 0.55, -EYE, z0), (x0 + 0.55, -EYE, z1), (x0, -EYE, z1)], c, z0)
        quad([(-HALF, TOP, z0), (HALF, TOP, z0), (HALF, TOP, z1), (-HALF, TOP, z1)],
             (200, 198, 190) if i % 2 else (188, 186, 180), z0)  # ceiling panels
        for side in (-1, 1):  # walls: plaster above, lockers below
            x = side * HALF
            quad([(x, 0.5, z0), (x, TOP, z0), (x, TOP, z1), (x, 0.5, z1)], (214, 200, 170), z0)
            locker = [(52, 110, 150), (255, 120, 130), (60, 125, 160)][(i + (side > 0)) % 3]
            quad([(x, -EYE, z0), (x, 0.5, z0), (x, 0.5, z1), (x, -EYE, z1)], locker, z0)
            line = lambda a, b, c, w: d.line([P(*a), P(*b)], fill=fog(c, z0), width=max(1, int(w / z0)))  # noqa
            for yv in (0.25, 0.18, 0.11):  # vents, door edge, handle
                line((x, yv, z0 + 0.12), (x, yv, z1 - 0.12), (30, 50, 70), 30)
            line((x, -EYE, z0), (x, 0.5, z0), (25, 35, 50), 14)
            line((x, -0.4, z1 - 0.1), (x, -0.1, z1 - 0.1), (230, 230, 230), 22)
        if i % 6 == 2:  # ceiling lights
            quad([(-0.5, TOP, z0), (0.5, TOP, z0), (0.5, TOP, z0 + 0.3), (-0.5, TOP, z0 + 0.3)], (255, 250, 235), 0)
    quad([(-HALF, -EYE, END), (HALF, -EYE, END), (HALF, TOP, END), (-HALF, TOP, END)], (230, 215, 190), END)
    d.polygon([P(-0.9, -EYE, END), P(0.9, -EYE, END), P(0.9, 0.9, END), P(-0.9, 0.9, END)], fill=(255, 250, 235))
    img = glow(img, CX, CY - 10, 260, (255, 240, 200), 0.85)  # daylight through the far door
    img = glow(img, CX, CY + 300, 500, (255, 225, 170), 0.25)  # its reflection on the floor
    return finish(img, seed=1, noise=3.0, blur=1.2)


# ---------------------------------------------------------------- 2b. phone at night (EXIF orientation 6)
def make_phone():
    W, H = 1600, 2400
    img = vgradient(W, H, [(0, (14, 16, 40)), (1, (30, 26, 64))])
    yy, xx = np.mgrid[0:H, 0:W]
    folds = np.sin(xx / 210 + np.sin(yy / 330) * 1.7) * np.sin(yy / 260 + xx / 900)  # bed-sheet folds
    img = Image.fromarray(np.clip(np.asarray(img) * (1 + 0.35 * folds[..., None]), 0, 255).astype(np.uint8))
    img = glow(img, 820, 1250, 620, (120, 160, 255), 0.55)  # light of the screen on the sheet
    pw, ph = 760, 1500
    phone = Image.new("RGBA", (pw + 200, ph + 200), (0, 0, 0, 0))
    d = ImageDraw.Draw(phone)
    d.rounded_rectangle([100, 100, 100 + pw, 100 + ph], radius=110, fill=(12, 12, 18))
    screen = vgradient(pw - 60, ph - 60, [(0, (90, 120, 230)), (0.6, (150, 110, 200)), (1, (250, 150, 170))])
    mask = Image.new("L", screen.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle([0, 0, *screen.size], radius=85, fill=255)
    phone.paste(screen, (130, 130), mask)
    d.rounded_rectangle([390, 150, 570, 190], radius=20, fill=(12, 12, 18))  # camera notch
    d.rounded_rectangle([330, 290, 630, 400], radius=30, fill=(140, 160, 240))  # the clock, as a blur
    for k, (y, ac) in enumerate([(520, PINK), (760, YELLOW), (1000, (120, 200, 255))]):  # notification bubbles
        d.rounded_rectangle([170, y, 60 + pw, y + 200], radius=44, fill=(242, 240, 248))
        d.ellipse([200, y + 45, 310, y + 155], fill=ac)
        d.rounded_rectangle([340, y + 55, 340 + 200 + 60 * k, y + 85], radius=15, fill=(70, 60, 110))  # "name"
        d.rounded_rectangle([340, y + 115, 20 + pw - 20 * k, y + 140], radius=12, fill=(170, 165, 195))  # "text"
    phone = phone.rotate(-14, resample=Image.BICUBIC, expand=True)
    shadow = Image.new("RGBA", phone.size, (0, 0, 0, 0))
    shadow.putalpha(phone.getchannel("A").point(lambda v: v * 0.6).filter(ImageFilter.GaussianBlur(40)))
    img = img.convert("RGBA")
    img.alpha_composite(shadow, (W // 2 - phone.width // 2 + 40, 1250 - phone.height // 2 + 60))
    img.alpha_composite(phone, (W // 2 - phone.width // 2, 1250 - phone.height // 2))
    return finish(img.convert("RGB"), seed=2, noise=3.5, blur=0.9)


def save_with_orientation_6(upright, path):
    """Store the pixels rotated 90° counter-clockwise plus EXIF Orientation=6 (viewer rotates them back)."""
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: "rotate 90° clockwise to display"
    upright.transpose(Image.Transpose.ROTATE_90).save(path, quality=85, exif=exif, optimize=True)
    shown = np.asarray(ImageOps.exif_transpose(Image.open(path)).convert("RGB"), float)
    assert shown.shape == np.asarray(upright).shape and np.abs(shown - np.asarray(upright)).mean() < 3, \
        "EXIF orientation 6 does not give back the upright picture"


# ---------------------------------------------------------------- 2c. school yard at sunrise
def kid(d, x, ground, h, color):
    """A small standing silhouette, feet on `ground`, total height h."""
    d.ellipse([x - h * 0.09, ground - h, x + h * 0.09, ground - h * 0.82], fill=color)
    d.rounded_rectangle([x - h * 0.13, ground - h * 0.8, x + h * 0.13, ground - h * 0.4], radius=h * 0.07, fill=color)
    d.rounded_rectangle([x - h * 0.11, ground - h * 0.45, x - h * 0.02, ground], radius=h * 0.04, fill=color)
    d.rounded_rectangle([x + h * 0.02, ground - h * 0.45, x + h * 0.11, ground], radius=h * 0.04, fill=color)


def make_yard():
    N, HZ = 2000, 1240  # size, horizon line
    img = vgradient(N, N, [(0, (58, 28, 113)), (0.3, (160, 70, 140)), (0.52, (255, 120, 120)),
                           (0.62, (255, 209, 140)), (1, (255, 209, 140))])
    img = glow(img, 1500, HZ - 100, 300, (255, 235, 180), 0.9)
    d = ImageDraw.Draw(img)
    d.ellipse([1410, HZ - 190, 1590, HZ - 10], fill=(255, 244, 210))  # the sun, just risen
    clouds, rng = Image.new("RGBA", (N, N), (0, 0, 0, 0)), np.random.default_rng(3)
    cd = ImageDraw.Draw(clouds)
    for cx, cy, w in [(420, 420, 520), (1500, 300, 640), (900, 760, 420), (1700, 880, 360)]:
        for _ in range(7):
            dx, dy, r = rng.uniform(-w / 2, w / 2), rng.uniform(-30, 30), rng.uniform(40, 90)
            cd.ellipse([cx + dx - r * 1.8, cy + dy - r, cx + dx + r * 1.8, cy + dy + r], fill=(255, 190, 200, 120))
    img = Image.alpha_composite(img.convert("RGBA"), clouds.filter(ImageFilter.GaussianBlur(25))).convert("RGB")
    d = ImageDraw.Draw(img)
    school = (52, 30, 78)
    d.rectangle([120, HZ - 330, 980, HZ], fill=school)  # main building, roof, clock tower
    d.polygon([(90, HZ - 330), (550, HZ - 470), (1010, HZ - 330)], fill=school)
    d.rectangle([500, HZ - 560, 600, HZ - 400], fill=school)
    d.ellipse([520, HZ - 530, 580, HZ - 470], fill=(255, 220, 160))
    d.rectangle([980, HZ - 170, 1260, HZ], fill=(64, 36, 90))  # gym
    d.rectangle([1260, HZ - 40, N, HZ], fill=(64, 36, 90))  # yard wall
    for k in range(18):  # two rows of windows, a few already lit
        x, y = 170 + k % 9 * 90, HZ - 290 + k // 9 * 130
        d.rectangle([x, y, x + 45, y + 80], fill=(255, 210, 140) if k * 7 % 5 == 0 else (85, 55, 110))
    d.line([(1180, HZ - 170), (1180, HZ - 390)], fill=school, width=10)  # flag pole + flag
    d.polygon([(1185, HZ - 390), (1290, HZ - 365), (1185, HZ - 340)], fill=PINK)
    img.paste(vgradient(N, N - HZ, [(0, (150, 110, 130)), (1, (80, 60, 96))]), (0, HZ))  # the yard
    d = ImageDraw.Draw(img)
    for x in range(-1200, 3400, 800):  # painted court lines, in perspective towards the school
        d.line([(1000 + (x - 1000) * 0.2, HZ + 5), (x, N)], fill=(190, 150, 170), width=5)
    d.line([(0, 1500), (N, 1500)], fill=(190, 150, 170), width=5)
    for x, h in [(860, 260), (1010, 230)]:  # two friends and their long morning shadows
        d.polygon([(x - 20, 1700), (x + 20, 1700), (x - 520, 1770), (x - 560, 1745)], fill=(70, 50, 88))
        kid(d, x, 1700, h, (40, 22, 60))
    d.line([(860 + 30, 1700 - 170), (1010 - 30, 1700 - 160)], fill=(40, 22, 60), width=18)  # holding hands
    return finish(img, seed=4, noise=3.0, blur=1.0)


# ---------------------------------------------------------------- 2d. street footage
def street_layers(W, H):
    """Parallax layers (wide RGBA strips) and their speeds in pixels per frame."""
    rng = np.random.default_rng(5)
    sky = vgradient(W, H, [(0, (120, 150, 210)), (0.7, (255, 200, 170)), (1, (255, 220, 190))]).convert("RGBA")
    layers = [(sky, 0.0)]
    for depth, (col, speed, base, hmax) in enumerate([((150, 130, 170), 0.6, 470, 300),
                                                      ((95, 80, 120), 1.6, 520, 330)]):  # far and near houses
        lay = Image.new("RGBA", (W * 2, H), (0, 0, 0, 0))
        d = ImageDraw.Draw(lay)
        x = 0
        while x < W * 2:
            bw, bh = rng.integers(110, 240), rng.integers(hmax // 3, hmax)
            d.rectangle([x, base - bh, x + bw, H], fill=mix(col, (60, 50, 80), rng.uniform(0, 0.3)))
            for wy in range(base - bh + 25, base - 20, 45):  # windows, some lit
                for wx in range(x + 15, x + bw - 25, 35):
                    lit = rng.random() < 0.25
                    d.rectangle([wx, wy, wx + 14 + depth * 4, wy + 20],
                                fill=(255, 214, 150) if lit else mix(col, (40, 30, 60), 0.3))
            x += bw + rng.integers(0, 30)
        layers.append((lay.filter(ImageFilter.GaussianBlur(2 - depth)), speed))
    street = Image.new("RGBA", (W * 2, H), (0, 0, 0, 0))
    d = ImageDraw.Draw(street)
    d.rectangle([0, 520, W * 2, 575], fill=(170, 150, 150))  # pavement
    d.rectangle([0, 575, W * 2, H], fill=(70, 66, 80))  # road
    for x in range(0, W * 2, 160):
        d.rectangle([x, 640, x + 80, 650], fill=(230, 220, 200))  # lane marks
    for x in (np.cumsum(rng.integers(260, 520, 12)) - 200).tolist():  # trees and lamps, unevenly spaced
        d.rectangle([x - 8, 380, x + 8, 530], fill=(60, 40, 50))
        for dx, dy, r in [(0, 330, 80), (-55, 370, 60), (55, 365, 62)]:
            d.ellipse([x + dx - r, dy - r, x + dx + r, dy + r], fill=mix((70, 130, 90), (40, 80, 70), (dx + 55) / 110))
        d.rectangle([x + 163, 300, x + 169, 530], fill=(40, 40, 55))
        d.ellipse([x + 152, 285, x + 180, 313], fill=(255, 235, 190))
    layers.append((street, 3.0))
    fg = Image.new("RGBA", (W * 2, H), (0, 0, 0, 0))
    d = ImageDraw.Draw(fg)
    for x in range(-100, W * 2, 1100):  # blurred foreground bushes close to the camera
        for dx, r in [(0, 130), (150, 190), (330, 150), (460, 110)]:
            d.ellipse([x + dx - r, H - r * 0.9, x + dx + r, H + r], fill=mix((38, 70, 56), (60, 95, 60), dx / 460))
    layers.append((fg.filter(ImageFilter.GaussianBlur(10)), 6.0))
    return layers


def make_street_clip(path, seconds=8, fps=25, W=1280, H=720):
    layers = street_layers(W, H + 8)  # 8 spare rows for the camera bob
    with tempfile.TemporaryDirectory() as tmp:
        wav = write_wav(Path(tmp) / "ambience.wav", ambience(seconds))
        cmd = [FFMPEG, "-y", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{W}x{H}",
               "-r", str(fps), "-i", "-", "-i", wav, "-c:v", "libx264", "-preset", "slow", "-crf", "28",
               "-pix_fmt", "yuv420p", "-threads", "1", "-c:a", "aac", "-b:a", "64k", "-ar", str(SR), "-ac", "2",
               "-movflags", "+faststart", "-shortest", *BITEXACT, str(path)]
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE)
        for f in range(seconds * fps):
            frame = Image.new("RGBA", (W, H + 8))
            for lay, speed in layers:
                off = int(f * speed) % (lay.width - W) if speed else 0
                frame.alpha_composite(lay.crop((off, 0, off + W, H + 8)))
            bob = 4 + int(round(3 * math.sin(f / 11)))  # a hint of hand-held camera
            proc.stdin.write(frame.convert("RGB").crop((0, bob, W, bob + H)).tobytes())
        proc.stdin.close()
        if proc.wait():
            raise SystemExit(f"ffmpeg failed writing {path}")


# ---------------------------------------------------------------- audio
def write_wav(path, stereo):
    """16-bit stereo WAV for ffmpeg to encode; returns the path as a string."""
    with wave.open(str(path), "wb") as w:
        w.setparams((2, 2, SR, 0, "NONE", "not compressed"))
        w.writeframes((np.clip(stereo, -1, 1) * 32767).astype("<i2").tobytes())
    return str(path)


def shaped_noise(rng, n, corner_hz):
    """Gaussian noise low-passed in the frequency domain (gentle 1/f slope above `corner_hz`)."""
    spec = np.fft.rfft(rng.normal(0, 1, n))
    f = np.fft.rfftfreq(n, 1 / SR)
    return np.fft.irfft(spec / np.sqrt(1 + (f / corner_hz) ** 2), n)


def ambience(seconds):
    """Quiet street/park air: low-passed noise, decorrelated channels, slow swell. Peak about -20 dBFS."""
    rng = np.random.default_rng(6)
    n = seconds * SR
    t = np.arange(n) / SR
    x = np.stack([shaped_noise(rng, n, 250) * (0.8 + 0.2 * np.sin(2 * np.pi * t / 5 + ph)) for ph in (0, 1.3)], 1)
    fade = np.minimum(1, np.minimum(t, seconds - t) / 0.5)[:, None]
    return x / np.abs(x).max() * 0.1 * fade


def music(seconds=45, bpm=70):
    """Soft I–vi–IV–V in C: sine + a touch of triangle partials, slow attack/release, one chord a bar."""
    n = seconds * SR
    t = np.arange(n) / SR
    out = np.zeros((n, 2))
    bar = 4 * 60 / bpm
    chords = [[48, 60, 64, 67], [45, 57, 60, 64], [41, 57, 60, 65], [43, 55, 59, 62]]  # MIDI: C, Am, F, G
    for b in range(int(seconds / bar) + 1):
        start, notes = b * bar, chords[b % 4]
        i0, i1 = int(start * SR), min(n, int((start + bar + 2.0) * SR))  # ring 2 s into the next chord
        tt = t[i0:i1] - start
        env = np.minimum(1, tt / 0.9) * np.clip((bar + 2.0 - tt) / 2.4, 0, 1)
        for v, m in enumerate(notes):
            f = 440 * 2 ** ((m - 69) / 12)
            tone = sum(np.sin(2 * np.pi * f * k * tt + v) / k ** 2 for k in (1, 3, 5))  # triangle-ish
            tone += 0.3 * np.sin(2 * np.pi * f * 2 * tt)  # and a soft octave
            pan = 0.5 + 0.3 * math.sin(v * 2.1)
            gain = 0.6 if v == 0 else 0.35
            out[i0:i1, 0] += tone * env * gain * (1 - pan)
            out[i0:i1, 1] += tone * env * gain * pan * (1 + 0.002 * np.sin(2 * np.pi * 0.2 * tt))
    for delay, g in [(0.31, 0.3), (0.53, 0.2)]:  # a cheap room: two soft echoes, swapped sides
        k = int(delay * SR)
        out[k:] += g * out[:-k, ::-1]
    out *= np.minimum(1, np.minimum(t / 2.0, (seconds - t) / 4.0))[:, None]  # fade in 2 s, out 4 s
    return out / np.abs(out).max() * 10 ** (-6 / 20)  # peak -6 dBFS


def make_music(path):
    with tempfile.TemporaryDirectory() as tmp:
        wav = write_wav(Path(tmp) / "calme.wav", music())
        subprocess.run([FFMPEG, "-y", "-loglevel", "error", "-i", wav, "-c:a", "libmp3lame", "-b:a", "96k",
                        "-ar", str(SR), "-ac", "2", *BITEXACT, str(path)], check=True)


# ---------------------------------------------------------------- main
def main():
    MEDIA.mkdir(parents=True, exist_ok=True)
    make_logo()
    make_corridor().save(MEDIA / "couloir.jpg", quality=85, optimize=True)
    save_with_orientation_6(make_phone(), MEDIA / "telephone.jpg")
    make_yard().save(MEDIA / "cour.jpg", quality=85, optimize=True)
    make_street_clip(MEDIA / "rue.mp4")
    make_music(MEDIA / "calme.mp3")
    (MEDIA / "LICENSE.txt").write_text(LICENSE.format(what="All media in this folder (couloir.jpg, telephone.jpg, "
                                                           "cour.jpg,\nrue.mp4, calme.mp3) were"))
    for p in [BRAND / "logo.png", *sorted(MEDIA.iterdir())]:
        print(f"{p.stat().st_size / 1024:8.1f} KB  {p.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
