"""Image-formation effects shared by the capture levels (pure functions of their inputs).

Why a module of its own: each effect is written once for speed (saturating uint8 OpenCV
arithmetic, maps computed at low resolution) and every one draws only from the generator
it is given, which keeps captures byte-identical for a seed.
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np


def rotation(deg: float, centre: np.ndarray) -> np.ndarray:
    t = np.deg2rad(deg)
    c, s = np.cos(t), np.sin(t)
    m = np.array([[c, -s, 0], [s, c, 0], [0, 0, 1.0]])
    a, b = np.eye(3), np.eye(3)
    a[:2, 2], b[:2, 2] = centre, -centre
    return a @ m @ b


def jpeg(img: np.ndarray, q: int) -> tuple[np.ndarray, bytes]:
    """JPEG-compress at quality ``q``: (the decoded pixels, the file bytes they come from)."""
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, int(q)])
    if not ok:
        raise RuntimeError("OpenCV could not encode a JPEG")
    return cv2.imdecode(buf, cv2.IMREAD_COLOR), buf.tobytes()


def noise(img: np.ndarray, rng: np.random.Generator, sigma: float) -> np.ndarray:
    """Add luminance noise of standard deviation about ``sigma``.

    Generated at half resolution (so spatially correlated, like demosaiced sensor noise) as
    the difference of two uniform uint8 fields (a triangular distribution, close enough to
    a Gaussian), and applied with saturating uint8 add/subtract: fast at 5 megapixels.
    """
    h, w = img.shape[:2]
    # std of U1-U2 with U uniform on 0..r is about r/sqrt(6); x1.6 for bilinear upsampling.
    r = max(1, round(sigma * 1.6 * 6**0.5))
    size = (max(2, h // 2), max(2, w // 2))
    u1 = rng.integers(0, r + 1, size, dtype=np.uint8)
    u2 = rng.integers(0, r + 1, size, dtype=np.uint8)
    pos = cv2.resize(cv2.subtract(u1, u2), (w, h), interpolation=cv2.INTER_LINEAR)
    neg = cv2.resize(cv2.subtract(u2, u1), (w, h), interpolation=cv2.INTER_LINEAR)
    out = cv2.add(img, cv2.cvtColor(pos, cv2.COLOR_GRAY2BGR))
    return cv2.subtract(out, cv2.cvtColor(neg, cv2.COLOR_GRAY2BGR))


def warp_onto(page: np.ndarray, h: np.ndarray, out: np.ndarray, corners: np.ndarray) -> None:
    """Warp ``page`` by ``h`` onto ``out`` in place, touching only the page's bounding box."""
    fh, fw = out.shape[:2]
    x0, y0 = np.maximum(np.floor(corners.min(0)).astype(int) - 1, 0)
    x1, y1 = np.minimum(np.ceil(corners.max(0)).astype(int) + 2, (fw, fh))
    t = np.array([[1, 0, -x0], [0, 1, -y0], [0, 0, 1]], np.float64)
    roi = out[y0:y1, x0:x1]
    cv2.warpPerspective(page, t @ h, (x1 - x0, y1 - y0), dst=roi, flags=cv2.INTER_LINEAR,
                        borderMode=cv2.BORDER_TRANSPARENT)  # fmt: skip


def blur(
    img: np.ndarray, rng: np.random.Generator, sig: tuple[float, float], mot: tuple[int, int]
) -> tuple[np.ndarray, dict[str, Any]]:
    if rng.random() < 0.7:
        s = float(rng.uniform(*sig))
        return cv2.GaussianBlur(img, (0, 0), s), {"blur": "gaussian", "blur_sigma": round(s, 3)}
    n = int(rng.integers(mot[0], mot[1] + 1))
    ang = float(rng.uniform(0, 180))
    ker = np.zeros((n + 2, n + 2), np.float32)
    c = (n + 1) / 2
    d = np.array([np.cos(np.deg2rad(ang)), np.sin(np.deg2rad(ang))]) * n / 2
    cv2.line(ker, (round((c - d[0]) * 16), round((c - d[1]) * 16)),
             (round((c + d[0]) * 16), round((c + d[1]) * 16)), 1.0, 1, cv2.LINE_AA, 4)  # fmt: skip
    ker /= ker.sum()
    return cv2.filter2D(img, -1, ker), {"blur": "motion", "motion_px": n, "motion_deg": ang}


def map_points(h: np.ndarray, pts: np.ndarray) -> np.ndarray:
    shp = pts.shape
    return cv2.perspectiveTransform(pts.reshape(-1, 1, 2).astype(np.float64), h).reshape(shp)


def glare_centre(
    rng: np.random.Generator, quad: np.ndarray, page_pts: np.ndarray, touch: bool, r: float
) -> np.ndarray:
    if touch:  # just outside the MRZ, above/below or at one end, so it covers part of it
        t = rng.uniform(0, 1)
        edge = int(rng.integers(4))
        a, b = quad[edge], quad[(edge + 1) % 4]
        p = a + t * (b - a)
        out = p - quad.mean(0)
        return p + out / (np.linalg.norm(out) + 1e-9) * r * rng.uniform(0.3, 0.8)
    w = rng.dirichlet(np.ones(4))
    return w @ page_pts


def light(
    out: np.ndarray,
    rng: np.random.Generator,
    ranges: Any,  # a degrade.CameraModel (gain, ramp, glare ranges)
    touch_p: float,
    k: float,
    quad: np.ndarray,
    page_pts: np.ndarray,
) -> dict[str, Any]:
    """Illumination ramp, vignetting, white balance and a glare spot, in place.

    Maps are built at 1/8 resolution and applied with saturating uint8 multiply/add.
    """
    fh, fw = out.shape[:2]
    sw, sh = max(2, fw // 8), max(2, fh // 8)
    yy, xx = np.mgrid[0:sh, 0:sw].astype(np.float32)
    ang = rng.uniform(0, 2 * np.pi)
    u = (xx / sw - 0.5) * np.cos(ang) + (yy / sh - 0.5) * np.sin(ang)
    g0, ramp = float(rng.uniform(*ranges.gain)), float(rng.uniform(*ranges.ramp))
    vig = float(rng.uniform(0.0, 0.25))
    gain = g0 + ramp * u - vig * ((xx / sw - 0.5) ** 2 + (yy / sh - 0.5) ** 2)
    touch = touch_p > 0 and bool(rng.random() < touch_p)
    radius = float(rng.uniform(8, 25)) * k
    gc = glare_centre(rng, quad, page_pts, touch, radius)
    strength = float(rng.uniform(*ranges.glare))
    d2 = ((xx + 0.5) * fw / sw - gc[0]) ** 2 + ((yy + 0.5) * fh / sh - gc[1]) ** 2
    a = strength * np.exp(-d2 / (2 * radius**2))
    wb = rng.uniform(0.92, 1.08, 3)
    mul = np.clip((gain * (1 - a))[..., None] * wb * 128, 0, 255).astype(np.uint8)
    add = np.clip(255 * a, 0, 255).astype(np.uint8)
    mul = cv2.resize(mul, (fw, fh), interpolation=cv2.INTER_LINEAR)
    add = cv2.cvtColor(
        cv2.resize(add, (fw, fh), interpolation=cv2.INTER_LINEAR), cv2.COLOR_GRAY2BGR
    )
    cv2.multiply(out, mul, dst=out, scale=1 / 128)
    cv2.add(out, add, dst=out)
    return dict(gain=round(g0, 3), ramp=round(ramp, 3), vignette=round(vig, 3),
                glare_strength=round(strength, 3), glare_radius_px=round(radius, 1),
                glare_centre=[round(float(v), 1) for v in gc], glare_touches_mrz=touch,
                white_balance=[round(float(v), 3) for v in wb])  # fmt: skip
