"""The content-addressed image store: ``<root>/ab/cd/<sha256>``, one file per content.

Why content addressing: the same capture recorded twice (or exported and imported back)
is stored once, and a file's name is its own integrity check. Files are written
atomically and durably (temp file in the same folder, fsync, rename, fsync the folder)
*before* the database transaction that references them commits, so a committed entry never
points at a half-written file; a crash in between leaves an orphan file, which is harmless.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from docexam.errors import LogError
from docexam.examlog.errmap import from_os

_HEX = frozenset("0123456789abcdef")


def is_sha256(text: str) -> bool:
    return len(text) == 64 and set(text) <= _HEX


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class ImageStore:
    """Files by SHA-256 under ``root``; never holds state besides the folder's path."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_of(self, sha: str) -> Path:
        if not is_sha256(sha):
            raise LogError(f"not a SHA-256: {sha!r}", code="BAD_VALUE")
        return self.root / sha[:2] / sha[2:4] / sha

    def _mkdirs(self, folder: Path) -> None:
        missing = [p for p in (folder, folder.parent, self.root) if not p.exists()]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for p in reversed(missing):  # make the new folders' entries durable too
                _fsync_dir(p.parent)
        except OSError as exc:
            raise from_os(exc, folder, "create the image folder") from exc

    def holds(self, sha: str, size: int | None = None) -> bool:
        """True when the file is there with the right content (hashes it: a damaged file
        is rewritten rather than trusted)."""
        path = self.path_of(sha)
        try:
            if size is not None and path.stat().st_size != size:
                return False
            return file_sha256(path) == sha
        except OSError:
            return False

    def put(self, data: bytes, sha: str | None = None) -> str:
        """Store ``data`` durably unless an intact copy is already there; return its hash."""
        sha = sha or hashlib.sha256(data).hexdigest()
        if self.holds(sha, len(data)):
            return sha
        path = self.path_of(sha)
        self._mkdirs(path.parent)
        tmp = path.with_name(f".{sha}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, path)
            _fsync_dir(path.parent)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise from_os(exc, path, "write the image") from exc
        return sha

    def check(self, sha: str) -> str:
        """ "ok", "missing" or "changed"."""
        path = self.path_of(sha)
        try:
            return "ok" if file_sha256(path) == sha else "changed"
        except FileNotFoundError:
            return "missing"
        except OSError:
            return "changed"

    def delete(self, sha: str) -> int:
        """Remove the file; return the bytes freed (0 when it was not there)."""
        path = self.path_of(sha)
        try:
            size = path.stat().st_size
            path.unlink()
        except FileNotFoundError:
            return 0
        except OSError as exc:
            raise from_os(exc, path, "delete the image") from exc
        return size

    def files(self) -> Iterator[tuple[str, Path]]:
        """Every file in the store as (name, path); temp files of interrupted writes too."""
        if not self.root.is_dir():
            return
        for a in sorted(self.root.iterdir()):
            if not a.is_dir():
                continue
            for b in sorted(a.iterdir()):
                if b.is_dir():
                    for f in sorted(b.iterdir()):
                        yield f.name, f
