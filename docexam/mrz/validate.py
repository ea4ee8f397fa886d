"""Field-by-field validation of an MRZ whose shape (line count and lengths) is already right.

Each ICAO rule is its own small method that appends a named finding, so a failure can be
traced to one field and one rule; the order of ``checks`` is the report order of the
contract (document_number, birth_date, expiry_date, optional_data, composite).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from docexam.mrz import issues as ic
from docexam.mrz.checkdigit import compute_check_digit, is_valid_check_digit
from docexam.mrz.countries import SPECIMEN_STATES, state_hint, state_name
from docexam.mrz.dates import date_problem, resolve_birth_date, resolve_expiry_date
from docexam.mrz.docnumber import read_document_number
from docexam.mrz.issues import Issue
from docexam.mrz.layouts import FIELDS, Span, check_specs, ranges_text, span_text
from docexam.mrz.names import split_name

_DOCUMENT_CODE_FIRST = {"TD1": "ACI", "TD2": "ACI", "TD3": "P", "MRVA": "V", "MRVB": "V"}
_SEX_CODES = {"M": "M", "F": "F", "X": "X", "<": None}
_CHECK_LABELS = {
    "document_number": "the document number",
    "birth_date": "the birth date",
    "expiry_date": "the expiry date",
    "optional_data": "the personal number",
    "composite": "the composite",
}


def _where(span: Span) -> str:
    line, start, end = span
    if end - start == 1:
        return f"line {line + 1}, position {start + 1}"
    return f"line {line + 1}, positions {start + 1}-{end}"


def _filled(text: str) -> str | None:
    return text.strip("<") or None


def _check_issue(name: str, covered: str, digit: str, position: tuple[int, int]) -> Issue:
    try:
        expected = f"expected {compute_check_digit(covered)}"
    except ValueError:
        expected = "no digit can be expected because the data holds non-MRZ characters"
    line, pos = position
    return Issue(
        ic.CHECK_ERROR_CODES[name],
        f"Check digit of {_CHECK_LABELS[name]} (line {line + 1}, position {pos + 1}) "
        f"is {digit!r}, {expected}.",
    )


def _state(label: str, span: Span, lines: Sequence[str], errors: list[Issue]) -> str | None:
    raw = span_text(lines, span)
    if state_name(raw) is None:
        if raw == "<<<":
            problem = "is empty"
        else:
            hint = state_hint(raw)
            problem = "is not an ICAO 9303 code" + (f"; {hint}" if hint else "")
        errors.append(Issue(ic.UNKNOWN_STATE, f"{label} {raw!r} ({_where(span)}) {problem}."))
    return _filled(raw)


class FieldValidator:
    """One validation of lines already known to have exactly the shape of ``fmt``."""

    def __init__(self, fmt: str, lines: Sequence[str], today: datetime.date) -> None:
        self.fmt, self.lines, self.today = fmt, lines, today
        self.f = FIELDS[fmt]
        self.errors: list[Issue] = []
        self.warnings: list[Issue] = []
        self.checks: list[tuple[str, bool]] = []

    def text(self, field: str) -> str:
        return span_text(self.lines, self.f[field])

    def check(self, name: str, ok: bool, covered: str, digit: str, pos: tuple[int, int]) -> None:
        self.checks.append((name, ok))
        if not ok:
            self.errors.append(_check_issue(name, covered, digit, pos))

    def digit_check(self, name: str, field: str) -> None:
        line, start, _ = self.f[f"{field}_cd"]
        covered, digit = self.text(field), self.lines[line][start]
        self.check(name, is_valid_check_digit(covered, digit), covered, digit, (line, start))

    def document_code(self) -> str | None:
        code = self.text("document_code")
        allowed = _DOCUMENT_CODE_FIRST[self.fmt]
        if code[0] not in allowed or not (code[1] == "<" or "A" <= code[1] <= "Z"):
            firsts = " or ".join(allowed)
            self.errors.append(
                Issue(
                    ic.INVALID_DOCUMENT_CODE,
                    f"Document code {code!r} (line 1, positions 1-2) is not valid for "
                    f"{self.fmt}: it must be {firsts} followed by a letter or '<'.",
                )
            )
        return _filled(code)

    def name(self) -> tuple[str | None, str | None]:
        span = self.f["name"]
        parts = split_name(self.text("name"))
        if not parts.has_primary:
            self.errors.append(
                Issue(
                    ic.MISSING_NAME, f"The name field ({_where(span)}) has no primary identifier."
                )
            )
        if parts.has_digits:
            self.errors.append(
                Issue(ic.INVALID_NAME, f"The name field ({_where(span)}) contains digits.")
            )
        if parts.truncated:
            self.warnings.append(
                Issue(
                    ic.NAME_TRUNCATED,
                    f"The name field ({_where(span)}) is full with no trailing '<': the name "
                    "was probably truncated; compare with the visual zone.",
                )
            )
        return parts.surname, parts.given_names

    def document_number(self) -> tuple[str | None, str]:
        dn = read_document_number(self.fmt, self.lines)
        span = self.f["document_number"]
        if dn.malformed is not None:
            self.errors.append(
                Issue(
                    ic.LONG_DOCUMENT_NUMBER_MALFORMED,
                    f"The document-number check digit ({_where(self.f['document_number_cd'])}) "
                    f"is '<', announcing a number longer than 9 characters, but {dn.malformed}.",
                )
            )
            self.checks.append(("document_number", False))
        else:
            self.check("document_number", dn.valid, dn.covered, dn.digit, dn.digit_position)
        if not dn.number and dn.malformed is None:
            self.errors.append(
                Issue(ic.MISSING_DOCUMENT_NUMBER, f"The document number ({_where(span)}) is empty.")
            )
        if dn.deviant_match:
            self.warnings.append(
                Issue(
                    ic.LONG_NUMBER_CHECK_DIGIT_INCLUDES_FILLER,
                    f"The check digit of the long document number {dn.number} matches only when "
                    "the '<' after its ninth character is included, a known issuer deviation "
                    "(e.g. Belgium); under ICAO 9303 the check still fails.",
                )
            )
        return dn.number or None, dn.optional_data

    def date(self, field: str, label: str) -> datetime.date | None:
        raw = self.text(field)
        if field == "birth_date":
            resolved = resolve_birth_date(raw, self.today)
        else:
            resolved = resolve_expiry_date(raw, self.today)
        if resolved is None:
            self.errors.append(
                Issue(
                    ic.INVALID_DATE,
                    f"The {label} {raw!r} ({_where(self.f[field])}) is not a date: "
                    f"it {date_problem(raw)}.",
                )
            )
        return resolved

    def sex(self) -> str | None:
        raw = self.text("sex")
        if raw not in _SEX_CODES:
            self.errors.append(
                Issue(
                    ic.INVALID_SEX,
                    f"Sex {raw!r} ({_where(self.f['sex'])}) is not M, F, X or '<'.",
                )
            )
            return None
        return _SEX_CODES[raw]

    def personal_number_check(self) -> None:
        line, start, _ = self.f["optional_data_cd"]
        covered, digit = self.text("optional_data"), self.lines[line][start]
        # Doc 9303 Part 4: an unused (all-filler) personal number may have '<' or '0' as digit.
        ok = is_valid_check_digit(covered, digit) or (covered.strip("<") == "" and digit == "<")
        self.check("optional_data", ok, covered, digit, (line, start))

    def composite_check(self) -> None:
        spec = check_specs(self.fmt)[-1]
        covered = ranges_text(self.lines, spec.ranges)
        digit = self.lines[spec.digit[0]][spec.digit[1]]
        self.check("composite", is_valid_check_digit(covered, digit), covered, digit, spec.digit)

    def specimen(self, states: dict[str, str | None]) -> None:
        used = [label for label, code in states.items() if code in SPECIMEN_STATES]
        if used:
            self.warnings.append(
                Issue(
                    ic.SPECIMEN_STATE,
                    f"The {' and the '.join(used)} {'are' if len(used) > 1 else 'is'} UTO "
                    "(Utopia), the fictional state of "
                    "ICAO specimens: this is not a genuine travel document.",
                )
            )

    def run(self) -> tuple[dict[str, str | None], tuple[tuple[str, bool], ...]]:
        """The field values (for MrzFields) and the checks; findings land in errors/warnings."""
        code = self.document_code()
        issuing = _state("Issuing state", self.f["issuing_state"], self.lines, self.errors)
        surname, given = self.name()
        number, optional = self.document_number()
        nationality = _state("Nationality", self.f["nationality"], self.lines, self.errors)
        self.specimen({"issuing state": issuing, "nationality": nationality})
        birth = self.date("birth_date", "birth date")
        self.digit_check("birth_date", "birth_date")
        sex = self.sex()
        expiry = self.date("expiry_date", "expiry date")
        self.digit_check("expiry_date", "expiry_date")
        if self.fmt == "TD3":
            self.personal_number_check()
        if self.fmt in ("TD1", "TD2", "TD3"):
            self.composite_check()
        if expiry is not None and expiry < self.today:
            self.warnings.append(
                Issue(ic.DOCUMENT_EXPIRED, f"The document expired on {expiry.isoformat()}.")
            )
        if birth is not None and expiry is not None and expiry < birth:
            self.warnings.append(
                Issue(
                    ic.EXPIRY_BEFORE_BIRTH,
                    f"The expiry date {expiry.isoformat()} precedes the birth date "
                    f"{birth.isoformat()}: a date was probably misread.",
                )
            )
        fields = dict(
            document_code=code,
            issuing_state=issuing,
            surname=surname,
            given_names=given,
            document_number=number,
            nationality=nationality,
            birth_date=birth.isoformat() if birth else None,
            expiry_date=expiry.isoformat() if expiry else None,
            sex=sex,
            optional_data=_filled(optional),
            optional_data_2=_filled(self.text("optional_data_2")) if self.fmt == "TD1" else None,
        )
        return fields, tuple(self.checks)
