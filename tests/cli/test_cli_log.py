"""`docexam examine --log` and `docexam log ...`: the real CLI on a real SQLite log."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from docexam.cli.main import main
from docexam.synth.studio import write_document

TODAY = ["--today", "2026-09-01"]


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """No user settings, no $DOCEXAM_DB: every test names its own log."""
    monkeypatch.setenv("DOCEXAM_SETTINGS", str(tmp_path / "settings.json"))
    for var in ("DOCEXAM_DB", "DOCEXAM_OFFICER", "DOCEXAM_STATION", "DOCEXAM_RETENTION_DAYS"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("docs")
    write_document(root / "genuine", "uto-passport-2021", seed=1_000_123, capture="scan")
    write_document(root / "forged", "uto-passport-2015", seed=1_000_124,
                   forgery="counterfeit_reprint", capture="scan")  # fmt: skip
    write_document(root / "card", "uto-id-2019", seed=1_000_128, capture="scan")
    return {p.name: p for p in root.iterdir()}


@pytest.fixture(scope="module")
def logged(docs, tmp_path_factory) -> dict:
    """A log with three examinations: genuine (admitted), forged (referred), a card."""
    db = tmp_path_factory.mktemp("log") / "examlog.sqlite"
    out = {"db": db}
    mp = pytest.MonkeyPatch()
    mp.setenv("DOCEXAM_SETTINGS", str(db.parent / "settings.json"))
    mp.delenv("DOCEXAM_DB", raising=False)
    try:
        for name, extra in (("genuine", ["--decision", "admitted"]),
                            ("forged", ["--decision", "referred", "--note", "проверить ИК"]),
                            ("card", ["--log-evidence", "all"])):  # fmt: skip
            who = ["--officer", "k.ivanova", "--station", "post-3"]
            argv = ["examine", str(docs[name]), "--json", "--log", "--db", str(db), *who]
            code, d = _json([*argv, *extra, *TODAY])
            out[name] = d
            out[f"{name}_code"] = code
    finally:
        mp.undo()
    return out


def _json(argv: list[str]) -> tuple[int, object]:
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = main(argv)
    return code, json.loads(buf.getvalue()) if buf.getvalue().strip() else None


def _db(logged) -> list[str]:
    return ["--db", str(logged["db"])]


def test_examine_log_prints_the_entry_and_keeps_the_images(logged, docs):
    d = logged["forged"]
    assert logged["forged_code"] == 1 and d["verdict"] == "suspect"
    assert logged["genuine_code"] == 0
    assert set(d["log"]) >= {"id", "seq", "hash"} and len(d["log"]["hash"]) == 64
    assert logged["card"]["log"]["seq"] == 3
    code, case = _json(["log", "show", d["log"]["id"], "--json", *_db(logged)])
    assert code == 0
    assert case["examination"]["verdict"] == "suspect"
    assert case["officer"] == "k.ivanova" and case["station"] == "post-3"
    assert case["decision"]["decision"] == "referred"
    roles = {i["role"]: i for i in case["images"]}
    white = next(docs["forged"].glob("*white*"))
    assert roles["white"]["sha256"] == hashlib.sha256(white.read_bytes()).hexdigest()
    assert {"uv365", "ir870"} <= set(roles)
    failed = {f["id"] for f in d["features"] if f["status"] in ("fail", "inconclusive")}
    evidence = {r.split("/")[1] for r in roles if r.startswith("evidence/")}
    assert evidence and evidence <= failed  # by default only the findings' evidence
    for role in (r for r in roles if r.startswith("evidence/")):  # evidence is kept as JPEG
        assert Path(roles[role]["path"]).read_bytes()[:3] == b"\xff\xd8\xff", role
    assert case["entries"][0]["hash"] == d["log"]["hash"]


def test_a_cards_sides_are_logged_by_set(logged):
    _code, case = _json(["log", "show", logged["card"]["log"]["id"], "--json", *_db(logged)])
    roles = {i["role"] for i in case["images"]}
    assert {"front/white", "back/white", "front/uv365", "back/ir870"} <= roles
    assert any(r.startswith("evidence/front/") for r in roles)  # --log-evidence all
    assert "sides" in case["examination"]


def test_list_and_filters(logged, capsys):
    code, rows = _json(["log", "list", "--json", *_db(logged)])
    assert code == 0 and len(rows) == 3
    assert rows[0]["id"] == logged["card"]["log"]["id"]  # newest first
    code, rows = _json(["log", "list", "--json", "--verdict", "suspect", *_db(logged)])
    assert [r["id"] for r in rows] == [logged["forged"]["log"]["id"]]
    number = logged["forged"]["mrz"]["fields"]["document_number"]
    surname = logged["forged"]["mrz"]["fields"]["surname"]
    for flt in (["--document-number", number], ["--name", surname[:4].lower()],
                ["--decision", "referred"]):  # fmt: skip
        code, rows = _json(["log", "list", "--json", *flt, *_db(logged)])
        assert [r["id"] for r in rows] == [logged["forged"]["log"]["id"]], flt
    today = dt.datetime.now(dt.UTC).date()
    code, rows = _json(["log", "list", "--json", "--from", str(today - dt.timedelta(days=1)),
                        "--to", str(today + dt.timedelta(days=1)), "--officer", "k.ivanova",
                        "--station", "post-3", *_db(logged)])  # fmt: skip
    assert len(rows) == 3
    code, rows = _json(["log", "list", "--json", "--to", "2000-01-01", *_db(logged)])
    assert rows == []
    code, rows = _json(["log", "list", "--json", "--limit", "1", *_db(logged)])
    assert len(rows) == 1
    capsys.readouterr()
    assert main(["log", "list", *_db(logged)]) == 0
    out = capsys.readouterr().out
    assert "suspect" in out and surname in out and out.count("\n") == 4


def test_show_human(logged, capsys):
    assert main(["log", "show", logged["forged"]["log"]["id"], *_db(logged)]) == 0
    out = capsys.readouterr().out
    assert "SUSPECT" in out and "MICROPRINT_LOST" in out and "referred" in out
    assert logged["forged"]["log"]["hash"] in out


def test_stats_and_export(logged, tmp_path, capsys):
    assert main(["log", "stats", "--by", "verdict", *_db(logged)]) == 0
    out = capsys.readouterr().out
    assert "suspect" in out and "consistent" in out
    assert main(["log", "stats", "--by", "reason", "--period", "month", "--csv", *_db(logged)]) == 0
    rows = list(csv.reader(capsys.readouterr().out.splitlines()))
    assert rows[0] == ["period", "reason", "count"]
    assert any(r[1] == "MICROPRINT_LOST" for r in rows[1:])
    assert main(["log", "export", "--format", "csv", "--out", str(tmp_path / "x.csv"),
                 *_db(logged)]) == 0  # fmt: skip
    assert len(list(csv.DictReader((tmp_path / "x.csv").open()))) == 3
    assert main(["log", "export", "--format", "jsonl", "--out", str(tmp_path / "x.jsonl"),
                 "--verdict", "suspect", *_db(logged)]) == 0  # fmt: skip
    lines = (tmp_path / "x.jsonl").read_text().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["verdict"] == "suspect"


def test_report_pdf_and_html(logged, tmp_path, capsys):
    case_id = logged["forged"]["log"]["id"]
    assert main(["log", "report", case_id, "--out", str(tmp_path / "r.pdf"), *_db(logged)]) == 0
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert main(["log", "report", case_id, "--out", str(tmp_path / "r.html"), *_db(logged)]) == 0
    page = (tmp_path / "r.html").read_text()
    assert "SUSPECT" in page and "MICROPRINT_LOST" in page and "data:image/jpeg;base64," in page
    _code, case = _json(["log", "show", case_id, "--json", *_db(logged)])
    evidence = [Path(i["path"]).read_bytes() for i in case["images"] if "evidence/" in i["role"]]
    assert evidence and all(base64.b64encode(b).decode() in page for b in evidence)  # as stored
    assert main(["log", "report", case_id, "--out", str(tmp_path / "r.doc"), *_db(logged)]) == 2


def _copy(logged, tmp_path) -> list[str]:
    """A private copy of the shared log (tests that write must not disturb the others)."""
    import shutil

    db = tmp_path / "copy.sqlite"
    src = sqlite3.connect(logged["db"])
    dst = sqlite3.connect(db)
    src.backup(dst)
    src.close()
    dst.close()
    shutil.copytree(Path(str(logged["db"]) + ".images"), Path(str(db) + ".images"))
    return ["--db", str(db)]


def test_decide_review_correct(logged, tmp_path, capsys):
    db = _copy(logged, tmp_path)
    case_id = logged["forged"]["log"]["id"]
    assert main(["log", "decide", case_id, "--decision", "refused", "--note", "подделка",
                 "--officer", "k.ivanova", "--station", "post-3", *db]) == 0  # fmt: skip
    assert main(["log", "review", case_id, "--finding", "counterfeit confirmed",
                 "--officer", "expert.petrov", *db]) == 0  # fmt: skip
    assert main(["log", "correct", case_id, "--reason", "misread surname",
                 "--set", "surname=IVANOVA", *db]) == 0  # fmt: skip
    assert "correction" in capsys.readouterr().out
    _code, case = _json(["log", "show", case_id, "--json", *db])
    assert case["decision"]["decision"] == "refused"
    assert case["summary"]["surname"] == "IVANOVA"
    kinds = [e["kind"] for e in case["entries"]]
    assert kinds == ["examination", "decision", "review", "correction"]
    assert main(["log", "verify", *db]) == 0
    assert main(["log", "correct", case_id, "--reason", "x", "--set", "colour=red", *db]) == 2
    assert "cannot correct colour" in capsys.readouterr().err
    assert main(["log", "correct", case_id, "--reason", "x", "--set", "nonsense", *db]) == 2


def test_verify_intact_then_tampered(logged, tmp_path, capsys):
    db = _copy(logged, tmp_path)
    assert main(["log", "verify", *db]) == 0
    out = capsys.readouterr().out
    assert "entries checked: 3" in out and "images checked:" in out and "head: #3" in out
    anchor = out.split("--anchor ")[1].split(")")[0]
    assert main(["log", "verify", "--anchor", anchor, *db]) == 0
    assert main(["log", "verify", "--anchor", "3:" + "0" * 64, *db]) == 1
    assert main(["log", "verify", "--anchor", "three", *db]) == 2
    capsys.readouterr()
    with sqlite3.connect(db[1]) as conn:
        conn.execute("UPDATE entries SET content = replace(content, 'suspect', 'consistent') "
                     "WHERE seq = 2")  # fmt: skip
    assert main(["log", "verify", *db]) == 1
    out = capsys.readouterr().out
    assert "PROBLEM changed: entry #2" in out and logged["forged"]["log"]["id"] in out


def test_export_case_and_import_elsewhere(logged, tmp_path, capsys):
    case_id = logged["forged"]["log"]["id"]
    package = tmp_path / "case.docexam"
    assert main(["log", "export-case", case_id, "--out", str(package), *_db(logged)]) == 0
    other = ["--db", str(tmp_path / "lab" / "lab.sqlite")]
    assert main(["log", "import", str(package), "--by", "expert.petrov", *other]) == 0
    assert f"imported case {case_id}" in capsys.readouterr().out
    assert main(["log", "import", str(package), *other]) == 0
    assert "already in the log" in capsys.readouterr().out
    _code, case = _json(["log", "show", case_id, "--json", *other])
    assert case["examination"]["verdict"] == "suspect"
    assert main(["log", "verify", *other]) == 0
    bad = tmp_path / "bad.docexam"
    bad.write_bytes(b"not a case")
    assert main(["log", "import", str(bad), *other]) == 2


def test_purge_by_retention_setting(tmp_path, capsys, monkeypatch):
    from docexam.examlog import ExamLog
    from docexam.settings import defaults, save_settings

    db = tmp_path / "p.sqlite"
    old = dt.datetime.now(dt.UTC) - dt.timedelta(days=40)
    with ExamLog.open(db) as log:
        ref = log.record_examination({"verdict": "consistent", "reasons": []},
                                     images={"white": b"\x89PNG fake"}, officer="a",
                                     station="s", when=old)  # fmt: skip
        log.record_examination({"verdict": "suspect", "reasons": []}, images={},
                               officer="a", station="s")  # fmt: skip
    save_settings(defaults().replace(retention_days=30), tmp_path / "settings.json")
    assert main(["log", "purge", "--db", str(db), "--by", "dpo"]) == 0
    out = capsys.readouterr().out
    assert "older than 30 days" in out and "1 case(s)" in out and "purge recorded" in out
    _code, case = _json(["log", "show", ref.exam_id, "--json", "--db", str(db)])
    assert case["purged"] is True and case["examination"] is None
    assert main(["log", "report", ref.exam_id, "--out", str(tmp_path / "t.html"),
                 "--db", str(db)]) == 0  # fmt: skip
    assert "PURGED" in (tmp_path / "t.html").read_text()
    assert main(["log", "purge", "--older-than", "365", "--db", str(db)]) == 0
    assert "0 case(s)" in capsys.readouterr().out
    assert main(["log", "verify", "--db", str(db)]) == 0


def test_bad_input_exits_2(logged, tmp_path, capsys, docs):
    assert main(["log", "show", "no-such-id", *_db(logged)]) == 2
    assert "no examination no-such-id" in capsys.readouterr().err
    assert main(["log", "list", "--from", "2026-13-01", *_db(logged)]) == 2
    assert "--from" in capsys.readouterr().err
    assert main(["log", "list", "--from", "2026-02-01", "--to", "2026-01-01", *_db(logged)]) == 2
    assert main(["log", "list", "--db", str(tmp_path / "none" / "x.sqlite")]) == 2
    assert "no examination log" in capsys.readouterr().err
    notalog = tmp_path / "notalog.sqlite"
    notalog.write_text("hello")
    assert main(["log", "verify", "--db", str(notalog)]) == 2
    assert "not a docexam log" in capsys.readouterr().err
    with pytest.raises(SystemExit) as err:
        main(["log", "decide", "x", "--decision", "maybe", *_db(logged)])
    assert err.value.code == 2


def test_a_log_that_cannot_be_written_keeps_the_verdict(docs, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be")
    code = main(["examine", str(docs["genuine"]), "--log", "--db", str(blocker / "x.sqlite"),
                 *TODAY])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 2
    assert "CONSISTENT" in out and "logged" not in out  # the verdict is not lost
    assert "docexam: error:" in err and str(blocker) in err
    assert main(["examine", str(docs["genuine"]), "--db", "x.sqlite", *TODAY]) == 2
    assert "go with --log" in capsys.readouterr().err


def test_officer_and_station_default_from_settings(docs, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DOCEXAM_OFFICER", "from.env")
    monkeypatch.setenv("DOCEXAM_DB", str(tmp_path / "env.sqlite"))
    assert main(["settings", "set", "station_id", "gate-9"]) == 0
    white = next(docs["genuine"].glob("*white*"))
    code, d = _json(["examine", "--white", str(white), "--json", "--log", *TODAY])
    assert code in (0, 1) and "log" in d
    code, case = _json(["log", "show", d["log"]["id"], "--json"])
    assert (case["officer"], case["station"]) == ("from.env", "gate-9")
    assert [i["role"] for i in case["images"] if not i["role"].startswith("evidence")] == ["white"]
