"""Wording and colours the log browser's parts share: verdicts, decisions, lights, times.

Why one module: the table, the filter bar and the detail pane must name a verdict or a
decision the same way (and colour it the same way), in the user's language. The log stores
stable English codes (``suspect``, ``referred``, ``uv365``); they are worded here, at
display time, in the translation context ``LogWords``.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor

from docexam.examlog.canonical import parse_utc
from ui.language import ui_language

_CTX = "LogWords"
GREEN, RED, AMBER, GREY = QColor("#1b7f3b"), QColor("#c62828"), QColor("#a15c00"), QColor("#6b6b6b")

VERDICTS = ("consistent", "suspect", "inconclusive")
_VERDICT_TEXT = {
    "consistent": QT_TRANSLATE_NOOP("LogWords", "Consistent"),
    "suspect": QT_TRANSLATE_NOOP("LogWords", "Suspect"),
    "inconclusive": QT_TRANSLATE_NOOP("LogWords", "Inconclusive"),
}
_VERDICT_MARK = {"consistent": "✓", "suspect": "✗", "inconclusive": "?"}
_VERDICT_COLOR = {"consistent": GREEN, "suspect": RED, "inconclusive": AMBER}

DECISIONS = ("admitted", "refused", "referred", "other")
_DECISION_TEXT = {
    "admitted": QT_TRANSLATE_NOOP("LogWords", "Admitted"),
    "refused": QT_TRANSLATE_NOOP("LogWords", "Refused"),
    "referred": QT_TRANSLATE_NOOP("LogWords", "Referred"),
    "other": QT_TRANSLATE_NOOP("LogWords", "Other"),
}
_LIGHT_TEXT = {
    "white": QT_TRANSLATE_NOOP("LogWords", "White light"),
    "uv365": QT_TRANSLATE_NOOP("LogWords", "UV 365 nm"),
    "ir870": QT_TRANSLATE_NOOP("LogWords", "IR 870 nm"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def verdict_text(verdict: str | None, *, mark: bool = True) -> str:
    """ "✗ Suspect": the symbol keeps the verdict readable without colour."""
    if not verdict:
        return "—"
    word = tr(_VERDICT_TEXT[verdict]) if verdict in _VERDICT_TEXT else verdict
    return f"{_VERDICT_MARK.get(verdict, '•')} {word}" if mark else word


def verdict_color(verdict: str | None) -> QColor:
    return _VERDICT_COLOR.get(verdict or "", GREY)


def decision_text(decision: str | None) -> str:
    if not decision:
        return "—"
    return tr(_DECISION_TEXT[decision]) if decision in _DECISION_TEXT else decision


def light_text(light: str) -> str:
    return tr(_LIGHT_TEXT[light]) if light in _LIGHT_TEXT else light


def local_time(utc: str | None, *, seconds: bool = False) -> str:
    """A log time (UTC text) in the computer's time zone: officers think in local time."""
    if not utc:
        return ""
    try:
        when = parse_utc(utc).astimezone()
    except ValueError:
        return utc
    return when.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def ui_is_russian() -> bool:
    """Whether the engine's Russian sentences (``message_ru``) suit the interface."""
    return ui_language() == "ru"
