"""The benchmark suite (`make bench`, `make bench-quick`): every bench's figures in one table.

Each bench/*.py below exposes `measure(quick) -> list[dict]` (rows of figure, ours, reference,
ratio, unit, target, note; each reference measured in the same run as its figure). A bench that
fails is listed with its error, and the others still run.

Writes to --out (default out/bench): bench.md (the table, with the machine it ran on, to paste
into docs/speed.md), bench.json (the rows) and bench.png (render time against story length, and the
ratios), and prints the table.

    python bench/suite.py [--quick] [--only NAME ...] [--skip NAME ...] [--out DIR]

--quick: one run each, shorter clips, and the caption-style and footage benches left out (under
10 minutes on a quiet 2-core machine); the full run is the table in docs/speed.md. Timings on a shared machine are inflated by the others' load: read the ratios.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import sys
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from measure_tools import machine  # noqa: E402

# (module in bench/, what it measures, in --quick)
BENCHES = [
    ("render_vs_encode", "render vs a bare re-encode", True),
    ("moviepy_compare", "render vs MoviePy 2", True),
    ("story_length", "render time against story length", True),
    ("preview", "preview latency after an edit, play start", True),
    ("gui", "desktop app cold start", True),
    ("check_speed", "`studio check` vs a bare decode", True),
    ("batch", "batch throughput and peak memory", True),
    ("caption_styles", "caption styles vs the band style", False),
    ("footage_audio", "footage, voice, music; face blur", False),
]


def run_bench(name: str, quick: bool) -> tuple[list[dict], str]:
    """The bench's rows, and a status line."""
    t0 = time.monotonic()
    try:
        module = importlib.import_module(name)
        if not hasattr(module, "measure"):
            return [], f"skipped: bench/{name}.py has no measure(quick)"
        rows = list(module.measure(quick=quick))
    except Exception as exc:  # one broken bench must not lose the others' figures
        traceback.print_exc()
        return [], f"FAILED: {type(exc).__name__}: {exc}".splitlines()[0][:200]
    for row in rows:
        row["bench"] = name
    return rows, f"{len(rows)} figures in {time.monotonic() - t0:.0f} s"


def number(x: float | None, unit: str = "") -> str:
    if x is None:
        return "–"
    digits = 0 if abs(x) >= 100 else 1 if abs(x) >= 10 else 2
    return f"{x:.{digits}f}{(' ' + unit) if unit else ''}"


def table(rows: list[dict]) -> list[str]:
    lines = ["| Figure | Ours | Reference (same run) | Ratio | Target | Note |", "|---|---:|---:|---:|---|---|"]
    for r in rows:
        ratio = f"{r['ratio']:.2f}x" if r.get("ratio") is not None else "–"
        lines.append(f"| {r['figure']} | {number(r['ours'], r['unit'])} | {number(r.get('reference'), r['unit'])} "
                     f"| {ratio} | {r.get('target', '')} | {r.get('note', '')} |")
    return lines


def markdown(rows: list[dict], statuses: list[tuple[str, str]], header: dict) -> str:
    out = [f"Benchmarks ({header['mode']}), {header['date']}, {header['minutes']:.0f} min",
           "",
           f"Machine: {header['machine_start']}; at the end: load {header['load_end']}.",
           "Figures taken on a shared machine under the others' load: compare each figure with its "
           "reference from the same run (the ratio), not across runs.",
           "", *table(rows), "", "| Bench | Status |", "|---|---|",
           *[f"| bench/{name}.py | {status} |" for name, status in statuses],
           "", "![render time against length, and the ratios](bench.png)", ""]
    return "\n".join(out)


def plot(rows: list[dict], path: Path) -> None:
    """Render time against story length (with its fit) and the ratios, drawn with Pillow."""
    from PIL import Image, ImageDraw, ImageFont
    font_file = HERE.parent / "assets" / "fonts" / "Inter-Regular.otf"
    font = ImageFont.truetype(str(font_file), 15) if font_file.exists() else ImageFont.load_default()
    bold = ImageFont.truetype(str(font_file.with_name("Inter-Bold.otf")), 17) if font_file.exists() else font
    n_ratios = sum(1 for r in rows if r.get("ratio") and r["ratio"] > 0 and "length_s" not in r)
    W, H = 1400, max(560, 100 + 22 * n_ratios)  # a bar of at least 22 px per ratio: the full run has ~60
    img = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(img)

    # left: time against length
    pts = [(r["length_s"], r["ours"], r["reference"]) for r in rows if "length_s" in r]
    x0, y0, x1, y1 = 70, 60, 560, 480
    d.text((x0, 20), "Render CPU time against story length", font=bold, fill="black")
    d.rectangle([x0, y0, x1, y1], outline="#888")
    if len(pts) >= 2:
        xmax = max(p[0] for p in pts) * 1.1
        ymax = max(max(p[1], p[2] or 0) for p in pts) * 1.15
        sx = lambda v: x0 + (x1 - x0) * v / xmax
        sy = lambda v: y1 - (y1 - y0) * v / ymax
        for k in range(6):
            xv, yv = xmax * k / 5, ymax * k / 5
            d.text((sx(xv) - 10, y1 + 6), f"{xv:.0f}", font=font, fill="#444")
            d.text((x0 - 45, sy(yv) - 8), f"{yv:.0f}", font=font, fill="#444")
            d.line([x0, sy(yv), x1, sy(yv)], fill="#eee")
        d.text(((x0 + x1) // 2 - 70, y1 + 28), "video length (s)", font=font, fill="black")
        d.text((x0 - 60, y0 - 22), "CPU (s)", font=font, fill="black")
        (xa, _, fa), (xb, _, fb) = pts[0], pts[-1]
        if fa is not None and fb is not None:
            slope = (fb - fa) / (xb - xa)
            d.line([sx(0), sy(fa - slope * xa), sx(xmax), sy(fa + slope * (xmax - xa))], fill="#D76D77", width=2)
        for x, y, _ in pts:
            d.ellipse([sx(x) - 6, sy(y) - 6, sx(x) + 6, sy(y) + 6], fill="#3A1C71")
            d.text((sx(x) + 8, sy(y) - 20), f"{y:.1f} s", font=font, fill="#3A1C71")
        fit = next((r["note"].split(";")[0] for r in rows if r["figure"].startswith("linear fit")), "")
        d.text((x0 + 10, y0 + 8), fit, font=font, fill="#D76D77")

    # right: ratios ours / reference on a log scale (left of 1: ours is faster or smaller)
    ratios = [r for r in rows if r.get("ratio") and r["ratio"] > 0 and "length_s" not in r]
    bx0, bx1, top = 1050, 1380, 60
    d.text((620, 20), "Ours / reference (same run), log scale: left of 1 = ours faster or smaller", font=bold, fill="black")
    if ratios:
        span = max(1.0, max(abs(math.log10(r["ratio"])) for r in ratios))
        sx = lambda v: (bx0 + bx1) / 2 + (bx1 - bx0) / 2 * math.log10(v) / span
        step = min(34, (H - top - 40) // len(ratios))
        for i, r in enumerate(ratios):
            y = top + 10 + i * step
            label = r["figure"] if len(r["figure"]) <= 50 else r["figure"][:49] + "…"
            d.text((620, y), label, font=font, fill="black")
            a, b = sorted((sx(1.0), sx(r["ratio"])))
            d.rectangle([a, y + 2, max(b, a + 1), y + step - 10], fill="#3A1C71" if r["ratio"] <= 1 else "#D76D77")
            d.text((min(sx(r["ratio"]), bx1 - 50) + 4 if r["ratio"] > 1 else sx(r["ratio"]) - 50, y), f"{r['ratio']:.2f}",
                   font=font, fill="#444")
        d.line([sx(1.0), top, sx(1.0), H - 30], fill="black", width=1)
    img.save(path)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="one run each, shorter clips (< 10 min)")
    ap.add_argument("--only", nargs="+", metavar="NAME", help="run only these benches (module names)")
    ap.add_argument("--skip", nargs="+", metavar="NAME", default=[], help="leave these benches out")
    ap.add_argument("--out", type=Path, default=Path("out/bench"))
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    header = {"mode": "quick: one run each, shorter clips" if a.quick else "full",
              "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "machine_start": machine()}
    print(header["machine_start"], flush=True)
    t0 = time.monotonic()
    rows: list[dict] = []
    statuses: list[tuple[str, str]] = []
    for name, what, in_quick in BENCHES:
        if (a.only and name not in a.only) or name in a.skip:
            continue
        if a.quick and not in_quick and not a.only:
            statuses.append((name, "full run only (`make bench`): not part of --quick"))
            continue
        print(f"\n== bench/{name}.py: {what}", flush=True)
        got, status = run_bench(name, a.quick)
        print(f"-- {status}", flush=True)
        rows += got
        statuses.append((name, status))
    import os
    header["load_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    header["minutes"] = (time.monotonic() - t0) / 60
    text = markdown(rows, statuses, header)
    (a.out / "bench.md").write_text(text, "utf-8")
    (a.out / "bench.json").write_text(json.dumps({"header": header, "rows": rows, "statuses": statuses}, indent=1), "utf-8")
    plot(rows, a.out / "bench.png")
    print("\n" + text)
    print(f"written: {a.out / 'bench.md'}, {a.out / 'bench.json'}, {a.out / 'bench.png'}")


if __name__ == "__main__":
    main()
