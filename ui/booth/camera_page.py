"""The camera's controls on the source bar: which camera, live preview, auto-capture.

Why its own widget: the camera is the one source with a state that changes thirty times a
second (where the document is, whether it is still); that wording, the preview's start
and stop, and keeping a frame (written losslessly as the set's white capture, so the log
keeps exactly what was examined) stay here. The source bar only hears "a capture set is
ready", "a preview picture", and a line to show.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from ui.background import run_in_background
from ui.booth.camera import CameraFeed, LiveFrame
from ui.booth.jobs import frame_job
from ui.booth.widgets import ActionButton
from ui.context import AppContext
from ui.qtcompat import emit


class CameraPage(QWidget):
    """``folder_ready(path, title)``, ``live_image(QImage | None)``, ``say(kind, maker)``,
    ``failed(exception)`` (a device error: the bar words it)."""

    folder_ready = Signal(str, str)
    live_image = Signal(object)
    say = Signal(str, object)
    failed = Signal(object)

    def __init__(self, ctx: AppContext, capture_action: QAction, directory: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx = ctx
        self._dir = directory
        self._capture_action = capture_action
        self.feed = CameraFeed(self)
        self.feed.frame.connect(self._live)
        self.feed.captured.connect(self.keep)
        self.feed.stopped.connect(self._stopped)
        self.device_edit = QLineEdit(objectName="cameraDevice", maximumWidth=260)
        self.device_edit.setText(ctx.prefs.get("camera_device"))
        self.device_edit.editingFinished.connect(self._edited)
        self.live_button = QPushButton(objectName="cameraLive", checkable=True)
        self.live_button.clicked.connect(self._clicked)
        self.auto_check = QCheckBox(objectName="autoCapture", checked=True)
        self.auto_check.toggled.connect(self.feed.set_auto)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.device_edit, self.live_button, self.auto_check):
            row.addWidget(w)
        row.addWidget(ActionButton(capture_action))
        row.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.device_edit.setToolTip(
            self.tr("Camera index (0, 1 …), a video file, an image folder or a stream URL")
        )
        running = self.feed.is_running()
        self.live_button.setText(self.tr("Stop preview") if running else self.tr("Start preview"))
        self.auto_check.setText(self.tr("Auto-capture"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _say(self, kind: str, make: Callable[[], str]) -> None:
        emit(self.say, kind, make)

    def _edited(self) -> None:
        self.ctx.prefs.set("camera_device", self.device_edit.text().strip() or "0")

    def set_device(self, spec: str) -> None:
        self.device_edit.setText(spec)
        self._edited()

    def start(self) -> None:
        """Open the preferred camera and show its preview."""
        self._edited()
        self.feed.start(self.ctx.prefs.get("camera_device"), auto=self.auto_check.isChecked())
        self.live_button.setChecked(True)
        self.retranslate_ui()
        self._say("info", lambda: self.tr("Opening the camera…"))

    def stop(self) -> None:
        self.feed.stop()

    def _clicked(self, on: bool) -> None:
        if on:
            self.start()
        else:
            self.feed.stop()

    def capture(self) -> bool:
        """Keep the current frame (F9); False when no frame has come yet."""
        if not self.feed.is_running() or self.feed.last is None:
            return False
        self.keep(self.feed.last.full)
        return True

    def keep(self, image: object) -> None:
        """Write ``image`` as a new set's white capture (worker), then hand it on."""
        run_in_background(
            self,
            frame_job,
            image,
            self._dir,
            on_success=lambda folder: emit(self.folder_ready, str(folder), self.tr("camera")),
            on_failure=lambda exc: emit(self.failed, exc),
        )

    def _live(self, live: LiveFrame) -> None:
        emit(self.live_image, live.image)
        status = live.status
        kind = "ok" if status in ("captured", "ready") else "info"
        self._say(kind, lambda: self.live_text(status))

    def live_text(self, status: str) -> str:
        """What the officer should do now, from the live detector's status."""
        keys = ActionButton.key_text(self._capture_action)
        words = {"no_document": self.tr("Place the document under the camera."),
                 "not_in_frame": self.tr("Move the whole document into the picture."),
                 "blurred": self.tr("Hold still: the picture is blurred."),
                 "moving": self.tr("Hold still…"), "steadying": self.tr("Hold still…"),
                 "captured": self.tr("Captured."),
                 "ready": self.tr("Document in frame: press %1 to capture.")}  # fmt: skip
        return words.get(status, "").replace("%1", keys)

    def _stopped(self, why: object) -> None:
        self.live_button.setChecked(False)
        self.retranslate_ui()
        emit(self.live_image, None)
        if why == "ended":
            self._say("info", lambda: self.tr("The camera source ended; the preview stopped."))
        elif why == "stopped":
            self._say("info", lambda: self.tr("Camera preview stopped."))
        else:
            emit(self.failed, why)
