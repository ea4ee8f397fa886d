"""Recording: an examination, a decision, a review, a correction, each one appended entry.

Why the order of work matters: input is validated first (BAD_VALUE before anything is
written), images are written durably before the transaction that references them, and
inside ``BEGIN IMMEDIATE`` the images are checked again (a purge in between may have
removed a shared file), the case must still exist and not be purged, the entry is chained
to the head read in that same transaction, and the case's search row is rebuilt from all
its entries. A failure anywhere rolls the transaction back: the log is unchanged.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docexam.errors import LogError
from docexam.examlog import chain
from docexam.examlog.canonical import normalise, utc_text
from docexam.examlog.casestate import CORRECTABLE, fold, target_of, write_projection
from docexam.examlog.connection import write_tx
from docexam.examlog.types import DECISIONS, EntryRef

if TYPE_CHECKING:
    from docexam.examlog.store import ExamLog


def need_text(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise LogError(f"{what} must be a non-empty text", code="BAD_VALUE")
    return value.strip()


def need_decision(value: Any) -> str:
    if value not in DECISIONS:
        raise LogError(
            f"unknown decision {value!r}; one of {', '.join(DECISIONS)}", code="BAD_VALUE"
        )
    return value


def image_bytes(images: Mapping[str, bytes | Path | str]) -> list[tuple[str, bytes]]:
    """(role, bytes) of every image, files read now (an unreadable file: BAD_VALUE)."""
    if not isinstance(images, Mapping):
        raise LogError("images must map a role to bytes or a file", code="BAD_VALUE")
    out = []
    for role, value in sorted(images.items()):
        need_text(role, "an image role")
        if isinstance(value, bytes | bytearray | memoryview):
            out.append((role, bytes(value)))
            continue
        if not isinstance(value, str | Path):
            raise LogError(f"image {role!r}: bytes or a file path expected", code="BAD_VALUE")
        try:
            out.append((role, Path(value).read_bytes()))
        except OSError as exc:
            raise LogError(
                f"image {role!r}: cannot read {value}: {exc.strerror or exc}", code="BAD_VALUE"
            ) from exc
    return out


def append_to_case(
    log: ExamLog, exam_id: str, blobs: Mapping[str, bytes] | None = None, **fields: Any
) -> EntryRef:
    """Append one entry of case ``exam_id`` and refresh the case's search row."""
    with write_tx(log.conn, log.path):
        for sha, data in (blobs or {}).items():  # a purge may have removed a shared file
            if not log.images.path_of(sha).exists():
                log.images.put(data, sha)
        if fields["kind"] != "examination":
            row = log.conn.execute(
                "SELECT purged FROM cases WHERE exam_id = ?", (exam_id,)
            ).fetchone()
            if row is None:
                raise LogError(f"no examination {exam_id} in the log", code="NOT_FOUND")
            if row[0]:
                raise LogError(
                    f"examination {exam_id} was purged; nothing can be added", code="BAD_VALUE"
                )
        new = chain.append(log.conn, exam_id=exam_id, **fields)
        state = fold(chain.case_rows(log.conn, exam_id, log.log_id))
        if state is not None:
            write_projection(log.conn, state.summary)
    return new.ref()


def examination(
    log: ExamLog,
    exam: Mapping[str, Any],
    images: Mapping[str, bytes | Path | str],
    officer: str,
    station: str,
    decision: str | None,
    note: str,
    when: datetime | None,
) -> EntryRef:
    if not isinstance(exam, Mapping):
        raise LogError(
            "the examination must be a mapping (Examination.to_dict())", code="BAD_VALUE"
        )
    officer, station = need_text(officer, "officer"), need_text(station, "station")
    if decision is not None:
        need_decision(decision)
    content: dict[str, Any] = {
        "examination": normalise(exam),
        "images": [],
        "decision": decision,
        "note": str(note or ""),
    }
    blobs: dict[str, bytes] = {}
    for role, data in image_bytes(images):
        sha = log.images.put(data)
        blobs[sha] = data
        content["images"].append({"role": role, "sha256": sha, "size": len(data)})
    eid = str(uuid.uuid4())
    return append_to_case(
        log,
        eid,
        blobs,
        kind="examination",
        entry_id=eid,
        time=utc_text(when),
        actor=officer,
        station=station,
        content=content,
        images=[(i["role"], i["sha256"], i["size"]) for i in content["images"]],
    )


def decision(
    log: ExamLog,
    exam_id: str,
    value: str,
    officer: str,
    station: str,
    note: str,
    when: datetime | None,
) -> EntryRef:
    return append_to_case(
        log,
        str(exam_id),
        kind="decision",
        time=utc_text(when),
        actor=need_text(officer, "officer"),
        station=need_text(station, "station"),
        content={"decision": need_decision(value), "note": str(note or "")},
    )


def review(
    log: ExamLog,
    exam_id: str,
    expert: str,
    finding: str,
    note: str,
    when: datetime | None,
    station: str,
) -> EntryRef:
    return append_to_case(
        log,
        str(exam_id),
        kind="review",
        time=utc_text(when),
        actor=need_text(expert, "expert"),
        station=str(station or ""),
        content={"finding": need_text(finding, "finding"), "note": str(note or "")},
    )


def correction(
    log: ExamLog,
    entry_id: str,
    officer: str,
    reason: str,
    changes: Mapping[str, Any],
    when: datetime | None,
    station: str,
) -> EntryRef:
    """Only fields the corrected entry has may change (CORRECTABLE); a correction of a
    correction corrects the same original entry."""
    officer, reason = need_text(officer, "officer"), need_text(reason, "reason")
    if not isinstance(changes, Mapping) or not changes:
        raise LogError("a correction needs changes (field -> new value)", code="BAD_VALUE")
    old = chain.entry(log.conn, str(entry_id), log.log_id)
    if old is None or not old.exam_id:
        raise LogError(f"no entry {entry_id} of an examination in the log", code="NOT_FOUND")
    target = target_of(chain.case_rows(log.conn, old.exam_id, log.log_id), old.id)
    kind = target.kind if target is not None else "?"
    allowed = CORRECTABLE.get(kind, frozenset())
    if kind == "examination" and not (target.payload or {}).get("decision"):
        allowed = allowed - {"decision", "note"}  # no decision there to correct
    unknown = sorted(set(map(str, changes)) - allowed)
    if unknown or not allowed:
        raise LogError(
            f"cannot correct {', '.join(unknown) or 'anything'} of a {kind} entry; "
            f"correctable: {', '.join(sorted(allowed)) or 'nothing'}",
            code="BAD_VALUE",
        )
    fixed = normalise(dict(changes))
    if "decision" in fixed:
        need_decision(fixed["decision"])
    if any(v is not None and not isinstance(v, str) for v in fixed.values()):
        raise LogError("corrected values must be texts or None", code="BAD_VALUE")
    return append_to_case(
        log,
        old.exam_id,
        kind="correction",
        time=utc_text(when),
        actor=officer,
        station=str(station or ""),
        content={"corrects": old.id, "reason": reason, "changes": fixed},
    )
