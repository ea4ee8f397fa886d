"""The log end to end through its API: record, decide, review, correct, get, search,
statistics, exports, image de-duplication, and bad input."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from log_samples import T0, exam_dict, png, record

from docexam.errors import LogError
from docexam.examlog import DECISIONS, ExamLog, LogQuery, default_db_path


def _ids(found) -> list[str]:
    return [s.id for s in found]


def test_full_round_trip(log: ExamLog, tmp_path: Path) -> None:
    white, uv = png(1), png(2)
    ref = log.record_examination(
        exam_dict(verdict="suspect", reasons=("UV_BRIGHT_SUBSTRATE",)),
        images={"white": white, "uv365": uv},
        officer="o.smith",
        station="gate-3",
        decision="referred",
        note="sent to expert",
        when=T0,
    )
    assert (ref.seq, ref.kind, ref.exam_id) == (1, "examination", ref.id)
    rev = log.record_review(ref.exam_id, expert="dr.who", finding="counterfeit", note="UV")
    dec = log.record_decision(ref.exam_id, "refused", officer="o.smith", station="gate-3")
    cor = log.record_correction(
        dec.id,
        officer="chief",
        reason="wrong button",
        changes={"decision": "other", "note": "held"},
    )
    assert [r.seq for r in (rev, dec, cor)] == [2, 3, 4]
    rec = log.get(ref.exam_id)
    d = rec.to_dict()
    assert d["examination"] == exam_dict(verdict="suspect", reasons=("UV_BRIGHT_SUBSTRATE",))
    assert d["decision"]["decision"] == "other" and d["decision"]["note"] == "held"
    assert d["review"]["finding"] == "counterfeit" and d["review"]["expert"] == "dr.who"
    assert [e["kind"] for e in d["entries"]] == ["examination", "review", "decision", "correction"]
    assert d["entries"][3]["payload"]["corrects"] == dec.id
    assert d["summary"]["decision"] == "other" and d["purged"] is False
    assert (d["time"], d["station"], d["officer"]) == (
        "2026-03-02T09:30:00.000000Z",
        "gate-3",
        "o.smith",
    )
    by_role = {i["role"]: i for i in d["images"]}
    assert Path(by_role["white"]["path"]).read_bytes() == white
    assert Path(by_role["uv365"]["path"]).read_bytes() == uv
    assert log.image_path(by_role["white"]["sha256"]) == Path(by_role["white"]["path"])
    assert json.loads(json.dumps(d)) == d  # JSON-safe
    assert log.verify().ok


def test_search_reflects_the_latest_decision_and_corrections(log: ExamLog) -> None:
    a = record(log, 0, decision="referred")
    assert _ids(log.search(LogQuery(decision="referred"))) == [a.id]
    log.record_decision(a.id, "admitted", officer="x", station="y")
    assert log.search(LogQuery(decision="referred")) == []
    assert _ids(log.search(LogQuery(decision="admitted"))) == [a.id]
    log.record_correction(
        a.id,
        officer="chief",
        reason="misread",
        changes={"surname": "ERIKSEN", "document_number": "x1234<5"},
    )
    s = log.get(a.id).summary
    assert (s.surname, s.document_number) == ("ERIKSEN", "X12345")
    assert _ids(log.search(LogQuery(name="eriksen"))) == [a.id]
    assert log.search(LogQuery(name="ERIKSSON")) == []
    # a correction of the superseded first decision does not change the current one
    log.record_correction(a.id, officer="chief", reason="x", changes={"decision": "refused"})
    assert log.get(a.id).summary.decision == "admitted"


def test_search_by_each_filter(log: ExamLog) -> None:
    refs = [
        record(
            log,
            0,
            surname="MÜLLER",
            given="JÜRGEN KARL",
            number="C01X00T47",
            nationality="D",
            state="D",
            verdict="consistent",
        ),
        record(
            log,
            1,
            surname="O BRIEN",
            given="SEAN",
            number="123456789",
            nationality="IRL",
            state="IRL",
            verdict="suspect",
            decision="refused",
            reasons=("IR_MRZ_NOT_VISIBLE",),
        ),
        record(
            log,
            2,
            surname="ERIKSSON",
            given="ANNA MARIA",
            verdict="inconclusive",
            decision="referred",
            when=T0 + timedelta(days=40),
        ),
    ]
    a, b, c = (r.id for r in refs)
    assert _ids(log.search(LogQuery(document_number="c01x00t47"))) == [a]
    assert _ids(log.search(LogQuery(name="muller"))) == [a]
    assert _ids(log.search(LogQuery(name="Müll"))) == [a]  # prefix, accents dropped
    assert _ids(log.search(LogQuery(name="karl"))) == [a]  # any given name
    assert _ids(log.search(LogQuery(name="jurgen mull"))) == [a]  # all words
    assert _ids(log.search(LogQuery(name="o'brien"))) == [b]
    assert log.search(LogQuery(name="anna sean")) == []
    assert _ids(log.search(LogQuery(nationality="irl"))) == [b]
    assert _ids(log.search(LogQuery(issuing_state="D"))) == [a]
    assert _ids(log.search(LogQuery(verdict="suspect"))) == [b]
    assert _ids(log.search(LogQuery(decision="referred"))) == [c]
    assert _ids(log.search(LogQuery(officer="officer1"))) == [b]
    assert _ids(log.search(LogQuery(station="gate0"))) == [c, a]  # newest first
    assert _ids(log.search(LogQuery(date_from=date(2026, 4, 1)))) == [c]
    assert _ids(log.search(LogQuery(date_to=date(2026, 3, 2)))) == [b, a]
    assert _ids(
        log.search(LogQuery(date_from=date(2026, 3, 2), date_to=date(2026, 3, 2), station="gate1"))
    ) == [b]
    assert _ids(log.search()) == [c, b, a]
    assert len(log.search(limit=2)) == 2


def test_a_document_of_several_sides(log: ExamLog) -> None:
    back = exam_dict(surname="TEST", given="CARD", number="ID1234567", code="I")
    front = {**exam_dict(), "mrz": None, "specimen": {"id": "uto-id-2019"}}
    doc = {
        "verdict": "consistent",
        "reasons": [],
        "sides": [{"set": "front", **front}, {"set": "back", **back}],
        "elapsed_ms": 1.0,
    }
    ref = log.record_examination(
        doc, images={"front/white": png(3), "back/white": png(4)}, officer="o", station="s"
    )
    s = log.get(ref.id).summary
    assert (s.surname, s.document_number, s.document_type, s.specimen) == (
        "TEST",
        "ID1234567",
        "I",
        "uto-id-2019",
    )


def test_stats(log: ExamLog) -> None:
    record(log, 0, state="D", reasons=("A_CODE",), verdict="suspect")
    record(
        log,
        1,
        state="D",
        reasons=("A_CODE", "B_CODE"),
        verdict="suspect",
        when=T0 + timedelta(days=8),
    )
    record(log, 2, state="IRL", code="I", specimen="uto-id-2019", when=T0 + timedelta(days=35))
    t = log.stats(by="issuing_state")
    assert t.columns == ("issuing_state", "count") and t.rows == (("D", 2), ("IRL", 1))
    assert log.stats(by="reason").rows == (("A_CODE", 2), ("B_CODE", 1))
    assert log.stats(by="specimen").rows == (("uto-passport-2021", 2), ("uto-id-2019", 1))
    assert log.stats(by="document_type").rows == (("P", 2), ("I", 1))
    assert log.stats(by="verdict", period="week").rows == (
        ("2026-W10", "suspect", 1),
        ("2026-W11", "suspect", 1),
        ("2026-W15", "consistent", 1),
    )
    assert log.stats(by="issuing_state", period="month").rows == (
        ("2026-03", "D", 2),
        ("2026-04", "IRL", 1),
    )
    assert log.stats(by="decision", period="year").rows == (("2026", "admitted", 3),)
    assert log.stats(by="issuing_state", period="day").rows[0] == ("2026-03-02", "D", 1)
    assert log.stats(LogQuery(issuing_state="D"), by="reason").rows[0] == ("A_CODE", 2)
    csv_text = log.stats(by="reason", period="month").to_csv()
    assert csv_text.splitlines() == ["period,reason,count", "2026-03,A_CODE,2", "2026-03,B_CODE,1"]
    with pytest.raises(LogError) as e:
        log.stats(by="shoe_size")
    assert e.value.code == "BAD_VALUE"


def test_export_rows(log: ExamLog, tmp_path: Path) -> None:
    for i in range(3):
        record(log, i, surname=f"NAME{'ABC'[i]}", reasons=("X_CODE",) if i else ())
    n = log.export_rows(LogQuery(), fmt="csv", out=tmp_path / "all.csv")
    rows = list(csv.DictReader((tmp_path / "all.csv").open(encoding="utf-8")))
    assert n == 3 and [r["surname"] for r in rows] == ["NAMEC", "NAMEB", "NAMEA"]
    assert rows[0]["reasons"] == "X_CODE" and rows[2]["reasons"] == ""
    n = log.export_rows(LogQuery(name="nameb"), fmt="jsonl", out=tmp_path / "b.jsonl")
    lines = (tmp_path / "b.jsonl").read_text(encoding="utf-8").splitlines()
    assert n == 1 and json.loads(lines[0])["surname"] == "NAMEB"
    with pytest.raises(LogError) as e:
        log.export_rows(LogQuery(), fmt="xlsx", out=tmp_path / "x")
    assert e.value.code == "BAD_VALUE"


def test_images_are_stored_once(log: ExamLog) -> None:
    same = png(5)
    a = log.record_examination(
        exam_dict(), images={"white": same, "copy": same}, officer="o", station="s"
    )
    b = log.record_examination(exam_dict(), images={"white": same}, officer="o", station="s")
    files = [f for f in log.images.root.rglob("*") if f.is_file()]
    assert len(files) == 1 and files[0].read_bytes() == same
    shas = {i.sha256 for r in (a, b) for i in log.get(r.id).images}
    assert len(shas) == 1
    p = log.path.parent / "x.png"
    p.write_bytes(png(6))
    c = log.record_examination(exam_dict(), images={"white": p}, officer="o", station="s")
    assert log.get(c.id).images[0].size == len(png(6))
    log.images.put(png(99))  # as a failed write leaves it: harmless, counted, not a problem
    rep = log.verify()
    assert rep.ok and rep.orphan_images == 1 and rep.images_checked == 2


def test_bad_input(log: ExamLog, tmp_path: Path) -> None:
    ref = record(log, 0)

    def code(fn, *a, **k) -> str:
        with pytest.raises(LogError) as e:
            fn(*a, **k)
        return e.value.code

    assert code(log.record_decision, ref.id, "waved-through", officer="o", station="s") == (
        "BAD_VALUE"
    )
    assert (
        code(
            log.record_examination,
            exam_dict(),
            images={},
            officer="o",
            station="s",
            decision="maybe",
        )
        == "BAD_VALUE"
    )
    assert code(log.record_examination, exam_dict(), images={}, officer=" ", station="s") == (
        "BAD_VALUE"
    )
    assert (
        code(
            log.record_examination,
            exam_dict(),
            images={"white": tmp_path / "none.png"},
            officer="o",
            station="s",
        )
        == "BAD_VALUE"
    )
    assert (
        code(log.record_examination, {"x": object()}, images={}, officer="o", station="s")
        == "BAD_VALUE"
    )
    assert code(log.get, "no-such-id") == "NOT_FOUND"
    assert code(log.record_decision, "no-such-id", "admitted", officer="o", station="s") == (
        "NOT_FOUND"
    )
    assert (
        code(log.record_correction, "no-such-id", officer="o", reason="r", changes={"surname": "X"})
        == "NOT_FOUND"
    )
    assert (
        code(log.record_correction, ref.id, officer="o", reason="r", changes={"shoe_size": "44"})
        == "BAD_VALUE"
    )
    assert code(log.search, LogQuery(decision="maybe")) == "BAD_VALUE"
    assert log.verify().ok and log.head()[0] == 1  # nothing was appended
    assert set(DECISIONS) == {"admitted", "refused", "referred", "other"}


def test_files_that_are_not_logs(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"%PDF-1.7 this is not a database" * 100)
    with pytest.raises(LogError) as e:
        ExamLog.open(junk)
    assert e.value.code == "DB_CORRUPT"
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(LogError) as e:
        ExamLog.open(other)
    assert e.value.code == "DB_CORRUPT"
    with pytest.raises(LogError) as e:
        ExamLog.open(tmp_path / "missing.sqlite", create=False)
    assert e.value.code == "NOT_FOUND"
    with pytest.raises(LogError) as e:
        ExamLog.open(tmp_path / "missing.sqlite", readonly=True)
    assert e.value.code == "NOT_FOUND"
    assert not (tmp_path / "missing.sqlite").exists()


def test_damaged_database_is_db_corrupt(tmp_path: Path) -> None:
    db = tmp_path / "log.sqlite"
    with ExamLog.open(db) as lg:
        for i in range(30):
            record(lg, i)
    data = bytearray(db.read_bytes())
    data[4096 : len(data)] = os.urandom(len(data) - 4096)  # every page after the first
    db.write_bytes(bytes(data))
    with pytest.raises(LogError) as e, ExamLog.open(db) as lg:
        lg.search()
        lg.verify()
    assert e.value.code == "DB_CORRUPT"


def test_default_db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCEXAM_DB", str(tmp_path / "env.sqlite"))
    assert default_db_path(tmp_path / "x.sqlite") == tmp_path / "x.sqlite"
    assert default_db_path() == tmp_path / "env.sqlite"
    monkeypatch.delenv("DOCEXAM_DB")
    p = default_db_path()
    assert p.name == "examlog.sqlite" and "docexam" in str(p)


def test_readonly_log_refuses_writes(tmp_path: Path) -> None:
    db = tmp_path / "log.sqlite"
    with ExamLog.open(db) as lg:
        record(lg, 0)
    with ExamLog.open(db, readonly=True) as lg:
        assert len(lg.search()) == 1
        with pytest.raises(LogError) as e:
            record(lg, 1)
        assert e.value.code == "DB_UNWRITABLE"
    with ExamLog.open(db) as lg:
        assert lg.head()[0] == 1 and lg.verify().ok


def test_a_held_lock_is_db_locked(tmp_path: Path) -> None:
    db = tmp_path / "log.sqlite"
    with ExamLog.open(db):
        pass
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with ExamLog.open(db, busy_timeout=0.2) as lg, pytest.raises(LogError) as e:
            record(lg, 0)
        assert e.value.code == "DB_LOCKED" and str(db) in str(e.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    with ExamLog.open(db) as lg:
        assert lg.head()[0] == 0 and lg.verify().ok


def test_the_contract_document_names_the_api() -> None:
    """docs/examlog.md and the code stay equal: every exported name, every method, every
    LogError code appears in the document."""
    import inspect

    import docexam.errors
    import docexam.examlog as examlog

    doc = (Path(__file__).resolve().parents[2] / "docs" / "examlog.md").read_text("utf-8")
    missing = [n for n in examlog.__all__ if n not in doc]
    methods = [n for n, _ in inspect.getmembers(ExamLog, callable) if not n.startswith("_")]
    missing += [f"log.{m}" for m in methods if f"log.{m}(" not in doc and m != "open"]
    codes = docexam.errors.LogError.__doc__.split("Codes:")[1]
    for code in (
        "DB_UNWRITABLE",
        "DISK_FULL",
        "DB_LOCKED",
        "DB_CORRUPT",
        "NOT_FOUND",
        "SCHEMA_TOO_NEW",
        "SCHEMA_TOO_OLD",
        "CASEFILE_INVALID",
        "BAD_VALUE",
        "WRITE_FAILED",
    ):
        assert code in codes
        if f"`{code}`" not in doc:
            missing.append(code)
    assert not missing


def test_a_dense_name_walks_by_time_and_finds_the_same(log: ExamLog, monkeypatch) -> None:
    # a common name prefix is searched newest first along the time index (query._DENSE_NAME)
    from docexam.examlog import query

    for i in range(6):
        record(log, i, surname="IVANOV" if i % 2 else "PETROV", when=T0 + timedelta(hours=i))
    sparse = [c.id for c in log.search(LogQuery(name="IVA"), limit=2)]
    monkeypatch.setattr(query, "_DENSE_NAME", 1)
    assert query._walk_by_time(log.conn, LogQuery(name="IVA"), 2)
    assert not query._walk_by_time(log.conn, LogQuery(name="IVA", station="gate1"), 2)
    dense = [c.id for c in log.search(LogQuery(name="IVA"), limit=2)]
    assert dense == sparse and len(dense) == 2
    assert all(c.surname == "IVANOV" for c in log.search(LogQuery(name="IVA"), limit=2))
