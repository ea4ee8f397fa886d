"""The centre of the library: which page, which light, zoom, and the page image itself.

Why the images are loaded here, a page at a time: a page's lights are read together in the
background and kept for a few pages, so white -> UV -> IR switches instantly and keeps the
zoomed spot in view (an officer compares one spot under every light).
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from docexam.specimens.manifest import Page, Specimen
from docexam.specimens.vocabulary import LIGHTS, SIDES
from ui.background import run_in_background
from ui.errors import ErrorPresenter
from ui.library.loading import PageImages, load_page_images
from ui.library.page_view import PageView, ZoneSet
from ui.library.words import light_name, term
from ui.qtcompat import emit

CACHED_PAGES = 6


class PageViewer(QWidget):
    """Page and light selectors, zoom buttons and the :class:`PageView` of one specimen."""

    image_shown = Signal(str, str)  # (side, light) now on screen

    def __init__(self, present_error: ErrorPresenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._present_error = present_error
        self._specimen: Specimen | None = None
        self._language = "en"
        self._side: str | None = None
        self._light = "white"  # the preferred light, kept across pages and specimens
        self._feature: str | None = None
        self._cache: OrderedDict[tuple[str, str], PageImages] = OrderedDict()
        self._loading: set[tuple[str, str]] = set()
        self._reported: set[tuple[str, str, str]] = set()

        self.page_view = PageView()
        self.side_label = QLabel()
        self.side_combo = QComboBox(objectName="sideCombo")
        self.side_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.side_combo.currentIndexChanged.connect(self._side_chosen)
        self.side_label.setBuddy(self.side_combo)
        self.light_tabs = QTabBar(objectName="lightTabs", expanding=False, drawBase=False)
        self.light_tabs.currentChanged.connect(self._light_chosen)
        self.zones_check = QCheckBox(objectName="zonesCheck", checked=True)
        self.zones_check.toggled.connect(self.page_view.set_zones_visible)
        self.light_tabs.setUsesScrollButtons(False)
        top = QHBoxLayout()  # what is shown: the page and the light
        top.setContentsMargins(6, 4, 6, 4)
        for widget in (self.side_label, self.side_combo, self.light_tabs):
            top.addWidget(widget)
        top.addStretch(1)
        bottom = QHBoxLayout()  # how it is shown: zones and zoom
        bottom.setContentsMargins(6, 2, 6, 2)
        bottom.addWidget(self.zones_check)
        bottom.addStretch(1)
        view = self.page_view
        self._zoom_buttons: dict[str, QToolButton] = {}
        zooms = {"out": view.zoom_out, "in": view.zoom_in, "fit": view.fit, "one": view.actual_size}
        for name, slot in zooms.items():
            button = QToolButton(objectName=f"zoom_{name}", autoRaise=True)
            button.clicked.connect(slot)
            bottom.addWidget(button)
            self._zoom_buttons[name] = button
        keys = {
            QKeySequence(QKeySequence.StandardKey.ZoomIn): view.zoom_in,
            QKeySequence(QKeySequence.StandardKey.ZoomOut): view.zoom_out,
            QKeySequence("Ctrl+0"): view.fit,
        }
        for sequence, slot in keys.items():
            scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
            QShortcut(sequence, self, context=scope).activated.connect(slot)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addLayout(top)
        column.addWidget(self.page_view, 1)
        column.addLayout(bottom)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.side_label.setText(self.tr("&Page:"))
        self.zones_check.setText(self.tr("Show feature &zones"))
        self.zones_check.setToolTip(self.tr("Outline every feature's zone on the image"))
        texts = {
            "out": ("−", self.tr("Zoom out")),
            "in": ("+", self.tr("Zoom in")),
            "fit": (self.tr("Fit"), self.tr("Fit the page to the window")),
            "one": ("1:1", self.tr("Actual size: one image pixel per screen pixel")),
        }
        for name, (text, tip) in texts.items():
            self._zoom_buttons[name].setText(text)
            self._zoom_buttons[name].setToolTip(tip)

    # -- choosing --------------------------------------------------------------------------

    def current_side(self) -> str | None:
        return self._side

    def current_light(self) -> str | None:
        index = self.light_tabs.currentIndex()
        return self.light_tabs.tabData(index) if index >= 0 else None

    def select_side(self, side: str) -> None:
        index = self.side_combo.findData(side)
        if index >= 0:
            self.side_combo.setCurrentIndex(index)

    def select_light(self, light: str) -> None:
        for index in range(self.light_tabs.count()):
            if self.light_tabs.tabData(index) == light:
                self.light_tabs.setCurrentIndex(index)

    def clear_cache(self) -> None:
        """Forget loaded images (a library was reloaded: the files may have changed)."""
        self._cache.clear()
        self._reported.clear()

    def set_specimen(self, specimen: Specimen | None, language: str) -> None:
        """Show ``specimen`` (None clears); the same one again keeps page, light and zoom."""
        same = specimen is not None and self._specimen is not None
        same = same and specimen.id == self._specimen.id  # type: ignore[union-attr]
        side = self._side if same else None
        self._specimen, self._language = specimen, language
        self.side_combo.blockSignals(True)
        self.side_combo.clear()
        for page in specimen.pages if specimen is not None else ():
            self.side_combo.addItem(term(SIDES, page.side, language), page.side)
        several = self.side_combo.count() > 1  # one page needs no choice (details name it)
        self.side_combo.setVisible(several)
        self.side_label.setVisible(several)
        self.side_combo.blockSignals(False)
        if specimen is None:
            self._side, self._feature = None, None
            self._fill_light_tabs(None)
            self.page_view.set_image(None)
            return
        if not same:
            self._feature = None
            self.page_view.set_image(None)  # another specimen starts fitted to the window
        self._side = side if side is not None else specimen.pages[0].side
        self.side_combo.blockSignals(True)
        self.side_combo.setCurrentIndex(self.side_combo.findData(self._side))
        self.side_combo.blockSignals(False)
        self._fill_light_tabs(self._page())  # tab names in the (maybe new) language
        self._display()

    def highlight(self, feature_id: str | None) -> None:
        """Emphasise a feature, turning to its page and to a light it is checked under."""
        self._feature = feature_id or None
        specimen = self._specimen
        if specimen is None or self._feature not in {f.id for f in specimen.features}:
            self._feature = None
            self.page_view.highlight(None)
            return
        page = specimen.page_of(self._feature)
        if page.side != self._side:
            self.select_side(page.side)
        feature = specimen.feature(self._feature)
        seen = [light for light in feature.lights if light in page.images]
        if seen and self.current_light() not in seen:
            self.select_light(seen[0])
        self.page_view.highlight(self._feature)

    def _page(self) -> Page | None:
        if self._specimen is None or self._side is None:
            return None
        return self._specimen.page(self._side)

    def _side_chosen(self, index: int) -> None:
        self._side = self.side_combo.itemData(index) if index >= 0 else None
        page = self._page()
        self._fill_light_tabs(page)
        self.page_view.set_image(None)
        if page is not None:
            self._display()

    def _fill_light_tabs(self, page: Page | None) -> None:
        self.light_tabs.blockSignals(True)
        while self.light_tabs.count():
            self.light_tabs.removeTab(0)
        for light in page.lights if page is not None else ():
            index = self.light_tabs.addTab(light_name(light))
            self.light_tabs.setTabData(index, light)
            self.light_tabs.setTabToolTip(index, term(LIGHTS, light, self._language))
        if page is not None:
            wanted = self._light if self._light in page.lights else page.lights[0]
            self.light_tabs.setCurrentIndex(page.lights.index(wanted))
        self.light_tabs.blockSignals(False)

    def _light_chosen(self, index: int) -> None:
        light = self.light_tabs.tabData(index) if index >= 0 else None
        if light:
            self._light = light
            self._display()

    # -- images ----------------------------------------------------------------------------

    def _display(self) -> None:
        """Show the current page under the current light, loading the page when needed."""
        specimen, page, light = self._specimen, self._page(), self.current_light()
        if specimen is None or page is None or light is None:
            return
        key = (specimen.id, page.side)
        images = self._cache.get(key)
        if images is None:
            self.page_view.set_image(None)
            self.page_view.set_placeholder(self.tr("Loading the images…"))
            if key not in self._loading:
                self._loading.add(key)
                run_in_background(
                    self,
                    load_page_images,
                    page,
                    on_success=lambda found: self._page_loaded(key, found),
                    on_failure=lambda exc: self._page_failed(key, exc),
                )
            return
        self._cache.move_to_end(key)
        image = images.images.get(light)
        if image is None:
            self.page_view.set_image(None)
            self.page_view.set_placeholder(self.tr("This image could not be opened."))
            error = images.errors.get(light)
            if error is not None and (*key, light) not in self._reported:
                self._reported.add((*key, light))
                self._present_error(self, error)
            return
        self.page_view.set_image(image, image.width() / page.size_mm[0])
        lang = self._language
        self.page_view.set_zones([ZoneSet(f.id, f.name.get(lang), f.zones) for f in page.features])
        self.page_view.highlight(self._feature)
        emit(self.image_shown, page.side, light)

    def _page_loaded(self, key: tuple[str, str], found: PageImages) -> None:
        self._loading.discard(key)
        self._cache[key] = found
        while len(self._cache) > CACHED_PAGES:
            self._cache.popitem(last=False)
        specimen = self._specimen
        if specimen is not None and key == (specimen.id, self._side):
            self._display()

    def _page_failed(self, key: tuple[str, str], exc: BaseException) -> None:
        self._loading.discard(key)
        self.page_view.set_placeholder(self.tr("This image could not be opened."))
        self._present_error(self, exc)
