"""Scanners through SANE: ``scanimage`` as a child process, never the C library in-process.

Why a subprocess and not a binding (python-sane): a scanner driver that hangs in USB I/O or
crashes on an assertion must never take the tool with it. In a child process a hung scan is
a deadline: the process group gets SIGTERM (scanimage then cancels the scan, so the head
parks), and SIGKILL shortly after; the caller has its answer within ``timeout`` plus about a
second. The scanner's own words (stderr) are kept in the error so the officer sees "Document
feeder jammed", not a status number. Output is read as PNG (or TIFF/PNM) and decoded by
``docexam.imaging.load`` like every other image: the same size limit, the same refusals.

The child runs with ``LC_ALL=C`` so its messages, which are matched here, are in English.
``SANE_CONFIG_DIR`` is inherited: tests point it at a folder whose ``dll.conf`` enables the
``test`` backend, which is a real SANE device (``test:0``, ``test:1``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from docexam.capture.types import Frame
from docexam.errors import CaptureError, DocexamError, InputError
from docexam.imaging.load import load_image_bytes

__all__ = ["FORMATS", "Scan", "Scanner", "ScannerSource", "list_scanners", "run_scan", "scan"]

FORMATS = ("png", "tiff", "pnm")
#: After SIGTERM scanimage cancels the scan (the device stops cleanly); SIGKILL follows.
_TERM_GRACE_S = 0.5
_KILL_WAIT_S = 0.5
#: Options run_scan sets itself; passing them again in ``options`` would contradict it.
_OWN_OPTIONS = frozenset(
    ("--device-name", "--format", "--output-file", "--batch", "--resolution", "--mode")
)


@dataclass(frozen=True)
class Scanner:
    """One scanner as SANE lists it; ``device`` is what ``scan`` takes."""

    device: str
    vendor: str = ""
    model: str = ""
    type: str = ""

    @property
    def label(self) -> str:
        return " ".join(p for p in (self.vendor, self.model, f"({self.type})") if p.strip("()"))


@dataclass(frozen=True, eq=False)
class Scan:
    """A finished scan: the bytes as the scanner delivered them (``format``), the decoded
    image (BGR uint8, read-only) and the scanner's remarks (e.g. a resolution it rounded)."""

    data: bytes = field(repr=False)
    format: str
    image: np.ndarray = field(repr=False)
    device: str
    resolution: int
    notes: tuple[str, ...] = ()


def _tool(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise CaptureError(
            f"{tool} is not installed: scanners need SANE (Debian/Ubuntu: apt install "
            "sane-utils; macOS: brew install sane-backends)",
            code="TOOL_MISSING",
        )
    return path


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["LC_ALL"] = "C"
    env.pop("LANGUAGE", None)
    return env


def _stop(proc: subprocess.Popen) -> None:
    """SIGTERM the process group (scanimage cancels the scan), then SIGKILL; never waits
    longer than about a second, even for a process stuck in the kernel."""
    for sig, wait in ((signal.SIGTERM, _TERM_GRACE_S), (signal.SIGKILL, _KILL_WAIT_S)):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, sig)
        try:
            proc.communicate(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue
    # Unkillable (uninterruptible I/O): let a daemon thread reap it whenever it ends.
    threading.Thread(target=proc.wait, daemon=True, name="scanimage-reaper").start()


def _run(
    argv: list[str], *, timeout: float, cancel: threading.Event | None, what: str
) -> tuple[int, bytes, str]:
    """(exit status, stdout, stderr) of one scanimage run, or TIMEOUT / CANCELLED."""
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=_env(),
                                start_new_session=True)  # fmt: skip
    except FileNotFoundError:
        raise CaptureError(f"{argv[0]} is not installed", code="TOOL_MISSING") from None
    except OSError as exc:
        raise CaptureError(f"cannot start {argv[0]}: {exc.strerror or exc}",
                           code="TOOL_MISSING") from exc  # fmt: skip
    deadline = time.monotonic() + timeout
    try:
        while True:
            left = deadline - time.monotonic()
            try:
                out, err = proc.communicate(timeout=max(0.01, min(0.1, left)))
                break
            except subprocess.TimeoutExpired:
                if cancel is not None and cancel.is_set():
                    raise CaptureError(f"{what}: cancelled", code="CANCELLED") from None
                if time.monotonic() >= deadline:
                    raise CaptureError(f"{what}: no answer within {timeout:g} s; the scanner "
                                       "process was stopped", code="TIMEOUT") from None  # fmt: skip
    except BaseException:  # also Ctrl-C: the child has its own session and would not see it
        _stop(proc)
        raise
    return proc.returncode, out, err.decode("utf-8", "replace")


def list_scanners(*, timeout: float = 10.0, tool: str = "scanimage") -> list[Scanner]:
    """The scanners SANE finds (``scanimage -f``); an empty list when there are none.

    Why a timeout: network backends (net, escl, snmp discovery) may take seconds to give
    up on a silent network; a device list must never block the tool.
    """
    fmt = "%d\t%v\t%m\t%t%n"
    rc, out, err = _run([_tool(tool), "-f", fmt], timeout=timeout, cancel=None,
                        what="listing scanners")  # fmt: skip
    if rc != 0:
        raise CaptureError(f"listing scanners failed: {_remarks(err) or f'exit status {rc}'}",
                           code="SCAN_FAILED")  # fmt: skip
    scanners = []
    for line in out.decode("utf-8", "replace").splitlines():
        parts = line.split("\t")
        if parts[0].strip():
            scanners.append(Scanner(*(p.strip() for p in [*parts, "", "", ""][:4])))
    return scanners


def _argv(
    tool: str, device: str, resolution: int, mode: str,
    area_mm: Sequence[float] | None, fmt: str, options: Sequence[str],
) -> list[str]:  # fmt: skip
    if not isinstance(device, str) or not device.strip():
        raise InputError("no scanner given: name a device (docexam capture list)")
    if isinstance(resolution, bool) or not isinstance(resolution, int) or resolution <= 0:
        raise InputError(f"the resolution must be a positive number of dpi, not {resolution!r}")
    if not mode or not isinstance(mode, str):
        raise InputError("the scan mode must be given (e.g. Color, Gray)")
    if fmt not in FORMATS:
        raise InputError(f"scan format: one of {', '.join(FORMATS)}, not {fmt!r}")
    argv = [tool, "-d", device, f"--format={fmt}", "--resolution", str(resolution),
            "--mode", mode]  # fmt: skip
    if area_mm is not None:
        area = [float(v) for v in area_mm]
        if len(area) != 4 or min(area) < 0 or area[2] <= 0 or area[3] <= 0:
            raise InputError(f"scan area: x, y, width, height in mm (width and height above 0, "
                             f"none negative), not {tuple(area_mm)!r}")  # fmt: skip
        for flag, v in zip(("-l", "-t", "-x", "-y"), area, strict=True):
            argv += [flag, f"{v:g}"]
    for opt in options:
        name = opt.split("=", 1)[0]
        if not opt.startswith("--") or name in _OWN_OPTIONS:
            raise InputError(f"extra scanner option {opt!r}: give device options as "
                             "--name=value; device, format, resolution, mode and area have "
                             "their own parameters")  # fmt: skip
        argv.append(opt)
    return argv


def _remarks(err: str) -> str:
    lines = [ln.removeprefix("scanimage: ").strip() for ln in err.splitlines()]
    return "; ".join(ln for ln in lines if ln)


def _failure(device: str, rc: int, err: str) -> CaptureError:
    text = _remarks(err)
    low = text.lower()
    if "open of device" in low:
        if "busy" in low:
            return CaptureError(f"scanner {device} is busy (another program is using it): "
                                f"{text}", code="DEVICE_BUSY")  # fmt: skip
        return CaptureError(f"no scanner {device!r} (docexam capture list shows the scanners "
                            f"found): {text}", code="NO_DEVICE")  # fmt: skip
    if rc == 3 or "device busy" in low:
        return CaptureError(f"scanner {device} is busy: {text}", code="DEVICE_BUSY")
    if rc < 0:
        return CaptureError(f"the scanner program crashed (signal {-rc}) on {device}: "
                            f"{text or 'no message'}", code="SCAN_FAILED")  # fmt: skip
    return CaptureError(f"scanner {device} failed: {text or f'exit status {rc}'}",
                        code="SCAN_FAILED")  # fmt: skip


def run_scan(
    device: str,
    *,
    resolution: int = 300,
    mode: str = "Color",
    area_mm: Sequence[float] | None = None,
    timeout: float = 120.0,
    cancel: threading.Event | None = None,
    fmt: str = "png",
    options: Sequence[str] = (),
    tool: str = "scanimage",
) -> Scan:
    """Scan one page; the bytes and the decoded image.

    ``area_mm``: (left, top, width, height) in mm from the glass's corner. ``options``:
    further device options as ``--name=value`` (``--source=ADF``, or the test backend's
    ``--read-delay=yes``). ``mode`` is passed as given: backends name modes differently
    (Color, Gray, Lineart; some "24bit Color"); ``scanimage -d DEV -A`` lists them.
    """
    if timeout <= 0:
        raise InputError(f"the scan time-out must be above 0 s, not {timeout!r}")
    argv = _argv(_tool(tool), device, resolution, mode, area_mm, fmt, options)
    if cancel is not None and cancel.is_set():
        raise CaptureError(f"scan on {device}: cancelled", code="CANCELLED")
    rc, out, err = _run(argv, timeout=timeout, cancel=cancel, what=f"scan on {device}")
    if rc != 0:
        raise _failure(device, rc, err)
    if not out:
        raise CaptureError(f"scanner {device} returned no image: {_remarks(err) or 'no message'}",
                           code="SCAN_FAILED")  # fmt: skip
    try:
        loaded = load_image_bytes(out, name=f"scan from {device}")
    except DocexamError as exc:
        raise CaptureError(f"the scan from {device} is not a usable image: {exc.message}",
                           code="SCAN_FAILED") from exc  # fmt: skip
    notes = tuple(ln for ln in (x.strip() for x in _remarks(err).split(";")) if ln)
    return Scan(out, fmt, loaded.pixels, device, resolution, notes)


def scan(
    device: str,
    *,
    resolution: int = 300,
    mode: str = "Color",
    area_mm: Sequence[float] | None = None,
    timeout: float = 120.0,
    cancel: threading.Event | None = None,
    options: Sequence[str] = (),
) -> np.ndarray:
    """Scan one page: the image, BGR uint8 (read-only); ``run_scan`` also gives the bytes."""
    return run_scan(device, resolution=resolution, mode=mode, area_mm=area_mm,
                    timeout=timeout, cancel=cancel, options=options).image  # fmt: skip


class ScannerSource:
    """A scanner as a ``FrameSource``: every ``read`` is one scan (for guided multi-light
    sequences, where a flatbed with switchable lamps takes one page per light).

    Why the source's own time-out wins over a shorter ``read(timeout)``: frame time-outs
    are sized for cameras (seconds); a 600 dpi scan legitimately takes a minute.
    """

    def __init__(
        self,
        device: str,
        *,
        resolution: int = 300,
        mode: str = "Color",
        area_mm: Sequence[float] | None = None,
        timeout: float = 120.0,
        cancel: threading.Event | None = None,
        options: Sequence[str] = (),
    ) -> None:
        self.name = f"scanner {device}"
        self._kw = dict(resolution=resolution, mode=mode, area_mm=area_mm, cancel=cancel,
                        options=tuple(options))  # fmt: skip
        self._device, self._timeout = device, timeout
        self._index = 0
        self._closed = False

    def read(self, timeout: float = 5.0) -> Frame | None:
        if self._closed:
            raise CaptureError(f"{self.name} is closed", code="DEVICE_LOST")
        res = run_scan(self._device, timeout=max(timeout, self._timeout), **self._kw)
        frame = Frame(res.image, self._index, time.monotonic(), self.name)
        self._index += 1
        return frame

    def close(self) -> None:
        self._closed = True

    def __enter__(self) -> ScannerSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
