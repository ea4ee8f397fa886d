"""Compose inked layers on a substrate into the page as seen under each light source.

Why one compositor: every page, genuine or forged, goes through the same physics, so a
forgery differs from the genuine page only where the forger changed an ink, a layer or
the paper, which is what the forgery labels claim and what the tests measure.

Model (per pixel, per channel, values 0..1):
- white: subtractive, order-free: ``out = paper * prod(1 - a * (1 - colour))``; a layer
  with a colour field (portrait, rainbow, OVD) uses the field instead of one colour.
- UV 365 nm: the paper shows its UV response (dull or brightened); non-fluorescent inks
  absorb some of the lamp's light (darker where printed); fluorescent inks then glow on
  top (screen blend: ``out = 1 - (1 - out) * (1 - a * glow)``).
- IR 870 nm: grey; ``out = paper_ir * prod(1 - a * ir_absorb)``: drop-out inks vanish;
  a colour field absorbs in proportion to its darkness (a portrait keeps its shape).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from docexam.synth.inks import Ink, Substrate

LIGHTS: tuple[str, ...] = ("white", "uv365", "ir870")


@dataclass(frozen=True, eq=False)
class Paint:
    """Coverage (0..1, float32) of an ink over a box of the page starting at ``origin``.

    ``colour`` (h, w, 3 BGR 0..255 float32) replaces the ink's white-light colour pixel by
    pixel (a photograph, a rainbow gradient); ``uv_colour`` does the same for the glow.
    """

    mask: np.ndarray
    origin: tuple[int, int] = (0, 0)  # x, y of mask[0, 0] in page pixels
    colour: np.ndarray | None = None
    uv_colour: np.ndarray | None = None


@dataclass(frozen=True, eq=False)
class Layer:
    ink: Ink
    paint: Paint


def paper_texture(shape: tuple[int, int], *, seed: int, strength: float) -> np.ndarray:
    """Smooth low-frequency tint variation (h, w, 3), mean 0, deterministic in ``seed``."""
    h, w = shape
    rng = np.random.default_rng(seed)
    low = rng.normal(0.0, strength, size=(5, 7, 3)).astype(np.float32)
    return cv2.resize(low, (w, h), interpolation=cv2.INTER_CUBIC)


def _window(paint: Paint, shape: tuple[int, int]) -> tuple[tuple[slice, slice], np.ndarray, tuple]:
    """The page slice a paint covers and the matching part of its mask (clipped to the page)."""
    h, w = shape
    x, y = paint.origin
    mh, mw = paint.mask.shape[:2]
    x0, y0, x1, y1 = max(x, 0), max(y, 0), min(x + mw, w), min(y + mh, h)
    if x1 <= x0 or y1 <= y0:
        return (slice(0, 0), slice(0, 0)), paint.mask[:0, :0], (0, 0, 0, 0)
    sub = (slice(y0 - y, y1 - y), slice(x0 - x, x1 - x))
    return (slice(y0, y1), slice(x0, x1)), paint.mask[sub], sub


def compose(
    layers: Sequence[Layer],
    substrate: Substrate,
    *,
    shape: tuple[int, int],
    texture_seed: int,
    lights: Sequence[str] = LIGHTS,
) -> dict[str, np.ndarray]:
    """The page under each light: white/uv365 BGR uint8, ir870 grey uint8."""
    unknown = [x for x in lights if x not in LIGHTS]
    if unknown:
        raise ValueError(f"lights must be among {LIGHTS}, got {unknown}")
    tex = paper_texture(shape, seed=texture_seed, strength=substrate.texture)
    out: dict[str, np.ndarray] = {}
    if "white" in lights:
        img = (np.asarray(substrate.colour, np.float32) + tex) / 255.0
        for layer in layers:
            if layer.ink.colour is None and layer.paint.colour is None:
                continue
            win, m, sub = _window(layer.paint, shape)
            if m.size == 0:
                continue
            if layer.paint.colour is not None:
                col = layer.paint.colour[sub] / 255.0
            else:
                col = np.asarray(layer.ink.colour, np.float32) / 255.0
            img[win] *= 1.0 - m[..., None] * (1.0 - col)
        out["white"] = _u8(img)
    if "uv365" in lights:
        img = (np.asarray(substrate.uv, np.float32) + tex * 0.6) / 255.0
        for layer in layers:  # absorption by every printed (visible) ink
            if layer.ink.colour is None or layer.ink.uv_glow is not None:
                continue
            win, m, sub = _window(layer.paint, shape)
            if m.size == 0:
                continue
            col = (
                layer.paint.colour[sub].mean(-1) / 255.0
                if layer.paint.colour is not None
                else np.float32(np.mean(layer.ink.colour) / 255.0)
            )
            img[win] *= (1.0 - m * (0.25 + 0.6 * (1.0 - col)))[..., None]
        for layer in layers:  # then the glow of fluorescent inks
            if layer.ink.uv_glow is None:
                continue
            win, m, sub = _window(layer.paint, shape)
            if m.size == 0:
                continue
            glow = (
                layer.paint.uv_colour[sub] / 255.0
                if layer.paint.uv_colour is not None
                else np.asarray(layer.ink.uv_glow, np.float32) / 255.0
            )
            img[win] = 1.0 - (1.0 - img[win]) * (1.0 - m[..., None] * glow)
        out["uv365"] = _u8(img)
    if "ir870" in lights:
        img = (substrate.ir + tex.mean(-1) * 0.5) / 255.0
        img = img.astype(np.float32)
        for layer in layers:
            if layer.ink.ir_absorb <= 0.0:
                continue
            win, m, sub = _window(layer.paint, shape)
            if m.size == 0:
                continue
            if layer.paint.colour is not None:  # a photo absorbs IR where it is dark
                m = m * (1.0 - layer.paint.colour[sub].mean(-1) / 255.0)
            img[win] *= 1.0 - m * layer.ink.ir_absorb
        out["ir870"] = _u8(img)
    return {k: out[k] for k in lights}


def _u8(img: np.ndarray) -> np.ndarray:
    return np.clip(img * 255.0 + 0.5, 0, 255).astype(np.uint8)
