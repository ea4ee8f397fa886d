"""Translations: the .ts is complete and in sync with the code; switching is live."""

from __future__ import annotations

import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from ui.i18n import build
from ui.language import normalize, resolve_language
from ui.main_window import MainWindow

RU_TS = build.ts_path("ru")


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, <translation>) for every message of a .ts file."""
    root = ET.parse(ts).getroot()
    return [
        (ctx.findtext("name", ""), msg.findtext("source", ""), msg.find("translation"))
        for ctx in root.iter("context")
        for msg in ctx.iter("message")
    ]


def test_russian_ts_is_complete():
    found = messages(RU_TS)
    assert len(found) > 40
    problems = [
        (ctx, src)
        for ctx, src, tr in found
        if tr is None or not (tr.text or "").strip() or tr.get("type") is not None
    ]
    assert problems == [], "unfinished, obsolete or empty translations"


def test_russian_ts_keeps_placeholders_and_accelerators():
    for ctx, src, tr in messages(RU_TS):
        text = tr.text or ""
        assert sorted(re.findall(r"%\d", src)) == sorted(re.findall(r"%\d", text)), (ctx, src)
        assert ("&" in src) == ("&" in text), (ctx, src)
        assert src.endswith("…") == text.endswith("…"), (ctx, src)


def test_ts_is_in_sync_with_the_code(tmp_path):
    """Every string in the code is in the .ts and vice versa (runs lupdate on a copy)."""
    if build.find_tool("lupdate") is None:
        pytest.skip("lupdate not available")
    fresh = tmp_path / "fresh_ru.ts"
    tool = build.find_tool("lupdate")
    cmd = [*tool, *map(str, build.source_files()), "-locations", "none", "-ts", str(fresh)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=60)
    in_code = {(ctx, src) for ctx, src, _ in messages(fresh)}
    in_ts = {(ctx, src) for ctx, src, _ in messages(RU_TS)}
    assert in_code - in_ts == set(), "strings missing from docexam_ru.ts: run --update"
    assert in_ts - in_code == set(), "strings in docexam_ru.ts that the code no longer uses"


def test_compile_and_load(tmp_path, qapp):
    if build.find_tool("lrelease") is None:
        pytest.skip("lrelease not available")
    qm = build.ensure_qm(RU_TS, tmp_path)
    assert qm.exists() and not build.is_stale(RU_TS, qm)
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("MrzPanel", "MRZ valid") == "МЧЗ корректна"
    old = RU_TS.stat().st_mtime - 100
    os.utime(qm, (old, old))
    assert build.is_stale(RU_TS, qm)
    build.ensure_qm(RU_TS, tmp_path)
    assert not build.is_stale(RU_TS, qm)


@pytest.mark.parametrize(
    ("tag", "code"), [("ru_RU.UTF-8", "ru"), ("en-GB", "en"), ("C", None), ("", None)]
)
def test_normalize(tag, code):
    assert normalize(tag) == code


def test_language_precedence():
    assert resolve_language("en", {"DOCEXAM_LANG": "ru"}, ["ru-RU"]) == "en"
    assert resolve_language(None, {"DOCEXAM_LANG": "ru"}, ["en-US"]) == "ru"
    assert resolve_language(None, {}, ["de-DE", "ru-RU"]) == "ru"
    assert resolve_language(None, {"DOCEXAM_LANG": "xx"}, ["fr-FR"]) == "en"


def test_language_switch_is_live(make_window, qtbot):
    window = make_window()
    panel = window.mrz.mrz_panel
    assert window.file_menu.title() == "&File"
    assert panel.verdict_label.text() == "No document"

    window.language_actions["ru"].trigger()
    # Qt delivers LanguageChange to the widgets through the event loop
    qtbot.waitUntil(lambda: window.file_menu.title() == "&Файл")
    assert window.mrz.open_action.text() == "&Открыть изображение…"
    assert panel.verdict_label.text() == "Нет документа"
    assert panel.lines_group.title() == "Машиночитаемая зона"
    assert window.language_actions["ru"].isChecked()

    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File")
    assert panel.verdict_label.text() == "No document"
    assert window.language_actions["en"].isChecked()


def test_result_is_retranslated_too(make_window, qtbot, specimen_png, td3_reading):
    window = make_window(reader=lambda path: td3_reading)
    mrz = window.mrz
    mrz.open_path(specimen_png)
    qtbot.waitUntil(lambda: not mrz.is_busy())
    assert mrz.status_text() == "Finished in 412 ms."
    window.language_actions["ru"].trigger()
    qtbot.waitUntil(lambda: "МЧЗ корректна" in mrz.mrz_panel.verdict_label.text())
    assert mrz.status_text() == "Готово за 412 мс."
    assert mrz.mrz_panel.field_text("sex") == "F (женский)"
    assert mrz.mrz_panel.field_text("surname") == "ERIKSSON"


def test_app_main_starts_in_russian(qapp, monkeypatch, tmp_path):
    """ui.app.main on a 'fresh machine': no settings, language from the command line."""
    from ui import app as app_module

    monkeypatch.setenv("DOCEXAM_SETTINGS", str(tmp_path / "settings.json"))
    monkeypatch.setenv("DOCEXAM_UI_PREFS", str(tmp_path / "prefs.ini"))
    monkeypatch.setenv("DOCEXAM_DB", str(tmp_path / "log.sqlite"))
    seen: dict[str, str] = {}

    def inspect_and_quit() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if windows:
            seen["menu"] = windows[-1].file_menu.title()
        # exit(), not quit()/close(): those post a Quit event that would outlive this
        # test's event loop and stop the event loops of the tests that follow.
        QApplication.exit(0)

    monkeypatch.delenv("DOCEXAM_LANG", raising=False)
    QTimer.singleShot(0, inspect_and_quit)
    assert app_module.main(["--lang", "ru"]) == 0
    assert seen["menu"] == "&Файл"
