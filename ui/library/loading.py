"""Work the library view runs on a worker thread (see ui.background): thread-safe Qt only.

Why the engine's ``load_image`` and not ``QImage(path)``: a library folder can come from an
agency share; the engine's loader refuses what it cannot decode safely (oversized, damaged,
not an image) with an error code the error dialog can word, where QImage would just fail
silently or try to allocate a decompression bomb.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtGui import QImage

from docexam.errors import DocexamError, SpecimenError
from docexam.imaging.load import load_image
from docexam.specimens.library import Library
from docexam.specimens.manifest import Page


@dataclass(frozen=True)
class PageImages:
    """A page's images by light (QImage may cross threads) and the lights that failed."""

    images: dict[str, QImage] = field(default_factory=dict)
    errors: dict[str, DocexamError] = field(default_factory=dict)


def to_qimage(pixels: np.ndarray) -> QImage:
    """An H x W x 3 BGR uint8 array as a QImage that owns its pixels."""
    height, width = pixels.shape[:2]
    image = QImage(pixels.data, width, height, pixels.strides[0], QImage.Format.Format_BGR888)
    return image.copy()  # detach from the numpy buffer, which may be freed


def load_page_images(page: Page) -> PageImages:
    """Every light of ``page``; one unreadable image does not keep the others away."""
    result = PageImages()
    for light, path in page.images.items():
        try:
            result.images[light] = to_qimage(load_image(path).pixels)
        except DocexamError as exc:
            result.errors[light] = exc
    return result


def skipped_error(library: Library) -> SpecimenError | None:
    """An error naming the specimens that were skipped, with the first problem of each."""
    if not library.skipped:
        return None
    firsts = []
    for name in library.skipped:
        problem = next(
            (p for p in library.problems if p.is_error and p.path.parent.name == name), None
        )
        firsts.append(f"{name}: {problem.field}: {problem.message}" if problem else name)
    return SpecimenError(
        f"{len(library.skipped)} specimen(s) in {library.root} have errors and were not "
        f"loaded ({'; '.join(firsts)}); check them with 'docexam specimens validate "
        f"{library.root}'",
        code="SPECIMEN_INVALID",
    )
