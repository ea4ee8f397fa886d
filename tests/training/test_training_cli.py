"""``docexam training``: the real command line from building to the database."""

from __future__ import annotations

import contextlib
import io
import json
import zipfile

import pytest
from training_samples import copy_session

from docexam.cli.main import main
from docexam.training import TraineeRun, open_package


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse's usage errors (exit 2)
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def _json(argv: list[str]) -> object:
    code, out, err = _run(argv)
    assert code == 0, err
    return json.loads(out)


def _answer_all(pkg_path, path, trainee, verdict):
    pkg = open_package(pkg_path)
    run = TraineeRun(pkg, trainee=trainee)
    for cid in pkg.manifest.case_ids:
        run.record_answer(cid, verdict=verdict, features=["uv_emblem"], seconds=30)
    return run.save(path)


@pytest.fixture
def session(built, tmp_path):
    pkg, _ = copy_session(built, tmp_path)
    return pkg


def test_new_info_shapes(tmp_path):
    out = tmp_path / "s.dxs"
    d = _json(
        [
            "training",
            "new",
            "--cases",
            "3",
            "--capture",
            "none",
            "--seed",
            "5",
            "--specimens",
            "uto-visa-2018",
            "--forged-share",
            "0.34",
            "--forgeries",
            "uv_print_missing,viz_altered",
            "--time-limit",
            "45",
            "--trainer",
            "Орлова",
            "--out",
            str(out),
            "--json",
        ]
    )
    assert set(d) == {
        "session_id",
        "package",
        "key",
        "cases",
        "forged",
        "genuine",
        "bytes",
        "seconds",
    }
    assert (d["cases"], d["forged"], d["genuine"]) == (3, 1, 2)
    assert (tmp_path / "s.key.json").is_file() and d["key"] == str(tmp_path / "s.key.json")
    (tmp_path / "s.key.json").unlink()  # info never needs the key
    info = _json(["training", "info", str(out), "--json"])
    assert info["id"] == d["session_id"] and info["verified"] is True
    assert info["trainer"] == "Орлова" and info["settings"]["time_limit_s"] == 45
    assert len(info["cases"]) == 3
    text = json.dumps(info)
    for word in ("genuine", "uv_print_missing", "viz_altered", "uto-visa-2018", "affected"):
        assert word not in text
    code, txt, _ = _run(["training", "info", str(out)])
    assert code == 0 and "front (white, uv365, ir870)" in txt and "genuine" not in txt


def test_score_report_import_and_results(session, tmp_path):
    r1 = _answer_all(session, tmp_path / "r1.json", "Иванова", "suspect")
    r2 = _answer_all(session, tmp_path / "r2.dxr", "Smith", "consistent")
    d = _json(["training", "score", str(session), str(r1), "--json"])
    assert set(d) == {"session", "scores", "summary"} and len(d["scores"]) == 1
    s = d["scores"][0]
    assert s["trainee"] == "Иванова" and s["counts"]["correct"] == 3
    assert s["counts"]["genuine_refused"] == 3 and len(s["cases"]) == 6
    assert {"answer", "outcome", "hits", "misses", "false_marks", "over_time"} <= set(s["cases"][0])
    d = _json(["training", "score", str(session), str(r1), str(r2), "--json"])
    assert [x["trainee"] for x in d["summary"]["trainees"]] == ["Иванова", "Smith"]
    assert {r["answer"] for r in d["summary"]["by_answer"]} >= {"genuine"}
    code, txt, _ = _run(["training", "score", str(session), str(r1), str(r2)])
    assert code == 0 and "Smith: 3/6 correct" in txt and "missed most" in txt
    for files, pdf in (([r1], "one.pdf"), ([r1, r2], "all.pdf")):
        code, txt, err = _run(
            ["training", "report", str(session), *map(str, files), "--out", str(tmp_path / pdf)]
        )
        assert code == 0, err
        assert (tmp_path / pdf).read_bytes()[:5] == b"%PDF-"
    db = tmp_path / "t.sqlite"
    code, txt, err = _run(
        ["training", "import", str(r1), str(r2), "--session", str(session), "--db", str(db)]
    )
    assert code == 0 and txt.count("imported") == 2, err
    code, txt, err = _run(["training", "import", str(r1), "--db", str(db)])
    assert code == 2 and "imported before" in err
    rows = _json(["training", "results", "--db", str(db), "--trainee", "иванова", "--json"])
    assert len(rows) == 1 and rows[0]["score"]["correct"] == 3 and rows[0]["answered"] == 6
    assert set(rows[0]) == {
        "run_id",
        "session_id",
        "session_title",
        "trainee",
        "started",
        "finished",
        "imported",
        "answered",
        "score",
    }
    rows = _json(["training", "results", "--db", str(tmp_path / "none.sqlite"), "--json"])
    assert rows == []


def test_the_default_database_is_beside_the_log(session, tmp_path):
    r1 = _answer_all(session, tmp_path / "r1.json", "A", "suspect")
    code, txt, _ = _run(["training", "import", str(r1)])  # no --session: stored unscored
    assert code == 0 and "not scored" in txt
    assert (tmp_path / "log" / "training.sqlite").is_file()  # $DOCEXAM_DB is log/examlog.sqlite
    assert not (tmp_path / "log" / "examlog.sqlite").exists()  # the log itself is untouched


def test_bad_input_exits_2(session, built, tmp_path):
    r1 = _answer_all(session, tmp_path / "r1.json", "A", "suspect")
    other = tmp_path / "other.dxs"
    assert (
        _run(["training", "new", "--cases", "1", "--capture", "none", "--out", str(other)])[0] == 0
    )
    cases = [
        (["new", "--out", str(tmp_path / "a.dxs"), "--forged-share", "1.5"], "forged_share"),
        (["new", "--out", str(tmp_path / "a.dxs"), "--specimens", "uto-nope"], "uto-nope"),
        (["new", "--out", str(tmp_path / "a.dxs"), "--forgeries", "teleport"], "teleport"),
        (["new", "--out", str(tmp_path / "a.dxs"), "--capture", "fax"], "capture"),
        (["new", "--out", str(tmp_path / "a.dxs"), "--cases", "0"], "cases"),
        (["new", "--out", str(tmp_path / "a.dxs"), "--time-limit", "-3"], "time-limit"),
        (["new", "--out", str(session)], "exists"),
        (
            ["new", "--out", str(tmp_path / "a.dxs"), "--from-folder", str(tmp_path / "no")],
            "folder",
        ),
        (["info", str(tmp_path / "r1.json")], "not a session package"),
        (
            ["score", str(session), str(r1), "--key", str(other.with_name("other.key.json"))],
            "belongs to session",
        ),
        (["score", str(other), str(r1)], "results of session"),
        (["score", str(session), str(r1), "--key", str(tmp_path / "nokey.json")], "no answer key"),
        (["report", str(session), str(r1), "--out", str(tmp_path / "r.txt")], ".pdf"),
        (["import", str(r1), "--key", str(tmp_path / "k.json")], "--session"),
    ]
    for argv, words in cases:
        code, _, err = _run(["training", *argv])
        assert code == 2, (argv, err)
        assert words in err and "Traceback" not in err, (argv, err)
    assert not (tmp_path / "a.dxs").exists()


def test_answer_records_one_case_at_a_time(session, tmp_path):
    r = tmp_path / "r.json"
    pkg = open_package(session)
    second = pkg.manifest.case_ids[1]
    code, txt, err = _run(
        [
            "training",
            "answer",
            str(session),
            "1",
            "suspect",
            "--results",
            str(r),
            "--trainee",
            "Иванова",
            "--features",
            "uv_emblem,guilloche",
            "--seconds",
            "12",
        ]
    )
    assert code == 0 and "5 case(s) left" in txt, err
    code, txt, err = _run(
        [
            "training",
            "answer",
            str(session),
            second,
            "consistent",
            "--decision",
            "admitted",
            "--results",
            str(r),
        ]
    )
    assert code == 0 and "4 case(s) left" in txt, err
    d = json.loads(r.read_text(encoding="utf-8"))
    assert d["trainee"] == "Иванова" and d["finished"] is None
    assert d["answers"][0]["features"] == ["uv_emblem", "guilloche"]
    assert d["answers"][1] | {"answered": None} == {
        "case": second,
        "verdict": "consistent",
        "decision": "admitted",
        "features": [],
        "seconds": 0.0,
        "auto_verdict_shown": False,
        "answered": None,
    }
    for argv, words in (
        (["7", "suspect", "--results", str(r)], "number from 1 to 6"),
        (["1", "suspect", "--results", str(tmp_path / "new.json")], "--trainee"),
        (["1", "suspect", "--results", str(r), "--trainee", "Smith"], "Иванова"),
        (["1", "forged", "--results", str(r)], "invalid choice"),
    ):
        code, _, err = _run(["training", "answer", str(session), *argv])
        assert code == 2 and words in err, (argv, err)


@pytest.mark.slow
def test_twenty_mixed_cases_from_the_command_line(tmp_path):
    """The issue's "done when": 20 mixed cases built, handed out, run and scored."""
    out = tmp_path / "course" / "drill20.dxs"
    d = _json(["training", "new", "--out", str(out), "--capture", "mixed", "--json"])
    assert (d["cases"], d["forged"]) == (20, 10)
    key = json.loads((tmp_path / "course" / "drill20.key.json").read_text(encoding="utf-8"))
    kinds = {c["answer"] for c in key["cases"]} - {"genuine"}
    assert len(kinds) == 10  # ten forgeries of ten different kinds
    with zipfile.ZipFile(out) as z:
        assert len({n.split("/")[1] for n in z.namelist() if n.startswith("cases/")}) == 20
    r = tmp_path / "r.json"
    for n in range(1, 21):  # the trainee, on the command line
        argv = [
            "training",
            "answer",
            str(out),
            str(n),
            "suspect",
            "--results",
            str(r),
            "--trainee",
            "Trainee",
            "--seconds",
            "30",
        ]
        assert _run(argv + (["--finish"] if n == 20 else []))[0] == 0
    s = _json(["training", "score", str(out), str(r), "--json"])
    assert s["scores"][0]["counts"]["correct"] == 10
    assert s["scores"][0]["counts"]["genuine_refused"] == 10
    assert s["scores"][0]["finished"] is not None
