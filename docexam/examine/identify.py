"""Identification: which specimen (and side, and orientation) a captured page is.

Why MRZ first, appearance second: the MRZ names the issuing state, the document code and
the layout, which narrows the library to a few specimens for free and cannot be fooled by
a similar-looking design of another state; the series (two designs of one passport) and
the side of a card are then told apart by comparing the page's look with each candidate's
white-light image, outside the personalised zones. The best candidate must score above
``MIN_SCORE`` and the margin to the runner-up is reported, so a document of a type the
library does not hold is reported as unknown, never forced onto the nearest specimen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np

from docexam.specimens.library import Library
from docexam.specimens.manifest import Page, Specimen

ID_PX_PER_MM = 2.0
MIN_SCORE = 0.45  # below: no specimen in the library looks like this page
_KIND_OF_CODE = {"P": "passport", "I": "identity_card", "A": "identity_card",
                 "C": "identity_card", "V": "visa"}  # fmt: skip


@dataclass(frozen=True)
class Candidate:
    specimen: str
    side: str
    rotation: int  # quarter turns applied to the quad's corner order (see warp_page)
    score: float


@dataclass(frozen=True)
class Identification:
    best: Candidate | None  # None: no specimen matches
    candidates: tuple[Candidate, ...]  # best first, one per (specimen, side)
    reason: str | None = None  # why best is None

    @property
    def margin(self) -> float:
        if len(self.candidates) < 2:
            return self.candidates[0].score if self.candidates else 0.0
        return self.candidates[0].score - self.candidates[1].score

    def to_dict(self) -> dict:
        return {
            "id": self.best.specimen if self.best else None,
            "side": self.best.side if self.best else None,
            "score": round(self.best.score, 4) if self.best else None,
            "margin": round(self.margin, 4),
            "candidates": [
                {"id": c.specimen, "side": c.side, "score": round(c.score, 4)}
                for c in self.candidates
            ],
            "reason": self.reason,
        }


def warp_page(
    image: np.ndarray,
    corners: np.ndarray,
    *,
    size_px: tuple[int, int],
    rotation: int,
    flags: int = cv2.INTER_AREA,
) -> np.ndarray:
    """The page cut out of ``image``: corners[i] goes to page corner (i + rotation) % 4.

    Page corners are TL, TR, BR, BL; ``corners`` are the quad's corners in the image's
    own TL, TR, BR, BL order, so rotation 0 keeps the page as it lies in the image and
    rotation 2 turns it upside down.
    """
    return cv2.warpPerspective(
        image, page_homography(corners, size_px=size_px, rotation=rotation), size_px,
        flags=flags, borderMode=cv2.BORDER_CONSTANT,
    )  # fmt: skip


def page_homography(corners: np.ndarray, *, size_px: tuple[int, int], rotation: int) -> np.ndarray:
    """Capture pixels -> page pixels for ``warp_page``."""
    w, h = size_px
    page = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32) - 0.5
    dst = np.roll(page, -rotation, axis=0)
    return cv2.getPerspectiveTransform(np.asarray(corners, np.float32) + 0.0, dst)


def _rotations(corners: np.ndarray, size_mm: tuple[float, float]) -> tuple[int, ...]:
    """Rotations that map the quad's long side onto the page's long side."""
    c = np.asarray(corners, float)
    top = np.linalg.norm(c[1] - c[0]) + np.linalg.norm(c[2] - c[3])
    left = np.linalg.norm(c[3] - c[0]) + np.linalg.norm(c[2] - c[1])
    landscape_page = size_mm[0] >= size_mm[1]
    return (0, 2) if (top >= left) == landscape_page else (1, 3)


@lru_cache(maxsize=64)
def _reference(path: str, size_px: tuple[int, int]) -> np.ndarray:
    img = cv2.imread(path, cv2.IMREAD_COLOR)
    if img is None:
        raise ValueError(f"cannot read reference image {path}")
    small = cv2.resize(img, size_px, interpolation=cv2.INTER_AREA)
    return _features(small)


def _features(bgr: np.ndarray) -> np.ndarray:
    """Band-passed Lab: design structure stays, uneven light and vignetting go."""
    lab = cv2.cvtColor(bgr, cv2.COLOR_BGR2LAB).astype(np.float32)
    return cv2.GaussianBlur(lab, (0, 0), 1.0) - cv2.GaussianBlur(lab, (0, 0), 6.0)


@lru_cache(maxsize=64)
def _design_mask(spec: Specimen, side: str, size_px: tuple[int, int]) -> np.ndarray:
    """Where a page's look is the same on every document: outside personalised zones."""
    page = spec.page(side)
    k = size_px[0] / page.size_mm[0]
    mask = np.ones((size_px[1], size_px[0]), bool)
    personal = [f.zone for f in page.fields]
    personal += [z for n, z in page.zones.items() if n in ("portrait", "ghost_image", "mrz",
                                                          "signature")]  # fmt: skip
    for f in page.features:
        if f.type in ("laser_perforation", "optically_variable_element"):
            personal += list(f.zones)
    for z in personal:
        x0, y0, x1, y1 = z.to_px(k)
        mask[max(0, y0 - 1) : y1 + 1, max(0, x0 - 1) : x1 + 1] = False
    margin = max(1, round(2.0 * k))  # page edges: where the quad's error shows most
    mask[:margin], mask[-margin:], mask[:, :margin], mask[:, -margin:] = False, False, False, False
    return mask


def _ncc(a: np.ndarray, b: np.ndarray, mask: np.ndarray) -> float:
    a, b = a[mask], b[mask]
    a = a - a.mean()
    b = b - b.mean()
    den = float(np.sqrt((a * a).sum() * (b * b).sum()))
    return float((a * b).sum() / den) if den > 1e-6 else 0.0


def appearance_score(questioned: np.ndarray, reference: np.ndarray, mask: np.ndarray) -> float:
    """Colour-aware correlation (L weighted 0.5, a and b 0.25 each), -1..1."""
    w = (0.5, 0.25, 0.25)
    return sum(wi * _ncc(questioned[..., i], reference[..., i], mask) for i, wi in enumerate(w))


def candidate_pages(
    library: Library, *, layout: str | None, state: str | None, code: str | None,
    only: str | None = None,
) -> list[tuple[Specimen, Page]]:  # fmt: skip
    """Pages worth comparing: the MRZ (when read) narrows layout, state and kind."""
    out = []
    for spec in library:
        if only is not None and spec.id != only:
            continue
        if only is None:
            if layout and spec.layout != layout:
                continue
            if state and spec.issuing_state != state:
                continue
            kind = _KIND_OF_CODE.get((code or "")[:1])
            if (
                kind
                and spec.kind != kind
                and not (kind == "identity_card" and spec.kind == "residence_permit")
            ):
                continue  # fmt: skip
        for page in spec.pages:
            out.append((spec, page))
    return out


def identify(
    white: np.ndarray,
    corners: np.ndarray,
    pages: Sequence[tuple[Specimen, Page]],
    *,
    min_score: float = MIN_SCORE,
) -> Identification:
    """Score every candidate page in every plausible orientation; best first."""
    if not pages:
        return Identification(None, (), "NO_CANDIDATE")
    best_per_page: list[Candidate] = []
    for spec, page in pages:
        size = (round(page.size_mm[0] * ID_PX_PER_MM), round(page.size_mm[1] * ID_PX_PER_MM))
        ref = _reference(str(page.image_path("white")), size)
        mask = _design_mask(spec, page.side, size)
        scored = []
        for rot in _rotations(corners, page.size_mm):
            small = warp_page(white, corners, size_px=size, rotation=rot)
            # glare shows no design (the darkest channel, without numpy's slow strided
            # reduction over the last axis)
            dark = np.minimum(np.minimum(small[..., 0], small[..., 1]), small[..., 2])
            usable = mask & (dark < 250)
            q = _features(small)
            scored.append(Candidate(spec.id, page.side, rot, appearance_score(q, ref, usable)))
        best_per_page.append(max(scored, key=lambda c: c.score))
    ranked = tuple(sorted(best_per_page, key=lambda c: -c.score))
    if ranked[0].score < min_score:
        return Identification(None, ranked, "NO_MATCHING_SPECIMEN")
    return Identification(ranked[0], ranked)


def design_mask_full(spec: Specimen, side: str, size_px: tuple[int, int]) -> np.ndarray:
    """The design mask (see ``_design_mask``) at any page size, e.g. the full resolution."""
    return _design_mask(spec, side, size_px)
