"""Where the booth's captures come from: a file, a reader's drop folder, a scanner, a camera.

Why one bar that owns the devices: each source ends the same way, with a capture set (a
folder path, or decoded sets from the drop folder) handed to the workspace through
``capture_ready``; the workspace never needs to know which device it was. The choice and
the device names are the officer's preferences (``ctx.prefs``: capture_source,
drop_folder, scanner_device, camera_device), so the booth comes back as it was left, and a
live source (folder, camera) starts when it is chosen. A device that fails (no camera, a
scanner that jams, a folder on a share that vanished) is a message on the bar, in the
officer's language, never a crash.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTemporaryDir, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from docexam.errors import CaptureError, DocexamError
from ui.background import BackgroundTask, run_in_background
from ui.booth.camera_page import CameraPage
from ui.booth.jobs import scan_job
from ui.booth.watcher import FolderWatcher
from ui.booth.widgets import ActionButton
from ui.context import AppContext
from ui.errors import IMAGE_LOAD_CODES, error_sentence
from ui.preferences import CAPTURE_SOURCES
from ui.qtcompat import emit

_COLOURS = {"error": "#c62828", "ok": "#1b7f3b", "info": "#4b5563"}


def _page(widgets: list[QWidget]) -> QWidget:
    page = QWidget()
    row = QHBoxLayout(page)
    row.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        row.addWidget(w)
    row.addStretch(1)
    return page


class SourceBar(QWidget):
    """The source switch, each source's controls, and one line for the device's state."""

    capture_ready = Signal(object, str)  # (folder path str | list[CaptureSet], title)
    live_image = Signal(object)  # QImage of the camera preview; None when it stops
    scanning = Signal(bool)
    path_chosen = Signal(str)  # a file or folder the officer picked in a dialog

    def __init__(self, ctx: AppContext, file_actions: list[QAction], capture_action: QAction,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("sourceBar")
        self.ctx = ctx
        self._tmp = QTemporaryDir()  # scans and camera frames, kept while the booth runs
        self._scan_task: BackgroundTask | None = None
        self._scan_cancel = threading.Event()
        #: The device line: (kind, text maker); worded again on a language switch.
        self._msg: tuple[str, Callable[[], str]] = ("info", str)
        self._kind = ""
        self._last_dir = ""
        self.watcher = FolderWatcher()
        self.watcher.arrived.connect(self._arrived)
        self.watcher.notice.connect(lambda text: self.say("info", lambda: text))
        self.watcher.failed.connect(self.device_failed)

        self.group = QButtonGroup(self, exclusive=True)
        self.buttons: dict[str, QPushButton] = {}
        switch = QHBoxLayout()
        switch.setSpacing(0)
        for key in CAPTURE_SOURCES:
            b = QPushButton(objectName=f"source_{key}", checkable=True)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.group.addButton(b)
            b.clicked.connect(lambda _=False, k=key: self.set_source(k))
            self.buttons[key] = b
            switch.addWidget(b)
        self.stack = QStackedWidget(objectName="sourcePages")
        self.stack.addWidget(_page([ActionButton(a) for a in file_actions]))
        self.folder_label = QLabel(objectName="dropFolderLabel")
        self.folder_button = QPushButton(objectName="chooseFolder")
        self.folder_button.clicked.connect(self.choose_drop_folder)
        self.stack.addWidget(_page([self.folder_label, self.folder_button]))
        self.scanner_edit = QLineEdit(objectName="scannerDevice", maximumWidth=220)
        self.scanner_edit.setText(ctx.prefs.get("scanner_device") or "")
        self.scanner_edit.editingFinished.connect(self._scanner_edited)
        self.stack.addWidget(_page([self.scanner_edit, ActionButton(capture_action)]))
        self.camera = CameraPage(ctx, capture_action, self._tmp.path())
        self.camera.folder_ready.connect(
            lambda folder, title: emit(self.capture_ready, folder, title)
        )
        self.camera.live_image.connect(lambda image: emit(self.live_image, image))
        self.camera.say.connect(self.say)
        self.camera.failed.connect(self.device_failed)
        self.stack.addWidget(self.camera)
        self.message = QLabel(objectName="sourceMessage", wordWrap=True)
        self.source_label = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.source_label)
        layout.addLayout(switch)
        layout.addSpacing(12)
        layout.addWidget(self.stack)
        layout.addWidget(self.message, 1)
        self._source = ""
        self.retranslate_ui()
        self.set_source(ctx.prefs.get("capture_source"))

    # -- texts -------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set every text; called at start and on ``LanguageChange``."""
        self.source_label.setText(self.tr("Source:"))
        names = {"file": self.tr("File"), "folder": self.tr("Drop folder"),
                 "scanner": self.tr("Scanner"), "camera": self.tr("Camera")}  # fmt: skip
        for key, b in self.buttons.items():
            b.setText(names[key])
        self.folder_button.setText(self.tr("Choose folder…"))
        self.scanner_edit.setPlaceholderText(self.tr("first scanner found"))
        self.scanner_edit.setToolTip(self.tr("SANE device name, e.g. test:0 (empty: the first)"))
        self.folder_label.setText(self.ctx.prefs.get("drop_folder") or self.tr("no folder chosen"))
        self.say(*self._msg)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def say(self, kind: str, make: Callable[[], str]) -> None:
        """The device line: info (grey), ok (green) or error (red); ``make`` builds the text
        (kept, so a language switch words it again)."""
        self._msg = (kind, make)
        if kind != self._kind:  # a style sheet per live frame would re-polish 30 times/s
            self.message.setStyleSheet(f"color: {_COLOURS.get(kind, _COLOURS['info'])};")
            self._kind = kind
        self.message.setText(make())

    def temp_path(self) -> str:
        """Where scans and camera frames are written (removed when their case is done)."""
        return self._tmp.path()

    def message_text(self) -> str:
        return self.message.text()

    def error_text(self, exc: BaseException) -> str:
        """A device failure in the officer's words (the device's own words as detail)."""
        code = getattr(exc, "code", "")
        words = {
            "NO_DEVICE": self.tr("No device found. Check the cable and the device name."),
            "DEVICE_BUSY": self.tr("The device is used by another program."),
            "DEVICE_LOST": self.tr("The device stopped delivering (unplugged?)."),
            "TIMEOUT": self.tr("The device did not answer in time."),
            "SOURCE_INVALID": self.tr("Not a camera, a video, an image folder or a stream."),
            "SCAN_FAILED": self.tr("The scan failed."),
            "FOLDER_GONE": self.tr("The drop folder is gone (a network share disconnected?)."),
            "TOOL_MISSING": self.tr("Scanning needs SANE (scanimage), which is not installed."),
            "CANCELLED": self.tr("Cancelled."),
        }  # fmt: skip
        head = words.get(code) or (error_sentence(code) if code in IMAGE_LOAD_CODES else "")
        head = head or self.tr("The device failed.")
        detail = getattr(exc, "message", str(exc))
        return f"{head} ({detail})" if detail else head

    def device_failed(self, exc: BaseException) -> None:
        """A device's failure (CaptureError, or a frame that does not decode) is a line on
        the bar; anything else is a bug and goes to the error presenter."""
        if isinstance(exc, DocexamError):
            self.say("error", lambda: self.error_text(exc))
        else:
            self.say("error", lambda: self.tr("The capture could not be used."))
            self.ctx.present_error(self, exc)

    # -- the choice ----------------------------------------------------------------------------

    def source(self) -> str:
        return self._source

    def set_source(self, key: str) -> None:
        """Switch to ``key`` (file, folder, scanner, camera), remember it, start it."""
        key = key if key in CAPTURE_SOURCES else "file"
        if key == self._source:
            return
        self.stop_live()
        self._source = key
        self.buttons[key].setChecked(True)
        self.stack.setCurrentIndex(CAPTURE_SOURCES.index(key))
        self.ctx.prefs.set("capture_source", key)
        self.say("info", str)
        if key == "folder":
            self.start_watching()
        elif key == "camera":
            self.camera.start()

    def stop_live(self) -> None:
        """Stop the folder watch, the camera and a scan (switching source, closing)."""
        self.watcher.stop()
        self.camera.stop()
        if self._scan_task is not None:
            self._scan_cancel.set()  # the scanner's process is stopped, not left running
            self._scan_task.discard()
            self._scan_task = None
            emit(self.scanning, False)

    def capture(self) -> bool:
        """F9: scan (scanner) or keep the camera's frame (camera); False if nothing to do."""
        if self._source == "scanner":
            return self.scan()
        return self._source == "camera" and self.camera.capture()

    # -- file ----------------------------------------------------------------------------------

    def open_file_dialog(self) -> None:
        """Ctrl+O: one image file (a set's light file brings its siblings along)."""
        filters = self.tr("Images (%1);;All files (*)").replace(
            "%1", "*.jpg *.jpeg *.png *.tif *.tiff *.bmp *.webp")  # fmt: skip
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a capture"), self._last_dir,
                                              filters)  # fmt: skip
        if path:
            self._last_dir = str(Path(path).parent)
            emit(self.path_chosen, path)

    def open_folder_dialog(self) -> None:
        """Ctrl+Shift+O: a folder holding one capture set (files *white*, *uv*, *ir*)."""
        path = QFileDialog.getExistingDirectory(self, self.tr("Open a capture-set folder"),
                                                self._last_dir)  # fmt: skip
        if path:
            self._last_dir = path
            emit(self.path_chosen, path)

    # -- drop folder ---------------------------------------------------------------------------

    def choose_drop_folder(self) -> None:
        start = self.ctx.prefs.get("drop_folder") or ""
        folder = QFileDialog.getExistingDirectory(self, self.tr("The reader's drop folder"), start)
        if folder:
            self.set_drop_folder(folder)

    def set_drop_folder(self, folder: str) -> None:
        """Remember ``folder`` and, if the folder source is chosen, watch it from now on."""
        self.ctx.prefs.set("drop_folder", folder)
        self.folder_label.setText(folder)
        if self._source == "folder":
            self.start_watching()

    def start_watching(self) -> None:
        folder = self.ctx.prefs.get("drop_folder")
        if not folder:
            self.say("info", lambda: self.tr("Choose the folder the document reader writes into."))
            return
        try:
            self.watcher.start(folder)
        except CaptureError as exc:
            self.device_failed(exc)
            return
        self.say("ok", lambda: self.tr("Watching %1 for new capture sets.").replace("%1", folder))

    def _arrived(self, arrived: object) -> None:
        name = getattr(arrived, "name", "") or Path(str(self.watcher.folder)).name
        emit(self.capture_ready, [arrived.capture_set], name)  # type: ignore[attr-defined]

    # -- scanner -------------------------------------------------------------------------------

    def scan(self) -> bool:
        """Scan one page (white light) with the preferred scanner; False while scanning."""
        if self._scan_task is not None:
            return False
        self._scan_cancel = threading.Event()
        device = self.scanner_edit.text().strip() or None
        job = functools.partial(scan_job, device, self._tmp.path(), self._scan_cancel)
        self._scan_task = run_in_background(
            self, job, on_success=self._scanned, on_failure=self._scan_failed
        )
        emit(self.scanning, True)
        self.say("info", lambda: self.tr("Scanning…"))
        return True

    def is_scanning(self) -> bool:
        return self._scan_task is not None

    def _scanned(self, folder: Path) -> None:
        self._scan_task = None
        emit(self.scanning, False)
        self.say("ok", lambda: self.tr("Scanned."))
        emit(self.capture_ready, str(folder), self.tr("scan"))

    def _scan_failed(self, exc: BaseException) -> None:
        self._scan_task = None
        emit(self.scanning, False)
        self.device_failed(exc)

    def _scanner_edited(self) -> None:
        self.ctx.prefs.set("scanner_device", self.scanner_edit.text().strip() or None)
