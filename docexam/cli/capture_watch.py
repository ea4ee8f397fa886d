"""``docexam capture watch``: examine (and log) capture sets as a reader drops them.

Why a module of its own: the watch is a loop with its own state (the library loaded once,
the log, the worst verdict so far) and its own ending rules (``--once``, ``--timeout``,
Ctrl-C), apart from the one-shot capture commands in ``capture_cmd``.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading

from docexam.errors import CaptureError, DocexamError, InputError


def say(text: str) -> None:
    """Progress and prompts on stderr, so stdout stays the result."""
    print(text, file=sys.stderr, flush=True)


def positive_timeout(args: argparse.Namespace) -> None:
    if args.timeout is not None and not args.timeout > 0:
        raise InputError(f"--timeout must be above 0 s, not {args.timeout:g}")


# --- watch ---------------------------------------------------------------------------------
def run(args: argparse.Namespace) -> int:
    from docexam.capture.dropfolder import watch

    if not args.log and any((args.db, args.officer, args.station)):
        raise InputError("--officer, --station and --db go with --log")
    if args.log and not args.examine:
        raise InputError("--log records examinations: give --examine too")
    positive_timeout(args)
    if not args.settle >= 0:
        raise InputError(f"--settle must be 0 s or more, not {args.settle:g}")
    exam = _Examiner(args) if args.examine else None
    stop = threading.Event()
    sets = worst = 0
    try:
        arrivals = watch(args.folder, settle=args.settle, stop=stop, existing=args.existing,
                         timeout=args.timeout, notice=say)  # fmt: skip
        say(f"watching {args.folder} (Ctrl-C stops)")
        for arrived in arrivals:
            sets += 1
            if exam is None:
                _print_arrival(arrived, args.json)
            else:
                worst = max(worst, exam.run(arrived))
            if args.once:
                break
    except KeyboardInterrupt:
        stop.set()
        say(f"stopped ({sets} capture set(s))")
        return worst
    if args.once and sets == 0:
        raise CaptureError(f"no capture set arrived in {args.folder} within {args.timeout:g} s",
                           code="TIMEOUT")  # fmt: skip
    return worst


def _print_arrival(arrived, as_json: bool) -> None:
    files = {light: str(p) for light, p in arrived.files.items()}
    if as_json:
        print(json.dumps({"set": arrived.name, "files": files}), flush=True)
    else:
        print(f"{arrived.name}: {', '.join(arrived.lights)}", flush=True)


class _Examiner:
    """What examining a set needs, loaded once for the whole watch."""

    def __init__(self, args: argparse.Namespace) -> None:
        from docexam.cli.examine_cmd import setup
        from docexam.settings import load_settings

        self.args, self.settings = args, load_settings()
        self.today, self.library = setup(args, self.settings)

    def run(self, arrived) -> int:
        """Examine, log (as ``examine --log``), print one verdict line; 0 consistent, 1 not,
        2 the set could not be examined. A log that cannot be written stops the watch (after
        the verdict is printed): examinations must not go unrecorded unnoticed."""
        from docexam.examine.pipeline import examine

        cs = arrived.capture_set
        try:
            exam = examine(cs, self.library, specimen_id=self.args.specimen, today=self.today)
        except DocexamError as exc:  # this set is unusable; the watch goes on
            err = {"code": exc.code, "message": exc.message}
            print(json.dumps({"set": arrived.name, "error": err}) if self.args.json
                  else f"{arrived.name}: ERROR {exc.code}: {exc.message}", flush=True)  # fmt: skip
            return 2
        d = exam.to_dict()
        failure = None
        if self.args.log:
            from docexam.cli.log_record import record_examination

            try:
                d["log"] = record_examination(self.args, self.settings, d, [cs], [("", exam)])
            except Exception as exc:  # the verdict is printed first, then the error stops us
                failure = exc
        if self.args.json:
            print(json.dumps({"set": arrived.name, **d}, ensure_ascii=False), flush=True)
        else:
            spec = d["specimen"]
            head = f"{arrived.name}: {d['verdict'].upper()}"
            head += f" ({spec['id']} {spec['side']}, score {spec['score']})" if spec else ""
            codes = ", ".join(r["code"] for r in d["reasons"][:4])
            log = f" [logged: case {d['log']['id']}]" if "log" in d else ""
            print(f"{head}{': ' + codes if codes else ''}{log}", flush=True)
        if failure is not None:
            raise failure
        return 0 if d["verdict"] == "consistent" else 1
