"""Training reports as A4 PDFs: one trainee's, or the trainer's summary of a session.

Why the answers appear here and nowhere in the package: a report is made after the session,
from the key, for the trainee's debriefing (every case with its answer, what they marked,
what they missed) or for the trainer (which forgery types and features the group misses
most). Charts are reportlab.graphics bar charts (vector, no image library); the building blocks
are in ``pdfkit.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docexam.training.answers import AnswerKey
from docexam.training.jsonio import write_atomic
from docexam.training.pdfkit import A4_WIDTH, FONT_DIR, Doc, build_pdf
from docexam.training.scoring import SessionSummary, TraineeScore, summarize

OUTCOME_TEXT = {
    "correct": "correct",
    "forgery_missed": "FORGERY MISSED",
    "genuine_refused": "GENUINE REFUSED",
    "inconclusive": "inconclusive",
    "unanswered": "unanswered",
}
OUTCOME_COLOUR = {
    "correct": "#1b7f3b",
    "forgery_missed": "#c62828",
    "genuine_refused": "#c62828",
    "inconclusive": "#b26a00",
    "unanswered": "#777777",
}


def answer_title(answer: str) -> str:
    """The forgery's catalogue title (its id when it is the trainer's own), or Genuine."""
    from docexam.synth.forgeries import BY_ID

    if answer == "genuine":
        return "Genuine"
    return BY_ID[answer].title if answer in BY_ID else answer


def feature_names(key: AnswerKey) -> dict[str, str]:
    """feature id -> English name, from the bundled designs of the key's specimens."""
    from docexam.synth.designs import DESIGNS, design

    names: dict[str, str] = {}
    for sid in dict.fromkeys(c.specimen for c in key.cases if c.specimen in DESIGNS):
        for f in design(sid).features():
            names.setdefault(f.id, f.name_en)
    return names


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.0f}%"


def trainee_pdf(
    score: TraineeScore, key: AnswerKey, *, font_dir: Path = FONT_DIR, compress: bool = True
) -> bytes:
    """One trainee's report: summary, every case with its answer revealed, features missed."""
    d, w = Doc(font_dir), A4_WIDTH
    k, r = score.counts(), score.rates()
    names = feature_names(key)
    limit = f"{score.time_limit_s:g} s per case" if score.time_limit_s else "none"
    story = [
        d.p(f"Training report: {score.trainee}", "h1"),
        d.table(
            [
                ["Session", key.title],
                ["Trainer", key.trainer],
                ["Trainee", score.trainee],
                ["Started / finished (UTC)", f"{score.started} / {score.finished or '-'}"],
                ["Time limit", limit],
                ["Session id / run id", f"{key.session_id} / {score.run_id}"],
            ],
            [0.28 * w, 0.72 * w],
            header=False,
        ),
        d.p("Summary", "h2"),
    ]
    rows = [
        ["Cases", k["cases"], "Correct verdicts", f"{k['correct']} ({_pct(r['accuracy'])})"],
        [
            "Forged / genuine",
            f"{k['forged']} / {k['genuine']}",
            "Forgeries missed",
            k["forgery_missed"],
        ],
        [
            "Forgeries detected",
            _pct(r["detection"]),
            "Genuine wrongly refused",
            k["genuine_refused"],
        ],
        ["Inconclusive", k["inconclusive"], "Unanswered", k["unanswered"]],
        ["Features found (hits)", k["feature_hits"], "Features missed", k["feature_misses"]],
        [
            "Features wrongly marked",
            k["feature_false_marks"],
            "Feature recall / precision",
            f"{_pct(r['feature_recall'])} / {_pct(r['feature_precision'])}",
        ],
        [
            "Time total / per case",
            f"{k['seconds_total']} s / {k['seconds_mean'] or '-'} s",
            "Over the time limit",
            k["over_time"],
        ],
    ]
    story.append(d.table(rows, [0.22 * w, 0.28 * w, 0.25 * w, 0.25 * w], header=False))
    story.append(d.p("Cases (answers revealed)", "h2"))
    rows = [["#", "answer", "your verdict", "outcome", "features missed", "wrongly marked", "time"]]
    for c in score.cases:
        given = c.verdict or "-"
        if c.decision:
            given += f" ({c.decision})"
        secs = "-" if c.seconds is None else f"{c.seconds:.0f} s" + (" OVER" if c.over_time else "")
        rows.append(
            [
                str(c.number),
                answer_title(c.answer),
                given,
                d.p(OUTCOME_TEXT[c.outcome], "small", OUTCOME_COLOUR[c.outcome]),
                ", ".join(names.get(f, f) for f in c.misses) or "-",
                ", ".join(names.get(f, f) for f in c.false_marks) or "-",
                secs,
            ]
        )
    story.append(d.table(rows, [x * w for x in (0.05, 0.2, 0.13, 0.14, 0.22, 0.16, 0.1)]))
    missed = [(names.get(f, f), float(n)) for f, n in score.missed_features().most_common()]
    story += d.chart("Features you missed (cases)", missed, w)
    return build_pdf(
        story,
        f"docexam training report {score.trainee}",
        f"docexam training - {key.title} - {score.trainee}",
        compress,
    )


def summary_pdf(
    summary: SessionSummary, key: AnswerKey, *, font_dir: Path = FONT_DIR, compress: bool = True
) -> bytes:
    """The trainer's session summary: the group, forgery types and features missed most."""
    d, w = Doc(font_dir), A4_WIDTH
    names = feature_names(key)
    story = [
        d.p(f"Session summary: {summary.title}", "h1"),
        d.table(
            [
                ["Trainer", summary.trainer],
                ["Session id", summary.session_id],
                ["Cases / trainees", f"{len(key.cases)} / {len(summary.trainees)}"],
            ],
            [0.28 * w, 0.72 * w],
            header=False,
        ),
        d.p("Group", "h2"),
    ]
    rows = [
        [
            "trainee",
            "correct",
            "forgeries missed",
            "genuine refused",
            "inconcl.",
            "unanswered",
            "features missed",
            "wrongly marked",
            "time",
        ]
    ]
    for t in summary.trainees:
        k, r = t.counts(), t.rates()
        rows.append(
            [
                t.trainee,
                f"{k['correct']}/{k['cases']} ({_pct(r['accuracy'])})",
                k["forgery_missed"],
                k["genuine_refused"],
                k["inconclusive"],
                k["unanswered"],
                k["feature_misses"],
                k["feature_false_marks"],
                f"{k['seconds_total']:.0f} s",
            ]
        )
    story.append(d.table(rows, [x * w for x in (0.2, 0.14, 0.1, 0.1, 0.08, 0.1, 0.1, 0.09, 0.09)]))
    types = [(answer_title(a["answer"]), 100.0 * (a["miss_rate"] or 0)) for a in summary.by_answer]
    story += d.chart(
        "Missed most: share of decided answers wrong, per forgery type (genuine: wrongly refused)",
        types,
        w,
        unit="%",
    )
    feats = [
        (names.get(f["feature"], f["feature"]), float(f["misses"])) for f in summary.by_feature
    ]
    story += d.chart("Features missed most (times affected and not marked)", feats, w)
    story.append(d.p("Per forgery type", "h2"))
    rows = [["answer", "attempts", "correct", "missed", "inconclusive", "unanswered", "miss rate"]]
    rows += [
        [
            answer_title(a["answer"]),
            a["attempts"],
            a["correct"],
            a["missed"],
            a["inconclusive"],
            a["unanswered"],
            _pct(a["miss_rate"]),
        ]
        for a in summary.by_answer
    ]
    story.append(d.table(rows, [x * w for x in (0.3, 0.1, 0.1, 0.1, 0.14, 0.13, 0.13)]))
    story.append(d.p("Per case", "h2"))
    rows = [["#", "answer", "specimen", "correct", "missed/refused", "inconclusive", "unanswered"]]
    rows += [
        [
            str(c["number"]),
            answer_title(c["answer"]),
            c["specimen"] or "-",
            c["correct"],
            c["forgery_missed"] + c["genuine_refused"],
            c["inconclusive"],
            c["unanswered"],
        ]
        for c in summary.by_case
    ]
    story.append(d.table(rows, [x * w for x in (0.05, 0.27, 0.2, 0.1, 0.14, 0.12, 0.12)]))
    return build_pdf(
        story,
        f"docexam session summary {summary.title}",
        f"docexam training - {summary.title} - session {summary.session_id}",
        compress,
    )


def write_report(
    path: Path | str, key: AnswerKey, scores: Sequence[TraineeScore], *, font_dir: Path = FONT_DIR
) -> Path:
    """One score: the trainee's report; several: the trainer's session summary."""
    if not scores:
        raise ValueError("scores must hold at least one trainee's score")
    if len(scores) == 1:
        data = trainee_pdf(scores[0], key, font_dir=font_dir)
    else:
        data = summary_pdf(summarize(key, scores), key, font_dir=font_dir)
    return write_atomic(Path(path), data)
