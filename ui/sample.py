"""A fictional sample document for a first look (File > Open a sample document).

Why: a newcomer on a fresh machine has no passport scan at hand; the engine's synthetic
document studio makes one (fictional state Utopia, a realistic booth photo) in about
0.1 s. Runs on a worker thread like every engine call; writes into a private temporary
folder that lives as long as the window.
"""

from __future__ import annotations

import os
import secrets

import cv2


def make_sample_file(directory: str, seed: int | None = None) -> str:
    """Write one generated document photo into ``directory``; returns its path.

    ``seed`` picks the document (random when None)."""
    from docexam.synth.sample import make_mrz_sample

    if seed is None:
        seed = secrets.randbelow(100_000)  # the generator's tuning range, never a report seed
    sample = make_mrz_sample(seed, level="photo")
    path = os.path.join(directory, f"sample-{seed}.jpg")
    if not cv2.imwrite(path, sample.image, [cv2.IMWRITE_JPEG_QUALITY, 92]):
        raise OSError(f"could not write the sample document to {path}")
    return path
