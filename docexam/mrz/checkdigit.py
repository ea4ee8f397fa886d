"""ICAO 9303 check digits (Part 3, 4.9): weights 7-3-1, A-Z = 10..35, '<' = 0.

Kept tiny and dependency-free because the parser, the OCR corrector and the synthetic
document generator all need exactly the same arithmetic.
"""

from __future__ import annotations

_WEIGHTS = (7, 3, 1)


def char_value(ch: str) -> int:
    """Numeric value of one MRZ character; raises ValueError for characters outside A-Z0-9<."""
    if "0" <= ch <= "9":
        return ord(ch) - 48
    if "A" <= ch <= "Z":
        return ord(ch) - 55
    if ch == "<":
        return 0
    raise ValueError(f"character {ch!r} is not an MRZ character (A-Z, 0-9, '<')")


def compute_check_digit(data: str) -> str:
    """The check digit over ``data`` as a one-character string '0'..'9'."""
    total = 0
    for i, ch in enumerate(data):
        total += char_value(ch) * _WEIGHTS[i % 3]
    return str(total % 10)


def is_valid_check_digit(data: str, digit: str) -> bool:
    """True when ``digit`` is the check digit of ``data`` (never raises for bad characters)."""
    try:
        return compute_check_digit(data) == digit
    except ValueError:
        return False
