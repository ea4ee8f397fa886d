"""A logged case examined again from the captures the log stored (docexam.examlog.reopen).

The examinations are real: a studio document, captured as a scanner would, decoded from
the capture files' bytes as ``docexam examine DIR --log`` does, examined, and recorded
with the roles cli/log_record.py gives the images (``white`` ... for one set,
``<set>/<light>`` for a card's sides, ``evidence/...`` beside them)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from log_samples import exam_dict as sample_exam
from log_samples import png

from docexam.errors import InputError, LogError
from docexam.examine.captureset import from_images
from docexam.examine.document import examine_document
from docexam.examine.pipeline import examine
from docexam.examlog import ExamLog, ImageRef
from docexam.examlog.exam_images import evidence_images
from docexam.examlog.reopen import (
    capture_roles,
    capture_sets_from_case,
    recorded_day,
    recorded_specimen_id,
    reexamine,
)
from docexam.imaging.load import load_image_bytes
from docexam.specimens.library import default_library_root, load_library
from docexam.synth.capture import simulate_capture
from docexam.synth.studio import make_document

TODAY = dt.date(2026, 9, 1)  # the studio's reference date
WHEN = dt.datetime(2026, 9, 1, 12, 0, tzinfo=dt.UTC)  # the same day in every time zone


@pytest.fixture(scope="module")
def library():
    return load_library(default_library_root())


def _captures(specimen: str, seed: int) -> dict[str, tuple[dict[str, bytes], object]]:
    """side -> (light -> file bytes, the capture set decoded from those bytes)."""
    doc = make_document(specimen, seed=seed)
    out = {}
    for i, (side, imgs) in enumerate(doc.images.items()):
        cap = simulate_capture(imgs, px_per_mm=doc.plan.px_per_mm, mode="scan", seed=seed + i)
        files = {light: data for light, (_, data) in cap.encoded.items()}
        pixels = {light: load_image_bytes(data).pixels for light, data in files.items()}
        out[side] = (files, from_images(pixels, name=side))
    return out


def _record_single(log: ExamLog, library, seed: int = 1_000_003):
    """One capture set, as ``docexam examine --white ... --log`` records it."""
    ((files, cs),) = _captures("uto-passport-2021", seed).values()
    exam = examine(cs, library, today=TODAY)
    images = {**files, **evidence_images([("", exam)], "all")}
    ref = log.record_examination(exam.to_dict(), images=images, officer="o1", station="s1",
                                 decision="admitted", when=WHEN)  # fmt: skip
    return ref.exam_id, exam, cs


def test_one_capture_set_reopens_pixel_exact_and_gives_the_same_verdict(tmp_path, library):
    with ExamLog.open(tmp_path / "log.sqlite") as log:
        exam_id, exam, cs = _record_single(log, library)
        sets = capture_sets_from_case(log, exam_id)
        assert list(sets) == [""]
        again = sets[""]
        assert set(again.lights) == {"white", "uv365", "ir870"}
        for light in again.lights:
            assert np.array_equal(again.images[light], cs.images[light]), light
            assert not again.images[light].flags.writeable
        case = log.get(exam_id)
        assert recorded_day(case) == TODAY
        assert recorded_specimen_id(case.examination) == "uto-passport-2021"
        doc, case = reexamine(log, exam_id, library)
    assert doc.verdict == exam.verdict == case.examination["verdict"]
    assert [r.code for r in doc.sides[0][1].reasons] == [r.code for r in exam.reasons]


def test_sides_of_a_card_reopen_by_set_name(tmp_path, library):
    caps = _captures("uto-id-2019", 1_000_011)
    sets = {side: cs for side, (_, cs) in caps.items()}
    dx = examine_document(sets, library, today=TODAY)
    images = {f"{side}/{light}": data for side, (files, _) in caps.items()
              for light, data in files.items()}  # fmt: skip
    images.update(evidence_images(list(dx.sides)))
    with ExamLog.open(tmp_path / "log.sqlite") as log:
        ref = log.record_examination(dx.to_dict(), images=images, officer="o1", station="s1",
                                     when=WHEN)  # fmt: skip
        again = capture_sets_from_case(log, ref.exam_id)
        assert set(again) == {"front", "back"}
        for side, cs in again.items():
            assert cs.name == side
            for light in cs.lights:
                assert np.array_equal(cs.images[light], sets[side].images[light])
        doc, case = reexamine(log, ref.exam_id, library)
    assert doc.verdict == dx.verdict == case.examination["verdict"]
    assert [n for n, _ in doc.sides] == [n for n, _ in dx.sides]


def test_purged_missing_and_changed_images_are_clear_errors(tmp_path, library):
    with ExamLog.open(tmp_path / "log.sqlite") as log:
        exam_id, _, _ = _record_single(log, library, seed=1_000_004)
        white = next(i for i in log.get(exam_id).images if i.role == "white")
        path = Path(white.path)
        original = path.read_bytes()

        path.chmod(0o644)
        path.write_bytes(original[:-10] + b"0123456789")  # same size, other content
        with pytest.raises(LogError) as err:
            capture_sets_from_case(log, exam_id)
        assert err.value.code == "DB_CORRUPT" and "white" in err.value.message

        path.unlink()
        with pytest.raises(LogError) as err:
            capture_sets_from_case(log, exam_id)
        assert err.value.code == "NOT_FOUND" and "white" in err.value.message

        path.write_bytes(original)
        assert capture_sets_from_case(log, exam_id)  # restored: usable again

        with pytest.raises(LogError) as err:
            capture_sets_from_case(log, "no-such-case")
        assert err.value.code == "NOT_FOUND"

        log.purge(older_than_days=30, by="dpo", now=WHEN + dt.timedelta(days=31))
        with pytest.raises(LogError) as err:
            capture_sets_from_case(log, exam_id)
        assert err.value.code == "NOT_FOUND" and "purged" in err.value.message
        with pytest.raises(LogError, match="purged"):
            reexamine(log, exam_id, library)


def test_a_case_without_captures_or_without_white(tmp_path):
    with ExamLog.open(tmp_path / "log.sqlite") as log:
        ev = log.record_examination(sample_exam(), images={"evidence/mrz/heatmap": png(1)},
                                    officer="o", station="s")  # fmt: skip
        with pytest.raises(LogError, match="without its capture images"):
            capture_sets_from_case(log, ev.exam_id)
        uv = log.record_examination(sample_exam(), images={"uv365": png(2)}, officer="o",
                                    station="s")  # fmt: skip
        with pytest.raises(InputError, match="no white-light image"):
            capture_sets_from_case(log, uv.exam_id)


def test_roles_and_recorded_specimen():
    refs = [ImageRef(r, "0" * 64, None, 1) for r in (
        "white", "uv365", "front/white", "back/ir870", "evidence/front/mrz/heatmap",
        "evidence/uv_substrate/questioned", "thumbnail")]  # fmt: skip
    roles = capture_roles(refs)
    assert {k: sorted(v) for k, v in roles.items()} == {
        "": ["uv365", "white"],
        "front": ["white"],
        "back": ["ir870"],
    }
    spec = {"id": "uto-id-2019", "side": "front"}
    assert recorded_specimen_id({"specimen": spec}) == "uto-id-2019"
    assert recorded_specimen_id({"specimen": None}) is None
    assert recorded_specimen_id({"sides": [{"specimen": spec}, {"specimen": spec}]}) == spec["id"]
    assert recorded_specimen_id({"sides": [{"specimen": spec}, {"specimen": None}]}) is None
    other = {"id": "uto-passport-2021"}
    assert recorded_specimen_id({"sides": [{"specimen": spec}, {"specimen": other}]}) is None
    assert recorded_specimen_id(None) is None
