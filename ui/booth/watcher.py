"""A reader's drop folder watched for the booth: each capture set handed on as it arrives.

Why a thread of its own and not :func:`ui.background.run_in_background`: the watch
(``docexam.capture.dropfolder.watch``) is a loop that lives as long as the booth uses the
folder, mostly asleep between polls. On the shared thread pool it would hold one of the
(on a two-core booth PC, two) threads for hours and the examinations of the sets it finds
would queue behind it. Here one daemon thread runs the loop; every set, remark and failure
goes to the GUI thread through queued signals of this object, and the examination of a
set then runs on the pool like any other job. ``stop`` ends the loop within one poll.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, Signal

from docexam.capture.dropfolder import watch
from ui.qtcompat import emit

log = logging.getLogger(__name__)

POLL_S = 0.25
SETTLE_S = 0.5


class FolderWatcher(QObject):
    """``arrived(ArrivedSet)``, ``notice(str)``, ``failed(exception)``; lives in the GUI
    thread, its signals are emitted from the watching thread (so delivered queued)."""

    arrived = Signal(object)
    notice = Signal(str)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None, *, settle: float = SETTLE_S) -> None:
        super().__init__(parent)
        self._settle = settle
        self._stop: threading.Event | None = None
        self._thread: threading.Thread | None = None
        self.folder: Path | None = None

    def is_watching(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, folder: str | Path) -> None:
        """Watch ``folder`` (sets already there are not examined: only new arrivals).

        The folder is checked and its present files noted before this returns, so a set
        written right after the call is an arrival; a missing folder raises CaptureError
        FOLDER_GONE here."""
        self.stop()
        stop = threading.Event()
        sets = watch(folder, settle=self._settle, poll=POLL_S, stop=stop,
                     notice=lambda text: self._emit(self.notice, text, stop))  # fmt: skip
        self._stop, self.folder = stop, Path(folder)
        self._thread = threading.Thread(target=self._run, args=(sets, stop), daemon=True,
                                        name="booth-dropfolder")  # fmt: skip
        self._thread.start()

    def stop(self, wait: float = 2.0) -> None:
        """End the watch; waits up to ``wait`` seconds for the thread (one poll, or the
        decoding of a file it is reading)."""
        if self._stop is not None:
            self._stop.set()
        thread, self._thread, self._stop = self._thread, None, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(wait)

    def _emit(self, signal: object, value: object, stop: threading.Event) -> None:
        if not stop.is_set() and shiboken6.isValid(self):
            emit(signal, value)  # type: ignore[arg-type]

    def _run(self, sets: object, stop: threading.Event) -> None:
        try:
            for arrived in sets:  # type: ignore[attr-defined]
                self._emit(self.arrived, arrived, stop)
        except Exception as exc:  # the folder vanished, a share dropped: tell the officer
            log.warning("drop folder watch ended: %s", exc)
            self._emit(self.failed, exc, stop)
