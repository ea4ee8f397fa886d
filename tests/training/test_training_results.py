"""The trainee's side: a run recorded through the API, saved, read back and checked."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from training_samples import copy_session

from docexam.errors import TrainingError
from docexam.training import (
    TraineeRun,
    key_path_for,
    load_key,
    load_results,
    open_package,
    score_results,
    write_report,
)


@pytest.fixture
def package(built, tmp_path):
    pkg_path, key = copy_session(built, tmp_path)
    key.unlink()  # the trainee's machine
    return open_package(pkg_path)


def test_round_trip_build_open_answer_save_score_report(built, package, tmp_path):
    run = TraineeRun(package, trainee="Иванова Ксения", started=datetime(2026, 5, 4, 9, tzinfo=UTC))
    ids = list(package.manifest.case_ids)
    for i, cid in enumerate(ids[:-1]):
        sets = package.capture_sets(cid)  # what the trainee's application examines
        assert sets and all(cs.images["white"].ndim == 3 for cs in sets.values())
        run.record_answer(
            cid,
            verdict="suspect" if i % 2 else "consistent",
            features=["uv_emblem"] if i % 2 else [],
            seconds=12.5 + i,
        )
    run.record_answer(ids[0], verdict="inconclusive", seconds=99)  # went back: replaces
    assert run.unanswered() == [ids[-1]]
    path = run.save(tmp_path / "results.json")
    back = load_results(path, package=package)
    assert back.trainee == "Иванова Ксения" and back.finished is not None
    assert [a.case_id for a in back.answers] == ids[:-1]
    assert back.response(ids[0]).verdict == "inconclusive" and back.response(ids[0]).seconds == 99
    # the trainer's side, with the key beside the package
    pkg = open_package(built.package)
    key = load_key(key_path_for(built.package), package=pkg)
    score = score_results(key, back)
    assert score.counts()["answered"] == len(ids) - 1 and score.counts()["unanswered"] == 1
    assert score.cases[0].outcome == "inconclusive" and score.cases[0].over_time  # 99 s > 60
    pdf = write_report(tmp_path / "trainee.pdf", key, [score])
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 3000
    run2 = TraineeRun(package, trainee="Smith")
    run2.record_answer(ids[1], decision="admitted", seconds=3)
    second = load_results(run2.save(tmp_path / "r2.dxr"), package=package)
    summary = write_report(tmp_path / "summary.pdf", key, [score, score_results(key, second)])
    assert summary.read_bytes().startswith(b"%PDF")


def test_record_answer_checks_its_arguments(package):
    run = TraineeRun(package, trainee="A")
    cid = package.manifest.case_ids[0]
    with pytest.raises(ValueError, match="case_id"):
        run.record_answer("nope", verdict="suspect", seconds=1)
    with pytest.raises(ValueError, match="verdict"):
        run.record_answer(cid, verdict="forged", seconds=1)
    with pytest.raises(ValueError, match="decision"):
        run.record_answer(cid, decision="arrested", seconds=1)
    with pytest.raises(ValueError, match="verdict or a decision"):
        run.record_answer(cid, seconds=1)
    with pytest.raises(ValueError, match="seconds"):
        run.record_answer(cid, verdict="suspect", seconds=-1)
    with pytest.raises(ValueError, match="features"):
        run.record_answer(cid, verdict="suspect", features=["UV Emblem!"], seconds=1)
    with pytest.raises(ValueError, match="trainee"):
        TraineeRun(package, trainee="  ")


def _saved(package, tmp_path) -> dict:
    run = TraineeRun(package, trainee="A")
    for cid in package.manifest.case_ids[:2]:
        run.record_answer(cid, verdict="suspect", seconds=5)
    return json.loads(run.save(tmp_path / "r.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("change", "code", "words"),
    [
        (lambda d: d["answers"].append(dict(d["answers"][0])), "RESULTS_INVALID", "twice"),
        (lambda d: d["answers"][0].update(case="0000dead"), "RESULTS_INVALID", "not a case"),
        (lambda d: d.update(session_id="another-session"), "RESULTS_MISMATCH", "session"),
        (lambda d: d.update(manifest_sha256="0" * 64), "RESULTS_MISMATCH", "manifest"),
        (lambda d: d["answers"][0].update(verdict="forged"), "RESULTS_INVALID", "verdict"),
        (lambda d: d["answers"][0].update(seconds="ten"), "RESULTS_INVALID", "seconds"),
        (lambda d: d.update(format="something"), "RESULTS_INVALID", "not a docexam training"),
        (lambda d: d.update(format_version=99), "RESULTS_INVALID", "newer docexam"),
        (lambda d: d.pop("trainee"), "RESULTS_INVALID", "trainee"),
    ],
)
def test_bad_results_files_are_refused_with_their_reason(package, tmp_path, change, code, words):
    d = _saved(package, tmp_path)
    change(d)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(d), encoding="utf-8")
    with pytest.raises(TrainingError) as e:
        load_results(bad, package=package)
    assert e.value.code == code and words in e.value.message


def test_not_json_and_missing_files(package, tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text("{", encoding="utf-8")
    for path in (bad, tmp_path / "missing.json"):
        with pytest.raises(TrainingError) as e:
            load_results(path)
        assert e.value.code == "RESULTS_INVALID"


def test_autosave_resume_and_timing_by_begin_case(package, tmp_path):
    run = TraineeRun(package, trainee="A")
    first, second = package.manifest.case_ids[:2]
    run.begin_case(first)
    r = run.record_answer(first, verdict="suspect")  # seconds from begin_case
    assert 0 <= r.seconds < 60
    with pytest.raises(ValueError, match="begin_case"):
        run.record_answer(second, verdict="suspect")
    saved = load_results(run.save(tmp_path / "auto.json", finish=False), package=package)
    assert saved.finished is None and [a.case_id for a in saved.answers] == [first]
    again = TraineeRun.resume(package, saved)
    again.record_answer(second, verdict="consistent", seconds=4)
    done = load_results(again.save(tmp_path / "done.json"), package=package)
    assert done.run_id == saved.run_id and done.started == saved.started
    assert [a.case_id for a in done.answers] == [first, second] and done.finished
