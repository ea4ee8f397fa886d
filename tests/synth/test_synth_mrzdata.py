"""The MRZ data generator: every layout, every quirk, always valid.

The check-digit verification here is written independently of the generator, from the
positions in /work/shared/docs/icao-mrz-facts.md, using docexam.mrz.checkdigit.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from docexam.mrz.checkdigit import compute_check_digit as cd
from docexam.synth.mrzdata import LAYOUT_SHAPE, LAYOUTS, random_mrz, random_record
from docexam.synth.names import name_field, to_mrz_chars

N_PER_LAYOUT = 400


def _docnum_ok(field9: str, cd_pos: str, overflow: str) -> bool:
    """Document number check, including the >9-character rule (CD '<', rest in overflow)."""
    if cd_pos == "<" and field9[-1] != "<":
        m = re.match(r"([A-Z0-9]*?)([0-9])<", overflow)
        return bool(m) and cd(field9 + m.group(1)) == m.group(2)
    return cd(field9) == cd_pos


def check_lines(lines: tuple[str, ...], layout: str) -> list[str]:
    """Problems found in ``lines`` for ``layout`` (empty when valid)."""
    rows, width = LAYOUT_SHAPE[layout]
    errs = []
    if len(lines) != rows or any(len(x) != width for x in lines):
        return [f"shape {[len(x) for x in lines]}"]
    if any(re.fullmatch(r"[A-Z0-9<]+", x) is None for x in lines):
        errs.append("charset")
    if layout == "TD1":
        l1, l2, _ = lines
        if not _docnum_ok(l1[5:14], l1[14], l1[15:30]):
            errs.append("docnum")
        dates = l2
        if cd(dates[0:6]) != dates[6] or cd(dates[8:14]) != dates[14]:
            errs.append("dates")
        if cd(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]) != l2[29]:
            errs.append("composite")
        sex = l2[7]
    else:
        l2 = lines[1]
        if not _docnum_ok(l2[0:9], l2[9], l2[28:35]):
            errs.append("docnum")
        if cd(l2[13:19]) != l2[19] or cd(l2[21:27]) != l2[27]:
            errs.append("dates")
        sex = l2[20]
        if layout == "TD2" and cd(l2[0:10] + l2[13:20] + l2[21:35]) != l2[35]:
            errs.append("composite")
        if layout == "TD3":
            pn_ok = cd(l2[28:42]) == l2[42] or (l2[28:42] == "<" * 14 and l2[42] == "<")
            if not pn_ok:
                errs.append("personal")
            if cd(l2[0:10] + l2[13:20] + l2[21:43]) != l2[43]:
                errs.append("composite")
        if layout.startswith("MRV") != (lines[0][0] == "V"):
            errs.append("code")
    if sex not in "MFX<":
        errs.append("sex")
    return errs


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_generated_mrz_is_valid(layout: str) -> None:
    rng = np.random.default_rng(123)
    for _ in range(N_PER_LAYOUT):
        lines = random_mrz(rng, layout)
        assert check_lines(lines, layout) == [], lines


@pytest.mark.parametrize("layout", LAYOUTS)
def test_generated_mrz_passes_the_project_parser(layout: str) -> None:
    parse = pytest.importorskip("docexam.mrz.parse")
    rng = np.random.default_rng(7)
    for _ in range(150):
        lines = random_mrz(rng, layout)
        result = parse.parse_mrz(lines)
        assert result.valid, (lines, result.errors)


def test_generator_covers_the_border_quirks() -> None:
    rng = np.random.default_rng(99)
    seen: dict[str, int] = {}

    def hit(key: str) -> None:
        seen[key] = seen.get(key, 0) + 1

    for layout in LAYOUTS:
        for _ in range(N_PER_LAYOUT):
            rec = random_record(rng, layout)
            name = rec.lines[2] if layout == "TD1" else rec.lines[0][5:]
            if name[-1] != "<":
                hit("truncated")
            if len(rec.doc_number) > 9:
                hit(f"long_{layout}")
            if rec.issuing_state in ("KAZ", "KGZ", "TJK", "UZB"):
                hit("central_asia")
            if rec.sex in "X<":
                hit("sex_x")
            if layout == "TD3" and rec.lines[1][42] == "<":
                hit("pn_filler_cd")
            if layout.startswith("MRV") and rec.nationality != rec.issuing_state:
                hit("foreign_visa")
            if rec.issuing_state == "D<<":
                hit("germany")
    for key in ("truncated", "long_TD1", "long_TD2", "central_asia", "sex_x", "pn_filler_cd",
                "foreign_visa", "germany"):  # fmt: skip
        assert seen.get(key, 0) > 0, key
    assert "long_TD3" not in seen and "long_MRVA" not in seen


def test_same_generator_state_gives_same_mrz() -> None:
    a = [random_mrz(np.random.default_rng(5), lay) for lay in LAYOUTS]
    b = [random_mrz(np.random.default_rng(5), lay) for lay in LAYOUTS]
    assert a == b


def test_unknown_layout_is_a_value_error_naming_it() -> None:
    with pytest.raises(ValueError, match="layout"):
        random_mrz(np.random.default_rng(0), "TD4")


@pytest.mark.parametrize(
    ("printed", "mrz"),
    [
        ("ИМЯРЕК ЕВГЕНИЙ", "IMIAREK<EVGENII"),  # the facts file's example
        ("ЖАКСЫЛЫКОВ", "ZHAKSYLYKOV"),
        ("ЩЕРБАКОВА", "SHCHERBAKOVA"),
        ("ВОРОБЬЁВ", "VOROBEV"),
        ("ЮЛИЯ", "IULIIA"),
        ("MÜLLER", "MUELLER"),
        ("WEIß", "WEISS"),
        ("O'NEILL", "ONEILL"),
        ("JEAN-FRANÇOIS", "JEAN<FRANCOIS"),
    ],
)
def test_transliteration(printed: str, mrz: str) -> None:
    assert to_mrz_chars(printed) == mrz


def test_name_field_pads_and_truncates() -> None:
    assert name_field("ERIKSSON", "ANNA<MARIA", 39) == "ERIKSSON<<ANNA<MARIA" + "<" * 19
    long = name_field("ABDUKHALILOVA", "MUKHLISA<NILUFAR<BAKHTIEROVNA", 30)
    assert len(long) == 30 and long[-1] != "<" and long.startswith("ABDUKHALILOVA<<MUKHLISA<")
    # A cut that would end on a filler keeps an initial of the next name instead.
    assert name_field("ABC", "DEFG<HIJ", 10) == "ABC<<DEF<H"
