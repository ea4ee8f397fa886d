"""The settings dialog: what OK writes (the CLI's settings file, the desktop's INI), what a
refused value does (nothing written, the field named), Cancel, the live language switch."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel

from docexam import settings as engine
from docexam.capture.sane import Scanner
from docexam.errors import CaptureError, DocexamError
from docexam.settings import defaults, load_settings
from ui import preferences
from ui.context import AppContext
from ui.preferences import Preferences
from ui.settings_dialog import SettingsDialog

SCANNERS = [
    Scanner("test:0", "Noname", "frontend-tester", "virtual device"),
    Scanner("test:1", "Noname", "frontend-tester", "virtual device"),
]


class Recorder:
    def __init__(self) -> None:
        self.errors: list[BaseException] = []

    def __call__(self, parent: Any, exc: BaseException) -> None:
        self.errors.append(exc)


@pytest.fixture
def settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The settings file the CLI would read, in a temporary folder; no stray environment."""
    path = tmp_path / "config" / "settings.json"
    monkeypatch.setenv(engine.SETTINGS_ENV, str(path))
    for row in engine.REGISTRY:
        if row.env:
            monkeypatch.delenv(row.env, raising=False)
    return path


@pytest.fixture
def errors() -> Recorder:
    return Recorder()


@pytest.fixture
def ctx(tmp_path: Path, settings_file: Path, errors: Recorder) -> AppContext:
    start = defaults().replace(officer_id="petrov", station_id="post-1")
    return AppContext(start, Preferences.at(tmp_path / "prefs.ini"), present_error=errors)


def open_dialog(qtbot: Any, ctx: AppContext, languages: Any, **kwargs: Any) -> SettingsDialog:
    kwargs.setdefault("scanner_lister", lambda: SCANNERS)
    dialog = SettingsDialog(ctx, languages, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.refresh_button.isEnabled())  # the scanner search is over
    return dialog


def press(qtbot: Any, dialog: SettingsDialog, which: QDialogButtonBox.StandardButton) -> None:
    qtbot.mouseClick(dialog.buttons.button(which), Qt.MouseButton.LeftButton)


OK = QDialogButtonBox.StandardButton.Ok
CANCEL = QDialogButtonBox.StandardButton.Cancel


def test_ok_writes_the_settings_file_and_updates_the_context(qtbot, ctx, languages, settings_file):
    dialog = open_dialog(qtbot, ctx, languages)
    assert dialog.editor("officer_id").text() == "petrov"
    dialog.editor("officer_id").setText("ivanova")
    dialog.editor("station_id").setText("checkpoint-7")
    press(qtbot, dialog, OK)
    assert dialog.result() == QDialog.DialogCode.Accepted
    # Only what was changed goes into the file the CLI reads.
    assert json.loads(settings_file.read_text(encoding="utf-8")) == {
        "officer_id": "ivanova",
        "station_id": "checkpoint-7",
    }
    assert (ctx.settings.officer_id, ctx.settings.station_id) == ("ivanova", "checkpoint-7")
    on_disk = load_settings(use_env=False)
    assert (on_disk.officer_id, on_disk.station_id) == ("ivanova", "checkpoint-7")


def test_paths_are_saved_as_paths_and_empty_means_the_default(
    qtbot, ctx, languages, settings_file, tmp_path
):
    library, db = tmp_path / "agency-specimens", tmp_path / "log" / "exams.sqlite"
    dialog = open_dialog(qtbot, ctx, languages)
    assert dialog.editor("log_db").line.text() == ""  # the default: placeholder only
    assert "Default:" in dialog.editor("log_db").line.placeholderText()
    dialog.editor("specimen_library").line.setText(str(library))
    dialog.editor("log_db").line.setText(str(db))
    press(qtbot, dialog, OK)
    assert ctx.settings.specimen_library == library and ctx.library_root == library
    assert ctx.settings.log_db == db
    saved = json.loads(settings_file.read_text(encoding="utf-8"))
    assert saved == {"log_db": str(db), "specimen_library": str(library)}
    again = open_dialog(qtbot, ctx, languages)
    assert again.editor("specimen_library").line.text() == str(library)
    again.editor("specimen_library").line.clear()
    press(qtbot, again, OK)
    assert ctx.settings.specimen_library is None
    assert json.loads(settings_file.read_text(encoding="utf-8")) == {"log_db": str(db)}


def test_every_row_has_a_label_and_help_and_the_stores_are_named(
    qtbot, ctx, languages, settings_file
):
    dialog = open_dialog(qtbot, ctx, languages)
    rows = [
        *engine.REGISTRY,
        *(r for r in preferences.REGISTRY if r.key not in ("geometry", "workspace")),
    ]
    for row in rows:
        label = dialog.findChild(QLabel, f"label_{row.key}")
        assert label is not None and label.text().strip(), row.key
        assert dialog.findChild(QLabel, f"help_{row.key}").text() == row.help_en
    assert dialog.findChild(QLabel, "label_geometry") is None
    assert dialog.findChild(QLabel, "label_officer_id").text() == "Officer ID:"
    assert str(settings_file) in dialog.stores.text()
    assert ctx.prefs.path in dialog.stores.text()


@pytest.mark.parametrize(
    ("key", "name"),
    [("station_id", "Station ID"), ("officer_id", "Officer ID"), ("camera_device", "Camera")],
)
def test_a_refused_value_keeps_the_dialog_open_and_writes_nothing(
    qtbot, ctx, languages, settings_file, tmp_path, key, name
):
    dialog = open_dialog(qtbot, ctx, languages)
    dialog.editor("retention_days").setValue(30)  # a valid change that must not be saved alone
    dialog.editor(key).setText("   ")
    press(qtbot, dialog, OK)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert name in dialog.field_error(key)
    assert name in dialog.message.text()
    assert not settings_file.exists()
    assert ctx.settings.retention_days == 1825 and ctx.settings.station_id == "post-1"
    assert Preferences.at(tmp_path / "prefs.ini").get("camera_device") == "0"
    # Corrected, the same dialog saves.
    dialog.editor(key).setText("fixed-1")
    press(qtbot, dialog, OK)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.field_error(key) == ""


def test_retention_below_the_minimum_cannot_be_entered(qtbot, ctx, languages):
    dialog = open_dialog(qtbot, ctx, languages)
    spin = dialog.editor("retention_days")
    spin.setValue(0)
    assert spin.value() == engine.setting("retention_days").minimum == 1


def test_device_preferences_go_to_the_prefs_ini(qtbot, ctx, languages, tmp_path, settings_file):
    drop = tmp_path / "reader-out"
    dialog = open_dialog(qtbot, ctx, languages)
    scanner = dialog.editor("scanner_device")
    assert scanner.devices() == ["test:0", "test:1"]
    scanner.setCurrentIndex(2)
    dialog.editor("capture_source").set_value("scanner")
    dialog.editor("camera_device").setText("rtsp://10.0.0.5/stream")
    dialog.editor("drop_folder").line.setText(str(drop))
    press(qtbot, dialog, OK)
    assert dialog.result() == QDialog.DialogCode.Accepted
    fresh = Preferences.at(tmp_path / "prefs.ini")  # read back from the file
    assert fresh.get("scanner_device") == "test:1"
    assert fresh.get("capture_source") == "scanner"
    assert fresh.get("camera_device") == "rtsp://10.0.0.5/stream"
    assert fresh.get("drop_folder") == str(drop)
    assert not settings_file.exists()  # no engine setting changed


def test_a_scanner_typed_by_hand_and_the_first_found(qtbot, ctx, languages, tmp_path):
    ctx.prefs.set("scanner_device", "epson2:libusb:001:004")
    dialog = open_dialog(qtbot, ctx, languages)
    scanner = dialog.editor("scanner_device")
    assert scanner.value() == "epson2:libusb:001:004"  # kept although not listed now
    scanner.setCurrentIndex(0)
    press(qtbot, dialog, OK)
    assert Preferences.at(tmp_path / "prefs.ini").get("scanner_device") is None


def test_a_failed_scanner_search_is_shown_beside_the_field(qtbot, ctx, languages, errors):
    def no_sane() -> list[Scanner]:
        raise CaptureError("scanimage is not installed", code="TOOL_MISSING")

    dialog = open_dialog(qtbot, ctx, languages, scanner_lister=no_sane)
    note = dialog.findChild(QLabel, "note_scanner_device")
    assert "scanimage is not installed" in note.text()
    assert errors.errors == []  # a booth without SANE is normal, not an error dialog


def test_cancel_changes_nothing(qtbot, ctx, languages, settings_file, tmp_path):
    dialog = open_dialog(qtbot, ctx, languages)
    dialog.editor("station_id").setText("elsewhere")
    dialog.editor("camera_device").setText("2")
    press(qtbot, dialog, CANCEL)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not settings_file.exists()
    assert ctx.settings.station_id == "post-1"
    assert Preferences.at(tmp_path / "prefs.ini").get("camera_device") == "0"


def test_an_unwritable_settings_file_is_reported(
    qtbot, ctx, languages, tmp_path, monkeypatch, errors
):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(engine.SETTINGS_ENV, str(blocker / "settings.json"))
    dialog = open_dialog(qtbot, ctx, languages)
    dialog.editor("station_id").setText("post-9")
    press(qtbot, dialog, OK)
    assert len(errors.errors) == 1 and isinstance(errors.errors[0], DocexamError)
    assert dialog.isVisible() and ctx.settings.station_id == "post-1"


def test_an_environment_value_is_marked_and_not_frozen_into_the_file(
    qtbot, tmp_path, languages, settings_file, monkeypatch, errors
):
    monkeypatch.setenv("DOCEXAM_RETENTION_DAYS", "90")
    ctx = AppContext(load_settings(), Preferences.at(tmp_path / "prefs.ini"), present_error=errors)
    dialog = open_dialog(qtbot, ctx, languages)
    note = dialog.findChild(QLabel, "note_retention_days")
    assert "DOCEXAM_RETENTION_DAYS" in note.text() and not note.isHidden()
    dialog.editor("station_id").setText("post-2")
    press(qtbot, dialog, OK)
    assert json.loads(settings_file.read_text(encoding="utf-8")) == {"station_id": "post-2"}
    assert ctx.settings.retention_days == 90


def test_choosing_russian_switches_the_language_live(qtbot, ctx, languages, settings_file):
    if not languages.set_language("ru"):
        pytest.skip("the Russian catalogue cannot be built here")
    languages.set_language("en")
    dialog = open_dialog(qtbot, ctx, languages)
    help_label = dialog.findChild(QLabel, "help_station_id")
    row = engine.setting("station_id")
    assert help_label.text() == row.help_en
    assert dialog.editor("language").currentText() == "English"
    dialog.editor("language").set_value("ru")
    press(qtbot, dialog, OK)
    assert languages.current == "ru"
    qtbot.waitUntil(lambda: help_label.text() == row.help_ru)  # LanguageChange reached it
    assert json.loads(settings_file.read_text(encoding="utf-8")) == {"language": "ru"}
    assert ctx.settings.language == "ru"
    again = open_dialog(qtbot, ctx, languages)
    assert again.editor("language").currentText() == "Русский"
    assert again.findChild(QLabel, "help_officer_id").text() == engine.setting("officer_id").help_ru
