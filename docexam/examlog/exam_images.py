"""Which images a logged examination keeps: the capture files' own bytes and the evidence.

Why in the engine and not in the CLI: ``docexam examine --log``, ``capture watch --log`` and
the desktop booth all record examinations, and what the log keeps of one must be defined
once. The capture files are kept as they were read (their bytes are what the officer
examined) under the roles ``white``/``uv365``/``ir870`` (``<set>/<light>`` for a document of
several sides); the evidence of the checks as JPEG (``evidence/<feature>/<name>``,
``evidence/<set>/<feature>/<name>`` for several sides) with name questioned, reference or
heatmap. Why JPEG and not PNG: evidence is an illustration derived from the stored captures
(which are kept bit-exact and can be examined again), not the original; at quality 85 it is
about a sixth of the PNG's size and, by eye, shows the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docexam.errors import InputError

__all__ = [
    "EVIDENCE_CHOICES",
    "EVIDENCE_JPEG_QUALITY",
    "EVIDENCE_NAMES",
    "capture_images",
    "evidence_images",
]

EVIDENCE_NAMES = ("questioned", "reference", "heatmap")
EVIDENCE_CHOICES = ("findings", "all", "none")
EVIDENCE_JPEG_QUALITY = 85


def _jpeg(img: Any, what: str) -> bytes:
    import cv2

    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, EVIDENCE_JPEG_QUALITY])
    if not ok:
        raise InputError(f"cannot encode the evidence image {what} as JPEG")
    return buf.tobytes()


def _read(path: str | None, role: str) -> bytes | None:
    if not path:
        return None
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(
            f"cannot read {path} again to keep it in the log ({role}): {exc.strerror or exc}"
        ) from exc


def capture_images(sets: Sequence[Any]) -> dict[str, bytes]:
    """role -> the original file's bytes, for every light of every capture set that was
    used (a light set aside for its size is kept too: the log shows what was handed in)."""
    several = len(sets) > 1
    out: dict[str, bytes] = {}
    for cs in sets:
        for light, path in cs.paths.items():
            role = f"{cs.name}/{light}" if several else light
            data = _read(path, role)
            if data is not None:
                out[role] = data
    return out


def evidence_images(sides: Sequence[tuple[str, Any]], which: str = "findings") -> dict[str, bytes]:
    """role -> JPEG of each check's evidence; ``sides`` = (set name or "", Examination).

    ``which``: "findings" (the default: checks that failed or were inconclusive), "all" or
    "none". Why not all by default: evidence is cut at the page's resolution, so even as
    JPEG one passport's 14 checks add about 3.5 MB (22 MB as PNG) beside 2-8 MB of
    captures, while its findings add about 1.6 MB; the passed checks' evidence can be
    recomputed from the stored captures, the findings' is what a reviewer opens first.
    """
    if which not in EVIDENCE_CHOICES:
        raise InputError(f"evidence to keep: one of {', '.join(EVIDENCE_CHOICES)}, not {which!r}")
    out: dict[str, bytes] = {}
    for name, exam in sides:
        for f in exam.features:
            if f.evidence is None or which == "none":
                continue
            if which == "findings" and f.status not in ("fail", "inconclusive"):
                continue
            prefix = f"evidence/{name}/{f.feature}" if name else f"evidence/{f.feature}"
            for part in EVIDENCE_NAMES:
                out[f"{prefix}/{part}"] = _jpeg(getattr(f.evidence, part), f"{prefix}/{part}")
    return out
