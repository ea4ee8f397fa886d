"""``docexam training``: build sessions with known answers, inspect, score, report, keep results.

Exit codes: 0 done, 2 unusable input (a bad option, a package that is not one or was
altered, a key or results file of another session, results imported before); see
cli/main.py. ``new`` writes the package (hand it out) and ``<stem>.key.json`` beside it
(keep it); ``info`` never reads the key; ``score``/``report``/``import`` find the key beside
the package unless ``--key`` names it. Results are kept in ``training.sqlite`` in the
examination log's folder (``--db`` overrides), never in the log itself.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docexam.cli.progress import Progress
from docexam.errors import InputError
from docexam.settings import Settings, load_settings


def _guarded(fn: Callable[[argparse.Namespace, Settings], int]) -> Callable[..., int]:
    """Engine ValueErrors name the bad parameter: they are bad input here (exit 2)."""

    def run(args: argparse.Namespace) -> int:
        try:
            return fn(args, load_settings())
        except ValueError as exc:
            raise InputError(str(exc)) from None

    return run


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "training",
        help="training sessions: cases with known answers, timed drills, scores, reports",
        description="Training sessions for examiners. The package (.dxs) goes to trainees; "
        "the answer key (<stem>.key.json) stays with the trainer.",
    )
    acts = p.add_subparsers(dest="training_action", metavar="ACTION")
    acts.required = True

    def act(name: str, fn: Callable, help_: str) -> argparse.ArgumentParser:
        a = acts.add_parser(name, help=help_, description=help_)
        a.set_defaults(run=_guarded(fn))
        return a

    key_help = "the answer key (default: <stem>.key.json beside SESSION)"
    db_help = "the training database (default: training.sqlite beside the log)"
    # fmt: off
    a = act("new", run_new, "build a session: the package and its answer key")
    a.add_argument("--out", type=Path, required=True, metavar="SESSION", help="e.g. drill.dxs")
    a.add_argument("--cases", type=int, default=20, metavar="N", help="studio cases (default 20)")
    a.add_argument("--specimens", metavar="ID,...", help="default: every bundled specimen")
    a.add_argument("--forged-share", type=float, default=0.5, metavar="F", help="default 0.5")
    a.add_argument("--forgeries", metavar="ID,...", help="default: every applicable forgery")
    a.add_argument("--capture", default="scan", metavar="MODE",
                   help="scan (default), camera, phone, mixed or none (flat pages)")
    a.add_argument("--seed", type=int, metavar="N", help="default: random (kept in the key)")
    a.add_argument("--jpeg-quality", type=int, metavar="Q",
                   help="store lossless captures as JPEG of quality Q (a smaller package)")
    a.add_argument("--from-folder", type=Path, metavar="DIR",
                   help="cases from DIR's sub-folders, answers from DIR/answers.json")
    a.add_argument("--from-log", metavar="EXAM_ID=ANSWER,...",
                   help="cases from the log: ANSWER is genuine or FORGERY[:FEATURE+FEATURE]")
    a.add_argument("--log-db", type=Path, metavar="PATH", help="the log for --from-log")
    a.add_argument("--time-limit", type=float, metavar="S", help="seconds per case")
    a.add_argument("--show-verdicts", action="store_true",
                   help="let the trainee's application show the automatic verdict")
    a.add_argument("--title", metavar="TEXT")
    a.add_argument("--trainer", metavar="NAME", help="default: the officer_id setting")
    a.add_argument("--key", type=Path, metavar="PATH", help="default: <stem>.key.json")
    a.add_argument("--force", action="store_true", help="overwrite an existing package/key")
    a.add_argument("--json", action="store_true")
    a = act("info", run_info, "list a package's cases (never their answers)")
    a.add_argument("session", type=Path, metavar="SESSION")
    a.add_argument("--json", action="store_true")
    a = act("answer", run_answer, "record a trainee's answer to one case in a results file "
            "(a command-line stand-in for the trainee's application)")
    a.add_argument("session", type=Path, metavar="SESSION")
    a.add_argument("case", metavar="CASE", help="the case id or its number in the session")
    a.add_argument("verdict", choices=VERDICT_CHOICES, metavar="VERDICT",
                   help="consistent, suspect or inconclusive")
    a.add_argument("--results", type=Path, required=True, metavar="FILE",
                   help="the trainee's results file (created by the first answer)")
    a.add_argument("--trainee", metavar="NAME", help="needed when FILE is created")
    a.add_argument("--features", metavar="ID,...", help="feature ids judged faulty")
    a.add_argument("--decision", choices=DECISION_CHOICES)
    a.add_argument("--seconds", type=float, default=0.0, help="time spent on the case")
    a.add_argument("--finish", action="store_true", help="mark the run finished")
    a = act("score", run_score, "score trainees' results against the key")
    a.add_argument("session", type=Path, metavar="SESSION")
    a.add_argument("results", type=Path, nargs="+", metavar="RESULTS")
    a.add_argument("--key", type=Path, metavar="PATH", help=key_help)
    a.add_argument("--json", action="store_true")
    a = act("report", run_report, "a PDF: one trainee's report, or the session summary for "
            "several results")
    a.add_argument("session", type=Path, metavar="SESSION")
    a.add_argument("results", type=Path, nargs="+", metavar="RESULTS")
    a.add_argument("--key", type=Path, metavar="PATH", help=key_help)
    a.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    a = act("import", run_import, "keep results files in the training database")
    a.add_argument("results", type=Path, nargs="+", metavar="RESULTS")
    a.add_argument("--session", type=Path, metavar="SESSION",
                   help="check them against this package and store their score")
    a.add_argument("--key", type=Path, metavar="PATH", help=key_help)
    a.add_argument("--db", type=Path, metavar="PATH", help=db_help)
    a = act("results", run_results, "list the results kept in the training database")
    a.add_argument("--session", metavar="ID", help="only this session id")
    a.add_argument("--trainee", metavar="NAME")
    a.add_argument("--db", type=Path, metavar="PATH", help=db_help)
    a.add_argument("--json", action="store_true")
    # fmt: on


VERDICT_CHOICES = ("consistent", "suspect", "inconclusive")
DECISION_CHOICES = ("admitted", "refused", "referred", "other")


def _ids(text: str | None) -> tuple[str, ...]:
    return tuple(x.strip() for x in (text or "").split(",") if x.strip())


def _source(args: argparse.Namespace, settings: Settings) -> Any:
    from docexam.training import FolderSource, LogSource, StudioSource, parse_log_answers

    if args.from_folder and args.from_log:
        raise InputError("give --from-folder or --from-log, not both")
    if args.from_folder:
        return FolderSource(args.from_folder)
    if args.from_log:
        from docexam.examlog import default_db_path

        db = default_db_path(args.log_db or settings.log_db)
        return LogSource(db, parse_log_answers(args.from_log))
    return StudioSource(
        cases=args.cases,
        specimens=_ids(args.specimens),
        forged_share=args.forged_share,
        forgeries=_ids(args.forgeries),
        capture=args.capture,
        seed=args.seed,
        jpeg_quality=args.jpeg_quality,
    )


def run_new(args: argparse.Namespace, settings: Settings) -> int:
    from docexam.training import SessionSettings, build_session

    if args.time_limit is not None and args.time_limit <= 0:
        raise InputError(
            f"--time-limit must be a positive number of seconds, got {args.time_limit}"
        )
    bar: list[Progress] = []

    def progress(done: int, total: int) -> None:
        if not bar:
            bar.append(Progress(total, label="cases"))
        bar[0].step(done - bar[0].done)

    built = build_session(
        args.out,
        _source(args, settings),
        trainer=args.trainer or settings.officer_id,
        title=args.title,
        key_path=args.key,
        overwrite=args.force,
        progress=progress,
        workers=1,  # 2 saves ~20% of the time for ~0.5 GB more memory (600 dpi scans)
        settings=SessionSettings(args.time_limit, args.show_verdicts),
    )
    forged = sum(not c.genuine for c in built.key.cases)
    out = {
        "session_id": built.manifest.id,
        "package": str(built.package),
        "key": str(built.key_path),
        "cases": len(built.key.cases),
        "forged": forged,
        "genuine": len(built.key.cases) - forged,
        "bytes": built.package_bytes,
        "seconds": round(built.seconds, 1),
    }
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    print(
        f"session {out['session_id']}: {out['cases']} cases ({forged} forged) in {out['seconds']} s"
    )
    print(f"package (hand it out): {built.package} ({built.package_bytes / 1e6:.1f} MB)")
    print(f"answer key (keep it, never hand it out): {built.key_path}")
    return 0


def run_info(args: argparse.Namespace, settings: Settings) -> int:
    from docexam.training import open_package

    pkg = open_package(args.session)  # every image checked against the manifest
    m = pkg.manifest
    if args.json:
        d = {
            **m.to_dict(),
            "manifest_sha256": pkg.manifest_sha256,
            "verified": True,
            "bytes": args.session.stat().st_size,
        }
        print(json.dumps(d, ensure_ascii=False, indent=1))
        return 0
    limit = f"{m.settings.time_limit_s:g} s per case" if m.settings.time_limit_s else "none"
    shown = "shown" if m.settings.show_automatic_verdict else "hidden"
    print(f"session {m.id}: {m.title}")
    print(f"trainer {m.trainer}, created {m.created}")
    print(f"time limit: {limit}; automatic verdicts: {shown}")
    print(f"package intact: every image matches the manifest (sha256 {pkg.manifest_sha256})")
    print(f"{'#':>3}  {'case':8}  sides (lights)")
    for c in m.cases:
        sides = "; ".join(f"{s} ({', '.join(c.lights(s))})" for s in c.sides)
        print(f"{c.number:>3}  {c.id:8}  {sides}")
    return 0


def run_answer(args: argparse.Namespace, settings: Settings) -> int:
    from docexam.training import TraineeRun, load_results, open_package

    pkg = open_package(args.session, verify=False)  # each image is checked when loaded
    if args.results.exists():
        run = TraineeRun.resume(pkg, load_results(args.results, package=pkg))
        if args.trainee and args.trainee.strip() != run.trainee:
            raise InputError(f"{args.results} holds the answers of {run.trainee}")
    elif not args.trainee:
        raise InputError(f"--trainee is needed to start {args.results}")
    else:
        run = TraineeRun(pkg, trainee=args.trainee)
    cases = pkg.manifest.cases
    if args.case.isdigit() and len(args.case) <= 3 and 1 <= int(args.case) <= len(cases):
        case = cases[int(args.case) - 1]
    else:
        case = next((c for c in cases if c.id == args.case), None)
        if case is None:
            raise InputError(f"CASE must be a case id or a number from 1 to {len(cases)}")
    run.record_answer(
        case.id,
        verdict=args.verdict,
        decision=args.decision,
        features=_ids(args.features),
        seconds=args.seconds,
    )
    run.save(args.results, finish=args.finish)
    left = len(run.unanswered())
    print(f"case {case.number} ({case.id}) answered; {left} case(s) left -> {args.results}")
    return 0


def _scored(args: argparse.Namespace) -> tuple[Any, Any, list[Any]]:
    from docexam.training import key_path_for, load_key, load_results, open_package, score_results

    pkg = open_package(args.session)
    key = load_key(args.key or key_path_for(args.session), package=pkg)
    scores = [score_results(key, load_results(r, package=pkg), where=str(r)) for r in args.results]
    return pkg, key, scores


def run_score(args: argparse.Namespace, settings: Settings) -> int:
    from docexam.training import summarize

    _, key, scores = _scored(args)
    summary = summarize(key, scores)
    if args.json:
        d = {
            "session": {"id": key.session_id, "title": key.title, "trainer": key.trainer},
            "scores": [s.to_dict() for s in scores],
            "summary": summary.to_dict(),
        }
        print(json.dumps(d, ensure_ascii=False, indent=1))
        return 0
    for s in scores:
        k, r = s.counts(), s.rates()
        pct = "-" if r["accuracy"] is None else f"{100 * r['accuracy']:.0f}%"
        print(
            f"{s.trainee}: {k['correct']}/{k['cases']} correct ({pct}); forgeries missed "
            f"{k['forgery_missed']}, genuine refused {k['genuine_refused']}, inconclusive "
            f"{k['inconclusive']}, unanswered {k['unanswered']}; features: {k['feature_hits']} "
            f"found, {k['feature_misses']} missed, {k['feature_false_marks']} wrongly marked; "
            f"{k['seconds_total']} s, {k['over_time']} over time"
        )
        for c in s.cases:
            miss = f" missed: {', '.join(c.misses)}" if c.misses else ""
            print(
                f"  {c.number:>3} {c.case_id} {c.answer:24s} {c.verdict or '-':13s} "
                f"{c.outcome}{' (over time)' if c.over_time else ''}{miss}"
            )
    if len(scores) > 1:
        worst = [
            f"{a['answer']} {a['missed']}/{a['attempts']}" for a in summary.by_answer if a["missed"]
        ]
        print("missed most:", "; ".join(worst) or "nothing")
    return 0


def run_report(args: argparse.Namespace, settings: Settings) -> int:
    from docexam.training import write_report

    if args.out.suffix.lower() != ".pdf":
        raise InputError(f"--out must end in .pdf: {args.out}")
    _, key, scores = _scored(args)
    path = write_report(args.out, key, scores)
    what = "trainee report" if len(scores) == 1 else "session summary"
    print(f"{what} written to {path}")
    return 0


def _db(args: argparse.Namespace, settings: Settings) -> Path:
    from docexam.training import default_training_db

    return Path(args.db) if args.db else default_training_db(settings.log_db)


def run_import(args: argparse.Namespace, settings: Settings) -> int:
    from docexam.training import (
        TrainingStore,
        key_path_for,
        load_key,
        load_results,
        open_package,
        score_results,
    )

    pkg = key = None
    if args.session:
        pkg = open_package(args.session)
        key_file = args.key or key_path_for(args.session)
        if args.key or key_file.exists():
            key = load_key(key_file, package=pkg)
    elif args.key:
        raise InputError("--key needs --session (the package the key belongs to)")
    with TrainingStore.open(_db(args, settings)) as store:
        for path in args.results:
            r = load_results(path, package=pkg)
            score = None
            if key is not None:
                s = score_results(key, r, where=str(path))
                score = {**s.counts(), **s.rates()}
            row = store.add(r, session_title=pkg.manifest.title if pkg else None, score=score)
            print(
                f"imported {path}: {row.trainee}, session {row.session_id}, run {row.run_id}"
                f"{'' if score else ' (not scored: no key)'}"
            )
        print(f"database: {store.path}")
    return 0


def run_results(args: argparse.Namespace, settings: Settings) -> int:
    from docexam.training import TrainingStore

    db = _db(args, settings)
    if not db.exists():
        rows = []
    else:
        with TrainingStore.open(db, create=False) as store:
            rows = store.list(session_id=args.session, trainee=args.trainee)
    if args.json:
        print(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=1))
        return 0
    if not rows:
        print("no training results match", file=sys.stderr)
        return 0
    for r in rows:
        sc = r.score or {}
        score = f"{sc['correct']}/{sc['cases']} correct" if sc else "not scored"
        print(
            f"{r.imported[:19]}  {r.trainee}  session {r.session_id} "
            f"{r.session_title or ''}  {r.answered} answered, {score}  run {r.run_id}"
        )
    return 0
