"""The log browser's work that runs on worker threads (see :mod:`ui.background`).

Why each job opens the log itself (read-only) and closes it: a job owns its connection
for its lifetime, so a search, a verification and a re-examination can overlap, the
booth's writer is never blocked by a connection the browser keeps idle, and a log file
that was replaced, repaired or moved (settings) is simply opened afresh next time. Only
thread-safe Qt classes are used here (QImage, QImageReader), never a widget or a QPixmap.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QImageReader

from docexam.examlog import CaseRecord, CaseSummary, LogQuery, VerifyReport
from docexam.examlog.reopen import capture_roles, reexamine
from ui.context import AppContext
from ui.opened import OpenedExam

#: Newest cases a search shows; older ones are reached through the filters.
SEARCH_LIMIT = 1000
THUMB_SIDE = 180  # px, the longer side of a capture thumbnail


@dataclass(frozen=True)
class SearchResult:
    """Cases found (newest first); ``log_exists`` False: nothing was ever recorded here."""

    cases: list[CaseSummary] = field(default_factory=list)
    log_exists: bool = True
    truncated: bool = False


@dataclass(frozen=True)
class Thumbnail:
    set_name: str
    light: str
    image: QImage | None  # None: not in the store any more, or undecodable


def search_job(ctx: AppContext, query: LogQuery, limit: int = SEARCH_LIMIT) -> SearchResult:
    if not ctx.db_path.exists():
        return SearchResult(log_exists=False)
    with ctx.open_log(readonly=True) as log:
        found = log.search(query, limit=limit + 1)
    return SearchResult(found[:limit], True, len(found) > limit)


def verify_job(ctx: AppContext) -> VerifyReport | None:
    """The log's verification; None when there is no log file yet (nothing to check)."""
    if not ctx.db_path.exists():
        return None
    with ctx.open_log(readonly=True) as log:
        return log.verify()


def case_job(ctx: AppContext, exam_id: str) -> CaseRecord:
    with ctx.open_log(readonly=True) as log:
        return log.get(exam_id)


def thumbnails_job(case: CaseRecord, side: int = THUMB_SIDE) -> list[Thumbnail]:
    """Small pictures of the stored captures (decoded scaled down: cheap even for PNGs)."""
    out = []
    for set_name, lights in capture_roles(case.images).items():
        for light in ("white", "uv365", "ir870"):
            ref = lights.get(light)
            if ref is None:
                continue
            out.append(Thumbnail(set_name, light, _thumb(ref.path, side) if ref.path else None))
    return out


def _thumb(path: str, side: int) -> QImage | None:
    reader = QImageReader(path)
    reader.setDecideFormatFromContent(True)  # the store's files have no extension
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > side:
        reader.setScaledSize(size.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return None if image.isNull() else image


def reopen_job(ctx: AppContext, exam_id: str, title: str) -> OpenedExam:
    """The case examined again from its stored captures, with the verdict the log holds."""
    library = ctx.library()
    with ctx.open_log(readonly=True) as log:
        document, case = reexamine(log, exam_id, library)
    return OpenedExam(
        document=document, exam_id=case.id, title=title, recorded=dict(case.examination or {})
    )
