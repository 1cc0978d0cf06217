"""UI language: the studio's strings come from the one message catalogue (studio.core.i18n, GNU
gettext) that the engine, the CLI and the QA report also use; Qt's own strings (standard buttons,
context menus) from Qt's qtbase translation.

Every user-visible string goes through `tr()` (or `ntr()` for a count), so that `make messages`
collects them all and the tests can check none is missing."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..core import i18n

LANGUAGES = i18n.LANGUAGES
_installed: list[QTranslator] = []


def tr(text: str) -> str:
    return i18n.gettext(text)


def ntr(singular: str, plural: str, n: int) -> str:
    """A count: "%n" in the text is the number."""
    return i18n.ngettext(singular, plural, n).replace("%n", str(n))


def system_language() -> str:
    """French when the system is French, else English."""
    return "fr" if QLocale.system().language() == QLocale.Language.French else "en"


def install(language: str) -> str:
    """Speaks `language` ("fr"/"en"/"" for the system's) from now on. Returns the language in use."""
    app = QCoreApplication.instance()
    language = i18n.set_language(language if language in LANGUAGES else system_language())
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if language != "en":
        qt = QTranslator(app)  # Qt's own strings (standard buttons, context menus)
        if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
    QLocale.setDefault(QLocale(QLocale.Language.French if language == "fr" else QLocale.Language.English))
    return language
