"""The examination pipeline's results: small, frozen, one per stage.

Why one module of types: capture -> page -> identification -> registration -> feature
checks -> verdict are written (and tested, timed and shown) separately; these are the
contracts between them. Expected findings (a failed check, an unknown document) are
values here, never exceptions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

STATUSES = ("pass", "fail", "inconclusive", "not_checked")
VERDICTS = ("consistent", "suspect", "inconclusive")


@dataclass(frozen=True)
class Message:
    """A sentence for the user in English and Russian."""

    en: str
    ru: str

    def to_dict(self) -> dict[str, str]:
        return {"en": self.en, "ru": self.ru}


@dataclass(frozen=True, eq=False)
class Evidence:
    """What a check looked at: the zone in both documents and where they differ.

    All three are BGR uint8 images of the same size (the zone at the page resolution);
    ``heatmap`` is a colour map of the difference the check measured.
    """

    questioned: np.ndarray
    reference: np.ndarray
    heatmap: np.ndarray


@dataclass(frozen=True, eq=False)
class FeatureResult:
    """One security feature checked under one or more lights."""

    feature: str
    type: str
    light: str | None  # the light the score refers to ("uv365", "white+uv365" ...)
    status: str  # one of STATUSES
    score: float | None
    threshold: float | None
    code: str | None  # reason code (docs/reason-codes.md); None when the check passed
    message: Message
    evidence: Evidence | None = None
    details: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, got {self.status!r}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.feature,
            "type": self.type,
            "light": self.light,
            "status": self.status,
            "score": None if self.score is None else round(float(self.score), 4),
            "threshold": self.threshold,
            "code": self.code,
            "message": self.message.en,
            "message_ru": self.message.ru,
            "details": dict(self.details),
        }


@dataclass(frozen=True)
class Quality:
    """How well the capture can be judged.

    ``sharpness``: 0..1 (1 = as sharp as the reference at the same resolution);
    ``glare``: fraction of the page's white-light pixels that are saturated;
    ``px_per_mm``: effective resolution of the page in the capture (before resampling).
    ``problems``: codes such as CAPTURE_TOO_BLURRED, CAPTURE_TOO_SMALL, GLARE.
    """

    sharpness: float
    glare: float
    px_per_mm: float
    problems: tuple[str, ...] = ()

    @property
    def judgeable(self) -> bool:
        return not {"CAPTURE_TOO_BLURRED", "CAPTURE_TOO_SMALL", "NO_DOCUMENT"} & set(self.problems)

    def to_dict(self) -> dict[str, Any]:
        return {
            "sharpness": round(self.sharpness, 3),
            "glare": round(self.glare, 4),
            "px_per_mm": round(self.px_per_mm, 2),
            "problems": list(self.problems),
            "judgeable": self.judgeable,
        }


@dataclass(frozen=True, eq=False)
class NormalisedPage:
    """The document cut out of the capture, upright, at a known resolution.

    ``images``: light -> page image (white/uv BGR uint8, ir grey uint8), all the same size;
    ``valid``: light -> bool mask of pixels that came from the capture (not outside it);
    ``glare``: bool mask of white-light pixels lost to glare;
    ``homography``: page pixels -> capture pixels.
    """

    images: Mapping[str, np.ndarray]
    valid: Mapping[str, np.ndarray]
    glare: np.ndarray
    px_per_mm: float
    size_mm: tuple[float, float]
    homography: np.ndarray
    quality: Quality
