"""Creating a log and bringing an older one up to the current schema.

Why in one transaction: a migration that fails half-way (disk full, killed) must leave the
file at its old version, readable by the old code, and two processes opening a new file at
once must not both create it. Every check is repeated inside ``BEGIN IMMEDIATE``.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

from docexam.errors import LogError
from docexam.examlog import schema
from docexam.examlog.canonical import GENESIS, utc_text
from docexam.examlog.casestate import fold, write_projection
from docexam.examlog.chain import case_rows
from docexam.examlog.connection import read_meta, set_meta, write_tx


def _version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _check_ours(conn: sqlite3.Connection, db: Path) -> None:
    if "meta" not in _tables(conn) or read_meta(conn).get("format") != schema.FORMAT:
        raise LogError(
            f"{db} is a SQLite database but not a docexam examination log", code="DB_CORRUPT"
        )


def _check_not_newer(conn: sqlite3.Connection, db: Path) -> None:
    v = _version(conn)
    if v > schema.CURRENT:
        raise LogError(
            f"{db} was written by a newer docexam (schema {v}; this one knows up "
            f"to {schema.CURRENT}): update docexam",
            code="SCHEMA_TOO_NEW",
        )


def create_at(conn: sqlite3.Connection, version: int) -> None:
    """A new, empty log at ``version`` (the tests build old files with this too)."""
    for v in range(1, version + 1):
        for stmt in schema.DDL[v]:
            conn.execute(stmt)
    set_meta(conn, "format", schema.FORMAT)
    set_meta(conn, "log_id", str(uuid.uuid4()))
    set_meta(conn, "created", utc_text())
    set_meta(conn, "head_seq", "0")
    set_meta(conn, "head_hash", GENESIS)
    conn.execute(f"PRAGMA user_version = {int(version)}")


def rebuild_projection(conn: sqlite3.Connection) -> int:
    """Fold every case again from its entries (the v1->v2 migration; a repair)."""
    log_id = read_meta(conn)["log_id"]
    retained: dict[str, dict] = {}
    for (content,) in conn.execute(
        "SELECT content FROM entries WHERE kind = 'purge' AND content IS NOT NULL ORDER BY seq"
    ):
        for c in json.loads(content).get("cases", []):
            retained[c["exam_id"]] = c.get("retained") or {}
    ids = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM entries WHERE kind = 'examination' "
            "UNION SELECT id FROM foreign_entries "
            "WHERE kind = 'examination'"
        )
    ]
    conn.execute("DELETE FROM case_names")
    conn.execute("DELETE FROM case_reasons")
    conn.execute("DELETE FROM cases")
    for exam_id in ids:
        state = fold(case_rows(conn, exam_id, log_id), retained.get(exam_id))
        if state is not None:
            write_projection(conn, state.summary)
    return len(ids)


def _to_2(conn: sqlite3.Connection) -> None:
    for stmt in schema.V2:
        conn.execute(stmt)
    rebuild_projection(conn)


MIGRATIONS = {2: _to_2}  # target version -> step from the version before


def prepare(conn: sqlite3.Connection, db: Path, *, readonly: bool) -> None:
    """Create, check or upgrade the schema; LogError when the file is not usable."""
    if readonly:
        if _version(conn) == 0 and not _tables(conn):
            raise LogError(f"{db} is empty: no examination log there", code="NOT_FOUND")
        _check_ours(conn, db)
        _check_not_newer(conn, db)
        if _version(conn) < schema.CURRENT:
            raise LogError(
                f"{db} has the older log schema {_version(conn)}: open it once "
                "writable to upgrade it",
                code="SCHEMA_TOO_OLD",
            )
        return
    if _version(conn) == schema.CURRENT and _tables(conn):
        _check_ours(conn, db)
        return
    with write_tx(conn, db):
        if _version(conn) == 0 and not _tables(conn):
            create_at(conn, 1)
        _check_ours(conn, db)
        _check_not_newer(conn, db)
        for target in range(_version(conn) + 1, schema.CURRENT + 1):
            MIGRATIONS[target](conn)
            conn.execute(f"PRAGMA user_version = {target}")
