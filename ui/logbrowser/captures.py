"""The stored captures of a case as a strip of thumbnails (one per side and light).

Why a strip and not the pictures themselves: the detail pane only has to show that the
captures are there and what they look like; the expert view shows them in full after a
re-examination. The thumbnails are decoded scaled down on a worker thread (ui.logbrowser.jobs)
and arrive after the case's text.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.logbrowser import words
from ui.logbrowser.jobs import THUMB_SIDE, Thumbnail

_BOX_HEIGHT = THUMB_SIDE * 13 // 18  # pages lie landscape: no tall empty band under them


class CaptureStrip(QGroupBox):
    """State: no case, loading, purged, none stored, or the thumbnails."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("captureStrip")
        self._state = "none"  # none | loading | purged | shown
        self._thumbs: list[Thumbnail] = []
        self.note = QLabel(objectName="thumbsNote")
        self.note.setWordWrap(True)
        self.list = QListWidget(objectName="captureThumbnails")
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMB_SIDE, _BOX_HEIGHT))
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(False)  # one row, scrolled sideways: no scroll inside a scroll
        self.list.setMovement(QListView.Movement.Static)
        self.list.setSpacing(6)
        self.list.setFixedHeight(_BOX_HEIGHT + 62)
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        box = QVBoxLayout(self)
        box.addWidget(self.note)
        box.addWidget(self.list)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every text; called at start and on ``LanguageChange``."""
        self.setTitle(self.tr("Stored captures"))
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def count(self) -> int:
        """How many thumbnails are shown."""
        return self.list.count()

    def set_loading(self) -> None:
        self._state, self._thumbs = "loading", []
        self._render()

    def set_purged(self) -> None:
        self._state, self._thumbs = "purged", []
        self._render()

    def set_thumbnails(self, thumbs: Sequence[Thumbnail]) -> None:
        self._state, self._thumbs = "shown", list(thumbs)
        self._render()

    def _render(self) -> None:
        self.list.clear()
        notes = {
            "none": "",
            "loading": self.tr("Loading the stored images…"),
            "purged": self.tr("The images were removed with the case."),
            "shown": "" if self._thumbs else self.tr("No capture images were stored."),
        }
        self.note.setText(notes[self._state])
        self.note.setVisible(bool(notes[self._state]))
        self.list.setVisible(self._state == "shown" and bool(self._thumbs))
        for t in self._thumbs:
            caption = words.light_text(t.light)
            if t.set_name:
                caption = f"{t.set_name} · {caption}"
            item = QListWidgetItem(caption)
            if t.image is not None:
                item.setIcon(QIcon(QPixmap.fromImage(t.image)))
            else:
                item.setToolTip(self.tr("This image is no longer in the image store."))
                missing = self.tr("(missing)")
                item.setText(f"{caption}\n{missing}")
            self.list.addItem(item)
