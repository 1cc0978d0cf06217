"""Writes the bundle's licence files at build time (called by build.spec, also runnable alone).

THIRD_PARTY_NOTICES.txt lists every bundled component: the Python distributions the analysis
collected (name, version, licence and source address read from their installed metadata, and the
licence texts they ship), then the parts that are not Python distributions (the Python runtime,
the FFmpeg builds, Qt, x264, the fonts). SOURCE_OFFER.txt is the written offer for the GPL/LGPL
parts' source; licenses/ holds the GPL and LGPL texts; LICENSE.txt is the project's own licence.

    python packaging/notices.py OUT_DIR     # with every distribution the bundle would collect
"""

from __future__ import annotations

import importlib.metadata as md
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LICENSE_TEXTS = ("GPL-3.0.txt", "LGPL-3.0.txt", "LGPL-2.1.txt")
SOURCE_KEYS = ("source", "source code", "repository", "code", "homepage")


def distributions_for(top_level_names: set[str], bundled: set[str] | None = None) -> list[md.Distribution]:
    """The installed distributions providing these top-level modules or `<name>.libs` folders; with
    `bundled` (the source paths the build collected), only those with a file in the bundle (several
    distributions share `PySide6/`, and stdlib names like `html` are also top-levels of `future`)."""
    owners = md.packages_distributions()
    names: set[str] = set()
    for top in top_level_names:
        top = top.removesuffix(".libs")
        names.update(owners.get(top, ()))
        if top.startswith("opencv_python"):  # the wheel's `opencv_python_headless.libs` folder
            names.add(top.replace("_", "-"))
    names.discard("kindness-studio")
    dists = {}
    for name in names:
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            continue
        dists[dist.metadata["Name"].lower()] = dist
    if bundled is not None:
        files = {key: {str(Path(d.locate_file(f)).resolve()) for f in d.files or ()} for key, d in dists.items()}
        claims: dict[str, int] = {}
        for paths in files.values():
            for path in paths:
                claims[path] = claims.get(path, 0) + 1
        # a file several wheels write (PySide6/__init__.py is in every PySide6_* wheel) proves nothing
        dists = {key: d for key, d in dists.items() if any(p in bundled and claims[p] == 1 for p in files[key])}
    return [dists[k] for k in sorted(dists)]


def licence_of(meta) -> str:
    if expr := meta.get("License-Expression"):
        return expr
    text = (meta.get("License") or "").strip()
    if text and text.upper() != "UNKNOWN" and len(text) < 100 and "\n" not in text:
        return text
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    classifiers = [c for c in classifiers if c != "OSI Approved"]
    return " / ".join(classifiers) or "see the licence text below"


def source_of(meta) -> str:
    urls = {}
    for entry in meta.get_all("Project-URL") or []:
        key, _, url = entry.partition(",")
        urls[key.strip().lower()] = url.strip()
    for key in SOURCE_KEYS:
        if key in urls:
            return urls[key]
    return meta.get("Home-page") or next(iter(urls.values()), f"https://pypi.org/project/{meta['Name']}/")


def licence_texts(dist: md.Distribution) -> list[tuple[str, str]]:
    texts = []
    for name in dist.metadata.get_all("License-File") or []:
        for candidate in (f"licenses/{name}", name):
            text = dist.read_text(candidate)
            if text:
                texts.append((name, text))
                break
    return texts


def ffmpeg_facts(exe: str) -> tuple[str, str]:
    """(version, configuration) of an ffmpeg binary, from `ffmpeg -version`."""
    out = subprocess.run([exe, "-hide_banner", "-version"], capture_output=True, text=True).stdout
    version = re.search(r"ffmpeg version (\S+)", out)
    config = re.search(r"configuration: (.*)", out)
    return (version.group(1) if version else "unknown"), (config.group(1) if config else "")


def shared_lib_versions(folder: Path, stem: str) -> list[str]:
    return sorted({p.name for p in folder.glob(f"{stem}*.so*")}) if folder.is_dir() else []


def other_components() -> list[dict[str, str]]:
    """The bundled parts that are not Python distributions, with their facts read from this machine."""
    import imageio_ffmpeg
    import PySide6
    site = Path(imageio_ffmpeg.__file__).parents[1]
    ff_exe = imageio_ffmpeg.get_ffmpeg_exe()
    ff_version, ff_config = ffmpeg_facts(ff_exe)
    py = ".".join(map(str, sys.version_info[:3]))
    qt = PySide6.__version__
    qt_mm = ".".join(qt.split(".")[:2])
    parts = [
        dict(name="Python runtime (libpython, standard library)", version=py, licence="PSF-2.0",
             source=f"https://www.python.org/downloads/release/python-{py.replace('.', '')}/"),
        dict(name=f"FFmpeg command-line program ({Path(ff_exe).name}, shipped by imageio-ffmpeg)",
             version=ff_version,
             licence="GPL-3.0-or-later (built with --enable-gpl --enable-version3 and libx264)",
             source=f"https://ffmpeg.org/releases/ (FFmpeg {ff_version}); build scripts: "
                    "https://github.com/imageio/imageio-binaries; see SOURCE_OFFER.txt",
             note=f"configuration: {ff_config}"),
        dict(name="x264 (built into the FFmpeg program)", version="as built", licence="GPL-2.0-or-later",
             source="https://code.videolan.org/videolan/x264"),
        dict(name="FFmpeg libraries of OpenCV (opencv_python_headless.libs/)",
             version=", ".join(shared_lib_versions(site / "opencv_python_headless.libs", "libavcodec")),
             licence="LGPL-2.1-or-later", source="https://github.com/opencv/opencv-python; https://ffmpeg.org/releases/"),
        dict(name="Qt (libQt6*, plugins, translations)", version=qt, licence="LGPL-3.0-only",
             source=f"https://download.qt.io/official_releases/qt/{qt_mm}/{qt}/src/single/; "
                    "https://code.qt.io/cgit/qt/; see SOURCE_OFFER.txt"),
        dict(name="Inter font (assets/fonts/Inter-*.otf)", version="4.0 beta 7", licence="OFL-1.1 (Inter-LICENSE.txt beside it)",
             source="https://github.com/rsms/inter"),
        dict(name="Noto Color Emoji font (assets/fonts/NotoColorEmoji.ttf)", version="2.042",
             licence="OFL-1.1 (NotoColorEmoji-LICENSE.txt beside it)", source="https://github.com/googlefonts/noto-emoji"),
    ]
    return parts


def write_notices(out: Path, dists: list[md.Distribution]) -> Path:
    lines = ["THIRD-PARTY NOTICES — Kindness Studio desktop bundle",
             "",
             "Kindness Studio's own code is under the MIT licence (LICENSE.txt). This bundle also",
             "contains the components below. Because the FFmpeg program is built with libx264",
             "(GPL), the bundle as a whole is distributed under the terms of",
             "the GNU General Public License version 3 (licenses/GPL-3.0.txt). Qt is used under the",
             "GNU LGPL version 3 (licenses/LGPL-3.0.txt); the Qt and FFmpeg libraries are separate",
             "shared libraries that you may replace. The source offer is in SOURCE_OFFER.txt.",
             "Generated at build time from the installed distributions' metadata.",
             "", "=" * 78, "Components that are not Python distributions", "=" * 78, ""]
    for part in other_components():
        lines += [part["name"], f"  version: {part['version']}", f"  licence: {part['licence']}",
                  f"  source:  {part['source']}"]
        if part.get("note"):
            lines.append(f"  {part['note']}")
        lines.append("")
    lines += ["=" * 78, "Python distributions", "=" * 78, ""]
    for dist in dists:
        meta = dist.metadata
        lines += [f"{meta['Name']}", f"  version: {meta['Version']}", f"  licence: {licence_of(meta)}",
                  f"  source:  {source_of(meta)}", ""]
    lines += ["=" * 78, "Licence texts shipped by the Python distributions", "=" * 78, ""]
    for dist in dists:
        for name, text in licence_texts(dist):
            lines += ["-" * 78, f"{dist.metadata['Name']} {dist.metadata['Version']}: {name}", "-" * 78,
                      text.rstrip(), ""]
    path = out / "THIRD_PARTY_NOTICES.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_source_offer(out: Path) -> Path:
    import imageio_ffmpeg
    import PySide6
    ff_version, ff_config = ffmpeg_facts(imageio_ffmpeg.get_ffmpeg_exe())
    qt = PySide6.__version__
    qt_mm = ".".join(qt.split(".")[:2])
    text = f"""SOURCE OFFER — Kindness Studio desktop bundle

This bundle contains software under the GNU GPL version 3 and the GNU LGPL versions 2.1 and 3.
You may get the complete corresponding source code of those parts from the addresses below,
at no charge. For three years from the date you received this bundle, the Kindness Studio
maintainers will also give anyone who asks (by an issue on the project's repository) a copy of
that source on a medium customarily used for software interchange, for no more than the cost
of physically performing the distribution.

FFmpeg {ff_version} (the `ffmpeg` program in _internal/imageio_ffmpeg/binaries/, GPL-3.0-or-later)
  source:          https://ffmpeg.org/releases/  (git: https://git.ffmpeg.org/ffmpeg.git)
  build scripts:   https://github.com/imageio/imageio-binaries and https://github.com/imageio/imageio-ffmpeg
  x264 (GPL):      https://code.videolan.org/videolan/x264
  configuration:   {ff_config}
  You may replace it: set STUDIO_FFMPEG to the path of another ffmpeg program.

FFmpeg libraries inside OpenCV (_internal/opencv_python_headless.libs/, LGPL-2.1-or-later)
  source:          https://ffmpeg.org/releases/ ; https://github.com/opencv/opencv-python

Qt {qt} (LGPL-3.0-only) and PySide6/Shiboken6 {qt} (LGPL-3.0-only)
  source:          https://download.qt.io/official_releases/qt/{qt_mm}/{qt}/src/single/
                   https://download.qt.io/official_releases/QtForPython/pyside6/
                   https://code.qt.io/cgit/pyside/pyside-setup.git/ (tag v{qt})
  The Qt libraries are separate shared libraries in _internal/PySide6/Qt/lib/: you may replace
  them with a modified build of the same version.

Kindness Studio itself (MIT): the project's repository; this bundle was built from it by
`make app` (build.spec), which you can rerun to rebuild the bundle with modified parts.
"""
    path = out / "SOURCE_OFFER.txt"
    path.write_text(text, encoding="utf-8")
    return path


def write_all(out: Path, top_level_names: set[str], bundled: set[str] | None = None) -> list[Path]:
    """Writes the notices, the source offer, the licence texts and the project's licence into out."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "licenses").mkdir(exist_ok=True)
    written = [write_notices(out, distributions_for(top_level_names, bundled)), write_source_offer(out)]
    for name in LICENSE_TEXTS:
        written.append(Path(shutil.copy(HERE / "licenses" / name, out / "licenses" / name)))
    written.append(Path(shutil.copy(ROOT / "LICENSE", out / "LICENSE.txt")))
    return written


if __name__ == "__main__":
    tops = {"PySide6", "shiboken6", "av", "cv2", "numpy", "PIL", "imageio_ffmpeg", "pydantic", "pydantic_core",
            "yaml", "rich", "fontTools", "platformdirs", "ffmpeg"}
    for p in write_all(Path(sys.argv[1]), tops):
        print(p)
