"""Threshold calibration of the image feature checks: score distributions, not a test.

For every feature of every bundled specimen page, the check runs on genuine documents and
on each forgery that changes the feature (``plan.affected``), under each capture mode,
registered onto the page with up to 0.5 mm error (``docexam.synth.registered``). It prints
per feature: the genuine scores' worst and 2nd/98th percentile, the forged scores' best,
the manifest's tolerance, and the errors that tolerance makes (genuine failing, forged
passing). Thresholds are chosen on the tuning seeds (the default, below 10000) and the
examination benchmark reports on seeds from 1_000_000, which this script never sees.

    .venv/bin/python benchmarks/calibrate_checks.py [--n 4] [--seed 2000] [--modes ...]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict

import cv2
import numpy as np

from docexam.examine.checks import registry
from docexam.examine.checks.common import CheckInput
from docexam.specimens.library import default_library_root, load_library
from docexam.synth import forgeries
from docexam.synth.designs import DESIGNS, OTHER_SERIES, design
from docexam.synth.registered import registered_capture
from docexam.synth.studio import make_document

HIGHER_IS_BETTER = {"pattern_match": True, "fine_detail": True, "colour_match": False,
                    "fluorescence": True, "uv_dull": False, "fibres_present": True,
                    "ir_visible": True, "ir_invisible": False, "ghost_matches_portrait": True,
                    "typeface_match": False}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=4, help="documents per (specimen, case, mode)")
    ap.add_argument("--seed", type=int, default=2000)
    ap.add_argument("--modes", default="scan,camera,phone")
    ap.add_argument("--only", default="", help="comma-separated feature ids to keep")
    ap.add_argument("--cases", default="", help="comma-separated cases to keep (genuine, "
                    "forgery ids); default: all")  # fmt: skip
    ap.add_argument("--by-mode", action="store_true", help="one row per capture mode")
    args = ap.parse_args(argv)
    if args.seed + args.n > 10_000:
        ap.error("--seed/--n: calibration uses tuning seeds below 10000 only")
    only = {s for s in args.only.split(",") if s}
    library = load_library(default_library_root())
    # (specimen, feature) -> {"genuine": [(score, status, code)], "forged": [(..., case)]}
    seen: dict[tuple[str, str], dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for mode in args.modes.split(","):
        for sid in DESIGNS:
            spec = library.get(sid)
            keep = {c for c in args.cases.split(",") if c}
            for case in [None, *forgeries.applicable(design(sid), design(OTHER_SERIES[sid]))]:
                if keep and (case or "genuine") not in keep:
                    continue
                for i in range(args.n):
                    seed = args.seed + i
                    doc = make_document(sid, seed=seed, forgery=case)
                    for side, flat in doc.images.items():
                        page = spec.page(side)
                        feats = [f for f in page.features if f.check.method in registry.METHODS
                                 and (not only or f.id in only)
                                 and (case is None or f.id in doc.plan.affected)]  # fmt: skip
                        if not feats:
                            continue
                        q, valid, glare = registered_capture(
                            flat, px_per_mm=page.px_per_mm, mode=mode, seed=seed)  # fmt: skip
                        ref = {lt: _read(page, lt) for lt in page.images}
                        inp = CheckInput(q, ref, valid, glare, page, page.px_per_mm)
                        for f in feats:
                            r = registry.run_check(f, inp)
                            key = "genuine" if case is None else "forged"
                            row = (sid, f"{f.id}@{mode}" if args.by_mode else f.id)
                            seen[row][key].append((r.score, r.status, r.code, case, mode))
    print(f"tuning seeds {args.seed}..{args.seed + args.n - 1}, modes {args.modes}")
    print(f"{'feature':34s} {'dir':3s} {'tol':>6s} {'gen worst':>9s} {'gen p2/p98':>13s} "
          f"{'forg best':>9s} {'gen fail':>8s} {'forg pass':>9s} {'inconcl g/f':>11s}")  # fmt: skip
    for (sid, fid), d in sorted(seen.items()):
        base = fid.split("@")[0]
        feat = next(f for f in library.get(sid).page_of(base).features if f.id == base)
        hib = HIGHER_IS_BETTER[feat.check.method]
        tol = feat.check.tolerance
        g = [s for s, st, *_ in d["genuine"] if s is not None]
        fo = [s for s, st, *_ in d["forged"] if s is not None]
        gi = sum(st == "inconclusive" for _, st, *_ in d["genuine"])
        fi = sum(st == "inconclusive" for _, st, *_ in d["forged"])
        gfail = sum(st == "fail" for _, st, *_ in d["genuine"])
        fpass = sum(st == "pass" for _, st, *_ in d["forged"])
        worst = (min(g) if hib else max(g)) if g else float("nan")
        lo, hi = np.percentile(g, [2, 98]) if g else (float("nan"),) * 2
        best = (max(fo) if hib else min(fo)) if fo else float("nan")
        print(f"{sid[4:] + ':' + fid:34s} {'>=' if hib else '<=':3s} {tol or 0:6.2f} "
              f"{worst:9.3f} {lo:6.2f}/{hi:6.2f} {best:9.3f} "
              f"{gfail:3d}/{len(d['genuine']):<4d} {fpass:3d}/{len(d['forged']):<5d} "
              f"{gi:4d}/{fi:<4d}")  # fmt: skip
        for s, st, _code, case, mode in d["forged"]:
            if st == "pass":
                print(f"    forged passed: {case} {mode} score {s:.3f}")
    return 0


_CACHE: dict = {}


def _read(page, light: str) -> np.ndarray:
    path = str(page.image_path(light))
    if path not in _CACHE:
        flag = cv2.IMREAD_GRAYSCALE if light.startswith("ir") else cv2.IMREAD_COLOR
        _CACHE[path] = cv2.imread(path, flag)
    return _CACHE[path]


if __name__ == "__main__":
    sys.exit(main())
