"""The hash chain: appending an entry and reading entries back.

Why here, apart from the store: the append is the one place that reads the head and
writes a new one, and it must run inside the caller's ``BEGIN IMMEDIATE`` transaction so
two writers can never both link to the same head. The head is also kept in ``meta``
(``head_seq``, ``head_hash``), updated in the same transaction: deleting the last rows
then shows as a count and hash mismatch.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from docexam.errors import LogError
from docexam.examlog.canonical import GENESIS, canonical, content_hash, entry_hash
from docexam.examlog.connection import read_meta, set_meta
from docexam.examlog.types import EntryRef

COLUMNS = (
    "seq, id, exam_id, kind, time, actor, station, content, content_hash, "
    "image_hashes, prev_hash, entry_hash"
)


@dataclass(frozen=True)
class Row:
    """One entry as stored (local or imported); ``log`` is the id of the log that wrote it."""

    seq: int
    id: str
    exam_id: str | None
    kind: str
    time: str
    actor: str
    station: str
    content: str | None
    content_hash: str
    image_hashes: str
    prev_hash: str
    entry_hash: str
    log: str = ""

    @property
    def payload(self) -> dict[str, Any] | None:
        if self.content is None:
            return None
        try:
            value = json.loads(self.content)
        except ValueError:
            value = None
        if not isinstance(value, dict):
            raise LogError(
                f"entry seq {self.seq} ({self.id}) holds damaged content: run verify",
                code="DB_CORRUPT",
            )
        return value

    def image_list(self) -> list[str]:
        try:
            value = json.loads(self.image_hashes)
        except ValueError:
            return []
        return [str(v) for v in value] if isinstance(value, list) else []

    def recomputed_hash(self, seq: int | None = None) -> str:
        return entry_hash(
            seq=self.seq if seq is None else seq,
            id=self.id,
            exam_id=self.exam_id,
            kind=self.kind,
            time=self.time,
            actor=self.actor,
            station=self.station,
            content_hash=self.content_hash,
            image_hashes=self.image_list(),
            prev_hash=self.prev_hash,
        )

    def ref(self) -> EntryRef:
        return EntryRef(self.id, self.exam_id or "", self.seq, self.kind, self.entry_hash)

    def to_package(self) -> dict[str, Any]:
        """The entry as a case package carries it (content as an object)."""
        return {
            "log": self.log,
            "seq": self.seq,
            "id": self.id,
            "exam_id": self.exam_id,
            "kind": self.kind,
            "time": self.time,
            "actor": self.actor,
            "station": self.station,
            "content": self.payload,
            "content_hash": self.content_hash,
            "image_hashes": self.image_list(),
            "prev_hash": self.prev_hash,
            "hash": self.entry_hash,
        }


def row_of(values: Sequence[Any], log: str = "") -> Row:
    return Row(*values[:12], log=log)


def head(conn: sqlite3.Connection) -> tuple[int, str]:
    """(seq, hash) of the chain's head as the anchor in ``meta`` records it."""
    meta = read_meta(conn)
    return int(meta.get("head_seq", "0")), meta.get("head_hash", GENESIS)


def append(
    conn: sqlite3.Connection,
    *,
    kind: str,
    exam_id: str | None,
    time: str,
    actor: str,
    station: str,
    content: dict[str, Any],
    images: Iterable[tuple[str, str, int]] = (),
    entry_id: str | None = None,
) -> Row:
    """Append one entry (call inside ``write_tx``); ``images``: (role, sha256, size)."""
    images = list(images)
    seq0, prev = head(conn)
    seq = seq0 + 1
    eid = entry_id or str(uuid.uuid4())
    text = canonical(content)
    chash = content_hash(text)
    shas = sorted({sha for _, sha, _ in images})
    ehash = entry_hash(
        seq=seq,
        id=eid,
        exam_id=exam_id,
        kind=kind,
        time=time,
        actor=actor,
        station=station,
        content_hash=chash,
        image_hashes=shas,
        prev_hash=prev,
    )
    row = Row(
        seq, eid, exam_id, kind, time, actor, station, text, chash, canonical(shas), prev, ehash
    )
    conn.execute(
        f"INSERT INTO entries ({COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            row.seq,
            row.id,
            row.exam_id,
            row.kind,
            row.time,
            row.actor,
            row.station,
            row.content,
            row.content_hash,
            row.image_hashes,
            row.prev_hash,
            row.entry_hash,
        ),
    )
    conn.executemany(
        "INSERT INTO entry_images(entry_id, role, sha256, size) VALUES (?,?,?,?)",
        [(eid, role, sha, size) for role, sha, size in images],
    )
    set_meta(conn, "head_seq", str(seq))
    set_meta(conn, "head_hash", ehash)
    return row


def entry(conn: sqlite3.Connection, entry_id: str, log_id: str) -> Row | None:
    """A local or imported entry by id."""
    r = conn.execute(f"SELECT {COLUMNS} FROM entries WHERE id = ?", (entry_id,)).fetchone()
    if r is not None:
        return row_of(r, log_id)
    r = conn.execute(
        f"SELECT {COLUMNS}, log FROM foreign_entries WHERE id = ?", (entry_id,)
    ).fetchone()
    return None if r is None else row_of(r, r[12])


def case_rows(conn: sqlite3.Connection, exam_id: str, log_id: str) -> list[Row]:
    """Every entry of one case, local and imported, in time order."""
    rows = [
        row_of(r, log_id)
        for r in conn.execute(
            f"SELECT {COLUMNS} FROM entries WHERE exam_id = ? ORDER BY seq", (exam_id,)
        )
    ]
    rows += [
        row_of(r, r[12])
        for r in conn.execute(
            f"SELECT {COLUMNS}, log FROM foreign_entries WHERE exam_id = ? ORDER BY seq", (exam_id,)
        )
    ]
    rows.sort(key=lambda r: (r.time, r.log != log_id, r.seq))
    return rows
