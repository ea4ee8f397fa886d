"""Writing to the examination log from the command line: which log, who, which images.

Why here and not in ``examine_cmd``/``log_cmd``: ``examine --log`` and ``log decide``,
``review``, ``correct``, ``purge``, ``import`` all resolve the same three things (the log's
path, the officer, the station) from options, environment and settings in the same order,
and the mapping of an examination to the images the log keeps must be defined once: the
capture files as they were read (their bytes are what the officer examined) under the roles
``white``/``uv365``/``ir870`` (``<set>/<light>`` for a document of several sides) and the
evidence of the checks as JPEG (``evidence/<feature>/<name>``, ``evidence/<set>/<feature>/
<name>`` for several sides) with name questioned, reference or heatmap. Why JPEG and not
PNG: evidence is an illustration derived from the stored captures (which are kept
bit-exact and can be examined again), not the original; at quality 85 it is about a sixth
of the PNG's size and, by eye, shows the same. (That mapping lives in
``docexam.examlog.exam_images``, shared with the desktop booth.)
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from docexam.errors import InputError
from docexam.examlog.exam_images import capture_images, evidence_images
from docexam.settings import Settings


def db_path(args: argparse.Namespace, settings: Settings) -> Path:
    """``--db`` > ``$DOCEXAM_DB`` (read into the settings) > settings file > the default."""
    from docexam.examlog import default_db_path

    return default_db_path(args.db or settings.log_db)


def who(args: argparse.Namespace, settings: Settings) -> tuple[str, str]:
    """(officer, station): the options when given, else the settings."""
    officer = (getattr(args, "officer", None) or settings.officer_id).strip()
    station = (getattr(args, "station", None) or settings.station_id).strip()
    if not officer or not station:
        raise InputError("the officer and the station must not be empty")
    return officer, station


def record_examination(
    args: argparse.Namespace,
    settings: Settings,
    exam_dict: Mapping[str, Any],
    sets: Sequence[Any],
    sides: Sequence[tuple[str, Any]],
) -> dict[str, Any]:
    """Append the examination to the log; returns ``{"id", "seq", "hash"}`` for the output.

    ``sides``: [("", exam)] for one capture set, [(set name, exam), ...] for a document.
    """
    from docexam.examlog import ExamLog

    officer, station = who(args, settings)
    which = getattr(args, "log_evidence", None) or "findings"
    images = {**capture_images(sets), **evidence_images(sides, which)}
    with ExamLog.open(db_path(args, settings)) as log:
        ref = log.record_examination(
            exam_dict, images=images, officer=officer, station=station,
            decision=args.decision, note=args.note or "",
        )  # fmt: skip
    return {"id": ref.exam_id, "entry": ref.id, "seq": ref.seq, "hash": ref.hash}


# --- the log subcommands that write -------------------------------------------------------
def _open(args: argparse.Namespace, settings: Settings) -> Any:
    from docexam.examlog import ExamLog

    return ExamLog.open(db_path(args, settings), create=False)


def _print_ref(what: str, ref: Any) -> None:
    print(f"{what}: entry {ref.id} (#{ref.seq}, hash {ref.hash})")


def run_decide(args: argparse.Namespace, settings: Settings) -> int:
    officer, station = who(args, settings)
    with _open(args, settings) as log:
        ref = log.record_decision(args.id, args.decision, officer=officer, station=station,
                                  note=args.note or "")  # fmt: skip
    _print_ref(f"decision {args.decision} recorded for {args.id}", ref)
    return 0


def run_review(args: argparse.Namespace, settings: Settings) -> int:
    expert, station = who(args, settings)
    with _open(args, settings) as log:
        ref = log.record_review(args.id, expert=expert, station=station,
                                finding=args.finding, note=args.note or "")  # fmt: skip
    _print_ref(f"review recorded for {args.id}", ref)
    return 0


def parse_changes(items: Sequence[str]) -> dict[str, str | None]:
    """``KEY=VALUE`` pairs as text (a document number stays text); ``KEY=`` clears a field."""
    changes: dict[str, str | None] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--set needs KEY=VALUE, got {item!r}")
        changes[key.strip()] = value.strip() or None
    if not changes:
        raise InputError("nothing to correct: give at least one --set KEY=VALUE")
    return changes


def run_correct(args: argparse.Namespace, settings: Settings) -> int:
    officer, station = who(args, settings)
    changes = parse_changes(args.set or [])
    with _open(args, settings) as log:
        ref = log.record_correction(args.entry_id, officer=officer, station=station,
                                    reason=args.reason, changes=changes)  # fmt: skip
    _print_ref(f"correction of entry {args.entry_id} recorded", ref)
    return 0


def run_purge(args: argparse.Namespace, settings: Settings) -> int:
    days = args.older_than if args.older_than is not None else settings.retention_days
    if days < 1:
        raise InputError(f"--older-than must be at least 1 day, got {days}")
    by = args.by or settings.officer_id
    with _open(args, settings) as log:
        rep = log.purge(older_than_days=days, by=by)
    print(
        f"purged examinations older than {days} days (before {rep.cutoff}): "
        f"{rep.cases_purged} case(s), {rep.entries_purged} entries, "
        f"{rep.images_deleted} image(s), {rep.bytes_freed} bytes freed"
    )
    if rep.tombstone is not None:
        _print_ref("purge recorded", rep.tombstone)
    return 0


def run_import(args: argparse.Namespace, settings: Settings) -> int:
    from docexam.examlog import ExamLog

    by, station = (args.by or settings.officer_id), settings.station_id
    with ExamLog.open(db_path(args, settings)) as log:
        rep = log.import_case_report(args.casefile, by=by, station=station)
    if rep.already_imported:
        print(f"case {rep.exam_id} is already in the log: nothing added")
    else:
        print(f"imported case {rep.exam_id}: {rep.added} entries added "
              f"({rep.already_present} already present)")  # fmt: skip
        if rep.entry is not None:
            _print_ref("import recorded", rep.entry)
    return 0
