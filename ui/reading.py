"""The MRZ reading job that runs on a worker thread (see :mod:`ui.background`).

Why separate from the window: this is the only UI code that runs off the GUI thread, so it
may use thread-safe Qt classes (QImage, QImageReader) but never a widget or a QPixmap.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QImageReader

Reader = Callable[[str], Mapping[str, Any]]
PREVIEW_MAX_SIDE = 2400  # px; the preview is for the eye, the engine reads the full file


def read_with_engine(path: str) -> Mapping[str, Any]:
    """The production reader: the engine's JSON-shaped result (``to_dict()``) for ``path``."""
    # Imported here so the window still opens (and reports the fault) if the engine breaks.
    from docexam.mrz.reader import read_mrz_file

    return read_mrz_file(path).to_dict()


@dataclass(frozen=True)
class ReadOutcome:
    """What the worker hands back to the GUI thread (QImage is safe to pass; QPixmap not)."""

    path: str
    reading: Mapping[str, Any]
    preview: QImage | None


def load_preview(path: str, max_side: int = PREVIEW_MAX_SIDE) -> QImage | None:
    """Decode a downscaled, EXIF-rotated preview; None if Qt cannot decode the file."""
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > max_side:
        reader.setScaledSize(size.scaled(max_side, max_side, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return None if image.isNull() else image


def read_job(reader: Reader, path: str) -> ReadOutcome:
    """Worker thread: the engine first (it vets size and type safely), then the preview."""
    reading = reader(path)
    return ReadOutcome(path, reading, load_preview(path))
