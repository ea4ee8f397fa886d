"""Turning pasted text into MRZ lines without hiding what the user actually typed.

Only changes that cannot alter the meaning are made: line endings, surrounding
whitespace, blank lines. Lowercase letters are upper-cased (an MRZ has no lowercase, so
the intent is clear) but reported. Spaces inside a line are left in place so the parser
reports them: removing them could merge fields or hide a missing filler.
"""

from __future__ import annotations

from docexam.mrz.issues import LOWERCASE_NORMALISED, Issue


def _upper_ascii(line: str) -> str:
    # str.upper() would also change non-ASCII letters and can change the length ('ß' -> 'SS').
    return "".join(chr(ord(ch) - 32) if "a" <= ch <= "z" else ch for ch in line)


def split_mrz_text(text: str) -> tuple[tuple[str, ...], tuple[Issue, ...]]:
    """The lines of ``text`` (CRLF, CR or LF) and the warnings about what was normalised."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [line.strip() for line in raw]
    lines = [line for line in lines if line]
    lowered = [i + 1 for i, line in enumerate(lines) if any("a" <= ch <= "z" for ch in line)]
    warnings: list[Issue] = []
    if lowered:
        which = ", ".join(str(n) for n in lowered)
        plural = "s" if len(lowered) > 1 else ""
        warnings.append(
            Issue(
                LOWERCASE_NORMALISED,
                f"Lowercase letters on line{plural} {which} were converted to upper case.",
            )
        )
    return tuple(_upper_ascii(line) for line in lines), tuple(warnings)
