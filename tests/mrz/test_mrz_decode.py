"""The OCR decoder: field classes, state codes and check-digit repairs on made-up
classifier outputs, so each rule is tested without any image."""

from __future__ import annotations

import numpy as np

from docexam.mrz.decode import decode
from docexam.mrz.ocr.cells import ALPHABET

TD3 = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)


def confident(lines, *, p: float = 0.98) -> list[np.ndarray]:
    out = []
    for line in lines:
        q = np.full((len(line), len(ALPHABET)), (1 - p) / (len(ALPHABET) - 1))
        for i, ch in enumerate(line):
            q[i, ALPHABET.index(ch)] = p
        out.append(q)
    return out


def blur(q: np.ndarray, pos: int, mix: dict[str, float]) -> None:
    q[pos] = 1e-4
    for ch, p in mix.items():
        q[pos, ALPHABET.index(ch)] = p
    q[pos] /= q[pos].sum()


def test_clean_reading_is_unchanged() -> None:
    d = decode(confident(TD3))
    assert d.lines == TD3 and d.parse.valid and d.corrections == ()


def test_letter_in_a_digit_field_becomes_the_digit() -> None:
    probs = confident(TD3)
    # Birth date (line 2, index 15 holds '0'): the classifier prefers the letter 'O'.
    blur(probs[1], 15, {"O": 0.7, "0": 0.3})
    d = decode(probs)
    assert d.lines[1][15] == "0"
    assert d.parse.valid


def test_failing_check_digit_is_repaired_by_the_likeliest_substitution() -> None:
    probs = confident(TD3)
    # Document number 'L898902C3': position 3 read as '6' (0.55) with '8' second (0.45).
    blur(probs[1], 3, {"6": 0.55, "8": 0.45})
    d = decode(probs)
    assert d.lines == TD3
    assert d.parse.valid
    assert [(c[0], c[1], c[2], c[3]) for c in d.corrections] == [(1, 3, "6", "8")]
    assert "document_number" in d.corrections[0][4]


def test_no_repair_without_a_plausible_alternative() -> None:
    probs = confident(TD3, p=0.999)
    wrong = TD3[1][:3] + "6" + TD3[1][4:]
    probs[1] = confident([wrong], p=0.999)[0]
    d = decode(probs)
    assert d.lines[1] == wrong  # kept as read: no evidence for any particular fix
    assert not d.parse.valid
    assert dict(d.parse.checks)["document_number"] is False


def test_state_code_snaps_to_a_known_code() -> None:
    probs = confident(TD3)
    blur(probs[0], 4, {"D": 0.6, "O": 0.4})  # 'UTD' is no ICAO code; 'UTO' is
    d = decode(probs)
    assert d.lines[0][2:5] == "UTO"
    assert any(c[4] == "issuing_state code" for c in d.corrections)


def test_clearly_printed_unknown_state_is_kept() -> None:
    lines = (TD3[0][:2] + "QQQ" + TD3[0][5:], TD3[1])
    d = decode(confident(lines, p=0.999))
    assert d.lines[0][2:5] == "QQQ"
    assert "UNKNOWN_STATE" in {e.code for e in d.parse.errors}


def test_letter_forced_out_of_a_digit_field_is_reported() -> None:
    probs = confident(TD3)
    blur(probs[1], 15, {"O": 0.999, "0": 0.001})  # sure, and wrong: a date holds digits
    d = decode(probs)
    assert d.lines[1][15] == "0"
    assert (1, 15, "O", "0", "field allows only digits") in d.corrections


def test_garbage_is_not_repaired_into_a_valid_mrz() -> None:
    rng = np.random.default_rng(3)
    valid = 0
    for _ in range(30):
        probs = [rng.dirichlet(np.full(len(ALPHABET), 0.3), size=44) for _ in range(2)]
        d = decode(probs)
        valid += d is not None and d.parse.valid
    assert valid == 0


def test_a_change_by_the_neighbour_vote_says_so() -> None:
    probs = confident(TD3)
    # Personal number 'ZE184226B' (line 2, index 32 holds '4', between digits): the
    # classifier leans to 'A' but not surely; its digit neighbours tip it back.
    blur(probs[1], 32, {"A": 0.55, "4": 0.45})
    d = decode(probs)
    assert d.lines == TD3
    assert (1, 32, "A", "4", "neighbouring characters") in d.corrections


def test_a_mark_read_before_the_first_line_is_dropped() -> None:
    # seen on a phone shot: "CP<UTO...": a mark left of the code became a cell, the last
    # filler was lost; the line moves left by one and ends in filler again
    shifted = ("C" + TD3[0][:-1], TD3[1])
    d = decode(confident(shifted))
    assert d.lines == TD3 and d.parse.valid
    assert any("mark before the first line" in c[4] for c in d.corrections)


def test_a_first_line_that_starts_right_is_not_moved() -> None:
    # a misread document code with a letter after it is not a shifted line
    odd = ("X" + TD3[0][1:], TD3[1])
    d = decode(confident(odd))
    assert d.lines[0][1:] == TD3[0][1:]
