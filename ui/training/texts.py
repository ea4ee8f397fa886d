"""Names of training values (forgery kinds, capture modes, outcomes) in the UI language.

Why here: the engine names forgery kinds in English only (its catalogue titles); the
training screens show them to Russian-speaking trainers too, so they are worded once here,
through ``tr``, and looked up by id. Feature names come from the specimen manifests, which
carry both languages (:func:`feature_name`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject

from ui.language import ui_language

FORGERY_IDS = (
    "photo_substitution",
    "mrz_altered",
    "mrz_altered_recomputed",
    "viz_altered",
    "counterfeit_reprint",
    "uv_print_missing",
    "uv_print_foreign",
    "ir_dropout_replaced",
    "guilloche_foreign",
    "viz_font_wrong",
    "ghost_image_mismatch",
    "series_mix",
)
CAPTURE_IDS = ("scan", "camera", "phone", "mixed", "none")


class TrainingTexts(QObject):
    """Translated names; a QObject only so that ``self.tr`` has its context."""

    def forgery(self, forgery_id: str) -> str:
        """A forgery kind's name; the trainer's own ids are shown as they are."""
        return {
            "genuine": self.tr("Genuine"),
            "photo_substitution": self.tr("Photo substitution"),
            "mrz_altered": self.tr("MRZ altered"),
            "mrz_altered_recomputed": self.tr("MRZ altered, check digits recomputed"),
            "viz_altered": self.tr("Printed data altered"),
            "counterfeit_reprint": self.tr("Counterfeit reprint"),
            "uv_print_missing": self.tr("UV print missing"),
            "uv_print_foreign": self.tr("Foreign UV print"),
            "ir_dropout_replaced": self.tr("IR drop-out ink replaced"),
            "guilloche_foreign": self.tr("Foreign guilloche"),
            "viz_font_wrong": self.tr("Wrong personalisation typeface"),
            "ghost_image_mismatch": self.tr("Ghost image mismatch"),
            "series_mix": self.tr("Series mix"),
        }.get(forgery_id, forgery_id.replace("_", " "))

    def capture(self, mode: str) -> str:
        return {
            "scan": self.tr("Scanner"),
            "camera": self.tr("Booth camera"),
            "phone": self.tr("Phone camera"),
            "mixed": self.tr("Mixed (scanner, camera, phone)"),
            "none": self.tr("None (flat pages, fast)"),
        }.get(mode, mode)


def feature_name(feature: Any) -> str:
    """A specimen feature's name in the UI language (manifests carry en and ru)."""
    name = getattr(feature, "name", None)
    return name.get(ui_language()) if name is not None else str(getattr(feature, "id", feature))


def feature_names_of(doc: Any) -> dict[str, str]:
    """feature id -> name, over every identified side of an examination (first name wins)."""
    out: dict[str, str] = {}
    for _side, ex in getattr(doc, "sides", ()):
        page = getattr(ex, "page", None)
        for f in getattr(page, "features", ()) if page is not None else ():
            out.setdefault(f.id, feature_name(f))
    return out


def safe_name(text: str) -> str:
    """A trainee's name as a file-name part: letters and digits kept (any script)."""
    cleaned = re.sub(r"[^\w.-]+", "_", text.strip(), flags=re.UNICODE).strip("._")
    return cleaned or "trainee"


def results_path_for(package: Path, trainee: str) -> Path:
    """Where a trainee's finished results go by default: beside the package."""
    return package.with_name(f"{package.stem}.{safe_name(trainee)}.results.json")


def minutes(seconds: float | None) -> str:
    """``95.2`` -> ``"1:35"`` (a clock, as trainees read a timer)."""
    if seconds is None:
        return "–"
    s = max(0, round(seconds))
    return (
        f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"
    )
