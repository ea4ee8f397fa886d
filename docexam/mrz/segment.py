"""From a located MRZ block to one fixed-pitch character grid per line.

Inside an upright block (``block.py``), character-sized connected
components are clustered into lines, and each line gets a :class:`LineGrid` fitted to the
component centres. MRZ lines have ink in every position (fillers '<' are printed), so the
first and last components anchor the grid and the known line length (30, 36 or 44) fixes
the pitch; a quadratic term absorbs perspective. Merged or broken characters only drop out
of the fit, they do not shift the grid.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import cv2
import numpy as np

from docexam.mrz.block import BLOCK_CHAR_H
from docexam.mrz.ocr.cells import LineGrid

LINE_LENGTHS = (30, 36, 44)


@dataclass(frozen=True)
class _Comp:
    x0: float
    x1: float
    cx: float
    cy: float
    h: float
    w: float


def _components(block: np.ndarray) -> list[_Comp]:
    k = cv2.getStructuringElement(cv2.MORPH_RECT, (int(BLOCK_CHAR_H * 1.2) | 1,) * 2)
    bh = cv2.morphologyEx(block, cv2.MORPH_BLACKHAT, k).astype(np.float32)
    # Local contrast normalisation: under glare the strokes are faint but still the
    # darkest thing around; dividing by the local maximum keeps them.
    # (computed at a quarter of the resolution: a local maximum over 2 x 4 characters
    # needs no detail, and the full-size dilation was a tenth of the reading time)
    small = cv2.resize(bh, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    k_small = np.ones((int(BLOCK_CHAR_H / 2), int(BLOCK_CHAR_H)), np.uint8)
    local = cv2.resize(cv2.dilate(small, k_small), (bh.shape[1], bh.shape[0]))
    norm = bh / np.maximum(local, 12.0)
    t, _ = cv2.threshold(bh.astype(np.uint8), 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    mask = ((bh > t) | ((norm > 0.5) & (bh > 0.5 * t))).astype(np.uint8)
    _, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    x, y, w, h, area = stats[1:].T.astype(np.float64)
    keep = (
        (h >= 0.3 * BLOCK_CHAR_H)
        & (h <= 2.0 * BLOCK_CHAR_H)
        & (w <= 3.5 * BLOCK_CHAR_H)
        & (area >= 0.02 * BLOCK_CHAR_H**2)
    )
    return [
        _Comp(x[i], x[i] + w[i], x[i] + w[i] / 2.0, y[i] + h[i] / 2.0, h[i], w[i])
        for i in np.flatnonzero(keep)
    ]


def _cluster_lines(comps: list[_Comp]) -> list[list[_Comp]]:
    """Chains of neighbours: each component links to its nearest right-hand neighbour on
    about the same level, so lines that slope or converge (perspective) stay separate."""
    comps = sorted(comps, key=lambda c: c.cx)
    m = len(comps)
    if m == 0:
        return []
    cx = np.array([c.cx for c in comps])
    cy = np.array([c.cy for c in comps])
    hh = np.array([c.h for c in comps])
    right = np.full(m, -1)
    cost_r = np.full(m, np.inf)
    for i in range(m):
        h = max(hh[i], 0.6 * BLOCK_CHAR_H)
        j0 = np.searchsorted(cx, cx[i] + 0.25 * h, side="left")
        j1 = np.searchsorted(cx, cx[i] + 2.6 * h, side="right")
        if j0 >= j1:
            continue
        dx = cx[j0:j1] - cx[i]
        dy = np.abs(cy[j0:j1] - cy[i])
        ok = (dy < 0.45 * h) & (hh[j0:j1] > 0.5 * hh[i]) & (hh[j0:j1] < 2.0 * hh[i])
        if not ok.any():
            continue
        cost = np.where(ok, dx + 3.0 * dy, np.inf)
        k = int(np.argmin(cost))
        right[i] = j0 + k
        cost_r[i] = cost[k]
    # One left neighbour per component: the cheapest claim wins.
    claimed: dict[int, int] = {}
    for i in np.argsort(cost_r):
        j = int(right[i])
        if j >= 0 and j not in claimed and np.isfinite(cost_r[i]):
            claimed[j] = int(i)
    nxt = {i: j for j, i in claimed.items()}
    lines: list[list[_Comp]] = []
    for start in range(m):
        if start in claimed:  # has a left neighbour: not a chain start
            continue
        chain, i = [comps[start]], start
        while i in nxt:
            i = nxt[i]
            chain.append(comps[i])
        if len(chain) >= 8:
            lines.append(chain)
    lines.sort(key=lambda line: float(np.median([c.cy for c in line])))
    return lines


def _trim_line(line: list[_Comp]) -> list[_Comp]:
    """Drop components far off the line's baseline or separated by a wide gap at the ends."""
    ys = np.array([c.cy for c in line])
    xs = np.array([c.cx for c in line])
    fit = np.polyfit(xs, ys, 1) if len(line) >= 3 else np.array([0.0, float(np.median(ys))])
    res = np.abs(ys - np.polyval(fit, xs))
    keep = [c for c, r in zip(line, res, strict=True) if r < 0.35 * BLOCK_CHAR_H]
    if len(keep) < 3:
        return keep
    gaps = np.diff([c.cx for c in keep])
    typical = float(np.median(gaps))
    # Split at gaps far wider than a character pitch; keep the longest run.
    runs: list[list[_Comp]] = [[keep[0]]]
    for c, g in zip(keep[1:], gaps, strict=True):
        if g > 2.6 * max(typical, 0.5 * BLOCK_CHAR_H):
            runs.append([c])
        else:
            runs[-1].append(c)
    return max(runs, key=len)


def _line_extent(line: list[_Comp]) -> tuple[float, float, float]:
    """(first centre, last centre, median pitch) of a trimmed line."""
    cxs = np.array([c.cx for c in line])
    ws = np.array([c.w for c in line])
    singles = ws < 1.1 * BLOCK_CHAR_H
    gaps = np.diff(cxs)
    ok = singles[:-1] & singles[1:]
    pitch = float(np.median(gaps[ok])) if ok.any() else float(np.median(gaps))
    return float(cxs[0]), float(cxs[-1]), pitch


def estimate_line_length(lines: list[list[_Comp]]) -> int:
    """30, 36 or 44 characters, from the spans and pitches of the lines."""
    if len(lines) == 3:
        return 30
    estimates = []
    for line in lines:
        first, last, pitch = _line_extent(line)
        if pitch > 0:
            estimates.append((last - first) / pitch + 1)
    est = float(np.median(estimates)) if estimates else 44.0
    return min(LINE_LENGTHS[1:] if len(lines) == 2 else LINE_LENGTHS, key=lambda n: abs(n - est))


def _sequential_indices(xs: np.ndarray, pitch: float) -> np.ndarray:
    """Index of each character centre, walking left to right with a locally tracked pitch,
    so that perspective (a pitch that grows along the line) does not accumulate error."""
    idx = np.zeros(len(xs), dtype=np.int64)
    local = pitch
    for j in range(1, len(xs)):
        gap = xs[j] - xs[j - 1]
        k = max(1, round(gap / local))
        idx[j] = idx[j - 1] + k
        if 0.75 < gap / (k * local) < 1.3:
            local = 0.7 * local + 0.3 * gap / k
    return idx


def _fix_count(xs: np.ndarray, idx: np.ndarray, n: int) -> np.ndarray:
    """One index too few or too many: the step whose gap is least like its neighbours'
    pitch is the one to change (a gap of 1.5 pitches rounded the wrong way)."""
    steps = np.diff(idx)
    gaps = np.diff(xs)
    unit = gaps / steps
    local = np.array([np.median(unit[max(0, j - 4) : j + 5]) for j in range(len(unit))])
    ratio = gaps / (steps * local)
    if idx[-1] < n - 1:
        steps[int(np.argmax(ratio))] += 1
    else:
        shrinkable = steps > 1
        if not shrinkable.any():
            return idx
        steps[int(np.argmin(np.where(shrinkable, ratio, np.inf)))] -= 1
    return np.concatenate([[idx[0]], idx[0] + np.cumsum(steps)])


def fit_grid_variants(line: list[_Comp], n: int) -> list[LineGrid]:
    """Grid hypotheses for one line, likeliest first.

    When the walk along the line finds one character too few or too many, geometry alone
    cannot tell where: inside the line (a gap misjudged), before the first component (the
    first character lost to glare or the page edge) or after the last. All three are
    returned and the reader lets the classifier's confidence choose.
    """
    if len(line) < max(5, n // 5):
        return []
    first, last = line[0], line[-1]
    pitch0 = (last.cx - first.cx) / (n - 1)
    if pitch0 <= 0:
        return []
    gaps = np.diff([c.cx for c in line])
    near = gaps[(gaps > 0.7 * pitch0) & (gaps < 1.4 * pitch0)]
    local = float(np.median(near)) if len(near) else pitch0
    singles = [c for c in line if c.w < 1.2 * local]
    if len(singles) < 5:
        return []
    xs = np.array([c.cx for c in singles])
    idx = _sequential_indices(xs, local)
    # Anchor on the line's first component: index 0 is the first printed character.
    idx = idx + round((singles[0].cx - first.cx) / local)
    off = int(idx[-1]) - (n - 1)
    if off == 0:
        hypotheses = [idx]
    elif off == -1:  # one character missing: inside, at the start, or at the end
        hypotheses = [_fix_count(xs, idx, n), idx + 1, idx]
    elif off == 1:  # one too many: a misjudged gap, or a stray component at either end
        hypotheses = [_fix_count(xs, idx, n), idx - 1, idx]
    else:
        # The walk and the known length disagree badly: spread the n cells evenly
        # between the first and last ink.
        hypotheses = [np.round((xs - first.cx) / pitch0).astype(np.int64)]
    grids = [_grid_from(line, xs, h, n) for h in hypotheses]
    return [g for g in grids if g is not None]


def _grid_from(line: list[_Comp], xs: np.ndarray, idx: np.ndarray, n: int) -> LineGrid | None:
    ok = (idx >= 0) & (idx < n)
    if ok.sum() < 5:
        return None
    a = np.stack([np.ones(ok.sum()), idx[ok], idx[ok].astype(float) ** 2], axis=1)
    if len(set(idx[ok].tolist())) < 8:
        a = a[:, :2]
    sol, *_ = np.linalg.lstsq(a, xs[ok], rcond=None)
    x0, pitch = float(sol[0]), float(sol[1])
    curve = float(sol[2]) if len(sol) > 2 else 0.0
    if pitch <= 0:
        return None
    cx = np.array([c.cx for c in line])
    cy = np.array([c.cy for c in line])
    hs = np.array([c.h for c in line])
    slope, y_at0 = np.polyfit(cx, cy, 1)
    return LineGrid(
        n=n,
        x0=x0,
        pitch=pitch,
        y0=float(y_at0 + slope * x0),
        slope=float(slope),
        char_height=float(np.percentile(hs, 75)),
        curve=curve,
    )


@dataclass(frozen=True)
class _LineStats:
    comps: list[_Comp]
    first: float
    last: float
    pitch: float
    regular: float  # share of gaps within 30% of the pitch
    cy: float

    @property
    def span(self) -> float:
        return self.last - self.first


def _line_stats(line: list[_Comp]) -> _LineStats:
    first, last, pitch = _line_extent(line)
    gaps = np.diff([c.cx for c in line])
    regular = float(np.mean(np.abs(gaps - pitch) < 0.3 * pitch)) if len(gaps) else 0.0
    return _LineStats(line, first, last, pitch, regular, float(np.median([c.cy for c in line])))


def _compatible(a: _LineStats, b: _LineStats) -> bool:
    """Two lines of one MRZ: same start, same end, same pitch, one line spacing apart."""
    p = max(a.pitch, b.pitch)
    spacing = abs(b.cy - a.cy)
    return (
        abs(a.first - b.first) < 1.6 * p
        and abs(a.last - b.last) < 1.6 * p
        and 0.8 < a.pitch / b.pitch < 1.25
        and 1.1 * BLOCK_CHAR_H < spacing < 2.8 * BLOCK_CHAR_H
    )


def _clip_to_common_extent(group: list[_LineStats]) -> list[_LineStats] | None:
    """MRZ lines are equally long: drop stray components (a speck, the document's edge)
    that stick out past the other lines, unless that would cut a line noticeably short."""
    pitch = max(g.pitch for g in group)
    lo = max(g.first for g in group) - 0.5 * pitch
    hi = min(g.last for g in group) + 0.5 * pitch
    clipped = []
    for g in group:
        kept = [c for c in g.comps if lo <= c.cx <= hi]
        if len(kept) < 10 or (hi - lo) < 0.85 * g.span:
            return None
        clipped.append(g if len(kept) == len(g.comps) else _line_stats(kept))
    return clipped


def _pick_mrz_lines(lines: list[list[_Comp]]) -> list[list[_Comp]]:
    """The 2 or 3 adjacent lines that look most like an MRZ (regular, aligned, long)."""
    stats = [_line_stats(line) for line in lines]
    stats = [s for s in stats if len(s.comps) >= 10 and s.regular >= 0.5 and s.pitch > 0]
    best: list[_LineStats] = []
    best_score = -1.0
    for i in range(len(stats)):
        for k in (3, 2):
            group = stats[i : i + k]
            if len(group) < k:
                continue
            group = _clip_to_common_extent(group)
            if group is None:
                continue
            if not all(_compatible(a, b) for a, b in itertools.pairwise(group)):
                continue
            count = np.mean([len(g.comps) for g in group])
            # Three lines of 30 beat two of them (a TD1 with a line missing).
            score = count * np.mean([g.regular for g in group]) + (8 if k == 3 else 0)
            if k == 3 and abs(np.mean([g.span / g.pitch for g in group]) - 29) > 5:
                continue
            if score > best_score:
                best, best_score = group, score
    return [g.comps for g in best]


def segment_block(block: np.ndarray) -> list[LineGrid]:
    """Grids for the MRZ lines in an upright block (2 or 3 lines), top to bottom; [] if none."""
    return [variants[0] for variants in segment_block_variants(block)]


def segment_block_variants(block: np.ndarray) -> list[list[LineGrid]]:
    """Like segment_block, with every grid hypothesis of each line (likeliest first)."""
    lines = [_trim_line(line) for line in _cluster_lines(_components(block))]
    lines = _pick_mrz_lines([line for line in lines if len(line) >= 8])
    if len(lines) < 2:
        return []
    n = estimate_line_length(lines)
    variants = [fit_grid_variants(line, n) for line in lines]
    return variants if all(variants) else []
