"""What the expert workspace shows while no document is open: how to get one here.

Why it explains rather than stays blank: a document reaches this workspace from elsewhere
(the booth passes it on, the log browser reopens a past case), and an expert who opens the
tab first must learn that without a manual.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class ExpertPlaceholder(QWidget):
    """A centred title and a short explanation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("expertPlaceholder")
        self.title = QLabel(objectName="placeholderTitle", wordWrap=True)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.body = QLabel(objectName="placeholderBody", wordWrap=True)
        body_font = QFont(self.body.font())
        body_font.setPointSizeF(body_font.pointSizeF() * 1.15)
        self.body.setFont(body_font)
        for label in (self.title, self.body):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setMaximumWidth(620)
            label.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(12)
        layout.addWidget(self.body, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.retranslate_ui()

    def text(self) -> str:
        return f"{self.title.text()}\n{self.body.text()}"

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("No document is open for expert examination"))
        self.body.setText(
            self.tr(
                "Examine a document at the booth and open it in the expert view, or open a "
                "past case from the examination log. It appears here beside its specimen, "
                "under every light it was captured in, with the checks of the machine."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
