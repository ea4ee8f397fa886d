"""The pictures of the open examination as Qt pixmaps, and the difference maps.

Why a cache: switching lights and modes back and forth is what an expert does all the
time; each page is converted from the engine's numpy array once (a copy: see
:mod:`ui.expert.imaging`). The difference map takes a fraction of a second per page, so it
is computed on a worker thread (:func:`ui.background.run_in_background`) the first time
the difference mode needs it, and announced by ``difference_ready``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QPixmap

from ui.background import BackgroundTask, run_in_background
from ui.expert.imaging import difference_map, to_qimage
from ui.qtcompat import emit

if TYPE_CHECKING:  # the engine loads in the background, not at start-up
    from docexam.examine.pipeline import Examination


class PageImages(QObject):
    """Pixmaps by (side number, light, kind): "questioned", "specimen", "difference"."""

    difference_ready = Signal(int, str)  # side number, light

    def __init__(self, parent: QObject, on_error: Callable[[BaseException], None]) -> None:
        super().__init__(parent)
        self._on_error = on_error
        self._cache: dict[tuple[int, str, str], QPixmap] = {}
        self._tasks: dict[tuple[int, str], BackgroundTask] = {}

    def clear(self) -> None:
        """Forget every picture; results of maps still being computed are dropped."""
        for task in self._tasks.values():
            task.discard()
        self._tasks.clear()
        self._cache.clear()

    def pixmap(self, side: int, ex: Examination, light: str, kind: str) -> QPixmap | None:
        """The questioned page or the specimen's under ``light`` (None if there is none)."""
        key = (side, light, kind)
        if key not in self._cache:
            source = ex.images if kind == "questioned" else ex.reference
            if light not in source:
                return None
            self._cache[key] = QPixmap.fromImage(to_qimage(source[light]))
        return self._cache[key]

    def difference(self, side: int, light: str) -> QPixmap | None:
        """The difference map if it has been computed."""
        return self._cache.get((side, light, "difference"))

    def request_difference(self, side: int, ex: Examination, light: str) -> None:
        """Start computing the map (once); ``difference_ready`` follows."""
        key = (side, light)
        if (self.difference(side, light) is not None or key in self._tasks or ex.page is None
                or light not in ex.images or light not in ex.reference):  # fmt: skip
            return
        self._tasks[key] = run_in_background(
            self, difference_map, ex.images[light], ex.reference[light], ex.page.px_per_mm,
            on_success=lambda img, k=key: self._done(k, img),
            on_failure=lambda exc, k=key: self._failed(k, exc),
        )  # fmt: skip

    def pending(self) -> bool:
        return bool(self._tasks)

    def _done(self, key: tuple[int, str], img: object) -> None:
        self._tasks.pop(key, None)
        self._cache[(*key, "difference")] = QPixmap.fromImage(to_qimage(img))  # type: ignore[arg-type]
        emit(self.difference_ready, *key)

    def _failed(self, key: tuple[int, str], exc: BaseException) -> None:
        self._tasks.pop(key, None)
        self._on_error(exc)
