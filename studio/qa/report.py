"""The QA report beside each video: JSON for tools, a small self-contained HTML page for people
(verdicts, a contact sheet of frames, the caption timeline and a loudness plot drawn as inline SVG).
Both written to a temporary file and renamed, so a report is never half-written."""

from __future__ import annotations

import base64
import html
import io
import json
import os
from pathlib import Path

from PIL import Image

from .model import Report

COLOURS = {"pass": "#1b7f3b", "warn": "#b26b00", "fail": "#c0182b"}


def write_report(report: Report, json_path: Path | None = None, html_path: Path | None = None) -> None:
    if json_path is not None:
        _atomic(json_path, json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    if html_path is not None:
        _atomic(html_path, report_html(report))


def _atomic(path: Path, text: str) -> None:
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        part.write_text(text, encoding="utf-8")
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)


def _e(x) -> str:
    return html.escape(str(x), quote=True)


def _jpeg(rgb) -> str:
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, "JPEG", quality=80)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def report_html(r: Report) -> str:
    d = r.data
    rows = "".join(
        f"<tr><td><span class=s style='background:{COLOURS[x.status]}'>{x.status}</span></td>"
        f"<td><code>{_e(x.rule)}</code></td><td>{_e(x.message)}</td><td>{_e(_fmt(x.measured))}</td>"
        f"<td>{_e(_fmt(x.limit))}</td><td>{_e(', '.join(f'{t:.2f} s' for t in x.times[:6]))}</td></tr>"
        for x in r.results)
    thumbs = "".join(f"<figure><img src='{_jpeg(rgb)}' alt='frame at {t:.1f} s'><figcaption>{t:.1f} s"
                     "</figcaption></figure>" for t, rgb in r.thumbs)
    consent = ("<p>Consent: " + _e(", ".join(f"{k}: {v}" for k, v in r.consent.items())) + "</p>") if r.consent else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>QA · {_e(Path(r.video).name)}</title>
<style>
body{{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}}
h1{{font-size:20px}} .verdict{{display:inline-block;padding:6px 12px;border-radius:6px;color:#fff;font-weight:600}}
table{{border-collapse:collapse;width:100%}} td,th{{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}}
.s{{color:#fff;border-radius:4px;padding:1px 6px;font-size:12px}} figure{{display:inline-block;margin:4px;text-align:center}}
figure img{{height:200px;border:1px solid #ccc}} svg{{background:#fafafa;border:1px solid #ddd}}
</style></head><body>
<h1>QA report · {_e(Path(r.video).name)}</h1>
<p><span class=verdict style="background:{COLOURS[r.status]}">{_e(r.verdict)}</span>
&nbsp;preset <b>{_e(r.preset)}</b>{' · story ' + _e(r.story) if r.story else ''} · checked in {r.elapsed_s:.1f} s</p>
{consent}
<h2>Verdicts</h2>
<table><tr><th>status</th><th>rule</th><th>what</th><th>measured</th><th>limit</th><th>where</th></tr>{rows}</table>
<h2>Frames</h2><div>{thumbs}</div>
<h2>Captions</h2>{_timeline_svg(d)}
<h2>Loudness (short-term, LUFS)</h2>{_loudness_svg(d)}
</body></html>
"""


def _fmt(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


W, H, PAD = 1000, 120, 40


def _x(t: float, dur: float) -> float:
    return PAD + (W - 2 * PAD) * t / max(dur, 1e-6)


def _axis(dur: float, y: float) -> str:
    step = 1 if dur <= 15 else 5 if dur <= 90 else 30
    ticks = "".join(f"<line x1='{_x(t, dur):.1f}' x2='{_x(t, dur):.1f}' y1='{y}' y2='{y + 4}' stroke='#888'/>"
                    f"<text x='{_x(t, dur):.1f}' y='{y + 16}' font-size='10' text-anchor='middle'>{t:g}s</text>"
                    for t in range(0, int(dur) + 1, step))
    return f"<line x1='{PAD}' x2='{W - PAD}' y1='{y}' y2='{y}' stroke='#888'/>{ticks}"


def _timeline_svg(d: dict) -> str:
    dur = d.get("duration_s", 0) or 1
    caps = d.get("captions", [])
    boxes = {b["start_s"]: b for b in d.get("caption_boxes", [])}
    bars = []
    for k, c in enumerate(caps):
        b = boxes.get(c["start_s"])
        colour = "#999" if b is None else ("#1b7f3b" if b["inside"] else "#c0182b")
        y = 20 + (k % 2) * 24
        bars.append(f"<rect x='{_x(c['start_s'], dur):.1f}' y='{y}' width='{max(1, _x(c['end_s'], dur) - _x(c['start_s'], dur)):.1f}'"
                    f" height='20' fill='{colour}' opacity='0.8'><title>{_e(c['start_s'])}-{_e(c['end_s'])} s: {_e(c['text'])}"
                    f"{'' if b is None else ' · contrast ' + _e(b['contrast']) + ':1'}</title></rect>")
    flashes = "".join(f"<line x1='{_x(t, dur):.1f}' x2='{_x(t, dur):.1f}' y1='70' y2='84' stroke='#c0182b'/>"
                      for kind in ("general", "red") for t in d.get("flashes", {}).get(kind, []))
    legend = ("<text x='40' y='14' font-size='11'>caption events (green: box in the safe zone, red: outside, "
              "grey: not located; hover for text) · red ticks: flash transitions</text>")
    return f"<svg width='{W}' height='{H}' viewBox='0 0 {W} {H}'>{legend}{''.join(bars)}{flashes}{_axis(dur, 92)}</svg>"


def _loudness_svg(d: dict) -> str:
    loud = d.get("loudness")
    if not loud:
        return "<p>No audio.</p>"
    dur = d.get("duration_s", 0) or 1
    lo, hi, h = -50.0, 0.0, 200

    def y(v: float) -> float:
        return 10 + (h - 40) * (hi - max(lo, min(hi, v))) / (hi - lo)
    pts = " ".join(f"{_x(t, dur):.1f},{y(v):.1f}" for t, v in loud["curve"])
    target = loud["target"]
    grid = "".join(f"<line x1='{PAD}' x2='{W - PAD}' y1='{y(v):.1f}' y2='{y(v):.1f}' stroke='#e4e4e4'/>"
                   f"<text x='{PAD - 4}' y='{y(v) + 3:.1f}' font-size='10' text-anchor='end'>{v:g}</text>"
                   for v in range(int(lo), int(hi) + 1, 10))
    return (f"<svg width='{W}' height='{h}' viewBox='0 0 {W} {h}'>{grid}"
            f"<line x1='{PAD}' x2='{W - PAD}' y1='{y(target):.1f}' y2='{y(target):.1f}' stroke='#1b7f3b' stroke-dasharray='6 4'/>"
            f"<text x='{W - PAD}' y='{y(target) - 4:.1f}' font-size='10' text-anchor='end'>target {target:g} LUFS</text>"
            f"<polyline points='{pts}' fill='none' stroke='#3A1C71' stroke-width='1.5'/>{_axis(dur, h - 28)}"
            f"<text x='{PAD}' y='{h - 2}' font-size='11'>integrated {loud['integrated']:.1f} LUFS · true peak "
            f"{loud['true_peak']:.1f} dBTP · range {loud['lra']:.1f} LU</text></svg>")
