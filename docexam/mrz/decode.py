"""From per-character class probabilities to MRZ text: field constraints and check digits.

The classifier alone confuses look-alikes (0/O, 1/I, 5/S, 8/B, 2/Z, '<'/K). Two pieces of
knowledge resolve most of them: the layout says which positions hold digits, letters or
either (``layouts.char_classes``), and the check digits say whether a field was read right.
When a check fails, the cheapest set of substitutions (by the classifier's own
probabilities) that makes it pass is applied and reported as a correction; nothing is
changed silently, and nothing is changed when no plausible substitution exists.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from docexam.mrz.countries import STATES
from docexam.mrz.layouts import FIELDS, char_classes, check_specs, detect_format
from docexam.mrz.ocr.cells import ALPHABET
from docexam.mrz.parse import MrzParse, parse_mrz

_DIGITS = "0123456789"
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_CLASS_CHARS = {
    "d": _DIGITS,
    "D": _DIGITS + "<",
    "a": _LETTERS + "<",
    "x": ALPHABET,
    "s": "MFX<",
}
_CLASS_NAMES = {
    "d": "digits",
    "D": "digits or '<'",
    "a": "letters or '<'",
    "x": "letters, digits or '<'",
    "s": "M, F, X or '<'",
}
_MASKS = {k: np.array([c in chars for c in ALPHABET], bool) for k, chars in _CLASS_CHARS.items()}
# A substitution is only plausible if the classifier gave the alternative this much.
_MIN_ALT_PROB = 0.02
_MAX_PAIR_POSITIONS = 8
# Total log-probability a correction may cost: below this, a check that passes by chance
# (one in ten) is likelier than the correction being right.
_MAX_COST = -9.0
_MIN_PAIR_ALT_PROB = 0.1
# More repaired characters than this and the reading is too unsure to be trusted to check
# digits: garbage can be "repaired" into passing checks (one in ten by chance each).
_MAX_REPAIRS = 3
_OFF_CLASS_WEIGHT = 2e-3
_STATE_FIELDS = ("issuing_state", "nationality")
_STATE_CODES = tuple(code.ljust(3, "<") for code in STATES)
_STATE_INDEX = np.array([[ALPHABET.index(c) for c in code] for code in _STATE_CODES])


@dataclass(frozen=True)
class Decoded:
    lines: tuple[str, ...]
    char_confidence: tuple[tuple[float, ...], ...]
    corrections: tuple[tuple[int, int, str, str, str], ...]  # line, pos, read, new, reason
    parse: MrzParse
    raw_passed: int = 0  # check digits that passed before any repair

    @property
    def mean_confidence(self) -> float:
        flat = [c for line in self.char_confidence for c in line]
        return float(np.mean(flat)) if flat else 0.0

    def rank(self) -> tuple[int, float]:
        """Ordering of competing readings (candidates, orientations, passes): valid first,
        then checks that passed *as read* (repairs can make garbage pass) plus confidence."""
        return (int(self.parse.valid), self.raw_passed + 20.0 * self.mean_confidence)


def guess_format(probs: list[np.ndarray]) -> str | None:
    n = probs[0].shape[0]
    first = probs[0][0]
    is_visa = first[ALPHABET.index("V")] > 0.5
    code = "V" if is_visa else "P"
    return detect_format([code + "<" * (n - 1)] + ["<" * n] * (len(probs) - 1))


def decode(probs: list[np.ndarray], *, today=None) -> Decoded | None:
    """Decode one candidate MRZ: ``probs`` is one (n, len(ALPHABET)) array per line."""
    fmt = guess_format(probs)
    if fmt is None:
        return None
    classes = char_classes(fmt)
    corrections: list[tuple[int, int, str, str, str]] = []
    if _leading_stray(probs[0], fmt):
        raw = ALPHABET[int(probs[0][0].argmax())]
        filler = np.zeros((1, probs[0].shape[1]))
        filler[0, ALPHABET.index("<")] = 1.0
        probs = [np.vstack([probs[0][1:], filler]), *probs[1:]]
        corrections.append((0, 0, raw, "", "a mark before the first line read as a character"))
    constrained = []
    for p, cls in zip(probs, classes, strict=True):
        mask = np.stack([_MASKS[c] for c in cls])
        # Letters and codes: soft, so that a character the layout forbids can still win
        # when the classifier is sure of it (real documents do print digits in a
        # nationality field; the parser then says so). Digit-only positions (dates, check
        # digits): hard, since a letter there can only be a misreading or an invalid MRZ
        # either way; the change is reported as a correction below.
        weight = np.array([0.0 if c in "dD" else _OFF_CLASS_WEIGHT for c in cls])[:, None]
        q = np.where(mask, p, p * weight)
        q /= np.maximum(q.sum(axis=1, keepdims=True), 1e-12)
        constrained.append(q)
    _apply_priors(constrained, fmt)
    chars = [[ALPHABET[i] for i in q.argmax(axis=1)] for q in constrained]
    for li, (p, row) in enumerate(zip(probs, chars, strict=True)):
        raw = p.argmax(axis=1)
        for pi, ch in enumerate(row):
            seen = ALPHABET[raw[pi]]
            if seen == ch or p[pi, raw[pi]] <= 0.5:
                continue
            cls = classes[li][pi]
            if not _MASKS[cls][raw[pi]]:
                reason = f"field allows only {_CLASS_NAMES[cls]}"
            elif (li, pi) == (0, 0):
                reason = "document code (P, V, A, C or I)"
            else:  # _apply_priors' neighbour vote in a mixed letter/digit field
                reason = "neighbouring characters"
            corrections.append((li, pi, seen, ch, reason))
    for name in _STATE_FIELDS:
        li, start, end = FIELDS[fmt][name]
        code = _best_state_code(constrained[li][start:end], "".join(chars[li][start:end]))
        for k, new in enumerate(code):
            if chars[li][start + k] != new:
                corrections.append((li, start + k, chars[li][start + k], new, f"{name} code"))
                chars[li][start + k] = new
    parse = parse_mrz(["".join(c) for c in chars], today=today)
    raw_passed = sum(ok for _, ok in parse.checks)
    repaired = 0
    for spec in check_specs(fmt):
        if dict(parse.checks).get(spec.name, True):
            continue
        fix = _repair_check(chars, constrained, spec, parse, today)
        if fix is None or repaired + len(fix) > _MAX_REPAIRS:
            continue
        repaired += len(fix)
        for (li, pi), new in fix:
            corrections.append((li, pi, chars[li][pi], new, f"check digit: {spec.name}"))
            chars[li][pi] = new
        parse = parse_mrz(["".join(c) for c in chars], today=today)
    conf = tuple(
        tuple(float(q[i, ALPHABET.index(ch)]) for i, ch in enumerate(line))
        for q, line in zip(constrained, chars, strict=True)
    )
    return Decoded(
        lines=tuple("".join(c) for c in chars),
        char_confidence=conf,
        corrections=tuple(corrections),
        parse=parse,
        raw_passed=raw_passed,
    )


_FIRST_LETTERS = {"TD1": "ACI", "TD2": "ACI", "TD3": "P", "MRVA": "V", "MRVB": "V"}


def _leading_stray(first_line: np.ndarray, fmt: str) -> bool:
    """The first line read one cell early ("CP<UTO...": a mark left of the document code
    taken for a character and the last filler lost; seen on phone shots): the code then
    stands in the second cell and the line ends in filler, so moving it left by one and
    padding with '<' loses nothing. Only when the first cell cannot be a document code."""
    raw = "".join(ALPHABET[i] for i in first_line.argmax(axis=1))
    first = _FIRST_LETTERS.get(fmt, "")
    return raw[0] not in first and raw[1:2] in tuple(first) and raw.endswith("<<")


_DIGIT_MASK = np.array([c in _DIGITS for c in ALPHABET])
_LETTER_MASK = np.array([c in _LETTERS for c in ALPHABET])
_CONTEXT = 3  # neighbours on each side that vote on digit-or-letter in mixed fields


def _apply_priors(constrained: list[np.ndarray], fmt: str) -> None:
    """Soft knowledge beyond the character classes, applied in place:
    the document code's first letter (ICAO: P passports, V visas, A/C/I other documents),
    and, in fields that mix letters and digits (document numbers, optional data), the
    company a character keeps: among confidently read digits an unsure 0/O is likelier
    the digit, among letters the letter. Document numbers do mix them ("L898902C3"), so
    this only tips unsure characters; a confident 'C' stays a 'C'."""
    q0 = constrained[0][0]
    allowed = np.array([c in _FIRST_LETTERS[fmt] for c in ALPHABET])
    q0 *= np.where(allowed, 1.0, 0.05)
    q0 /= q0.sum()
    for q, cls in zip(constrained, char_classes(fmt), strict=True):
        top = q.max(axis=1)
        best = q.argmax(axis=1)
        sure_digit = _DIGIT_MASK[best] & (top > 0.8)
        sure_letter = _LETTER_MASK[best] & (top > 0.8)
        for i, c in enumerate(cls):
            if c != "x":
                continue
            lo, hi = max(0, i - _CONTEXT), min(len(cls), i + _CONTEXT + 1)
            digits = int(sure_digit[lo:hi].sum()) - int(sure_digit[i])
            letters = int(sure_letter[lo:hi].sum()) - int(sure_letter[i])
            if digits + letters < 2:
                continue
            share = (digits + 0.5) / (digits + letters + 1.0)
            q[i] *= np.where(_DIGIT_MASK, share, np.where(_LETTER_MASK, 1.0 - share, 0.5))
            q[i] /= q[i].sum()


def _best_state_code(q: np.ndarray, read: str) -> str:
    """The ICAO code the classifier finds likeliest, if it is not much less likely than
    what was read (an unknown code that is clearly printed stays, and is reported)."""
    logq = np.log(q + 1e-12)
    scores = logq[0, _STATE_INDEX[:, 0]] + logq[1, _STATE_INDEX[:, 1]] + logq[2, _STATE_INDEX[:, 2]]
    best = int(np.argmax(scores))
    read_score = float(sum(logq[k, ALPHABET.index(c)] for k, c in enumerate(read)))
    if _STATE_CODES[best] != read and scores[best] - read_score >= _MAX_COST:
        return _STATE_CODES[best]
    return read


def _repair_check(chars, constrained, spec, parse, today):
    """The most probable 1- or 2-character change that makes ``spec`` pass and breaks no
    check that passed before."""
    positions = [(li, p) for li, s, e in spec.ranges for p in range(s, e)]
    positions.append(spec.digit)
    passed_before = {name for name, ok in parse.checks if ok}
    options: list[tuple[float, tuple[int, int], str]] = []
    for li, pi in positions:
        q = constrained[li][pi]
        ch = chars[li][pi]
        cur = q[ALPHABET.index(ch)]
        for k in np.argsort(-q)[:4]:
            alt = ALPHABET[k]
            if alt == ch or q[k] < _MIN_ALT_PROB:
                continue
            options.append((float(np.log(q[k] + 1e-12) - np.log(cur + 1e-12)), (li, pi), alt))
    options.sort(key=lambda o: -o[0])

    def works(changes) -> bool:
        trial = [list(line) for line in chars]
        for (li, pi), new in changes:
            trial[li][pi] = new
        res = parse_mrz(["".join(t) for t in trial], today=today)
        got = dict(res.checks)
        return got.get(spec.name, False) and all(got.get(n, False) for n in passed_before)

    best = None
    for cost, pos, alt in options:
        if cost < _MAX_COST:
            break
        if works([(pos, alt)]):
            best = (cost, [(pos, alt)])
            break
    top = [o for o in options if _alt_prob(constrained, o) >= _MIN_PAIR_ALT_PROB]
    top = top[: _MAX_PAIR_POSITIONS * 2]
    for (c1, p1, a1), (c2, p2, a2) in itertools.combinations(top, 2):
        if p1 == p2 or c1 + c2 < _MAX_COST or (best is not None and c1 + c2 <= best[0]):
            continue
        if works([(p1, a1), (p2, a2)]):
            best = (c1 + c2, [(p1, a1), (p2, a2)])
    return None if best is None else best[1]


def _alt_prob(constrained, option) -> float:
    _, (li, pi), alt = option
    return float(constrained[li][pi][ALPHABET.index(alt)])
