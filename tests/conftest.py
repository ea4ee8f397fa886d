"""Shared fixtures: paths to the shared development data (skipped cleanly when absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REAL_MRZ_DIR = ROOT.parent / "shared" / "data" / "real-mrz-dev"


@pytest.fixture(scope="session")
def real_mrz_dir() -> Path:
    """The folder of the real sample documents; the test is skipped when it is absent."""
    if not (REAL_MRZ_DIR / "truth.json").is_file():
        pytest.skip(f"real MRZ development set not present at {REAL_MRZ_DIR}")
    return REAL_MRZ_DIR


@pytest.fixture(scope="session")
def real_mrz_truth() -> list[dict]:
    """The transcribed real sample documents (../shared/data/real-mrz-dev)."""
    truth = REAL_MRZ_DIR / "truth.json"
    if not truth.is_file():
        pytest.skip(f"real MRZ development set not present at {REAL_MRZ_DIR}")
    return json.loads(truth.read_text(encoding="utf-8"))
