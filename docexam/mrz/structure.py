"""Shape checks that come before any field is read: characters, line count, line lengths.

Kept apart from field parsing because these checks must survive arbitrary input (any
text a user pastes or an OCR engine emits) and decide whether field parsing may run.
"""

from __future__ import annotations

from collections.abc import Sequence

from docexam.mrz.issues import (
    INVALID_CHARACTER,
    UNKNOWN_FORMAT,
    WRONG_LINE_COUNT,
    WRONG_LINE_LENGTH,
    Issue,
    describe_char,
)
from docexam.mrz.layouts import LAYOUTS

MRZ_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")

# Per parse, so that a pasted novel yields a readable report rather than thousands of issues.
MAX_CHARACTER_ISSUES = 20

# How far a line may be off its layout's length and still be read as that layout (for the
# error report and the OCR corrector's benefit; such input is never valid).
GUESS_TOLERANCE = 4

_JOINED_LENGTHS = {90: "TD1", 72: "TD2", 88: "TD3 or MRV-A"}


def character_issues(lines: Sequence[str]) -> list[Issue]:
    """One INVALID_CHARACTER per character outside A-Z, 0-9 and '<' (capped, then summed)."""
    issues: list[Issue] = []
    extra = 0
    for n, line in enumerate(lines, start=1):
        for pos, ch in enumerate(line, start=1):
            if ch in MRZ_ALPHABET:
                continue
            if len(issues) < MAX_CHARACTER_ISSUES:
                hint = ""
                if "a" <= ch <= "z":
                    hint = " (lowercase; MRZ letters are upper case)"
                elif ch == " ":
                    hint = " (spaces are not MRZ characters; the filler is '<')"
                issues.append(
                    Issue(
                        INVALID_CHARACTER,
                        f"Line {n}, position {pos} holds {describe_char(ch)}, which is not "
                        f"an MRZ character (A-Z, 0-9, '<'){hint}.",
                    )
                )
            else:
                extra += 1
    if extra:
        issues.append(
            Issue(INVALID_CHARACTER, f"{extra} further characters outside A-Z, 0-9 and '<'.")
        )
    return issues


def guess_format(lines: Sequence[str]) -> tuple[str | None, list[Issue]]:
    """Best-guess layout for lines that match none exactly, with the errors explaining why.

    Never returns a guess without at least one error: a guessed format is never valid.
    """
    count = len(lines)
    lengths = [len(line) for line in lines]
    if count not in (2, 3):
        msg = f"Got {count} lines; an MRZ has 3 (TD1) or 2 (TD2, TD3, MRV-A, MRV-B)."
        if count == 1 and lengths[0] in _JOINED_LENGTHS:
            kind = _JOINED_LENGTHS[lengths[0]]
            msg += (
                f" A single line of {lengths[0]} characters looks like a {kind} MRZ"
                " with its lines joined: split it."
            )
        return None, [Issue(WRONG_LINE_COUNT, msg)]
    visa = lines[0].startswith("V")
    best: tuple[int, str] | None = None
    tie = False
    for name, layout in LAYOUTS.items():
        if layout.line_count != count:
            continue
        if count == 2 and name.startswith("MRV") != visa:
            continue
        offsets = [abs(n - layout.line_length) for n in lengths]
        if max(offsets) > GUESS_TOLERANCE:
            continue
        score = sum(offsets)
        if best is None or score < best[0]:
            best, tie = (score, name), False
        elif score == best[0]:
            tie = True
    if best is None or tie:
        shown = ", ".join(str(n) for n in lengths)
        return None, [
            Issue(
                UNKNOWN_FORMAT,
                f"{count} lines of {shown} characters match no MRZ layout "
                "(TD1 3x30, TD2 2x36, TD3 2x44, MRV-A 2x44, MRV-B 2x36).",
            )
        ]
    fmt = best[1]
    expected = LAYOUTS[fmt].line_length
    issues = [
        Issue(
            WRONG_LINE_LENGTH,
            f"Line {n} has {length} characters; {fmt} lines have {expected}.",
        )
        for n, length in enumerate(lengths, start=1)
        if length != expected
    ]
    return fmt, issues
