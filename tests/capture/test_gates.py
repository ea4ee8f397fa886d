"""Quality gates on a booth-camera capture of a studio passport and on spoiled copies of it:
each spoiled copy fails its own gate, with an instruction in English and Russian."""

from __future__ import annotations

import re

import cv2
import numpy as np
import pytest

from docexam.capture.gates import EXPOSURE_LIMITS, INSTRUCTIONS, check_gates
from docexam.capture.types import GateReport
from docexam.examine.quality import MIN_PX_PER_MM

TD3 = (125.0, 88.0)
GATES = ["in_frame", "resolution", "sharpness", "glare", "exposure"]
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def _gate(report: GateReport, name: str):
    return next(r for r in report.results if r.gate == name)


def test_a_sharp_capture_in_frame_passes_every_gate(camera_capture):
    img, quad = camera_capture.images["white"], camera_capture.page_quad()
    before = img.copy()
    report = check_gates(img, size_mm=TD3)
    assert [r.gate for r in report.results] == GATES
    assert report.passed, [(r.gate, r.value, r.limit) for r in report.failed]
    assert all(r.instruction_en == r.instruction_ru == "" for r in report.results)
    assert np.array_equal(img, before)
    # The resolution is the page's own: its true outline in the capture gives the same.
    res = _gate(report, "resolution").value
    true_k = np.sqrt(cv2.contourArea(quad.astype(np.float32)) / (TD3[0] * TD3[1]))
    assert res == pytest.approx(true_k, rel=0.01)
    assert check_gates(img).results[1].value == pytest.approx(res)  # TD3 by its shape


def _glare(img: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """A saturated spot (about 20 mm across: 2.5 % of the page) with a soft rim."""
    out = img.copy()
    k = np.linalg.norm(quad[1] - quad[0]) / TD3[0]
    c = quad.mean(0) + (quad[1] - quad[0]) * 0.2
    spot = np.zeros(img.shape[:2], np.float32)
    cv2.circle(spot, (int(c[0]), int(c[1])), int(10 * k), 1.0, -1)
    spot = cv2.GaussianBlur(spot, (0, 0), k)[..., None]
    return np.clip(out * (1 - spot) + 255 * spot, 0, 255).astype(np.uint8)


def _cut(img: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """The image cropped through the page: its right third is outside the picture."""
    x = int(quad[:, 0].min() + 0.65 * np.ptp(quad[:, 0]))
    return np.ascontiguousarray(img[:, :x])


SPOILED = {
    "blurred": (lambda img, q: cv2.GaussianBlur(img, (0, 0), 3.0), "sharpness", "sharpness"),
    "glaring": (_glare, "glare", "glare"),
    "dark": (lambda img, q: (img * 0.2).astype(np.uint8), "exposure", "underexposed"),
    "bright": (lambda img, q: np.clip(img * 1.9, 0, 255).astype(np.uint8), "exposure",
               "overexposed"),
    "small": (lambda img, q: cv2.resize(img, None, fx=0.2, fy=0.2, interpolation=cv2.INTER_AREA),
              "resolution", "resolution"),
    "cut_off": (_cut, "in_frame", "in_frame"),
}  # fmt: skip


@pytest.mark.parametrize("name", SPOILED)
def test_each_spoiled_capture_fails_its_gate_with_instructions(camera_capture, name):
    img, quad = camera_capture.images["white"], camera_capture.page_quad()
    spoil, gate, key = SPOILED[name]
    report = check_gates(spoil(img, quad), size_mm=TD3)
    failed = {r.gate: r for r in report.failed}
    assert not report.passed and gate in failed, [(r.gate, r.value) for r in report.results]
    r = failed[gate]
    assert (r.instruction_en, r.instruction_ru) == INSTRUCTIONS[key]
    assert r.instruction_en and CYRILLIC.search(r.instruction_ru)
    if name in ("blurred", "glaring", "dark", "small"):  # the page itself is still found
        assert _gate(report, "in_frame").passed
    if name in ("blurred", "glaring", "small"):  # and nothing else is blamed
        assert [f.gate for f in report.failed] == [gate]


def test_the_glare_instruction_reads_as_the_officer_hears_it():
    assert INSTRUCTIONS["glare"] == ("glare on the document: tilt it slightly",
                                     "блик на документе: слегка наклоните его")  # fmt: skip


def test_no_document_says_so(camera_capture):
    img = camera_capture.images["white"]
    blank = np.full_like(img, 40)
    report = check_gates(blank)
    r = _gate(report, "in_frame")
    assert not r.passed and r.instruction_en == INSTRUCTIONS["no_document"][0]
    assert not _gate(report, "resolution").passed


def test_pre_cropped_page_is_in_frame(studio):
    """A reader's output cut to the page (the flat studio page, 8 px/mm)."""
    report = check_gates(studio.page, size_mm=TD3)
    assert _gate(report, "in_frame").passed
    assert _gate(report, "resolution").value == pytest.approx(8.0, rel=0.01)


def test_uv_and_ir_with_the_white_outline(camera_capture):
    cap = camera_capture
    quad = cap.page_quad()
    for light in ("uv365", "ir870"):
        report = check_gates(cap.images[light], light=light, size_mm=TD3, quad=quad)
        assert [r.gate for r in report.results] == ["in_frame", "resolution", "sharpness",
                                                    "exposure"]  # fmt: skip
        assert report.passed, (light, [(r.gate, r.value) for r in report.failed])
        lo, hi = EXPOSURE_LIMITS[light]
        assert lo <= _gate(report, "exposure").value <= hi
    # A white lamp left on while "UV" was taken: far too bright for UV.
    report = check_gates(cap.images["white"], light="uv365", size_mm=TD3, quad=quad)
    assert _gate(report, "exposure").instruction_en == INSTRUCTIONS["overexposed"][0]


def test_outline_at_the_edge_is_not_in_frame(camera_capture):
    img, quad = camera_capture.images["white"], camera_capture.page_quad()
    w = img.shape[1]
    edge = quad.copy()
    edge[1, 0] = w - 1.0
    report = check_gates(img, size_mm=TD3, quad=edge)
    assert not _gate(report, "in_frame").passed


def test_minimum_resolution_is_the_examinations(camera_capture):
    img = camera_capture.images["white"]
    assert _gate(check_gates(img, size_mm=TD3), "resolution").limit == MIN_PX_PER_MM
    strict = check_gates(img, size_mm=TD3, min_px_per_mm=20.0)
    assert not _gate(strict, "resolution").passed


@pytest.mark.parametrize("kw", [{"light": "sunlight"}, {"size_mm": (0, 54)}, {"size_mm": "TD3"},
                                {"quad": np.zeros((3, 2))}, {"min_px_per_mm": -1},
                                {"max_glare": "none"}, {"work_px": 8}])  # fmt: skip
def test_bad_parameters_are_value_errors(camera_capture, kw):
    with pytest.raises(ValueError, match=next(iter(kw))):
        check_gates(camera_capture.images["white"], **kw)


def test_bad_image_is_value_error():
    with pytest.raises(ValueError, match="image"):
        check_gates(np.zeros((100, 100), np.float64))


def test_every_instruction_has_both_languages():
    for en, ru in INSTRUCTIONS.values():
        assert en and ":" in en and CYRILLIC.search(ru) and ":" in ru
