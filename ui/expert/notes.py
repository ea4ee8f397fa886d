"""Keeping the expert's notes, the list of notes and both panes in step.

Why a controller of its own: a note is made in a pane (a drawing tool), edited and removed
in the list, stored with the examination, and drawn in both panes of the side it was made
on; these four places must never disagree, and the workspace should not have to know how.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF

from ui.expert.annotations import Annotation, AnnotationPanel, AnnotationStore
from ui.expert.compare_view import CompareView
from ui.opened import OpenedExam


class NotesController(QObject):
    """The notes of the open examination; the side on screen decides which are drawn."""

    def __init__(self, compare: CompareView, panel: AnnotationPanel, parent: QObject) -> None:
        super().__init__(parent)
        self.store = AnnotationStore()
        self.compare = compare
        self.panel = panel
        self.opened: OpenedExam | None = None
        self.side = ""
        panel.removed.connect(self.remove)
        panel.text_changed.connect(self._on_text)
        panel.selected.connect(self._on_selected)
        compare.shape_drawn.connect(self._on_shape)

    def show(self, opened: OpenedExam | None, side: str) -> None:
        """Draw and list the notes of ``side`` of ``opened`` (None: nothing open)."""
        self.opened = opened
        self.side = side
        self.refresh()

    def notes(self) -> list[Annotation]:
        """Every note of the open examination (all sides), the stored list itself."""
        return self.store.notes_for(self.opened) if self.opened is not None else []

    def side_notes(self) -> list[Annotation]:
        return [n for n in self.notes() if n.side == self.side]

    def add(self, kind: str, start: QPointF, end: QPointF, text: str = "") -> Annotation:
        if self.opened is None:
            raise RuntimeError("no examination is open")
        notes = self.notes()
        number = max((n.number for n in notes), default=0) + 1
        start_xy, end_xy = (start.x(), start.y()), (end.x(), end.y())
        note = Annotation(number, self.side, kind, start_xy, end_xy, text)
        notes.append(note)
        self.refresh()
        return note

    def remove(self, number: int) -> None:
        notes = self.notes()
        notes[:] = [n for n in notes if n.number != number]
        self.refresh()

    def refresh(self) -> None:
        notes = self.side_notes()
        self.compare.set_notes(notes)
        self.panel.set_notes(notes)

    def _on_shape(self, kind: str, start: QPointF, end: QPointF) -> None:
        if self.opened is not None:
            note = self.add(kind, start, end)
            self.panel.edit(note.number)  # type the note right away

    def _on_text(self, number: int, text: str) -> None:
        for note in self.notes():
            if note.number == number:
                note.text = text
        self.compare.set_notes(self.side_notes())

    def _on_selected(self, number: int) -> None:
        note = next((n for n in self.side_notes() if n.number == number), None)
        if note is not None:
            self.compare.views[0].centerOn(note.rect().center())
