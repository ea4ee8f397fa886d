"""Locating a page by its design where no outline leads to a specimen."""

from __future__ import annotations

import numpy as np
import pytest

from docexam.examine import identify as ident
from docexam.examine.page_keypoints import locate_by_design
from docexam.specimens.library import default_library_root, load_library
from docexam.synth.capture import simulate_capture
from docexam.synth.studio import make_document


@pytest.fixture(scope="module")
def pages():
    lib = load_library(default_library_root())
    return ident.candidate_pages(lib, layout=None, state=None, code=None)


# A card on a busy phone background and a light card on a light scanner lid: captures
# where the outline finder's outlines identify nothing (benchmark tuning seeds).
@pytest.mark.parametrize(
    ("side", "mode", "seed"), [("back", "phone", 5201), ("back", "scan", 5100)]
)
def test_the_design_locates_the_page(pages, side, mode, seed):
    doc = make_document("uto-id-2019", seed=seed)
    cap = simulate_capture(doc.images[side], px_per_mm=doc.plan.px_per_mm, mode=mode,
                           seed=seed * 7 + 1)  # fmt: skip
    quad = locate_by_design(cap.images["white"], pages)
    assert quad is not None
    truth = np.asarray(cap.page_quad(), float)
    err = min(np.abs(np.roll(quad.corners, r, 0) - truth).max() for r in range(4))
    assert err < 0.02 * max(cap.images["white"].shape[:2])
    found = ident.identify(cap.images["white"], quad.corners, pages)
    assert (found.best.specimen, found.best.side) == ("uto-id-2019", side)


def test_nothing_is_forced_onto_a_page(pages):
    rng = np.random.default_rng(3)
    noise = rng.integers(0, 255, (900, 1200, 3), dtype=np.uint8)
    assert locate_by_design(noise, pages) is None
    assert locate_by_design(np.full((600, 800, 3), 230, np.uint8), pages) is None
    with pytest.raises(ValueError, match="min_inliers"):
        locate_by_design(noise, pages, min_inliers=2)
