"""Training sessions for document examiners (issue 8): cases with known answers, timed
drills, scores and reports.

Why a package of its own: a trainer's session must never mix with real examinations (its
results live in ``training.sqlite``, not in the log) and a trainee must never see the
answers (they are in the trainer's key file, never in the package). The flow, and what a
UI calls for each step:

- trainer: ``build_session(out, StudioSource(...) | FolderSource(dir) | LogSource(...),
  trainer=..., settings=SessionSettings(time_limit_s=..., show_automatic_verdict=...))``
  -> ``out`` (the package, ``.dxs``: hand it out) + ``<stem>.key.json`` (keep it);
- trainee: ``open_package(path)`` -> ``SessionPackage`` (``.manifest.cases``, each
  ``.capture_sets(case_id)`` ready for ``examine_document``); ``TraineeRun(package,
  trainee=...)``, ``.record_answer(case_id, verdict=..., features=..., seconds=...)``,
  ``.save(path)`` -> the results file to hand back;
- trainer: ``load_key(key_path_for(pkg), package=pkg)``, ``load_results(path,
  package=pkg)``, ``score_results(key, results)`` -> ``TraineeScore``, ``summarize(key,
  scores)`` -> ``SessionSummary``, ``write_report(pdf, key, scores)``, and
  ``TrainingStore.open(default_training_db())`` to keep results.

The scoring rules are in ``scoring.py``'s docstring.
"""

from docexam.training.answers import AnswerKey, CaseAnswer, key_path_for, load_key
from docexam.training.build import BuiltSession, build_session
from docexam.training.external import FolderSource, LogSource, parse_log_answers
from docexam.training.jsonio import GENUINE, VERDICTS
from docexam.training.manifest import PackageCase, SessionManifest, SessionSettings
from docexam.training.package import SessionPackage, open_package
from docexam.training.report_pdf import summary_pdf, trainee_pdf, write_report
from docexam.training.results import (
    CaseResponse,
    Results,
    TraineeRun,
    load_results,
    save_results,
)
from docexam.training.scoring import (
    OUTCOMES,
    SessionSummary,
    TraineeScore,
    score_results,
    summarize,
)
from docexam.training.sources import CAPTURES, StudioSource
from docexam.training.store import StoredResults, TrainingStore, default_training_db

__all__ = [
    "CAPTURES",
    "GENUINE",
    "OUTCOMES",
    "VERDICTS",
    "AnswerKey",
    "BuiltSession",
    "CaseAnswer",
    "CaseResponse",
    "FolderSource",
    "LogSource",
    "PackageCase",
    "Results",
    "SessionManifest",
    "SessionPackage",
    "SessionSettings",
    "SessionSummary",
    "StoredResults",
    "StudioSource",
    "TraineeRun",
    "TraineeScore",
    "TrainingStore",
    "build_session",
    "default_training_db",
    "key_path_for",
    "load_key",
    "load_results",
    "open_package",
    "parse_log_answers",
    "save_results",
    "score_results",
    "summarize",
    "summary_pdf",
    "trainee_pdf",
    "write_report",
]
