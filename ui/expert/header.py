"""The workspace's header: the verdict, the document and its specimen, the side shown.

Why the verdict stays on top and unmistakable: whatever the expert zooms into, the machine's
conclusion (and, for a past case, the verdict the log recorded) stays in sight, coloured and
with a symbol. The side selector lives here because it changes everything below it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QWidget

from ui.expert.texts import VERDICT_COLOUR, VERDICT_SYMBOL, ExpertTexts
from ui.language import ui_language
from ui.opened import OpenedExam
from ui.qtcompat import emit

if TYPE_CHECKING:  # the engine loads in the background, not at start-up
    from docexam.examine.pipeline import Examination


class ExpertHeader(QWidget):
    """Verdict badge on the left; title, specimen and main reason; the side selector."""

    side_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("expertHeader")
        self.texts = ExpertTexts(self)
        self._opened: OpenedExam | None = None
        self._side = 0
        self.verdict_label = QLabel(objectName="expertVerdict")
        font = QFont(self.verdict_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.verdict_label.setFont(font)
        self.verdict_label.setMinimumWidth(180)
        self.verdict_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.title_label = QLabel(objectName="expertTitle")
        bold = QFont(self.title_label.font())
        bold.setBold(True)
        self.title_label.setFont(bold)
        self.specimen_label = QLabel(objectName="expertSpecimen")
        self.reason_label = QLabel(objectName="expertReason", wordWrap=True)
        for label in (self.title_label, self.specimen_label, self.reason_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.side_caption = QLabel(objectName="sideCaption")
        self.side_combo = QComboBox(objectName="sideSelector")
        self.side_combo.currentIndexChanged.connect(self._on_side)
        grid = QGridLayout(self)
        grid.setContentsMargins(10, 6, 10, 6)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(1)
        grid.addWidget(self.verdict_label, 0, 0, 3, 1)
        grid.addWidget(self.title_label, 0, 1)
        grid.addWidget(self.specimen_label, 1, 1)
        grid.addWidget(self.reason_label, 2, 1)
        grid.addWidget(self.side_caption, 0, 2, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.side_combo, 1, 2)
        grid.setColumnStretch(1, 1)
        self.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.side_caption.setText(self.tr("Side:"))
        opened = self._opened
        if opened is not None:
            self.side_combo.blockSignals(True)
            for i, (name, _ex) in enumerate(opened.document.sides):
                self.side_combo.setItemText(i, self.texts.side(name))
            self.side_combo.blockSignals(False)
        self._refresh()

    def show_exam(self, opened: OpenedExam | None, side: int = 0) -> None:
        """Show ``opened`` (None clears) with side number ``side`` selected."""
        self._opened = opened
        self._side = side
        self.side_combo.blockSignals(True)
        self.side_combo.clear()
        if opened is not None:
            for name, _ex in opened.document.sides:
                self.side_combo.addItem(self.texts.side(name))
            self.side_combo.setCurrentIndex(side)
        self.side_combo.blockSignals(False)
        several = opened is not None and len(opened.document.sides) > 1
        self.side_combo.setVisible(several)
        self.side_caption.setVisible(several)
        self._refresh()

    def set_side(self, side: int) -> None:
        self._side = side
        self.side_combo.blockSignals(True)
        self.side_combo.setCurrentIndex(side)
        self.side_combo.blockSignals(False)
        self._refresh()

    def _on_side(self, index: int) -> None:
        if index >= 0 and index != self._side:
            self._side = index
            self._refresh()
            emit(self.side_changed, index)

    def _exam(self) -> Examination | None:
        if self._opened is None or not self._opened.document.sides:
            return None
        return self._opened.document.sides[min(self._side, len(self._opened.document.sides) - 1)][1]

    def _refresh(self) -> None:
        opened = self._opened
        if opened is None:
            for label in (self.verdict_label, self.title_label, self.specimen_label,
                          self.reason_label):  # fmt: skip
                label.clear()
            return
        verdict = opened.document.verdict
        colour = VERDICT_COLOUR.get(verdict)
        self.verdict_label.setText(
            f"{VERDICT_SYMBOL.get(verdict, '')} {self.texts.verdict(verdict)}"
        )
        self.verdict_label.setStyleSheet(f"color: {colour.name()};" if colour is not None else "")
        title = opened.title or self.tr("Examined document")
        where = (self.tr("log entry %1").replace("%1", opened.exam_id) if opened.exam_id
                 else self.tr("not in the log yet"))  # fmt: skip
        recorded = opened.recorded.get("verdict") if opened.recorded else None
        if recorded and recorded != verdict:
            where += "  ·  " + self.tr("the log recorded: %1").replace(
                "%1", self.texts.verdict(str(recorded))
            )
        self.title_label.setText(f"{title}  ·  {where}")
        ex = self._exam()
        spec = ex.specimen if ex is not None else None
        if spec is not None:
            name = spec.name.get(ui_language())
            self.specimen_label.setText(
                self.tr("Specimen: %1 (%2)").replace("%1", name).replace("%2", spec.id)
            )
        else:
            self.specimen_label.setText(self.tr("Specimen: none identified"))
        reasons = ex.reasons if ex is not None else ()
        if reasons:
            r = reasons[0]
            text = r.message.ru if ui_language() == "ru" else r.message.en
            more = len(reasons) - 1
            suffix = "  " + self.tr("(+%1 more)").replace("%1", str(more)) if more > 0 else ""
            self.reason_label.setText(self.tr("Main finding: %1").replace("%1", text) + suffix)
        else:
            self.reason_label.setText(self.tr("No findings on this side."))
