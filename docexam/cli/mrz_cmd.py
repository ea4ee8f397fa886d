"""``docexam mrz``: parse MRZ text or read MRZs from images; prints JSON (see docs/mrz-json.md)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Any

from docexam.cli.progress import Progress
from docexam.errors import DocexamError, InputError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "mrz",
        help="read and validate a machine-readable zone",
        description=(
            "Parse MRZ text (--text FILE, '-' for stdin) or read the MRZ from images. "
            "One image prints one JSON object; several print JSON Lines with 'file'. "
            "Exit 0 when every MRZ is valid, 1 when one is invalid or not found, "
            "2 when an input is unusable."
        ),
    )
    p.add_argument("images", nargs="*", metavar="IMAGE", help="image files to read")
    p.add_argument("--text", metavar="FILE", help="parse MRZ lines from a text file ('-': stdin)")
    p.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        type=_date,
        help="date used for century resolution and expiry (default: today)",
    )
    p.add_argument(
        "--no-second-reader",
        action="store_true",
        help="never consult tesseract for MRZs whose check digits fail",
    )
    p.add_argument("--pretty", action="store_true", help="indent JSON (single result only)")
    p.set_defaults(run=run)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def run(args: argparse.Namespace) -> int:
    if args.text is not None and args.images:
        raise InputError("give either --text FILE or image files, not both")
    if args.text is None and not args.images:
        raise InputError("nothing to read: give image files or --text FILE (see docexam mrz -h)")
    if args.text is not None:
        return _run_text(args)
    return _run_images(args)


def _emit(obj: dict[str, Any], *, pretty: bool) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2 if pretty else None) + "\n")
    sys.stdout.flush()


def _run_text(args: argparse.Namespace) -> int:
    from docexam.mrz.parse import parse_mrz_text

    t0 = time.perf_counter()
    if args.text == "-":
        text = sys.stdin.read()
    else:
        path = Path(args.text)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise InputError(f"{path}: no such file", code="FILE_NOT_FOUND") from None
        except IsADirectoryError:
            raise InputError(f"{path}: is a directory", code="FILE_UNREADABLE") from None
        except OSError as exc:
            raise InputError(
                f"{path}: cannot read ({exc.strerror})", code="FILE_UNREADABLE"
            ) from None
        if len(raw) > 64 * 1024:
            raise InputError(f"{path}: {len(raw)} bytes is far too long for MRZ text")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8 text (is it an image? drop --text)") from None
    result = parse_mrz_text(text, today=args.today)
    out = {**result.to_dict(), "elapsed_ms": round((time.perf_counter() - t0) * 1000, 3)}
    _emit(out, pretty=args.pretty)
    return 0 if result.valid else 1


def _run_images(args: argparse.Namespace) -> int:
    from docexam.mrz.reader import read_mrz_file

    many = len(args.images) > 1
    worst = 0
    progress = Progress(len(args.images), label="reading")
    for name in args.images:
        try:
            reading = read_mrz_file(name, today=args.today, second_reader=not args.no_second_reader)
        except DocexamError as exc:
            print(f"docexam: error: {exc.message}", file=sys.stderr)
            if not many:
                return 2
            _emit({"file": name, "error": {"code": exc.code, "message": exc.message}}, pretty=False)
            worst = max(worst, 2)
            progress.step()
            continue
        out = reading.to_dict()
        if many:
            out = {"file": name, **out}
        _emit(out, pretty=args.pretty and not many)
        worst = max(worst, 0 if reading.valid else 1)
        progress.step()
    return worst
