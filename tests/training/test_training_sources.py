"""Cases from a trainer's folder (answers.json) and from the examination log."""

from __future__ import annotations

import json
import zipfile

import numpy as np
import pytest
from PIL import Image, PngImagePlugin

from docexam.cli.main import main
from docexam.errors import TrainingError
from docexam.examlog import ExamLog
from docexam.imaging.load import load_image, load_image_bytes
from docexam.training import (
    FolderSource,
    LogSource,
    build_session,
    open_package,
    parse_log_answers,
)
from docexam.training.external import side_names


def _img(seed: int, w: int = 120, h: int = 80) -> Image.Image:
    rng = np.random.default_rng(seed)
    return Image.fromarray(rng.integers(0, 255, (h, w, 3), dtype=np.uint8))


def _jpeg(path, seed: int, *, orientation: int = 1, text: str = "forged by hand") -> None:
    exif = Image.Exif()
    exif[0x010E] = text  # ImageDescription
    exif[0x0112] = orientation
    _img(seed).save(path, "JPEG", quality=92, exif=exif.tobytes(), comment=text.encode())


def _png(path, seed: int, text: str = "genuine sample") -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", text)
    _img(seed).save(path, "PNG", pnginfo=info)


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "real"
    (root / "forged_card").mkdir(parents=True)
    _jpeg(root / "forged_card" / "forged_front.white.jpg", 1)
    _jpeg(root / "forged_card" / "forged_front.uv.jpg", 2)
    _png(root / "forged_card" / "forged_back.white.png", 3)
    (root / "genuine_pass").mkdir()
    _jpeg(root / "genuine_pass" / "white.jpg", 4, orientation=6)  # rotated by EXIF
    _png(root / "genuine_pass" / "ir.png", 5)
    answers = {
        "forged_card": {
            "answer": "photo_substitution",
            "affected_features": ["printed_portrait"],
            "specimen": "uto-id-2019",
        },
        "genuine_pass": "genuine",
    }
    (root / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
    return root


def test_a_folder_session_keeps_answers_out_and_pixels_exact(folder, tmp_path):
    b = build_session(tmp_path / "real.dxs", FolderSource(folder), trainer="T")
    assert sorted(c.answer for c in b.key.cases) == ["genuine", "photo_substitution"]
    forged = next(c for c in b.key.cases if not c.genuine)
    assert forged.affected_features == ("printed_portrait",) and forged.specimen == "uto-id-2019"
    assert forged.source == {"kind": "folder", "folder": "forged_card"}
    with zipfile.ZipFile(b.package) as z:
        blob = b"".join(z.read(n) for n in z.namelist()).lower()
        names = " ".join(z.namelist())
    for word in (b"forged", b"genuine", b"by hand", b"photo_substitution", b"card", b"pass"):
        assert word not in blob and word.decode() not in names
    pkg = open_package(b.package)
    fc = pkg.manifest.case(forged.case_id)
    assert fc.sides == ("side1", "side2")  # the trainer's prefixes said "forged"
    gc = next(c for c in pkg.cases if c.id != forged.case_id)
    assert gc.sides == ("page",)
    # JPEG metadata stripped, pixels untouched, still the camera's JPEG
    assert fc.image("side2", "white").member.endswith(".jpg")
    front = load_image_bytes(pkg.image_bytes(fc.id, "side2", "white")).pixels
    assert np.array_equal(
        front, load_image(folder / "forged_card" / "forged_front.white.jpg").pixels
    )
    # the EXIF-rotated photo: stored as the pixels the loader shows (a lossless PNG)
    img = gc.image("page", "white")
    assert img.member.endswith(".png")
    rotated = load_image(folder / "genuine_pass" / "white.jpg").pixels
    assert np.array_equal(load_image_bytes(pkg.image_bytes(gc.id, "page", "white")).pixels, rotated)


@pytest.mark.parametrize(
    ("answers", "words"),
    [
        ({"forged_card": "genuine"}, "no answer for the folder genuine_pass"),
        ({"forged_card": "genuine", "genuine_pass": "genuine", "ghost": "genuine"}, "ghost"),
        (
            {
                "forged_card": {"answer": "genuine", "affected_features": ["x"]},
                "genuine_pass": "genuine",
            },
            "empty for a genuine",
        ),
        ({"forged_card": {"answer": "Photo Swap"}, "genuine_pass": "genuine"}, "answer"),
        ([], "expected an object"),
    ],
)
def test_answers_that_do_not_fit_the_folder_are_refused(folder, tmp_path, answers, words):
    (folder / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
    with pytest.raises(TrainingError) as e:
        build_session(tmp_path / "x.dxs", FolderSource(folder), trainer="T")
    assert e.value.code == "ANSWERS_INVALID" and words in e.value.message
    assert not (tmp_path / "x.dxs").exists() and not (tmp_path / "x.key.json").exists()


def test_side_names():
    assert side_names(["front", "back"]) == {"front": "front", "back": "back"}
    assert side_names([""]) == {"": "page"}
    assert side_names(["b", "a"]) == {"a": "side1", "b": "side2"}


def _exam() -> dict:
    return {
        "verdict": "suspect",
        "reasons": [],
        "features": [],
        "not_checked": [],
        "specimen": {
            "id": "uto-passport-2021",
            "side": "data_page",
            "score": 0.9,
            "margin": 0.3,
            "candidates": [],
        },
        "mrz": {
            "found": False,
            "lines": [],
            "valid": False,
            "checks": {},
            "fields": {},
            "errors": [],
            "warnings": [],
        },
        "quality": {"problems": [], "judgeable": True},
        "elapsed_ms": 1.0,
    }


def test_cases_from_the_log(tmp_path):
    db = tmp_path / "log" / "examlog.sqlite"
    buf = {}
    for light, seed in (("white", 11), ("uv365", 12)):
        _png(tmp_path / f"{light}.png", seed)
        buf[light] = (tmp_path / f"{light}.png").read_bytes()
    with ExamLog.open(db) as log:
        ref = log.record_examination(_exam(), images=buf, officer="o", station="s")
    answers = parse_log_answers(f"{ref.exam_id}=uv_print_missing:uv_emblem")
    b = build_session(tmp_path / "log.dxs", LogSource(db, answers), trainer="T")
    (case,) = b.key.cases
    assert case.answer == "uv_print_missing" and case.affected_features == ("uv_emblem",)
    assert case.specimen == "uto-passport-2021"
    pkg = open_package(b.package)
    sets = pkg.capture_sets(case.case_id)
    assert list(sets) == ["page"] and set(sets["page"].images) == {"white", "uv365"}
    assert np.array_equal(sets["page"].images["white"], load_image_bytes(buf["white"]).pixels)
    with zipfile.ZipFile(b.package) as z:
        assert ref.exam_id.encode() not in z.read("session.json")
    # the same from the command line
    out = tmp_path / "cli.dxs"
    argv = [
        "training",
        "new",
        "--out",
        str(out),
        "--from-log",
        f"{ref.exam_id}=genuine",
        "--log-db",
        str(db),
    ]
    assert main(argv) == 0
    assert json.loads((tmp_path / "cli.key.json").read_text())["cases"][0]["answer"] == "genuine"


@pytest.mark.parametrize("text", ["", "x", "x=genuine:uv_emblem", "a=b,a=c", "x=Bad Id"])
def test_log_answers_syntax(text):
    with pytest.raises(TrainingError) as e:
        parse_log_answers(text)
    assert e.value.code == "BAD_SPEC"
