"""Tampering with plain SQL and with the image files: verify must catch each and name the
entry (seq and id). The attacker here knows the hash algorithm (it is documented)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from log_samples import record

from docexam.examlog import ExamLog
from docexam.examlog.canonical import canonical, content_hash, entry_hash

N = 9


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A log of 9 entries: 5 examinations with images, decisions, a review, a correction."""
    path = tmp_path / "log.sqlite"
    with ExamLog.open(path) as lg:
        a = record(lg, 0, decision="referred")  # 1
        record(lg, 1)  # 2
        lg.record_review(a.id, expert="dr", finding="genuine")  # 3
        d = lg.record_decision(a.id, "admitted", officer="o", station="s")  # 4
        record(lg, 2)  # 5
        record(lg, 3)  # 6
        lg.record_correction(d.id, officer="chief", reason="r", changes={"note": "ok"})  # 7
        record(lg, 4)  # 8
        record(lg, 5, decision=None)  # 9
        assert lg.head()[0] == N and lg.verify().ok
    return path


def _sql(db: Path, *statements: tuple) -> None:
    conn = sqlite3.connect(db)
    with conn:
        for stmt, *args in statements:
            conn.execute(stmt, *args)
    conn.close()


def _row(db: Path, seq: int) -> dict:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    r = dict(conn.execute("SELECT * FROM entries WHERE seq = ?", (seq,)).fetchone())
    conn.close()
    return r


def _problems(db: Path) -> set[tuple[str, int, str | None]]:
    with ExamLog.open(db) as lg:
        rep = lg.verify()
    assert not rep.ok
    for p in rep.problems:
        assert p.detail
    return {(p.kind, p.seq, p.entry_id) for p in rep.problems}


def test_untouched_log_verifies(db: Path) -> None:
    with ExamLog.open(db) as lg:
        rep = lg.verify()
    assert rep.ok and rep.problems == () and rep.entries_checked == N
    assert rep.images_checked == 7  # 6 own white images + 1 shared uv image
    assert rep.head_seq == N and rep.head_hash == _row(db, N)["entry_hash"]


def test_edited_content(db: Path) -> None:
    r = _row(db, 5)
    _sql(db, ("UPDATE entries SET content = replace(content, 'ERIKSSON', 'SMITH') WHERE seq = 5",))
    assert ("changed", 5, r["id"]) in _problems(db)


def test_edited_content_with_its_content_hash(db: Path) -> None:
    r = _row(db, 5)
    text = r["content"].replace("ERIKSSON", "SMITH")
    _sql(
        db,
        (
            "UPDATE entries SET content = ?, content_hash = ? WHERE seq = 5",
            (text, content_hash(text)),
        ),
    )
    assert ("changed", 5, r["id"]) in _problems(db)


def test_edited_hash(db: Path) -> None:
    r = _row(db, 4)
    _sql(db, ("UPDATE entries SET entry_hash = ? WHERE seq = 4", ("ab" * 32,)))
    assert _problems(db) == {("changed", 4, r["id"])}


def test_edited_column(db: Path) -> None:
    r = _row(db, 2)
    _sql(db, ("UPDATE entries SET actor = 'someone else' WHERE seq = 2",))
    assert _problems(db) == {("changed", 2, r["id"])}


def test_rewritten_entry_with_a_consistent_hash(db: Path) -> None:
    """Content, content hash and entry hash all redone: the next entry's link betrays it."""
    r = _row(db, 5)
    text = r["content"].replace("ERIKSSON", "SMITH")
    ch = content_hash(text)
    eh = entry_hash(
        seq=5,
        id=r["id"],
        exam_id=r["exam_id"],
        kind=r["kind"],
        time=r["time"],
        actor=r["actor"],
        station=r["station"],
        content_hash=ch,
        image_hashes=_shas(r),
        prev_hash=r["prev_hash"],
    )
    _sql(
        db,
        (
            "UPDATE entries SET content = ?, content_hash = ?, entry_hash = ? WHERE seq = 5",
            (text, ch, eh),
        ),
    )
    assert ("changed", 5, r["id"]) in _problems(db)


def test_deleted_middle_row(db: Path) -> None:
    r = _row(db, 5)
    _sql(db, ("DELETE FROM entries WHERE seq = 5",))
    assert _problems(db) == {("deleted", 5, r["id"])}  # its id: its case is still projected


def test_deleted_last_row(db: Path) -> None:
    r = _row(db, N)
    _sql(db, ("DELETE FROM entries WHERE seq = ?", (N,)))
    assert _problems(db) == {("deleted", N, r["id"])}


def test_deleted_last_rows_of_other_kinds(db: Path) -> None:
    _sql(db, ("DELETE FROM entries WHERE seq >= 7",))
    kinds = _problems(db)
    assert {(k, s) for k, s, _ in kinds} == {("deleted", 7), ("deleted", 8), ("deleted", 9)}


def test_swapped_rows(db: Path) -> None:
    r3, r6 = _row(db, 3), _row(db, 6)
    _sql(
        db,
        ("UPDATE entries SET seq = -3 WHERE seq = 3",),
        ("UPDATE entries SET seq = 3 WHERE seq = 6",),
        ("UPDATE entries SET seq = 6 WHERE seq = -3",),
    )
    assert _problems(db) == {("reordered", 3, r6["id"]), ("reordered", 6, r3["id"])}


def test_swapped_neighbours(db: Path) -> None:
    r4, r5 = _row(db, 4), _row(db, 5)
    _sql(
        db,
        ("UPDATE entries SET seq = -4 WHERE seq = 4",),
        ("UPDATE entries SET seq = 4 WHERE seq = 5",),
        ("UPDATE entries SET seq = 5 WHERE seq = -4",),
    )
    assert _problems(db) == {("reordered", 4, r5["id"]), ("reordered", 5, r4["id"])}


def _shas(r: dict) -> list[str]:
    import json

    return json.loads(r["image_hashes"])


def _forge(db: Path, seq: int, prev_hash: str) -> str:
    """A forged decision with a self-consistent hash at ``seq``."""
    victim = _row(db, 2)
    text = canonical({"decision": "admitted", "note": ""})
    ch = content_hash(text)
    fid = "f0f0f0f0-0000-4000-8000-000000000000"
    eh = entry_hash(
        seq=seq,
        id=fid,
        exam_id=victim["exam_id"],
        kind="decision",
        time=victim["time"],
        actor="officer9",
        station="gate0",
        content_hash=ch,
        image_hashes=[],
        prev_hash=prev_hash,
    )
    _sql(
        db,
        (
            "INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                seq,
                fid,
                victim["exam_id"],
                "decision",
                victim["time"],
                "officer9",
                "gate0",
                text,
                ch,
                "[]",
                prev_hash,
                eh,
            ),
        ),
    )
    return fid


def test_inserted_row_in_the_middle(db: Path) -> None:
    """The rows after seq 4 are moved up by one and a consistent forged row put at 5."""
    _sql(
        db,
        ("UPDATE entries SET seq = seq + 1000 WHERE seq >= 5",),
        ("UPDATE entries SET seq = seq - 999 WHERE seq >= 1000",),
    )
    fid = _forge(db, 5, _row(db, 4)["entry_hash"])
    found = _problems(db)
    assert ("inserted", 5, fid) in found
    assert {k for k, _, _ in found} == {"inserted", "reordered"}  # the moved rows


def test_inserted_row_at_the_end(db: Path) -> None:
    fid = _forge(db, N + 1, _row(db, N)["entry_hash"])
    assert _problems(db) == {("inserted", N + 1, fid)}


def _image(db: Path, seq: int) -> Path:
    r = _row(db, seq)
    sha = _shas(r)[0]
    return db.with_name(db.name + ".images") / sha[:2] / sha[2:4] / sha


def _break_image(db: Path, how: Callable[[Path], None]) -> tuple[str, int, str]:
    r = _row(db, 6)
    own = next(s for s in _shas(r) if _row(db, 1)["image_hashes"].count(s) == 0)
    path = db.with_name(db.name + ".images") / own[:2] / own[2:4] / own
    how(path)
    return r["id"], 6, own


def test_edited_image(db: Path) -> None:
    eid, seq, _ = _break_image(db, lambda p: p.write_bytes(p.read_bytes()[:-1] + b"x"))
    assert _problems(db) == {("image_changed", seq, eid)}


def test_deleted_image(db: Path) -> None:
    eid, seq, _ = _break_image(db, Path.unlink)
    assert _problems(db) == {("image_missing", seq, eid)}


def test_deleted_shared_image_names_every_entry(db: Path) -> None:
    uv = next(s for s in _shas(_row(db, 1)) if _row(db, 2)["image_hashes"].count(s))
    (db.with_name(db.name + ".images") / uv[:2] / uv[2:4] / uv).unlink()
    found = _problems(db)
    assert {s for k, s, _ in found if k == "image_missing"} == {1, 2, 5, 6, 8, 9}


def test_removed_content_without_a_tombstone(db: Path) -> None:
    r = _row(db, 2)
    _sql(db, ("UPDATE entries SET content = NULL WHERE seq = 2",))
    assert _problems(db) == {("changed", 2, r["id"])}


def test_a_consistent_rewrite_of_the_tail_needs_an_external_anchor(db: Path) -> None:
    """The honest limit: an attacker who redoes every hash from seq 5 on and the anchor in
    meta is invisible to the log alone; a head hash written down earlier catches it."""
    with ExamLog.open(db) as lg:
        written_down = (lg.verify().head_seq, lg.verify().head_hash)
    conn = sqlite3.connect(db)
    prev = _row(db, 4)["entry_hash"]
    for seq in range(5, N + 1):
        r = _row(db, seq)
        text = r["content"].replace("ERIKSSON", "SMITH")
        ch = content_hash(text)
        h = entry_hash(
            seq=seq,
            id=r["id"],
            exam_id=r["exam_id"],
            kind=r["kind"],
            time=r["time"],
            actor=r["actor"],
            station=r["station"],
            content_hash=ch,
            image_hashes=_shas(r),
            prev_hash=prev,
        )
        conn.execute(
            "UPDATE entries SET content = ?, content_hash = ?, prev_hash = ?, "
            "entry_hash = ? WHERE seq = ?",
            (text, ch, prev, h, seq),
        )
        prev = h
    conn.execute("UPDATE meta SET value = ? WHERE key = 'head_hash'", (prev,))
    conn.commit()
    conn.close()
    with ExamLog.open(db) as lg:
        assert lg.verify().ok  # undetectable from inside
        rep = lg.verify(anchor=written_down)
    assert not rep.ok and {(p.kind, p.seq) for p in rep.problems} == {("changed", N)}
