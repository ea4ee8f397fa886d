"""The examination-log tests' fixture: an open log in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from docexam.examlog import ExamLog


@pytest.fixture
def log(tmp_path: Path) -> Iterator[ExamLog]:
    with ExamLog.open(tmp_path / "log.sqlite") as lg:
        yield lg
