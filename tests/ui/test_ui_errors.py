"""ui.errors: engine codes become sentences in the user's language; bugs get a calm dialog."""

from __future__ import annotations

import logging
import re
import sys
import threading

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from docexam.errors import DocexamError, ImageLoadError
from ui.errors import IMAGE_LOAD_CODES, ErrorDialog, error_sentence, install_excepthook, show_error

CYRILLIC = re.compile("[а-яА-ЯёЁ]")
ENGINE_CODES = sorted(IMAGE_LOAD_CODES)


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def dialogs() -> list[ErrorDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorDialog)]


def test_every_image_load_code_has_its_own_sentence(qapp):
    generic = error_sentence("SOMETHING_ELSE")
    sentences = {code: error_sentence(code) for code in ENGINE_CODES}
    assert all(s != generic for s in sentences.values())
    assert len(set(sentences.values())) == len(sentences)


@pytest.mark.parametrize("code", ENGINE_CODES)
def test_engine_error_dialog(parent, code):
    exc = ImageLoadError(f"detail for {code} <P<UTO>", code=code)
    dialog = show_error(parent, exc)
    assert dialog.code == code
    assert dialog.text() == error_sentence(code)
    assert f"detail for {code} <P<UTO>" in dialog.informativeText()  # engine detail beneath
    assert dialog.icon() == QMessageBox.Icon.Warning
    assert parent.findChild(ErrorDialog) is dialog
    dialog.accept()


@pytest.mark.parametrize("code", ENGINE_CODES)
def test_sentences_are_translated_to_russian(languages, code):
    english = error_sentence(code)
    assert languages.set_language("ru")
    russian = error_sentence(code)
    assert russian != english and CYRILLIC.search(russian)


def test_unknown_docexam_error_gets_the_generic_sentence(parent):
    dialog = show_error(parent, DocexamError("strange", code="NEW_CODE"))
    assert dialog.text() == error_sentence("NEW_CODE")
    assert "strange" in dialog.informativeText()


def test_internal_error_hides_the_traceback_in_details(parent):
    try:
        raise KeyError("missing thing")
    except KeyError as exc:
        dialog = show_error(parent, exc)
    assert dialog.code is None
    assert dialog.icon() == QMessageBox.Icon.Critical
    assert "Traceback" not in dialog.text() and "Traceback" not in dialog.informativeText()
    assert "KeyError" in dialog.informativeText()
    assert "Traceback" in dialog.detailedText() and "missing thing" in dialog.detailedText()


def test_excepthook_routes_uncaught_exceptions_to_a_dialog(qtbot, caplog):
    restore = install_excepthook()
    try:
        try:
            raise RuntimeError("uncaught in GUI thread")
        except RuntimeError as exc:
            with caplog.at_level(logging.ERROR):
                sys.excepthook(type(exc), exc, exc.__traceback__)
        qtbot.waitUntil(lambda: len(dialogs()) == 1)
        dialog = dialogs()[0]
        assert "uncaught in GUI thread" in dialog.informativeText()
        assert "uncaught in GUI thread" in caplog.text
        # a second failure while the dialog is open is logged, not stacked on screen
        sys.excepthook(ValueError, ValueError("second"), None)
        qtbot.wait(20)
        assert len(dialogs()) == 1
        dialog.accept()
        qtbot.waitUntil(lambda: not dialogs())
    finally:
        restore()
    assert sys.excepthook is not None


def test_excepthook_catches_python_thread_failures(qtbot):
    restore = install_excepthook()
    try:
        thread = threading.Thread(target=lambda: 1 / 0)
        thread.start()
        thread.join(10)
        qtbot.waitUntil(lambda: len(dialogs()) == 1)
        dialog = dialogs()[0]
        assert "ZeroDivisionError" in dialog.detailedText()
        dialog.accept()
        qtbot.waitUntil(lambda: not dialogs())
    finally:
        restore()
