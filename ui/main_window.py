"""The main window: open a scan, see the page on the left and its MRZ verdict on the right.

Thin by design: the window only wires user actions to the engine (through
:func:`ui.background.run_in_background`, so the GUI never freezes while the engine reads)
and hands the result dict to :class:`ui.mrz_panel.MrzPanel`. Errors go to one presenter
(:func:`ui.errors.show_error` unless a test injects another one).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, Qt, QTemporaryDir
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QProgressBar,
    QScrollArea,
    QSplitter,
    QStyle,
    QToolBar,
    QWidget,
)

from ui.background import BackgroundTask, run_in_background
from ui.errors import ErrorPresenter, show_error
from ui.image_view import ImageView
from ui.language import SUPPORTED_LANGUAGES, LanguageManager
from ui.mrz_panel import MrzPanel
from ui.reading import Reader, ReadOutcome, read_job, read_with_engine
from ui.sample import make_sample_file


class MainWindow(QMainWindow):
    """docexam's first workspace: one document at a time."""

    def __init__(
        self,
        *,
        languages: LanguageManager | None = None,
        reader: Reader = read_with_engine,
        error_presenter: ErrorPresenter = show_error,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self._languages = languages if languages is not None else LanguageManager(self)
        self._reader = reader
        self._present_error = error_presenter
        self._task: BackgroundTask | None = None
        self._path: str | None = None
        self._last_dir = ""
        self._status: Callable[[], str] | None = None
        self._sample_dir: QTemporaryDir | None = None

        self._build_actions()
        self._build_menus_and_toolbar()
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
        self.setCentralWidget(splitter)
        self.busy_bar = QProgressBar(objectName="busyBar", maximumWidth=160, textVisible=False)
        self.busy_bar.setRange(0, 0)  # busy mode: no percentage, just motion
        self.busy_bar.hide()
        self.statusBar().addPermanentWidget(self.busy_bar)
        self._languages.language_changed.connect(self._sync_language_actions)
        self._sync_language_actions()
        self.retranslate_ui()
        self.resize(1280, 800)

    # -- construction ------------------------------------------------------------------------

    def _build_actions(self) -> None:
        style = self.style()
        self.open_action = QAction(self, objectName="openAction")
        self.open_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton))
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.open_dialog)
        self.sample_action = QAction(self, objectName="sampleAction")
        self.sample_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.sample_action.triggered.connect(lambda: self.open_sample())
        self.clear_action = QAction(self, objectName="clearAction")
        self.clear_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogResetButton))
        self.clear_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.clear_action.triggered.connect(self.clear_document)
        self.quit_action = QAction(self, objectName="quitAction")
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))  # StandardKey.Quit is empty on Windows
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.language_group = QActionGroup(self, exclusive=True)
        self.language_actions: dict[str, QAction] = {}
        for code, name in SUPPORTED_LANGUAGES.items():
            action = QAction(name, self.language_group, checkable=True, objectName=f"lang_{code}")
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
            self.language_actions[code] = action

    def _build_menus_and_toolbar(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions([self.open_action, self.sample_action, self.clear_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.language_menu = bar.addMenu("")
        self.language_menu.addActions(list(self.language_actions.values()))
        self.toolbar = QToolBar(objectName="mainToolBar", movable=False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addActions([self.open_action, self.sample_action, self.clear_action])
        self.addToolBar(self.toolbar)

    def retranslate_ui(self) -> None:
        """Set every static text; called at start and on ``LanguageChange``."""
        native = QKeySequence.SequenceFormat.NativeText
        open_keys = self.open_action.shortcut().toString(native)
        self.file_menu.setTitle(self.tr("&File"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.toolbar.setWindowTitle(self.tr("Main toolbar"))
        self.open_action.setText(self.tr("&Open image…"))
        open_tip = self.tr("Open a scanned document (%1)")
        self.open_action.setToolTip(open_tip.replace("%1", open_keys))
        self.sample_action.setText(self.tr("Open a &sample document"))
        self.sample_action.setToolTip(
            self.tr("Generate a fictional document photo and read it (Ctrl+Shift+O)")
        )
        self.clear_action.setText(self.tr("&Clear"))
        self.clear_action.setToolTip(self.tr("Clear the document for the next traveller (Esc)"))
        self.quit_action.setText(self.tr("&Quit"))
        self.image_view.set_placeholder(
            self.tr("Open a scanned document (%1) or drop an image file here.").replace(
                "%1", open_keys
            )
        )
        self._update_title()
        if self._status is not None and self.statusBar().currentMessage():
            self.statusBar().showMessage(self._status())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _set_status(self, make: Callable[[], str] | None, timeout_ms: int = 0) -> None:
        """Show a status message built by ``make`` (kept so a language switch rebuilds it)."""
        self._status = make
        if make is None:
            self.statusBar().clearMessage()
        else:
            self.statusBar().showMessage(make(), timeout_ms)

    def _update_title(self) -> None:
        self.setWindowTitle(f"{Path(self._path).name} — docexam" if self._path else "docexam")

    # -- language ----------------------------------------------------------------------------

    def set_language(self, code: str) -> None:
        """Switch the UI language live (menu action)."""
        if not self._languages.set_language(code):
            self._set_status(
                lambda: self.tr(
                    "The translation could not be loaded; the interface stays in English."
                ),
                10000,
            )
        self._sync_language_actions()

    def _sync_language_actions(self, *_: object) -> None:
        current = self.language_actions.get(self._languages.current)
        if current is not None:
            current.setChecked(True)

    # -- reading -----------------------------------------------------------------------------

    def is_busy(self) -> bool:
        return self._task is not None

    def open_dialog(self) -> None:
        """Ask for an image file and read it."""
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open a scanned document"),
            self._last_dir,
            self.tr("Images (%1);;All files (*)").replace(
                "%1", "*.jpg *.jpeg *.png *.tif *.tiff *.bmp *.webp *.jp2"
            ),
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
        self._path = None
        self.image_view.set_image(None)
        self.mrz_panel.clear()
        self._set_status(None)
        self._update_title()

    def _set_busy(self, busy: bool) -> None:
        self.open_action.setEnabled(not busy)
        self.sample_action.setEnabled(not busy)
        self.busy_bar.setVisible(busy)

    def _on_read(self, outcome: ReadOutcome) -> None:
        self._task = None
        self._set_busy(False)
        self._path = outcome.path
        self.image_view.set_image(outcome.preview)
        self.mrz_panel.show_reading(outcome.reading)
        self._update_title()
        if outcome.preview is None:
            self._set_status(lambda: self.tr("The image was read but cannot be displayed."))
        else:
            elapsed = outcome.reading.get("elapsed_ms")
            ms = f"{elapsed:.0f}" if isinstance(elapsed, int | float) else "?"
            self._set_status(lambda: self.tr("Finished in %1 ms.").replace("%1", ms))

    def _on_read_failed(self, exc: BaseException) -> None:
        self._task = None
        self._set_busy(False)
        self._path = None
        self.image_view.set_image(None)
        self.mrz_panel.clear()  # never leave the previous traveller's result on screen
        self._update_title()
        self._set_status(lambda: self.tr("The document could not be read."), 10000)
        self._present_error(self, exc)

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

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._task is not None:
            self._task.discard()  # the worker finishes on its own; nobody will show its result
        super().closeEvent(event)
