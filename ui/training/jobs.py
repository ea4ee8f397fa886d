"""The training screens' engine calls, run on worker threads (ui.background).

Why apart from the widgets: each function here runs off the GUI thread and touches no
widget, so it can be read (and tested) as plain engine code. Pictures are converted to
``QImage`` here (thread-safe, unlike ``QPixmap``) so the GUI thread only paints.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage


class BuildCancelled(Exception):
    """The trainer cancelled the build (raised from the progress callback)."""


def build(
    out: Path,
    source: Any,
    *,
    trainer: str,
    title: str,
    settings: Any,
    progress: Callable[[int, int], None],
    cancel: threading.Event,
) -> Any:
    """``build_session`` that stops between cases when ``cancel`` is set.

    The engine has no cancel switch, but it calls ``progress`` after every case and removes
    its partial package when anything is raised from there: raising is the clean stop.
    """
    from docexam.training import build_session

    def report(done: int, total: int) -> None:
        if cancel.is_set():
            raise BuildCancelled()
        progress(done, total)

    return build_session(
        out, source, trainer=trainer, title=title, settings=settings, progress=report
    )


def studio_choices(library: Any) -> tuple[list[tuple[str, Any]], list[str]]:
    """The specimens the studio can render (id, name Text) and every forgery id."""
    from docexam.synth.designs import DESIGNS
    from docexam.synth.forgeries import IDS

    specimens = [(s.id, s.name) for s in library.specimens if s.id in DESIGNS]
    known = {sid for sid, _ in specimens}
    specimens += [(sid, None) for sid in DESIGNS if sid not in known]
    return specimens, list(IDS)


def open_session(path: Path) -> Any:
    """The package, every image checked (a trainee never reads a key)."""
    from docexam.training import open_package

    return open_package(path)


def case_images(package: Any, case_id: str) -> dict[tuple[str, str], QImage]:
    """(side, light) -> picture of one case, from the package's checked bytes."""
    from docexam.imaging.load import load_image_bytes
    from ui.expert.imaging import to_qimage

    case = package.manifest.case(case_id)
    out = {}
    for img in case.images:
        data = package.image_bytes(case_id, img.side, img.light)
        pixels = load_image_bytes(data, name=f"case {case.number} {img.side}").pixels
        out[(img.side, img.light)] = to_qimage(pixels)
    return out


def examine_case(package: Any, case_id: str, library: Callable[[], Any]) -> Any:
    """The real engine on the case's capture sets (a DocumentExamination)."""
    from docexam.examine.document import examine_document

    return examine_document(package.capture_sets(case_id), library())


@dataclass(frozen=True)
class Scored:
    package: Any
    key: Any
    results: tuple[Any, ...]
    scores: tuple[Any, ...]
    summary: Any


def score(package_path: Path, key_path: Path, results_paths: Sequence[Path]) -> Scored:
    """Open the package and its key, check every results file against them, score."""
    from docexam.training import load_key, load_results, open_package, score_results, summarize

    pkg = open_package(package_path)
    key = load_key(key_path, package=pkg)
    results = tuple(load_results(p, package=pkg) for p in results_paths)
    scores = tuple(
        score_results(key, r, where=str(p)) for r, p in zip(results, results_paths, strict=True)
    )
    return Scored(pkg, key, results, scores, summarize(key, scores))


def report(path: Path, scored: Scored) -> Path:
    from docexam.training import write_report

    return write_report(path, scored.key, scored.scores)


def import_results(db: Path, scored: Scored) -> tuple[int, list[str]]:
    """Store every run; returns (stored, messages of the runs stored before)."""
    from docexam.errors import TrainingError
    from docexam.training import TrainingStore

    stored, skipped = 0, []
    with TrainingStore.open(db) as store:
        for results, s in zip(scored.results, scored.scores, strict=True):
            try:
                store.add(results, session_title=scored.key.title, score=s.to_dict())
            except TrainingError as exc:
                if getattr(exc, "code", None) != "DUPLICATE":
                    raise
                skipped.append(results.trainee)
            else:
                stored += 1
    return stored, skipped
