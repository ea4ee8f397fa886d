"""The printed data fields (VIZ) read with tesseract and compared with the MRZ.

Speed: a tesseract run costs 50-100 ms before it reads anything (the eng model; rus starts in
~20 ms), so all value lines go into ONE ``eng`` run (a multi-page TIFF, one ``--psm 7`` page
per line) plus one ``rus`` run, in parallel, for the fields whose script includes Cyrillic.
Not ``rus+eng``: with Russian in the mix tesseract read about one Latin name in ten as
Cyrillic look-alikes (CHEN -> СНЕМ, DARIA -> РАНА), and the Latin part is what the MRZ must
equal; so in "ЮДИНА / IUDINA" the Latin part comes from eng, the Cyrillic part from rus.

The small label above each value ("Фамилия / Surname") is never read: the value is the lowest
band of dark, thick strokes, and thin label strokes and guilloche are whitened before OCR.
Latin-only fields (codes, dates, numbers), where one misread character looks like a forgery,
are read twice (cleaned and scaled differently); readings that differ cap the confidence at
``DISAGREEING_READS_CONF``, below ``CONFIDENT``, the least confidence for a "disagree".
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from docexam.errors import ModelError
from docexam.examine import translit as tl
from docexam.mrz.countries import state_name
from docexam.mrz.parse import MrzFields
from docexam.specimens.manifest import Field, Page

__all__ = ["CONFIDENT", "FieldComparison", "FieldReading", "compare_with_mrz", "read_fields"]

DISAGREEING_READS_CONF = 40.0
_CAP_PX = (30, 40)  # cap height of the first / second reading's line image, in pixels
_PAD_MM = (0.3, 0.6)  # horizontal / vertical margin around the zone (registration slack)
_BORDER = 12  # white margin around each line image (tesseract wants some paper)
_TO_LATIN = str.maketrans(tl.CYR_TO_LAT)
_CYRILLIC_ONLY = set("БГДЖЗИЙЛПФЦЧШЩЪЫЬЭЮЯӘҒҚҢӨҰҮҺҲҶӢӮЎ")


@dataclass(frozen=True)
class FieldReading:
    """The OCR text of one field's value and tesseract's mean word confidence (0..100)."""

    field: str
    text: str
    confidence: float


Line = tuple[np.ndarray, int]  # ink contrast (0 paper .. 1 darkest ink), value height in px


def _ink_contrast(crop: np.ndarray) -> np.ndarray | None:
    """0..1 darkness relative to the paper (None: no ink), from the brightest channel so that
    coloured inks (blue labels, guilloche) count as light and only near-black ink as dark."""
    v = crop.max(axis=2).astype(np.float32) if crop.ndim == 3 else crop.astype(np.float32)
    k = max(5, v.size // 500)
    if v.size <= 4 * k:
        return None
    ink, paper = float(np.partition(v.ravel(), k)[k]), float(np.percentile(v, 75))
    return None if paper - ink < 40 else np.clip((paper - v) / (paper - ink), 0.0, 1.0)


def _runs(rows: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """[start, end) of the True runs in ``rows``, bridging gaps of up to ``gap`` rows."""
    runs: list[tuple[int, int]] = []
    for i in np.flatnonzero(rows).tolist():
        if runs and i - runs[-1][1] <= gap:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def _locate(white_page: np.ndarray, field: Field, *, px_per_mm: float) -> Line | None:
    """The field's value: the lowest band of strong ink at least 0.6 x the tallest band."""
    z, (px, py) = field.zone, _PAD_MM
    h, w = white_page.shape[:2]
    x0, y0 = max(0, round((z.x - px) * px_per_mm)), max(0, round((z.y - py) * px_per_mm))
    x1, y1 = min(w, round((z.right + px) * px_per_mm)), min(h, round((z.bottom + py) * px_per_mm))
    c = _ink_contrast(white_page[y0:y1, x0:x1]) if x1 - x0 > 8 and y1 - y0 > 8 else None
    if c is None:
        return None
    strong = c > 0.75
    runs = [r for r in _runs(strong.sum(axis=1) >= 2, gap=2) if r[1] - r[0] >= 4]
    if not runs:
        return None
    tallest = max(b - a for a, b in runs)
    top, bottom = [r for r in runs if r[1] - r[0] >= 0.6 * tallest][-1]
    lh = bottom - top
    cols = np.flatnonzero(strong[top:bottom].any(axis=0))
    m = round(0.3 * lh)
    ly0, ly1 = max(0, top - round(0.2 * lh)), bottom + round(0.35 * lh)
    return c[ly0:ly1, max(0, int(cols[0]) - m) : int(cols[-1]) + 1 + m], lh


def _render(line: Line, *, cap: int, hard: bool, tile: int) -> np.ndarray:
    """Line image for tesseract: black on white at ``cap`` px, labels and paper white,
    ``tile`` copies side by side (tesseract misreads a lone glyph: a clean P as J)."""
    lo, hi = (0.45, 0.55) if hard else (0.3, 0.75)
    img = (np.clip((hi - line[0]) / (hi - lo), 0.0, 1.0) * 255).astype(np.uint8)
    scale = cap / max(line[1], 1)
    img = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    return np.hstack([cv2.copyMakeBorder(img, *(_BORDER,) * 4, cv2.BORDER_CONSTANT, value=255)]
                     * tile)  # fmt: skip


def _tesseract(images: Sequence[np.ndarray], lang: str) -> list[tuple[str, float]]:
    """(text, mean word confidence) of each image, from one tesseract run over all of them."""
    import pytesseract

    # tesseract's own threading is about three times slower here (see second_reader.py)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    words: list[list[tuple[str, float]]] = [[] for _ in images]
    with tempfile.TemporaryDirectory(prefix="docexam-viz-") as tmp:
        path = str(Path(tmp) / "lines.tif")
        try:
            if not images or not cv2.imwritemulti(path, list(images)):
                return [("", 0.0)] * len(images)
            d = pytesseract.image_to_data(
                path, lang=lang, config="--psm 7 --oem 1", timeout=10,
                output_type=pytesseract.Output.DICT,
            )  # fmt: skip
        except pytesseract.TesseractNotFoundError:
            raise ModelError("tesseract is not installed", code="OCR_UNAVAILABLE") from None
        except (RuntimeError, pytesseract.TesseractError, OSError, cv2.error):
            return [("", 0.0)] * len(images)  # a timeout or an odd image: all unreadable
    for text, conf, page in zip(d["text"], d["conf"], d["page_num"], strict=True):
        if text.strip() and 1 <= int(page) <= len(words):
            words[int(page) - 1].append((text.strip(), max(0.0, float(conf))))
    return [(" ".join(t for t, _ in w), float(np.mean([c for _, c in w])) if w else 0.0)
            for w in words]  # fmt: skip


def _bilingual(eng: tuple[str, float], rus: tuple[str, float]) -> tuple[str, float]:
    """'CYRILLIC / LATIN': the Latin part from the eng reading, the Cyrillic from the rus; a
    rus reading only with letters Latin lacks (else it is rus misreading Latin letters)."""
    lat = eng[0].rsplit("/", 1)[-1].strip()
    cyr = rus[0].split("/", 1)[0].strip()
    if not _CYRILLIC_ONLY & set(cyr.upper()) or cyr.upper().translate(_TO_LATIN) == lat:
        return lat, eng[1]
    return (f"{cyr} / {lat}" if lat else cyr), (eng[1] if lat else rus[1])


def _untile(read: tuple[str, float]) -> tuple[str, float]:
    """'P P P' -> 'P'; copies that differ are not a clear reading."""
    text = "".join(read[0].split())
    unit = text[: len(text) // 3]
    return (unit, read[1]) if unit and unit * 3 == text else (text, DISAGREEING_READS_CONF)


def read_fields(
    white_page: np.ndarray, page: Page, *, px_per_mm: float, only_mrz_fields: bool = True
) -> dict[str, FieldReading]:
    """OCR the value of each field of ``page`` (only those with an ``mrz_field`` by default).

    ``white_page``: the registered page under white light (BGR or grey uint8) at
    ``px_per_mm``, so that manifest zones (mm) fall on it. A field showing no value line
    comes back with empty text and confidence 0. Two tesseract runs at most."""
    fields = [f for f in page.fields if f.mrz_field is not None or not only_mrz_fields]
    eng: list[tuple[str, np.ndarray]] = []
    rus: list[tuple[str, np.ndarray]] = []
    tiled: set[str] = set()
    for f in fields:
        line = _locate(white_page, f, px_per_mm=px_per_mm)
        if line is None:
            continue
        latin = "Cyrl" not in f.script  # codes, dates, numbers: read twice, see the docstring
        tile = 3 if latin and line[0].shape[1] < 2.5 * line[1] else 1
        tiled |= {f.id} if tile > 1 else set()
        eng.append((f.id, _render(line, cap=_CAP_PX[0], hard=False, tile=tile)))
        if latin:
            eng.append((f.id, _render(line, cap=_CAP_PX[1], hard=True, tile=tile)))
        else:
            rus.append(eng[-1])
    with ThreadPoolExecutor(max_workers=1) as pool:  # the two runs overlap on a multi-core PC
        rus_job = pool.submit(_tesseract, [im for _, im in rus], "rus")
        eng_reads: dict[str, list[tuple[str, float]]] = {}
        for (fid, _), res in zip(eng, _tesseract([im for _, im in eng], "eng"), strict=True):
            eng_reads.setdefault(fid, []).append(_untile(res) if fid in tiled else res)
        rus_read = dict(zip([fid for fid, _ in rus], rus_job.result(), strict=True))
    readings = {f.id: FieldReading(f.id, "", 0.0) for f in fields}
    for fid, reads in eng_reads.items():
        best = max(reads, key=lambda r: r[1])
        text, conf = _bilingual(reads[0], rus_read[fid]) if fid in rus_read else best
        if len({"".join(t.split()).upper() for t, _ in reads}) > 1:  # the two reads differ
            conf = min(conf, DISAGREEING_READS_CONF)
        readings[fid] = FieldReading(fid, text, round(conf, 1))
    return readings


# --- comparison with the MRZ ----------------------------------------------------------------
CONFIDENT = 70.0  # least mean word confidence at which a differing reading is a "disagree"
# Characters tesseract confuses in these fonts (measured on phone captures: Z read as 2, a
# J lost from TJK); reading one for the other is never a finding.
_CONFUSABLE = frozenset(
    pair
    for a, b in (("O", "0"), ("I", "1"), ("Z", "2"), ("S", "5"), ("B", "8"), ("D", "0"))
    for pair in ((a, b), (b, a))
)
_MRZ_ATTR = {"personal_number": "optional_data"}
# (status, reason); status: agree, disagree, doubtful (one character differs: a misreading
# as likely as an alteration, so the officer compares by eye) or unreadable.
Verdict = tuple[str, str]


@dataclass(frozen=True)
class FieldComparison:
    """One printed field against its MRZ field; ``status``: agree, disagree, doubtful or
    unreadable (see ``Verdict``)."""

    field: str
    mrz_field: str
    printed: str
    expected: str
    status: str
    reason: str


# A printed date starts with a two-digit day ("03.01.2030", "06 АВГ/AUG 1955"); a shorter
# first number means a digit was lost at the field's edge: not a finding.
_FULL_DATE = re.compile(r"^\D*\d{2}(?!\d)")
_DAY_LOOKALIKES = str.maketrans("OОIL", "0011")  # Latin O, Cyrillic О


def _cmp_date(text: str, iso: str) -> Verdict:
    want, got = dt.date.fromisoformat(iso), tl.printed_date(text)
    if got is None:
        return "unreadable", "no date could be read"
    same = got[:2] == (want.day, want.month) and (got[2] - want.year) % 100 == 0  # MRZ: YY
    if not same and not _FULL_DATE.search(text.upper().translate(_DAY_LOOKALIKES)):
        return "unreadable", f"printed {text.strip()!r} (incomplete), MRZ {want:%d.%m.%Y}"
    reason = f"printed {got[0]:02d}.{got[1]:02d}.{got[2]}, MRZ {want:%d.%m.%Y}"
    return ("agree" if same else "disagree"), reason


def _differences(got: str, want: str) -> int | None:
    """Characters that differ beyond the confusable pairs (None: not the same length)."""
    if len(got) != len(want):
        return None
    return sum(a != b and (a, b) not in _CONFUSABLE for a, b in zip(got, want, strict=True))


def _cmp_number(text: str, want: str) -> Verdict:
    """Equal up to look-alike characters; clearly different only when read cleanly at full
    length with two or more characters changed: one changed character is "doubtful"."""
    got = "".join(text.upper().split()).translate(_TO_LATIN).replace("$", "S")
    reason = f"printed {got}, MRZ {want}"
    diff = _differences(got, want)
    if diff == 0:
        return "agree", reason
    if diff is None or not (got.isascii() and got.isalnum()):
        return "unreadable", reason
    return ("doubtful" if diff == 1 else "disagree"), f"{reason} ({diff} character(s) differ)"


def _cmp_code(text: str, want: str, kind: str) -> Verdict:
    """Document code, issuing state or nationality: the code itself or the state's name."""
    parts = ["".join(c for c in p.upper().translate(_TO_LATIN) if c.isalpha())
             for p in text.split("/")]  # fmt: skip
    reason = f"printed {text.strip()}, MRZ {want}"
    if any(p == want or (kind == "document_code" and p and want.startswith(p)) for p in parts):
        return "agree", reason
    name = (state_name(want.ljust(3, "<")) or "").split(" (")[0]
    if name and kind != "document_code" and tl.name_matches(text, name, max_edits=1):
        return "agree", f"{reason} ({name})"
    # only a lone code that differs is clearly different; a state's name may be spelt many
    # ways; a code one letter off (TK, TIK for TJK) is as likely misread as altered
    if len(parts) != 1 or not 1 <= len(parts[0]) <= 3:
        return "unreadable", reason
    if kind != "document_code" and state_name(parts[0].ljust(3, "<")) is None:
        return "unreadable", f"{reason} (not a state code: a misreading)"  # TIK for TJK
    near = tl.name_distance(parts[0], want) <= 1 or _differences(parts[0], want) == 1
    return ("doubtful" if near else "disagree"), reason


def _cmp_sex(text: str, want: str) -> Verdict:
    got, consistent = tl.printed_sex(text)
    want = "X" if want in ("", "<") else want
    if got is None:
        return "unreadable", f"no sex could be read from {text.strip()!r}"
    status = "agree" if got == want else "disagree" if consistent else "unreadable"
    return status, f"printed {got}, MRZ {want}"


def _cmp_name(text: str, want: str) -> Verdict:
    """Agree within OCR noise (1 character from 5 letters, 2 from 14; a lost or extra space
    is free); differ only when more than half of the name differs."""
    squeeze = "".join(text.split()), "".join(want.split())
    dist = min(tl.name_distance(text, want), tl.name_distance(*squeeze))
    n = len(squeeze[1])
    reason = f"printed {text.strip()}, MRZ {want} ({dist} character(s) differ)"
    if dist <= (2 if n >= 14 else 1 if n >= 5 else 0):
        return "agree", reason
    return ("disagree" if dist > max(3, n // 2) else "unreadable"), reason


def _compare(kind: str, text: str, want: str) -> Verdict:
    if not want and kind != "sex":
        return "unreadable", "the MRZ holds no value for this field"
    if not text.strip():
        return "unreadable", "nothing was read in the field"
    if kind in ("document_code", "issuing_state", "nationality"):
        return _cmp_code(text, want, kind)
    rules = {"birth_date": _cmp_date, "expiry_date": _cmp_date, "sex": _cmp_sex,
             "document_number": _cmp_number, "personal_number": _cmp_number}  # fmt: skip
    return rules.get(kind, _cmp_name)(text, want)


def compare_with_mrz(
    readings: Mapping[str, FieldReading],
    page: Page,
    mrz_fields: MrzFields,
    *,
    mrz_sure: bool = True,
) -> list[FieldComparison]:
    """Each field of ``page`` with an ``mrz_field`` and a reading, against the MRZ: "disagree"
    needs a confident reading (``CONFIDENT``) that clearly differs (a valid date that is another
    date, a name more than half different ...); one character off is "doubtful"; anything less
    certain is "unreadable". Against an MRZ that is not valid and was read unsurely
    (``mrz_sure`` False: it may be misread, its own check says MRZ_UNCERTAIN) a difference is
    only "doubtful"."""
    out: list[FieldComparison] = []
    for f in page.fields:
        if f.mrz_field is None or f.id not in readings:
            continue
        r = readings[f.id]
        want = getattr(mrz_fields, _MRZ_ATTR.get(f.mrz_field, f.mrz_field), None) or ""
        status, reason = _compare(f.mrz_field, r.text, want)
        if status in ("disagree", "doubtful") and r.confidence < CONFIDENT:
            status, reason = (
                "unreadable",
                f"{reason}; read with low confidence ({r.confidence:.0f})",
            )
        if status == "disagree" and not mrz_sure:
            status, reason = "doubtful", f"{reason}; the MRZ itself was not read surely"
        is_date = f.mrz_field.endswith("_date") and want
        expected = f"{dt.date.fromisoformat(want):%d.%m.%Y}" if is_date else want
        out.append(FieldComparison(f.id, f.mrz_field, r.text, expected, status, reason))
    return out
