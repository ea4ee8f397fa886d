"""Tesseract as an independent second reader for MRZ lines whose check digits still fail.

Tesseract is slow (about 100-200 ms a line here) and weaker than the OCR-B classifier on
MRZ text, but its mistakes are different ones. So it is asked only when the first reading
is not valid, and its characters are taken only where they make a failing check digit
pass without breaking a passing one. Run with OMP_THREAD_LIMIT=1: tesseract's own
threading is about three times slower on this kind of machine.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil

import cv2
import numpy as np

from docexam.mrz.block import extract_block
from docexam.mrz.decode import Decoded
from docexam.mrz.layouts import check_specs
from docexam.mrz.locate import MrzCandidate
from docexam.mrz.parse import parse_mrz
from docexam.mrz.segment import segment_block

_WHITELIST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
_CONFIG = f"--psm 7 --oem 1 -c tessedit_char_whitelist={_WHITELIST}"


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def read_line_with_tesseract(line_image: np.ndarray) -> str:
    """One MRZ line image (dark text on light) -> text in the MRZ alphabet ('' on failure)."""
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        text = pytesseract.image_to_string(line_image, lang="eng", config=_CONFIG, timeout=5)
    except (RuntimeError, pytesseract.TesseractError, OSError):
        return ""
    return "".join(ch for ch in text.upper() if ch in _WHITELIST)


def improve_with_tesseract(
    gray: np.ndarray,
    first: Decoded,
    cand: MrzCandidate,
    flip: bool,
    *,
    today: dt.date | None = None,
) -> Decoded | None:
    """A better Decoded using tesseract's reading of the same lines, or None."""
    if not tesseract_available():
        return None
    block = extract_block(gray, cand, flip=flip)
    grids = segment_block(block.gray)
    if len(grids) != len(first.lines):
        return None
    alt_lines: list[str | None] = []
    for g, line in zip(grids, first.lines, strict=True):
        xs = g.centers_x()
        y = float(g.center_y(np.array([xs.mean()]))[0])
        x_lo = int(max(0, xs[0] - g.pitch))
        x_hi = int(min(block.gray.shape[1], xs[-1] + g.pitch))
        y_lo = int(max(0, y - 1.1 * g.char_height))
        y_hi = int(min(block.gray.shape[0], y + 1.1 * g.char_height))
        crop = block.gray[y_lo:y_hi, x_lo:x_hi]
        if crop.size == 0:
            alt_lines.append(None)
            continue
        crop = cv2.resize(crop, None, fx=1.3, fy=1.3, interpolation=cv2.INTER_CUBIC)
        text = read_line_with_tesseract(crop)
        alt_lines.append(text if len(text) == len(line) else None)
    if all(a is None for a in alt_lines):
        return None
    chars = [list(line) for line in first.lines]
    corrections = list(first.corrections)
    parse = first.parse
    for spec in check_specs(parse.format or ""):
        if dict(parse.checks).get(spec.name, True):
            continue
        passed_before = {n for n, ok in parse.checks if ok}
        changes = []
        for li, s, e in [*spec.ranges, (spec.digit[0], spec.digit[1], spec.digit[1] + 1)]:
            alt = alt_lines[li]
            if alt is None:
                continue
            changes.extend((li, p, alt[p]) for p in range(s, e) if alt[p] != chars[li][p])
        if not changes or len(changes) > 3:
            continue
        trial = [row.copy() for row in chars]
        for li, p, new in changes:
            trial[li][p] = new
        res = parse_mrz(["".join(t) for t in trial], today=today)
        got = dict(res.checks)
        if got.get(spec.name) and all(got.get(n, False) for n in passed_before):
            for li, p, new in changes:
                corrections.append((li, p, chars[li][p], new, f"second reader: {spec.name}"))
            chars = trial
            parse = res
    if parse is first.parse:
        return None
    return Decoded(
        lines=tuple("".join(c) for c in chars),
        char_confidence=first.char_confidence,
        corrections=tuple(corrections),
        parse=parse,
        raw_passed=first.raw_passed,
    )
