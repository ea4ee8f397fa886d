"""What makes a quadrilateral a document page: measured evidence and the ranking score.

Why these measurements: a page differs from a sheet of text, a bar code or a patch of desk
by a step in colour or brightness all along its outline (background on one side, paper on
the other; a printed line inside a page is a line, not a step), by fine coloured print all
over its inside (guilloche, rainbow print, a portrait) and by what lies just outside it
(background, not more print: a part of a page is not the page). The score is linear in a
few functions of these (``FEATURES``); its weights were fitted on studio captures, see
``page_quad``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from docexam.examine import page_lines as pl
from docexam.examine.page_candidates import sample

_STEP_OFFSET = 3.0  # working px either side of an outline where the step is measured
_GRID = np.stack(np.meshgrid(np.linspace(0.08, 0.92, 12), np.linspace(0.08, 0.92, 8)), -1)
_GRID = _GRID.reshape(-1, 2)  # where the inside is sampled (unit square, 8 % margin)
_T = np.linspace(0.1, 0.9, 24)  # where along each side the step is sampled
_RING = (5.0, 9.0)  # working px outside the outline where the background is sampled


def side_lengths(q: np.ndarray) -> np.ndarray:
    """Lengths of the sides corner k -> k+1 of quads (..., 4, 2)."""
    return np.linalg.norm(np.roll(q, -1, -2) - q, axis=-1)


def aspect(q: np.ndarray) -> np.ndarray:
    """Long / short side of quads (..., 4, 2): mean of opposite sides."""
    s = side_lengths(q)
    a, b = (s[..., 0] + s[..., 2]) / 2, (s[..., 1] + s[..., 3]) / 2
    return np.maximum(a, b) / np.maximum(np.minimum(a, b), 1e-9)


def aspect_match(asp: np.ndarray, expected: np.ndarray, sigma: float = 0.05) -> np.ndarray:
    """1 for an expected aspect, falling off as a gaussian in log-aspect (``sigma``)."""
    err = np.min(np.abs(np.log(asp[:, None] / expected[None, :])), 1)
    return np.exp(-0.5 * (err / sigma) ** 2)


def bilinear(q: np.ndarray, uv: np.ndarray) -> np.ndarray:
    """Points at unit-square coordinates ``uv`` (m, 2) inside quads (n, 4, 2): (n, m, 2)."""
    u, v = uv[None, :, 0, None], uv[None, :, 1, None]
    c0, c1, c2, c3 = (q[:, None, k] for k in range(4))
    return (1 - u) * (1 - v) * c0 + u * (1 - v) * c1 + u * v * c2 + (1 - u) * v * c3


@dataclass(frozen=True, eq=False)
class Evidence:
    """Stage-two evidence per quad."""

    step: np.ndarray  # (n, 4) median colour/brightness step across each side
    detail: np.ndarray  # (n,) fraction of the inside with fine detail
    colour: np.ndarray  # (n,) mean fine colour detail inside
    area: np.ndarray  # (n,) fraction of the frame
    outside: np.ndarray  # (n,) mean fine colour detail just outside (NaN: all off-frame)
    seen: np.ndarray  # (n,) fraction of those outside samples inside the frame


def evidence(work: pl.Work, q: np.ndarray) -> Evidence:
    """Measure steps across the outline and the print inside, for quads (n, 4, 2)."""
    h, w = work.edges.shape
    if not len(q):
        z = np.zeros(0)
        return Evidence(np.zeros((0, 4)), z, z, z, z, z)
    inner = bilinear(q, _GRID)
    det = sample(work.detail_box, inner)
    col = sample(work.colour_box, inner)
    a, b = q, np.roll(q, -1, 1)
    p = a[:, :, None] + _T[None, None, :, None] * (b - a)[:, :, None]  # (n, 4, t, 2)
    u = (b - a) / np.maximum(np.linalg.norm(b - a, axis=2, keepdims=True), 1e-9)
    out = np.stack([u[..., 1], -u[..., 0]], -1)  # outward for screen-clockwise quads
    off = (_STEP_OFFSET * out)[:, :, None]
    diff = sample(work.chan_box, p - off) - sample(work.chan_box, p + off)
    step = np.median(np.linalg.norm(diff, axis=-1), axis=2)
    # Just outside the outline: background for a page, more print for a part of a page.
    ring = np.concatenate([p + (k * out)[:, :, None] for k in _RING], 2)  # (n, 4, r, 2)
    x, y = ring[..., 0], ring[..., 1]
    seen = (x >= 0) & (x <= w - 1) & (y >= 0) & (y <= h - 1)
    rcol = sample(work.colour_box, ring) * seen
    n_seen = seen.sum((1, 2))
    with np.errstate(invalid="ignore", divide="ignore"):
        outside = np.where(n_seen > 0, rcol.sum((1, 2)) / n_seen, np.nan)
    qx, qy = q[..., 0], q[..., 1]
    area = 0.5 * np.abs((qx * np.roll(qy, -1, 1) - np.roll(qx, -1, 1) * qy).sum(1))
    return Evidence(step, (det > 3.0).mean(1), col.mean(1), area / (h * w), outside,
                    n_seen / (4 * ring.shape[2]))  # fmt: skip


FEATURES = ("support_mean", "support_min", "aspect_err", "aspect_err2", "log_area", "log_step_min",
            "log_step_med", "step_balance", "log_colour", "detail", "outside_ratio", "log_outside",
            "completed", "one")  # fmt: skip


def feature_matrix(
    support: np.ndarray,
    asp: np.ndarray,
    expected: np.ndarray,
    ev: Evidence,
    completed: np.ndarray,
) -> np.ndarray:
    """The candidates' features (n, len(FEATURES)) for the linear ranking score."""
    err = np.min(np.abs(np.log(asp[:, None] / expected[None, :])), 1) / 0.05
    st = np.sort(ev.step, 1)
    colour = np.maximum(ev.colour, 0)
    outside = np.where(np.isfinite(ev.outside), ev.outside, colour)
    ratio = np.clip(outside / np.maximum(colour, 0.05), 0, 2)
    return np.stack([
        support.mean(1), support.min(1), err, err**2, np.log10(np.maximum(ev.area, 1e-4)),
        np.log1p(st[:, 0]), np.log1p(np.median(st, 1)), np.log1p(st[:, 0]) - np.log1p(st[:, 3]),
        np.log(0.2 + colour), ev.detail, ratio, np.log(0.2 + outside), completed.astype(float),
        np.ones(len(asp)),
    ], 1)  # fmt: skip
