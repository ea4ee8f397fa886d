"""Scoring a trainee's results against the answer key, and a session over its trainees.

The rules (the README's "Training" section says the same):

- The verdict of a case is the trainee's ``verdict``; when only a ``decision`` was given it
  stands for one: admitted -> consistent, refused -> suspect, referred and other ->
  inconclusive.
- Outcome per case: forged -> suspect and genuine -> consistent are ``correct``; forged ->
  consistent is ``forgery_missed``; genuine -> suspect is ``genuine_refused``; an
  inconclusive verdict is ``inconclusive`` (neither correct nor one of the two errors: the
  document was referred, not decided; it lowers the accuracy like any case not answered
  correctly, but is counted apart from the errors); a case with no answer is ``unanswered``.
- Features per answered case: ``hits`` = marked and affected, ``false_marks`` = marked but
  not affected (every mark on a genuine document), ``misses`` = affected but not marked
  (also when the verdict was right: the point is to see what is wrong). Unanswered cases
  count no features: they are reported as unanswered, so the feature figures describe the
  cases the trainee examined.
- Time: seconds per answered case and in total; with a time limit, an answered case that
  took longer is flagged ``over_time`` (it is still scored).
- Rates: accuracy = correct / cases; detection = forged cases answered suspect / forged
  cases; false refusals = genuine refused / genuine cases; feature recall = hits / (hits +
  misses); feature precision = hits / (hits + false marks). A rate without cases is None.
- A session summary adds, over every trainee's results: per forgery type (and genuine)
  how often it was missed (answered consistent for a forgery, suspect for genuine), per
  feature id how often it was affected and not marked, and per case how many got it right.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from docexam.errors import TrainingError
from docexam.training.answers import AnswerKey
from docexam.training.results import Results, check_results

OUTCOMES = ("correct", "forgery_missed", "genuine_refused", "inconclusive", "unanswered")
DECISION_VERDICT = {
    "admitted": "consistent",
    "refused": "suspect",
    "referred": "inconclusive",
    "other": "inconclusive",
}


@dataclass(frozen=True)
class CaseScore:
    case_id: str
    number: int
    answer: str
    specimen: str | None
    affected: tuple[str, ...]
    verdict: str | None  # the verdict scored (given, or derived from the decision)
    decision: str | None
    outcome: str
    hits: tuple[str, ...]
    false_marks: tuple[str, ...]
    misses: tuple[str, ...]
    seconds: float | None
    over_time: bool
    auto_verdict_shown: bool

    @property
    def genuine(self) -> bool:
        return self.answer == "genuine"


def _rate(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


@dataclass(frozen=True)
class TraineeScore:
    session_id: str
    run_id: str
    trainee: str
    started: str
    finished: str | None
    time_limit_s: float | None
    cases: tuple[CaseScore, ...]

    def counts(self) -> dict[str, Any]:
        c = Counter(x.outcome for x in self.cases)
        forged = [x for x in self.cases if not x.genuine]
        answered = [x for x in self.cases if x.outcome != "unanswered"]
        hits = sum(len(x.hits) for x in self.cases)
        false = sum(len(x.false_marks) for x in self.cases)
        misses = sum(len(x.misses) for x in self.cases)
        secs = sum(x.seconds or 0.0 for x in answered)
        return {
            "cases": len(self.cases),
            "genuine": len(self.cases) - len(forged),
            "forged": len(forged),
            "answered": len(answered),
            **{k: c[k] for k in OUTCOMES},
            "forged_suspect": sum(x.verdict == "suspect" for x in forged),
            "feature_hits": hits,
            "feature_false_marks": false,
            "feature_misses": misses,
            "over_time": sum(x.over_time for x in self.cases),
            "auto_verdict_shown": sum(x.auto_verdict_shown for x in answered),
            "seconds_total": round(secs, 1),
            "seconds_mean": round(secs / len(answered), 1) if answered else None,
        }

    def rates(self) -> dict[str, float | None]:
        k = self.counts()
        return {
            "accuracy": _rate(k["correct"], k["cases"]),
            "detection": _rate(k["forged_suspect"], k["forged"]),
            "false_refusal": _rate(k["genuine_refused"], k["genuine"]),
            "feature_recall": _rate(k["feature_hits"], k["feature_hits"] + k["feature_misses"]),
            "feature_precision": _rate(
                k["feature_hits"], k["feature_hits"] + k["feature_false_marks"]
            ),
        }

    def missed_features(self) -> Counter[str]:
        return Counter(f for x in self.cases for f in x.misses)

    def to_dict(self) -> dict[str, Any]:
        return {
            "session_id": self.session_id,
            "run_id": self.run_id,
            "trainee": self.trainee,
            "started": self.started,
            "finished": self.finished,
            "time_limit_s": self.time_limit_s,
            "counts": self.counts(),
            "rates": self.rates(),
            "cases": [asdict(x) for x in self.cases],
        }


def outcome(genuine: bool, verdict: str | None) -> str:
    """The outcome of one case by the rules in the module docstring."""
    if verdict is None:
        return "unanswered"
    if verdict == "inconclusive":
        return "inconclusive"
    if genuine:
        return "correct" if verdict == "consistent" else "genuine_refused"
    return "correct" if verdict == "suspect" else "forgery_missed"


def score_results(key: AnswerKey, results: Results, *, where: str = "the results") -> TraineeScore:
    """Score one trainee; RESULTS_MISMATCH for results of another session or package."""
    check_results(
        results,
        session_id=key.session_id,
        manifest_sha256=key.manifest_sha256,
        case_ids=key.case_ids,
        where=where,
    )
    limit = key.settings.time_limit_s
    out = []
    for n, ans in enumerate(key.cases, 1):
        r = results.response(ans.case_id)
        affected = set(ans.affected_features)
        if r is None:
            verdict, marked = None, set()
        else:
            verdict = r.verdict or DECISION_VERDICT[r.decision or "other"]
            marked = set(r.features)
        out.append(
            CaseScore(
                ans.case_id,
                n,
                ans.answer,
                ans.specimen,
                ans.affected_features,
                verdict,
                r.decision if r else None,
                outcome(ans.genuine, verdict),
                tuple(sorted(marked & affected)),
                tuple(sorted(marked - affected)),
                tuple(sorted(affected - marked)) if r else (),
                r.seconds if r else None,
                bool(r and limit is not None and r.seconds > limit),
                bool(r and r.auto_verdict_shown),
            )
        )
    return TraineeScore(
        key.session_id,
        results.run_id,
        results.trainee,
        results.started,
        results.finished,
        limit,
        tuple(out),
    )


@dataclass(frozen=True)
class SessionSummary:
    session_id: str
    title: str
    trainer: str
    trainees: tuple[TraineeScore, ...]
    by_answer: tuple[dict[str, Any], ...]  # genuine and each forgery type
    by_feature: tuple[dict[str, Any], ...]  # most missed first
    by_case: tuple[dict[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "session_id": self.session_id,
            "title": self.title,
            "trainer": self.trainer,
            "trainees": [
                {"trainee": t.trainee, "run_id": t.run_id, **t.counts(), **t.rates()}
                for t in self.trainees
            ],
            "by_answer": list(self.by_answer),
            "by_feature": list(self.by_feature),
            "by_case": list(self.by_case),
        }


def summarize(key: AnswerKey, scores: Sequence[TraineeScore]) -> SessionSummary:
    """The trainer's view of a session over every trainee's score."""
    runs = [s.run_id for s in scores]
    if len(set(runs)) != len(runs):
        raise TrainingError("the same results file is given twice", code="RESULTS_INVALID")
    answers: dict[str, Counter] = {}
    features: dict[str, Counter] = {}
    cases: dict[str, Counter] = {}
    for s in scores:
        if s.session_id != key.session_id:
            raise TrainingError(
                f"results of {s.trainee} belong to another session", code="RESULTS_MISMATCH"
            )
        for x in s.cases:
            a = answers.setdefault(x.answer, Counter())
            a["attempts"] += 1
            a[x.outcome] += 1
            cases.setdefault(x.case_id, Counter())[x.outcome] += 1
            for group, fids in (
                ("hits", x.hits),
                ("misses", x.misses),
                ("false_marks", x.false_marks),
            ):
                for fid in fids:
                    features.setdefault(fid, Counter())[group] += 1
    by_answer = []
    for ans, c in answers.items():
        wrong = c["genuine_refused"] if ans == "genuine" else c["forgery_missed"]
        decided = c["attempts"] - c["unanswered"]
        by_answer.append(
            {
                "answer": ans,
                "attempts": c["attempts"],
                "correct": c["correct"],
                "missed": wrong,
                "inconclusive": c["inconclusive"],
                "unanswered": c["unanswered"],
                "miss_rate": _rate(wrong, decided),
            }
        )
    by_answer.sort(key=lambda r: (r["answer"] == "genuine", -(r["miss_rate"] or 0), r["answer"]))
    by_feature = [
        {
            "feature": f,
            "affected": c["hits"] + c["misses"],
            "hits": c["hits"],
            "misses": c["misses"],
            "false_marks": c["false_marks"],
            "miss_rate": _rate(c["misses"], c["hits"] + c["misses"]),
        }
        for f, c in features.items()
    ]
    by_feature.sort(
        key=lambda r: (-r["misses"], -(r["miss_rate"] or 0), -r["false_marks"], r["feature"])
    )
    by_case = [
        {
            "number": n,
            "case": a.case_id,
            "answer": a.answer,
            "specimen": a.specimen,
            "attempts": sum(cases.get(a.case_id, Counter()).values()),
            **{k: cases.get(a.case_id, Counter())[k] for k in OUTCOMES},
        }
        for n, a in enumerate(key.cases, 1)
    ]
    return SessionSummary(
        key.session_id,
        key.title,
        key.trainer,
        tuple(scores),
        tuple(by_answer),
        tuple(by_feature),
        tuple(by_case),
    )
