"""parse_manifest: a valid specimen loads; every kind of mistake is an error naming file+field."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from specimen_builders import card_manifest, write_image, write_manifest, write_specimen

from docexam.specimens import Specimen, parse_manifest
from docexam.specimens.manifest import FrozenMap, Zone


def test_valid_passport_loads_without_problems(passport) -> None:
    folder, _ = passport
    specimen, problems = parse_manifest(folder / "specimen.json")
    assert problems == ()
    assert isinstance(specimen, Specimen)
    assert specimen.id == "uto-passport-2015" == folder.name
    assert specimen.issued_from == dt.date(2015, 1, 1)
    assert specimen.issued_until == dt.date(2020, 12, 31)
    assert specimen.fictional is True
    assert specimen.name.ru == "Паспорт Утопии, серия 2015"
    assert specimen.folder == folder.absolute()
    assert specimen.manifest_path == folder.absolute() / "specimen.json"
    page = specimen.page("data_page")
    assert page.size_mm == (125.0, 88.0) and page.size_px == (250, 176)
    assert page.lights == ("white", "uv365", "ir870")
    assert page.image_path("uv365") == folder.absolute() / "data_page.uv365.png"
    assert page.image_path("uv365").is_absolute()
    assert page.zones["mrz"] == Zone(3.0, 68.0, 119.0, 17.0)
    assert [f.id for f in page.fields] == ["surname", "birth_date"]
    assert page.fields[0].label == {"ru": "Фамилия", "en": "Surname"}
    assert page.fields[0].mrz_field == "surname" and page.fields[1].mrz_field is None
    assert [f.id for f in specimen.features] == ["uv_emblem", "mrz_b900", "mrz_digits", "hologram"]
    emblem = specimen.feature("uv_emblem")
    assert emblem.check.method == "pattern_match" and emblem.check.tolerance == 0.55
    assert specimen.feature("hologram").check.tolerance is None
    assert len(specimen.feature("hologram").zones) == 2


def test_specimen_is_immutable_and_hashable(passport) -> None:
    specimen, _ = parse_manifest(passport[0] / "specimen.json")
    assert isinstance(hash(specimen), int)
    assert {specimen: 1}[specimen] == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        specimen.id = "other"  # type: ignore[misc]
    page = specimen.pages[0]
    assert isinstance(page.images, FrozenMap) and isinstance(page.features, tuple)
    with pytest.raises(TypeError):
        page.zones["mrz"] = Zone(0, 0, 1, 1)  # type: ignore[index]


def test_round_trip_through_to_dict(passport) -> None:
    folder, _ = passport
    original, _ = parse_manifest(folder / "specimen.json")
    data = original.to_dict()
    assert data["pages"][0]["images"]["white"] == "data_page.white.png"  # relative again
    assert data["format"] == "docexam-specimen" and data["format_version"] == 1
    write_manifest(folder, json.loads(json.dumps(data)))
    again, problems = parse_manifest(folder / "specimen.json")
    assert problems == ()
    assert again == original
    assert again.to_dict() == data


def test_round_trip_of_a_two_sided_card(tmp_path) -> None:
    folder = write_specimen(tmp_path, card_manifest())
    original, problems = parse_manifest(folder / "specimen.json")
    assert problems == () and original is not None
    assert original.sides == ("front", "back") and original.issued_until is None
    write_manifest(folder, original.to_dict())
    assert parse_manifest(folder / "specimen.json") == (original, ())


def test_missing_uv_and_ir_images_are_warnings_only(passport) -> None:
    folder, m = passport
    page = m["pages"][0]
    del page["images"]["uv365"], page["images"]["ir870"]
    page["features"] = [f for f in page["features"] if f["id"] in ("mrz_digits", "hologram")]
    write_manifest(folder, m)
    specimen, problems = parse_manifest(folder / "specimen.json")
    assert specimen is not None
    assert [(p.severity, p.field) for p in problems] == [
        ("warning", "pages[0].images"),
        ("warning", "pages[0].images"),
    ]
    assert "'uv365'" in problems[0].message and "'ir870'" in problems[1].message


# -- one mistake, one error -------------------------------------------------------------------

Mutator = Callable[[Path, dict[str, Any]], Any]


def _page(m: dict[str, Any]) -> dict[str, Any]:
    return m["pages"][0]


def _feature(m: dict[str, Any], i: int) -> dict[str, Any]:
    return m["pages"][0]["features"][i]


def _pdf_as_png(folder: Path, m: dict[str, Any]) -> None:
    (folder / "data_page.white.png").write_bytes(b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\n%%EOF\n")


def _truncate(folder: Path, m: dict[str, Any]) -> None:
    path = folder / "data_page.ir870.png"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _garble(folder: Path, m: dict[str, Any]) -> None:
    path = folder / "data_page.uv365.png"
    path.write_bytes(path.read_bytes()[:33] + b"\x00" * 300)  # signature + IHDR, then junk


def _resize(folder: Path, m: dict[str, Any]) -> None:
    write_image(folder / "data_page.white.png", [125.0, 88.0], 2.2)


def _drop(key: str) -> Mutator:
    return lambda folder, m: m.pop(key)


def _set(path: tuple[Any, ...], value: Any) -> Mutator:
    def mutate(folder: Path, m: dict[str, Any]) -> None:
        target = m
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


F0 = ("pages", 0, "features", 0)
CASES: list[tuple[str, Mutator, str, str]] = [
    ("missing image file", lambda f, m: (f / "data_page.uv365.png").unlink(),
     "pages[0].images.uv365", "'data_page.uv365.png' not found"),
    ("PDF renamed .png", _pdf_as_png, "pages[0].images.white", "a PDF document, not an image"),
    ("truncated PNG", _truncate, "pages[0].images.ir870", "IMAGE_TRUNCATED"),
    ("corrupt PNG", _garble, "pages[0].images.uv365", "IMAGE_CORRUPT"),
    ("wrong image size", _resize, "pages[0].images.white",
     "is 275 x 194 px but size_mm x px_per_mm gives 250 x 176 px"),
    ("image path escapes the folder", _set(("pages", 0, "images", "uv365"), "../x.png"),
     "pages[0].images.uv365", "must be a file name in the specimen's folder"),
    ("zone outside the page", _set(("pages", 0, "zones", "mrz", "w"), 125),
     "pages[0].zones.mrz", "zone reaches x=128.0 mm, outside the page (125.0 mm wide)"),
    ("feature zone above the page", _set((*F0, "zones", 0, "y"), -2),
     "pages[0].features[0].zones[0]", "zone starts at y=-2.0 mm, above the page"),
    ("zero-width zone", _set(("pages", 0, "zones", "portrait", "w"), 0),
     "pages[0].zones.portrait.w", "zone size must be positive"),
    ("unknown feature type", _set((*F0, "type"), "uv_glow"),
     "pages[0].features[0].type", "unknown feature type 'uv_glow' (known: guilloche, "),
    ("unknown light in images", _set(("pages", 0, "images", "uv366"), "data_page.uv365.png"),
     "pages[0].images.uv366", "unknown light source 'uv366' (known: white, uv365, "),
    ("unknown light in a feature", _set((*F0, "lights"), ["uv365", "ir780"]),
     "pages[0].features[0].lights[1]", "unknown light source 'ir780'"),
    ("feature light without an image", _set((*F0, "lights"), ["uv254"]),
     "pages[0].features[0].lights[0]", "the page has no 'uv254' image"),
    ("white image missing", lambda f, m: _page(m)["images"].pop("white"),
     "pages[0].images", "a white-light image is required"),
    ("unknown key (typo) at the root", lambda f, m: m.update(issued_untill=None),
     "issued_untill", "unknown key 'issued_untill' (did you mean 'issued_until'?)"),
    ("unknown key (typo) in a check", _set((*F0, "check", "toleranse"), 0.5),
     "pages[0].features[0].check.toleranse", "did you mean 'tolerance'?"),
    ("missing required field", _drop("series"), "series", "missing required field"),
    ("missing required feature field", lambda f, m: _feature(m, 1).pop("genuine"),
     "pages[0].features[1].genuine", "missing required field"),
    ("wrong type", _set(("fictional",), "yes"), "fictional", "must be true or false"),
    ("pages not a list", _set(("pages",), {}), "pages", "must be a list, not an object"),
    ("bad date", _set(("issued_from",), "2015-02-30"), "issued_from", "not a valid date"),
    ("date in another form", _set(("issued_from",), "01.01.2015"), "issued_from",
     "not a date in the form YYYY-MM-DD"),
    ("issued_until before issued_from", _set(("issued_until",), "2014-12-31"), "issued_until",
     "2014-12-31 is before issued_from (2015-01-01)"),
    ("id is not the folder name", _set(("id",), "uto-passport-2016"), "id",
     "must equal the name of the specimen's folder ('uto-passport-2015')"),
    ("id with upper case", _set(("id",), "UTO-passport-2015"), "id", "lower-case letters"),
    ("duplicate feature id", _set(("pages", 0, "features", 2, "id"), "uv_emblem"),
     "pages[0].features[2].id", "duplicate feature id 'uv_emblem' (also pages[0].features[0])"),
    ("duplicate field id", _set(("pages", 0, "fields", 1, "id"), "surname"),
     "pages[0].fields[1].id", "duplicate field id 'surname'"),
    ("unknown state code", _set(("issuing_state",), "XYZ"), "issuing_state",
     "unknown ICAO state code 'XYZ'"),
    ("ISO code that ICAO does not use", _set(("issuing_state",), "DEU"), "issuing_state",
     "writes Germany as 'D<<'"),
    ("unknown kind", _set(("kind",), "driving_licence"), "kind",
     "unknown document kind 'driving_licence' (known: passport, identity_card, visa, "),
    ("unknown layout", _set(("layout",), "TD4"), "layout", "unknown layout 'TD4'"),
    ("unknown side", _set(("pages", 0, "side"), "inside"), "pages[0].side", "unknown side"),
    ("tolerance for visual", _set(("pages", 0, "features", 3, "check", "tolerance"), 0.5),
     "pages[0].features[3].check.tolerance", "must be null for method 'visual'"),
    ("no tolerance for pattern_match", _set((*F0, "check", "tolerance"), None),
     "pages[0].features[0].check.tolerance",
     "method 'pattern_match' needs a tolerance: minimum correlation, 0-1"),
    ("tolerance above 1 for a 0-1 method", _set((*F0, "check", "tolerance"), 1.5),
     "pages[0].features[0].check.tolerance", "must be at most 1"),
    ("tolerance that is not a number", _set((*F0, "check", "tolerance"), "0.5"),
     "pages[0].features[0].check.tolerance", "must be a number, not a string"),
    ("unknown check method", _set((*F0, "check", "method"), "ncc"),
     "pages[0].features[0].check.method", "unknown check method 'ncc'"),
    ("missing ru text", lambda f, m: m["name"].pop("ru"), "name.ru", "missing required field"),
    ("empty en text", _set((*F0, "genuine", "en"), "  "), "pages[0].features[0].genuine.en",
     "must not be empty"),
    ("no mrz zone", lambda f, m: _page(m)["zones"].pop("mrz"), "pages",
     "no page has an 'mrz' zone"),
    ("label languages differ from language", _set(("pages", 0, "fields", 1, "label"),
     {"ru": "Дата рождения"}), "pages[0].fields[1].label",
     "label languages (ru) must be those in 'language' (en)"),
    ("bad language code", _set(("pages", 0, "fields", 1, "language"), ["eng"]),
     "pages[0].fields[1].language[0]", "two lower-case letters"),
    ("bad script code", _set(("pages", 0, "fields", 1, "script"), ["latin"]),
     "pages[0].fields[1].script[0]", "ISO 15924"),
    ("unknown mrz field", _set(("pages", 0, "fields", 0, "mrz_field"), "last_name"),
     "pages[0].fields[0].mrz_field", "unknown MRZ field 'last_name'"),
    ("negative size", _set(("pages", 0, "size_mm"), [125.0, -88.0]), "pages[0].size_mm[1]",
     "must be positive"),
    ("zero resolution", _set(("pages", 0, "px_per_mm"), 0), "pages[0].px_per_mm",
     "must be positive"),
    ("duplicate side", lambda f, m: m["pages"].append(json.loads(json.dumps(_page(m)))),
     "pages[1].side", "side 'data_page' appears twice (also pages[0])"),
    ("wrong format", _set(("format",), "docexam-specimens"), "format",
     "not a docexam specimen manifest"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("mutate", "field", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_each_mistake_is_an_error_naming_file_and_field(
    passport, errors_in, mutate, field, message
) -> None:
    folder, m = passport
    mutate(folder, m)
    manifest = write_manifest(folder, m)
    specimen, problems = parse_manifest(manifest)
    assert specimen is None
    errors = errors_in(problems)
    assert any(f == field and message in msg for f, msg in errors), errors
    assert all(p.path == manifest for p in problems)


def test_syntax_error_names_line_and_column(passport, errors_in) -> None:
    folder, _ = passport
    manifest = folder / "specimen.json"
    manifest.write_text('{\n  "format": "docexam-specimen",\n  "id": "x"\n  "kind": 1\n}\n')
    specimen, problems = parse_manifest(manifest)
    assert specimen is None
    assert errors_in(problems) == [("line 4, column 3", "invalid JSON: Expecting ',' delimiter")]


def test_a_newer_format_version_asks_for_an_upgrade_and_nothing_else(passport, errors_in) -> None:
    folder, m = passport
    m["format_version"] = 2
    m["new_field_of_version_2"] = {}
    specimen, problems = parse_manifest(write_manifest(folder, m))
    assert specimen is None
    assert errors_in(problems) == [
        (
            "format_version",
            "version 2 needs a newer docexam (this one reads version 1); upgrade docexam "
            "to use this specimen",
        )
    ]


def test_duplicate_json_key_is_an_error(passport, errors_in) -> None:
    folder, m = passport
    text = json.dumps(m).replace('"series": "2015"', '"series": "2015", "series": "2016"')
    (folder / "specimen.json").write_text(text)
    specimen, problems = parse_manifest(folder / "specimen.json")
    assert specimen is None
    assert ("series", "key appears twice in one object (only the last would count)") in errors_in(
        problems
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "invalid JSON: Expecting value"),
        (b"\xff\xfe{", "is not UTF-8 text"),
        (b"[1, 2]", "a manifest is a JSON object, not a list"),
    ],
)
def test_files_that_are_not_manifests(tmp_path, errors_in, content, message) -> None:
    path = tmp_path / "specimen.json"
    path.write_bytes(content)
    specimen, problems = parse_manifest(path)
    assert specimen is None
    assert len(problems) == 1 and message in problems[0].message


def test_missing_manifest_is_a_problem_not_an_exception(tmp_path, errors_in) -> None:
    specimen, problems = parse_manifest(tmp_path / "specimen.json")
    assert specimen is None
    assert errors_in(problems) == [("(file)", "no such file")]


def test_all_problems_are_collected_not_just_the_first(passport, errors_in) -> None:
    folder, m = passport
    m["kind"] = "pasport"
    _feature(m, 0)["type"] = "uv_glow"
    _feature(m, 1)["lights"] = ["ir780"]
    m["name"]["ru"] = ""
    (folder / "data_page.ir870.png").unlink()
    specimen, problems = parse_manifest(write_manifest(folder, m))
    assert specimen is None
    fields = {f for f, _ in errors_in(problems)}
    assert fields >= {
        "kind",
        "name.ru",
        "pages[0].images.ir870",
        "pages[0].features[0].type",
        "pages[0].features[1].lights[0]",
    }


def test_parse_manifest_does_not_touch_the_files(passport) -> None:
    folder, _ = passport
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    parse_manifest(folder / "specimen.json")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_problem_format_is_file_field_severity_message(passport) -> None:
    folder, m = passport
    _feature(m, 0)["type"] = "uv_glow"
    _, problems = parse_manifest(write_manifest(folder, m))
    line = problems[0].format("lib/uto-passport-2015/specimen.json")
    assert line.startswith(
        "lib/uto-passport-2015/specimen.json: pages[0].features[0].type: error: "
        "unknown feature type 'uv_glow'"
    )
    assert str(problems[0]).startswith(f"{folder / 'specimen.json'}: pages[0]")
