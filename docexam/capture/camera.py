"""Open a camera, a video file, an image sequence or a network stream as a ``FrameSource``.

Why one function decides by the spec: the officer (or the settings file) names a source as
one string: ``0`` for the first camera, ``/dev/video2``, ``clip.avi``, ``frames/%04d.png``,
a folder of images, ``http://10.0.0.5/video.mjpg`` or ``rtsp://...``. Everything but the
image sequences goes through OpenCV's VideoCapture; sequences are read with the project's
safe loader (``docexam.imaging.load``: refused by header and size before decoding). Every
source runs its reads in a worker thread (``stream.ThreadedSource``), so no call waits
longer than its timeout, whatever the driver or the network does.

What is a missing device and what is a bad spec: a spec that is none of the forms above (an
unknown URL scheme, a path that does not exist, a folder without images) is SOURCE_INVALID;
a well-formed spec with nothing behind it (no /dev/video9, nobody answering at the URL) is
NO_DEVICE; a camera node that exists but cannot be opened is DEVICE_BUSY (another program,
or no permission).
"""

from __future__ import annotations

import os
import re
import sys
import urllib.parse
from collections.abc import Sequence
from pathlib import Path

import cv2
import numpy as np

from docexam.capture.stream import ThreadedSource, check_timeout
from docexam.capture.types import FrameSource
from docexam.errors import CaptureError
from docexam.imaging.load import load_image

__all__ = ["IMAGE_SUFFIXES", "STREAM_SCHEMES", "open_source"]

STREAM_SCHEMES = ("http", "https", "rtsp", "rtsps")
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp", ".ppm",
                            ".pgm", ".pnm"})  # fmt: skip
_DEV_VIDEO = re.compile(r"/dev/video(\d+)")
_CONVERSION = re.compile(r"%(0?\d*)d")
_OPEN_MARGIN = 1.0  # s on top of the caller's timeout for the backend's own open timeout


def open_source(
    spec: int | str | os.PathLike[str],
    *,
    width: int | None = None,
    height: int | None = None,
    timeout: float = 5.0,
) -> FrameSource:
    """Open ``spec`` as a frame source (see the module docstring for the forms).

    ``width``/``height``: the frame size asked of a camera (the driver picks the nearest
    it has); other sources deliver their own size. ``timeout`` (seconds) bounds the open
    and is the read timeout given to OpenCV's FFmpeg backend for streams (a stream that
    stops is then DEVICE_LOST after about that long; ``read``'s own timeout bounds each
    wait regardless). An existing single image file is a one-frame sequence. Raises
    CaptureError (SOURCE_INVALID, NO_DEVICE, DEVICE_BUSY, TIMEOUT) and ValueError for a bad
    ``width``, ``height`` or ``timeout``.
    """
    for key, val in (("width", width), ("height", height)):
        if val is not None and (isinstance(val, bool) or not isinstance(val, int) or val < 1):
            raise ValueError(f"{key} must be a positive int or None, got {val!r}")
    timeout = check_timeout(timeout)
    if isinstance(spec, bool) or not isinstance(spec, int | str | os.PathLike):
        raise CaptureError(f"a source must be a camera index, a path or a URL, got {spec!r}",
                           code="SOURCE_INVALID")  # fmt: skip
    if isinstance(spec, int):
        return _device(spec, width, height, timeout)
    text = os.fspath(spec)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    stripped = text.strip()
    if stripped.isdigit() and stripped.isascii():
        return _device(int(stripped), width, height, timeout)
    if _DEV_VIDEO.fullmatch(stripped):
        return _device(stripped, width, height, timeout)
    scheme = urllib.parse.urlsplit(text).scheme.lower()
    if scheme in STREAM_SCHEMES:
        return _stream(text, timeout)
    if "://" in text:
        known = ", ".join(STREAM_SCHEMES)
        raise CaptureError(f"unsupported URL scheme {scheme!r} in {_safe_url(text)} "
                           f"(known: {known})", code="SOURCE_INVALID")  # fmt: skip
    path = Path(text)
    if path.is_dir():
        return _sequence(text, _folder_images(path), timeout)
    if _CONVERSION.search(path.name):
        return _sequence(text, _pattern_images(path), timeout)
    if path.is_file():
        if path.suffix.lower() in IMAGE_SUFFIXES:
            return _sequence(text, [path], timeout)
        return _video(text, timeout)
    raise CaptureError(f"{text!r} is not a camera index, an existing file or folder, "
                       "an image pattern or a stream URL", code="SOURCE_INVALID")  # fmt: skip


# Cameras -------------------------------------------------------------------------------


def _device(dev: int | str, width: int | None, height: int | None, timeout: float) -> FrameSource:
    if isinstance(dev, int) and dev < 0:
        raise CaptureError(f"a camera index must be >= 0, got {dev}", code="SOURCE_INVALID")
    node = f"/dev/video{dev}" if isinstance(dev, int) else dev
    name = f"camera {dev}" if isinstance(dev, int) else dev
    # On Linux the device node tells "nothing there" from "there but unusable" at once,
    # without asking every backend (and without their warnings on stderr).
    linux = sys.platform.startswith("linux")
    if linux and not os.path.exists(node):
        raise CaptureError(f"no camera at {node}", code="NO_DEVICE")
    return ThreadedSource(name, _CvBackend(name, dev, width=width, height=height, busy=linux),
                          live=True, open_timeout=timeout + _OPEN_MARGIN)  # fmt: skip


class _CvBackend:
    """One ``cv2.VideoCapture``: a camera (index or node), a video file or a stream URL."""

    def __init__(self, name: str, target: int | str, *, width: int | None = None,
                 height: int | None = None, busy: bool = False, api: int = cv2.CAP_ANY,
                 params: Sequence[int] = (), missing: str = "NO_DEVICE") -> None:  # fmt: skip
        self.name, self.target, self.api, self.params = name, target, api, list(params)
        self.width, self.height, self.busy, self.missing = width, height, busy, missing
        self.cap: cv2.VideoCapture | None = None

    def open(self) -> None:
        cap = cv2.VideoCapture(self.target, self.api, self.params)
        self.cap = cap
        if not cap.isOpened():
            if self.busy:  # the node exists (checked before): someone else has it
                raise CaptureError(f"{self.name} exists but cannot be opened: another "
                                   "program may be using it, or no permission",
                                   code="DEVICE_BUSY")  # fmt: skip
            what = "nothing answered at" if self.missing == "NO_DEVICE" else "cannot read"
            raise CaptureError(f"{what} {self.name}", code=self.missing)
        if self.width:
            cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
        if self.height:
            cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)

    def grab(self) -> np.ndarray | None:
        assert self.cap is not None
        ok, img = self.cap.read()
        if not ok or img is None:
            return None
        if img.ndim == 2:
            img = cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
        elif img.shape[2] == 4:
            img = cv2.cvtColor(img, cv2.COLOR_BGRA2BGR)
        return img

    def close(self) -> None:
        if self.cap is not None:
            self.cap.release()
            self.cap = None


# Files and streams -----------------------------------------------------------------------


def _video(path: str, timeout: float) -> FrameSource:
    backend = _CvBackend(path, path, api=cv2.CAP_FFMPEG, missing="SOURCE_INVALID")
    return ThreadedSource(path, backend, live=False, open_timeout=timeout + _OPEN_MARGIN)


def _safe_url(url: str) -> str:
    """The URL without user name and password (it becomes the source's name in messages)."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def _stream(url: str, timeout: float) -> FrameSource:
    # FFmpeg's own open and read timeouts (open-only properties, FFmpeg and GStreamer
    # backends): the worker then returns from a dead stream by itself.
    ms = max(1, round(timeout * 1000))
    params = [cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, ms, cv2.CAP_PROP_READ_TIMEOUT_MSEC, ms]
    name = _safe_url(url)
    backend = _CvBackend(name, url, api=cv2.CAP_FFMPEG, params=params)
    return ThreadedSource(name, backend, live=True, open_timeout=timeout + _OPEN_MARGIN)


# Image sequences -------------------------------------------------------------------------


class _SequenceBackend:
    """Image files in order, each through the safe loader."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = list(paths)
        self.next = 0

    def open(self) -> None:
        pass

    def grab(self) -> np.ndarray | None:
        if self.next >= len(self.paths):
            return None
        path = self.paths[self.next]
        self.next += 1
        return np.array(load_image(path).pixels)  # a private, writable copy

    def close(self) -> None:
        self.next = len(self.paths)


def _sequence(name: str, paths: Sequence[Path], timeout: float) -> FrameSource:
    if not paths:
        raise CaptureError(f"no image files in {name}", code="SOURCE_INVALID")
    return ThreadedSource(name, _SequenceBackend(paths), live=False, open_timeout=timeout)


def _natural(name: str) -> list[object]:
    """Sort key: digit runs by value, so frame2 comes before frame10."""
    return [(0, int(t), "") if t.isdigit() else (1, 0, t) for t in re.split(r"(\d+)", name)]


def _folder_images(folder: Path) -> list[Path]:
    files = [p for p in folder.iterdir()
             if p.suffix.lower() in IMAGE_SUFFIXES and not p.name.startswith(".")]  # fmt: skip
    files = [p for p in files if p.is_file()]
    return sorted(files, key=lambda p: _natural(p.name))


def _pattern_images(pattern: Path) -> list[Path]:
    """The files a printf pattern (one ``%d`` / ``%04d`` in the file name) names, by number."""
    name = pattern.name
    if len(_CONVERSION.findall(name)) != 1 or "%" in _CONVERSION.sub("", name.replace("%%", "")):
        raise CaptureError(f"an image pattern needs exactly one %d conversion: {pattern}",
                           code="SOURCE_INVALID")  # fmt: skip
    folder = pattern.parent
    if not folder.is_dir():
        raise CaptureError(f"no folder {folder} for the pattern {pattern}", code="SOURCE_INVALID")
    head, tail = _CONVERSION.split(name.replace("%%", "\0"), maxsplit=1)[::2]
    head, tail = head.replace("\0", "%"), tail.replace("\0", "%")
    rx = re.compile(re.escape(head) + r"(\d+)" + re.escape(tail))
    found = []
    for p in folder.iterdir():
        m = rx.fullmatch(p.name)
        if m and (name % int(m.group(1))) == p.name and p.is_file():
            found.append((int(m.group(1)), p))
    return [p for _, p in sorted(found)]
