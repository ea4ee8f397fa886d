"""The expert workspace: one document against its specimen, with every comparison tool.

Why a workspace of its own: an expert of the examination service spends minutes on one
document, comparing it with the specimen under each lamp, zooming into print detail,
measuring, marking what they find and writing it up. The booth shows a verdict; this shows
the evidence. Engine work that takes time (the difference map, the PDF) runs through
:func:`ui.background.run_in_background`; every widget is touched on the GUI thread only.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QPixmap, QShowEvent
from PySide6.QtWidgets import QSplitter, QStackedWidget, QVBoxLayout, QWidget

from ui.background import BackgroundTask, run_in_background
from ui.context import AppContext
from ui.expert.annotations import Annotation, AnnotationPanel
from ui.expert.compare_view import CompareView
from ui.expert.feature_list import FeatureList
from ui.expert.header import ExpertHeader
from ui.expert.imaging import union_rect, zone_rect
from ui.expert.notes import NotesController
from ui.expert.pages import PageImages
from ui.expert.placeholder import ExpertPlaceholder
from ui.expert.report import ReportBuilder
from ui.expert.report_pdf import write_pdf
from ui.expert.statusline import StatusLine
from ui.expert.texts import STATUS_COLOUR, ExpertTexts, sort_lights
from ui.expert.toolbar import ExpertToolBar
from ui.opened import OpenedExam
from ui.qtcompat import emit

if TYPE_CHECKING:  # the engine loads in the background, not at start-up
    from docexam.examine.results import FeatureResult

if TYPE_CHECKING:  # the engine loads in the background, not at start-up
    from docexam.examine.pipeline import Examination


class ExpertWorkspace(QWidget):
    """Give it an examination with :meth:`show_examination`; :meth:`clear` forgets it."""

    report_written = Signal(str)  # path of the PDF, once written

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("expertWorkspace")
        self.ctx = ctx
        self.texts = ExpertTexts(self)
        self.opened: OpenedExam | None = None
        self.side = 0
        self.light = "white"
        self.pages = PageImages(self, lambda exc: self.ctx.present_error(self, exc))
        self.pages.difference_ready.connect(self._on_difference)
        self._export_task: BackgroundTask | None = None
        self._sized = False

        self.placeholder = ExpertPlaceholder()
        self.header = ExpertHeader()
        self.toolbar = ExpertToolBar()
        self.compare = CompareView()
        self.status_label = StatusLine()
        self.features = FeatureList()
        self.notes_panel = AnnotationPanel()
        self.notes = NotesController(self.compare, self.notes_panel, self)
        self._build_layout()
        self._connect()
        self.retranslate_ui()
        self.clear()

    def _build_layout(self) -> None:
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.compare, 1)
        box.addWidget(self.status_label)
        right = QSplitter(Qt.Orientation.Vertical, objectName="expertSide")
        right.addWidget(self.features)
        right.addWidget(self.notes_panel)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 0)
        right.setSizes([760, 170])
        right.setChildrenCollapsible(False)
        self.body = body = QSplitter(Qt.Orientation.Horizontal, objectName="expertBody")
        body.addWidget(left)
        body.addWidget(right)
        body.setStretchFactor(0, 1)
        body.setStretchFactor(1, 0)  # the panes take what the window gains
        body.setChildrenCollapsible(False)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 0, 4, 4)
        layout.setSpacing(2)
        layout.addWidget(self.header)
        layout.addWidget(self.toolbar)
        layout.addWidget(body, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    def _connect(self) -> None:
        tb, mb, cv = self.toolbar, self.toolbar.mode_bar, self.compare
        self.header.side_changed.connect(self.set_side)
        tb.light_chosen.connect(self.set_light)
        tb.tool_chosen.connect(cv.set_tool)
        tb.loupe_action.toggled.connect(cv.set_loupe)
        tb.fit_action.triggered.connect(cv.fit)
        tb.zoom_in_action.triggered.connect(lambda: cv.views[0].zoom_by(1.25))
        tb.zoom_out_action.triggered.connect(lambda: cv.views[0].zoom_by(0.8))
        tb.export_action.triggered.connect(lambda: self.export_pdf())
        mb.mode_changed.connect(self.set_mode)
        mb.opacity_changed.connect(cv.set_opacity)
        mb.blink_toggled.connect(cv.set_blink_running)
        mb.blink_interval_changed.connect(cv.set_blink_interval)
        cv.hovered.connect(self._on_hover)
        cv.measured.connect(self.status_label.set_measure)
        cv.views[0].view_changed.connect(self._show_zoom)
        # Single-key tools work wherever the focus is inside the workspace (the page views).
        self.addActions([*tb.tool_actions.values(), tb.loupe_action])
        self.features.feature_selected.connect(self._on_feature)

    def retranslate_ui(self) -> None:
        self._show_zoom()
        if self.opened is not None:
            self.compare.set_light_name(self.texts.light(self.light))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:  # the check list readable at any window size, the rest to pages
            self._sized = True
            side = min(max(470, self.width() // 3), 560)
            self.body.setSizes([max(self.width() - side, 400), side])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- opening -----------------------------------------------------------------------------

    def show_examination(self, opened: OpenedExam) -> None:
        """Show ``opened``: its first side with a specimen, under white light, fitted."""
        self.clear()
        self.opened = opened
        sides = opened.document.sides
        self.side = next((i for i, (_n, ex) in enumerate(sides) if ex.page is not None), 0)
        self.header.show_exam(opened, self.side)
        self.stack.setCurrentIndex(1)
        self._show_side(keep_light=False)
        self.compare.views[0].setFocus()  # + - 0 and the arrows work at once

    def clear(self) -> None:
        """Forget the examination (its notes stay in the store for when it comes back)."""
        self.pages.clear()
        self.opened = None
        self.header.show_exam(None)
        self.compare.set_images(None, None, "")
        self.notes.show(None, "")
        self.compare.set_outlines([])
        self.compare.set_mode(self.compare.mode)
        self.features.set_features([], None)
        self.status_label.reset()
        self.stack.setCurrentIndex(0)

    def exam(self) -> Examination | None:
        """The examination of the side on screen."""
        if self.opened is None or not self.opened.document.sides:
            return None
        return self.opened.document.sides[self.side][1]

    def side_name(self) -> str:
        return self.opened.document.sides[self.side][0] if self.opened is not None else ""

    def lights(self) -> list[str]:
        """The lights both the questioned page and the specimen have on this side."""
        ex = self.exam()
        return sort_lights([lt for lt in ex.images if lt in ex.reference]) if ex else []

    def set_side(self, side: int) -> None:
        if self.opened is None or not 0 <= side < len(self.opened.document.sides):
            return
        self.side = side
        self.header.set_side(side)
        self._show_side(keep_light=True)

    def _show_side(self, *, keep_light: bool) -> None:
        ex = self.exam()
        lights = self.lights()
        if not (keep_light and self.light in lights):
            self.light = lights[0] if lights else "white"
        self.toolbar.set_lights(lights, self.light)
        page = ex.page if ex is not None else None
        if page is not None and lights:
            h, w = ex.images[self.light].shape[:2]
            self.compare.set_page(w, h, page.px_per_mm)
        else:
            self.compare.set_page(0, 0, 1.0)
        self.features.set_features(list(ex.features) if ex else [], page)
        self._refresh_images()
        self.notes.show(self.opened, self.side_name())
        self.compare.fit()

    def set_light(self, light: str) -> None:
        if light not in self.lights():
            return
        self.light = light
        self.toolbar.check_light(light)
        self._refresh_images()

    def set_mode(self, mode: str) -> None:
        if self.toolbar.mode_bar.mode != mode:
            self.toolbar.mode_bar.set_mode(mode)  # comes back here through mode_changed
            return
        self.compare.set_mode(mode)
        self._request_difference()

    def _pixmap(self, kind: str) -> QPixmap | None:
        ex = self.exam()
        if ex is None or self.light not in self.lights():
            return None
        return self.pages.pixmap(self.side, ex, self.light, kind)

    def _refresh_images(self) -> None:
        self.compare.set_images(self._pixmap("questioned"), self._pixmap("specimen"),
                                self.texts.light(self.light))  # fmt: skip
        heat = self.pages.difference(self.side, self.light)
        if heat is not None:
            self.compare.set_difference(heat)
        self._request_difference()

    def _request_difference(self) -> None:
        ex = self.exam()
        if self.compare.mode == "difference" and ex is not None:
            self.pages.request_difference(self.side, ex, self.light)

    def _on_difference(self, side: int, light: str) -> None:
        if (side, light) == (self.side, self.light):
            self.compare.set_difference(self.pages.difference(side, light))

    def difference_pending(self) -> bool:
        return self.pages.pending()

    # -- checks ------------------------------------------------------------------------------

    def select_check(self, feature_id: str) -> bool:
        """Select a check by its feature id (as clicking its row does)."""
        return self.features.select(feature_id)

    def _on_feature(self, result: FeatureResult | None) -> None:
        """A check was chosen: its light, its zone outlined, both panes onto the zone."""
        ex = self.exam()
        page = ex.page if ex is not None else None
        feature = None
        if page is not None and result is not None:
            feature = next((f for f in page.features if f.id == result.feature), None)
        if result is None or feature is None or page is None:
            self.compare.set_outlines([])
            return
        wanted = [lt for lt in (result.light or "").split("+") if lt in self.lights()]
        if wanted:
            self.set_light(wanted[0])  # the light the score is about comes first
        colour = STATUS_COLOUR.get(result.status, STATUS_COLOUR["not_checked"])
        name = self.features.feature_name(result)
        rects = [zone_rect(z, page.px_per_mm) for z in feature.zones]
        self.compare.set_outlines([(r, colour, name) for r in rects])
        if rects:
            self.compare.zoom_to(union_rect(feature.zones, page.px_per_mm))

    # -- notes -------------------------------------------------------------------------------

    def annotations(self) -> list[Annotation]:
        """Every note of the open examination (all sides)."""
        return self.notes.notes()

    def add_annotation(self, kind: str, start: QPointF, end: QPointF, text: str = "") -> Annotation:
        """Add a note on the side on screen (page pixels); the drawing tools do the same."""
        return self.notes.add(kind, start, end, text)

    def remove_annotation(self, number: int) -> None:
        self.notes.remove(number)

    # -- status line -------------------------------------------------------------------------

    def _on_hover(self, point: QPointF) -> None:
        ex = self.exam()
        if ex is not None and ex.page is not None:
            k = ex.page.px_per_mm
            self.status_label.set_position(point.x() / k, point.y() / k)

    def _show_zoom(self) -> None:
        if self.opened is not None:
            self.status_label.set_zoom(self.compare.views[0].scale_factor())

    # -- report ------------------------------------------------------------------------------

    def is_exporting(self) -> bool:
        return self._export_task is not None

    def export_pdf(self, path: str | None = None) -> bool:
        """Write the report (asks where when ``path`` is None); False if nothing was started."""
        if self.opened is None or self._export_task is not None:
            return False
        builder = ReportBuilder()
        path = path or builder.ask_path(self, self.opened.title)
        if not path:
            return False
        data = builder.collect(
            self.opened, self.annotations(), examiner=self.ctx.officer,
            station=self.ctx.station, screen=self.compare.grab(),
        )  # fmt: skip
        self.status_label.set_report("writing")
        self._export_task = run_in_background(self, write_pdf, data, path,
                                              on_success=self._on_written,
                                              on_failure=self._on_export_failed)  # fmt: skip
        return True

    def _on_written(self, path: str) -> None:
        self._export_task = None
        self.status_label.set_report("saved", os.path.basename(path))
        emit(self.report_written, path)

    def _on_export_failed(self, exc: BaseException) -> None:
        self._export_task = None
        self.status_label.set_report("failed")
        self.ctx.present_error(self, exc)
