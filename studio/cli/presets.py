"""`studio presets`: the export presets and brand kits, and where each comes from."""

from __future__ import annotations

import json

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..core.catalog import Catalog
from ..core.i18n import _, gettext
from .console import EXIT_OK, lang_option


def add_presets_command(sub) -> None:
    s = sub.add_parser("presets", help=gettext("list export presets and brand kits, and where each comes from"))
    s.add_argument("--json", action="store_true")
    lang_option(s)
    s.set_defaults(run=_cmd_presets)


def _cmd_presets(args, out: Console, err: Console) -> int:
    catalog = Catalog()
    rows = []
    for name, entry in catalog.preset_entries().items():
        p = catalog.preset(name)
        rows.append({"kind": "preset", "name": name, "origin": entry.origin, "path": str(entry.path),
                     "canvas": f"{p.canvas.width}x{p.canvas.height}", "fps": p.canvas.fps,
                     "description": gettext(p.description)})
    for name, entry in catalog.brand_entries().items():
        b = catalog.brand(name)
        rows.append({"kind": "brand", "name": name, "origin": entry.origin, "path": str(entry.path),
                     "endcards": list(b.endcard.variants), "description": b.description})
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return EXIT_OK
    table = Table(title=gettext("Export presets and brand kits"))
    for col in (gettext("kind"), gettext("name"), gettext("format"), gettext("origin"), gettext("description")):
        table.add_column(col)
    kinds = {"preset": gettext("preset"), "brand": gettext("brand kit")}
    origins = {"built-in": gettext("built-in"), "user": gettext("yours")}
    for row in rows:
        fmt = f"{row['canvas']} @ {row['fps']}" if row["kind"] == "preset" else \
            str(_("end cards {names}", names=", ".join(row["endcards"])))
        table.add_row(*(escape(str(x)) for x in (kinds[row["kind"]], row["name"], fmt,
                                                 origins.get(row["origin"], row["origin"]), row["description"])))
    out.print(table)
    out.print(escape(str(_("built-in: {builtin}\nyours:    {presets} and {brands}", builtin=catalog.data / "presets",
                            presets=catalog.user / "presets", brands=catalog.user / "brands"))))
    return EXIT_OK
