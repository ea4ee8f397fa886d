"""A capture set: one document side imaged under white light and, optionally, UV and IR.

Why a type of its own: every later stage assumes the lights share one geometry and that
white light is present; those assumptions are checked here once, and a light that breaks
them (another size, unreadable) is set aside with a named problem instead of being
compared pixel by pixel with the wrong thing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from docexam.errors import InputError
from docexam.imaging.load import load_image

LIGHT_ALIASES = {"white": "white", "uv": "uv365", "uv365": "uv365", "ir": "ir870", "ir870": "ir870"}
_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"}
_LIGHT_IN_NAME = re.compile(r"(white|uv365|uv|ir870|ir)", re.IGNORECASE)


@dataclass(frozen=True, eq=False)
class CaptureSet:
    """``images``: light -> image (white/uv365 BGR uint8, ir870 grey uint8), read-only.

    ``problems``: (light, code, message) for lights that were given but set aside.
    """

    images: Mapping[str, np.ndarray]
    paths: Mapping[str, str | None] = field(default_factory=dict)
    problems: tuple[tuple[str, str, str], ...] = ()
    name: str = ""

    @property
    def lights(self) -> tuple[str, ...]:
        return tuple(self.images)


def from_images(
    images: Mapping[str, np.ndarray],
    *,
    paths: Mapping[str, str | None] | None = None,
    name: str = "",
) -> CaptureSet:
    """A capture set from decoded images; lights whose size differs from white are set aside."""
    if "white" not in images:
        raise InputError("a capture set needs a white-light image")
    white = images["white"]
    if white.ndim == 2:
        white = cv2.cvtColor(white, cv2.COLOR_GRAY2BGR)
    h, w = white.shape[:2]
    out: dict[str, np.ndarray] = {"white": _frozen(white)}
    problems = []
    for light, img in images.items():
        if light == "white":
            continue
        if light not in ("uv365", "ir870"):
            raise InputError(f"unknown light {light!r}: give white, uv365 or ir870")
        if img.shape[:2] != (h, w):
            problems.append((light, "LIGHT_SIZE_MISMATCH",
                             f"the {light} image is {img.shape[1]}x{img.shape[0]} pixels but the "
                             f"white image is {w}x{h}: it cannot show the same capture, so "
                             f"checks under {light} are not run"))  # fmt: skip
            continue
        if light == "ir870" and img.ndim == 3:
            img = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
        if light == "uv365" and img.ndim == 2:
            img = cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
        out[light] = _frozen(img)
    return CaptureSet(out, dict(paths or {}), tuple(problems), name)


def _frozen(a: np.ndarray) -> np.ndarray:
    a = np.ascontiguousarray(a)
    if a.flags.writeable:
        a = a.copy()
        a.setflags(write=False)
    return a


def load_capture_set(
    white: Path, *, uv: Path | None = None, ir: Path | None = None, name: str = ""
) -> CaptureSet:
    """Load the files of one capture set (every file through the safe image loader)."""
    files = {"white": white, "uv365": uv, "ir870": ir}
    images = {}
    for light, path in files.items():
        if path is None:
            continue
        images[light] = load_image(path).pixels
    return from_images(
        images, paths={k: str(v) for k, v in files.items() if v is not None}, name=name
    )


def light_of(path: Path) -> tuple[str, str] | None:
    """(set prefix, light) of one image file by the capture-set naming rule, or None.

    The one naming rule: ``find_capture_sets`` applies it to a folder, a drop-folder
    watcher to files as they arrive.
    """
    if path.suffix.lower() not in _IMAGE_SUFFIXES:
        return None
    m = _LIGHT_IN_NAME.search(path.stem)
    if not m:
        return None
    prefix = path.stem[: m.start()].rstrip("._- ") or path.stem[m.end() :].strip("._- ")
    return prefix, LIGHT_ALIASES[m.group(1).lower()]


def find_capture_sets(folder: Path) -> dict[str, dict[str, Path]]:
    """Capture sets in a folder: files named ``<prefix>white<...>``, ``...uv...``, ``...ir...``.

    The prefix (text before the light's name, e.g. ``front.`` / ``back.``) groups files
    into sets, so a studio document folder with both sides of a card gives two sets.
    """
    if not folder.is_dir():
        raise InputError(f"{folder} is not a folder")
    sets: dict[str, dict[str, Path]] = {}
    for path in sorted(folder.iterdir()):
        named = light_of(path)
        if named is None or not path.is_file():
            continue
        prefix, light = named
        group = sets.setdefault(prefix, {})
        if light in group:
            raise InputError(
                f"{folder} holds two {light} images for the same set: "
                f"{group[light].name} and {path.name}"
            )
        group[light] = path
    sets = {k: v for k, v in sets.items() if "white" in v}
    if not sets:
        raise InputError(
            f"no capture set in {folder}: expected image files named *white*, *uv*, *ir*"
        )
    return sets
