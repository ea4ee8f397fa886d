"""Capture benchmark: live document detection, time to auto-capture, time per quality gate.

Figures, not a test. Frames are composed like the capture tests' (a studio document page
warped onto a desk at a random outline, webcam blur and noise, 1280 x 720): three bundled
designs, four kinds of desk, the document wholly in frame, cut off by the edge, or absent.

- Live detection: ``detect_document`` per frame, median and 90th percentile wall time,
  frames per second from the median (target >= 15), and the median process CPU time (the
  same work without other processes' share of a busy machine).
- Auto-capture: scenes of a document sliding in and stopping; frames from the first still
  frame to the one ``AutoCapture.feed`` keeps, and what that is at 25 frames/s (when
  detection is slower than the camera, a live source keeps only the newest frame, so the
  wait is frames x the detection time instead).
- Quality gates: ``check_gates`` on booth-camera captures (about 2100 x 1570) and on live
  frames, total and per gate (in_frame = locating the outline, resolution, sharpness,
  glare, exposure), median ms each.

    .venv/bin/python benchmarks/capture_bench.py [--frames 60] [--scenes 6] [--seed 0]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable

import numpy as np

from docexam.capture import measure as ms
from docexam.capture.gates import check_gates
from docexam.capture.live import AutoCapture, detect_document
from docexam.capture.outline import locate, nearest_size
from docexam.capture.types import Frame
from docexam.examine.quality import capture_px_per_mm
from docexam.synth import capture_optics as op
from docexam.synth import clutter
from docexam.synth.capture import simulate_capture
from docexam.synth.studio import make_document

TARGET_FPS = 15.0
CAMERA_FPS = 25.0
SIZE = (1280, 720)
DESIGNS = {"uto-passport-2021": (125.0, 88.0), "uto-id-2019": (85.6, 54.0),
           "uto-visa-2018": (120.0, 80.0)}  # fmt: skip


def _pages() -> list[tuple[np.ndarray, tuple[float, float]]]:
    out = []
    for sid, size in DESIGNS.items():
        doc = make_document(sid, seed=4242, px_per_mm=8.0)
        out.append((next(iter(doc.images.values()))["white"], size))
    return out


def _desks(rng: np.random.Generator) -> list[np.ndarray]:
    desks: dict[str, np.ndarray] = {}
    while len(desks) < len(clutter.BACKGROUNDS):
        img, kind = clutter.desk(rng, *SIZE)
        desks.setdefault(kind, img)
    return list(desks.values())


def _outline(size: tuple[float, float], k: float, c: tuple[float, float], deg: float) -> np.ndarray:
    w, h = size[0] * k / 2, size[1] * k / 2
    a = np.deg2rad(deg)
    rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    return np.array([[-w, -h], [w, -h], [w, h], [-w, h]]) @ rot.T + c


def _compose(page: np.ndarray, quad: np.ndarray | None, desk: np.ndarray, k: float,
             rng: np.random.Generator) -> np.ndarray:  # fmt: skip
    img = desk
    if quad is not None:
        ph, pw = page.shape[:2]
        h = op.homography(op.edges(pw, ph), quad)
        img = op.place(op.antialias(page, k / 8.0), h, desk, quad)
    img = op.gaussian(img, float(rng.uniform(0.5, 1.0)))
    return np.clip(img + rng.normal(0, 3, img.shape), 0, 255).astype(np.uint8)


def _frames(n: int, rng: np.random.Generator) -> list[np.ndarray]:
    pages, desks = _pages(), _desks(rng)
    out = []
    for i in range(n):
        page, size = pages[i % len(pages)]
        desk = desks[(i // len(pages)) % len(desks)]
        k = float(rng.uniform(3.5, 6.5))
        c = (rng.uniform(size[0] * k / 2 + 20, SIZE[0] - size[0] * k / 2 - 20),
             rng.uniform(size[1] * k / 2 + 20, SIZE[1] - size[1] * k / 2 - 20))  # fmt: skip
        if i % 5 == 3:  # cut off by the right edge
            c = (SIZE[0] - 0.2 * size[0] * k, c[1])
        quad = None if i % 10 == 9 else _outline(size, k, c, float(rng.uniform(-8, 8)))
        out.append(_compose(page, quad, desk, k, rng))
    return out


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall and process CPU seconds of one call."""
    w0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w0, time.process_time() - c0


def bench_live(frames: list[np.ndarray]) -> float:
    detect_document(frames[0])  # warm up
    wall, cpu = zip(*(_timed(lambda f=f: detect_document(f)) for f in frames), strict=True)
    med = statistics.median(wall) * 1000
    p90 = float(np.percentile(wall, 90)) * 1000
    fps = 1000 / med
    verdict = "ok" if fps >= TARGET_FPS else "MISSED"
    print(f"live detection, {len(frames)} frames 1280x720: median {med:.1f} ms, p90 {p90:.1f} ms,"
          f" {fps:.1f} frames/s (target >= {TARGET_FPS:g}: {verdict});"
          f" median CPU {statistics.median(cpu) * 1000:.1f} ms")  # fmt: skip
    return med


def bench_auto(scenes: int, rng: np.random.Generator, detect_ms: float) -> None:
    pages, desks = _pages(), _desks(rng)
    waits = []
    for s in range(scenes):
        page, size = pages[s % len(pages)]
        desk = desks[s % len(desks)]
        k = 5.0
        rest = (float(rng.uniform(450, 830)), float(rng.uniform(300, 420)))
        deg = float(rng.uniform(-6, 6))
        auto, first_still, kept_at = AutoCapture(), None, None
        for i in range(40):
            dx = max(0, 8 - i) * 40.0  # slides in from the right, 40 px a frame, then stops
            quad = _outline(size, k, (rest[0] + dx, rest[1]), deg)
            if dx == 0 and first_still is None:
                first_still = i
            img = _compose(page, quad, desk, k, rng)
            img.setflags(write=False)
            if auto.feed(Frame(img, i, i / CAMERA_FPS)) is not None:
                kept_at = i
                break
        if kept_at is None or first_still is None:
            print(f"  scene {s}: nothing kept")
            continue
        waits.append(kept_at - first_still + 1)
    if not waits:
        return
    n = statistics.median(waits)
    per_frame = max(1000 / CAMERA_FPS, detect_ms)
    print(
        f"auto-capture, {len(waits)} scenes: {n:g} frames from the first still frame "
        f"(range {min(waits)}-{max(waits)}) = {n * 1000 / CAMERA_FPS:.0f} ms at "
        f"{CAMERA_FPS:g} frames/s; with detection at {detect_ms:.0f} ms a frame: "
        f"{n * per_frame:.0f} ms"
    )


def _gate_parts(img: np.ndarray, size: tuple[float, float]) -> dict[str, float]:
    t: dict[str, float] = {}
    w0 = time.perf_counter()
    found = locate(img, work_px=1024)
    t["in_frame"] = time.perf_counter() - w0
    if found is None:
        return t
    w0 = time.perf_counter()
    k = capture_px_per_mm(found.quad, size or nearest_size(found.quad))
    region = ms.PageRegion(img, found.quad)
    t["resolution"] = time.perf_counter() - w0
    w0 = time.perf_counter()
    glare = ms.page_glare(region, k)
    t["glare"] = time.perf_counter() - w0
    w0 = time.perf_counter()
    ms.page_sharpness(region, k, exclude=glare)
    t["sharpness"] = time.perf_counter() - w0
    w0 = time.perf_counter()
    ms.page_level(region)
    t["exposure"] = time.perf_counter() - w0
    return t


def bench_gates(live: list[np.ndarray], n_captures: int) -> None:
    captures = []
    for i in range(n_captures):
        sid = list(DESIGNS)[i % len(DESIGNS)]
        doc = make_document(sid, seed=5000 + i)
        imgs = next(iter(doc.images.values()))
        cap = simulate_capture(imgs, px_per_mm=doc.plan.px_per_mm, mode="camera", seed=i)
        captures.append((cap.images["white"], DESIGNS[sid]))
    for label, items in (("booth camera ~2100x1570", captures),
                         ("live frames 1280x720", [(f, None) for f in live[:12]])):  # fmt: skip
        check_gates(items[0][0])  # warm up
        total = [_timed(lambda im=im, s=s: check_gates(im, size_mm=s))[0] for im, s in items]
        parts: dict[str, list[float]] = {}
        for im, s in items:
            for gate, sec in _gate_parts(im, s).items():
                parts.setdefault(gate, []).append(sec)
        each = ", ".join(f"{g} {statistics.median(v) * 1000:.1f}" for g, v in parts.items())
        print(
            f"quality gates, {label} ({len(items)} images): check_gates median "
            f"{statistics.median(total) * 1000:.0f} ms; per gate (ms): {each}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=60, help="live frames to time")
    ap.add_argument("--scenes", type=int, default=6, help="auto-capture scenes")
    ap.add_argument("--captures", type=int, default=6, help="booth-camera captures to gate")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    rng = np.random.default_rng(args.seed)
    print(
        f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
        f"({os.cpu_count()} CPUs)"
    )
    frames = _frames(args.frames, rng)
    detect_ms = bench_live(frames)
    bench_auto(args.scenes, rng, detect_ms)
    bench_gates(frames, args.captures)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
