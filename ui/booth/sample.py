"""A fictional three-light capture set for a first look or a training run at the booth.

Why: a booth on a fresh machine has no reader attached yet and no traveller at hand; the
engine's studio (``docexam.synth``) renders a fictional Utopia passport under white, UV and
IR light and simulates a full-page reader's scan in about a second. The files are written
as a reader would (``white.png``, ``uv365.jpg`` ...), so the sample then goes through
exactly the path of a real capture-set folder.

Dates: studio documents are issued up to the studio's reference date (2026-09-01) and a
sample examined against the real date would in time come out "expired"; samples are
therefore examined with ``today=SAMPLE_TODAY`` (see :func:`sample_today`) and only samples.
The random choice of seed is limited to seeds checked to give a consistent genuine
document on this engine (a sample must not cry wolf in front of a trainee).
"""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path

from docexam.synth.mrzdata import REFERENCE_DATE

SAMPLE_SPECIMEN = "uto-passport-2021"
#: The forgeries the sample menu offers (ids of ``docexam.synth.forgeries``).
SAMPLE_FORGERIES = ("photo_substitution", "mrz_altered", "counterfeit_reprint", "uv_print_missing")
#: Seeds whose genuine sample examines as consistent (scan capture, the bundled library).
SAMPLE_SEEDS = (1, 2, 4, 5, 6, 8, 9, 10, 11)
SAMPLE_TODAY: dt.date = REFERENCE_DATE


def sample_today() -> dt.date:
    """The date samples are examined on: the studio's reference date, not the real one."""
    return SAMPLE_TODAY


def make_sample_set(directory: str | Path, *, forged: str | None = None,
                    seed: int | None = None) -> Path:  # fmt: skip
    """Render one fictional document and write its scan as ``white``/``uv365``/``ir870``
    files into a new folder under ``directory``; returns that folder.

    ``forged``: a forgery id of the studio's catalogue (None: genuine); ``seed`` picks the
    holder and the capture (None: one of :data:`SAMPLE_SEEDS`). Runs on a worker thread.
    """
    from docexam.synth.capture import simulate_capture
    from docexam.synth.studio import make_document

    if seed is None:
        seed = SAMPLE_SEEDS[secrets.randbelow(len(SAMPLE_SEEDS))]
    doc = make_document(SAMPLE_SPECIMEN, seed=seed, forgery=forged)
    folder = Path(directory) / f"sample-{seed}-{forged or 'genuine'}-{secrets.token_hex(3)}"
    folder.mkdir(parents=True)
    for side, images in doc.images.items():
        cap = simulate_capture(images, px_per_mm=doc.plan.px_per_mm, mode="scan",
                               seed=seed * 10)  # fmt: skip
        prefix = "" if len(doc.images) == 1 else f"{side}."
        for light, (ext, data) in cap.encoded.items():
            (folder / f"{prefix}{light}{ext}").write_bytes(data)
    return folder
