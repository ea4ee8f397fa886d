"""Field rules: state codes, dates and centuries, sex, names, document codes, optional data."""

from __future__ import annotations

import datetime

import pytest
from mrz_samples import TODAY, put, refresh_digits, td1, td3

from docexam.mrz.countries import STATES, state_name
from docexam.mrz.parse import parse_mrz


def codes(issues: tuple) -> list[str]:
    return [i.code for i in issues]


# --- issuing state and nationality ---------------------------------------------------------

SPECIAL_CODES = [
    "D<<",
    "UNO",
    "UNA",
    "UNK",
    "XXA",
    "XXB",
    "XXC",
    "XXX",
    "EUE",
    "GBD",
    "GBN",
    "GBO",
    "GBP",
    "GBS",
    "RKS",
    "XBA",
    "XIM",
    "XCC",
    "XCE",
    "XCO",
    "XEC",
    "XPO",
    "XES",
    "XOM",
    "XDC",
    "ANT",
    "NTZ",
]


@pytest.mark.parametrize("code", SPECIAL_CODES)
def test_special_state_codes_are_valid(code: str) -> None:
    r = parse_mrz(td3(state=code, nationality=code), today=TODAY)
    assert r.valid, r.errors
    assert r.fields.issuing_state == r.fields.nationality == code.rstrip("<")
    assert r.warnings == ()  # not a specimen, not expired
    assert state_name(code)


def test_germany_is_d_and_utopia_is_a_specimen() -> None:
    assert state_name("D<<") == "Germany"
    r = parse_mrz(td3(state="UTO", nationality="D<<"), today=TODAY)
    assert r.valid
    assert r.fields.nationality == "D"
    assert codes(r.warnings) == ["SPECIMEN_STATE"]
    assert "issuing state is UTO" in r.warnings[0].message


def test_state_table_covers_iso_and_icao() -> None:
    assert len(STATES) == 248 + 28  # ISO 3166-1 without DEU, plus ICAO's own codes and UTO
    assert all(len(code) in (1, 3) and code.isalpha() and code.isupper() for code in STATES)
    assert all(name.strip() for name in STATES.values())
    for code in ("FRA", "USA", "CHN", "TWN", "MAC", "HKG", "PSE", "SSD", "CUW", "UTO"):
        assert code in STATES


@pytest.mark.parametrize(
    ("field", "hint"),
    [
        ("ZZZ", "is not an ICAO 9303 code."),
        ("DEU", "writes Germany as 'D<<'"),
        ("<<<", "is empty"),
        ("<D<", "is not an ICAO 9303 code"),
        ("D<D", "is not an ICAO 9303 code"),
        ("SI<", "is not an ICAO 9303 code"),
        ("132", "is not an ICAO 9303 code"),
    ],
)
def test_unknown_state_codes(field: str, hint: str) -> None:
    r = parse_mrz(td3(state=field), today=TODAY)
    assert r.valid is False
    assert codes(r.errors) == ["UNKNOWN_STATE"]
    msg = r.errors[0].message
    assert msg.startswith(f"Issuing state {field!r} (line 1, positions 3-5)")
    assert hint in msg
    r = parse_mrz(td3(nationality=field), today=TODAY)
    assert codes(r.errors) == ["UNKNOWN_STATE"]
    assert "Nationality" in r.errors[0].message
    assert "line 2, positions 11-13" in r.errors[0].message


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("741312", "has month 13"),
        ("740230", "has no day 30 in month 02"),
        ("740000", "has month 00"),
        ("740100", "has day 00"),
        ("740431", "has no day 31 in month 04"),
        ("230229", "has no day 29 in month 02"),  # 2023 is not a leap year
        ("74O812", "contains characters other than digits"),
        ("7408<2", "contains characters other than digits"),
    ],
)
def test_impossible_birth_dates(raw: str, problem: str) -> None:
    r = parse_mrz(td3(birth=raw), today=TODAY)
    assert r.valid is False
    assert codes(r.errors) == ["INVALID_DATE"]  # check digits were computed over the raw text
    assert r.fields.birth_date is None
    assert "birth date" in r.errors[0].message
    assert problem in r.errors[0].message
    assert "line 2, positions 14-19" in r.errors[0].message


def test_impossible_expiry_date() -> None:
    r = parse_mrz(td3(expiry="301301"), today=TODAY)
    assert codes(r.errors) == ["INVALID_DATE"]
    assert "expiry date" in r.errors[0].message
    assert r.fields.expiry_date is None
    assert r.fields.birth_date == "1974-08-12"


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("240531", "2024-05-31"),
        ("240601", "2024-06-01"),  # born today
        ("240602", "1924-06-02"),  # tomorrow cannot be a birth date
        ("240229", "2024-02-29"),
        ("000229", "2000-02-29"),
        ("991231", "1999-12-31"),
        ("250101", "1925-01-01"),
    ],
)
def test_birth_date_century(raw: str, iso: str) -> None:
    r = parse_mrz(td3(birth=raw), today=TODAY)
    assert r.fields.birth_date == iso
    assert "INVALID_DATE" not in codes(r.errors)


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("740531", "2074-05-31"),  # last day inside today + 50 years
        ("740601", "1974-06-01"),  # first day of the window, 50 years back
        ("120415", "2012-04-15"),
        ("300101", "2030-01-01"),
        ("991231", "1999-12-31"),
        ("000229", "2000-02-29"),
    ],
)
def test_expiry_date_century(raw: str, iso: str) -> None:
    r = parse_mrz(td3(expiry=raw), today=TODAY)
    assert r.fields.expiry_date == iso


def test_century_decides_leap_day() -> None:
    # In 2080 the window is [2030, 2130): 000229 would be 2100-02-29, which does not exist.
    r = parse_mrz(td3(expiry="000229"), today=datetime.date(2080, 1, 1))
    assert codes(r.errors) == ["INVALID_DATE"]
    assert r.fields.expiry_date is None


def test_expiry_warning_and_not_expired() -> None:
    r = parse_mrz(td3(expiry="240531"), today=TODAY)
    assert r.valid
    assert codes(r.warnings) == ["SPECIMEN_STATE", "DOCUMENT_EXPIRED"]
    assert "2024-05-31" in r.warnings[1].message
    r = parse_mrz(td3(expiry="240601"), today=TODAY)  # valid through its last day
    assert codes(r.warnings) == ["SPECIMEN_STATE"]


def test_today_changes_the_verdict_only_by_warnings() -> None:
    lines = td3(state="FRA", nationality="FRA", expiry="120415")
    old = parse_mrz(lines, today=datetime.date(2011, 1, 1))
    new = parse_mrz(lines, today=datetime.date(2013, 1, 1))
    assert old.valid and new.valid
    assert old.warnings == ()
    assert codes(new.warnings) == ["DOCUMENT_EXPIRED"]
    # A datetime is accepted as today (it must not break date comparisons).
    assert parse_mrz(lines, today=datetime.datetime(2013, 1, 1, 12, 0)).valid


def test_expiry_before_birth_warning() -> None:
    r = parse_mrz(td3(birth="200101", expiry="900101", state="FRA", nationality="FRA"), today=TODAY)
    assert r.valid
    assert r.fields.birth_date == "2020-01-01"
    assert r.fields.expiry_date == "1990-01-01"
    assert codes(r.warnings) == ["DOCUMENT_EXPIRED", "EXPIRY_BEFORE_BIRTH"]


# --- sex -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "value"), [("M", "M"), ("F", "F"), ("X", "X"), ("<", None)])
def test_valid_sex_codes(raw: str, value: str | None) -> None:
    r = parse_mrz(td3(sex=raw), today=TODAY)
    assert r.valid, r.errors
    assert r.fields.sex == value


@pytest.mark.parametrize("raw", ["A", "0", "U", "W"])
def test_invalid_sex_codes(raw: str) -> None:
    r = parse_mrz(td3(sex=raw), today=TODAY)
    assert r.valid is False
    assert codes(r.errors) == ["INVALID_SEX"]  # sex is outside every check digit
    assert "line 2, position 21" in r.errors[0].message
    assert r.fields.sex is None
    r = parse_mrz(td1(sex=raw), today=TODAY)
    assert codes(r.errors) == ["INVALID_SEX"]
    assert "line 2, position 8" in r.errors[0].message


# --- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "surname", "given"),
    [
        ("ERIKSSON<<ANNA<MARIA", "ERIKSSON", "ANNA MARIA"),
        ("KOWALSKA<KWIATKOWSKA<<JOANNA", "KOWALSKA KWIATKOWSKA", "JOANNA"),
        ("MADONNA", "MADONNA", None),
        ("VAN<DER<BERG<<JAN<<PIET", "VAN DER BERG", "JAN PIET"),
    ],
)
def test_name_split(name: str, surname: str, given: str | None) -> None:
    r = parse_mrz(td3(name=name), today=TODAY)
    assert r.valid, r.errors
    assert (r.fields.surname, r.fields.given_names) == (surname, given)
    assert "NAME_TRUNCATED" not in codes(r.warnings)


def test_truncated_names_td3_and_td1() -> None:
    full = "SUPERCALIFRAGILISTIC<<EXPIALIDOCIOUSABCDE"  # longer than the 39 positions
    r = parse_mrz(td3(name=full), today=TODAY)
    assert r.valid
    assert "NAME_TRUNCATED" in codes(r.warnings)
    assert r.fields.given_names == "EXPIALIDOCIOUSABC"
    r = parse_mrz(td1(name="ABCDEFGHIJKLMNOPQRSTU<<VWXYZABC"), today=TODAY)
    assert "NAME_TRUNCATED" in codes(r.warnings)
    # Exactly filling the field but for one trailing filler is not truncation.
    r = parse_mrz(td1(name="ABCDEFGHIJKLMNOPQRSTU<<VWXYZA<"), today=TODAY)
    assert "NAME_TRUNCATED" not in codes(r.warnings)


def test_missing_and_invalid_names() -> None:
    r = parse_mrz(td3(name="<<ANNA"), today=TODAY)
    assert codes(r.errors) == ["MISSING_NAME"]
    assert r.fields.surname is None
    assert r.fields.given_names == "ANNA"
    r = parse_mrz(td3(name=""), today=TODAY)
    assert codes(r.errors) == ["MISSING_NAME"]
    r = parse_mrz(td3(name="ERIK5SON<<ANNA"), today=TODAY)
    assert codes(r.errors) == ["INVALID_NAME"]
    assert "line 1, positions 6-44" in r.errors[0].message


# --- document code and number --------------------------------------------------------------


@pytest.mark.parametrize(
    ("builder", "code", "ok"),
    [
        (td3, "P<", True),
        (td3, "PD", True),
        (td3, "I<", False),
        (td3, "A<", False),
        (td3, "P1", False),
        (td1, "I<", True),
        (td1, "ID", True),
        (td1, "AC", True),
        (td1, "C<", True),
        (td1, "P<", False),
        (td1, "C1", False),
        (td1, "<<", False),
    ],
)
def test_document_codes(builder, code: str, ok: bool) -> None:
    r = parse_mrz(builder(code=code), today=TODAY)
    assert r.valid is ok
    assert codes(r.errors) == ([] if ok else ["INVALID_DOCUMENT_CODE"])
    assert r.fields.document_code == (code.rstrip("<") or None)


def test_missing_document_number() -> None:
    r = parse_mrz(td3(number="<<<<<<<<<"), today=TODAY)
    assert codes(r.errors) == ["MISSING_DOCUMENT_NUMBER"]
    assert r.checks_dict()["document_number"] is True  # fillers have digit 0
    assert r.fields.document_number is None


# --- optional data -------------------------------------------------------------------------


@pytest.mark.parametrize("digit", ["<", "0"])
def test_empty_personal_number_digit_may_be_filler_or_zero(digit: str) -> None:
    lines = td3(personal="")
    lines = refresh_digits("TD3", put(lines, 1, 42, digit), only="composite")
    r = parse_mrz(lines, today=TODAY)
    assert r.valid, r.errors
    assert r.checks_dict()["optional_data"] is True
    assert r.fields.optional_data is None


def test_personal_number_digit_filler_is_wrong_when_data_present() -> None:
    lines = refresh_digits("TD3", put(td3(), 1, 42, "<"), only="composite")
    r = parse_mrz(lines, today=TODAY)
    assert codes(r.errors) == ["CHECK_DIGIT_OPTIONAL_DATA"]
    lines = refresh_digits("TD3", put(td3(personal=""), 1, 42, "7"), only="composite")
    assert codes(parse_mrz(lines, today=TODAY).errors) == ["CHECK_DIGIT_OPTIONAL_DATA"]


def test_optional_data_keeps_inner_fillers() -> None:
    r = parse_mrz(td1(optional="AB<12", optional_2="<<X<Y"), today=TODAY)
    assert r.valid
    assert (r.fields.optional_data, r.fields.optional_data_2) == ("AB<12", "X<Y")
    assert parse_mrz(td3(personal="111111<11648"), today=TODAY).fields.optional_data == (
        "111111<11648"
    )
