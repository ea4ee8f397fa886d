"""Shared pieces of the examination-log tests: examination dicts, real PNG bytes, records,
and small tmpfs mounts for the read-only and full-disk tests (root only, else skipped).

A module of its own, not conftest.py: ``from conftest import`` finds whichever test
folder's conftest was imported first when several folders are collected together."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from docexam.examlog import ExamLog

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)  # a Monday


def png(seed: int, size: int = 16) -> bytes:
    """Small real PNG bytes, different for every seed."""
    rng = np.random.default_rng(seed)
    ok, buf = cv2.imencode(".png", rng.integers(0, 255, (size, size, 3), dtype=np.uint8))
    assert ok
    return buf.tobytes()


def exam_dict(
    *,
    surname: str = "ERIKSSON",
    given: str = "ANNA MARIA",
    number: str = "L898902C3",
    nationality: str = "UTO",
    state: str = "UTO",
    code: str = "P",
    verdict: str = "consistent",
    specimen: str | None = "uto-passport-2021",
    reasons: tuple[str, ...] = (),
) -> dict[str, Any]:
    """An examination as ``Examination.to_dict()`` shapes it (the fields the log reads)."""
    fields = {
        "document_code": code,
        "issuing_state": state,
        "surname": surname,
        "given_names": given,
        "document_number": number,
        "nationality": nationality,
        "birth_date": "1974-08-12",
        "expiry_date": "2031-04-15",
        "sex": "F",
        "optional_data": None,
        "optional_data_2": None,
    }
    return {
        "verdict": verdict,
        "reasons": [
            {"code": c, "feature": None, "message": c, "message_ru": c, "weight": 80}
            for c in reasons
        ],
        "specimen": None
        if specimen is None
        else {"id": specimen, "side": "front", "score": 0.91, "margin": 0.3, "candidates": []},
        "mrz": {
            "found": True,
            "format": "TD3",
            "lines": [],
            "valid": True,
            "checks": {},
            "fields": fields,
            "errors": [],
            "warnings": [],
        },
        "features": [
            {
                "id": "uv_substrate",
                "type": "uv_dull",
                "light": "uv365",
                "status": "fail" if reasons else "pass",
                "score": 0.12,
                "threshold": 0.3,
                "code": reasons[0] if reasons else None,
                "message": "Прочитано",
                "message_ru": "Прочитано",
                "details": {},
            }
        ],
        "not_checked": [],
        "quality": {
            "sharpness": 0.9,
            "glare": 0.0,
            "px_per_mm": 8.0,
            "problems": [],
            "judgeable": True,
        },
        "elapsed_ms": 812.5,
    }


def record(
    log: ExamLog,
    n: int = 0,
    *,
    when: datetime | None = None,
    decision: str | None = "admitted",
    images: dict | None = None,
    **kw: Any,
):
    """Record one examination with two images (one shared by all, one of its own)."""
    imgs = {"white": png(1000 + n), "uv365": png(7)} if images is None else images
    return log.record_examination(
        exam_dict(**kw),
        images=imgs,
        officer=f"officer{n % 3}",
        station=f"gate{n % 2}",
        decision=decision,
        when=when or T0 + timedelta(hours=n),
    )


def _run(*args: str) -> bool:
    return subprocess.run(args, capture_output=True).returncode == 0


@contextlib.contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """A small tmpfs at ``folder`` (root only; the test is skipped otherwise)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    folder.mkdir(parents=True, exist_ok=True)
    if not _run("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)):
        pytest.skip("mounting a tmpfs is not allowed here")
    try:
        yield folder
    finally:
        for _ in range(5):
            if _run("umount", str(folder)) or _run("umount", "-l", str(folder)):
                break


def remount(folder: Path, mode: str) -> None:
    assert _run("mount", "-o", f"remount,{mode}", str(folder)), f"remount {mode} failed"
