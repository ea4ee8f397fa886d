"""Finding MRZ candidates in a whole image, at any rotation and scale.

The MRZ is two or three long, parallel, equally long lines of fixed-pitch text of one
height. Text is found with a black-hat filter (dark strokes on lighter paper, whatever the
illumination), characters are joined into line blobs by closing with *square* kernels of
several sizes (square, so the result does not depend on the rotation; several sizes,
because the character size is unknown), and parallel neighbouring lines of equal length
are grouped into blocks. Candidates are only hypotheses: the reader confirms one by
reading it (check digits), so the locator may be generous.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

# Long sides of the working copies the locator tries, smallest (fastest) first.
WORK_SIZES = (800, 1400)
_LINE_KERNELS = (7, 13, 23)
_MAX_ORIENTATIONS = 3


@dataclass(frozen=True)
class MrzCandidate:
    """A block of MRZ-like lines, in the coordinates of the image given to locate_mrz."""

    center: tuple[float, float]
    size: tuple[float, float]  # (along the lines, across them)
    angle: float  # degrees of the line direction, image coordinates, in (-90, 90]
    char_height: float
    n_lines: int
    score: float


@dataclass(frozen=True)
class _LineBlob:
    center: np.ndarray
    length: float
    thickness: float
    direction: np.ndarray  # unit vector along the line


def locate_mrz(
    gray: np.ndarray, *, max_candidates: int = 6, work_size: int = WORK_SIZES[0]
) -> list[MrzCandidate]:
    """MRZ candidates, best first. ``gray`` is a 2-D uint8 array; it is not modified.

    The search runs on a copy whose long side is at most ``work_size`` pixels: small
    enough to be fast, large enough for MRZ characters of a document that fills a fair
    part of the frame; the reader retries at the next size when nothing valid is found.
    """
    if gray.ndim != 2:
        raise ValueError(f"gray must be a 2-D array, got shape {gray.shape}")
    if work_size < 200:
        raise ValueError(f"work_size must be at least 200 pixels, got {work_size}")
    h, w = gray.shape
    # Up- or downscale to the working size: small images (thumbnails, low-resolution
    # photos) are enlarged so that the kernel sizes stay meaningful, at most threefold.
    scale = min(3.0, work_size / max(h, w))
    work = gray
    if scale != 1.0:
        interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
        work = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=interp)
    text = _text_mask(work)
    blobs: list[_LineBlob] = []
    for angle in _text_orientations(text):
        for length in _LINE_KERNELS:
            closed = cv2.morphologyEx(text, cv2.MORPH_CLOSE, _line_kernel(length, angle))
            blobs.extend(_line_blobs(closed, min_len=max(40, 4 * length)))
    groups = _group_lines(blobs)
    out: list[MrzCandidate] = []
    for cand in groups:
        (cx, cy), (lw, lh) = cand.center, cand.size
        c = MrzCandidate(
            center=(cx / scale, cy / scale),
            size=(lw / scale, lh / scale),
            angle=cand.angle,
            char_height=cand.char_height / scale,
            n_lines=cand.n_lines,
            score=cand.score,
        )
        if not any(_same_place(c, o) for o in out):
            out.append(c)
        if len(out) >= max_candidates:
            break
    return out


def _text_orientations(mask: np.ndarray) -> list[float]:
    """Dominant text directions (degrees), from word-sized blobs, strongest first."""
    closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    hist = np.zeros(180)
    for contour in _outer_contours(closed, min_extent=20):
        _, (rw, rh), ang = cv2.minAreaRect(contour)
        length, thick = (rw, rh) if rw >= rh else (rh, rw)
        if thick < 1 or length / thick < 2.5:
            continue
        a = ang if rw >= rh else ang + 90
        hist[round(a) % 180] += length
    if hist.sum() == 0:
        return [0.0, 90.0]
    window = np.array([1, 2, 3, 2, 1], float)
    smooth = np.convolve(np.concatenate([hist[-2:], hist, hist[:2]]), window, "valid")
    first = int(np.argmax(smooth))
    # Up to three directions: the document's text, and papers lying around it at other
    # angles, which can outweigh the document (a desk covered with printed sheets).
    out = [float(first)]
    masked = smooth.copy()
    for _ in range(_MAX_ORIENTATIONS - 1):
        for d in range(-12, 13):
            masked[(int(out[-1]) + d) % 180] = 0
        nxt = int(np.argmax(masked))
        if masked[nxt] <= 0.2 * smooth[first]:
            break
        out.append(float(nxt))
    return out


def _line_kernel(length: int, angle: float) -> np.ndarray:
    """A one-pixel line of ``length`` at ``angle`` degrees: closes gaps along the text only."""
    k = np.zeros((length, length), np.uint8)
    c = (length - 1) / 2
    dx, dy = np.cos(np.deg2rad(angle)) * c, np.sin(np.deg2rad(angle)) * c
    cv2.line(k, (round(c - dx), round(c - dy)), (round(c + dx), round(c + dy)), 1, 1)
    return k


def _text_mask(work: np.ndarray) -> np.ndarray:
    k = max(9, round(max(work.shape) / 70) | 1)
    bh = cv2.morphologyEx(
        work, cv2.MORPH_BLACKHAT, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))
    )
    bh = cv2.GaussianBlur(bh, (3, 3), 0)
    t, _ = cv2.threshold(bh, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    _, mask = cv2.threshold(bh, max(float(t), 18.0), 255, cv2.THRESH_BINARY)
    return mask


def _outer_contours(mask: np.ndarray, *, min_extent: float) -> list[np.ndarray]:
    """Outlines of the blobs whose bounding box reaches ``min_extent`` pixels.

    Outer contours rather than labelled components: several times faster, and their
    few points are all that minAreaRect needs."""
    # CCOMP: outer boundaries of every blob, also of blobs lying inside another's hole
    # (text inside a printed frame); EXTERNAL would miss those.
    contours, hierarchy = cv2.findContours(mask, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    out = []
    for c, (_, _, _, parent) in zip(contours, hierarchy[0], strict=True):
        if parent != -1:  # the boundary of a hole
            continue
        _, _, bw, bh = cv2.boundingRect(c)
        if max(bw, bh) >= min_extent:
            out.append(c)
    return out


def _line_blobs(mask: np.ndarray, *, min_len: float) -> list[_LineBlob]:
    blobs: list[_LineBlob] = []
    for contour in _outer_contours(mask, min_extent=0.7 * min_len):
        (cx, cy), (rw, rh), ang = cv2.minAreaRect(contour)
        length, thick = (rw, rh) if rw >= rh else (rh, rw)
        if thick < 2 or length < min_len or length / thick < 8:
            continue
        if cv2.contourArea(contour) / max(1.0, rw * rh) < 0.35:
            continue
        a = np.deg2rad(ang if rw >= rh else ang + 90)
        d = np.array([np.cos(a), np.sin(a)])
        blobs.append(_LineBlob(np.array([cx, cy]), float(length), float(thick), d))
    return blobs


@dataclass(frozen=True)
class _Group:
    center: tuple[float, float]
    size: tuple[float, float]
    angle: float
    char_height: float
    n_lines: int
    score: float


def _dedupe(blobs: list[_LineBlob]) -> list[_LineBlob]:
    """The same line found with several kernel lengths: keep the longest copy."""
    blobs = sorted(blobs, key=lambda b: -b.length)
    if not blobs:
        return blobs
    centers = np.array([b.center for b in blobs])
    lengths = np.array([b.length for b in blobs])
    thick = np.array([b.thickness for b in blobs])
    dist = np.hypot(*(centers[:, None, :] - centers[None, :, :]).transpose(2, 0, 1))
    kept: list[int] = []
    for i in range(len(blobs)):
        k = np.array(kept, dtype=int)
        if k.size and np.any((dist[i, k] < 0.3 * thick[k]) & (lengths[i] > 0.9 * lengths[k])):
            continue
        kept.append(i)
    return [blobs[i] for i in kept]


def _group_lines(blobs: list[_LineBlob]) -> list[_Group]:
    """Chains of 2-3 parallel, equally long, evenly spaced lines; also single thick blocks."""
    blobs = _dedupe(blobs)
    groups: list[_Group] = []
    nb = len(blobs)
    if nb == 0:
        return groups
    centers = np.array([b.center for b in blobs])
    dirs = np.array([b.direction for b in blobs])
    lengths = np.array([b.length for b in blobs])
    thick = np.array([b.thickness for b in blobs])
    # Pairwise tests, vectorised: parallel, equally long, side by side, a line apart.
    parallel = np.abs(dirs @ dirs.T) >= np.cos(np.deg2rad(4))
    ratio = lengths[None, :] / lengths[:, None]
    off = centers[None, :, :] - centers[:, None, :]  # off[i, j] = c_j - c_i
    normals = np.stack([-dirs[:, 1], dirs[:, 0]], axis=1)
    along = np.einsum("ijk,ik->ij", off, dirs)
    across = np.einsum("ijk,ik->ij", off, normals)
    max_thick = np.maximum(thick[:, None], thick[None, :])
    below = (
        parallel
        & (ratio > 0.82)
        & (ratio < 1.22)
        & (np.abs(along) <= 0.12 * lengths[:, None])
        & (across > 0.6 * thick[:, None])
        & (across < 3.2 * max_thick)
    )
    for i in range(nb):
        a = blobs[i]
        js = np.flatnonzero(below[i])
        if js.size:
            order = js[np.argsort(across[i, js])]
            chain = [a]
            for j in order:
                gap = float((blobs[j].center - chain[-1].center) @ normals[i])
                if gap > 0.6 * chain[-1].thickness and len(chain) < 3:
                    chain.append(blobs[j])
            if len(chain) >= 2:
                groups.append(_make_group(chain, a))
        # A block that closing merged into one (2-3 lines): aspect 7-25.
        if 7 <= a.length / a.thickness <= 26:
            groups.append(
                _Group(
                    center=(float(a.center[0]), float(a.center[1])),
                    size=(a.length, a.thickness),
                    angle=_angle(a.direction),
                    char_height=a.thickness / 2.6,
                    n_lines=0,
                    score=0.3,
                )
            )
    groups.sort(key=lambda g: -g.score)
    return groups


def _angle(d: np.ndarray) -> float:
    ang = float(np.degrees(np.arctan2(d[1], d[0])))
    if ang <= -90:
        ang += 180
    elif ang > 90:
        ang -= 180
    return ang


def _make_group(chain: list[_LineBlob], ref: _LineBlob) -> _Group:
    d = ref.direction
    normal = np.array([-d[1], d[0]])
    centers = np.array([m.center for m in chain])
    lengths = np.array([m.length for m in chain])
    thick = np.array([m.thickness for m in chain])
    gaps = np.diff(centers @ normal)
    center = centers.mean(axis=0)
    across = float(np.ptp(centers @ normal) + thick.mean())
    regular = 1.0 - float(np.ptp(lengths) / lengths.mean())
    spacing = 1.0 if len(gaps) < 2 else 1.0 - float(np.ptp(gaps) / gaps.mean())
    aspect = float(lengths.mean() / thick.mean())
    score = regular + 0.5 * spacing + min(aspect, 40) / 40 + 0.2 * len(chain)
    score += min(lengths.mean(), 600) / 1200  # prefer larger blocks a little
    return _Group(
        center=(float(center[0]), float(center[1])),
        size=(float(lengths.max()), across),
        angle=_angle(d),
        # Line spacing is the steadier measure: ICAO spacing is about 1.75 character heights.
        char_height=float(np.median(gaps) / 1.75) if len(gaps) else float(np.median(thick)),
        n_lines=len(chain),
        score=score,
    )


def _same_place(a: MrzCandidate, b: MrzCandidate) -> bool:
    dx = a.center[0] - b.center[0]
    dy = a.center[1] - b.center[1]
    near = (dx * dx + dy * dy) ** 0.5 < 0.5 * min(a.size[1], b.size[1]) + 0.05 * a.size[0]
    da = abs(a.angle - b.angle) % 180
    return near and min(da, 180 - da) < 5
