"""Cases from real captures: a trainer's folder with ``answers.json``, or logged examinations.

Why the answers are the trainer's: real captures carry no truth, so whoever builds the
session states it, and a session is refused when a folder has no answer or an answer no
folder (a case without its key cannot be scored). Names the trainer chose (folders, file
prefixes, the log's set names) may say "forged": they go into the key only; in the package
a side keeps its name only when it is one of the specimen vocabulary's sides (data_page,
front, back), otherwise it becomes ``page`` or ``side1``, ``side2``...

``answers.json`` (in the folder whose sub-folders are the cases)::

    {"case-a": "genuine",
     "case-b": {"answer": "photo_substitution",
                "affected_features": ["printed_portrait", "ghost_image"],
                "specimen": "uto-passport-2021"}}

``answer`` is "genuine" or a forgery id (the studio's, ``docexam synth forgeries``, or the
trainer's own, lower-case letters, digits and _); ``affected_features`` and ``specimen``
are optional. Each sub-folder holds one document's capture files named as ``docexam
examine`` expects (``front.white.png``, ``front.uv.png``, ``back.white.jpg`` ...).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docexam.errors import InputError, TrainingError
from docexam.training.images import clean_file, encode_png
from docexam.training.jsonio import GENUINE, ID_RE, Fields, read_json
from docexam.training.sources import Made, PlannedCase

ANSWERS_FILE = "answers.json"
MAX_FILE_BYTES = 256 << 20
_CODE = "ANSWERS_INVALID"


def _answer(value: Any, *, where: str) -> tuple[str, tuple[str, ...], str | None]:
    if isinstance(value, str):
        value = {"answer": value}
    f = Fields(value, where=where, code=_CODE)
    answer = f.text("answer", pattern=ID_RE)
    affected = f.ids("affected_features", optional=True)
    if answer == GENUINE and affected:
        raise f.fail("affected_features", "empty for a genuine document")
    return answer, affected, f.text("specimen", optional=True)


def side_names(prefixes: list[str]) -> dict[str, str]:
    """prefix -> the side name shown to the trainee (nothing the trainer typed leaks)."""
    from docexam.specimens.vocabulary import SIDES

    keep = all(p in SIDES for p in prefixes) and len(set(prefixes)) == len(prefixes)
    if keep:
        return {p: p for p in prefixes}
    if len(prefixes) == 1:
        return {prefixes[0]: "page"}
    return {p: f"side{i}" for i, p in enumerate(sorted(prefixes), 1)}


def plan_folder(folder: Path | str) -> tuple[list[PlannedCase], dict[str, Any]]:
    """One case per sub-folder listed in ``answers.json``; ANSWERS_INVALID on any mismatch."""
    from docexam.examine.captureset import find_capture_sets

    folder = Path(folder)
    if not folder.is_dir():
        raise TrainingError(f"{folder} is not a folder", code=_CODE)
    raw = read_json(folder / ANSWERS_FILE, what="a trainer's answers file", code=_CODE)
    where = str(folder / ANSWERS_FILE)
    if not isinstance(raw, Mapping) or not raw:
        raise TrainingError(f"{where}: expected an object: folder name -> answer", code=_CODE)
    subs = {p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")}
    for name in sorted(subs - set(raw)):
        raise TrainingError(f"{where} gives no answer for the folder {name}", code=_CODE)
    plans = []
    for name in sorted(raw):
        if name not in subs:
            raise TrainingError(
                f"{where} names {name!r}, which is not a sub-folder of {folder}", code=_CODE
            )
        answer, affected, specimen = _answer(raw[name], where=f"{where}: {name}")
        try:
            sets = find_capture_sets(folder / name)
        except InputError as exc:  # no capture set in it, two white images ...
            raise TrainingError(f"case {name}: {exc.message}", code=_CODE) from None
        files = {p: {lt: str(path) for lt, path in lights.items()} for p, lights in sets.items()}
        make = functools.partial(_folder_images, files, affected)
        plans.append(PlannedCase(answer, specimen, {"kind": "folder", "folder": name}, make))
    return plans, {"source": "folder", "folder": str(folder.resolve()), "cases": len(plans)}


def _folder_images(files: Mapping[str, Mapping[str, str]], affected: tuple[str, ...]) -> Made:
    names = side_names(list(files))
    out = {}
    for prefix, lights in files.items():
        side = {}
        for light, path in lights.items():
            p = Path(path)
            try:
                if p.stat().st_size > MAX_FILE_BYTES:
                    raise TrainingError(f"{p} is too large for a session package", code=_CODE)
                data = p.read_bytes()
            except OSError as exc:
                raise TrainingError(f"cannot read {p}: {exc.strerror or exc}", code=_CODE) from exc
            side[light] = clean_file(data, name=str(p))
        out[names[prefix]] = side
    return out, affected


def parse_log_answers(text: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """``EXAM_ID=genuine,EXAM_ID=FORGERY[:FEATURE+FEATURE...]`` -> exam id -> (answer, affected)."""
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for item in (x.strip() for x in text.split(",")):
        if not item:
            continue
        exam, sep, rest = item.partition("=")
        answer, _, feats = rest.partition(":")
        affected = tuple(f for f in feats.split("+") if f)
        ok = sep and exam.strip() and ID_RE.match(answer) and all(ID_RE.match(f) for f in affected)
        if not ok or (answer == GENUINE and affected):
            raise TrainingError(
                f"--from-log: {item!r} is not EXAM_ID=genuine or EXAM_ID=FORGERY[:FEATURE+FEATURE]",
                code="BAD_SPEC",
            )
        if exam.strip() in out:
            raise TrainingError(
                f"--from-log names examination {exam.strip()} twice", code="BAD_SPEC"
            )
        out[exam.strip()] = (answer, affected)
    if not out:
        raise TrainingError("--from-log names no examination", code="BAD_SPEC")
    return out


def plan_log(
    db: Path | str, answers: Mapping[str, tuple[str, tuple[str, ...]]]
) -> tuple[list[PlannedCase], dict[str, Any]]:
    """One case per logged examination (its stored captures, checked against their hashes)."""
    from docexam.examlog import ExamLog
    from docexam.examlog.reopen import recorded_specimen_id

    plans = []
    with ExamLog.open(Path(db), create=False, readonly=True) as log:
        for exam_id, (answer, affected) in answers.items():
            case = log.get(exam_id)  # LogError NOT_FOUND for an unknown id
            spec = recorded_specimen_id(case.examination)
            make = functools.partial(_log_images, str(db), exam_id, affected)
            plans.append(PlannedCase(answer, spec, {"kind": "log", "exam_id": exam_id}, make))
    return plans, {"source": "log", "db": str(Path(db).resolve()), "cases": len(plans)}


def _log_images(db: str, exam_id: str, affected: tuple[str, ...]) -> Made:
    from docexam.examlog import ExamLog
    from docexam.examlog.reopen import capture_sets_from_case

    with ExamLog.open(Path(db), create=False, readonly=True) as log:
        sets = capture_sets_from_case(log, exam_id)
    names = side_names(list(sets))
    out = {
        names[n]: {lt: (".png", encode_png(img)) for lt, img in cs.images.items()}
        for n, cs in sets.items()
    }
    return out, affected


@dataclass(frozen=True)
class FolderSource:
    """Cases from ``folder``: one sub-folder per document, answers in ``answers.json``."""

    folder: Path


@dataclass(frozen=True)
class LogSource:
    """Cases from the examination log ``db``: exam id -> (answer, affected feature ids)."""

    db: Path
    answers: Mapping[str, tuple[str, tuple[str, ...]]]
