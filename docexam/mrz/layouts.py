"""The five ICAO 9303 MRZ layouts as data: field positions, check digits, character classes.

One table serves the parser, the OCR corrector (char_classes) and the synthetic document
generator (check_specs), so the three cannot disagree about where a field sits. Positions
here are 0-based with exclusive ends; ICAO and our messages count from 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Layout:
    name: str
    line_count: int
    line_length: int


LAYOUTS: dict[str, Layout] = {
    "TD1": Layout("TD1", 3, 30),
    "TD2": Layout("TD2", 2, 36),
    "TD3": Layout("TD3", 2, 44),
    "MRVA": Layout("MRVA", 2, 44),
    "MRVB": Layout("MRVB", 2, 36),
}

# A field is (line, start, end). Check-digit fields end in "_cd".
Span = tuple[int, int, int]

_LINE2_COMMON: dict[str, Span] = {
    "document_number": (1, 0, 9),
    "document_number_cd": (1, 9, 10),
    "nationality": (1, 10, 13),
    "birth_date": (1, 13, 19),
    "birth_date_cd": (1, 19, 20),
    "sex": (1, 20, 21),
    "expiry_date": (1, 21, 27),
    "expiry_date_cd": (1, 27, 28),
}

FIELDS: dict[str, dict[str, Span]] = {
    "TD1": {
        "document_code": (0, 0, 2),
        "issuing_state": (0, 2, 5),
        "document_number": (0, 5, 14),
        "document_number_cd": (0, 14, 15),
        "optional_data": (0, 15, 30),
        "birth_date": (1, 0, 6),
        "birth_date_cd": (1, 6, 7),
        "sex": (1, 7, 8),
        "expiry_date": (1, 8, 14),
        "expiry_date_cd": (1, 14, 15),
        "nationality": (1, 15, 18),
        "optional_data_2": (1, 18, 29),
        "composite_cd": (1, 29, 30),
        "name": (2, 0, 30),
    },
    "TD2": {
        "document_code": (0, 0, 2),
        "issuing_state": (0, 2, 5),
        "name": (0, 5, 36),
        **_LINE2_COMMON,
        "optional_data": (1, 28, 35),
        "composite_cd": (1, 35, 36),
    },
    "TD3": {
        "document_code": (0, 0, 2),
        "issuing_state": (0, 2, 5),
        "name": (0, 5, 44),
        **_LINE2_COMMON,
        "optional_data": (1, 28, 42),
        "optional_data_cd": (1, 42, 43),
        "composite_cd": (1, 43, 44),
    },
    "MRVA": {
        "document_code": (0, 0, 2),
        "issuing_state": (0, 2, 5),
        "name": (0, 5, 44),
        **_LINE2_COMMON,
        "optional_data": (1, 28, 44),
    },
    "MRVB": {
        "document_code": (0, 0, 2),
        "issuing_state": (0, 2, 5),
        "name": (0, 5, 36),
        **_LINE2_COMMON,
        "optional_data": (1, 28, 36),
    },
}

# Layouts whose document-number check digit may be '<' to announce a number longer than
# nine characters continued in the optional data (Doc 9303 Parts 5 and 6; not TD3, not MRV).
LONG_NUMBER_FORMATS: frozenset[str] = frozenset({"TD1", "TD2"})

_FIELD_CLASS: dict[str, str] = {
    "document_code": "a",
    "issuing_state": "a",
    "name": "a",
    "document_number": "x",
    "document_number_cd": "d",
    "nationality": "a",
    "birth_date": "d",
    "birth_date_cd": "d",
    "sex": "s",
    "expiry_date": "d",
    "expiry_date_cd": "d",
    "optional_data": "x",
    "optional_data_cd": "D",  # '<' is allowed when the personal number is all fillers
    "optional_data_2": "x",
    "composite_cd": "d",
}


def detect_format(lines: Sequence[str]) -> str | None:
    """The layout whose line count and length match exactly; the first character picks MRV.

    Exact on purpose: guessing for damaged input is the parser's job, and it says so in
    its errors; callers such as the OCR corrector need a yes/no answer.
    """
    if not lines:
        return None
    count = len(lines)
    length = len(lines[0])
    if any(len(line) != length for line in lines):
        return None
    visa = lines[0].startswith("V")
    for name, layout in LAYOUTS.items():
        shape = layout.line_count == count and layout.line_length == length
        if shape and (count == 3 or name.startswith("MRV") == visa):
            return name
    return None


def char_classes(fmt: str) -> tuple[str, ...]:
    """Per-position character classes of ``fmt`` for constraining OCR.

    'd' digit; 'D' digit or '<'; 'a' A-Z or '<'; 'x' A-Z, 0-9 or '<'; 's' M, F, X or '<'.
    Raises KeyError for an unknown format name (a programming error, not a finding).
    """
    layout = LAYOUTS[fmt]
    rows = [["x"] * layout.line_length for _ in range(layout.line_count)]
    for field, (line, start, end) in FIELDS[fmt].items():
        cls = _FIELD_CLASS[field]
        if field == "document_number_cd" and fmt in LONG_NUMBER_FORMATS:
            cls = "D"
        for pos in range(start, end):
            rows[line][pos] = cls
    return tuple("".join(row) for row in rows)


@dataclass(frozen=True)
class CheckSpec:
    name: str
    ranges: tuple[tuple[int, int, int], ...]
    digit: tuple[int, int]


def _spec(name: str, ranges: tuple[Span, ...], digit: Span) -> CheckSpec:
    return CheckSpec(name, ranges, (digit[0], digit[1]))


def check_specs(fmt: str | None) -> tuple[CheckSpec, ...]:
    """The check digits of ``fmt`` in report order, for a document number of <= 9 characters.

    Composite ranges keep the raw positions, fillers included, as Doc 9303 defines them.
    An unknown format (including None or "", as in a failed parse) has no checks: ().
    For a TD1/TD2 number longer than 9 characters the document-number digit moves; see
    docexam.mrz.docnumber.check_specs_for_lines for the positions of one actual MRZ.
    """
    f = FIELDS.get(fmt or "")
    if f is None:
        return ()
    specs = [
        _spec("document_number", (f["document_number"],), f["document_number_cd"]),
        _spec("birth_date", (f["birth_date"],), f["birth_date_cd"]),
        _spec("expiry_date", (f["expiry_date"],), f["expiry_date_cd"]),
    ]
    if fmt == "TD3":
        specs.append(_spec("optional_data", (f["optional_data"],), f["optional_data_cd"]))
    composite: tuple[Span, ...] | None = None
    if fmt == "TD1":
        composite = ((0, 5, 30), (1, 0, 7), (1, 8, 15), (1, 18, 29))
    elif fmt == "TD2":
        composite = ((1, 0, 10), (1, 13, 20), (1, 21, 35))
    elif fmt == "TD3":
        composite = ((1, 0, 10), (1, 13, 20), (1, 21, 43))
    if composite is not None:
        specs.append(_spec("composite", composite, f["composite_cd"]))
    return tuple(specs)


def span_text(lines: Sequence[str], span: Span) -> str:
    """The characters of one field."""
    line, start, end = span
    return lines[line][start:end]


def ranges_text(lines: Sequence[str], ranges: Sequence[Span]) -> str:
    """The characters a check digit covers, concatenated in order."""
    return "".join(span_text(lines, r) for r in ranges)
