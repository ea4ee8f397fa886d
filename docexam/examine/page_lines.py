"""Edges and straight lines of a capture's working copy: the raw material of ``find_page``.

Why its own module: the page finder needs three things from the pixels, computed once per
image at a small working resolution: an edge map that sees colour steps as well as grey
ones (a white page on a white scanner lid differs mostly in tint), the long straight lines
of that map with their support along every position, and maps of fine detail that tell a
printed document from a desk, a blank sheet or sensor noise.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

WORK_PX = 640  # long side of the working copy (about 3-6 px/mm of a phone-photographed page)
_CHROMA_WEIGHT = 1.5  # colour steps count more: sensor noise is mostly luminance
_ORIENT_BINS = 36  # gradient orientation quantised in 5 degree steps (mod 180)
_ORIENT_TOL = 4  # a line's edge pixels may deviate by up to 4 bins (20 degrees)
_MAX_LINES = 48  # lines kept (most supported first): a page's four are among them
_MAX_RUNS = 300  # straight runs merged into lines (longest first)


@dataclass(frozen=True, eq=False)
class Work:
    """The working copy (BGR uint8) and the maps derived from it, in working pixels.

    ``f``: integer downscale factor; full-resolution pixel centre = f * work + (f - 1) / 2.
    ``edges``: uint8 orientation bin + 1 of edge pixels on straight runs (0: none);
    ``runs``: those runs (centre x, centre y, direction angle, length);
    ``chan_box``: (h, w, 3) grey and colour differences, 3x3 mean;
    ``detail_box`` / ``colour_box``: fine grey + colour / colour-only detail, 5x5 mean.
    """

    img: np.ndarray
    f: int
    edges: np.ndarray
    runs: np.ndarray
    chan_box: np.ndarray
    detail_box: np.ndarray
    colour_box: np.ndarray


def working(white: np.ndarray) -> Work:
    """Downscale by an integer factor and derive the maps.

    An integer factor because OpenCV's area resampling has a fast path for it (a 3000 x 2000
    photo in about 5 ms instead of 28); the edge thresholds follow the image's own gradient
    noise (its quietest quarter), so a dim UV-like or a noisy phone image is treated alike.
    """
    h, w = white.shape[:2]
    f = max(1, round(max(h, w) / WORK_PX))
    if f > 1:
        view = white[: h - h % f, : w - w % f]
        small = cv2.resize(view, (w // f, h // f), interpolation=cv2.INTER_AREA)
    else:
        small = white
    if small.ndim == 2:
        small = cv2.cvtColor(small, cv2.COLOR_GRAY2BGR)
    cw = _CHROMA_WEIGHT
    to_chan = np.array([[0.114, 0.587, 0.299], [0, -cw, cw], [cw, -cw, 0]], np.float32)
    chan = cv2.transform(small.astype(np.float32), to_chan)  # grey, R-G, B-G
    # Multi-channel gradient (Di Zenzo): the structure tensor summed over the channels.
    sm = cv2.GaussianBlur(chan, (0, 0), 1.0)
    gx = cv2.Sobel(sm, cv2.CV_32F, 1, 0, ksize=3, scale=1 / 8)
    gy = cv2.Sobel(sm, cv2.CV_32F, 0, 1, ksize=3, scale=1 / 8)
    ones = np.ones((1, 3), np.float32)
    jxx = cv2.transform(gx * gx, ones)
    jyy = cv2.transform(gy * gy, ones)
    jxy = cv2.transform(gx * gy, ones)
    half = (jxx - jyy) * 0.5
    root = cv2.sqrt(half * half + jxy * jxy)
    mag = cv2.sqrt(np.maximum((jxx + jyy) * 0.5 + root, 0))
    theta = cv2.phase(half, jxy) * 0.5  # gradient direction, 0..pi
    cos2 = half / np.maximum(root, 1e-12)  # cos(2 theta): no trigonometry per pixel
    dx = mag * cv2.sqrt(np.maximum((1 + cos2) * 0.5, 0))
    dy = mag * cv2.sqrt(np.maximum((1 - cos2) * 0.5, 0)) * np.sign(jxy)
    noise = float(np.percentile(mag[::3, ::3], 25))
    lo, hi = max(2.5 * noise, 0.8), max(5.0 * noise, 1.6)
    dx16 = np.clip(dx * 16, -32000, 32000).astype(np.int16)
    dy16 = np.clip(dy * 16, -32000, 32000).astype(np.int16)
    canny = cv2.Canny(dx16, dy16, lo * 16, hi * 16, L2gradient=True)
    bins = (theta * (_ORIENT_BINS / np.pi)).astype(np.int32) % _ORIENT_BINS
    edges = np.where(canny > 0, bins + 1, 0).astype(np.uint8)
    edges, runs = _straight(edges, max(12, round(0.04 * max(edges.shape))))
    d = cv2.absdiff(chan, cv2.GaussianBlur(chan, (0, 0), 2.0))
    detail = cv2.transform(d, np.array([[1, 0.5, 0.5], [0, 0.5, 0.5]], np.float32))
    detail_box = cv2.blur(detail, (5, 5))
    return Work(small, f, edges, runs, cv2.blur(chan, (3, 3)), detail_box[..., 0].copy(),
                detail_box[..., 1].copy())  # fmt: skip


def _straight(edges: np.ndarray, min_len: int) -> tuple[np.ndarray, np.ndarray]:
    """The edge pixels that belong to long, thin, straight runs, and those runs.

    Why: a printed page is full of edges (guilloche, text, portrait) that would vote for
    spurious lines; the page outline is made of long straight runs. Pixels are grouped by
    orientation class (30 degrees wide, every 15 degrees, so a straight run falls wholly
    into one), each class's connected components are measured by their second moments, and
    only components that are long (>= ``min_len``) and thin are kept. Returns the kept pixels
    (orientation bin + 1) and the runs as rows (centre x, centre y, direction angle, length).
    """
    out = np.zeros_like(edges)
    ys, xs = np.nonzero(edges)
    if not len(xs):
        return out, np.zeros((0, 4))
    pix_bin = edges[ys, xs].astype(np.int32) - 1
    step = _ORIENT_BINS // 12
    segs = []
    mask = np.zeros(edges.shape, np.uint8)
    for c in range(12):
        d = np.abs(pix_bin - c * step) % _ORIENT_BINS
        sel = np.minimum(d, _ORIENT_BINS - d) <= step
        if sel.sum() < min_len:
            continue
        sy, sx = ys[sel], xs[sel]
        mask[sy, sx] = 1
        n, labels = cv2.connectedComponents(mask, connectivity=8)
        mask[sy, sx] = 0
        lab = labels[sy, sx]
        x, y = sx.astype(np.float64), sy.astype(np.float64)
        cnt = np.maximum(np.bincount(lab, minlength=n), 1)
        mx, my = np.bincount(lab, x, n) / cnt, np.bincount(lab, y, n) / cnt
        dx, dy = x - mx[lab], y - my[lab]
        sxx, syy = np.bincount(lab, dx * dx, n) / cnt, np.bincount(lab, dy * dy, n) / cnt
        sxy = np.bincount(lab, dx * dy, n) / cnt
        half = (sxx - syy) / 2
        root = np.sqrt(half * half + sxy * sxy)
        l1, l2 = (sxx + syy) / 2 + root, np.maximum((sxx + syy) / 2 - root, 0)
        length = np.sqrt(12 * l1)
        good = (
            (length >= min_len)
            & (np.sqrt(l2) <= np.maximum(1.2, 0.02 * length))
            & (cnt >= 0.7 * length)
        )
        good[0] = False
        keep = good[lab]
        out[sy[keep], sx[keep]] = edges[sy[keep], sx[keep]]
        ang = 0.5 * np.arctan2(2 * sxy, sxx - syy)  # direction of the run
        g = np.nonzero(good)[0]
        segs.append(np.stack([mx[g], my[g], ang[g], length[g]], 1))
    return out, (np.concatenate(segs) if segs else np.zeros((0, 4)))


def lines_from_runs(work: Work) -> tuple[np.ndarray, np.ndarray]:
    """Straight runs merged into lines: (rho, theta) rows and each line's extent (n, 2, 2).

    Why not a Hough transform over the whole frame: on a cluttered desk it adds up
    unrelated collinear fragments (text rows of two sheets, bar codes) into lines that are
    nowhere; merging measured runs that lie on one line keeps every line anchored to real
    edges and gives its true extent, which prunes impossible quads early.
    """
    runs = work.runs[np.argsort(-work.runs[:, 3])][:_MAX_RUNS]
    if not len(runs):
        return np.zeros((0, 2)), np.zeros((0, 2, 2))
    ang = runs[:, 2] % np.pi
    # Hough normal form of each run: theta in [0, pi), x cos + y sin = rho.
    th = (ang + np.pi / 2) % np.pi
    rho = runs[:, 0] * np.cos(th) + runs[:, 1] * np.sin(th)
    cl_th: list[float] = []
    cl_rho: list[float] = []
    members: list[list[int]] = []
    for k in range(len(runs)):
        if cl_th:
            t = np.array(cl_th)
            r = np.array(cl_rho)
            dth = np.abs(t - th[k])
            flip = dth > np.pi / 2
            dth = np.where(flip, np.pi - dth, dth)
            # distance of this run's centre to each cluster line
            dist = np.abs(runs[k, 0] * np.cos(t) + runs[k, 1] * np.sin(t) - r)
            ok = (dth < np.deg2rad(2.5)) & (dist < 2.5)
            if ok.any():
                members[int(np.argmax(ok))].append(k)
                continue
        cl_th.append(th[k])
        cl_rho.append(rho[k])
        members.append([k])
    lines, extents, total = [], [], []
    for t, r, mem in zip(cl_th, cl_rho, members, strict=True):
        d = np.array([-np.sin(t), np.cos(t)])
        c = runs[mem, :2]
        half = runs[mem, 3] / 2
        proj = c @ d
        lo, hi = float((proj - half).min()), float((proj + half).max())
        o = np.array([np.cos(t), np.sin(t)]) * r
        lines.append((r, t))
        extents.append([o + lo * d, o + hi * d])
        total.append(float(runs[mem, 3].sum()))
    order = np.argsort(-np.array(total))[:_MAX_LINES]
    return np.array(lines)[order], np.array(extents)[order]


@dataclass(frozen=True, eq=False)
class LineSupport:
    """Per line: origin, direction, sample range and the cumulative edge support."""

    origin: np.ndarray  # (n, 2)
    direction: np.ndarray  # (n, 2) unit
    t0: np.ndarray  # (n,) parameter of sample 0
    cum: np.ndarray  # (n, m + 1) cumulative count of supported samples (1 px steps)
    length: np.ndarray  # (n,) number of samples


def line_support(work: Work, lines: np.ndarray) -> LineSupport:
    """Which 1-px positions along each line have an edge pixel of the line's orientation."""
    h, w = work.edges.shape
    n = len(lines)
    rho, th = lines[:, 0], lines[:, 1]
    normal = np.stack([np.cos(th), np.sin(th)], 1)
    direction = np.stack([-np.sin(th), np.cos(th)], 1)
    origin = normal * rho[:, None]
    # Clip each line to the frame: parameter range where 0 <= x <= w-1 and 0 <= y <= h-1.
    lo = np.full(n, -1e9)
    hi = np.full(n, 1e9)
    for axis, size in ((0, w - 1), (1, h - 1)):
        d = direction[:, axis]
        o = origin[:, axis]
        with np.errstate(divide="ignore", invalid="ignore"):
            a, b = (0 - o) / d, (size - o) / d
        small = np.abs(d) < 1e-9
        inside = (o >= 0) & (o <= size)
        lo = np.where(small, np.where(inside, lo, 1e9), np.maximum(lo, np.minimum(a, b)))
        hi = np.where(small, np.where(inside, hi, -1e9), np.minimum(hi, np.maximum(a, b)))
    length = np.maximum(np.floor(hi - lo).astype(int) + 1, 0)
    m = int(length.max()) if n else 0
    cum = np.zeros((n, m + 1), np.float32)
    if n and m:
        t = lo[:, None] + np.arange(m)[None, :]
        valid = np.arange(m)[None, :] < length[:, None]
        pts = origin[:, None] + t[..., None] * direction[:, None]
        ok = _aligned(work.edges, pts, normal[:, None], th[:, None]) & valid
        cum[:, 1:] = np.cumsum(ok, 1)
    return LineSupport(origin, direction, lo, cum, length)


def _aligned(edges: np.ndarray, pts: np.ndarray, normal: np.ndarray, th: np.ndarray) -> np.ndarray:
    """Whether an edge pixel of normal angle ``th`` lies within 1 px across each point."""
    h, w = edges.shape
    want = (th * (_ORIENT_BINS / np.pi)).astype(int) % _ORIENT_BINS
    ok = np.zeros(pts.shape[:-1], bool)
    for off in (-1.0, 0.0, 1.0):
        p = pts + off * normal
        xi = np.clip(np.rint(p[..., 0]).astype(int), 0, w - 1)
        yi = np.clip(np.rint(p[..., 1]).astype(int), 0, h - 1)
        e = edges[yi, xi].astype(int) - 1
        diff = np.abs(e - want) % _ORIENT_BINS
        ok |= (e >= 0) & (np.minimum(diff, _ORIENT_BINS - diff) <= _ORIENT_TOL)
    return ok


def segment_support(work: Work, a: np.ndarray, b: np.ndarray, samples: int = 32) -> np.ndarray:
    """Fraction of each segment a-b (n, 2) with aligned straight-edge pixels along it."""
    u = b - a
    length = np.maximum(np.linalg.norm(u, axis=1), 1e-9)
    normal = np.stack([-u[:, 1], u[:, 0]], 1) / length[:, None]
    th = np.arctan2(normal[:, 1], normal[:, 0]) % np.pi
    t = (np.arange(samples) + 0.5) / samples
    pts = a[:, None] + t[None, :, None] * u[:, None]
    return _aligned(work.edges, pts, normal[:, None], th[:, None]).mean(1)
