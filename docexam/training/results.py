"""A trainee's answers: recorded while the session runs, saved as the results file.

Why an engine API and not a UI format: the trainee's application writes the file and the
trainer's docexam reads it on another machine, so both sides use these functions and the
checks on reading (format, the session and package it belongs to, known cases, no case
twice, verdicts from the closed list) are the same everywhere.

Results file (``results.json`` / ``.dxr``)::

    {"format": "docexam-training-results", "format_version": 1,
     "run_id": "<uuid>", "session_id": "<uuid>", "manifest_sha256": "<hex>",
     "trainee": "Иванова К.", "started": "<UTC>", "finished": "<UTC>",
     "answers": [{"case": "3f9a02c1", "verdict": "suspect", "decision": "refused",
                  "features": ["uv_emblem"], "seconds": 41.5,
                  "auto_verdict_shown": false, "answered": "<UTC>"}]}

A case's ``verdict`` (consistent | suspect | inconclusive) and ``decision`` (admitted |
refused | referred | other, as in the log) may each be absent, not both. Cases the trainee
did not answer are simply not listed.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from docexam.errors import TrainingError
from docexam.examlog.canonical import utc_text
from docexam.examlog.types import DECISIONS
from docexam.training.jsonio import ID_RE, VERDICTS, Fields, dumps, read_json, write_atomic
from docexam.training.package import SessionPackage

FORMAT = "docexam-training-results"
FORMAT_VERSION = 1
_CODE = "RESULTS_INVALID"


@dataclass(frozen=True)
class CaseResponse:
    case_id: str
    verdict: str | None
    decision: str | None
    features: tuple[str, ...]  # feature ids the trainee marked as faulty
    seconds: float
    auto_verdict_shown: bool = False
    answered: str | None = None  # UTC

    def to_dict(self) -> dict[str, Any]:
        return {
            "case": self.case_id,
            "verdict": self.verdict,
            "decision": self.decision,
            "features": list(self.features),
            "seconds": round(self.seconds, 3),
            "auto_verdict_shown": self.auto_verdict_shown,
            "answered": self.answered,
        }


@dataclass(frozen=True)
class Results:
    run_id: str
    session_id: str
    manifest_sha256: str
    trainee: str
    started: str
    finished: str | None
    answers: tuple[CaseResponse, ...]

    def response(self, case_id: str) -> CaseResponse | None:
        return next((a for a in self.answers if a.case_id == case_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "run_id": self.run_id,
            "session_id": self.session_id,
            "manifest_sha256": self.manifest_sha256,
            "trainee": self.trainee,
            "started": self.started,
            "finished": self.finished,
            "answers": [a.to_dict() for a in self.answers],
        }


def response(
    case_id: str,
    *,
    verdict: str | None = None,
    decision: str | None = None,
    features: Iterable[str] = (),
    seconds: float,
    auto_verdict_shown: bool = False,
    answered: str | None = None,
) -> CaseResponse:
    """A checked answer to one case (ValueError naming the bad parameter)."""
    if verdict is None and decision is None:
        raise ValueError("give a verdict or a decision (or both)")
    if verdict is not None and verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}, got {verdict!r}")
    if decision is not None and decision not in DECISIONS:
        raise ValueError(f"decision must be one of {', '.join(DECISIONS)}, got {decision!r}")
    feats = tuple(dict.fromkeys(features))
    bad = [f for f in feats if not isinstance(f, str) or not ID_RE.match(f)]
    if bad:
        raise ValueError(f"features must be feature ids, got {bad[0]!r}")
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not 0 <= seconds < 1e7:
        raise ValueError(f"seconds must be a number of seconds >= 0, got {seconds!r}")
    return CaseResponse(
        case_id, verdict, decision, feats, float(seconds), bool(auto_verdict_shown), answered
    )


class TraineeRun:
    """One trainee taking one session: answers recorded case by case, then saved.

    The latest answer to a case replaces an earlier one (a trainee may go back);
    ``seconds`` is the whole time the trainee spent on that case: give it, or call
    ``begin_case`` when the case is shown and leave ``seconds`` out (monotonic clock).
    ``save(path, finish=False)`` writes an unfinished run (an autosave), and
    ``TraineeRun.resume`` continues one after a restart.
    """

    def __init__(
        self, package: SessionPackage, *, trainee: str, started: datetime | None = None
    ) -> None:
        if not isinstance(trainee, str) or not trainee.strip():
            raise ValueError("trainee must name the trainee (not empty)")
        self.package = package
        self.trainee = trainee.strip()
        self.run_id = str(uuid.uuid4())
        self.started = utc_text(started)
        self.finished: str | None = None
        self._answers: dict[str, CaseResponse] = {}
        self._shown: dict[str, float] = {}

    @classmethod
    def resume(cls, package: SessionPackage, results: Results) -> TraineeRun:
        """Continue a saved run (same run id, its answers kept); RESULTS_MISMATCH when the
        results belong to another package."""
        check_results(
            results,
            session_id=package.id,
            manifest_sha256=package.manifest_sha256,
            case_ids=package.manifest.case_ids,
            where="the saved run",
        )
        run = cls(package, trainee=results.trainee)
        run.run_id, run.started = results.run_id, results.started
        run._answers = {a.case_id: a for a in results.answers}
        return run

    @property
    def answers(self) -> Mapping[str, CaseResponse]:
        return dict(self._answers)

    def unanswered(self) -> list[str]:
        return [c for c in self.package.manifest.case_ids if c not in self._answers]

    def _case(self, case_id: str) -> str:
        if case_id not in self.package.manifest.case_ids:
            raise ValueError(f"case_id {case_id!r} is not a case of session {self.package.id}")
        return case_id

    def begin_case(self, case_id: str) -> None:
        """The case is on screen now: its time runs from here."""
        self._shown[self._case(case_id)] = time.monotonic()

    def record_answer(
        self,
        case_id: str,
        *,
        verdict: str | None = None,
        decision: str | None = None,
        features: Iterable[str] = (),
        seconds: float | None = None,
        auto_verdict_shown: bool = False,
        at: datetime | None = None,
    ) -> CaseResponse:
        self._case(case_id)
        if seconds is None:
            if case_id not in self._shown:
                raise ValueError("seconds is needed when begin_case was not called for the case")
            seconds = time.monotonic() - self._shown[case_id]
        r = response(
            case_id,
            verdict=verdict,
            decision=decision,
            features=features,
            seconds=seconds,
            auto_verdict_shown=auto_verdict_shown,
            answered=utc_text(at),
        )
        self._answers[case_id] = r
        self._shown.pop(case_id, None)
        return r

    def results(self) -> Results:
        order = self.package.manifest.case_ids
        answers = tuple(self._answers[c] for c in order if c in self._answers)
        return Results(
            self.run_id,
            self.package.id,
            self.package.manifest_sha256,
            self.trainee,
            self.started,
            self.finished,
            answers,
        )

    def finish(self, at: datetime | None = None) -> Results:
        self.finished = utc_text(at)
        return self.results()

    def save(self, path: Path | str, *, finish: bool = True) -> Path:
        """Write the results file; ``finish`` (default) marks the run finished first."""
        if finish and self.finished is None:
            self.finish()
        return save_results(self.results(), path)


def save_results(results: Results, path: Path | str) -> Path:
    return write_atomic(Path(path), dumps(results.to_dict()))


def results_from_dict(data: Any, *, where: str) -> Results:
    f = Fields(data, where=where, code=_CODE)
    f.expect_format(FORMAT, FORMAT_VERSION, "a docexam training results file")
    answers, seen = [], set()
    for i, raw in enumerate(f.items("answers")):
        g = Fields(raw, where=f"{where}: answer {i + 1}", code=_CODE)
        cid = g.text("case", pattern=ID_RE)
        if cid in seen:
            raise TrainingError(f"{where}: case {cid} is answered twice", code=_CODE)
        seen.add(cid)
        try:
            answers.append(
                response(
                    cid,
                    verdict=g.choice("verdict", VERDICTS, optional=True),
                    decision=g.choice("decision", DECISIONS, optional=True),
                    features=g.ids("features", optional=True),
                    seconds=g.number("seconds"),
                    auto_verdict_shown=g.flag("auto_verdict_shown", default=False),
                    answered=g.text("answered", optional=True),
                )
            )
        except ValueError as exc:
            raise TrainingError(f"{where}: answer {i + 1}: {exc}", code=_CODE) from None
    sha = f.text("manifest_sha256")
    if len(sha) != 64 or set(sha) - set("0123456789abcdef"):
        raise f.fail("manifest_sha256", "64 lower-case hex digits")
    return Results(
        f.text("run_id", pattern=ID_RE),
        f.text("session_id", pattern=ID_RE),
        sha,
        f.text("trainee").strip(),
        f.text("started"),
        f.text("finished", optional=True),
        tuple(answers),
    )


def check_results(
    results: Results, *, session_id: str, manifest_sha256: str, case_ids: Iterable[str], where: str
) -> None:
    """RESULTS_MISMATCH for results of another session or package; RESULTS_INVALID for an
    answer to a case the session does not have."""
    if results.session_id != session_id:
        raise TrainingError(
            f"{where} are results of session {results.session_id}, not of session {session_id}",
            code="RESULTS_MISMATCH",
        )
    if results.manifest_sha256 != manifest_sha256:
        raise TrainingError(
            f"{where} were made with another version of the package of session "
            f"{session_id} (its manifest differs)",
            code="RESULTS_MISMATCH",
        )
    known = set(case_ids)
    for a in results.answers:
        if a.case_id not in known:
            raise TrainingError(
                f"{where}: case {a.case_id} is not a case of session {session_id}", code=_CODE
            )


def load_results(path: Path | str, *, package: SessionPackage | None = None) -> Results:
    """Read a results file; with ``package``, also refuse results of another session."""
    path = Path(path)
    r = results_from_dict(
        read_json(path, what="a training results file", code=_CODE), where=str(path)
    )
    if package is not None:
        check_results(
            r,
            session_id=package.id,
            manifest_sha256=package.manifest_sha256,
            case_ids=package.manifest.case_ids,
            where=str(path),
        )
    return r
