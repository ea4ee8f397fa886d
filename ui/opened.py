"""An examination as the workspaces pass it around: the booth hands it to the expert,
the log browser opens a past one.

Why the full :class:`DocumentExamination` and not its dict: the expert compares pictures
(every side's registered page per light, the specimen's, the zones of each check), which
the JSON form does not carry. A past case is re-examined from the log's stored captures to
get them back (ui.logbrowser); ``recorded`` keeps the verdict as the log holds it, so a
re-examination with a newer engine never silently rewrites what the officer saw.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the engine loads in the background, not at start-up
    from docexam.examine.document import DocumentExamination


@dataclass(frozen=True, eq=False)
class OpenedExam:
    document: DocumentExamination
    #: The log's examination id once recorded (None: not in the log yet).
    exam_id: str | None = None
    #: Where it came from, for titles: a file or folder name, or "log".
    title: str = ""
    #: The examination dict as the log recorded it (past cases), else empty.
    recorded: Mapping[str, Any] = field(default_factory=dict)
