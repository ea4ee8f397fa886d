"""Live detection and auto-capture on composed webcam frames of a studio passport.

The auto-capture scene (conftest ``clip``) is read back through the real sources: the MJPG
video file and the PNG sequence, frame by frame, as a live view would get it.
"""

from __future__ import annotations

import numpy as np
import pytest

from docexam.capture.camera import open_source
from docexam.capture.gates import check_gates
from docexam.capture.live import AutoCapture, Detection, detect_document
from docexam.capture.types import Frame
from docexam.examine.quality import MIN_SHARPNESS


def _frame(img: np.ndarray, i: int = 0) -> Frame:
    img.setflags(write=False)
    return Frame(image=img, index=i, t=float(i) / 25)


def test_document_outline_in_a_live_frame(studio):
    quad = studio.quad(640, 360, deg=4.0)
    img = studio.frame(quad)
    before = img.copy()
    det = detect_document(img)
    assert isinstance(det, Detection)
    assert det.in_frame and det.problem == ""
    assert np.abs(det.quad - quad).max() < 2.0
    assert det.sharpness >= MIN_SHARPNESS and det.glare < 0.01
    assert np.array_equal(img, before)  # the frame is not touched


def test_other_frame_sizes(studio):
    quad = studio.quad(480, 300, px_per_mm=4.0)
    det = detect_document(studio.frame(quad, size=(960, 600)))
    assert det.in_frame and np.abs(det.quad - quad).max() < 3.0


def test_grey_frames_are_accepted(studio):
    """(The page finder leans on colour print: a grey frame may show no document.)"""
    grey = studio.frame(studio.quad(640, 360)).mean(2).astype(np.uint8)
    assert isinstance(detect_document(grey), Detection)


def test_empty_desk_has_no_document(studio):
    det = detect_document(studio.frame(None))
    assert det.quad is None and not det.in_frame and det.problem == "NO_DOCUMENT"
    assert det.sharpness is None and det.glare is None


@pytest.mark.parametrize("shift", [(-420, 0), (430, 0), (0, -260), (0, 270), (330, 0)])
def test_a_document_partly_out_of_frame_is_not_in_frame(studio, shift):
    quad = studio.quad(640, 360) + shift
    det = detect_document(studio.frame(quad))
    assert not det.in_frame
    assert det.problem in ("NO_DOCUMENT", "AT_BORDER", "CUT_OFF")


def test_blurred_frame_is_found_but_not_sharp(studio):
    det = detect_document(studio.frame(studio.quad(640, 360), blur=3.0))
    assert det.quad is not None and det.sharpness < MIN_SHARPNESS


@pytest.mark.parametrize("kw", [{"work_px": 10}, {"work_px": True}, {"expected_aspects": [0]}])
def test_bad_options_are_value_errors(studio, kw):
    with pytest.raises(ValueError, match=next(iter(kw))):
        detect_document(studio.frame(None), **kw)


def test_bad_image_is_value_error():
    with pytest.raises(ValueError, match="image"):
        detect_document(np.zeros((720, 1280, 3), np.float32))


# Auto-capture ----------------------------------------------------------------------------


@pytest.mark.parametrize("source", ["clip_video", "clip_sequence"])
def test_auto_capture_keeps_one_still_sharp_frame_per_placement(clip, source, request):
    auto = AutoCapture()
    kept, statuses = [], []
    with open_source(request.getfixturevalue(source)) as src:
        while (frame := src.read(5.0)) is not None:
            got = auto.feed(frame)
            statuses.append(auto.status)
            if got is not None:
                kept.append((frame.index, got))
    assert len(kept) == 2, [i for i, _ in kept]
    (at1, first), (at2, second) = kept
    # From the still part, never from the frames where the page slid in (3-10).
    assert clip.still[first.index] and clip.still[second.index]
    assert 11 <= first.index <= at1 <= 20
    assert 30 <= second.index <= at2
    assert at1 - 11 + 1 == auto.still_frames  # as soon as it has been still for N frames
    assert statuses[at1] == "captured" and set(statuses[at1:26]) == {"captured"}
    assert "moving" in statuses[3:11] or "not_in_frame" in statuses[3:11]
    for f, q in ((first, clip.quads[first.index]), (second, clip.quads[second.index])):
        assert np.abs(detect_document(f.image).quad - q).max() < 3.0
    report = check_gates(first.image, size_mm=(125, 88))
    assert report.passed, [(r.gate, r.value) for r in report.failed]


def test_slow_drift_is_never_still(studio):
    auto = AutoCapture(still_frames=4, max_motion_px=3.0)
    for i in range(10):  # 2 px a frame: under the limit per frame, not over four frames
        img = studio.frame(studio.quad(560 + 2 * i, 360), noise_seed=i)
        assert auto.feed(_frame(img, i)) is None
    assert auto.armed


def test_moving_to_a_new_place_re_arms_without_leaving(studio):
    auto = AutoCapture(still_frames=3)
    places = [studio.quad(600, 360)] * 5 + [studio.quad(700, 400)] * 5
    kept = [i for i, q in enumerate(places)
            if auto.feed(_frame(studio.frame(q, noise_seed=i), i)) is not None]  # fmt: skip
    assert kept == [2, 7]


def test_one_missed_frame_does_not_re_arm(studio):
    auto = AutoCapture(still_frames=3, leave_frames=3)
    quad = studio.quad(600, 360)
    scene = [quad] * 4 + [None] * 2 + [quad] * 4 + [None] * 3 + [quad] * 3
    kept = [i for i, q in enumerate(scene)
            if auto.feed(_frame(studio.frame(q, noise_seed=i), i)) is not None]  # fmt: skip
    assert kept == [2, 15]  # two frames away: the same placement; three: a new one
    auto.reset()
    assert auto.armed and auto.status == "no_document"


@pytest.mark.parametrize("kw", [{"still_frames": 0}, {"leave_frames": 1.5},
                                {"max_motion_px": -1}, {"min_sharpness": "high"}])  # fmt: skip
def test_auto_capture_options_are_checked(kw):
    with pytest.raises(ValueError, match=next(iter(kw))):
        AutoCapture(**kw)


def test_feed_takes_frames(studio):
    with pytest.raises(ValueError, match="frame"):
        AutoCapture().feed(studio.frame(None))
