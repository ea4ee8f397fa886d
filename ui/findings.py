"""Wording for the engine's MRZ findings (errors and warnings), in the user's language.

Why here and not in the engine: the engine reports each finding with a stable ``code`` and
one English sentence (``message``, with specifics such as line and position); a UI is
expected to word the code itself and keep the message as the detail. The codes are the
closed set ``docexam.mrz.issues.ISSUE_CODES`` documented in docs/mrz-json.md, plus the
reader's ``MRZ_NOT_FOUND``; a test fails when the engine adds a code this table lacks.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_CTX = "Findings"
_TEXTS: dict[str, str] = {
    # errors: the MRZ is invalid
    "MRZ_NOT_FOUND": QT_TRANSLATE_NOOP("Findings", "No machine-readable zone was found."),
    "LOW_CONFIDENCE_CHARACTERS": QT_TRANSLATE_NOOP(
        "Findings", "Some characters were read with low confidence: compare them with the document."
    ),
    "EMPTY_INPUT": QT_TRANSLATE_NOOP("Findings", "The MRZ is empty."),
    "WRONG_LINE_COUNT": QT_TRANSLATE_NOOP("Findings", "The MRZ has a wrong number of lines."),
    "WRONG_LINE_LENGTH": QT_TRANSLATE_NOOP("Findings", "An MRZ line has a wrong length."),
    "UNKNOWN_FORMAT": QT_TRANSLATE_NOOP("Findings", "The MRZ layout is not recognised."),
    "INVALID_CHARACTER": QT_TRANSLATE_NOOP("Findings", "The MRZ contains invalid characters."),
    "INVALID_DOCUMENT_CODE": QT_TRANSLATE_NOOP("Findings", "The document code is invalid."),
    "UNKNOWN_STATE": QT_TRANSLATE_NOOP(
        "Findings", "The issuing state or nationality code is not an ICAO code."
    ),
    "MISSING_DOCUMENT_NUMBER": QT_TRANSLATE_NOOP("Findings", "The document number is missing."),
    "LONG_DOCUMENT_NUMBER_MALFORMED": QT_TRANSLATE_NOOP(
        "Findings", "The long document number is written incorrectly."
    ),
    "INVALID_DATE": QT_TRANSLATE_NOOP("Findings", "A date is not a real date."),
    "INVALID_SEX": QT_TRANSLATE_NOOP("Findings", "The sex code is invalid."),
    "MISSING_NAME": QT_TRANSLATE_NOOP("Findings", "The surname is missing."),
    "INVALID_NAME": QT_TRANSLATE_NOOP("Findings", "The name contains digits."),
    "CHECK_DIGIT_DOCUMENT_NUMBER": QT_TRANSLATE_NOOP(
        "Findings", "The check digit of the document number is wrong."
    ),
    "CHECK_DIGIT_BIRTH_DATE": QT_TRANSLATE_NOOP(
        "Findings", "The check digit of the date of birth is wrong."
    ),
    "CHECK_DIGIT_EXPIRY_DATE": QT_TRANSLATE_NOOP(
        "Findings", "The check digit of the date of expiry is wrong."
    ),
    "CHECK_DIGIT_OPTIONAL_DATA": QT_TRANSLATE_NOOP(
        "Findings", "The check digit of the personal number is wrong."
    ),
    "CHECK_DIGIT_COMPOSITE": QT_TRANSLATE_NOOP("Findings", "The composite check digit is wrong."),
    # warnings: reported for the examiner, the MRZ stays valid
    "LOWERCASE_NORMALISED": QT_TRANSLATE_NOOP(
        "Findings", "Lowercase letters were converted to capitals."
    ),
    "NAME_TRUNCATED": QT_TRANSLATE_NOOP(
        "Findings", "The name may be truncated: compare it with the visual zone."
    ),
    "DOCUMENT_EXPIRED": QT_TRANSLATE_NOOP("Findings", "The document has expired."),
    "EXPIRY_BEFORE_BIRTH": QT_TRANSLATE_NOOP(
        "Findings", "The date of expiry is before the date of birth: one was probably misread."
    ),
    "SPECIMEN_STATE": QT_TRANSLATE_NOOP(
        "Findings", "UTO (Utopia) is the state of ICAO specimens, not a real state."
    ),
    "LONG_NUMBER_CHECK_DIGIT_INCLUDES_FILLER": QT_TRANSLATE_NOOP(
        "Findings", "The check digit of the long document number also covers a filler."
    ),
}

# Finding code -> the document field it concerns (highlighted in the form).
FIELD_OF_CODE: dict[str, str] = {
    "INVALID_DOCUMENT_CODE": "document_code",
    "MISSING_DOCUMENT_NUMBER": "document_number",
    "LONG_DOCUMENT_NUMBER_MALFORMED": "document_number",
    "CHECK_DIGIT_DOCUMENT_NUMBER": "document_number",
    "CHECK_DIGIT_BIRTH_DATE": "birth_date",
    "CHECK_DIGIT_EXPIRY_DATE": "expiry_date",
    "CHECK_DIGIT_OPTIONAL_DATA": "optional_data",
    "INVALID_SEX": "sex",
    "MISSING_NAME": "surname",
    "INVALID_NAME": "surname",
    "DOCUMENT_EXPIRED": "expiry_date",
}


def known_codes() -> frozenset[str]:
    """Codes with a wording (for the completeness test)."""
    return frozenset(_TEXTS)


def finding_text(code: str) -> str | None:
    """The translated headline for ``code``, or None for a code the UI does not know yet."""
    source = _TEXTS.get(code)
    return QCoreApplication.translate(_CTX, source) if source else None
