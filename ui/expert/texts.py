"""Names of engine values (statuses, verdicts, lights, sides) in the user's language.

Why one place: the check list, the header, the captions and the PDF all name the same
engine values; written once they cannot drift apart, and a language switch re-reads them.
Engine texts that come in both languages (messages, feature names) are picked by
:func:`ui_language`, the language the UI is showing now.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor

from docexam.specimens.vocabulary import CHECK_METHODS

STATUS_COLOUR = {
    "pass": QColor("#1b7f3b"),
    "fail": QColor("#c62828"),
    "inconclusive": QColor("#a15c00"),
    "not_checked": QColor("#6b6b6b"),
}
VERDICT_COLOUR = {
    "consistent": QColor("#1b7f3b"),
    "suspect": QColor("#c62828"),
    "inconclusive": QColor("#a15c00"),
}
#: Colour-blind safe: every status also has its own symbol.
STATUS_SYMBOL = {"pass": "✔", "fail": "✖", "inconclusive": "?", "not_checked": "–"}
VERDICT_SYMBOL = {"consistent": "✔", "suspect": "✖", "inconclusive": "?"}
#: Order of the check list: what needs the expert's eye first.
STATUS_ORDER = {"fail": 0, "inconclusive": 1, "pass": 2, "not_checked": 3}
LIGHT_ORDER = ("white", "uv365", "ir870")


def sort_lights(lights: list[str]) -> list[str]:
    """White first, then UV, then IR (then anything else), as examiners switch lamps."""

    def key(light: str) -> tuple[int, str]:
        if light in LIGHT_ORDER:
            return LIGHT_ORDER.index(light), light
        return (1 if light.startswith("uv") else 2 if light.startswith("ir") else 3), light

    return sorted(lights, key=key)


class ExpertTexts(QObject):
    """Translated names; a QObject only so that ``self.tr`` has its context."""

    def status(self, status: str) -> str:
        return {
            "pass": self.tr("Passed"),
            "fail": self.tr("Failed"),
            "inconclusive": self.tr("Inconclusive"),
            "not_checked": self.tr("Not checked"),
        }.get(status, status)

    def verdict(self, verdict: str) -> str:
        return {
            "consistent": self.tr("Consistent with the specimen"),
            "suspect": self.tr("Suspect"),
            "inconclusive": self.tr("Inconclusive"),
        }.get(verdict, verdict)

    def light(self, light: str) -> str:
        """``"uv365"`` -> "UV 365 nm"; combined lights (``"uv365+white"``) joined by " + "."""
        if "+" in light:
            return " + ".join(self.light(part) for part in light.split("+"))
        if light == "white":
            return self.tr("White")
        if light == "coaxial":
            return self.tr("Coaxial")
        m = re.fullmatch(r"(uv|ir)(\d+)", light)
        if m:
            kind = self.tr("UV") if m.group(1) == "uv" else self.tr("IR")
            return self.tr("%1 %2 nm").replace("%1", kind).replace("%2", m.group(2))
        return light

    def light_short(self, light: str) -> str:
        """A button label: "White", "UV 365", "IR 870"."""
        if light in ("white", "coaxial"):
            return self.light(light)
        m = re.fullmatch(r"(uv|ir)(\d+)", light)
        if m:
            kind = self.tr("UV") if m.group(1) == "uv" else self.tr("IR")
            return f"{kind} {m.group(2)}"
        return light

    def side(self, side: str) -> str:
        return {
            "data_page": self.tr("Data page"),
            "front": self.tr("Front"),
            "back": self.tr("Back"),
            "visa": self.tr("Visa"),
        }.get(side, side.replace("_", " "))


def threshold_text(threshold: float | None, method: str | None) -> str:
    """The threshold with the side a passing score lies on: "≥ 0.5", "≤ 1.6"."""
    if threshold is None:
        return ""
    kind = CHECK_METHODS[method].tolerance if method in CHECK_METHODS else "none"
    sign = {"minimum": "≥ ", "maximum": "≤ "}.get(kind, "")
    return f"{sign}{threshold:g}"


def score_text(score: float | None) -> str:
    return "" if score is None else f"{score:.2f}"
