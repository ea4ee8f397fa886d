"""Sample MRZs and builders shared by the MRZ parser tests.

Valid samples come from Doc 9303 (specimens, with the Part 11 erratum corrected); the
builders compute every check digit with docexam.mrz.checkdigit so a test can change one
field and still hold a document that is valid in every other respect.
"""

from __future__ import annotations

import datetime

from docexam.mrz.checkdigit import compute_check_digit as cd
from docexam.mrz.layouts import FIELDS, check_specs, ranges_text

TODAY = datetime.date(2024, 6, 1)

TD3_SPECIMEN = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)
TD2_SPECIMEN = (
    "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
    "D231458907UTO7408122F1204159<<<<<<<6",
)
TD1_SPECIMEN = (
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
)
MRVA_SPECIMEN = (
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L8988901C4XXX4009078F96121096ZE184226B<<<<<<",
)
MRVB_SPECIMEN = (
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
    "L8988901C4XXX4009078F9612109<<<<<<<<",
)
SPECIMENS = {
    "TD1": TD1_SPECIMEN,
    "TD2": TD2_SPECIMEN,
    "TD3": TD3_SPECIMEN,
    "MRVA": MRVA_SPECIMEN,
    "MRVB": MRVB_SPECIMEN,
}

# Part 11 D.2, with the composite digit corrected to 2 (printed: TD1 1, TD2 8).
TD1_PART11 = (
    "I<UTOL898902C<3<<<<<<<<<<<<<<<",
    "6908061F9406236UTO<<<<<<<<<<<2",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
)
TD2_PART11 = (
    "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
    "L898902C<3UTO6908061F9406236<<<<<<<2",
)
# Long document number D23145890734, check digit 9 (Part 11 D.2).
TD1_LONG = (
    "I<UTOD23145890<7349<<<<<<<<<<<",
    "3407127M9507122UTO<<<<<<<<<<<2",
    "STEVENSON<<PETER<JOHN<<<<<<<<<",
)
TD2_LONG = (
    "I<UTOSTEVENSON<<PETER<JOHN<<<<<<<<<<",
    "D23145890<UTO3407127M95071227349<<<8",
)


def put(lines: tuple[str, ...], line: int, pos: int, text: str) -> tuple[str, ...]:
    """``lines`` with ``text`` written from 0-based (line, pos), length unchanged."""
    rows = list(lines)
    row = rows[line]
    rows[line] = row[:pos] + text + row[pos + len(text) :]
    assert len(rows[line]) == len(row)
    return tuple(rows)


def put_field(fmt: str, lines: tuple[str, ...], field: str, text: str) -> tuple[str, ...]:
    line, start, end = FIELDS[fmt][field]
    assert len(text) == end - start, (field, text)
    return put(lines, line, start, text)


def refresh_digits(fmt: str, lines: tuple[str, ...], only: str | None = None) -> tuple[str, ...]:
    """Recompute check digits (all, or only the one named) from the data they cover."""
    for spec in check_specs(fmt):
        if only is not None and spec.name != only:
            continue
        line, pos = spec.digit
        lines = put(lines, line, pos, cd(ranges_text(lines, spec.ranges)))
    return lines


def td3(
    *,
    code: str = "P<",
    state: str = "UTO",
    name: str = "ERIKSSON<<ANNA<MARIA",
    number: str = "L898902C3",
    nationality: str = "UTO",
    birth: str = "740812",
    sex: str = "F",
    expiry: str = "300415",
    personal: str = "ZE184226B",
) -> tuple[str, ...]:
    """A TD3 MRZ with all check digits right for the given fields."""
    line1 = (code + state + name + "<" * 44)[:44]
    line2 = (
        number.ljust(9, "<")
        + "0"
        + nationality
        + birth
        + "0"
        + sex
        + expiry
        + "0"
        + personal.ljust(14, "<")
        + "00"
    )
    return refresh_digits("TD3", (line1, line2))


def td1(
    *,
    code: str = "I<",
    state: str = "UTO",
    number: str = "D23145890",
    optional: str = "",
    birth: str = "740812",
    sex: str = "F",
    expiry: str = "300415",
    nationality: str = "UTO",
    optional_2: str = "",
    name: str = "ERIKSSON<<ANNA<MARIA",
) -> tuple[str, ...]:
    """A TD1 MRZ (document number of at most 9 characters) with all check digits right."""
    line1 = code + state + number.ljust(9, "<") + "0" + optional.ljust(15, "<")
    line2 = birth + "0" + sex + expiry + "0" + nationality + optional_2.ljust(11, "<") + "0"
    line3 = (name + "<" * 30)[:30]
    return refresh_digits("TD1", (line1, line2, line3))
