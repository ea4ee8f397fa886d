"""Validation of one page of a manifest: size, images, zones, fields, security features.

Split from ``validate.py`` to keep each module readable; the rules are those of
docs/specimen-format.md, section "A page". Images are decoded with the same loader the
examination uses (``load_image``), so a file that passes here cannot fail later as a
PDF renamed ``.png`` or a truncated copy; their pixel size must match ``size_mm`` at
``px_per_mm`` within 2 %, or every zone would land in the wrong place.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docexam.errors import ImageLoadError
from docexam.imaging.load import load_image
from docexam.specimens.manifest import Check, Feature, Field, FrozenMap, Page, Zone
from docexam.specimens.validate_values import Checker, join, kind_of
from docexam.specimens.vocabulary import (
    CHECK_METHODS,
    FEATURE_TYPES,
    LIGHTS,
    MRZ_FIELDS,
    RECOMMENDED_LIGHTS,
    REQUIRED_LIGHT,
    SIDES,
)

__all__ = ["SIZE_TOLERANCE", "read_page"]

#: An image may differ from size_mm * px_per_mm by this fraction (scanner rounding, crop).
SIZE_TOLERANCE = 0.02

_ZONE_NAME = re.compile(r"[A-Za-z0-9_]+")
_CODE_RULES = {
    "language": (re.compile(r"[a-z]{2}"), "two lower-case letters (ISO 639-1)"),
    "script": (
        re.compile(r"[A-Z][a-z]{3}"),
        "four letters, the first upper case (ISO 15924, e.g. Latn, Cyrl)",
    ),
}
_PAGE_KEYS = ("side", "size_mm", "px_per_mm", "images")
_FIELD_KEYS = ("id", "label", "language", "script", "zone")
_FEATURE_KEYS = ("id", "name", "type", "lights", "zones", "check", "genuine", "forgery_signs")


def read_page(ck: Checker, value: Any, field: str, folder: Path) -> Page | None:
    """Check one page object; return the Page, or None when it has errors."""
    data = ck.obj(value, field, _PAGE_KEYS, ("zones", "fields", "features"))
    if data is None:
        return None
    errors_before = ck.error_count
    side = ck.choice(data["side"], join(field, "side"), SIDES, "side") if "side" in data else None
    size = _size(ck, data["size_mm"], join(field, "size_mm")) if "size_mm" in data else None
    ppm = None
    if "px_per_mm" in data:
        ppm = ck.number(data["px_per_mm"], join(field, "px_per_mm"), positive=True)
    images = None
    if "images" in data:
        images = _images(ck, data["images"], join(field, "images"), folder, size, ppm)
    zones = _zones(ck, data.get("zones", {}), join(field, "zones"), size)
    fields = _fields(ck, data.get("fields", []), join(field, "fields"), size)
    # The lights the page declares, even when an image failed: a feature's light without
    # any entry in ``images`` is its own mistake and is reported as well.
    declared = data.get("images")
    lights = tuple(k for k in declared if k in LIGHTS) if isinstance(declared, dict) else None
    features = _features(ck, data.get("features", []), join(field, "features"), size, lights)
    parts = (side, size, ppm, images, zones, fields, features)
    if ck.error_count > errors_before or any(p is None for p in parts):
        return None
    return Page(side, size, ppm, images, zones, fields, features)  # type: ignore[arg-type]


def _size(ck: Checker, value: Any, field: str) -> tuple[float, float] | None:
    if not isinstance(value, list) or len(value) != 2:
        ck.error(field, "must be [width, height] in millimetres")
        return None
    width = ck.number(value[0], join(field, 0), positive=True)
    height = ck.number(value[1], join(field, 1), positive=True)
    return (width, height) if width is not None and height is not None else None


def _images(
    ck: Checker,
    value: Any,
    field: str,
    folder: Path,
    size: tuple[float, float] | None,
    ppm: float | None,
) -> FrozenMap[str, Path] | None:
    if not isinstance(value, dict):
        ck.error(
            field, f"must be an object (light source -> image file name), not {kind_of(value)}"
        )
        return None
    ok = True
    found: dict[str, Path] = {}
    for light, name in value.items():
        where = join(field, light)
        if ck.choice(light, where, LIGHTS, "light source") is None:
            ok = False
            continue
        path = _image_file(ck, name, where, folder)
        if path is None or not _check_image(ck, path, where, size, ppm):
            ok = False
        else:
            found[light] = path
    if REQUIRED_LIGHT not in value:
        ck.error(field, f"a white-light image is required ({REQUIRED_LIGHT!r})")
        ok = False
    for light in RECOMMENDED_LIGHTS:
        if light not in value:
            ck.warning(field, f"no {light!r} image: checks under {LIGHTS[light].en} are skipped")
    return FrozenMap(found) if ok else None


def _image_file(ck: Checker, name: Any, field: str, folder: Path) -> Path | None:
    """The image file named in the manifest: a plain name inside the specimen's folder."""
    name = ck.string(name, field)
    if name is None:
        return None
    if "/" in name or "\\" in name or name in (".", ".."):
        ck.error(field, f"{name!r} must be a file name in the specimen's folder, not a path")
        return None
    return folder / name


def _check_image(
    ck: Checker, path: Path, field: str, size: tuple[float, float] | None, ppm: float | None
) -> bool:
    """The file decodes as an image and has the page's pixel size (within 2 %)."""
    if not path.is_file():
        what = "is a folder, not an image" if path.is_dir() else "not found"
        ck.error(field, f"image file {path.name!r} {what} in {path.parent}")
        return False
    try:
        image = load_image(path)
    except ImageLoadError as exc:
        # The loader's message starts "Cannot load '<full path>': "; the field names the file.
        reason = exc.message.partition("': ")[2].rstrip(".") or exc.message
        ck.error(field, f"image file {path.name!r} cannot be used: {reason} ({exc.code})")
        return False
    height, width = image.pixels.shape[:2]
    del image  # only the size is needed; do not keep a full-resolution copy alive
    if size is None or ppm is None:
        return True
    want_w, want_h = size[0] * ppm, size[1] * ppm
    if _close(width, want_w) and _close(height, want_h):
        return True
    rotated = (
        " (rotated by 90 degrees?)" if _close(width, want_h) and _close(height, want_w) else ""
    )
    ck.error(
        field,
        f"image {path.name!r} is {width} x {height} px but size_mm x px_per_mm gives "
        f"{want_w:.0f} x {want_h:.0f} px (more than {SIZE_TOLERANCE:.0%} off){rotated}",
    )
    return False


def _close(actual: int, wanted: float) -> bool:
    return abs(actual - wanted) <= SIZE_TOLERANCE * wanted


def _zones(
    ck: Checker, value: Any, field: str, size: tuple[float, float] | None
) -> FrozenMap[str, Zone] | None:
    if not isinstance(value, dict):
        ck.error(field, f"must be an object (zone name -> rectangle), not {kind_of(value)}")
        return None
    found: dict[str, Zone] = {}
    ok = True
    for name, raw in value.items():
        where = join(field, name)
        if not _ZONE_NAME.fullmatch(name):
            ck.error(where, f"zone name {name!r} may hold only letters, digits and '_'")
            ok = False
        zone = ck.zone(raw, where, size)
        if zone is None:
            ok = False
        else:
            found[name] = zone
    return FrozenMap(found) if ok else None


def _fields(
    ck: Checker, value: Any, field: str, size: tuple[float, float] | None
) -> tuple[Field, ...] | None:
    if not isinstance(value, list):
        ck.error(field, f"must be a list of fields, not {kind_of(value)}")
        return None
    out: list[Field] = []
    seen: dict[str, str] = {}
    for i, raw in enumerate(value):
        where = join(field, i)
        data = ck.obj(raw, where, _FIELD_KEYS, ("mrz_field",))
        if data is None:
            continue
        fid = ck.string(data["id"], join(where, "id")) if "id" in data else None
        if fid is not None and fid in seen:
            ck.error(join(where, "id"), f"duplicate field id {fid!r} (also {seen[fid]})")
        elif fid is not None:
            seen[fid] = where
        language = script = label = zone = None
        if "language" in data:
            language = _codes(ck, data["language"], join(where, "language"), "language")
        if "script" in data:
            script = _codes(ck, data["script"], join(where, "script"), "script")
        if "label" in data:
            label = _label(ck, data["label"], join(where, "label"), language)
        if "zone" in data:
            zone = ck.zone(data["zone"], join(where, "zone"), size)
        mrz_field = data.get("mrz_field")
        if mrz_field is not None:
            mrz_field = ck.choice(mrz_field, join(where, "mrz_field"), MRZ_FIELDS, "MRZ field")
        if fid and language and script and label is not None and zone:
            out.append(Field(fid, label, language, script, zone, mrz_field))
    return tuple(out)


def _codes(ck: Checker, value: Any, field: str, what: str) -> tuple[str, ...] | None:
    """A list of ISO codes: languages (ISO 639-1, ``ru``) or scripts (ISO 15924, ``Cyrl``)."""
    items = ck.items(value, field, what=what)
    if items is None:
        return None
    pattern, rule = _CODE_RULES[what]
    codes = [ck.string(v, join(field, i), pattern=pattern, rule=rule) for i, v in enumerate(items)]
    if None in codes:
        return None
    if len(set(codes)) != len(codes):
        ck.error(field, f"lists a {what} twice")
        return None
    return tuple(codes)  # type: ignore[arg-type]


def _label(
    ck: Checker, value: Any, field: str, language: tuple[str, ...] | None
) -> FrozenMap[str, str] | None:
    """The printed label per language: exactly the languages listed in ``language``."""
    if not isinstance(value, dict):
        ck.error(field, f"must be an object (language -> printed label), not {kind_of(value)}")
        return None
    texts = {k: ck.string(v, join(field, k)) for k, v in value.items()}
    if None in texts.values():
        return None
    if language is not None and set(value) != set(language):
        ck.error(
            field,
            f"label languages ({', '.join(value) or 'none'}) must be those in 'language' "
            f"({', '.join(language)})",
        )
        return None
    return FrozenMap(texts)  # type: ignore[arg-type]


def _features(
    ck: Checker,
    value: Any,
    field: str,
    size: tuple[float, float] | None,
    lights: tuple[str, ...] | None,
) -> tuple[Feature, ...] | None:
    if not isinstance(value, list):
        ck.error(field, f"must be a list of features, not {kind_of(value)}")
        return None
    out = [_feature(ck, raw, join(field, i), size, lights) for i, raw in enumerate(value)]
    return tuple(f for f in out if f is not None)


def _feature(
    ck: Checker,
    value: Any,
    field: str,
    size: tuple[float, float] | None,
    page_lights: tuple[str, ...] | None,
) -> Feature | None:
    data = ck.obj(value, field, _FEATURE_KEYS)
    if data is None:
        return None
    fid = ck.string(data["id"], join(field, "id")) if "id" in data else None
    name = ck.text(data["name"], join(field, "name")) if "name" in data else None
    ftype = None
    if "type" in data:
        ftype = ck.choice(data["type"], join(field, "type"), FEATURE_TYPES, "feature type")
    lights = None
    if "lights" in data:
        lights = _feature_lights(ck, data["lights"], join(field, "lights"), page_lights)
    zones = None
    if "zones" in data and (raw := ck.items(data["zones"], join(field, "zones"), what="zone")):
        found = [ck.zone(z, join(join(field, "zones"), i), size) for i, z in enumerate(raw)]
        zones = None if None in found else tuple(found)
    check = _check(ck, data["check"], join(field, "check")) if "check" in data else None
    genuine = ck.text(data["genuine"], join(field, "genuine")) if "genuine" in data else None
    signs = None
    if "forgery_signs" in data:
        signs = ck.text(data["forgery_signs"], join(field, "forgery_signs"))
    parts = (fid, name, ftype, lights, zones, check, genuine, signs)
    if any(p is None for p in parts) or len(data) != len(_FEATURE_KEYS):
        return None
    return Feature(fid, name, ftype, lights, zones, check, genuine, signs)  # type: ignore[arg-type]


def _feature_lights(
    ck: Checker, value: Any, field: str, page_lights: tuple[str, ...] | None
) -> tuple[str, ...] | None:
    """The lights a feature is checked under: known, not repeated, each imaged on the page."""
    items = ck.items(value, field, what="light source")
    if items is None:
        return None
    lights = [ck.choice(v, join(field, i), LIGHTS, "light source") for i, v in enumerate(items)]
    ok = None not in lights
    for i, light in enumerate(lights):
        if light is None:
            continue
        if light in lights[:i]:
            ck.error(join(field, i), f"light source {light!r} is listed twice")
            ok = False
        elif page_lights is not None and light not in page_lights:
            ck.error(
                join(field, i),
                f"the feature is checked under {light!r} but the page has no {light!r} image "
                f"(it has: {', '.join(page_lights)})",
            )
            ok = False
    return tuple(lights) if ok else None  # type: ignore[arg-type]


def _check(ck: Checker, value: Any, field: str) -> Check | None:
    """Method, tolerance (null exactly for the methods that measure nothing) and instructions.

    ``tolerance`` may be left out where it must be null; everywhere else it is the pass
    threshold, so a missing one is an error rather than a silent default.
    """
    data = ck.obj(value, field, ("method", "instructions"), ("tolerance",))
    if data is None:
        return None
    method = None
    if "method" in data:
        method = ck.choice(data["method"], join(field, "method"), CHECK_METHODS, "check method")
    instructions = None
    if "instructions" in data:
        instructions = ck.text(data["instructions"], join(field, "instructions"))
    if method is None:
        return None
    spec = CHECK_METHODS[method]
    raw = data.get("tolerance")
    where = join(field, "tolerance")
    tolerance: float | None = None
    if not spec.needs_tolerance:
        if raw is not None:
            ck.error(where, f"must be null for method {method!r} (it measures nothing)")
            return None
    elif raw is None:
        ck.error(where, f"method {method!r} needs a tolerance: {spec.tolerance_en}")
        return None
    else:
        tolerance = ck.number(raw, where, minimum=0.0, maximum=1.0 if spec.unit_interval else None)
        if tolerance is None:
            return None
    if instructions is None or len(data) > 3:
        return None
    return Check(method, tolerance, instructions)
