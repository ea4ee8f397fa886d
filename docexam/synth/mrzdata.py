"""Random but plausible, ICAO-valid MRZ contents for every layout (TD1, TD2, TD3, MRV-A/B).

Why: the reader, its tests and its benchmark need many fictional documents whose every
check digit is right (so a mismatch is the reader's fault), with the quirks met at the
border: long transliterated names that get truncated, document numbers longer than nine
characters (TD1/TD2), filler ('<') personal-number check digits, X and '<' sex codes,
visas whose issuer differs from the holder's nationality. All arithmetic goes through
docexam.mrz.checkdigit; field positions follow /work/shared/docs/icao-mrz-facts.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from docexam.mrz.checkdigit import compute_check_digit as cd
from docexam.synth.names import name_field, random_name

LAYOUTS: tuple[str, ...] = ("TD1", "TD2", "TD3", "MRVA", "MRVB")
LAYOUT_SHAPE: dict[str, tuple[int, int]] = {
    "TD1": (3, 30),
    "TD2": (2, 36),
    "TD3": (2, 44),
    "MRVA": (2, 44),
    "MRVB": (2, 36),
}
# Fixed "today" so that generation never depends on the clock (determinism).
REFERENCE_DATE = date(2026, 9, 1)

_STATES = ("KAZ", "KGZ", "TJK", "UZB", "RUS", "UTO", "D<<", "FRA", "ESP", "TUR", "CHN", "USA")
_STATE_P = np.array([18, 11, 11, 13, 13, 10, 6, 3, 3, 4, 4, 4], dtype=float)
_STATE_P /= _STATE_P.sum()
_NONSTATE = ("XXA", "XXB", "XXC", "UNO")  # stateless, refugees, UN: holder names from AFG
_DIGITS = "0123456789"
_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


@dataclass(frozen=True)
class MrzRecord:
    """One fictional holder and document: the printed facts and the MRZ lines built from them."""

    layout: str
    lines: tuple[str, ...]
    doc_code: str
    issuing_state: str
    nationality: str
    doc_number: str
    surname: str  # as printed (Cyrillic or Latin with diacritics)
    given_names: str
    sex: str
    birth: date
    issue: date
    expiry: date
    personal_number: str


def _s(rng: np.random.Generator, alphabet: str, n: int) -> str:
    return "".join(alphabet[int(i)] for i in rng.integers(len(alphabet), size=n))


def _yymmdd(d: date) -> str:
    return d.strftime("%y%m%d")


def _add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _doc_number(rng: np.random.Generator, state: str, layout: str) -> str:
    """A number in the style of the state; TD1/TD2 sometimes get 10-13 characters."""
    if layout in ("TD1", "TD2") and rng.random() < 0.15:
        return _s(rng, "ABCDEFGHJKLMNPRSTUVWXYZ", 1) + _s(rng, _DIGITS, int(rng.integers(9, 13)))
    card = layout in ("TD1", "TD2")
    match state:
        case "KAZ":
            return _s(rng, _DIGITS, 9) if card else "N" + _s(rng, _DIGITS, 8)
        case "KGZ":
            return ("ID" if card else "AC") + _s(rng, _DIGITS, 7)
        case "UZB":
            return ("AD" if card else _s(rng, "ACF", 1) + _s(rng, "ABK", 1)) + _s(rng, _DIGITS, 7)
        case "RUS" | "TJK":
            return _s(rng, _DIGITS, 9)
        case "D<<":
            return _s(rng, "CFGHJKLMNPRTVWXYZ", 1) + _s(rng, "CFGHJKLMNPRTVWXYZ0123456789", 8)
        case "UTO":
            return _s(rng, "LD", 1) + _s(rng, _DIGITS, 6) + _s(rng, "ABC", 1)  # 8 characters
        case _:
            return _s(rng, "ABCEGKP", int(rng.integers(1, 3))) + _s(rng, _DIGITS, 7)


def _personal_number(rng: np.random.Generator, state: str, birth: date) -> str:
    """Personal-number / optional data content (may be empty)."""
    if state == "KAZ" and rng.random() < 0.8:  # IIN: birth date + 6 digits
        return _yymmdd(birth) + _s(rng, _DIGITS, 6)
    if state == "UZB" and rng.random() < 0.7:  # 14-digit personal number
        return _s(rng, "3456", 1) + _s(rng, _DIGITS, 13)
    if state in ("RUS", "D<<") or rng.random() < 0.4:
        return ""
    return _s(rng, _ALNUM, int(rng.integers(4, 12)))


def _fit(value: str, width: int) -> str:
    return value[:width].ljust(width, "<")


def random_record(rng: np.random.Generator, layout: str) -> MrzRecord:
    """A random fictional holder and document of ``layout`` with a fully valid MRZ."""
    if layout not in LAYOUT_SHAPE:
        raise ValueError(f"layout must be one of {LAYOUTS}, got {layout!r}")
    visa = layout.startswith("MRV")
    state = str(_STATES[int(rng.choice(len(_STATES), p=_STATE_P))])
    nationality = state
    if visa or rng.random() < 0.1:  # visas, residence permits: holder from elsewhere
        nationality = str(_STATES[int(rng.choice(len(_STATES), p=_STATE_P))])
    if not visa and rng.random() < 0.03:
        nationality = str(_NONSTATE[int(rng.integers(len(_NONSTATE)))])
    if visa:
        code = "V<"
    elif layout == "TD3":
        code = str(rng.choice(["P<", "P<", "P<", "P<", "PD", "PO"]))
    else:
        code = str(rng.choice(["I<", "ID", "ID", "IR", "AC"]))
    r = rng.random()
    sex = "M" if r < 0.48 else "F" if r < 0.96 else "X" if r < 0.98 else "<"
    female = sex == "F" or (sex in "X<" and rng.random() < 0.5)
    name_state = nationality if nationality in _STATES else "AFG"
    sur, given, primary, secondary = random_name(rng, name_state, female)

    age_days = int(rng.integers(0, 85 * 365))
    birth = REFERENCE_DATE - timedelta(days=age_days)
    max_age = 365 if visa else 3650  # visas are short-lived: issue them recently
    issue = REFERENCE_DATE - timedelta(days=int(rng.integers(0, min(age_days, max_age) + 1)))
    if visa:
        expiry = issue + timedelta(days=int(rng.choice([30, 90, 180, 365, 730])))
    else:
        years = 10 if (REFERENCE_DATE - birth).days > 18 * 365 else 5
        expiry = _add_years(issue, years) - timedelta(days=1)
    number = _doc_number(rng, state, layout)
    pn = _personal_number(rng, nationality if visa else state, birth)

    long_num = len(number) > 9
    num9 = number[:9] if long_num else number.ljust(9, "<")
    num_cd = "<" if long_num else cd(num9)
    overflow = number[9:] + cd(number) + "<" if long_num else ""
    dates = _yymmdd(birth) + cd(_yymmdd(birth)) + sex + _yymmdd(expiry) + cd(_yymmdd(expiry))
    rows, width = LAYOUT_SHAPE[layout]

    if layout == "TD1":
        l1 = code + state + num9 + num_cd + _fit(overflow + pn, 15)
        opt2 = _s(rng, _DIGITS, int(rng.integers(1, 11))) if rng.random() < 0.2 else ""
        l2 = dates + nationality + _fit(opt2, 11)
        comp = cd(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
        lines: tuple[str, ...] = (l1, l2 + comp, name_field(primary, secondary, 30))
    else:
        l1 = code + state + name_field(primary, secondary, width - 5)
        head = num9 + num_cd + nationality + dates
        if layout == "TD2":
            body = head + _fit(overflow or pn[:7], 7)
            lines = (l1, body + cd(body[0:10] + body[13:20] + body[21:35]))
        elif layout == "TD3":
            field = _fit(pn, 14)
            pn_cd = cd(field) if pn or rng.random() < 0.6 else "<"
            body = head + field + pn_cd
            lines = (l1, body + cd(body[0:10] + body[13:20] + body[21:43]))
        else:
            lines = (l1, head + _fit(pn, width - 28))
    assert all(len(x) == width for x in lines) and len(lines) == rows
    return MrzRecord(
        layout=layout,
        lines=lines,
        doc_code=code.rstrip("<"),
        issuing_state=state,
        nationality=nationality,
        doc_number=number,
        surname=sur,
        given_names=given,
        sex=sex,
        birth=birth,
        issue=issue,
        expiry=expiry,
        personal_number=pn,
    )


def random_mrz(rng: np.random.Generator, layout: str) -> tuple[str, ...]:
    """Valid MRZ lines of ``layout`` ('TD1', 'TD2', 'TD3', 'MRVA', 'MRVB') drawn from ``rng``."""
    return random_record(rng, layout).lines
