"""The scanned page, scaled to fit, with a hint when nothing is open.

Why a painted widget rather than ``QLabel.setPixmap``: a label resized to its pixmap feeds
back into the layout (the window grows with each image); painting a cached, scaled copy
keeps the layout stable and resizing cheap (zoom and pan live in ui/expert/page_view.py).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QPalette, QPixmap, QResizeEvent
from PySide6.QtWidgets import QFrame, QSizePolicy, QWidget


class ImageView(QFrame):
    """Shows one image centred and scaled to fit, never upscaled beyond 2x."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imageView")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 180)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self._pixmap: QPixmap | None = None
        self._scaled: QPixmap | None = None
        self._placeholder = ""

    def sizeHint(self) -> QSize:
        return QSize(760, 560)

    def set_placeholder(self, text: str) -> None:
        """Text shown while no image is open (set again on language change)."""
        self._placeholder = text
        self.update()

    def set_image(self, image: QImage | QPixmap | None) -> None:
        """Show ``image`` (None clears). Must be called in the GUI thread (QPixmap)."""
        if isinstance(image, QImage):
            image = QPixmap.fromImage(image) if not image.isNull() else None
        self._pixmap = image if image is not None and not image.isNull() else None
        self._scaled = None
        self.update()

    def has_image(self) -> bool:
        return self._pixmap is not None

    def image_size(self) -> QSize:
        return self._pixmap.size() if self._pixmap is not None else QSize()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._scaled = None
        super().resizeEvent(event)

    def _target_size(self) -> QSize:
        assert self._pixmap is not None
        area = self.contentsRect().size() - QSize(8, 8)
        limit = self._pixmap.size() * 2
        bound = QSize(min(area.width(), limit.width()), min(area.height(), limit.height()))
        return self._pixmap.size().scaled(bound, Qt.AspectRatioMode.KeepAspectRatio)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        try:
            rect = self.contentsRect()
            if self._pixmap is None:
                font = painter.font()
                font.setPointSizeF(font.pointSizeF() * 1.3)  # readable from the booth chair
                painter.setFont(font)
                painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
                flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
                painter.drawText(rect.adjusted(24, 24, -24, -24), flags, self._placeholder)
                return
            target = self._target_size()
            if target.isEmpty():
                return
            if self._scaled is None or self._scaled.size() != target:
                self._scaled = self._pixmap.scaled(
                    target,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            size = self._scaled.size()
            top_left = rect.center() - QRect(0, 0, size.width(), size.height()).center()
            painter.drawPixmap(top_left, self._scaled)
        finally:
            painter.end()
