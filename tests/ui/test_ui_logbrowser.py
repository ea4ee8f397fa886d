"""The log browser on a real log: search, integrity, opening a case again, refresh, errors.

Two real examinations (a genuine passport and one with a substituted photo: studio
documents captured as by a scanner, examined by the engine) are recorded several times
with other holders, decisions and officers, the way the CLI records them (the capture
files' bytes under their light's role, evidence beside them)."""

from __future__ import annotations

import copy
import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from docexam.errors import LogError
from docexam.examlog import ExamLog
from docexam.examlog.exam_images import evidence_images
from docexam.settings import defaults
from ui.context import AppContext
from ui.logbrowser import LogBrowser
from ui.opened import OpenedExam
from ui.preferences import Preferences

TODAY = dt.date(2026, 9, 1)
T0 = dt.datetime(2026, 9, 1, 8, 0, tzinfo=dt.UTC)
WAIT = 60_000
# (examination, surname, given names, document number, decision, officer, hours after T0)
CASES = (
    ("genuine", "ERIKSSON", "ANNA MARIA", "L898902C3", "admitted", "officer1", 0),
    ("genuine", "MULLER", "HANS", "X12345678", "referred", "officer2", 1),
    ("forged", "PETROV", "IVAN", "P76543210", "refused", "officer1", 2),
    ("genuine", "MULLENBACH", "EVA", "Q11111111", None, "officer3", 3),
)


@pytest.fixture(scope="module")
def exams() -> dict[str, tuple[dict[str, Any], dict[str, bytes]]]:
    """kind -> (examination dict, images by role), each examined once by the engine."""
    from docexam.examine.captureset import from_images
    from docexam.examine.pipeline import examine
    from docexam.imaging.load import load_image_bytes
    from docexam.specimens.library import default_library_root, load_library
    from docexam.synth.capture import simulate_capture
    from docexam.synth.studio import make_document

    library = load_library(default_library_root())
    out = {}
    for kind, forgery in (("genuine", None), ("forged", "photo_substitution")):
        doc = make_document("uto-passport-2021", seed=1_000_003, forgery=forgery)
        cap = simulate_capture(doc.images["data_page"], px_per_mm=doc.plan.px_per_mm,
                               mode="scan", seed=1_000_003)  # fmt: skip
        files = {light: data for light, (_, data) in cap.encoded.items()}
        pixels = {light: load_image_bytes(data).pixels for light, data in files.items()}
        exam = examine(from_images(pixels), library, today=TODAY)
        out[kind] = (exam.to_dict(), {**files, **evidence_images([("", exam)])})
    assert out["genuine"][0]["verdict"] != out["forged"][0]["verdict"] == "suspect"
    return out


def _holder(exam: dict[str, Any], surname: str, given: str, number: str) -> dict[str, Any]:
    exam = copy.deepcopy(exam)
    exam["mrz"]["fields"].update(surname=surname, given_names=given, document_number=number)
    return exam


def record(db: Path, exams, kind: str, surname: str, given: str, number: str,
           decision: str | None, officer: str, hours: int) -> str:  # fmt: skip
    exam, images = exams[kind]
    with ExamLog.open(db) as log:
        ref = log.record_examination(
            _holder(exam, surname, given, number), images=images, officer=officer,
            station="booth1", decision=decision, when=T0 + dt.timedelta(hours=hours),
        )  # fmt: skip
    return ref.exam_id


@pytest.fixture
def db(tmp_path: Path, exams) -> Path:
    path = tmp_path / "log.sqlite"
    for case in CASES:
        record(path, exams, *case)
    return path


@pytest.fixture
def errors() -> list[BaseException]:
    return []


@pytest.fixture
def make_browser(qtbot, tmp_path: Path, errors):
    def make(db: Path) -> LogBrowser:
        settings = defaults().replace(log_db=db, officer_id="officer1", station_id="booth1")
        ctx = AppContext(settings, Preferences.at(tmp_path / "prefs.ini"),
                         present_error=lambda parent, exc: errors.append(exc))  # fmt: skip
        browser = LogBrowser(ctx)
        qtbot.addWidget(browser)
        browser.resize(1400, 800)
        browser.show()
        qtbot.waitExposed(browser)
        idle(qtbot, browser)
        return browser

    return make


def idle(qtbot, browser: LogBrowser) -> None:
    qtbot.waitUntil(lambda: not browser.is_busy(), timeout=WAIT)


def rows(browser: LogBrowser) -> list[str]:
    """Document numbers in the table's (sorted) order."""
    proxy = browser.proxy
    return [proxy.index(r, 2).data() for r in range(proxy.rowCount())]


def search(qtbot, browser: LogBrowser, **filters: str) -> list[str]:
    browser.filters.clear()
    for key, value in filters.items():
        if key in browser.filters.edits:
            browser.filters.edits[key].setText(value)
        else:
            combo = getattr(browser.filters, f"{key}_combo")
            combo.setCurrentIndex(combo.findData(value))
    browser.search()
    idle(qtbot, browser)
    return rows(browser)


def test_search_filters_the_table(make_browser, qtbot, db, errors):
    browser = make_browser(db)
    assert rows(browser) == ["Q11111111", "P76543210", "X12345678", "L898902C3"]  # newest first
    assert "4 examination" in browser.state_label.text()
    assert search(qtbot, browser, document_number="x12345678") == ["X12345678"]
    assert search(qtbot, browser, name="mull") == ["Q11111111", "X12345678"]
    assert search(qtbot, browser, name="mull hans") == ["X12345678"]
    assert search(qtbot, browser, verdict="suspect") == ["P76543210"]
    assert search(qtbot, browser, decision="referred") == ["X12345678"]
    assert search(qtbot, browser, officer="officer1", decision="admitted") == ["L898902C3"]
    assert search(qtbot, browser, nationality="ZZZ") == []
    assert browser.stack.currentWidget() is browser.placeholder
    assert "match" in browser.placeholder.text()

    browser.filters.clear()  # Enter in the filter bar searches
    browser.filters.edits["name"].setText("petrov")
    qtbot.keyClick(browser.filters.edits["name"], Qt.Key.Key_Return)
    idle(qtbot, browser)
    assert rows(browser) == ["P76543210"]
    assert browser.stack.currentWidget() is browser.table

    assert search(qtbot, browser) == ["Q11111111", "P76543210", "X12345678", "L898902C3"]
    browser.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # by name
    assert rows(browser) == ["L898902C3", "Q11111111", "X12345678", "P76543210"]
    browser.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # by verdict, worst first
    assert rows(browser)[0] == "P76543210"
    assert errors == []


def test_integrity_indicator_names_tampering(make_browser, qtbot, db, errors):
    browser = make_browser(db)  # verified automatically once when first shown
    assert browser.integrity.state == "intact"
    assert browser.integrity.label.text() == "✓ Log verified: 4 entries intact"
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE entries SET content = replace(content, 'PETROV', 'SMITH') "
                     "WHERE seq = 3")  # fmt: skip
    conn.close()
    qtbot.mouseClick(browser.integrity.button, Qt.MouseButton.LeftButton)
    assert browser.integrity.state == "busy" and browser.integrity.busy_bar.isVisible()
    idle(qtbot, browser)
    assert browser.integrity.state == "damaged"
    assert "entry #3 was changed" in browser.integrity.label.text()
    assert "#3 changed" in browser.integrity.label.toolTip()
    assert errors == []


def test_opening_a_case_reexamines_its_captures(make_browser, qtbot, db, errors):
    browser = make_browser(db)
    assert browser.select_case(browser.model.cases()[1].id)  # the forged passport
    qtbot.waitUntil(lambda: browser.detail.captures.count() == 3, timeout=WAIT)
    assert browser.detail.case is not None
    assert browser.detail.verdict_label.text() == "✗ Suspect"
    assert "Refused" in browser.detail.history_label.text()
    assert "PETROV" in browser.detail.mrz_label.text()
    assert browser.detail.open_button.isEnabled()
    with qtbot.waitSignal(browser.open_requested, timeout=WAIT) as signal:
        qtbot.keyClick(browser.table, Qt.Key.Key_Return)  # Enter opens, like a double click
        assert not browser.detail.open_button.isEnabled()  # one re-examination at a time
    opened = signal.args[0]
    assert isinstance(opened, OpenedExam)
    assert opened.exam_id == browser.model.cases()[1].id
    assert opened.recorded["verdict"] == "suspect"
    assert opened.document.verdict == opened.recorded["verdict"]
    assert "P76543210" in opened.title
    idle(qtbot, browser)
    assert browser.detail.open_button.isEnabled()
    assert errors == []


def test_a_logged_examination_refreshes_the_list(make_browser, qtbot, db, exams, errors):
    browser = make_browser(db)
    assert len(rows(browser)) == 4
    new = record(db, exams, "genuine", "NOVAK", "PETRA", "N22222222", None, "officer1", 5)
    browser.ctx.logged(new)
    qtbot.waitUntil(lambda: len(rows(browser)) == 5, timeout=WAIT)
    assert rows(browser)[0] == "N22222222"
    other = LogBrowser(browser.ctx)  # a second browser on the same context, then gone
    assert len(browser.ctx.on_logged) == 2
    other.deleteLater()
    qtbot.waitUntil(lambda: len(browser.ctx.on_logged) == 1, timeout=WAIT)  # unregistered
    browser.ctx.logged(new)  # reaches only the live browser
    idle(qtbot, browser)
    assert errors == []


def test_a_purged_case_shows_what_remains(make_browser, qtbot, tmp_path, exams, errors):
    db = tmp_path / "log.sqlite"
    record(db, exams, "forged", "OLDMAN", "OTTO", "O99999999", "refused", "officer2", -24 * 60)
    record(db, exams, *CASES[0])
    with ExamLog.open(db) as log:
        assert log.purge(older_than_days=30, by="dpo", now=T0).cases_purged == 1
    browser = make_browser(db)
    assert rows(browser) == ["L898902C3", ""]
    assert browser.proxy.index(1, 3).data() == "(purged)"
    assert browser.integrity.state == "intact"  # a purge keeps the chain verifiable
    purged = browser.model.cases()[1]
    assert browser.select_case(purged.id)
    qtbot.waitUntil(lambda: browser.detail.case is not None, timeout=WAIT)
    idle(qtbot, browser)
    assert browser.detail.verdict_label.text() == "✗ Suspect"  # what is retained
    assert "removed" in browser.detail.info_label.text()
    assert "removed" in browser.detail.captures.note.text()
    assert not browser.detail.open_button.isEnabled()
    assert browser.open_selected() is False
    assert errors == []


def test_new_log_shows_a_placeholder(make_browser, qtbot, tmp_path, errors):
    browser = make_browser(tmp_path / "none" / "log.sqlite")
    assert browser.stack.currentWidget() is browser.placeholder
    assert "No examinations have been recorded yet" in browser.placeholder.text()
    assert browser.integrity.state == "no_log"
    assert not browser.detail.open_button.isEnabled()
    QApplication.sendEvent(browser, QEvent(QEvent.Type.LanguageChange))  # texts rebuilt
    assert "No examinations have been recorded yet" in browser.placeholder.text()
    assert errors == []


def test_corrupt_log_is_reported_and_the_browser_stays_usable(make_browser, qtbot, tmp_path,
                                                               errors):  # fmt: skip
    bad = tmp_path / "log.sqlite"
    bad.write_bytes(b"this is no database\n" * 500)
    browser = make_browser(bad)
    assert errors and all(isinstance(e, LogError) for e in errors)
    assert {e.code for e in errors} == {"DB_CORRUPT"}
    assert browser.integrity.state == "failed"
    assert browser.stack.currentWidget() is browser.placeholder
    assert "could not be read" in browser.placeholder.text()
    assert browser.filters.isEnabled() and browser.filters.search_button.isEnabled()

    bad.unlink()  # repaired (here: removed): the next search works again
    errors.clear()
    browser.search()
    idle(qtbot, browser)
    assert "No examinations have been recorded yet" in browser.placeholder.text()
    assert errors == []
