"""The answer key (``<session>.key.json``): the trainer's file, never inside the package.

Why a separate file bound by hashes rather than an encrypted member: docexam has no
cryptography library, and home-made encryption would only look safe. A trainee who never
receives the key cannot read it; the trainer keeps it beside the package. The key names the
session id and the SHA-256 of the package's manifest, so it scores only that package: a key
of another session, or of a package whose manifest (and so any image) was changed, is
refused (KEY_MISMATCH) instead of scoring the wrong answers.

Per case: ``answer`` ("genuine" or the forgery id), ``affected_features`` (feature ids the
forgery breaks; empty for genuine documents), ``specimen`` (when known) and ``source`` (how
the case was made: studio seed and capture mode, folder name, log examination id), so the
trainer can rebuild or trace every case.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docexam.errors import TrainingError
from docexam.training.jsonio import GENUINE, ID_RE, Fields, dumps, read_json, write_atomic
from docexam.training.manifest import SessionSettings
from docexam.training.package import SessionPackage

FORMAT = "docexam-training-key"
FORMAT_VERSION = 1
KEY_SUFFIX = ".key.json"
_CODE = "KEY_INVALID"


@dataclass(frozen=True)
class CaseAnswer:
    case_id: str
    answer: str  # GENUINE or a forgery id
    affected_features: tuple[str, ...] = ()
    specimen: str | None = None
    source: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not ID_RE.match(self.answer):
            raise ValueError(f"answer must be 'genuine' or a forgery id, got {self.answer!r}")
        if self.answer == GENUINE and self.affected_features:
            raise ValueError("affected_features must be empty for a genuine document")

    @property
    def genuine(self) -> bool:
        return self.answer == GENUINE

    def to_dict(self) -> dict[str, Any]:
        return {
            "case": self.case_id,
            "answer": self.answer,
            "affected_features": list(self.affected_features),
            "specimen": self.specimen,
            "source": dict(self.source),
        }


@dataclass(frozen=True)
class AnswerKey:
    session_id: str
    manifest_sha256: str
    title: str
    trainer: str
    created: str
    settings: SessionSettings
    cases: tuple[CaseAnswer, ...]  # in the session's case order
    build: Mapping[str, Any] = field(default_factory=dict)  # how the session was made

    def answer(self, case_id: str) -> CaseAnswer:
        for c in self.cases:
            if c.case_id == case_id:
                return c
        raise KeyError(f"the answer key has no case {case_id!r}")

    @property
    def case_ids(self) -> tuple[str, ...]:
        return tuple(c.case_id for c in self.cases)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "session_id": self.session_id,
            "manifest_sha256": self.manifest_sha256,
            "title": self.title,
            "trainer": self.trainer,
            "created": self.created,
            "settings": self.settings.to_dict(),
            "build": dict(self.build),
            "cases": [c.to_dict() for c in self.cases],
        }


def key_path_for(package: Path | str) -> Path:
    """Where the key of ``package`` lives by default: ``<stem>.key.json`` beside it."""
    p = Path(package)
    return p.with_name(p.stem + KEY_SUFFIX)


def write_key(path: Path, key: AnswerKey) -> Path:
    return write_atomic(path, dumps(key.to_dict()))


def key_from_dict(data: Any, *, where: str) -> AnswerKey:
    f = Fields(data, where=where, code=_CODE)
    f.expect_format(FORMAT, FORMAT_VERSION, "a docexam answer key")
    cases = []
    for i, raw in enumerate(f.items("cases")):
        g = Fields(raw, where=f"{where}: case {i + 1}", code=_CODE)
        src = raw.get("source") or {}
        if not isinstance(src, Mapping):
            raise g.fail("source", "an object")
        try:
            cases.append(
                CaseAnswer(
                    g.text("case", pattern=ID_RE),
                    g.text("answer"),
                    g.ids("affected_features", optional=True),
                    g.text("specimen", optional=True),
                    dict(src),
                )
            )
        except ValueError as exc:
            raise TrainingError(f"{where}: case {i + 1}: {exc}", code=_CODE) from None
    ids = [c.case_id for c in cases]
    if len(set(ids)) != len(ids):
        raise f.fail("cases", "a list of distinct cases")
    sha = f.text("manifest_sha256")
    if len(sha) != 64 or set(sha) - set("0123456789abcdef"):
        raise f.fail("manifest_sha256", "64 lower-case hex digits")
    build = f.data.get("build") or {}
    if not isinstance(build, Mapping):
        raise f.fail("build", "an object")
    return AnswerKey(
        f.text("session_id", pattern=ID_RE),
        sha,
        f.text("title"),
        f.text("trainer"),
        f.text("created"),
        SessionSettings.from_fields(f.obj("settings")),
        tuple(cases),
        dict(build),
    )


def check_key(key: AnswerKey, package: SessionPackage, *, where: str = "the answer key") -> None:
    """KEY_MISMATCH unless ``key`` is the key of exactly this package."""
    if key.session_id != package.id:
        raise TrainingError(
            f"{where} belongs to session {key.session_id}, not to {package.path} (session "
            f"{package.id}): use the key written with this package",
            code="KEY_MISMATCH",
        )
    if key.manifest_sha256 != package.manifest_sha256:
        raise TrainingError(
            f"{where} does not match {package.path}: the package's manifest was changed "
            "after the key was written (its SHA-256 differs); score only the package as it "
            "was built",
            code="KEY_MISMATCH",
        )
    if set(key.case_ids) != set(package.manifest.case_ids):
        raise TrainingError(
            f"{where} does not list the cases of {package.path}", code="KEY_MISMATCH"
        )


def load_key(path: Path | str, *, package: SessionPackage | None = None) -> AnswerKey:
    """Read a key; with ``package``, refuse it (KEY_MISMATCH) unless it belongs to it.

    A missing key is KEY_NOT_FOUND (the trainer keeps it; ``--key`` names another place).
    """
    path = Path(path)
    if not path.exists():
        raise TrainingError(
            f"no answer key at {path}: the key is written beside the package when the "
            "session is built (<package stem>.key.json); give its place with --key",
            code="KEY_NOT_FOUND",
        )
    key = key_from_dict(read_json(path, what="an answer key", code=_CODE), where=str(path))
    if package is not None:
        check_key(key, package, where=f"the answer key {path}")
    return key
