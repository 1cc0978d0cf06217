"""The library, queue and export panels show their French strings when the shipped French
translation is installed (that every string has one is test_app's test)."""

from __future__ import annotations

from pathlib import Path

import pytest
from studio.core import i18n

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.usefixtures("panel_leak_guard")


def test_the_queue_speaks_french(qtbot, tmp_path):
    i18n.set_language("fr")
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
        i18n.set_language("en")
