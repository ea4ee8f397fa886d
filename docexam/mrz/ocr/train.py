"""Train the shipped OCR-B classifier: ``python -m docexam.mrz.ocr.train``.

Offline and seeded: the training cells are rendered from the fonts-ocr-b package (fixed
seeds; training and validation seeds differ) and, in addition, cut by the reader itself
from generated captures (``pipeline_cells.py``; tuning seeds 20000+). Those extra cells
are labelled only where the *current* shipped model agrees with the truth on most of a
line (so a misaligned grid never teaches a wrong label); the shipped model was grown that
way in rounds. From scratch: run once with ``--pipeline-samples 0``, then again with the
defaults. The defaults are the settings of the shipped model; about 20 minutes on two
cores.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

from docexam.mrz.ocr.cells import ALPHABET
from docexam.mrz.ocr.mlp import Mlp, train_mlp
from docexam.mrz.ocr.trainset import make_training_cells

DEFAULT_MODEL = Path(__file__).with_name("ocrb_mlp.npz")
TRAIN_SEED = 20261128
VALIDATION_SEED = 7_000_001
PIPELINE_SEED = 20_000  # generated captures: tuning range 0..99_999, never report seeds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--lines", type=int, default=9000, help="training lines of 44 characters")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--hidden", type=int, default=320)
    ap.add_argument("--out", type=Path, default=DEFAULT_MODEL)
    ap.add_argument(
        "--pipeline-samples",
        type=int,
        default=3000,
        help="generated captures whose reader-cut cells join the training set",
    )
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    x, y = make_training_cells(args.lines, seed=TRAIN_SEED)
    xv, yv = make_training_cells(max(100, args.lines // 10), seed=VALIDATION_SEED)
    if args.pipeline_samples:
        # Cells cut by the reader itself from generated captures, labelled by the current
        # shipped model's alignment check (see pipeline_cells.py). Tuning seeds only.
        from docexam.mrz.ocr.pipeline_cells import pipeline_training_cells

        px, py = pipeline_training_cells(
            range(PIPELINE_SEED, PIPELINE_SEED + args.pipeline_samples),
            levels=("hard", "hard", "photo", "scan"),
            model=Mlp.load(DEFAULT_MODEL),
            rng=np.random.default_rng(TRAIN_SEED),
        )
        print(f"pipeline cells: {len(py)}", file=sys.stderr)
        if len(py):
            x, y = np.concatenate([x, px]), np.concatenate([y, py])
    print(
        f"rendered {len(y)} training and {len(yv)} validation cells "
        f"in {time.perf_counter() - t0:.1f} s",
        file=sys.stderr,
    )
    model = train_mlp(
        x,
        y,
        alphabet=ALPHABET,
        hidden=args.hidden,
        epochs=args.epochs,
        log=lambda s: print(s, file=sys.stderr),
    )
    acc = float((model.predict_proba(xv).argmax(axis=1) == yv).mean())
    print(f"validation character accuracy {acc:.4%} on {len(yv)} cells", file=sys.stderr)
    model.save(args.out)
    print(
        f"saved {args.out} ({args.out.stat().st_size / 1024:.0f} KiB) "
        f"in {time.perf_counter() - t0:.0f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
