"""The training files' JSON: atomic writes, reading with clear errors, checked fields.

Why one module: the package manifest, the answer key and the results file are written by
one station and read by another (another institution, a trainee at home); every field is
checked on reading, and a bad one must be reported the same way everywhere: which file,
which field, what was expected, under the error code of that kind of file.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from docexam.errors import TrainingError
from docexam.fileio import write_whole

LIGHTS = ("white", "uv365", "ir870")  # the lights a capture set takes (examine.captureset)
GENUINE = "genuine"
VERDICTS = ("consistent", "suspect", "inconclusive")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")  # case ids, forgery ids, feature ids
SIDE_RE = re.compile(r"^[a-z][a-z0-9_]{0,31}$")


def dumps(value: Any) -> bytes:
    """Readable, UTF-8 (Cyrillic names stay legible), one trailing newline."""
    return (json.dumps(value, ensure_ascii=False, indent=1, allow_nan=False) + "\n").encode()


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``path`` whole or not at all (a full disk leaves no half file behind)."""
    try:
        write_whole(path, data)
    except OSError as exc:
        raise TrainingError(
            f"cannot write {path}: {exc.strerror or exc}", code="WRITE_FAILED"
        ) from exc
    return path


def read_json(path: Path, *, what: str, code: str, max_bytes: int = 64 << 20) -> Any:
    """The parsed JSON of ``path``; missing, unreadable, too large or not JSON -> ``code``."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise TrainingError(f"{path} is too large for {what} ({size} bytes)", code=code)
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise TrainingError(f"{what} {path} does not exist", code=code) from None
    except IsADirectoryError:
        raise TrainingError(f"{what} {path} is a folder, not a file", code=code) from None
    except OSError as exc:
        raise TrainingError(f"cannot read {what} {path}: {exc.strerror or exc}", code=code) from exc
    except UnicodeDecodeError:
        raise TrainingError(f"{path} is not {what} (not UTF-8 text)", code=code) from None
    return parse_json(text, where=str(path), what=what, code=code)


def parse_json(text: str, *, where: str, what: str, code: str) -> Any:
    try:
        return json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError) as exc:
        raise TrainingError(f"{where} is not {what} (not JSON: {exc})", code=code) from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


class Fields:
    """Checked access to one JSON object: every error names the file and the field."""

    def __init__(self, data: Any, *, where: str, code: str) -> None:
        if not isinstance(data, Mapping):
            raise TrainingError(f"{where}: expected a JSON object", code=code)
        self.data, self.where, self.code = data, where, code

    def fail(self, key: str, expected: str) -> TrainingError:
        got = self.data.get(key, "(missing)")
        shown = json.dumps(got, ensure_ascii=False)[:80] if got != "(missing)" else got
        return TrainingError(f"{self.where}: {key} must be {expected}, got {shown}", code=self.code)

    def text(self, key: str, *, optional: bool = False, pattern: re.Pattern | None = None) -> Any:
        v = self.data.get(key)
        if v is None and optional:
            return None
        if not isinstance(v, str) or not v.strip() or (pattern and not pattern.match(v)):
            raise self.fail(
                key, "a non-empty text" + (f" matching {pattern.pattern}" if pattern else "")
            )
        return v

    def choice(self, key: str, choices: tuple[str, ...], *, optional: bool = False) -> Any:
        v = self.data.get(key)
        if v is None and optional:
            return None
        if v not in choices:
            raise self.fail(key, "one of " + ", ".join(choices))
        return v

    def number(self, key: str, *, optional: bool = False, minimum: float = 0.0) -> Any:
        v = self.data.get(key)
        if v is None and optional:
            return None
        ok = isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
        if not ok or v < minimum:
            raise self.fail(key, f"a number >= {minimum:g}")
        return float(v)

    def integer(self, key: str, *, minimum: int = 0) -> int:
        v = self.data.get(key)
        if isinstance(v, bool) or not isinstance(v, int) or v < minimum:
            raise self.fail(key, f"a whole number >= {minimum}")
        return v

    def flag(self, key: str, *, default: bool | None = None) -> bool:
        v = self.data.get(key, default)
        if not isinstance(v, bool):
            raise self.fail(key, "true or false")
        return v

    def ids(self, key: str, *, optional: bool = False) -> tuple[str, ...]:
        """A list of distinct ids (feature ids, case ids)."""
        v = self.data.get(key)
        if v is None and optional:
            return ()
        if not isinstance(v, list) or not all(isinstance(x, str) and ID_RE.match(x) for x in v):
            raise self.fail(key, "a list of ids (lower-case letters, digits, _ . -)")
        if len(set(v)) != len(v):
            raise self.fail(key, "a list without repeated ids")
        return tuple(v)

    def items(self, key: str) -> list[Any]:
        v = self.data.get(key)
        if not isinstance(v, list):
            raise self.fail(key, "a list")
        return v

    def obj(self, key: str) -> Fields:
        return Fields(self.data.get(key), where=f"{self.where}: {key}", code=self.code)

    def expect_format(self, fmt: str, version: int, what: str) -> None:
        if self.data.get("format") != fmt:
            raise TrainingError(f"{self.where} is not {what} (format is not {fmt})", code=self.code)
        v = self.data.get("format_version")
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            raise self.fail("format_version", "a whole number >= 1")
        if v > version:
            raise TrainingError(
                f"{self.where} was written by a newer docexam ({what} format {v}; this one "
                f"reads up to {version}): update docexam",
                code=self.code,
            )
