"""UI language: installs the Qt translators and formats dates the way the counter says them.

Source strings are English; Vietnamese (the default) comes from
resources/translations/counter_app_vi.qm, compiled from counter_app_vi.ts with
pyside6-lrelease. Messages of domain errors carry their own vi/en texts
(domain/messages.py); widgets ask :func:`current_language` which one to show.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from counter_app.resources import resource_path

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "vi"
SUPPORTED_LANGUAGES = ("vi", "en")
CATALOG_NAME = "counter_app"

# The translators currently installed on the application (there is one application).
_installed: list[QTranslator] = []
_language = DEFAULT_LANGUAGE


def translations_dir() -> Path:
    return resource_path("translations")


def current_language() -> str:
    """The UI language ("vi" or "en"), also used to pick domain error messages."""
    return _language


def set_language(language: str) -> str:
    """Install the translators for ``language`` on the running application.

    Widgets receive a LanguageChange event and call their ``retranslateUi()``. Unknown
    languages fall back to Vietnamese. Returns the language actually in use.
    """
    global _language
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication before setting the UI language")
    if language not in SUPPORTED_LANGUAGES:
        log.warning("unsupported UI language %r, using %r", language, DEFAULT_LANGUAGE)
        language = DEFAULT_LANGUAGE
    remove_translators()

    locale = QLocale(QLocale.Language.Vietnamese if language == "vi" else QLocale.Language.English)
    QLocale.setDefault(locale)

    # Qt's own strings (standard dialogs) where Qt ships them for this language.
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator()
    if qt_translator.load(locale, "qtbase", "_", qt_dir):
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)

    ours = QTranslator()
    qm = translations_dir() / f"{CATALOG_NAME}_{language}.qm"
    if qm.is_file() and ours.load(str(qm)):
        app.installTranslator(ours)
        _installed.append(ours)
    elif language != "en":
        log.warning("translation file %s is missing; the UI will be in English", qm)
    # One more catalog per window family (kiosk, display, queue, ...): counter_app_<part>_<lang>.qm
    for extra in sorted(translations_dir().glob(f"{CATALOG_NAME}_*_{language}.qm")):
        translator = QTranslator()
        if translator.load(str(extra)):
            app.installTranslator(translator)
            _installed.append(translator)
    _language = language
    return language


def remove_translators() -> None:
    """Uninstall our translators (language switch, or before the application goes away)."""
    app = QCoreApplication.instance()
    for translator in _installed:
        if app is not None:
            app.removeTranslator(translator)
    _installed.clear()


def weekday_name(d: date) -> str:
    """Day of the week as said at the counter: "thứ Sáu", "Chủ nhật"."""
    names = (
        QCoreApplication.translate("Weekday", "Monday"),
        QCoreApplication.translate("Weekday", "Tuesday"),
        QCoreApplication.translate("Weekday", "Wednesday"),
        QCoreApplication.translate("Weekday", "Thursday"),
        QCoreApplication.translate("Weekday", "Friday"),
        QCoreApplication.translate("Weekday", "Saturday"),
        QCoreApplication.translate("Weekday", "Sunday"),
    )
    return names[d.weekday()]


def format_date(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def format_datetime(dt: datetime) -> str:
    """"09:32 thứ Sáu 03/11/2023" (the caller gives local time)."""
    return QCoreApplication.translate("Formatting", "%1 %2 %3").replace(
        "%1", dt.strftime("%H:%M")
    ).replace("%2", weekday_name(dt.date())).replace("%3", format_date(dt.date()))


def format_processing_time(days: int, calendar_days: bool) -> str:
    """"5 ngày làm việc" / "5 working days"; "3 ngày" for procedures counted in calendar days."""
    if days == 0:
        return QCoreApplication.translate("Formatting", "same day")
    if calendar_days:
        return QCoreApplication.translate("Formatting", "%n day(s)", None, days)
    return QCoreApplication.translate("Formatting", "%n working day(s)", None, days)
