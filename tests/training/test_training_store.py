"""The training results database: beside the log, apart from it, no run imported twice."""

from __future__ import annotations

import sqlite3

import pytest
from training_samples import hand_results

from docexam.errors import TrainingError
from docexam.examlog import default_db_path
from docexam.training import TrainingStore, default_training_db


def test_the_database_sits_beside_the_log(tmp_path, monkeypatch):
    assert default_training_db() == default_db_path().with_name("training.sqlite")
    assert default_training_db(tmp_path / "x" / "log.sqlite") == tmp_path / "x" / "training.sqlite"


def test_import_refuses_duplicates_and_lists_by_session_and_trainee(tmp_path):
    db = tmp_path / "t" / "training.sqlite"
    a = hand_results(
        [{"case": "c1", "verdict": "suspect", "seconds": 3}], run="r-a", trainee="Иванова К."
    )
    b = hand_results([], run="r-b", trainee="Smith", session="s-2")
    with TrainingStore.open(db) as store:
        row = store.add(a, session_title="УФ", score={"correct": 1, "cases": 2})
        assert row.answered == 1 and row.score == {"correct": 1, "cases": 2}
        store.add(b)
        with pytest.raises(TrainingError) as e:
            store.add(a)
        assert e.value.code == "DUPLICATE"
    with TrainingStore.open(db, create=False) as store:
        assert {r.run_id for r in store.list()} == {"r-a", "r-b"}
        assert [r.run_id for r in store.list(session_id="s-2")] == ["r-b"]
        assert [r.run_id for r in store.list(trainee="иванова к.")] == ["r-a"]
        assert [r.run_id for r in store.list(trainee="smith")] == ["r-b"]
        assert store.results("r-a") == a
        assert store.get("r-a").session_title == "УФ"


def test_a_file_that_is_not_a_training_database_is_refused(tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"hello, not sqlite at all")
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as c:
        c.execute("CREATE TABLE x (y)")
    for path in (junk, other):
        with pytest.raises(TrainingError) as e:
            TrainingStore.open(path)
        assert e.value.code == "DB_INVALID"
    with pytest.raises(TrainingError):
        TrainingStore.open(tmp_path / "missing.sqlite", create=False)
