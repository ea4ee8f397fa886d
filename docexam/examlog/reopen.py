"""A logged case opened again: its capture sets rebuilt from the images the log stored.

Why: the log keeps the capture files bit-exact (cli/log_record.py: roles ``white``,
``uv365``, ``ir870`` for one capture set, ``<set>/<light>`` for the sides of a document;
``evidence/...`` are JPEG illustrations derived from them, not captures). An expert who
opens a past case needs the pictures an examination computes (registered pages, the
specimen's, the checks' zones), which the stored JSON does not carry; examining the stored
captures again gives them back. Each image is read once, its SHA-256 compared with the one
the entry recorded (a file changed on disk must not silently become "the" capture), and
decoded with the engine's safe loader. A purged case or a missing image is a clear
``LogError``: the re-examination would otherwise differ from what the officer saw.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docexam.errors import InputError, LogError
from docexam.examine.captureset import CaptureSet, from_images
from docexam.examlog.canonical import parse_utc
from docexam.examlog.store import ExamLog
from docexam.examlog.types import CaseRecord, ImageRef
from docexam.imaging.load import load_image_bytes

if TYPE_CHECKING:
    from docexam.examine.document import DocumentExamination
    from docexam.specimens.library import Library

LIGHTS = ("white", "uv365", "ir870")
EVIDENCE_PREFIX = "evidence/"


def capture_roles(images: tuple[ImageRef, ...] | list[ImageRef]) -> dict[str, dict[str, ImageRef]]:
    """set name -> light -> image, from a case's image roles ("" = the one unnamed set).

    Evidence and roles that name no known light are left out: they are not captures.
    """
    sets: dict[str, dict[str, ImageRef]] = {}
    for img in images:
        if img.role.startswith(EVIDENCE_PREFIX):
            continue
        name, _, light = img.role.rpartition("/")
        if light not in LIGHTS:
            continue
        sets.setdefault(name, {})[light] = img
    return sets


def _side_names(exam: Mapping[str, Any] | None) -> list[str]:
    sides = (exam or {}).get("sides")
    if not isinstance(sides, list):
        return []
    return [str(s.get("set") or "") for s in sides if isinstance(s, Mapping)]


def _read(img: ImageRef, exam_id: str) -> bytes:
    """The stored bytes of one capture, checked against the hash the entry recorded."""
    if img.path is None:
        raise LogError(
            f"the {img.role} image of examination {exam_id} is no longer in the image store "
            "(removed by a retention purge or deleted): it cannot be examined again",
            code="NOT_FOUND",
        )
    try:
        data = Path(img.path).read_bytes()
    except OSError as exc:
        raise LogError(
            f"cannot read the {img.role} image of examination {exam_id} ({img.path}): "
            f"{exc.strerror or exc}",
            code="NOT_FOUND",
        ) from exc
    if hashlib.sha256(data).hexdigest() != img.sha256:
        raise LogError(
            f"the {img.role} image of examination {exam_id} was changed on disk (its SHA-256 "
            "no longer matches the log entry): run a log verification",
            code="DB_CORRUPT",
        )
    return data


def capture_sets_from_case(log: ExamLog, exam_id: str) -> dict[str, CaptureSet]:
    """The case's capture sets (set name -> CaptureSet), decoded from the stored captures.

    One unnamed set is keyed by the side name the recorded examination gives it, else "".
    Raises LogError NOT_FOUND (unknown case, purged case, a capture missing from the
    store), DB_CORRUPT (a capture changed on disk), InputError (a set without white light,
    an image the loader refuses).
    """
    return capture_sets_of(log.get(exam_id))


def capture_sets_of(case: CaseRecord) -> dict[str, CaptureSet]:
    """:func:`capture_sets_from_case` for a case already read with ``ExamLog.get``."""
    if case.purged or case.examination is None:
        raise LogError(
            f"examination {case.id} was purged (retention): its images were removed and it "
            "cannot be examined again",
            code="NOT_FOUND",
        )
    roles = capture_roles(case.images)
    if not roles:
        raise LogError(
            f"examination {case.id} was recorded without its capture images: there is "
            "nothing to examine again",
            code="NOT_FOUND",
        )
    names = _side_names(case.examination)
    order = {n: i for i, n in enumerate(names)}  # the sides in the order they were examined
    out: dict[str, CaptureSet] = {}
    for name in sorted(roles, key=lambda n: (order.get(n, len(order)), n)):
        lights = roles[name]
        if "white" not in lights:
            raise InputError(
                f"examination {case.id}: the stored captures of set {name or '(unnamed)'} "
                "have no white-light image"
            )
        key = names[0] if not name and len(names) == 1 else name
        pixels = {}
        for light, img in lights.items():
            data = _read(img, case.id)
            decoded = load_image_bytes(data, name=f"{case.id}:{img.role}").pixels
            pixels[light] = decoded
        paths = {light: img.path for light, img in lights.items()}
        out[key] = from_images(pixels, paths=paths, name=key)
    return out


def recorded_specimen_id(exam: Mapping[str, Any] | None) -> str | None:
    """The specimen every examined side was identified as, or None.

    None when a side was not identified or sides disagree: forcing one specimen there
    would examine something else than the officer's examination did.
    """
    if not isinstance(exam, Mapping):
        return None
    sides = exam.get("sides")
    parts = [s for s in sides if isinstance(s, Mapping)] if isinstance(sides, list) else [exam]
    ids = set()
    for part in parts:
        spec = part.get("specimen")
        ids.add(spec.get("id") if isinstance(spec, Mapping) else None)
    if len(ids) != 1:
        return None
    (only,) = ids
    return only if isinstance(only, str) and only else None


def recorded_day(case: CaseRecord) -> dt.date:
    """The day the examination was made, in local time (what ``today`` was for it):
    expiry is judged against that day, not the day the case is reopened."""
    return parse_utc(case.time).astimezone().date()


def reexamine(
    log: ExamLog, exam_id: str, library: Library
) -> tuple[DocumentExamination, CaseRecord]:
    """Examine a logged case's stored captures again, as it was examined: the recorded
    specimen (when every side had one) and the recorded day. Returns the new examination
    and the case as the log holds it (its recorded verdict is the one that counts)."""
    from docexam.examine.document import examine_document

    case = log.get(exam_id)
    sets = capture_sets_of(case)
    doc = examine_document(
        sets,
        library,
        specimen_id=recorded_specimen_id(case.examination),
        today=recorded_day(case),
    )
    return doc, case
