"""Cutting an MRZ candidate out of the image, upright and at a standard scale.

Everything downstream (segmentation thresholds, the classifier's cells) assumes MRZ
characters about BLOCK_CHAR_H pixels high, so the block is where scale is normalised:
``extract_block`` from the locator's estimate, ``measure_char_height`` to check it, and
``rectify_block`` to undo perspective once a first segmentation has found the grid.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from docexam.mrz.locate import MrzCandidate
from docexam.mrz.ocr.cells import LineGrid

BLOCK_CHAR_H = 30.0  # character height of an extracted block, pixels


@dataclass(frozen=True)
class Block:
    """An upright cut-out of an MRZ candidate."""

    gray: np.ndarray
    to_image: np.ndarray  # 2x3 affine: block pixel -> source image pixel


def extract_block(gray: np.ndarray, cand: MrzCandidate, *, flip: bool = False) -> Block:
    """Cut the candidate out upright (rotated 180 degrees when ``flip``), scaled to a
    standard character height, with a margin so that line ends are not clipped."""
    ch = max(cand.char_height, 4.0)
    scale = float(np.clip(BLOCK_CHAR_H / ch, 0.35, 4.0))
    length, across = cand.size
    # Generous margins: the locator may have grouped only two of three lines, or cut a
    # line short; segment_block picks the MRZ lines out of whatever else is included.
    out_w = int((length + 5.0 * ch) * scale)
    out_h = int(max(across + 6.0 * ch, 2.6 * across) * scale)
    out_w = max(16, min(out_w, 4000))
    out_h = max(16, min(out_h, 1200))
    a = np.deg2rad(cand.angle + (180.0 if flip else 0.0))
    ux = np.array([np.cos(a), np.sin(a)]) / scale  # block x step in the image
    uy = np.array([-np.sin(a), np.cos(a)]) / scale
    c = np.array(cand.center)
    origin = c - ux * out_w / 2 - uy * out_h / 2
    to_image = np.array([[ux[0], uy[0], origin[0]], [ux[1], uy[1], origin[1]]])
    block = cv2.warpAffine(
        gray,
        to_image,
        (out_w, out_h),
        flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
        borderMode=cv2.BORDER_REPLICATE,
    )
    return Block(gray=block, to_image=to_image)


def rectify_block(gray: np.ndarray, block: Block, grids: list[LineGrid]) -> Block | None:
    """Undo perspective: map the first and last character centres of the first and last
    lines onto a rectangle, so that in the new block every line is straight, level and of
    one pitch. None when the grids are too degenerate to define a rectangle."""
    top, bottom = grids[0], grids[-1]
    src = []
    for g in (top, bottom):
        xs = g.centers_x()[[0, -1]]
        ys = g.center_y(xs)
        src.extend(zip(xs.tolist(), ys.tolist(), strict=True))
    src_pts = np.array(src, np.float32)  # TL, TR, BL, BR
    n = top.n
    pitch = BLOCK_CHAR_H * 1.05
    spacing = BLOCK_CHAR_H * 1.75 * (len(grids) - 1)
    m = 3.0 * BLOCK_CHAR_H
    dst_pts = np.array(
        [[m, m], [m + (n - 1) * pitch, m], [m, m + spacing], [m + (n - 1) * pitch, m + spacing]],
        np.float32,
    )
    if abs(cv2.contourArea(src_pts[[0, 1, 3, 2]])) < 1.0:
        return None
    h = cv2.getPerspectiveTransform(src_pts, dst_pts)
    a = np.vstack([block.to_image, [0.0, 0.0, 1.0]])
    out_to_image = a @ np.linalg.inv(h)
    size = (int(2 * m + (n - 1) * pitch), int(2 * m + spacing))
    warped = cv2.warpPerspective(
        gray,
        out_to_image,
        size,
        flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
        borderMode=cv2.BORDER_REPLICATE,
    )
    return Block(gray=warped, to_image=out_to_image[:2])


def measure_char_height(block: np.ndarray) -> float | None:
    """The typical character height in a block, whatever scale it was cut at.

    The locator's estimate can be off by a factor of two (lines merged by closing), and
    every threshold in this module assumes BLOCK_CHAR_H; the reader re-cuts the block when
    this measurement disagrees.
    """
    k = cv2.getStructuringElement(cv2.MORPH_RECT, (75, 75))
    bh = cv2.morphologyEx(block, cv2.MORPH_BLACKHAT, k)
    _, mask = cv2.threshold(bh, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    _, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    h = stats[1:, cv2.CC_STAT_HEIGHT].astype(float)
    w = stats[1:, cv2.CC_STAT_WIDTH].astype(float)
    ok = (h >= 8) & (h <= 120) & (w >= 0.25 * h) & (w <= 1.3 * h)
    if ok.sum() < 10:
        return None
    return float(np.median(h[ok]))
