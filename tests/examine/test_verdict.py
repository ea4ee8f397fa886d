"""Verdict rules: a failure is suspect, blocking problems are inconclusive, order by weight."""

from __future__ import annotations

from docexam.examine.results import FeatureResult, Message
from docexam.examine.verdict import decide, reason

M = Message("m", "м")


def _f(fid, status, code=None, ftype="guilloche"):
    return FeatureResult(fid, ftype, "white", status, 0.5, 0.5, code, M)


def test_all_pass_is_consistent():
    v, reasons, unchecked = decide([_f("a", "pass"), _f("b", "pass"),
                                    _f("m", "pass", ftype="mrz_integrity")])  # fmt: skip
    assert v == "consistent" and reasons == () and unchecked == ()


def test_any_fail_is_suspect_and_heaviest_reason_first():
    v, reasons, _ = decide([_f("a", "fail", "COLOUR_SHIFT"), _f("b", "fail", "MRZ_INVALID"),
                            _f("c", "pass")])  # fmt: skip
    assert v == "suspect"
    assert [r.code for r in reasons] == ["MRZ_INVALID", "COLOUR_SHIFT"]


def test_too_much_unjudged_is_inconclusive_and_listed():
    v, _, unchecked = decide([_f("a", "pass"), _f("b", "inconclusive", "ZONE_GLARE"),
                              _f("c", "inconclusive", "ZONE_GLARE")])  # fmt: skip
    assert v == "inconclusive" and set(unchecked) == {"b", "c"}


def test_not_checked_lights_do_not_make_it_consistent_silently():
    v, _, unchecked = decide([_f("a", "pass"), _f("uv", "not_checked", "LIGHT_MISSING")])
    assert v == "consistent" and unchecked == ("uv",)


def test_blocking_reason_wins_over_passing_checks():
    v, reasons, _ = decide([_f("a", "pass")], [reason("UNKNOWN_DOCUMENT", M)])
    assert v == "inconclusive" and reasons[0].code == "UNKNOWN_DOCUMENT"


def test_expiry_is_a_reason_but_not_a_forgery():
    v, reasons, _ = decide([_f("a", "pass"), _f("m", "pass", ftype="mrz_integrity")],
                           [reason("DOCUMENT_EXPIRED", M)])  # fmt: skip
    assert v == "consistent" and reasons[0].code == "DOCUMENT_EXPIRED"


def test_nothing_checked_is_never_consistent():
    assert decide([])[0] == "inconclusive"


def test_a_light_of_another_document_does_not_hide_a_failure_under_the_others():
    from docexam.examine.results import FeatureResult, Message
    from docexam.examine.verdict import decide, reason

    m = Message("x", "х")
    failed = FeatureResult("uv_dull", "uv_dull_substrate", "uv365", "fail", 2.5, 1.6,
                           "UV_BRIGHT_SUBSTRATE", m)  # fmt: skip
    passed = FeatureResult("guilloche", "guilloche", "white", "pass", 0.9, 0.5, None, m)
    mismatch = [reason("LIGHT_MISMATCH", m)]
    assert decide([failed, passed], mismatch)[0] == "suspect"
    verdict, reasons, _ = decide([passed], mismatch)
    assert verdict == "inconclusive" and reasons[0].code == "LIGHT_MISMATCH"
    assert decide([failed, passed], [reason("NO_DOCUMENT", m)])[0] == "inconclusive"


def test_a_doubtful_printed_field_makes_it_inconclusive_not_suspect():
    ok = [_f("a", "pass"), _f("b", "pass"), _f("m", "pass", ftype="mrz_integrity")]
    odd = _f("viz", "inconclusive", "VIZ_DOUBTFUL", ftype="data_consistency")
    v, reasons, _ = decide([*ok, odd])
    assert v == "inconclusive" and reasons[0].code == "VIZ_DOUBTFUL"
    # too few fields read is no reason to withhold the verdict the images support
    few = _f("viz", "inconclusive", "VIZ_UNREADABLE", ftype="data_consistency")
    assert decide([*ok, few])[0] == "consistent"


def test_an_unsure_invalid_mrz_is_inconclusive():
    unsure = _f("m", "inconclusive", "MRZ_UNCERTAIN", ftype="mrz_integrity")
    assert decide([_f("a", "pass"), _f("b", "pass"), unsure])[0] == "inconclusive"
