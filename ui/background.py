"""The one way to run slow work off the GUI thread (in the spirit of Anki's ``taskman``).

Why one helper: every slow engine call (reading an MRZ, later checking features, talking to
devices) has the same needs — run on a worker thread, come back to the GUI thread with the
result or the exception, never touch a widget from the worker, and never lose the callback
because Python collected an object the thread pool still needed. Getting that right once
is cheaper than getting it right in every widget.

How: the worker (a ``QRunnable`` on ``QThreadPool.globalInstance()``) only calls ``fn`` and
emits a signal of a :class:`BackgroundTask`, a ``QObject`` created in — and so living in —
the GUI thread. The signal is connected with ``QueuedConnection`` to a slot of that object,
so Qt runs the slot, and with it ``on_success``/``on_failure``, in the GUI thread's event
loop. Tasks are kept in a module-level set until delivered: the runnable and the task
cannot be garbage-collected while the worker still uses them.

Note: the GIL is shared. Work that stays in pure Python for long stretches slows the GUI
down; numpy/OpenCV release the GIL during heavy calls, so engine work is fine.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThread, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from ui.qtcompat import emit

log = logging.getLogger(__name__)

SuccessCallback = Callable[[Any], None]
FailureCallback = Callable[[BaseException], None]

_pending: set[BackgroundTask] = set()


class BackgroundTask(QObject):
    """Handle of one background call; emits ``finished`` after its callback has run."""

    _done = Signal(bool, object)  # (succeeded, result or exception); emitted by the worker
    finished = Signal()

    def __init__(
        self,
        parent_widget: QObject | None,
        on_success: SuccessCallback,
        on_failure: FailureCallback | None,
    ) -> None:
        # No Qt parent: _pending keeps the task alive, not the widget (which may close first
        # and would delete it); the widget is only checked for validity at delivery.
        super().__init__()
        self._parent_widget = parent_widget
        self._on_success = on_success
        self._on_failure = on_failure
        self._discarded = False
        self._runnable: _Runnable | None = None
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def discard(self) -> None:
        """Drop the result when it arrives (the work itself cannot be interrupted)."""
        self._discarded = True

    @property
    def discarded(self) -> bool:
        return self._discarded

    @Slot(bool, object)
    def _deliver(self, succeeded: bool, payload: object) -> None:
        """Runs in the GUI thread: hand the outcome to the caller's callback."""
        _pending.discard(self)
        self._runnable = None
        try:
            if self._discarded:
                return
            parent = self._parent_widget
            if parent is not None and not shiboken6.isValid(parent):
                log.debug("background result dropped: its window is gone")
                return
            if succeeded:
                self._on_success(payload)
            elif self._on_failure is not None:
                self._on_failure(payload)  # type: ignore[arg-type]
            else:
                from ui.errors import show_error  # local: errors.py may use this module

                widget = parent if isinstance(parent, QWidget) else None
                show_error(widget, payload)  # type: ignore[arg-type]
        finally:
            emit(self.finished)


class _Runnable(QRunnable):
    """Worker side: call ``fn`` and report through the task's signal; touches no widget."""

    def __init__(self, task: BackgroundTask, fn: Callable[..., Any], args: tuple[Any, ...]):
        super().__init__()
        self._task = task
        self._fn = fn
        self._args = args

    def run(self) -> None:
        try:
            result = self._fn(*self._args)
        except BaseException as exc:  # every failure must reach the GUI, even SystemExit
            emit(self._task._done, False, exc)
        else:
            emit(self._task._done, True, result)


def run_in_background(
    parent: QObject | None,
    fn: Callable[..., Any],
    *args: Any,
    on_success: SuccessCallback,
    on_failure: FailureCallback | None = None,
) -> BackgroundTask:
    """Run ``fn(*args)`` on the thread pool; call back in the GUI thread.

    ``on_success(result)`` or ``on_failure(exception)`` runs in the GUI thread; without
    ``on_failure`` the exception is shown by :func:`ui.errors.show_error`. If ``parent`` has
    been deleted by then (window closed), nothing is called. Must itself be called from the
    GUI thread, because the returned task has to live there.
    """
    app = QApplication.instance()
    if app is None or QThread.currentThread() != app.thread():
        raise RuntimeError("run_in_background must be called from the GUI thread")
    task = BackgroundTask(parent, on_success, on_failure)
    runnable = _Runnable(task, fn, args)
    task._runnable = runnable  # keep the Python side of the runnable alive until delivery
    _pending.add(task)
    QThreadPool.globalInstance().start(runnable)
    return task


def pending_count() -> int:
    """How many tasks have not delivered yet (for tests and shutdown diagnostics)."""
    return len(_pending)
