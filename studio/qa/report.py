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
from .model import Report, RuleResult

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
        raise write_failed(e, path, "the QA report") from None
    finally:
        part.unlink(missing_ok=True)


def _e(x) -> str:
    return html.escape(str(x), quote=True)


def _jpeg(rgb) -> str:
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, "JPEG", quality=80)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


# the page speaks the story's language; a rule's message is its measurement, its title says what it is
WORDS = {
    "en": {"title": "QA report", "preset": "preset", "story": "story", "checked": "checked in", "rules": "Verdicts",
           "cols": ("status", "rule", "what", "measured", "limit", "where"), "frames": "Frames",
           "captions": "Captions", "loudness": "Loudness (short-term, LUFS)", "no_audio": "No audio.",
           "frame_at": "frame at", "yes": "yes", "no": "no", "pass": "pass", "warn": "warn", "fail": "fail",
           "verdicts": {"pass": "publishable", "warn": "publishable with warnings", "fail": "not publishable"},
           "legend": "caption events (green: box in the safe zone, red: outside, grey: not located; hover for "
                     "text) · red ticks: flash transitions", "target": "target", "integrated": "integrated",
           "peak": "true peak", "range": "range",
           "consent": "Consent", "given": "given", "not_given": "not given: a draft", "by": "by", "on": "on",
           "months": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                      "October", "November", "December")},
    "fr": {"title": "Rapport de contrôle", "preset": "format", "story": "histoire", "checked": "vérifié en",
           "rules": "Règles", "cols": ("état", "règle", "constat", "mesure", "limite", "où"), "frames": "Images",
           "captions": "Sous-titres", "loudness": "Volume sonore (court terme, LUFS)", "no_audio": "Pas de son.",
           "frame_at": "image à", "yes": "oui", "no": "non", "pass": "conforme", "warn": "à vérifier",
           "fail": "non conforme",
           "verdicts": {"pass": "publiable", "warn": "publiable, avec des points à vérifier", "fail": "non publiable"},
           "legend": "sous-titres (vert : dans la zone sûre, rouge : hors zone, gris : non trouvé ; survolez "
                     "pour le texte) · traits rouges : transitions de flash", "target": "cible",
           "integrated": "intégré", "peak": "crête", "range": "dynamique",
           "consent": "Accord", "given": "donné", "not_given": "non donné : un brouillon", "by": "par", "on": "le",
           "months": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                      "octobre", "novembre", "décembre")},
}

RULE_TITLES = {
    "format.container": ("Container", "Conteneur"), "format.codec": ("Video codec", "Codec vidéo"),
    "format.profile": ("H.264 profile", "Profil H.264"), "format.level": ("H.264 level", "Niveau H.264"),
    "format.pix_fmt": ("Pixel format", "Format des pixels"), "format.colour": ("Colour tags", "Couleurs"),
    "format.resolution": ("Size", "Dimensions"), "format.frame_rate": ("Frame rate", "Images par seconde"),
    "format.gop": ("Keyframes", "Images clés"), "format.faststart": ("Quick start", "Lecture rapide"),
    "format.edit_list": ("Edit list", "Liste d’édition"), "format.duration": ("Duration", "Durée"),
    "format.size": ("File size", "Taille du fichier"), "format.bitrate": ("Bitrate", "Débit"),
    "format.audio": ("Audio format", "Format audio"), "loudness.integrated": ("Loudness", "Volume"),
    "loudness.true_peak": ("True peak", "Crête"), "loudness.range": ("Loudness range", "Dynamique"),
    "flashes.general": ("Flashes", "Flashs"), "flashes.red": ("Red flashes", "Flashs rouges"),
    "motion.cadence": ("Repeated frames", "Images répétées"),
    "captions.cps": ("Reading speed", "Vitesse de lecture"), "captions.cpl": ("Line length", "Longueur des lignes"),
    "captions.lines": ("Lines per caption", "Lignes par sous-titre"),
    "captions.duration": ("Time on screen", "Durée à l’écran"), "captions.gap": ("Gaps", "Intervalles"),
    "captions.style": ("Caption style", "Style des sous-titres"),
    "captions.safe_zone": ("Captions in the safe zone", "Sous-titres dans la zone sûre"),
    "captions.contrast": ("Caption contrast", "Contraste des sous-titres"),
    "captions.present": ("Captions", "Sous-titres"), "helpline.endcard": ("End card", "Carte de fin"),
    "helpline.fields": ("End card text", "Texte de la carte de fin"),
    "care.content_warning": ("Content warning", "Avertissement"), "care.consent": ("Consent", "Accord"),
    "care.self_harm": ("Suicide and self-harm", "Suicide et automutilation"),
}


def words(lang: str) -> dict:
    return WORDS["fr" if lang.split("-")[0] == "fr" else "en"]


def _title(rule: str, lang: str) -> str:
    en, fr = RULE_TITLES.get(rule, (rule, rule))
    return fr if words(lang) is WORDS["fr"] else en


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
    label = w["consent"] + ("\u00a0:" if w is WORDS["fr"] else ":")  # French: a no-break space before ':'
    if not c.get("given"):
        return f"<p>{label} {_e(w['not_given'])}</p>"
    who = f" {w['by']} {_e(c['by'])}" if c.get("by") else ""
    when = f"{',' if who and w is WORDS['fr'] else ''} {w['on']} {_e(_date(c['date'], w))}" if c.get("date") else ""
    return f"<p>{label} {w['given']}{who}{when}</p>"


def _n(x) -> str:
    """A number the French way: a decimal comma."""
    return f"{x:g}".replace(".", ",") if isinstance(x, (int, float)) and not isinstance(x, bool) else str(x)


def _missing_fr(d: dict) -> str:
    located = {b["start_s"] for b in d.get("caption_boxes", [])}
    lost = [c for c in d.get("captions", []) if c["start_s"] not in located]
    return "" if not lost else " ; non trouvés : " + ", ".join(
        f"«\u202f{c['text'][:28]}\u202f» à {_n(round(c['start_s'], 2))} s" for c in lost[:4])


def message_fr(x: RuleResult, d: dict) -> str:
    """The rule's message in French for the report page (the CLI and JSON keep the English one):
    written out for the rules an editor acts on, a plain 'conforme / à vérifier / non conforme' with
    the measure and the limit for the technical ones."""
    m, n = x.measured, len(x.times)
    caps, boxes = len(d.get("captions", [])), len(d.get("caption_boxes", []))
    ok = x.status == "pass"
    if x.rule == "care.consent":
        return ("accord donné" if ok else "pas d’histoire fournie : l’accord ne peut pas être vérifié"
                if x.status == "warn" else "aucun accord enregistré : la vidéo est un brouillon, non publiable ; "
                "une fois l’accord obtenu, écrivez consent: {given: true, by: \"Nom\", date: 2026-05-12}")
    if x.rule == "care.self_harm":
        if x.status == "warn":
            return x.message  # already in the story's language (presets/care/fr.toml)
        return f"parle de suicide ou d’automutilation ({m}) ; la carte de fin montre le 3114" if m else \
            "l’histoire ne parle ni de suicide ni d’automutilation"
    if x.rule == "care.content_warning":
        return (f"avertissement affiché {_n(m)} s avant l’histoire" if ok else
                f"l’avertissement n’est affiché que {_n(m)} s : au moins 2 s avant le premier moment")
    if x.rule == "captions.safe_zone" and caps:
        if x.status == "fail":
            return f"{n} sous-titre(s) hors de la zone sûre : les boutons de la plateforme les cachent"
        return f"{boxes} sous-titres sur {caps} trouvés dans la zone sûre" + _missing_fr(d)
    if x.rule == "captions.contrast" and caps:
        return (f"{n} sous-titre(s) sous {x.limit}" if x.status == "fail" and boxes else
                f"contraste du texte d’au moins {_n(m)}:1, mesuré sur {boxes} sous-titres sur {caps}"
                + (_missing_fr(d) if boxes < caps else "") if boxes else
                f"contraste mesuré sur 0 sous-titre sur {caps}" + _missing_fr(d))
    texts = {  # lambdas: each measure has its rule's type
        "captions.cps": lambda: (f"vitesse de lecture d’au plus {_n(m)} caractères par seconde",
                         f"{n} sous-titre(s) trop rapides à lire"),
        "captions.cpl": lambda: (f"lignes d’au plus {_n(m)} caractères", f"{n} sous-titre(s) aux lignes trop longues"),
        "captions.lines": lambda: (f"au plus {_n(m)} lignes par sous-titre", f"{n} sous-titre(s) de trop de lignes"),
        "captions.duration": lambda: ("chaque sous-titre reste assez longtemps, sans excès",
                              f"{n} sous-titre(s) trop brefs ou trop longs à l’écran"),
        "captions.gap": lambda: ("les sous-titres sont assez espacés", f"{n} sous-titre(s) trop près du précédent"),
        "captions.style": lambda: ("typographie et intervalles conformes", f"{n} sous-titre(s) à reprendre (typographie, "
                                                                   "intervalles)"),
        "helpline.endcard": lambda: (f"carte de fin avec la ligne d’écoute affichée {_n(m)} s",
                             f"carte de fin absente ou trop courte ({_n(m or 0)} s, au moins 5 s)"),
        "helpline.fields": lambda: ("la carte de fin a un titre et un numéro", "la carte de fin n’a pas de titre ou de numéro"),
        "flashes.general": lambda: (f"au plus {_n(m)} flash(s) par seconde",
                            f"{_n(m)} flashs en une seconde (risque de crise, WCAG 2.3.1)"),
        "flashes.red": lambda: (f"au plus {_n(m)} flash(s) rouge(s) par seconde",
                        f"{_n(m)} flashs rouges en une seconde (risque de crise, WCAG 2.3.1)"),
        "motion.cadence": lambda: ("pas d’images répétées à intervalle régulier dans les plans en mouvement",
                           f"{_n(m)} images répètent la précédente à intervalle régulier dans un plan en "
                           "mouvement : un clip à une autre cadence que la vidéo saccade ; rendez la vidéo à la "
                           "cadence du clip"),
        "loudness.integrated": lambda: (f"volume intégré {_n(m)} LUFS" if m is not None and m > -60 else
                                "piste silencieuse : l’histoire n’a ni musique ni voix",
                                "pas de son du tout : vérifiez que la musique ou la voix sont dans le fichier"
                                if x.status == "warn" else f"volume intégré {_n(m)} LUFS, hors de {x.limit}"),
    }
    if x.rule in texts:
        return texts[x.rule]()[0 if ok else 1]
    word = {"pass": "conforme", "warn": "à vérifier", "fail": "non conforme"}[x.status]
    detail = "" if ok or m is None or isinstance(m, bool) else \
        f" ({_n(m)}" + ("" if x.limit is None else f" ; attendu {x.limit}") + ")"
    return f"{_title(x.rule, 'fr')} : {word}{detail}"


def report_html(r: Report) -> str:
    d = r.data
    w = words(r.lang)
    french = w is WORDS["fr"]
    rows = "".join(
        f"<tr><td><span class=s style='background:{COLOURS[x.status]}'>{_e(w[x.status])}</span></td>"
        f"<td>{_e(_title(x.rule, r.lang))}<br><code>{_e(x.rule)}</code></td>"
        f"<td title='{_e(x.message)}'>{_e(message_fr(x, d) if french else x.message)}</td>"
        f"<td>{_e(_fmt(x.measured, w))}</td><td>{_e(_fmt(x.limit, w))}</td>"
        f"<td>{_e(', '.join(f'{t:.2f} s' for t in x.times[:6]))}</td></tr>"
        for x in r.results)
    thumbs = "".join(f"<figure><img src='{_jpeg(rgb)}' alt='{w['frame_at']} {t:.1f} s'><figcaption>{t:.1f} s"
                     "</figcaption></figure>" for t, rgb in r.thumbs)
    head = "".join(f"<th>{c}</th>" for c in w["cols"])
    return f"""<!doctype html>
<html lang="{_e(r.lang)}"><head><meta charset="utf-8"><title>{w['title']} · {_e(Path(r.video).name)}</title>
<style>
body{{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}}
h1{{font-size:20px}} .verdict{{display:inline-block;padding:6px 12px;border-radius:6px;color:#fff;font-weight:600}}
table{{border-collapse:collapse;width:100%}} td,th{{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}}
.s{{color:#fff;border-radius:4px;padding:1px 6px;font-size:12px}} figure{{display:inline-block;margin:4px;text-align:center}}
figure img{{height:200px;border:1px solid #ccc}} svg{{background:#fafafa;border:1px solid #ddd}}
</style></head><body>
<h1>{w['title']} · {_e(Path(r.video).name)}</h1>
<p><span class=verdict style="background:{COLOURS[r.status]}">{_e(w['verdicts'][r.status])}</span>
&nbsp;{w['preset']} <b>{_e(r.preset)}</b>{f" · {w['story']} " + _e(r.story) if r.story else ''} · {w['checked']} {r.elapsed_s:.1f} s</p>
{_consent(r.consent, w)}
<h2>{w['rules']}</h2>
<table><tr>{head}</tr>{rows}</table>
<h2>{w['frames']}</h2><div>{thumbs}</div>
<h2>{w['captions']}</h2>{_timeline_svg(d, w)}
<h2>{w['loudness']}</h2>{_loudness_svg(d, w)}
</body></html>
"""


def _fmt(v, w: dict) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return w["yes"] if v else w["no"]
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
                    f" height='20' fill='{colour}' opacity='0.8'><title>{_e(c['start_s'])}-{_e(c['end_s'])} s: {_e(c['text'])}"
                    f"{'' if b is None else ' · contrast ' + _e(b['contrast']) + ':1'}</title></rect>")
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
            f"<text x='{W - PAD}' y='{y(target) - 4:.1f}' font-size='10' text-anchor='end'>{w['target']} {target:g} LUFS</text>"
            f"<polyline points='{pts}' fill='none' stroke='#3A1C71' stroke-width='1.5'/>{_axis(dur, h - 28)}"
            f"<text x='{PAD}' y='{h - 2}' font-size='11'>{w['integrated']} {loud['integrated']:.1f} LUFS · "
            f"{w['peak']} {loud['true_peak']:.1f} dBTP · {w['range']} {loud['lra']:.1f} LU</text></svg>")
