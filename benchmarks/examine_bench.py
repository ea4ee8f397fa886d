"""Examination benchmark: identification, forgeries flagged, false alarms, speed, memory.

Figures, not a test. Documents come from the studio (every bundled specimen, genuine and
each applicable forgery) under each capture mode; every side of a document is captured and
the sides are examined together in memory, as `docexam examine DIR` does with a folder of
front.* and back.* files (the captures are handed over decoded, so file decoding is not
timed). A document counts as flagged when its verdict is `suspect`; identification is
counted per side.

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
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as the CLI does: docexam/cli/__init__.py
import resource
import statistics
import sys
import time
from collections import Counter, defaultdict

import numpy as np

from docexam.examine.captureset import from_images
from docexam.examine.document import examine_document
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
    ap.add_argument("--cases", default="", help="comma-separated cases to keep "
                    "(genuine, forgery ids); default: all")  # fmt: skip
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    library = load_library(default_library_root())
    modes = [m for m in args.modes.split(",") if m]
    stats: dict = defaultdict(Counter)
    times: list[float] = []
    stages: dict[str, list[float]] = defaultdict(list)
    doc_ms: list[float] = []  # per document (all its sides, cross-checked)
    confusions: list[str] = []
    alarms: Counter = Counter()  # (feature, code) behind genuine documents flagged suspect
    misses: list[str] = []  # forged documents not flagged, with what the verdict said
    for mode in modes:
        for sid in DESIGNS:
            cases = [None, *forgeries.applicable(design(sid), design(OTHER_SERIES[sid]))]
            keep = {c for c in args.cases.split(",") if c}
            for case in cases:
                if keep and (case or "genuine") not in keep:
                    continue
                for i in range(args.n):
                    seed = args.seed + i
                    doc = make_document(sid, seed=seed, forgery=case)
                    captures = {}
                    for side, imgs in doc.images.items():
                        cap = simulate_capture(imgs, px_per_mm=doc.plan.px_per_mm, mode=mode,
                                               seed=seed * 7 + 1)  # fmt: skip
                        captures[side] = from_images(dict(cap.images))
                    t = time.perf_counter()
                    dx = examine_document(captures, library, today=TODAY)
                    doc_ms.append(time.perf_counter() - t)
                    key = (mode, case or "genuine")
                    st = stats[key]
                    st["n"] += 1
                    st[dx.verdict] += 1
                    for side, ex in dx.sides:
                        times.append(ex.elapsed_ms / 1000)
                        for stage, ms in ex.timings_ms.items():
                            stages[stage].append(ms)
                        st["sides"] += 1
                        best = ex.identification.best if ex.identification else None
                        ok_id = best is not None and best.specimen == sid and best.side == side
                        st["identified"] += ok_id
                        if not ok_id and case != "series_mix":
                            got = f"{best.specimen}/{best.side}" if best else "none"
                            confusions.append(f"{mode} {sid}/{side} {case or 'genuine'} -> {got}")
                        fails = [(f.feature, f.code) for f in ex.features if f.status == "fail"]
                        if case is None and ex.verdict == "suspect":
                            alarms.update(f"{sid}:{fid} {code}" for fid, code in fails)
                    if case is not None and dx.verdict != "suspect":
                        top = "; ".join(f"{side}: {ex.verdict} "
                                        f"({', '.join(r.code for r in ex.reasons[:3]) or '-'})"
                                        for side, ex in dx.sides)  # fmt: skip
                        misses.append(f"{mode} {sid} {case} seed {seed}: {top}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = []
    for (mode, case), st in sorted(stats.items()):
        rows.append({"mode": mode, "case": case, **dict(st)})
    summary = _summary(stats, modes, times, peak)
    summary["ms per document (all sides) median"] = round(statistics.median(doc_ms) * 1000, 1)
    for stage, ms in stages.items():
        summary[f"  stage {stage} median ms"] = round(statistics.median(ms), 1)
    if args.json:
        json.dump({"rows": rows, "summary": summary, "confusions": confusions,
                   "false_alarms": dict(alarms), "misses": misses}, sys.stdout,
                  indent=1)  # fmt: skip
        print()
        return 0
    print(f"seeds {args.seed}..{args.seed + args.n - 1} (report seeds; thresholds were "
          f"calibrated on seeds below 10000), today {TODAY}")  # fmt: skip
    print(
        "n: documents (verdict per document, all its sides examined together); identified: per side"
    )
    print(f"{'mode':7s} {'case':24s} {'n':>4s} {'identified':>16s} {'suspect':>16s} "
          f"{'inconclusive':>16s} {'consistent':>16s}")  # fmt: skip
    for r in rows:
        n = r["n"]
        ident = _pct(r.get("identified", 0), r.get("sides", 0))
        print(f"{r['mode']:7s} {r['case']:24s} {n:4d} {ident:>16s} "
              f"{_pct(r.get('suspect', 0), n):>16s} {_pct(r.get('inconclusive', 0), n):>16s} "
              f"{_pct(r.get('consistent', 0), n):>16s}")  # fmt: skip
    print()
    for k, v in summary.items():
        print(f"{k:44s} {v}")
    for c in confusions[:20]:
        print("identification miss:", c)
    for what, n in alarms.most_common(20):
        print(f"false alarm x{n}: {what}")
    for m in misses[:30]:
        print("forgery not flagged:", m)
    return 0


def _summary(stats, modes, times, peak) -> dict:
    out = {}
    for mode in [*modes, "all"]:
        sel = {k: v for k, v in stats.items() if mode in ("all", k[0])}
        gen = Counter()
        forged = Counter()
        for (_, case), st in sel.items():
            (gen if case == "genuine" else forged).update(st)
        ident_n = sum(st["sides"] for (_, c), st in sel.items() if c != "series_mix")
        ident_ok = sum(st["identified"] for (_, c), st in sel.items() if c != "series_mix")
        out[f"[{mode}] identification (excl. series_mix)"] = _pct(ident_ok, ident_n)
        out[f"[{mode}] forged flagged suspect"] = _pct(forged["suspect"], forged["n"])
        out[f"[{mode}] forged inconclusive"] = _pct(forged["inconclusive"], forged["n"])
        out[f"[{mode}] genuine flagged suspect (false alarm)"] = _pct(gen["suspect"], gen["n"])
        out[f"[{mode}] genuine inconclusive"] = _pct(gen["inconclusive"], gen["n"])
    ms = sorted(t * 1000 for t in times)
    out["ms per examination (one side, 3 lights) median"] = round(statistics.median(ms), 1)
    out["ms per examination p90"] = round(float(np.percentile(ms, 90)), 1)
    out["peak resident memory MB"] = round(peak, 1)
    return out


if __name__ == "__main__":
    sys.exit(main())
