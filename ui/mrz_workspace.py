"""The MRZ reader: open any document image, see the page and its MRZ verdict.

Why it stays beside the booth: the booth examines documents the specimen library knows;
this workspace reads the MRZ of any ICAO document in the world (a foreign passport with no
specimen yet), from a file, a drop or a generated sample. Thin by design: actions go to
the engine through :func:`ui.background.run_in_background`; errors go to one presenter.
Its shortcuts (Ctrl+O, Ctrl+Shift+O, Esc) act while this workspace is the one shown.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, Qt, QTemporaryDir, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QSplitter,
    QStyle,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ui.background import BackgroundTask, run_in_background
from ui.errors import ErrorPresenter, show_error
from ui.image_view import ImageView
from ui.mrz_panel import MrzPanel
from ui.qtcompat import emit
from ui.reading import Reader, ReadOutcome, read_job, read_with_engine
from ui.sample import make_sample_file

IMAGE_PATTERNS = "*.jpg *.jpeg *.png *.tif *.tiff *.bmp *.webp *.jp2"


class MrzWorkspace(QWidget):
    """One document image at a time: the page left, the MRZ reading right."""

    title_changed = Signal(str)

    def __init__(
        self,
        *,
        reader: Reader = read_with_engine,
        error_presenter: ErrorPresenter = show_error,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mrzWorkspace")
        self.setAcceptDrops(True)
        self._reader = reader
        self._present_error = error_presenter
        self._task: BackgroundTask | None = None
        self._path: str | None = None
        self._last_dir = ""
        self._status: Callable[[], str] | None = None
        self._sample_dir: QTemporaryDir | None = None

        self._build_actions()
        self.toolbar = QToolBar(objectName="mrzToolBar", movable=False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addActions([self.open_action, self.sample_action, self.clear_action])
        self.image_view = ImageView()
        self.mrz_panel = MrzPanel()
        scroll = QScrollArea(objectName="mrzScroll", widgetResizable=True)
        scroll.setWidget(self.mrz_panel)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(self.mrz_panel.minimumSizeHint().width() + 24)
        splitter = QSplitter(Qt.Orientation.Horizontal, objectName="splitter")
        splitter.addWidget(self.image_view)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.status_label = QLabel(objectName="mrzStatus")
        self.busy_bar = QProgressBar(objectName="busyBar", maximumWidth=160, textVisible=False)
        self.busy_bar.setRange(0, 0)  # busy mode: no percentage, just motion
        self.busy_bar.hide()
        status = QHBoxLayout()
        status.setContentsMargins(6, 0, 6, 2)
        status.addWidget(self.status_label, 1)
        status.addWidget(self.busy_bar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(splitter, 1)
        layout.addLayout(status)
        self.retranslate_ui()

    def _build_actions(self) -> None:
        style = self.style()
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        self.open_action = QAction(self, objectName="openAction", shortcutContext=scope)
        self.open_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton))
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.open_dialog)
        self.sample_action = QAction(self, objectName="sampleAction", shortcutContext=scope)
        self.sample_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.sample_action.triggered.connect(lambda: self.open_sample())
        self.clear_action = QAction(self, objectName="clearAction", shortcutContext=scope)
        self.clear_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogResetButton))
        self.clear_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.clear_action.triggered.connect(self.clear_document)
        self.addActions([self.open_action, self.sample_action, self.clear_action])

    def retranslate_ui(self) -> None:
        """Set every static text; called at start and on ``LanguageChange``."""
        native = QKeySequence.SequenceFormat.NativeText
        open_keys = self.open_action.shortcut().toString(native)
        self.open_action.setText(self.tr("&Open image…"))
        self.open_action.setToolTip(
            self.tr("Open a scanned document (%1)").replace("%1", open_keys)
        )
        self.sample_action.setText(self.tr("Open a &sample document"))
        self.sample_action.setToolTip(
            self.tr("Generate a fictional document photo and read it (Ctrl+Shift+O)")
        )
        self.clear_action.setText(self.tr("&Clear"))
        self.clear_action.setToolTip(self.tr("Clear the document for the next traveller (Esc)"))
        self.image_view.set_placeholder(
            self.tr(
                "Read the MRZ of any document: open a scan (%1) or drop an image file here."
            ).replace("%1", open_keys)
        )
        if self._status is not None:
            self.status_label.setText(self._status())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def status_text(self) -> str:
        return self.status_label.text()

    def title(self) -> str:
        """The open document's name ("" when none), for the window title."""
        return Path(self._path).name if self._path else ""

    def _set_status(self, make: Callable[[], str] | None) -> None:
        """Show a status message built by ``make`` (kept so a language switch rebuilds it)."""
        self._status = make
        self.status_label.setText(make() if make is not None else "")

    def _set_path(self, path: str | None) -> None:
        self._path = path
        emit(self.title_changed, self.title())

    # -- reading -----------------------------------------------------------------------------

    def is_busy(self) -> bool:
        return self._task is not None

    def open_dialog(self) -> None:
        """Ask for an image file and read it."""
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open a scanned document"),
            self._last_dir,
            self.tr("Images (%1);;All files (*)").replace("%1", IMAGE_PATTERNS),
        )
        if path:
            self._last_dir = os.path.dirname(path)
            self.open_path(path)

    def open_sample(self, seed: int | None = None) -> bool:
        """Generate a fictional document (on a worker thread), then read it like a file."""
        if self._task is not None:
            return False
        if self._sample_dir is None:
            self._sample_dir = QTemporaryDir()
        self._task = run_in_background(
            self,
            make_sample_file,
            self._sample_dir.path(),
            seed,
            on_success=self._on_sample_ready,
            on_failure=self._on_read_failed,
        )
        self._set_busy(True)
        self._set_status(lambda: self.tr("Generating a sample document…"))
        return True

    def _on_sample_ready(self, path: str) -> None:
        self._task = None
        self.open_path(path)

    def open_path(self, path: str | os.PathLike[str]) -> bool:
        """Start reading ``path`` in the background; False if a reading is still running."""
        if self._task is not None:
            return False
        path = os.fspath(path)
        self._task = run_in_background(
            self,
            read_job,
            self._reader,
            path,
            on_success=self._on_read,
            on_failure=self._on_read_failed,
        )
        self._set_busy(True)
        self._set_status(lambda: self.tr("Reading %1…").replace("%1", Path(path).name))
        return True

    def clear_document(self) -> None:
        """Forget the current document (and any reading still running) — Esc."""
        if self._task is not None:
            self._task.discard()
            self._task = None
            self._set_busy(False)
        self.image_view.set_image(None)
        self.mrz_panel.clear()
        self._set_status(None)
        self._set_path(None)

    def _set_busy(self, busy: bool) -> None:
        self.open_action.setEnabled(not busy)
        self.sample_action.setEnabled(not busy)
        self.busy_bar.setVisible(busy)

    def _on_read(self, outcome: ReadOutcome) -> None:
        self._task = None
        self._set_busy(False)
        self.image_view.set_image(outcome.preview)
        self.mrz_panel.show_reading(outcome.reading)
        self._set_path(outcome.path)
        if outcome.preview is None:
            self._set_status(lambda: self.tr("The image was read but cannot be displayed."))
        else:
            elapsed = outcome.reading.get("elapsed_ms")
            ms = f"{elapsed:.0f}" if isinstance(elapsed, int | float) else "?"
            self._set_status(lambda: self.tr("Finished in %1 ms.").replace("%1", ms))

    def _on_read_failed(self, exc: BaseException) -> None:
        self._task = None
        self._set_busy(False)
        self.image_view.set_image(None)
        self.mrz_panel.clear()  # never leave the previous traveller's result on screen
        self._set_path(None)
        self._set_status(lambda: self.tr("The document could not be read."))
        self._present_error(self, exc)

    def discard(self) -> None:
        """The window closes: a running reading finishes on its own, nobody shows it."""
        if self._task is not None:
            self._task.discard()
            self._task = None

    # -- drag and drop -----------------------------------------------------------------------

    @staticmethod
    def dropped_path(mime: QMimeData) -> str | None:
        """The one local file in a drag, or None (folders, several files, web links)."""
        urls = mime.urls() if mime.hasUrls() else []
        if len(urls) != 1 or not urls[0].isLocalFile():
            return None
        path = urls[0].toLocalFile()
        return path if os.path.isfile(path) else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if not self.is_busy() and self.dropped_path(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.dragEnterEvent(event)  # type: ignore[arg-type]

    def dropEvent(self, event: QDropEvent) -> None:
        path = self.dropped_path(event.mimeData())
        if path and self.open_path(path):
            event.acceptProposedAction()
        else:
            event.ignore()
