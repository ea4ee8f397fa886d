"""The booth workspace: one traveller at a time, seconds each, from the keyboard.

Why this flow: capture (the set fills light by light, poor captures flagged at once) ->
verdict (large, with the top reasons and the specimen) -> the officer's decision (F5
admit, F6 refuse, F7 refer; an optional note) -> the examination, its captures, its
findings' evidence and the decision written to the log as ONE entry -> cleared for the
next traveller. An examination is never written without the officer's decision, nor a
decision without what it was based on. Esc clears without writing (the officer chose not
to decide on this capture, e.g. a misplaced document). Work runs on workers
(:mod:`ui.booth.jobs`); a set arriving from a device while the officer still decides on
the previous one waits in a queue instead of replacing what is on screen.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections import deque
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTemporaryDir, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QProgressBar, QWidget

from docexam.examlog import EntryRef
from ui.background import BackgroundTask, run_in_background
from ui.booth.actions import BoothActions
from ui.booth.jobs import (
    BoothExam,
    LightShot,
    examine_job,
    forget_files,
    mrz_reading,
    record_job,
)
from ui.booth.layout import build_layout
from ui.booth.lights import LightStrip
from ui.booth.sample import make_sample_set, sample_today
from ui.booth.sources import SourceBar
from ui.booth.today_list import TodayList
from ui.booth.verdict_panel import VerdictPanel
from ui.booth.widgets import dropped_path
from ui.context import AppContext
from ui.image_view import ImageView
from ui.mrz_panel import MrzPanel
from ui.opened import OpenedExam
from ui.qtcompat import emit

MAX_WAITING = 8


class _Relay(QObject):
    """Carries a worker's progress to the GUI thread (parentless, kept alive by the job's
    closure, so a worker never emits on a deleted widget)."""

    shot = Signal(object)


class BoothWorkspace(QWidget):
    """The booth: capture, verdict, decision, log. ``open_in_expert(OpenedExam)``."""

    open_in_expert = Signal(object)

    # Made by ui.booth.layout.build_layout:
    sources: SourceBar
    image_view: ImageView
    lights: LightStrip
    verdict: VerdictPanel
    mrz_panel: MrzPanel
    today: TodayList
    note_edit: QLineEdit
    decision_title: QLabel
    busy_bar: QProgressBar
    status_label: QLabel
    waiting_label: QLabel

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boothWorkspace")
        self.setAcceptDrops(True)
        self.ctx = ctx
        self._task: BackgroundTask | None = None  # the examination, or the log write
        self._recording = False
        self._token = 0
        self._result: BoothExam | None = None
        self._last: OpenedExam | None = None  # the last recorded case (for the expert)
        self._waiting: deque[tuple[object, str, dt.date | None]] = deque()
        self._sample_dir: QTemporaryDir | None = None
        self._status: Callable[[], str] = str
        self._relay = _Relay()
        self._relay.shot.connect(self._on_shot, Qt.ConnectionType.QueuedConnection)
        self.commands = BoothActions(self)
        build_layout(self)  # the widgets, and the actions and signals wired to this object
        self.retranslate_ui()
        self._sync()

    # -- texts and state ---------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set every static text; called at start and on ``LanguageChange``."""
        self.commands.retranslate()
        self.note_edit.setPlaceholderText(self.tr("Note for the log (optional)"))
        self.decision_title.setText(self.tr("Decision"))
        self.image_view.set_placeholder(self.tr(
            "Waiting for a document.\nOpen a capture set (Ctrl+O), drop a file or a folder "
            "here, or use the source chosen above."))  # fmt: skip
        self.status_label.setText(self._status())
        self._sync()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _set_status(self, make: Callable[[], str]) -> None:
        self._status = make  # kept: a language switch words it again
        self.status_label.setText(make())

    def _sync(self) -> None:
        """Enable what makes sense now; the busy bar while work runs."""
        a, busy = self.commands, self._task is not None
        for action in a.decisions.values():
            action.setEnabled(self._result is not None and not busy)
        self.note_edit.setEnabled(self._result is not None and not self._recording)
        a.expert.setEnabled(self._result is not None or self._last is not None)
        for action in (a.open_file, a.open_folder, a.sample):
            action.setEnabled(not busy)
        a.clear.setEnabled(not self._recording)
        self.busy_bar.setVisible(busy or self.sources.is_scanning())
        n = len(self._waiting)
        self.waiting_label.setText(self.tr("%1 waiting").replace("%1", str(n)) if n else "")

    def is_busy(self) -> bool:
        """True while an examination or a log write runs (another cannot start)."""
        return self._task is not None

    def current(self) -> BoothExam | None:
        """The examination on screen, waiting for the officer's decision."""
        return self._result

    def current_verdict(self) -> str | None:
        """consistent, suspect or inconclusive of the case on screen; None without one."""
        return self._result.document.verdict if self._result is not None else None

    @property
    def open_in_expert_action(self) -> QAction:
        """F8 (the shell may put it in a menu)."""
        return self.commands.expert

    # -- starting an examination ---------------------------------------------------------------

    def open_path(self, path: str | os.PathLike[str]) -> bool:
        """Examine a capture-set folder or an image file in the background; False if busy.
        A result still waiting for a decision is replaced (the officer chose another)."""
        if self.is_busy():
            return False
        path = os.fspath(path)
        self._start(path, Path(path).name, None)
        return True

    def open_sample(self, *, forged: str | None = None, seed: int | None = None) -> bool:
        """Generate a fictional three-light capture set (genuine, or the studio's forgery
        ``forged``, e.g. "photo_substitution") into a private temporary folder and examine
        it like a folder, as of the studio's reference date (ui.booth.sample); False if busy."""
        if self.is_busy():
            return False
        if self._sample_dir is None:
            self._sample_dir = QTemporaryDir()
        job = functools.partial(make_sample_set, self._sample_dir.path(), forged=forged, seed=seed)
        self._task = run_in_background(self, job, on_success=self._sample_ready,
                                       on_failure=self._exam_failed)  # fmt: skip
        self._set_status(lambda: self.tr("Generating a sample document…"))
        self._sync()
        return True

    def _sample_ready(self, folder: Path) -> None:
        self._task = None
        self._start(str(folder), self.tr("sample"), sample_today())

    def capture(self) -> None:
        """F9: scan, or keep the camera's current frame."""
        if not self.sources.capture():
            self._set_status(lambda: self.tr("Nothing to capture from this source now."))
        self._sync()

    def _captured(self, source: object, title: str) -> None:
        """A set from a device: examined now, or queued behind the case on screen."""
        if self.is_busy() or self._result is not None:
            if len(self._waiting) >= MAX_WAITING:  # a flood, not travellers: keep the order
                self._set_status(lambda: self.tr("Too many captures waiting: %1 was not "
                                                 "examined.").replace("%1", title))  # fmt: skip
                return
            self._waiting.append((source, title, None))
            self._sync()
            return
        self._start(source, title, None)

    def _start(self, source: object, title: str, today: dt.date | None) -> None:
        self._reset_case()
        self._token += 1
        relay = self._relay
        job = functools.partial(examine_job, self._token, source, self.ctx.library, today,
                                lambda shot: emit(relay.shot, shot), title)  # fmt: skip
        self._task = run_in_background(self, job, on_success=self._examined,
                                       on_failure=self._exam_failed)  # fmt: skip
        self.lights.reset(loading=True)
        self.verdict.set_busy()
        self._set_status(lambda: self.tr("Examining %1…").replace("%1", title))
        self._sync()

    def _on_shot(self, shot: LightShot) -> None:
        if shot.token == self._token and self._task is not None:
            self.lights.show_shot(shot)
            if shot.light == "white" and not self.sources.camera.feed.is_running():
                self.image_view.set_image(shot.thumb)

    def _examined(self, exam: BoothExam) -> None:
        self._task, self._result = None, exam
        self.lights.finish()
        self.verdict.show_document(exam.document)
        self.mrz_panel.show_reading(mrz_reading(exam.document))
        if not self.sources.camera.feed.is_running():
            self.image_view.set_image(exam.preview)
        seconds = f"{sum(ex.elapsed_ms for _n, ex in exam.document.sides) / 1000:.1f}"
        self._set_status(lambda: self.tr("Examined in %1 s. Decide: %2.").replace(
            "%1", seconds).replace("%2", self._decision_keys()))  # fmt: skip
        self._sync()

    def _decision_keys(self) -> str:
        return " · ".join(f"{a.shortcut().toString()} {a.text()}"
                          for a in self.commands.decisions.values())  # fmt: skip

    def _exam_failed(self, exc: BaseException) -> None:
        self._task = None
        self._reset_case()
        self._set_status(lambda: self.tr("The document could not be examined."))
        self._sync()
        self.ctx.present_error(self, exc)
        self._next_waiting()

    # -- deciding ----------------------------------------------------------------------------

    def decide(self, decision: str) -> bool:
        """Record the examination on screen with ``decision`` (admitted, refused, referred)
        and the note, in the background; False when there is nothing to decide now."""
        exam = self._result
        if exam is None or self.is_busy():
            return False
        job = functools.partial(record_job, self.ctx.open_log, exam, officer=self.ctx.officer,
                                station=self.ctx.station, decision=decision,
                                note=self.note_edit.text().strip())  # fmt: skip
        self._recording = True
        done = functools.partial(self._recorded, exam=exam, decision=decision)
        self._task = run_in_background(self, job, on_success=done, on_failure=self._record_failed)
        self._set_status(lambda: self.tr("Writing to the log…"))
        self._sync()
        return True

    def _recorded(self, ref: EntryRef, exam: BoothExam, decision: str) -> None:
        self._task, self._recording = None, False
        self._last = OpenedExam(exam.document, exam_id=ref.exam_id, title=exam.title)
        self._reset_case()
        self._set_status(lambda: self.tr("Recorded: %1 (case %2). Ready for the next traveller.")
                         .replace("%1", self.today.decision_word(decision))
                         .replace("%2", ref.exam_id[:8]))  # fmt: skip
        self._sync()
        self.ctx.logged(ref.exam_id)  # the today list reads the log again (ctx.on_logged)
        self._next_waiting()

    def _record_failed(self, exc: BaseException) -> None:
        self._task, self._recording = None, False
        self._set_status(lambda: self.tr("Not recorded: the log could not be written. "
                                         "Decide again once it is fixed."))  # fmt: skip
        self._sync()
        self.ctx.present_error(self, exc)

    def open_current_in_expert(self) -> bool:
        """F8: the case on screen (or the last one recorded, with its log id) to the expert."""
        if self._result is not None:
            r = self._result
            emit(self.open_in_expert, OpenedExam(r.document, exam_id=None, title=r.title))
            return True
        if self._last is not None:
            emit(self.open_in_expert, self._last)
            return True
        return False

    # -- clearing ----------------------------------------------------------------------------

    def clear(self) -> None:
        """Esc: forget the case on screen (not recorded) and any examination still running;
        a capture waiting in the queue comes next."""
        if self._recording:
            return  # the write ends in a moment and clears by itself
        if self._task is not None:
            self._task.discard()
            self._task = None
        self._reset_case()
        self._last = None
        self._set_status(lambda: self.tr("Ready for the next traveller."))
        self._sync()
        self._next_waiting()

    def _reset_case(self) -> None:
        if self._result is not None:
            roots = [self.sources.temp_path(), self._sample_dir.path() if self._sample_dir else ""]
            forget_files(self._result, roots)
        self._result = None
        self.lights.reset()
        self.verdict.clear()
        self.mrz_panel.clear()
        self.note_edit.clear()
        if not self.sources.camera.feed.is_running():
            self.image_view.set_image(None)

    def _next_waiting(self) -> None:
        if self._waiting and not self.is_busy() and self._result is None:
            self._start(*self._waiting.popleft())

    def _live_image(self, image: object) -> None:
        """The camera preview takes the large view; when it stops, the capture returns."""
        if image is None and self._result is not None:
            image = self._result.preview
        self.image_view.set_image(image)  # type: ignore[arg-type]

    # -- drag and drop, closing ----------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if not self.is_busy() and dropped_path(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_path(event.mimeData())
        if path and self.open_path(path):
            event.acceptProposedAction()
        else:
            event.ignore()

    def discard(self) -> None:
        """The window closes: stop the devices, drop results still to come (a log write
        that has started finishes: the entry is complete or absent, never half)."""
        if self._task is not None and not self._recording:
            self._task.discard()
        self.sources.stop_live()
        self.today.detach()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.discard()
        super().closeEvent(event)
