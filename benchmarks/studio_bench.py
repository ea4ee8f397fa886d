"""Studio benchmark: how long rendering specimens, documents, forgeries and captures takes.

Prints figures (median and p90 over seeds, peak resident memory); no pass/fail. There is
no open peer that renders multi-light security documents, so no peer column.

    .venv/bin/python benchmarks/studio_bench.py [--n 10] [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from docexam.synth.designs import DESIGNS
from docexam.synth.studio import make_document, render_specimens, write_document


def _stats(xs: list[float]) -> dict[str, float]:
    xs = sorted(xs)
    return {"median_ms": round(statistics.median(xs) * 1000, 1),
            "p90_ms": round(xs[int(0.9 * (len(xs) - 1))] * 1000, 1)}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10, help="seeds per configuration")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        render_specimens(Path(tmp) / "lib")
        rows.append({"what": "specimen library (4 specimens, 5 pages x 3 lights, PNG)",
                     "total_s": round(time.perf_counter() - t, 2)})  # fmt: skip
        for sid in DESIGNS:
            times = []
            for seed in range(args.n):
                t = time.perf_counter()
                make_document(sid, seed=1000 + seed)
                times.append(time.perf_counter() - t)
            rows.append({"what": f"render {sid} (flat, 3 lights, 300 dpi)", **_stats(times)})
        for fid in ("photo_substitution", "counterfeit_reprint", "series_mix"):
            times = []
            for seed in range(args.n):
                t = time.perf_counter()
                make_document("uto-passport-2015", seed=1000 + seed, forgery=fid)
                times.append(time.perf_counter() - t)
            rows.append({"what": f"render uto-passport-2015 + {fid}", **_stats(times)})
        for capture in ("none", "scan", "camera", "phone"):
            times = []
            for seed in range(args.n):
                t = time.perf_counter()
                write_document(Path(tmp) / capture / str(seed), "uto-passport-2021",
                               seed=1000 + seed, capture=capture)  # fmt: skip
                times.append(time.perf_counter() - t)
            rows.append({"what": f"write uto-passport-2021, capture {capture} (+ files)",
                         **_stats(times)})  # fmt: skip
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.json:
        json.dump({"rows": rows, "peak_rss_mb": round(peak_mb, 1)}, sys.stdout, indent=1)
        print()
        return 0
    for r in rows:
        figs = ", ".join(f"{k} {v}" for k, v in r.items() if k != "what")
        print(f"{r['what']:70s} {figs}")
    print(f"peak resident memory: {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
