"""Scanners through the real ``scanimage`` and SANE's ``test`` backend (a real SANE device).

Hermetic: ``SANE_CONFIG_DIR`` points at a temporary folder whose ``dll.conf`` enables only
``test``, so the machine's scanners, network discovery and /etc/sane.d play no part.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from docexam.capture.sane import ScannerSource, list_scanners, run_scan, scan
from docexam.capture.types import Frame, FrameSource
from docexam.errors import CaptureError, InputError

pytestmark = pytest.mark.skipif(shutil.which("scanimage") is None,
                                reason="scanimage (sane-utils) is not installed")  # fmt: skip

# The test backend's read delay: 200 ms after every buffer makes a 600 dpi page take ~15 s.
SLOW = ("--read-delay=yes", "--read-delay-duration=200000")


@pytest.fixture(autouse=True)
def sane_test_backend(tmp_path, monkeypatch) -> Path:
    conf = tmp_path / "sane.d"
    conf.mkdir()
    (conf / "dll.conf").write_text("test\n")
    monkeypatch.setenv("SANE_CONFIG_DIR", str(conf))
    return conf


def _scanimage_children() -> list[int]:
    """scanimage processes that are children of this test process (none may be left)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        comm = text[text.index("(") + 1 : text.rindex(")")]
        ppid = int(text[text.rindex(")") + 2 :].split()[1])
        if comm == "scanimage" and ppid == os.getpid():
            found.append(int(stat.parent.name))
    return found


def _near(shape, expected, tol=1) -> bool:
    """Pixel sizes of mm at a dpi are rounded by the backend: allow one pixel."""
    return all(abs(a - b) <= tol for a, b in zip(shape, expected, strict=True))


def test_list_shows_the_test_devices():
    names = [s.device for s in list_scanners(timeout=20)]
    assert names[:2] == ["test:0", "test:1"]
    first = list_scanners(timeout=20)[0]
    assert first.vendor == "Noname" and "frontend-tester" in first.label


def test_list_is_empty_without_backends(sane_test_backend):
    (sane_test_backend / "dll.conf").write_text("# nothing\n")
    assert list_scanners(timeout=20) == []


def test_two_resolutions_scale_the_page():
    lo = scan("test:0", resolution=75, mode="Color", timeout=30)
    hi = scan("test:0", resolution=150, mode="Color", timeout=30)
    # the default area is 80 x 100 mm: 236 x 295 px at 75 dpi
    assert lo.shape == (295, 236, 3) and lo.dtype == np.uint8 and not lo.flags.writeable
    assert abs(hi.shape[0] - 2 * lo.shape[0]) <= 2 and abs(hi.shape[1] - 2 * lo.shape[1]) <= 2


def test_gray_and_colour_modes():
    pattern = ("--test-picture=Color pattern",)
    gray = scan("test:0", resolution=50, mode="Gray", options=pattern, timeout=30)
    colour = scan("test:0", resolution=50, mode="Color", options=pattern, timeout=30)
    assert gray.shape[2] == 3  # loader's rule: every image comes back as BGR
    assert np.array_equal(gray[..., 0], gray[..., 2]) and gray.std() > 0
    assert not np.array_equal(colour[..., 0], colour[..., 2])


def test_scan_area_in_mm():
    img = scan("test:1", resolution=100, mode="Gray", area_mm=(10, 10, 30, 20), timeout=30)
    assert abs(img.shape[1] - 118) <= 2 and abs(img.shape[0] - 79) <= 2  # 30 x 20 mm


@pytest.mark.parametrize(("fmt", "magic"), [("png", b"\x89PNG"), ("tiff", b"MM"), ("pnm", b"P")])
def test_formats_are_decoded_safely(fmt, magic):
    res = run_scan("test:0", resolution=50, fmt=fmt, options=("--test-picture=Grid",), timeout=30)
    assert res.data.startswith(magic) and res.format == fmt
    assert _near(res.image.shape[:2], (197, 157)) and res.image.min() == 0
    assert res.image.max() == 255


def test_rounded_values_are_kept_as_notes():
    res = run_scan("test:0", resolution=5000, area_mm=(0, 0, 1, 1), timeout=30)
    assert any("rounded value of resolution" in n for n in res.notes)


def test_slow_scan_times_out_and_the_process_is_gone():
    t0 = time.monotonic()
    with pytest.raises(CaptureError) as ei:
        scan("test:0", resolution=600, options=SLOW, timeout=1.5)
    elapsed = time.monotonic() - t0
    assert ei.value.code == "TIMEOUT" and "1.5 s" in ei.value.message
    assert 1.4 <= elapsed <= 1.5 + 2.0
    assert _scanimage_children() == []


def test_cancel_stops_a_running_scan():
    cancel = threading.Event()
    timer = threading.Timer(0.7, cancel.set)
    timer.start()
    t0 = time.monotonic()
    try:
        with pytest.raises(CaptureError) as ei:
            scan("test:0", resolution=600, options=SLOW, timeout=60, cancel=cancel)
    finally:
        timer.cancel()
    assert ei.value.code == "CANCELLED"
    assert time.monotonic() - t0 < 0.7 + 2.0
    assert _scanimage_children() == []
    with pytest.raises(CaptureError, match="cancelled"):  # already cancelled: nothing started
        scan("test:0", resolution=50, cancel=cancel)


@pytest.mark.parametrize(
    ("status", "code", "words"),
    [("SANE_STATUS_JAMMED", "SCAN_FAILED", "jammed"),
     ("SANE_STATUS_COVER_OPEN", "SCAN_FAILED", "cover is open"),
     ("SANE_STATUS_DEVICE_BUSY", "DEVICE_BUSY", "busy")],
)  # fmt: skip
def test_scanner_errors_carry_the_scanners_words(status, code, words):
    # SANE's test backend itself sometimes never exits after reporting the error status
    # (scanimage alone, no docexam: 2 hangs in 60 runs with COVER_OPEN); scan() then
    # rightly stops it with TIMEOUT. Retried, so this checks the wording, not that race.
    for _ in range(4):
        with pytest.raises(CaptureError) as ei:
            scan("test:0", resolution=50, options=(f"--read-return-value={status}",), timeout=8)
        if ei.value.code != "TIMEOUT":
            break
    assert ei.value.code == code and words in ei.value.message.lower()


def test_unknown_device_and_bad_mode():
    with pytest.raises(CaptureError) as ei:
        scan("nosuch:0", resolution=50, timeout=30)
    assert ei.value.code == "NO_DEVICE" and "nosuch:0" in ei.value.message
    with pytest.raises(CaptureError) as ei:
        scan("test:0", resolution=50, mode="Lineart", timeout=30)
    assert ei.value.code == "SCAN_FAILED" and "--mode" in ei.value.message


def test_a_crashing_scanner_program_is_an_error_not_a_crash():
    # scanimage 1.1 aborts on an assertion for 1-bit colour from the test backend
    with pytest.raises(CaptureError) as ei:
        scan("test:0", resolution=50, mode="Color", options=("--depth=1",), timeout=30)
    assert ei.value.code == "SCAN_FAILED"


def test_scanimage_missing(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(CaptureError) as ei:
        list_scanners()
    assert ei.value.code == "TOOL_MISSING" and "sane" in ei.value.message.lower()
    with pytest.raises(CaptureError) as ei:
        scan("test:0")
    assert ei.value.code == "TOOL_MISSING"


@pytest.mark.parametrize(
    "kw",
    [{"resolution": 0}, {"resolution": -300}, {"resolution": 1.5}, {"mode": ""},
     {"area_mm": (0, 0, 0, 10)}, {"area_mm": (-1, 0, 10, 10)}, {"area_mm": (1, 2, 3)},
     {"timeout": 0}, {"options": ("--resolution=50",)}, {"options": ("-x 5",)}],
)  # fmt: skip
def test_bad_parameters_are_input_errors(kw):
    with pytest.raises(InputError):
        scan("test:0", **kw)


def test_scanner_as_a_frame_source():
    with ScannerSource("test:1", resolution=50, mode="Gray", timeout=30) as src:
        assert isinstance(src, FrameSource)
        a, b = src.read(), src.read()
    assert isinstance(a, Frame) and (a.index, b.index) == (0, 1)
    assert _near(a.image.shape[:2], (197, 157)) and a.source == "scanner test:1"
    with pytest.raises(CaptureError):
        src.read()
