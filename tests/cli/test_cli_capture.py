"""`docexam capture`: the real CLI on SANE's test backend, image-sequence sources, and a
drop folder fed by a writer thread with a studio capture set (examined and logged)."""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path

import pytest

from docexam.cli.main import main
from docexam.examlog import ExamLog
from docexam.imaging.load import load_image
from docexam.synth.studio import write_document

TODAY = ["--today", "2026-09-01"]
needs_sane = pytest.mark.skipif(shutil.which("scanimage") is None,
                                reason="scanimage (sane-utils) is not installed")  # fmt: skip


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """SANE sees only its test backend; no user settings, no $DOCEXAM_DB."""
    conf = tmp_path / "sane.d"
    conf.mkdir()
    (conf / "dll.conf").write_text("test\n")
    monkeypatch.setenv("SANE_CONFIG_DIR", str(conf))
    monkeypatch.setenv("DOCEXAM_SETTINGS", str(tmp_path / "settings.json"))
    for var in ("DOCEXAM_DB", "DOCEXAM_OFFICER", "DOCEXAM_STATION", "DOCEXAM_LANG"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture(scope="module")
def studio(tmp_path_factory) -> Path:
    """A genuine passport data page as a flatbed scanner captures it (white, UV, IR)."""
    out = tmp_path_factory.mktemp("studio")
    return write_document(out, "uto-passport-2021", seed=1_000_123, capture="scan").folder


def _feed(folder: Path, studio: Path, delay: float = 0.5) -> threading.Thread:
    """A reader writing a capture set into ``folder``: light after light, each in pieces."""

    def run() -> None:
        time.sleep(delay)
        for light in ("white", "uv365", "ir870"):
            data = (studio / f"data_page.{light}.png").read_bytes()
            with open(folder / f"data_page.{light}.png", "wb") as f:
                for i in range(0, len(data), len(data) // 4 + 1):
                    f.write(data[i : i + len(data) // 4 + 1])
                    f.flush()
                    time.sleep(0.05)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    return t


@needs_sane
def test_list_shows_the_sane_test_device(capsys):
    assert main(["capture", "list", "--timeout", "20"]) == 0
    out = capsys.readouterr().out
    assert "test:0" in out and "frontend-tester" in out and "cameras:" in out
    assert main(["capture", "list", "--json", "--timeout", "20"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert [s["device"] for s in d["scanners"]][:2] == ["test:0", "test:1"]
    assert isinstance(d["cameras"], list)


@needs_sane
@pytest.mark.parametrize("name", ["page.png", "page.tif", "page.jpg"])
def test_scan_writes_a_decodable_file(tmp_path, capsys, name):
    out = tmp_path / "scans" / name
    argv = ["capture", "scan", "--device", "test:1", "--resolution", "100", "--mode", "Gray",
            "--area", "0,0,50,40", "--option", "test-picture=Grid", "--out", str(out)]  # fmt: skip
    assert main(argv) == 0
    img = load_image(out)
    assert abs(img.pixels.shape[1] - 197) <= 1 and abs(img.pixels.shape[0] - 157) <= 1
    assert f"wrote {out}" in capsys.readouterr().out
    assert not list(out.parent.glob(".*part"))


@needs_sane
@pytest.mark.parametrize(
    ("argv", "words"),
    [(["--device", "nosuch:0"], "no scanner 'nosuch:0'"),
     (["--device", "test:0", "--resolution", "0"], "--resolution must be above 0"),
     (["--device", "test:0", "--area", "1,2,3"], "--area"),
     (["--device", "test:0", "--option", "read-return-value=SANE_STATUS_JAMMED"], "jammed"),
     (["--device", "test:0", "--resolution", "600", "--timeout", "1",
       "--option", "read-delay=yes", "--option", "read-delay-duration=200000"], "within 1 s")],
)  # fmt: skip
def test_scan_errors_exit_2_with_a_clear_message(tmp_path, capsys, argv, words):
    code = main(["capture", "scan", *argv, "--out", str(tmp_path / "x.png")])
    assert code == 2
    assert words in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_scan_refuses_an_unknown_file_type_before_scanning(tmp_path, capsys):
    assert main(["capture", "scan", "--device", "test:0", "--out", str(tmp_path / "x.pdf")]) == 2
    assert ".png" in capsys.readouterr().err


def test_watch_examines_a_set_as_it_arrives(tmp_path, capsys, studio):
    drop = tmp_path / "drop"
    drop.mkdir()
    feeder = _feed(drop, studio)
    code = main(["capture", "watch", str(drop), "--examine", "--once", "--timeout", "90",
                 "--settle", "1.5", *TODAY])  # fmt: skip
    feeder.join(5)
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.startswith("data_page: CONSISTENT (uto-passport-2021 data_page")
    assert len(out.strip().splitlines()) == 1


def test_watch_log_records_like_examine_log(tmp_path, capsys, studio):
    drop, db = tmp_path / "drop", tmp_path / "log" / "examlog.sqlite"
    drop.mkdir()
    feeder = _feed(drop, studio)
    argv = ["capture", "watch", str(drop), "--examine", "--once", "--timeout", "90",
            "--settle", "1.5", "--json", "--log", "--db", str(db),
            "--officer", "k.ivanova", "--station", "post-3", *TODAY]  # fmt: skip
    code = main(argv)
    feeder.join(5)
    d = json.loads(capsys.readouterr().out)
    assert code == 0 and d["set"] == "data_page" and d["verdict"] == "consistent"
    with ExamLog.open(db, create=False) as log:
        cases = log.search()
        assert [c.id for c in cases] == [d["log"]["id"]]
        assert cases[0].officer == "k.ivanova" and cases[0].verdict == "consistent"
        rec = log.get(d["log"]["id"])
        roles = {i.role for i in rec.images}
        assert {"white", "uv365", "ir870"} <= roles
        assert log.verify().ok


def test_watch_without_examine_prints_arrivals(tmp_path, capsys, studio):
    (tmp_path / "old.white.png").write_bytes((studio / "data_page.white.png").read_bytes())
    code = main(["capture", "watch", str(tmp_path), "--existing", "--once", "--timeout", "20",
                 "--settle", "0.3", "--json"])  # fmt: skip
    assert code == 0
    d = json.loads(capsys.readouterr().out)
    assert d == {"set": "old", "files": {"white": str(tmp_path / "old.white.png")}}


@pytest.mark.parametrize(
    ("extra", "words"),
    [([], "no capture set arrived"),
     (["--log"], "--examine"),
     (["--db", "x.sqlite"], "go with --log"),
     (["--settle", "-1"], "--settle")],
)  # fmt: skip
def test_watch_usage_errors_exit_2(tmp_path, capsys, extra, words):
    assert main(["capture", "watch", str(tmp_path), "--once", "--timeout", "0.5", *extra]) == 2
    assert words in capsys.readouterr().err


def test_watch_missing_and_vanishing_folder_exit_2(tmp_path, capsys):
    assert main(["capture", "watch", str(tmp_path / "nope"), "--timeout", "1"]) == 2
    assert "no folder to watch" in capsys.readouterr().err
    drop = tmp_path / "drop"
    drop.mkdir()
    threading.Timer(0.5, shutil.rmtree, (drop,)).start()
    t0 = time.monotonic()
    assert main(["capture", "watch", str(drop), "--timeout", "30"]) == 2
    assert time.monotonic() - t0 < 5
    assert "is gone" in capsys.readouterr().err


def test_watch_stops_cleanly_on_ctrl_c(tmp_path):
    import signal
    import subprocess
    import sys

    # A test run started in the background of a non-interactive shell ignores SIGINT, and
    # the child would inherit that (Python keeps an ignored SIGINT ignored): as at a
    # terminal, the watch gets the default disposition.
    def default_sigint() -> None:
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    proc = subprocess.Popen([sys.executable, "-m", "docexam.cli.main", "capture", "watch",
                             str(tmp_path)], stderr=subprocess.PIPE, text=True,
                            preexec_fn=default_sigint)  # fmt: skip
    try:
        first = proc.stderr.readline()  # blocks until the watch has begun
        while first and not first.startswith("watching"):
            first = proc.stderr.readline()
        time.sleep(0.3)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert first.startswith(f"watching {tmp_path}")
    assert proc.returncode == 0, err
    assert "stopped (0 capture set(s))" in err and "Traceback" not in err


def test_camera_keeps_the_first_sharp_frame(tmp_path, capsys, studio):
    frames = tmp_path / "frames"
    frames.mkdir()
    shutil.copy(studio / "data_page.white.png", frames / "0001.png")
    code = main(["capture", "camera", "--source", str(frames), "--out", str(tmp_path / "out"),
                 "--timeout", "30", "--size-mm", "125,88"])  # fmt: skip
    out = capsys.readouterr().out
    assert code in (0, 1), out
    kept = tmp_path / "out" / "capture.white.png"
    assert kept.is_file() and f"wrote {kept}" in out
    assert (code == 0) == ("failed:" not in out)


def test_camera_auto_keeps_a_still_document_and_says_when_none_was(tmp_path, capsys, studio):
    frames = tmp_path / "frames"
    frames.mkdir()
    shutil.copy(studio / "data_page.white.png", frames / "0001.png")
    argv = ["capture", "camera", "--auto", "--source", str(frames), "--timeout", "30"]
    assert main([*argv, "--out", str(tmp_path / "one")]) == 1  # one frame: never "still"
    assert "no frame kept: the source ended after 1 frames" in capsys.readouterr().out
    assert not (tmp_path / "one").exists()
    for i in range(2, 8):
        shutil.copy(frames / "0001.png", frames / f"{i:04d}.png")
    code = main([*argv, "--out", str(tmp_path / "still")])
    out = capsys.readouterr().out
    assert code in (0, 1) and (tmp_path / "still" / "capture.white.png").is_file(), out


def test_camera_bad_source_exits_2(tmp_path, capsys):
    code = main(["capture", "camera", "--source", "ftp://x/y", "--out", str(tmp_path)])
    assert code == 2 and "ftp" in capsys.readouterr().err


def test_set_from_a_lamp_sequence_is_examinable(tmp_path, capsys, monkeypatch, studio):
    """An image sequence stands for a camera whose lamp the officer switches: one frame per
    light, in the order asked; Enter answers each prompt."""
    import io

    seq = tmp_path / "seq"
    seq.mkdir()
    for i, light in enumerate(("white", "uv365", "ir870")):
        shutil.copy(studio / f"data_page.{light}.png", seq / f"{i:02d}.png")
    monkeypatch.setattr("sys.stdin", io.StringIO("\n\n\n"))
    out = tmp_path / "set"
    code = main(["capture", "set", "--source", str(seq), "--discard", "0", "--out", str(out),
                 "--name", "desk", "--timeout", "30"])  # fmt: skip
    cap = capsys.readouterr()
    assert code in (0, 1), cap.out
    assert "Switch to UV 365 nm and press Enter" in cap.err
    assert sorted(p.name for p in out.iterdir()) == ["desk.ir870.png", "desk.uv365.png",
                                                     "desk.white.png"]  # fmt: skip
    assert main(["examine", str(out), "--json", *TODAY]) == 0
    assert json.loads(capsys.readouterr().out)["verdict"] == "consistent"


@needs_sane
def test_set_from_a_scanner_and_end_of_input(tmp_path, capsys, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("\n\n"))  # the third prompt gets no answer
    code = main(["capture", "set", "--device", "test:0", "--resolution", "50", "--out",
                 str(tmp_path / "set")])  # fmt: skip
    assert code == 2 and "end of input" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("\n\n"))
    code = main(["capture", "set", "--device", "test:0", "--resolution", "50", "--lights",
                 "white,uv", "--out", str(tmp_path / "set")])  # fmt: skip
    assert code in (0, 1)
    assert {p.name for p in (tmp_path / "set").iterdir()} == {"capture.white.png",
                                                              "capture.uv365.png"}  # fmt: skip
