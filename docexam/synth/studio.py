"""The studio's outputs on disk: the specimen library, single documents, labelled batches.

Why here and not in the CLI: the UI, the tests and the benchmarks write the same files the
command line does (`docexam synth ...`), so the file layout and truth.json are defined once.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from docexam.errors import StudioError
from docexam.fileio import write_whole
from docexam.synth import forgeries
from docexam.synth.capture import CAPTURE_MODES, simulate_capture
from docexam.synth.design import Rect, SpecimenDesign
from docexam.synth.designs import DESIGNS, OTHER_SERIES, design
from docexam.synth.document import (
    DEFAULT_PX_PER_MM,
    RenderedDocument,
    genuine_plan,
    render_plan,
    specimen_plan,
)
from docexam.synth.feature_texts import texts_for

Progress = Callable[[int], None]


def _r(z: Rect) -> dict[str, float]:
    return {k: round(float(v), 2) for k, v in zip("xywh", z, strict=True)}


def manifest(d: SpecimenDesign, images: dict[str, dict[str, str]], px_per_mm: float) -> dict:
    """The specimen.json of design ``d`` (see docs/specimen-format.md)."""
    pages = []
    for page in d.pages:
        feats = []
        for f in page.features:
            t = texts_for(f.type)
            feats.append({
                "id": f.id,
                "name": {"en": f.name_en, "ru": f.name_ru},
                "type": f.type,
                "lights": list(f.lights),
                "zones": [_r(z) for z in f.zones],
                "check": {"method": f.method, "tolerance": f.tolerance,
                          "instructions": t["instructions"]},
                "genuine": t["genuine"],
                "forgery_signs": t["forgery_signs"],
            })  # fmt: skip
        fields = []
        for fd in page.fields:
            langs = ["ru", "en"]
            entry: dict[str, Any] = {
                "id": fd.id,
                "label": {"ru": fd.label_ru, "en": fd.label_en},
                "language": langs,
                "script": list(fd.script),
                "zone": _r(fd.zone()),
            }
            if fd.mrz_field:
                entry["mrz_field"] = fd.mrz_field
            fields.append(entry)
        pages.append({
            "side": page.side,
            "size_mm": [page.size_mm[0], page.size_mm[1]],
            "px_per_mm": round(px_per_mm, 4),
            "images": images[page.side],
            "zones": {name: _r(z) for name, z in page.zones.items()},
            "fields": fields,
            "features": feats,
        })  # fmt: skip
    return {
        "format": "docexam-specimen",
        "format_version": 1,
        "id": d.id,
        "name": {"en": d.name_en, "ru": d.name_ru},
        "issuing_state": d.issuing_state,
        "kind": d.kind,
        "layout": d.layout,
        "series": d.series,
        "issued_from": d.issued_from.isoformat(),
        "issued_until": d.issued_until.isoformat() if d.issued_until else None,
        "fictional": True,
        "notes": {"en": d.notes_en, "ru": d.notes_ru},
        "pages": pages,
    }


def _write(path: Path, data: bytes) -> None:
    """Write a file whole or not at all (a full disk leaves no half-written image)."""
    try:
        write_whole(path, data)
    except OSError as exc:
        msg = f"cannot write {path}: {exc.strerror or exc}"
        raise StudioError(msg, code="WRITE_FAILED") from exc


def _png(img: np.ndarray) -> bytes:
    ok, buf = cv2.imencode(".png", img, [cv2.IMWRITE_PNG_COMPRESSION, 9])
    if not ok:
        raise StudioError("OpenCV could not encode a PNG", code="ENCODE_FAILED")
    return buf.tobytes()


def _outdir(out: Path) -> Path:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        msg = f"cannot create {out}: {exc.strerror or exc}"
        raise StudioError(msg, code="WRITE_FAILED") from exc
    if not out.is_dir():
        raise StudioError(f"{out} is not a folder", code="WRITE_FAILED")
    return out


def render_specimens(
    out: Path,
    *,
    ids: Sequence[str] | None = None,
    px_per_mm: float = DEFAULT_PX_PER_MM,
    progress: Progress | None = None,
) -> list[Path]:
    """Render the bundled specimen library into ``out`` (one folder per specimen)."""
    folders = []
    for sid in ids or list(DESIGNS):
        d = _design(sid)
        doc = render_plan(specimen_plan(d, px_per_mm=px_per_mm))
        folder = _outdir(out / d.id)
        names: dict[str, dict[str, str]] = {}
        for side, imgs in doc.images.items():
            names[side] = {}
            for light, img in imgs.items():
                name = f"{side}.{light}.png"
                _write(folder / name, _png(img))
                names[side][light] = name
        text = json.dumps(manifest(d, names, px_per_mm), ensure_ascii=False, indent=1)
        _write(folder / "specimen.json", (text + "\n").encode())
        folders.append(folder)
        if progress:
            progress(1)
    return folders


def _design(sid: str) -> SpecimenDesign:
    try:
        return design(sid)
    except ValueError:
        raise StudioError(
            f"no bundled specimen design {sid!r}; known: {', '.join(DESIGNS)}",
            code="UNKNOWN_SPECIMEN",
        ) from None


def make_document(
    specimen_id: str,
    *,
    seed: int,
    forgery: str | None = None,
    px_per_mm: float = DEFAULT_PX_PER_MM,
) -> RenderedDocument:
    """One document instance (flat pages), genuine or with ``forgery`` applied."""
    d = _design(specimen_id)
    plan = genuine_plan(d, seed=seed, px_per_mm=px_per_mm)
    if forgery is not None:
        if forgery not in forgeries.BY_ID:
            raise StudioError(
                f"unknown forgery {forgery!r}; known: {', '.join(forgeries.IDS)}",
                code="UNKNOWN_FORGERY",
            )
        try:
            plan = forgeries.apply_forgery(plan, forgery, design(OTHER_SERIES[d.id]))
        except forgeries.NotApplicable as exc:
            raise StudioError(
                f"forgery {forgery} does not apply to {d.id}: {exc}", code="NOT_APPLICABLE"
            ) from None
    return render_plan(plan)


@dataclass(frozen=True)
class WrittenDocument:
    folder: Path
    files: tuple[str, ...]
    truth: dict[str, Any]


def write_document(
    out: Path,
    specimen_id: str,
    *,
    seed: int,
    forgery: str | None = None,
    capture: str = "none",
) -> WrittenDocument:
    """Render one document, simulate ``capture``, write one image per page and light."""
    if capture not in CAPTURE_MODES:
        raise StudioError(
            f"unknown capture {capture!r}; known: {', '.join(CAPTURE_MODES)}",
            code="UNKNOWN_CAPTURE",
        )
    doc = make_document(specimen_id, seed=seed, forgery=forgery)
    folder = _outdir(out)
    truth = doc.truth()
    truth["capture"] = {"mode": capture, "pages": {}}
    files = []
    for i, (side, imgs) in enumerate(doc.images.items()):
        cap = simulate_capture(imgs, px_per_mm=doc.plan.px_per_mm, mode=capture, seed=seed * 10 + i)
        for light, (ext, data) in cap.encoded.items():
            name = f"{side}.{light}{ext}"
            _write(folder / name, data)
            files.append(name)
        truth["capture"]["pages"][side] = {
            "params": cap.params,
            "homography_page_to_image": np.round(cap.homography, 6).tolist(),
            "page_quad": np.round(cap.page_quad(), 2).tolist(),
        }
    truth["zones_are_manifest_zones"] = capture == "none"
    truth["files"] = files
    text = json.dumps(truth, ensure_ascii=False, indent=1)
    _write(folder / "truth.json", (text + "\n").encode())
    return WrittenDocument(folder, tuple(files), truth)
