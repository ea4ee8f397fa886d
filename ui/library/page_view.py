"""One specimen page under one light: zoom, pan, and the feature zones drawn on top.

Why a QGraphicsView: the zones are scene items in the image's own pixel coordinates (the
manifest's millimetres times the image's pixels per millimetre), so they stay on their
pixels through every zoom step and pan without being recomputed. Switching to another light
of the same page keeps the zoom and the scroll position: an officer compares one spot
under white, UV and IR, and must not have to find it again after each switch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from docexam.specimens.manifest import Zone
from ui.qtcompat import emit

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.05, 16.0
_ZONE = QColor(255, 166, 0, 190)
_HIGHLIGHT = QColor(0, 190, 255)
_BACKDROP = QColor(58, 60, 64)


@dataclass(frozen=True)
class ZoneSet:
    """The zones of one feature, with the name shown beside them when highlighted."""

    feature_id: str
    label: str
    zones: tuple[Zone, ...]


class PageView(QGraphicsView):
    """Shows a page image scaled to fit (or zoomed), with toggleable feature zones."""

    zone_clicked = Signal(str)  # feature id of the smallest visible zone under a click

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageView")
        self.setScene(QGraphicsScene(self))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setBackgroundBrush(_BACKDROP)
        self.setRenderHints(
            QPainter.RenderHint.SmoothPixmapTransform | QPainter.RenderHint.Antialiasing
        )
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setMinimumSize(280, 200)
        self._pixmap_item: QGraphicsPixmapItem | None = None
        self._image: QImage | None = None
        self._zones: list[tuple[ZoneSet, list[QGraphicsRectItem]]] = []
        self._label: QGraphicsRectItem | None = None
        self._highlight: str | None = None
        self._zones_visible = True
        self._fit = True
        self._placeholder = ""
        self._press: QPoint | None = None
        self._px_per_mm = 1.0

    def sizeHint(self) -> QSize:
        return QSize(720, 520)

    # -- content ---------------------------------------------------------------------------

    def set_placeholder(self, text: str) -> None:
        """Text shown while there is no image (loading, nothing chosen, a failure)."""
        self._placeholder = text
        self.viewport().update()

    def image(self) -> QImage | None:
        return self._image

    def set_image(self, image: QImage | None, px_per_mm: float = 1.0) -> None:
        """Show ``image`` (None clears); zones are placed at ``px_per_mm`` of this image.

        An image of the same size as the one shown keeps zoom and scroll position.
        """
        same_size = (
            image is not None and self._image is not None and image.size() == self._image.size()
        )
        keep = (self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        zone_sets = [z for z, _ in self._zones]
        self.scene().clear()
        self._pixmap_item, self._label, self._zones = None, None, []
        self._image = image
        self._px_per_mm = px_per_mm
        if image is None or image.isNull():
            self._image = None
            self.scene().setSceneRect(QRectF())
            self.viewport().update()
            return
        self._pixmap_item = self.scene().addPixmap(QPixmap.fromImage(image))
        self._pixmap_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().setSceneRect(QRectF(image.rect()))
        self.set_zones(zone_sets)
        if same_size and not self._fit:
            self.horizontalScrollBar().setValue(keep[0])
            self.verticalScrollBar().setValue(keep[1])
        else:
            self.fit()

    def set_zones(self, zone_sets: Sequence[ZoneSet]) -> None:
        """Replace the drawn zones (kept across ``set_image`` of the same page)."""
        for _, items in self._zones:
            for item in items:
                self.scene().removeItem(item)
        self._zones = []
        scale = self._px_per_mm
        for zone_set in zone_sets:
            items = []
            for z in zone_set.zones:
                item = self.scene().addRect(
                    QRectF(z.x * scale, z.y * scale, z.w * scale, z.h * scale)
                )
                item.setZValue(1)
                items.append(item)
            self._zones.append((zone_set, items))
        self._restyle()

    def zone_items(self, feature_id: str) -> list[QGraphicsRectItem]:
        """The drawn rectangles of one feature (tests, and callers that want to scroll)."""
        return next((items for z, items in self._zones if z.feature_id == feature_id), [])

    def highlighted(self) -> str | None:
        return self._highlight

    def highlight(self, feature_id: str | None) -> None:
        """Emphasise one feature's zones (shown even while zones are hidden) and name it."""
        self._highlight = feature_id
        self._restyle()
        items = self.zone_items(feature_id) if feature_id else []
        if items and not self._fit:
            bounds = items[0].rect()
            for item in items[1:]:
                bounds = bounds.united(item.rect())
            self.ensureVisible(bounds, 40, 40)

    def zones_visible(self) -> bool:
        return self._zones_visible

    def set_zones_visible(self, visible: bool) -> None:
        self._zones_visible = visible
        self._restyle()

    def _restyle(self) -> None:
        if self._label is not None:
            self.scene().removeItem(self._label)
            self._label = None
        for zone_set, items in self._zones:
            lit = zone_set.feature_id == self._highlight
            pen = QPen(_HIGHLIGHT if lit else _ZONE, 3.0 if lit else 1.2)
            pen.setCosmetic(True)  # the same width on screen at any zoom
            if not lit:
                pen.setStyle(Qt.PenStyle.DashLine)
            fill = QColor(_HIGHLIGHT)
            fill.setAlpha(45)
            for item in items:
                item.setPen(pen)
                item.setBrush(QBrush(fill) if lit else Qt.BrushStyle.NoBrush)
                item.setZValue(3 if lit else 1)
                item.setVisible(lit or self._zones_visible)
            if lit and items:
                self._label = self._name_tag(zone_set.label, items[0].rect())

    def _name_tag(self, text: str, zone: QRectF) -> QGraphicsRectItem:
        """The feature's name on a dark tag above its zone, the same size at any zoom."""
        tag = QGraphicsRectItem()
        tag.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        name = QGraphicsSimpleTextItem(text, tag)
        name.setBrush(QColor("white"))
        box = name.boundingRect().adjusted(-5, -2, 5, 2)
        tag.setRect(box)
        tag.setBrush(QColor(0, 110, 150, 230))
        tag.setPen(Qt.PenStyle.NoPen)
        tag.setPos(zone.left() + 5, max(zone.top() + 4, 0))
        tag.setZValue(4)
        self.scene().addItem(tag)
        return tag

    # -- zoom ------------------------------------------------------------------------------

    def zoom(self) -> float:
        """Screen pixels per image pixel."""
        return self.transform().m11()

    def is_fit(self) -> bool:
        return self._fit

    def fit(self) -> None:
        """Scale the whole page into the window (and keep doing so on resize)."""
        self._fit = True
        if self._pixmap_item is not None:
            self.fitInView(self._pixmap_item, Qt.AspectRatioMode.KeepAspectRatio)

    def actual_size(self) -> None:
        self._set_zoom(1.0)

    def zoom_in(self) -> None:
        self._set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self.zoom() / ZOOM_STEP)

    def _set_zoom(self, factor: float) -> None:
        if self._pixmap_item is None:
            return
        factor = min(max(factor, MIN_ZOOM), MAX_ZOOM)
        self._fit = False
        self.scale(factor / self.zoom(), factor / self.zoom())

    # -- events ----------------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self._pixmap_item is None or event.angleDelta().y() == 0:
            super().wheelEvent(event)
            return
        steps = event.angleDelta().y() / 120
        self._set_zoom(self.zoom() * ZOOM_STEP**steps)
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit:
            self.fit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        start, self._press = self._press, None
        moved = start is None or (event.position().toPoint() - start).manhattanLength() > 4
        if event.button() == Qt.MouseButton.LeftButton and not moved:
            hit = self.feature_at(self.mapToScene(event.position().toPoint()))
            if hit is not None:
                emit(self.zone_clicked, hit)

    def feature_at(self, point: QPointF) -> str | None:
        """The feature whose visible zone under ``point`` is smallest (the most specific)."""
        best: tuple[float, str] | None = None
        for zone_set, items in self._zones:
            for item in items:
                rect = item.rect()
                if item.isVisible() and rect.contains(point):
                    area = rect.width() * rect.height()
                    if best is None or area < best[0]:
                        best = (area, zone_set.feature_id)
        return None if best is None else best[1]

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._pixmap_item is not None or not self._placeholder:
            return
        painter = QPainter(self.viewport())
        try:
            font = painter.font()
            font.setPointSizeF(font.pointSizeF() * 1.2)
            painter.setFont(font)
            painter.setPen(QColor(220, 222, 226))
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(
                self.viewport().rect().adjusted(32, 32, -32, -32), flags, self._placeholder
            )
        finally:
            painter.end()
