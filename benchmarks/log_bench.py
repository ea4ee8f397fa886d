"""Examination-log benchmark: insert cost, search latency, verify time, size per entry.

Figures, not a test. The log is filled with N synthetic examinations through the public
API (``ExamLog.record_examination``: canonical JSON, hashing, the chain, the search
projection, the image store). The examination dicts are one real examination (a studio
passport examined once at start) with its MRZ fields, verdict and reasons varied per entry;
times are spread evenly over the last five years, so date filters select realistic shares.

Images: each entry has three (white/uv365/ir870) drawn from a pool of --pool distinct
generated images of 200-400 KB, so the disk stays bounded; the store keeps one file per
content, so the images folder holds the pool, not N x 3 files. The timed inserts use new
images (written and fsync'd like a real capture).

Filling: the API has no batch mode (every record is its own BEGIN IMMEDIATE ... COMMIT with
synchronous=FULL, i.e. an fsync per entry: a million would take hours), so the fill goes
through the same call per entry with ``PRAGMA synchronous=OFF`` on the benchmark's own
connection; the timed inserts afterwards reopen the log with its normal durability.

    .venv/bin/python benchmarks/log_bench.py [--n 1000000] [--dir DIR] [--keep]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import string
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

from docexam.cli.progress import Progress
from docexam.examlog import ExamLog, LogQuery, image_store_dir

INSERT_TARGET_MS, SEARCH_TARGET_MS = 20.0, 100.0
STATES = ["UTO", "D", "FRA", "ITA", "POL", "RUS", "KAZ", "UZB", "KGZ", "TJK", "TUR", "GBR",
          "USA", "CHN", "IND", "UKR", "BLR", "ARM", "GEO", "AZE", "LVA", "LTU", "EST", "FIN",
          "SWE", "NOR", "ESP", "PRT", "NLD", "BEL"]  # fmt: skip
VERDICTS = (["consistent"] * 7) + (["suspect"] * 2) + ["inconclusive"]
DECISIONS = (["admitted"] * 8) + ["refused", "referred", "other", None]
REASONS = ["MICROPRINT_LOST", "UV_BRIGHT_SUBSTRATE", "IR_MRZ_NOT_VISIBLE", "PATTERN_MISMATCH",
           "UV_FIBRES_MISSING", "MRZ_VIZ_MISMATCH", "CAPTURE_TOO_BLURRED", "GLARE",
           "UNKNOWN_DOCUMENT", "PORTRAIT_UV_BRIGHT"]  # fmt: skip


def _template() -> dict:
    """One real examination dict (the same object `docexam examine --json` prints)."""
    from docexam.examine.captureset import find_capture_sets, load_capture_set
    from docexam.examine.pipeline import examine
    from docexam.specimens.library import default_library_root, load_library
    from docexam.synth.studio import write_document

    with tempfile.TemporaryDirectory() as tmp:
        write_document(Path(tmp), "uto-passport-2015", seed=1_000_124,
                       forgery="counterfeit_reprint", capture="scan")  # fmt: skip
        (_, files), *_ = find_capture_sets(Path(tmp)).items()
        cs = load_capture_set(files["white"], uv=files.get("uv365"), ir=files.get("ir870"))
        library = load_library(default_library_root())
        return examine(cs, library, today=dt.date(2026, 9, 1)).to_dict()


def _pool(n: int, rng: np.random.Generator) -> list[bytes]:
    """``n`` distinct PNGs of 200-400 KB (noise does not compress: size ~ pixel count)."""
    out = []
    for _ in range(n):
        h = int(rng.integers(400, 800))
        ok, buf = cv2.imencode(".png", rng.integers(0, 256, (h, 500), dtype=np.uint8))
        assert ok
        out.append(buf.tobytes())
    return out


class Maker:
    """Synthetic examinations: the template with varied holder, verdict and reasons."""

    def __init__(self, template: dict, seed: int) -> None:
        self.t = template
        self.r = random.Random(seed)
        syll = ["KA", "RI", "MO", "NO", "VA", "LE", "TO", "SU", "BEK", "OV", "IN", "AN", "EV"]
        self.surnames = ["".join(self.r.choices(syll, k=self.r.randint(2, 4))) for _ in range(5000)]
        self.given = ["".join(self.r.choices(syll, k=self.r.randint(2, 3))) for _ in range(500)]
        self.officers = [f"officer.{i:03d}" for i in range(60)]
        self.stations = [f"post-{i}" for i in range(12)]

    def number(self) -> str:
        return "".join(self.r.choices(string.ascii_uppercase + string.digits, k=9))

    def one(self) -> tuple[dict, dict]:
        r = self.r
        verdict = r.choice(VERDICTS)
        reasons = [] if verdict == "consistent" else [
            {"code": c, "feature": "x", "message": c, "message_ru": c, "weight": 50}
            for c in r.sample(REASONS, r.randint(1, 3))]  # fmt: skip
        fields = {**self.t["mrz"]["fields"], "document_number": self.number(),
                  "surname": r.choice(self.surnames), "given_names": r.choice(self.given),
                  "nationality": r.choice(STATES), "issuing_state": r.choice(STATES)}  # fmt: skip
        exam = {**self.t, "verdict": verdict, "reasons": reasons,
                "mrz": {**self.t["mrz"], "fields": fields}}  # fmt: skip
        meta = {"officer": r.choice(self.officers), "station": r.choice(self.stations),
                "decision": r.choice(DECISIONS)}  # fmt: skip
        return exam, meta


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else 0


def _ms(values: list[float]) -> tuple[float, float]:
    v = sorted(values)
    return statistics.median(v) * 1000, v[min(len(v) - 1, int(0.9 * len(v)))] * 1000


def fill(db: Path, n: int, maker: Maker, pool: list[bytes], samples: list[dict]) -> float:
    """N entries through record_examination, synchronous=OFF (see the module docstring)."""
    end = dt.datetime.now(dt.UTC).replace(microsecond=0)
    step = dt.timedelta(days=5 * 365) / max(n, 1)
    bar = Progress(n, label="filling")
    t0 = time.perf_counter()
    with ExamLog.open(db) as log:
        log.conn.execute("PRAGMA synchronous = OFF")
        for i in range(n):
            exam, meta = maker.one()
            images = dict(zip(("white", "uv365", "ir870"), maker.r.sample(pool, 3), strict=True))
            when = end - step * (n - i)
            log.record_examination(exam, images=images, when=when, **meta)
            if i % max(1, n // 200) == 0:
                samples.append({**exam["mrz"]["fields"], **meta, "verdict": exam["verdict"],
                                "day": when.date()})  # fmt: skip
            bar.step()
    return time.perf_counter() - t0


def timed_inserts(db: Path, k: int, maker: Maker, pool: list[bytes]) -> list[float]:
    """``k`` individually committed inserts at full durability, each with 3 new images."""
    times = []
    bar = Progress(k, label="timed inserts")
    with ExamLog.open(db) as log:
        for i in range(k):
            exam, meta = maker.one()
            images = {role: data + f"{i}-{role}-{time.time_ns()}".encode()
                      for role, data in zip(("white", "uv365", "ir870"), maker.r.sample(pool, 3),
                                            strict=True)}  # fmt: skip
            t0 = time.perf_counter()
            log.record_examination(exam, images=images, **meta)
            times.append(time.perf_counter() - t0)
            bar.step()
    return times


def searches(db: Path, samples: list[dict], q: int, seed: int) -> dict[str, list[float]]:
    r = random.Random(seed)
    month = dt.timedelta(days=30)
    queries = {
        "document_number": lambda s: LogQuery(document_number=s["document_number"]),
        "name": lambda s: LogQuery(name=s["surname"][:4]),
        "nationality": lambda s: LogQuery(nationality=s["nationality"]),
        "issuing_state": lambda s: LogQuery(issuing_state=s["issuing_state"]),
        "date (one day)": lambda s: LogQuery(date_from=s["day"], date_to=s["day"]),
        "verdict": lambda s: LogQuery(verdict=r.choice(("suspect", "inconclusive"))),
        "decision": lambda s: LogQuery(decision=r.choice(("refused", "referred", "other"))),
        "officer": lambda s: LogQuery(officer=s["officer"]),
        "station": lambda s: LogQuery(station=s["station"]),
        "nationality + month": lambda s: LogQuery(nationality=s["nationality"],
                                                  date_from=s["day"], date_to=s["day"] + month),
        "none (newest)": lambda s: LogQuery(),
    }  # fmt: skip
    out: dict[str, list[float]] = {}
    with ExamLog.open(db, readonly=True) as log:
        for name, make in queries.items():
            out[name] = []
            for _ in range(q):
                query = make(r.choice(samples))
                t0 = time.perf_counter()
                log.search(query, limit=100)
                out[name].append(time.perf_counter() - t0)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000, help="entries to fill")
    ap.add_argument("--pool", type=int, default=300, help="distinct images (200-400 KB each)")
    ap.add_argument("--timed", type=int, default=200, help="timed individual inserts")
    ap.add_argument("--queries", type=int, default=20, help="queries per filter")
    ap.add_argument("--dir", type=Path, help="where the log is made (default: a temp folder)")
    ap.add_argument("--keep", action="store_true", help="keep the log afterwards")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--fill-only", action="store_true",
                    help="fill, keep the log and stop (measure later with --reuse, e.g. on an "
                    "idle machine: the fill takes about an hour for a million)")  # fmt: skip
    ap.add_argument("--reuse", type=Path, metavar="WORKDIR",
                    help="measure a log filled earlier with --fill-only")  # fmt: skip
    args = ap.parse_args(argv)
    work = args.reuse or Path(tempfile.mkdtemp(prefix="log_bench_", dir=args.dir))
    db = work / "examlog.sqlite"
    out = sys.stdout
    keep = args.keep or args.fill_only or args.reuse is not None
    try:
        what = "reusing the log" if args.reuse else f"n={args.n}, pool={args.pool} images"
        print(f"log_bench: {what} in {work}", flush=True)
        maker = Maker(_template(), args.seed)
        pool = _pool(args.pool, np.random.default_rng(args.seed))
        mean_kb = sum(map(len, pool)) / len(pool) / 1024
        samples: list[dict] = []
        if args.reuse is None:
            fill_s = fill(db, args.n, maker, pool, samples)
            (work / "samples.json").write_text(json.dumps(samples, default=str))
            (work / "fill.txt").write_text(
                f"filled {args.n} entries in {fill_s:.0f} s ({1000 * fill_s / args.n:.2f} "
                "ms/entry) through record_examination, one transaction per entry, "
                "synchronous=OFF on the filling connection (the API has no batch mode); 3 "
                f"images per entry from a pool of {args.pool} distinct images of 200-400 KB "
                f"(mean {mean_kb:.0f} KB), stored once each\n"
            )
        else:
            samples = json.loads((work / "samples.json").read_text())
            for smp in samples:
                smp["day"] = dt.date.fromisoformat(smp["day"])
            with ExamLog.open(db, readonly=True) as log:
                args.n = log.head()[0]  # entries in the log now
        out.write((work / "fill.txt").read_text())
        if args.fill_only:
            return 0
        ins = timed_inserts(db, args.timed, maker, pool)
        med, p90 = _ms(ins)
        out.write(f"insert (individually committed, synchronous=FULL, 3 new images hashed and "
                  f"fsync'd, at {args.n} entries): median {med:.1f} ms, p90 {p90:.1f} ms "
                  f"(target <= {INSERT_TARGET_MS:.0f} ms) over {args.timed} inserts\n")  # fmt: skip
        out.write(f"search (limit 100, {args.queries} queries per filter, varied values; "
                  f"target <= {SEARCH_TARGET_MS:.0f} ms):\n")  # fmt: skip
        for name, times in searches(db, samples, args.queries, args.seed).items():
            med, p90 = _ms(times)
            flag = "ok" if med <= SEARCH_TARGET_MS else "SLOW"
            out.write(f"  {name:22s} median {med:8.2f} ms  p90 {p90:8.2f} ms  {flag}\n")
        total = args.n + args.timed
        bar: list[Progress] = []

        def progress(done: int, of: int) -> None:
            if not bar:
                bar.append(Progress(of, label="verify"))
            bar[0].step(done - bar[0].done)

        t0 = time.perf_counter()
        with ExamLog.open(db, readonly=True) as log:
            rep = log.verify(progress=progress)
        vs = time.perf_counter() - t0
        out.write(f"verify: {vs:.1f} s for {rep.entries_checked} entries and "
                  f"{rep.images_checked} image files = {vs * 100_000 / total:.1f} s per "
                  f"100,000 entries (ok={rep.ok})\n")  # fmt: skip
        db_bytes = sum(_size(p) for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")))
        img_bytes = _size(image_store_dir(db))
        mb = (db_bytes + img_bytes) / 2**20
        out.write(f"size: database {db_bytes / total:.0f} bytes/entry; images folder "
                  f"{img_bytes / total:.0f} bytes/entry (pool-deduplicated: a real log stores "
                  f"each examination's own captures, here {3 * mean_kb:.0f} KB per entry); "
                  f"total {mb:.0f} MB for {total} entries\n")  # fmt: skip
    finally:
        if keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    sys.exit(main())
