"""The log browser: search past examinations, see one, open it again, trust the log.

Why everything goes through :func:`ui.background.run_in_background`: a search, a case, its
thumbnails, a verification and a re-examination all touch the disk (and a re-examination
takes seconds); the booth must never freeze because someone browses the log. Each kind of
job has at most one task whose result counts: a newer request discards the older one.
Log errors (locked, corrupt, unreadable) go to ``ctx.present_error``; the browser stays
usable and the next search simply tries again.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from docexam.examlog import CaseRecord, CaseSummary, VerifyReport
from ui.background import BackgroundTask, run_in_background
from ui.context import AppContext
from ui.logbrowser import jobs
from ui.logbrowser.detail import CaseDetail
from ui.logbrowser.filters import FilterBar
from ui.logbrowser.integrity import IntegrityIndicator
from ui.logbrowser.model import ID_ROLE, LogTableModel, results_table
from ui.opened import OpenedExam
from ui.qtcompat import emit


class LogBrowser(QWidget):
    """The examination log as a workspace; emits ``open_requested(OpenedExam)``."""

    open_requested = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logBrowser")
        self.ctx = ctx
        self._tasks: dict[str, BackgroundTask] = {}
        self._shown_once = False
        self._state: Callable[[], str] = lambda: ""
        self._placeholder_text: Callable[[], str] = lambda: ""

        self.filters = FilterBar()
        self.filters.search_requested.connect(self.search)
        self.model = LogTableModel(self)
        self.table, self.proxy = results_table(self.model)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.placeholder = QLabel(objectName="logPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("QLabel { color: palette(placeholder-text); }")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.placeholder)

        self.detail = CaseDetail()
        self.detail.open_button.clicked.connect(self.open_selected)
        self.detail.clear()
        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal, objectName="logSplitter")
        splitter.addWidget(self.stack)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        self.state_label = QLabel(objectName="logStateLabel")
        self.busy_bar = QProgressBar(objectName="logBusy", maximumWidth=120, textVisible=False)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.hide()
        self.integrity = IntegrityIndicator()
        self.integrity.verify_requested.connect(self.verify)
        bottom = QHBoxLayout()
        bottom.addWidget(self.state_label)
        bottom.addWidget(self.busy_bar)
        bottom.addStretch(1)
        bottom.addWidget(self.integrity, 2)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self._register_on_logged()
        self.retranslate_ui()

    def _register_on_logged(self) -> None:
        """Refresh when the booth logs an examination; unregister when this widget goes."""
        me = weakref.ref(self)

        def logged(_exam_id: str) -> None:
            browser = me()
            if browser is not None and shiboken6.isValid(browser):
                browser.refresh()

        callbacks = self.ctx.on_logged
        callbacks.append(logged)
        self.destroyed.connect(lambda *_: logged in callbacks and callbacks.remove(logged))

    # -- texts -------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set every text; called at start and on ``LanguageChange``."""
        self.model.retranslate()
        self._fit_columns()
        self.placeholder.setText(self._placeholder_text())
        self.state_label.setText(self._state())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _set_state(self, make: Callable[[], str]) -> None:
        """The status line, kept as a function so a language switch rebuilds it."""
        self._state = make
        self.state_label.setText(make())
        self.busy_bar.setVisible(bool({"search", "open"} & self._tasks.keys()))

    # -- public ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Search again with the current filters (e.g. after a new examination was logged)."""
        self.search()

    def search(self) -> None:
        """Run the filter bar's search in the background; a running one is superseded."""
        query = self.filters.query()
        self._start("search", jobs.search_job, self.ctx, query,
                    on_success=self._on_searched, on_failure=self._on_search_failed)  # fmt: skip
        self._set_state(lambda: self.tr("Searching…"))

    def verify(self) -> None:
        """Verify the whole log (hashes, chain, images) in the background."""
        if "verify" in self._tasks:
            return
        self._start("verify", jobs.verify_job, self.ctx,
                    on_success=self._on_verified, on_failure=self._on_verify_failed)  # fmt: skip
        self.integrity.set_busy()

    def selected_exam_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_case(self, exam_id: str) -> bool:
        """Make ``exam_id`` the current row (False when it is not in the results)."""
        row = self.model.row_of(exam_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def open_selected(self) -> bool:
        """Examine the selected case's stored captures again and emit ``open_requested``."""
        case = self.model.case_at(self.proxy.mapToSource(self.table.currentIndex()).row())
        if case is None or case.purged or "open" in self._tasks:
            return False
        title = self.tr("Log: %1").replace("%1", case.document_number or case.id[:8])
        self._start("open", jobs.reopen_job, self.ctx, case.id, title,
                    on_success=self._on_opened, on_failure=self._on_open_failed)  # fmt: skip
        self._update_open_button()
        self._set_state(lambda: self.tr("Examining the stored captures again…"))
        return True

    def is_busy(self, kind: str | None = None) -> bool:
        """Whether a job (of ``kind``: search, verify, case, thumbs, open) is running."""
        return bool(self._tasks) if kind is None else kind in self._tasks

    # -- jobs --------------------------------------------------------------------------------

    def _start(self, kind: str, fn: Callable, *args: object, on_success: Callable,
               on_failure: Callable) -> None:  # fmt: skip
        old = self._tasks.pop(kind, None)
        if old is not None:
            old.discard()

        def done(handler: Callable) -> Callable:
            def deliver(payload: object) -> None:
                if self._tasks.get(kind) is task:
                    del self._tasks[kind]
                handler(payload)

            return deliver

        task = run_in_background(self, fn, *args, on_success=done(on_success),
                                 on_failure=done(on_failure))  # fmt: skip
        self._tasks[kind] = task

    def _on_searched(self, result: jobs.SearchResult) -> None:
        keep = self.selected_exam_id()
        self.model.set_cases(result.cases)
        self._fit_columns()
        if not (keep and self.select_case(keep)):
            self.detail.clear()
            self._update_open_button()
        n = len(result.cases)
        if not result.cases:
            if not result.log_exists or self.filters.is_empty():
                self._show_placeholder(lambda: self.tr(
                    "No examinations have been recorded yet.\n\nExaminations made at the "
                    "booth appear here as soon as they are logged."))  # fmt: skip
            else:
                self._show_placeholder(lambda: self.tr("No examinations match the filters."))
        else:
            self.stack.setCurrentWidget(self.table)
        if result.truncated:
            self._set_state(lambda: self.tr(
                "Showing the newest %1 examinations: narrow the filters to see older ones."
            ).replace("%1", str(n)))  # fmt: skip
        else:
            self._set_state(lambda: self.tr("%1 examination(s)").replace("%1", str(n)))

    def _fit_columns(self) -> None:
        """Columns as wide as their words (skipped for long lists: it measures every row)."""
        if 0 < self.model.rowCount() <= 300:
            self.table.resizeColumnsToContents()

    def _on_search_failed(self, exc: BaseException) -> None:
        self.model.set_cases([])
        self.detail.clear()
        self._update_open_button()
        self._show_placeholder(lambda: self.tr(
            "The log could not be read. Check where the log is kept in the settings, "
            "then search again."))  # fmt: skip
        self._set_state(lambda: self.tr("The search failed."))
        self.ctx.present_error(self, exc)

    def _show_placeholder(self, make: Callable[[], str]) -> None:
        self._placeholder_text = make
        self.placeholder.setText(make())
        self.stack.setCurrentWidget(self.placeholder)

    def _on_verified(self, report: VerifyReport | None) -> None:
        self.integrity.set_report(report)

    def _on_verify_failed(self, exc: BaseException) -> None:
        self.integrity.set_failed()
        self.ctx.present_error(self, exc)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        for kind in ("case", "thumbs"):
            task = self._tasks.pop(kind, None)
            if task is not None:
                task.discard()
        summary: CaseSummary | None = None
        if current.isValid():
            summary = self.model.case_at(self.proxy.mapToSource(current).row())
        self._update_open_button()
        if summary is None:
            self.detail.clear()
            return
        self._start("case", jobs.case_job, self.ctx, summary.id,
                    on_success=self._on_case, on_failure=self._on_case_failed)  # fmt: skip

    def _on_case(self, case: CaseRecord) -> None:
        if case.id != self.selected_exam_id():
            return
        self.detail.show_case(case)
        if case.purged:
            return  # its images went with it
        self._start("thumbs", jobs.thumbnails_job, case,
                    on_success=self.detail.set_thumbnails,
                    on_failure=self._on_thumbs_failed)  # fmt: skip

    def _on_case_failed(self, exc: BaseException) -> None:
        self.detail.clear()
        self.ctx.present_error(self, exc)

    def _on_thumbs_failed(self, _exc: BaseException) -> None:
        self.detail.set_thumbnails([])  # pictures are a convenience; the case stays shown

    def _update_open_button(self) -> None:
        case = self.model.case_at(self.proxy.mapToSource(self.table.currentIndex()).row())
        ok = case is not None and not case.purged and "open" not in self._tasks
        self.detail.open_button.setEnabled(ok)

    def _on_opened(self, opened: OpenedExam) -> None:
        self._update_open_button()
        self._set_state(lambda: self.tr("Opened in the expert view."))
        emit(self.open_requested, opened)

    def _on_open_failed(self, exc: BaseException) -> None:
        self._update_open_button()
        self._set_state(lambda: self.tr("The case could not be opened."))
        self.ctx.present_error(self, exc)

    # -- events ------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:  # the first look at the log: list it and check it once
            self._shown_once = True
            width = self.splitter.width()
            self.splitter.setSizes([width * 3 // 5, width - width * 3 // 5])
            self.search()
            self.verify()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.table and isinstance(event, QKeyEvent)
                and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):  # fmt: skip
            self.open_selected()
            return True
        return super().eventFilter(watched, event)
