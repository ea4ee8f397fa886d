"""The one place where an exception becomes something an officer can read.

Why one place: the engine raises :class:`docexam.errors.DocexamError` with a stable ``code``
(never English text to parse), so the UI can say in the user's language what went wrong and
what to do; everything else is a bug and gets a calm "internal error" dialog whose traceback
is tucked behind "Show Details…". The main text is never a raw traceback.

Tests find the dialog with ``window.findChild(ErrorDialog)`` (it is shown non-blocking with
``open()``), or inject their own presenter into :class:`ui.main_window.MainWindow`.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from docexam.errors import DocexamError
from ui.qtcompat import emit

log = logging.getLogger(__name__)

ErrorPresenter = Callable[[QWidget | None, BaseException], object]

_CTX = "ErrorMessages"
# Engine error code -> English sentence (translated at display time, context "ErrorMessages").
_SENTENCES: dict[str, str] = {
    "FILE_NOT_FOUND": QT_TRANSLATE_NOOP(
        "ErrorMessages", "The file could not be found. It may have been moved, renamed or deleted."
    ),
    "FILE_UNREADABLE": QT_TRANSLATE_NOOP(
        "ErrorMessages",
        "The file could not be read. Check your access rights and that the drive is connected.",
    ),
    "FILE_EMPTY": QT_TRANSLATE_NOOP(
        "ErrorMessages", "The file is empty. The scan or the copy may not have finished."
    ),
    "NOT_AN_IMAGE": QT_TRANSLATE_NOOP(
        "ErrorMessages",
        "The file is not an image. Choose a scan or a photo (JPEG, PNG, TIFF…).",
    ),
    "IMAGE_CORRUPT": QT_TRANSLATE_NOOP(
        "ErrorMessages", "The image is damaged and cannot be decoded. Scan the document again."
    ),
    "IMAGE_TRUNCATED": QT_TRANSLATE_NOOP(
        "ErrorMessages",
        "The image file is incomplete (cut off). Scan the document or copy the file again.",
    ),
    "IMAGE_TOO_LARGE": QT_TRANSLATE_NOOP(
        "ErrorMessages",
        "The image is too large to process safely. Scan at a lower resolution (300–600 dpi).",
    ),
    "IMAGE_UNSUPPORTED": QT_TRANSLATE_NOOP(
        "ErrorMessages", "This image format is not supported. Save the scan as JPEG, PNG or TIFF."
    ),
    "MRZ_TEXT_ERROR": QT_TRANSLATE_NOOP(
        "ErrorMessages", "The text is not a machine-readable zone of a known format."
    ),
    "MODEL_ERROR": QT_TRANSLATE_NOOP(
        "ErrorMessages",
        "A recognition model of docexam is missing or damaged. Reinstall docexam.",
    ),
}
_GENERIC = QT_TRANSLATE_NOOP("ErrorMessages", "The operation could not be completed.")
IMAGE_LOAD_CODES = frozenset(
    {
        "FILE_NOT_FOUND",
        "FILE_UNREADABLE",
        "FILE_EMPTY",
        "NOT_AN_IMAGE",
        "IMAGE_CORRUPT",
        "IMAGE_TRUNCATED",
        "IMAGE_TOO_LARGE",
        "IMAGE_UNSUPPORTED",
    }
)


def tr(text: str) -> str:
    """Translate an ``ErrorMessages`` source string into the current UI language."""
    return QCoreApplication.translate(_CTX, text)


def fill(template: str, *values: str) -> str:
    """Qt-style ``%1``/``%2`` substitution in one pass (values may contain ``%``)."""
    return re.sub(r"%(\d)", lambda m: values[int(m.group(1)) - 1], template)


def error_sentence(code: str) -> str:
    """The translated sentence for an engine error ``code`` (a generic one if unknown)."""
    return tr(_SENTENCES.get(code, _GENERIC))


class ErrorDialog(QMessageBox):
    """A message box that remembers which error it shows (``code``; None = internal)."""

    def __init__(self, parent: QWidget | None, exc: BaseException) -> None:
        super().__init__(parent)
        self.setObjectName("errorDialog")
        self.exception = exc
        self.code: str | None = exc.code if isinstance(exc, DocexamError) else None
        self.setTextFormat(Qt.TextFormat.PlainText)  # engine text may contain MRZ '<'
        self.setStandardButtons(QMessageBox.StandardButton.Ok)
        self.setEscapeButton(QMessageBox.StandardButton.Ok)
        if isinstance(exc, DocexamError):
            self._fill_known(exc)
        else:
            self._fill_internal(exc)
        informative = self.findChild(QLabel, "qt_msgbox_informativelabel")
        if informative is not None:
            informative.setTextFormat(Qt.TextFormat.PlainText)

    def _fill_known(self, exc: DocexamError) -> None:
        self.setIcon(QMessageBox.Icon.Warning)
        if exc.code in IMAGE_LOAD_CODES:
            title = QT_TRANSLATE_NOOP("ErrorMessages", "Cannot open the image")
        else:
            title = QT_TRANSLATE_NOOP("ErrorMessages", "Cannot complete the action")
        self.setWindowTitle(tr(title))
        self.setText(error_sentence(exc.code))
        self.setInformativeText(
            fill(tr(QT_TRANSLATE_NOOP("ErrorMessages", "Details: %1")), exc.message)
        )  # no "Show Details…": the code is in the log, the officer needs nothing more

    def _fill_internal(self, exc: BaseException) -> None:
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle(tr(QT_TRANSLATE_NOOP("ErrorMessages", "Internal error")))
        self.setText(
            tr(
                QT_TRANSLATE_NOOP(
                    "ErrorMessages",
                    "An internal error occurred. The action was not completed, "
                    "but you can continue working.",
                )
            )
        )
        summary = f"{type(exc).__name__}: {exc}".strip()
        if len(summary) > 300:
            summary = summary[:299] + "…"
        hint = tr(
            QT_TRANSLATE_NOOP(
                "ErrorMessages", "If it happens again, report it to IT support with the details."
            )
        )
        self.setInformativeText(f"{hint}\n\n{summary}")
        self.setDetailedText("".join(traceback.format_exception(exc)))


def _log(exc: BaseException) -> None:
    if isinstance(exc, DocexamError):
        log.warning("%s [%s]: %s", type(exc).__name__, exc.code, exc.message)
    else:
        log.error("internal error", exc_info=(type(exc), exc, exc.__traceback__))


def show_error(parent: QWidget | None, exc: BaseException) -> ErrorDialog:
    """Log ``exc`` and show it in a non-blocking :class:`ErrorDialog`; returns the dialog."""
    _log(exc)
    return _open_dialog(parent, exc)


def _open_dialog(parent: QWidget | None, exc: BaseException) -> ErrorDialog:
    dialog = ErrorDialog(parent, exc)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if parent is not None:
        dialog.open()  # window-modal, no nested event loop
    else:
        dialog.show()
    return dialog


class _ExceptionBridge(QObject):
    """Lives in the GUI thread; carries uncaught exceptions from any thread to a dialog."""

    raised = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._showing: ErrorDialog | None = None
        self.raised.connect(self._present, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _present(self, exc: BaseException) -> None:
        if self._showing is not None and self._showing.isVisible():
            return  # one dialog at a time: a failing paintEvent must not flood the screen
        parent = QApplication.activeWindow()
        self._showing = _open_dialog(parent, exc)
        self._showing.destroyed.connect(self._forget)

    @Slot()
    def _forget(self) -> None:
        self._showing = None


_bridge: _ExceptionBridge | None = None


def _excepthook(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """``sys.excepthook``: log, then show the error in the GUI thread when possible."""
    if issubclass(exc_type, KeyboardInterrupt) or _bridge is None:
        sys.__excepthook__(exc_type, exc, tb)
        return
    if exc.__traceback__ is None and tb is not None:
        exc = exc.with_traceback(tb)
    _log(exc)
    try:
        emit(_bridge.raised, exc)  # queued: shown by the GUI thread's event loop
    except RuntimeError:  # the bridge is gone (application shutting down)
        sys.__excepthook__(exc_type, exc, tb)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        _excepthook(args.exc_type, args.exc_value, args.exc_traceback)


def install_excepthook() -> Callable[[], None]:
    """Route uncaught exceptions (GUI thread, Python threads) to the error dialog.

    Call from the GUI thread once the QApplication exists. Returns a function restoring
    the previous hooks (used by tests).
    """
    global _bridge
    previous = (sys.excepthook, threading.excepthook, _bridge)
    _bridge = _ExceptionBridge()
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook

    def restore() -> None:
        global _bridge
        sys.excepthook, threading.excepthook, _bridge = previous

    return restore
