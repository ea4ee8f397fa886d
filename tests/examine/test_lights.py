"""An IR image of another document is told from this document's, and from missing IR ink."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from docexam.examine.lights import ir_agreement
from docexam.specimens.library import default_library_root, load_library
from docexam.synth.registered import registered_capture
from docexam.synth.studio import make_document

K = 11.811


@cache
def _page(sid: str, side: str):
    return load_library(default_library_root()).get(sid).page(side)


def _capture(sid, side, seed, mode, forgery=None):
    flat = make_document(sid, seed=seed, forgery=forgery).images[side]
    return registered_capture(flat, px_per_mm=K, mode=mode, seed=seed)[0]


@pytest.mark.parametrize(("sid", "side", "mode"), [("uto-passport-2021", "data_page", "phone"),
                                                   ("uto-id-2019", "back", "scan")])  # fmt: skip
def test_same_document_agrees_and_another_does_not(sid, side, mode):
    page = _page(sid, side)
    own = _capture(sid, side, 41, mode)
    other = _capture(sid, side, 42, mode)
    same = ir_agreement(own, page=page)
    swapped = ir_agreement({"white": own["white"], "ir870": other["ir870"]}, page=page)
    assert same.agreement > 0.6 and not same.mismatch
    assert swapped.agreement < 0.2 and swapped.mismatch


def test_ir_without_ink_is_left_to_the_ir_checks():
    page = _page("uto-passport-2015", "data_page")
    forged = _capture("uto-passport-2015", "data_page", 43, "camera", "counterfeit_reprint")
    r = ir_agreement(forged, page=page)
    assert r.ink_share < 0.3 and not r.mismatch


def test_missing_light_and_bad_sizes():
    page = _page("uto-passport-2015", "data_page")
    white = np.full((100, 100, 3), 255, np.uint8)
    assert ir_agreement({"white": white}, page=page) is None
    with pytest.raises(ValueError, match="same size"):
        ir_agreement({"white": white, "ir870": np.zeros((50, 50), np.uint8)}, page=page)
