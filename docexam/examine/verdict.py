"""The verdict: one word and the reasons behind it, heaviest first.

Why explicit weights: an officer reads the first reason first, so the order must say what
matters most (an MRZ that does not validate outweighs a slight colour shift), and it must
be the same every time. Rules:
- the examination could not judge (no document, unknown type, capture unusable,
  registration failed): ``inconclusive``; so is a light of another document (its checks
  are not run), unless a check under the other lights failed: then ``suspect``;
- any check failed: ``suspect``;
- no failure, but too many checks could not be judged (more than a third of the image
  checks, or the MRZ could not be checked), or a printed field is one character off the
  MRZ (VIZ_DOUBTFUL: a misreading or an alteration, the officer must look): ``inconclusive``;
- otherwise ``consistent``. Findings that are not about authenticity (an expired document)
  are reasons with a low weight and do not change the verdict; what was not checked is
  always listed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docexam.examine.results import FeatureResult, Message

WEIGHTS: dict[str, int] = {
    # findings (docs/reason-codes.md: the checks' codes, then the examination's)
    "MRZ_INVALID": 100, "MRZ_NOT_FOUND": 95, "MRZ_UNCERTAIN": 95, "MRZ_VIZ_MISMATCH": 95,
    "UV_BRIGHT_SUBSTRATE": 90, "IR_MRZ_NOT_VISIBLE": 90, "PORTRAIT_UV_BRIGHT": 88,
    "GHOST_IMAGE_MISMATCH": 85, "UV_PRINT_MISSING": 85, "UV_PRINT_MISMATCH": 80,
    "IR_PRINT_NOT_VISIBLE": 80, "IR_DROPOUT_VISIBLE": 80, "LAYOUT_MISMATCH": 78,
    "PATTERN_MISMATCH": 75, "TYPEFACE_MISMATCH": 70, "MICROPRINT_LOST": 70,
    "UV_FIBRES_MISSING": 65, "COLOUR_SHIFT": 60,
    # could not judge
    "NO_DOCUMENT": 50, "UNKNOWN_DOCUMENT": 50, "CAPTURE_TOO_SMALL": 45,
    "CAPTURE_TOO_BLURRED": 45, "REGISTRATION_FAILED": 45, "LIGHT_MISMATCH": 44,
    "LIGHT_SIZE_MISMATCH": 40, "CHECK_ERROR": 25, "ZONE_GLARE": 20, "ZONE_NOT_COVERED": 20,
    "VIZ_DOUBTFUL": 35, "VIZ_UNREADABLE": 20, "NOTHING_TO_MEASURE": 15,
    "CAPTURE_TOO_SOFT": 15, "GLARE": 15,
    "LIGHT_MISSING": 10, "REFERENCE_MISSING": 10, "METHOD_UNKNOWN": 5,
    "DATA_CHECK_UNAVAILABLE": 5, "MRZ_ON_OTHER_SIDE": 5, "VISUAL_CHECK": 3,
    # not about authenticity
    "DOCUMENT_EXPIRED": 30,
}  # fmt: skip
INFORMATIONAL = frozenset({"DOCUMENT_EXPIRED", "VISUAL_CHECK", "GLARE", "MRZ_ON_OTHER_SIDE"})
BLOCKING = frozenset({"NO_DOCUMENT", "UNKNOWN_DOCUMENT", "CAPTURE_TOO_SMALL",
                      "CAPTURE_TOO_BLURRED", "REGISTRATION_FAILED", "LIGHT_MISMATCH"})  # fmt: skip
LIGHT_ONLY = frozenset({"LIGHT_MISMATCH"})  # blocking unless another light's check failed
DATA_METHOD_TYPES = frozenset({"mrz_integrity", "data_consistency"})
# A data check that saw something it cannot call (one character off): the officer must look.
DOUBT = frozenset({"VIZ_DOUBTFUL"})


@dataclass(frozen=True)
class Reason:
    code: str
    feature: str | None
    message: Message
    weight: int

    def to_dict(self) -> dict:
        return {"code": self.code, "feature": self.feature, "message": self.message.en,
                "message_ru": self.message.ru, "weight": self.weight}  # fmt: skip


def weight(code: str) -> int:
    return WEIGHTS.get(code, 50)


def reason(code: str, message: Message, feature: str | None = None) -> Reason:
    return Reason(code, feature, message, weight(code))


def decide(
    features: Sequence[FeatureResult], extra: Sequence[Reason] = ()
) -> tuple[str, tuple[Reason, ...], tuple[str, ...]]:
    """(verdict, reasons heaviest first, ids of features not checked or not judged)."""
    reasons = list(extra)
    for f in features:
        if f.status == "fail" or (f.status == "inconclusive" and f.code):
            code = f.code or "CHECK_FAILED"
            reasons.append(Reason(code, f.feature, f.message, weight(code)))
    unchecked = tuple(f.feature for f in features if f.status in ("not_checked", "inconclusive"))
    reasons.sort(key=lambda r: (-r.weight, r.code, r.feature or ""))
    failed = any(f.status == "fail" for f in features)
    blocking = {r.code for r in extra if r.code in BLOCKING}
    # One light of another document stops only that light's checks: a failure the other
    # lights found still stands (a reprint's IR may show no print at all and little match).
    if blocking and not (blocking <= LIGHT_ONLY and failed):
        reasons.sort(key=lambda r: r.code not in BLOCKING)  # what made it inconclusive first
        return "inconclusive", tuple(reasons), unchecked
    if failed:
        return "suspect", tuple(reasons), unchecked
    image = [f for f in features if f.type not in DATA_METHOD_TYPES and f.status != "not_checked"]
    judged = [f for f in image if f.status == "pass"]
    mrz = [f for f in features if f.type == "mrz_integrity"]
    if not features or (image and len(judged) < (2 * len(image)) / 3):
        return "inconclusive", tuple(reasons), unchecked
    if any(f.status == "inconclusive" for f in mrz) or any(
        f.status == "inconclusive" and f.code in DOUBT for f in features
    ):
        return "inconclusive", tuple(reasons), unchecked
    return "consistent", tuple(reasons), unchecked
