"""Parsing and strict ICAO 9303 validation of MRZ text: the verdict the examiner sees.

Strict by default: the MRZ is valid only when no error was found. Every check is
reported on its own so an examiner can tell one misread character from a forged field;
known real-world deviations are named as warnings and never turn a failure into a pass.
Nothing here raises for any sequence of strings: bad input is a finding, not a fault.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docexam.mrz.issues import EMPTY_INPUT, ISSUE_CODES, Issue
from docexam.mrz.layouts import detect_format
from docexam.mrz.structure import character_issues, guess_format
from docexam.mrz.text import split_mrz_text
from docexam.mrz.validate import FieldValidator

__all__ = ["ISSUE_CODES", "Issue", "MrzFields", "MrzParse", "parse_mrz", "parse_mrz_text"]


@dataclass(frozen=True)
class MrzFields:
    document_code: str | None = None
    issuing_state: str | None = None
    surname: str | None = None
    given_names: str | None = None
    document_number: str | None = None
    nationality: str | None = None
    birth_date: str | None = None
    expiry_date: str | None = None
    sex: str | None = None
    optional_data: str | None = None
    optional_data_2: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class MrzParse:
    format: str | None
    lines: tuple[str, ...]
    valid: bool
    checks: tuple[tuple[str, bool], ...]
    fields: MrzFields
    errors: tuple[Issue, ...]
    warnings: tuple[Issue, ...]

    def checks_dict(self) -> dict[str, bool]:
        return dict(self.checks)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "lines": list(self.lines),
            "valid": self.valid,
            "checks": self.checks_dict(),
            "fields": self.fields.to_dict(),
            "errors": [i.to_dict() for i in self.errors],
            "warnings": [i.to_dict() for i in self.warnings],
        }


def _result(
    fmt: str | None,
    lines: tuple[str, ...],
    errors: Sequence[Issue],
    warnings: Sequence[Issue],
    checks: tuple[tuple[str, bool], ...] = (),
    fields: MrzFields | None = None,
) -> MrzParse:
    return MrzParse(
        format=fmt,
        lines=lines,
        valid=not errors,
        checks=checks,
        fields=fields if fields is not None else MrzFields(),
        errors=tuple(errors),
        warnings=tuple(warnings),
    )


def _parse(
    lines: tuple[str, ...], today: datetime.date | None, pre_warnings: Sequence[Issue]
) -> MrzParse:
    if today is None:
        today = datetime.date.today()
    elif isinstance(today, datetime.datetime):
        today = today.date()  # a datetime would not compare with a date
    warnings = list(pre_warnings)
    if not lines:
        return _result(None, lines, [Issue(EMPTY_INPUT, "No MRZ lines were given.")], warnings)
    char_errors = character_issues(lines)
    fmt = detect_format(lines)
    if fmt is None:
        guess, shape_errors = guess_format(lines)
        return _result(guess, lines, shape_errors + char_errors, warnings)
    validator = FieldValidator(fmt, lines, today)
    values, checks = validator.run()
    return _result(
        fmt,
        lines,
        char_errors + validator.errors,
        warnings + validator.warnings,
        checks,
        MrzFields(**values),
    )


def parse_mrz(lines: Sequence[str], *, today: datetime.date | None = None) -> MrzParse:
    """Parse and strictly validate MRZ ``lines``; ``today`` (default: the system date)
    fixes the century of the dates and the expiry warning, so a verdict is reproducible."""
    if isinstance(lines, str):
        lines = (lines,)  # a bare string is one line, not a sequence of one-character lines
    return _parse(tuple(str(line) for line in lines), today, ())


def parse_mrz_text(text: str, *, today: datetime.date | None = None) -> MrzParse:
    """Parse MRZ text as a user pastes it (see docexam.mrz.text for what is normalised)."""
    lines, warnings = split_mrz_text(text)
    return _parse(lines, today, warnings)
