"""The fictional holder of a studio document: personal data, its MRZ and its printed form.

Why separate from synth/mrzdata.py: that module draws MRZs of every state for the reader's
benchmark; here the issuing state is the specimen's (Utopia), the dates must fall inside
the specimen's issue period, and the MRZ must be rebuildable from edited data (a forger
changes a date and may or may not recompute the check digits).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from docexam.mrz.checkdigit import compute_check_digit as cd
from docexam.synth.names import name_field, random_name, to_mrz_chars

_HOLDER_STATES = ("KAZ", "KGZ", "TJK", "RUS", "UZB")  # name pools that suit Utopia
_VISA_NATIONALITIES = ("KAZ", "KGZ", "TJK", "UZB", "RUS", "TUR", "CHN", "D<<")
_PLACES = ("УТОПИЯ-СИТИ / UTOPIA CITY", "НОВОГРАД / NOVOGRAD", "АКСАЙ / AKSAI",
           "ТАЛАС / TALAS", "КАРАСУ / KARASU", "ОЗЕРНЫЙ / OZERNYI")  # fmt: skip
_AUTHORITIES = ("МВД УТОПИИ / MIA UTOPIA", "ГРС 01 / SRS 01", "ОВИР 12 / OVIR 12")


@dataclass(frozen=True)
class Holder:
    """Printed names keep their script (Cyrillic or Latin); the MRZ uses ICAO transliteration."""

    doc_code: str  # 'P', 'ID', 'V'
    issuing_state: str
    nationality: str
    doc_number: str
    surname: str
    given_names: str
    sex: str  # 'M' or 'F'
    birth: date
    issue: date
    expiry: date
    personal_number: str
    place_of_birth: str
    authority: str

    @property
    def surname_mrz(self) -> str:
        return to_mrz_chars(self.surname)

    @property
    def given_mrz(self) -> str:
        return to_mrz_chars(self.given_names)

    def to_dict(self) -> dict[str, str]:
        return {
            "document_code": self.doc_code,
            "issuing_state": self.issuing_state,
            "nationality": self.nationality,
            "document_number": self.doc_number,
            "surname": self.surname,
            "given_names": self.given_names,
            "surname_latin": self.surname_mrz.replace("<", " "),
            "given_names_latin": self.given_mrz.replace("<", " "),
            "sex": self.sex,
            "birth_date": self.birth.isoformat(),
            "issue_date": self.issue.isoformat(),
            "expiry_date": self.expiry.isoformat(),
            "personal_number": self.personal_number,
            "place_of_birth": self.place_of_birth,
            "authority": self.authority,
        }


def _days(rng: np.random.Generator, lo: date, hi: date) -> date:
    return lo + timedelta(days=int(rng.integers(0, max(1, (hi - lo).days) + 1)))


def make_holder(
    rng: np.random.Generator,
    *,
    doc_code: str,
    issuing_state: str,
    issued_from: date,
    issued_until: date,
    visa: bool = False,
) -> Holder:
    """A random holder whose document was issued inside [issued_from, issued_until]."""
    female = bool(rng.random() < 0.5)
    nationality = (
        str(_VISA_NATIONALITIES[int(rng.integers(len(_VISA_NATIONALITIES)))])
        if visa
        else issuing_state
    )
    pool = nationality if nationality in _VISA_NATIONALITIES else "KAZ"
    if not visa:
        pool = _HOLDER_STATES[int(rng.integers(len(_HOLDER_STATES)))]
    surname, given, _, _ = random_name(rng, pool, female)
    issue = _days(rng, issued_from, issued_until)
    birth = _days(rng, date(1950, 1, 1), issue - timedelta(days=18 * 366))
    if visa:
        expiry = issue + timedelta(days=int(rng.choice([30, 90, 180, 365])))
    else:
        expiry = date(issue.year + 10, issue.month, min(issue.day, 28)) - timedelta(days=1)
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    prefix = letters[int(rng.integers(len(letters)))] + letters[int(rng.integers(len(letters)))]
    number = prefix + "".join(str(int(d)) for d in rng.integers(0, 10, 7))
    personal = birth.strftime("%y%m%d") + "".join(str(int(d)) for d in rng.integers(0, 10, 6))
    return Holder(
        doc_code=doc_code,
        issuing_state=issuing_state,
        nationality=nationality,
        doc_number=number,
        surname=surname,
        given_names=given,
        sex="F" if female else "M",
        birth=birth,
        issue=issue,
        expiry=expiry,
        personal_number=personal,
        place_of_birth=_PLACES[int(rng.integers(len(_PLACES)))],
        authority=_AUTHORITIES[int(rng.integers(len(_AUTHORITIES)))],
    )


def _fit(value: str, width: int) -> str:
    return value[:width].ljust(width, "<")


def mrz_lines(h: Holder, layout: str) -> tuple[str, ...]:
    """The holder's MRZ in ``layout`` (TD1, TD2, TD3, MRVA, MRVB) with every check digit."""
    code = _fit(h.doc_code, 2)
    num = _fit(h.doc_number, 9)
    b, e = h.birth.strftime("%y%m%d"), h.expiry.strftime("%y%m%d")
    head = num + cd(num) + h.nationality + b + cd(b) + h.sex + e + cd(e)
    if layout == "TD1":
        l1 = code + h.issuing_state + num + cd(num) + _fit(h.personal_number, 15)
        l2 = b + cd(b) + h.sex + e + cd(e) + h.nationality + "<" * 11
        comp = cd(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
        return (l1, l2 + comp, name_field(h.surname_mrz, h.given_mrz, 30))
    width = {"TD2": 36, "TD3": 44, "MRVA": 44, "MRVB": 36}.get(layout)
    if width is None:
        raise ValueError(f"layout must be TD1, TD2, TD3, MRVA or MRVB, got {layout!r}")
    l1 = code + h.issuing_state + name_field(h.surname_mrz, h.given_mrz, width - 5)
    if layout == "TD3":
        pn = _fit(h.personal_number, 14)
        body = head + pn + cd(pn)
        return (l1, body + cd(body[0:10] + body[13:20] + body[21:43]))
    if layout == "TD2":
        body = head + _fit(h.personal_number, 7)
        return (l1, body + cd(body[0:10] + body[13:20] + body[21:35]))
    return (l1, head + _fit(h.personal_number, width - 28))


def _both(printed: str) -> str:
    if any("\u0400" <= c <= "\u04ff" for c in printed):
        return f"{printed} / {to_mrz_chars(printed).replace('<', ' ')}"
    return printed


def viz_values(h: Holder) -> dict[str, str]:
    """Printed values of the data fields, consistent with the MRZ."""
    fmt = "%d.%m.%Y"
    return {
        "type": h.doc_code,
        "code": h.issuing_state,
        "number": h.doc_number,
        "surname": _both(h.surname),
        "given": _both(h.given_names),
        "nationality": {"UTO": "УТОПИЯ / UTOPIA"}.get(h.nationality, h.nationality),
        "birth": h.birth.strftime(fmt),
        "sex": {"M": "М/M", "F": "Ж/F"}[h.sex],
        "place": h.place_of_birth,
        "issue": h.issue.strftime(fmt),
        "expiry": h.expiry.strftime(fmt),
        "authority": h.authority,
        "personal": h.personal_number,
        "from": h.issue.strftime(fmt),
        "until": h.expiry.strftime(fmt),
        "vtype": "C",
        "entries": "MULT",
        "stay": "30",
    }


def specimen_holder(*, doc_code: str, issuing_state: str, issue: date, visa: bool) -> Holder:
    """The fixed 'SPECIMEN' holder printed on the reference images."""
    return Holder(
        doc_code=doc_code,
        issuing_state=issuing_state,
        nationality="KAZ" if visa else issuing_state,
        doc_number="UT0000001",
        surname="ОБРАЗЕЦ",
        given_names="АЙГУЛЬ",
        sex="F",
        birth=date(1990, 3, 8),
        issue=issue,
        expiry=issue.replace(year=issue.year + (1 if visa else 10)),
        personal_number="900308000001",
        place_of_birth=_PLACES[0],
        authority=_AUTHORITIES[0],
    )
