"""A case's current state, folded from its entries; the search projection written from it.

Why one fold: search, ``get``, the v1->v2 migration and imports must all agree on what a
case looks like after its decisions, reviews and corrections. The projection (``cases``
and its token and reason tables) is never edited in place except by purge; it is rebuilt
from the entries with this fold.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from docexam.examlog.chain import Row
from docexam.examlog.types import CaseSummary

#: fields of the search summary that a correction of an examination entry may change
SUMMARY_FIELDS = (
    "document_number",
    "surname",
    "given_names",
    "nationality",
    "issuing_state",
    "specimen",
    "document_type",
    "verdict",
)
#: what survives a purge (no personal data): kept in the tombstone, hence hashed
RETAINED_FIELDS = (
    "time",
    "station",
    "officer",
    "issuing_state",
    "specimen",
    "document_type",
    "verdict",
    "decision",
    "reasons",
)
CORRECTABLE = {
    "examination": frozenset(SUMMARY_FIELDS) | {"decision", "note"},
    "decision": frozenset({"decision", "note"}),
    "review": frozenset({"finding", "note"}),
}


def latin_upper(text: str | None) -> str:
    """Upper-case MRZ Latin: accents dropped (MÜLLER -> MULLER), anything but A-Z/0-9 a space."""
    if not text:
        return ""
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).upper()
    return " ".join(
        "".join(c if ("A" <= c <= "Z" or "0" <= c <= "9") else " " for c in plain).split()
    )


def name_tokens(*names: str | None) -> set[str]:
    return {w for n in names for w in latin_upper(n).split()}


def norm_code(value: Any) -> str | None:
    """Document numbers and state codes as stored and searched: upper, no spaces/fillers."""
    if value is None:
        return None
    text = "".join(str(value).upper().replace("<", " ").split())
    return text or None


def _text(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def extract(exam: Mapping[str, Any]) -> dict[str, Any]:
    """The search columns of an examination dict (one capture set, or a document of
    several sides: the first valid MRZ and the first identified specimen win)."""
    sides = exam.get("sides")
    parts = [s for s in sides if isinstance(s, Mapping)] if isinstance(sides, list) else [exam]
    mrzs = [s.get("mrz") for s in parts if isinstance(s.get("mrz"), Mapping)]
    with_fields = [m for m in mrzs if isinstance(m.get("fields"), Mapping)]
    best = next((m for m in with_fields if m.get("valid")), with_fields[0] if with_fields else {})
    f = best.get("fields") or {}
    spec = next(
        (
            s["specimen"]["id"]
            for s in parts
            if isinstance(s.get("specimen"), Mapping) and s["specimen"].get("id")
        ),
        None,
    )
    codes = {r.get("code") for r in exam.get("reasons") or [] if isinstance(r, Mapping)}
    return {
        "document_number": norm_code(f.get("document_number")),
        "surname": _text(f.get("surname")),
        "given_names": _text(f.get("given_names")),
        "nationality": norm_code(f.get("nationality")),
        "issuing_state": norm_code(f.get("issuing_state")),
        "specimen": _text(spec),
        "document_type": norm_code(f.get("document_code")),
        "verdict": _text(exam.get("verdict")),
        "reasons": tuple(sorted(c for c in codes if isinstance(c, str) and c)),
    }


@dataclass
class CaseState:
    """The fold's result (mutable while folding, handed out as frozen values)."""

    summary: CaseSummary
    examination: dict[str, Any] | None
    decision: dict[str, Any] | None = None
    review: dict[str, Any] | None = None
    images: list[dict[str, Any]] = field(default_factory=list)
    purged: bool = False


def target_of(rows: Sequence[Row], entry_id: str) -> Row | None:
    """The entry a correction finally corrects (a correction of a correction -> the first)."""
    by_id = {r.id: r for r in rows}
    seen = set()
    r = by_id.get(entry_id)
    while r is not None and r.kind == "correction" and r.id not in seen:
        seen.add(r.id)
        p = r.payload or {}
        r = by_id.get(str(p.get("corrects", "")))
    return r


def fold(rows: Sequence[Row], retained: Mapping[str, Any] | None = None) -> CaseState | None:
    """The case's state after all its entries (``rows`` in time order); None without its
    examination entry. ``retained``: the tombstone's non-personal summary of a purged case."""
    exam_row = next((r for r in rows if r.kind == "examination"), None)
    if exam_row is None:
        return None
    p = exam_row.payload
    if p is None:
        return _purged_state(exam_row, retained or {})
    summary = CaseSummary(
        id=exam_row.id,
        time=exam_row.time,
        station=exam_row.station,
        officer=exam_row.actor,
        decision=None,
        **extract(p.get("examination") or {}),
    )
    decisions: dict[str, dict[str, Any]] = {}
    reviews: dict[str, dict[str, Any]] = {}
    current_d = current_r = None
    if p.get("decision"):
        decisions[exam_row.id] = {
            "decision": p["decision"],
            "note": p.get("note", ""),
            "officer": exam_row.actor,
            "time": exam_row.time,
            "entry_id": exam_row.id,
        }
        current_d = exam_row.id
    for r in rows:
        c = r.payload or {}
        if r.kind == "decision":
            decisions[r.id] = {
                "decision": c.get("decision"),
                "note": c.get("note", ""),
                "officer": r.actor,
                "time": r.time,
                "entry_id": r.id,
            }
            current_d = r.id
        elif r.kind == "review":
            reviews[r.id] = {
                "finding": c.get("finding"),
                "note": c.get("note", ""),
                "expert": r.actor,
                "time": r.time,
                "entry_id": r.id,
            }
            current_r = r.id
        elif r.kind == "correction":
            target = target_of(rows, str(c.get("corrects", "")))
            changes = c.get("changes") or {}
            if target is None:
                continue
            if target.kind == "examination":
                fixes = {k: v for k, v in changes.items() if k in SUMMARY_FIELDS}
                summary = replace(summary, **_normalised(fixes))
            if target.kind in ("examination", "decision") and target.id in decisions:
                decisions[target.id].update(
                    {k: changes[k] for k in ("decision", "note") if k in changes}, corrected_by=r.id
                )
            if target.kind == "review" and target.id in reviews:
                reviews[target.id].update(
                    {k: changes[k] for k in ("finding", "note") if k in changes}, corrected_by=r.id
                )
    decision = decisions.get(current_d) if current_d else None
    summary = replace(summary, decision=decision["decision"] if decision else None)
    return CaseState(
        summary,
        p.get("examination"),
        decision,
        reviews.get(current_r) if current_r else None,
        list(p.get("images") or []),
    )


def _normalised(fixes: Mapping[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in fixes.items():
        coded = k in ("document_number", "nationality", "issuing_state", "document_type")
        out[k] = norm_code(v) if coded else _text(v)
    return out


def _purged_state(exam_row: Row, retained: Mapping[str, Any]) -> CaseState:
    summary = CaseSummary(
        id=exam_row.id,
        time=exam_row.time,
        station=exam_row.station,
        officer=exam_row.actor,
        document_number=None,
        surname=None,
        given_names=None,
        nationality=None,
        issuing_state=retained.get("issuing_state"),
        specimen=retained.get("specimen"),
        verdict=retained.get("verdict"),
        decision=retained.get("decision"),
        document_type=retained.get("document_type"),
        reasons=tuple(retained.get("reasons") or ()),
        purged=True,
    )
    return CaseState(summary, None, purged=True)


def retained_of(summary: CaseSummary) -> dict[str, Any]:
    d = summary.to_dict()
    return {k: d[k] for k in RETAINED_FIELDS}


def write_projection(conn: sqlite3.Connection, s: CaseSummary) -> None:
    """Replace the case's search rows with ``s``."""
    conn.execute("DELETE FROM case_names WHERE exam_id = ?", (s.id,))
    conn.execute("DELETE FROM case_reasons WHERE exam_id = ?", (s.id,))
    values = (
        s.id,
        s.time,
        s.station,
        s.officer,
        s.document_number,
        s.surname,
        s.given_names,
        s.nationality,
        s.issuing_state,
        s.specimen,
        s.document_type,
        s.verdict,
        s.decision,
        " ".join(s.reasons),
        int(s.purged),
    )
    conn.execute(
        "INSERT INTO cases(exam_id, time, station, officer, document_number, surname, "
        "given_names, nationality, issuing_state, specimen, document_type, verdict, decision, "
        "reasons, purged) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(exam_id) DO "
        "UPDATE SET time=excluded.time, station=excluded.station, officer=excluded.officer, "
        "document_number=excluded.document_number, surname=excluded.surname, "
        "given_names=excluded.given_names, nationality=excluded.nationality, "
        "issuing_state=excluded.issuing_state, specimen=excluded.specimen, "
        "document_type=excluded.document_type, verdict=excluded.verdict, "
        "decision=excluded.decision, reasons=excluded.reasons, purged=excluded.purged",
        values,
    )
    conn.executemany(
        "INSERT INTO case_reasons(exam_id, code) VALUES (?, ?)", [(s.id, c) for c in s.reasons]
    )
    if not s.purged:
        conn.executemany(
            "INSERT INTO case_names(token, exam_id) VALUES (?, ?)",
            [(t, s.id) for t in sorted(name_tokens(s.surname, s.given_names))],
        )
