"""Candidate page outlines: quadrilaterals made of the straight lines of a capture.

Why so many rules here: the lines of a cluttered desk give thousands of quadrilaterals,
most of them nonsense (two text rows and two bars of a bar code). Kept are those whose
sides are really there (edge pixels of the right orientation along them), that meet near
where their lines were seen, are big enough and not absurdly skewed; ``page_evidence`` then
measures the best of them for what a document page looks like.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from docexam.examine import page_lines as pl

_PARALLEL = np.deg2rad(35)  # opposite sides may converge this much (phone perspective)
_CROSSING = np.deg2rad(50)  # adjacent sides meet at least this steeply
_MAX_PAIRS = 1200  # near-parallel line pairs kept (strongest first)
_MAX_TRIPLES = 400  # three-line candidates completed (best supported first)
_MIN_SIDE = 0.06  # shortest side, fraction of the working image's long side


@dataclass(frozen=True, eq=False)
class Candidates:
    """Stage-one candidates (working pixels): corners clockwise on screen, side support."""

    quads: np.ndarray  # (n, 4, 2)
    support: np.ndarray  # (n, 4) fraction of each side with aligned edge pixels
    completed: np.ndarray | None = None  # (n,) True: one side hypothesised, not detected

    @property
    def edge(self) -> np.ndarray:
        """Mean side support, discounted when one side is poorly supported."""
        s = np.clip(self.support, 0, 1)
        return s.mean(1) * np.clip(s.min(1) / 0.5, 0, 1) ** 0.5


def intersect(l1: np.ndarray, l2: np.ndarray) -> np.ndarray:
    """Intersections of Hough lines (rho, theta) row by row: (n, 2), NaN when parallel."""
    c1, s1, c2, s2 = np.cos(l1[:, 1]), np.sin(l1[:, 1]), np.cos(l2[:, 1]), np.sin(l2[:, 1])
    det = c1 * s2 - s1 * c2
    with np.errstate(divide="ignore", invalid="ignore"):
        x = (l1[:, 0] * s2 - l2[:, 0] * s1) / det
        y = (c1 * l2[:, 0] - c2 * l1[:, 0]) / det
    bad = np.abs(det) < 1e-6
    x[bad] = np.nan
    y[bad] = np.nan
    return np.stack([x, y], 1)


def _side_support(sup: pl.LineSupport, idx: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Fraction of the segment a-b (on line ``idx``) that has aligned edge pixels."""
    o, d, t0 = sup.origin[idx], sup.direction[idx], sup.t0[idx]
    ta = np.einsum("ij,ij->i", a - o, d) - t0
    tb = np.einsum("ij,ij->i", b - o, d) - t0
    lo, hi = np.minimum(ta, tb), np.maximum(ta, tb)
    n = sup.length[idx]
    ilo = np.clip(np.rint(lo).astype(int), 0, n)
    ihi = np.clip(np.rint(hi).astype(int), 0, n)
    got = sup.cum[idx, ihi] - sup.cum[idx, ilo]
    return got / np.maximum(hi - lo, 1.0)


def _parallel_pairs(
    lines: np.ndarray, ends: np.ndarray, count: np.ndarray, min_side: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs of lines that could be opposite sides: (i, j, mean normal angle)."""
    th = lines[:, 1]
    i, j = np.triu_indices(len(lines), 1)
    dth = np.abs(th[i] - th[j])
    dth = np.minimum(dth, np.pi - dth)
    phi = 0.5 * np.arctan2(np.sin(2 * th[i]) + np.sin(2 * th[j]),
                           np.cos(2 * th[i]) + np.cos(2 * th[j]))  # fmt: skip
    nrm = np.stack([np.cos(phi), np.sin(phi)], 1)
    sep = np.abs(np.einsum("pc,pc->p", ends[i].mean(1) - ends[j].mean(1), nrm))
    ok = (dth < _PARALLEL) & (sep > min_side)
    i, j, phi = i[ok], j[ok], phi[ok]
    if len(i) > _MAX_PAIRS:
        top = np.argsort(-np.minimum(count[i], count[j]), kind="stable")[:_MAX_PAIRS]
        i, j, phi = i[top], j[top], phi[top]
    return i, j, phi


def _plausible(q: np.ndarray, w: int, h: int, min_side: float) -> np.ndarray:
    """Finite, convex, inside the frame (3% slack), big enough, no extreme perspective."""
    finite = np.isfinite(q).all((1, 2))
    qq = np.nan_to_num(q, nan=-1e9)
    m = 0.03 * max(h, w)
    x, y = qq[..., 0], qq[..., 1]
    inside = ((x > -m) & (x < w - 1 + m) & (y > -m) & (y < h - 1 + m)).all(1)
    e = np.roll(qq, -1, 1) - qq
    en = np.roll(e, -1, 1)
    cross = e[..., 0] * en[..., 1] - e[..., 1] * en[..., 0]
    convex = (cross > 0).all(1) | (cross < 0).all(1)
    sides = np.linalg.norm(e, axis=2)
    big = sides.min(1) > min_side
    r02 = sides[:, 0] / np.maximum(sides[:, 2], 1e-9)
    r13 = sides[:, 1] / np.maximum(sides[:, 3], 1e-9)
    shape = (r02 > 0.6) & (r02 < 1 / 0.6) & (r13 > 0.6) & (r13 < 1 / 0.6)
    return finite & inside & convex & big & shape


def clockwise(q: np.ndarray) -> np.ndarray:
    """Quads (n, 4, 2) with their corners in screen-clockwise order (y pointing down)."""
    x, y = q[..., 0], q[..., 1]
    area2 = (x * np.roll(y, -1, 1) - np.roll(x, -1, 1) * y).sum(1)
    out = q.copy()
    out[area2 < 0] = q[area2 < 0][:, ::-1]
    return out


@dataclass(frozen=True, eq=False)
class LineSet:
    """The lines of a working image, their runs' extents and support, and parallel pairs."""

    lines: np.ndarray
    ends: np.ndarray
    sup: pl.LineSupport
    pi: np.ndarray
    pj: np.ndarray
    phi: np.ndarray
    min_side: float


def line_set(work: pl.Work) -> LineSet:
    """Lines, their support and their near-parallel pairs: shared by both candidate kinds."""
    h, w = work.edges.shape
    lines, ends = pl.lines_from_runs(work)
    sup = pl.line_support(work, lines)
    count = sup.cum[np.arange(len(lines)), sup.length]
    min_side = _MIN_SIDE * max(h, w)
    pi_, pj_, phi = _parallel_pairs(lines, ends, count, min_side)
    return LineSet(lines, ends, sup, pi_, pj_, phi, min_side)


def four_line(work: pl.Work, ls: LineSet) -> Candidates:
    """Quads whose four sides lie on four detected lines."""
    if len(ls.lines) < 4:
        return _oriented(np.zeros((0, 4, 2)), np.zeros((0, 4)))
    return _four_line(work, ls.lines, ls.ends, ls.sup, ls.pi, ls.pj, ls.phi, ls.min_side)


def three_line(work: pl.Work, ls: LineSet, expected: np.ndarray) -> Candidates:
    """Quads on three detected lines, the fourth side hypothesised (see ``_three_line``)."""
    if len(ls.lines) < 3:
        return _oriented(np.zeros((0, 4, 2)), np.zeros((0, 4)), True)
    c = _three_line(work, ls.lines, ls.ends, ls.sup, ls.pi, ls.pj, ls.phi, ls.min_side, expected)
    return Candidates(c.quads, c.support, np.ones(len(c.quads), bool))


def _corners(lines: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """(n, n) bool: lines i and k cross near (or within) both of their detected runs."""
    n = len(lines)
    i, k = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    x = intersect(lines[i.ravel()], lines[k.ravel()]).reshape(n, n, 2)
    d = ends[:, 1] - ends[:, 0]
    length = np.maximum(np.linalg.norm(d, axis=1), 1e-9)
    u = d / length[:, None]
    tol = 0.5 * length + 5.0

    def near(a: np.ndarray) -> np.ndarray:  # x[a-th line index] relative to line a's run
        t = (
            np.einsum("ijc,ic->ij", x - ends[:, None, 0], u)
            if a == 0
            else np.einsum("ijc,jc->ij", x - ends[None, :, 0], u)
        )
        lo = -tol[:, None] if a == 0 else -tol[None, :]
        hi = (length + tol)[:, None] if a == 0 else (length + tol)[None, :]
        return (t >= lo) & (t <= hi)

    with np.errstate(invalid="ignore"):
        ok = near(0) & near(1) & np.isfinite(x).all(2)
    return ok


def _four_line(
    work: pl.Work,
    lines: np.ndarray,
    ends: np.ndarray,
    sup: pl.LineSupport,
    pi_: np.ndarray,
    pj_: np.ndarray,
    phi: np.ndarray,
    min_side: float,
) -> Candidates:
    """Quads whose four sides lie on four detected lines (two crossing parallel pairs).

    Only pairs of pairs whose lines meet near their detected runs at two corners or more
    are formed: that keeps the enumeration small on a cluttered desk, so the number of line
    pairs need hardly be capped (a tight cap drops a page side that is only partly visible,
    the first to go when pairs are ranked by support).
    """
    h, w = work.edges.shape
    c = _corners(lines, ends).astype(np.int8)
    a_, b_ = c[pi_], c[pj_]  # (P, n): corner of pair line i / j with every line
    hits = a_[:, pi_] + b_[:, pi_] + a_[:, pj_] + b_[:, pj_]  # (P, P) corners of pair x pair
    dphi = np.abs(phi[:, None] - phi[None, :]) % np.pi
    cross = np.minimum(dphi, np.pi - dphi) > _CROSSING
    a, b = np.nonzero(np.triu((hits >= 2) & cross, 1))
    li, lj, lk, ll = pi_[a], pj_[a], pi_[b], pj_[b]
    q = np.stack([intersect(lines[li], lines[lk]), intersect(lines[lk], lines[lj]),
                  intersect(lines[lj], lines[ll]), intersect(lines[ll], lines[li])], 1)  # fmt: skip
    keep = _plausible(q, w, h, min_side)
    q, li, lj, lk, ll = q[keep], li[keep], lj[keep], lk[keep], ll[keep]
    # Side k runs from corner k to k+1: c0-c1 on line lk, c1-c2 on lj, c2-c3 on ll, c3-c0 on li.
    s = np.stack([_side_support(sup, lk, q[:, 0], q[:, 1]),
                  _side_support(sup, lj, q[:, 1], q[:, 2]),
                  _side_support(sup, ll, q[:, 2], q[:, 3]),
                  _side_support(sup, li, q[:, 3], q[:, 0])], 1)  # fmt: skip
    return _oriented(q, s)


def _oriented(q: np.ndarray, s: np.ndarray, completed: bool = False) -> Candidates:
    """Candidates with corners made screen-clockwise (side supports following them)."""
    if not len(q):
        return Candidates(np.zeros((0, 4, 2)), np.zeros((0, 4)), np.zeros(0, bool))
    x, y = q[..., 0], q[..., 1]
    flip = (x * np.roll(y, -1, 1) - np.roll(x, -1, 1) * y).sum(1) < 0
    s = s.copy()
    s[flip] = s[flip][:, [2, 1, 0, 3]]  # reversed corners: side k becomes side 2 - k (mod 4)
    return Candidates(clockwise(q), s, np.full(len(q), completed))


def _three_line(
    work: pl.Work,
    lines: np.ndarray,
    ends: np.ndarray,
    sup: pl.LineSupport,
    pi_: np.ndarray,
    pj_: np.ndarray,
    phi: np.ndarray,
    min_side: float,
    expected: np.ndarray,
) -> Candidates:
    """Quads from a parallel pair and one crossing line, the fourth side hypothesised.

    Why: a page side against a sheet of paper of the same tone, or washed out by glare, is
    often not found as a line while the other three are. The two detected corners must be
    real (both parallel lines' detected runs reach them); the missing side is placed where
    the longer of the two parallel runs ends, where each expected aspect puts it, and at the
    strongest step within the expected aspects' range. Its support is then measured like
    any other side's, the ``completed`` feature costs it score, and refinement finds its
    exact position when it is chosen.
    """
    h, w = work.edges.shape
    n = len(lines)
    pair = np.repeat(np.arange(len(pi_)), n)
    k = np.tile(np.arange(n), len(pi_))
    li, lj = pi_[pair], pj_[pair]
    dk = np.abs(phi[pair] - lines[k, 1]) % np.pi
    ok = (np.minimum(dk, np.pi - dk) > _CROSSING) & (k != li) & (k != lj)
    li, lj, k = li[ok], lj[ok], k[ok]
    ca = intersect(lines[li], lines[k])
    cb = intersect(lines[lj], lines[k])
    side = np.linalg.norm(cb - ca, axis=1)
    good = np.isfinite(side) & (side > min_side)
    if not good.any():
        return _oriented(np.zeros((0, 4, 2)), np.zeros((0, 4)))
    li, lj, k, ca, cb, side = li[good], lj[good], k[good], ca[good], cb[good], side[good]
    # Which end of each parallel line's run is at the corner, which is far from it.
    ei, ej = ends[li], ends[lj]
    di = np.linalg.norm(ei - ca[:, None], axis=2)
    dj = np.linalg.norm(ej - cb[:, None], axis=2)
    near_i, near_j = di.min(1), dj.min(1)
    far_i = ei[np.arange(len(li)), di.argmax(1)]
    far_j = ej[np.arange(len(lj)), dj.argmax(1)]
    reach_i, reach_j = di.max(1), dj.max(1)
    s_k = _side_support(sup, k, ca, cb)
    real = (near_i < 0.12 * side) & (near_j < 0.12 * side) & (s_k > 0.5)
    real &= np.maximum(reach_i, reach_j) > 0.4 * side
    if not real.any():
        return _oriented(np.zeros((0, 4, 2)), np.zeros((0, 4)))
    li, lj, k, ca, cb, side = li[real], lj[real], k[real], ca[real], cb[real], side[real]
    far_i, far_j, reach_i, reach_j = far_i[real], far_j[real], reach_i[real], reach_j[real]
    if len(li) > _MAX_TRIPLES:
        top = np.argsort(-(s_k[real] + np.minimum(reach_i, reach_j) / side), kind="stable")
        top = top[:_MAX_TRIPLES]
        li, lj, k, ca, cb, side = li[top], lj[top], k[top], ca[top], cb[top], side[top]
        far_i, far_j, reach_i, reach_j = far_i[top], far_j[top], reach_i[top], reach_j[top]
    # Unit directions along the parallel lines, pointing away from the crossing line.
    ui = (far_i - ca) / np.maximum(reach_i, 1e-9)[:, None]
    uj = (far_j - cb) / np.maximum(reach_j, 1e-9)[:, None]
    lengths = [np.maximum(reach_i, reach_j)]
    for e in np.unique(np.round(expected, 2)):
        lengths += [side * e, side / e]
    lo, hi = np.min(expected), np.max(expected)
    for a, b in ((0.85 / hi, 1.1 / lo), (0.9 * lo, 1.15 * hi)):  # crossing side long / short
        lengths.append(_best_step(work, ca, cb, ui, uj, side * a, side * b))
    quads, sups = [], []
    for length in lengths:
        c = ca + ui * length[:, None]
        d = cb + uj * length[:, None]
        q = np.stack([ca, cb, d, c], 1)
        keep = _plausible(q, w, h, min_side)
        if not keep.any():
            continue
        q = q[keep]
        s = np.stack([_side_support(sup, k[keep], q[:, 0], q[:, 1]),
                      _side_support(sup, lj[keep], q[:, 1], q[:, 2]),
                      pl.segment_support(work, q[:, 2], q[:, 3]),
                      _side_support(sup, li[keep], q[:, 3], q[:, 0])], 1)  # fmt: skip
        quads.append(q)
        sups.append(s)
    if not quads:
        return _oriented(np.zeros((0, 4, 2)), np.zeros((0, 4)))
    return _oriented(np.concatenate(quads), np.concatenate(sups))


def _best_step(
    work: pl.Work,
    ca: np.ndarray,
    cb: np.ndarray,
    ui: np.ndarray,
    uj: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
) -> np.ndarray:
    """Distance along ui/uj (within lo..hi) where a side parallel to ca-cb has the largest
    colour/brightness step: the hypothesised fourth side of a three-line candidate."""
    steps = 48
    f = np.linspace(0.0, 1.0, steps)
    dist = lo[:, None] + f[None, :] * (hi - lo)[:, None]  # (n, steps)
    t = np.linspace(0.15, 0.85, 10)
    c = ca[:, None] + ui[:, None] * dist[..., None]  # (n, steps, 2)
    d = cb[:, None] + uj[:, None] * dist[..., None]
    p = c[:, :, None] + t[None, None, :, None] * (d - c)[:, :, None]  # (n, steps, t, 2)
    u = (ui + uj) / 2
    u /= np.maximum(np.linalg.norm(u, axis=1, keepdims=True), 1e-9)
    off = (2.5 * u)[:, None, None]
    diff = sample(work.chan_box, p + off) - sample(work.chan_box, p - off)
    score = np.median(np.linalg.norm(diff, axis=-1), axis=2)
    return dist[np.arange(len(dist)), np.argmax(score, 1)]


def sample(img: np.ndarray, pts: np.ndarray) -> np.ndarray:
    """Nearest-pixel values of ``img`` at points (..., 2), clamped to the image."""
    h, w = img.shape[:2]
    xi = np.clip(np.rint(pts[..., 0]).astype(int), 0, w - 1)
    yi = np.clip(np.rint(pts[..., 1]).astype(int), 0, h - 1)
    return img[yi, xi]
