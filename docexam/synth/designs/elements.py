"""Element builders shared by the bundled designs: each returns an ``Element``.

Why builders: the four specimens are variations on the same security-print vocabulary
(guilloche, rosettes, microprint, rainbow tint, UV print and fibres, portrait and ghost,
labels, data, MRZ); a builder fixes how one kind is drawn so the designs only say where,
in which ink and with which parameters. Static elements (everything but personal data)
are cached per resolution: a batch of documents draws the background once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import cv2
import numpy as np

from docexam.synth.art import emblem as art_emblem
from docexam.synth.art import fibres as art_fibres
from docexam.synth.art import guilloche as art_guilloche
from docexam.synth.art import marks as art_marks
from docexam.synth.art import microprint as art_micro
from docexam.synth.art import portrait as art_portrait
from docexam.synth.art import rainbow as art_rainbow
from docexam.synth.compose import Paint
from docexam.synth.design import Ctx, Element, FieldDef, Rect
from docexam.synth.inks import Ink
from docexam.synth.textdraw import mrz_paint, text_paint


def _frozen(a: np.ndarray) -> np.ndarray:
    a = np.ascontiguousarray(a, dtype=np.float32)
    a.setflags(write=False)
    return a


def _quantised(a: np.ndarray) -> tuple[np.ndarray, tuple[int, int]]:
    """8-bit coverage cropped to where there is ink, and the crop's origin (x, y)."""
    q = np.round(np.clip(a, 0.0, 1.0) * 255.0).astype(np.uint8)
    ys, xs = np.nonzero(q.any(axis=1))[0], np.nonzero(q.any(axis=0))[0]
    if len(ys) == 0:
        q, origin = q[:1, :1] * 0, (0, 0)
    else:
        q, origin = q[ys[0] : ys[-1] + 1, xs[0] : xs[-1] + 1], (int(xs[0]), int(ys[0]))
    q = np.ascontiguousarray(q)
    q.setflags(write=False)
    return q, origin


def static(fn: Callable[[tuple[int, int], float], np.ndarray]) -> Callable[[Ctx], Paint]:
    """A drawing that depends only on the page size and resolution, cached.

    Kept as 8-bit coverage (a quarter of the memory of float32; 1/255 steps are below what
    any capture resolves) for the last two resolutions used.
    """
    cached = lru_cache(maxsize=2)(lambda shape, k: _quantised(fn(shape, k)))

    def draw(ctx: Ctx) -> Paint:
        q, origin = cached(ctx.shape, ctx.px_per_mm)
        return Paint(q.astype(np.float32) / 255.0, origin)

    return draw


def px_rect(r: Rect, k: float) -> tuple[int, int, int, int]:
    x, y, w, h = r
    return round(x * k), round(y * k), round((x + w) * k), round((y + h) * k)


def clip_to(mask: np.ndarray, r: Rect, k: float, *, feather_mm: float = 0.0) -> np.ndarray:
    """``mask`` kept only inside rectangle ``r`` (optionally with a soft edge)."""
    x0, y0, x1, y1 = px_rect(r, k)
    keep = np.zeros(mask.shape[:2], np.float32)
    keep[max(y0, 0) : y1, max(x0, 0) : x1] = 1.0
    if feather_mm > 0:
        s = max(0.5, feather_mm * k)
        keep = cv2.GaussianBlur(keep, (0, 0), s) * keep
    return mask * keep


# --- background ---------------------------------------------------------------------------
def waves(eid: str, ink: Ink, *, feature: str | None, region: Rect | None = None, **kw) -> Element:
    def draw(shape: tuple[int, int], k: float) -> np.ndarray:
        return art_guilloche.wave_bands(shape, px_per_mm=k, region_mm=region, **kw)

    return Element(eid, ink, static(draw), "background", feature)


def rosette(eid: str, ink: Ink, *, feature: str | None, **kw) -> Element:
    def draw(shape: tuple[int, int], k: float) -> np.ndarray:
        return art_guilloche.rosette(shape, px_per_mm=k, **kw)

    return Element(eid, ink, static(draw), "background", feature)


def border(eid: str, ink: Ink, *, feature: str | None, **kw) -> Element:
    def draw(shape: tuple[int, int], k: float) -> np.ndarray:
        return art_guilloche.border(shape, px_per_mm=k, **kw)

    return Element(eid, ink, static(draw), "background", feature)


def rainbow(
    eid: str, ink: Ink, *, feature: str | None, region: Rect, colours, spacing_mm: float = 0.35,
    angle_deg: float = 30.0, axis: str = "x",
) -> Element:  # fmt: skip
    """Split-fountain print as a fine line screen whose colour runs across ``region``."""
    cache: dict = {}

    def draw(ctx: Ctx) -> Paint:
        key = (ctx.shape, ctx.px_per_mm)
        if key not in cache:
            k = ctx.px_per_mm
            mask = art_marks.line_screen(
                ctx.shape, px_per_mm=k, region_mm=region, spacing_mm=spacing_mm,
                angle_deg=angle_deg, line_mm=0.12,
            )  # fmt: skip
            colour = art_rainbow.split_fountain(
                ctx.shape, colours=colours, axis=axis, region_mm=region, px_per_mm=k
            )
            cache.clear()
            cache[key] = Paint(_frozen(mask), colour=_frozen(colour))
        return cache[key]

    return Element(eid, ink, draw, "rainbow", feature)


def microprint(
    eid: str, ink: Ink, *, feature: str | None, text: str, origin: tuple[float, float],
    length: float, height: float = 0.28, angle_deg: float = 0.0,
) -> Element:  # fmt: skip
    def draw(shape: tuple[int, int], k: float) -> np.ndarray:
        return art_micro.microprint_line(
            shape, px_per_mm=k, text=text, origin_mm=origin, length_mm=length,
            height_mm=height, angle_deg=angle_deg,
        )  # fmt: skip

    return Element(eid, ink, static(draw), "microprint", feature)


def emblem(eid: str, ink: Ink, *, feature: str | None, role: str = "uv", **kw) -> Element:
    def draw(shape: tuple[int, int], k: float) -> np.ndarray:
        return art_emblem.emblem(shape, px_per_mm=k, **kw)

    return Element(eid, ink, static(draw), role, feature)


def uv_waves(eid: str, ink: Ink, *, feature: str | None, region: Rect, **kw) -> Element:
    def draw(shape: tuple[int, int], k: float) -> np.ndarray:
        return art_guilloche.wave_bands(shape, px_per_mm=k, region_mm=region, **kw)

    return Element(eid, ink, static(draw), "uv", feature)


def fibres(eid: str, ink: Ink, *, feature: str | None, seed: int, count: int) -> Element:
    def draw(shape: tuple[int, int], k: float) -> np.ndarray:
        return art_fibres.fibres(shape, px_per_mm=k, seed=seed, count=count)

    return Element(eid, ink, static(draw), "fibres", feature)


def text(
    eid: str, ink: Ink, words: str, *, feature: str | None, x: float, y: float, cap: float,
    font: str = "sans_bold", align: str = "left", role: str = "header",
) -> Element:  # fmt: skip
    def draw(ctx: Ctx) -> Paint:
        return text_paint(
            words, px_per_mm=ctx.px_per_mm, x_mm=x, y_mm=y, cap_mm=cap, font=font, align=align
        )

    return Element(eid, ink, draw, role, feature)


def ovd(eid: str, ink: Ink, *, feature: str | None, region: Rect, seed: int) -> Element:
    cache: dict = {}

    def draw(ctx: Ctx) -> Paint:
        key = (ctx.shape, ctx.px_per_mm)
        if key not in cache:
            mask, colour = art_marks.ovd_patch(
                ctx.shape, px_per_mm=ctx.px_per_mm, region_mm=region, seed=seed
            )
            cache.clear()
            cache[key] = Paint(_frozen(mask), colour=_frozen(colour))
        return cache[key]

    return Element(eid, ink, draw, "ovd", feature)


# --- personalisation ----------------------------------------------------------------------
def labels(eid: str, ink: Ink, fields: tuple[FieldDef, ...], *, feature: str | None) -> Element:
    """Every field's bilingual label (``Фамилия / Surname``) in one drop-out ink."""

    def draw(ctx: Ctx) -> list[Paint]:
        return [
            text_paint(
                f"{f.label_ru} / {f.label_en}",
                px_per_mm=ctx.px_per_mm,
                x_mm=f.x,
                y_mm=f.y,
                cap_mm=f.label_cap,
                font="sans",
                max_width_mm=f.width,
            )
            for f in fields
        ]

    return Element(eid, ink, draw, "label", feature)


def value(f: FieldDef, ink: Ink, *, feature: str | None) -> Element:
    """One field's printed value, in the document's (or the forger's) typeface."""

    def draw(ctx: Ctx) -> Paint:
        return text_paint(
            ctx.viz.get(f.id, ""), px_per_mm=ctx.px_per_mm, x_mm=f.x,
            y_mm=f.y + f.label_cap + 0.9, cap_mm=f.value_cap, font=ctx.data_font,
            max_width_mm=f.width,
        )  # fmt: skip

    return Element(f"value:{f.id}", ink, draw, "data", feature)


def mrz(eid: str, ink: Ink, *, feature: str | None) -> Element:
    def draw(ctx: Ctx) -> Paint:
        return mrz_paint(
            ctx.mrz_lines, layout=ctx.layout, page_mm=ctx.page_mm, px_per_mm=ctx.px_per_mm
        )

    return Element(eid, ink, draw, "mrz", feature)


@lru_cache(maxsize=8)
def _face(w: int, h: int, seed: int) -> np.ndarray:
    return _frozen(art_portrait.face((w, h), seed=seed))


def portrait(eid: str, ink: Ink, zone: Rect, *, feature: str | None) -> Element:
    """The printed portrait: the photo multiplied into the page, edges faded."""

    def draw(ctx: Ctx) -> Paint:
        x0, y0, x1, y1 = px_rect(zone, ctx.px_per_mm)
        face = _face(x1 - x0, y1 - y0, ctx.portrait_seed)
        mask = np.ones(face.shape[:2], np.float32)
        e = max(1, round(0.8 * ctx.px_per_mm))  # printed portraits fade into the page
        ramp = np.minimum(np.arange(mask.shape[1]) + 1, np.arange(mask.shape[1])[::-1] + 1) / e
        mask *= np.clip(ramp, 0, 1)[None, :]
        ramp_y = np.minimum(np.arange(mask.shape[0]) + 1, np.arange(mask.shape[0])[::-1] + 1) / e
        mask *= np.clip(ramp_y, 0, 1)[:, None]
        return Paint(mask, (x0, y0), colour=face)

    return Element(eid, ink, draw, "portrait", feature)


def ghost(eid: str, ink: Ink, zone: Rect, portrait_zone: Rect, *, feature: str | None) -> Element:
    """The ghost image: the same face (``ctx.ghost_seed``) as a faint line screen."""

    def draw(ctx: Ctx) -> Paint:
        k = ctx.px_per_mm
        px0, py0, px1, py1 = px_rect(portrait_zone, k)
        face = _face(px1 - px0, py1 - py0, ctx.ghost_seed)
        x0, y0, x1, y1 = px_rect(zone, k)
        small = cv2.resize(face, (x1 - x0, y1 - y0), interpolation=cv2.INTER_AREA)
        mask = art_portrait.ghost(small, line_period_px=max(2.0, 0.25 * k), strength=0.8)
        return Paint(mask, (x0, y0))

    return Element(eid, ink, draw, "ghost", feature)


def perforation(eid: str, ink: Ink, *, feature: str | None, origin: tuple[float, float],
                height: float = 5.0) -> Element:  # fmt: skip
    """The document number laser-perforated (digits of the number only)."""

    def draw(ctx: Ctx) -> Paint:
        digits = "".join(c for c in ctx.holder.doc_number if c.isdigit())
        mask = art_marks.perforation(
            ctx.shape, px_per_mm=ctx.px_per_mm, text=digits, origin_mm=origin, height_mm=height
        )
        return Paint(mask)

    return Element(eid, ink, draw, "perforation", feature)


def signature(eid: str, ink: Ink, zone: Rect, *, feature: str | None) -> Element:
    """The holder's signature: a pen scribble seeded by the holder's document number."""

    def draw(ctx: Ctx) -> Paint:
        k = ctx.px_per_mm
        x0, y0, x1, y1 = px_rect(zone, k)
        seed = sum(ord(c) * 31**i for i, c in enumerate(ctx.holder.doc_number)) % 2**32
        rng = np.random.default_rng(seed)
        n = int(rng.integers(4, 8))
        t = np.linspace(0, 1, 60 * n)
        w, h = x1 - x0, y1 - y0
        xs = w * (0.05 + 0.9 * t + 0.04 * np.sin(2 * np.pi * n * t * rng.uniform(0.8, 1.2)))
        ys = h / 2 + h * 0.32 * np.sin(2 * np.pi * n * t + rng.uniform(0, 6)) * (
            0.6 + 0.4 * np.sin(7 * t)
        )
        canvas = np.zeros((h, w), np.uint8)
        pts = np.round(np.stack([xs, ys], 1) * 16).astype(np.int32).reshape(-1, 1, 2)
        cv2.polylines(canvas, [pts], False, 255, max(1, round(0.25 * k)), cv2.LINE_AA, 4)
        return Paint(canvas.astype(np.float32) / 255.0, (x0, y0))

    return Element(eid, ink, draw, "signature", feature)


def clip_outside(
    mask: np.ndarray, r: Rect, k: float, origin: tuple[int, int] = (0, 0)
) -> np.ndarray:
    """``mask`` (placed at ``origin``) with page rectangle ``r`` cleared (pasted over)."""
    x0, y0, x1, y1 = px_rect(r, k)
    ox, oy = origin
    out = np.array(mask, dtype=np.float32, copy=True)
    out[max(y0 - oy, 0) : max(y1 - oy, 0), max(x0 - ox, 0) : max(x1 - ox, 0)] = 0.0
    return out
