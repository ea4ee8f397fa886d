"""Shared fixtures for the capture tests: real studio documents on real media.

Frames are composed from a studio document page (``synth.studio.make_document``) warped
onto a desk at a known outline, blurred and noised like a webcam; they are written as real
video files (OpenCV's FFmpeg writer, MJPG in AVI) and image sequences, or served as a real
MJPEG-over-HTTP stream on loopback (``multipart/x-mixed-replace`` with JPEG parts, as IP
cameras send it) by a server thread that can close the connection or go silent mid-way.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import cv2
import numpy as np
import pytest

from docexam.synth import capture_optics as op
from docexam.synth import clutter
from docexam.synth.capture import Capture, simulate_capture
from docexam.synth.studio import make_document

FRAME_SIZE = (1280, 720)
PAGE_PX_PER_MM = 8.0
TD3_MM = (125.0, 88.0)


@dataclass(frozen=True)
class Studio:
    """A studio passport data page (white light, ``PAGE_PX_PER_MM``) and a desk."""

    page: np.ndarray
    desk: np.ndarray

    def frame(self, quad: np.ndarray | None, *, blur: float = 0.7, noise_seed: int = 0,
              size: tuple[int, int] = FRAME_SIZE) -> np.ndarray:  # fmt: skip
        """A webcam-like frame: the page at ``quad`` (None: the empty desk), gaussian blur
        ``blur`` px, sensor noise (sigma 3) from ``noise_seed``."""
        desk = self.desk if size == FRAME_SIZE else cv2.resize(self.desk, size)
        img = desk.copy()
        if quad is not None:
            ph, pw = self.page.shape[:2]
            k = page_scale(quad) / PAGE_PX_PER_MM
            h = op.homography(op.edges(pw, ph), np.asarray(quad, np.float64))
            img = op.place(op.antialias(self.page, k), h, desk, np.asarray(quad, np.float64))
        img = op.gaussian(img, blur)
        rng = np.random.default_rng(noise_seed)
        return np.clip(img + rng.normal(0, 3, img.shape), 0, 255).astype(np.uint8)

    @staticmethod
    def quad(cx: float, cy: float, *, px_per_mm: float = 5.5, deg: float = 2.0) -> np.ndarray:
        """The outline (TL, TR, BR, BL) of a TD3 page centred at (cx, cy), rotated ``deg``."""
        return td3_quad(cx, cy, px_per_mm=px_per_mm, deg=deg)

    @staticmethod
    def write_video(path: Path, frames: Sequence[np.ndarray], fourcc: str = "MJPG") -> None:
        """``frames`` as a 25 frames/s video (OpenCV's FFmpeg writer)."""
        write_video(path, frames, fourcc)


def page_scale(quad: np.ndarray) -> float:
    """Pixels per mm of a TD3 page at ``quad``."""
    q = np.asarray(quad, np.float64)
    return float(np.linalg.norm(q[1] - q[0]) / TD3_MM[0])


def td3_quad(cx: float, cy: float, *, px_per_mm: float = 5.5, deg: float = 2.0) -> np.ndarray:
    """The outline (TL, TR, BR, BL) of a TD3 page centred at (cx, cy), rotated ``deg``."""
    w, h = TD3_MM[0] * px_per_mm / 2, TD3_MM[1] * px_per_mm / 2
    a = np.deg2rad(deg)
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    return np.array([[-w, -h], [w, -h], [w, h], [-w, h]]) @ rot.T + [cx, cy]


@pytest.fixture(scope="session")
def studio() -> Studio:
    doc = make_document("uto-passport-2021", seed=1_000_321, px_per_mm=PAGE_PX_PER_MM)
    page = doc.images["data_page"]["white"]
    desk, _ = clutter.desk(np.random.default_rng(1), *FRAME_SIZE)  # a fabric desk
    return Studio(page=page, desk=desk)


@dataclass(frozen=True)
class Clip:
    """A composed scene: the frames, the page's outline in each (None: not there) and which
    frames show the page still, wholly in frame and sharp."""

    frames: tuple[np.ndarray, ...]
    quads: tuple[np.ndarray | None, ...]
    still: tuple[bool, ...]


@pytest.fixture(scope="session")
def clip(studio: Studio) -> Clip:
    """An empty desk (3 frames), the page sliding in from the right (8 frames, 45 px a
    frame, the first ones cut off by the edge), still (10), one blurred frame, still (4),
    taken away (4), put down elsewhere and still (8)."""
    rest = td3_quad(620, 360)
    quads: list[np.ndarray | None] = [None] * 3
    quads += [rest + np.array([45 * (8 - i), 0]) for i in range(8)]
    quads += [rest] * 15
    quads += [None] * 4
    quads += [td3_quad(560, 380, deg=-3.0)] * 8
    blurred = 3 + 8 + 10
    frames, still = [], []
    for i, q in enumerate(quads):
        frames.append(studio.frame(q, blur=3.0 if i == blurred else 0.7, noise_seed=i))
        still.append(q is not None and i >= 11 and i != blurred and not 26 <= i < 30)
    return Clip(tuple(frames), tuple(quads), tuple(still))


@pytest.fixture(scope="session")
def clip_video(clip: Clip, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The clip as an MJPG AVI at 25 frames/s (FFmpeg writer)."""
    path = tmp_path_factory.mktemp("video") / "clip.avi"
    write_video(path, clip.frames)
    return path


def write_video(path: Path, frames: Sequence[np.ndarray], fourcc: str = "MJPG") -> None:
    h, w = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*fourcc), 25.0, (w, h))
    assert writer.isOpened(), f"this OpenCV cannot write {fourcc}"
    for f in frames:
        writer.write(f)
    writer.release()


@pytest.fixture(scope="session")
def clip_sequence(clip: Clip, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The clip as numbered PNG files frame_0000.png ... (lossless)."""
    folder = tmp_path_factory.mktemp("sequence")
    for i, f in enumerate(clip.frames):
        assert cv2.imwrite(str(folder / f"frame_{i:04d}.png"), f)
    return folder


@pytest.fixture(scope="session")
def camera_capture() -> Capture:
    """A booth-camera capture of a studio passport under white, UV and IR light."""
    doc = make_document("uto-passport-2021", seed=1_000_322)
    return simulate_capture(doc.images["data_page"], px_per_mm=doc.plan.px_per_mm,
                            mode="camera", seed=12)  # fmt: skip


# MJPEG over HTTP ----------------------------------------------------------------------


@dataclass
class MjpegServer:
    """A loopback MJPEG server: ``url`` streams ``frames`` at ``fps``, then ``then``:
    "close" (the connection closes) or "stall" (it stays open, silent, until teardown)."""

    url: str
    httpd: ThreadingHTTPServer
    quiet: threading.Event

    def stop(self) -> None:
        self.quiet.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def _handler(frames: Sequence[np.ndarray], fps: float, then: str, quiet: threading.Event) -> type:
    parts = []
    for f in frames:
        ok, buf = cv2.imencode(".jpg", f, [cv2.IMWRITE_JPEG_QUALITY, 90])
        assert ok
        parts.append(buf.tobytes())

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep pytest output clean
            pass

        def do_GET(self) -> None:  # (http.server's name for it)
            self.send_response(200)
            self.send_header("Content-Type", "multipart/x-mixed-replace; boundary=frame")
            self.end_headers()
            try:
                for data in parts:
                    head = b"--frame\r\nContent-Type: image/jpeg\r\n"
                    head += b"Content-Length: %d\r\n\r\n" % len(data)
                    self.wfile.write(head + data + b"\r\n")
                    self.wfile.flush()
                    if quiet.wait(1 / fps):
                        return
                if then == "stall":
                    quiet.wait(60)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


@pytest.fixture
def mjpeg_server() -> Iterator[Callable[..., MjpegServer]]:
    """Start servers with ``start(frames, fps=25, then="close")``; all stop at teardown."""
    servers: list[MjpegServer] = []

    def start(
        frames: Sequence[np.ndarray], *, fps: float = 25.0, then: str = "close"
    ) -> MjpegServer:
        quiet = threading.Event()
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(frames, fps, then, quiet))
        httpd.daemon_threads = True
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        server = MjpegServer(f"http://127.0.0.1:{httpd.server_address[1]}/video.mjpg", httpd, quiet)
        servers.append(server)
        return server

    yield start
    for s in servers:
        s.stop()
