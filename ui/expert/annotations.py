"""The expert's notes on the page: rectangles and arrows with a text, listed and removable.

Why notes live in page coordinates and per examination: the page is registered to the
specimen, so a note placed under UV marks the same spot under white and IR and on the
specimen's pane too. They are kept in memory with the examination they belong to (by its
log id when it has one, so reopening the case from the log finds them again; otherwise
with the examination object itself, forgotten when nobody holds it any more) and go into
the exported report.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyleOptionGraphicsItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.expert.items import TagItem, arrow_path, pens
from ui.opened import OpenedExam
from ui.qtcompat import emit

if TYPE_CHECKING:  # the engine loads in the background, not at start-up
    from docexam.examine.document import DocumentExamination

COLOUR = QColor("#ffd400")
KINDS = ("rect", "arrow")


@dataclass
class Annotation:
    """One note; ``start``/``end`` in page pixels (an arrow points at ``end``)."""

    number: int
    side: str
    kind: str
    start: tuple[float, float]
    end: tuple[float, float]
    text: str = ""

    def rect(self) -> QRectF:
        return QRectF(QPointF(*self.start), QPointF(*self.end)).normalized()

    def label(self) -> str:
        text = self.text if len(self.text) <= 40 else self.text[:39] + "…"
        return f"{self.number}  {text}".strip()


class AnnotationStore:
    """Notes per examination, in memory for the session."""

    def __init__(self) -> None:
        self._by_exam_id: dict[str, list[Annotation]] = {}
        self._by_document: weakref.WeakKeyDictionary[DocumentExamination, list[Annotation]] = (
            weakref.WeakKeyDictionary()
        )

    def notes_for(self, opened: OpenedExam) -> list[Annotation]:
        """The (mutable) list of notes of ``opened``; the same list each time."""
        if opened.exam_id:
            return self._by_exam_id.setdefault(opened.exam_id, [])
        return self._by_document.setdefault(opened.document, [])


class AnnotationItem(QGraphicsItem):
    """A note drawn on a page: its shape in yellow with a dark rim, its number and text."""

    def __init__(self, note: Annotation) -> None:
        super().__init__()
        self.note = note
        self.setZValue(20)
        self._rim, self._stroke = pens(COLOUR, 2.0)
        self.tag = TagItem(note.label(), COLOUR, self)
        self.tag.setPos(self.note.rect().topLeft() if note.kind == "rect" else QPointF(*note.start))

    def boundingRect(self) -> QRectF:
        return self.note.rect().adjusted(-100, -100, 100, 100)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scale = max(painter.worldTransform().m11(), 1e-6)
        for pen in (self._rim, self._stroke):
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            if self.note.kind == "rect":
                painter.drawRect(self.note.rect())
            else:
                head = QPointF(*self.note.end)
                painter.drawPath(arrow_path(QPointF(*self.note.start), head, 14 / scale))


class AnnotationPanel(QWidget):
    """The list of notes: edit a note's text in place, remove one (button or Delete)."""

    removed = Signal(int)  # note number
    text_changed = Signal(int, str)
    selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationPanel")
        self._filling = False
        self.title = QLabel(objectName="annotationTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.tree = QTreeWidget(objectName="annotationList")
        self.tree.setColumnCount(3)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.tree.itemChanged.connect(self._on_item_changed)
        self.tree.itemSelectionChanged.connect(self._on_selection)
        self.tree.installEventFilter(self)
        self.hint = QLabel(objectName="annotationHint", wordWrap=True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.remove_button = QPushButton(objectName="removeAnnotation")
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self._notes: list[Annotation] = []
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Notes"))
        self.tree.setHeaderLabels(["#", self.tr("Shape"), self.tr("Note")])
        self.hint.setText(self.tr("Choose Rectangle or Arrow, drag on a page, then type the note."))
        self.remove_button.setText(self.tr("Remove"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_notes(self, notes: list[Annotation]) -> None:
        """Show ``notes`` (of the side on screen)."""
        self._notes = list(notes)
        self._fill()

    def _kind(self, kind: str) -> str:
        return self.tr("Rectangle") if kind == "rect" else self.tr("Arrow")

    def _fill(self) -> None:
        self._filling = True
        try:
            self.tree.clear()
            for note in self._notes:
                item = QTreeWidgetItem([str(note.number), self._kind(note.kind), note.text])
                item.setData(0, Qt.ItemDataRole.UserRole, note.number)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                self.tree.addTopLevelItem(item)
            self.tree.resizeColumnToContents(0)
            self.tree.resizeColumnToContents(1)
        finally:
            self._filling = False
        self.remove_button.setEnabled(bool(self.tree.selectedItems()))

    def _item(self, number: int) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole) == number:
                return item
        return None

    def edit(self, number: int) -> None:
        """Select note ``number`` and open its text for typing (right after drawing it)."""
        item = self._item(number)
        if item is not None:
            self.tree.setCurrentItem(item)
            self.tree.editItem(item, 2)

    def remove_selected(self) -> None:
        for item in self.tree.selectedItems():
            emit(self.removed, int(item.data(0, Qt.ItemDataRole.UserRole)))

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if not self._filling and column == 2:
            emit(self.text_changed, int(item.data(0, Qt.ItemDataRole.UserRole)), item.text(2))

    def _on_selection(self) -> None:
        items = self.tree.selectedItems()
        self.remove_button.setEnabled(bool(items))
        if items:
            emit(self.selected, int(items[0].data(0, Qt.ItemDataRole.UserRole)))

    def eventFilter(self, watched: object, event: QEvent) -> bool:
        if (
            watched is self.tree
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.tree.state() != QAbstractItemView.State.EditingState
        ):
            self.remove_selected()
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]
