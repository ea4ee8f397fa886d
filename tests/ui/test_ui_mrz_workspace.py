"""The MRZ reader workspace: opening, reading through the background helper, errors, DnD, Esc."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication

from docexam.errors import ImageLoadError
from ui.errors import ErrorDialog, error_sentence

NOT_AN_IMAGE_RU = "Файл не является изображением."


def wait_idle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=30_000)


def test_window_opens_in_a_clean_state(make_mrz):
    window = make_mrz()
    assert window.title() == ""
    assert window.mrz_panel.verdict_state == "empty"
    assert window.open_action.isEnabled()
    assert window.open_action.shortcut() == QKeySequence("Ctrl+O")
    assert window.clear_action.shortcut() == QKeySequence("Esc")
    assert not window.busy_bar.isVisible()
    assert not window.image_view.has_image()


def test_reading_shows_the_result_and_is_busy_meanwhile(
    make_mrz, qtbot, specimen_png, td3_reading, release
):
    def slow_reader(path: str):
        assert release.wait(10)
        return td3_reading

    window = make_mrz(reader=slow_reader)
    assert window.open_path(specimen_png)
    assert window.is_busy()
    assert not window.open_action.isEnabled()
    assert window.busy_bar.isVisible()
    assert window.open_path(specimen_png) is False  # one reading at a time
    release.set()
    wait_idle(qtbot, window)

    assert window.open_action.isEnabled()
    assert not window.busy_bar.isVisible()
    panel = window.mrz_panel
    assert panel.verdict_state == "valid"
    assert "MRZ valid" in panel.verdict_label.text()
    assert panel.field_text("surname") == "ERIKSSON"
    assert panel.field_text("sex").startswith("F")
    assert panel.lines_edit.toPlainText().splitlines() == td3_reading["lines"]
    assert window.image_view.has_image()
    assert window.image_view.image_size().width() == 1000
    assert window.title() == specimen_png.name


@pytest.mark.parametrize(
    ("reading", "state"),
    [
        ({"found": False, "lines": [], "fields": {}, "checks": {}}, "none"),
        ({"found": True, "valid": False, "checks": {"composite": False}}, "invalid"),
    ],
)
def test_verdicts(make_mrz, qtbot, specimen_png, reading, state):
    window = make_mrz(reader=lambda path: reading)
    window.open_path(specimen_png)
    wait_idle(qtbot, window)
    assert window.mrz_panel.verdict_state == state


def test_engine_error_is_shown_translated(make_mrz, qtbot, languages, not_an_image):
    """UI side of NOT_AN_IMAGE, independent of the engine's progress."""

    def reader(path: str):
        raise ImageLoadError("file is plain text (detected text/plain)", code="NOT_AN_IMAGE")

    seen: list[BaseException] = []
    window = make_mrz(reader=reader)
    languages.set_language("ru")
    window.open_path(not_an_image)
    qtbot.waitUntil(lambda: window.findChild(ErrorDialog) is not None)
    dialog = window.findChild(ErrorDialog)
    assert dialog.code == "NOT_AN_IMAGE"
    assert dialog.text().startswith(NOT_AN_IMAGE_RU)
    assert "detected text/plain" in dialog.informativeText()
    assert window.mrz_panel.verdict_state == "empty"
    assert not window.is_busy()
    dialog.accept()

    other = make_mrz(reader=reader, error_presenter=lambda parent, exc: seen.append(exc))
    other.open_path(not_an_image)
    qtbot.waitUntil(lambda: bool(seen))
    assert isinstance(seen[0], ImageLoadError)
    assert other.findChild(ErrorDialog) is None


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_real_engine_rejects_a_text_file_named_jpg(
    make_mrz, qtbot, languages, not_an_image, probe_engine, lang
):
    outcome = probe_engine(not_an_image)
    assert isinstance(outcome, ImageLoadError) and outcome.code == "NOT_AN_IMAGE"
    languages.set_language(lang)
    window = make_mrz()
    window.open_path(not_an_image)
    qtbot.waitUntil(lambda: window.findChild(ErrorDialog) is not None, timeout=30_000)
    dialog = window.findChild(ErrorDialog)
    assert dialog.code == "NOT_AN_IMAGE"
    assert dialog.text() == error_sentence("NOT_AN_IMAGE")
    if lang == "ru":
        assert dialog.text().startswith(NOT_AN_IMAGE_RU)


@pytest.mark.parametrize("px_per_mm", [8, 12])  # ~200 dpi, ~300 dpi (the usual scan)
def test_real_engine_reads_the_specimen(make_mrz, qtbot, make_specimen, probe_engine, px_per_mm):
    path = make_specimen(px_per_mm)
    reading = probe_engine(path)
    assert not isinstance(reading, Exception), reading
    window = make_mrz()
    window.open_path(path)
    wait_idle(qtbot, window)
    panel = window.mrz_panel
    assert panel.field_text("surname") == "ERIKSSON"
    assert panel.field_text("document_number") == "L898902C3"
    assert panel.verdict_state == "valid"


def test_failure_clears_the_previous_traveller(make_mrz, qtbot, specimen_png, td3_reading):
    results: list[object] = [td3_reading, ImageLoadError("gone", code="FILE_NOT_FOUND")]

    def reader(path: str):
        item = results.pop(0)
        if isinstance(item, Exception):
            raise item
        return item

    window = make_mrz(reader=reader, error_presenter=lambda parent, exc: None)
    window.open_path(specimen_png)
    wait_idle(qtbot, window)
    assert window.mrz_panel.field_text("surname") == "ERIKSSON"
    window.open_path(specimen_png)
    wait_idle(qtbot, window)
    assert window.mrz_panel.field_text("surname") == ""
    assert window.mrz_panel.verdict_state == "empty"
    assert not window.image_view.has_image()


def test_escape_clears_and_discards_a_running_reading(
    make_mrz, qtbot, specimen_png, td3_reading, release
):
    calls: list[str] = []

    def reader(path: str):
        calls.append(path)
        assert release.wait(10)
        return td3_reading

    window = make_mrz(reader=reader)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.setFocus()
    window.open_path(specimen_png)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.is_busy() and window.open_action.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: len(calls) == 1)
    qtbot.wait(50)  # let a (wrongly) delivered result arrive; it must not
    assert window.mrz_panel.verdict_state == "empty"


def _drag_events(path: Path) -> tuple[QDragEnterEvent, QDropEvent, QMimeData]:
    """Synthetic drag-enter and drop events; keep the returned QMimeData alive meanwhile."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    actions = Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(50, 50), actions, mime, buttons, mods)
    drop = QDropEvent(QPointF(50, 50), actions, mime, buttons, mods)
    return enter, drop, mime


def test_drop_a_file_opens_it(make_mrz, qtbot, specimen_png, td3_reading):
    window = make_mrz(reader=lambda path: td3_reading)
    enter, drop, _mime = _drag_events(specimen_png)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted()
    wait_idle(qtbot, window)
    assert window.mrz_panel.field_text("surname") == "ERIKSSON"


@pytest.mark.parametrize("target", ["surname", "mrz_lines"])
def test_drop_onto_the_result_panel_reaches_the_window(
    make_mrz, qtbot, specimen_png, td3_reading, target
):
    readings = [td3_reading, {"found": False}]
    window = make_mrz(reader=lambda path: readings.pop(0))
    window.open_path(specimen_png)
    wait_idle(qtbot, window)  # the panel's widgets are enabled now
    panel = window.mrz_panel
    widget = panel.field_edit(target) if target != "mrz_lines" else panel.lines_edit.viewport()
    enter, drop, _mime = _drag_events(specimen_png)
    QApplication.sendEvent(widget, enter)  # Qt walks up to the first widget accepting drops
    assert enter.isAccepted()
    QApplication.sendEvent(widget, drop)
    wait_idle(qtbot, window)
    assert panel.verdict_state == "none"


def test_drop_of_a_folder_is_refused(make_mrz, tmp_path):
    window = make_mrz()
    enter, _drop, _mime = _drag_events(tmp_path)
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def test_sample_document_is_generated_and_read(qtbot, tmp_path) -> None:
    """File > Open a sample document: a fictional document is made and read, for real."""
    from ui.mrz_workspace import MrzWorkspace

    window = MrzWorkspace()
    qtbot.addWidget(window)
    assert window.open_sample(seed=4242)
    assert not window.sample_action.isEnabled()  # busy while generating and reading
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=60000)
    assert window.sample_action.isEnabled()
    assert window._path is not None and window._path.endswith("sample-4242.jpg")
    from docexam.synth.sample import make_mrz_sample

    verdict = window.mrz_panel.verdict_label.text()
    assert "valid" in verdict.lower() and "invalid" not in verdict.lower()
    shown = window.mrz_panel.lines_edit.toPlainText().split()
    assert tuple(shown) == make_mrz_sample(4242, level="photo").lines
