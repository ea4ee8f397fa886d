"""The live camera at the booth: frames with the document's outline, and auto-capture.

Why a chain of short background calls and not one long-running loop: every step (read one
frame, find the document in it, maybe keep it) is one :func:`ui.background.run_in_background`
call whose result schedules the next. The thread pool is never held for the minutes a
camera stays on (on a two-core booth PC it has two threads, and the examination needs
one), a stopped preview simply schedules nothing more, and a camera that fails or ends
reports through the same success/failure path as any other job. The device itself is read
by its own thread inside ``docexam.capture`` (``ThreadedSource``), so a dead camera never
blocks a step for longer than its read timeout.

Frames are scaled and the outline drawn on the worker (numpy, OpenCV); the GUI thread only
shows the finished ``QImage``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import cv2
import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from docexam.capture.camera import open_source
from docexam.capture.live import AutoCapture, detect_document
from docexam.capture.types import FrameSource
from docexam.errors import CaptureError
from ui.background import BackgroundTask, run_in_background
from ui.booth.jobs import to_qimage
from ui.qtcompat import emit

PREVIEW_PX = 960
READ_TIMEOUT_S = 2.0
#: Consecutive read time-outs of a live camera before it counts as lost.
MAX_TIMEOUTS = 3
_GREEN, _AMBER = (59, 127, 27), (0, 150, 230)  # BGR


@dataclass(frozen=True, eq=False)
class LiveFrame:
    """One preview step: the picture to show, the detector's status, a frame to keep."""

    image: QImage
    index: int
    status: str  # AutoCapture status, or no_document / not_in_frame / ready without it
    full: np.ndarray  # the frame at full resolution (what a manual capture keeps)
    kept: np.ndarray | None  # auto-capture chose this frame


def _step(source: FrameSource, auto: AutoCapture | None) -> LiveFrame | None:
    """Worker: read one frame, find the document, draw its outline; None at the end."""
    frame = source.read(timeout=READ_TIMEOUT_S)
    if frame is None:
        return None
    kept = None
    if auto is not None:
        got = auto.feed(frame)
        det, status = auto.detection, auto.status
        kept = got.image if got is not None else None
    else:
        det = detect_document(frame.image)
        status = "no_document" if det.quad is None else "ready" if det.in_frame else (
            "not_in_frame")  # fmt: skip
    img = frame.image if frame.image.ndim == 3 else cv2.cvtColor(frame.image, cv2.COLOR_GRAY2BGR)
    h, w = img.shape[:2]
    scale = min(1.0, PREVIEW_PX / max(h, w))
    small = cv2.resize(img, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
    if det.quad is not None:
        pts = np.round(np.asarray(det.quad) * scale).astype(np.int32).reshape(-1, 1, 2)
        colour = _GREEN if det.in_frame else _AMBER
        cv2.polylines(small, [pts], True, colour, max(2, round(3 * scale * 2)), cv2.LINE_AA)
    return LiveFrame(to_qimage(small, PREVIEW_PX), frame.index, status, frame.image, kept)


class CameraFeed(QObject):
    """Runs the preview chain; signals arrive on the GUI thread.

    ``frame(LiveFrame)`` for every preview step; ``captured(ndarray)`` when auto-capture
    keeps a frame (once per placement: it re-arms when the document is taken away, so a
    decided traveller's passport still under the camera is not examined twice);
    ``stopped(object)``: "ended" (the end of a video file or image folder), "stopped"
    (asked to) or the exception (unplugged camera, busy, no device). Auto-capture is
    switched on or off only between steps (never while a worker feeds it).
    """

    frame = Signal(object)
    captured = Signal(object)
    stopped = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source: FrameSource | None = None
        self._auto: AutoCapture | None = None
        self._task: BackgroundTask | None = None
        self._running = False
        self._timeouts = 0
        self._want_auto: bool | None = None  # applied between steps
        self.last: LiveFrame | None = None
        self.frames_shown = 0

    def is_running(self) -> bool:
        return self._running

    def start(self, spec: str, *, auto: bool = True) -> None:
        """Open ``spec`` (camera index, video file, image folder, stream URL) and preview."""
        self.stop()
        self._running, self._timeouts, self.last, self.frames_shown = True, 0, None, 0
        self._auto = AutoCapture() if auto else None
        spec = spec.strip() or "0"
        self._task = run_in_background(
            self, open_source, spec, on_success=self._opened, on_failure=self._failed
        )

    def set_auto(self, auto: bool) -> None:
        """Switch auto-capture on or off (from the next frame)."""
        self._want_auto = auto

    def stop(self, why: str = "stopped") -> None:
        """Stop the preview; the device is released on a worker (it may take a second)."""
        was = self._running
        self._running = False
        if self._task is not None:
            self._task.discard()
            self._task = None
        self._close_source()
        if was:
            emit(self.stopped, why)

    def _close_source(self) -> None:
        source, self._source = self._source, None
        if source is not None:
            run_in_background(None, source.close, on_success=lambda _r: None,
                              on_failure=lambda _e: None)  # fmt: skip

    def _opened(self, source: FrameSource) -> None:
        self._task = None
        if not self._running:  # stopped while opening
            run_in_background(None, source.close, on_success=lambda _r: None,
                              on_failure=lambda _e: None)  # fmt: skip
            return
        self._source = source
        self._next()

    def _next(self) -> None:
        if self._want_auto is not None:
            self._auto = AutoCapture() if self._want_auto else None
            self._want_auto = None
        if self._running and self._source is not None:
            job = functools.partial(_step, self._source, self._auto)
            self._task = run_in_background(
                self, job, on_success=self._stepped, on_failure=self._failed
            )

    def _stepped(self, live: LiveFrame | None) -> None:
        self._task = None
        if live is None:  # the end of a file or folder: a normal end
            self.stop("ended")
            return
        self._timeouts = 0
        self.last = live
        self.frames_shown += 1
        emit(self.frame, live)
        if live.kept is not None:
            emit(self.captured, live.kept)
        self._next()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        if isinstance(exc, CaptureError) and exc.code == "TIMEOUT" and self._source is not None:
            self._timeouts += 1
            if self._timeouts < MAX_TIMEOUTS:  # a live camera that skipped a beat
                self._next()
                return
        self._running = False
        self._close_source()
        emit(self.stopped, exc)
