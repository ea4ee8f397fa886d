"""The studio's files: specimen library, documents with truth.json, batches; faults."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import cv2
import numpy as np
import pytest

from docexam.cli.main import main
from docexam.errors import StudioError
from docexam.specimens.library import load_library, validate_path
from docexam.synth import forgeries
from docexam.synth.studio import render_specimens, write_document

K = 3.0
REPO_LIBRARY = Path(__file__).resolve().parents[2] / "reference_specimens"


@pytest.fixture(scope="module")
def small_library(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("lib")
    render_specimens(out, px_per_mm=K)
    return out


def test_rendered_library_validates_and_loads(small_library):
    problems = validate_path(small_library)
    assert [p for p in problems if p.severity == "error"] == []
    lib = load_library(small_library)
    assert lib.ids == ("uto-id-2019", "uto-passport-2015", "uto-passport-2021", "uto-visa-2018")
    card = lib.get("uto-id-2019")
    assert [p.side for p in card.pages] == ["front", "back"]
    for spec in lib:
        assert spec.fictional and spec.issuing_state == "UTO"
        for page in spec.pages:
            assert set(page.images) == {"white", "uv365", "ir870"}
            types = {f.type for f in page.features}
            assert "uv_dull_substrate" in types and "ir_dropout_ink" in types


def test_two_passport_series_differ_in_design(small_library):
    lib = load_library(small_library)
    a = cv2.imread(str(lib.get("uto-passport-2015").pages[0].image_path("white")))
    b = cv2.imread(str(lib.get("uto-passport-2021").pages[0].image_path("white")))
    assert a.shape == b.shape
    assert np.abs(a.astype(int) - b.astype(int)).mean() > 8
    za = lib.get("uto-passport-2015").pages[0].zones["portrait"]
    zb = lib.get("uto-passport-2021").pages[0].zones["portrait"]
    assert za != zb


def test_document_truth_and_files(tmp_path):
    w = write_document(tmp_path / "d", "uto-passport-2021", seed=5, forgery="viz_altered")
    truth = json.loads((tmp_path / "d" / "truth.json").read_text(encoding="utf-8"))
    assert truth["specimen"] == "uto-passport-2021"
    assert truth["forgery"] == "viz_altered"
    assert truth["affected_features"] == ["viz_mrz"]
    assert truth["zones_are_manifest_zones"] is True
    assert len(truth["mrz"]) == 2 and len(truth["mrz"][0]) == 44
    assert truth["holder"]["issuing_state"] == "UTO"
    assert sorted(w.files) == sorted(f"data_page.{x}.png" for x in ("white", "uv365", "ir870"))
    white = cv2.imread(str(tmp_path / "d" / "data_page.white.png"))
    assert white.shape[:2] == (round(88 * 300 / 25.4), round(125 * 300 / 25.4))
    ir = cv2.imread(str(tmp_path / "d" / "data_page.ir870.png"), cv2.IMREAD_UNCHANGED)
    assert ir.ndim == 2


@pytest.mark.parametrize("capture", ["scan", "camera", "phone"])
def test_document_captures(tmp_path, capture):
    w = write_document(tmp_path, "uto-visa-2018", seed=2, capture=capture)
    truth = w.truth
    assert truth["zones_are_manifest_zones"] is False
    quad = np.array(truth["capture"]["pages"]["front"]["page_quad"])
    img = cv2.imread(str(tmp_path / w.files[0]))
    assert quad.shape == (4, 2)
    assert (quad[:, 0] > -5).all() and (quad[:, 0] < img.shape[1] + 5).all()


def test_documents_reproducible(tmp_path):
    a = write_document(tmp_path / "a", "uto-id-2019", seed=9, forgery="uv_print_foreign")
    b = write_document(tmp_path / "b", "uto-id-2019", seed=9, forgery="uv_print_foreign")
    for name in a.files:
        assert (a.folder / name).read_bytes() == (b.folder / name).read_bytes()
    assert a.truth == b.truth


def test_bad_requests_are_clear(tmp_path):
    with pytest.raises(StudioError, match="no bundled specimen design 'nope'"):
        write_document(tmp_path, "nope", seed=1)
    with pytest.raises(StudioError, match="unknown forgery 'glue'"):
        write_document(tmp_path, "uto-visa-2018", seed=1, forgery="glue")
    with pytest.raises(StudioError, match="does not apply") as exc:
        write_document(tmp_path, "uto-visa-2018", seed=1, forgery="ghost_image_mismatch")
    assert exc.value.code == "NOT_APPLICABLE"
    with pytest.raises(StudioError, match="unknown capture"):
        write_document(tmp_path, "uto-visa-2018", seed=1, capture="fax")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StudioError, match="cannot create") as exc:
        write_document(blocker / "sub", "uto-visa-2018", seed=1)
    assert exc.value.code == "WRITE_FAILED"


@pytest.fixture
def tiny_disk(tmp_path):
    """A real 256 KiB tmpfs: writing a document there fills it."""
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mnt)],
                       capture_output=True)  # fmt: skip
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.decode().strip()}")
    yield mnt
    subprocess.run(["umount", str(mnt)], check=False)


def test_full_disk_is_an_error_and_leaves_no_partial_file(tiny_disk):
    with pytest.raises(StudioError, match="No space left") as exc:
        write_document(tiny_disk / "doc", "uto-passport-2015", seed=1)
    assert exc.value.code == "WRITE_FAILED"
    leftovers = list((tiny_disk / "doc").glob("*.part"))
    assert leftovers == []
    for f in (tiny_disk / "doc").iterdir():  # whatever was written is whole
        assert cv2.imread(str(f)) is not None


def test_cli_forgeries_lists_catalogue(capsys):
    assert main(["synth", "forgeries", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == list(forgeries.IDS)
    assert all(r["description"] and r["breaks"] for r in rows)
    assert main(["synth", "forgeries"]) == 0
    assert "photo_substitution" in capsys.readouterr().out


def test_cli_document_and_errors(tmp_path, capsys):
    out = tmp_path / "doc"
    code = main(["synth", "document", "--specimen", "uto-passport-2015", "--forgery",
                 "mrz_altered", "--seed", "3", "--out", str(out)])  # fmt: skip
    assert code == 0
    truth = json.loads((out / "truth.json").read_text(encoding="utf-8"))
    assert truth["forgery"] == "mrz_altered"
    assert set(truth["affected_features"]) == {"mrz_check_digits", "viz_mrz"}
    capsys.readouterr()
    code = main(["synth", "document", "--specimen", "uto-visa-2018", "--forgery",
                 "ghost_image_mismatch", "--out", str(tmp_path / "x")])  # fmt: skip
    assert code == 2
    assert "does not apply to uto-visa-2018" in capsys.readouterr().err


def test_cli_batch_writes_labelled_set(tmp_path, capsys):
    out = tmp_path / "batch"
    code = main(["synth", "batch", "--out", str(out), "--n", "4", "--forged", "0.5",
                 "--specimens", "uto-visa-2018", "--seed", "1"])  # fmt: skip
    assert code == 0
    rows = [json.loads(x) for x in (out / "labels.jsonl").read_text().splitlines()]
    assert len(rows) == 4
    for row in rows:
        truth = json.loads((out / row["folder"] / "truth.json").read_text(encoding="utf-8"))
        assert truth["forgery"] == row["forgery"]
        assert truth["affected_features"] == row["affected_features"]
        assert bool(row["forgery"]) == bool(row["affected_features"])
    assert main(["synth", "batch", "--out", str(out), "--n", "0"]) == 2
    assert main(["synth", "batch", "--out", str(out), "--captures", "fax"]) == 2


@pytest.mark.skipif(not (REPO_LIBRARY / "uto-passport-2015").is_dir(), reason="not rendered")
def test_bundled_library_is_valid():
    problems = validate_path(REPO_LIBRARY)
    assert [p for p in problems if p.severity == "error"] == []
    assert len(load_library(REPO_LIBRARY).specimens) >= 4
    total = sum(f.stat().st_size for f in REPO_LIBRARY.rglob("*") if f.is_file())
    assert total < 25 * 2**20


@pytest.mark.slow
@pytest.mark.skipif(not (REPO_LIBRARY / "uto-passport-2015").is_dir(), reason="not rendered")
def test_bundled_library_is_what_the_command_renders(tmp_path):
    """`docexam synth specimens --out reference_specimens` reproduces the committed library."""
    render_specimens(tmp_path)
    for folder in sorted(tmp_path.iterdir()):
        committed = REPO_LIBRARY / folder.name
        fresh = json.loads((folder / "specimen.json").read_text(encoding="utf-8"))
        assert json.loads((committed / "specimen.json").read_text(encoding="utf-8")) == fresh
        for img in folder.glob("*.png"):
            a = cv2.imread(str(img), cv2.IMREAD_UNCHANGED).astype(int)
            b = cv2.imread(str(committed / img.name), cv2.IMREAD_UNCHANGED).astype(int)
            assert a.shape == b.shape, img.name
            assert np.abs(a - b).mean() < 0.5, img.name  # font rasteriser versions may differ
