"""``docexam log``: search, show, verify, count, export and report the examination log.

Exit codes: 0 done (``verify``: the log is intact), 1 ``verify`` found problems (each is
listed, naming its entry), 2 unusable input: an unknown id, a bad date, a log that cannot
be opened (see cli/main.py). Every subcommand takes ``--db PATH``, which overrides
``$DOCEXAM_DB`` and the settings. The subcommands that write (decide, review, correct,
purge, import) are in cli/log_record.py, beside ``examine --log``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docexam.cli import log_record
from docexam.cli.progress import Progress
from docexam.errors import InputError
from docexam.examlog import DECISIONS, PERIODS, STATS_BY
from docexam.settings import Settings, load_settings

VERDICTS = ("consistent", "suspect", "inconclusive")
_FILTERS = ("document_number", "name", "nationality", "issuing_state", "verdict", "decision",
            "officer", "station")  # fmt: skip
_LIST_COLUMNS = ("time", "id", "verdict", "decision", "document_number", "surname",
                 "nationality", "specimen", "officer", "station")  # fmt: skip


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "log",
        help="the examination log: search, show, verify, statistics, export, reports",
        description="The examination log (docs/examlog.md). --db PATH overrides $DOCEXAM_DB "
        "and the settings (docexam settings show).",
    )
    acts = p.add_subparsers(dest="log_action", metavar="ACTION")
    acts.required = True

    def act(name: str, fn: Callable[[argparse.Namespace, Settings], int], help_: str,
            *, filters: bool = False) -> argparse.ArgumentParser:  # fmt: skip
        a = acts.add_parser(name, help=help_, description=help_)
        a.add_argument("--db", type=Path, metavar="PATH", help="the log database file")
        if filters:
            _add_filters(a)
        a.set_defaults(run=lambda args: fn(args, load_settings()))
        return a

    a = act("list", run_list, "list examinations, newest first", filters=True)
    a.add_argument("--json", action="store_true", help="print a JSON array")
    a.add_argument("--limit", type=int, metavar="N", help="at most N examinations")
    a = act("show", run_show, "everything the log holds about one examination")
    a.add_argument("id", metavar="ID")
    a.add_argument("--json", action="store_true", help="print the case as JSON")
    a = act("verify", run_verify, "check the hash chain and the stored images; exit 1 on "
            "problems")  # fmt: skip
    a.add_argument("--json", action="store_true", help="print the report as JSON")
    a.add_argument("--anchor", metavar="SEQ:HASH",
                   help="a head printed by an earlier verify and kept outside the log: also "
                   "detects a rewrite of everything up to it")  # fmt: skip
    a = act("stats", run_stats, "count examinations for risk analysis", filters=True)
    a.add_argument("--by", choices=STATS_BY, default="verdict", help="group by (default verdict)")
    a.add_argument("--period", choices=PERIODS, help="and by period")
    a.add_argument("--csv", action="store_true", help="print CSV instead of a table")
    a = act("export", run_export, "write the matching examinations as CSV or JSON lines",
            filters=True)  # fmt: skip
    a.add_argument("--format", choices=("csv", "jsonl"), required=True)
    a.add_argument("--out", type=Path, metavar="FILE", required=True)
    a = act("report", run_report, "one examination as a PDF or HTML report")
    a.add_argument("id", metavar="ID")
    a.add_argument("--out", type=Path, metavar="FILE.pdf|FILE.html", required=True)
    a = act("export-case", run_export_case, "one examination as a case file for an expert")
    a.add_argument("id", metavar="ID")
    a.add_argument("--out", type=Path, metavar="FILE", required=True)
    a = act("import", log_record.run_import, "import a case file exported by another station")
    a.add_argument("casefile", type=Path, metavar="CASEFILE")
    a.add_argument("--by", metavar="WHO", help="who imports (default: the officer setting)")
    a = act("purge", log_record.run_purge, "remove the personal data and images of old "
            "examinations (the retention period)")  # fmt: skip
    a.add_argument("--older-than", type=int, metavar="DAYS",
                   help="default: the retention_days setting")  # fmt: skip
    a.add_argument("--by", metavar="WHO", help="who purges (default: the officer setting)")
    a = act("decide", log_record.run_decide, "record the border decision for an examination")
    a.add_argument("id", metavar="ID")
    a.add_argument("--decision", choices=DECISIONS, required=True)
    a.add_argument("--note", metavar="TEXT")
    _add_who(a)
    a = act("review", log_record.run_review, "record an expert's review of an examination")
    a.add_argument("id", metavar="ID")
    a.add_argument("--finding", metavar="TEXT", required=True)
    a.add_argument("--note", metavar="TEXT")
    _add_who(a)
    a = act("correct", log_record.run_correct, "correct an entry (the original is kept)")
    a.add_argument("entry_id", metavar="ENTRY_ID")
    a.add_argument("--reason", metavar="TEXT", required=True)
    a.add_argument("--set", action="append", metavar="KEY=VALUE", required=True,
                   help="a corrected field (repeatable)")  # fmt: skip
    _add_who(a)


def _add_who(a: argparse.ArgumentParser) -> None:
    a.add_argument("--officer", metavar="WHO", help="default: the officer_id setting")
    a.add_argument("--station", metavar="NAME", help="default: the station_id setting")


def _add_filters(a: argparse.ArgumentParser) -> None:
    g = a.add_argument_group("filters (all must hold)")
    g.add_argument("--document-number", metavar="NUMBER")
    g.add_argument("--name", metavar="TEXT", help="start of a word of the holder's names")
    g.add_argument("--nationality", metavar="CODE")
    g.add_argument("--issuing-state", metavar="CODE")
    g.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="from this day (UTC)")
    g.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="to this day, inclusive")
    g.add_argument("--verdict", choices=VERDICTS)
    g.add_argument("--decision", choices=DECISIONS)
    g.add_argument("--officer", metavar="WHO")
    g.add_argument("--station", metavar="NAME")


def _date(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{option} is not a date in YYYY-MM-DD form: {text!r}") from None


def query(args: argparse.Namespace) -> Any:
    """The ``LogQuery`` of the filter options."""
    from docexam.examlog import LogQuery

    q = {k: getattr(args, k) for k in _FILTERS if getattr(args, k, None) not in (None, "")}
    start, end = _date(args.date_from, "--from"), _date(args.date_to, "--to")
    if start and end and start > end:
        raise InputError(f"--from {start} is after --to {end}")
    return LogQuery(**q, date_from=start, date_to=end)


def _open(args: argparse.Namespace, settings: Settings) -> Any:
    from docexam.examlog import ExamLog

    return ExamLog.open(log_record.db_path(args, settings), create=False, readonly=True)


def _table(columns: tuple[str, ...] | list[str], rows: list[list[Any]]) -> str:
    cells = [[str(c) for c in columns]] + [["" if v is None else str(v) for v in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
                     for r in cells) + "\n"  # fmt: skip


def run_list(args: argparse.Namespace, settings: Settings) -> int:
    if args.limit is not None and args.limit < 1:
        raise InputError(f"--limit must be at least 1, got {args.limit}")
    q = query(args)
    with _open(args, settings) as log:
        found = log.search(q, limit=args.limit)
    if args.json:
        print(json.dumps([c.to_dict() for c in found], ensure_ascii=False, indent=1))
    elif found:
        rows = [[getattr(c, k, None) for k in _LIST_COLUMNS] for c in found]
        sys.stdout.write(_table(_LIST_COLUMNS, rows))
    else:
        print("no examinations match", file=sys.stderr)
    return 0


def run_show(args: argparse.Namespace, settings: Settings) -> int:
    with _open(args, settings) as log:
        d = log.get(args.id).to_dict()
    if args.json:
        print(json.dumps(d, ensure_ascii=False, indent=1))
        return 0
    out = sys.stdout
    out.write(f"case {d['id']}  {d['time']}  station {d['station']}  officer {d['officer']}\n")
    s = d.get("summary") or {}
    out.write(f"document {s.get('document_number') or '-'} ({s.get('issuing_state') or '-'}), "
              f"{s.get('surname') or '-'} {s.get('given_names') or ''}, "
              f"specimen {s.get('specimen') or '-'}\n")  # fmt: skip
    exam = d.get("examination")
    if d.get("purged") or exam is None:
        out.write("PURGED: the examination's data and images were removed (retention)\n")
    else:
        out.write(f"{exam['verdict'].upper()}\n")
        for r in exam.get("reasons", []):
            where = " ".join(x for x in (r.get("set"), r.get("feature")) if x)
            out.write(f"  - {r['code']}{f' [{where}]' if where else ''}: {r['message']}\n")
    dec = d.get("decision")
    out.write(
        f"decision: {dec['decision']} ({dec.get('officer', '')}, {dec.get('time', '')})"
        f"{': ' + dec['note'] if dec.get('note') else ''}\n"
        if dec
        else "decision: none\n"
    )
    out.write(f"images ({len(d.get('images') or [])}):\n")
    for img in d.get("images") or []:
        out.write(f"  {img['role']:40s} {img['sha256'][:16]}  {img['size']:>9} B  "
                  f"{img['path'] or '(not stored)'}\n")  # fmt: skip
    out.write("entries:\n")
    for e in d.get("entries") or []:
        out.write(f"  #{e['seq']:<7} {e['kind']:12s} {e['time']}  {e['actor']}  {e['id']}\n"
                  f"           hash {e['hash']}\n")  # fmt: skip
    return 0


def _anchor(text: str) -> tuple[int, str]:
    seq, _, digest = text.strip().lstrip("#").partition(":")
    digest = digest.strip().lower()
    if not seq.strip().isdigit() or len(digest) != 64 or set(digest) - set("0123456789abcdef"):
        raise InputError(f"--anchor must be SEQ:HASH (e.g. 1234:<64 hex digits>), got {text!r}")
    return int(seq), digest


def run_verify(args: argparse.Namespace, settings: Settings) -> int:
    bar: list[Progress] = []

    def progress(done: int, total: int) -> None:
        if not bar:
            bar.append(Progress(total, label="verifying"))
        bar[0].step(done - bar[0].done)

    anchor = _anchor(args.anchor) if args.anchor else None
    with _open(args, settings) as log:
        rep = log.verify(progress=progress, anchor=anchor)
    if args.json:
        print(json.dumps(rep.to_dict(), ensure_ascii=False, indent=1))
        return 0 if rep.ok else 1
    head = rep.head_hash
    print(f"entries checked: {rep.entries_checked}, images checked: {rep.images_checked}")
    if head:
        print(f"head: #{rep.head_seq} {head}  (keep it: --anchor {rep.head_seq}:{head})")
    for prob in rep.problems:
        entry = f" ({prob.entry_id})" if prob.entry_id else ""
        print(f"PROBLEM {prob.kind}: entry #{prob.seq}{entry}: {prob.detail}")
    print("the log is intact" if rep.ok else f"{len(rep.problems)} problem(s) found")
    return 0 if rep.ok else 1


def run_stats(args: argparse.Namespace, settings: Settings) -> int:
    q = query(args)
    with _open(args, settings) as log:
        table = log.stats(q, by=args.by, period=args.period)
    if args.csv:
        sys.stdout.write(table.to_csv())
    elif table.rows:
        sys.stdout.write(_table(list(table.columns), [list(r) for r in table.rows]))
    else:
        print("no examinations match", file=sys.stderr)
    return 0


def run_export(args: argparse.Namespace, settings: Settings) -> int:
    q = query(args)
    with _open(args, settings) as log:
        n = log.export_rows(q, fmt=args.format, out=args.out)
    print(f"{n} examination(s) written to {args.out}")
    return 0


def run_report(args: argparse.Namespace, settings: Settings) -> int:
    from docexam.examlog.case_report import write_case_report

    if args.out.suffix.lower() not in (".pdf", ".html", ".htm"):
        raise InputError(f"--out must end in .pdf or .html: {args.out}")
    with _open(args, settings) as log:
        case = log.get(args.id).to_dict()
        path = write_case_report(case, args.out)
    print(f"report written to {path}")
    return 0


def run_export_case(args: argparse.Namespace, settings: Settings) -> int:
    with _open(args, settings) as log:
        path = log.export_case(args.id, args.out)
    print(f"case {args.id} written to {path}")
    return 0
