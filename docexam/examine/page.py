"""Cut the document page out of a capture set: ``find_page`` then ``normalise``.

Why one homography for every light: a capture set (white, UV 365, IR 870 ...) is taken by
one device without moving the document, so the page sits at the same place in every image;
warping each light with its own estimate would only add disagreement between them. The
outline is found in the white image (``page_quad.find_page``: most contrast, most print),
and every light is warped with that one homography to an upright page at a fixed
resolution, where the feature checks compare it with the reference specimen.

Orientation convention (``normalise``):

1. The quad's corners are image-ordered (``PageQuad``): screen-clockwise from the corner
   nearest the image's top-left. First the page is made the right shape: corners[0]
   becomes the page's top-left (corners[1] top-right, corners[2] bottom-right, corners[3]
   bottom-left) when the quad has the same orientation as ``size_mm`` (landscape if
   width >= height; the quad's orientation is that of the mean lengths of its opposite
   sides); otherwise the quad is turned a quarter clockwise first, so corners[3] becomes
   the top-left (its left side becomes the page's top) and the long side stays horizontal.
2. Then ``rotation`` (0, 90, 180 or 270 degrees, clockwise) turns that page. 180 is the
   usual correction (a document placed upside down, found from the MRZ's position); 90 and
   270 turn the page a quarter, so its width and height swap (``NormalisedPage.size_mm``
   is the result's). In corners: with b = 0 or 3 from step 1, the page's top-left is
   ``corners[(b - rotation // 90) % 4]`` and the rest follow clockwise (``page_corners``).

So a caller that knows which capture corner is the document's top-left (index i in
``corners``) passes the rotation that brings it there: ``rotation = 90 * ((b - i) % 4)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import cv2
import numpy as np

from docexam.examine.page_quad import DEFAULT_ASPECTS, ICAO_SIZES_MM, PageQuad, find_page
from docexam.examine.quality import capture_px_per_mm, glare_mask, measure_quality
from docexam.examine.results import NormalisedPage

__all__ = [
    "DEFAULT_ASPECTS",
    "ICAO_SIZES_MM",
    "PageQuad",
    "find_page",
    "measure_quality",
    "normalise",
    "page_corners",
    "page_homography",
]

_ROTATIONS = (0, 90, 180, 270)
_MAX_PAGE_PIXELS = 40_000_000  # a 125 x 88 mm page at 1200 dpi is 24 megapixels


def _check_mm(size_mm: tuple[float, float]) -> tuple[float, float]:
    try:
        w_mm, h_mm = (float(v) for v in size_mm)
    except (TypeError, ValueError):
        raise ValueError(f"size_mm must be (width, height) in mm, got {size_mm!r}") from None
    if not (np.isfinite([w_mm, h_mm]).all() and w_mm > 0 and h_mm > 0):
        raise ValueError(f"size_mm must be two positive numbers, got {size_mm!r}")
    return w_mm, h_mm


def _check_size(size_mm: tuple[float, float], px_per_mm: float) -> tuple[float, float]:
    w_mm, h_mm = _check_mm(size_mm)
    ok = isinstance(px_per_mm, int | float | np.number) and not isinstance(px_per_mm, bool)
    if not (ok and np.isfinite(px_per_mm) and px_per_mm > 0):
        raise ValueError(f"px_per_mm must be a positive number, got {px_per_mm!r}")
    if round(w_mm * px_per_mm) * round(h_mm * px_per_mm) > _MAX_PAGE_PIXELS:
        raise ValueError(f"px_per_mm={px_per_mm} makes a page of more than 40 megapixels")
    if round(w_mm * px_per_mm) < 2 or round(h_mm * px_per_mm) < 2:
        raise ValueError(f"px_per_mm={px_per_mm} makes a page smaller than 2 x 2 pixels")
    return w_mm, h_mm


def _check_quad(quad: PageQuad) -> np.ndarray:
    c = getattr(quad, "corners", None)
    c = None if c is None else np.asarray(c, np.float64)
    if c is None or c.shape != (4, 2) or not np.isfinite(c).all():
        raise ValueError(f"quad must be a PageQuad with 4 x 2 finite corners, got {quad!r}")
    return c


def page_corners(quad: PageQuad, *, size_mm: tuple[float, float], rotation: int = 0) -> np.ndarray:
    """The capture points (4, 2) that become the page's top-left, top-right, bottom-right
    and bottom-left after ``normalise`` with these arguments (module docstring)."""
    if rotation not in _ROTATIONS:
        raise ValueError(f"rotation must be one of {_ROTATIONS}, got {rotation!r}")
    c = _check_quad(quad)
    w_mm, h_mm = _check_mm(size_mm)
    s = np.linalg.norm(c - np.roll(c, -1, 0), axis=1)
    quad_landscape = s[0] + s[2] >= s[1] + s[3]
    b = 0 if quad_landscape == (w_mm >= h_mm) else 3
    start = (b - rotation // 90) % 4
    return np.roll(c, -start, 0)


def page_homography(
    quad: PageQuad, *, size_mm: tuple[float, float], px_per_mm: float, rotation: int = 0
) -> tuple[np.ndarray, tuple[int, int]]:
    """(3 x 3 page pixels -> capture pixels, (width, height) of the page in pixels).

    Pixel centres are at integers on both sides, so the page's outer corners are at -0.5
    and (size - 0.5), mapped exactly onto the quad's corners.
    """
    w_mm, h_mm = _check_size(size_mm, px_per_mm)
    dst = page_corners(quad, size_mm=(w_mm, h_mm), rotation=rotation)
    pw, ph = round(w_mm * px_per_mm), round(h_mm * px_per_mm)
    if rotation in (90, 270):
        pw, ph = ph, pw
    src = np.array([[-0.5, -0.5], [pw - 0.5, -0.5], [pw - 0.5, ph - 0.5], [-0.5, ph - 0.5]])
    return _homography(src, dst), (pw, ph)


def _homography(src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """The exact homography taking 4 points ``src`` to ``dst`` (float64, normalised)."""

    def norm(p: np.ndarray) -> np.ndarray:
        c, s = p.mean(0), np.abs(p - p.mean(0)).max() or 1.0
        return np.array([[1 / s, 0, -c[0] / s], [0, 1 / s, -c[1] / s], [0, 0, 1]])

    ts, td = norm(src), norm(dst)
    ps = (ts @ np.c_[src, np.ones(4)].T).T[:, :2]
    pd = (td @ np.c_[dst, np.ones(4)].T).T[:, :2]
    a, b = [], []
    for (x, y), (u, v) in zip(ps, pd, strict=True):
        a += [[x, y, 1, 0, 0, 0, -u * x, -u * y], [0, 0, 0, x, y, 1, -v * x, -v * y]]
        b += [u, v]
    try:
        h = np.append(np.linalg.solve(np.array(a), np.array(b)), 1).reshape(3, 3)
    except np.linalg.LinAlgError:
        raise ValueError("quad corners are degenerate (three of them on one line)") from None
    h = np.linalg.inv(td) @ h @ ts
    return h / h[2, 2]


def _check_images(images: Mapping[str, np.ndarray]) -> tuple[int, int]:
    if not isinstance(images, Mapping) or not images:
        raise ValueError("images must be a non-empty mapping light -> image")
    sizes = set()
    for light, img in images.items():
        ok = isinstance(img, np.ndarray) and img.dtype == np.uint8
        ok = ok and (img.ndim == 2 or (img.ndim == 3 and img.shape[2] == 3))
        if not ok:
            got = (img.dtype, img.shape) if isinstance(img, np.ndarray) else type(img)
            raise ValueError(f"images[{light!r}] must be uint8 BGR or grey, got {got}")
        sizes.add(img.shape[:2])
    if len(sizes) != 1:
        raise ValueError(f"images must all have the same height x width, got {sorted(sizes)}")
    return next(iter(sizes))


def normalise(
    images: Mapping[str, np.ndarray],
    quad: PageQuad,
    *,
    size_mm: tuple[float, float],
    px_per_mm: float,
    rotation: int = 0,
) -> NormalisedPage:
    """Warp every light of a capture set to the upright page (see the module docstring).

    ``images``: light -> capture (BGR uint8; infrared may be grey and stays grey), all of one
    size. ``size_mm``: the document's (width, height); ``px_per_mm``: the page resolution
    wanted. Returns the page images, the per-light ``valid`` masks (page pixels that came
    from inside the capture frame), the white-light ``glare`` mask, the homography page ->
    capture and the capture's ``Quality``. The inputs are not modified.
    """
    h, w = _check_images(images)
    hom, (pw, ph) = page_homography(quad, size_mm=size_mm, px_per_mm=px_per_mm, rotation=rotation)
    corners = _check_quad(quad)
    capture_k = capture_px_per_mm(corners, size_mm)
    # Shrinking a sharp capture without a low-pass would alias fine print (guilloche) into
    # moire that a pattern check would then report; blur only the page's bounding box.
    sigma = (capture_k / px_per_mm - 1) / 2
    x0, y0 = np.maximum(np.floor(corners.min(0)).astype(int) - 4, 0)
    x1, y1 = np.minimum(np.ceil(corners.max(0)).astype(int) + 5, (w, h))
    shift = np.array([[1, 0, -x0], [0, 1, -y0], [0, 0, 1]], np.float64)
    m = shift @ hom
    out: dict[str, np.ndarray] = {}
    for light, img in images.items():
        src = img[y0:y1, x0:x1] if x1 > x0 and y1 > y0 else img[:1, :1]
        if sigma >= 0.2:
            src = cv2.GaussianBlur(src, (0, 0), sigma)
        page = cv2.warpPerspective(src, m, (pw, ph), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                                   borderMode=cv2.BORDER_CONSTANT, borderValue=0)  # fmt: skip
        page.setflags(write=False)
        out[light] = page
    valid = _valid(hom, (w, h), (pw, ph))
    white = out.get("white")
    glare = (
        glare_mask(white, valid=valid, px_per_mm=px_per_mm)
        if white is not None
        else (np.zeros((ph, pw), bool))
    )
    glare.setflags(write=False)
    quality = measure_quality(images, quad, size_mm=size_mm, px_per_mm=px_per_mm,
                              page_images=out, glare=glare, valid=valid)  # fmt: skip
    out_mm = (float(size_mm[0]), float(size_mm[1]))
    if rotation in (90, 270):
        out_mm = out_mm[::-1]
    hh = np.array(hom, np.float64)
    hh.setflags(write=False)
    return NormalisedPage(
        images=MappingProxyType(out),
        valid=MappingProxyType(dict.fromkeys(out, valid)),
        glare=glare,
        px_per_mm=float(px_per_mm),
        size_mm=out_mm,
        homography=hh,
        quality=quality,
    )


def _valid(hom: np.ndarray, frame: tuple[int, int], page: tuple[int, int]) -> np.ndarray:
    """Page pixels whose centre maps inside the capture frame (read-only bool mask)."""
    w, h = frame
    pw, ph = page
    inside = np.full((h, w), 255, np.uint8)
    flags = cv2.INTER_NEAREST | cv2.WARP_INVERSE_MAP
    mask = cv2.warpPerspective(inside, hom, (pw, ph), flags=flags,
                               borderMode=cv2.BORDER_CONSTANT, borderValue=0)  # fmt: skip
    valid = mask > 0
    valid.setflags(write=False)
    return valid
