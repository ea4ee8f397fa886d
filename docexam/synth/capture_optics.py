"""Image formation for ``capture``: pose geometry, backgrounds, shading, blur, noise, files.

Why a module of its own: ``capture`` decides the geometry and the parameter ranges; the
steps here are pure functions of their inputs (any randomness comes from the generator they
are given) and work on both BGR and single-channel (infrared) images, which the MRZ-only
helpers in ``effects`` do not. Every step keeps the homography exact: blurs use kernels
centred on a pixel and shading never moves content, so a page landmark stays where the
homography says it is under every light.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from typing import Any

import cv2
import numpy as np

from docexam.synth import effects as fx

LIGHTS: tuple[str, ...] = ("white", "uv365", "uv254", "ir870", "ir950", "coaxial")
# Light kind: visible ("vis"), ultraviolet ("uv", BGR, mostly dark) or infrared ("ir", grey).
KIND: dict[str, str] = {"white": "vis", "coaxial": "vis", "uv365": "uv", "uv254": "uv",
                        "ir870": "ir", "ir950": "ir"}  # fmt: skip

# How a visible-light background looks under the other lights, as a function of its grey
# level L (0..1): under UV most surfaces are dark violet and only bright paper (optical
# brighteners) glows bluish; under IR most dyes turn transparent, so everything is a lighter,
# flatter grey.
_L = np.linspace(0.0, 1.0, 256)
_UV_LUT = [np.clip(255 * f * _L**2, 0, 255).astype(np.uint8) for f in (0.34, 0.1, 0.24)]
_IR_LUT = np.clip(35 + 200 * _L, 0, 255).astype(np.uint8)


def edges(pw: float, ph: float) -> np.ndarray:
    """The outer corners TL, TR, BR, BL of a ``pw`` x ``ph`` image (pixel centres at integers)."""
    return np.array([[-0.5, -0.5], [pw - 0.5, -0.5], [pw - 0.5, ph - 0.5], [-0.5, ph - 0.5]])


def homography(src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """The exact homography taking 4 points ``src`` to ``dst`` (float64, normalised solve)."""

    def norm(p: np.ndarray) -> np.ndarray:
        c, s = p.mean(0), np.abs(p - p.mean(0)).max() or 1.0
        return np.array([[1 / s, 0, -c[0] / s], [0, 1 / s, -c[1] / s], [0, 0, 1]])

    ts, td = norm(src), norm(dst)
    a, b = [], []
    for (x, y), (u, v) in zip(fx.map_points(ts, src), fx.map_points(td, dst), strict=True):
        a += [[x, y, 1, 0, 0, 0, -u * x, -u * y], [0, 0, 0, x, y, 1, -v * x, -v * y]]
        b += [u, v]
    h = np.append(np.linalg.solve(np.array(a), np.array(b)), 1).reshape(3, 3)
    h = np.linalg.inv(td) @ h @ ts
    return h / h[2, 2]


def tilted_quad(
    rng: np.random.Generator, pw: int, ph: int, persp: float, angle: float
) -> tuple[np.ndarray, dict[str, Any]]:
    """Page outline in perspective and rotated, centred on 0, in page pixels.

    A real camera tilt is a keystone (the near side grows, the far side shrinks), so most of
    the corner displacement ``persp`` (fraction of the page size) is one projective tilt in a
    random direction; a quarter of it is added as independent corner jitter (lens, page bend).
    """
    n = edges(pw, ph) / [pw, ph] - edges(pw, ph).mean(0) / [pw, ph]  # corners at +-0.5
    phi = float(rng.uniform(0, 2 * np.pi))
    g = np.array([np.cos(phi), np.sin(phi)])
    m = 0.5 * np.abs(g).sum()
    x = 2 * persp / (1 + 2 * persp)  # near corners then move by exactly ``persp``
    q = n / (1 + (x / m) * (n @ g))[:, None]
    q = (q + rng.uniform(-persp / 4, persp / 4, (4, 2))) * [pw, ph]
    q = fx.map_points(fx.rotation(angle, np.zeros(2)), q)
    return q, {"perspective": r(persp, 4), "tilt_direction_deg": r(np.rad2deg(phi), 1)}


def frame_4x3(bbox: np.ndarray, long_px: float) -> tuple[int, int]:
    """A 4:3 frame of long side ``long_px`` oriented like ``bbox`` (width, height)."""
    long_, short = round(long_px), round(long_px * 0.75)
    return (long_, short) if bbox[0] >= bbox[1] else (short, long_)


def r(x: float, n: int = 3) -> float:
    """A plain rounded float for the JSON parameter record."""
    return round(float(x), n)


def background(vis: np.ndarray, kind: str) -> np.ndarray:
    """The visible-light background ``vis`` (BGR) as it would look under a ``kind`` light."""
    if kind == "vis":
        return vis.copy()
    grey = cv2.cvtColor(vis, cv2.COLOR_BGR2GRAY)
    if kind == "ir":
        return cv2.LUT(grey, _IR_LUT)
    return cv2.merge([cv2.LUT(grey, lut) for lut in _UV_LUT])


def antialias(page: np.ndarray, scale: float) -> np.ndarray:
    """Low-pass a page before it is shrunk by ``scale`` (< 1) so the warp does not alias."""
    sigma = (1 / scale - 1) / 2  # the usual choice (as in skimage.transform.rescale)
    return cv2.GaussianBlur(page, (0, 0), sigma) if sigma >= 0.2 else page


def place(page: np.ndarray, h: np.ndarray, bg: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """A copy of ``bg`` with ``page`` warped onto it by ``h`` (``quad``: the page's outline)."""
    out = bg.copy()
    fx.warp_onto(page, h, out, quad)
    return out


def shade(
    img: np.ndarray,
    *,
    gain: float,
    ramp: float = 0.0,
    ramp_deg: float = 0.0,
    vignette: float = 0.0,
    channel_gain: tuple[float, float, float] | None = None,
    beam: tuple[float, float, float, float] | None = None,
) -> np.ndarray:
    """Multiply ``img`` by a smooth illumination field (returns a new image).

    gain: overall exposure; ramp: linear fall-off across the frame (peak to peak, direction
    ``ramp_deg``); vignette: relative darkening in the frame corners (quadratic in the
    radius); channel_gain: per-channel white balance / colour cast (BGR images only); beam:
    (x, y, sigma, depth) in pixels, a torch's gaussian beam, 1 - depth far from its centre.
    The field is computed at 1/8 resolution and applied as a saturating uint8 multiply.
    """
    fh, fw = img.shape[:2]
    sw, sh = max(2, fw // 8), max(2, fh // 8)
    yy, xx = np.mgrid[0:sh, 0:sw].astype(np.float32)
    u, v = (xx + 0.5) / sw - 0.5, (yy + 0.5) / sh - 0.5
    t = np.deg2rad(ramp_deg)
    g = gain * (1 + ramp * (u * np.cos(t) + v * np.sin(t)) - vignette * 2 * (u**2 + v**2))
    if beam is not None:
        bx, by, bs, depth = beam
        d2 = ((xx + 0.5) * fw / sw - bx) ** 2 + ((yy + 0.5) * fh / sh - by) ** 2
        g = g * (1 - depth + depth * np.exp(-d2 / (2 * bs**2)))
    if img.ndim == 3:
        cg = np.ones(3) if channel_gain is None else np.asarray(channel_gain)
        g = g[..., None] * cg.astype(np.float32)
    mul = cv2.resize(np.clip(g * 128, 0, 255).astype(np.uint8), (fw, fh),
                     interpolation=cv2.INTER_LINEAR)  # fmt: skip
    return cv2.multiply(img, mul, scale=1 / 128)


def offset(img: np.ndarray, gain: float, beta: float) -> np.ndarray:
    """Scanner-style linear response: ``gain * img + beta``, saturated to uint8."""
    return cv2.convertScaleAbs(img, alpha=gain, beta=beta)


def gaussian(img: np.ndarray, sigma: float) -> np.ndarray:
    return cv2.GaussianBlur(img, (0, 0), sigma) if sigma > 0.05 else img


def motion(img: np.ndarray, length: int, deg: float) -> np.ndarray:
    """Linear motion blur of ``length`` px at ``deg``.

    Unlike ``effects.blur`` the kernel has odd size with the stroke centred on its anchor
    pixel, so the blur does not shift the image by half a pixel for even lengths.
    """
    half = int(np.ceil(length / 2)) + 1
    ker = np.zeros((2 * half + 1, 2 * half + 1), np.float32)
    d = np.array([np.cos(np.deg2rad(deg)), np.sin(np.deg2rad(deg))]) * length / 2
    p0, p1 = (np.round((half + s * d) * 16).astype(int) for s in (-1, 1))
    cv2.line(ker, tuple(map(int, p0)), tuple(map(int, p1)), 1.0, 1, cv2.LINE_AA, 4)
    ker = (ker + ker[::-1, ::-1]) / 2  # exactly symmetric: the centroid stays put
    return cv2.filter2D(img, -1, ker / ker.sum())


def noise(
    img: np.ndarray, rng: np.random.Generator, sigma: float, chroma: float = 0.0
) -> np.ndarray:
    """Luminance noise of std about ``sigma`` (for BGR: ``effects.noise`` itself), plus, when
    ``chroma`` > 0, independent noise of std about ``chroma * sigma`` per colour channel made
    at quarter resolution: the blotchy colour speckle of a demosaiced sensor in low light."""
    if img.ndim == 2:
        return _grey_noise(img, rng, sigma)
    out = fx.noise(img, rng, sigma)
    if chroma <= 0:
        return out
    h, w = img.shape[:2]
    rr = max(1, round(chroma * sigma * 1.4 * 6**0.5))  # measured: std ~ chroma * sigma
    size = (max(2, h // 4), max(2, w // 4), 3)
    u1 = rng.integers(0, rr + 1, size, dtype=np.uint8)
    u2 = rng.integers(0, rr + 1, size, dtype=np.uint8)
    pos = cv2.resize(cv2.subtract(u1, u2), (w, h), interpolation=cv2.INTER_LINEAR)
    neg = cv2.resize(cv2.subtract(u2, u1), (w, h), interpolation=cv2.INTER_LINEAR)
    return cv2.subtract(cv2.add(out, pos), neg)


def _grey_noise(img: np.ndarray, rng: np.random.Generator, sigma: float) -> np.ndarray:
    """``effects.noise`` for one channel (same recipe: half resolution, triangular)."""
    h, w = img.shape
    rr = max(1, round(sigma * 1.6 * 6**0.5))
    size = (max(2, h // 2), max(2, w // 2))
    u1 = rng.integers(0, rr + 1, size, dtype=np.uint8)
    u2 = rng.integers(0, rr + 1, size, dtype=np.uint8)
    pos = cv2.resize(cv2.subtract(u1, u2), (w, h), interpolation=cv2.INTER_LINEAR)
    neg = cv2.resize(cv2.subtract(u2, u1), (w, h), interpolation=cv2.INTER_LINEAR)
    return cv2.subtract(cv2.add(img, pos), neg)


def encode(img: np.ndarray, fmt: str, quality: int | None) -> tuple[np.ndarray, bytes | None]:
    """Finish ``img`` as a file: JPEG -> (the decoded pixels, the file bytes they come from);
    PNG -> (``img``, None): lossless files are encoded later, only when asked (``Files``)."""
    if fmt != "jpeg":
        return img, None
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, int(quality or 90)])
    if not ok:
        raise RuntimeError("OpenCV could not encode a JPEG")
    return cv2.imdecode(buf, cv2.IMREAD_UNCHANGED), buf.tobytes()


def png(img: np.ndarray) -> bytes:
    """Lossless PNG bytes of ``img``: fast zlib level 1 with the 'up' filter (measured the
    best size/time trade-off here on noisy scans; a 9-megapixel page still takes ~0.2 s)."""
    opts = [cv2.IMWRITE_PNG_COMPRESSION, 1, cv2.IMWRITE_PNG_FILTER, cv2.IMWRITE_PNG_FILTER_UP]
    ok, buf = cv2.imencode(".png", img, opts)
    if not ok:
        raise RuntimeError("OpenCV could not encode a PNG")
    return buf.tobytes()


class Files(Mapping[str, tuple[str, bytes]]):
    """light -> (extension, file bytes), read-only.

    JPEG entries are the very bytes the image was decoded from; PNG entries are encoded on
    first access and cached (PNG encoding of a noisy 600 dpi page costs more than the whole
    simulation, and a caller that only looks at the pixels should not pay for it).
    """

    def __init__(self, images: Mapping[str, np.ndarray], jpegs: Mapping[str, bytes | None]):
        self._images = dict(images)
        self._files = {lt: (".jpg", b) for lt, b in jpegs.items() if b is not None}
        self._lock = threading.Lock()

    def __getitem__(self, light: str) -> tuple[str, bytes]:
        with self._lock:
            if light not in self._files:
                self._files[light] = (".png", png(self._images[light]))
            return self._files[light]

    def __iter__(self) -> Iterator[str]:
        return iter(self._images)

    def __len__(self) -> int:
        return len(self._images)


def jpeg_q(rng: np.random.Generator, lo: int, hi: int) -> dict[str, Any]:
    """Draw a JPEG quality in lo..hi (inclusive) as a parameter record."""
    return {"format": "jpeg", "jpeg_quality": int(rng.integers(lo, hi + 1))}
