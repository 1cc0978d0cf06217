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

from ..core.errors import write_failed
from ..core.i18n import _, language, number
from ..core.labels import rule_title
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
    except OSError as e:  # a full disk: a clear error naming the report, never a half-written one
        raise write_failed(e, path, _("the QA report")) from None
    finally:
        part.unlink(missing_ok=True)


def _e(x) -> str:
    return html.escape(str(x), quote=True)


def _jpeg(rgb) -> str:
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, "JPEG", quality=80)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


# the page speaks its reader's language (the catalogue's); a rule's message is its measurement, its title says what it is
def _words() -> dict:
    return {"title": _("QA report"), "preset": _("preset"), "story": _("story"), "checked": _("checked in"),
            "rules": _("Verdicts"), "frames": _("Frames"), "captions": _("Captions"),
            "cols": (_("status"), _("rule"), _("what"), _("measured"), _("limit"), _("where")),
            "loudness": _("Loudness (short-term, LUFS)"), "no_audio": _("No audio."), "frame_at": _("frame at"),
            "yes": _("yes"), "no": _("no"), "pass": _("pass"), "warn": _("check"), "fail": _("fail"),
            "legend": _("caption events (green: box in the safe zone, red: outside, grey: not located; hover for "
                        "text) · red ticks: flash transitions"), "target": _("target"), "integrated": _("integrated"),
            "peak": _("true peak"), "range": _("range"), "consent": _("Consent"), "given": _("given"),
            "not_given": _("not given: a draft"),
            "months": (_("January"), _("February"), _("March"), _("April"), _("May"), _("June"), _("July"),
                       _("August"), _("September"), _("October"), _("November"), _("December"))}


# the unit of a rule's measured number (the JSON keeps the bare number)
UNITS = {"format.gop": "s", "format.duration": "s", "format.size": "MB", "format.bitrate": "Mbit/s",
         "loudness.integrated": "LUFS", "loudness.true_peak": "dBTP", "loudness.range": "LU",
         "helpline.endcard": "s", "care.content_warning": "s", "captions.gap": "s", "captions.duration": "s",
         "captions.contrast": ":1"}


def _date(value, w: dict) -> str:
    """2026-05-12 -> '12 May 2026' / '12 mai 2026'; anything else as written."""
    try:
        y, m, d = (int(x) for x in str(value).split("-"))
        return f"{d} {w['months'][m - 1]} {y}"
    except (ValueError, IndexError):
        return str(value)


def _consent(c: dict | None, w: dict) -> str:
    if not c:
        return ""
    if not c.get("given"):
        return f"<p>{_e(_('Consent: {state}', state=w['not_given']))}</p>"
    by, on = c.get("by"), _date(c["date"], w) if c.get("date") else None
    text = (_("Consent: given by {by} on {date}", by=by, date=on) if by and on else
            _("Consent: given by {by}", by=by) if by else _("Consent: given on {date}", date=on) if on
            else _("Consent: given"))
    return f"<p>{_e(text)}</p>"


def report_html(r: Report) -> str:
    d = r.data
    w = _words()
    rows = "".join(
        f"<tr><td><span class=s style='background:{COLOURS[x.status]}'>{_e(w[x.status])}</span></td>"
        f"<td>{_e(rule_title(x.rule))}<br><code>{_e(x.rule)}</code></td>"
        f"<td>{_e(x.message)}</td>"
        f"<td>{_e(_fmt(x.measured, w, UNITS.get(x.rule)))}</td><td>{_e(_fmt(x.limit, w))}</td>"
        f"<td>{_e(', '.join(_seconds(t, 2) for t in x.times[:6]))}</td></tr>"
        for x in r.results)
    thumbs = "".join(f"<figure><img src='{_jpeg(rgb)}' alt='{w['frame_at']} {_seconds(t, 1)}'><figcaption>{_seconds(t, 1)}"
                     "</figcaption></figure>" for t, rgb in r.thumbs)
    head = "".join(f"<th>{c}</th>" for c in w["cols"])
    return f"""<!doctype html>
<html lang="{_e(language())}"><head><meta charset="utf-8"><title>{w['title']} · {_e(Path(r.video).name)}</title>
<style>
body{{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}}
h1{{font-size:20px}} .verdict{{display:inline-block;padding:6px 12px;border-radius:6px;color:#fff;font-weight:600}}
table{{border-collapse:collapse;width:100%}} td,th{{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}}
.s{{color:#fff;border-radius:4px;padding:1px 6px;font-size:12px}} figure{{display:inline-block;margin:4px;text-align:center}}
figure img{{height:200px;border:1px solid #ccc}} svg{{background:#fafafa;border:1px solid #ddd}}
</style></head><body>
<h1>{w['title']} · {_e(Path(r.video).name)}</h1>
<p><span class=verdict style="background:{COLOURS[r.status]}">{_e(r.verdict_text)}</span>
&nbsp;{w['preset']} <b>{_e(r.preset)}</b>{f" · {w['story']} " + _e(r.story) if r.story else ''} · {w['checked']} {_seconds(r.elapsed_s, 1)}</p>
{_consent(r.consent, w)}
<h2>{w['rules']}</h2>
<table><tr>{head}</tr>{rows}</table>
<h2>{w['frames']}</h2><div>{thumbs}</div>
<h2>{w['captions']}</h2>{_timeline_svg(d, w)}
<h2>{w['loudness']}</h2>{_loudness_svg(d, w)}
</body></html>
"""


def _fmt(v, w: dict, unit: str | None = None) -> str:
    """A measure as the reader writes it, with its unit: 12,5 Mbit/s; 0,5-2,1 s."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(w["yes"] if v else w["no"])
    if isinstance(v, (list, tuple)) and v and all(isinstance(x, (int, float)) for x in v):
        text = "-".join(number(x) for x in v)
    elif isinstance(v, (int, float)):
        text = number(v)
    else:
        return str(v)
    return text + ("" if not unit else unit if unit.startswith(":") else f"\u00a0{unit}")


def _seconds(t: float, digits: int) -> str:
    return f"{number(t, digits)}\u00a0s"


W, H, PAD = 1000, 120, 40


def _x(t: float, dur: float) -> float:
    return PAD + (W - 2 * PAD) * t / max(dur, 1e-6)


def _axis(dur: float, y: float) -> str:
    step = 1 if dur <= 15 else 5 if dur <= 90 else 30
    ticks = "".join(f"<line x1='{_x(t, dur):.1f}' x2='{_x(t, dur):.1f}' y1='{y}' y2='{y + 4}' stroke='#888'/>"
                    f"<text x='{_x(t, dur):.1f}' y='{y + 16}' font-size='10' text-anchor='middle'>{t:g}s</text>"
                    for t in range(0, int(dur) + 1, step))
    return f"<line x1='{PAD}' x2='{W - PAD}' y1='{y}' y2='{y}' stroke='#888'/>{ticks}"


def _timeline_svg(d: dict, w: dict) -> str:
    dur = d.get("duration_s", 0) or 1
    caps = d.get("captions", [])
    boxes = {b["start_s"]: b for b in d.get("caption_boxes", [])}
    bars = []
    for k, c in enumerate(caps):
        b = boxes.get(c["start_s"])
        colour = "#999" if b is None else ("#1b7f3b" if b["inside"] else "#c0182b")
        y = 20 + (k % 2) * 24
        bars.append(f"<rect x='{_x(c['start_s'], dur):.1f}' y='{y}' width='{max(1, _x(c['end_s'], dur) - _x(c['start_s'], dur)):.1f}'"
                    f" height='20' fill='{colour}' opacity='0.8'><title>{_e(number(c['start_s']))}-{_e(number(c['end_s']))} s: {_e(c['text'])}"
                    f"{'' if b is None else ' · ' + _e(_('contrast {ratio}:1', ratio=number(b['contrast'])))}</title></rect>")
    flashes = "".join(f"<line x1='{_x(t, dur):.1f}' x2='{_x(t, dur):.1f}' y1='70' y2='84' stroke='#c0182b'/>"
                      for kind in ("general", "red") for t in d.get("flashes", {}).get(kind, []))
    legend = f"<text x='40' y='14' font-size='11'>{_e(w['legend'])}</text>"
    return f"<svg width='{W}' height='{H}' viewBox='0 0 {W} {H}'>{legend}{''.join(bars)}{flashes}{_axis(dur, 92)}</svg>"


def _loudness_svg(d: dict, w: dict) -> str:
    loud = d.get("loudness")
    if not loud:
        return f"<p>{w['no_audio']}</p>"
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
            f"<text x='{W - PAD}' y='{y(target) - 4:.1f}' font-size='10' text-anchor='end'>{w['target']} {number(target)} LUFS</text>"
            f"<polyline points='{pts}' fill='none' stroke='#3A1C71' stroke-width='1.5'/>{_axis(dur, h - 28)}"
            f"<text x='{PAD}' y='{h - 2}' font-size='11'>{w['integrated']} {number(loud['integrated'], 1)} LUFS · "
            f"{w['peak']} {number(loud['true_peak'], 1)} dBTP · {w['range']} {number(loud['lra'], 1)} LU</text></svg>")
