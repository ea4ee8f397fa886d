"""Training cells cut by the reader's own pipeline from generated captures.

Rendered lines (trainset.py) teach the glyphs; these teach what the glyphs look like after
everything a capture and the reader do to them: perspective, glare, JPEG, the block
warp, the homography pass and the grid's own errors. Only lines whose grid is provably
aligned with the truth are kept (the current model must agree with the truth on most of
the line), so a misaligned grid never teaches a wrong label. Seeds come from the tuning
range (see benchmarks/mrz_bench.py): report seeds are never trained on.
"""

from __future__ import annotations

import numpy as np

from docexam.mrz.block import Block, extract_block, rectify_block
from docexam.mrz.locate import WORK_SIZES, locate_mrz
from docexam.mrz.ocr.cells import ALPHABET, LineGrid, rectify_line, split_cells
from docexam.mrz.ocr.mlp import Mlp
from docexam.mrz.segment import segment_block
from docexam.synth.sample import make_mrz_sample

_MIN_AGREEMENT = 0.7


def _grids_for(gray: np.ndarray, lines: tuple[str, ...]) -> list[tuple[Block, list[LineGrid]]]:
    """Every (block, grids) pair the pipeline produces whose shape matches the truth."""
    out: list[tuple[Block, list[LineGrid]]] = []
    for size in WORK_SIZES:
        for cand in locate_mrz(gray, work_size=size)[:4]:
            for flip in (False, True):
                block = extract_block(gray, cand, flip=flip)
                grids = segment_block(block.gray)
                if len(grids) != len(lines) or grids[0].n != len(lines[0]):
                    continue
                out.append((block, grids))
                flat = rectify_block(gray, block, grids)
                if flat is not None:
                    again = segment_block(flat.gray)
                    if len(again) == len(lines) and again[0].n == len(lines[0]):
                        out.append((flat, again))
        if out:
            break
    return out


def pipeline_training_cells(
    seeds: range, *, levels: tuple[str, ...], model: Mlp, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    xs: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    for seed in seeds:
        level = levels[seed % len(levels)]
        sample = make_mrz_sample(seed, level=level)
        gray = sample.image.mean(axis=2).astype(np.uint8)
        truth = [np.array([ALPHABET.index(c) for c in line]) for line in sample.lines]
        for block, grids in _grids_for(gray, sample.lines):
            for grid, label in zip(grids, truth, strict=True):
                jittered = LineGrid(
                    n=grid.n,
                    x0=grid.x0 + rng.normal(0, 0.05) * grid.pitch,
                    pitch=grid.pitch,
                    y0=grid.y0 + rng.normal(0, 0.05) * grid.char_height,
                    slope=grid.slope,
                    char_height=grid.char_height * (1 + rng.normal(0, 0.04)),
                    curve=grid.curve,
                )
                cells = split_cells(rectify_line(block.gray, jittered))
                agree = float((model.predict_proba(cells).argmax(axis=1) == label).mean())
                if agree >= _MIN_AGREEMENT:
                    xs.append(cells)
                    ys.append(label)
    if not xs:
        return np.zeros((0, 0), np.float32), np.zeros(0, np.int64)
    return np.concatenate(xs).astype(np.float32), np.concatenate(ys)
