"""VIZ reading (tesseract) and the MRZ-VIZ cross-check on studio documents.

Studio documents are flat ("capture none"): their white images are aligned with the
manifest zones at 11.811 px/mm, so these tests measure the reading and the comparison, not
registration. Genuine documents must never disagree (false alarms), forgeries must.
"""

from __future__ import annotations

import functools
import statistics
import time
from datetime import date
from pathlib import Path

import cv2
import numpy as np
import pytest

from docexam.examine.checks.data import check_mrz_digits, check_viz_matches_mrz
from docexam.examine.viz import (
    CONFIDENT,
    FieldComparison,
    FieldReading,
    compare_with_mrz,
    read_fields,
)
from docexam.mrz.parse import parse_mrz
from docexam.mrz.reader import MrzReading
from docexam.mrz.second_reader import tesseract_available
from docexam.specimens.library import load_library
from docexam.synth.studio import make_document

pytestmark = pytest.mark.skipif(not tesseract_available(), reason="tesseract not installed")

LIBRARY = Path(__file__).resolve().parents[2] / "reference_specimens"
SPECIMENS = ("uto-passport-2015", "uto-passport-2021", "uto-id-2019", "uto-visa-2018")
TODAY = date(2026, 11, 28)


@functools.lru_cache(maxsize=1)
def _library():
    return load_library(LIBRARY)


@functools.lru_cache(maxsize=64)
def _doc(sid: str, seed: int, forgery: str | None = None):
    return make_document(sid, seed=seed, forgery=forgery)


def _degrade(img: np.ndarray, how: str, k: float) -> np.ndarray:
    if how == "blur":
        return cv2.GaussianBlur(img, (0, 0), 1.0)
    if how == "jpeg":
        _, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 70])
        return cv2.imdecode(buf, cv2.IMREAD_COLOR)
    if how == "shift":  # 0.5 mm right and down: the registration error the zones allow
        m = np.float32([[1, 0, 0.5 * k], [0, 1, 0.5 * k]])
        return cv2.warpAffine(img, m, img.shape[1::-1], borderMode=cv2.BORDER_REPLICATE)
    return img


def _compare(sid: str, seed: int, forgery: str | None = None, how: str = ""):
    """Every field comparison of the document (all pages) against its own MRZ."""
    doc = _doc(sid, seed, forgery)
    fields = parse_mrz(doc.plan.mrz, today=TODAY).fields
    out: list[FieldComparison] = []
    for page in _library().get(sid).pages:
        img = _degrade(doc.images[page.side]["white"], how, page.px_per_mm)
        out += compare_with_mrz(read_fields(img, page, px_per_mm=page.px_per_mm), page, fields)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("sid", SPECIMENS)
def test_genuine_documents_agree(sid: str) -> None:
    comparisons = [c for seed in range(10) for c in _compare(sid, seed)]
    wrong = [c for c in comparisons if c.status == "disagree"]
    assert not wrong, wrong
    readable = sum(c.status == "agree" for c in comparisons) / len(comparisons)
    assert readable >= 0.9, [c for c in comparisons if c.status != "agree"]
    for field in {c.field for c in comparisons}:  # every MRZ-linked field is mostly read
        mine = [c for c in comparisons if c.field == field]
        assert sum(c.status == "agree" for c in mine) >= 0.7 * len(mine), mine


@pytest.mark.slow
@pytest.mark.parametrize("how", ["blur", "jpeg", "shift"])
def test_degraded_genuine_documents_do_not_disagree(how: str) -> None:
    comparisons = [
        c for sid in SPECIMENS for seed in range(3) for c in _compare(sid, seed, how=how)
    ]
    assert not [c for c in comparisons if c.status == "disagree"]
    assert sum(c.status == "agree" for c in comparisons) >= 0.8 * len(comparisons)


@pytest.mark.parametrize("sid", SPECIMENS)
def test_altered_printed_birth_date_disagrees(sid: str) -> None:
    for seed in range(2):
        comparisons = _compare(sid, seed, "viz_altered")
        birth = next(c for c in comparisons if c.mrz_field == "birth_date")
        assert birth.status == "disagree", birth
        others = [c for c in comparisons if c.mrz_field != "birth_date"]
        assert not [c for c in others if c.status == "disagree"]
        feature = _library().get(sid).feature("viz_mrz")
        result = check_viz_matches_mrz(feature, comparisons)
        assert (result.status, result.code) == ("fail", "MRZ_VIZ_MISMATCH")
        assert "date of birth" in result.message.en and "дата рождения" in result.message.ru


@pytest.mark.parametrize("forgery", ["mrz_altered", "mrz_altered_recomputed"])
@pytest.mark.parametrize("sid", SPECIMENS)
def test_altered_mrz_expiry_disagrees(sid: str, forgery: str) -> None:
    for seed in range(2):
        comparisons = _compare(sid, seed, forgery)  # the forged plan's MRZ
        expiry = next(c for c in comparisons if c.mrz_field == "expiry_date")
        assert expiry.status == "disagree", expiry
        assert not [c for c in comparisons if c.status == "disagree" and c is not expiry]


def test_read_fields_speed_and_inputs_untouched() -> None:
    page = _library().get("uto-passport-2015").pages[0]
    img = _doc("uto-passport-2015", 1).images["data_page"]["white"].copy()
    before = img.copy()
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        readings = read_fields(img, page, px_per_mm=page.px_per_mm)
        times.append(time.perf_counter() - t0)
    assert np.array_equal(img, before)
    assert set(readings) == {f.id for f in page.fields if f.mrz_field}
    assert statistics.median(times) < 2.0  # about 0.25 s CPU; generous for loaded CI
    everything = read_fields(img, page, px_per_mm=page.px_per_mm, only_mrz_fields=False)
    assert set(everything) == {f.id for f in page.fields}


def test_blank_page_reads_nothing_and_is_inconclusive() -> None:
    spec = _library().get("uto-passport-2015")
    page = spec.pages[0]
    blank = np.full((*page.size_px[::-1], 3), 255, np.uint8)
    readings = read_fields(blank, page, px_per_mm=page.px_per_mm)
    assert all(r.text == "" and r.confidence == 0.0 for r in readings.values())
    fields = parse_mrz(_doc("uto-passport-2015", 1).plan.mrz, today=TODAY).fields
    comparisons = compare_with_mrz(readings, page, fields)
    assert {c.status for c in comparisons} == {"unreadable"}
    result = check_viz_matches_mrz(spec.feature("viz_mrz"), comparisons)
    assert (result.status, result.code) == ("inconclusive", "VIZ_UNREADABLE")


# --- comparison rules without OCR -----------------------------------------------------------
def _fields():
    lines = ("P<UTOIVANOVA<<ANNA".ljust(44, "<"), "ZT22758479UTO5508062F2801278550806207906<<20")
    return parse_mrz(lines, today=TODAY).fields


def _one(field_id: str, text: str, conf: float = 95.0) -> FieldComparison:
    page = _library().get("uto-passport-2015").pages[0]
    readings = {field_id: FieldReading(field_id, text, conf)}
    return compare_with_mrz(readings, page, _fields())[0]


@pytest.mark.parametrize(
    ("field_id", "text", "status"),
    [
        ("birth", "06.08.1955", "agree"),
        ("birth", "06.08.1957", "disagree"),
        ("birth", "31.02.1955", "unreadable"),  # not a date: noise, not a different date
        ("expiry", "27.01.2028", "agree"),
        ("expiry", "27.01.2033", "disagree"),
        ("number", "ZT2275847", "agree"),
        ("number", "ZT22758A7", "doubtful"),  # one character: a misreading or an alteration
        ("number", "ZT22798A7", "disagree"),
        ("number", "2T2275847", "agree"),  # Z read as 2 (phone shots)
        ("personal", "550806207905", "doubtful"),
        ("number", "2T", "unreadable"),
        ("number", "ZT 2275847", "agree"),
        ("number", "G4709184", "unreadable"),  # a character lost: not clearly another number
        ("personal", "55O8O62O79O6", "agree"),  # O read for 0 where the MRZ has digits
        ("surname", "ИВАНОВА / IVANOVA", "agree"),
        ("surname", "ИВАНОВА / IVANQVA", "agree"),  # one OCR error in a long name
        ("surname", "ПЕТРЕНКО / PETRENKO", "disagree"),
        ("given", "АННА / ANNA", "agree"),
        ("sex", "Ж/F", "agree"),
        ("sex", "М/M", "disagree"),
        ("sex", "M/F", "agree"),
        ("nationality", "УТОПИЯ / UTOPIA", "agree"),
        ("code", "UTO", "agree"),
        ("code", "KAZ", "disagree"),
        ("code", "UT", "unreadable"),  # not a state code: a misreading (TK for TJK)
        ("code", "TTO", "doubtful"),  # another state's code, one letter off
        ("type", "P", "agree"),
        ("type", "", "unreadable"),
    ],
)
def test_comparison_rules(field_id: str, text: str, status: str) -> None:
    assert _one(field_id, text).status == status


def test_against_an_unsurely_read_mrz_a_difference_is_only_doubtful() -> None:
    page = _library().get("uto-passport-2015").pages[0]
    readings = {"birth": FieldReading("birth", "06.08.1957", 95.0)}
    (c,) = compare_with_mrz(readings, page, _fields(), mrz_sure=False)
    assert c.status == "doubtful" and "not read surely" in c.reason


def test_a_low_confidence_difference_is_never_a_disagreement() -> None:
    assert _one("birth", "06.08.1957", conf=CONFIDENT - 1).status == "unreadable"
    assert _one("birth", "06.08.1955", conf=10).status == "agree"


def test_mrz_check_digits() -> None:
    feature = _library().get("uto-passport-2015").feature("mrz_check_digits")
    missing = check_mrz_digits(feature, None)
    assert (missing.status, missing.code) == ("inconclusive", "MRZ_NOT_FOUND")
    assert missing.message.ru
    good = parse_mrz(_doc("uto-passport-2015", 1).plan.mrz, today=TODAY)
    ok = check_mrz_digits(feature, MrzReading(found=True, parse=good, confidence=0.9))
    assert (ok.status, ok.code) == ("pass", None)
    forged = parse_mrz(_doc("uto-passport-2015", 1, "mrz_altered").plan.mrz, today=TODAY)
    bad = check_mrz_digits(feature, MrzReading(found=True, parse=forged, confidence=0.9))
    assert (bad.status, bad.code) == ("fail", "MRZ_INVALID")
    assert "date of expiry" in bad.message.en and "срок действия" in bad.message.ru
    # read unsurely, an invalid MRZ may be a misreading: not a finding, but not a pass
    unsure = check_mrz_digits(feature, MrzReading(found=True, parse=forged, confidence=0.7))
    assert (unsure.status, unsure.code) == ("inconclusive", "MRZ_UNCERTAIN")
    assert "0.70" in unsure.message.en and unsure.message.ru
    # a slipped grid: a good mean, but some characters read at chance
    chars = tuple(tuple([1.0] * len(line)) for line in forged.lines)
    chars = ((0.3, *chars[0][1:]), *chars[1:])
    slipped = MrzReading(found=True, parse=forged, confidence=0.95, char_confidence=chars)
    assert check_mrz_digits(feature, slipped).code == "MRZ_UNCERTAIN"


def test_viz_check_statuses() -> None:
    feature = _library().get("uto-passport-2015").feature("viz_mrz")

    def comp(field: str, status: str) -> FieldComparison:
        return FieldComparison(field, field, "x", "y", status, "")

    agree = [comp("birth_date", "agree"), comp("surname", "agree"), comp("sex", "unreadable")]
    passed = check_viz_matches_mrz(feature, agree)
    assert (passed.status, passed.code) == ("pass", None)
    assert "sex" in passed.message.en
    few = check_viz_matches_mrz(feature, [comp("surname", "agree"), comp("sex", "unreadable")])
    assert (few.status, few.code) == ("inconclusive", "VIZ_UNREADABLE")
    bad = check_viz_matches_mrz(feature, [*agree, comp("expiry_date", "disagree")])
    assert (bad.status, bad.code) == ("fail", "MRZ_VIZ_MISMATCH")
    assert "date of expiry" in bad.message.en and bad.details["disagree"] == ["expiry_date"]
    odd = check_viz_matches_mrz(feature, [*agree, comp("document_number", "doubtful")])
    assert (odd.status, odd.code) == ("inconclusive", "VIZ_DOUBTFUL")
    assert "document number" in odd.message.en and "номер документа" in odd.message.ru
    both = check_viz_matches_mrz(feature, [*agree, comp("expiry_date", "disagree"),
                                           comp("document_number", "doubtful")])  # fmt: skip
    assert (both.status, both.code) == ("fail", "MRZ_VIZ_MISMATCH")


def test_a_date_missing_its_first_digit_is_unreadable_not_another_date() -> None:
    from docexam.examine.viz import _cmp_date

    assert _cmp_date("3.01.2030", "2030-01-18")[0] == "unreadable"  # "18" lost its "1"
    assert _cmp_date("13.01.2030", "2030-01-18")[0] == "disagree"
    assert _cmp_date("О6.08.1955", "1955-08-06")[0] == "agree"  # Cyrillic О read for 0
    assert _cmp_date("06 АВГ/AUG 1955", "1955-08-07")[0] == "disagree"
