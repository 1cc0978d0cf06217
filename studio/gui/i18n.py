"""UI language: French and English through Qt translations (resources/i18n/studio_fr.qm).

Every user-visible string goes through `tr()`, one translation context ("studio") so that
`resources/i18n/update_ts.py` can collect them all and the tests can check none is missing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

CONTEXT = "studio"
LANGUAGES = ("fr", "en")
I18N_DIR = Path(__file__).resolve().parent / "resources" / "i18n"
_installed: list[QTranslator] = []


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate(CONTEXT, text, disambiguation, n)


def system_language() -> str:
    """French when the system is French, else English."""
    return "fr" if QLocale.system().language() == QLocale.Language.French else "en"


def install(language: str) -> str:
    """Loads the translations of `language` ("fr"/"en"/"" for the system's) into the application.
    Returns the language in use."""
    app = QCoreApplication.instance()
    language = language if language in LANGUAGES else system_language()
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if language != "en":
        ours = QTranslator(app)
        if ours.load(str(I18N_DIR / f"studio_{language}.qm")):
            app.installTranslator(ours)
            _installed.append(ours)
        qt = QTranslator(app)  # Qt's own strings (standard buttons, context menus)
        if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
    QLocale.setDefault(QLocale(QLocale.Language.French if language == "fr" else QLocale.Language.English))
    return language
