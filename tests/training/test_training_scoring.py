"""Scoring rules on hand-made keys and results: every outcome counted where it belongs."""

from __future__ import annotations

import pytest
from training_samples import hand_key, hand_results

from docexam.errors import TrainingError
from docexam.training import score_results, summarize
from docexam.training.scoring import outcome

KEY = hand_key(
    [
        ("c1", "genuine", ()),
        ("c2", "genuine", ()),
        ("c3", "photo_substitution", ("printed_portrait", "ghost_image", "uv_overprint")),
        ("c4", "uv_print_missing", ("uv_emblem",)),
        ("c5", "counterfeit_reprint", ("uv_fibres", "ir_data")),
        ("c6", "genuine", ()),
        ("c7", "viz_altered", ("viz_mrz",)),
    ]
)


def test_outcome_table():
    assert outcome(True, "consistent") == "correct"
    assert outcome(False, "suspect") == "correct"
    assert outcome(False, "consistent") == "forgery_missed"
    assert outcome(True, "suspect") == "genuine_refused"
    assert outcome(True, "inconclusive") == outcome(False, "inconclusive") == "inconclusive"
    assert outcome(True, None) == outcome(False, None) == "unanswered"


def test_each_outcome_and_feature_mark_is_counted():
    res = hand_results(
        [
            {"case": "c1", "verdict": "consistent", "seconds": 20},  # correct
            {
                "case": "c2",
                "verdict": "suspect",
                "features": ["guilloche"],
                "seconds": 75,
            },  # refused
            {
                "case": "c3",
                "verdict": "suspect",
                "features": ["printed_portrait", "ghost_image", "microprint"],
                "seconds": 30,
            },
            {"case": "c4", "verdict": "consistent", "seconds": 10},  # forgery missed
            {"case": "c5", "verdict": "inconclusive", "features": ["uv_fibres"], "seconds": 61},
            {"case": "c6", "decision": "admitted", "seconds": 5},  # decision only: consistent
            # c7 unanswered
        ]
    )
    s = score_results(KEY, res)
    by = {c.case_id: c for c in s.cases}
    assert [by[c].outcome for c in ("c1", "c2", "c3", "c4", "c5", "c6", "c7")] == [
        "correct",
        "genuine_refused",
        "correct",
        "forgery_missed",
        "inconclusive",
        "correct",
        "unanswered",
    ]
    assert by["c3"].hits == ("ghost_image", "printed_portrait")
    assert by["c3"].false_marks == ("microprint",)
    assert by["c3"].misses == ("uv_overprint",)
    assert by["c2"].false_marks == ("guilloche",) and by["c2"].misses == ()
    assert by["c4"].misses == ("uv_emblem",) and by["c4"].hits == ()
    assert by["c5"].hits == ("uv_fibres",) and by["c5"].misses == ("ir_data",)
    assert by["c6"].verdict == "consistent" and by["c6"].decision == "admitted"
    # unanswered: no feature counted, no time, not over time
    assert by["c7"].misses == () and by["c7"].seconds is None and not by["c7"].over_time
    assert [c.case_id for c in s.cases if c.over_time] == ["c2", "c5"]  # 75 s, 61 s > 60 s
    k = s.counts()
    assert k == {
        "cases": 7,
        "genuine": 3,
        "forged": 4,
        "answered": 6,
        "correct": 3,
        "forgery_missed": 1,
        "genuine_refused": 1,
        "inconclusive": 1,
        "unanswered": 1,
        "forged_suspect": 1,
        "feature_hits": 3,
        "feature_false_marks": 2,
        "feature_misses": 3,
        "over_time": 2,
        "auto_verdict_shown": 0,
        "seconds_total": 201.0,
        "seconds_mean": 33.5,
    }
    r = s.rates()
    assert r["accuracy"] == round(3 / 7, 4)
    assert r["detection"] == 0.25  # c3 of 4 forged
    assert r["false_refusal"] == round(1 / 3, 4)
    assert r["feature_recall"] == 0.5 and r["feature_precision"] == 0.6
    assert s.missed_features() == {"uv_overprint": 1, "uv_emblem": 1, "ir_data": 1}


def test_decisions_stand_for_verdicts_and_a_verdict_wins_over_a_decision():
    key = hand_key([("a", "genuine", ()), ("b", "mrz_altered", ()), ("c", "genuine", ())])
    res = hand_results(
        [
            {"case": "a", "decision": "refused", "seconds": 1},
            {"case": "b", "decision": "referred", "seconds": 1},
            {"case": "c", "verdict": "consistent", "decision": "refused", "seconds": 1},
        ]
    )
    assert [c.outcome for c in score_results(key, res).cases] == [
        "genuine_refused",
        "inconclusive",
        "correct",
    ]


def test_no_time_limit_flags_nothing_and_auto_verdicts_are_counted():
    key = hand_key([("a", "genuine", ())], limit=None)
    res = hand_results(
        [{"case": "a", "verdict": "consistent", "seconds": 9999, "auto_verdict_shown": True}]
    )
    s = score_results(key, res)
    assert not s.cases[0].over_time and s.counts()["auto_verdict_shown"] == 1


def test_results_of_another_session_or_package_or_with_unknown_cases_are_refused():
    with pytest.raises(TrainingError) as e:
        score_results(KEY, hand_results([], session="other"))
    assert e.value.code == "RESULTS_MISMATCH"
    other = hand_results([])
    other = type(other)(**{**other.__dict__, "manifest_sha256": "cd" * 32})
    with pytest.raises(TrainingError) as e:
        score_results(KEY, other)
    assert e.value.code == "RESULTS_MISMATCH" and "manifest" in e.value.message
    with pytest.raises(TrainingError) as e:
        score_results(KEY, hand_results([{"case": "zz", "verdict": "suspect", "seconds": 1}]))
    assert e.value.code == "RESULTS_INVALID" and "zz" in e.value.message


def test_session_summary_ranks_forgery_types_and_features_missed_most():
    a = hand_results(
        [
            {"case": "c3", "verdict": "consistent", "seconds": 1},
            {"case": "c4", "verdict": "consistent", "seconds": 1},
            {"case": "c1", "verdict": "suspect", "seconds": 1},
        ],
        run="r-a",
        trainee="A",
    )
    b = hand_results(
        [
            {"case": "c3", "verdict": "suspect", "features": ["ghost_image"], "seconds": 1},
            {"case": "c4", "verdict": "consistent", "seconds": 1},
            {
                "case": "c5",
                "verdict": "suspect",
                "features": ["uv_fibres", "ir_data"],
                "seconds": 1,
            },
        ],
        run="r-b",
        trainee="B",
    )
    summary = summarize(KEY, [score_results(KEY, a), score_results(KEY, b)])
    rows = {r["answer"]: r for r in summary.by_answer}
    assert rows["uv_print_missing"]["missed"] == 2 and rows["uv_print_missing"]["miss_rate"] == 1.0
    assert rows["photo_substitution"]["missed"] == 1 and rows["photo_substitution"]["correct"] == 1
    assert rows["genuine"]["missed"] == 1  # A refused c1
    assert rows["viz_altered"]["unanswered"] == 2 and rows["viz_altered"]["miss_rate"] is None
    assert summary.by_answer[0]["answer"] == "uv_print_missing"  # missed most first
    feats = {r["feature"]: r for r in summary.by_feature}
    assert feats["printed_portrait"]["misses"] == 2 and feats["ghost_image"]["hits"] == 1
    assert feats["uv_emblem"]["misses"] == 2 and feats["ir_data"]["hits"] == 1
    assert summary.by_feature[0]["misses"] == 2
    case3 = next(c for c in summary.by_case if c["case"] == "c3")
    assert case3["correct"] == 1 and case3["forgery_missed"] == 1
    with pytest.raises(TrainingError, match="twice"):
        summarize(KEY, [score_results(KEY, a), score_results(KEY, a)])
