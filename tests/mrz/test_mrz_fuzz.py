"""Property tests: the parser never raises and its output always keeps its promises."""

from __future__ import annotations

import datetime
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mrz_samples import SPECIMENS, TD1_LONG, TD2_LONG, TODAY, td1, td3

from docexam.mrz.checkdigit import compute_check_digit
from docexam.mrz.countries import STATES
from docexam.mrz.issues import ERROR_CODES, WARNING_CODES
from docexam.mrz.layouts import LAYOUTS, check_specs
from docexam.mrz.parse import ISSUE_CODES, MrzParse, parse_mrz, parse_mrz_text

MRZ_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
NEAR_CHARS = MRZ_CHARS + "abcz ñÑ\t-.,"
FORMATS = (None, "TD1", "TD2", "TD3", "MRVA", "MRVB")
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_well_formed(r: MrzParse) -> None:
    assert isinstance(r, MrzParse)
    assert r.format in FORMATS
    json.dumps(r.to_dict())  # serialisable
    assert r.valid == (not r.errors)
    assert {i.code for i in r.errors} <= ERROR_CODES
    assert {i.code for i in r.warnings} <= WARNING_CODES
    assert all(i.message for i in r.errors + r.warnings)
    names = [n for n, _ in r.checks]
    if r.checks:
        assert names == [s.name for s in check_specs(r.format)]
    if r.valid:
        assert all(ok for _, ok in r.checks)
        assert r.checks  # a valid MRZ has been fully checked
    for iso in (r.fields.birth_date, r.fields.expiry_date):
        if iso is not None:
            datetime.date.fromisoformat(iso)


@FUZZ
@given(st.lists(st.text(), max_size=6), st.dates())
def test_arbitrary_lines_never_raise(lines: list[str], today: datetime.date) -> None:
    assert_well_formed(parse_mrz(lines, today=today))


@FUZZ
@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    assert_well_formed(parse_mrz_text(text, today=TODAY))


@st.composite
def shaped_lines(draw: st.DrawFn, alphabet: str) -> list[str]:
    layout = draw(st.sampled_from(sorted(LAYOUTS.values(), key=lambda x: x.name)))
    n = layout.line_length
    lines = draw(
        st.lists(
            st.text(alphabet=alphabet, min_size=n, max_size=n),
            min_size=layout.line_count,
            max_size=layout.line_count,
        )
    )
    lead = draw(st.sampled_from(["", "P<", "I<", "ID", "V<", "AC"]))
    lines[0] = (lead + lines[0])[:n]
    if layout.name == "TD1" and draw(st.booleans()):
        lines[0] = lines[0][:14] + "<" + lines[0][15:]  # exercise the long-number path
    if layout.name in ("TD2", "MRVB") and draw(st.booleans()):
        lines[1] = lines[1][:9] + "<" + lines[1][10:]
    return lines


@FUZZ
@given(shaped_lines(MRZ_CHARS), st.dates())
def test_mrz_alphabet_with_right_shape_is_fully_checked(
    lines: list[str], today: datetime.date
) -> None:
    r = parse_mrz(lines, today=today)
    assert_well_formed(r)
    assert r.format is not None
    assert [n for n, _ in r.checks] == [s.name for s in check_specs(r.format)]


@FUZZ
@given(shaped_lines(NEAR_CHARS))
def test_near_mrz_text_never_raises(lines: list[str]) -> None:
    assert_well_formed(parse_mrz(lines, today=TODAY))
    assert_well_formed(parse_mrz_text("\n".join(lines), today=TODAY))


@FUZZ
@given(
    st.sampled_from([*SPECIMENS.values(), TD1_LONG, TD2_LONG]),
    st.lists(st.tuples(st.integers(0, 2), st.integers(0, 43), st.sampled_from(MRZ_CHARS))),
)
def test_mutated_specimens(base: tuple[str, ...], edits: list[tuple[int, int, str]]) -> None:
    lines = list(base)
    for li, pos, ch in edits:
        li %= len(lines)
        pos %= len(lines[li])
        lines[li] = lines[li][:pos] + ch + lines[li][pos + 1 :]
    r = parse_mrz(lines, today=TODAY)
    assert_well_formed(r)
    if tuple(lines) == base:
        assert r.valid


def _yymmdd(d: datetime.date) -> str:
    return d.strftime("%y%m%d")


names = st.from_regex(
    r"[A-Z]{1,12}(<[A-Z]{1,8}){0,2}(<<[A-Z]{1,10}(<[A-Z]{1,8}){0,2})?", fullmatch=True
)
numbers = st.from_regex(r"[A-Z0-9]{1,9}", fullmatch=True)
states = st.sampled_from(sorted(STATES)).map(lambda c: c.ljust(3, "<"))


@FUZZ
@given(
    st.sampled_from(["TD1", "TD3"]),
    names,
    numbers,
    states,
    states,
    st.dates(TODAY - datetime.timedelta(days=36000), TODAY),
    st.dates(TODAY - datetime.timedelta(days=18000), TODAY + datetime.timedelta(days=18000)),
    st.sampled_from("MFX<"),
)
def test_generated_valid_documents_round_trip(
    fmt, name, number, state, nationality, birth, expiry, sex
) -> None:
    build = td1 if fmt == "TD1" else td3
    lines = build(
        name=name,
        number=number,
        state=state,
        nationality=nationality,
        birth=_yymmdd(birth),
        expiry=_yymmdd(expiry),
        sex=sex,
    )
    r = parse_mrz(lines, today=TODAY)
    assert r.valid, r.errors
    assert r.fields.birth_date == birth.isoformat()
    assert r.fields.expiry_date == expiry.isoformat()
    assert r.fields.document_number == number
    assert r.fields.nationality == nationality.rstrip("<")
    field = lines[2] if fmt == "TD1" else lines[0][5:]
    primary = field.partition("<<")[0]
    assert r.fields.surname == " ".join(p for p in primary.split("<") if p)
    # Any single change of a check digit is caught.
    line, pos = check_specs(fmt)[0].digit
    wrong = str((int(lines[line][pos]) + 1) % 10)
    broken = list(lines)
    broken[line] = broken[line][:pos] + wrong + broken[line][pos + 1 :]
    assert not parse_mrz(broken, today=TODAY).valid
    assert compute_check_digit(number.ljust(9, "<")) == lines[line][pos]


def test_issue_code_sets() -> None:
    assert ISSUE_CODES == ERROR_CODES | WARNING_CODES
    assert not ERROR_CODES & WARNING_CODES
    assert all(c.isupper() and " " not in c for c in ISSUE_CODES)
