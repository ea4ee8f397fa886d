"""Opening the SQLite file and the one way to write: ``write_tx``.

Why: durability and the linear chain depend on settings that must hold on every
connection: WAL journal, ``synchronous=FULL`` (a commit that returned survives a power
loss), foreign keys, ``secure_delete`` (purged personal data is overwritten, not left in
free pages), a busy timeout, and ``BEGIN IMMEDIATE`` so that two processes writing at once
serialise and each reads the chain's head inside its own write transaction.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from docexam.errors import LogError
from docexam.examlog.errmap import from_sqlite

SQLITE_MAGIC = b"SQLite format 3\x00"
DEFAULT_BUSY_TIMEOUT = 15.0  # seconds a writer waits for another writer's lock


def sniff(path: Path) -> None:
    """DB_CORRUPT when ``path`` holds something that is not a SQLite database."""
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise LogError(
            f"cannot read the log {path}: {exc.strerror or exc}", code="DB_UNWRITABLE"
        ) from exc
    if head and head != SQLITE_MAGIC:
        raise LogError(f"{path} is not a docexam log (not a SQLite database)", code="DB_CORRUPT")


def connect(path: Path, *, readonly: bool, busy_timeout: float) -> sqlite3.Connection:
    """A connection with the log's settings; autocommit mode (transactions are explicit)."""
    if readonly:
        uri = f"{path.resolve().as_uri()}?mode=ro"
    else:
        uri = f"{path.resolve().as_uri()}?mode=rwc"
    try:
        conn = sqlite3.connect(
            uri, uri=True, timeout=busy_timeout, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as exc:
        raise from_sqlite(exc, path) from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        if not readonly:
            mode = _set_wal(conn, busy_timeout)
            if str(mode).lower() != "wal":
                raise LogError(
                    f"the log {path} cannot use a write-ahead log (journal mode "
                    f"{mode}): read-only medium?",
                    code="DB_UNWRITABLE",
                )
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        conn.close()
        raise from_sqlite(exc, path) from exc
    except LogError:
        conn.close()
        raise
    return conn


def _set_wal(conn: sqlite3.Connection, busy_timeout: float) -> str:
    """Switch to WAL, retrying while another process holds the lock.

    Why: SQLite answers ``SQLITE_BUSY`` to ``journal_mode = WAL`` at once, without calling
    the busy handler, while another connection is creating the file or switching it itself
    (two stations opening a new log together); the busy timeout alone does not cover that.
    """
    deadline = time.monotonic() + busy_timeout
    pause = 0.005
    while True:
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() >= deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.1)


def connect_immutable(path: Path) -> sqlite3.Connection:
    """Read-only access to a log on a read-only medium whose WAL index cannot be created."""
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        raise from_sqlite(exc, path) from exc
    return conn


@contextlib.contextmanager
def write_tx(conn: sqlite3.Connection, db: Path) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT; any failure rolls back and becomes a LogError."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise from_sqlite(exc, db) from exc
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        with contextlib.suppress(sqlite3.Error):
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise from_sqlite(exc, db) from exc
        raise


def read_meta(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM meta").fetchall())


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )
