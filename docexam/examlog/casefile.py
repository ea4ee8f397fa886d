"""Case packages: one examination with all its entries and images in one zip file.

Why entries travel with their original hashes: a referred case sent to an expert's
machine (or to a court) must stay checkable there: every entry's content hash and entry
hash are recomputed on import, every image is checked against its SHA-256, and anything
that does not match refuses the whole package (CASEFILE_INVALID naming what). Imported
entries are kept apart (``foreign_entries``) with their original seq, hash and log id; the
importing log appends its own ``import`` entry recording the package's SHA-256, who
imported it and every imported entry's hash, so its own chain covers them.

Format (version 1): ``case.json`` = {"format": "docexam-case", "version": 1, "exam_id",
"source_log", "exported_at", "entries": [entry...], "images": [{"sha256", "size",
"name"}]}, each entry as ``Row.to_package``; ``images/<sha256>`` the image files.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

from docexam.errors import LogError
from docexam.examlog import chain
from docexam.examlog.canonical import canonical, content_hash, sha256_hex, utc_text
from docexam.examlog.casestate import fold, write_projection
from docexam.examlog.chain import Row
from docexam.examlog.connection import write_tx
from docexam.examlog.errmap import from_os
from docexam.examlog.images import ImageStore, is_sha256
from docexam.examlog.types import KINDS, EntryRef, ImportReport

FORMAT = "docexam-case"
VERSION = 1
SUFFIX = ".docexam-case.zip"
_MAX_MEMBER = 512 * 1024 * 1024  # refuse zip bombs before reading


def _bad(msg: str) -> LogError:
    return LogError(f"invalid case package: {msg}", code="CASEFILE_INVALID")


def export_case(
    conn: sqlite3.Connection, store: ImageStore, log_id: str, exam_id: str, out: Path
) -> Path:
    """Write the case package; ``out`` is the file or a folder to put it in."""
    rows = chain.case_rows(conn, exam_id, log_id)
    exam = next((r for r in rows if r.kind == "examination"), None)
    if exam is None:
        raise LogError(f"no examination {exam_id} in the log", code="NOT_FOUND")
    if any(r.content is None for r in rows if r.kind != "import"):
        raise LogError(
            f"examination {exam_id} was purged: nothing left to export", code="BAD_VALUE"
        )
    images: dict[str, bytes] = {}
    for r in rows:
        for sha in r.image_list():
            if sha in images:
                continue
            try:
                data = store.path_of(sha).read_bytes()
            except OSError as exc:
                raise LogError(
                    f"image {sha} of examination {exam_id} is missing: run verify",
                    code="DB_CORRUPT",
                ) from exc
            if sha256_hex(data) != sha:
                raise LogError(
                    f"image {sha} of examination {exam_id} is damaged: run verify",
                    code="DB_CORRUPT",
                )
            images[sha] = data
    case = {
        "format": FORMAT,
        "version": VERSION,
        "exam_id": exam_id,
        "source_log": log_id,
        "exported_at": utc_text(),
        "entries": [r.to_package() for r in rows],
        "images": [
            {"sha256": s, "size": len(d), "name": f"images/{s}"} for s, d in sorted(images.items())
        ],
    }
    path = Path(out) / f"case-{exam_id}{SUFFIX}" if Path(out).is_dir() else Path(out)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with zipfile.ZipFile(tmp, "w") as z:
            z.writestr(
                "case.json",
                json.dumps(case, ensure_ascii=False, indent=1),
                compress_type=zipfile.ZIP_DEFLATED,
            )
            for sha, data in sorted(images.items()):
                z.writestr(f"images/{sha}", data, compress_type=zipfile.ZIP_STORED)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        err = from_os(exc, path, "write the case package")
        if err.code == "DB_UNWRITABLE":
            err.code = "WRITE_FAILED"
        raise err from exc
    return path


def _entry(e: Any, exam_id: str, i: int) -> Row:
    """One package entry as a Row, checked against its own hashes."""
    if not isinstance(e, dict):
        raise _bad(f"entry {i} is not an object")
    try:
        content = e["content"]
        row = Row(
            int(e["seq"]),
            str(e["id"]),
            str(e["exam_id"]),
            str(e["kind"]),
            str(e["time"]),
            str(e["actor"]),
            str(e["station"]),
            None if content is None else canonical(content),
            str(e["content_hash"]),
            canonical(sorted(str(s) for s in e["image_hashes"])),
            str(e["prev_hash"]),
            str(e["hash"]),
            str(e["log"]),
        )
    except (KeyError, TypeError, ValueError, LogError) as exc:
        raise _bad(f"entry {i} lacks or mangles a field ({exc})") from exc
    name = f"entry seq {row.seq} ({row.id}, {row.kind})"
    if row.kind not in KINDS or row.kind == "purge":
        raise _bad(f"{name}: kind {row.kind!r} cannot be imported")
    if row.exam_id != exam_id:
        raise _bad(f"{name} belongs to another examination ({row.exam_id})")
    if row.content is None:
        raise _bad(f"{name} has no content (purged)")
    if content_hash(row.content) != row.content_hash:
        raise _bad(f"{name}: its content was changed (content hash does not match)")
    if row.recomputed_hash() != row.entry_hash:
        raise _bad(f"{name}: its hash does not match its fields")
    listed = (
        sorted({str(i.get("sha256")) for i in (content.get("images") or []) if isinstance(i, dict)})
        if isinstance(content, dict)
        else []
    )
    if listed != sorted(set(row.image_list())):
        raise _bad(f"{name}: its image list does not match its image hashes")
    return row


def read_package(path: Path) -> tuple[str, dict[str, Any], list[Row], dict[str, bytes]]:
    """(package sha256, case.json, checked entries, checked images) or CASEFILE_INVALID."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise LogError(f"no case package at {path}", code="NOT_FOUND") from exc
    except OSError as exc:
        raise _bad(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        members = {i.filename: i for i in z.infolist()}
        if any(i.file_size > _MAX_MEMBER for i in members.values()):
            raise _bad("a member is too large")
        if "case.json" not in members:
            raise _bad(f"{path} holds no case.json")
        case = json.loads(z.read("case.json").decode("utf-8"))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise _bad(f"{path} is not a zip file ({exc})") from exc
    except (UnicodeDecodeError, ValueError) as exc:
        raise _bad(f"case.json is not JSON ({exc})") from exc
    if not isinstance(case, dict) or case.get("format") != FORMAT:
        raise _bad("case.json is not a docexam case")
    if not isinstance(case.get("version"), int) or case["version"] > VERSION:
        raise _bad(f"version {case.get('version')!r} is newer than this docexam reads")
    exam_id = str(case.get("exam_id"))
    if not isinstance(case.get("entries"), list) or not case["entries"]:
        raise _bad("case.json lists no entries")
    rows = [_entry(e, exam_id, i) for i, e in enumerate(case["entries"])]
    if len({r.id for r in rows}) != len(rows):
        raise _bad("an entry appears twice")
    if [r.id for r in rows if r.kind == "examination"] != [exam_id]:
        raise _bad(f"the examination entry {exam_id} is missing or not alone")
    images: dict[str, bytes] = {}
    for r in rows:
        roles = {i["sha256"]: i.get("role") for i in (r.payload or {}).get("images", [])}
        for sha in r.image_list():
            if sha in images:
                continue
            if not is_sha256(sha) or f"images/{sha}" not in members:
                raise _bad(f"image {roles.get(sha)} ({sha}) of {r.kind} {r.id} is missing")
            blob = z.read(f"images/{sha}")
            if sha256_hex(blob) != sha:
                raise _bad(f"image {roles.get(sha)} ({sha}) of {r.kind} {r.id} was changed")
            images[sha] = blob
    return sha256_hex(data), case, rows, images


def import_case(
    conn: sqlite3.Connection,
    db: Path,
    store: ImageStore,
    log_id: str,
    path: Path,
    *,
    by: str,
    station: str = "",
) -> ImportReport:
    """Bring a case package in; entries already here are skipped (same hash) or refused."""
    if not isinstance(by, str) or not by.strip():
        raise LogError("an import must name who imports (by)", code="BAD_VALUE")
    pkg_sha, case, rows, images = read_package(path)
    exam_id = rows[0].exam_id or ""
    for sha, blob in images.items():  # durable before the transaction that references them
        store.put(blob, sha)
    with write_tx(conn, db):
        new: list[Row] = []
        present = 0
        for r in rows:
            have = chain.entry(conn, r.id, log_id)
            if have is not None:
                if have.entry_hash != r.entry_hash:
                    raise _bad(
                        f"entry {r.id} ({r.kind}) is already in this log with another "
                        "hash: one of them was altered"
                    )
                present += 1
            elif r.log == log_id:
                raise _bad(f"entry {r.id} claims to come from this log but is not in it")
            else:
                new.append(r)
        if not new:
            return ImportReport(exam_id, 0, present, pkg_sha, None)
        purged = conn.execute("SELECT purged FROM cases WHERE exam_id = ?", (exam_id,)).fetchone()
        if purged is not None and purged[0]:
            raise _bad(f"examination {exam_id} was purged from this log; it cannot be added to")
        for sha, blob in images.items():  # a purge may have removed a shared file meanwhile
            if not store.path_of(sha).exists():
                store.put(blob, sha)
        imp = chain.append(
            conn,
            kind="import",
            exam_id=exam_id,
            time=utc_text(),
            actor=by,
            station=station,
            content={
                "package_sha256": pkg_sha,
                "package_name": Path(path).name,
                "source_log": case.get("source_log"),
                "exam_id": exam_id,
                "entries": [
                    {"id": r.id, "log": r.log, "seq": r.seq, "hash": r.entry_hash} for r in new
                ],
            },
        )
        for r in new:
            conn.execute(
                f"INSERT INTO foreign_entries ({chain.COLUMNS}, log, import_seq) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    r.seq,
                    r.id,
                    r.exam_id,
                    r.kind,
                    r.time,
                    r.actor,
                    r.station,
                    r.content,
                    r.content_hash,
                    r.image_hashes,
                    r.prev_hash,
                    r.entry_hash,
                    r.log,
                    imp.seq,
                ),
            )
            conn.executemany(
                "INSERT OR IGNORE INTO entry_images(entry_id, role, sha256, size) VALUES (?,?,?,?)",
                [
                    (r.id, str(i["role"]), i["sha256"], int(i.get("size", 0)))
                    for i in (r.payload or {}).get("images", [])
                ],
            )
        state = fold(chain.case_rows(conn, exam_id, log_id))
        if state is not None:
            write_projection(conn, state.summary)
    return ImportReport(
        exam_id,
        len(new),
        present,
        pkg_sha,
        EntryRef(imp.id, exam_id, imp.seq, imp.kind, imp.entry_hash),
    )
