"""Document numbers, including the TD1/TD2 extension for numbers longer than nine characters.

Doc 9303 Parts 5 and 6: the first nine characters fill the number field, its check-digit
position holds '<', and the optional data begins with the rest of the number, then its
check digit, then one '<'. The check digit covers the whole number *without* that '<'
(Part 11 D.2: ``I<UTOD23145890<7349`` is number D23145890734 with check digit 9).

Some issuers (the Belgian specimen BEL-BO-03003, see the facts file) include the '<' in
the computation. That remains a failed check; we only name the deviation so the examiner
knows the failure is systematic rather than a misread or an alteration.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docexam.mrz.checkdigit import compute_check_digit, is_valid_check_digit
from docexam.mrz.layouts import FIELDS, LONG_NUMBER_FORMATS, CheckSpec, check_specs, span_text


@dataclass(frozen=True)
class DocumentNumber:
    number: str  # the whole number, trailing fillers removed
    covered: str  # what the ICAO check digit is computed over
    digit: str  # the check-digit character as printed
    digit_position: tuple[int, int]  # (line, position), 0-based
    optional_data: str  # the optional data left after any number continuation (raw)
    long: bool
    malformed: str | None = None  # why a long number could not be delimited
    deviant_match: bool = False  # the filler-included computation matches the digit

    @property
    def valid(self) -> bool:
        return self.malformed is None and is_valid_check_digit(self.covered, self.digit)


def _deviant_matches(covered_with_filler: str, digit: str) -> bool:
    try:
        return compute_check_digit(covered_with_filler) == digit
    except ValueError:
        return False


def read_document_number(fmt: str, lines: Sequence[str]) -> DocumentNumber:
    """The document number of ``lines`` (already known to have the lengths of ``fmt``)."""
    fields = FIELDS[fmt]
    number_span = fields["document_number"]
    cd_line, cd_start, _ = fields["document_number_cd"]
    first = span_text(lines, number_span)
    digit = lines[cd_line][cd_start]
    optional = span_text(lines, fields["optional_data"])
    if fmt not in LONG_NUMBER_FORMATS or digit != "<":
        return DocumentNumber(
            number=first.rstrip("<"),
            covered=first,
            digit=digit,
            digit_position=(cd_line, cd_start),
            optional_data=optional,
            long=False,
        )

    opt_line, opt_start, _ = fields["optional_data"]
    end = optional.find("<")
    problem = None
    if "<" in first:
        problem = "the nine number positions are not all used"
    elif end == -1:
        problem = "no filler ends the number continuation in the optional data"
    elif end < 2:
        problem = "the optional data does not begin with the rest of the number and its check digit"
    if problem is not None:
        return DocumentNumber(
            number=first.rstrip("<"),
            covered=first,
            digit=digit,
            digit_position=(cd_line, cd_start),
            optional_data=optional,
            long=True,
            malformed=problem,
        )
    rest = optional[: end - 1]
    long_digit = optional[end - 1]
    covered = first + rest
    return DocumentNumber(
        number=covered,
        covered=covered,
        digit=long_digit,
        digit_position=(opt_line, opt_start + end - 1),
        optional_data=optional[end + 1 :],
        long=True,
        deviant_match=(
            not is_valid_check_digit(covered, long_digit)
            and _deviant_matches(first + "<" + rest, long_digit)
        ),
    )


def check_specs_for_lines(fmt: str | None, lines: Sequence[str]) -> tuple[CheckSpec, ...]:
    """check_specs(fmt) adjusted to ``lines``: for a well-formed long TD1/TD2 document number
    the document-number check covers both parts of the number and sits in the optional data.

    Needed by anything that repairs or generates a long number; lines must have the shape
    of ``fmt`` (as after detect_format), otherwise the plain check_specs(fmt) is returned.
    """
    specs = check_specs(fmt)
    if fmt not in LONG_NUMBER_FORMATS or not specs:
        return specs
    fields = FIELDS[fmt]
    cd_line, cd_pos, _ = fields["document_number_cd"]
    try:
        if lines[cd_line][cd_pos] != "<":
            return specs
    except IndexError:
        return specs
    dn = read_document_number(fmt, lines)
    if dn.malformed is not None:
        return specs
    opt_line, opt_start, _ = fields["optional_data"]
    rest_end = dn.digit_position[1]
    ranges = (fields["document_number"], (opt_line, opt_start, rest_end))
    return (CheckSpec("document_number", ranges, dn.digit_position), *specs[1:])
