"""Do the other lights' images show the same document as the white-light image?

Why: a capture set is assembled from files, and a UV or IR image of another document (a
mix-up at the reader, or a deliberate substitution) would be judged as if it were this
document's, giving a confident wrong verdict. Under IR the personal data and the MRZ stay
dark (IR-absorbing ink) while most of the background vanishes, so on the registered page
the IR image's fine structure in those zones must follow the white image's: the same
letters in the same places. Another person's document of the same type has its letters
elsewhere and correlates poorly; the same document correlates strongly. An IR image that
shows no ink there at all is not "another document" but a finding of the IR checks
(printed with an ordinary ink), so it is left to them.

Limitation, measured on studio captures: under UV the personal print of the bundled
designs is too faint for the same test (same document 0.14-0.59, another 0.18 at most on
the ID card's front), so a UV image of another document of the same type is not detected.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import cv2
import numpy as np

from docexam.specimens.manifest import Page

MIN_AGREEMENT = 0.45  # median zone correlation below this: another document
MIN_INK_SHARE = 0.3  # IR darkness of at least this share of white's: the IR shows print


@dataclass(frozen=True)
class LightAgreement:
    light: str
    agreement: float | None  # median correlation over the personal zones; None: not measured
    ink_share: float | None  # the light's dark structure over white's in those zones
    mismatch: bool

    def to_dict(self) -> dict:
        r = lambda v: None if v is None else round(v, 3)  # noqa: E731
        return {"light": self.light, "agreement": r(self.agreement),
                "ink_share": r(self.ink_share), "mismatch": self.mismatch}  # fmt: skip


def _band(img: np.ndarray, k: float) -> np.ndarray:
    g = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY) if img.ndim == 3 else img
    g = g.astype(np.float32)
    return cv2.GaussianBlur(g, (0, 0), 0.05 * k) - cv2.GaussianBlur(g, (0, 0), 0.25 * k)


# Fields that differ from one holder to the next: the state, the document code and the
# authority are printed alike on every document of a type and would agree for any document.
_PERSONAL = frozenset({"document_number", "surname", "given_names", "birth_date",
                       "expiry_date", "optional_data", "personal_number"})  # fmt: skip


def _zones(page: Page) -> list[tuple[int, int, int, int]]:
    zs = [page.zones["mrz"]] if "mrz" in page.zones else []
    zs += [f.zone for f in page.fields if f.mrz_field in _PERSONAL]
    return [z.to_px(page.px_per_mm) for z in zs]


def ir_agreement(
    images: Mapping[str, np.ndarray], *, page: Page, light: str = "ir870"
) -> LightAgreement | None:
    """How well ``light`` (an IR image on the registered page grid) follows the white
    image in the personal zones; None when either image is missing."""
    if "white" not in images or light not in images:
        return None
    if images["white"].shape[:2] != images[light].shape[:2]:
        raise ValueError(f"images['{light}'] and images['white'] must have the same size")
    k = page.px_per_mm
    w, q = _band(images["white"], k), _band(images[light], k)
    h, wd = w.shape
    corr, w_energy, q_energy = [], 0.0, 0.0
    for x0, y0, x1, y1 in _zones(page):
        x0, y0, x1, y1 = max(0, x0), max(0, y0), min(wd, x1), min(h, y1)
        if x1 - x0 < 4 or y1 - y0 < 4:
            continue
        a, b = w[y0:y1, x0:x1].ravel(), q[y0:y1, x0:x1].ravel()
        a, b = a - a.mean(), b - b.mean()
        ea, eb = float((a * a).sum()), float((b * b).sum())
        w_energy, q_energy = w_energy + ea, q_energy + eb
        if ea > 1e-6 and eb > 1e-6:
            corr.append(float((a * b).sum() / np.sqrt(ea * eb)))
    if not corr or w_energy <= 1e-6:
        return LightAgreement(light, None, None, False)
    agreement = float(np.median(corr))
    share = float(np.sqrt(q_energy / w_energy))
    return LightAgreement(light, agreement, share,
                          share >= MIN_INK_SHARE and agreement < MIN_AGREEMENT)  # fmt: skip
