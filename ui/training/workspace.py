"""The training workspace: trainers build and score sessions, trainees take them blind.

Why one page with a mode switch: the same station serves the trainer (before and after a
drill) and the trainees (during it); the two modes share nothing but the engine, and the
trainee mode never touches an answer key. Everything slow (building, opening and checking a
package, examining a case, scoring, writing a PDF) runs through ui.background; errors go to
``ctx.present_error`` and the page stays usable.

The expert tools are offered only when the session shows automatic verdicts: the expert
workspace shows the machine's verdict and each check's status, so a blind drill keeps the
trainee in this page's own comparison view (questioned vs specimen per light).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.context import AppContext
from ui.qtcompat import emit
from ui.training.build_panel import BuildPanel
from ui.training.score_panel import ScorePanel
from ui.training.trainee_panel import TraineePanel

MODES = ("trainee", "trainer")


class TrainingWorkspace(QWidget):
    """Mode switch (Trainee | Trainer) over the trainee's page and the trainer's tabs."""

    #: An OpenedExam of the current case (only offered when the session shows verdicts).
    open_in_expert = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingWorkspace")
        self.ctx = ctx
        self.heading = QLabel(objectName="trainingHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.mode_buttons: dict[str, QToolButton] = {}
        self.mode_group = QButtonGroup(self)
        bar = QHBoxLayout()
        bar.addWidget(self.heading)
        bar.addStretch(1)
        for mode in MODES:
            b = QToolButton(checkable=True, objectName=f"trainingMode_{mode}")
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            b.setMinimumWidth(120)
            b.clicked.connect(lambda _=False, m=mode: self.set_mode(m))
            self.mode_group.addButton(b)
            self.mode_buttons[mode] = b
            bar.addWidget(b)

        self.trainee = TraineePanel(ctx)
        self.trainee.open_in_expert.connect(lambda opened: emit(self.open_in_expert, opened))
        self.builder = BuildPanel(ctx)
        self.scorer = ScorePanel(ctx)
        self.builder.built.connect(self._built)
        self.trainer_tabs = QTabWidget(objectName="trainingTrainerTabs")
        self.trainer_tabs.addTab(self.builder, "")
        self.trainer_tabs.addTab(self.scorer, "")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.trainee)
        self.stack.addWidget(self.trainer_tabs)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self.set_mode("trainee")
        self.retranslate_ui()

    @property
    def mode(self) -> str:
        return MODES[self.stack.currentIndex()]

    def set_mode(self, mode: str) -> None:
        """Show the trainee's page or the trainer's tabs."""
        self.stack.setCurrentIndex(MODES.index(mode))
        self.mode_buttons[mode].setChecked(True)
        self._render_heading()

    def retranslate_ui(self) -> None:
        self.mode_buttons["trainee"].setText(self.tr("Trainee"))
        self.mode_buttons["trainer"].setText(self.tr("Trainer"))
        self.mode_buttons["trainee"].setToolTip(self.tr("Take a training session"))
        self.mode_buttons["trainer"].setToolTip(self.tr("Build sessions and score results"))
        self.trainer_tabs.setTabText(0, self.tr("Build a session"))
        self.trainer_tabs.setTabText(1, self.tr("Score results"))
        self._render_heading()

    def _render_heading(self) -> None:
        self.heading.setText(
            self.tr("Training: trainee") if self.mode == "trainee" else self.tr("Training: trainer")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _built(self, built: object) -> None:
        """A new session: the scoring page gets its package (and key) ready."""
        package = getattr(built, "package", None)
        if package is not None and not self.scorer.package_edit.text():
            self.scorer.package_edit.setText(str(package))
            self.scorer.key_edit.setText(str(getattr(built, "key_path", "")))

    def discard(self) -> None:
        """Stop background work (the window is closing): builds stop between cases."""
        self.builder.discard()
        self.scorer.discard()
        self.trainee.discard()
