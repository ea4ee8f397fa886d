"""The parser against the hand-checked transcriptions of the real-document development set."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from docexam.mrz.parse import parse_mrz

TODAY = datetime.date(2025, 1, 1)  # validity does not depend on it; reproducibility does
TRUTH = Path(__file__).resolve().parents[2].parent / "shared/data/real-mrz-dev/truth.json"

# Entries whose truth says icao_valid although the printed MRZ carries a state code that is
# not in ICAO 9303 Part 3. The truth's icao_valid follows check digits and the character
# set; our contract is strict ("unknown code => MRZ invalid"), so we report UNKNOWN_STATE.
# Strict xfails: if either side changes, the test says so.
_DELIBERATE = {
    "passporteye__100_id-mac.jpg": (
        "nationality is '<<<' (empty); ICAO has no empty code (XXX means unspecified)"
    ),
    "passporteye__100_id-rou.jpg": "nationality is printed '132', not an ICAO code (ROU)",
    "passporteye__100_id-si.jpg": (
        "issuing state and nationality 'SI<' are the 2-letter ISO code; ICAO uses SVN"
    ),
    "passporteye__100_pass-bdr.jpg": (
        "issuing state 'BDR' (a German specimen issuer) is not an ICAO code; Germany is 'D<<'"
    ),
}


def _entries() -> list:
    if not TRUTH.exists():
        return [pytest.param(None, id="truth-absent")]
    params = []
    for entry in json.loads(TRUTH.read_text(encoding="utf-8")):
        if not entry.get("has_mrz"):
            continue
        marks = []
        if entry["file"] in _DELIBERATE:
            marks.append(pytest.mark.xfail(reason=_DELIBERATE[entry["file"]], strict=True))
        params.append(pytest.param(entry, id=entry["file"], marks=marks))
    return params


@pytest.mark.parametrize("entry", _entries())
def test_truth_validity(entry: dict | None) -> None:
    if entry is None:
        pytest.skip(f"{TRUTH} is not present")
    r = parse_mrz(entry["lines"], today=TODAY)
    assert r.format == entry["format"]
    assert r.valid == entry["icao_valid"], [i.to_dict() for i in r.errors]


def test_deliberate_differences_are_unknown_states_only() -> None:
    if not TRUTH.exists():
        pytest.skip(f"{TRUTH} is not present")
    entries = {e["file"]: e for e in json.loads(TRUTH.read_text(encoding="utf-8"))}
    for name in _DELIBERATE:
        r = parse_mrz(entries[name]["lines"], today=TODAY)
        assert r.errors, name
        assert {i.code for i in r.errors} == {"UNKNOWN_STATE"}, name
        assert all(ok for _, ok in r.checks), name
