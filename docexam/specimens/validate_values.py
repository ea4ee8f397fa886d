"""Problems and the typed readers every part of manifest validation is built from.

A ``Checker`` reads one manifest's JSON values and records a ``Problem`` (file, field path,
message) for each one that is wrong, instead of raising: the person writing a manifest by
hand wants every mistake in one run, each named precisely enough to find it. Each reader
returns the converted value, or None after recording why it could not; callers carry on
with the next field. A Checker lives for one manifest only (its list is local state).
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from docexam.specimens.manifest import Text, Zone

__all__ = ["Checker", "Problem", "Severity"]

Severity = Literal["error", "warning"]

#: Rounding slack when checking that a zone lies inside its page (docs/specimen-format.md).
ZONE_TOLERANCE_MM = 0.5
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Problem:
    """One thing wrong (``error``) or doubtful (``warning``) in a specimen's files.

    ``field`` is the JSON path inside the manifest (``pages[0].features[3].type``), or a
    position (``line 3, column 5``) for a syntax error, or ``(file)`` for the file itself.
    """

    path: Path
    field: str
    message: str
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def format(self, shown_path: str | None = None) -> str:
        """``FILE: FIELD: severity: message``, the line ``docexam specimens validate`` prints."""
        shown = str(self.path) if shown_path is None else shown_path
        return f"{shown}: {self.field}: {self.severity}: {self.message}"

    def __str__(self) -> str:
        return self.format()


def kind_of(value: Any) -> str:
    """How a JSON value is described in messages ("a string", "a list", ...)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def mm(value: float) -> str:
    """A length for messages: one decimal at least, two at most ("122.0", "88.25")."""
    text = f"{value:.2f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def join(field: str, key: str | int) -> str:
    """The path of ``key`` inside ``field``: ``a.b``, ``a[3]``, or ``b`` at the root."""
    if isinstance(key, int):
        return f"{field}[{key}]"
    return f"{field}.{key}" if field else key


class Checker:
    """Typed readers for one manifest that record problems instead of raising."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    # -- recording ---------------------------------------------------------------------

    def error(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.path, field, message, "error"))

    def warning(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.path, field, message, "warning"))

    @property
    def error_count(self) -> int:
        return sum(p.is_error for p in self.problems)

    # -- containers --------------------------------------------------------------------

    def obj(
        self,
        value: Any,
        field: str,
        required: Iterable[str],
        optional: Iterable[str] = (),
    ) -> dict[str, Any] | None:
        """An object with exactly these keys: an unknown key is an error, so a typo such as
        ``"toleranse"`` is reported rather than silently ignored."""
        if not isinstance(value, dict):
            self.error(field or "(root)", f"must be an object, not {kind_of(value)}")
            return None
        required, optional = tuple(required), tuple(optional)
        allowed = required + optional
        for key in value:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(allowed)}"
                self.error(join(field, key), f"unknown key {key!r} ({hint})")
        for key in required:
            if key not in value:
                self.error(join(field, key), "missing required field")
        return value

    def items(self, value: Any, field: str, *, what: str) -> list[Any] | None:
        """A non-empty list; ``what`` names its entries in the message when it is empty."""
        if not isinstance(value, list):
            self.error(field, f"must be a list, not {kind_of(value)}")
            return None
        if not value:
            self.error(field, f"must list at least one {what}")
            return None
        return value

    # -- scalars -----------------------------------------------------------------------

    def string(
        self, value: Any, field: str, *, pattern: re.Pattern[str] | None = None, rule: str = ""
    ) -> str | None:
        """A non-blank string, optionally matching ``pattern`` (``rule`` says it in words)."""
        if not isinstance(value, str):
            self.error(field, f"must be a string, not {kind_of(value)}")
            return None
        if not value.strip():
            self.error(field, "must not be empty")
            return None
        if pattern is not None and not pattern.fullmatch(value):
            self.error(field, f"{value!r} is not valid: {rule}")
            return None
        return value

    def choice(
        self, value: Any, field: str, vocabulary: Mapping[str, Any], what: str
    ) -> str | None:
        """A value of a closed vocabulary; the message lists the known values."""
        if not isinstance(value, str):
            self.error(field, f"must be a string, not {kind_of(value)}")
            return None
        if value not in vocabulary:
            self.error(field, f"unknown {what} {value!r} (known: {', '.join(vocabulary)})")
            return None
        return value

    def number(
        self,
        value: Any,
        field: str,
        *,
        positive: bool = False,
        minimum: float | None = None,
        maximum: float | None = None,
    ) -> float | None:
        """A finite JSON number (true/false are not numbers), returned as float."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(field, f"must be a number, not {kind_of(value)}")
            return None
        if not math.isfinite(value):
            self.error(field, f"must be a finite number, not {value}")
            return None
        if positive and value <= 0:
            self.error(field, f"must be positive, not {value}")
            return None
        if minimum is not None and value < minimum:
            self.error(field, f"must be at least {minimum:g}, not {value}")
            return None
        if maximum is not None and value > maximum:
            self.error(field, f"must be at most {maximum:g}, not {value}")
            return None
        return float(value)

    def boolean(self, value: Any, field: str) -> bool | None:
        if not isinstance(value, bool):
            self.error(field, f"must be true or false, not {kind_of(value)}")
            return None
        return value

    def date(self, value: Any, field: str) -> dt.date | None:
        """An ISO ``YYYY-MM-DD`` date (only that form, although Python accepts more)."""
        if not isinstance(value, str):
            self.error(field, f"must be a date string YYYY-MM-DD, not {kind_of(value)}")
            return None
        if not _DATE.fullmatch(value):
            self.error(field, f"{value!r} is not a date in the form YYYY-MM-DD")
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            self.error(field, f"{value!r} is not a valid date ({exc})")
            return None

    # -- composite values --------------------------------------------------------------

    def text(self, value: Any, field: str) -> Text | None:
        """A user-facing text: ``{"en": ..., "ru": ...}``, both present and non-empty."""
        data = self.obj(value, field, ("en", "ru"))
        if data is None:
            return None
        en = self.string(data["en"], join(field, "en")) if "en" in data else None
        ru = self.string(data["ru"], join(field, "ru")) if "ru" in data else None
        if en is None or ru is None or len(data) != 2:
            return None
        return Text(en, ru)

    def zone(self, value: Any, field: str, page_mm: tuple[float, float] | None) -> Zone | None:
        """A rectangle with positive size that lies inside the page (0.5 mm slack)."""
        data = self.obj(value, field, ("x", "y", "w", "h"))
        if data is None:
            return None
        nums = {k: self.number(data[k], join(field, k)) for k in ("x", "y", "w", "h") if k in data}
        if len(nums) != 4 or None in nums.values():
            return None
        zone = Zone(nums["x"], nums["y"], nums["w"], nums["h"])  # type: ignore[arg-type]
        ok = True
        for key, size in (("w", zone.w), ("h", zone.h)):
            if size <= 0:
                self.error(join(field, key), f"zone size must be positive, not {mm(size)} mm")
                ok = False
        if page_mm is not None and ok:
            ok = self._inside(zone, field, page_mm)
        return zone if ok and len(data) == 4 else None

    def _inside(self, zone: Zone, field: str, page_mm: tuple[float, float]) -> bool:
        width, height = page_mm
        slack = ZONE_TOLERANCE_MM
        faults = []
        if zone.x < -slack:
            faults.append(f"zone starts at x={mm(zone.x)} mm, left of the page")
        if zone.y < -slack:
            faults.append(f"zone starts at y={mm(zone.y)} mm, above the page")
        if zone.right > width + slack:
            faults.append(
                f"zone reaches x={mm(zone.right)} mm, outside the page ({mm(width)} mm wide)"
            )
        if zone.bottom > height + slack:
            faults.append(
                f"zone reaches y={mm(zone.bottom)} mm, outside the page ({mm(height)} mm high)"
            )
        for fault in faults:
            self.error(field, fault)
        return not faults
