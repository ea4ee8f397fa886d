"""Work-arounds for defects of the Qt binding, kept in one place so they leave in one place.

``emit``: PySide6 6.12.0's ``SignalInstance.emit()`` returns ``True`` without giving the
caller a reference to it. Every emit from Python therefore lowers the reference count of
``True`` by one; on Python 3.11 (where ``True`` is not immortal) the interpreter aborts
with "Fatal Python error: bool_dealloc" after a few hundred emits — for docexam, after a
few hundred documents read in one session. Python >= 3.12 makes ``True`` immortal, so the
defect is harmless there. We measure at import whether this binding has the defect and,
if so, hand back the missing reference after each emit. Every ``.emit()`` in ``ui/`` goes
through :func:`emit`; remove this module once the binding is fixed (the test
``test_emit_keeps_true_alive`` shows it).

pyproject.toml now keeps PySide6 below 6.12 (6.11.3 and 6.10.3 measured free of the
defect), so this guard only acts when someone installs 6.12 by hand; it stays because
pytest-qt and Qt-internal signal paths that do not go through :func:`emit` were seen to
lose thousands of references in one test run under 6.12.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBES = 8


def _give_back(obj: object, count: int = 1) -> None:
    """Add ``count`` references to ``obj`` (returned by the binding without one)."""
    for _ in range(count):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(obj))


class _Probe(QObject):
    ping = Signal()


def _emit_loses_a_reference() -> bool:
    """True when ``emit()`` drops a reference to its result (measured, then repaired)."""
    if sys.version_info >= (3, 12):  # immortal True/False: the defect cannot hurt
        return False
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    if lost > 0:
        _give_back(True, lost)
    return lost > 0


EMIT_LOSES_A_REFERENCE = _emit_loses_a_reference()


def emit(signal: SignalInstance, *args: Any) -> None:
    """``signal.emit(*args)``, safe on bindings whose emit() loses a reference to True."""
    result = signal.emit(*args)
    if EMIT_LOSES_A_REFERENCE and result is not None:
        _give_back(result)
