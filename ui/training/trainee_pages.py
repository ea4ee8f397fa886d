"""The trainee's first and last pages: choose the package and say who you are; hand in.

Why separate pages: before the session there is nothing to examine (and no key is ever
looked for); after it, the one thing that matters is where the results file is and that
it goes to the trainer.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.qtcompat import emit
from ui.training.texts import minutes


def _title_font(label: QLabel, scale: float) -> None:
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)


class StartPage(QWidget):
    """Package and name; ``start_requested`` when the trainee presses Start."""

    start_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.package_edit = QLineEdit()
        self.browse_button = QPushButton(clicked=self._browse)
        self.name_edit = QLineEdit()
        self.name_edit.returnPressed.connect(lambda: emit(self.start_requested))
        self.open_button = QPushButton(objectName="trainingStart")
        self.open_button.clicked.connect(lambda: emit(self.start_requested))
        self.note = QLabel(wordWrap=True)
        self.title = QLabel(objectName="trainingStartTitle")
        _title_font(self.title, 1.4)
        self.package_label, self.name_label = QLabel(), QLabel()
        box = QWidget()
        box.setMaximumWidth(720)
        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.package_edit, 1)
        row.addWidget(self.browse_button)
        form.addRow(self.package_label, row)
        form.addRow(self.name_label, self.name_edit)
        inner = QVBoxLayout(box)
        inner.addStretch(1)
        inner.addWidget(self.title)
        inner.addLayout(form)
        inner.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignRight)
        inner.addWidget(self.note)
        inner.addStretch(2)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 3)
        outer.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Take a training session"))
        self.package_label.setText(self.tr("Session package:"))
        self.name_label.setText(self.tr("Your name:"))
        self.package_edit.setPlaceholderText(self.tr("the .dxs file from your trainer"))
        self.browse_button.setText(self.tr("Choose…"))
        self.open_button.setText(self.tr("Start"))
        self.note.setText(
            self.tr(
                "Your answers are saved after every case; open the same package with the same "
                "name to continue where you stopped."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a training session"), "", self.tr("Training sessions (*.dxs)")
        )
        if path:
            self.package_edit.setText(path)


class DonePage(QWidget):
    """Where the results file is, and what to do with it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(wordWrap=True, objectName="trainingDone")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.again_button = QPushButton()
        self._done: tuple[str, int, int, float] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 0, 24, 0)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(self.again_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(2)
        self.retranslate_ui()

    def show_done(self, path: str, answered: int, cases: int, seconds: float) -> None:
        self._done = (path, answered, cases, seconds)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.again_button.setText(self.tr("Open another session"))
        if self._done is None:
            self.label.setText("")
            return
        path, answered, n, total = self._done
        said = (
            self.tr("You answered %1 of %2 cases in %3.")
            .replace("%1", str(answered))
            .replace("%2", str(n))
            .replace("%3", minutes(total))
        )
        self.label.setText(
            f"<h2>{html.escape(self.tr('Session finished'))}</h2>"
            f"<p>{html.escape(said)}</p>"
            f"<p>{html.escape(self.tr('Your results file:'))}<br><b>{html.escape(path)}</b></p>"
            f"<p><b>{html.escape(self.tr('Hand this file to your trainer.'))}</b></p>"
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
