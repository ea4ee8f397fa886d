"""Capture sets: loading, grouping files by set, lights that cannot belong to the capture."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from docexam.errors import ImageLoadError, InputError
from docexam.examine.captureset import find_capture_sets, from_images, load_capture_set


def _img(path, h=40, w=60, grey=False):
    img = np.full((h, w) if grey else (h, w, 3), 128, np.uint8)
    cv2.imwrite(str(path), img)
    return path


def test_groups_files_by_prefix(tmp_path):
    for side in ("front", "back"):
        for light in ("white", "uv365", "ir870"):
            _img(tmp_path / f"{side}.{light}.png")
    (tmp_path / "truth.json").write_text("{}")
    sets = find_capture_sets(tmp_path)
    assert set(sets) == {"front", "back"}
    assert set(sets["front"]) == {"white", "uv365", "ir870"}


def test_short_names(tmp_path):
    _img(tmp_path / "white.jpg")
    _img(tmp_path / "uv.jpg")
    _img(tmp_path / "ir.png", grey=True)
    sets = find_capture_sets(tmp_path)
    cs = load_capture_set(sets[next(iter(sets))]["white"], uv=sets[next(iter(sets))]["uv365"],
                          ir=sets[next(iter(sets))]["ir870"])  # fmt: skip
    assert cs.lights == ("white", "uv365", "ir870")
    assert cs.images["ir870"].ndim == 2 and not cs.images["white"].flags.writeable


def test_folder_without_white_or_images(tmp_path):
    with pytest.raises(InputError, match="no capture set"):
        find_capture_sets(tmp_path)
    _img(tmp_path / "a.uv.png")
    with pytest.raises(InputError, match="no capture set"):
        find_capture_sets(tmp_path)
    with pytest.raises(InputError, match="not a folder"):
        find_capture_sets(tmp_path / "missing")


def test_light_of_another_size_is_set_aside():
    cs = from_images({"white": np.zeros((40, 60, 3), np.uint8),
                      "uv365": np.zeros((41, 60, 3), np.uint8),
                      "ir870": np.zeros((40, 60), np.uint8)})  # fmt: skip
    assert cs.lights == ("white", "ir870")
    assert cs.problems[0][:2] == ("uv365", "LIGHT_SIZE_MISMATCH")


def test_white_required_and_lights_known():
    with pytest.raises(InputError, match="white"):
        from_images({"uv365": np.zeros((4, 4, 3), np.uint8)})
    with pytest.raises(InputError, match="unknown light"):
        from_images({"white": np.zeros((4, 4, 3), np.uint8), "xray": np.zeros((4, 4), np.uint8)})


def test_bad_files_are_image_load_errors(tmp_path):
    pdf = tmp_path / "white.jpg"
    pdf.write_bytes(b"%PDF-1.4\n" + b"x" * 100)
    with pytest.raises(ImageLoadError, match="PDF"):
        load_capture_set(pdf)
    with pytest.raises(ImageLoadError):
        load_capture_set(tmp_path / "nope.png")
