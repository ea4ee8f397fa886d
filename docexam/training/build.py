"""Building a session: plan the cases, make them, shuffle, write the package and the key.

Why the order of things: the whole plan is checked before the first image is made; the
cases are shuffled with the system's random source (not the seed: knowing the seed must not
tell a trainee which case is which) and made in that order, each written into the package
as soon as it exists (memory holds a few cases, never the session). The key is written
after the package is complete, from the manifest's hash, and both files appear only when
both are whole: a failure leaves neither a package without its key nor a key without its
package.
"""

from __future__ import annotations

import os
import secrets
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from docexam.errors import TrainingError
from docexam.examlog.canonical import utc_text
from docexam.training.answers import AnswerKey, CaseAnswer, key_path_for, write_key
from docexam.training.external import FolderSource, LogSource, plan_folder, plan_log
from docexam.training.manifest import SessionManifest, SessionSettings
from docexam.training.package import PackageWriter
from docexam.training.sources import Made, PlannedCase, StudioSource, plan_studio

Source = StudioSource | FolderSource | LogSource


@dataclass(frozen=True)
class BuiltSession:
    package: Path
    key_path: Path
    manifest: SessionManifest
    key: AnswerKey
    manifest_sha256: str
    package_bytes: int
    seconds: float


def plan_cases(source: Source) -> tuple[list[PlannedCase], dict]:
    """The cases a source gives and the build record (checked, nothing made yet)."""
    if isinstance(source, StudioSource):
        return plan_studio(source)
    if isinstance(source, FolderSource):
        return plan_folder(source.folder)
    if isinstance(source, LogSource):
        return plan_log(source.db, source.answers)
    raise TypeError(f"source must be a StudioSource, FolderSource or LogSource, not {source!r}")


def _made(plans: list[PlannedCase], workers: int) -> Iterator[Made]:
    """Each plan's images in order, ``workers`` made at a time (a bounded window)."""
    if workers <= 1:
        for p in plans:
            yield p.make()
        return
    with ThreadPoolExecutor(max_workers=workers) as pool:
        window: list[Future[Made]] = []
        todo = iter(plans)
        for p in todo:
            window.append(pool.submit(p.make))
            if len(window) > workers:
                yield window.pop(0).result()
        for f in window:
            yield f.result()


def build_session(
    out: Path | str,
    source: Source,
    *,
    trainer: str,
    title: str | None = None,
    settings: SessionSettings | None = None,
    key_path: Path | str | None = None,
    overwrite: bool = False,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> BuiltSession:
    """Write the package ``out`` (give it to trainees) and its answer key (keep it).

    ``key_path`` defaults to ``<stem>.key.json`` beside ``out``. ``progress(done, total)``
    is called before the first case and after each case made. OUTPUT_EXISTS unless
    ``overwrite`` when either file exists (a new key over a handed-out session's key would
    lose its answers). ``workers`` cases are made at a time (threads: the studio's OpenCV
    work releases the GIL).
    """
    t0 = time.perf_counter()
    out = Path(out)
    key_file = Path(key_path) if key_path is not None else key_path_for(out)
    if not trainer or not trainer.strip():
        raise ValueError("trainer must name the trainer (not empty)")
    if key_file.resolve() == out.resolve():
        raise ValueError("key_path must differ from the package path")
    if not overwrite:
        for p in (out, key_file):
            if p.exists():
                raise TrainingError(
                    f"{p} exists: choose another name or overwrite it", code="OUTPUT_EXISTS"
                )
    plans, build = plan_cases(source)
    secrets.SystemRandom().shuffle(plans)
    created = utc_text()
    title = (title or "").strip() or f"Training session {created[:10]}"
    for p in (out, key_file):
        p.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(out.name + ".part")
    writer = PackageWriter(part)
    answers = []
    if progress:
        progress(0, len(plans))
    try:
        for plan, (images, affected) in zip(plans, _made(plans, workers), strict=True):
            case = writer.add_case(images)
            aff = () if plan.answer == "genuine" else tuple(dict.fromkeys(affected))
            answers.append(CaseAnswer(case.id, plan.answer, aff, plan.specimen, plan.source))
            if progress:
                progress(len(answers), len(plans))
        manifest, sha = writer.finish(
            session_id=str(uuid.uuid4()),
            title=title,
            trainer=trainer.strip(),
            created=created,
            settings=settings or SessionSettings(),
        )
    except BaseException:
        writer.abort()
        raise
    key = AnswerKey(
        manifest.id,
        sha,
        manifest.title,
        manifest.trainer,
        created,
        manifest.settings,
        tuple(answers),
        build,
    )
    try:
        write_key(key_file, key)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    try:
        part.replace(out)
    except OSError as exc:
        part.unlink(missing_ok=True)
        key_file.unlink(missing_ok=True)  # the key of a package that was never written
        raise TrainingError(
            f"cannot write {out}: {exc.strerror or exc}", code="WRITE_FAILED"
        ) from exc
    return BuiltSession(
        out, key_file, manifest, key, sha, os.path.getsize(out), time.perf_counter() - t0
    )
