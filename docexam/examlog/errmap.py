"""sqlite3 and OS errors -> LogError with a stable code and the path in the message.

Why one place: a full disk can surface as sqlite's SQLITE_FULL, as an I/O error or as
OSError ENOSPC from an image write; a read-only medium as SQLITE_READONLY, SQLITE_CANTOPEN
or EROFS. The CLI and the UI only ever see the codes documented in ``LogError``.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

from docexam.errors import LogError

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_UNWRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}


def _no_space(path: Path) -> bool:
    for p in (path, *path.parents):
        if p.exists():
            try:
                return shutil.disk_usage(p).free < 64 * 1024
            except OSError:
                return False
    return False


def _folder_ro(db: Path) -> bool:
    folder = db.parent
    return folder.is_dir() and not os.access(folder, os.W_OK)


def from_os(exc: OSError, path: Path, what: str = "write") -> LogError:
    """An OSError of an image or export file as a LogError naming ``path``."""
    reason = exc.strerror or str(exc)
    if exc.errno in _FULL:
        return LogError(f"disk full: cannot {what} {path} ({reason})", code="DISK_FULL")
    if exc.errno in _UNWRITABLE:
        return LogError(
            f"cannot {what} {path}: {reason} (read-only or no permission)", code="DB_UNWRITABLE"
        )
    return LogError(f"cannot {what} {path}: {reason}", code="DB_UNWRITABLE")


def from_sqlite(exc: sqlite3.Error, db: Path) -> LogError:
    """A sqlite3 error as a LogError naming the database file."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    low = text.lower()
    if name == "SQLITE_FULL" or "disk is full" in low:
        return LogError(
            f"disk full: the log {db} cannot grow ({text}); nothing was written", code="DISK_FULL"
        )
    if name.startswith("SQLITE_READONLY") or "readonly" in low or "read-only" in low:
        return LogError(
            f"the log {db} cannot be written ({text}): read-only file, folder "
            "or medium; nothing was written",
            code="DB_UNWRITABLE",
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in low:
        return LogError(f"the log {db} is locked by another writer ({text})", code="DB_LOCKED")
    if name in ("SQLITE_NOTADB", "SQLITE_CORRUPT") or "not a database" in low or "malformed" in low:
        return LogError(f"{db} is damaged or not a docexam log ({text})", code="DB_CORRUPT")
    if (name.startswith("SQLITE_CANTOPEN") or "unable to open" in low) and _folder_ro(db):
        return LogError(
            f"the log {db} cannot be written: its folder {db.parent} is read-only "
            f"({text}); nothing was written",
            code="DB_UNWRITABLE",
        )
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in low:
        return LogError(
            f"cannot open the log {db} ({text}): missing folder, no permission "
            "or a read-only medium",
            code="DB_UNWRITABLE",
        )
    if name.startswith("SQLITE_IOERR") or "disk i/o" in low:
        if _no_space(db):
            return LogError(f"disk full: the log {db} cannot grow ({text})", code="DISK_FULL")
        return LogError(f"I/O error on the log {db} ({text})", code="DB_UNWRITABLE")
    return LogError(f"the log {db} failed: {text}", code="DB_CORRUPT")
