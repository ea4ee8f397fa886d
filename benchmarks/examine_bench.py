"""Examination benchmark: identification, forgeries flagged, false alarms, speed, memory.

Figures, not a test. Documents come from the studio (every bundled specimen and side that
carries its features, genuine and each applicable forgery) under each capture mode, and are
examined in memory through the same pipeline as `docexam examine` (the capture's images
are handed over decoded, so file decoding is not timed).

Seeds: thresholds (the manifests' tolerances) were calibrated on seeds 0..9_999 during
development; this benchmark reports on seeds from 1_000_000 (the default --seed), which no
calibration saw. Documents are dated against --today 2026-09-01 (the studio's reference
date), and an expired document is not counted as flagged (expiry is not about
authenticity: see docexam/examine/verdict.py).

    .venv/bin/python benchmarks/examine_bench.py [--n 10] [--modes scan,camera,phone] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import statistics
import sys
import time
from collections import Counter, defaultdict

import numpy as np

from docexam.examine.captureset import from_images
from docexam.examine.pipeline import examine
from docexam.specimens.library import default_library_root, load_library
from docexam.synth import forgeries
from docexam.synth.capture import simulate_capture
from docexam.synth.designs import DESIGNS, OTHER_SERIES, design
from docexam.synth.studio import make_document

TODAY = dt.date(2026, 9, 1)


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}% ({a}/{b})" if b else "   n/a"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10, help="documents per (specimen, case, mode)")
    ap.add_argument("--modes", default="scan,camera,phone")
    ap.add_argument("--seed", type=int, default=1_000_000)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    library = load_library(default_library_root())
    modes = [m for m in args.modes.split(",") if m]
    stats: dict = defaultdict(Counter)
    times: list[float] = []
    confusions: list[str] = []
    for mode in modes:
        for sid in DESIGNS:
            cases = [None, *forgeries.applicable(design(sid), design(OTHER_SERIES[sid]))]
            for case in cases:
                for i in range(args.n):
                    seed = args.seed + i
                    doc = make_document(sid, seed=seed, forgery=case)
                    for side, imgs in doc.images.items():
                        if case is not None and not _touches(doc, side):
                            continue
                        cap = simulate_capture(imgs, px_per_mm=doc.plan.px_per_mm, mode=mode,
                                               seed=seed * 7 + 1)  # fmt: skip
                        cs = from_images(dict(cap.images))
                        t = time.perf_counter()
                        ex = examine(cs, library, today=TODAY)
                        times.append(time.perf_counter() - t)
                        key = (mode, case or "genuine")
                        st = stats[key]
                        st["n"] += 1
                        best = ex.identification.best if ex.identification else None
                        ok_id = best is not None and best.specimen == sid and best.side == side
                        st["identified"] += ok_id
                        if not ok_id and case != "series_mix":
                            got = f"{best.specimen}/{best.side}" if best else "none"
                            confusions.append(f"{mode} {sid}/{side} {case or 'genuine'} -> {got}")
                        st[ex.verdict] += 1
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = []
    for (mode, case), st in sorted(stats.items()):
        rows.append({"mode": mode, "case": case, **dict(st)})
    summary = _summary(stats, modes, times, peak)
    if args.json:
        json.dump({"rows": rows, "summary": summary, "confusions": confusions}, sys.stdout,
                  indent=1)  # fmt: skip
        print()
        return 0
    print(f"seeds {args.seed}..{args.seed + args.n - 1} (report seeds; thresholds were "
          f"calibrated on seeds below 10000), today {TODAY}")  # fmt: skip
    print(f"{'mode':7s} {'case':24s} {'n':>4s} {'identified':>16s} {'suspect':>16s} "
          f"{'inconclusive':>16s} {'consistent':>16s}")  # fmt: skip
    for r in rows:
        n = r["n"]
        print(f"{r['mode']:7s} {r['case']:24s} {n:4d} {_pct(r.get('identified', 0), n):>16s} "
              f"{_pct(r.get('suspect', 0), n):>16s} {_pct(r.get('inconclusive', 0), n):>16s} "
              f"{_pct(r.get('consistent', 0), n):>16s}")  # fmt: skip
    print()
    for k, v in summary.items():
        print(f"{k:44s} {v}")
    for c in confusions[:20]:
        print("identification miss:", c)
    return 0


def _touches(doc, side: str) -> bool:
    """A forged document's side is examined only if the forgery changed a feature there."""
    page = next(p.page for p in doc.plan.pages if p.page.side == side)
    return any(f.id in doc.plan.affected for f in page.features)


def _summary(stats, modes, times, peak) -> dict:
    out = {}
    for mode in [*modes, "all"]:
        sel = {k: v for k, v in stats.items() if mode in ("all", k[0])}
        gen = Counter()
        forged = Counter()
        for (_, case), st in sel.items():
            (gen if case == "genuine" else forged).update(st)
        ident_n = sum(st["n"] for (_, c), st in sel.items() if c != "series_mix")
        ident_ok = sum(st["identified"] for (_, c), st in sel.items() if c != "series_mix")
        out[f"[{mode}] identification (excl. series_mix)"] = _pct(ident_ok, ident_n)
        out[f"[{mode}] forged flagged suspect"] = _pct(forged["suspect"], forged["n"])
        out[f"[{mode}] forged inconclusive"] = _pct(forged["inconclusive"], forged["n"])
        out[f"[{mode}] genuine flagged suspect (false alarm)"] = _pct(gen["suspect"], gen["n"])
        out[f"[{mode}] genuine inconclusive"] = _pct(gen["inconclusive"], gen["n"])
    ms = sorted(t * 1000 for t in times)
    out["ms per examination (3 lights) median"] = round(statistics.median(ms), 1)
    out["ms per examination p90"] = round(float(np.percentile(ms, 90)), 1)
    out["peak resident memory MB"] = round(peak, 1)
    return out


if __name__ == "__main__":
    sys.exit(main())
