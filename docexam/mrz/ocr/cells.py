"""Character cells: the one geometry shared by training and reading.

A text line is described by a :class:`LineGrid` (where each of its ``n`` fixed-pitch
character cells sits in the image). :func:`rectify_line` resamples the line into a strip
of ``n`` cells of ``CELL_H x CELL_W`` pixels, one character centred in each. Training
renders lines, describes them with a (jittered) grid and calls the same function, so the
classifier sees exactly what the reader will give it.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<"
CELL_W = 20
CELL_H = 28
# The cell spans this many character heights vertically, centred on the character.
CELL_SPAN = 1.4
# Character height inside the working resolution of a strip (CELL_H / CELL_SPAN).
_TARGET_CHAR_H = CELL_H / CELL_SPAN


@dataclass(frozen=True)
class LineGrid:
    """Where a line's character cells are: x_i = x0 + pitch*i + curve*i^2 (perspective).

    y0 is the line's centre height at x0; char_height is the height of a capital letter.
    """

    n: int
    x0: float
    pitch: float
    y0: float
    slope: float
    char_height: float
    curve: float = 0.0

    def centers_x(self) -> np.ndarray:
        i = np.arange(self.n, dtype=np.float64)
        return self.x0 + self.pitch * i + self.curve * i * i

    def center_y(self, x: np.ndarray) -> np.ndarray:
        return self.y0 + self.slope * (np.asarray(x, dtype=np.float64) - self.x0)


def rectify_line(gray: np.ndarray, grid: LineGrid) -> np.ndarray:
    """Resample one line into a float32 strip (CELL_H, n*CELL_W), ink = 1, paper = 0."""
    if grid.n <= 0 or grid.pitch <= 0 or grid.char_height <= 0:
        raise ValueError("grid must have n > 0, pitch > 0 and char_height > 0")
    img = gray
    scale = 1.0
    # Downscale first (area filter) so that remapping does not alias large text.
    if grid.char_height > 1.5 * _TARGET_CHAR_H:
        xs = grid.centers_x()
        half = CELL_SPAN * grid.char_height
        x_lo = max(0, int(xs.min() - 2 * grid.pitch))
        x_hi = min(gray.shape[1], int(xs.max() + 2 * grid.pitch) + 1)
        ys = grid.center_y(xs)
        y_lo = max(0, int(ys.min() - half))
        y_hi = min(gray.shape[0], int(ys.max() + half) + 1)
        if x_hi - x_lo < 2 or y_hi - y_lo < 2:
            return np.zeros((CELL_H, grid.n * CELL_W), np.float32)
        scale = _TARGET_CHAR_H / grid.char_height
        crop = gray[y_lo:y_hi, x_lo:x_hi]
        img = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        grid = LineGrid(
            n=grid.n,
            x0=(grid.x0 - x_lo) * scale,
            pitch=grid.pitch * scale,
            y0=(grid.y0 - y_lo) * scale,
            slope=grid.slope,
            char_height=grid.char_height * scale,
            curve=grid.curve * scale,
        )
    # Cells are centred on the grid but scaled by the character *height* in both
    # directions, so a glyph keeps its aspect ratio whatever the pitch: the narrow '0'
    # and the round 'O' of OCR-B differ mainly in width.
    col = np.arange(grid.n * CELL_W, dtype=np.float64)
    i = np.floor(col / CELL_W)
    frac = (col - i * CELL_W + 0.5) / CELL_W - 0.5
    centre = grid.x0 + grid.pitch * i + grid.curve * i * i
    x = centre + frac * grid.char_height * CELL_SPAN * CELL_W / CELL_H
    v = ((np.arange(CELL_H, dtype=np.float64) + 0.5) / CELL_H - 0.5) * CELL_SPAN
    yc = grid.center_y(x)
    map_x = np.broadcast_to(x, (CELL_H, x.size)).astype(np.float32)
    map_y = (yc[None, :] + v[:, None] * grid.char_height).astype(np.float32)
    strip = cv2.remap(
        img, map_x, map_y, interpolation=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    return _normalise_cells(strip.astype(np.float32), grid.n)


def _normalise_cells(strip: np.ndarray, n: int) -> np.ndarray:
    """Per-cell contrast stretch: every MRZ cell holds ink, so each has its own black and white.

    Per cell (not per line) because glare and uneven light change contrast along a line.
    """
    cells = strip.reshape(CELL_H, n, CELL_W).transpose(1, 0, 2).reshape(n, -1)
    lo = np.percentile(cells, 3, axis=1, keepdims=True)
    hi = np.percentile(cells, 97, axis=1, keepdims=True)
    # Neighbouring cells share the paper level; take the brightest of three to avoid
    # stretching a cell that is all ink.
    hi_n = np.maximum(hi, np.maximum(np.roll(hi, 1, axis=0), np.roll(hi, -1, axis=0)))
    span = np.maximum(hi_n - lo, 12.0)
    out = np.clip((hi_n - cells) / span, 0.0, 1.0)
    return out.reshape(n, CELL_H, CELL_W).transpose(1, 0, 2).reshape(CELL_H, n * CELL_W)


def split_cells(strip: np.ndarray) -> np.ndarray:
    """(CELL_H, n*CELL_W) strip -> (n, CELL_H*CELL_W) feature rows."""
    n = strip.shape[1] // CELL_W
    return strip.reshape(CELL_H, n, CELL_W).transpose(1, 0, 2).reshape(n, CELL_H * CELL_W)
