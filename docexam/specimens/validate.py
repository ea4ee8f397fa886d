"""``parse_manifest``: read one specimen.json and check all of docs/specimen-format.md.

Manifests are written by hand, so a bad one is an expected finding, not a fault: this
never raises for bad content and reports every problem it finds, each with the file and
the JSON path of the field (``pages[0].features[3].type``), rather than stopping at the
first. A specimen with any error is not returned at all: a half-read reference would
quietly make the comparison weaker. The page-level rules live in ``validate_page``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from docexam.mrz.countries import STATES, state_hint
from docexam.specimens.manifest import Page, Specimen
from docexam.specimens.validate_page import read_page
from docexam.specimens.validate_values import Checker, Problem, join, kind_of
from docexam.specimens.vocabulary import FORMAT, FORMAT_VERSION, KINDS, LAYOUTS, MRZ_ZONE

__all__ = ["MANIFEST_NAME", "Problem", "parse_manifest"]

MANIFEST_NAME = "specimen.json"

#: A manifest is a few kilobytes; a far larger file is not one (and is not read whole).
MAX_MANIFEST_BYTES = 4 * 1024 * 1024

_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_ID_RULE = "lower-case letters, digits and '-', starting with a letter or digit"
_REQUIRED = (
    "format", "format_version", "id", "name", "issuing_state", "kind", "layout", "series",
    "issued_from", "pages",
)  # fmt: skip
_OPTIONAL = ("issued_until", "fictional", "notes")


def parse_manifest(path: Path) -> tuple[Specimen | None, tuple[Problem, ...]]:
    """Read and check the manifest at ``path``; the specimen is None when there are errors.

    Problems name ``path`` as given (so messages show the path the user typed); the
    returned specimen holds absolute paths, so it stays usable after a ``chdir``.
    """
    path = Path(path)
    ck = Checker(path)
    data = _read_json(ck, path)
    if data is None or not _format_ok(ck, data):
        return None, tuple(ck.problems)
    specimen = _specimen(ck, data, path)
    if specimen is None and not ck.error_count:  # a reader forgot to say why: never pass
        ck.error("(file)", "the manifest could not be read (internal: no reason recorded)")
    return (specimen if not ck.error_count else None), tuple(ck.problems)


def _read_json(ck: Checker, path: Path) -> Any:
    """The parsed JSON, or None after recording why the file is not a JSON manifest."""
    try:
        with path.open("rb") as fp:
            raw = fp.read(MAX_MANIFEST_BYTES + 1)
    except FileNotFoundError:
        ck.error("(file)", "no such file")
        return None
    except IsADirectoryError:
        ck.error("(file)", "is a folder, not a manifest file")
        return None
    except OSError as exc:
        ck.error("(file)", f"cannot be read ({exc.strerror or exc})")
        return None
    if len(raw) > MAX_MANIFEST_BYTES:
        ck.error("(file)", f"is over {MAX_MANIFEST_BYTES // 1024 // 1024} MiB: not a manifest")
        return None
    try:
        text = raw.decode("utf-8-sig")  # tolerate the BOM some Windows editors write
    except UnicodeDecodeError as exc:
        ck.error("(file)", f"is not UTF-8 text (bad byte at offset {exc.start})")
        return None
    duplicates: list[str] = []
    try:
        data = json.loads(text, object_pairs_hook=lambda pairs: _object(pairs, duplicates))
    except json.JSONDecodeError as exc:
        ck.error(f"line {exc.lineno}, column {exc.colno}", f"invalid JSON: {exc.msg}")
        return None
    except RecursionError:
        ck.error("(file)", "invalid JSON: nested too deeply")
        return None
    for key in duplicates:  # json keeps the last silently: a typo-class mistake
        ck.error(key, "key appears twice in one object (only the last would count)")
    return data


def _object(pairs: list[tuple[str, Any]], duplicates: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            duplicates.append(key)
        out[key] = value
    return out


def _format_ok(ck: Checker, data: Any) -> bool:
    """False when the file is not a manifest this docexam can read (nothing else is checked:
    in a newer format the other fields may mean something else)."""
    if not isinstance(data, dict):
        ck.error("(root)", f"a manifest is a JSON object, not {kind_of(data)}")
        return False
    fmt, version = data.get("format"), data.get("format_version")
    if "format" in data and fmt != FORMAT:
        ck.error("format", f"is {fmt!r}, not {FORMAT!r}: this is not a docexam specimen manifest")
        return False
    if "format_version" not in data:
        return True  # reported as a missing field with the rest
    if isinstance(version, bool) or not isinstance(version, int):
        ck.error("format_version", f"must be a whole number, not {kind_of(version)}")
        return False
    if version > FORMAT_VERSION:
        ck.error(
            "format_version",
            f"version {version} needs a newer docexam (this one reads version "
            f"{FORMAT_VERSION}); upgrade docexam to use this specimen",
        )
        return False
    if version < 1:
        ck.error("format_version", f"unknown version {version} (versions start at 1)")
        return False
    return True


def _specimen(ck: Checker, raw: dict[str, Any], path: Path) -> Specimen | None:
    data = ck.obj(raw, "", _REQUIRED, _OPTIONAL)
    if data is None:
        return None
    folder = path.parent.absolute()

    def read(key: str, reader: Any, *args: Any) -> Any:
        return reader(data[key], key, *args) if key in data else None

    sid = None
    if "id" in data:
        sid = ck.string(data["id"], "id", pattern=_ID, rule=_ID_RULE)
    if sid is not None and sid != folder.name:
        ck.error("id", f"{sid!r} must equal the name of the specimen's folder ({folder.name!r})")
    name = read("name", ck.text)
    state = read("issuing_state", _state, ck)
    kind = read("kind", ck.choice, KINDS, "document kind")
    layout = read("layout", ck.choice, LAYOUTS, "layout")
    series = read("series", ck.string)
    issued_from = read("issued_from", ck.date)
    issued_until = None if data.get("issued_until") is None else read("issued_until", ck.date)
    if issued_from and issued_until and issued_until < issued_from:
        ck.error(
            "issued_until",
            f"{issued_until.isoformat()} is before issued_from ({issued_from.isoformat()})",
        )
    fictional = read("fictional", ck.boolean) if "fictional" in data else False
    notes = None if data.get("notes") is None else read("notes", ck.text)
    pages = read("pages", _pages, ck, folder)
    if isinstance(data.get("pages"), list):
        _check_across_pages(ck, data["pages"], layout)
    parts = (sid, name, state, kind, layout, series, issued_from, fictional, pages)
    if ck.error_count or any(p is None for p in parts):
        return None
    return Specimen(
        sid, name, state, kind, layout, series, issued_from, issued_until, fictional, notes,
        pages, folder, folder / path.name,
    )  # fmt: skip


def _state(value: Any, field: str, ck: Checker) -> str | None:
    """An ICAO state code as written without fillers (``UTO``, ``D`` for Germany)."""
    code = ck.string(value, field)
    if code is None or code in STATES:
        return code
    hint = state_hint(code)
    if hint is None and code.upper() in STATES:
        hint = f"codes are upper case: {code.upper()!r}"
    ck.error(field, f"unknown ICAO state code {code!r}" + (f" ({hint})" if hint else ""))
    return None


def _pages(value: Any, field: str, ck: Checker, folder: Path) -> tuple[Page, ...] | None:
    items = ck.items(value, field, what="page")
    if items is None:
        return None
    pages = [read_page(ck, raw, join(field, i), folder) for i, raw in enumerate(items)]
    return None if None in pages else tuple(pages)  # type: ignore[arg-type]


def _check_across_pages(ck: Checker, pages: list[Any], layout: str | None) -> None:
    """Rules that span pages: unique sides, unique feature ids, an MRZ zone somewhere."""
    sides: dict[str, str] = {}
    feature_ids: dict[str, str] = {}
    has_mrz = False
    for i, page in enumerate(pages):
        if not isinstance(page, dict):
            continue
        where = join("pages", i)
        side = page.get("side")
        if isinstance(side, str):
            if side in sides:
                ck.error(join(where, "side"), f"side {side!r} appears twice (also {sides[side]})")
            sides.setdefault(side, where)
        zones = page.get("zones")
        has_mrz = has_mrz or (isinstance(zones, dict) and MRZ_ZONE in zones)
        features = page.get("features")
        for j, feature in enumerate(features if isinstance(features, list) else ()):
            fid = feature.get("id") if isinstance(feature, dict) else None
            if not isinstance(fid, str):
                continue
            fwhere = join(join(where, "features"), j)
            if fid in feature_ids:
                ck.error(
                    join(fwhere, "id"), f"duplicate feature id {fid!r} (also {feature_ids[fid]})"
                )
            feature_ids.setdefault(fid, fwhere)
    if not has_mrz:
        ck.error(
            "pages",
            f"no page has an {MRZ_ZONE!r} zone, but a {layout or 'machine-readable'} document "
            "carries an MRZ: add it to the zones of the page that has it",
        )
