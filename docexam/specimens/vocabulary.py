"""The closed vocabularies of the specimen format (docs/specimen-format.md), as data.

Light sources, feature types and check methods are closed on purpose: an unknown value in
a manifest is an error, so a typo ("uv_glow", "ir780") cannot silently switch a check off.
Every term carries an English and a Russian description so the CLI and the UI can show it
in the user's language without a second table that could drift from this one.

The mappings are read-only views (``MappingProxyType``) built once at import: data, not
state. Their order is the documented order, used in messages that list the known values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

__all__ = [
    "CHECK_METHODS",
    "FEATURE_TYPES",
    "FORMAT",
    "FORMAT_VERSION",
    "KINDS",
    "KNOWN_ZONES",
    "LAYOUTS",
    "LIGHTS",
    "MRZ_FIELDS",
    "MRZ_ZONE",
    "RECOMMENDED_LIGHTS",
    "REQUIRED_LIGHT",
    "SIDES",
    "CheckMethod",
    "Term",
]

#: The manifest's ``format`` value and the newest ``format_version`` this docexam reads.
FORMAT = "docexam-specimen"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Term:
    """One value of a closed vocabulary with its description in both UI languages."""

    id: str
    en: str
    ru: str


ToleranceKind = Literal["none", "minimum", "maximum"]


@dataclass(frozen=True)
class CheckMethod:
    """How a machine compares a zone with the reference, and what ``tolerance`` means.

    ``tolerance`` is "none" when the manifest's tolerance must be ``null``, otherwise
    whether the number is a pass minimum or a pass maximum; ``unit_interval`` when the
    number must lie in 0..1 (the doc says "0-1").
    """

    id: str
    en: str
    ru: str
    tolerance: ToleranceKind
    unit_interval: bool
    tolerance_en: str
    tolerance_ru: str

    @property
    def needs_tolerance(self) -> bool:
        return self.tolerance != "none"


def _terms(*terms: Term) -> Mapping[str, Term]:
    return MappingProxyType({t.id: t for t in terms})


LIGHTS: Mapping[str, Term] = _terms(
    Term("white", "visible white light", "видимый белый свет"),
    Term("uv365", "long-wave ultraviolet, 365 nm", "длинноволновый ультрафиолет, 365 нм"),
    Term("uv254", "short-wave ultraviolet, 254 nm", "коротковолновый ультрафиолет, 254 нм"),
    Term(
        "ir870",
        "infrared around 870 nm (the B900 band)",
        "инфракрасный свет около 870 нм (полоса B900)",
    ),
    Term("ir950", "infrared around 950 nm", "инфракрасный свет около 950 нм"),
    Term(
        "coaxial",
        "coaxial (retro-reflective) white light",
        "коаксиальный (ретрорефлективный) белый свет",
    ),
)

#: Every page needs a white-light image; the recommended ones only warn when missing
#: (an agency may not have the lamps), every bundled specimen has them.
REQUIRED_LIGHT = "white"
RECOMMENDED_LIGHTS: tuple[str, ...] = ("uv365", "ir870")

FEATURE_TYPES: Mapping[str, Term] = _terms(
    Term(
        "guilloche",
        "fine-line background: interlaced mathematical curves and rosettes, continuous, "
        "in one or two colours",
        "гильоширная сетка: переплетающиеся математические кривые и розетки, непрерывные, "
        "в один или два цвета",
    ),
    Term(
        "microprint",
        "text lines too small to read by eye (0.2-0.3 mm); reprographic copies turn them "
        "into dotted lines",
        "микротекст: строки, слишком мелкие для чтения глазом (0,2–0,3 мм); при копировании "
        "превращаются в пунктир",
    ),
    Term(
        "rainbow_printing",
        "split-fountain colour gradient without a dot screen",
        "ирисовая печать: плавный переход цветов без растровой точки",
    ),
    Term(
        "uv_fluorescent_print",
        "ink invisible or pale in white light that glows under UV",
        "краска, невидимая или бледная в белом свете, которая светится в УФ",
    ),
    Term(
        "uv_fibres",
        "fibres in the substrate that glow in colour under UV",
        "волокна в бумаге, светящиеся цветом в УФ",
    ),
    Term(
        "uv_dull_substrate",
        "paper without optical brighteners: stays dark under UV",
        "бумага без оптических отбеливателей: остаётся тёмной в УФ",
    ),
    Term(
        "ir_absorbing_ink",
        "ink visible under IR (the MRZ's B900 property, selected text)",
        "краска, видимая в ИК (свойство B900 машиносчитываемой зоны, отдельные надписи)",
    ),
    Term(
        "ir_dropout_ink",
        "ink visible in white light that vanishes under IR",
        "краска, видимая в белом свете и исчезающая в ИК",
    ),
    Term(
        "ghost_image",
        "a second, faint copy of the portrait",
        "второе, бледное изображение портрета (теневой портрет)",
    ),
    Term(
        "optically_variable_element",
        "colour or image changes with the angle (hologram, OVI)",
        "цвет или изображение меняется с углом зрения (голограмма, оптически переменная краска)",
    ),
    Term(
        "laser_perforation",
        "a number or image perforated through the page",
        "номер или изображение, перфорированные лазером насквозь через страницу",
    ),
    Term(
        "watermark",
        "a paper watermark seen in transmitted light",
        "водяной знак бумаги, видимый на просвет",
    ),
    Term(
        "printed_portrait",
        "the portrait is printed into the page (not a photograph glued on)",
        "портрет напечатан на странице (а не вклеенная фотография)",
    ),
    Term(
        "mrz_integrity",
        "the MRZ's check digits and structure",
        "контрольные цифры и структура машиносчитываемой зоны",
    ),
    Term(
        "data_consistency",
        "the printed data (VIZ) agrees with the MRZ",
        "напечатанные данные (визуальная зона) совпадают с машиносчитываемой зоной",
    ),
    Term(
        "typeface",
        "the typeface and size of the personalisation data",
        "гарнитура и размер шрифта персональных данных",
    ),
)


def _method(
    id: str, en: str, ru: str, tolerance: ToleranceKind, unit: bool, t_en: str, t_ru: str
) -> CheckMethod:
    return CheckMethod(id, en, ru, tolerance, unit, t_en, t_ru)


CHECK_METHODS: Mapping[str, CheckMethod] = MappingProxyType(
    {
        m.id: m
        for m in (
            _method(
                "pattern_match",
                "normalised cross-correlation of the registered zone with the reference, "
                "under each light",
                "нормированная взаимная корреляция совмещённой зоны с эталоном при каждом "
                "освещении",
                "minimum", True, "minimum correlation, 0-1", "минимальная корреляция, 0–1",
            ),
            _method(
                "fine_detail",
                "high-frequency energy of the zone relative to the reference",
                "энергия высоких частот в зоне относительно эталона",
                "minimum", True, "minimum ratio, 0-1", "минимальное отношение, 0–1",
            ),
            _method(
                "colour_match",
                "mean colour difference (CIE ΔE*ab) against the reference",
                "среднее цветовое отличие (CIE ΔE*ab) от эталона",
                "maximum", False, "maximum ΔE", "максимальное ΔE",
            ),
            _method(
                "fluorescence",
                "mean UV brightness of the zone relative to the reference",
                "средняя яркость зоны в УФ относительно эталона",
                "minimum", False, "minimum ratio", "минимальное отношение",
            ),
            _method(
                "uv_dull",
                "mean UV brightness of the substrate relative to the reference",
                "средняя яркость бумаги в УФ относительно эталона",
                "maximum", False, "maximum ratio", "максимальное отношение",
            ),
            _method(
                "ir_visible",
                "ink contrast in the zone under IR relative to white light",
                "контраст краски в зоне в ИК относительно белого света",
                "minimum", True, "minimum ratio, 0-1", "минимальное отношение, 0–1",
            ),
            _method(
                "ir_invisible",
                "ink contrast in the zone under IR relative to white light",
                "контраст краски в зоне в ИК относительно белого света",
                "maximum", True, "maximum ratio, 0-1", "максимальное отношение, 0–1",
            ),
            _method(
                "fibres_present",
                "count of small glowing specks under UV relative to the reference",
                "число мелких светящихся в УФ точек относительно эталона",
                "minimum", False, "minimum ratio", "минимальное отношение",
            ),
            _method(
                "ghost_matches_portrait",
                "similarity of the ghost image to the portrait",
                "сходство теневого изображения с портретом",
                "minimum", False, "minimum correlation", "минимальная корреляция",
            ),
            _method(
                "mrz_check_digits",
                "the MRZ parses and every check digit holds",
                "машиносчитываемая зона разбирается и все контрольные цифры верны",
                "none", False, "null", "null",
            ),
            _method(
                "viz_matches_mrz",
                "each field with mrz_field agrees with the MRZ",
                "каждое поле с mrz_field совпадает с машиносчитываемой зоной",
                "none", False, "null", "null",
            ),
            _method(
                "typeface_match",
                "stroke width and character height in the zone against the reference",
                "толщина штриха и высота знаков в зоне в сравнении с эталоном",
                "maximum", False, "maximum relative difference", "максимальное относительное "
                "отличие",
            ),
            _method(
                "visual",
                "nothing automatic: the officer checks by eye (OVD, perforation, watermark)",
                "без автоматической проверки: сотрудник проверяет визуально (OVD, перфорация, "
                "водяной знак)",
                "none", False, "null", "null",
            ),
        )
    }
)  # fmt: skip

KINDS: Mapping[str, Term] = _terms(
    Term("passport", "passport", "паспорт"),
    Term("identity_card", "identity card", "удостоверение личности (ID-карта)"),
    Term("visa", "visa", "виза"),
    Term("residence_permit", "residence permit", "вид на жительство"),
)

#: Every ICAO layout carries an MRZ, so every specimen needs an ``mrz`` zone on some page.
LAYOUTS: Mapping[str, Term] = _terms(
    Term(
        "TD1",
        "ID-1 card: three MRZ lines of 30 characters",
        "карта ID-1: три строки МСЗ по 30 знаков",
    ),
    Term(
        "TD2",
        "ID-2 document: two MRZ lines of 36 characters",
        "документ ID-2: две строки МСЗ по 36 знаков",
    ),
    Term(
        "TD3",
        "passport booklet: two MRZ lines of 44 characters",
        "паспортная книжка: две строки МСЗ по 44 знака",
    ),
    Term(
        "MRVA",
        "visa type A: two MRZ lines of 44 characters",
        "виза типа A: две строки МСЗ по 44 знака",
    ),
    Term(
        "MRVB",
        "visa type B: two MRZ lines of 36 characters",
        "виза типа B: две строки МСЗ по 36 знаков",
    ),
)

SIDES: Mapping[str, Term] = _terms(
    Term("data_page", "passport data page", "страница данных паспорта"),
    Term("front", "front", "лицевая сторона"),
    Term("back", "back", "оборотная сторона"),
)

MRZ_FIELDS: Mapping[str, Term] = _terms(
    Term("document_code", "document code", "код документа"),
    Term("issuing_state", "issuing state", "государство выдачи"),
    Term("document_number", "document number", "номер документа"),
    Term("surname", "surname", "фамилия"),
    Term("given_names", "given names", "имена"),
    Term("nationality", "nationality", "гражданство"),
    Term("birth_date", "date of birth", "дата рождения"),
    Term("sex", "sex", "пол"),
    Term("expiry_date", "date of expiry", "дата окончания срока действия"),
    Term("personal_number", "personal number", "личный номер"),
)

#: Zone names with a meaning to docexam; others are allowed (letters, digits, ``_``).
MRZ_ZONE = "mrz"
KNOWN_ZONES: Mapping[str, Term] = _terms(
    Term("portrait", "portrait", "портрет"),
    Term(MRZ_ZONE, "machine-readable zone", "машиносчитываемая зона"),
    Term("signature", "signature", "подпись"),
    Term("ghost_image", "ghost image", "теневой портрет"),
    Term("chip", "chip", "микросхема (чип)"),
)
