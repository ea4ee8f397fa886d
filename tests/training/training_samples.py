"""Helpers shared by the training tests (a module of its own, not conftest.py: see
tests/examlog/log_samples.py for why)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docexam.training import AnswerKey, CaseAnswer, Results, SessionSettings
from docexam.training.results import response

SHA = "ab" * 32


def copy_session(built, folder: Path) -> tuple[Path, Path]:
    """A private copy of the built package and key (for tests that alter them)."""
    pkg, key = folder / "drill.dxs", folder / "drill.key.json"
    pkg.write_bytes(built.package.read_bytes())
    key.write_bytes(built.key_path.read_bytes())
    return pkg, key


def rewrite_zip(src: Path, dst: Path, change: dict[str, bytes | None]) -> None:
    """``src`` with members replaced (bytes), removed (None) or added (a new name)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            if info.filename in change:
                data = change[info.filename]
                if data is not None:
                    zout.writestr(info, data)
            else:
                zout.writestr(info, zin.read(info))
        for name, data in change.items():
            if name not in zin.namelist() and data is not None:
                zout.writestr(name, data)


def hand_key(
    answers: list[tuple[str, str, tuple[str, ...]]],
    *,
    limit: float | None = 60.0,
    session: str = "s-1",
) -> AnswerKey:
    """A key written by hand: (case id, answer, affected features) per case."""
    cases = tuple(CaseAnswer(cid, ans, aff, "uto-passport-2021") for cid, ans, aff in answers)
    return AnswerKey(
        session,
        SHA,
        "hand",
        "trainer",
        "2026-01-01T00:00:00.000000Z",
        SessionSettings(time_limit_s=limit),
        cases,
    )


def hand_results(
    answers: list[dict], *, session: str = "s-1", run: str = "run-1", trainee: str = "Иванова К."
) -> Results:
    """Results written by hand: one dict of ``response`` arguments per answered case."""
    rs = tuple(response(a.pop("case"), **a) for a in [dict(x) for x in answers])
    return Results(
        run, session, SHA, trainee, "2026-01-01T10:00:00.000000Z", "2026-01-01T10:30:00.000000Z", rs
    )
