"""The examination log's results and query: small frozen values, the public contract.

Why one module of types: the store, the queries, verify, purge and the case packages are
written (and used by the CLI and the UI) separately; these are the shapes they exchange.
Expected findings (a broken chain) are values here, never exceptions.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any

DECISIONS = ("admitted", "refused", "referred", "other")
KINDS = ("examination", "decision", "review", "correction", "purge", "import")
PROBLEM_KINDS = ("changed", "deleted", "reordered", "inserted", "image_changed", "image_missing")
STATS_BY = (
    "specimen",
    "document_type",
    "issuing_state",
    "nationality",
    "reason",
    "verdict",
    "decision",
    "officer",
    "station",
)
PERIODS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class EntryRef:
    """One appended entry: where it sits in the chain and its hash."""

    id: str
    exam_id: str  # "" for a purge tombstone (it belongs to no case)
    seq: int
    kind: str
    hash: str


@dataclass(frozen=True)
class LogQuery:
    """Filters of a search; every given filter must hold (AND). ``None`` = any.

    ``name`` matches the start of any word of the surname or the given names (MRZ Latin,
    case and accents ignored: "müll" finds MULLER); several words must all match.
    ``date_from``/``date_to`` are inclusive days in UTC. ``decision`` is the case's latest
    decision after corrections.
    """

    document_number: str | None = None
    name: str | None = None
    nationality: str | None = None
    issuing_state: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    verdict: str | None = None
    decision: str | None = None
    officer: str | None = None
    station: str | None = None


@dataclass(frozen=True)
class CaseSummary:
    """One examination as search shows it: its latest state after decisions and corrections."""

    id: str
    time: str
    station: str
    officer: str
    document_number: str | None
    surname: str | None
    given_names: str | None
    nationality: str | None
    issuing_state: str | None
    specimen: str | None
    verdict: str | None
    decision: str | None
    document_type: str | None = None
    reasons: tuple[str, ...] = ()
    purged: bool = False

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["reasons"] = list(self.reasons)
        return d

    @staticmethod
    def columns() -> tuple[str, ...]:
        return tuple(f.name for f in fields(CaseSummary))


@dataclass(frozen=True)
class LogEntry:
    """One entry of a case as ``get`` shows it (``log`` is the id of the log that wrote it)."""

    seq: int
    id: str
    kind: str
    time: str
    actor: str
    station: str
    payload: dict[str, Any] | None  # None once purged
    hash: str
    log: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ImageRef:
    """One stored image of a case; ``path`` is None once purged or when the file is gone."""

    role: str
    sha256: str
    path: str | None
    size: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class CaseRecord:
    """Everything the log holds about one examination."""

    id: str
    time: str
    station: str
    officer: str
    summary: CaseSummary
    examination: dict[str, Any] | None
    images: tuple[ImageRef, ...]
    entries: tuple[LogEntry, ...]
    decision: dict[str, Any] | None
    review: dict[str, Any] | None = None
    purged: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "time": self.time,
            "station": self.station,
            "officer": self.officer,
            "summary": self.summary.to_dict(),
            "examination": self.examination,
            "images": [i.to_dict() for i in self.images],
            "entries": [e.to_dict() for e in self.entries],
            "decision": self.decision,
            "review": self.review,
            "purged": self.purged,
        }


@dataclass(frozen=True)
class LogProblem:
    """One thing verify found wrong; ``entry_id`` is None when it cannot be known
    (a deleted row's id is gone with it)."""

    kind: str  # one of PROBLEM_KINDS
    seq: int
    entry_id: str | None
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class VerifyReport:
    """The result of checking the chain, the contents and the images.

    ``head_seq``/``head_hash``: the last entry; write them down elsewhere (an external
    anchor) to make a later consistent rewrite of the whole tail detectable.
    ``orphan_images``: files in the image store that no entry references (left by a write
    that failed or crashed before its commit): harmless, not a problem.
    """

    ok: bool
    entries_checked: int
    images_checked: int
    problems: tuple[LogProblem, ...]
    head_seq: int = 0
    head_hash: str = ""
    orphan_images: int = 0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["problems"] = [p.to_dict() for p in self.problems]
        return d


@dataclass(frozen=True)
class PurgeReport:
    """What a purge removed; ``tombstone`` is None when nothing was old enough."""

    cutoff: str
    cases_purged: int
    entries_purged: int
    images_deleted: int
    bytes_freed: int
    tombstone: EntryRef | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ImportReport:
    """What importing a case package did. ``added == 0``: everything was already here
    (the same package imported twice); then no import entry is appended."""

    exam_id: str
    added: int
    already_present: int
    package_sha256: str
    entry: EntryRef | None

    @property
    def already_imported(self) -> bool:
        return self.added == 0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["already_imported"] = self.already_imported
        return d


@dataclass(frozen=True)
class StatsTable:
    """Counts for risk analysis: ``columns`` name the fields of each row, the last is
    ``count``; with a period the first column is ``period``."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...] = field(default_factory=tuple)

    def to_csv(self) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(self.columns)
        w.writerows(["" if v is None else v for v in row] for row in self.rows)
        return buf.getvalue()

    def to_dict(self) -> dict[str, Any]:
        return {"columns": list(self.columns), "rows": [list(r) for r in self.rows]}
