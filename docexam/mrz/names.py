"""The name field: primary and secondary identifiers, and signs of truncation.

Doc 9303 writes the primary identifier, '<<', then the secondary identifiers separated by
'<'. A name too long for its field is cut, so a field whose last position is a letter
rather than a filler has (probably) lost characters: the examiner must compare with the
visual zone, hence a warning rather than silence.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NameParts:
    surname: str | None
    given_names: str | None
    truncated: bool
    has_primary: bool
    has_digits: bool


def _words(text: str) -> str:
    return " ".join(part for part in text.split("<") if part)


def split_name(field: str) -> NameParts:
    """Split a raw name field; '<' inside an identifier becomes a single space."""
    primary_raw, sep, secondary_raw = field.partition("<<")
    surname = _words(primary_raw)
    given = _words(secondary_raw) if sep else ""
    return NameParts(
        surname=surname or None,
        given_names=given or None,
        truncated=bool(field) and not field.endswith("<"),
        has_primary=bool(primary_raw) and not primary_raw.startswith("<"),
        has_digits=any("0" <= ch <= "9" for ch in field),
    )
