"""Identification tells specimens, series and sides apart; registration aligns to < 0.3 mm."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
import pytest

from docexam.examine import identify as ident
from docexam.examine import register as reg
from docexam.specimens.library import load_library
from docexam.synth.capture import simulate_capture
from docexam.synth.studio import make_document

LIB = Path(__file__).resolve().parents[2] / "reference_specimens"
K = 300 / 25.4


@lru_cache(maxsize=1)
def _lib():
    return load_library(LIB)


@pytest.mark.parametrize("sid", ["uto-passport-2015", "uto-passport-2021", "uto-id-2019",
                                 "uto-visa-2018"])  # fmt: skip
@pytest.mark.parametrize("mode", ["scan", "camera", "phone"])
def test_identifies_specimen_side_and_orientation(sid, mode):
    pages = ident.candidate_pages(_lib(), layout=None, state=None, code=None)
    doc = make_document(sid, seed=31, px_per_mm=6)
    for side, imgs in doc.images.items():
        cap = simulate_capture(imgs, px_per_mm=6, mode=mode, seed=5)
        quad = cap.page_quad()
        for turn in (0, 2):  # the same page handed over upside down
            corners = np.roll(quad, -turn, axis=0)
            r = ident.identify(cap.images["white"], corners, pages)
            assert r.best is not None
            assert (r.best.specimen, r.best.side) == (sid, side)
            assert r.best.rotation == turn
            assert r.margin > 0.15


def test_unknown_document_is_not_forced_onto_a_specimen():
    rng = np.random.default_rng(0)
    img = cv2.GaussianBlur(rng.integers(0, 255, (600, 900, 3), dtype=np.uint8), (0, 0), 3)
    corners = np.array([[50, 50], [850, 50], [850, 560], [50, 560]], float)
    pages = ident.candidate_pages(_lib(), layout=None, state=None, code=None)
    r = ident.identify(img, corners, pages)
    assert r.best is None and r.reason == "NO_MATCHING_SPECIMEN"
    assert r.candidates and r.candidates[0].score < ident.MIN_SCORE


def test_mrz_narrows_candidates():
    pages = ident.candidate_pages(_lib(), layout="TD1", state="UTO", code="ID")
    assert {(s.id, p.side) for s, p in pages} == {("uto-id-2019", "front"),
                                                  ("uto-id-2019", "back")}  # fmt: skip
    assert ident.candidate_pages(_lib(), layout="TD3", state="KAZ", code="P") == []


def _true_error(aligned: np.ndarray, flat: np.ndarray) -> float:
    a = cv2.cvtColor(aligned, cv2.COLOR_BGR2GRAY).astype(np.float32)
    f = cv2.cvtColor(flat, cv2.COLOR_BGR2GRAY).astype(np.float32)
    h, w = f.shape
    errs = []
    for i in range(3):
        for j in range(4):
            sl = (slice(i * h // 3, (i + 1) * h // 3), slice(j * w // 4, (j + 1) * w // 4))
            (dx, dy), _ = cv2.phaseCorrelate(a[sl].copy(), f[sl].copy())
            errs.append(np.hypot(dx, dy) / K)
    return float(np.median(errs))


@pytest.mark.parametrize("sid", ["uto-passport-2015", "uto-visa-2018"])
@pytest.mark.parametrize("mode", ["scan", "camera", "phone"])
def test_registration_corrects_a_rough_page_outline(sid, mode):
    spec = _lib().get(sid)
    page = spec.pages[0]
    doc = make_document(sid, seed=8)
    cap = simulate_capture(doc.images[page.side], px_per_mm=K, mode=mode, seed=8)
    quad = cap.page_quad()
    rng = np.random.default_rng(1)
    rough = quad + rng.normal(0, 0.006 * np.linalg.norm(quad[2] - quad[0]), (4, 2))
    size = (round(page.size_mm[0] * K), round(page.size_mm[1] * K))
    q = ident.warp_page(cap.images["white"], rough, size_px=size, rotation=0,
                        flags=cv2.INTER_LINEAR)  # fmt: skip
    ref = cv2.imread(str(page.image_path("white")))
    mask = ident.design_mask_full(spec, page.side, size)
    before = _true_error(q, doc.images[page.side]["white"])
    r = reg.register(q, ref, mask, px_per_mm=K)
    aligned = reg.apply({"white": q}, r, shape=ref.shape[:2])["white"]
    after = _true_error(aligned, doc.images[page.side]["white"])
    assert after < 0.3, (before, after)
    assert after < before or before < 0.3
