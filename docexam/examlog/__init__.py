"""The examination log: every examination, decision, review and correction, append-only,
hash-chained and searchable (docs/examlog.md is the contract; keep it equal to this API).

The engine never imports Qt; the log object is passed explicitly (no global state).
"""

from docexam.examlog.paths import default_db_path, image_store_dir
from docexam.examlog.store import ExamLog
from docexam.examlog.types import (
    DECISIONS,
    KINDS,
    PERIODS,
    PROBLEM_KINDS,
    STATS_BY,
    CaseRecord,
    CaseSummary,
    EntryRef,
    ImageRef,
    ImportReport,
    LogEntry,
    LogProblem,
    LogQuery,
    PurgeReport,
    StatsTable,
    VerifyReport,
)

__all__ = [
    "DECISIONS",
    "KINDS",
    "PERIODS",
    "PROBLEM_KINDS",
    "STATS_BY",
    "CaseRecord",
    "CaseSummary",
    "EntryRef",
    "ExamLog",
    "ImageRef",
    "ImportReport",
    "LogEntry",
    "LogProblem",
    "LogQuery",
    "PurgeReport",
    "StatsTable",
    "VerifyReport",
    "default_db_path",
    "image_store_dir",
]
