"""Find the page by its printed design when no outline identifies it.

Why a second way: the outline finder (``page_quad``) needs the page's edges to stand out;
a card on a busy phone background, or a light card on a light scanner lid, may offer no
outline that leads to a specimen. The design itself (guilloche, title, labels) is the same
on every document of the type, so scale-invariant keypoints matched against each candidate
specimen page give a homography, and the page's corners are the specimen's corners mapped
through it. It runs only when the outlines failed (about a second on this machine), and a
page is accepted only when many geometrically consistent matches (RANSAC inliers) support
it and clearly more than any other page, so an unknown document is not forced onto one.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import cv2
import numpy as np

from docexam.examine import page_evidence as pe
from docexam.examine.page_quad import PageQuad, order_corners
from docexam.specimens.manifest import Page, Specimen

KP_PX_PER_MM = 5.0  # the specimen page's resolution for keypoints
WORK_MAX_PX = 1400  # the capture's longer side for keypoints
MIN_INLIERS = 25
MIN_LEAD = 2.0  # the best page's inliers over the runner-up's


def _grey(img: np.ndarray) -> np.ndarray:
    g = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY) if img.ndim == 3 else img
    return cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8)).apply(g)


def _sift() -> cv2.SIFT:
    return cv2.SIFT_create(nfeatures=4000)


@lru_cache(maxsize=16)
def _specimen_keypoints(path: str, size_px: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Why cached: the specimen's keypoints are the same for every document of its type."""
    img = cv2.imread(path, cv2.IMREAD_COLOR)
    if img is None:
        raise ValueError(f"cannot read the specimen image {path}")
    small = cv2.resize(img, size_px, interpolation=cv2.INTER_AREA)
    kp, des = _sift().detectAndCompute(_grey(small), None)
    pts = np.float32([p.pt for p in kp]) if kp else np.zeros((0, 2), np.float32)
    des = des if des is not None else np.zeros((0, 128), np.float32)
    pts.setflags(write=False)
    des.setflags(write=False)
    return pts, des


def locate_by_design(
    white: np.ndarray, pages: Sequence[tuple[Specimen, Page]], *,
    min_inliers: int = MIN_INLIERS,
) -> PageQuad | None:  # fmt: skip
    """The page's outline in ``white`` found through the design of the candidate page it
    matches, or None when no page is matched clearly enough."""
    if min_inliers < 8:
        raise ValueError(f"min_inliers must be >= 8, got {min_inliers}")
    s = min(1.0, WORK_MAX_PX / max(white.shape[:2]))
    small = cv2.resize(white, None, fx=s, fy=s, interpolation=cv2.INTER_AREA) if s < 1 else white
    kq, dq = _sift().detectAndCompute(_grey(small), None)
    if dq is None or len(kq) < min_inliers:
        return None
    pq = np.float32([p.pt for p in kq])
    matcher = cv2.BFMatcher(cv2.NORM_L2)
    found: list[tuple[int, np.ndarray, Page]] = []
    for _spec, page in pages:
        if "white" not in page.images:
            continue
        size = (round(page.size_mm[0] * KP_PX_PER_MM), round(page.size_mm[1] * KP_PX_PER_MM))
        pr, dr = _specimen_keypoints(str(page.image_path("white")), size)
        if len(pr) < min_inliers:
            continue
        pairs = [p for p in matcher.knnMatch(dr, dq, k=2) if len(p) == 2]
        good = [m for m, n in pairs if m.distance < 0.75 * n.distance]
        if len(good) < min_inliers:
            found.append((len(good), np.eye(3), page))
            continue
        src, dst = pr[[m.queryIdx for m in good]], pq[[m.trainIdx for m in good]]
        hom, inl = cv2.findHomography(src, dst, cv2.RANSAC, 4.0)
        found.append((int(inl.sum()) if hom is not None else 0, hom, page))
    if not found:
        return None
    found.sort(key=lambda f: -f[0])
    n, hom, page = found[0]
    runner_up = found[1][0] if len(found) > 1 else 0
    if n < min_inliers or n < MIN_LEAD * runner_up or hom is None:
        return None
    w, h = page.size_mm[0] * KP_PX_PER_MM, page.size_mm[1] * KP_PX_PER_MM
    ref = np.float32([[-0.5, -0.5], [w - 0.5, -0.5], [w - 0.5, h - 0.5], [-0.5, h - 0.5]])
    c = cv2.perspectiveTransform(ref.reshape(-1, 1, 2), hom).reshape(-1, 2).astype(np.float64) / s
    if not _plausible(c, white.shape):
        return None
    return PageQuad(order_corners(c), min(1.0, n / 100), float(pe.aspect(c[None])[0]), False)


def _plausible(c: np.ndarray, shape: tuple[int, ...]) -> bool:
    """A convex quad of reasonable size with its corners near the image."""
    h, w = shape[:2]
    x, y = c[:, 0], c[:, 1]
    area = 0.5 * abs(float(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))))
    if area < 0.02 * w * h or (c < -0.25 * max(w, h)).any():
        return False
    if (x > 1.25 * w).any() or (y > 1.25 * h).any():
        return False
    e = np.roll(c, -1, axis=0) - c
    cross = e[:, 0] * np.roll(e, -1, axis=0)[:, 1] - e[:, 1] * np.roll(e, -1, axis=0)[:, 0]
    return bool((cross > 0).all() or (cross < 0).all())
