"""Findings of the MRZ parser: stable codes plus one English sentence each.

Findings are results, not exceptions (see docexam.errors): a UI or the CLI maps ``code``
to its own wording and keeps ``message`` as the detail for the examiner. Every code is
documented in docs/mrz-json.md; ISSUE_CODES is the closed set the tests hold us to, so a
new code cannot slip out undocumented.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- errors: any of these makes the MRZ invalid -------------------------------------------
EMPTY_INPUT = "EMPTY_INPUT"
WRONG_LINE_COUNT = "WRONG_LINE_COUNT"
WRONG_LINE_LENGTH = "WRONG_LINE_LENGTH"
UNKNOWN_FORMAT = "UNKNOWN_FORMAT"
INVALID_CHARACTER = "INVALID_CHARACTER"
INVALID_DOCUMENT_CODE = "INVALID_DOCUMENT_CODE"
UNKNOWN_STATE = "UNKNOWN_STATE"
MISSING_DOCUMENT_NUMBER = "MISSING_DOCUMENT_NUMBER"
LONG_DOCUMENT_NUMBER_MALFORMED = "LONG_DOCUMENT_NUMBER_MALFORMED"
INVALID_DATE = "INVALID_DATE"
INVALID_SEX = "INVALID_SEX"
MISSING_NAME = "MISSING_NAME"
INVALID_NAME = "INVALID_NAME"
CHECK_DIGIT_DOCUMENT_NUMBER = "CHECK_DIGIT_DOCUMENT_NUMBER"
CHECK_DIGIT_BIRTH_DATE = "CHECK_DIGIT_BIRTH_DATE"
CHECK_DIGIT_EXPIRY_DATE = "CHECK_DIGIT_EXPIRY_DATE"
CHECK_DIGIT_OPTIONAL_DATA = "CHECK_DIGIT_OPTIONAL_DATA"
CHECK_DIGIT_COMPOSITE = "CHECK_DIGIT_COMPOSITE"

# --- warnings: reported, never change ``valid`` -------------------------------------------
LOWERCASE_NORMALISED = "LOWERCASE_NORMALISED"
NAME_TRUNCATED = "NAME_TRUNCATED"
DOCUMENT_EXPIRED = "DOCUMENT_EXPIRED"
EXPIRY_BEFORE_BIRTH = "EXPIRY_BEFORE_BIRTH"
SPECIMEN_STATE = "SPECIMEN_STATE"
LONG_NUMBER_CHECK_DIGIT_INCLUDES_FILLER = "LONG_NUMBER_CHECK_DIGIT_INCLUDES_FILLER"

ERROR_CODES: frozenset[str] = frozenset(
    {
        EMPTY_INPUT,
        WRONG_LINE_COUNT,
        WRONG_LINE_LENGTH,
        UNKNOWN_FORMAT,
        INVALID_CHARACTER,
        INVALID_DOCUMENT_CODE,
        UNKNOWN_STATE,
        MISSING_DOCUMENT_NUMBER,
        LONG_DOCUMENT_NUMBER_MALFORMED,
        INVALID_DATE,
        INVALID_SEX,
        MISSING_NAME,
        INVALID_NAME,
        CHECK_DIGIT_DOCUMENT_NUMBER,
        CHECK_DIGIT_BIRTH_DATE,
        CHECK_DIGIT_EXPIRY_DATE,
        CHECK_DIGIT_OPTIONAL_DATA,
        CHECK_DIGIT_COMPOSITE,
    }
)
WARNING_CODES: frozenset[str] = frozenset(
    {
        LOWERCASE_NORMALISED,
        NAME_TRUNCATED,
        DOCUMENT_EXPIRED,
        EXPIRY_BEFORE_BIRTH,
        SPECIMEN_STATE,
        LONG_NUMBER_CHECK_DIGIT_INCLUDES_FILLER,
    }
)
ISSUE_CODES: frozenset[str] = ERROR_CODES | WARNING_CODES

# The check name used in MrzParse.checks -> the error reported when that check fails.
CHECK_ERROR_CODES: dict[str, str] = {
    "document_number": CHECK_DIGIT_DOCUMENT_NUMBER,
    "birth_date": CHECK_DIGIT_BIRTH_DATE,
    "expiry_date": CHECK_DIGIT_EXPIRY_DATE,
    "optional_data": CHECK_DIGIT_OPTIONAL_DATA,
    "composite": CHECK_DIGIT_COMPOSITE,
}


@dataclass(frozen=True)
class Issue:
    """One finding; ``code`` is for programs, ``message`` for people."""

    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


def describe_char(ch: str) -> str:
    """Printable description of a character for messages (spaces and controls are invisible)."""
    if ch == " ":
        return "a space"
    if ch.isprintable():
        return f"{ch!r} (U+{ord(ch):04X})"
    return f"an unprintable character (U+{ord(ch):04X})"
