"""The specimen values (Zone geometry, look-ups, FrozenMap) and the closed vocabularies."""

from __future__ import annotations

import pytest

from docexam.errors import SpecimenError
from docexam.specimens import FrozenMap, Zone, parse_manifest
from docexam.specimens.vocabulary import (
    CHECK_METHODS,
    FEATURE_TYPES,
    KINDS,
    KNOWN_ZONES,
    LAYOUTS,
    LIGHTS,
    MRZ_FIELDS,
    SIDES,
)


def test_zone_geometry() -> None:
    z = Zone(5.0, 14.0, 32.0, 41.0)
    assert (z.right, z.bottom) == (37.0, 55.0)
    assert z.to_px(2.0) == (10, 28, 74, 110)
    x0, y0, x1, y1 = z.to_px(11.811)
    assert (x0, y0, x1, y1) == (59, 165, 437, 650)
    assert all(isinstance(v, int) for v in (x0, y0, x1, y1))


def test_adjacent_zones_share_their_boundary_pixel() -> None:
    left, right = Zone(0, 0, 10.3, 5), Zone(10.3, 0, 10, 5)
    assert left.to_px(11.811)[2] == right.to_px(11.811)[0]


def test_zone_intersection() -> None:
    a = Zone(0, 0, 10, 10)
    assert a.intersects(Zone(5, 5, 10, 10)) and Zone(5, 5, 10, 10).intersects(a)
    assert a.intersects(Zone(2, 2, 1, 1))  # inside
    assert not a.intersects(Zone(10, 0, 5, 5))  # touching edge only
    assert not a.intersects(Zone(0, 11, 5, 5))


def test_frozen_map_is_read_only_hashable_and_ordered() -> None:
    m = FrozenMap([("b", 1), ("a", 2)])
    assert list(m) == ["b", "a"] and m["a"] == 2 and len(m) == 2
    assert m == {"a": 2, "b": 1} and hash(m) == hash(FrozenMap({"a": 2, "b": 1}))
    with pytest.raises(TypeError):
        m["c"] = 3  # type: ignore[index]
    with pytest.raises(AttributeError):
        m.extra = 1  # type: ignore[attr-defined]


def test_look_ups_raise_coded_errors(passport) -> None:
    specimen, _ = parse_manifest(passport[0] / "specimen.json")
    with pytest.raises(SpecimenError) as page:
        specimen.page("back")
    assert page.value.code == "PAGE_NOT_FOUND" and "data_page" in page.value.message
    with pytest.raises(SpecimenError) as feature:
        specimen.feature("watermark")
    assert feature.value.code == "FEATURE_NOT_FOUND"
    with pytest.raises(SpecimenError) as light:
        specimen.pages[0].image_path("uv254")
    assert (
        light.value.code == "LIGHT_NOT_AVAILABLE" and "white, uv365, ir870" in light.value.message
    )
    assert specimen.page_of("mrz_digits") is specimen.pages[0]
    assert specimen.lights == ("white", "uv365", "ir870")


def test_vocabularies_match_the_format_document() -> None:
    assert list(LIGHTS) == ["white", "uv365", "uv254", "ir870", "ir950", "coaxial"]
    assert len(FEATURE_TYPES) == 16 and "optically_variable_element" in FEATURE_TYPES
    assert len(CHECK_METHODS) == 13
    assert {m for m, spec in CHECK_METHODS.items() if not spec.needs_tolerance} == {
        "visual",
        "mrz_check_digits",
        "viz_matches_mrz",
    }
    assert {m for m, spec in CHECK_METHODS.items() if spec.unit_interval} == {
        "pattern_match",
        "fine_detail",
        "ir_visible",
        "ir_invisible",
    }
    assert CHECK_METHODS["colour_match"].tolerance == "maximum"
    assert CHECK_METHODS["fluorescence"].tolerance == "minimum"
    assert list(KINDS) == ["passport", "identity_card", "visa", "residence_permit"]
    assert list(LAYOUTS) == ["TD1", "TD2", "TD3", "MRVA", "MRVB"]
    assert list(SIDES) == ["data_page", "front", "back"]
    assert len(MRZ_FIELDS) == 10 and "personal_number" in MRZ_FIELDS
    assert set(KNOWN_ZONES) == {"portrait", "mrz", "signature", "ghost_image", "chip"}


def test_every_term_is_described_in_english_and_russian() -> None:
    for vocabulary in (LIGHTS, FEATURE_TYPES, CHECK_METHODS, KINDS, LAYOUTS, SIDES, MRZ_FIELDS):
        for key, term in vocabulary.items():
            assert term.id == key
            assert term.en.strip() and term.ru.strip()
            assert any("а" <= c <= "я" for c in term.ru.lower()), term.ru  # really Russian


def test_vocabularies_are_read_only() -> None:
    with pytest.raises(TypeError):
        LIGHTS["uv400"] = LIGHTS["uv365"]  # type: ignore[index]
