"""load_library / validate_path: bad specimens are skipped, good ones load, roots are checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from specimen_builders import card_manifest, passport_manifest, write_manifest, write_specimen

from docexam.errors import SpecimenError
from docexam.specimens import (
    Library,
    default_library_root,
    find_manifests,
    load_library,
    validate_path,
)


def test_library_loads_every_valid_specimen_sorted_by_id(library_root) -> None:
    library = load_library(library_root)
    assert isinstance(library, Library)
    assert library.ids == ("uto-id-2019", "uto-passport-2015")
    assert [s.id for s in library] == list(library.ids) and len(library) == 2
    assert "uto-id-2019" in library and "uto-visa-2018" not in library
    assert library.problems == () and library.skipped == ()
    assert library.get("uto-id-2019").layout == "TD1"


def test_a_broken_specimen_is_skipped_and_the_others_load(library_root, errors_in) -> None:
    broken = passport_manifest("uto-passport-2010")
    broken["pages"][0]["features"][0]["type"] = "uv_glow"
    write_specimen(library_root, broken)
    library = load_library(library_root)
    assert library.ids == ("uto-id-2019", "uto-passport-2015")
    assert library.skipped == ("uto-passport-2010",)
    assert [p.path for p in library.problems] == [
        library_root / "uto-passport-2010" / "specimen.json"
    ]
    assert errors_in(library.problems)[0][0] == "pages[0].features[0].type"
    with pytest.raises(SpecimenError) as exc:
        library.get("uto-passport-2010")
    assert exc.value.code == "SPECIMEN_NOT_FOUND"
    assert "has errors and was not loaded" in exc.value.message


def test_get_an_unknown_id_lists_the_known_ones(library_root) -> None:
    with pytest.raises(SpecimenError) as exc:
        load_library(library_root).get("uto-visa-2018")
    assert exc.value.code == "SPECIMEN_NOT_FOUND"
    assert "uto-visa-2018" in exc.value.message
    assert "known: uto-id-2019, uto-passport-2015" in exc.value.message


def test_folders_without_a_manifest_are_warned_about_and_hidden_ones_ignored(
    library_root,
) -> None:
    (library_root / "notes").mkdir()
    (library_root / ".git").mkdir()
    (library_root / "README.md").write_text("not a specimen")
    library = load_library(library_root)
    assert len(library) == 2
    assert [(p.path, p.severity) for p in library.problems] == [(library_root / "notes", "warning")]


@pytest.mark.parametrize("make", ["missing", "file"])
def test_a_root_that_is_not_a_folder_raises(tmp_path, make) -> None:
    root = tmp_path / "lib"
    if make == "file":
        root.write_text("x")
    with pytest.raises(SpecimenError) as exc:
        load_library(root)
    assert exc.value.code == "LIBRARY_NOT_FOUND"
    assert str(root) in exc.value.message


def test_a_specimen_folder_is_not_a_library(passport) -> None:
    with pytest.raises(SpecimenError) as exc:
        load_library(passport[0])
    assert exc.value.code == "NOT_A_LIBRARY"


def test_an_empty_library_is_empty(tmp_path) -> None:
    library = load_library(tmp_path)
    assert library.specimens == () and library.problems == ()
    with pytest.raises(SpecimenError, match="the library is empty"):
        library.get("x")


def test_default_root_is_the_bundled_folder_unless_configured(tmp_path) -> None:
    bundled = default_library_root({})
    assert bundled.name == "reference_specimens"
    assert (bundled.parent / "docexam" / "specimens" / "library.py").is_file()
    assert default_library_root({"DOCEXAM_SPECIMENS": str(tmp_path)}) == tmp_path
    assert default_library_root({"DOCEXAM_SPECIMENS": ""}) == bundled


def test_validate_path_accepts_library_specimen_folder_or_manifest(library_root) -> None:
    card = library_root / "uto-id-2019"
    m = card_manifest()
    m["pages"][1]["zones"]["mrz"]["x"] = 10  # now reaches 91.6 mm on an 85.6 mm card
    write_manifest(card, m)
    for path in (library_root, card, card / "specimen.json"):
        problems = validate_path(path)
        assert [(p.path.name, p.field, p.severity) for p in problems] == [
            ("specimen.json", "pages[1].zones.mrz", "error")
        ], path
        assert "zone reaches x=91.6 mm, outside the page (85.6 mm wide)" in problems[0].message
    assert find_manifests(library_root) == (
        library_root / "uto-id-2019" / "specimen.json",
        library_root / "uto-passport-2015" / "specimen.json",
    )
    assert find_manifests(card) == (card / "specimen.json",)


def test_validate_path_of_a_clean_library_has_no_problems(library_root) -> None:
    assert validate_path(library_root) == ()


def test_validate_path_warns_about_an_empty_library_and_other_file_names(tmp_path) -> None:
    problems = validate_path(tmp_path)
    assert [(p.severity, p.field) for p in problems] == [("warning", "(folder)")]
    folder = write_specimen(tmp_path / "lib", passport_manifest())
    other = folder / "draft.json"
    other.write_text((folder / "specimen.json").read_text())
    assert [(p.severity, p.message) for p in validate_path(other)] == [
        ("warning", "the library only reads manifests named specimen.json")
    ]


def test_validate_path_of_nothing_raises(tmp_path) -> None:
    with pytest.raises(SpecimenError) as exc:
        validate_path(tmp_path / "nope")
    assert exc.value.code == "PATH_NOT_FOUND"


def test_loaded_paths_survive_a_change_of_working_folder(library_root, monkeypatch) -> None:
    monkeypatch.chdir(library_root.parent)
    library = load_library(Path(library_root.name))
    monkeypatch.chdir("/")
    assert library.get("uto-passport-2015").pages[0].image_path("white").is_file()
