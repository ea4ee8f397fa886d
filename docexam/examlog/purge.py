"""Retention: remove the personal data and images of old examinations, leave tombstones.

Why the chain survives: an entry's hash covers its content only through ``content_hash``,
which is kept; the content and the image files go. A ``purge`` entry (the tombstone)
records who purged which entries of which cases, when, with what cutoff, and the
non-personal summary each case keeps for statistics (time, station, officer, issuing state,
specimen, document type, verdict, decision, reason codes): hashed like any entry, so
``verify`` accepts exactly the contents a tombstone accounts for.
"""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from docexam.errors import LogError
from docexam.examlog import chain
from docexam.examlog.canonical import utc_text
from docexam.examlog.casestate import retained_of, write_projection
from docexam.examlog.connection import write_tx
from docexam.examlog.images import ImageStore
from docexam.examlog.query import SUMMARY_SQL, summary_of
from docexam.examlog.types import PurgeReport


def _unreferenced(conn: sqlite3.Connection, shas: list[str]) -> list[str]:
    return [
        s
        for s in shas
        if conn.execute("SELECT 1 FROM entry_images WHERE sha256 = ? LIMIT 1", (s,)).fetchone()
        is None
    ]


def purge(
    conn: sqlite3.Connection,
    db: Path,
    store: ImageStore,
    *,
    older_than_days: int,
    by: str,
    now: datetime | None = None,
) -> PurgeReport:
    """Purge every case examined before ``now - older_than_days`` that is not purged yet."""
    if (
        isinstance(older_than_days, bool)
        or not isinstance(older_than_days, int)
        or older_than_days < 0
    ):
        raise LogError(
            f"older_than_days must be a whole number >= 0, not {older_than_days!r}",
            code="BAD_VALUE",
        )
    if not isinstance(by, str) or not by.strip():
        raise LogError("a purge must name who purges (by)", code="BAD_VALUE")
    now = now or datetime.now(UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    cutoff = utc_text(now - timedelta(days=older_than_days))
    with write_tx(conn, db):
        rows = conn.execute(
            f"SELECT {SUMMARY_SQL} FROM cases c WHERE c.time < ? AND c.purged = 0 ORDER BY c.time",
            (cutoff,),
        ).fetchall()
        if not rows:
            return PurgeReport(cutoff, 0, 0, 0, 0, None)
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS purge_ids (id TEXT PRIMARY KEY)")
        conn.execute("DELETE FROM purge_ids")
        cases = []
        for r in rows:
            s = summary_of(r)
            ids = [
                e
                for (e,) in conn.execute(
                    "SELECT id FROM entries WHERE exam_id = ? AND kind != 'import' AND content "
                    "IS NOT NULL UNION ALL SELECT id FROM foreign_entries WHERE exam_id = ? AND "
                    "content IS NOT NULL",
                    (s.id, s.id),
                )
            ]
            conn.executemany("INSERT OR IGNORE INTO purge_ids(id) VALUES (?)", [(e,) for e in ids])
            cases.append({"exam_id": s.id, "entry_ids": ids, "retained": retained_of(s)})
        shas = [
            s
            for (s,) in conn.execute(
                "SELECT DISTINCT sha256 FROM entry_images "
                "WHERE entry_id IN (SELECT id FROM purge_ids)"
            )
        ]
        n_entries = int(conn.execute("SELECT count(*) FROM purge_ids").fetchone()[0])
        conn.execute("UPDATE entries SET content = NULL WHERE id IN (SELECT id FROM purge_ids)")
        conn.execute(
            "UPDATE foreign_entries SET content = NULL WHERE id IN (SELECT id FROM purge_ids)"
        )
        conn.execute("DELETE FROM entry_images WHERE entry_id IN (SELECT id FROM purge_ids)")
        conn.execute("DELETE FROM purge_ids")
        tomb = chain.append(
            conn,
            kind="purge",
            exam_id=None,
            time=utc_text(now),
            actor=by,
            station="",
            content={"older_than_days": older_than_days, "cutoff": cutoff, "cases": cases},
        )
        for r in rows:
            s = summary_of(r)
            write_projection(
                conn,
                s.__class__(
                    **{
                        **s.to_dict(),
                        "reasons": s.reasons,
                        "document_number": None,
                        "surname": None,
                        "given_names": None,
                        "nationality": None,
                        "purged": True,
                    }
                ),
            )
    # The files go after the commit, under the write lock again: a writer that found a file
    # present before we took the lock re-checks inside its own transaction and rewrites it.
    deleted = freed = 0
    with write_tx(conn, db):
        for sha in _unreferenced(conn, shas):
            size = store.delete(sha)
            deleted += size > 0
            freed += size
    with contextlib.suppress(sqlite3.Error):  # old pages out of the WAL file
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return PurgeReport(cutoff, len(rows), n_entries, deleted, freed, tomb.ref())
