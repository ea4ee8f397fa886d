"""`docexam examine`: the JSON contract, exit codes, reports and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest
from png_samples import png_claiming

from docexam.cli.main import main
from docexam.synth.studio import write_document

TODAY = ["--today", "2026-09-01"]


@pytest.fixture(scope="module")
def genuine(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("genuine")
    write_document(out, "uto-passport-2021", seed=1_000_123, capture="scan")
    return out


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


# --- bad input: each gets a clear result or a clear error ---------------------------------
def _lights(folder: Path) -> dict[str, Path]:
    return {light: next(folder.glob(f"*{light}*")) for light in ("white", "uv", "ir")}


def test_huge_and_truncated_images_exit_2(genuine, tmp_path, capsys):
    huge = tmp_path / "huge.white.png"
    huge.write_bytes(png_claiming(60000, 60000))
    assert main(["examine", "--white", str(huge)]) == 2
    assert "60000 x 60000" in capsys.readouterr().err
    data = _lights(genuine)["white"].read_bytes()
    cut = tmp_path / "cut.white.jpg"
    cut.write_bytes(data[: len(data) // 3])
    assert main(["examine", "--white", str(cut)]) == 2
    err = capsys.readouterr().err
    assert "truncated" in err.lower() or "corrupt" in err.lower(), err


def test_uv_of_another_size_is_left_out(genuine, tmp_path, capsys):
    f = _lights(genuine)
    small = tmp_path / "small.uv.png"
    uv = cv2.imread(str(f["uv"]))
    cv2.imwrite(str(small), cv2.resize(uv, (uv.shape[1] // 2, uv.shape[0] // 2)))
    code = main(["examine", "--white", str(f["white"]), "--uv", str(small), "--ir", str(f["ir"]),
                 "--json", *TODAY])  # fmt: skip
    d = json.loads(capsys.readouterr().out)
    assert "LIGHT_SIZE_MISMATCH" in {r["code"] for r in d["reasons"]}
    assert all(f["status"] == "not_checked" for f in d["features"] if f["light"] == "uv365")
    assert code in (0, 1)


def test_ir_of_another_document_is_inconclusive(genuine, tmp_path, capsys):
    other = tmp_path / "other"
    write_document(other, "uto-passport-2021", seed=1_000_125, capture="scan")
    f, g = _lights(genuine), _lights(other)
    # the same scanner framing: the other document's IR warped onto this one's position
    mine = cv2.imread(str(f["white"]))
    ir = cv2.imread(str(g["ir"]), cv2.IMREAD_GRAYSCALE)
    t_mine = json.loads((genuine / "truth.json").read_text())
    t_other = json.loads((other / "truth.json").read_text())
    h1 = np.array(t_mine["capture"]["pages"]["data_page"]["homography_page_to_image"])
    h2 = np.array(t_other["capture"]["pages"]["data_page"]["homography_page_to_image"])
    moved = cv2.warpPerspective(ir, h1 @ np.linalg.inv(h2), (mine.shape[1], mine.shape[0]),
                                borderValue=200)  # fmt: skip
    swapped = tmp_path / "swapped.ir.png"
    cv2.imwrite(str(swapped), moved)
    code = main(["examine", "--white", str(f["white"]), "--uv", str(f["uv"]), "--ir",
                 str(swapped), "--json", *TODAY])  # fmt: skip
    d = json.loads(capsys.readouterr().out)
    assert code == 1 and d["verdict"] == "inconclusive", d["reasons"]
    assert d["reasons"][0]["code"] == "LIGHT_MISMATCH"


def test_blurred_capture_is_inconclusive(genuine, tmp_path, capsys):
    for light, path in _lights(genuine).items():
        img = cv2.imread(str(path), cv2.IMREAD_UNCHANGED)
        cv2.imwrite(str(tmp_path / f"blur.{light}.png"), cv2.GaussianBlur(img, (0, 0), 8))
    code = main(["examine", str(tmp_path), "--json", *TODAY])
    d = json.loads(capsys.readouterr().out)
    assert code == 1 and d["verdict"] == "inconclusive", d["reasons"]
    assert {"CAPTURE_TOO_BLURRED", "NO_DOCUMENT", "UNKNOWN_DOCUMENT"} & {
        r["code"] for r in d["reasons"][:1]}  # fmt: skip


def test_document_of_an_unknown_type_is_not_forced_onto_a_specimen(tmp_path, capsys):
    import shutil

    from docexam.specimens.library import default_library_root

    lib = tmp_path / "lib"
    lib.mkdir()
    for sid in ("uto-passport-2015", "uto-passport-2021", "uto-visa-2018"):
        shutil.copytree(default_library_root() / sid, lib / sid)
    card = tmp_path / "card"
    write_document(card, "uto-id-2019", seed=1_000_126, capture="scan")
    for side in ("front", "back"):
        code = main(["examine", "--white", str(next(card.glob(f"{side}.white*"))),
                     "--library", str(lib), "--json", *TODAY])  # fmt: skip
        d = json.loads(capsys.readouterr().out)
        assert code == 1 and d["verdict"] == "inconclusive", d["reasons"]
        assert d["reasons"][0]["code"] == "UNKNOWN_DOCUMENT"
        assert d["specimen"] is None or d["specimen"].get("id") is None


def test_a_cards_sides_are_examined_together(tmp_path, capsys):
    """The front's printed data is compared with the MRZ read on the back."""
    card = tmp_path / "card"
    write_document(card, "uto-id-2019", seed=1_000_128, forgery="viz_altered", capture="scan")
    code = main(["examine", str(card), "--json", *TODAY])
    d = json.loads(capsys.readouterr().out)
    assert code == 1 and d["verdict"] == "suspect", d["reasons"]
    assert {s["set"] for s in d["sides"]} == {"front", "back"}
    front = next(s for s in d["sides"] if s["set"] == "front")
    viz = next(f for f in front["features"] if f["id"] == "viz_mrz")
    assert (viz["status"], viz["code"]) == ("fail", "MRZ_VIZ_MISMATCH")
    assert any(r["set"] == "front" and r["code"] == "MRZ_VIZ_MISMATCH" for r in d["reasons"])
