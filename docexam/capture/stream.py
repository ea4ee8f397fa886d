"""A frame source whose backend runs in its own thread: reads that cannot hang the caller.

Why a thread: OpenCV's ``VideoCapture.open``/``read`` on a camera that stopped or a network
stream that went quiet can block for tens of seconds (FFmpeg's own read timeout, where the
backend has one, is the first line of defence; the kernel's TCP timeout the last). The
caller (a live view, the CLI) must get control back after *its* timeout, so every backend
call happens in one worker thread that owns the backend from open to release (a capture is
never released while another thread is inside ``read``), and the caller waits on a queue
with a deadline. The worker is a daemon: one stuck in a dead driver does not keep the
process alive; it releases the backend when the driver finally returns.

Live sources (a camera, a stream) keep only the newest frame: a view that falls behind
shows now, not a backlog (``Frame.index`` counts the frames the device delivered, so the
skipped ones show as gaps). Finite sources (a video file, an image sequence) deliver every
frame in order, a few read ahead.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Protocol

import numpy as np

from docexam.capture.types import Frame
from docexam.errors import CaptureError, DocexamError

_PREFETCH = 4  # frames a finite source reads ahead
_END = object()  # the end of a finite source
_CLOSE_WAIT = 1.0  # s close() waits for the worker to release the device


class Backend(Protocol):
    """What the worker thread drives. All three are called from that thread only."""

    def open(self) -> None:
        """Open the device or file; raise CaptureError when there is nothing to read."""

    def grab(self) -> np.ndarray | None:
        """The next image (BGR uint8), or None: the end of a file, or a live device that
        stopped delivering."""

    def close(self) -> None:
        """Release the device (idempotent)."""


def check_timeout(timeout: float, name: str = "timeout") -> float:
    """A timeout in seconds: a non-negative finite number (ValueError naming it otherwise)."""
    ok = isinstance(timeout, int | float) and not isinstance(timeout, bool)
    if not ok or not 0 <= float(timeout) < float("inf"):
        raise ValueError(f"{name} must be a non-negative number of seconds, got {timeout!r}")
    return float(timeout)


class ThreadedSource:
    """A ``FrameSource`` over a ``Backend`` run in a worker thread (see the module docstring).

    ``live``: a camera or stream (newest frame only; a backend that stops is DEVICE_LOST);
    otherwise a finite source (every frame; the end is None). Construction opens the backend
    and waits at most ``open_timeout`` seconds for it (TIMEOUT beyond that, or the
    backend's own CaptureError).
    """

    def __init__(self, name: str, backend: Backend, *, live: bool, open_timeout: float) -> None:
        self.name = name
        self._backend = backend
        self._live = live
        self._cond = threading.Condition()
        self._items: deque[object] = deque(maxlen=1 if live else None)
        self._closed = False
        self._opened = False
        self._final: object | None = None  # _END or the error that ended the source
        self._thread = threading.Thread(target=self._run, name=f"capture: {name}", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + check_timeout(open_timeout, "open_timeout")
        with self._cond:
            while not self._opened and self._final is None:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
            final, opened = self._final, self._opened
        if isinstance(final, DocexamError) and not opened:
            self.close()
            raise final
        if not opened:
            self._stop()  # (not waiting: the worker is stuck in the driver's open)
            raise CaptureError(f"{name} did not open within {open_timeout:g} s", code="TIMEOUT")

    # The worker thread ------------------------------------------------------------------
    def _run(self) -> None:
        final: object = CaptureError(f"{self.name}: the reader stopped", code="DEVICE_LOST")
        try:
            final = self._pump()
        finally:
            # Released before the end is published: a caller that sees the error and exits
            # at once does not leave this thread inside the driver during interpreter exit.
            self._backend.close()
            with self._cond:
                self._final = final
                self._cond.notify_all()

    def _pump(self) -> object:
        """Open, then read until the end, a failure or ``close``; return how it ended."""
        try:
            self._backend.open()
        except DocexamError as exc:
            return exc
        except Exception as exc:  # a driver error while opening: nothing there to read
            return CaptureError(f"{self.name} cannot be opened: {exc}", code="NO_DEVICE")
        with self._cond:
            self._opened = True
            self._cond.notify_all()
        index = 0
        while not self._closed:
            try:
                img = self._backend.grab()
            except DocexamError as exc:
                return exc
            except Exception as exc:  # the driver failed mid-way
                return self._lost(index, str(exc))
            if img is None:
                return self._lost(index, "") if self._live else _END
            img.setflags(write=False)
            frame = Frame(image=img, index=index, t=time.monotonic(), source=self.name)
            index += 1
            with self._cond:
                while not self._live and len(self._items) >= _PREFETCH and not self._closed:
                    self._cond.wait()
                self._items.append(frame)
                self._cond.notify_all()
        return _END

    def _lost(self, index: int, detail: str) -> CaptureError:
        what = f"{self.name} stopped delivering frames after {index}"
        return CaptureError(what + (f": {detail}" if detail else ""), code="DEVICE_LOST")

    # The caller's side --------------------------------------------------------------------
    def read(self, timeout: float = 5.0) -> Frame | None:
        """The next frame; None at the end of a finite source. Never waits longer than
        ``timeout`` seconds: TIMEOUT when no frame came by then (the source stays usable),
        DEVICE_LOST (or the backend's error) once the source has failed for good, CANCELLED
        when another thread closes the source during the wait. Frames already returned stay
        valid whatever happens later. ValueError after ``close``."""
        deadline = time.monotonic() + check_timeout(timeout)
        with self._cond:
            while True:
                if self._closed:
                    raise ValueError(f"{self.name} is closed")
                if self._items:
                    item = self._items.popleft()
                    self._cond.notify_all()  # room for the worker to read ahead
                    return item  # type: ignore[return-value]
                if self._final is _END:
                    return None
                if isinstance(self._final, DocexamError):
                    err = self._final  # a fresh exception each time: no growing traceback
                    raise type(err)(err.message, code=err.code)
                left = deadline - time.monotonic()
                if left <= 0:
                    raise CaptureError(f"no frame from {self.name} within {timeout:g} s",
                                       code="TIMEOUT")  # fmt: skip
                self._cond.wait(left)
                if self._closed:
                    raise CaptureError(f"{self.name} was closed while waiting",
                                       code="CANCELLED")  # fmt: skip

    def close(self) -> None:
        """Stop the worker and let it release the device: waits up to ``_CLOSE_WAIT``
        seconds for that (a worker stuck in a dead driver releases it when the driver
        returns, after ``close`` has)."""
        self._stop()
        if self._thread is not threading.current_thread():
            self._thread.join(_CLOSE_WAIT)

    def _stop(self) -> None:
        with self._cond:
            self._closed = True
            self._items.clear()
            self._cond.notify_all()

    def __enter__(self) -> ThreadedSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"
