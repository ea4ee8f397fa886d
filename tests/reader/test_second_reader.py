"""Tesseract as the second reader: it really runs (no mock), reads a clean OCR-B line,
and its reading repairs a check digit that the first reading got wrong."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from docexam.mrz.block import extract_block
from docexam.mrz.decode import decode
from docexam.mrz.locate import locate_mrz
from docexam.mrz.ocr.cells import ALPHABET
from docexam.mrz.second_reader import (
    improve_with_tesseract,
    read_line_with_tesseract,
    tesseract_available,
)
from docexam.mrz.segment import segment_block
from docexam.synth.sample import make_mrz_sample

pytestmark = pytest.mark.skipif(not tesseract_available(), reason="tesseract not installed")


def test_tesseract_reads_a_clean_line() -> None:
    sample = make_mrz_sample(61, level="scan", layout="TD3")
    gray = cv2.cvtColor(sample.image, cv2.COLOR_BGR2GRAY)
    cand = locate_mrz(gray)[0]
    truth = sample.lines[1]
    best = 0
    for flip in (False, True):  # the scan may lie upside down
        block = extract_block(gray, cand, flip=flip)
        grids = segment_block(block.gray)
        assert len(grids) == 2
        g = grids[1]
        xs = g.centers_x()
        y = int(g.center_y(np.array([xs.mean()]))[0])
        x0, x1 = int(xs[0] - g.pitch), int(xs[-1] + g.pitch)
        text = read_line_with_tesseract(block.gray[max(0, y - 35) : y + 35, x0:x1])
        best = max(best, sum(a == b for a, b in zip(text, truth, strict=False)))
    assert best >= 0.8 * len(truth)


def test_second_reader_repairs_a_wrong_check_digit_field() -> None:
    sample = make_mrz_sample(62, level="scan", layout="TD3")
    gray = cv2.cvtColor(sample.image, cv2.COLOR_BGR2GRAY)
    cand = locate_mrz(gray)[0]
    lines = list(sample.lines)
    # A first reading that got one birth-date digit wrong, with no doubt about it.
    pos = 15
    wrong = "1" if lines[1][pos] != "1" else "7"
    lines[1] = lines[1][:pos] + wrong + lines[1][pos + 1 :]
    eye = np.eye(len(ALPHABET)) * 0.999 + 0.001 / len(ALPHABET)
    first = decode([eye[[ALPHABET.index(c) for c in line]] for line in lines])
    assert first is not None and not first.parse.valid
    for flip in (False, True):
        improved = improve_with_tesseract(gray, first, cand, flip)
        if improved is not None:
            break
    assert improved is not None
    assert improved.lines == sample.lines
    assert any(c[4].startswith("second reader") for c in improved.corrections)
