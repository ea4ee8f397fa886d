"""Schema migrations: a file written at every earlier version, with data, opens with the
current code, verifies and searches. The old files are built from the DDL kept in
``docexam.examlog.schema`` (the migrations' source of truth) and filled with plain SQL, as
the docexam of that version wrote them."""

from __future__ import annotations

import hashlib
import sqlite3
import uuid
from pathlib import Path

import pytest
from log_samples import exam_dict, png

from docexam.errors import LogError
from docexam.examlog import ExamLog, LogQuery, schema
from docexam.examlog.canonical import GENESIS, canonical, content_hash, entry_hash
from docexam.examlog.images import ImageStore
from docexam.examlog.migrate import create_at
from docexam.examlog.paths import image_store_dir


class _V1Writer:
    """Appends entries the way version 1 stored them (entries, entry_images, meta head)."""

    def __init__(self, db: Path, version: int) -> None:
        self.conn = sqlite3.connect(db, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("BEGIN")
        create_at(self.conn, version)
        self.store = ImageStore(image_store_dir(db))
        self.seq, self.prev = 0, GENESIS

    def add(
        self,
        kind: str,
        exam_id: str | None,
        content: dict,
        actor: str = "o1",
        station: str = "gate1",
        images: dict[str, bytes] | None = None,
    ) -> str:
        refs = []
        for role, data in (images or {}).items():
            sha = hashlib.sha256(data).hexdigest()
            self.store.put(data)
            refs.append({"role": role, "sha256": sha, "size": len(data)})
        if kind == "examination":
            content = {**content, "images": refs}
        self.seq += 1
        eid = exam_id if kind == "examination" else str(uuid.uuid4())
        text = canonical(content)
        shas = sorted({r["sha256"] for r in refs})
        time = f"2025-01-{self.seq:02d}T10:00:00.000000Z"
        h = entry_hash(
            seq=self.seq,
            id=eid,
            exam_id=exam_id,
            kind=kind,
            time=time,
            actor=actor,
            station=station,
            content_hash=content_hash(text),
            image_hashes=shas,
            prev_hash=self.prev,
        )
        self.conn.execute(
            "INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                self.seq,
                eid,
                exam_id,
                kind,
                time,
                actor,
                station,
                text,
                content_hash(text),
                canonical(shas),
                self.prev,
                h,
            ),
        )
        for r in refs:
            self.conn.execute(
                "INSERT INTO entry_images VALUES (?,?,?,?)",
                (eid, r["role"], r["sha256"], r["size"]),
            )
        self.conn.execute("UPDATE meta SET value = ? WHERE key = 'head_seq'", (str(self.seq),))
        self.conn.execute("UPDATE meta SET value = ? WHERE key = 'head_hash'", (h,))
        self.prev = h
        return eid

    def close(self) -> None:
        self.conn.execute("COMMIT")
        self.conn.close()


def _old_log(db: Path, version: int) -> dict[str, str]:
    w = _V1Writer(db, version)
    a, b = str(uuid.uuid4()), str(uuid.uuid4())
    w.add(
        "examination",
        a,
        {
            "examination": exam_dict(surname="OLDMAN", nationality="D"),
            "decision": "referred",
            "note": "",
        },
        images={"white": png(1), "uv365": png(2)},
    )
    w.add(
        "examination",
        b,
        {
            "examination": exam_dict(surname="NEWMAN", verdict="suspect"),
            "decision": None,
            "note": "",
        },
        images={"white": png(3)},
    )
    w.add("review", a, {"finding": "genuine", "note": ""}, actor="expert")
    d = w.add("decision", a, {"decision": "refused", "note": ""})
    w.add("correction", a, {"corrects": d, "reason": "typo", "changes": {"decision": "admitted"}})
    w.close()
    return {"a": a, "b": b}


@pytest.mark.parametrize("version", range(1, schema.CURRENT))
def test_every_earlier_version_upgrades(tmp_path: Path, version: int) -> None:
    db = tmp_path / "old.sqlite"
    ids = _old_log(db, version)
    with ExamLog.open(db) as lg:
        rep = lg.verify()
        assert rep.ok, rep.problems
        assert rep.entries_checked == 5 and rep.images_checked == 3
        assert [s.id for s in lg.search(LogQuery(name="oldman"))] == [ids["a"]]
        assert [s.id for s in lg.search(LogQuery(decision="admitted"))] == [ids["a"]]
        assert [s.id for s in lg.search(LogQuery(verdict="suspect"))] == [ids["b"]]
        assert lg.stats(by="nationality").rows == (("D", 1), ("UTO", 1))
        assert lg.get(ids["a"]).review["finding"] == "genuine"
        lg.record_decision(ids["b"], "admitted", officer="o", station="s")
        assert lg.verify().ok and lg.head()[0] == 6
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.CURRENT
    conn.close()


def test_readonly_open_upgrades_a_writable_old_file(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    ids = _old_log(db, 1)
    with ExamLog.open(db, readonly=True) as lg:
        assert [s.id for s in lg.search(LogQuery(name="newman"))] == [ids["b"]]


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite"
    with ExamLog.open(db):
        pass
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {schema.CURRENT + 1}")
    conn.close()
    for readonly in (False, True):
        with pytest.raises(LogError) as e:
            ExamLog.open(db, readonly=readonly)
        assert e.value.code == "SCHEMA_TOO_NEW"


def test_a_new_file_takes_the_migration_path(tmp_path: Path) -> None:
    """A new log is version 1's DDL plus every migration: the same tables as an upgrade."""
    new, old = tmp_path / "new.sqlite", tmp_path / "old.sqlite"
    with ExamLog.open(new):
        pass
    _old_log(old, 1)
    with ExamLog.open(old):
        pass

    def tables(p: Path) -> list:
        c = sqlite3.connect(p)
        rows = c.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
        c.close()
        return rows

    assert tables(new) == tables(old)
