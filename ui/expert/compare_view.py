"""Two synchronised panes: the questioned page and the specimen, in one of four modes.

Why the panes copy each other's transform and centre on every change: whatever one pane
shows, the other shows the same part of the other document at the same scale, so the eye
can go back and forth without searching. The page is registered to the specimen, so the
same scene point is the same place on both. Outlines, notes, the measuring line and the
loupe are shown in both panes for the same reason.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, QTimer, Signal
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QWidget

from ui.expert.annotations import Annotation, AnnotationItem
from ui.expert.items import OutlineItem
from ui.expert.loupe import Loupe
from ui.expert.measure import MeasureItem, length_mm
from ui.expert.modes import DEFAULT_BLINK_MS, DEFAULT_OPACITY, layout_for
from ui.expert.page_view import PageScene, PageView, Pane
from ui.qtcompat import emit


class CompareView(QWidget):
    """Left pane: the questioned page (or the mode's composition); right: the specimen."""

    hovered = Signal(QPointF)  # scene point under the mouse, in either pane
    measured = Signal(float)  # millimetres, while the measuring line is dragged
    shape_drawn = Signal(str, QPointF, QPointF)  # "rect"/"arrow", start, end (scene)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareView")
        self.scenes = (PageScene(self), PageScene(self))
        self.views = (PageView(self.scenes[0]), PageView(self.scenes[1]))
        self.views[0].setObjectName("questionedView")
        self.views[1].setObjectName("specimenView")
        self.panes = (Pane(self.views[0], "leftPane"), Pane(self.views[1], "rightPane"))
        self.loupes = tuple(Loupe(v) for v in self.views)
        self.measures = tuple(MeasureItem() for _ in self.scenes)
        for scene, item in zip(self.scenes, self.measures, strict=True):
            scene.addItem(item)
        layout = QHBoxLayout(self)  # equal panes: both show the page at the same scale
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        for pane in self.panes:
            layout.addWidget(pane, 1)

        self.mode = "side_by_side"
        self.opacity = DEFAULT_OPACITY / 100
        self.px_per_mm = 1.0
        self.light_name = ""
        self.loupe_enabled = False
        self._pixmaps: dict[str, QPixmap | None] = dict.fromkeys(
            ("questioned", "specimen", "difference")
        )
        self._outlines: list[OutlineItem] = []
        self._notes: list[AnnotationItem] = []
        self._preview: list[AnnotationItem] = []
        self._syncing = False
        self.blink_running = True
        self.blink_phase = "questioned"
        self.blink_timer = QTimer(self, interval=DEFAULT_BLINK_MS)
        self.blink_timer.timeout.connect(self._blink_tick)
        for v in self.views:
            v.view_changed.connect(lambda v=v: self._sync_from(v))
            v.hovered.connect(self._on_hover)
            v.left.connect(self._hide_loupes)
            v.drag_moved.connect(self._on_drag)
            v.drag_done.connect(self._on_drag_done)
        self._apply()

    # -- content -----------------------------------------------------------------------------

    def set_page(self, width: int, height: int, px_per_mm: float) -> None:
        """A new page: its size in pixels and its scale; measuring line and outlines go."""
        self.px_per_mm = px_per_mm
        for scene in self.scenes:
            scene.set_page_size(width, height)
        for item in self.measures:
            item.hide()
        self.set_outlines([])
        self.fit()

    def set_images(
        self, questioned: QPixmap | None, specimen: QPixmap | None, light_name: str
    ) -> None:
        """The two pages under the light on screen (the difference map comes separately)."""
        self._pixmaps.update(questioned=questioned, specimen=specimen, difference=None)
        self.light_name = light_name
        self._apply()

    def set_difference(self, heat: QPixmap | None) -> None:
        self._pixmaps["difference"] = heat
        self._apply()

    def set_light_name(self, name: str) -> None:
        """The light's name for the captions (set again after a language switch)."""
        self.light_name = name
        self._set_captions()

    def has_difference(self) -> bool:
        return self._pixmaps["difference"] is not None

    def set_mode(self, mode: str) -> None:
        layout_for(mode)  # validates
        self.mode = mode
        self.blink_phase = "questioned"
        self._apply()

    def set_opacity(self, opacity: float) -> None:
        self.opacity = min(max(opacity, 0.0), 1.0)
        if self.mode == "overlay":  # the slider is dragged: only the top layer changes
            self.scenes[0].top.setOpacity(self.opacity)
            self._set_captions()

    def set_blink_running(self, running: bool) -> None:
        self.blink_running = running
        self._apply()

    def set_blink_interval(self, ms: int) -> None:
        self.blink_timer.setInterval(ms)

    def shown_in_blink(self) -> str:
        """Which document the blinking pane shows now: "questioned" or "specimen"."""
        return self.blink_phase

    def _blink_tick(self) -> None:
        self.blink_phase = "specimen" if self.blink_phase == "questioned" else "questioned"
        self.scenes[0].top.setVisible(self.blink_phase == "specimen")
        self._set_captions()

    def _apply(self) -> None:
        layout = layout_for(self.mode)
        left = self.scenes[0]
        base = self._pixmaps[layout.left_base]
        if layout.left_base == "difference" and base is None:
            base = self._pixmaps["questioned"]  # until the map is ready
        left.show_pixmap(left.base, base)
        left.show_pixmap(left.top, self._pixmaps[layout.left_top] if layout.left_top else None)
        if self.mode == "overlay":
            left.top.setOpacity(self.opacity)
            left.top.setVisible(True)
        else:
            left.top.setOpacity(1.0)
            left.top.setVisible(self.mode == "blink" and self.blink_phase == "specimen")
        right = self.scenes[1]
        right.show_pixmap(right.base, self._pixmaps["specimen"])
        was_visible = self.panes[1].isVisibleTo(self)
        self.panes[1].setVisible(layout.two_panes)
        if layout.two_panes and not was_visible:
            self._sync_from(self.views[0])
        blinking = self.mode == "blink" and self.blink_running
        if blinking and not self.blink_timer.isActive():
            self.blink_timer.start()
        elif not blinking:
            self.blink_timer.stop()
        self._set_captions()

    def _set_captions(self) -> None:
        light = f"  ·  {self.light_name}" if self.light_name else ""
        if self._pixmaps["questioned"] is None:
            self.panes[0].caption.setText(self.tr("No page to compare: no specimen was matched"))
            self.panes[1].caption.setText(self.tr("Specimen"))
            return
        if self.mode == "side_by_side":
            left = self.tr("Questioned document")
        elif self.mode == "overlay":
            percent = str(round(self.opacity * 100))
            left = self.tr("Overlay: the questioned document (%1 %) over the specimen")
            left = left.replace("%1", percent)
        elif self.mode == "blink":
            shown = (self.tr("questioned document") if self.blink_phase == "questioned"
                     else self.tr("specimen"))  # fmt: skip
            left = self.tr("Blink: %1").replace("%1", shown)
        elif self.has_difference():
            left = self.tr("Difference from the specimen (dark: same, bright: different)")
        else:
            left = self.tr("Difference from the specimen: computing…")
        self.panes[0].caption.setText(left + light)
        self.panes[1].caption.setText(self.tr("Specimen") + light)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._set_captions()
        super().changeEvent(event)

    # -- zoom and pan ------------------------------------------------------------------------

    def _sync_from(self, source: PageView) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            centre = source.scene_centre()
            for view in self.views:
                if view is not source:
                    view.fitted = source.fitted
                    view.setTransform(source.transform())
                    view.centerOn(centre)
            for loupe in self.loupes:
                if loupe.isVisible():
                    loupe.show_at(loupe.point)
        finally:
            self._syncing = False

    def fit(self) -> None:
        self.views[0].fit()

    def zoom_to(self, rect: QRectF) -> None:
        """Both panes onto ``rect`` (scene), as large as fits."""
        self.views[0].zoom_to(rect)

    # -- overlays ----------------------------------------------------------------------------

    def set_outlines(self, outlines: list[tuple[QRectF, QColor, str]]) -> None:
        """Outline these zones (rect, colour, label) in both panes, replacing the previous."""
        for item in self._outlines:
            if item.scene() is not None:
                item.scene().removeItem(item)
        self._outlines = []
        for scene in self.scenes:
            for rect, colour, label in outlines:
                item = OutlineItem(rect, colour, label)
                scene.addItem(item)
                self._outlines.append(item)

    def outline_rects(self) -> list[QRectF]:
        return [item.rect() for item in self._outlines if item.scene() is self.scenes[0]]

    def set_notes(self, notes: list[Annotation]) -> None:
        """Draw ``notes`` in both panes, replacing the previous ones."""
        for item in self._notes:
            if item.scene() is not None:
                item.scene().removeItem(item)
        self._notes = []
        for scene in self.scenes:
            for note in notes:
                item = AnnotationItem(note)
                scene.addItem(item)
                self._notes.append(item)

    def note_items(self) -> list[AnnotationItem]:
        return [item for item in self._notes if item.scene() is self.scenes[0]]

    def set_tool(self, tool: str) -> None:
        for view in self.views:
            view.set_tool(tool)

    def set_loupe(self, enabled: bool) -> None:
        self.loupe_enabled = enabled
        if not enabled:
            self._hide_loupes()

    def _on_hover(self, point: QPointF) -> None:
        emit(self.hovered, point)
        if self.loupe_enabled:
            for view, loupe in zip(self.views, self.loupes, strict=True):
                if view.isVisible():
                    loupe.show_at(point)

    def _hide_loupes(self) -> None:
        for loupe in self.loupes:
            loupe.hide()

    # -- drawing tools -----------------------------------------------------------------------

    def show_measure(self, start: QPointF, end: QPointF) -> float:
        """Draw the measuring line in both panes; returns its length in millimetres."""
        mm = length_mm(start, end, self.px_per_mm)
        label = self.tr("%1 mm").replace("%1", f"{mm:.2f}")
        for item in self.measures:
            item.set_line(QLineF(start, end), label)
        emit(self.measured, mm)
        return mm

    def _clear_preview(self) -> None:
        for item in self._preview:
            if item.scene() is not None:
                item.scene().removeItem(item)
        self._preview = []

    def _on_drag(self, tool: str, start: QPointF, end: QPointF) -> None:
        if tool == "measure":
            self.show_measure(start, end)
        elif tool in ("rect", "arrow"):
            self._clear_preview()
            note = Annotation(0, "", tool, (start.x(), start.y()), (end.x(), end.y()))
            for scene in self.scenes:
                item = AnnotationItem(note)
                item.tag.set_text("")
                scene.addItem(item)
                self._preview.append(item)

    def _on_drag_done(self, tool: str, start: QPointF, end: QPointF) -> None:
        if tool == "measure":
            self.show_measure(start, end)
            return
        self._clear_preview()
        if (end - start).manhattanLength() >= 3 / max(self.views[0].scale_factor(), 1e-6):
            emit(self.shape_drawn, tool, start, end)
