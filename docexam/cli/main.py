"""``docexam``: entry point and the one place that turns engine errors into exit codes.

Exit codes are a contract: 0 success (for ``mrz``: the MRZ is valid), 1 a finding (an MRZ
read but not valid, or none found), 2 unusable input or a usage error, 3 an internal error
(a bug: the message asks for a report). No traceback ever reaches the user; set
DOCEXAM_DEBUG=1 to see one.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence

from docexam import __version__
from docexam.cli import (
    capture_cmd,
    examine_cmd,
    gui_cmd,
    log_cmd,
    mrz_cmd,
    settings_cmd,
    specimens_cmd,
    synth_cmd,
    training_cmd,
)
from docexam.errors import DocexamError

EXIT_OK, EXIT_FINDING, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="docexam",
        description="Document-security examination: MRZ reading and more.",
    )
    parser.add_argument("--version", action="version", version=f"docexam {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    mrz_cmd.add_parser(sub)
    examine_cmd.add_parser(sub)
    gui_cmd.add_parser(sub)
    specimens_cmd.add_parser(sub)
    synth_cmd.add_parser(sub)
    log_cmd.add_parser(sub)
    settings_cmd.add_parser(sub)
    capture_cmd.add_parser(sub)
    training_cmd.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except DocexamError as exc:
        print(f"docexam: error: {exc.message}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("docexam: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into a closed reader (e.g. `| head`): not an error of ours.
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:  # the one place that catches everything
        if os.environ.get("DOCEXAM_DEBUG"):
            traceback.print_exc()
        print(
            f"docexam: internal error ({type(exc).__name__}: {exc}); "
            "please report it (set DOCEXAM_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
