"""Render a fictional document page (passport data page, ID card back, visa) with its MRZ.

Why: the MRZ reader must be exercised on pages that look like the real thing (tinted paper,
guilloche, portrait, bilingual Cyrillic/Latin fields, an OCR-B MRZ at ICAO geometry) and
whose MRZ location is known to the pixel, so locating and segmenting can be scored.

MRZ geometry (Doc 9303 Part 3/4-7, values here are our estimates within ICAO tolerances):
- pitch exactly 2.54 mm (10 characters per 25.4 mm), each character centred in its cell;
- character (cap) height 2.2-2.4 mm. The Debian OCR-B font's cap height equals its advance
  (0.723 em), so a font sized for a 2.54 mm advance would print 2.54 mm tall capitals. We
  therefore size the font for the cap height and place each glyph on the 2.54 mm grid
  ourselves (no reliance on the font's advance or kerning);
- line pitch 4.23 mm (6 lines per inch);
- first character's left edge and last line's centre above the bottom edge (mm):
  TD1 4.0 / 4.6, TD2 6.0 / 6.0, TD3 6.0 / 6.2, MRV-A 4.0 / 6.0, MRV-B 6.0 / 6.0, each
  jittered by up to +-0.4 mm (print tolerance is about +-1 mm).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from docexam.synth import patterns
from docexam.synth.mrzdata import LAYOUT_SHAPE, MrzRecord
from docexam.synth.names import to_mrz_chars

OCRB_PATH = "/usr/share/fonts/opentype/ocr-b/OCRB.otf"
SANS_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SANS_BOLD_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
OCRB_CAP_EM = 0.722  # measured: 'H' ink height / font size
SANS_CAP_EM = 0.729
PITCH_MM = 2.54
BACKGROUND_MAX_PX_PER_MM = 10.0
LINE_PITCH_MM = 4.23

PAGE_MM: dict[str, tuple[float, float]] = {  # width, height
    "TD1": (85.6, 54.0),
    "TD2": (105.0, 74.0),
    "TD3": (125.0, 88.0),
    "MRVA": (120.0, 80.0),
    "MRVB": (105.0, 74.0),
}
MRZ_MARGIN_MM: dict[str, tuple[float, float]] = {  # left edge, last line centre from bottom
    "TD1": (4.0, 4.6),
    "TD2": (6.0, 6.0),
    "TD3": (6.0, 6.2),
    "MRVA": (4.0, 6.0),
    "MRVB": (6.0, 6.0),
}

LABELS = {
    "type": "Тип / Type", "code": "Код / Code", "number": "№ / No.",
    "surname": "Фамилия / Surname", "given": "Имя / Given names",
    "nationality": "Гражданство / Nationality", "birth": "Дата рождения / Date of birth",
    "sex": "Пол / Sex", "place": "Место рождения / Place of birth",
    "issue": "Дата выдачи / Date of issue", "expiry": "Срок действия / Date of expiry",
    "authority": "Орган выдачи / Authority", "personal": "Личный номер / Personal No.",
    "from": "Действительна с / Valid from", "until": "До / Until",
    "vtype": "Категория / Type", "entries": "Въезды / Entries",
    "stay": "Пребывание / Duration", "signature": "Подпись / Signature",
}  # fmt: skip
# Per layout: header lines (y mm, text, cap mm, bold), portrait box, ghost box, signature box,
# fields (x mm, y mm, key). Fields hold a label line and a value line below it.
_T = "UTOPIA · УТОПИЯ"
LAYOUT_SPEC: dict[str, dict] = {
    "TD3": {
        "header": [(5.0, _T, 3.0, True), (9.5, "PASSPORT / ПАСПОРТ", 1.9, False)],
        "portrait": (5, 14, 35, 54), "ghost": (103, 38, 119, 56), "sig": (5, 60, 35, 68),
        "fields": [(40, 13, "type"), (56, 13, "code"), (78, 13, "number"), (40, 20, "surname"),
                   (40, 27, "given"), (40, 34, "nationality"), (40, 41, "birth"),
                   (82, 41, "sex"), (40, 48, "place"), (40, 55, "issue"), (72, 55, "authority"),
                   (40, 62, "expiry"), (72, 62, "personal")],
        "value_mm": 2.0,
    },
    "TD2": {
        "header": [(3.8, _T, 2.4, True),
                   (7.4, "IDENTITY CARD / УДОСТОВЕРЕНИЕ ЛИЧНОСТИ", 1.5, False)],
        "portrait": (4, 10, 28, 42), "ghost": None, "sig": (4, 44, 28, 52),
        "fields": [(32, 10, "type"), (46, 10, "code"), (62, 10, "number"), (32, 16, "surname"),
                   (32, 22, "given"), (32, 28, "nationality"), (74, 28, "sex"),
                   (32, 34, "birth"), (70, 34, "expiry"), (32, 40, "place"), (70, 40, "issue"),
                   (32, 46, "authority")],
        "value_mm": 1.7,
    },
    "TD1": {
        "header": [(3.4, _T, 2.0, True)],
        "portrait": None, "ghost": (66, 6, 81, 26), "sig": None,
        "fields": [(4, 7, "place"), (4, 13, "issue"), (34, 13, "expiry"), (4, 19, "authority"),
                   (4, 25, "personal"), (34, 7, "nationality")],
        "value_mm": 1.6,
    },
    "MRVA": {
        "header": [(4.6, "UTOPIA · VISA / ВИЗА", 3.0, True)],
        "portrait": (4, 10, 31, 45), "ghost": None, "sig": (4, 48, 31, 56),
        "fields": [(35, 10, "from"), (63, 10, "until"), (92, 10, "vtype"), (35, 16, "entries"),
                   (63, 16, "stay"), (92, 16, "code"), (35, 22, "surname"), (35, 28, "given"),
                   (35, 34, "number"), (72, 34, "nationality"), (35, 40, "birth"),
                   (72, 40, "sex"), (35, 46, "place")],
        "value_mm": 1.8,
    },
    "MRVB": {
        "header": [(4.0, "UTOPIA · VISA / ВИЗА", 2.6, True)],
        "portrait": (4, 9, 26, 38), "ghost": None, "sig": (4, 41, 26, 48),
        "fields": [(30, 9, "from"), (55, 9, "until"), (82, 9, "vtype"), (30, 15, "entries"),
                   (55, 15, "stay"), (30, 21, "surname"), (30, 27, "given"),
                   (30, 33, "number"), (66, 33, "nationality"), (30, 39, "birth"),
                   (66, 39, "sex"), (30, 45, "place")],
        "value_mm": 1.6,
    },
}  # fmt: skip
_COUNTRY = {
    "KAZ": "КАЗАХСТАН / KAZAKHSTAN", "KGZ": "КЫРГЫЗСТАН / KYRGYZSTAN",
    "TJK": "ТАДЖИКИСТАН / TAJIKISTAN", "UZB": "O'ZBEKISTON / UZBEKISTAN",
    "RUS": "РОССИЯ / RUSSIA", "UTO": "UTOPIA", "D<<": "DEUTSCH / GERMAN",
    "XXA": "STATELESS", "XXB": "REFUGEE", "XXC": "REFUGEE", "UNO": "UNITED NATIONS",
}  # fmt: skip
_CITIES = ("АЛМАТЫ / ALMATY", "БИШКЕК / BISHKEK", "ДУШАНБЕ / DUSHANBE", "TOSHKENT",
           "МОСКВА / MOSCOW", "ОШ / OSH", "ХУДЖАНД / KHUJAND", "SAMARQAND", "UTOPIA CITY",
           "KÖLN", "ШЫМКЕНТ / SHYMKENT")  # fmt: skip


@dataclass(frozen=True, eq=False)
class RenderedPage:
    """A rendered page and the MRZ truth in page pixels.

    mrz_quad: 4x2 corners TL, TR, BR, BL (reading orientation) of the character grid:
    from the first cell's left edge to the last cell's right edge, from the top of line 1's
    cap band to the bottom of the last line's cap band. char_boxes: (lines, chars, 4) as
    x0, y0, x1, y1: the 2.54 mm-wide cell by the cap-height band (digits rise ~8% above it).
    """

    image: np.ndarray
    mrz_quad: np.ndarray
    char_boxes: np.ndarray
    px_per_mm: float
    char_height_mm: float


@lru_cache(maxsize=256)
def _font(path: str, size_px: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, max(1.0, size_px))


def _sans(size_px: float, bold: bool = False) -> ImageFont.FreeTypeFont:
    """DejaVu at ``size_px`` rounded to 1/4 px, so the font cache serves many pages."""
    return _font(SANS_BOLD_PATH if bold else SANS_PATH, round(size_px * 4) / 4)


def _fmt(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def _has_cyrillic(s: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in s)


def field_values(rec: MrzRecord, rng: np.random.Generator) -> dict[str, str]:
    """Human-readable values for the visual zone, consistent with the MRZ."""

    def both(printed: str) -> str:
        if not _has_cyrillic(printed):
            return printed
        latin = "".join(c if c in " -" else to_mrz_chars(c) for c in printed)
        return f"{printed} / {latin}"

    sex = {"M": "М/M", "F": "Ж/F", "X": "X", "<": "-"}[rec.sex]
    return {
        "type": rec.doc_code,
        "code": rec.issuing_state.replace("<", ""),
        "number": rec.doc_number,
        "surname": both(rec.surname),
        "given": both(rec.given_names),
        "nationality": _COUNTRY.get(rec.nationality, rec.nationality),
        "birth": _fmt(rec.birth),
        "sex": sex,
        "place": _CITIES[int(rng.integers(len(_CITIES)))],
        "issue": _fmt(rec.issue),
        "expiry": _fmt(rec.expiry),
        "authority": str(rng.choice(["МВД / MVD", "MINISTRY OF INTERIOR", "ГУВМ 770-001"])),
        "personal": rec.personal_number,
        "from": _fmt(rec.issue),
        "until": _fmt(rec.expiry),
        "vtype": str(rng.choice(["C", "D", "B1/B2", "ТУРИСТ/TOURIST", "WORK"])),
        "entries": str(rng.choice(["MULT", "1", "2"])),
        "stay": f"{int(rng.choice([14, 30, 90, 180]))} DAYS",
    }  # fmt: skip


def _text(
    draw: ImageDraw.ImageDraw,
    xy: tuple[float, float],
    text: str,
    cap_px: float,
    fill: tuple[int, ...],
    max_w: float,
    bold: bool = False,
) -> None:
    """Draw sans text with its cap top at ``xy``, shrunk to fit ``max_w`` pixels."""
    font = _sans(cap_px / SANS_CAP_EM, bold)
    length = font.getlength(text)
    if length > max_w > 0:
        font = _sans(cap_px / SANS_CAP_EM * max_w / length, bold)
        cap_px *= max_w / length
    draw.text((xy[0], xy[1] + cap_px), text, font=font, fill=fill, anchor="ls")


def render_page(
    record: MrzRecord,
    px_per_mm: float,
    rng: np.random.Generator,
    *,
    char_height_mm: float | None = None,
) -> RenderedPage:
    """Render ``record`` at ``px_per_mm`` (dpi / 25.4) with an ICAO-geometry OCR-B MRZ."""
    layout = record.layout
    wmm, hmm = PAGE_MM[layout]
    w, h = round(wmm * px_per_mm), round(hmm * px_per_mm)
    spec = LAYOUT_SPEC[layout]
    ch_mm = float(char_height_mm if char_height_mm is not None else rng.uniform(2.2, 2.4))
    k = px_per_mm

    tint = tuple(int(v) for v in rng.integers(214, 250, size=3))
    # Background print is drawn at most BACKGROUND_MAX_PX_PER_MM and enlarged: fine lines
    # then cost the same at every resolution (the slowest part of a page otherwise).
    kb = min(k, BACKGROUND_MAX_PX_PER_MM)
    bw, bh = round(wmm * kb), round(hmm * kb)
    back = patterns.paper(rng, bw, bh, tint)
    line_col = tuple(max(0, int(c) - int(rng.integers(25, 55))) for c in tint)
    patterns.guilloche(back, rng, kb, line_col)

    rows, cols = LAYOUT_SHAPE[layout]
    left_mm, bottom_mm = (v + rng.uniform(-0.4, 0.4) for v in MRZ_MARGIN_MM[layout])
    centres_mm = [hmm - bottom_mm - (rows - 1 - r) * LINE_PITCH_MM for r in range(rows)]
    # Calm the background under the MRZ (clear zone): blend towards the paper tint.
    zy0, zy1 = (max(0, round((centres_mm[0] - d) * kb)) for d in (5.0, 3.0))
    ramp = np.full((bh - zy0, 1, 1), 0.65, np.float32)
    ramp[: zy1 - zy0, 0, 0] = np.linspace(0.0, 0.65, zy1 - zy0)
    zone = back[zy0:, :].astype(np.float32)
    back[zy0:, :] = (zone + ramp * (np.asarray(tint, np.float32) - zone)).astype(np.uint8)
    page = back if (bw, bh) == (w, h) else cv2.resize(back, (w, h), interpolation=cv2.INTER_LINEAR)

    for key in ("portrait", "ghost"):
        if spec[key] is not None:
            bx0, by0, bx1, by1 = (round(v * k) for v in spec[key])
            patterns.portrait(page, rng, (bx0, by0, bx1, by1), ghost=key == "ghost")

    img = Image.fromarray(cv2.cvtColor(page, cv2.COLOR_BGR2RGB))  # PIL works in RGB
    draw = ImageDraw.Draw(img)
    accent = (int(rng.integers(20, 90)), int(rng.integers(40, 90)), int(rng.integers(90, 160)))
    for y_mm, text, cap_mm, bold in spec["header"]:
        font = _sans(cap_mm * k / SANS_CAP_EM, bold)
        draw.text((w / 2, (y_mm + cap_mm / 2) * k), text, font=font, fill=accent, anchor="ms")
    values = field_values(record, rng)
    label_col = tuple(int(c) for c in rng.integers(50, 110, size=3))
    ink = tuple([int(rng.integers(10, 45))] * 3)
    for x_mm, y_mm, key in spec["fields"]:
        if not values[key]:
            continue
        max_w = (wmm - x_mm - 2.0) * k
        _text(draw, (x_mm * k, y_mm * k), LABELS[key], 1.15 * k, label_col, max_w)
        _text(draw, (x_mm * k, (y_mm + 2.1) * k), values[key], spec["value_mm"] * k, ink, max_w)

    ch_px = ch_mm * k
    ocrb = _font(OCRB_PATH, ch_px / OCRB_CAP_EM)
    mrz_ink = (int(rng.integers(5, 40)),) * 2 + (int(rng.integers(5, 50)),)
    boxes = np.zeros((rows, cols, 4), np.float64)
    x_left = left_mm * k
    pitch = PITCH_MM * k
    for r, line in enumerate(record.lines):
        yc = centres_mm[r] * k
        for i, ch in enumerate(line):
            x0 = x_left + i * pitch
            boxes[r, i] = (x0, yc - ch_px / 2, x0 + pitch, yc + ch_px / 2)
            draw.text((x0 + pitch / 2, yc + ch_px / 2), ch, font=ocrb, fill=mrz_ink, anchor="ms")
    page = cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)
    if spec["sig"] is not None:
        sx0, sy0, sx1, sy1 = (round(v * k) for v in spec["sig"])
        patterns.signature(page, rng, (sx0, sy0, sx1, sy1), k)
    quad = np.array(
        [
            [boxes[0, 0, 0], boxes[0, 0, 1]],
            [boxes[0, -1, 2], boxes[0, -1, 1]],
            [boxes[-1, -1, 2], boxes[-1, -1, 3]],
            [boxes[-1, 0, 0], boxes[-1, 0, 3]],
        ]
    )
    cv2.rectangle(page, (0, 0), (w - 1, h - 1), tuple(int(c) - 30 for c in tint), 1)
    return RenderedPage(page, quad, boxes, float(k), ch_mm)
