"""Turn a rendered page into a capture: flatbed scan, camera photo, or a hard photo.

Why: the reader must be scored on what officers actually feed it, and every geometric step
here is one homography from page pixels to image pixels, so the MRZ quadrilateral and each
character cell are known exactly in the final image.

Levels and parameter ranges (uniform unless stated; "k" is pixels per mm):
- "scan" (flatbed): 300 dpi with p=0.7, else one of 150, 200, 400, 600 dpi; MRZ character
  height = 2.2-2.4 mm at that dpi (26-28 px at 300 dpi, 13-14 px at 150). Scanner bed white
  (245-255) or grey (170-225), margins 3-25 mm per side; rotation +-3 deg, plus 90/180/270
  with p=0.2 (document put in the wrong way); optics blur sigma 0.3-0.8 px (x dpi/300, at
  least 0.3); gain 0.93-1.05, offset +-8; noise sigma 1-4; PNG (p=0.4) or JPEG q 80-95.
- "photo" (booth camera / phone): MRZ character height 20-40 px (the page is scaled so the
  mean over the MRZ hits the drawn value; single characters vary about +-10% with
  perspective); perspective: each page corner moved by up to 0-7% of the page size; rotation
  +-15 deg (p=0.5), upside down 165-195 deg (p=0.15) or anywhere 0-360 deg (p=0.35); frame =
  page bounding box plus 2-12% of the page's long side on each side; desk background
  (wood, fabric, dark, office) with 3-7 objects placed mostly outside the page (printed
  sheets with text rows, 25% of them with monospaced MRZ-like rows containing '<', ruled
  paper, pens, coins, barcodes) and a soft page shadow; illumination gain 0.75-1.05 with a
  0.1-0.35 linear ramp and vignetting 0-0.25; white balance 0.92-1.08 per channel; one glare
  spot of strength 0.25-0.5 (blend towards white) and radius 8-25 mm, anywhere on the page;
  blur: gaussian sigma 0.4-1.1 px (p=0.7) or motion 2-5 px; sensor noise sigma 2-6
  (generated at half resolution, so spatially correlated like demosaiced noise); JPEG q 70-90.
- "hard": character height 12-18 px; perspective 4-13% per corner; rotation as for photo;
  2-6 objects; gain 0.7-1.0, ramp 0.15-0.4; glare strength 0.35-0.55, and with p=0.5 its
  centre sits just outside the MRZ so it covers part of it (the peak never exceeds 0.55, so
  ink keeps at least 45% of its contrast); blur gaussian sigma 0.5-0.9 px (p=0.7) or
  motion 2-3 px; noise sigma 4-9; JPEG q 30-60. Hard samples were checked by eye at the
  worst parameter combinations: every character stays humanly readable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

from docexam.synth import clutter
from docexam.synth import effects as fx
from docexam.synth.render import RenderedPage

LEVELS: tuple[str, ...] = ("scan", "photo", "hard")


@dataclass(frozen=True)
class CameraModel:
    """Parameter ranges (lo, hi) of a camera level; see the module docstring."""

    char_px: tuple[float, float]
    perspective: tuple[float, float]
    objects: tuple[int, int]  # hi exclusive
    gain: tuple[float, float]
    ramp: tuple[float, float]
    glare: tuple[float, float]
    blur_sigma: tuple[float, float]
    motion_px: tuple[int, int]
    noise: tuple[float, float]
    jpeg: tuple[int, int]


CAMERA: dict[str, CameraModel] = {
    "photo": CameraModel(
        char_px=(20, 40), perspective=(0.0, 0.07), objects=(3, 8), gain=(0.75, 1.05),
        ramp=(0.1, 0.35), glare=(0.25, 0.5), blur_sigma=(0.4, 1.1), motion_px=(2, 5),
        noise=(2, 6), jpeg=(70, 90),
    ),
    "hard": CameraModel(
        char_px=(12, 18), perspective=(0.04, 0.13), objects=(2, 7), gain=(0.7, 1.0),
        ramp=(0.15, 0.4), glare=(0.35, 0.55), blur_sigma=(0.5, 0.9), motion_px=(2, 3),
        noise=(4, 9), jpeg=(30, 60),
    ),
}  # fmt: skip


@dataclass(frozen=True, eq=False)
class Degraded:
    image: np.ndarray
    mrz_quad: np.ndarray  # 4x2, TL TR BR BL in reading orientation
    char_quads: np.ndarray  # (lines, chars, 4, 2)
    params: dict[str, Any]
    jpeg_bytes: bytes | None = None  # the JPEG file whose decoding is ``image``


def check_level(level: str) -> None:
    """Raise ValueError naming ``level`` when it is not one of LEVELS."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, got {level!r}")


def page_scale(level: str, rng: np.random.Generator, char_height_mm: float) -> dict[str, Any]:
    """Pixels per mm at which to render the page for ``level`` (plus what was chosen)."""
    check_level(level)
    if level == "scan":
        dpi = 300 if rng.random() < 0.7 else int(rng.choice([150, 200, 400, 600]))
        return {"dpi": dpi, "px_per_mm": dpi / 25.4}
    lo, hi = CAMERA[level].char_px
    ch_px = float(rng.uniform(lo, hi))
    return {"nominal_char_height_px": round(ch_px, 2), "px_per_mm": ch_px / char_height_mm}


def _finish(
    page: RenderedPage,
    h: np.ndarray,
    image: np.ndarray,
    params: dict[str, Any],
    jpeg_bytes: bytes | None,
) -> Degraded:
    """Map the truth (MRZ quad, every cell) through ``h`` and record the achieved sizes."""
    b = page.char_boxes
    cells = np.stack([b[..., [0, 1]], b[..., [2, 1]], b[..., [2, 3]], b[..., [0, 3]]], axis=-2)
    cq = fx.map_points(h, cells)
    heights = (
        np.linalg.norm((cq[..., 3, :] + cq[..., 2, :]) - (cq[..., 0, :] + cq[..., 1, :]), axis=-1)
        / 2
    )
    params["char_height_px"] = round(float(heights.mean()), 2)
    params["char_height_px_range"] = [
        round(float(heights.min()), 2),
        round(float(heights.max()), 2),
    ]
    params["image_size"] = [int(image.shape[1]), int(image.shape[0])]
    return Degraded(image, fx.map_points(h, page.mrz_quad), cq, params, jpeg_bytes)


def scan(page: RenderedPage, rng: np.random.Generator, params: dict[str, Any]) -> Degraded:
    """A flatbed scan: page on the scanner glass, slightly rotated, mild noise."""
    k = page.px_per_mm
    ph, pw = page.image.shape[:2]
    quarter = int(rng.choice([90, 180, 270])) if rng.random() < 0.2 else 0
    angle = float(rng.uniform(-3, 3)) + quarter
    h = fx.rotation(angle, np.array([pw / 2, ph / 2]))
    corners = fx.map_points(h, np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], np.float64))
    ml, mt, mr, mb = rng.uniform(3, 25, 4) * k
    h[:2, 2] += np.array([ml, mt]) - corners.min(0)
    w_out = int(np.ceil(np.ptp(corners[:, 0]) + ml + mr))
    h_out = int(np.ceil(np.ptp(corners[:, 1]) + mt + mb))
    bed = int(rng.integers(245, 256)) if rng.random() < 0.6 else int(rng.integers(170, 226))
    out = np.full((h_out, w_out, 3), bed, np.uint8)
    cv2.warpPerspective(page.image, h, (w_out, h_out), dst=out, flags=cv2.INTER_LINEAR,
                        borderMode=cv2.BORDER_TRANSPARENT)  # fmt: skip
    sigma = max(0.3, float(rng.uniform(0.3, 0.8)) * k / (300 / 25.4))
    out = cv2.GaussianBlur(out, (0, 0), sigma)
    gain, offset = float(rng.uniform(0.93, 1.05)), float(rng.uniform(-8, 8))
    out = cv2.convertScaleAbs(out, alpha=gain, beta=offset)
    noise = float(rng.uniform(1, 4))
    out = fx.noise(out, rng, noise)
    fmt = "png" if rng.random() < 0.4 else "jpeg"
    q = int(rng.integers(80, 96)) if fmt == "jpeg" else None
    data = None
    if q is not None:
        out, data = fx.jpeg(out, q)
    params.update(rotation_deg=round(angle, 3), quarter_turn=quarter, bed_grey=bed,
                  blur="gaussian", blur_sigma=round(sigma, 3), gain=round(gain, 3),
                  offset=round(offset, 2), noise_sigma=round(noise, 2), format=fmt,
                  jpeg_quality=q)  # fmt: skip
    return _finish(page, h, out, params, data)


def _angle(rng: np.random.Generator) -> float:
    """Rotation: 50% near upright (+-15 deg), 15% near upside down, 35% anywhere."""
    r = rng.random()
    if r < 0.5:
        return float(rng.uniform(-15, 15)) % 360
    if r < 0.65:
        return float(rng.uniform(165, 195))
    return float(rng.uniform(0, 360))


def photo(
    page: RenderedPage, rng: np.random.Generator, params: dict[str, Any], level: str
) -> Degraded:
    """A camera capture (``level`` 'photo' or 'hard'): desk, perspective, light, blur, noise."""
    cam = CAMERA[level]
    k = page.px_per_mm
    ph, pw = page.image.shape[:2]
    src = np.array([[0, 0], [pw, 0], [pw, ph], [0, ph]], np.float64)
    persp = float(rng.uniform(*cam.perspective))
    dst = src + rng.uniform(-persp, persp, (4, 2)) * [pw, ph]
    angle = _angle(rng)
    dst = fx.map_points(fx.rotation(angle, dst.mean(0)), dst)
    # Rescale so that the mean MRZ character height is the nominal one despite perspective.
    h0 = cv2.getPerspectiveTransform(src.astype(np.float32), dst.astype(np.float32))
    b = page.char_boxes
    mid_x = (b[..., 0] + b[..., 2]) / 2
    tops = fx.map_points(h0.astype(np.float64), np.stack([mid_x, b[..., 1]], -1))
    bots = fx.map_points(h0.astype(np.float64), np.stack([mid_x, b[..., 3]], -1))
    dst *= (b[..., 3] - b[..., 1]).mean() / np.linalg.norm(bots - tops, axis=-1).mean()
    margins = rng.uniform(0.02, 0.12, 4) * max(pw, ph)  # left, top, right, bottom
    dst += margins[:2] - dst.min(0)
    fw, fh = (int(np.ceil(v)) for v in dst.max(0) + margins[2:])
    h = cv2.getPerspectiveTransform(src.astype(np.float32), dst.astype(np.float32))
    h = h.astype(np.float64)

    sw, sh = clutter.small_size(fw, fh)
    sm = np.zeros((sh, sw), np.float32)
    off = rng.uniform(-2, 2, 2) * k
    cv2.fillConvexPoly(sm, np.round((dst + off) * (sw / fw)).astype(np.int32), 1.0)
    sm = 1 - float(rng.uniform(0.2, 0.4)) * cv2.GaussianBlur(
        sm, (0, 0), max(1.0, 1.5 * k * sw / fw)
    )
    out, kind = clutter.desk(rng, fw, fh, shade=sm)
    avoid = dst.astype(np.float32).reshape(-1, 1, 2)
    counts = clutter.scatter(out, rng, k, int(rng.integers(*cam.objects)), avoid)
    fx.warp_onto(page.image, h, out, dst)
    touch_p = 0.5 if level == "hard" else 0.0  # glare partly over the MRZ: hard only
    lparams = fx.light(out, rng, cam, touch_p, k, fx.map_points(h, page.mrz_quad), dst)
    out, bparams = fx.blur(out, rng, cam.blur_sigma, cam.motion_px)
    noise = float(rng.uniform(*cam.noise))
    out = fx.noise(out, rng, noise)
    q = int(rng.integers(cam.jpeg[0], cam.jpeg[1] + 1))
    out, data = fx.jpeg(out, q)
    params.update(rotation_deg=round(angle, 3), perspective=round(persp, 4), background=kind,
                  objects=counts, noise_sigma=round(noise, 2), format="jpeg", jpeg_quality=q,
                  **lparams, **bparams)  # fmt: skip
    return _finish(page, h, out, params, data)


def degrade(
    page: RenderedPage, level: str, rng: np.random.Generator, params: dict[str, Any]
) -> Degraded:
    """Apply ``level``'s capture model to ``page``; ``params`` is extended with the choices."""
    check_level(level)
    if level == "scan":
        return scan(page, rng, params)
    return photo(page, rng, params, level)
