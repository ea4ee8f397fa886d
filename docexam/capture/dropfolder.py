"""A full-page reader's drop folder: capture sets handed on as they arrive, each file whole.

Why polling and two tests of "whole": readers write over USB, SMB or their own services,
often in pieces, sometimes through a temporary name that is renamed in; file-system events
are neither portable nor reliable on network shares. A file counts when its size and
modification time have not changed for ``settle`` seconds *and* it decodes
(``docexam.imaging.load``): a pause in a slow write passes the first test, not the second.
Files are grouped by the same naming rule as ``examine.captureset.find_capture_sets``
(``<prefix>white...``, ``...uv...``, ``...ir...``), in the folder itself and in its
immediate subfolders (readers that write one folder per document).

A set is handed on when its white image is whole and every other light present has settled
(so lights written one after another, each within ``settle`` of the last, make one set). A
light that stays unreadable (a truncated file that never completes) is set aside as
``LIGHT_MISSING`` in the capture set's ``problems``, its load error in the message; a set
whose white image never completes is never handed on. Each set is handed on once per
content: a file of it written again later (a reader that reuses names, or a light that came
after its set was handed on) hands the set on again.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from docexam.errors import CaptureError, DocexamError
from docexam.examine.captureset import CaptureSet, from_images, light_of
from docexam.imaging.load import load_image

__all__ = ["ArrivedSet", "light_of", "watch"]

Sig = tuple[int, int]  # (size, mtime_ns)


@dataclass(frozen=True, eq=False)
class ArrivedSet:
    """A capture set that arrived whole: its name (``<subfolder>/<prefix>``), its files by
    light and the decoded ``capture_set`` (paths set: ``examine --log`` keeps their bytes)."""

    name: str
    files: Mapping[str, Path]
    capture_set: CaptureSet

    @property
    def lights(self) -> tuple[str, ...]:
        return self.capture_set.lights


@dataclass
class _File:
    sig: Sig
    changed: float  # monotonic time the signature was last seen changing
    pixels: np.ndarray | None = None  # decoded once still; kept until its set is handed on
    error: DocexamError | None = None  # the decode failure at this signature


def _listing(folder: Path) -> dict[Path, Sig]:
    """Every image file in the folder and its immediate subfolders; FOLDER_GONE when the
    folder itself is gone (a vanished subfolder is just no longer listed)."""
    out: dict[Path, Sig] = {}
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        raise CaptureError(f"the watched folder {folder} is gone", code="FOLDER_GONE") from None
    except OSError as exc:
        raise CaptureError(f"the watched folder {folder} cannot be read: "
                           f"{exc.strerror or exc}", code="FOLDER_GONE") from exc  # fmt: skip
    for e in entries:
        try:
            if e.is_dir(follow_symlinks=False):
                with os.scandir(e.path) as sub:
                    files = [s for s in sub if s.is_file()]
            elif e.is_file():
                files = [e]
            else:
                continue
            for f in files:
                if light_of(Path(f.name)) is not None:
                    st = f.stat()
                    out[Path(f.path)] = (st.st_size, st.st_mtime_ns)
        except OSError:  # removed or renamed between listing and stat: next poll sees it
            continue
    return out


def _key(folder: Path, path: Path) -> tuple[str, str, str]:
    """(set name, set key, light): sets in subfolders are named ``subfolder/prefix``."""
    prefix, light = light_of(path)  # type: ignore[misc]  # listed files always match
    sub = path.parent.relative_to(folder).as_posix()
    sub = "" if sub == "." else sub
    name = "/".join(p for p in (sub, prefix) if p) or path.parent.name
    return name, f"{sub}\0{prefix}", light


class _Watcher:
    """The state of one watch: files seen, their settling, the sets already handed on."""

    def __init__(self, folder: Path, settle: float, notice: Callable[[str], None]) -> None:
        self.folder, self.settle, self.notice = folder, settle, notice
        self.files: dict[Path, _File] = {}
        self.handed: dict[str, tuple] = {}  # set key -> content signature handed on
        self.told: set[tuple[Path, Sig]] = set()

    def baseline(self) -> None:
        """Files already there count as handed on (until they change)."""
        for key, members in self._sets(_listing(self.folder)).items():
            self.handed[key] = self._content(members)

    def _sets(self, listing: dict[Path, Sig]) -> dict[str, dict[str, tuple[str, Path, Sig]]]:
        sets: dict[str, dict[str, tuple[str, Path, Sig]]] = {}
        for path in sorted(listing):
            name, key, light = _key(self.folder, path)
            group = sets.setdefault(key, {})
            if light in group:
                self._tell(path, listing[path], f"{path.name}: a second {light} image for set "
                           f"{name!r} ({group[light][1].name} came first): ignored")  # fmt: skip
                continue
            group[light] = (name, path, listing[path])
        return sets

    @staticmethod
    def _content(members: Mapping[str, tuple[str, Path, Sig]]) -> tuple:
        return tuple(sorted((light, str(p), sig) for light, (_, p, sig) in members.items()))

    def _tell(self, path: Path, sig: Sig, text: str) -> None:
        if (path, sig) not in self.told:
            self.told.add((path, sig))
            self.notice(text)

    def _track(self, listing: dict[Path, Sig], now: float) -> None:
        files = {}
        for path, sig in listing.items():
            f = self.files.get(path)
            files[path] = f if f is not None and f.sig == sig else _File(sig, now)
        self.files = files

    def _settled(self, path: Path, now: float) -> _File | None:
        """The file once it has been still for ``settle`` s (decoded then; a failure is kept
        for this signature); None while it is still changing."""
        f = self.files[path]
        if now - f.changed < self.settle:
            return None
        if f.pixels is None and f.error is None:
            try:
                f.pixels = load_image(path).pixels
            except DocexamError as exc:
                f.error = exc
                self._tell(path, f.sig, f"{path.name}: still for {self.settle:g} s but not a "
                           f"whole image ({exc.message}): waiting for it")  # fmt: skip
        return f

    def poll(self) -> list[ArrivedSet]:
        """The sets that became whole since the last poll."""
        now = time.monotonic()
        listing = _listing(self.folder)
        self._track(listing, now)
        ready = []
        for key, members in self._sets(listing).items():
            content = self._content(members)
            if self.handed.get(key) == content or "white" not in members:
                continue
            states = {light: self._settled(p, now) for light, (_, p, _) in members.items()}
            if any(s is None for s in states.values()):
                continue  # a light is still being written: more may follow
            white = states["white"]
            if white is None or white.pixels is None:
                continue  # the white image is not whole (yet)
            self.handed[key] = content
            ready.append(self._arrived(members, states))
        return ready

    def _arrived(self, members: Mapping, states: Mapping[str, _File | None]) -> ArrivedSet:
        name = next(iter(members.values()))[0]
        images = {light: s.pixels for light, s in states.items() if s and s.pixels is not None}
        paths = {light: str(members[light][1]) for light in images}
        cs = from_images(images, paths=paths, name=name)
        broken = tuple((light, "LIGHT_MISSING", f"the {light} file {members[light][1].name} "
                        f"did not become a whole image ({s.error.code}: {s.error.message}): "
                        f"checks under {light} are not run")
                       for light, s in states.items() if s and s.error)  # fmt: skip
        if broken:
            cs = replace(cs, problems=cs.problems + broken)
        for s in states.values():  # the capture set holds the pixels now
            if s is not None:
                s.pixels = None
        return ArrivedSet(name, {light: members[light][1] for light in members}, cs)


def watch(
    folder: Path | str,
    *,
    settle: float = 1.0,
    poll: float = 0.25,
    stop: threading.Event | None = None,
    existing: bool = False,
    timeout: float | None = None,
    notice: Callable[[str], None] | None = None,
) -> Iterator[ArrivedSet]:
    """Yield each capture set that arrives whole in ``folder`` until ``stop`` is set or
    ``timeout`` seconds have passed (then the iteration simply ends).

    ``existing``: hand on the sets already in the folder too (else they are the baseline
    and only a change to them counts). ``notice``: remarks for the officer (a file that
    stays unreadable, a second white image for one set). Raises CaptureError FOLDER_GONE
    when the folder is missing (at this call) or disappears during the watch. The folder
    is checked and its files noted when ``watch`` is called, not at the first ``next``.
    """
    folder = Path(folder)
    if settle < 0 or poll <= 0:
        raise ValueError("settle must be >= 0 and poll > 0 seconds")
    if not folder.is_dir():
        raise CaptureError(f"no folder to watch at {folder}", code="FOLDER_GONE")
    w = _Watcher(folder, settle, notice or (lambda _text: None))
    if not existing:
        w.baseline()  # now, at the call: "already there" means there before watching began
    end = None if timeout is None else time.monotonic() + timeout
    return _loop(w, poll, stop or threading.Event(), end)


def _loop(w: _Watcher, poll: float, stop: threading.Event, end: float | None) -> Iterator:
    while not stop.is_set():
        yield from w.poll()
        wait = poll if end is None else min(poll, end - time.monotonic())
        if wait <= 0 or stop.wait(wait):
            break
