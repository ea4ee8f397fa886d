"""``docexam gui`` finds the application through its entry point and passes its options."""

from __future__ import annotations

import argparse

from docexam.cli import gui_cmd
from docexam.cli.main import build_parser


def test_gui_options_are_parsed_and_passed_on() -> None:
    args = build_parser().parse_args(["gui", "--lang", "ru", "--open", "x.png"])
    assert args.run is gui_cmd.run
    assert gui_cmd._app_argv(args) == ["--lang", "ru", "--open", "x.png"]


def test_gui_without_options() -> None:
    args = build_parser().parse_args(["gui"])
    assert gui_cmd._app_argv(args) == []
    assert isinstance(args, argparse.Namespace)


def test_gui_sample_and_workspace_are_passed_on() -> None:
    args = build_parser().parse_args(["gui", "--sample", "--workspace", "expert"])
    assert gui_cmd._app_argv(args) == ["--sample", "genuine", "--workspace", "expert"]
    args = build_parser().parse_args(["gui", "--sample", "photo_substitution"])
    assert gui_cmd._app_argv(args) == ["--sample", "photo_substitution"]
