#!/usr/bin/env python3
"""MRZ reading benchmark: docexam's reader on generated captures (and real ones), with an
optional peer (PassportEye) on the very same files.

Why a script and not a test: it measures (accuracy, speed, memory) and prints figures for
people; it passes or fails nothing.

Seeds: tuning uses seeds 0..99_999 (tests, development); reports use seeds from 1_000_000
(the default --seed), so a reported figure never comes from a document the reader was
tuned on. Every level uses the same seed range: seed s is the same fictional document at
each level, only the capture differs.

Protocol, per image: the capture is written once as a file (PNG for "scan", the JPEG
produced by the camera model for "photo"/"hard"; for real images the original file) and
both readers read that file: ours with docexam.mrz.reader.read_mrz_file (or, with
--ours-input image, read_mrz_image on the decoded pixels, decoding untimed), the peer with
passporteye.read_mrz(path). Only the read call is timed (time.perf_counter). One untimed
warm-up read per reader comes first (model loading is not counted).

Scores: "MRZ correct" = every line equal to the truth; "chars correct" = characters equal
at the same line and position, over max(len(truth line), len(read line)) per line, so a
missing or extra line (or character) counts as wrong; "found" = the reader says it found
an MRZ (PassportEye: returned an MRZ whose type it could parse).

Memory: "py peak" is the tracemalloc peak (Python + NumPy allocations, not OpenCV's
internal buffers nor the tesseract subprocess) during a read, measured in a separate untimed
pass over the first --mem-n images of each set, max over them. "peak RSS" is the process's
ru_maxrss after each reader's pass over each set (monotonic, so the pass where it jumps is
the one that caused it; generation of all sets comes first). The tesseract subprocesses are
not counted in either.

Tesseract is limited to one thread (OMP_THREAD_LIMIT=1, set before any import) for both.
The peer lives in its own venv so the project's stays clean (PassportEye pulls scikit-image,
scikit-learn, matplotlib, pdfminer; no OpenCV):
    python3 -m venv /work/peer-venv
    /work/peer-venv/bin/pip install PassportEye opencv-python-headless pillow pytesseract
    /work/peer-venv/bin/pip install -e . --no-deps
    /work/peer-venv/bin/python benchmarks/mrz_bench.py --n 50

Usage: python benchmarks/mrz_bench.py [--n 200] [--levels scan,photo,hard] [--seed 1000000]
       [--json FILE] [--peer auto|on|off] [--real DIR]
"""

from __future__ import annotations

import os

os.environ["OMP_THREAD_LIMIT"] = "1"  # before numpy/cv2/tesseract: one thread for both readers

import argparse
import contextlib
import importlib
import json
import math
import platform
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2

TUNING_SEEDS = range(0, 100_000)
REPORT_SEED_START = 1_000_000
LEVELS = ("scan", "photo", "hard")
ROWS = (  # summary key, printed label, unit
    ("mrz_correct_pct", "MRZ fully correct", " %"),
    ("chars_correct_pct", "characters correct", " %"),
    ("found_pct", "found", " %"),
    ("median_ms", "median time", " ms"),
    ("p90_ms", "p90 time", " ms"),
    ("py_peak_mib", "py peak (tracemalloc)", " MiB"),
    ("reader_errors", "reader exceptions", ""),
)


@dataclass
class Reader:
    """A reader under test: ``prepare`` (untimed) turns a path into the argument of
    ``read`` (timed), which returns (found, lines)."""

    name: str
    read: Callable[[Any], tuple[bool, tuple[str, ...]]]
    prepare: Callable[[Path], Any] = lambda p: str(p)


@dataclass
class Tally:
    n: int = 0
    found: int = 0
    correct: int = 0
    chars_ok: int = 0
    chars_total: int = 0
    errors: int = 0
    ms: list[float] = field(default_factory=list)
    py_peak_bytes: int = 0
    warmup_ms: float = 0.0
    records: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        ms = sorted(self.ms)
        return {
            "n": self.n,
            "found_pct": _pct(self.found, self.n),
            "mrz_correct_pct": _pct(self.correct, self.n),
            "chars_correct_pct": _pct(self.chars_ok, self.chars_total),
            "median_ms": round(statistics.median(ms), 1) if ms else None,
            "p90_ms": round(ms[max(0, math.ceil(0.9 * len(ms)) - 1)], 1) if ms else None,
            "py_peak_mib": round(self.py_peak_bytes / 2**20, 1),
            "warmup_ms": round(self.warmup_ms, 1),
            "reader_errors": self.errors,
        }


def _maxrss_mib() -> float:
    """Peak RSS of this process so far (Linux reports KiB). Tesseract subprocesses are not
    included: a forked child's ru_maxrss counts the parent's pages, so it says nothing."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pct(a: int, b: int) -> float | None:
    return round(100.0 * a / b, 2) if b else None


def char_score(truth: Sequence[str], read: Sequence[str]) -> tuple[int, int]:
    """(characters right, characters counted) aligned by line and position."""
    ok = total = 0
    for j in range(max(len(truth), len(read))):
        t = truth[j] if j < len(truth) else ""
        r = read[j] if j < len(read) else ""
        total += max(len(t), len(r))
        ok += sum(a == b for a, b in zip(t, r, strict=False))
    return ok, total


# --- readers -------------------------------------------------------------------------


def ours(input_mode: str) -> Reader:
    from docexam.mrz import reader as rd

    def result(r: Any) -> tuple[bool, tuple[str, ...]]:
        return bool(r.found), tuple(r.lines)

    if input_mode == "file":
        return Reader("docexam", lambda p: result(rd.read_mrz_file(p)))
    return Reader("docexam", lambda img: result(rd.read_mrz_image(img)), _imread)


def _imread(path: Path) -> Any:
    img = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if img is None:
        raise ValueError(f"cannot decode {path}")
    return img


def stand_in(spec: str) -> Reader:
    """A stand-in reader ``module:function`` (image -> object with found/lines) used only
    to test this harness; its name is printed in every table so it cannot pass for ours."""
    mod, _, fn = spec.partition(":")
    func = getattr(importlib.import_module(mod), fn)

    def read(img: Any) -> tuple[bool, tuple[str, ...]]:
        r = func(img)
        return bool(r.found), tuple(r.lines)

    return Reader(f"STAND-IN {spec}", read, _imread)


def peer() -> Reader | None:
    try:
        from passporteye import read_mrz
        from passporteye.mrz.text import MRZOCRCleaner
    except ImportError:
        return None

    def read(path: str) -> tuple[bool, tuple[str, ...]]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            m = read_mrz(path)
        if m is None or m.mrz_type is None:
            return False, ()
        return True, tuple(MRZOCRCleaner.apply(m.aux.get("raw_text", "")))

    return Reader("PassportEye", read)


# --- running ---------------------------------------------------------------------------


def progress(label: str, i: int, n: int) -> None:
    width = 30
    done = int(width * i / max(n, 1))
    sys.stderr.write(f"\r{label:<24} [{'#' * done}{'.' * (width - done)}] {i}/{n}")
    if i >= n:
        sys.stderr.write("\n")
    sys.stderr.flush()


def run_reader(
    reader: Reader, items: list[tuple[str, Path, tuple[str, ...]]], label: str, mem_n: int
) -> Tally:
    """Read every (id, path, truth) item: a warm-up, the timed pass, then a memory pass."""
    t = Tally()
    if items:
        arg = reader.prepare(items[0][1])
        t0 = time.perf_counter()
        with contextlib.suppress(Exception):  # a crash is scored in the timed pass
            reader.read(arg)
        t.warmup_ms = (time.perf_counter() - t0) * 1000
    for i, (ident, path, truth) in enumerate(items):
        progress(f"{label} {reader.name[:12]}", i, len(items))
        arg = reader.prepare(path)
        t0 = time.perf_counter()
        try:
            found, lines = reader.read(arg)
            err = None
        except Exception as exc:  # a reader crash is a result, not the end of the run
            found, lines, err = False, (), f"{type(exc).__name__}: {exc}"
        ms = (time.perf_counter() - t0) * 1000
        ok, total = char_score(truth, lines)
        t.n += 1
        t.found += found
        t.correct += found and tuple(lines) == tuple(truth)
        t.chars_ok += ok
        t.chars_total += total
        t.errors += err is not None
        t.ms.append(ms)
        t.records.append(
            {
                "id": ident,
                "found": found,
                "lines": list(lines),
                "ms": round(ms, 1),
                "correct": found and tuple(lines) == tuple(truth),
                "error": err,
            }
        )
    progress(f"{label} {reader.name[:12]}", len(items), len(items))
    for _ident, path, _truth in items[:mem_n]:
        arg = reader.prepare(path)
        tracemalloc.start()
        with contextlib.suppress(Exception):
            reader.read(arg)
        t.py_peak_bytes = max(t.py_peak_bytes, tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    return t


def synth_items(level: str, seeds: range, workdir: Path) -> list[tuple[str, Path, tuple]]:
    from docexam.synth.sample import make_mrz_sample

    items = []
    for i, seed in enumerate(seeds):
        progress(f"{level} generating", i, len(seeds))
        s = make_mrz_sample(seed, level=level)
        if level == "scan":
            data, ext = cv2.imencode(".png", s.image)[1].tobytes(), ".png"
        else:
            data, ext = s.file_bytes()  # the camera's own JPEG
        path = workdir / f"{level}_{seed}{ext}"
        path.write_bytes(data)
        items.append((f"{level}:{seed}", path, s.lines))
    progress(f"{level} generating", len(seeds), len(seeds))
    return items


def real_items(folder: Path) -> list[tuple[str, Path, tuple]]:
    entries = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    return [(e["file"], folder / e["file"], tuple(e["lines"])) for e in entries if e.get("has_mrz")]


# --- reporting -------------------------------------------------------------------------


def table(title: str, results: dict[str, Tally]) -> str:
    rows = [("", *results)]
    sums = {name: t.summary() for name, t in results.items()}

    def fmt(v: Any, unit: str = "") -> str:
        return "-" if v is None else f"{v}{unit}"

    for key, label, unit in ROWS:
        rows.append((label, *(fmt(s[key], unit) for s in sums.values())))
    names = list(sums)
    if len(names) == 2:
        a, b = sums[names[0]], sums[names[1]]
        if a["median_ms"] and b["median_ms"]:
            ratio = b["median_ms"] / a["median_ms"]
            rows.append((f"median time {names[1]} / {names[0]}", f"x{ratio:.2f}", ""))
        for key, label in (("mrz_correct_pct", "MRZ correct"), ("chars_correct_pct", "chars")):
            if a[key] is not None and b[key] is not None:
                diff = f"{a[key] - b[key]:+.2f} pt"
                rows.append((f"{label}: {names[0]} - {names[1]}", diff, ""))
    widths = [max(len(str(r[c])) for r in rows if c < len(r)) for c in range(len(rows[0]))]
    lines = [f"== {title} (n={next(iter(sums.values()))['n']})"]
    for r in rows:
        lines.append("  ".join(str(v).ljust(widths[c]) for c, v in enumerate(r)))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=200, help="documents per level (default 200)")
    ap.add_argument("--levels", default=",".join(LEVELS), help="comma-separated levels")
    ap.add_argument(
        "--seed",
        type=int,
        default=REPORT_SEED_START,
        help=f"first seed (reports: >= {REPORT_SEED_START}; tuning uses 0..99999)",
    )
    ap.add_argument("--json", type=Path, help="also write all figures and per-image results")
    ap.add_argument(
        "--peer",
        choices=("auto", "on", "off"),
        default="auto",
        help="run PassportEye on the same files (auto: when importable)",
    )
    ap.add_argument("--real", type=Path, help="read a real-image folder with truth.json instead")
    ap.add_argument(
        "--ours-input",
        choices=("file", "image"),
        default="file",
        help="our reader reads the file (default) or the decoded array",
    )
    ap.add_argument("--mem-n", type=int, default=5, help="images per set in the memory pass")
    ap.add_argument("--keep-images", type=Path, help="write the captures here and keep them")
    ap.add_argument("--stand-in-reader", help=argparse.SUPPRESS)  # harness testing only
    args = ap.parse_args(argv)

    levels = [lv.strip() for lv in args.levels.split(",") if lv.strip()]
    bad = [lv for lv in levels if lv not in LEVELS]
    if bad or args.n < 1:
        ap.error(f"--levels must be among {LEVELS} and --n >= 1 (got {bad or args.n})")
    if args.seed in TUNING_SEEDS or args.seed + args.n - 1 in TUNING_SEEDS:
        print(
            f"WARNING: seeds {args.seed}.. overlap the tuning range 0..99999: figures are "
            "not a report",
            file=sys.stderr,
        )
    mine = stand_in(args.stand_in_reader) if args.stand_in_reader else ours(args.ours_input)
    other = peer() if args.peer != "off" else None
    if args.peer == "on" and other is None:
        ap.error("--peer on: passporteye is not importable in this interpreter")
    readers = [mine] + ([other] if other else [])

    out: dict[str, Any] = {
        "meta": {
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "opencv": cv2.__version__,
            "omp_thread_limit": os.environ["OMP_THREAD_LIMIT"],
            "readers": [r.name for r in readers],
            "ours_input": args.ours_input,
            "timing": "time.perf_counter around the read call only, after 1 warm-up",
            "memory": "py peak = tracemalloc peak during one read (max over first "
            f"{args.mem_n} images); maxrss_mib_after = ru_maxrss after each pass",
        },
        "sets": {},
    }
    if args.real is None:
        out["meta"].update(n=args.n, seeds=[args.seed, args.seed + args.n - 1], levels=levels)
    with tempfile.TemporaryDirectory(prefix="mrz_bench_") as tmp:
        workdir = args.keep_images or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        if args.real is not None:
            sets = {f"real:{args.real.name}": real_items(args.real)}
        else:
            seeds = range(args.seed, args.seed + args.n)
            sets = {lv: synth_items(lv, seeds, workdir) for lv in levels}
        reports = []
        rss_after: dict[str, float] = {}
        for name, items in sets.items():
            results = {}
            for r in readers:
                results[r.name] = run_reader(r, items, name, args.mem_n)
                rss_after[f"{name} {r.name}"] = round(_maxrss_mib(), 1)
            reports.append(table(name, results))
            out["sets"][name] = {
                "summary": {k: t.summary() for k, t in results.items()},
                "images": {k: t.records for k, t in results.items()},
            }
    out["meta"]["maxrss_mib_after"] = rss_after
    print("\n\n".join(reports))
    print("\nprocess peak RSS (ru_maxrss, monotonic: a jump is the pass that caused it):")
    for step, mib in rss_after.items():
        print(f"  after {step}: {mib:.0f} MiB")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, indent=1, ensure_ascii=False), encoding="utf-8")
        print(f"JSON written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
