"""Multi-light capture sets from devices: one shot per lamp, or all lamps at once.

Why two paths: on a simple rig (a camera on a stand, a flatbed with a UV lamp) the officer
switches the lamp by hand, so the tool must say which light comes next and wait; a
full-page reader delivers white, UV and IR together. Both end as the one
``examine.captureset.CaptureSet`` the examination takes, built by ``from_images`` so the
same rules hold (white required; a light of another size set aside with a named problem).
The document must not move between shots: every light is compared pixel by pixel with
white.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np

from docexam.capture.types import Frame, FrameSource
from docexam.errors import CaptureError, InputError
from docexam.examine.captureset import (
    LIGHT_ALIASES,
    CaptureSet,
    find_capture_sets,
    from_images,
    load_capture_set,
)
from docexam.imaging.load import load_image

__all__ = ["LIGHTS", "from_device_set", "guided_sequence", "normalise_light", "switch_prompt"]

LIGHTS = ("white", "uv365", "ir870")
_LIGHT_NAMES = {
    "white": ("white light", "белый свет"),
    "uv365": ("UV 365 nm", "УФ 365 нм"),
    "ir870": ("IR 870 nm", "ИК 870 нм"),
}
Shot = np.ndarray | Frame | None


def normalise_light(light: str) -> str:
    """``uv`` -> ``uv365``, ``ir`` -> ``ir870``; anything unknown is an InputError."""
    key = str(light).strip().lower()
    if key not in LIGHT_ALIASES:
        raise InputError(f"unknown light {light!r}: give white, uv (uv365) or ir (ir870)")
    return LIGHT_ALIASES[key]


def switch_prompt(light: str, lang: str = "en") -> str:
    """What to tell the officer before the shot under ``light`` (``lang``: en or ru)."""
    en, ru = _LIGHT_NAMES[normalise_light(light)]
    if lang == "ru":
        return f"Включите {ru} и нажмите Enter"
    return f"Switch to {en} and press Enter"


def _image(shot: Shot, light: str) -> np.ndarray:
    if isinstance(shot, Frame):
        shot = shot.image
    if shot is None:
        raise CaptureError(f"the source ended before the {light} shot", code="DEVICE_LOST")
    if not isinstance(shot, np.ndarray) or shot.dtype != np.uint8 or shot.ndim not in (2, 3):
        raise InputError(f"the {light} shot is not an 8-bit image")
    return shot


def _shooter(
    source: FrameSource | Callable[[str], Shot], timeout: float, discard: int
) -> Callable[[str], Shot]:
    if isinstance(source, FrameSource):

        def take(_light: str) -> Shot:
            for _ in range(discard):  # frames still showing the previous lamp
                if source.read(timeout) is None:
                    return None
            return source.read(timeout)

        return take
    if callable(source):
        return source
    raise InputError("the source must be a FrameSource or a callable light -> image")


def guided_sequence(
    source_for_light: FrameSource | Callable[[str], Shot],
    lights: Sequence[str] = LIGHTS,
    *,
    prompt: Callable[[str], object],
    name: str = "",
    timeout: float = 5.0,
    discard: int = 0,
    cancel: threading.Event | None = None,
) -> CaptureSet:
    """One shot per light, the officer switching the lamp in between.

    ``prompt(light)`` is called before each shot and returns when the lamp is on (the CLI
    prints ``switch_prompt(light)`` and waits for Enter; a UI shows a dialog); it may raise
    CaptureError CANCELLED. ``source_for_light`` is a FrameSource (one ``read(timeout)`` per
    light, after dropping ``discard`` frames that may still show the previous lamp: camera
    buffers and auto-exposure lag) or a callable ``light -> image | Frame`` (a scanner).
    White must be among ``lights``; it is shot first whatever the order given, so the
    officer starts from the light that is easiest to position the document under.
    """
    order = [normalise_light(x) for x in lights]
    if "white" not in order:
        raise InputError("a capture set needs a white-light shot")
    if len(set(order)) != len(order):
        raise InputError(f"a light is given twice: {', '.join(lights)}")
    order.sort(key=lambda x: x != "white")
    take = _shooter(source_for_light, timeout, max(0, int(discard)))
    images: dict[str, np.ndarray] = {}
    for light in order:
        if cancel is not None and cancel.is_set():
            raise CaptureError("the capture sequence was cancelled", code="CANCELLED")
        prompt(light)
        if cancel is not None and cancel.is_set():
            raise CaptureError("the capture sequence was cancelled", code="CANCELLED")
        images[light] = _image(take(light), light)
    return from_images(images, name=name)


def from_device_set(
    images: Mapping[str, np.ndarray | Frame | Path | str] | Path | str,
    *,
    name: str = "",
) -> CaptureSet:
    """A capture set from a device that delivers all lights at once.

    ``images``: light (``white``, ``uv``/``uv365``, ``ir``/``ir870``) -> image, Frame or
    file path (files through the safe loader; their paths are kept so ``examine --log``
    stores their bytes); or a folder holding exactly one set named by the capture-set rule
    (``*white*``, ``*uv*``, ``*ir*``).
    """
    if isinstance(images, str | Path):
        folder = Path(images)
        sets = find_capture_sets(folder)
        if len(sets) != 1:
            raise InputError(f"{folder} holds {len(sets)} capture sets ({', '.join(sets)}): "
                             "give one set's files")  # fmt: skip
        ((prefix, files),) = sets.items()
        return load_capture_set(files["white"], uv=files.get("uv365"), ir=files.get("ir870"),
                                name=name or prefix or folder.name)  # fmt: skip
    pixels: dict[str, np.ndarray] = {}
    paths: dict[str, str | None] = {}
    for key, value in images.items():
        light = normalise_light(key)
        if light in pixels:
            raise InputError(f"two images for {light}")
        if isinstance(value, str | Path):
            pixels[light] = load_image(value).pixels
            paths[light] = str(value)
        else:
            pixels[light] = _image(value, light)
    return from_images(pixels, paths=paths, name=name)
