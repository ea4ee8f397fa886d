"""The specimen library workspace: find a specimen, look at every page under every light.

Why the library loads in the background: the first ``ctx.library()`` parses every manifest
(about a second); the window stays responsive and says what it is doing meanwhile. The
page images load in the background too (ui.library.viewer).

A library that cannot be used is said twice: once through ``ctx.present_error`` (the
dialog, the log) and then in place of the browser, with the folder and what to do, so a
booth never shows a blank pane. Specimens skipped for manifest errors are reported the same
way while the good ones stay browsable.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from docexam.specimens.library import Library
from docexam.specimens.manifest import Specimen
from ui.background import BackgroundTask, run_in_background
from ui.context import AppContext
from ui.language import ui_language
from ui.library.details import SpecimenDetails
from ui.library.loading import skipped_error
from ui.library.tree import SpecimenTree
from ui.library.viewer import PageViewer
from ui.qtcompat import emit


class LibraryView(QWidget):
    """Browse the reference specimens of ``ctx``'s library (loaded in the background)."""

    library_ready = Signal()  # the library is shown (or its failure is)
    image_shown = Signal(str, str)  # (side, light) now on screen

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryView")
        self._ctx = ctx
        self._language = ui_language()
        self._library: Library | None = None
        self._loaded_root: Path | None = None
        self._task: BackgroundTask | None = None
        self._specimen: Specimen | None = None
        self._state = "loading"  # loading | ready | empty | failed
        self._failure = ""
        self._build()
        self.retranslate_ui()
        self.reload()

    # -- building --------------------------------------------------------------------------

    def _build(self) -> None:
        self.tree = SpecimenTree()
        self.tree.specimen_selected.connect(self._specimen_chosen)
        self.details = SpecimenDetails()
        self.details.setMinimumWidth(300)
        self.viewer = PageViewer(self._ctx.present_error)
        self.viewer.image_shown.connect(self.image_shown)
        self.details.feature_selected.connect(self.viewer.highlight)
        self.page_view = self.viewer.page_view
        self.page_view.zone_clicked.connect(self.details.select_feature)
        self.side_combo, self.light_tabs = self.viewer.side_combo, self.viewer.light_tabs
        self.zones_check = self.viewer.zones_check

        splitter = QSplitter(Qt.Orientation.Horizontal, objectName="librarySplitter")
        for widget, stretch in ((self.tree, 0), (self.viewer, 1), (self.details, 0)):
            splitter.addWidget(widget)
            splitter.setStretchFactor(splitter.count() - 1, stretch)
        splitter.setSizes([250, 760, 360])
        splitter.setChildrenCollapsible(False)

        self.empty_title = QLabel(objectName="emptyTitle", alignment=Qt.AlignmentFlag.AlignCenter)
        font = self.empty_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.empty_title.setFont(font)
        self.empty_text = QLabel(
            objectName="emptyText", wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter
        )
        self.empty_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty_text.setFixedWidth(560)  # a fixed width gives wrapped lines their height
        self.retry_button = QPushButton(objectName="retryButton")
        self.retry_button.clicked.connect(self.reload)
        empty = QWidget()
        box = QVBoxLayout(empty)
        box.addStretch(1)
        box.addWidget(self.empty_title)
        for widget in (self.empty_text, self.retry_button):
            # Centred by stretches, not alignment flags: those would cut wrapped text short.
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(widget)
            row.addStretch(1)
            box.addSpacing(12)
            box.addLayout(row)
        box.addStretch(2)

        self.banner = QLabel(objectName="libraryBanner", wordWrap=True, visible=False)
        self.banner.setStyleSheet(
            "background:#fff4ce;color:#5c4400;padding:6px;border-bottom:1px solid #e0c97a"
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(splitter)
        self.stack.addWidget(empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)

    def retranslate_ui(self) -> None:
        """Static texts; data texts follow the language in :meth:`_refresh_texts`."""
        self.retry_button.setText(self.tr("Try again"))
        self._render_state()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._language = ui_language()
            self.retranslate_ui()
            self._refresh_texts()
        elif event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.reload_if_changed()  # back from the settings dialog
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload_if_changed()

    def reload_if_changed(self) -> bool:
        """Reload when the settings now name another library folder (True if it did).

        Called when the view is shown or its window activated; the window may also call it
        right after the settings dialog was accepted.
        """
        if self._ctx.library_root == self._loaded_root:
            return False
        self.reload()
        return True

    # -- the library -----------------------------------------------------------------------

    def state(self) -> str:
        """``loading``, ``ready``, ``empty`` (no specimens) or ``failed``."""
        return self._state

    def reload(self) -> None:
        """Load (or take the already loaded) library of the context, in the background."""
        if self._task is not None:
            self._task.discard()
        self._loaded_root = self._ctx.library_root
        self._set_state("loading")
        self._task = run_in_background(
            self,
            self._ctx.library,
            on_success=self._library_loaded,
            on_failure=self._library_failed,
        )

    def _library_loaded(self, library: Library) -> None:
        self._task = None
        self._library = library
        self.viewer.clear_cache()
        problem = skipped_error(library)
        if problem is not None:
            names = ", ".join(library.skipped)
            self.banner.setText(
                self.tr("Not loaded because of errors in their manifests: %1").replace("%1", names)
            )
            self._ctx.present_error(self, problem)
        self.banner.setVisible(problem is not None)
        if not library.specimens:
            self._failure = ""
            self._set_state("empty")
        else:
            self._set_state("ready")
            self.tree.set_specimens(library.specimens, self._language)
            if self.tree.current_id() is None:
                self.tree.select(self.tree.specimen_items()[0].data(0, Qt.ItemDataRole.UserRole))
        emit(self.library_ready)

    def _library_failed(self, exc: BaseException) -> None:
        self._task = None
        self._library = None
        self._failure = getattr(exc, "message", None) or str(exc)
        self.banner.hide()
        self._set_state("failed")
        self._ctx.present_error(self, exc)
        emit(self.library_ready)

    def _set_state(self, state: str) -> None:
        self._state = state
        if state != "ready":
            self.tree.clear()
            self._show_specimen(None)
        self._render_state()

    def _render_state(self) -> None:
        state, root = self._state, str(self._loaded_root or "")
        self.stack.setCurrentIndex(1 if state in ("failed", "empty") else 0)
        # Only a failure is worth retrying: a loaded library (even an empty one) is kept by
        # the context until its folder changes in the settings.
        self.retry_button.setVisible(state == "failed")
        if state == "failed":
            self.empty_title.setText(self.tr("The specimen library could not be loaded"))
            text = self.tr("Folder: %1").replace("%1", root) + "\n" + self._failure + "\n\n"
            text += self.tr(
                "Choose the library folder in Settings, or check that the folder "
                "exists and holds one sub-folder per specimen."
            )
            self.empty_text.setText(text)
        elif state == "empty":
            self.empty_title.setText(self.tr("The specimen library holds no specimens"))
            self.empty_text.setText(
                self.tr("Folder: %1").replace("%1", root)
                + "\n\n"
                + self.tr(
                    "A specimen is a sub-folder with a specimen.json manifest and its "
                    "images. Choose another folder in Settings."
                )
            )
        elif state == "loading":
            self.page_view.set_placeholder(self.tr("Loading the specimen library…"))
        elif self._specimen is None:
            self.page_view.set_placeholder(self.tr("Choose a specimen on the left."))

    def _refresh_texts(self) -> None:
        if self._library is not None and self._state == "ready":
            self.tree.set_specimens(self._library.specimens, self._language)
            self._show_specimen(self._specimen)

    # -- choosing --------------------------------------------------------------------------

    def current_specimen(self) -> Specimen | None:
        return self._specimen

    def current_side(self) -> str | None:
        return self.viewer.current_side()

    def current_light(self) -> str | None:
        return self.viewer.current_light()

    def select_specimen(self, specimen_id: str) -> bool:
        """Show ``specimen_id`` (False when the library does not hold it)."""
        return self.tree.select(specimen_id)

    def select_side(self, side: str) -> None:
        self.viewer.select_side(side)

    def select_light(self, light: str) -> None:
        self.viewer.select_light(light)

    def select_feature(self, feature_id: str) -> None:
        """Choose a feature in the list: its texts, its zone lit, its page and light shown."""
        self.details.select_feature(feature_id)

    def _specimen_chosen(self, specimen_id: str) -> None:
        if self._library is not None and specimen_id in self._library:
            self._show_specimen(self._library.get(specimen_id))

    def _show_specimen(self, specimen: Specimen | None) -> None:
        self._specimen = specimen
        self.viewer.set_specimen(specimen, self._language)
        self.details.show_specimen(specimen, self._language)
        self.viewer.highlight(self.details.current_feature())
        if specimen is None:
            self._render_state()
