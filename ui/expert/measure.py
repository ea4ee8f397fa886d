"""The measuring line: a distance on the page in millimetres.

Why millimetres from the specimen's scale: both panes show the page at the specimen's
resolution (``page.px_per_mm``, the questioned page registered onto it), so a length in
scene pixels divided by that scale is a length on the document, whatever the capture's own
resolution was. The line is shown in both panes, at the same place on both documents.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from ui.expert.items import TagItem, pens

COLOUR = QColor("#3ee6ff")


def length_mm(start: QPointF, end: QPointF, px_per_mm: float) -> float:
    """The distance between two scene points in millimetres on the document."""
    if px_per_mm <= 0:
        raise ValueError("px_per_mm must be positive")
    return math.hypot(end.x() - start.x(), end.y() - start.y()) / px_per_mm


class MeasureItem(QGraphicsItem):
    """A line with end ticks and its length on a tag at its middle."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(30)
        self._line = QLineF()
        self._rim, self._stroke = pens(COLOUR, 2.0)
        self.tag = TagItem("", COLOUR, self)
        self.tag.anchor = "top-left"
        self.hide()

    def line(self) -> QLineF:
        return QLineF(self._line)

    def set_line(self, line: QLineF, label: str) -> None:
        self.prepareGeometryChange()
        self._line = QLineF(line)
        self.tag.setPos(line.center())
        self.tag.set_text(label)
        self.setVisible(True)
        self.update()

    def boundingRect(self) -> QRectF:
        p1, p2 = self._line.p1(), self._line.p2()
        rect = QRectF(p1, p2).normalized()
        pad = max(rect.width(), rect.height()) * 0.05 + 20
        return rect.adjusted(-pad, -pad, pad, pad)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self._line.isNull():
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # Ticks across both ends, their length a constant number of screen pixels.
        scale = max(painter.worldTransform().m11(), 1e-6)
        normal = self._line.normalVector()
        normal.setLength(6 / scale)
        d = normal.p2() - normal.p1()
        ticks = [QLineF(p - d, p + d) for p in (self._line.p1(), self._line.p2())]
        for pen in (self._rim, self._stroke):
            painter.setPen(pen)
            painter.drawLine(self._line)
            for t in ticks:
                painter.drawLine(t)
