"""``docexam synth``: the synthetic document studio (specimens, documents, batches, forgeries)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from docexam.cli.progress import Progress
from docexam.errors import InputError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "synth",
        help="render fictional specimens and documents, genuine and forged",
        description="The synthetic document studio. Everything is reproducible from a seed.",
    )
    ss = p.add_subparsers(dest="synth_command", metavar="WHAT")
    ss.required = True

    sp = ss.add_parser("specimens", help="render the bundled specimen library")
    sp.add_argument("--out", required=True, type=Path, metavar="DIR")
    sp.add_argument("--only", nargs="+", metavar="ID", help="render only these specimens")
    sp.set_defaults(run=_specimens)

    dp = ss.add_parser("document", help="render one document under every light")
    dp.add_argument("--specimen", required=True, metavar="ID")
    dp.add_argument("--forgery", metavar="TYPE", help="a forgery id (docexam synth forgeries)")
    dp.add_argument("--capture", default="none", choices=("none", "scan", "camera", "phone"))
    dp.add_argument("--seed", type=int, default=0)
    dp.add_argument("--out", required=True, type=Path, metavar="DIR")
    dp.set_defaults(run=_document)

    bp = ss.add_parser("batch", help="write a labelled set of genuine and forged documents")
    bp.add_argument("--out", required=True, type=Path, metavar="DIR")
    bp.add_argument("--n", type=int, default=20, help="number of documents (default 20)")
    bp.add_argument("--forged", type=float, default=0.5, metavar="FRACTION",
                    help="fraction of forged documents (default 0.5)")  # fmt: skip
    bp.add_argument("--captures", default="none", metavar="LIST",
                    help="capture modes to draw from, comma-separated")  # fmt: skip
    bp.add_argument("--specimens", nargs="+", metavar="ID", help="default: all bundled")
    bp.add_argument("--seed", type=int, default=0)
    bp.set_defaults(run=_batch)

    fp = ss.add_parser("forgeries", help="list the forgery catalogue")
    fp.add_argument("--json", action="store_true")
    fp.set_defaults(run=_forgeries)


def _specimens(args: argparse.Namespace) -> int:
    from docexam.synth.designs import DESIGNS
    from docexam.synth.studio import render_specimens

    ids = args.only or list(DESIGNS)
    bar = Progress(len(ids), label="specimens")
    folders = render_specimens(args.out, ids=ids, progress=bar.step)
    for f in folders:
        print(f)
    return 0


def _document(args: argparse.Namespace) -> int:
    from docexam.synth.studio import write_document

    if args.seed < 0:
        raise InputError(f"--seed must be >= 0, got {args.seed}")
    w = write_document(args.out, args.specimen, seed=args.seed, forgery=args.forgery,
                       capture=args.capture)  # fmt: skip
    for name in (*w.files, "truth.json"):
        print(w.folder / name)
    return 0


def _batch(args: argparse.Namespace) -> int:
    from docexam.synth import forgeries
    from docexam.synth.capture import CAPTURE_MODES
    from docexam.synth.designs import DESIGNS, OTHER_SERIES, design
    from docexam.synth.studio import write_document

    if args.n < 1:
        raise InputError(f"--n must be at least 1, got {args.n}")
    if not 0.0 <= args.forged <= 1.0:
        raise InputError(f"--forged must be between 0 and 1, got {args.forged}")
    captures = [c.strip() for c in args.captures.split(",") if c.strip()]
    bad = [c for c in captures if c not in CAPTURE_MODES]
    if bad or not captures:
        raise InputError(f"--captures must list modes among {', '.join(CAPTURE_MODES)}")
    ids = args.specimens or list(DESIGNS)
    unknown = [s for s in ids if s not in DESIGNS]
    if unknown:
        raise InputError(f"unknown specimen {unknown[0]!r}; known: {', '.join(DESIGNS)}")
    usable = {s: forgeries.applicable(design(s), design(OTHER_SERIES[s])) for s in ids}
    args.out.mkdir(parents=True, exist_ok=True)
    labels = args.out / "labels.jsonl"
    bar = Progress(args.n, label="documents")
    with labels.open("w", encoding="utf-8") as fh:
        for i in range(args.n):
            rng = np.random.default_rng([args.seed, i])
            sid = ids[int(rng.integers(len(ids)))]
            forged = bool(rng.random() < args.forged)
            kind = usable[sid][int(rng.integers(len(usable[sid])))] if forged else None
            capture = captures[int(rng.integers(len(captures)))]
            seed = int(rng.integers(0, 2**31))
            name = f"{i:05d}"
            w = write_document(args.out / name, sid, seed=seed, forgery=kind, capture=capture)
            row = {"folder": name, "specimen": sid, "forgery": kind, "capture": capture,
                   "seed": seed, "affected_features": w.truth["affected_features"]}  # fmt: skip
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            fh.flush()
            bar.step()
    print(labels)
    return 0


def _forgeries(args: argparse.Namespace) -> int:
    from docexam.synth.forgeries import CATALOGUE

    if args.json:
        rows = [{"id": f.id, "title": f.title, "description": f.description,
                 "breaks": list(f.breaks)} for f in CATALOGUE]  # fmt: skip
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for f in CATALOGUE:
        print(f"{f.id:24s} {f.title}")
        print(f"{'':24s}   {f.description}")
        print(f"{'':24s}   breaks: {', '.join(f.breaks)}")
    return 0
