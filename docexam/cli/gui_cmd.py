"""``docexam gui``: start the desktop application.

The engine must not import the Qt front end, so the application is found through its
installed ``docexam-gui`` entry point rather than by importing ``ui``.
"""

from __future__ import annotations

import argparse
from importlib.metadata import entry_points

from docexam.errors import DocexamError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="open the desktop application")
    p.add_argument("--lang", choices=("en", "ru"), help="interface language")
    p.add_argument(
        "--open",
        metavar="PATH",
        help="examine this image or capture-set folder in the booth at start",
    )
    p.add_argument(
        "--sample",
        nargs="?",
        const="genuine",
        metavar="CASE",
        help="examine a generated fictional document at start: genuine (default) "
        "or a forgery id (docexam synth forgeries)",
    )
    p.add_argument(
        "--workspace",
        choices=("booth", "expert", "mrz", "log", "library", "training"),
        help="the workspace to show (default: the last one used)",
    )
    p.add_argument("--verbose", action="store_true", help="log more on stderr")
    p.set_defaults(run=run)


def _app_argv(args: argparse.Namespace) -> list[str]:
    argv: list[str] = []
    if args.lang:
        argv += ["--lang", args.lang]
    if args.open:
        argv += ["--open", args.open]
    if args.sample:
        argv += ["--sample", args.sample]
    if args.workspace:
        argv += ["--workspace", args.workspace]
    if args.verbose:
        argv.append("--verbose")
    return argv


def run(args: argparse.Namespace) -> int:
    found = entry_points(group="gui_scripts", name="docexam-gui")
    if not found:
        raise DocexamError(
            "the desktop application is not installed: pip install 'docexam[gui]'",
            code="GUI_NOT_INSTALLED",
        )
    app_main = next(iter(found)).load()
    try:
        return int(app_main(_app_argv(args)) or 0)
    except ImportError as exc:
        raise DocexamError(
            f"the desktop application cannot start ({exc}); pip install 'docexam[gui]'",
            code="GUI_NOT_INSTALLED",
        ) from exc
