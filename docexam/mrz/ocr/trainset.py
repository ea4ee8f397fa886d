"""Training cells for the OCR-B classifier, rendered from fonts-ocr-b and degraded.

Lines of MRZ characters are drawn at a known fixed-pitch grid, degraded the way scans and
photos degrade them (resolution, blur, stroke weight, background print, glare, noise, JPEG),
then cut into cells with :func:`docexam.mrz.ocr.cells.rectify_line` using a *jittered* copy
of the true grid, so the classifier also learns the small misplacements the reader's own
segmentation makes.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from docexam.mrz.ocr.cells import ALPHABET, LineGrid, rectify_line, split_cells

OCRB_FONT_DIRS = (Path("/usr/share/fonts/opentype/ocr-b"), Path("/usr/share/fonts/truetype/ocr-b"))
_FONT_FILES = ("OCRB.otf", "OCRBS.otf")
_HI_CAP = 48  # cap height of the high-resolution rendering, pixels


def find_ocrb_fonts() -> list[Path]:
    """The OCR-B font files from Debian's fonts-ocr-b (regular first)."""
    found = [d / f for f in _FONT_FILES for d in OCRB_FONT_DIRS if (d / f).is_file()]
    if not found:
        raise FileNotFoundError(
            "OCR-B font not found: install the Debian package fonts-ocr-b "
            f"(looked in {', '.join(str(d) for d in OCRB_FONT_DIRS)})"
        )
    return found


def _random_text(rng: np.random.Generator, n: int) -> str:
    if rng.random() < 0.5:
        return "".join(rng.choice(list(ALPHABET), size=n))
    out: list[str] = []
    while len(out) < n:
        r = rng.random()
        if r < 0.3:
            out.extend("<" * int(rng.integers(1, 12)))
        elif r < 0.6:
            out.extend(rng.choice(list(ALPHABET[10:36]), size=int(rng.integers(2, 10))))
        else:
            out.extend(rng.choice(list(ALPHABET[:10]), size=int(rng.integers(2, 10))))
    return "".join(out[:n])


def _render_line(
    text: str, font: ImageFont.FreeTypeFont, pitch: float, rng: np.random.Generator
) -> tuple[np.ndarray, LineGrid]:
    cap_top, cap_bottom = font.getbbox("H")[1], font.getbbox("H")[3]
    cap = cap_bottom - cap_top
    margin_x = int(2 * pitch)
    margin_y = int(1.6 * cap)
    w = int(margin_x * 2 + pitch * len(text))
    h = int(margin_y * 2 + cap)
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    for i, ch in enumerate(text):
        adv = font.getlength(ch)
        x = margin_x + i * pitch + (pitch - adv) / 2
        draw.text((x, margin_y - cap_top), ch, font=font, fill=0)
    arr = np.array(img)
    if rng.random() < 0.35:  # stroke weight varies between printers
        k = np.ones((3, 3), np.uint8)
        arr = cv2.erode(arr, k) if rng.random() < 0.5 else cv2.dilate(arr, k)
    grid = LineGrid(
        n=len(text),
        x0=margin_x + pitch / 2,
        pitch=pitch,
        y0=margin_y + cap / 2,
        slope=0.0,
        char_height=float(cap),
    )
    return arr, grid


def _background(rng: np.random.Generator, shape: tuple[int, int]) -> np.ndarray:
    h, w = shape
    base = np.full(shape, rng.uniform(150, 255), np.float32)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if rng.random() < 0.5:  # fine-line security print behind the MRZ
        f = rng.uniform(0.05, 0.3)
        phase = rng.uniform(0, 6.28)
        lines = np.sin(xx * f + np.sin(yy * f * 0.7 + phase) * rng.uniform(1, 6))
        base -= (lines > 0.7) * rng.uniform(10, 60)
    # Uneven light across the line.
    base *= 1 + rng.uniform(-0.25, 0.1) * (xx / w) + rng.uniform(-0.1, 0.1) * (yy / h)
    return base


def _degrade(
    ink_mask: np.ndarray, grid: LineGrid, rng: np.random.Generator
) -> tuple[np.ndarray, LineGrid]:
    h, w = ink_mask.shape
    alpha = 1.0 - ink_mask.astype(np.float32) / 255.0
    ink = rng.uniform(0, 110)
    img = _background(rng, (h, w)) * (1 - alpha) + ink * alpha
    # Glare: a bright soft spot that washes out contrast.
    if rng.random() < 0.25:
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        r = rng.uniform(0.5, 3) * h
        yy, xx = np.mgrid[0:h, 0:w]
        g = np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * r * r)) * rng.uniform(0.3, 0.75)
        img = img * (1 - g) + 255 * g
    # Small rotation: the grid follows.
    angle = rng.uniform(-1.5, 1.5)
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    img = cv2.warpAffine(img, m, (w, h), borderMode=cv2.BORDER_REPLICATE)
    x0, y0 = m @ np.array([grid.x0, grid.y0, 1.0])
    theta = -np.deg2rad(angle)
    grid = LineGrid(
        n=grid.n,
        x0=float(x0),
        pitch=grid.pitch * float(np.cos(theta)),
        y0=float(y0),
        slope=float(np.tan(theta)),
        char_height=grid.char_height,
    )
    # Resolution: characters from 6 (thumbnails) to 44 pixels high.
    target_h = float(np.exp(rng.uniform(np.log(6), np.log(44))))
    s = target_h / grid.char_height
    img = cv2.resize(img, None, fx=s, fy=s, interpolation=cv2.INTER_AREA)
    grid = LineGrid(
        n=grid.n,
        x0=grid.x0 * s,
        pitch=grid.pitch * s,
        y0=grid.y0 * s,
        slope=grid.slope,
        char_height=grid.char_height * s,
    )
    sigma = rng.uniform(0, 0.1) * target_h
    if sigma > 0.3:
        img = cv2.GaussianBlur(img, (0, 0), sigma)
    if rng.random() < 0.15:  # motion blur
        k = int(rng.integers(2, max(3, int(target_h * 0.2)) + 1))
        kernel = np.zeros((k, k), np.float32)
        kernel[k // 2, :] = 1.0 / k
        img = cv2.filter2D(img, -1, kernel)
    img = img + rng.normal(0, rng.uniform(0, 12), img.shape)
    img = np.clip(img, 0, 255).astype(np.uint8)
    if rng.random() < 0.6:
        q = int(rng.integers(25, 95))
        ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, q])
        if ok:
            img = cv2.imdecode(buf, cv2.IMREAD_GRAYSCALE)
    return img, grid


def _jitter(grid: LineGrid, rng: np.random.Generator) -> LineGrid:
    """The reader's grid estimate is never exact: train on near-misses too."""
    return LineGrid(
        n=grid.n,
        x0=grid.x0 + rng.normal(0, 0.07) * grid.pitch,
        pitch=grid.pitch * (1 + rng.normal(0, 0.004)),
        y0=grid.y0 + rng.normal(0, 0.07) * grid.char_height,
        slope=grid.slope + rng.normal(0, 0.004),
        char_height=grid.char_height * (1 + rng.normal(0, 0.07)),
    )


def make_training_cells(
    n_lines: int, *, seed: int, line_length: int = 44
) -> tuple[np.ndarray, np.ndarray]:
    """(features, labels): features (N, CELL_H*CELL_W) float32, labels indices into ALPHABET."""
    rng = np.random.default_rng(seed)
    fonts = find_ocrb_fonts()
    cache: dict[tuple[Path, int], ImageFont.FreeTypeFont] = {}
    xs: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    for _ in range(n_lines):
        path = fonts[0] if rng.random() < 0.8 else fonts[int(rng.integers(len(fonts)))]
        size = int(_HI_CAP / 0.72)
        font = cache.setdefault((path, size), ImageFont.truetype(str(path), size))
        pitch = _HI_CAP * rng.uniform(0.98, 1.3)
        text = _random_text(rng, line_length)
        ink, grid = _render_line(text, font, pitch, rng)
        img, grid = _degrade(ink, grid, rng)
        strip = rectify_line(img, _jitter(grid, rng))
        xs.append(split_cells(strip))
        ys.append(np.array([ALPHABET.index(c) for c in text], np.int64))
    return np.concatenate(xs).astype(np.float32), np.concatenate(ys)
