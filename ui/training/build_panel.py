"""The trainer's form: build a session package (.dxs) and its answer key.

Why a form over every engine option: a trainer composes a drill for a group (which
documents, how many forgeries of which kinds, how they were captured, how long per case,
whether the machine's verdict may be seen); building takes seconds to minutes, so it runs in
the background with a progress bar and can be stopped between cases. The key is written
beside the package and the page says so, loudly: it must never reach a trainee.
"""

from __future__ import annotations

import html
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.background import BackgroundTask, run_in_background
from ui.context import AppContext
from ui.language import ui_language
from ui.qtcompat import emit
from ui.training import jobs
from ui.training.texts import CAPTURE_IDS, FORGERY_IDS, TrainingTexts

ID_ROLE = Qt.ItemDataRole.UserRole


class _Progress(QObject):
    """Carries the engine's progress calls from the worker to the GUI thread (queued)."""

    step = Signal(int, int)


def _checklist() -> QListWidget:
    widget = QListWidget()
    widget.setMinimumHeight(96)
    return widget


def _checked(widget: QListWidget) -> list[str]:
    items = [widget.item(i) for i in range(widget.count())]
    return [it.data(ID_ROLE) for it in items if it.checkState() == Qt.CheckState.Checked]


class BuildPanel(QWidget):
    """Build form, progress and outcome."""

    built = Signal(object)  # BuiltSession

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.texts = TrainingTexts(self)
        self.px_per_mm: float | None = None  # rendering resolution (None: the studio's)
        self._task: BackgroundTask | None = None
        self._cancel = threading.Event()
        self._progress = _Progress(self)
        self._progress.step.connect(self._on_step)
        self._specimen_names: dict[str, Any] = {}
        self._choices_task: BackgroundTask | None = None

        self.title_edit = QLineEdit()
        self.trainer_edit = QLineEdit(ctx.officer)
        self.studio_radio = QRadioButton(checked=True)
        self.folder_radio = QRadioButton()
        self.folder_edit = QLineEdit()
        self.folder_button = QPushButton(clicked=self._browse_folder)
        self.specimen_list = _checklist()
        self.cases_spin = QSpinBox(minimum=1, maximum=500, value=20)
        self.share_spin = QSpinBox(minimum=0, maximum=100, value=50, suffix=" %")
        self.forgery_list = _checklist()
        for fid in FORGERY_IDS:
            item = QListWidgetItem()
            item.setData(ID_ROLE, fid)
            item.setCheckState(Qt.CheckState.Checked)
            self.forgery_list.addItem(item)
        self.capture_combo = QComboBox()
        for mode in CAPTURE_IDS:
            self.capture_combo.addItem("", mode)
        self.limit_spin = QSpinBox(minimum=0, maximum=3600, value=0, singleStep=15)
        self.verdicts_check = QCheckBox()
        self.out_edit = QLineEdit()
        self.out_button = QPushButton(clicked=self._browse_out)
        self.build_button = QPushButton(clicked=self.start_build, objectName="trainingBuild")
        self.cancel_button = QPushButton(clicked=self.cancel_build, enabled=False)
        self.progress = QProgressBar(textVisible=True)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.outcome_label = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.outcome_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.session_box = QGroupBox()
        form = QFormLayout(self.session_box)
        self.labels: dict[str, QLabel] = {k: QLabel() for k in ("title", "trainer", "limit", "out")}
        form.addRow(self.labels["title"], self.title_edit)
        form.addRow(self.labels["trainer"], self.trainer_edit)
        form.addRow(self.labels["limit"], self.limit_spin)
        form.addRow("", self.verdicts_check)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(self.out_button)
        form.addRow(self.labels["out"], out_row)

        self.cases_box = QGroupBox()
        cases = QFormLayout(self.cases_box)
        for k in ("specimens", "cases", "share", "forgeries", "capture"):
            self.labels[k] = QLabel()
        cases.addRow(self.studio_radio)
        cases.addRow(self.labels["specimens"], self.specimen_list)
        cases.addRow(self.labels["cases"], self.cases_spin)
        cases.addRow(self.labels["share"], self.share_spin)
        cases.addRow(self.labels["forgeries"], self.forgery_list)
        cases.addRow(self.labels["capture"], self.capture_combo)
        cases.addRow(self.folder_radio)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.folder_button)
        self.labels["folder"] = QLabel()
        cases.addRow(self.labels["folder"], folder_row)
        self.studio_radio.toggled.connect(self._sync_source)

        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.build_button)
        left = QVBoxLayout()
        left.addWidget(self.session_box)
        left.addWidget(self.outcome_label)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addWidget(self.cases_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(buttons)
        self._sync_source()
        self.retranslate_ui()

    # -- texts -------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.session_box.setTitle(self.tr("Session"))
        self.cases_box.setTitle(self.tr("Cases"))
        words = {
            "title": self.tr("Title:"),
            "trainer": self.tr("Trainer:"),
            "limit": self.tr("Time per case:"),
            "out": self.tr("Package:"),
            "specimens": self.tr("Specimens:"),
            "cases": self.tr("Number of cases:"),
            "share": self.tr("Forged share:"),
            "forgeries": self.tr("Forgery kinds:"),
            "capture": self.tr("Capture:"),
            "folder": self.tr("Folder:"),
        }
        for key, text in words.items():
            self.labels[key].setText(text)
        self.title_edit.setPlaceholderText(self.tr("e.g. UV and IR, group 3"))
        self.limit_spin.setSpecialValueText(self.tr("no limit"))
        self.limit_spin.setSuffix(self.tr(" s"))
        self.verdicts_check.setText(self.tr("Trainees may see the automatic verdict"))
        self.out_edit.setPlaceholderText(self.tr("where to write the .dxs package"))
        self.out_button.setText(self.tr("Save as…"))
        self.studio_radio.setText(self.tr("Documents made by the studio"))
        self.folder_radio.setText(self.tr("Real captures from a folder with answers.json"))
        self.folder_button.setText(self.tr("Choose…"))
        self.build_button.setText(self.tr("Build session"))
        self.cancel_button.setText(self.tr("Cancel"))
        for i in range(self.forgery_list.count()):
            item = self.forgery_list.item(i)
            item.setText(self.texts.forgery(item.data(ID_ROLE)))
        for i in range(self.capture_combo.count()):
            self.capture_combo.setItemText(i, self.texts.capture(self.capture_combo.itemData(i)))
        self._name_specimens()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.load_choices()

    # -- choices -----------------------------------------------------------------------------

    def load_choices(self) -> None:
        """Fill the specimen list from the library (loaded in the background once)."""
        if self.specimen_list.count() or self._choices_task is not None:
            return
        self._choices_task = run_in_background(
            self,
            lambda: jobs.studio_choices(self.ctx.library()),
            on_success=self._fill_specimens,
            on_failure=self._choices_failed,
        )

    def _choices_failed(self, exc: BaseException) -> None:
        self._choices_task = None
        self.ctx.present_error(self, exc)

    def _fill_specimens(self, choices: tuple[list[tuple[str, Any]], list[str]]) -> None:
        specimens, _forgeries = choices
        self.specimen_list.clear()
        for sid, name in specimens:
            self._specimen_names[sid] = name
            item = QListWidgetItem()
            item.setData(ID_ROLE, sid)
            item.setCheckState(Qt.CheckState.Checked)
            self.specimen_list.addItem(item)
        self._name_specimens()

    def _name_specimens(self) -> None:
        lang = ui_language()
        for i in range(self.specimen_list.count()):
            item = self.specimen_list.item(i)
            name = self._specimen_names.get(item.data(ID_ROLE))
            sid = item.data(ID_ROLE)
            item.setText(f"{name.get(lang)}  ({sid})" if name is not None else sid)

    def _sync_source(self) -> None:
        studio = self.studio_radio.isChecked()
        for w in (
            self.specimen_list,
            self.cases_spin,
            self.share_spin,
            self.forgery_list,
            self.capture_combo,
        ):
            w.setEnabled(studio)
        self.folder_edit.setEnabled(not studio)
        self.folder_button.setEnabled(not studio)

    def _browse_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of real captures"))
        if folder:
            self.folder_edit.setText(folder)

    def _browse_out(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the session as"),
            self.out_edit.text() or "session.dxs",
            self.tr("Training sessions (*.dxs)"),
        )
        if path:
            self.out_edit.setText(path if path.endswith(".dxs") else path + ".dxs")

    # -- building ----------------------------------------------------------------------------

    def source(self) -> Any:
        """The engine source the form describes."""
        from docexam.training import FolderSource, StudioSource

        if self.folder_radio.isChecked():
            return FolderSource(Path(self.folder_edit.text().strip()))
        specimens = _checked(self.specimen_list)
        kinds = _checked(self.forgery_list)
        all_kinds = len(kinds) == self.forgery_list.count()
        all_specimens = len(specimens) == self.specimen_list.count()
        return StudioSource(
            cases=self.cases_spin.value(),
            specimens=() if all_specimens else tuple(specimens),
            forged_share=self.share_spin.value() / 100,
            forgeries=() if all_kinds else tuple(kinds),  # all: every applicable one
            capture=self.capture_combo.currentData(),
            px_per_mm=self.px_per_mm,
        )

    def is_building(self) -> bool:
        return self._task is not None

    def start_build(self) -> None:
        """Check the form, then build in the background."""
        from docexam.training import SessionSettings

        problem = self._form_problem()
        if problem:
            self.ctx.present_error(self, ValueError(problem))
            return
        limit = self.limit_spin.value() or None
        settings = SessionSettings(limit, self.verdicts_check.isChecked())
        out = Path(self.out_edit.text().strip())
        self._cancel = threading.Event()
        self.progress.setRange(0, 0)
        self.outcome_label.setText(html.escape(self.tr("Building the session…")))
        self._set_running(True)
        source, cancel, step = self.source(), self._cancel, self._progress.step
        trainer, title = self.trainer_edit.text().strip(), self.title_edit.text().strip()
        self._task = run_in_background(
            self,
            lambda: jobs.build(
                out,
                source,
                trainer=trainer,
                title=title,
                settings=settings,
                progress=lambda d, t: emit(step, d, t),
                cancel=cancel,
            ),
            on_success=self._on_built,
            on_failure=self._on_failed,
        )

    def _form_problem(self) -> str:
        if not self.trainer_edit.text().strip():
            return self.tr("Enter the trainer's name.")
        if not self.out_edit.text().strip():
            return self.tr("Choose where to save the package.")
        if self.folder_radio.isChecked() and not self.folder_edit.text().strip():
            return self.tr("Choose the folder of real captures.")
        if self.studio_radio.isChecked():
            if self.specimen_list.count() and not _checked(self.specimen_list):
                return self.tr("Tick at least one specimen.")
            if self.share_spin.value() and not _checked(self.forgery_list):
                return self.tr("Tick at least one forgery kind.")
        return ""

    def cancel_build(self) -> None:
        """Stop after the case being made (the engine removes the partial package)."""
        if self._task is not None:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.outcome_label.setText(html.escape(self.tr("Stopping after the current case…")))

    def discard(self) -> None:
        self._cancel.set()
        if self._task is not None:
            self._task.discard()
            self._task = None

    def _set_running(self, running: bool) -> None:
        self.build_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.session_box.setEnabled(not running)
        self.cases_box.setEnabled(not running)

    def _on_step(self, done: int, total: int) -> None:
        if self._task is None:
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(
            self.tr("case %1 of %2").replace("%1", str(done)).replace("%2", str(total))
        )

    def _on_built(self, built: Any) -> None:
        self._task = None
        self._set_running(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        pkg, key = html.escape(str(built.package)), html.escape(str(built.key_path))
        warn = html.escape(
            self.tr("Keep the answer key to yourself: never hand it out with the package.")
        )
        self.outcome_label.setText(
            "<p>"
            + html.escape(
                self.tr("Session built: %1 cases.").replace("%1", str(len(built.manifest.cases)))
            )
            + "</p>"
            + f"<p>{html.escape(self.tr('Package (hand out):'))}<br><b>{pkg}</b></p>"
            + f"<p>{html.escape(self.tr('Answer key (keep):'))}<br><b>{key}</b></p>"
            + f"<p style='color:#c62828'><b>⚠ {warn}</b></p>"
        )
        emit(self.built, built)

    def _on_failed(self, exc: BaseException) -> None:
        self._task = None
        self._set_running(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.resetFormat()
        if isinstance(exc, jobs.BuildCancelled):
            self.outcome_label.setText(html.escape(self.tr("Cancelled: nothing was written.")))
            return
        self.outcome_label.setText("")
        self.ctx.present_error(self, exc)
