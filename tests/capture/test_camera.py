"""`open_source`: cameras, video files, image sequences and MJPEG streams, for real.

No device is faked: missing cameras are really missing here (the tests that need one to be
absent skip when it exists), videos are written by OpenCV's FFmpeg writer, streams are
served over loopback HTTP by the test, and they really stop or go silent mid-way.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import socket
import threading
import time
from pathlib import Path

import cv2
import numpy as np
import pytest

from docexam.capture.camera import open_source
from docexam.capture.live import detect_document
from docexam.capture.types import Frame, FrameSource
from docexam.errors import CaptureError, ImageLoadError


def _read_all(src: FrameSource, timeout: float = 5.0) -> list[Frame]:
    out = []
    while (f := src.read(timeout)) is not None:
        out.append(f)
    return out


def _digest(img: np.ndarray) -> str:
    return hashlib.sha256(img.tobytes()).hexdigest()


# Devices -------------------------------------------------------------------------------


@pytest.mark.parametrize("spec", [0, 9, "0", "9", "/dev/video9"])
def test_missing_camera_is_no_device_at_once(spec):
    index = spec if isinstance(spec, int) else int(str(spec).removeprefix("/dev/video"))
    if os.path.exists(f"/dev/video{index}"):
        pytest.skip(f"/dev/video{index} exists on this machine")
    t0 = time.monotonic()
    with pytest.raises(CaptureError) as exc:
        open_source(spec, timeout=5.0)
    assert exc.value.code == "NO_DEVICE"
    assert time.monotonic() - t0 < 1.0  # decided, not waited out


@pytest.mark.parametrize("spec", [-1, True, None, 3.5, b"0", "ftp://host/x.avi",
                                  "file:///tmp/x.avi", "/no/such/file.avi", "   "])  # fmt: skip
def test_specs_that_name_no_source_are_source_invalid(spec):
    with pytest.raises(CaptureError) as exc:
        open_source(spec)
    assert exc.value.code == "SOURCE_INVALID"


def test_folder_and_pattern_problems_are_source_invalid(tmp_path):
    (tmp_path / "notes.txt").write_text("no images here")
    for spec in (tmp_path, tmp_path / "f%04d.png", tmp_path / "f%d_%d.png",
                 tmp_path / "missing" / "f%04d.png"):  # fmt: skip
        with pytest.raises(CaptureError) as exc:
            open_source(spec)
        assert exc.value.code == "SOURCE_INVALID", spec
    fake = tmp_path / "clip.avi"
    fake.write_text("this is not a video")
    with pytest.raises(CaptureError) as exc:
        open_source(fake)
    assert exc.value.code == "SOURCE_INVALID"


BAD_OPTIONS = [{"width": 0}, {"height": -5}, {"width": 2.5}, {"timeout": -1}, {"timeout": "5"},
               {"timeout": float("nan")}]  # fmt: skip


@pytest.mark.parametrize("kw", BAD_OPTIONS)
def test_bad_options_raise_value_error_naming_them(kw, clip_video):
    with pytest.raises(ValueError, match=next(iter(kw))):
        open_source(clip_video, **kw)


# Video files ---------------------------------------------------------------------------


def test_video_file_every_frame_in_order_then_none(clip, clip_video: Path):
    with open_source(clip_video) as src:
        assert isinstance(src, FrameSource)
        frames = _read_all(src)
        assert src.read(1.0) is None and src.read(0) is None  # the end stays the end
    assert [f.index for f in frames] == list(range(len(clip.frames)))
    assert all(b.t >= a.t for a, b in itertools.pairwise(frames))
    for f, original in zip(frames, clip.frames, strict=True):
        assert f.image.shape == (720, 1280, 3) and f.image.dtype == np.uint8
        assert not f.image.flags.writeable
        assert f.source == str(clip_video)
        diff = np.abs(f.image.astype(np.int16) - original).mean()
        assert diff < 6, diff  # MJPG is lossy, but it is this frame


CODECS = [("MJPG", ".avi", False), ("mp4v", ".mp4", False), ("XVID", ".avi", False),
          ("FFV1", ".avi", True)]  # fmt: skip


@pytest.mark.parametrize(("fourcc", "ext", "exact"), CODECS)
def test_codecs_this_opencv_writes_are_read_back(tmp_path, studio, fourcc, ext, exact):
    frames = [studio.frame(studio.quad(600 + 10 * i, 360), noise_seed=i, size=(1280, 720))
              for i in range(6)]  # fmt: skip
    path = tmp_path / f"clip{ext}"
    studio.write_video(path, frames, fourcc)
    with open_source(path) as src:
        got = _read_all(src)
    assert len(got) == len(frames)
    if exact:  # FFV1 is lossless (its colour conversion round-trips exactly here)
        assert all(np.array_equal(a.image, b) for a, b in zip(got, frames, strict=True))


def test_width_and_height_are_for_cameras_only(clip_video):
    with open_source(clip_video, width=640, height=480) as src:
        assert src.read().image.shape == (720, 1280, 3)


# Image sequences -----------------------------------------------------------------------


def test_sequence_folder_pattern_and_single_image(clip, clip_sequence: Path):
    with open_source(clip_sequence) as src:
        frames = _read_all(src)
    assert len(frames) == len(clip.frames)
    assert all(np.array_equal(f.image, o) for f, o in zip(frames, clip.frames, strict=True))
    with open_source(str(clip_sequence / "frame_%04d.png")) as src:
        assert [f.index for f in _read_all(src)] == list(range(len(clip.frames)))
    with open_source(clip_sequence / "frame_0007.png") as src:
        one = _read_all(src)
    assert len(one) == 1 and np.array_equal(one[0].image, clip.frames[7])


def test_sequence_orders_numbers_naturally(tmp_path):
    for i in (1, 2, 10, 11):
        cv2.imwrite(str(tmp_path / f"f{i}.png"), np.full((20, 30, 3), i, np.uint8))
    with open_source(tmp_path) as src:
        assert [int(f.image[0, 0, 0]) for f in _read_all(src)] == [1, 2, 10, 11]
    with open_source(tmp_path / "f%d.png") as src:
        assert [int(f.image[0, 0, 0]) for f in _read_all(src)] == [1, 2, 10, 11]


def test_broken_file_in_sequence_raises_and_earlier_frames_stay(tmp_path, clip):
    for i in range(3):
        cv2.imwrite(str(tmp_path / f"f{i}.png"), clip.frames[i])
    (tmp_path / "f3.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 50)
    with open_source(tmp_path) as src:
        kept = [src.read() for _ in range(3)]
        before = [_digest(f.image) for f in kept]
        with pytest.raises(ImageLoadError):
            src.read()
        with pytest.raises(ImageLoadError):  # and again, not a hang or a None
            src.read()
    assert [_digest(f.image) for f in kept] == before


def test_close_is_idempotent_and_reading_after_it_is_value_error(clip_video):
    src = open_source(clip_video)
    assert src.read() is not None
    src.close()
    src.close()
    with pytest.raises(ValueError, match="closed"):
        src.read()


# MJPEG over HTTP -----------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_mjpeg_stream_delivers_frames_with_the_document(clip, mjpeg_server):
    rest = clip.frames[12:20]
    server = mjpeg_server(rest, fps=25, then="close")
    with open_source(server.url, timeout=3.0) as src:
        assert src.name == server.url
        f = src.read(3.0)
        frames = [f]
        while len(frames) < 4:
            frames.append(src.read(3.0))
        assert [x.index for x in frames] == sorted({x.index for x in frames})
        det = detect_document(f.image)
        assert det.in_frame and np.abs(det.quad - clip.quads[12]).max() < 3
        with pytest.raises(CaptureError) as exc:  # the server closed: lost, not a hang
            while True:
                frames.append(src.read(3.0))
        assert exc.value.code in ("DEVICE_LOST", "TIMEOUT")


def test_stream_that_goes_silent_fails_within_the_timeout(clip, mjpeg_server):
    server = mjpeg_server(clip.frames[12:18], fps=25, then="stall")
    src = open_source(server.url, timeout=1.0)  # FFmpeg's read timeout: 1 s
    kept, digests = [], []
    try:
        with pytest.raises(CaptureError) as exc:
            while True:
                f = src.read(3.0)
                kept.append(f)
                digests.append(_digest(f.image))
                t_last = time.monotonic()
        waited = time.monotonic() - t_last
    finally:
        src.close()
    assert exc.value.code in ("DEVICE_LOST", "TIMEOUT")
    assert kept and waited < 2.5, waited
    assert [_digest(f.image) for f in kept] == digests  # frames read before stay valid


def test_read_timeout_holds_even_when_the_backend_would_wait_longer(clip, mjpeg_server):
    server = mjpeg_server(clip.frames[12:14], fps=25, then="stall")
    with open_source(server.url, timeout=30.0) as src:  # FFmpeg would wait 30 s
        while True:
            t0 = time.monotonic()
            try:
                src.read(0.5)
            except CaptureError as exc:
                assert exc.code == "TIMEOUT"
                break
        assert time.monotonic() - t0 < 1.5


def test_close_from_another_thread_cancels_a_waiting_read(clip, mjpeg_server):
    server = mjpeg_server(clip.frames[12:13], fps=25, then="stall")
    src = open_source(server.url, timeout=30.0)
    src.read(5.0)
    got: list[BaseException] = []

    def reader() -> None:
        try:
            src.read(20.0)
        except BaseException as exc:  # handed to the test thread
            got.append(exc)

    t = threading.Thread(target=reader)
    t.start()
    time.sleep(0.3)
    t0 = time.monotonic()
    src.close()
    t.join(5.0)
    assert not t.is_alive() and time.monotonic() - t0 < 2.0
    assert isinstance(got[0], CaptureError) and got[0].code == "CANCELLED"


def test_nobody_at_the_url_is_no_device(tmp_path):
    url = f"http://user:secret@127.0.0.1:{_free_port()}/video.mjpg"
    t0 = time.monotonic()
    with pytest.raises(CaptureError) as exc:
        open_source(url, timeout=2.0)
    assert exc.value.code == "NO_DEVICE" and time.monotonic() - t0 < 3.5
    assert "secret" not in str(exc.value)  # credentials stay out of messages


def test_server_that_never_answers_is_bounded_by_the_timeout():
    with socket.socket() as listener:  # accepts connections (the kernel does), says nothing
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/video.mjpg"
        t0 = time.monotonic()
        with pytest.raises(CaptureError) as exc:
            open_source(url, timeout=1.0)
        assert exc.value.code in ("NO_DEVICE", "TIMEOUT")
        assert time.monotonic() - t0 < 3.0
