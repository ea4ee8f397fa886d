"""The booth's engine work: what runs on worker threads, and nothing else.

Why a module without widgets: every function here is handed to
:func:`ui.background.run_in_background` (or called by the booth's source workers), so it
must never touch a widget or a ``QPixmap``; it may build ``QImage`` thumbnails (a
thread-safe class), which saves the GUI thread the scaling. Progress (each light as it is
loaded and gated) goes out through a plain callback the caller turns into a queued signal.

What is recorded, and how, follows ``docexam examine --log`` exactly (one capture set: the
examination's dict and roles ``white``/``uv365``/``ir870``; several sides: the document's
dict and ``<set>/<light>``), through the same ``docexam.examlog.exam_images`` mapping.
"""

from __future__ import annotations

import datetime as dt
import shutil
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import cv2
import numpy as np
from PySide6.QtGui import QImage

from docexam.capture.gates import GATE_WORK_PX, check_gates
from docexam.capture.outline import locate
from docexam.capture.types import GateReport
from docexam.errors import InputError, LogError
from docexam.examine.captureset import CaptureSet, find_capture_sets, from_images, light_of
from docexam.examlog import CaseSummary, EntryRef, ExamLog, LogQuery
from docexam.examlog.canonical import parse_utc
from docexam.examlog.exam_images import capture_images, evidence_images
from docexam.imaging.load import load_image
from docexam.specimens.library import Library

if TYPE_CHECKING:  # the engine loads in the background, not at start-up
    from docexam.examine.document import DocumentExamination

LIGHTS = ("white", "uv365", "ir870")
THUMB_PX = 360
PREVIEW_PX = 1600


@dataclass(frozen=True, eq=False)
class LightShot:
    """One light of a capture set as the booth shows it while the set fills."""

    token: int  # which examination it belongs to (late shots of a cleared one are dropped)
    set_name: str
    light: str
    thumb: QImage | None
    gate: GateReport | None  # None: not gated (no outline to judge a UV/IR image by)
    problem: tuple[str, str] | None = None  # (code, message): the light was set aside


@dataclass(frozen=True, eq=False)
class BoothExam:
    """A finished examination waiting for the officer's decision."""

    document: DocumentExamination
    sets: tuple[CaptureSet, ...]
    title: str
    preview: QImage | None  # the (first) white capture, scaled for the large view


def to_qimage(img: np.ndarray, max_px: int) -> QImage:
    """A QImage owning a copy of ``img`` (grey or BGR uint8), at most ``max_px`` long."""
    h, w = img.shape[:2]
    scale = min(1.0, max_px / max(h, w))
    if scale < 1.0:
        img = cv2.resize(img, (max(1, round(w * scale)), max(1, round(h * scale))),
                         interpolation=cv2.INTER_AREA)  # fmt: skip
    a = np.ascontiguousarray(img)
    fmt = QImage.Format.Format_Grayscale8 if a.ndim == 2 else QImage.Format.Format_BGR888
    return QImage(a.data, a.shape[1], a.shape[0], a.strides[0], fmt).copy()


def _display(img: np.ndarray, light: str) -> np.ndarray:
    """What a thumbnail shows: UV captures are dim by nature (median grey 15-27), so they
    are stretched for the eye; the examination sees the file as it is."""
    if light != "uv365":
        return img
    top = float(np.percentile(img, 99.5))
    return cv2.convertScaleAbs(img, alpha=min(8.0, 230.0 / max(top, 1.0)))


def capture_plan(path: Path) -> list[tuple[str, dict[str, Path]]]:
    """(set name, light -> file) of what ``path`` holds: a folder's capture sets by the
    naming rule (a card's front.* and back.* are two sides), or one file: the set it is a
    light of when its name says so and its white sibling is there, else a white capture."""
    if path.is_dir():
        return list(find_capture_sets(path).items())
    if not path.exists():
        return [("", {"white": path})]  # the loader words the missing file
    named = light_of(path)
    if named is not None:
        try:
            sets = find_capture_sets(path.parent)
        except InputError:
            sets = {}
        files = sets.get(named[0])
        if files is not None and path in files.values():
            return [("", files)] if len(sets) == 1 else [(named[0], files)]
    return [("", {"white": path})]


def examine_job(
    token: int,
    source: str | Path | Sequence[CaptureSet],
    library: Callable[[], Library],
    today: dt.date | None,
    on_shot: Callable[[LightShot], None],
    title: str = "",
) -> BoothExam:
    """Load (a path) or take (decoded sets) the capture sets, announce every light with its
    thumbnail and quality gates, then examine them as one document."""
    if isinstance(source, str | Path):
        path = Path(source)
        sets = [_load_set(token, name, files, on_shot) for name, files in capture_plan(path)]
        title = title or path.name
    else:
        sets = list(source)
        for cs in sets:
            _announce(token, cs, on_shot)
    from docexam.examine.document import examine_document  # heavy: loaded off start-up

    document = examine_document({cs.name: cs for cs in sets}, library(), today=today)
    white = sets[0].images["white"]
    return BoothExam(document, tuple(sets), title, to_qimage(white, PREVIEW_PX))


def _load_set(token: int, name: str, files: Mapping[str, Path],
              on_shot: Callable[[LightShot], None]) -> CaptureSet:  # fmt: skip
    """Decode the lights one by one (white first), announcing each as it comes."""
    images: dict[str, np.ndarray] = {}
    quad = None
    for light in sorted(files, key=lambda lt: LIGHTS.index(lt) if lt in LIGHTS else 9):
        images[light] = load_image(files[light]).pixels
        quad = _shot(token, name, light, images[light], quad, on_shot)
    cs = from_images(images, paths={k: str(v) for k, v in files.items()}, name=name)
    for light, code, message in cs.problems:  # e.g. a UV image of another size
        on_shot(LightShot(token, name, light, None, None, (code, message)))
    return cs


def _announce(token: int, cs: CaptureSet, on_shot: Callable[[LightShot], None]) -> None:
    quad = None
    for light in cs.lights:
        quad = _shot(token, cs.name, light, cs.images[light], quad, on_shot)
    for light, code, message in cs.problems:
        on_shot(LightShot(token, cs.name, light, None, None, (code, message)))


def _shot(token: int, name: str, light: str, img: np.ndarray, quad: Any,
          on_shot: Callable[[LightShot], None]) -> Any:  # fmt: skip
    """Gate one light (UV and IR against the white capture's outline) and announce it;
    returns the outline for the next lights."""
    gate = None
    if light == "white":
        gate = check_gates(img, light="white")
        found = locate(img, work_px=GATE_WORK_PX)
        quad = found.quad if found is not None else None
    elif quad is not None and light in LIGHTS:
        gate = check_gates(img, light=light, quad=quad)
    on_shot(LightShot(token, name, light, to_qimage(_display(img, light), THUMB_PX), gate))
    return quad


def exam_for_log(document: DocumentExamination) -> tuple[dict[str, Any], list[tuple[str, Any]]]:
    """(the dict the log keeps, the sides for the evidence roles), as ``examine --log``."""
    if len(document.sides) == 1:
        exam = document.sides[0][1]
        return exam.to_dict(), [("", exam)]
    return document.to_dict(), list(document.sides)


def record_job(
    open_log: Callable[[], ExamLog],
    exam: BoothExam,
    *,
    officer: str,
    station: str,
    decision: str,
    note: str,
) -> EntryRef:
    """Write the examination, its captures, its findings' evidence and the decision as
    one log entry (the encoding of the evidence is part of the slow work done here)."""
    record, sides = exam_for_log(exam.document)
    images = {**capture_images(exam.sets), **evidence_images(sides, "findings")}
    with open_log() as log:
        return log.record_examination(record, images=images, officer=officer,
                                      station=station, decision=decision, note=note)  # fmt: skip


def today_job(
    open_log: Callable[..., ExamLog], station: str, now: dt.datetime | None = None
) -> list[CaseSummary]:
    """This station's cases of the officer's local day, newest first (none: no log yet).

    The log searches by UTC days; the local day can span two, so both are asked for and
    the cases outside the local day dropped."""
    now = (now or dt.datetime.now()).astimezone()
    start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    end = start + dt.timedelta(days=1)
    utc = dt.UTC
    q = LogQuery(date_from=start.astimezone(utc).date(),
                 date_to=(end - dt.timedelta(microseconds=1)).astimezone(utc).date(),
                 station=station)  # fmt: skip
    try:
        with open_log(readonly=True) as log:
            rows = log.search(q, limit=1000)
    except LogError as exc:
        if exc.code == "NOT_FOUND":
            return []
        raise
    return [r for r in rows if start <= parse_utc(r.time) < end]


def new_folder(directory: str | Path, stem: str) -> Path:
    """A fresh numbered folder ``<stem>-N`` under ``directory`` (one per capture)."""
    base = Path(directory)
    n = 1
    while (base / f"{stem}-{n}").exists():
        n += 1
    folder = base / f"{stem}-{n}"
    folder.mkdir(parents=True)
    return folder


def forget_files(exam: BoothExam, roots: Sequence[str]) -> None:
    """Delete the set folders the booth itself wrote (samples, scans, camera frames) once
    their case is recorded or dropped: the log keeps its own copy, and a booth running all
    day must not fill its disk. Files the officer opened or a reader dropped are left."""
    own = {Path(r).resolve() for r in roots if r}
    for cs in exam.sets:
        for path in cs.paths.values():
            folder = Path(path).resolve().parent if path else None
            if folder is not None and folder.parent in own:
                shutil.rmtree(folder, ignore_errors=True)


def frame_job(image: np.ndarray, directory: str | Path) -> Path:
    """A camera frame written as the white capture of a new set folder (PNG: lossless, so
    the log keeps exactly the pixels that were examined)."""
    folder = new_folder(directory, "camera")
    if not cv2.imwrite(str(folder / "white.png"), image):
        raise OSError(f"could not write the camera frame into {folder}")
    return folder


def scan_job(
    device: str | None, directory: str | Path, cancel: threading.Event | None = None
) -> Path:
    """One scan (white light) written, as the scanner delivered it, into a new set folder.
    ``device`` None or empty: the first scanner SANE lists; ``cancel`` stops the scanner
    (its process is killed) when the officer switches away."""
    from docexam.capture.sane import list_scanners, run_scan
    from docexam.errors import CaptureError

    if not device:
        found = list_scanners()
        if not found:
            raise CaptureError("no scanner was found", code="NO_DEVICE")
        device = found[0].device
    scan = run_scan(device, resolution=300, cancel=cancel)
    folder = new_folder(directory, "scan")
    (folder / f"white.{scan.format}").write_bytes(scan.data)
    return folder


def mrz_reading(document: DocumentExamination) -> dict[str, Any]:
    """The MRZ reading to show (``MrzReading.to_dict()``): the first side with a valid
    one, else the first side where one was found (a card's MRZ is on its back)."""
    readings = [ex.mrz for _name, ex in document.sides if ex.mrz is not None]
    best = next((m for m in readings if m.valid), None) or next(
        (m for m in readings if m.found), None
    )
    return best.to_dict() if best is not None else {"found": False}
