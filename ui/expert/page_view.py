"""One zoomable page: a scene of stacked layers and the view that navigates it.

Why a scene per pane with fixed layers: the modes only change what the layers show (the
questioned page, the specimen on top with some opacity, the heat map), never rebuild the
scene, so the zoom, the outlines, the annotations and the measuring line stay where they
are while the expert switches lights and modes. Scene coordinates are page pixels at the
specimen's resolution, shared by both panes because the questioned page is registered to
the specimen: a point is the same place on both documents.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ui.qtcompat import emit

ZOOM_STEP = 1.25
MAX_SCALE = 40.0  # screen pixels per page pixel: beyond this nothing more is learned
TOOLS = ("pan", "measure", "rect", "arrow")


class PageScene(QGraphicsScene):
    """Layers: ``base`` (z 0), ``top`` (z 1: overlay and blink); items added above them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.base = QGraphicsPixmapItem()
        self.top = QGraphicsPixmapItem()
        self.top.setZValue(1)
        self.top.setVisible(False)
        for item in (self.base, self.top):
            item.setTransformationMode(Qt.TransformationMode.FastTransformation)
            self.addItem(item)

    def set_page_size(self, width: int, height: int) -> None:
        """Fix the scene to the page (items drawn outside must not grow it)."""
        self.setSceneRect(QRectF(0, 0, width, height))

    @staticmethod
    def show_pixmap(item: QGraphicsPixmapItem, pixmap: QPixmap | None) -> None:
        item.setPixmap(pixmap if pixmap is not None else QPixmap())


class PageView(QGraphicsView):
    """Wheel/keys zoom, drag pans (or draws with a tool); reports every change of view.

    ``view_changed`` fires after any zoom or scroll, the user's or the program's; the
    compare view copies the transform and the centre to the other pane from it.
    """

    view_changed = Signal()
    hovered = Signal(QPointF)  # scene point under the mouse
    left = Signal()
    drag_moved = Signal(str, QPointF, QPointF)  # tool, start, current (scene)
    drag_done = Signal(str, QPointF, QPointF)

    def __init__(self, scene: PageScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.page_scene = scene
        self.fitted = True
        self.tool = "pan"
        self._drag_start: QPointF | None = None
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setBackgroundBrush(QColor("#3a3d41"))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.viewport().setMouseTracking(True)
        self.setMinimumSize(160, 120)

    # -- zoom and pan ------------------------------------------------------------------------

    def scale_factor(self) -> float:
        return self.transform().m11()

    def fit_scale(self) -> float:
        rect = self.sceneRect()
        vp = self.viewport().rect()
        if rect.isEmpty() or vp.isEmpty():
            return 1.0
        return min(vp.width() / rect.width(), vp.height() / rect.height())

    def fit(self) -> None:
        """The whole page in view (key 0); stays fitted while the pane is resized."""
        if not self.sceneRect().isEmpty():
            self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        self.fitted = True
        self._changed()

    def zoom_by(self, factor: float, *, under_mouse: bool = False) -> None:
        """Zoom by ``factor`` about the mouse (wheel) or the view's centre (keys)."""
        s = self.scale_factor()
        new = min(max(s * factor, self.fit_scale() * 0.5), MAX_SCALE)
        if abs(new - s) < 1e-9:
            return
        anchor = (
            QGraphicsView.ViewportAnchor.AnchorUnderMouse
            if under_mouse
            else QGraphicsView.ViewportAnchor.AnchorViewCenter
        )
        self.setTransformationAnchor(anchor)
        self.scale(new / s, new / s)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.fitted = False
        self._changed()

    def zoom_to(self, rect: QRectF, margin: float = 0.15) -> None:
        """Show ``rect`` (scene) as large as fits, with a margin around it."""
        m = max(rect.width(), rect.height()) * margin
        self.fitInView(rect.adjusted(-m, -m, m, m), Qt.AspectRatioMode.KeepAspectRatio)
        s = self.scale_factor()
        if s > MAX_SCALE:
            self.scale(MAX_SCALE / s, MAX_SCALE / s)
            self.centerOn(rect.center())
        self.fitted = False
        self._changed()

    def pan(self, dx: float, dy: float) -> None:
        """Scroll by a fraction of the viewport (arrow keys: an eighth)."""
        vp = self.viewport().rect()
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        h.setValue(h.value() + round(dx * vp.width()))
        v.setValue(v.value() + round(dy * vp.height()))

    def _to_scene(self, pos: QPointF) -> QPointF:
        """Viewport point -> scene, keeping fractions (mapToScene rounds to whole pixels)."""
        inverse, _ = self.viewportTransform().inverted()
        return inverse.map(pos)

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def scene_centre(self) -> QPointF:
        return self.visible_scene_rect().center()

    def _changed(self) -> None:
        # Nearest-neighbour pixels when zoomed in: examiners want to see the print's dots.
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, self.scale_factor() < 1.5)
        emit(self.view_changed)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        emit(self.view_changed)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fitted:
            self.fit()

    # -- input -------------------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y() or event.angleDelta().x()
        if delta:
            self.zoom_by(ZOOM_STEP ** (delta / 120), under_mouse=True)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        steps = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0),
                 Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}  # fmt: skip
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(ZOOM_STEP)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_by(1 / ZOOM_STEP)
        elif key == Qt.Key.Key_0:
            self.fit()
        elif key in steps:
            dx, dy = steps[key]
            self.pan(dx / 8, dy / 8)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def set_tool(self, tool: str) -> None:
        """``pan`` drags the page; the other tools draw on it (and the page does not move)."""
        if tool not in TOOLS:
            raise ValueError(f"tool must be one of {TOOLS}, got {tool!r}")
        self.tool = tool
        self._drag_start = None
        if tool == "pan":
            self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
            self.viewport().unsetCursor()
        else:
            self.setDragMode(QGraphicsView.DragMode.NoDrag)
            self.viewport().setCursor(Qt.CursorShape.CrossCursor)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.tool != "pan" and event.button() == Qt.MouseButton.LeftButton:
            self._drag_start = self._to_scene(event.position())
            emit(self.drag_moved, self.tool, self._drag_start, self._drag_start)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = self._to_scene(event.position())
        if self._drag_start is not None:
            emit(self.drag_moved, self.tool, self._drag_start, point)
        super().mouseMoveEvent(event)
        emit(self.hovered, point)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag_start is not None and event.button() == Qt.MouseButton.LeftButton:
            start, self._drag_start = self._drag_start, None
            emit(self.drag_done, self.tool, start, self._to_scene(event.position()))
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def leaveEvent(self, event: object) -> None:
        emit(self.left)
        super().leaveEvent(event)  # type: ignore[arg-type]


_CAPTION_STYLE = (
    "QLabel { background: #26282b; color: #e8e8e8; padding: 4px 8px; font-weight: 600; }"
)


class Pane(QWidget):
    """A caption above a page view."""

    def __init__(self, view: PageView, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.view = view
        self.caption = QLabel(objectName=f"{name}Caption")
        self.caption.setStyleSheet(_CAPTION_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(view, 1)
