"""The one small interface between pixel sources and the rest of the tool.

Why a protocol and frozen frames: the live view, auto-capture, the quality gates and the
examination never care whether pixels came from a USB camera, a video file, an RTSP
stream, a scanner or a folder; they take ``Frame`` objects from a ``FrameSource``. A source
that fails raises ``docexam.errors.CaptureError`` with a code; it never blocks longer than
the timeout its caller gave.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np

__all__ = ["Frame", "FrameSource", "GateReport", "GateResult"]


@dataclass(frozen=True, eq=False)
class Frame:
    """One image from a source: BGR uint8 (read-only), its number in the stream (0-based)
    and the time it arrived (seconds, ``time.monotonic``)."""

    image: np.ndarray
    index: int
    t: float
    source: str = ""


@runtime_checkable
class FrameSource(Protocol):
    """A camera, a video file, an image sequence, a network stream, a scanner.

    ``read(timeout)`` returns the next frame, or None at the end of a finite source (a video
    file, a sequence); a live source that stops delivering raises CaptureError (TIMEOUT or
    DEVICE_LOST) after ``timeout`` seconds instead of hanging. ``close`` is idempotent; a
    source is a context manager.
    """

    name: str

    def read(self, timeout: float = 5.0) -> Frame | None: ...

    def close(self) -> None: ...

    def __enter__(self) -> FrameSource: ...

    def __exit__(self, *exc: object) -> None: ...


@dataclass(frozen=True)
class GateResult:
    """One quality gate on one image: measured value against its limit, and what to do
    about a failure in the officer's words (English and Russian)."""

    gate: str  # sharpness, glare, exposure, resolution, in_frame
    passed: bool
    value: float | None
    limit: float | None
    instruction_en: str = ""
    instruction_ru: str = ""


@dataclass(frozen=True)
class GateReport:
    """All gates of one image (``light``: white, uv365, ir870)."""

    light: str
    results: tuple[GateResult, ...] = field(default_factory=tuple)

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.results)

    @property
    def failed(self) -> tuple[GateResult, ...]:
        return tuple(r for r in self.results if not r.passed)
