"""The MRZ panel renders any ``to_dict()`` shape, words findings, and flags fields."""

from __future__ import annotations

import copy

import pytest
from PySide6.QtWidgets import QLabel

from ui.findings import FIELD_OF_CODE, finding_text, known_codes
from ui.mrz_panel import FIELD_KEYS, MrzPanel


@pytest.fixture
def panel(qtbot):
    widget = MrzPanel()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_every_engine_finding_has_a_wording():
    issues = pytest.importorskip("docexam.mrz.issues")
    reader = pytest.importorskip("docexam.mrz.reader")
    engine_codes = set(issues.ISSUE_CODES) | reader.READER_ERROR_CODES | reader.READER_WARNING_CODES
    missing = engine_codes - known_codes()
    assert missing == set(), "add these codes to ui/findings.py (and the .ts)"
    assert set(FIELD_OF_CODE) <= known_codes()
    assert set(FIELD_OF_CODE.values()) <= set(FIELD_KEYS)


def test_invalid_reading_words_the_error_and_flags_the_field(panel, td3_reading):
    reading = copy.deepcopy(td3_reading)
    reading["valid"] = False
    reading["checks"]["birth_date"] = False
    reading["errors"] = [
        {"code": "CHECK_DIGIT_BIRTH_DATE", "message": "Check digit at line 2, position 20 ..."}
    ]
    reading["warnings"] = [{"code": "DOCUMENT_EXPIRED", "message": "Expired on 2012-04-15."}]
    panel.show_reading(reading)
    assert panel.verdict_state == "invalid"
    assert panel.errors_group.isVisible() and panel.warnings_group.isVisible()
    errors_html = panel.errors_label.text()
    assert finding_text("CHECK_DIGIT_BIRTH_DATE") in errors_html
    assert "line 2, position 20" in errors_html  # the engine's detail stays visible
    assert "✗" in panel.checks_label.text()
    assert "#c62828" in panel.field_edit("birth_date").styleSheet()  # error: red
    assert "#a15c00" in panel.field_edit("expiry_date").styleSheet()  # warning: amber
    assert panel.field_edit("birth_date").toolTip() == finding_text("CHECK_DIGIT_BIRTH_DATE")
    assert panel.field_edit("surname").styleSheet() == ""


def test_not_found_and_partial_dicts_do_not_crash(panel):
    not_found = {"code": "MRZ_NOT_FOUND", "message": "no MRZ was found in the image"}
    panel.show_reading({"found": False, "fields": None, "lines": [], "errors": [not_found]})
    assert panel.verdict_state == "none"
    assert not panel.fields_group.isEnabled()
    assert not panel.errors_group.isVisible()  # the verdict says it already
    assert "glare" in panel.summary_label.text()  # what to do instead
    panel.show_reading({"found": False, "errors": None, "checks": {}})
    panel.show_reading({})  # nothing at all
    assert panel.verdict_state == "none"
    panel.show_reading({"found": True, "valid": True, "errors": ["plain string"]})
    assert panel.verdict_state == "valid"
    assert "plain string" in panel.errors_label.text()
    panel.clear()
    assert panel.verdict_state == "empty"
    assert all(panel.field_text(k) == "" for k in FIELD_KEYS)


def test_unspecified_sex_is_explained(panel, td3_reading):
    reading = copy.deepcopy(td3_reading)
    reading["fields"]["sex"] = None
    panel.show_reading(reading)
    assert panel.field_text("sex") == "< (unspecified)"


def label_of(panel, key: str) -> str:
    edit = panel.field_edit(key)
    return next(lb.text() for lb in panel.findChildren(QLabel) if lb.buddy() is edit)


def test_td3_optional_data_is_called_personal_number(panel, td3_reading):
    panel.show_reading(td3_reading)
    assert label_of(panel, "optional_data") == "Personal number:"
    panel.show_reading({**td3_reading, "format": "TD1"})
    assert label_of(panel, "optional_data") == "Optional data:"


def test_mrz_text_with_fillers_is_shown_verbatim(panel, td3_reading):
    panel.show_reading(td3_reading)
    assert panel.lines_edit.toPlainText() == "\n".join(td3_reading["lines"])
    assert "TD3 (2 × 44)" in panel.summary_label.text()
    assert "97 %" in panel.summary_label.text()
