"""The magnifier: a round lens over the page that follows the mouse.

Why it renders the scene itself instead of scaling a screenshot: the lens then shows the
page's own pixels at ``magnification`` times the view's zoom (print dots, microtext,
fibres), with the outlines and notes on top, in whatever mode the pane is showing. Both
panes show a lens at the same page point, so the questioned detail and the specimen's sit
side by side. Nearest-neighbour pixels: an examiner wants to see the dots, not a blur.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QGraphicsView, QWidget

DEFAULT_MAGNIFICATION = 4.0
SIZE = 220  # px on screen
_OFFSET = 28  # px between the cursor and the lens: the cursor must not hide the detail


class Loupe(QWidget):
    """A lens child of a view's viewport; :meth:`show_at` a scene point, :meth:`hide`."""

    def __init__(self, view: QGraphicsView) -> None:
        super().__init__(view.viewport())
        self.setObjectName("loupe")
        self._view = view
        self._point = QPointF()
        self.magnification = DEFAULT_MAGNIFICATION
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.resize(SIZE, SIZE)
        self.hide()
        view.viewport().installEventFilter(self)  # keep the lens inside a resized pane

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self.show_at(self._point)
        return False

    @property
    def point(self) -> QPointF:
        """The scene point at the lens centre."""
        return QPointF(self._point)

    def source_rect(self) -> QRectF:
        """The part of the scene the lens shows (its side: SIZE / (zoom x magnification))."""
        side = SIZE / max(self._view.transform().m11() * self.magnification, 1e-6)
        return QRectF(self._point.x() - side / 2, self._point.y() - side / 2, side, side)

    def show_at(self, point: QPointF) -> None:
        """Centre the lens on ``point`` (scene), placed beside it inside the viewport."""
        self._point = QPointF(point)
        vp = self._view.viewport().rect()
        at = self._view.mapFromScene(point)
        x = at.x() + _OFFSET if at.x() + _OFFSET + SIZE <= vp.right() else at.x() - _OFFSET - SIZE
        y = at.y() + _OFFSET if at.y() + _OFFSET + SIZE <= vp.bottom() else at.y() - _OFFSET - SIZE
        self.move(max(0, x), max(0, y))
        self.show()
        self.raise_()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        scene = self._view.scene()
        if scene is None:
            return
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            lens = QRectF(self.rect()).adjusted(2, 2, -2, -2)
            clip = QPainterPath()
            clip.addEllipse(lens)
            painter.setClipPath(clip)
            painter.fillRect(lens, QColor("#3a3d41"))
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            scene.render(painter, lens, self.source_rect(), Qt.AspectRatioMode.IgnoreAspectRatio)
            c = lens.center()
            painter.setPen(QPen(QColor(255, 255, 255, 150), 1))
            for dx, dy in ((1, 0), (0, 1)):
                painter.drawLine(c - QPointF(dx * 12, dy * 12), c - QPointF(dx * 4, dy * 4))
                painter.drawLine(c + QPointF(dx * 4, dy * 4), c + QPointF(dx * 12, dy * 12))
            painter.setClipping(False)
            painter.setPen(QPen(QColor(0, 0, 0, 200), 4))
            painter.drawEllipse(lens)
            painter.setPen(QPen(QColor("#e8e8e8"), 2))
            painter.drawEllipse(lens)
            label = QRectF(lens.center().x() - 18, lens.bottom() - 30, 36, 17)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(20, 20, 20, 200))
            painter.drawRoundedRect(label, 8, 8)
            painter.setPen(QColor("#e8e8e8"))
            painter.drawText(label, Qt.AlignmentFlag.AlignCenter, f"×{self.magnification:g}")
        finally:
            painter.end()
