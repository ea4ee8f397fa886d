"""The five layouts end to end: valid specimens, one failing check at a time, long numbers."""

from __future__ import annotations

import json

import pytest
from mrz_samples import (
    SPECIMENS,
    TD1_LONG,
    TD1_PART11,
    TD2_LONG,
    TD2_PART11,
    TD3_SPECIMEN,
    TODAY,
    put,
    refresh_digits,
)

from docexam.mrz.checkdigit import compute_check_digit
from docexam.mrz.layouts import check_specs
from docexam.mrz.parse import MrzParse, parse_mrz

CHECK_ERRORS = {
    "document_number": "CHECK_DIGIT_DOCUMENT_NUMBER",
    "birth_date": "CHECK_DIGIT_BIRTH_DATE",
    "expiry_date": "CHECK_DIGIT_EXPIRY_DATE",
    "optional_data": "CHECK_DIGIT_OPTIONAL_DATA",
    "composite": "CHECK_DIGIT_COMPOSITE",
}


def codes(issues: tuple) -> list[str]:
    return [i.code for i in issues]


def test_td3_specimen_fields_and_json() -> None:
    r = parse_mrz(TD3_SPECIMEN, today=TODAY)
    assert isinstance(r, MrzParse)
    assert r.format == "TD3"
    assert r.valid is True
    assert r.errors == ()
    assert r.checks == (
        ("document_number", True),
        ("birth_date", True),
        ("expiry_date", True),
        ("optional_data", True),
        ("composite", True),
    )
    assert r.fields.to_dict() == {
        "document_code": "P",
        "issuing_state": "UTO",
        "surname": "ERIKSSON",
        "given_names": "ANNA MARIA",
        "document_number": "L898902C3",
        "nationality": "UTO",
        "birth_date": "1974-08-12",
        "expiry_date": "2012-04-15",
        "sex": "F",
        "optional_data": "ZE184226B",
        "optional_data_2": None,
    }
    # Expired (2012) and a specimen state: warnings only.
    assert codes(r.warnings) == ["SPECIMEN_STATE", "DOCUMENT_EXPIRED"]
    d = json.loads(json.dumps(r.to_dict()))
    assert d["format"] == "TD3"
    assert d["lines"] == list(TD3_SPECIMEN)
    assert d["checks"] == r.checks_dict()
    assert d["errors"] == []
    assert d["warnings"][1] == {
        "code": "DOCUMENT_EXPIRED",
        "message": "The document expired on 2012-04-15.",
    }


def test_td1_specimen() -> None:
    r = parse_mrz(SPECIMENS["TD1"], today=TODAY)
    assert (r.format, r.valid) == ("TD1", True)
    assert [name for name, _ in r.checks] == [
        "document_number",
        "birth_date",
        "expiry_date",
        "composite",
    ]
    f = r.fields
    assert (f.document_code, f.document_number, f.surname, f.given_names) == (
        "I",
        "D23145890",
        "ERIKSSON",
        "ANNA MARIA",
    )
    assert (f.optional_data, f.optional_data_2) == (None, None)


def test_td2_specimen() -> None:
    r = parse_mrz(SPECIMENS["TD2"], today=TODAY)
    assert (r.format, r.valid) == ("TD2", True)
    assert r.fields.document_number == "D23145890"
    assert r.fields.birth_date == "1974-08-12"


@pytest.mark.parametrize("fmt", ["MRVA", "MRVB"])
def test_visa_specimens(fmt: str) -> None:
    r = parse_mrz(SPECIMENS[fmt], today=TODAY)
    assert (r.format, r.valid, r.errors) == (fmt, True, ())
    assert r.checks_dict() == {"document_number": True, "birth_date": True, "expiry_date": True}
    assert r.fields.nationality == "XXX"
    assert r.fields.document_number == "L8988901C"
    assert r.fields.birth_date == "1940-09-07"
    assert r.fields.expiry_date == "1996-12-10"
    expected_optional = "6ZE184226B" if fmt == "MRVA" else None
    assert r.fields.optional_data == expected_optional


def test_part11_td1_and_td2_with_corrected_composite_are_valid() -> None:
    for lines in (TD1_PART11, TD2_PART11):
        r = parse_mrz(lines, today=TODAY)
        assert r.valid, r.errors
        assert r.fields.document_number == "L898902C"
        assert r.fields.expiry_date == "1994-06-23"


@pytest.mark.parametrize(
    ("lines", "printed"),
    [
        (put(TD1_PART11, 1, 29, "1"), "1"),
        (put(TD2_PART11, 1, 35, "8"), "8"),
    ],
)
def test_part11_erratum_as_printed_is_invalid(lines: tuple[str, ...], printed: str) -> None:
    r = parse_mrz(lines, today=TODAY)
    assert r.valid is False
    assert r.checks_dict() == {
        "document_number": True,
        "birth_date": True,
        "expiry_date": True,
        "composite": False,
    }
    assert codes(r.errors) == ["CHECK_DIGIT_COMPOSITE"]
    assert f"is '{printed}', expected 2" in r.errors[0].message


def _flip_digit(ch: str) -> str:
    return "0123456789"[("0123456789".index(ch) + 5) % 10]


@pytest.mark.parametrize(
    ("fmt", "check"),
    [(fmt, spec.name) for fmt in sorted(SPECIMENS) for spec in check_specs(fmt)],
)
def test_each_check_fails_alone(fmt: str, check: str) -> None:
    """Change one check digit (then re-seal the composite so it stays right): only that check
    fails, with its own error code and the digit's position in the message."""
    lines = SPECIMENS[fmt]
    spec = next(s for s in check_specs(fmt) if s.name == check)
    line, pos = spec.digit
    broken = put(lines, line, pos, _flip_digit(lines[line][pos]))
    if check != "composite" and fmt in ("TD1", "TD2", "TD3"):
        # The composite covers every other check digit, so a single change breaks it too.
        both = parse_mrz(broken, today=TODAY)
        assert {n for n, ok in both.checks if not ok} == {check, "composite"}
        broken = refresh_digits(fmt, broken, only="composite")
    r = parse_mrz(broken, today=TODAY)
    assert r.valid is False
    assert [n for n, ok in r.checks if not ok] == [check]
    assert codes(r.errors) == [CHECK_ERRORS[check]]
    assert f"line {line + 1}, position {pos + 1}" in r.errors[0].message


def test_data_change_detected_by_field_and_composite() -> None:
    # Birth date 740812 -> 740813: still a real date, so only the check digits object.
    lines = put(TD3_SPECIMEN, 1, 18, "3")
    r = parse_mrz(lines, today=TODAY)
    assert {n for n, ok in r.checks if not ok} == {"birth_date", "composite"}
    assert codes(r.errors) == ["CHECK_DIGIT_BIRTH_DATE", "CHECK_DIGIT_COMPOSITE"]
    assert r.fields.birth_date == "1974-08-13"


@pytest.mark.parametrize("lines", [TD1_LONG, TD2_LONG], ids=["TD1", "TD2"])
def test_long_document_numbers(lines: tuple[str, ...]) -> None:
    r = parse_mrz(lines, today=TODAY)
    assert r.valid, r.errors
    assert r.fields.document_number == "D23145890734"
    assert r.fields.optional_data is None  # the continuation is not optional data
    assert r.fields.surname == "STEVENSON"
    assert r.fields.given_names == "PETER JOHN"
    assert r.fields.birth_date == "1934-07-12"
    assert r.fields.expiry_date == "1995-07-12"
    assert all(ok for _, ok in r.checks)


def test_long_number_wrong_digit_and_optional_data_after_it() -> None:
    # Optional data after the continuation is reported; a wrong long-number digit fails.
    lines = put(TD1_LONG, 0, 20, "ABC")
    lines = refresh_digits("TD1", lines, only="composite")
    r = parse_mrz(lines, today=TODAY)
    assert r.valid
    assert r.fields.optional_data == "ABC"
    bad = refresh_digits("TD1", put(lines, 0, 18, "8"), only="composite")
    r = parse_mrz(bad, today=TODAY)
    assert codes(r.errors) == ["CHECK_DIGIT_DOCUMENT_NUMBER"]
    assert "line 1, position 19" in r.errors[0].message


def test_short_number_with_filler_is_not_long() -> None:
    # 'L898902C<3': an 8-character number and its digit, not the long-number rule.
    r = parse_mrz(TD2_PART11, today=TODAY)
    assert r.fields.document_number == "L898902C"


@pytest.mark.parametrize(
    "line1",
    [
        "I<UTOD23145890<<<<<<<<<<<<<<<<",  # no continuation at all
        "I<UTOD23145890<7<<<<<<<<<<<<<<",  # a digit but no rest of the number
        "I<UTOD23145890<734912345678901",  # no filler ends the continuation
        "I<UTOD2314589<<7349<<<<<<<<<<<",  # nine positions not all used
    ],
)
def test_malformed_long_number(line1: str) -> None:
    lines = refresh_digits("TD1", (line1, *TD1_LONG[1:]), only="composite")
    r = parse_mrz(lines, today=TODAY)
    assert r.valid is False
    assert r.checks_dict()["document_number"] is False
    assert r.checks_dict()["composite"] is True
    assert codes(r.errors) == ["LONG_DOCUMENT_NUMBER_MALFORMED"]


def _belgian_style_td1() -> tuple[tuple[str, ...], str, str]:
    first, rest = "000590448", "403"  # strict 1, filler-included 3
    strict = compute_check_digit(first + rest)
    deviant = compute_check_digit(first + "<" + rest)
    assert strict != deviant
    line1 = ("IDBEL" + first + "<" + rest + deviant + "<").ljust(30, "<")
    lines = (line1, "7408122F3004159BEL<<<<<<<<<<<0", "PEETERS<<JAN<<<<<<<<<<<<<<<<<<")
    return refresh_digits("TD1", lines, only="composite"), strict, deviant


def test_belgian_long_number_deviation_is_named_but_invalid() -> None:
    lines, strict, deviant = _belgian_style_td1()
    lines = refresh_digits("TD1", lines, only="birth_date")
    lines = refresh_digits("TD1", lines, only="expiry_date")
    lines = refresh_digits("TD1", lines, only="composite")
    r = parse_mrz(lines, today=TODAY)
    assert r.valid is False
    assert r.fields.document_number == "000590448403"
    assert codes(r.errors) == ["CHECK_DIGIT_DOCUMENT_NUMBER"]
    assert f"is '{deviant}', expected {strict}" in r.errors[0].message
    assert codes(r.warnings) == ["LONG_NUMBER_CHECK_DIGIT_INCLUDES_FILLER"]
    # A digit matching neither computation gets no deviation warning.
    other = next(d for d in "0123456789" if d not in (strict, deviant))
    wrong = refresh_digits("TD1", put(lines, 0, 18, other), only="composite")
    r = parse_mrz(wrong, today=TODAY)
    assert codes(r.errors) == ["CHECK_DIGIT_DOCUMENT_NUMBER"]
    assert r.warnings == ()
    # And the strict digit is simply valid.
    right = refresh_digits("TD1", put(lines, 0, 18, strict), only="composite")
    assert parse_mrz(right, today=TODAY).valid
