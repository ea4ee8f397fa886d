"""The training results database: ``training.sqlite`` beside the examination log.

Why a file of its own: training answers are not examinations; they must never show up in
the log's searches, statistics or exports (nor in its hash chain, whose entries are
evidence). The file sits in the log's folder (``--db`` or ``default_db_path``'s rule with
the name ``training.sqlite``), opened with the log's connection settings (WAL,
``synchronous=FULL``, ``BEGIN IMMEDIATE`` writes: ``examlog.connection``). One row per
imported results file, keyed by its run id, so the same run is never imported twice; the
file's JSON is kept whole (it can be scored again later) and, when the answer key was at
hand at import, the score's counts too.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docexam.errors import TrainingError
from docexam.examlog.canonical import canonical, sha256_hex, utc_text
from docexam.examlog.connection import DEFAULT_BUSY_TIMEOUT, connect, write_tx
from docexam.examlog.paths import default_db_path
from docexam.training.results import Results

FORMAT = "docexam-training-db"
CURRENT = 1
FILE_NAME = "training.sqlite"
DDL = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE results (
        run_id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL,
        session_title TEXT,
        manifest_sha256 TEXT NOT NULL,
        trainee TEXT NOT NULL,
        started TEXT NOT NULL,
        finished TEXT,
        imported TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        content TEXT NOT NULL,
        score TEXT
    )""",
    "CREATE INDEX results_session ON results(session_id, trainee)",
    "CREATE INDEX results_trainee ON results(trainee, finished)",
)


def default_training_db(log_db: Path | str | None = None) -> Path:
    """``training.sqlite`` in the folder of the examination log (``log_db`` or its default)."""
    return default_db_path(log_db).with_name(FILE_NAME)


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(16)
    except OSError as exc:
        raise TrainingError(
            f"cannot read {path}: {exc.strerror or exc}", code="DB_INVALID"
        ) from exc


@dataclass(frozen=True)
class StoredResults:
    run_id: str
    session_id: str
    session_title: str | None
    trainee: str
    started: str
    finished: str | None
    imported: str
    answered: int
    score: Mapping[str, Any] | None  # counts and rates, when scored at import

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "session_id": self.session_id,
            "session_title": self.session_title,
            "trainee": self.trainee,
            "started": self.started,
            "finished": self.finished,
            "imported": self.imported,
            "answered": self.answered,
            "score": dict(self.score) if self.score else None,
        }


class TrainingStore:
    """The results database; open with ``TrainingStore.open(path)`` and use as a context."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn, self.path = conn, path

    @classmethod
    def open(cls, path: Path | str, *, create: bool = True) -> TrainingStore:
        path = Path(path)
        if not path.exists():
            if not create:
                raise TrainingError(f"no training results database at {path}", code="DB_INVALID")
            path.parent.mkdir(parents=True, exist_ok=True)
        elif path.is_dir() or _head(path) not in (b"", b"SQLite format 3\x00"):
            raise TrainingError(f"{path} is not a training results database", code="DB_INVALID")
        conn = connect(path, readonly=False, busy_timeout=DEFAULT_BUSY_TIMEOUT)
        try:
            with write_tx(conn, path):
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
                if not tables:
                    for stmt in DDL:
                        conn.execute(stmt)
                    conn.executemany(
                        "INSERT INTO meta VALUES (?, ?)",
                        [("format", FORMAT), ("created", utc_text())],
                    )
                    conn.execute(f"PRAGMA user_version = {CURRENT}")
                elif "meta" not in tables:
                    raise TrainingError(
                        f"{path} is a SQLite database but not a training results database",
                        code="DB_INVALID",
                    )
                meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
                if meta.get("format") != FORMAT:
                    raise TrainingError(
                        f"{path} is a SQLite database but not a training results database",
                        code="DB_INVALID",
                    )
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version > CURRENT:
                    raise TrainingError(
                        f"{path} was written by a newer docexam (schema {version}): update docexam",
                        code="DB_INVALID",
                    )
        except BaseException:
            conn.close()
            raise
        return cls(conn, path)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> TrainingStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(
        self,
        results: Results,
        *,
        session_title: str | None = None,
        score: Mapping[str, Any] | None = None,
    ) -> StoredResults:
        """Store one results file; DUPLICATE when its run was imported before."""
        content = canonical(results.to_dict())
        now = utc_text()
        with write_tx(self._conn, self.path) as c:
            if c.execute("SELECT 1 FROM results WHERE run_id = ?", (results.run_id,)).fetchone():
                raise TrainingError(
                    f"the results of {results.trainee} (run {results.run_id}) were imported before",
                    code="DUPLICATE",
                )
            c.execute(
                "INSERT INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    results.run_id,
                    results.session_id,
                    session_title,
                    results.manifest_sha256,
                    results.trainee,
                    results.started,
                    results.finished,
                    now,
                    sha256_hex(content),
                    content,
                    json.dumps(dict(score), ensure_ascii=False) if score else None,
                ),
            )
        return self.get(results.run_id)

    def get(self, run_id: str) -> StoredResults:
        rows = self._select("WHERE run_id = ?", (run_id,))
        if not rows:
            raise TrainingError(f"no stored results with run id {run_id}", code="DB_INVALID")
        return rows[0]

    def results(self, run_id: str) -> Results:
        """The stored results file itself (to score it again)."""
        from docexam.training.results import results_from_dict

        row = self._conn.execute(
            "SELECT content FROM results WHERE run_id = ?", (run_id,)
        ).fetchone()
        if row is None:
            raise TrainingError(f"no stored results with run id {run_id}", code="DB_INVALID")
        return results_from_dict(json.loads(row[0]), where=f"{self.path}: {run_id}")

    def list(
        self, *, session_id: str | None = None, trainee: str | None = None
    ) -> list[StoredResults]:
        """Stored results, newest first; ``trainee`` matches whatever the letter case
        (in Python: SQLite's lower() knows only ASCII, and names are often Cyrillic)."""
        where, args = "", ()
        if session_id:
            where, args = "WHERE session_id = ?", (session_id,)
        rows = self._select(where + " ORDER BY imported DESC, run_id", args)
        if trainee:
            rows = [r for r in rows if r.trainee.casefold() == trainee.strip().casefold()]
        return rows

    def _select(self, tail: str, args: tuple) -> list[StoredResults]:
        try:
            rows = self._conn.execute(
                "SELECT run_id, session_id, session_title, trainee, started, finished, imported, "
                f"content, score FROM results {tail}",
                args,
            ).fetchall()
        except sqlite3.Error as exc:
            raise TrainingError(f"{self.path}: {exc}", code="DB_INVALID") from exc
        out = []
        for r in rows:
            answered = len(json.loads(r[7]).get("answers", []))
            score = json.loads(r[8]) if r[8] else None
            out.append(StoredResults(r[0], r[1], r[2], r[3], r[4], r[5], r[6], answered, score))
        return out
