"""Procedural passport portraits (no real faces) and their ghost-image line screens.

Why: a document needs a photo-like portrait for examiners and detectors to see realistic
contrast, skin tones and hair next to the security printing, yet the project must never
carry real people's faces. Each portrait is built from a seed out of soft, shaded shapes
(Gaussian edges, light falloff, hair texture) so it reads as a stylised photo, not a cartoon.
"""

from __future__ import annotations

from types import SimpleNamespace

import cv2
import numpy as np

from docexam.synth.art.curves import check_positive, fill_mask, paint, spot, wide_blur

_SKIN = np.array([(196, 214, 242), (150, 182, 226), (112, 150, 200), (74, 108, 160), (42, 62, 98)])
# black, dark brown, mid brown, auburn, blond, grey
_HAIR = np.array([22, 22, 26, 30, 40, 58, 45, 66, 104, 38, 58, 128, 105, 160, 205, 150, 150, 156])
_HAIR = _HAIR.reshape(-1, 3)
_IRIS = np.array([(22, 36, 62), (34, 64, 104), (52, 104, 122), (84, 124, 92), (150, 122, 82)])
_CLOTH = np.array(
    [70, 40, 25, 35, 35, 38, 110, 110, 112, 228, 230, 232, 40, 30, 110, 50, 80, 40, 150, 180, 200]
).reshape(-1, 3)
_STYLES = ("short", "long", "headscarf", "buzz", "curly", "bob")
# Hair (or scarf) volume behind the head: width and height over the head's, drop below centre.
_BACK = {
    "long": (1.28, 1.1, 1.75),
    "curly": (1.5, 1.3, 0.5),
    "bob": (1.25, 1.05, 0.7),
    "headscarf": (1.3, 1.2, 1.9),
}


def _ellipse(c, ax, t: np.ndarray | None = None, n: float = 2.0) -> np.ndarray:
    """Ellipse points; ``n`` > 2 gives a squarer superellipse (a skull, a hair volume)."""
    t = np.linspace(0, 2 * np.pi, 96, endpoint=False) if t is None else t
    cs, sn = np.cos(t), np.sin(t)
    cs, sn = np.sign(cs) * np.abs(cs) ** (2 / n), np.sign(sn) * np.abs(sn) ** (2 / n)
    return np.stack([c[0] + ax[0] * cs, c[1] + ax[1] * sn], 1)


def _sym(cx: float, rows: list[tuple[float, float]]) -> np.ndarray:
    """A polygon symmetric about x = cx from (half-width, y) rows listed top to bottom."""
    r = np.asarray(rows, np.float64)
    right = np.stack([cx + r[:, 0], r[:, 1]], 1)
    left = np.stack([cx - r[::-1, 0], r[::-1, 1]], 1)
    return np.vstack([right, left])


def _strip(xs: np.ndarray, top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
    """Polygon between an upper and a lower curve sampled at the same x positions."""
    return np.vstack([np.stack([xs, top], 1), np.stack([xs[::-1], bottom[::-1]], 1)])


def _eye(img, hw, ex, ey, ew, iris_col, lash_col, blur) -> None:
    """An almond eye: socket shadow, sclera, shaded iris, pupil, catchlight, lid and crease."""
    eh = ew * 0.42
    xs = np.linspace(ex - ew, ex + ew, 24)
    s = np.sin(np.pi * (xs - ex + ew) / (2 * ew))
    upper, lower = ey - eh * s, ey + eh * 0.65 * s
    spot(img, (ex, ey - eh * 0.6), (ew * 1.1, eh * 1.6), -0.13)  # eye socket shadow
    almond = fill_mask(hw, [_strip(xs, upper, lower)], blur * 0.6)
    paint(img, almond, (200, 206, 214))
    ir = eh * 0.95
    iris = fill_mask(hw, [_ellipse((ex, ey + eh * 0.08), (ir, ir))], blur * 0.5) * almond
    paint(img, iris, iris_col)
    spot(img, (ex, ey + eh * 0.08), (ir * 0.5, ir * 0.5), 0.25, iris_col * 0.45)
    pupil = fill_mask(hw, [_ellipse((ex, ey + eh * 0.08), (ir * 0.42,) * 2)], blur * 0.4)
    paint(img, pupil * almond, (14, 14, 16))
    spot(img, (ex - ir * 0.3, ey - ir * 0.25), (ir * 0.12, ir * 0.12), 0.8, (250, 250, 250))
    lid = _strip(xs, upper - eh * 0.18, upper + eh * 0.08)
    paint(img, fill_mask(hw, [lid], blur * 0.6) * 0.85, lash_col)
    crease = _strip(xs, upper - eh * 0.75, upper - eh * 0.6)
    paint(img, fill_mask(hw, [crease], blur * 1.5) * 0.25, lash_col)


def _f32(x) -> np.ndarray:
    return np.asarray(x, np.float32)


def _look(rng: np.random.Generator, w: int, h: int) -> SimpleNamespace:
    """Draw the person's appearance and head geometry from the seed."""
    dark = rng.uniform(0, 1)
    skin = np.array([np.interp(dark * 4, range(5), _SKIN[:, c]) for c in range(3)])
    hair_p = np.array([5, 4, 3, 1, 0.5, 1]) if dark > 0.5 else np.array([2, 2, 3, 1.5, 2, 1.5])
    sc = min(w, h * 0.78)
    return SimpleNamespace(
        skin=_f32(skin * rng.uniform(0.95, 1.05, 3)),
        hair=_f32(_HAIR[rng.choice(6, p=hair_p / hair_p.sum())] * rng.uniform(0.9, 1.1, 3)),
        iris=_f32(_IRIS[min(4, int(rng.integers(0, 3 if dark > 0.4 else 5)))]),
        cloth=_f32(_CLOTH[rng.integers(len(_CLOTH))] * rng.uniform(0.85, 1.1, 3)),
        scarf=_f32(_CLOTH[rng.integers(len(_CLOTH))] * rng.uniform(0.8, 1.1, 3)),
        style=_STYLES[rng.choice(len(_STYLES), p=[0.26, 0.2, 0.12, 0.12, 0.14, 0.16])],
        collar=int(rng.integers(3)),
        light=float(rng.choice([-1.0, 1.0]) * rng.uniform(0.04, 0.1)),
        a=sc * 0.25 * rng.uniform(0.9, 1.08),
        b=h * 0.29 * rng.uniform(0.93, 1.05),
        cx=w / 2 + rng.uniform(-0.02, 0.02) * w,
        cy=h * rng.uniform(0.43, 0.47),
        jaw=rng.uniform(0.08, 0.3),
        blur=max(0.6, h / 300),
    )


def _hair_field(rng: np.random.Generator, p: SimpleNamespace, u, v, h: int, w: int):
    """Hair colour with strands (straight), grain (curly, short) and a sheen on the crown.

    Also returns the low-frequency "clump" noise, reused for skin and fabric unevenness.
    """
    fine = rng.standard_normal((h // 2 + 1, w // 2 + 1), dtype=np.float32)
    if p.style in ("curly", "short", "buzz"):
        tex = cv2.resize(cv2.GaussianBlur(fine, (0, 0), 1.3), (w, h))
        tex *= {"curly": 0.15, "short": 0.07, "buzz": 0.1}[p.style] / max(1e-6, tex.std())
    else:
        tex = cv2.resize(cv2.GaussianBlur(fine, (0, 0), 0.5, sigmaY=p.blur * 3), (w, h))
        tex *= 0.1 / max(1e-6, tex.std())
    clump = cv2.resize(rng.standard_normal((h // 16 + 2, w // 16 + 2), dtype=np.float32), (w, h))
    sheen = np.exp(-(((v + 0.78) / 0.12) ** 2)) * np.exp(-(u**2) / 0.5) * (p.style != "curly")
    sheen = np.broadcast_to(sheen * 14, (h, w))
    tone = 1 + tex + 0.08 * clump
    return (lambda sl: p.hair * tone[sl][..., None] + sheen[sl][..., None]), clump


def face(
    size_px: tuple[int, int],
    *,
    seed: int,
    background: tuple[int, int, int] = (235, 235, 230),
) -> np.ndarray:
    """A frontal head-and-shoulders passport photo (w, h) -> (h, w, 3) float32 BGR 0..255.

    The seed picks skin tone, face proportions, hair style and colour, eyes and clothing.
    Shading (light falloff towards the face's edge, shadows under hair, chin and nose) is what
    makes the flat shapes read as a photo.
    """
    w, h = (int(v) for v in size_px)
    if w < 16 or h < 16 or (w, h) != tuple(size_px):
        raise ValueError(f"size_px must be two integers >= 16, got {size_px!r}")
    rng = np.random.default_rng(seed)
    p = _look(rng, w, h)
    a, b, cx, cy, blur, hw = p.a, p.b, p.cx, p.cy, p.blur, (h, w)
    yy = np.arange(h, dtype=np.float32)[:, None]  # 1-D grids broadcast: no full-frame cost
    u, v = (np.arange(w, dtype=np.float32)[None, :] - cx) / a, (yy - cy) / b
    img = np.empty((h, w, 3), np.float32)
    img[:] = np.asarray(background, np.float32)
    img *= (1.03 - 0.06 * yy / h - 0.004 * u**2)[..., None]
    hair_f, clump = _hair_field(rng, p, u, v, h, w)
    curly = p.style == "curly"
    t = np.linspace(0, 2 * np.pi, 160, endpoint=False)
    ys, sh = cy + b * 1.28, a * rng.uniform(1.9, 2.3)
    ra, rb, drop = _BACK.get(p.style, (1.0, 1.0, 0.0))
    bump = 1 + (0.035 * np.sin(13 * t) + 0.02 * np.sin(29 * t)) * curly  # curls: bumpy outline
    back = [
        _ellipse((0, 0), (a * ra, b * rb), t, 2.4) * bump[:, None] + (cx, cy - 0.1 * b),
        _sym(cx, [(a * ra * 0.97, cy), (a * ra * 1.04, cy + b * drop)]),
    ]
    if p.style in ("long", "curly", "bob"):
        paint(img, fill_mask(hw, back, blur * 1.5), lambda sl: hair_f(sl) * 0.8)
    elif p.style == "headscarf":
        back[1] = _sym(cx, [(a * ra, cy), (a * 2.2, ys + b * 0.2), (a * 2.4, h + 5)])
        r = np.hypot(u, v)  # soft folds radiating from the face, darker further out
        fab = 1 + 0.05 * np.sin(8 * np.arctan2(v, u) + clump) * np.clip(r - 0.9, 0, 1)
        fab = fab + 0.03 * clump - 0.15 * np.clip(r - 1.1, 0, 1)
    # Shoulders and clothing over the neck and chest.
    xs = np.linspace(cx - sh * 1.4, cx + sh * 1.4, 60)
    top = ys + b * 0.55 * np.clip(np.abs(xs - cx) / sh, 0, 2) ** 2 - b * 0.12
    nw = a * rng.uniform(0.5, 0.6)
    neck = [_sym(cx, [(nw, cy + 0.3 * b), (nw * 1.1, ys), (nw * 2, ys + b * 0.6)])]
    neck_shade = 0.72 + 0.14 * np.clip((yy - cy - b) / (0.4 * b), 0, 1) + p.light * u * 0.5
    paint(img, fill_mask(hw, neck, blur), lambda sl: p.skin * neck_shade[sl][..., None])
    depth = b * (0.08, 0.35, 0.5)[p.collar]
    vee = [_sym(cx, [(nw * 1.25, ys - b * 0.3), (nw * 1.05, ys - b * 0.1), (0, ys + depth)])]
    body = fill_mask(hw, [_strip(xs, top, np.full_like(xs, h + 10))], blur) * (
        1 - fill_mask(hw, vee, blur)
    )
    fold = 1.0 - 0.2 * np.clip(np.abs(u) / 4, 0, 1) + p.light * u * 0.2 + 0.02 * clump
    if p.collar == 2:  # open jacket over a white shirt
        shirt = [_sym(cx, [(nw, ys - b * 0.12), (nw * 0.9, h)])]
        shirt_m = fill_mask(hw, shirt, blur)
        paint(
            img,
            shirt_m * (1 - fill_mask(hw, [vee[0] - (0, b * 0.2)], blur)),
            lambda sl: 233 * fold[sl][..., None],
        )
        body *= 1 - shirt_m
    paint(img, body, lambda sl: p.cloth * fold[sl][..., None])
    spot(img, (cx, ys - b * 0.05), (nw * 1.2, b * 0.12), -0.3)  # the head's shadow on the chest
    spot(img, (cx, cy + b * 1.02), (a * 0.6, b * 0.12), -0.3)  # shadow under the chin
    if p.style == "headscarf":
        paint(img, fill_mask(hw, back, blur * 1.5), lambda sl: p.scarf * 0.85 * fab[sl][..., None])
    # Ears, then the head, shaded by its distance from the edge and by the side light.
    for sx in (-1, 1):
        ear = fill_mask(
            hw, [_ellipse((cx + sx * a * 0.97, cy + 0.02 * b), (a * 0.15, b * 0.19))], blur
        )
        paint(img, ear, p.skin * 0.8)
    jaw = np.clip(np.cos(t), 0, 1)  # 0 above the ears, 1 at the chin
    width = (1 - p.jaw * jaw**2) * (1 - 0.1 * jaw)
    head = np.stack([cx + a * np.sin(t) * width, cy + b * np.cos(t)], 1)
    head_m = fill_mask(hw, [head], blur)
    inner = wide_blur(head_m, a * 0.35)
    shade = 0.62 + 0.45 * np.clip(inner, 0, 1) ** 1.5 + p.light * u + 0.03 * clump
    paint(img, head_m, lambda sl: p.skin * shade[sl][..., None])
    for sx in (-1, 1):
        spot(img, (cx + sx * a * 0.45, cy + b * 0.12), (a * 0.2, b * 0.1), 0.06)  # cheekbones
        spot(img, (cx + sx * a * 0.72, cy + b * 0.5), (a * 0.15, b * 0.2), -0.1)
        spot(img, (cx + sx * a * 0.5, cy + b * 0.3), (a * 0.18, b * 0.1), 0.08, (90, 95, 200))
    spot(img, (cx, cy - b * 0.55), (a * 0.45, b * 0.15), 0.07)  # forehead highlight
    _features(img, rng, p, hw)
    if p.style == "headscarf":
        opening = fill_mask(hw, [_ellipse((cx, cy + 0.04 * b), (a * 0.92, b * 1.02))], blur * 2)
        img *= (1 - 0.3 * wide_blur(1 - opening, b * 0.08) * opening)[..., None]  # scarf's shadow
        paint(
            img, fill_mask(hw, back, blur) * (1 - opening), lambda sl: p.scarf * fab[sl][..., None]
        )
    else:
        _hair_front(img, rng, p, hw, hair_f)
    if p.style in ("short", "buzz") and rng.uniform() < 0.25:  # stubble
        beard = head_m * np.clip((yy - cy - b * 0.4) / (b * 0.2), 0, 1)
        paint(img, beard * 0.3, p.hair * 0.8)
    img = cv2.GaussianBlur(img, (0, 0), blur * 0.5)
    img += rng.standard_normal((h, w, 1), dtype=np.float32) * np.float32(1.5)
    return np.clip(img, 0, 255).astype(np.float32)


def _features(img: np.ndarray, rng: np.random.Generator, p: SimpleNamespace, hw) -> None:
    """Eyes, brows, nose and mouth, placed by the usual facial proportions."""
    a, b, cx, cy, blur = p.a, p.b, p.cx, p.cy, p.blur
    ey = cy - b * rng.uniform(0.02, 0.1)
    sp, ew = a * rng.uniform(0.36, 0.42), a * rng.uniform(0.19, 0.23)
    lash = np.minimum(p.hair, (60, 60, 70)) * 0.6
    brow_c = np.minimum(p.hair * 1.1, (95, 105, 120))
    arch, thick = rng.uniform(0.1, 0.3), ew * rng.uniform(0.16, 0.28)
    for sx in (-1, 1):
        _eye(img, hw, cx + sx * sp, ey, ew, p.iris, lash, blur)
        bx = np.linspace(cx + sx * (sp - ew * 1.15), cx + sx * (sp + ew * 1.2), 20)
        f = np.abs(bx - cx - sx * (sp - ew * 1.15)) / (ew * 2.35)
        by = ey - ew * 0.95 - ew * arch * np.sin(np.pi * np.clip(f * 1.2, 0, 1))
        brow = _strip(bx, by - thick * (1 - 0.5 * f), by + thick * (1 - 0.6 * f) * 0.6)
        paint(img, fill_mask(hw, [brow], blur * 1.2) * 0.8, brow_c)
    ny, nw = cy + b * rng.uniform(0.28, 0.36), a * rng.uniform(0.14, 0.19)
    side = 1.0 if p.light < 0 else -1.0
    spot(img, (cx + side * nw * 0.75, (ey + ny) / 2), (nw * 0.25, (ny - ey) * 0.45), -0.14)
    spot(img, (cx - side * nw * 0.2, (ey + ny) / 2), (nw * 0.2, (ny - ey) * 0.4), 0.05)
    spot(img, (cx, ny - b * 0.03), (nw * 0.45, b * 0.04), 0.08)
    for sx in (-1, 1):
        spot(img, (cx + sx * nw, ny), (nw * 0.3, b * 0.035), -0.2)
        spot(img, (cx + sx * nw * 0.45, ny + b * 0.035), (nw * 0.22, b * 0.018), -0.5)
    spot(img, (cx, ny + b * 0.08), (nw * 0.8, b * 0.03), -0.15)
    my, mw = cy + b * rng.uniform(0.52, 0.6), a * rng.uniform(0.32, 0.42)
    lips = p.skin * 0.7 + np.array([40, 40, 95], np.float32) * 0.3
    mx = np.linspace(cx - mw, cx + mw, 30)
    q = np.clip(1 - ((mx - cx) / mw) ** 2, 0, 1)
    line = my + b * 0.012 * (1 - q)
    upper = line - b * rng.uniform(0.035, 0.06) * q**0.6
    lower = line + b * rng.uniform(0.045, 0.08) * q**0.7
    paint(img, fill_mask(hw, [_strip(mx, upper, line)], blur), lips * 0.85)
    paint(img, fill_mask(hw, [_strip(mx, line, lower)], blur), lips)
    parting = fill_mask(hw, [_strip(mx, line - b * 0.006, line + b * 0.006)], blur * 0.7)
    paint(img, parting * 0.7, lips * 0.45)
    spot(img, (cx, my + b * 0.04), (mw * 0.35, b * 0.012), 0.12)
    spot(img, (cx, lower.max() + b * 0.045), (mw * 0.5, b * 0.025), -0.15)


def _hair_front(img, rng: np.random.Generator, p: SimpleNamespace, hw, hair_f) -> None:
    """A cap above a hairline that drops to the temples (casting a soft shadow); side locks."""
    a, b, cx, cy, blur = p.a, p.b, p.cx, p.cy, p.blur
    h0, drop, part = rng.uniform(0.48, 0.6), rng.uniform(0.55, 0.7), rng.uniform(-0.4, 0.4)
    if p.style == "bob":
        h0, drop = rng.uniform(0.3, 0.4), 0.1
    grow = 1.09 if p.style in ("curly", "long", "bob") else 1.05
    cap_t = np.linspace(np.pi * 0.95, np.pi * 2.05, 60)  # down the sides to the sideburns
    if p.style == "buzz":  # hugs the skull
        grow, outer = 1.0, _ellipse((cx, cy), (a, b), t=cap_t)
    else:
        outer = _ellipse((cx, cy - 0.06 * b), (a * grow, b * 1.03), t=cap_t, n=2.6)
    hx = np.linspace(cx + a * grow, cx - a * grow, 60)
    hu = (hx - cx) / a
    hline = cy - b * h0 + b * drop * np.abs(hu) ** 6 + b * 0.06 * np.tanh((hu - part) * 4)
    hline = np.minimum(hline, cy + 0.08 * b)
    shapes = [np.vstack([outer, np.stack([hx, hline], 1)])]
    if p.style in ("long", "bob", "curly"):
        end = {"long": 1.35, "bob": 0.7, "curly": 0.45}[p.style]
        for sx in (-1, 1):
            lock = [[0.8, -0.5], [grow * 1.1, -0.4], [1.2, end], [0.86, end]]
            shapes.append(np.array(lock) * (sx * a, b) + (cx, cy))
    cap = fill_mask(hw, shapes, blur * 2)
    shadow = np.zeros_like(cap)
    dy = max(1, int(b * 0.05))
    shadow[dy:] = cap[:-dy]
    img *= (1 - 0.35 * wide_blur(shadow, b * 0.06))[..., None]
    volume = 0.72 + 0.33 * wide_blur(cap, b * 0.12)  # rounded, darker at the edges
    paint(
        img,
        cap * (0.5 if p.style == "buzz" else 1.0),
        lambda sl: hair_f(sl) * volume[sl][..., None],
    )


def ghost(
    face_bgr: np.ndarray,
    *,
    line_period_px: float = 3.0,
    strength: float = 0.5,
    floor: float = 0.12,
    vignette: bool = True,
) -> np.ndarray:
    """The portrait as a faint screen of horizontal lines whose thickness follows darkness.

    Ghost images are printed as such line screens so that they cannot be lifted off as a
    continuous-tone photo; the mask peaks at ``strength`` where the face is black. Darkness
    below ``floor`` (a light photo backdrop) prints nothing, and ``vignette`` fades the
    picture out in an oval, as issuers do, so the photo's rectangle leaves no edge.
    """
    arr = np.asarray(face_bgr, np.float32)
    if arr.ndim not in (2, 3) or (arr.ndim == 3 and arr.shape[2] != 3) or arr.size == 0:
        raise ValueError(f"face_bgr must be an (h, w) or (h, w, 3) image, got {arr.shape}")
    period = check_positive("line_period_px", line_period_px)
    amp = check_positive("strength", strength)
    if amp > 1:
        raise ValueError(f"strength must be in (0, 1], got {strength!r}")
    grey = cv2.cvtColor(arr, cv2.COLOR_BGR2GRAY) if arr.ndim == 3 else arr
    if not 0 <= floor < 1:
        raise ValueError(f"floor must be in [0, 1), got {floor!r}")
    dark = np.clip((1.0 - grey / 255.0 - floor) / (1.0 - floor), 0.0, 1.0)
    if vignette:
        h, w = dark.shape
        yy = (np.arange(h, dtype=np.float32)[:, None] + 0.5) / h * 2 - 1
        xx = (np.arange(w, dtype=np.float32)[None, :] + 0.5) / w * 2 - 1
        dark = dark * np.clip((0.95 - np.hypot(xx, yy)) / 0.25, 0.0, 1.0)
    half = dark * (period / 2)  # half the line's thickness
    y = np.arange(arr.shape[0], dtype=np.float32)[:, None] + 0.5
    dist = np.abs(np.mod(y, period) - period / 2)  # pixel centre to the nearest line centre
    cover = np.zeros_like(dark)
    for d in (dist, period - dist):  # exact overlap of the pixel row with this and the next line
        cover += np.clip(np.minimum(d + 0.5, half) - np.maximum(d - 0.5, -half), 0.0, None)
    cover = np.clip(cover, 0.0, 1.0)
    return (cover * amp).astype(np.float32)
