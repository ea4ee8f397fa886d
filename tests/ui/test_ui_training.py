"""The training workspace (issue 8) on the real engine: build, take blind, score.

Sessions are tiny (3 cases, flat pages at 8 px/mm: about a second to build) and are built
once per module through the engine API; the trainer form builds one more.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QTextEdit, QWidget

from docexam.training import (
    SessionSettings,
    StudioSource,
    build_session,
    load_key,
    load_results,
    open_package,
    score_results,
)
from ui.training import TrainingWorkspace
from ui.training.answer_box import VERDICT_KEYS

KEYS = {"consistent": Qt.Key.Key_1, "suspect": Qt.Key.Key_2, "inconclusive": Qt.Key.Key_3}
PX = 8.0


def _build(folder: Path, name: str, *, show: bool) -> Any:
    return build_session(
        folder / f"{name}.dxs",
        StudioSource(cases=3, capture="none", seed=7, px_per_mm=PX),
        trainer="Petrov",
        title=f"Drill {name}",
        settings=SessionSettings(time_limit_s=600, show_automatic_verdict=show),
    )


@pytest.fixture(scope="module")
def sessions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("training")
    return {"blind": _build(folder, "blind", show=False), "open": _build(folder, "open", show=True)}


@pytest.fixture
def errors() -> list[BaseException]:
    return []


@pytest.fixture
def workspace(qtbot: Any, ctx: Any, errors: list[BaseException]) -> TrainingWorkspace:
    ctx.present_error = lambda _w, exc: errors.append(exc)
    ws = TrainingWorkspace(ctx)
    qtbot.addWidget(ws)
    ws.resize(1280, 800)
    ws.show()
    qtbot.waitExposed(ws)
    ws.activateWindow()
    return ws


def _copy(built: Any, folder: Path) -> Path:
    """The package alone in a folder of its own (as a trainee gets it: no key)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / built.package.name
    target.write_bytes(built.package.read_bytes())
    return target


def _start(qtbot: Any, ws: TrainingWorkspace, package: Path, name: str) -> Any:
    panel = ws.trainee
    ws.set_mode("trainee")
    panel.package_edit.setText(str(package))
    panel.name_edit.setText(name)
    panel.start()
    qtbot.waitUntil(lambda: panel.run is not None, timeout=15_000)
    qtbot.waitUntil(lambda: panel.view.thumbs.count() > 0, timeout=15_000)
    return panel


def _examine(qtbot: Any, panel: Any) -> None:
    cid = panel.case.id
    panel.answers.examine_button.click()
    qtbot.waitUntil(lambda: cid in panel._exams, timeout=30_000)


def _texts(root: QWidget) -> list[str]:
    out = [w.text() for w in root.findChildren(QLabel)]
    out += [w.toPlainText() for w in root.findChildren(QTextEdit)]
    for lw in root.findChildren(QListWidget):
        out += [lw.item(i).text() for i in range(lw.count())]
    return out


def test_trainee_takes_the_session_blind_and_scores(qtbot, workspace, sessions, tmp_path, errors):
    built = sessions["blind"]
    package = _copy(built, tmp_path / "trainee")
    panel = _start(qtbot, workspace, package, "Ivanova K.")
    assert panel.case_label.text() == "Case 1 of 3"
    key = built.key
    plan = ["suspect", "consistent", "inconclusive"]  # answers by case position
    ticks: dict[str, list[str]] = {}
    for i, verdict in enumerate(plan):
        assert panel.index == i
        _examine(qtbot, panel)
        doc = panel._exams[panel.case.id]
        # blind: neither the verdict nor any reason reaches a widget
        words = {"consistent", "suspect", "inconclusive", doc.verdict}
        codes = {r.code for _s, ex in doc.sides for r in ex.reasons}
        messages = {r.message.en for _s, ex in doc.sides for r in ex.reasons}
        for text in _texts(workspace):
            low = text.lower()
            assert not any(w in low for w in words), text
            assert not any(c in text for c in codes), text
            assert not any(m and m in text for m in messages), text
        assert not panel.answers.verdict_panel.isVisible()
        assert not panel.answers.expert_button.isVisible()
        assert panel.view.isTabEnabled(1)  # the comparison with the specimen
        features = [panel.answers.features.item(k).data(Qt.ItemDataRole.UserRole)
                    for k in range(panel.answers.features.count())]  # fmt: skip
        assert features, "the identified specimen's features are listed"
        answer = key.answer(panel.case.id)
        tick = [f for f in answer.affected_features if f in features][:1] or features[:1]
        for f in tick:
            panel.answers.tick(f)
        ticks[panel.case.id] = tick
        qtbot.keyClick(panel, KEYS[verdict])
        assert panel.answers.verdict() == verdict
        assert panel.run.answers[panel.case.id].verdict == verdict
        assert panel.autosave is not None and panel.autosave.exists()
        if i < 2:
            panel.next_button.click()
    assert panel.progress_label.text() == "Answered 3 of 3"
    out = tmp_path / "ivanova.results.json"
    assert panel.finish(out) == out
    assert "Hand this file to your trainer." in panel.done_label.text()
    assert not panel.autosave.exists()

    pkg = open_package(built.package)
    results = load_results(out, package=pkg)
    assert results.finished is not None and results.trainee == "Ivanova K."
    assert all(a.seconds > 0 for a in results.answers)
    assert all(not a.auto_verdict_shown for a in results.answers)
    score = score_results(load_key(built.key_path, package=pkg), results)
    expected = {"correct": 0, "forgery_missed": 0, "genuine_refused": 0, "inconclusive": 0}
    hits = false_marks = 0
    for case, verdict in zip(pkg.cases, plan, strict=True):
        a = key.answer(case.id)
        if verdict == "inconclusive":
            expected["inconclusive"] += 1
        elif a.genuine:
            expected["correct" if verdict == "consistent" else "genuine_refused"] += 1
        else:
            expected["correct" if verdict == "suspect" else "forgery_missed"] += 1
        hits += sum(f in a.affected_features for f in ticks[case.id])
        false_marks += sum(f not in a.affected_features for f in ticks[case.id])
    counts = score.counts()
    assert {k: counts[k] for k in expected} == expected
    assert counts["unanswered"] == 0
    assert (counts["feature_hits"], counts["feature_false_marks"]) == (hits, false_marks)
    assert errors == []

    # the trainer scores it in the same workspace and exports the report
    workspace.set_mode("trainer")
    scorer = workspace.scorer
    workspace.trainer_tabs.setCurrentWidget(scorer)
    scorer.set_inputs(built.package, [out])
    assert scorer.key_edit.text() == str(built.key_path)
    scorer.score()
    qtbot.waitUntil(lambda: scorer.result is not None, timeout=15_000)
    row = scorer.row_counts(0)
    assert row["trainee"] == "Ivanova K."
    for name in ("correct", "forgery_missed", "genuine_refused", "inconclusive", "unanswered",
                 "feature_hits", "feature_false_marks", "feature_misses", "over_time"):  # fmt: skip
        assert row[name] == str(counts[name]), name
    assert "Session summary" in scorer.summary_label.text()
    pdf = tmp_path / "ivanova.pdf"
    scorer.export_pdf(pdf)
    qtbot.waitUntil(lambda: pdf.exists() and scorer.pdf_button.isEnabled(), timeout=30_000)
    assert pdf.read_bytes().startswith(b"%PDF")
    scorer.import_results()
    qtbot.waitUntil(lambda: "stored" in scorer.status_label.text(), timeout=15_000)
    assert Path(scorer.db_edit.text()).exists()
    assert errors == []


def test_autosave_and_resume(qtbot, workspace, sessions, tmp_path, errors):
    package = _copy(sessions["blind"], tmp_path / "resume")
    panel = _start(qtbot, workspace, package, "Smith J.")
    qtbot.keyClick(panel, KEYS["suspect"])
    panel.next_button.click()
    qtbot.keyClick(panel, KEYS["consistent"])
    first, second = (c.id for c in panel.package.cases[:2])
    saved = json.loads(panel.autosave.read_text(encoding="utf-8"))
    assert saved["finished"] is None and len(saved["answers"]) == 2
    run_id = panel.run.run_id
    panel.close_session()

    panel = _start(qtbot, workspace, package, "smith j.")  # same person, any case
    assert panel.run.run_id == run_id
    assert panel.run.answers[first].verdict == "suspect"
    assert panel.run.answers[second].verdict == "consistent"
    assert panel.index == 2  # the first unanswered case
    assert "continued" in panel.session_label.text()
    panel.go(0)
    assert panel.answers.verdict() == "suspect"
    panel.close_session()
    panel = _start(qtbot, workspace, package, "Another")  # another trainee starts afresh
    assert panel.run.run_id != run_id and not panel.run.answers
    assert errors == []


def test_open_session_shows_verdict_and_offers_the_expert(qtbot, workspace, sessions, tmp_path):
    package = _copy(sessions["open"], tmp_path / "open")
    panel = _start(qtbot, workspace, package, "Lee")
    _examine(qtbot, panel)
    assert panel.answers.verdict_panel.isVisible()
    assert panel.answers.verdict_panel.state == panel._exams[panel.case.id].verdict
    assert panel.answers.expert_button.isEnabled()
    with qtbot.waitSignal(workspace.open_in_expert) as signal:
        panel.answers.expert_button.click()
    assert signal.args[0].document is panel._exams[panel.case.id]
    qtbot.keyClick(panel, KEYS["inconclusive"])
    assert panel.run.answers[panel.case.id].auto_verdict_shown


def test_broken_package_and_wrong_key_are_reported(qtbot, workspace, sessions, tmp_path, errors):
    bad = tmp_path / "bad.dxs"
    bad.write_bytes(b"not a zip")
    panel = workspace.trainee
    panel.package_edit.setText(str(bad))
    panel.name_edit.setText("X")
    panel.start()
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=10_000)
    assert getattr(errors[0], "code", "") == "PACKAGE_INVALID"
    assert panel.open_button.isEnabled() and panel.run is None

    scorer = workspace.scorer
    blind, other = sessions["blind"], sessions["open"]
    results = tmp_path / "r.json"
    results.write_text("{}", encoding="utf-8")
    scorer.set_inputs(blind.package, [results], key=other.key_path)
    scorer.score()
    qtbot.waitUntil(lambda: len(errors) == 2, timeout=10_000)
    assert getattr(errors[1], "code", "") == "KEY_MISMATCH"
    assert scorer.score_button.isEnabled()


def test_trainer_form_builds_a_package_and_its_key(qtbot, workspace, tmp_path, errors):
    workspace.set_mode("trainer")
    form = workspace.builder
    qtbot.waitUntil(lambda: form.specimen_list.count() > 0, timeout=15_000)
    form.px_per_mm = PX
    form.title_edit.setText("Form drill")
    assert form.trainer_edit.text() == "officer1"  # the officer by default
    form.cases_spin.setValue(3)
    form.capture_combo.setCurrentIndex(form.capture_combo.findData("none"))
    form.limit_spin.setValue(90)
    out = tmp_path / "out" / "form.dxs"
    form.out_edit.setText(str(out))
    with qtbot.waitSignal(form.built, timeout=60_000) as signal:
        form.build_button.click()
    built = signal.args[0]
    key = out.with_name("form.key.json")
    assert out.exists() and key.exists() and built.key_path == key
    pkg = open_package(out)
    assert pkg.manifest.settings.time_limit_s == 90
    assert not pkg.manifest.settings.show_automatic_verdict
    assert len(pkg.cases) == 3 and pkg.manifest.title == "Form drill"
    import zipfile

    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        assert not any("key" in n for n in names)
        manifest = z.read("session.json").decode()
    assert built.key.session_id in manifest  # same session, and the answers are not in it
    assert not any(c.answer in manifest for c in built.key.cases if not c.genuine)
    text = form.outcome_label.text()
    assert str(key) in text and "never hand it out" in text
    assert workspace.scorer.package_edit.text() == str(out)  # ready for scoring
    assert errors == []


def test_language_switch_retranslates(qtbot, workspace, languages):
    ru = json.loads(Path("/tmp/i18n/training.json").read_text(encoding="utf-8")) if Path(
        "/tmp/i18n/training.json").exists() else {}  # fmt: skip
    wanted = ru.get("TrainingWorkspace", {}).get("Trainer", "Тренер")

    class Catalogue(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):
            if context == "TrainingWorkspace" and source == "Trainer":
                return wanted
            return None

    translator = Catalogue()
    languages.set_language("ru")
    QCoreApplication.installTranslator(translator)
    try:
        QApplication.processEvents()
        assert workspace.mode_buttons["trainer"].text() == wanted
    finally:
        QCoreApplication.removeTranslator(translator)
    languages.set_language("en")
    QApplication.processEvents()
    assert workspace.mode_buttons["trainer"].text() == "Trainer"


def test_verdict_keys_are_shown_on_the_buttons(workspace):
    for verdict, key in VERDICT_KEYS.items():
        assert f"[{key}]" in workspace.trainee.answers.buttons[verdict].text()
