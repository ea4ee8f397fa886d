"""``docexam examine``: identify a document and check it against its reference specimen.

Exit codes: 0 consistent, 1 suspect or inconclusive, 2 unusable input (see cli/main.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from docexam.errors import InputError
from docexam.examlog import DECISIONS
from docexam.settings import Settings, load_settings


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "examine",
        help="check a document's security features against its specimen",
        description=(
            "Examine one capture set: --white IMAGE [--uv IMAGE] [--ir IMAGE], or a folder "
            "of files named *white*, *uv*, *ir* (several sets in one folder, e.g. front.* "
            "and back.*, are examined one by one). Exit 0 consistent, 1 suspect or "
            "inconclusive, 2 unusable input."
        ),
    )
    p.add_argument("folder", nargs="?", type=Path, metavar="DIR", help="a capture-set folder")
    p.add_argument("--white", type=Path, metavar="IMAGE")
    p.add_argument("--uv", type=Path, metavar="IMAGE", help="UV 365 nm image")
    p.add_argument("--ir", type=Path, metavar="IMAGE", help="IR 870 nm image")
    p.add_argument("--specimen", metavar="ID", help="skip identification: use this specimen")
    p.add_argument("--library", type=Path, metavar="DIR", help="specimen library folder")
    p.add_argument("--out", type=Path, metavar="DIR",
                   help="write normalised images, evidence images and report.html")  # fmt: skip
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="date for expiry (default: today)")
    g = p.add_argument_group("examination log (docexam log -h)")
    g.add_argument("--log", action="store_true",
                   help="record the examination, its images and evidence in the log")  # fmt: skip
    g.add_argument("--officer", metavar="WHO", help="default: the officer_id setting")
    g.add_argument("--station", metavar="NAME", help="default: the station_id setting")
    g.add_argument("--decision", choices=DECISIONS,
                   help="the border decision, when already taken")  # fmt: skip
    g.add_argument("--note", metavar="TEXT", help="the officer's note")
    g.add_argument("--db", type=Path, metavar="PATH", help="the log database file")
    g.add_argument("--log-evidence", choices=("findings", "all", "none"), default="findings",
                   help="evidence images to keep: of failed or inconclusive checks (default), "
                   "of all checks, or none (the capture images are always kept)")  # fmt: skip
    p.set_defaults(run=run)


def _sets(args: argparse.Namespace):
    from docexam.examine.captureset import find_capture_sets, load_capture_set

    if args.folder is not None and args.white is not None:
        raise InputError("give either a folder or --white IMAGE, not both")
    if args.folder is None and args.white is None:
        raise InputError("nothing to examine: give --white IMAGE or a folder (docexam examine -h)")
    if args.white is not None:
        return [load_capture_set(args.white, uv=args.uv, ir=args.ir, name=args.white.stem)]
    if args.uv is not None or args.ir is not None:
        raise InputError("--uv and --ir go with --white, not with a folder")
    sets = find_capture_sets(args.folder)
    return [
        load_capture_set(f["white"], uv=f.get("uv365"), ir=f.get("ir870"), name=name)
        for name, f in sets.items()
    ]


def setup(args: argparse.Namespace, settings: Settings):
    """(today, library) for ``--today``, ``--library`` and ``--specimen``, checked before
    any work: shared by ``examine`` and ``capture watch --examine``."""
    from docexam.specimens.library import default_library_root, load_library

    today = None
    if args.today:
        try:
            today = dt.date.fromisoformat(args.today)
        except ValueError:
            raise InputError(f"--today is not a date in YYYY-MM-DD form: {args.today!r}") from None
    library = load_library(args.library or settings.specimen_library or default_library_root())
    if args.specimen is not None:
        library.get(args.specimen)  # unknown id: a clear error before any work
    return today, library


def run(args: argparse.Namespace) -> int:
    from docexam.examine.document import examine_document
    from docexam.examine.pipeline import examine
    from docexam.examine.report import write_report

    if not args.log and any((args.decision, args.note, args.db, args.officer, args.station)):
        raise InputError("--officer, --station, --decision, --note and --db go with --log")
    settings = load_settings()
    today, library = setup(args, settings)
    sets = _sets(args)
    if len(sets) == 1:
        exam = examine(sets[0], library, specimen_id=args.specimen, today=today)
        d = exam.to_dict()
        failure = _log(args, settings, d, sets, [("", exam)])
        if args.out is not None:
            d["report"] = str(write_report(exam, args.out, title=sets[0].name))
        if args.json:
            print(json.dumps(d, ensure_ascii=False, indent=1))
        else:
            _print_human(d, "")
        return _finish(failure, exam.verdict)
    # Several sets in one folder are the sides of one document, examined together.
    doc = examine_document({cs.name: cs for cs in sets}, library, specimen_id=args.specimen,
                           today=today)  # fmt: skip
    d = doc.to_dict()
    failure = _log(args, settings, d, sets, list(doc.sides))
    for side, (name, exam) in zip(d["sides"], doc.sides, strict=True):
        if args.out is not None:
            side["report"] = str(write_report(exam, args.out / name, title=name))
    if args.json:
        print(json.dumps(d, ensure_ascii=False, indent=1))
    else:
        sys.stdout.write(f"DOCUMENT: {d['verdict'].upper()}\n")
        for side in d["sides"]:
            _print_human(side, side["set"])
        if "log" in d:
            log = d["log"]
            sys.stdout.write(f"logged: case {log['id']} (entry {log['entry']}, #{log['seq']})\n")
    return _finish(failure, doc.verdict)


def _log(
    args: argparse.Namespace, settings: Settings, d: dict, sets: list, sides: list
) -> Exception | None:
    """Record the examination when --log was given; a failure is returned, not raised, so
    the verdict is still printed before the error (the officer must not lose it)."""
    if not args.log:
        return None
    from docexam.cli.log_record import record_examination

    try:
        d["log"] = record_examination(args, settings, d, sets, sides)
    except Exception as exc:  # re-raised by _finish after the verdict is out
        return exc
    return None


def _finish(failure: Exception | None, verdict: str) -> int:
    if failure is not None:
        sys.stdout.flush()
        raise failure
    return 0 if verdict == "consistent" else 1


def _print_human(d: dict, name: str) -> None:
    out = sys.stdout
    head = f"{name}: " if name else ""
    spec = d["specimen"]
    out.write(f"{head}{d['verdict'].upper()}")
    out.write(f"  ({spec['id']} {spec['side']}, score {spec['score']})\n" if spec else "\n")
    for r in d["reasons"]:
        feat = f" [{r['feature']}]" if r["feature"] else ""
        out.write(f"  - {r['code']}{feat}: {r['message']}\n")
    if d["not_checked"]:
        out.write(f"  not checked / not judged: {', '.join(d['not_checked'])}\n")
    for f in d["features"]:
        score = "" if f["score"] is None else f" {f['score']:.3f}"
        thr = "" if f["threshold"] is None else f" (threshold {f['threshold']:g})"
        out.write(f"    {f['status']:12s} {f['id']:22s} {f['light'] or '':14s}{score}{thr}\n")
    if "report" in d:
        out.write(f"  report: {d['report']}\n")
    if "log" in d:
        log = d["log"]
        out.write(f"  logged: case {log['id']} (entry {log['entry']}, #{log['seq']})\n")
    out.write(f"  {d['elapsed_ms']:.0f} ms\n")
