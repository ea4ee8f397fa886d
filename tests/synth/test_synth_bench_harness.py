"""The benchmark harness's scoring and bookkeeping (benchmarks/mrz_bench.py), reader-free."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "mrz_bench.py"


@pytest.fixture(scope="module")
def bench():
    """The script as a module; its import-time OMP_THREAD_LIMIT is undone afterwards."""
    saved = os.environ.get("OMP_THREAD_LIMIT")
    spec = importlib.util.spec_from_file_location("mrz_bench", _PATH)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["mrz_bench"] = mod
    try:
        spec.loader.exec_module(mod)
        yield mod
    finally:
        sys.modules.pop("mrz_bench", None)
        if saved is None:
            os.environ.pop("OMP_THREAD_LIMIT", None)
        else:
            os.environ["OMP_THREAD_LIMIT"] = saved


def test_char_score_aligns_by_line_and_position(bench) -> None:
    truth = ("ABC", "DEF")
    assert bench.char_score(truth, truth) == (6, 6)
    assert bench.char_score(truth, ("ABX", "DEF")) == (5, 6)
    assert bench.char_score(truth, ("ABC",)) == (3, 6)  # a missing line is all wrong
    assert bench.char_score(truth, ("ABC", "DEF", "GHI")) == (6, 9)  # so is an extra one
    assert bench.char_score(truth, ("ABCD", "DE")) == (5, 7)
    assert bench.char_score(truth, ()) == (0, 6)


def test_run_reader_scores_files_written_from_samples(bench, tmp_path: Path) -> None:
    items = bench.synth_items("scan", range(40_010, 40_012), tmp_path)
    assert all(p.exists() and p.suffix == ".png" for _, p, _ in items)
    truths = {str(p): t for _, p, t in items}
    perfect = bench.Reader("oracle", lambda p: (True, truths[p]))
    t = bench.run_reader(perfect, items, "scan", mem_n=1)
    s = t.summary()
    assert s["mrz_correct_pct"] == 100.0 and s["chars_correct_pct"] == 100.0
    assert s["found_pct"] == 100.0 and s["n"] == 2

    def crash(_path: str) -> tuple[bool, tuple[str, ...]]:
        raise RuntimeError("boom")

    s = bench.run_reader(bench.Reader("crash", crash), items, "scan", mem_n=0).summary()
    assert s["found_pct"] == 0.0 and s["reader_errors"] == 2 and s["chars_correct_pct"] == 0.0


def test_camera_levels_are_written_as_the_camera_jpeg(bench, tmp_path: Path) -> None:
    from docexam.synth.sample import make_mrz_sample

    ((_, path, _),) = bench.synth_items("hard", range(40_013, 40_014), tmp_path)
    assert path.suffix == ".jpg"
    assert path.read_bytes() == make_mrz_sample(40_013, level="hard").jpeg_bytes


def test_table_shows_both_readers_and_the_ratio(bench) -> None:
    a, b = bench.Tally(), bench.Tally()
    for t, ms in ((a, 10.0), (b, 30.0)):
        t.n, t.found, t.correct, t.chars_ok, t.chars_total, t.ms = 1, 1, 1, 30, 30, [ms]
    text = bench.table("scan", {"docexam": a, "PassportEye": b})
    assert "docexam" in text and "PassportEye" in text and "x3.00" in text
