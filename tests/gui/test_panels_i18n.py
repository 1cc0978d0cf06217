"""The library, queue and export strings are all translated to French (panels_fr.ts, context
"studio"), and the panels show them when the French translation is installed."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

ROOT = Path(__file__).resolve().parents[2]
GUI = ROOT / "studio" / "gui"
TS = GUI / "resources" / "i18n" / "panels_fr.ts"

pytestmark = pytest.mark.usefixtures("panel_leak_guard")


def tr_strings(module: Path) -> set[str]:
    return {n.args[0].value for n in ast.walk(ast.parse(module.read_text("utf-8")))
            if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "tr" and n.args
            and isinstance(n.args[0], ast.Constant)}


def test_every_panel_string_has_a_french_translation():
    translated = {m.findtext("source"): m for m in ET.parse(TS).getroot().iter("message")}
    for name in ("library_panel.py", "queue_panel.py", "export_dialog.py"):
        missing = tr_strings(GUI / name) - set(translated)
        assert not missing, f"{name}: no French for {sorted(missing)}"
    empty = [s for s, m in translated.items() if not "".join(m.find("translation").itertext()).strip()]
    assert not empty


def test_the_queue_speaks_french(qtbot, tmp_path):
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    assert lrelease, "pyside6-lrelease comes with PySide6"
    qm = tmp_path / "panels_fr.qm"
    subprocess.run([lrelease, str(TS), "-qm", str(qm)], check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        from studio.gui.export_dialog import ExportDialog
        from studio.gui.jobs import QtJobEngine
        from studio.gui.queue_panel import QueuePanel
        from studio.batch import BatchEngine

        engine = QtJobEngine(engine=BatchEngine(workers=1))
        panel = QueuePanel(engine)
        qtbot.addWidget(panel)
        assert panel.summary.text() == "Aucun export pour l’instant"
        dialog = ExportDialog([ROOT / "examples" / "stories" / "lea.md"], tmp_path)
        qtbot.addWidget(dialog)
        assert dialog.summary.text() == "2 vidéos à exporter"  # tiktok and square, as Léa's story asks
        engine.shutdown()
    finally:
        QCoreApplication.removeTranslator(translator)
