"""Today's examinations at this booth, newest first, from the log.

Why from the log and not from memory: what the officer sees here is what was actually
written (a failed write never shows up as done), and a restart of the program, or a
decision recorded in another workspace, does not lose the day's list. It is read on a
worker (``jobs.today_job``) at start and again after every write to the log
(``ctx.on_logged``: the booth's own decisions and the other workspaces').
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from docexam.examlog import CaseSummary
from docexam.examlog.canonical import parse_utc
from ui.background import BackgroundTask, run_in_background
from ui.booth.jobs import today_job
from ui.booth.verdict_panel import COLOURS, SYMBOLS
from ui.context import AppContext


class TodayList(QWidget):
    """This station's cases of today; ``refresh`` reads them again (in the background)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayList")
        self.ctx = ctx
        self._task: BackgroundTask | None = None
        self._again = False
        self._cases: list[CaseSummary] = []
        self._error: str | None = None  # the log's error code while it cannot be read
        self.heading = QLabel(objectName="todayHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)  # "Сегодня на этом посту (12)" is longer than the column
        self.list = QListWidget(objectName="todayItems")
        self.list.setStyleSheet("QListWidget::item { border-bottom: 1px solid #e5e7eb; }")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the decision
        self.placeholder = QLabel(objectName="todayPlaceholder", wordWrap=True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.placeholder.setStyleSheet("color: #6b7280;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.list, 1)
        self.setMinimumWidth(190)
        self.retranslate_ui()
        self._hook = self._logged
        ctx.on_logged.append(self._hook)
        self.refresh()

    # -- reading -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the cases again (a read already running is followed by one more)."""
        if self._task is not None:
            self._again = True
            return
        self._task = run_in_background(self, today_job, self.ctx.open_log, self.ctx.station,
                                       on_success=self._read, on_failure=self._failed)  # fmt: skip

    def is_reading(self) -> bool:
        return self._task is not None

    def _read(self, cases: list[CaseSummary]) -> None:
        self._task = None
        self.set_cases(cases)
        if self._again:
            self._again = False
            self.refresh()

    def _failed(self, exc: BaseException) -> None:
        """Not a dialog: the list is a convenience, the booth works without it."""
        self._task = None
        self._error = str(getattr(exc, "code", type(exc).__name__))
        self._render()

    def _logged(self, _exam_id: str) -> None:
        if shiboken6.isValid(self):
            self.refresh()

    def detach(self) -> None:
        """Stop listening to the log (the window closes)."""
        if self._hook in self.ctx.on_logged:
            self.ctx.on_logged.remove(self._hook)
        if self._task is not None:
            self._task.discard()
            self._task = None

    def retranslate_ui(self) -> None:
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_cases(self, cases: Sequence[CaseSummary]) -> None:
        self._cases, self._error = list(cases), None
        self._render()

    def case_ids(self) -> list[str]:
        return [c.id for c in self._cases]

    def decision_word(self, decision: str | None) -> str:
        words = {"admitted": self.tr("admitted"), "refused": self.tr("refused"),
                 "referred": self.tr("referred"), "other": self.tr("other"),
                 None: self.tr("no decision")}  # fmt: skip
        return words.get(decision, decision or "")

    def _verdict_word(self, verdict: str | None) -> str:
        words = {"consistent": self.tr("consistent"), "suspect": self.tr("suspect"),
                 "inconclusive": self.tr("inconclusive")}  # fmt: skip
        return words.get(verdict or "", verdict or "—")

    def _render(self) -> None:
        self.heading.setText(
            self.tr("Today at this booth (%1)").replace("%1", str(len(self._cases)))
        )
        self.list.clear()
        for case in self._cases:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, case.id)
            item.setToolTip(self.tr("Case %1").replace("%1", case.id))
            label = QLabel(self._row_html(case))
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setContentsMargins(6, 4, 6, 4)
            label.setWordWrap(True)
            item.setSizeHint(QSize(10, label.sizeHint().height() + 2))
            self.list.addItem(item)
            self.list.setItemWidget(item, label)
        text = None
        if self._error is not None:  # the rows read before are kept
            text = self.tr("The log cannot be read (%1).").replace("%1", self._error)
        elif not self._cases:
            text = self.tr("No examinations recorded today.")
        self.placeholder.setText(text or "")
        self.placeholder.setVisible(bool(text))

    def row_text(self, case_id: str) -> str:
        """The plain text of a case's row (tests, accessibility)."""
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == case_id:
                label = self.list.itemWidget(item)
                return label.text() if isinstance(label, QLabel) else ""
        return ""

    def _row_html(self, case: CaseSummary) -> str:
        try:
            when = parse_utc(case.time).astimezone().strftime("%H:%M")
        except ValueError:
            when = case.time[11:16]
        symbol = SYMBOLS.get(case.verdict or "", "·")
        colour = COLOURS.get(case.verdict or "", "#374151")
        name = ", ".join(p for p in (case.surname, case.given_names) if p) or self.tr(
            "(name not read)")  # fmt: skip
        doc = " · ".join(p for p in (case.document_number, case.nationality) if p)
        e = html.escape
        head = (f'<span style="color:#6b7280">{e(when)}</span>&nbsp; '
                f'<b style="color:{colour}">{e(symbol)} {e(self._verdict_word(case.verdict))}</b>'
                f" → <b>{e(self.decision_word(case.decision))}</b>")  # fmt: skip
        tail = f'<br><span style="color:#6b7280">{e(doc)}</span>' if doc else ""
        return f"{head}<br>{e(name)}{tail}"
