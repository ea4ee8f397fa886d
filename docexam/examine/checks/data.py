"""The data checks: the MRZ's own integrity, and the printed data (VIZ) against the MRZ.

Why these two are "data" checks and not image checks: they judge what the document says,
not how it is printed, so they take the MRZ reading and the field comparisons (made once
per page by ``docexam.examine.viz``) instead of images, and carry no evidence image.

Statuses: a document type that carries an MRZ but shows none fails (MRZ_NOT_FOUND): a
missing or unreadable MRZ on a clean capture is itself suspect, and an unusable capture is
stopped by the caller before any check runs. The VIZ check fails only on a field that was
read confidently and clearly differs (``viz.compare_with_mrz`` decides that); too few
readable fields is ``inconclusive`` (VIZ_UNREADABLE), never a pass.
"""

from __future__ import annotations

from collections.abc import Sequence

from docexam.examine.results import FeatureResult, Message
from docexam.examine.viz import FieldComparison
from docexam.mrz.reader import MrzReading
from docexam.specimens.manifest import Feature

__all__ = ["MIN_READABLE", "check_mrz_digits", "check_viz_matches_mrz", "read_surely"]

MIN_READABLE = 2  # fewest fields read and compared for the VIZ check to pass
# How surely an MRZ that fails its checks must have been read to be a finding: mean and least
# character confidence. Tuning seeds 7000-7011 and 7100-7115: altered MRZs, printed as
# cleanly as genuine ones, were read at a mean of 0.99-1.0 and a least character of 0.997
# or more on phone shots; the invalid readings of genuine documents were misreadings of
# soft or glaring phone shots at a mean of 0.66-0.85, or at 0.95 with characters at 0.2-0.4
# where the line's grid slipped.
MRZ_SURE = 0.9
MRZ_SURE_CHAR = 0.5


def read_surely(reading: MrzReading) -> bool:
    """Whether the characters of ``reading`` were read surely enough for an invalid MRZ to
    be a finding rather than a possible misreading."""
    # no per-character confidences (an MRZ typed in, not read): the mean alone decides
    least = min((min(line) for line in reading.char_confidence if line), default=1.0)
    return reading.confidence >= MRZ_SURE and least >= MRZ_SURE_CHAR


# MRZ field or check name -> (English, Russian) for the officer's sentence.
_NAMES: dict[str, tuple[str, str]] = {
    "document_code": ("document type", "тип документа"),
    "issuing_state": ("issuing state", "государство выдачи"),
    "document_number": ("document number", "номер документа"),
    "surname": ("surname", "фамилия"),
    "given_names": ("given names", "имя"),
    "nationality": ("nationality", "гражданство"),
    "birth_date": ("date of birth", "дата рождения"),
    "sex": ("sex", "пол"),
    "expiry_date": ("date of expiry", "срок действия"),
    "personal_number": ("personal number", "личный номер"),
    "optional_data": ("optional data (personal number)", "доп. данные (личный номер)"),
    "composite": ("composite", "общая (по всей строке)"),
}


def _name(key: str, lang: int) -> str:
    return _NAMES.get(key, (key.replace("_", " "),) * 2)[lang]


def _result(
    feature: Feature,
    status: str,
    code: str | None,
    en: str,
    ru: str,
    *,
    score: float | None = None,
    details: dict | None = None,
) -> FeatureResult:
    return FeatureResult(
        feature=feature.id,
        type=feature.type,
        light="white",
        status=status,
        score=score,
        threshold=feature.check.tolerance,
        code=code,
        message=Message(f"{feature.name.en}: {en}", f"{feature.name.ru}: {ru}"),
        details=details or {},
    )


def check_mrz_digits(feature: Feature, reading: MrzReading | None) -> FeatureResult:
    """Pass when the MRZ was read and is valid; fail MRZ_INVALID naming what fails, when it
    was read surely (``read_surely``); an invalid reading made unsurely is inconclusive
    (MRZ_UNCERTAIN): a misreading and an altered MRZ cannot be told apart then.

    ``reading`` None (or a reading that found no MRZ): inconclusive MRZ_NOT_FOUND. This
    document type carries an MRZ, but on a soft or glaring photo the reader may not find
    it (genuine phone shots in the benchmark); that is a reason to look and capture again,
    and the verdict becomes inconclusive, not a finding against the document.
    """
    if reading is None or not reading.found or reading.parse is None:
        return _result(
            feature, "inconclusive", "MRZ_NOT_FOUND",
            "no machine-readable zone could be read, although this document type carries "
            "one: check it by eye or capture the document again.",
            "машиносчитываемая зона не считана, хотя у документа этого типа она есть: "
            "проверьте её визуально или сделайте снимок снова.",
        )  # fmt: skip
    parse = reading.parse
    details = {"format": parse.format, "lines": list(parse.lines), "checks": dict(parse.checks),
               "errors": [e.code for e in parse.errors],
               "confidence": round(reading.confidence, 3)}  # fmt: skip
    if parse.valid:
        return _result(
            feature, "pass", None,
            f"the MRZ ({parse.format}) is valid: every check digit holds.",
            f"МСЗ ({parse.format}) действительна: все контрольные цифры верны.",
            score=reading.confidence, details=details,
        )  # fmt: skip
    failed = [name for name, ok in parse.checks if not ok]
    if not read_surely(reading):
        return _result(
            feature, "inconclusive", "MRZ_UNCERTAIN",
            f"the MRZ as read is not valid, but it was read with low confidence "
            f"({reading.confidence:.2f}): the characters may be misread. Check it by eye or "
            "capture the document again.",
            f"МСЗ в прочитанном виде недействительна, но распознана неуверенно "
            f"({reading.confidence:.2f}): символы могли быть прочитаны неверно. Проверьте её "
            "визуально или сделайте снимок снова.",
            score=reading.confidence, details={**details, "failed_checks": failed},
        )  # fmt: skip
    others = sorted({e.code for e in parse.errors if not e.code.startswith("CHECK_DIGIT")})
    en_parts = [f"the {_name(n, 0)} check digit is wrong" for n in failed]
    ru_parts = [f"неверна контрольная цифра: {_name(n, 1)}" for n in failed]
    if others:
        en_parts.append("structure errors: " + ", ".join(others))
        ru_parts.append("ошибки структуры: " + ", ".join(others))
    details["failed_checks"] = failed
    return _result(
        feature, "fail", "MRZ_INVALID",
        "the MRZ is not valid: " + "; ".join(en_parts) + ".",
        "МСЗ недействительна: " + "; ".join(ru_parts) + ".",
        score=reading.confidence, details=details,
    )  # fmt: skip


def _describe(c: FieldComparison, lang: int) -> str:
    printed, mrz = ("printed", "MRZ") if lang == 0 else ("напечатано", "МСЗ")
    return f"{_name(c.mrz_field, lang)} ({printed} '{c.printed}', {mrz} '{c.expected}')"


def check_viz_matches_mrz(
    feature: Feature, comparisons: Sequence[FieldComparison]
) -> FeatureResult:
    """Fail MRZ_VIZ_MISMATCH naming each disagreeing field; a field one character off is
    inconclusive (VIZ_DOUBTFUL: the officer compares by eye, the verdict is inconclusive);
    pass when every compared field agrees and at least ``MIN_READABLE`` were read; else
    inconclusive (VIZ_UNREADABLE)."""
    by_status: dict[str, list[FieldComparison]] = {
        "agree": [], "disagree": [], "doubtful": [], "unreadable": []}  # fmt: skip
    for c in comparisons:
        by_status.setdefault(c.status, []).append(c)
    agree, disagree, unreadable = by_status["agree"], by_status["disagree"], by_status["unreadable"]
    doubtful = by_status["doubtful"]
    readable = len(agree) + len(disagree) + len(doubtful)
    details = {"fields": [dict(c.__dict__) for c in comparisons],
               **{status: [c.field for c in cs] for status, cs in by_status.items()}}  # fmt: skip
    score = len(agree) / readable if readable else None
    if disagree:
        return _result(
            feature, "fail", "MRZ_VIZ_MISMATCH",
            "the printed data differ from the MRZ: "
            + "; ".join(_describe(c, 0) for c in disagree) + ".",
            "напечатанные данные не совпадают с МСЗ: "
            + "; ".join(_describe(c, 1) for c in disagree) + ".",
            score=score, details=details,
        )  # fmt: skip
    if doubtful:
        return _result(
            feature, "inconclusive", "VIZ_DOUBTFUL",
            "a printed field differs from the MRZ by one character, which may be a misreading: "
            + "; ".join(_describe(c, 0) for c in doubtful) + ". Compare them by eye.",
            "напечатанное поле отличается от МСЗ одним символом (возможна ошибка "
            "распознавания): " + "; ".join(_describe(c, 1) for c in doubtful)
            + ". Сверьте визуально.",
            score=score, details=details,
        )  # fmt: skip
    if readable < MIN_READABLE:
        return _result(
            feature, "inconclusive", "VIZ_UNREADABLE",
            f"only {readable} printed field(s) could be read; compare the printed data with "
            "the MRZ by eye.",
            f"удалось прочитать полей: {readable}; сверьте напечатанные данные с МСЗ "
            "визуально.",
            score=score, details=details,
        )  # fmt: skip
    en_skip = ru_skip = ""
    if unreadable:
        en_skip = " Not read: " + ", ".join(_name(c.mrz_field, 0) for c in unreadable) + "."
        ru_skip = " Не прочитаны: " + ", ".join(_name(c.mrz_field, 1) for c in unreadable) + "."
    return _result(
        feature, "pass", None,
        f"{len(agree)} printed field(s) agree with the MRZ.{en_skip}",
        f"полей, совпадающих с МСЗ: {len(agree)}.{ru_skip}",
        score=score, details=details,
    )  # fmt: skip
