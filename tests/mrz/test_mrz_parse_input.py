"""Damaged and pasted input: line count and length, characters, text normalisation."""

from __future__ import annotations

import pytest
from mrz_samples import TD1_SPECIMEN, TD3_SPECIMEN, TODAY, put

from docexam.mrz.parse import parse_mrz, parse_mrz_text


def codes(issues: tuple) -> list[str]:
    return [i.code for i in issues]


@pytest.mark.parametrize("lines", [[], ()])
def test_empty_sequence(lines) -> None:
    r = parse_mrz(lines, today=TODAY)
    assert (r.format, r.valid, r.checks) == (None, False, ())
    assert codes(r.errors) == ["EMPTY_INPUT"]
    assert r.fields.to_dict() == dict.fromkeys(r.fields.to_dict())


@pytest.mark.parametrize("text", ["", "   ", "\n\n", " \r\n\t\r\n "])
def test_empty_text(text: str) -> None:
    r = parse_mrz_text(text, today=TODAY)
    assert codes(r.errors) == ["EMPTY_INPUT"]
    assert r.lines == ()


@pytest.mark.parametrize("n", [1, 4, 5])
def test_wrong_line_count(n: int) -> None:
    lines = (list(TD3_SPECIMEN) * 3)[:n]
    r = parse_mrz(lines, today=TODAY)
    assert (r.format, r.valid, r.checks) == (None, False, ())
    assert codes(r.errors) == ["WRONG_LINE_COUNT"]
    assert f"Got {n} lines" in r.errors[0].message


def test_joined_lines_get_a_hint() -> None:
    r = parse_mrz(["".join(TD3_SPECIMEN)], today=TODAY)
    assert codes(r.errors) == ["WRONG_LINE_COUNT"]
    assert "joined" in r.errors[0].message


def test_bare_string_is_one_line_not_characters() -> None:
    r = parse_mrz(TD3_SPECIMEN[0], today=TODAY)  # type: ignore[arg-type]
    assert codes(r.errors) == ["WRONG_LINE_COUNT"]
    assert r.lines == (TD3_SPECIMEN[0],)


def test_wrong_line_length_gives_best_guess() -> None:
    r = parse_mrz([TD3_SPECIMEN[0], TD3_SPECIMEN[1][:-1]], today=TODAY)
    assert r.format == "TD3"
    assert r.valid is False
    assert r.checks == ()
    assert codes(r.errors) == ["WRONG_LINE_LENGTH"]
    assert r.errors[0].message == "Line 2 has 43 characters; TD3 lines have 44."
    r = parse_mrz(["V" + "<" * 45, "<" * 44], today=TODAY)
    assert r.format == "MRVA"
    r = parse_mrz([TD1_SPECIMEN[0] + "<", TD1_SPECIMEN[1], TD1_SPECIMEN[2][:-2]], today=TODAY)
    assert r.format == "TD1"
    assert codes(r.errors) == ["WRONG_LINE_LENGTH", "WRONG_LINE_LENGTH"]


@pytest.mark.parametrize(
    "lines",
    [
        ["<" * 40, "<" * 40],  # halfway between 36 and 44
        ["<" * 44, "<" * 36],
        ["<" * 10, "<" * 10],
        ["<" * 44] * 3,
        ["", ""],
    ],
)
def test_unknown_format(lines: list[str]) -> None:
    r = parse_mrz(lines, today=TODAY)
    assert (r.format, r.valid) == (None, False)
    assert codes(r.errors) == ["UNKNOWN_FORMAT"]


def test_invalid_characters_are_named_with_position() -> None:
    lines = put(TD3_SPECIMEN, 0, 13, "  ")
    r = parse_mrz(lines, today=TODAY)
    assert r.format == "TD3"
    assert r.valid is False
    assert codes(r.errors) == ["INVALID_CHARACTER", "INVALID_CHARACTER"]
    assert r.errors[0].message.startswith("Line 1, position 14 holds a space")
    assert r.errors[1].message.startswith("Line 1, position 15 holds a space")
    assert r.fields.surname == "ERIKSSON  ANNA MARIA"  # reported as read, spaces kept
    assert all(ok for _, ok in r.checks)  # the name is under no check digit


def test_lowercase_is_invalid_in_parse_mrz() -> None:
    r = parse_mrz([TD3_SPECIMEN[0].lower(), TD3_SPECIMEN[1]], today=TODAY)
    assert r.valid is False
    assert set(codes(r.errors)) >= {"INVALID_CHARACTER"}
    assert "lowercase" in r.errors[0].message


def test_non_ascii_character() -> None:
    lines = put(TD1_SPECIMEN, 2, 4, "Ñ")
    r = parse_mrz(lines, today=TODAY)
    assert r.format == "TD1"
    assert codes(r.errors) == ["INVALID_CHARACTER"]
    assert "Line 3, position 5" in r.errors[0].message
    assert "U+00D1" in r.errors[0].message


def test_invalid_character_in_a_checked_field() -> None:
    lines = put(TD3_SPECIMEN, 1, 2, "é")
    r = parse_mrz(lines, today=TODAY)
    assert codes(r.errors) == [
        "INVALID_CHARACTER",
        "CHECK_DIGIT_DOCUMENT_NUMBER",
        "CHECK_DIGIT_COMPOSITE",
    ]
    assert "no digit can be expected" in r.errors[1].message


def test_invalid_character_issues_are_capped() -> None:
    r = parse_mrz(["!" * 44, "!" * 44], today=TODAY)
    chars = [i for i in r.errors if i.code == "INVALID_CHARACTER"]
    assert len(chars) == 21
    assert chars[-1].message.startswith("68 further characters")


def test_text_with_crlf_whitespace_and_blank_lines() -> None:
    text = "\r\n  \r\n  " + TD3_SPECIMEN[0] + "  \r\n\r\n\t" + TD3_SPECIMEN[1] + "\r\n\n"
    r = parse_mrz_text(text, today=TODAY)
    assert r.valid
    assert r.lines == TD3_SPECIMEN
    assert codes(r.warnings) == ["SPECIMEN_STATE", "DOCUMENT_EXPIRED"]
    assert parse_mrz_text("\r".join(TD3_SPECIMEN), today=TODAY).valid


def test_text_lowercase_is_normalised_with_warning() -> None:
    text = TD3_SPECIMEN[0].lower() + "\n" + TD3_SPECIMEN[1]
    r = parse_mrz_text(text, today=TODAY)
    assert r.valid
    assert r.lines == TD3_SPECIMEN
    assert codes(r.warnings)[0] == "LOWERCASE_NORMALISED"
    assert "line 1 " in r.warnings[0].message
    r = parse_mrz_text("\n".join(s.lower() for s in TD1_SPECIMEN), today=TODAY)
    assert r.valid
    assert "lines 1, 2, 3" in r.warnings[0].message


def test_text_non_ascii_lowercase_is_not_changed() -> None:
    # 'ß'.upper() is 'SS': changing it would shift every later position.
    line = TD1_SPECIMEN[2][:4] + "ß" + TD1_SPECIMEN[2][5:]
    r = parse_mrz_text("\n".join([*TD1_SPECIMEN[:2], line]), today=TODAY)
    assert r.lines[2] == line
    assert codes(r.errors) == ["INVALID_CHARACTER"]
    assert r.warnings and codes(r.warnings)[0] != "LOWERCASE_NORMALISED"


def test_text_spaces_inside_a_line_are_reported_not_removed() -> None:
    spaced = TD3_SPECIMEN[1][:9] + " " + TD3_SPECIMEN[1][9:]
    r = parse_mrz_text(TD3_SPECIMEN[0] + "\n" + spaced, today=TODAY)
    assert r.valid is False
    assert r.format == "TD3"
    assert r.lines[1] == spaced
    assert codes(r.errors) == ["WRONG_LINE_LENGTH", "INVALID_CHARACTER"]
    assert r.errors[1].message.startswith("Line 2, position 10 holds a space")
