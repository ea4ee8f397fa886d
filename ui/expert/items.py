"""Scene items drawn over the pages: text tags, zone outlines, and a high-contrast pen.

Why cosmetic pens and tags that ignore the view's scale: an outline must stay a crisp two
pixels wide at 20x zoom and a label must stay readable when the page is fitted small. Why
every line is drawn twice (dark under light): a pen of one colour vanishes on some print
or under some lamp (yellow on white, blue under UV); a dark rim keeps it visible on all.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

RIM = QColor(0, 0, 0, 200)


def pens(colour: QColor, width: float = 2.0) -> tuple[QPen, QPen]:
    """(rim, stroke): cosmetic pens, the rim drawn first and wider."""
    rim = QPen(RIM, width + 2.0)
    stroke = QPen(colour, width)
    for pen in (rim, stroke):
        pen.setCosmetic(True)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return rim, stroke


class TagItem(QGraphicsItem):
    """A small rounded label at a scene point, the same size on screen at every zoom.

    ``anchor`` says which corner of the label sits on the point: "bottom-left" puts the
    label above and to the right of it (over a rectangle's top-left corner).
    """

    def __init__(
        self, text: str = "", colour: QColor | None = None, parent: QGraphicsItem | None = None
    ) -> None:
        super().__init__(parent)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self._text = text
        self._colour = colour or QColor("#ffd400")
        self._font = QFont()
        self._font.setPointSizeF(9.0)
        self._font.setBold(True)
        self.anchor = "bottom-left"

    def set_text(self, text: str) -> None:
        self.prepareGeometryChange()
        self._text = text
        self.update()

    def text(self) -> str:
        return self._text

    def _box(self) -> QRectF:
        fm = QFontMetricsF(self._font)
        w = fm.horizontalAdvance(self._text) + 10 if self._text else 0.0
        h = fm.height() + 4
        if self.anchor == "center":
            return QRectF(-w / 2, -h / 2, w, h)
        if self.anchor == "top-left":
            return QRectF(2, 2, w, h)
        return QRectF(0, -h - 3, w, h)

    def boundingRect(self) -> QRectF:
        return self._box().adjusted(-1, -1, 1, 1)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if not self._text:
            return
        box = self._box()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(RIM, 1))
        painter.setBrush(QBrush(QColor(20, 20, 20, 215)))
        painter.drawRoundedRect(box, 3, 3)
        painter.setFont(self._font)
        painter.setPen(self._colour)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self._text)


class OutlineItem(QGraphicsItem):
    """The outline of a check's zone: a rectangle with a rim, and its name on a tag."""

    def __init__(self, rect: QRectF, colour: QColor, label: str = "") -> None:
        super().__init__()
        self._rect = QRectF(rect)
        self._rim, self._stroke = pens(colour, 2.0)
        self._stroke.setStyle(Qt.PenStyle.DashLine)
        self.setZValue(10)
        self.tag = TagItem(label, colour.lighter(140), self)
        self.tag.setPos(self._rect.topLeft())

    def rect(self) -> QRectF:
        return QRectF(self._rect)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-4, -4, 4, 4)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        for pen in (self._rim, self._stroke):
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self._rect)


def arrow_path(tail: QPointF, head: QPointF, size: float) -> QPainterPath:
    """A line from ``tail`` to ``head`` with a filled-looking head of ``size`` scene units."""
    path = QPainterPath(tail)
    path.lineTo(head)
    d = head - tail
    length = max((d.x() ** 2 + d.y() ** 2) ** 0.5, 1e-6)
    ux, uy = d.x() / length, d.y() / length
    for side in (1, -1):
        wing = QPointF(
            head.x() - size * ux + side * 0.5 * size * uy,
            head.y() - size * uy - side * 0.5 * size * ux,
        )
        path.moveTo(head)
        path.lineTo(wing)
    return path
