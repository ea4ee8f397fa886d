"""The drop-folder watcher on a real folder fed by real writer threads: slow writes in
pieces, files renamed in, lights one after another, files that never complete, a folder
that vanishes."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import cv2
import numpy as np
import pytest

from docexam.capture.dropfolder import ArrivedSet, light_of, watch
from docexam.errors import CaptureError
from docexam.examine.captureset import find_capture_sets

SETTLE = 0.4
POLL = 0.05


def _png(seed: int, shape=(240, 320)) -> tuple[bytes, np.ndarray]:
    """A noisy image (PNG barely compresses it, so pieces of it are real partial files)."""
    img = np.random.default_rng(seed).integers(0, 256, (*shape, 3), dtype=np.uint8)
    ok, buf = cv2.imencode(".png", img)
    assert ok
    return buf.tobytes(), img


def _write_slowly(path: Path, data: bytes, pieces: int, pause: float) -> None:
    step = -(-len(data) // pieces)
    with open(path, "wb") as f:
        for i in range(0, len(data), step):
            f.write(data[i : i + step])
            f.flush()
            os.fsync(f.fileno())
            time.sleep(pause)


def _run(
    folder: Path, writer, *, timeout: float = 8.0, expect: int | None = None, **kw
) -> tuple[list[tuple[ArrivedSet, float]], list[str]]:
    """Watch ``folder`` while ``writer`` runs in a thread; (sets with arrival times, notices).

    ``expect``: stop as soon as that many sets arrived (else watch until ``timeout``)."""
    notices: list[str] = []
    got = []
    t = threading.Thread(target=writer, daemon=True)
    kw = {"settle": SETTLE, "poll": POLL, "notice": notices.append, **kw}
    gen = watch(folder, timeout=timeout, **kw)
    t.start()
    for s in gen:
        got.append((s, time.monotonic()))
        if len(got) == expect:
            break
    t.join(5)
    return got, notices


def test_slow_write_with_a_long_pause_is_handed_on_only_when_whole(tmp_path):
    data, img = _png(1)
    done = {}

    def writer():
        path = tmp_path / "doc1.white.png"
        _write_slowly(path, data[: len(data) // 2], pieces=4, pause=0.05)
        time.sleep(3 * SETTLE)  # longer than settle: only decoding tells it is incomplete
        with open(path, "ab") as f:
            for i in range(len(data) // 2, len(data), 20000):
                f.write(data[i : i + 20000])
                f.flush()
                time.sleep(0.05)
        done["t"] = time.monotonic()

    got, notices = _run(tmp_path, writer, timeout=3 * SETTLE + 3, expect=1)
    assert len(got) == 1
    arrived, t = got[0]
    assert t >= done["t"] + SETTLE * 0.9
    assert arrived.name == "doc1" and arrived.lights == ("white",)
    assert np.array_equal(arrived.capture_set.images["white"], img)
    assert arrived.capture_set.paths["white"] == str(tmp_path / "doc1.white.png")
    assert any("not a whole image" in n for n in notices)


def test_a_file_renamed_in(tmp_path):
    data, img = _png(2)

    def writer():
        time.sleep(0.2)
        tmp = tmp_path / "incoming.tmp"
        _write_slowly(tmp, data, pieces=5, pause=0.05)
        os.replace(tmp, tmp_path / "A123_WHITE.jpg.png")

    got, _ = _run(tmp_path, writer, timeout=2 + SETTLE, expect=1)
    assert [s.name for s, _ in got] == ["A123"]
    assert np.array_equal(got[0][0].capture_set.images["white"], img)


def test_lights_arriving_one_after_another_make_one_set(tmp_path):
    files = {name: _png(i) for i, name in enumerate(("p7_white.png", "p7_uv.png", "p7_ir.png"))}

    def writer():
        for name, (data, _) in files.items():
            _write_slowly(tmp_path / name, data, pieces=3, pause=0.03)
            time.sleep(SETTLE / 4)

    # settle 1 s: the gaps between lights (0.1 s) stay well inside it on a loaded machine
    got, _ = _run(tmp_path, writer, timeout=6, expect=1, settle=1.0)
    assert len(got) == 1
    cs = got[0][0].capture_set
    assert cs.name == "p7" and set(cs.lights) == {"white", "uv365", "ir870"}
    assert cs.images["ir870"].ndim == 2  # from_images' rules hold: IR is grey
    assert np.array_equal(cs.images["uv365"], files["p7_uv.png"][1])


def test_several_documents_and_sets_in_subfolders(tmp_path):
    def writer():
        for i, rel in enumerate(("a.white.png", "b.white.png", "doc-0042/White.png",
                                 "doc-0042/UV.png")):  # fmt: skip
            path = tmp_path / rel
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(_png(10 + i)[0])
            time.sleep(0.1)

    got, _ = _run(tmp_path, writer, timeout=6, expect=3, settle=1.0)
    by_name = {s.name: s for s, _ in got}
    assert set(by_name) == {"a", "b", "doc-0042"}
    assert set(by_name["doc-0042"].lights) == {"white", "uv365"}


def test_a_white_image_that_never_completes_is_never_handed_on(tmp_path):
    data, _ = _png(3)

    def writer():
        (tmp_path / "x.white.png").write_bytes(data[: len(data) * 2 // 3])

    got, notices = _run(tmp_path, writer, timeout=4 * SETTLE)
    assert got == []
    assert len([n for n in notices if "x.white.png" in n]) == 1  # told once, not every poll


def test_a_light_that_never_completes_is_set_aside_with_its_reason(tmp_path):
    white, _ = _png(4)
    uv, _ = _png(5)

    def writer():
        (tmp_path / "y.white.png").write_bytes(white)
        (tmp_path / "y.uv.png").write_bytes(uv[:5000])

    got, _ = _run(tmp_path, writer, timeout=4 * SETTLE, expect=1)
    assert len(got) == 1
    cs = got[0][0].capture_set
    assert cs.lights == ("white",)
    assert [(light, code) for light, code, _ in cs.problems] == [("uv365", "LIGHT_MISSING")]
    assert "IMAGE_TRUNCATED" in cs.problems[0][2] and "y.uv.png" in cs.problems[0][2]


def test_existing_files_only_when_asked_and_changes_hand_a_set_on_again(tmp_path):
    (tmp_path / "old.white.png").write_bytes(_png(6)[0])
    old = time.time() - 60
    os.utime(tmp_path / "old.white.png", (old, old))
    got, _ = _run(tmp_path, lambda: None, timeout=3 * SETTLE)
    assert got == []
    got, _ = _run(tmp_path, lambda: None, timeout=3 * SETTLE, existing=True, expect=1)
    assert [s.name for s, _ in got] == ["old"]

    new, img = _png(7)

    def overwrite():
        time.sleep(0.2)
        (tmp_path / "old.white.png").write_bytes(new)

    got, _ = _run(tmp_path, overwrite, timeout=0.2 + 3 * SETTLE, expect=1)
    assert len(got) == 1 and np.array_equal(got[0][0].capture_set.images["white"], img)


def test_each_set_is_handed_on_once(tmp_path):
    (tmp_path / "z.white.png").write_bytes(_png(8)[0])
    got, _ = _run(tmp_path, lambda: None, timeout=6 * SETTLE, existing=True)
    assert len(got) == 1


def test_the_folder_removed_mid_watch(tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()

    def remover():
        time.sleep(0.3)
        shutil.rmtree(folder)

    t0 = time.monotonic()
    with pytest.raises(CaptureError) as ei:
        _run(folder, remover, timeout=10)
    assert ei.value.code == "FOLDER_GONE" and str(folder) in ei.value.message
    assert time.monotonic() - t0 < 2


def test_a_missing_folder_at_the_start(tmp_path):
    with pytest.raises(CaptureError) as ei:
        watch(tmp_path / "nope", timeout=1)
    assert ei.value.code == "FOLDER_GONE"


def test_stop_ends_the_watch_promptly(tmp_path):
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    t0 = time.monotonic()
    assert list(watch(tmp_path, poll=1.0, stop=stop)) == []
    assert time.monotonic() - t0 < 0.8


def test_grouping_is_find_capture_sets_grouping(tmp_path):
    names = ["front.white.png", "front.uv.jpg", "front.ir.png", "back.WHITE.tif",
             "back-uv365.png", "ir870_scan.png", "white_scan.png", "notes.txt",
             "white.txt", "cover.png"]  # fmt: skip
    for n in names:
        (tmp_path / n).write_bytes(b"x")
    expected = {(prefix, light): p.name for prefix, files in find_capture_sets(tmp_path).items()
                for light, p in files.items()}  # fmt: skip
    mine = {light_of(Path(n)): n for n in names if light_of(Path(n)) is not None}
    assert mine == expected
