"""The image reader on generated documents: every layout, every rotation, and no document.

Seeds here are fixed test seeds (not the benchmark's report seeds). Scan-level documents
must be read exactly: they are the easy case, and a failure here is a regression.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from docexam.mrz.reader import read_mrz_image
from docexam.synth.sample import make_mrz_sample

LAYOUTS = ("TD1", "TD2", "TD3", "MRVA", "MRVB")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_scan_of_each_layout_is_read_exactly(layout: str) -> None:
    for seed in (11, 12):
        sample = make_mrz_sample(seed, level="scan", layout=layout)
        reading = read_mrz_image(sample.image, second_reader=False)
        assert reading.found
        assert reading.lines == sample.lines, f"seed {seed}"
        assert reading.valid
        assert reading.parse.format == layout
        assert 0.5 < reading.confidence <= 1.0
        assert len(reading.char_confidence) == len(sample.lines)
        assert all(
            len(c) == len(line)
            for c, line in zip(reading.char_confidence, sample.lines, strict=False)
        )


@pytest.mark.parametrize(
    "rotation", [cv2.ROTATE_90_CLOCKWISE, cv2.ROTATE_180, cv2.ROTATE_90_COUNTERCLOCKWISE]
)
def test_rotated_scan_is_read(rotation: int) -> None:
    sample = make_mrz_sample(21, level="scan", layout="TD3")
    image = cv2.rotate(sample.image, rotation)
    reading = read_mrz_image(image, second_reader=False)
    assert reading.lines == sample.lines


def test_photo_with_perspective_is_read() -> None:
    # A photo-level sample: clutter, perspective, uneven light, JPEG.
    hits = 0
    for seed in range(31, 36):
        sample = make_mrz_sample(seed, level="photo")
        hits += read_mrz_image(sample.image, second_reader=False).lines == sample.lines
    assert hits >= 4


def test_grayscale_and_colour_give_the_same_reading() -> None:
    sample = make_mrz_sample(41, level="scan", layout="TD2")
    gray = cv2.cvtColor(sample.image, cv2.COLOR_BGR2GRAY)
    assert read_mrz_image(gray).lines == read_mrz_image(sample.image).lines == sample.lines


def test_input_image_is_not_modified() -> None:
    sample = make_mrz_sample(42, level="scan", layout="TD1")
    before = sample.image.copy()
    read_mrz_image(sample.image)
    assert np.array_equal(before, sample.image)


def test_image_without_a_document_finds_nothing() -> None:
    rng = np.random.default_rng(5)
    noise = cv2.GaussianBlur(rng.integers(0, 255, (600, 800), dtype=np.uint8), (0, 0), 3)
    for image in (np.full((400, 600, 3), 255, np.uint8), noise):
        reading = read_mrz_image(image)
        assert not reading.found
        assert reading.parse is None
        out = reading.to_dict()
        assert out["found"] is False and out["valid"] is False and out["format"] is None
        assert out["errors"][0]["code"] == "MRZ_NOT_FOUND"


def test_text_that_is_not_an_mrz_is_not_taken_for_one() -> None:
    # Ordinary printed text lines (not OCR-B MRZ) must not produce a valid MRZ.
    page = np.full((500, 900), 255, np.uint8)
    for i in range(8):
        cv2.putText(
            page,
            "The quick brown fox jumps over the lazy dog 123",
            (20, 50 + 55 * i),
            cv2.FONT_HERSHEY_SIMPLEX,
            0.9,
            0,
            2,
        )
    reading = read_mrz_image(page)
    assert not reading.valid


@pytest.mark.parametrize(
    "bad",
    [np.zeros((10, 10), np.float32), np.zeros((10, 10, 2), np.uint8), "not an array"],
)
def test_bad_arrays_raise_value_error(bad) -> None:
    with pytest.raises(ValueError, match="image"):
        read_mrz_image(bad)
