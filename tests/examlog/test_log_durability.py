"""Durability with real processes and real file systems: SIGKILL at random moments, two
writers at once, a read-only folder or file, a full disk. No mocks."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from log_samples import png, record, remount, tmpfs

from docexam.errors import LogError
from docexam.examlog import ExamLog

WRITER = Path(__file__).with_name("log_writer.py")
ROOT = Path(__file__).resolve().parents[2]


def _spawn(db: Path, count: int, seed: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(db), str(count), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )


def _acks(lines: list[str]) -> list[str]:
    return [x for x in (s.strip() for s in lines) if x and x not in ("ready", "done")]


def _check_log(db: Path, acked: list[str]) -> int:
    with ExamLog.open(db) as lg:
        rows = lg.conn.execute("SELECT seq, id FROM entries ORDER BY seq").fetchall()
        ids = {i for _, i in rows}
        assert [s for s, _ in rows] == list(range(1, len(rows) + 1))
        missing = [a for a in acked if a not in ids]
        assert not missing, f"{len(missing)} acknowledged entries lost"
        rep = lg.verify()
        assert rep.ok, rep.problems[:5]
    return len(rows)


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_acknowledged(tmp_path: Path) -> None:
    db = tmp_path / "log.sqlite"
    rng = random.Random(20261202)
    acked: list[str] = []
    kills = 0
    t0 = time.monotonic()
    while kills < 200:
        p = _spawn(db, 0, kills)
        lines: list[str] = []
        mode = kills % 3
        if mode == 1:  # after start-up
            lines.append(p.stdout.readline())
        elif mode == 2:  # after a few acknowledged entries
            want = rng.randint(1, 6)
            while len(_acks(lines)) < want:
                line = p.stdout.readline()
                if not line:
                    break
                lines.append(line)
        time.sleep(rng.uniform(0, 0.06))  # mode 0: counted from the spawn (opening, recovery)
        p.send_signal(signal.SIGKILL)
        out, err = p.communicate(timeout=30)
        assert "Traceback" not in err, err
        acked += _acks(lines + out.splitlines())
        kills += 1
    elapsed = time.monotonic() - t0
    n = _check_log(db, acked)
    print(f"\n{kills} kills in {elapsed:.1f} s; {len(acked)} acknowledged, {n} entries")
    assert len(acked) > 100  # the kills did land between real writes


def test_two_writers_at_once_keep_one_linear_chain(tmp_path: Path) -> None:
    db = tmp_path / "log.sqlite"
    with ExamLog.open(db):
        pass  # created first so both writers open an existing log
    t0 = time.monotonic()
    procs = [_spawn(db, 200, seed) for seed in (1, 2)]
    outs = [p.communicate(timeout=240) for p in procs]
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert out.splitlines()[-1] == "done"
    acked = [a for out, _ in outs for a in _acks(out.splitlines())]
    assert len(acked) == 400 and len(set(acked)) == 400
    assert _check_log(db, acked) == 400
    print(f"\n2 x 200 entries in {time.monotonic() - t0:.1f} s")


def test_two_writers_created_the_log_together(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite"
    procs = [_spawn(db, 10, seed) for seed in (1, 2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [e for _, e in outs]
    assert _check_log(db, [a for out, _ in outs for a in _acks(out.splitlines())]) == 20


# --- read-only and full ----------------------------------------------------------------------
def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@contextlib.contextmanager
def _readonly_folder(base: Path) -> Iterator[tuple[Path, callable]]:
    """A folder that can be made read-only: a tmpfs remounted ro (root), or chmod."""
    folder = base / "ro"
    if os.geteuid() == 0:
        with tmpfs(folder, "8m"):
            yield folder, lambda ro: remount(folder, "ro" if ro else "rw")
        return
    folder.mkdir()

    def chmod(ro: bool) -> None:
        for p in [folder, *folder.rglob("*")]:
            if p.is_dir():
                p.chmod(0o555 if ro else 0o755)

    try:
        yield folder, chmod
    finally:
        chmod(False)


def _writable(path: Path) -> bool:
    try:
        with open(path, "ab"):
            pass
    except OSError:
        return False
    if path.stat().st_size == 0 and path.name == "probe":
        path.unlink()
    return True


def test_readonly_folder(tmp_path: Path) -> None:
    with _readonly_folder(tmp_path) as (folder, make_ro):
        db = folder / "log.sqlite"
        with ExamLog.open(db) as lg:
            record(lg, 0)
        before = _digest(folder)
        make_ro(True)
        if _writable(folder / "probe"):
            make_ro(False)
            pytest.skip("neither chmod nor a mount makes a folder read-only here")
        try:
            with pytest.raises(LogError) as e, ExamLog.open(db) as lg:
                record(lg, 1, images={"white": png(4242)})
            assert e.value.code == "DB_UNWRITABLE" and str(folder) in str(e.value)
            with ExamLog.open(db, readonly=True) as lg:  # reading still works
                assert len(lg.search()) == 1 and lg.verify().ok
            assert _digest(folder) == before
        finally:
            make_ro(False)
        with ExamLog.open(db) as lg:
            assert lg.head()[0] == 1 and lg.verify().ok


def test_readonly_database_file(tmp_path: Path) -> None:
    db = tmp_path / "log.sqlite"
    with ExamLog.open(db) as lg:
        record(lg, 0)
    if os.geteuid() == 0:
        if subprocess.run(["mount", "--bind", str(db), str(db)]).returncode != 0:
            pytest.skip("bind mounts are not allowed here")
        undo = ["umount", str(db)]
        assert subprocess.run(["mount", "-o", "remount,bind,ro", str(db)]).returncode == 0
    else:
        db.chmod(0o444)
        undo = ["chmod", "644", str(db)]
        if _writable(db):
            db.chmod(0o644)
            pytest.skip("chmod does not make a file read-only here")
    try:
        before = hashlib.sha256(db.read_bytes()).hexdigest()
        with pytest.raises(LogError) as e, ExamLog.open(db) as lg:
            record(lg, 1)
        assert e.value.code == "DB_UNWRITABLE" and str(db) in str(e.value)
        assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    finally:
        subprocess.run(undo, check=True)
    with ExamLog.open(db) as lg:
        rep = lg.verify()
        assert lg.head()[0] == 1 and rep.ok
        assert rep.orphan_images == 1  # the image written before the refused transaction


def _fill(folder: Path) -> Path:
    filler = folder / "filler"
    with open(filler, "wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    with contextlib.suppress(OSError), open(folder / "filler2", "wb") as f:  # the last bytes
        while True:
            f.write(b"\0" * 512)
            f.flush()
    return filler


def test_full_disk(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "small", "2m") as folder:
        db = folder / "log.sqlite"
        with ExamLog.open(db) as lg:
            refs = [record(lg, i) for i in range(3)]
            head = lg.head()
            filler = _fill(folder)
            with pytest.raises(LogError) as e:  # a new image cannot be written
                record(lg, 3, images={"white": os.urandom(200_000)})
            assert e.value.code == "DISK_FULL" and str(folder) in str(e.value)
            with pytest.raises(LogError) as e:  # the entry itself cannot be written
                lg.record_examination(
                    {"verdict": "consistent", "note": "x" * 600_000},
                    images={},
                    officer="o",
                    station="s",
                )
            assert e.value.code == "DISK_FULL" and str(db) in str(e.value)
            with pytest.raises(LogError) as e:
                lg.record_decision(
                    refs[0].id, "refused", officer="o", station="s", note="y" * 300_000
                )
            assert e.value.code == "DISK_FULL"
            assert lg.head() == head
            filler.unlink()
            (folder / "filler2").unlink(missing_ok=True)
            rep = lg.verify()
            assert rep.ok and rep.entries_checked == 3, rep.problems
            assert [lg.get(r.id).id for r in refs] == [r.id for r in refs]
            record(lg, 4)
            assert lg.verify().ok and lg.head()[0] == 4
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        conn.close()
