"""Layout tables: format detection, OCR character classes and check-digit positions."""

from __future__ import annotations

import pytest
from mrz_samples import SPECIMENS, TD1_LONG, TD2_LONG

from docexam.mrz.checkdigit import compute_check_digit
from docexam.mrz.docnumber import check_specs_for_lines
from docexam.mrz.layouts import LAYOUTS, char_classes, check_specs, detect_format, ranges_text

_CLASS_CHARS = {
    "d": set("0123456789"),
    "D": set("0123456789<"),
    "a": set("ABCDEFGHIJKLMNOPQRSTUVWXYZ<"),
    "x": set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"),
    "s": set("MFX<"),
}


def test_layout_table() -> None:
    assert {(n, lay.line_count, lay.line_length) for n, lay in LAYOUTS.items()} == {
        ("TD1", 3, 30),
        ("TD2", 2, 36),
        ("TD3", 2, 44),
        ("MRVA", 2, 44),
        ("MRVB", 2, 36),
    }


@pytest.mark.parametrize("fmt", sorted(SPECIMENS))
def test_detect_format_on_specimens(fmt: str) -> None:
    assert detect_format(SPECIMENS[fmt]) == fmt


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["P" + "<" * 43, "<" * 44], "TD3"),
        (["V" + "<" * 43, "<" * 44], "MRVA"),
        (["I" + "<" * 35, "<" * 36], "TD2"),
        (["V" + "<" * 35, "<" * 36], "MRVB"),
        (["V" + "<" * 29, "<" * 30, "<" * 30], "TD1"),  # no 3-line visa exists
        ([], None),
        (["<" * 44], None),
        (["<" * 44, "<" * 36], None),
        (["<" * 44, "<" * 43], None),
        (["<" * 30, "<" * 30], None),
        (["<" * 30] * 4, None),
    ],
)
def test_detect_format(lines: list[str], expected: str | None) -> None:
    assert detect_format(lines) == expected


@pytest.mark.parametrize("fmt", sorted(LAYOUTS))
def test_char_classes_shape_and_specimens_fit(fmt: str) -> None:
    classes = char_classes(fmt)
    layout = LAYOUTS[fmt]
    assert len(classes) == layout.line_count
    assert all(len(row) == layout.line_length for row in classes)
    for row, line in zip(classes, SPECIMENS[fmt], strict=True):
        for cls, ch in zip(row, line, strict=True):
            assert ch in _CLASS_CHARS[cls], (fmt, row, line)


def test_char_classes_details() -> None:
    td1, td2, td3 = char_classes("TD1"), char_classes("TD2"), char_classes("TD3")
    assert td1[0][:15] == "aaaaaxxxxxxxxxD"  # position 15 is '<' for long numbers
    assert td1[1] == "dddddddsdddddddaaaxxxxxxxxxxxd"
    assert set(td1[2]) == {"a"}
    assert td2[1][9] == "D"
    assert td3[1][9] == "d"  # TD3 has no long-number rule
    assert td3[1][42] == "D"  # personal-number digit may be '<'
    assert td3[1][43] == "d"
    assert char_classes("MRVA")[1][28:] == "x" * 16
    with pytest.raises(KeyError):
        char_classes("TD4")


def test_check_specs_names_and_composites() -> None:
    names = {fmt: [s.name for s in check_specs(fmt)] for fmt in LAYOUTS}
    assert names["TD1"] == ["document_number", "birth_date", "expiry_date", "composite"]
    assert names["TD2"] == names["TD1"]
    assert names["TD3"] == [
        "document_number",
        "birth_date",
        "expiry_date",
        "optional_data",
        "composite",
    ]
    assert names["MRVA"] == names["MRVB"] == ["document_number", "birth_date", "expiry_date"]
    td1_composite = check_specs("TD1")[-1]
    assert td1_composite.ranges == ((0, 5, 30), (1, 0, 7), (1, 8, 15), (1, 18, 29))
    assert td1_composite.digit == (1, 29)
    assert check_specs("TD2")[-1].ranges == ((1, 0, 10), (1, 13, 20), (1, 21, 35))
    assert check_specs("TD3")[-1].ranges == ((1, 0, 10), (1, 13, 20), (1, 21, 43))
    assert check_specs(None) == check_specs("") == check_specs("XYZ") == ()


@pytest.mark.parametrize("fmt", sorted(SPECIMENS))
def test_check_specs_reproduce_specimen_digits(fmt: str) -> None:
    lines = SPECIMENS[fmt]
    for spec in check_specs(fmt):
        line, pos = spec.digit
        assert compute_check_digit(ranges_text(lines, spec.ranges)) == lines[line][pos], spec


@pytest.mark.parametrize(("fmt", "lines"), [("TD1", TD1_LONG), ("TD2", TD2_LONG)])
def test_check_specs_for_long_numbers(fmt: str, lines: tuple[str, ...]) -> None:
    spec = check_specs_for_lines(fmt, lines)[0]
    assert spec.name == "document_number"
    assert ranges_text(lines, spec.ranges) == "D23145890734"
    line, pos = spec.digit
    assert lines[line][pos] == "9"
    # The other checks are unchanged; short numbers keep the plain positions.
    assert check_specs_for_lines(fmt, lines)[1:] == check_specs(fmt)[1:]
    assert check_specs_for_lines(fmt, SPECIMENS[fmt]) == check_specs(fmt)
