"""Reading an MRZ from an image: locate -> cut out -> segment -> classify -> decode -> parse.

Each candidate block from the locator is read upright and upside down; the reading whose
check digits and confidence are best wins, and reading stops at the first candidate that
is valid with high confidence, so a clean scan costs one candidate. Tesseract is not on
this path: it is the independent second reader in ``second_reader.py``, consulted only for
an MRZ whose checks still fail.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from docexam.mrz.block import BLOCK_CHAR_H, extract_block, measure_char_height, rectify_block
from docexam.mrz.decode import Decoded, decode
from docexam.mrz.locate import WORK_SIZES, MrzCandidate, locate_mrz
from docexam.mrz.ocr.cells import LineGrid, rectify_line, split_cells
from docexam.mrz.ocr.mlp import Mlp
from docexam.mrz.parse import MrzParse
from docexam.mrz.segment import segment_block_variants

MODEL_PATH = Path(__file__).with_name("ocr") / "ocrb_mlp.npz"
_MAX_CANDIDATES = 5
# Reader-level codes (beside the parser's, docs/mrz-json.md): no MRZ found (error), and
# characters read with a confidence below LOW_CONFIDENCE (warning).
READER_ERROR_CODES = frozenset({"MRZ_NOT_FOUND"})
READER_WARNING_CODES = frozenset({"LOW_CONFIDENCE_CHARACTERS"})
LOW_CONFIDENCE = 0.5
_GOOD_ENOUGH = 0.85  # mean character confidence at which a valid reading ends the search


@dataclass(frozen=True)
class Correction:
    """One character the reader changed after classification (e.g. by a check digit)."""

    line: int
    position: int
    read: str
    corrected: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "position": self.position,
            "read": self.read,
            "corrected": self.corrected,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class MrzReading:
    """What reading one image gave. ``parse`` is None when no MRZ was found."""

    found: bool
    parse: MrzParse | None = None
    confidence: float = 0.0
    char_confidence: tuple[tuple[float, ...], ...] = ()
    corrections: tuple[Correction, ...] = ()
    elapsed_ms: float = 0.0
    quad: tuple[tuple[float, float], ...] = ()  # MRZ block corners in the image

    @property
    def lines(self) -> tuple[str, ...]:
        return self.parse.lines if self.parse is not None else ()

    @property
    def valid(self) -> bool:
        return self.parse is not None and self.parse.valid

    def low_confidence_positions(self) -> list[tuple[int, int]]:
        """(line, position), 0-based, of characters the classifier was unsure of.

        A valid MRZ can still hold a misread name: names have no check digit. These are
        the characters an officer should compare with the document."""
        return [
            (li, pi)
            for li, line in enumerate(self.char_confidence)
            for pi, c in enumerate(line)
            if c < LOW_CONFIDENCE
        ]

    def to_dict(self) -> dict[str, Any]:
        if self.parse is not None:
            body = self.parse.to_dict()
        else:
            body = {
                "format": None,
                "lines": [],
                "valid": False,
                "checks": {},
                "fields": None,
                "errors": [{"code": "MRZ_NOT_FOUND", "message": "no MRZ was found in the image"}],
                "warnings": [],
            }
        unsure = self.low_confidence_positions()
        if unsure:
            where = ", ".join(f"line {li + 1} position {pi + 1}" for li, pi in unsure[:10])
            more = f" and {len(unsure) - 10} more" if len(unsure) > 10 else ""
            body["warnings"] = [
                *body["warnings"],
                {
                    "code": "LOW_CONFIDENCE_CHARACTERS",
                    "message": f"{len(unsure)} character(s) read with low confidence "
                    f"({where}{more}); compare them with the document.",
                },
            ]
        return {
            "found": self.found,
            **body,
            "confidence": round(self.confidence, 4),
            "char_confidence": [[round(c, 3) for c in line] for line in self.char_confidence],
            "corrections": [c.to_dict() for c in self.corrections],
            "quad": [[round(x, 1), round(y, 1)] for x, y in self.quad],
            "elapsed_ms": round(self.elapsed_ms, 1),
        }


@functools.lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> Mlp:
    """The shipped OCR-B classifier (immutable; loaded once per process and path)."""
    return Mlp.load(path)


def to_gray(image: np.ndarray) -> np.ndarray:
    """A 2-D uint8 view or copy of ``image``; raises ValueError for other shapes/types."""
    if not isinstance(image, np.ndarray) or image.dtype != np.uint8:
        raise ValueError("image must be a uint8 numpy array")
    if image.ndim == 2:
        return image
    if image.ndim == 3 and image.shape[2] == 3:
        return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    if image.ndim == 3 and image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY)
    raise ValueError(f"image must be H x W or H x W x 3/4, got shape {image.shape}")


def read_mrz_image(
    image: np.ndarray,
    *,
    model: Mlp | None = None,
    today: dt.date | None = None,
    second_reader: bool = True,
) -> MrzReading:
    """Read the MRZ from a BGR or grayscale uint8 image (never mutated)."""
    t0 = time.perf_counter()
    gray = to_gray(image)
    model = model or load_model()
    best: tuple[Decoded, MrzCandidate, bool] | None = None
    for size in WORK_SIZES:
        for cand in locate_mrz(gray, work_size=size)[:_MAX_CANDIDATES]:
            got = _read_candidate(gray, cand, model, today)
            if got is None:
                continue
            if best is None or got[0].rank() > best[0].rank():
                best = got
            if _good(best):
                break
        if best is not None and best[0].parse.valid:
            break
    if best is not None and not best[0].parse.valid and second_reader:
        from docexam.mrz.second_reader import improve_with_tesseract

        improved = improve_with_tesseract(gray, best[0], best[1], best[2], today=today)
        if improved is not None:
            best = (improved, best[1], best[2])
    elapsed = (time.perf_counter() - t0) * 1000
    if best is None or not _looks_found(best[0]):
        return MrzReading(found=False, elapsed_ms=elapsed)
    d, cand, _ = best
    return MrzReading(
        found=True,
        parse=d.parse,
        confidence=d.mean_confidence,
        char_confidence=d.char_confidence,
        corrections=tuple(Correction(*c) for c in d.corrections),
        elapsed_ms=elapsed,
        quad=tuple(
            tuple(map(float, p)) for p in cv2.boxPoints((cand.center, cand.size, cand.angle))
        ),
    )


def _looks_found(d: Decoded) -> bool:
    passed = sum(ok for _, ok in d.parse.checks)
    return d.parse.valid or (passed >= 1 and d.mean_confidence >= 0.5) or d.mean_confidence >= 0.8


def _read_candidate(
    gray: np.ndarray, cand: MrzCandidate, model: Mlp, today: dt.date | None
) -> tuple[Decoded, MrzCandidate, bool] | None:
    best = _read_at_scale(gray, cand, model, today)
    if _good(best):
        return best
    # The locator's character height can be off by a factor of two (lines merged by
    # closing); measure it in the cut-out block and try once more at that scale.
    measured = measure_char_height(extract_block(gray, cand).gray)
    if measured is not None and not 0.75 < measured / BLOCK_CHAR_H < 1.33:
        rescaled = replace(cand, char_height=cand.char_height * measured / BLOCK_CHAR_H)
        again = _read_at_scale(gray, rescaled, model, today)
        if again is not None and (best is None or again[0].rank() > best[0].rank()):
            best = again
    return best


def _good(got: tuple[Decoded, MrzCandidate, bool] | None) -> bool:
    return got is not None and got[0].parse.valid and got[0].mean_confidence >= _GOOD_ENOUGH


def _read_at_scale(
    gray: np.ndarray, cand: MrzCandidate, model: Mlp, today: dt.date | None
) -> tuple[Decoded, MrzCandidate, bool] | None:
    best: tuple[Decoded, MrzCandidate, bool] | None = None
    for flip in (False, True):
        block = extract_block(gray, cand, flip=flip)
        grids = segment_block_variants(block.gray)
        if not grids:
            continue
        for attempt in range(2):
            d = _decode_block(block.gray, grids, model, today, shifts=_NO_SHIFT)
            if d is not None and not _certain(d):
                # Not clear-cut: average over small grid shifts (costs 5x the classifier,
                # measured: fewer wrong readings on hard photos, no change on scans).
                d = _decode_block(block.gray, grids, model, today, shifts=_TTA_SHIFTS)
            if d is not None and (best is None or d.rank() > best[0].rank()):
                best = (d, cand, flip)
            if _good(best):
                return best
            if attempt == 0:
                # Second pass: undo perspective with the first pass's grids, segment again.
                flat = rectify_block(gray, block, [v[0] for v in grids])
                grids = segment_block_variants(flat.gray) if flat is not None else []
                if not grids:
                    break
                block = flat
    return best


# Small shifts of the grid (fractions of pitch and character height) whose class
# probabilities are averaged: the grid estimate is never exact, and averaging over its
# likely errors costs a few more matrix products but no more segmentation.
_TTA_SHIFTS = ((0.0, 0.0), (0.08, 0.0), (-0.08, 0.0), (0.0, 0.06), (0.0, -0.06))
_NO_SHIFT = ((0.0, 0.0),)


def _certain(d: Decoded) -> bool:
    """Valid, and not one character in doubt: nothing more to learn from another look."""
    return d.parse.valid and min(min(line) for line in d.char_confidence) >= 0.9


def _decode_block(
    block_gray: np.ndarray,
    grids: list[list[LineGrid]],
    model: Mlp,
    today: dt.date | None,
    *,
    shifts: tuple[tuple[float, float], ...],
) -> Decoded | None:
    """Classify each line (choosing among its grid hypotheses by the classifier's mean
    confidence: a misplaced grid cuts characters in half, and the classifier is unsure
    of halves) and decode the whole MRZ."""
    probs = []
    for variants in grids:
        best_p, best_conf = None, -1.0
        for g in variants:
            p = _line_probs(block_gray, g, model, shifts)
            conf = float(p.max(axis=1).mean())
            if conf > best_conf:
                best_p, best_conf = p, conf
        probs.append(best_p)
    return decode(probs, today=today)


def _line_probs(
    block_gray: np.ndarray, g: LineGrid, model: Mlp, shifts: tuple[tuple[float, float], ...]
) -> np.ndarray:
    cells = [
        split_cells(
            rectify_line(
                block_gray, replace(g, x0=g.x0 + dx * g.pitch, y0=g.y0 + dy * g.char_height)
            )
        )
        for dx, dy in shifts
    ]
    p = model.predict_proba(np.concatenate(cells))
    return p.reshape(len(shifts), g.n, -1).mean(axis=0)


def read_mrz_file(
    path: str | os.PathLike[str], *, today: dt.date | None = None, second_reader: bool = True
) -> MrzReading:
    """Load ``path`` safely and read its MRZ; raises ImageLoadError for an unusable file.

    ``elapsed_ms`` covers loading too: that is what a user waits for.
    """
    from docexam.imaging.load import load_image

    t0 = time.perf_counter()
    loaded = load_image(path)
    reading = read_mrz_image(loaded.gray, today=today, second_reader=second_reader)
    total = (time.perf_counter() - t0) * 1000
    return replace(reading, elapsed_ms=total)
