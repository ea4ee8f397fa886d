"""The package a trainee receives: no answers anywhere in it, and every change detected.

The answer-key tests alter real packages (an image, the manifest, an extra member) and
real keys (another session's), and expect the refusals the trainer would see."""

from __future__ import annotations

import json
import re
import struct
import zipfile

import pytest
from training_samples import copy_session, rewrite_zip

from docexam.errors import TrainingError
from docexam.synth import forgeries
from docexam.synth.designs import DESIGNS
from docexam.training import (
    SessionSettings,
    StudioSource,
    build_session,
    key_path_for,
    load_key,
    open_package,
)
from docexam.training.package import MANIFEST

ANSWER_WORDS = [
    "genuine",
    "forg",
    "answer",
    "affected",
    "specimen",
    "seed",
    "capture",
    *forgeries.IDS,
    *DESIGNS,
]


def _png_chunks(data: bytes) -> list[bytes]:
    out, pos = [], 8
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos : pos + 4])
        out.append(data[pos + 4 : pos + 8])
        pos += 12 + n
    return out


def _jpeg_markers(data: bytes) -> list[int]:
    out, pos = [], 2
    while pos < len(data) and data[pos + 1] != 0xDA:
        out.append(data[pos + 1])
        pos += 2 + struct.unpack(">H", data[pos + 2 : pos + 4])[0]
    return out


@pytest.fixture(scope="module")
def captured(tmp_path_factory):
    """A session of real captures (mixed devices: PNG and JPEG files) at full resolution."""
    out = tmp_path_factory.mktemp("captured") / "exam.dxs"
    src = StudioSource(
        cases=4,
        forged_share=0.5,
        capture="mixed",
        seed=77,
        specimens=("uto-id-2019",),
        forgeries=("uv_print_missing", "mrz_altered"),
    )
    return build_session(
        out, src, trainer="T", settings=SessionSettings(show_automatic_verdict=True)
    )


def test_no_member_of_the_package_names_an_answer(built, captured):
    for b in (built, captured):
        key = json.loads(b.key_path.read_text(encoding="utf-8"))
        seeds = [str(c["source"]["seed"]) for c in key["cases"]] + [str(key["build"]["seed"])]
        with zipfile.ZipFile(b.package) as z:
            assert z.namelist()[-1] == MANIFEST and len(z.namelist()) > 1
            for info in z.infolist():
                data = z.read(info).lower()
                for word in ANSWER_WORDS:
                    assert word.encode() not in data, (word, info.filename)
                    assert word not in info.filename.lower()
                if info.filename == MANIFEST:
                    numbers = set(re.findall(rb"\d+", data))
                    assert not numbers & {s.encode() for s in seeds}
                assert info.date_time == (1980, 1, 1, 0, 0, 0)
                deflated = info.filename.endswith(".json")
                assert info.compress_type == (
                    zipfile.ZIP_DEFLATED if deflated else zipfile.ZIP_STORED
                )
        assert not any(b.key_path.name in n for n in zipfile.ZipFile(b.package).namelist())


def test_case_ids_are_random_and_files_are_named_alike_for_every_answer(captured):
    m, key = captured.manifest, captured.key
    assert {c.answer for c in key.cases} >= {"genuine"} and len(m.cases) == 4
    names = set()
    for c in m.cases:
        assert re.fullmatch(r"[0-9a-f]{8}", c.id)
        names.add(
            tuple(sorted(re.sub(r"\.(png|jpg)$", "", i.member.split("/")[-1]) for i in c.images))
        )
    assert names == {
        ("back.ir870", "back.uv365", "back.white", "front.ir870", "front.uv365", "front.white")
    }
    # the case order is shuffled: the manifest's order is the key's, not "genuine last"
    assert [c.case_id for c in key.cases] == list(m.case_ids)


def test_images_carry_no_metadata(captured):
    kinds = set()
    with zipfile.ZipFile(captured.package) as z:
        for name in z.namelist():
            data = z.read(name)
            if name.endswith(".png"):
                assert set(_png_chunks(data)) <= {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}
                kinds.add("png")
            elif name.endswith(".jpg"):
                assert not set(_jpeg_markers(data)) & ({*range(0xE1, 0xF0), 0xFE} - {0xEE})
                kinds.add("jpg")
    assert kinds == {"jpg", "png"} or kinds == {"jpg"}


def test_a_trainee_package_opens_without_its_key_and_exposes_no_answer(built, tmp_path):
    pkg_path, key_path = copy_session(built, tmp_path)
    key_path.unlink()  # the trainee never has it
    pkg = open_package(pkg_path)
    assert pkg.manifest.case_ids == built.manifest.case_ids
    d = pkg.manifest.to_dict()
    assert set(d) == {
        "format",
        "format_version",
        "id",
        "title",
        "trainer",
        "created",
        "settings",
        "cases",
    }
    assert all(set(c) == {"id", "sides", "images"} for c in d["cases"])
    assert not any(hasattr(pkg, a) for a in ("key", "answers", "answer"))
    sets = pkg.capture_sets(pkg.cases[0].id)
    assert set(sets) == set(pkg.cases[0].sides)
    assert all("white" in cs.images for cs in sets.values())


def test_the_key_matches_only_its_own_package(built, tmp_path):
    pkg_path, key_path = copy_session(built, tmp_path)
    pkg = open_package(pkg_path)
    key = load_key(key_path, package=pkg)
    assert key.session_id == pkg.id and key.manifest_sha256 == pkg.manifest_sha256
    assert key_path_for(pkg_path) == key_path
    assert [c.answer for c in key.cases].count("genuine") == 3
    assert all(c.affected_features for c in key.cases if not c.genuine)
    other = build_session(
        tmp_path / "other.dxs",
        StudioSource(cases=1, capture="none", seed=1, px_per_mm=4.0),
        trainer="T",
    )
    with pytest.raises(TrainingError) as e:
        load_key(other.key_path, package=pkg)
    assert e.value.code == "KEY_MISMATCH" and "session" in e.value.message
    with pytest.raises(TrainingError) as e:
        load_key(tmp_path / "missing.key.json", package=pkg)
    assert e.value.code == "KEY_NOT_FOUND"


def test_an_altered_manifest_is_refused_by_the_key(built, tmp_path):
    pkg_path, key_path = copy_session(built, tmp_path)
    with zipfile.ZipFile(pkg_path) as z:
        m = json.loads(z.read(MANIFEST))
    m["settings"]["time_limit_s"] = 600  # a trainee buying time
    altered = tmp_path / "altered.dxs"
    rewrite_zip(pkg_path, altered, {MANIFEST: json.dumps(m).encode()})
    pkg = open_package(altered)  # a well-formed package ...
    with pytest.raises(TrainingError) as e:  # ... but not the one the key was written for
        load_key(key_path, package=pkg)
    assert e.value.code == "KEY_MISMATCH" and "changed" in e.value.message


@pytest.mark.parametrize("how", ["image", "extra", "missing", "not_zip", "manifest_json"])
def test_a_tampered_package_is_refused(built, tmp_path, how):
    pkg_path, _ = copy_session(built, tmp_path)
    img = built.manifest.cases[0].images[0].member
    bad = tmp_path / "bad.dxs"
    with zipfile.ZipFile(pkg_path) as z:
        data = bytearray(z.read(img))
    data[-20] ^= 0xFF
    if how == "image":  # same size, other bytes: only the SHA-256 tells
        rewrite_zip(pkg_path, bad, {img: bytes(data)})
    elif how == "extra":
        rewrite_zip(pkg_path, bad, {"answers.json": b"{}"})
    elif how == "missing":
        rewrite_zip(pkg_path, bad, {img: None})
    elif how == "manifest_json":
        rewrite_zip(pkg_path, bad, {MANIFEST: b"{not json"})
    else:
        bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(TrainingError) as e:
        open_package(bad)
    assert e.value.code == "PACKAGE_INVALID"
    if how == "image":  # refused on loading too, when opened without the full check
        pkg = open_package(bad, verify=False)
        with pytest.raises(TrainingError, match="SHA-256"):
            pkg.capture_sets(built.manifest.cases[0].id)


def test_a_manifest_with_an_unknown_field_is_refused(built, tmp_path):
    pkg_path, _ = copy_session(built, tmp_path)
    with zipfile.ZipFile(pkg_path) as z:
        m = json.loads(z.read(MANIFEST))
    m["cases"][0]["answer"] = "genuine"
    bad = tmp_path / "bad.dxs"
    rewrite_zip(pkg_path, bad, {MANIFEST: json.dumps(m).encode()})
    with pytest.raises(TrainingError, match="unknown field"):
        open_package(bad)


def test_existing_files_are_not_overwritten(built, tmp_path):
    pkg_path, _ = copy_session(built, tmp_path)
    with pytest.raises(TrainingError) as e:
        build_session(pkg_path, StudioSource(cases=1, capture="none", px_per_mm=4.0), trainer="T")
    assert e.value.code == "OUTPUT_EXISTS"
    assert pkg_path.read_bytes() == built.package.read_bytes()
