"""Live frames: the document's outline in every frame, and auto-capture of a steady one.

Why these parts: the officer holds a document under a camera and watches the outline drawn
over the picture; the tool keeps a frame by itself once the whole document is in frame,
held still and sharp, and not again until that document is taken away or moved. The
outline is found by ``examine.page_quad.find_page`` on a copy 480 px across (corners within
a pixel of the truth on most studio frames), the rest (whether it is all in frame,
sharpness, glare) on the frame itself (``outline``, ``measure``): a 1280 x 720 frame takes
a median 33-35 ms on a two-core machine busy with other work (about 29 frames/s; see
benchmarks/capture_bench.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from docexam.capture import measure as ms
from docexam.capture.outline import WORK_PX, locate, nearest_size
from docexam.capture.types import Frame
from docexam.examine.quality import MIN_SHARPNESS, capture_px_per_mm

__all__ = ["AutoCapture", "Detection", "detect_document"]


@dataclass(frozen=True, eq=False)
class Detection:
    """The document in one frame.

    ``quad``: (4, 2) frame pixels (``PageQuad`` order: clockwise from the top-left-most
    corner), None when no document was found; ``score``: the finder's confidence 0..1;
    ``in_frame``: the whole document is inside the frame, clear of its edge; ``problem``:
    "" or NO_DOCUMENT, AT_BORDER (touches the frame edge), CUT_OFF (only a part of it is
    there); ``sharpness``: 0..1 as ``examine.quality.sharpness`` inside the outline, and
    ``glare``: the share of the outline's area lost to glare (both None without a quad).
    """

    quad: np.ndarray | None
    score: float
    in_frame: bool
    problem: str
    sharpness: float | None
    glare: float | None


_NONE = Detection(None, 0.0, False, "NO_DOCUMENT", None, None)


def detect_document(
    frame_image: np.ndarray,
    *,
    expected_aspects: Sequence[float] | None = None,
    work_px: int = WORK_PX,
) -> Detection:
    """The document's outline in a live frame (BGR or grey uint8), fast enough for 15
    frames/s on 1280 x 720 frames: the outline is searched on a copy ``work_px`` long.
    ``expected_aspects``: long/short side ratios that may be there (default: the ICAO
    sizes). ValueError for a bad image, ``work_px`` or aspect list."""
    found = locate(frame_image, expected_aspects=expected_aspects, work_px=work_px)
    if found is None:
        return _NONE
    region = ms.PageRegion(frame_image, found.quad)
    k = capture_px_per_mm(found.quad, nearest_size(found.quad))
    glare = ms.page_glare(region, k)
    sharp = ms.page_sharpness(region, k, exclude=glare)
    share = float((glare & region.mask).sum()) / region.area
    return Detection(found.quad, found.score, found.in_frame, found.problem, sharp, share)


class AutoCapture:
    """Feed it every live frame; it returns the frame to keep when the document is wholly
    in frame, still and sharp, once per placement.

    Still: every corner within ``max_motion_px`` (frame pixels) of where it was at the
    start of a run of ``still_frames`` consecutive frames in which the document was in
    frame and at least ``min_sharpness`` sharp (default: the examination's own limit, so a
    kept frame is not judged blurred later). The kept frame is the sharpest of the run.
    Then nothing more is kept until the document has been away (not found, or not wholly
    in frame) for ``leave_frames`` consecutive frames, or has moved by more than
    ``rearm_fraction`` of its short side from where it was kept: a new placement.
    ``status`` and ``detection`` describe the last frame for a live view.
    """

    def __init__(
        self,
        *,
        still_frames: int = 5,
        max_motion_px: float = 3.0,
        min_sharpness: float = MIN_SHARPNESS,
        leave_frames: int = 3,
        rearm_fraction: float = 0.1,
        expected_aspects: Sequence[float] | None = None,
        work_px: int = WORK_PX,
    ) -> None:
        for key, val, lo in (("still_frames", still_frames, 1), ("leave_frames", leave_frames, 1)):
            if isinstance(val, bool) or not isinstance(val, int) or val < lo:
                raise ValueError(f"{key} must be an int >= {lo}, got {val!r}")
        for key, val in (("max_motion_px", max_motion_px), ("min_sharpness", min_sharpness),
                         ("rearm_fraction", rearm_fraction)):  # fmt: skip
            if isinstance(val, bool) or not isinstance(val, int | float) or not val >= 0:
                raise ValueError(f"{key} must be a non-negative number, got {val!r}")
        self.still_frames, self.max_motion_px = still_frames, float(max_motion_px)
        self.min_sharpness, self.leave_frames = float(min_sharpness), leave_frames
        self.rearm_fraction = float(rearm_fraction)
        self.expected_aspects, self.work_px = expected_aspects, work_px
        self.detection: Detection = _NONE
        self.status = "no_document"
        self._run: list[tuple[Frame, Detection]] = []
        self._kept: np.ndarray | None = None  # the outline of the last kept frame (disarmed)
        self._away = 0

    @property
    def armed(self) -> bool:
        """True while waiting for a document to keep; False between a capture and re-arming."""
        return self._kept is None

    def reset(self) -> None:
        """Forget the run and re-arm (e.g. the officer asked for another shot)."""
        self._run, self._kept, self._away = [], None, 0
        self.status = "no_document"

    def feed(self, frame: Frame) -> Frame | None:
        """Look at one frame; the frame to keep, or None."""
        if not isinstance(frame, Frame):
            raise ValueError(f"frame must be a capture Frame, got {type(frame).__name__}")
        det = detect_document(frame.image, expected_aspects=self.expected_aspects,
                              work_px=self.work_px)  # fmt: skip
        self.detection = det
        if self._kept is not None and not self._rearmed(det):
            self.status = "captured"
            return None
        if det.quad is None or not det.in_frame:
            self._run = []
            self.status = "no_document" if det.quad is None else "not_in_frame"
            return None
        if det.sharpness is None or det.sharpness < self.min_sharpness:
            self._run = []
            self.status = "blurred"
            return None
        moving = bool(self._run) and _moved(self._run[0][1].quad, det.quad) > self.max_motion_px
        if moving:
            self._run = []  # the run starts again from here
        self._run.append((frame, det))
        if len(self._run) < self.still_frames:
            self.status = "moving" if moving else "steadying"
            return None
        best = max(self._run, key=lambda fd: fd[1].sharpness or 0.0)
        self._kept, self._run, self._away = det.quad, [], 0
        self.status = "captured"
        return best[0]

    def _rearmed(self, det: Detection) -> bool:
        """After a capture: has the document gone away or been moved to a new place?"""
        assert self._kept is not None
        if det.quad is None or not det.in_frame:
            self._away += 1
            if self._away >= self.leave_frames:
                self._kept, self._away = None, 0
                return True
            return False
        self._away = 0
        sides = np.linalg.norm(np.roll(self._kept, -1, 0) - self._kept, axis=1)
        if _moved(self._kept, det.quad) > self.rearm_fraction * float(sides.min()):
            self._kept = None
            return True
        return False


def _moved(a: np.ndarray | None, b: np.ndarray | None) -> float:
    """The largest corner displacement between two outlines (inf when one is missing)."""
    if a is None or b is None:
        return float("inf")
    return float(np.linalg.norm(np.asarray(a) - np.asarray(b), axis=1).max())
