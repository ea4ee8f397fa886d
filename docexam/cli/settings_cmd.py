"""``docexam settings``: show, set and locate the user's settings (docexam/settings.py).

Why a command of its own: an officer's id, the station's name and the log's place are set
once per machine, usually by whoever installs it; editing JSON by hand is error-prone, and
``set`` validates the value against the same registry the program reads it with.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from docexam.errors import InputError
from docexam.settings import (
    REGISTRY,
    load_settings,
    save_settings,
    setting,
    settings_path,
)


def add_parser(sub: argparse._SubParsersAction) -> None:
    keys = ", ".join(s.key for s in REGISTRY)
    p = sub.add_parser(
        "settings",
        help="show or change the settings (officer, station, log database, retention...)",
        description=(
            "Settings are read from a JSON file (docexam settings path; $DOCEXAM_SETTINGS "
            "overrides its place); environment variables override the file. Keys: " + keys
        ),
    )
    actions = p.add_subparsers(dest="settings_action", metavar="ACTION")
    actions.required = True
    sp = actions.add_parser("show", help="every setting, its value and where it came from")
    sp.add_argument("--json", action="store_true", help="print a JSON object of the values")
    sp.add_argument("--lang", choices=("en", "ru"), help="language of the help texts")
    sp.set_defaults(run=run_show)
    st = actions.add_parser("set", help="set one setting in the settings file")
    st.add_argument("key", metavar="KEY", help=keys)
    st.add_argument("value", metavar="VALUE", help="the new value ('default' clears a path)")
    st.set_defaults(run=run_set)
    pp = actions.add_parser("path", help="print the settings file's path")
    pp.set_defaults(run=run_path)


def run_show(args: argparse.Namespace) -> int:
    settings = load_settings()
    if args.json:
        print(json.dumps(settings.to_dict(), ensure_ascii=False, indent=1))
        return 0
    lang = args.lang or settings.language
    out = sys.stdout
    out.write(f"# {settings_path()}\n")
    for s in REGISTRY:
        value = getattr(settings, s.key)
        shown = "(built-in default)" if value is None else str(value)
        source = settings.sources.get(s.key, "default")
        if source == "env":
            source = f"env {s.env}"
        out.write(f"{s.key} = {shown}    [{source}]\n")
        out.write(f"    {s.help_ru if lang == 'ru' else s.help_en}\n")
    return 0


def run_set(args: argparse.Namespace) -> int:
    try:
        spec = setting(args.key)
        value = spec.parse(args.value)
    except ValueError as exc:
        raise InputError(str(exc), code="SETTINGS_INVALID") from None
    # The file alone, so that a value from an environment variable is not written back.
    current = load_settings(use_env=False)
    path = save_settings(current.replace(**{spec.key: value}))
    shown = "(built-in default)" if value is None else str(value)
    print(f"{spec.key} = {shown}  (saved in {path})")
    if spec.env and os.environ.get(spec.env):
        print(f"note: ${spec.env} is set and overrides this value", file=sys.stderr)
    return 0


def run_path(args: argparse.Namespace) -> int:
    print(settings_path())
    return 0
