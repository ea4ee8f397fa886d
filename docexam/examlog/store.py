"""``ExamLog``: the examination log's one public object (docs/examlog.md).

Why a thin facade: recording, the chain, the projection, verify, purge and the packages
live in their own modules; this class opens (creates, upgrades) the file, holds the
connection (one per object, passed around explicitly, no global state), serialises calls
from several threads and turns stray sqlite3 errors into ``LogError``.
"""

from __future__ import annotations

import functools
import sqlite3
import threading
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from docexam.errors import LogError
from docexam.examlog import casefile, chain, export, query, record
from docexam.examlog import purge as purging
from docexam.examlog import verify as verifying
from docexam.examlog.casestate import fold
from docexam.examlog.connection import (
    DEFAULT_BUSY_TIMEOUT,
    connect,
    connect_immutable,
    read_meta,
    sniff,
)
from docexam.examlog.errmap import from_os, from_sqlite
from docexam.examlog.images import ImageStore, is_sha256
from docexam.examlog.migrate import prepare
from docexam.examlog.paths import default_db_path, image_store_dir
from docexam.examlog.types import (
    CaseRecord,
    CaseSummary,
    EntryRef,
    ImageRef,
    ImportReport,
    LogEntry,
    LogQuery,
    PurgeReport,
    StatsTable,
    VerifyReport,
)

T = TypeVar("T")


def _guarded(fn: Callable[..., T]) -> Callable[..., T]:
    """One call at a time per log object; stray sqlite3 errors become LogErrors."""

    @functools.wraps(fn)
    def wrapper(self: ExamLog, *args: Any, **kwargs: Any) -> T:
        if self._conn is None:
            raise LogError(f"the log {self.path} is closed", code="BAD_VALUE")
        with self._lock:
            try:
                return fn(self, *args, **kwargs)
            except sqlite3.Error as exc:
                raise from_sqlite(exc, self.path) from exc

    return wrapper


class ExamLog:
    """The examination log in one SQLite file plus its image store beside it."""

    def __init__(self, path: Path, conn: sqlite3.Connection, readonly: bool) -> None:
        self.path = path
        self.readonly = readonly
        self.images = ImageStore(image_store_dir(path))
        self._conn: sqlite3.Connection | None = conn
        self._lock = threading.RLock()
        self.log_id = read_meta(conn)["log_id"]

    @classmethod
    def open(
        cls,
        path: Path | str | None = None,
        *,
        create: bool = True,
        readonly: bool = False,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
    ) -> ExamLog:
        """Open (and create or upgrade) the log; ``path`` None -> ``default_db_path()``."""
        db = default_db_path(path)
        if db.is_dir():
            raise LogError(f"{db} is a folder, not a log file", code="BAD_VALUE")
        if not db.exists():
            if readonly or not create:
                raise LogError(f"no examination log at {db}", code="NOT_FOUND")
            try:
                db.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise from_os(exc, db.parent, "create the folder of") from exc
        sniff(db)
        try:
            conn = connect(db, readonly=readonly, busy_timeout=busy_timeout)
        except LogError as exc:
            if not readonly or exc.code != "DB_UNWRITABLE":
                raise
            conn = connect_immutable(db)  # a read-only medium without the WAL index
        try:
            try:
                prepare(conn, db, readonly=readonly)
            except LogError as exc:
                if exc.code != "SCHEMA_TOO_OLD":
                    raise
                conn.close()
                conn = cls._upgrade_then_reopen(db, busy_timeout, exc)
            return cls(db, conn, readonly)
        except sqlite3.Error as exc:
            conn.close()
            raise from_sqlite(exc, db) from exc
        except BaseException:
            conn.close()
            raise

    @staticmethod
    def _upgrade_then_reopen(db: Path, busy_timeout: float, why: LogError) -> sqlite3.Connection:
        """A read-only open of an older schema upgrades it once when the file is writable
        (so ``docexam log search`` works after an update), else SCHEMA_TOO_OLD."""
        try:
            rw = connect(db, readonly=False, busy_timeout=busy_timeout)
            try:
                prepare(rw, db, readonly=False)
            finally:
                rw.close()
        except LogError as exc:
            raise why from exc
        return connect(db, readonly=True, busy_timeout=busy_timeout)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> ExamLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise LogError(f"the log {self.path} is closed", code="BAD_VALUE")
        return self._conn

    # -- writing (docexam.examlog.record) ----------------------------------------------------
    @_guarded
    def record_examination(
        self,
        exam: Mapping[str, Any],
        *,
        images: Mapping[str, bytes | Path | str],
        officer: str,
        station: str,
        decision: str | None = None,
        note: str = "",
        when: datetime | None = None,
    ) -> EntryRef:
        """Record one examination (its dict, images, and optionally the first decision)."""
        return record.examination(self, exam, images, officer, station, decision, note, when)

    @_guarded
    def record_decision(
        self,
        exam_id: str,
        decision: str,
        *,
        officer: str,
        station: str,
        note: str = "",
        when: datetime | None = None,
    ) -> EntryRef:
        """A later decision on a case (e.g. after the expert's review); the latest wins."""
        return record.decision(self, exam_id, decision, officer, station, note, when)

    @_guarded
    def record_review(
        self,
        exam_id: str,
        *,
        expert: str,
        finding: str,
        note: str = "",
        when: datetime | None = None,
        station: str = "",
    ) -> EntryRef:
        """An expert's review of a (referred) case."""
        return record.review(self, exam_id, expert, finding, note, when, station)

    @_guarded
    def record_correction(
        self,
        entry_id: str,
        *,
        officer: str,
        reason: str,
        changes: Mapping[str, Any],
        when: datetime | None = None,
        station: str = "",
    ) -> EntryRef:
        """A correction of an earlier entry: a new entry pointing to it (nothing is edited)."""
        return record.correction(self, entry_id, officer, reason, changes, when, station)

    # -- reading ---------------------------------------------------------------------------
    @_guarded
    def get(self, exam_id: str) -> CaseRecord:
        """Everything about one examination; LogError NOT_FOUND."""
        rows = chain.case_rows(self.conn, str(exam_id), self.log_id)
        state = fold(rows)
        if state is None:
            raise LogError(f"no examination {exam_id} in the log", code="NOT_FOUND")
        summary = state.summary
        if state.purged:
            found = query.search_id(self.conn, str(exam_id))
            summary = found or summary
        exam = next(r for r in rows if r.kind == "examination")
        paths = {i["sha256"]: self.image_path(i["sha256"]) for i in state.images}
        images = tuple(
            ImageRef(
                i["role"],
                i["sha256"],
                str(paths[i["sha256"]]) if paths[i["sha256"]] else None,
                int(i.get("size", 0)),
            )
            for i in state.images
        )
        entries = tuple(
            LogEntry(
                r.seq, r.id, r.kind, r.time, r.actor, r.station, r.payload, r.entry_hash, r.log
            )
            for r in rows
        )
        return CaseRecord(
            exam.id,
            exam.time,
            exam.station,
            exam.actor,
            summary,
            state.examination,
            images,
            entries,
            state.decision,
            state.review,
            state.purged,
        )

    @_guarded
    def search(self, q: LogQuery | None = None, *, limit: int | None = None) -> list[CaseSummary]:
        """Cases matching ``q`` (all when None), newest first."""
        return query.search(self.conn, q or LogQuery(), limit)

    @_guarded
    def stats(self, q: LogQuery | None = None, *, by: str, period: str | None = None) -> StatsTable:
        return query.stats(self.conn, q or LogQuery(), by, period)

    @_guarded
    def verify(
        self,
        *,
        progress: Callable[[int, int], None] | None = None,
        anchor: tuple[int, str] | None = None,
    ) -> VerifyReport:
        """Check chain, contents and images; ``anchor`` = an earlier (head_seq, head_hash)
        kept outside the log (detects a consistent rewrite of everything after it)."""
        return verifying.verify(self.conn, self.images, self.log_id, progress, anchor)

    def image_path(self, sha256: str) -> Path | None:
        """The stored file of an image, or None (unknown, purged or missing)."""
        if not isinstance(sha256, str) or not is_sha256(sha256):
            return None
        p = self.images.path_of(sha256)
        return p if p.is_file() else None

    # -- retention and exchange ---------------------------------------------------------------
    @_guarded
    def purge(self, *, older_than_days: int, by: str, now: datetime | None = None) -> PurgeReport:
        return purging.purge(
            self.conn, self.path, self.images, older_than_days=older_than_days, by=by, now=now
        )

    @_guarded
    def export_rows(self, q: LogQuery | None = None, *, fmt: str, out: Path) -> int:
        return export.write_rows(query.search(self.conn, q or LogQuery()), fmt, Path(out))

    @_guarded
    def export_case(self, exam_id: str, out: Path) -> Path:
        return casefile.export_case(self.conn, self.images, self.log_id, str(exam_id), Path(out))

    @_guarded
    def import_case_report(self, path: Path, *, by: str, station: str = "") -> ImportReport:
        return casefile.import_case(
            self.conn, self.path, self.images, self.log_id, Path(path), by=by, station=station
        )

    def import_case(self, path: Path, *, by: str, station: str = "") -> str:
        """Import a case package; return its exam id (a second import adds nothing)."""
        return self.import_case_report(path, by=by, station=station).exam_id

    @_guarded
    def head(self) -> tuple[int, str]:
        """(seq, hash) of the last entry, as the log's anchor records it."""
        return chain.head(self.conn)
