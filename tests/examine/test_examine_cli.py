"""`docexam examine`: the JSON contract, exit codes, reports and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from docexam.cli.main import main
from docexam.synth.studio import write_document

TODAY = ["--today", "2026-09-01"]


@pytest.fixture(scope="module")
def genuine(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("genuine")
    write_document(out, "uto-passport-2021", seed=1_000_123, capture="scan")
    return out


@pytest.mark.xfail(reason="issue 4 open: thresholds not calibrated yet", strict=False)
def test_genuine_is_consistent_with_the_json_contract(genuine, capsys):
    code = main(["examine", str(genuine), "--json", *TODAY])
    d = json.loads(capsys.readouterr().out)
    assert code == 0, d["reasons"]
    assert d["verdict"] == "consistent"
    for key in ("verdict", "reasons", "specimen", "mrz", "features", "quality", "elapsed_ms"):
        assert key in d
    assert d["specimen"]["id"] == "uto-passport-2021"
    assert {"id", "score"} <= set(d["specimen"]["candidates"][0])
    assert d["mrz"]["valid"] is True
    for f in d["features"]:
        assert {"id", "type", "light", "status", "score", "threshold", "code", "message"} <= set(f)
        assert f["status"] in ("pass", "fail", "inconclusive", "not_checked")
    assert all(f["status"] != "fail" for f in d["features"])


@pytest.mark.xfail(reason="issue 4 open: reason codes not aligned with the issue yet",
                   strict=False)  # fmt: skip
def test_forgery_is_suspect_with_report(tmp_path, capsys):
    doc = tmp_path / "doc"
    write_document(doc, "uto-passport-2015", seed=1_000_124, forgery="counterfeit_reprint",
                   capture="camera")  # fmt: skip
    out = tmp_path / "report"
    code = main(["examine", str(doc), "--json", "--out", str(out), *TODAY])
    d = json.loads(capsys.readouterr().out)
    assert code == 1 and d["verdict"] == "suspect"
    codes = {r["code"] for r in d["reasons"]}
    assert {"UV_BRIGHT_SUBSTRATE", "IR_MRZ_NOT_VISIBLE"} <= codes, codes
    assert (out / "report.html").is_file() and (out / "result.json").is_file()
    assert list(out.glob("evidence.*.png")) and (out / "normalised.white.png").is_file()


def test_white_only_leaves_uv_ir_not_checked(genuine, capsys):
    white = next(genuine.glob("*white*"))
    code = main(["examine", "--white", str(white), "--json", *TODAY])
    d = json.loads(capsys.readouterr().out)
    uv_ir = [f for f in d["features"] if f["light"] in ("uv365", "ir870")]
    assert uv_ir and all(f["status"] == "not_checked" for f in uv_ir)
    assert code in (0, 1)


def test_no_document(tmp_path, capsys):
    blank = tmp_path / "white.png"
    cv2.imwrite(str(blank), np.full((600, 800, 3), 200, np.uint8))
    code = main(["examine", "--white", str(blank), "--json", *TODAY])
    d = json.loads(capsys.readouterr().out)
    assert code == 1 and d["verdict"] == "inconclusive"
    assert d["reasons"][0]["code"] == "NO_DOCUMENT"


def test_bad_input_exits_2(tmp_path, capsys):
    pdf = tmp_path / "white.jpg"
    pdf.write_bytes(b"%PDF-1.7\n" + b"0" * 200)
    assert main(["examine", "--white", str(pdf)]) == 2
    assert "PDF" in capsys.readouterr().err
    assert main(["examine", str(tmp_path / "empty_missing")]) == 2
    assert main(["examine"]) == 2
    assert main(["examine", "--white", str(pdf), "--specimen", "nope"]) == 2
    assert main(["examine", "--white", str(pdf), "--today", "yesterday"]) == 2
