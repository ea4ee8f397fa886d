"""The trainee's page: open a session, take it case by case, hand back the results file.

Why the run is saved after every answer: a drill lasts an hour and a station may be closed
or crash; an autosave (the engine's unfinished results file) beside the package — or in the
user's data folder when that folder is read-only — is resumed when the same trainee opens
the same package again. Time per case runs while the case is on screen and adds up over
visits; the limit is shown and going over it is flagged, never enforced (the engine scores
it as over time). The answer key is never read here: the package holds no answers.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.background import BackgroundTask, run_in_background
from ui.context import AppContext
from ui.qtcompat import emit
from ui.training import jobs
from ui.training.answer_box import AnswerBox
from ui.training.case_view import CaseView
from ui.training.texts import feature_names_of, minutes, results_path_for, safe_name
from ui.training.trainee_pages import DonePage, StartPage

KEEP_EXAMS = 4  # examinations kept in memory (each holds its registered pictures)


def autosave_path(package: Path, trainee: str) -> Path:
    """Beside the package when that folder is writable, else in the user's data folder."""
    name = f"{package.stem}.{safe_name(trainee).casefold()}.autosave.json"
    if os.access(package.parent, os.W_OK):
        return package.with_name(name)
    data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(data or Path.home() / ".local/share/docexam") / "training" / name


class TraineePanel(QWidget):
    open_in_expert = Signal(object)  # OpenedExam (only when the session shows verdicts)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.package: Any = None
        self.run: Any = None
        self.index = 0
        self.autosave: Path | None = None
        self.results_path: Path | None = None
        self._exams: dict[str, Any] = {}
        self._spent: dict[str, float] = {}
        self._shown_at = time.monotonic()
        self._verdict_seen: set[str] = set()
        self._tasks: list[BackgroundTask] = []
        self._open_task: BackgroundTask | None = None
        self._resumed = False
        self._timer = QTimer(self, interval=1000, timeout=self._tick)

        self.start_page = StartPage()
        self.start_page.start_requested.connect(self.start)
        self.package_edit = self.start_page.package_edit
        self.name_edit = self.start_page.name_edit
        self.open_button = self.start_page.open_button

        # case page
        self.session_label = QLabel(objectName="trainingSession")
        self.session_label.setTextFormat(Qt.TextFormat.PlainText)
        self.case_label = QLabel(objectName="trainingCase")
        f = self.case_label.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.case_label.setFont(f)
        self.timer_label = QLabel(objectName="trainingTimer")
        self.progress_label = QLabel(objectName="trainingProgress")
        self.prev_button = QPushButton(clicked=lambda: self.go(self.index - 1))
        self.next_button = QPushButton(clicked=lambda: self.go(self.index + 1))
        self.finish_button = QPushButton(clicked=lambda: self.finish(), objectName="trainingFinish")
        self.view = CaseView()
        self.answers = AnswerBox()
        self.answers.verdict_chosen.connect(lambda _v: self.record())
        self.answers.features_changed.connect(self._features_changed)
        self.answers.feature_selected.connect(lambda fid: self.view.highlight(fid or None))
        self.answers.examine_requested.connect(self.examine)
        self.answers.expert_requested.connect(self._to_expert)
        head = QHBoxLayout()
        head.addWidget(self.case_label)
        head.addSpacing(16)
        head.addWidget(self.timer_label)
        head.addStretch(1)
        head.addWidget(self.progress_label)
        head.addSpacing(16)
        head.addWidget(self.prev_button)
        head.addWidget(self.next_button)
        head.addWidget(self.finish_button)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.view)
        split.addWidget(self.answers)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([900, 340])
        case_page = QWidget()
        clay = QVBoxLayout(case_page)
        clay.addWidget(self.session_label)
        clay.addLayout(head)
        clay.addWidget(split, 1)

        self.done_page = DonePage()
        self.done_page.again_button.clicked.connect(self.close_session)
        self.done_label = self.done_page.label

        self.pages = QStackedWidget()
        for page in (self.start_page, case_page, self.done_page):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.retranslate_ui()

    # -- texts -------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.prev_button.setText(self.tr("◀ Previous"))
        self.next_button.setText(self.tr("Next ▶"))
        self.finish_button.setText(self.tr("Finish…"))
        if self.run is not None:
            self._render_session()
            self._render_case_head()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- opening -----------------------------------------------------------------------------

    def start(self) -> None:
        """Open the package (checked in the background) and begin or resume the run."""
        path, name = self.package_edit.text().strip(), self.name_edit.text().strip()
        if not path or not name:
            self.ctx.present_error(
                self, ValueError(self.tr("Choose the session package and enter your name."))
            )
            return
        self.open_button.setEnabled(False)
        self._open_task = run_in_background(
            self,
            jobs.open_session,
            Path(path),
            on_success=lambda pkg: self._opened(pkg, name),
            on_failure=self._open_failed,
        )

    def _open_failed(self, exc: BaseException) -> None:
        self._open_task = None
        self.open_button.setEnabled(True)
        self.ctx.present_error(self, exc)

    def _opened(self, package: Any, name: str) -> None:
        from docexam.training import TraineeRun, load_results

        self._open_task = None
        self.open_button.setEnabled(True)
        self.autosave = autosave_path(package.path, name)
        run, resumed = None, False
        if self.autosave.exists():
            try:
                saved = load_results(self.autosave, package=package)
                if saved.trainee.casefold() == name.casefold() and saved.finished is None:
                    run, resumed = TraineeRun.resume(package, saved), True
            except Exception as exc:  # a broken autosave must not block the session
                self.ctx.present_error(self, exc)
        self.package, self.run = package, run or TraineeRun(package, trainee=name)
        self._exams.clear()
        self._verdict_seen.clear()
        self._spent = {cid: a.seconds for cid, a in self.run.answers.items()}
        self._verdict_seen = {c for c, a in self.run.answers.items() if a.auto_verdict_shown}
        self.results_path = None
        first = self.run.unanswered()
        ids = package.manifest.case_ids
        self.index = ids.index(first[0]) if resumed and first else 0
        self._resumed = resumed
        self._render_session()
        self.pages.setCurrentIndex(1)
        self.answers.set_answerable(True)
        self._show_case()
        self._timer.start()

    # -- cases -------------------------------------------------------------------------------

    @property
    def case(self) -> Any:
        return self.package.cases[self.index]

    def allow_verdict(self) -> bool:
        return bool(self.package and self.package.manifest.settings.show_automatic_verdict)

    def go(self, index: int) -> None:
        """Show case ``index`` (0-based), keeping the time spent on the one left."""
        if self.package is None or not 0 <= index < len(self.package.cases):
            return
        self._bank_time()
        self.index = index
        self._show_case()

    def _bank_time(self) -> None:
        if self.package is not None:
            cid = self.case.id
            self._spent[cid] = self.seconds(cid)
            self._shown_at = time.monotonic()

    def seconds(self, case_id: str) -> float:
        """Time on the case so far: earlier visits plus this one when it is on screen."""
        base = self._spent.get(case_id, 0.0)
        if self.package is not None and self.case.id == case_id:
            base += time.monotonic() - self._shown_at
        return base

    def _show_case(self) -> None:
        case = self.case
        self._shown_at = time.monotonic()
        self.view.clear()
        self.answers.reset(allow_verdict=self.allow_verdict())
        saved = self.run.answers.get(case.id)
        self.answers.set_verdict(saved.verdict if saved else None)
        doc = self._exams.get(case.id)
        if doc is not None:
            self._show_exam(doc)
        self._render_case_head()
        pkg = self.package
        self._track(
            run_in_background(
                self,
                jobs.case_images,
                pkg,
                case.id,
                on_success=lambda imgs, cid=case.id: self._images_ready(cid, imgs),
                on_failure=lambda exc: self.ctx.present_error(self, exc),
            )
        )

    def _track(self, task: BackgroundTask) -> None:
        """Keep a case's background task until it delivers (``discard`` drops them)."""
        self._tasks.append(task)
        task.finished.connect(lambda t=task: t in self._tasks and self._tasks.remove(t))

    def _images_ready(self, case_id: str, images: dict) -> None:
        if self.package is not None and self.case.id == case_id:
            self.view.show_images(images)

    def _render_session(self) -> None:
        if self.package is None:
            return
        m = self.package.manifest
        text = self.tr("%1 — trainer %2").replace("%1", m.title).replace("%2", m.trainer)
        if self._resumed:
            text += " · " + self.tr("continued from your autosave")
        self.session_label.setText(text)

    def _render_case_head(self) -> None:
        if self.package is None:
            return
        n = len(self.package.cases)
        self.case_label.setText(
            self.tr("Case %1 of %2").replace("%1", str(self.index + 1)).replace("%2", str(n))
        )
        done = n - len(self.run.unanswered())
        self.progress_label.setText(
            self.tr("Answered %1 of %2").replace("%1", str(done)).replace("%2", str(n))
        )
        self.prev_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < n - 1)
        self._tick()

    def _tick(self) -> None:
        if self.package is None or self.pages.currentIndex() != 1:
            return
        secs = self.seconds(self.case.id)
        limit = self.package.manifest.settings.time_limit_s
        text = self.tr("Time %1").replace("%1", minutes(secs))
        style = ""
        if limit:
            text += " / " + minutes(limit)
            if secs > limit:
                text += "  " + self.tr("(over time)")
                style = "color: #c62828; font-weight: bold;"
        self.timer_label.setText(text)
        self.timer_label.setStyleSheet(style)

    # -- examining ---------------------------------------------------------------------------

    def examine(self) -> None:
        """Run the engine on the case's capture sets (in the background)."""
        if self.package is None:
            return
        cid = self.case.id
        if cid in self._exams:
            self._show_exam(self._exams[cid])
            return
        self.answers.set_busy()
        self._track(
            run_in_background(
                self,
                jobs.examine_case,
                self.package,
                cid,
                self.ctx.library,
                on_success=lambda doc: self._examined(cid, doc),
                on_failure=self._examine_failed,
            )
        )

    def _examine_failed(self, exc: BaseException) -> None:
        self.answers.set_failed()
        self.ctx.present_error(self, exc)

    def _examined(self, case_id: str, doc: Any) -> None:
        self._exams[case_id] = doc
        while len(self._exams) > KEEP_EXAMS:
            self._exams.pop(next(iter(self._exams)))
        if self.package is not None and self.case.id == case_id:
            self._show_exam(doc)

    def _show_exam(self, doc: Any) -> None:
        if self.allow_verdict():
            self._verdict_seen.add(self.case.id)
        self.answers.show_examination(doc)
        self.view.show_examination(doc)
        saved = self.run.answers.get(self.case.id)
        self.answers.set_features(feature_names_of(doc), saved.features if saved else ())

    def _to_expert(self) -> None:
        from ui.opened import OpenedExam

        doc = self._exams.get(self.case.id) if self.package is not None else None
        if doc is not None and self.allow_verdict():
            title = self.tr("Training case %1").replace("%1", str(self.index + 1))
            emit(self.open_in_expert, OpenedExam(doc, title=title))

    # -- answers -----------------------------------------------------------------------------

    def _features_changed(self) -> None:
        if self.answers.verdict() is not None:
            self.record()

    def record(self) -> None:
        """Record the answer on screen and autosave the run."""
        verdict = self.answers.verdict()
        if self.run is None or verdict is None:
            return
        cid = self.case.id
        features = self.answers.ticked()
        saved = self.run.answers.get(cid)
        if not self.answers.features.count() and saved is not None:
            features = list(saved.features)  # not examined this visit: keep earlier ticks
        self.run.record_answer(
            cid,
            verdict=verdict,
            features=features,
            seconds=self.seconds(cid),
            auto_verdict_shown=cid in self._verdict_seen,
        )
        self._autosave()
        self._render_case_head()

    def _autosave(self) -> None:
        if self.run is None or self.autosave is None:
            return
        try:
            self.autosave.parent.mkdir(parents=True, exist_ok=True)
            self.run.save(self.autosave, finish=False)
        except Exception as exc:
            self.ctx.present_error(self, exc)

    def finish(self, path: Path | str | None = None) -> Path | None:
        """Write the finished results file (asks where unless ``path``); None if cancelled."""
        if self.run is None:
            return None
        self._bank_time()
        if path is None:
            default = results_path_for(self.package.path, self.run.trainee)
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Save your results"),
                str(default),
                self.tr("Training results (*.json)"),
            )
            if not chosen:
                return None
            path = chosen
        try:
            written = self.run.save(Path(path), finish=True)
        except Exception as exc:
            self.ctx.present_error(self, exc)
            return None
        if self.autosave is not None:
            self.autosave.unlink(missing_ok=True)
        self._timer.stop()
        self.results_path = written
        n, missing = len(self.package.cases), len(self.run.unanswered())
        total = sum(a.seconds for a in self.run.answers.values())
        self.done_page.show_done(str(written), n - missing, n, total)
        self.pages.setCurrentIndex(2)
        return written

    def close_session(self) -> None:
        """Back to the start page (the run was saved)."""
        self._timer.stop()
        self.package, self.run = None, None
        self._exams.clear()
        self.view.clear()
        self.pages.setCurrentIndex(0)

    def discard(self) -> None:
        """Stop the timer, drop pending results, keep the autosave up to date."""
        self._timer.stop()
        for task in self._tasks:
            task.discard()
        self._tasks.clear()
        if self._open_task is not None:
            self._open_task.discard()
            self._open_task = None
