"""How a capture device sees a rendered multi-light page: scanner, booth camera or phone.

Why: the examination engine compares captures of a document under white, UV and IR light
with a reference, so it must be tested on what devices deliver: the page placed somewhere
in a larger frame, rotated, in perspective, unevenly lit, blurred, noisy and compressed. A
reader or scanner illuminates the same placed document with each light in turn, so one
capture has ONE geometry for all its lights (one homography page -> image, one frame size);
only the photometry differs per light. The phone is treated the same way for simplicity.

Conventions: pixel centres sit at integer coordinates (OpenCV's), so the page's outer
corners are at (-0.5, -0.5) and (w - 0.5, h - 0.5); ``Capture.page_quad`` maps those.
Determinism: the geometry and the shared choices come from ``default_rng([seed, mode
index])`` (so two modes of one seed are not correlated); each light then draws from its own
stream spawned from it (one per name in LIGHTS), so a light's image does not depend on
which other lights were given, and the lights can be finished in parallel threads.

Modes and parameter ranges (uniform unless stated; "k" is the frame's pixels per mm):
- "none": the page as given (identity homography), PNG, no degradation.
- "scan" (multi-light full-page document scanner, lid closed): 300 dpi (p=0.6) else one of
  400, 600, 200 dpi (page resampled to it, low-passed first when shrunk); margins 3-15 mm
  per side; lid white (235-255, p=0.6) or grey (170-225), seen under UV as a dark violet
  (x0.16/0.06/0.12 B/G/R) and under IR as x0.9 grey; rotation +-2.5 deg; optics blur
  sigma 0.4-0.7 px (same for all lights, IR +0.3 for the focus shift); PNG (p=0.5) or JPEG
  q 85-95 for all lights. White: gain 0.93-1.05, offset +-8, noise sigma 1-3. UV: gain
  0.7-0.9, offset -6..2, blue cast B x1.04-1.12, G x0.90-0.98, R x0.94-1.0, noise 3-6.
  IR: gain 0.92-1.05, offset +-6, noise 2-4.
- "camera" (booth document camera above the reader glass, 4:3 sensor): page long side
  1600-2200 px; perspective: corners moved by up to 0-3% of the page size (a keystone
  tilt in a random direction plus a quarter of that as independent jitter); rotation
  +-4 deg; page bounding box fills 70-90% of the frame's long side; dark window background
  grey 10-35 (x0.5/0.15/0.35 B/G/R under UV). White: gain 0.88-1.05, light ramp 0.05-0.2
  (random direction), vignetting 0.1-0.3 (relative darkening in the frame corners), white
  balance 0.95-1.05 per channel, blur sigma 0.3-0.6, noise 2-5, JPEG q 80-92. UV: gain
  0.75-0.95, ramp 0.05-0.2, vignetting 0.25-0.45, cast B x1.0-1.1, G x0.9-1.0,
  R x0.95-1.05, blur 0.3-0.6, noise 4-8, JPEG q 80-90. IR: gain 0.9-1.05, ramp 0.05-0.2,
  vignetting 0.1-0.3, blur sigma 0.7-1.2 (IR focus shift), noise 3-6, JPEG q 80-92.
- "phone" (handheld, 4:3 frame, long side 2000-3000 px): perspective 3-10% (as for the
  camera); rotation +-15 deg (p=0.8) or upside down 165-195 deg; the page's bounding box
  covers 45-75% of the frame width (less when it would not fit the height), at least 2% of
  the frame from every edge; desk background (``clutter.desk``) with a soft page shadow
  (depth 0.2-0.4) and 2-5 objects mostly off the page (``clutter.scatter``); the same blur
  for all lights: gaussian sigma 0.5-1.2 px (p=0.7) or motion 2-5 px at any angle.
  White: ``effects.light`` (gain 0.8-1.05, ramp 0.1-0.3, vignetting 0-0.25, white balance
  0.92-1.08, one glare spot of strength 0.3-0.6 and radius 8-25 mm on the page: white only).
  Coaxial: gain 0.8-1.05, ramp 0.05-0.25, vignetting 0.1-0.3, white balance 0.92-1.08, no
  glare. UV (a UV torch): gain 0.5-0.8, ramp 0.05-0.25, vignetting 0.1-0.3, a gaussian
  beam centred anywhere on the page (sigma 35-60% of the frame diagonal, depth 0.3-0.6),
  cast B x1.0-1.1, G x0.85-1.0, R x0.9-1.05, noise 6-10. IR (an IR-pass filter): gain
  0.6-0.85, ramp 0.05-0.25, vignetting 0.1-0.3, extra blur sigma 0.5-1.0, noise 5-9.
  White/coaxial noise 3-7. JPEG q 70-88 for every light.
UV images everywhere also get colour (per-channel) noise of half their noise sigma: the
speckle of a sensor in low light. Backgrounds under UV and IR are derived from the visible
one by grey level (``capture_optics.background``): bright paper glows bluish under UV, dyes
fade under IR.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from types import MappingProxyType, SimpleNamespace
from typing import Any

import cv2
import numpy as np

from docexam.synth import capture_optics as op
from docexam.synth import clutter
from docexam.synth import effects as fx
from docexam.synth.capture_optics import KIND, LIGHTS, r

CAPTURE_MODES: tuple[str, ...] = ("none", "scan", "camera", "phone")
__all__ = ["CAPTURE_MODES", "LIGHTS", "Capture", "simulate_capture"]

# Per light kind (see the module docstring): scan gain lo/hi, offset lo/hi, noise lo/hi;
# camera (gain, vignetting, blur sigma, noise, JPEG quality); phone gain and noise.
_SCAN = {"vis": (0.93, 1.05, -8, 8, 1, 3), "uv": (0.7, 0.9, -6, 2, 3, 6),
         "ir": (0.92, 1.05, -6, 6, 2, 4)}  # fmt: skip
_CAMERA = {"vis": ((0.88, 1.05), (0.1, 0.3), (0.3, 0.6), (2, 5), (80, 92)),
           "uv": ((0.75, 0.95), (0.25, 0.45), (0.3, 0.6), (4, 8), (80, 90)),
           "ir": ((0.9, 1.05), (0.1, 0.3), (0.7, 1.2), (3, 6), (80, 92))}  # fmt: skip
_PHONE_GAIN = {"vis": (0.8, 1.05), "uv": (0.5, 0.8), "ir": (0.6, 0.85)}
_PHONE_NOISE = {"vis": (3, 7), "uv": (6, 10), "ir": (5, 9)}

# A mode's plan: page outline in the frame, frame (width, height), frame px per mm, the
# background per light kind, and the function finishing one light: (light, page placed on
# the background, the light's generator) -> (pixels before encoding, the light's parameters
# incl. "format" and "jpeg_quality").
Finish = Callable[[str, np.ndarray, np.random.Generator], tuple[np.ndarray, dict[str, Any]]]
Plan = tuple[np.ndarray, tuple[int, int], float, dict[str, np.ndarray], Finish]


@dataclass(frozen=True, eq=False)
class Capture:
    """One capture of a page under several lights, sharing one geometry.

    images: light -> read-only image (BGR uint8, or grey H x W for infrared), all the same
    size. homography: 3x3, page pixel coordinates -> image pixel coordinates (all lights).
    page_px_per_mm: resolution of the input page. params: every drawn parameter,
    JSON-serialisable (shared ones at the top level, per-light ones under "lights").
    encoded: light -> (".png" or ".jpg", file bytes) to write as they are; decoding them
    gives ``images`` exactly. JPEG bytes are the ones the image was decoded from; PNG bytes
    are produced on first access (a noisy 600 dpi page costs ~0.2 s per light to encode).
    """

    mode: str
    images: Mapping[str, np.ndarray]
    homography: np.ndarray
    page_px_per_mm: float
    params: dict[str, Any]
    encoded: Mapping[str, tuple[str, bytes]]

    def page_quad(self) -> np.ndarray:
        """The page's outer corners (TL, TR, BR, BL of the page) in the capture image."""
        pw, ph = self.params["page_size"]
        return fx.map_points(self.homography, op.edges(pw, ph))


def _scan(rng: np.random.Generator, pw: int, ph: int, k: float, p: dict[str, Any]) -> Plan:
    dpi = 300 if rng.random() < 0.6 else int(rng.choice([400, 600, 200]))
    kf = dpi / 25.4
    angle = float(rng.uniform(-2.5, 2.5))
    margins = rng.uniform(3, 15, 4)  # left, top, right, bottom (mm)
    lid = int(rng.integers(235, 256)) if rng.random() < 0.6 else int(rng.integers(170, 226))
    sigma = float(rng.uniform(0.4, 0.7))
    fmt = {"format": "png", "jpeg_quality": None} if rng.random() < 0.5 else op.jpeg_q(rng, 85, 95)
    q = fx.map_points(
        fx.rotation(angle, np.zeros(2)), (op.edges(pw, ph) - [pw / 2, ph / 2]) * kf / k
    )
    q += margins[:2] * kf - q.min(0)
    fw, fh = (math.ceil(v) for v in q.max(0) + margins[2:] * kf)
    bgs = {"vis": np.full((fh, fw, 3), lid, np.uint8),
           "uv": np.full((fh, fw, 3), np.round(lid * np.array([0.16, 0.06, 0.12])), np.uint8),
           "ir": np.full((fh, fw), round(lid * 0.9), np.uint8)}  # fmt: skip
    p.update(dpi=dpi, rotation_deg=r(angle), margins_mm=[r(v, 2) for v in margins], lid_grey=lid,
             blur_sigma=r(sigma), **fmt)  # fmt: skip

    def finish(
        light: str, img: np.ndarray, rl: np.random.Generator
    ) -> tuple[np.ndarray, dict[str, Any]]:
        kind = KIND[light]
        lo_g, hi_g, lo_o, hi_o, lo_n, hi_n = _SCAN[kind]
        gain, off, ns = rl.uniform(lo_g, hi_g), rl.uniform(lo_o, hi_o), rl.uniform(lo_n, hi_n)
        s = sigma + (0.3 if kind == "ir" else 0.0)
        out = op.gaussian(img, s)
        lp: dict[str, Any] = {"blur_sigma": r(s)}
        if kind == "uv":
            cast = rl.uniform([1.04, 0.9, 0.94], [1.12, 0.98, 1.0])
            out = op.shade(out, gain=1.0, channel_gain=tuple(cast))
            lp["colour_cast_bgr"] = [r(v) for v in cast]
        out = op.noise(op.offset(out, gain, off), rl, ns, 0.5 if kind == "uv" else 0.0)
        return out, {**lp, "gain": r(gain), "offset": r(off, 2), "noise_sigma": r(ns, 2), **fmt}

    return q, (fw, fh), kf, bgs, finish


def _camera(rng: np.random.Generator, pw: int, ph: int, k: float, p: dict[str, Any]) -> Plan:
    persp, angle = float(rng.uniform(0, 0.03)), float(rng.uniform(-4, 4))
    long_px, fill, dark = rng.uniform(1600, 2200), rng.uniform(0.7, 0.9), rng.uniform(10, 35)
    q, qp = op.tilted_quad(rng, pw, ph, persp, angle)
    s = long_px / max(pw, ph)
    q *= s
    bbox = np.ptp(q, 0)
    fw, fh = op.frame_4x3(bbox, bbox.max() / fill)
    fw, fh = max(fw, math.ceil(bbox[0] / 0.95)), max(fh, math.ceil(bbox[1] / 0.95))
    q += rng.uniform(0.2, 0.8, 2) * ([fw, fh] - bbox) - q.min(0)
    dk = np.array([0.5, 0.15, 0.35]) * dark
    bgs = {"vis": np.full((fh, fw, 3), round(dark), np.uint8),
           "uv": np.full((fh, fw, 3), np.round(dk), np.uint8),
           "ir": np.full((fh, fw), round(dark), np.uint8)}  # fmt: skip
    p.update(rotation_deg=r(angle), **qp, page_long_px=r(long_px, 1), fill=r(fill),
             background_grey=r(dark, 1))  # fmt: skip

    def finish(
        light: str, img: np.ndarray, rl: np.random.Generator
    ) -> tuple[np.ndarray, dict[str, Any]]:
        kind = KIND[light]
        g, vg, bl, ns, qq = _CAMERA[kind]
        lp = {"gain": rl.uniform(*g), "ramp": rl.uniform(0.05, 0.2), "ramp_deg": rl.uniform(0, 360),
              "vignette": rl.uniform(*vg)}  # fmt: skip
        cg = None
        if kind != "ir":
            lo, hi = ([0.95] * 3, [1.05] * 3) if kind == "vis" else ([1, 0.9, 0.95], [1.1, 1, 1.05])
            cg = tuple(rl.uniform(lo, hi))
        blur, sigma = rl.uniform(*bl), rl.uniform(*ns)
        out = op.shade(img, channel_gain=cg, **lp)
        out = op.noise(op.gaussian(out, blur), rl, sigma, 0.5 if kind == "uv" else 0.0)
        lp = {key: r(v) for key, v in lp.items()}
        if cg is not None:
            lp["channel_gain_bgr"] = [r(v) for v in cg]
        return out, {**lp, "blur_sigma": r(blur), "noise_sigma": r(sigma, 2), **op.jpeg_q(rl, *qq)}

    return q, (fw, fh), s * k, bgs, finish


def _phone(
    rng: np.random.Generator, pw: int, ph: int, k: float, p: dict[str, Any], kinds: set[str]
) -> Plan:
    persp = float(rng.uniform(0.03, 0.10))
    angle = float(rng.uniform(-15, 15)) if rng.random() < 0.8 else float(rng.uniform(165, 195))
    long_px, cover = rng.uniform(2000, 3000), float(rng.uniform(0.45, 0.75))
    q, qp = op.tilted_quad(rng, pw, ph, persp, angle)
    bbox = np.ptp(q, 0)
    fw, fh = op.frame_4x3(bbox, long_px)
    s = min(cover * fw / bbox[0], 0.92 * fh / bbox[1])
    q *= s
    lo = 0.02 * np.array([fw, fh])
    q += lo + rng.uniform(0, 1, 2) * np.maximum([fw, fh] - s * bbox - 2 * lo, 0) - q.min(0)
    kf = s * k
    # The page's soft shadow, at the desk's 1/8 resolution (as in degrade.photo).
    sw, sh = clutter.small_size(fw, fh)
    sm = np.zeros((sh, sw), np.float32)
    shift, depth = rng.uniform(-2, 2, 2) * kf, float(rng.uniform(0.2, 0.4))
    cv2.fillConvexPoly(sm, np.round((q + shift) * (sw / fw)).astype(np.int32), 1.0)
    sm = 1 - depth * cv2.GaussianBlur(sm, (0, 0), max(1.0, 1.5 * kf * sw / fw))
    desk, kind_bg = clutter.desk(rng, fw, fh, shade=sm)
    objects = clutter.scatter(desk, rng, kf, int(rng.integers(2, 6)), q.astype(np.float32))
    if rng.random() < 0.7:
        blur: dict[str, Any] = {"blur": "gaussian", "blur_sigma": r(rng.uniform(0.5, 1.2))}
    else:
        blur = {"blur": "motion", "motion_px": int(rng.integers(2, 6)),
                "motion_deg": r(rng.uniform(0, 180), 1)}  # fmt: skip
    bgs = {kd: op.background(desk, kd) for kd in kinds}
    p.update(rotation_deg=r(angle), **qp, frame_long_px=r(long_px, 1), cover=r(s * bbox[0] / fw),
             background=kind_bg, objects=objects, shadow_depth=r(depth), **blur)  # fmt: skip

    def finish(
        light: str, img: np.ndarray, rl: np.random.Generator
    ) -> tuple[np.ndarray, dict[str, Any]]:
        kind = KIND[light]
        lp: dict[str, Any] = {}
        if light == "white":
            ranges = SimpleNamespace(gain=(0.8, 1.05), ramp=(0.1, 0.3), glare=(0.3, 0.6))
            lp = fx.light(img, rl, ranges, 0.0, kf, q, q)
            del lp["glare_touches_mrz"]
            out = img
        else:
            sh_ = {"gain": rl.uniform(*_PHONE_GAIN[kind]),
                   "ramp": rl.uniform(0.05, 0.25), "ramp_deg": rl.uniform(0, 360),
                   "vignette": rl.uniform(0.1, 0.3)}  # fmt: skip
            cg, beam = None, None
            if kind == "vis":
                cg = tuple(rl.uniform(0.92, 1.08, 3))
            elif kind == "uv":
                cg = tuple(rl.uniform([1.0, 0.85, 0.9], [1.1, 1.0, 1.05]))
                c = rl.dirichlet(np.ones(4)) @ q
                beam = (*c, rl.uniform(0.35, 0.6) * math.hypot(fw, fh), rl.uniform(0.3, 0.6))
                lp["torch_beam"] = [r(v, 1) for v in beam[:3]] + [r(beam[3])]
            out = op.shade(img, channel_gain=cg, beam=beam, **sh_)
            lp.update({key: r(v) for key, v in sh_.items()})
            if cg is not None:
                lp["channel_gain_bgr"] = [r(v) for v in cg]
        if blur["blur"] == "gaussian":
            out = op.gaussian(out, blur["blur_sigma"])
        else:
            out = op.motion(out, blur["motion_px"], blur["motion_deg"])
        if kind == "ir":
            lp["ir_blur_sigma"] = r(rl.uniform(0.5, 1.0))
            out = op.gaussian(out, lp["ir_blur_sigma"])
        ns = rl.uniform(*_PHONE_NOISE[kind])
        out = op.noise(out, rl, ns, 0.5 if kind == "uv" else 0.0)
        return out, {**lp, "noise_sigma": r(ns, 2), **op.jpeg_q(rl, 70, 88)}

    return q, (fw, fh), kf, bgs, finish


def _plain(v: Any) -> Any:
    """``v`` with numpy scalars turned into Python ones, so ``json.dumps`` gives plain JSON."""
    if isinstance(v, dict):
        return {str(key): _plain(x) for key, x in v.items()}
    if isinstance(v, list | tuple):
        return [_plain(x) for x in v]
    return v.item() if isinstance(v, np.generic) else v


def _pages(pages: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Validate the page images; infrared ones come back single-channel."""
    if not isinstance(pages, Mapping) or not pages:
        raise ValueError("pages must be a non-empty mapping light -> image")
    out: dict[str, np.ndarray] = {}
    for light, img in pages.items():
        if light not in LIGHTS:
            raise ValueError(f"pages: unknown light {light!r} (known: {', '.join(LIGHTS)})")
        if not isinstance(img, np.ndarray) or img.dtype != np.uint8:
            raise ValueError(f"pages[{light!r}] must be a uint8 numpy array")
        colour = img.ndim == 3 and img.shape[2] == 3
        if KIND[light] == "ir" and (img.ndim == 2 or colour):
            out[light] = img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
        elif colour:
            out[light] = img
        else:
            raise ValueError(f"pages[{light!r}] must be H x W x 3 BGR, got shape {img.shape}")
    sizes = {img.shape[:2] for img in out.values()}
    if len(sizes) != 1:
        raise ValueError(f"pages must all have the same height x width, got {sorted(sizes)}")
    return out


def simulate_capture(
    pages: Mapping[str, np.ndarray], *, px_per_mm: float, mode: str, seed: int
) -> Capture:
    """Capture ``pages`` (light -> page image, all pixel-aligned) with device ``mode``.

    See the module docstring for every mode's parameter ranges. Raises ValueError naming the
    bad argument for an unknown mode or light, pages of different sizes, a bad image, a
    non-positive ``px_per_mm`` or a negative seed. The inputs are never modified.
    """
    if mode not in CAPTURE_MODES:
        raise ValueError(f"mode must be one of {CAPTURE_MODES}, got {mode!r}")
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a non-negative int, got {seed!r}")
    if not (isinstance(px_per_mm, int | float | np.number) and px_per_mm > 0):
        raise ValueError(f"px_per_mm must be a positive number, got {px_per_mm!r}")
    imgs, k = _pages(pages), float(px_per_mm)
    ph, pw = next(iter(imgs.values())).shape[:2]
    # The mode is mixed into the seed so that two modes of one seed are not correlated.
    rng = np.random.default_rng([int(seed), CAPTURE_MODES.index(mode)])
    streams = dict(zip(LIGHTS, rng.spawn(len(LIGHTS)), strict=True))
    params: dict[str, Any] = {"mode": mode, "seed": int(seed), "page_size": [pw, ph],
                              "page_px_per_mm": r(k, 4)}  # fmt: skip

    if mode == "none":
        h, size, kf = np.eye(3), (pw, ph), k
        results = {lt: (img.copy(), None, {"format": "png"}) for lt, img in imgs.items()}
    else:
        if mode == "scan":
            q, size, kf, bgs, finish = _scan(rng, pw, ph, k, params)
        elif mode == "camera":
            q, size, kf, bgs, finish = _camera(rng, pw, ph, k, params)
        else:
            kinds = {KIND[lt] for lt in imgs}
            q, size, kf, bgs, finish = _phone(rng, pw, ph, k, params, kinds)
        h = op.homography(op.edges(pw, ph), q)

        def one(light: str) -> tuple[np.ndarray, bytes | None, dict[str, Any]]:
            page = op.antialias(imgs[light], kf / k)
            img, lp = finish(light, op.place(page, h, bgs[KIND[light]], q), streams[light])
            return (*op.encode(img, lp["format"], lp.get("jpeg_quality")), lp)

        # OpenCV releases the GIL, and each light has its own generator: same bytes in
        # parallel as in series.
        with ThreadPoolExecutor(max_workers=min(3, len(imgs))) as pool:
            results = dict(zip(imgs, pool.map(one, imgs), strict=True))

    params.update(image_size=[int(size[0]), int(size[1])], scale=r(kf / k, 4),
                  px_per_mm=r(kf, 4), dpi=r(kf * 25.4, 1),
                  lights={lt: res[2] for lt, res in results.items()})  # fmt: skip
    images = {lt: res[0] for lt, res in results.items()}
    for img in images.values():
        img.setflags(write=False)
    hh = np.array(h, np.float64)
    hh.setflags(write=False)
    return Capture(
        mode=mode,
        images=MappingProxyType(images),
        homography=hh,
        page_px_per_mm=k,
        params=_plain(params),
        encoded=op.Files(images, {lt: res[1] for lt, res in results.items()}),
    )
