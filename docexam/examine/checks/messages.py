"""Reason codes of the image feature checks and their sentences in English and Russian.

Why one table: the codes are a stable vocabulary (docs/reason-codes.md; a test keeps the two
equal) that the UI, reports and trainers' cases refer to, and every sentence an officer
reads must exist in both languages. A check names a code and fills the template's fields;
it never writes a sentence itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from docexam.examine.results import Message

# code -> (status it comes with, English template, Russian template). Templates use
# str.format fields: {feature} (the feature's name), {score}, {threshold}, {light}, {what}.
CODES: dict[str, tuple[str, str, str]] = {
    # --- not checked -------------------------------------------------------------------
    "LIGHT_MISSING": ("not_checked",
        "{feature}: not checked: there is no image of the document under {light}.",
        "{feature}: не проверено: нет изображения документа в свете {light}."),
    "REFERENCE_MISSING": ("not_checked",
        "{feature}: not checked: the specimen has no image under {light}.",
        "{feature}: не проверено: у образца нет изображения в свете {light}."),
    "VISUAL_CHECK": ("not_checked",
        "{feature}: check by eye. {what}",
        "{feature}: проверьте визуально. {what}"),
    "METHOD_UNKNOWN": ("not_checked",
        "{feature}: not checked: no automatic check for method '{what}'.",
        "{feature}: не проверено: нет автоматической проверки для метода '{what}'."),
    "DATA_CHECK_UNAVAILABLE": ("not_checked",
        "{feature}: not checked: the data check '{what}' is not available here.",
        "{feature}: не проверено: проверка данных '{what}' здесь недоступна."),
    # --- inconclusive ------------------------------------------------------------------
    "ZONE_NOT_COVERED": ("inconclusive",
        "{feature}: cannot judge: most of the zone is outside the captured image.",
        "{feature}: нельзя оценить: большая часть зоны не попала в снимок."),
    "ZONE_GLARE": ("inconclusive",
        "{feature}: cannot judge: the zone is lost to glare. Tilt the document and capture "
        "again.",
        "{feature}: нельзя оценить: зона засвечена бликом. Наклоните документ и сделайте "
        "снимок снова."),
    "NOTHING_TO_MEASURE": ("inconclusive",
        "{feature}: cannot judge: {what}.",
        "{feature}: нельзя оценить: {what}."),
    "CAPTURE_TOO_SOFT": ("inconclusive",
        "{feature}: cannot judge: the image is too blurred to resolve this detail (blur "
        "{what} mm). Capture again at a higher resolution or check with a magnifier.",
        "{feature}: нельзя оценить: снимок слишком размыт для этой детали (размытие "
        "{what} мм). Сделайте снимок с большим разрешением или проверьте с лупой."),
    "CHECK_ERROR": ("inconclusive",
        "{feature}: cannot judge: the check failed unexpectedly ({what}).",
        "{feature}: нельзя оценить: проверка завершилась с ошибкой ({what})."),
    # --- fail --------------------------------------------------------------------------
    "PATTERN_MISMATCH": ("fail",
        "{feature}: the pattern under {light} does not match the specimen (correlation "
        "{score:.2f}, at least {threshold:.2f} expected).",
        "{feature}: рисунок в свете {light} не совпадает с образцом (корреляция {score:.2f}, "
        "нужно не менее {threshold:.2f})."),
    "UV_PRINT_MISMATCH": ("fail",
        "{feature}: the pattern under {light} has another colour than the specimen's "
        "(colour agreement {score:.2f}, at least {threshold:.2f} expected).",
        "{feature}: рисунок в свете {light} другого цвета, чем у образца (совпадение цвета "
        "{score:.2f}, нужно не менее {threshold:.2f})."),
    "MICROPRINT_LOST": ("fail",
        "{feature}: the fine detail is smeared ({score:.2f} of the specimen's, at least "
        "{threshold:.2f} expected): a copy cannot reproduce microtext.",
        "{feature}: мелкие детали размыты ({score:.2f} от образца, нужно не менее "
        "{threshold:.2f}): копия не воспроизводит микротекст."),
    "COLOUR_SHIFT": ("fail",
        "{feature}: the colours differ from the specimen (ΔE {score:.1f}, at most "
        "{threshold:.1f} allowed).",
        "{feature}: цвета отличаются от образца (ΔE {score:.1f}, допустимо не более "
        "{threshold:.1f})."),
    "UV_PRINT_MISSING": ("fail",
        "{feature}: the UV glow is missing or weak ({score:.2f} of the specimen's, at least "
        "{threshold:.2f} expected).",
        "{feature}: УФ-свечение отсутствует или слабое ({score:.2f} от образца, нужно не "
        "менее {threshold:.2f})."),
    "UV_BRIGHT_SUBSTRATE": ("fail",
        "{feature}: glows under UV {score:.1f} times as bright as the specimen (at most "
        "{threshold:.1f} allowed): paper with optical brighteners or a photograph.",
        "{feature}: светится в УФ в {score:.1f} раза ярче образца (допустимо не более "
        "{threshold:.1f}): бумага с оптическим отбеливателем или фотография."),
    "PORTRAIT_UV_BRIGHT": ("fail",
        "{feature}: the portrait glows under UV {score:.1f} times as bright as the "
        "specimen's (at most {threshold:.1f} allowed): a photograph or paper pasted in.",
        "{feature}: портрет светится в УФ в {score:.1f} раза ярче, чем у образца (допустимо "
        "не более {threshold:.1f}): вклеена фотография или бумага."),
    "UV_FIBRES_MISSING": ("fail",
        "{feature}: too few glowing fibres ({score:.2f} of the specimen's count, at least "
        "{threshold:.2f} expected).",
        "{feature}: слишком мало светящихся волокон ({score:.2f} от образца, нужно не менее "
        "{threshold:.2f})."),
    "IR_MRZ_NOT_VISIBLE": ("fail",
        "{feature}: the MRZ fades under IR ({score:.2f} of its contrast in white light, at "
        "least {threshold:.2f} expected): printed with an ordinary ink.",
        "{feature}: МСЗ пропадает в ИК-свете ({score:.2f} от контраста в белом свете, нужно "
        "не менее {threshold:.2f}): напечатано обычной краской."),
    "IR_PRINT_NOT_VISIBLE": ("fail",
        "{feature}: the print fades under IR ({score:.2f} of its contrast in white light, at "
        "least {threshold:.2f} expected): printed with an ordinary ink.",
        "{feature}: печать пропадает в ИК-свете ({score:.2f} от контраста в белом свете, нужно "
        "не менее {threshold:.2f}): напечатано обычной краской."),
    "IR_DROPOUT_VISIBLE": ("fail",
        "{feature}: the print stays visible under IR ({score:.2f} of its contrast in white "
        "light, at most {threshold:.2f} allowed): not the drop-out ink.",
        "{feature}: печать видна в ИК-свете ({score:.2f} от контраста в белом свете, "
        "допустимо не более {threshold:.2f}): краска не та."),
    "LAYOUT_MISMATCH": ("fail",
        "{feature}: the print the specimen has in this zone is not there ({score:.2f} of its "
        "contrast): the layout differs from the specimen.",
        "{feature}: печати, которая есть у образца в этой зоне, нет ({score:.2f} от её "
        "контраста): макет отличается от образца."),
    "GHOST_IMAGE_MISMATCH": ("fail",
        "{feature}: the ghost image does not match the portrait (similarity {score:.2f}, at "
        "least {threshold:.2f} expected).",
        "{feature}: дополнительное изображение не совпадает с портретом (сходство "
        "{score:.2f}, нужно не менее {threshold:.2f})."),
    "TYPEFACE_MISMATCH": ("fail",
        "{feature}: the typeface differs from the specimen's (difference {score:.2f}, at most "
        "{threshold:.2f} allowed): {what}.",
        "{feature}: шрифт отличается от шрифта образца (отличие {score:.2f}, допустимо не "
        "более {threshold:.2f}): {what}."),
}  # fmt: skip

# Sentences for a pass, per check method (a pass has no code).
PASSED: dict[str, tuple[str, str]] = {
    "pattern_match": ("{feature}: the pattern matches the specimen (correlation {score:.2f}).",
                      "{feature}: рисунок совпадает с образцом (корреляция {score:.2f})."),
    "fine_detail": ("{feature}: the fine detail is as sharp as the specimen's ({score:.2f}).",
                    "{feature}: мелкие детали чёткие, как у образца ({score:.2f})."),
    "colour_match": ("{feature}: the colours match the specimen (ΔE {score:.1f}).",
                     "{feature}: цвета совпадают с образцом (ΔE {score:.1f})."),
    "fluorescence": ("{feature}: glows under UV as the specimen does ({score:.2f}).",
                     "{feature}: светится в УФ, как образец ({score:.2f})."),
    "uv_dull": ("{feature}: stays dull under UV, as the specimen does ({score:.2f}).",
                "{feature}: не светится в УФ, как и образец ({score:.2f})."),
    "fibres_present": ("{feature}: glowing fibres present ({score:.2f} of the specimen's).",
                       "{feature}: светящиеся волокна есть ({score:.2f} от образца)."),
    "ir_visible": ("{feature}: the print stays dark under IR ({score:.2f}).",
                   "{feature}: печать остаётся тёмной в ИК-свете ({score:.2f})."),
    "ir_invisible": ("{feature}: the print vanishes under IR ({score:.2f}).",
                     "{feature}: печать исчезает в ИК-свете ({score:.2f})."),
    "ghost_matches_portrait": ("{feature}: the ghost image matches the portrait ({score:.2f}).",
                               "{feature}: дополнительное изображение совпадает с портретом "
                               "({score:.2f})."),
    "typeface_match": ("{feature}: the typeface matches the specimen's (difference "
                       "{score:.2f}).",
                       "{feature}: шрифт совпадает со шрифтом образца (отличие {score:.2f})."),
}  # fmt: skip

# Light names as an officer reads them.
LIGHT_NAMES: dict[str, tuple[str, str]] = {
    "white": ("white light", "белом"),
    "uv365": ("UV 365 nm", "УФ 365 нм"),
    "uv254": ("UV 254 nm", "УФ 254 нм"),
    "ir870": ("IR 870 nm", "ИК 870 нм"),
    "ir950": ("IR 950 nm", "ИК 950 нм"),
    "coaxial": ("coaxial light", "коаксиальном"),
}


def _light(light: str | None, lang: int) -> str:
    if not light:
        return ""
    return " + ".join(LIGHT_NAMES.get(x, (x, x))[lang] for x in light.split("+"))


def message(
    code: str | None,
    *,
    method: str,
    names: tuple[str, str],
    fields: Mapping[str, Any],
    light: str | None = None,
    what: tuple[str, str] = ("", ""),
) -> Message:
    """The two sentences for ``code`` (None: passed ``method``); ``names``: (en, ru)."""
    if code is None:
        en, ru = PASSED[method]
    else:
        _, en, ru = CODES[code]
    out = []
    for lang, tpl in enumerate((en, ru)):
        vals = {"score": float("nan"), "threshold": float("nan"), **fields}
        vals.update(feature=names[lang], light=_light(light, lang), what=what[lang])
        out.append(tpl.format(**vals))
    return Message(out[0], out[1])
