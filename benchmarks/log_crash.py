"""Crash safety of the examination log, as a script anyone can rerun (figures, not a test).

A writer process appends examinations and decisions through ``ExamLog`` and prints each
entry's id only after the call that committed it returned; this script kills it with
SIGKILL at random moments (while opening, right after start-up, after a few entries),
restarts it on the same log, and after ``--kills`` kills checks that every acknowledged
entry is present, the sequence has no gap and ``verify`` passes. The same loop, at 200
kills, is the test ``tests/examlog/test_log_durability.py``.

    .venv/bin/python benchmarks/log_crash.py [--kills 500] [--dir DIR] [--seed 1]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docexam.examlog import ExamLog


def writer(db: str, seed: int) -> None:
    """Append until killed; print each id after its commit returned."""
    with ExamLog.open(db) as log:
        print("ready", flush=True)
        last, i = None, 0
        while True:
            if last is not None and i % 3 == 2:
                ref = log.record_decision(last, "admitted", officer=f"w{seed}", station="gate")
            else:
                exam = {"verdict": "consistent", "reasons": [], "features": [],
                        "mrz": {"fields": {"document_number": f"X{seed:04d}{i:05d}",
                                           "surname": "TEST", "given_names": "CRASH"}}}  # fmt: skip
                image = f"capture {seed} {i} {time.time_ns()}".encode() * 100
                ref = log.record_examination(exam, images={"white": image},
                                             officer=f"w{seed}", station="gate")  # fmt: skip
                last = ref.exam_id
            print(ref.id, flush=True)
            i += 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kills", type=int, default=500)
    ap.add_argument("--dir", type=Path, help="where the log is made (default: a temp folder)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--writer", nargs=2, metavar=("DB", "SEED"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.writer:
        writer(args.writer[0], int(args.writer[1]))
        return 0
    if args.kills < 1:
        ap.error("--kills must be at least 1")
    work = Path(tempfile.mkdtemp(prefix="log_crash_", dir=args.dir))
    db = work / "examlog.sqlite"
    rng = random.Random(args.seed)
    acked: list[str] = []
    t0 = time.monotonic()
    for k in range(args.kills):
        p = subprocess.Popen([sys.executable, __file__, "--writer", str(db), str(k)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
        lines: list[str] = []
        if k % 3 == 1:  # right after start-up
            lines.append(p.stdout.readline())
        elif k % 3 == 2:  # after a few acknowledged entries
            want = rng.randint(1, 6)
            while sum(x.strip() not in ("", "ready") for x in lines) < want:
                line = p.stdout.readline()
                if not line:
                    break
                lines.append(line)
        time.sleep(rng.uniform(0, 0.06))
        p.send_signal(signal.SIGKILL)
        out, err = p.communicate(timeout=60)
        if "Traceback" in err:
            print(f"kill {k}: the writer failed:\n{err}", file=sys.stderr)
            return 1
        acked += [x for x in (s.strip() for s in lines + out.splitlines()) if x and x != "ready"]
        if (k + 1) % 50 == 0:
            print(f"  {k + 1} kills, {len(acked)} acknowledged", file=sys.stderr, flush=True)
    elapsed = time.monotonic() - t0
    with ExamLog.open(db) as log:
        rows = log.conn.execute("SELECT seq, id FROM entries ORDER BY seq").fetchall()
        report = log.verify()
    ids = {i for _, i in rows}
    lost = [a for a in acked if a not in ids]
    gaps = [s for n, (s, _) in enumerate(rows, 1) if s != n]
    print(f"{args.kills} SIGKILLs in {elapsed:.1f} s; {len(acked)} entries acknowledged, "
          f"{len(rows)} in the log ({len(rows) - len(acked)} written but not yet "
          f"acknowledged when killed)")  # fmt: skip
    print(f"acknowledged entries lost: {len(lost)}; sequence gaps: {len(gaps)}; "
          f"verify: {'intact' if report.ok else report.problems[:5]}")  # fmt: skip
    print(f"log kept in {work}")
    return 0 if not lost and not gaps and report.ok else 1


if __name__ == "__main__":
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    sys.exit(main())
