"""Fixtures of the training tests: an isolated environment and one small built session.

The session is built once for the whole folder with the real studio (flat pages at a low
resolution: the package's structure and the answer key do not depend on the pixels, and
a test of the images' own content builds its own captured session)."""

from __future__ import annotations

import pytest

from docexam.training import SessionSettings, StudioSource, build_session

TRAINER = "Петров П. И."


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """No user settings, no $DOCEXAM_DB outside the test's folder."""
    monkeypatch.setenv("DOCEXAM_SETTINGS", str(tmp_path / "settings.json"))
    monkeypatch.setenv("DOCEXAM_DB", str(tmp_path / "log" / "examlog.sqlite"))
    for var in ("DOCEXAM_OFFICER", "DOCEXAM_STATION"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """6 cases (3 forged) at 5 px/mm, no capture simulation, 60 s per case."""
    out = tmp_path_factory.mktemp("session") / "drill.dxs"
    src = StudioSource(cases=6, forged_share=0.5, capture="none", seed=4242, px_per_mm=5.0)
    return build_session(
        out, src, trainer=TRAINER, title="Проверка УФ", settings=SessionSettings(time_limit_s=60.0)
    )
