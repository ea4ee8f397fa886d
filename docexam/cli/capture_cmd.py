"""``docexam capture``: scanners, cameras, lamp-by-lamp sets and reader drop folders.

Exit codes (cli/main.py): 0 done (and, for ``camera``/``set``, every quality gate passed;
for ``watch --examine``, every set consistent), 1 a finding (a gate failed: what to fix is
printed; a set not consistent), 2 a device or input error (CaptureError, with its code; for
``watch``, also a set that could not be examined: printed, and the watch goes on).
Progress and prompts go to stderr, results to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from pathlib import Path

from docexam.cli import capture_watch
from docexam.cli.capture_watch import positive_timeout, say
from docexam.errors import CaptureError, InputError

_WRITE_SUFFIXES = {".png": "png", ".tif": "tiff", ".tiff": "tiff", ".pnm": "pnm", ".ppm": "pnm",
                   ".pgm": "pnm", ".jpg": "jpeg", ".jpeg": "jpeg"}  # fmt: skip


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("capture", help="capture from scanners, cameras and reader folders",
                       description="Scanners (SANE), cameras and streams, lamp-by-lamp "
                       "capture sets, and full-page readers' drop folders.")  # fmt: skip
    cs = p.add_subparsers(dest="capture_command", metavar="WHAT")
    cs.required = True

    lp = cs.add_parser("list", help="scanners (SANE) and cameras (indices 0-9) found")
    lp.add_argument("--timeout", type=float, default=10.0, metavar="S",
                    help="give up on a device after this long (default 10)")  # fmt: skip
    lp.add_argument("--json", action="store_true")
    lp.set_defaults(run=_list)

    sp = cs.add_parser("scan", help="scan one page with a SANE scanner")
    sp.add_argument("--device", required=True, metavar="DEV", help="e.g. test:0 (capture list)")
    _scan_options(sp)
    sp.add_argument("--out", required=True, type=Path, metavar="FILE",
                    help=".png, .tif, .pnm (as the scanner delivered it) or .jpg")  # fmt: skip
    sp.set_defaults(run=_scan)

    cp = cs.add_parser("camera", help="keep one frame of a document from a camera or stream")
    cp.add_argument("--source", required=True, metavar="INDEX|FILE|URL")
    cp.add_argument("--auto", action="store_true",
                    help="wait until the document is in frame, still and sharp")  # fmt: skip
    _camera_options(cp)
    cp.set_defaults(run=_camera)

    gp = cs.add_parser("set", help="one shot per lamp (white, UV, IR), switched by hand")
    src = gp.add_mutually_exclusive_group(required=True)
    src.add_argument("--source", metavar="INDEX|FILE|URL", help="a camera or stream")
    src.add_argument("--device", metavar="DEV", help="a SANE scanner")
    gp.add_argument("--lights", default="white,uv,ir", help="default white,uv,ir")
    gp.add_argument("--discard", type=int, default=3, metavar="N",
                    help="camera frames dropped after each switch (default 3)")  # fmt: skip
    _scan_options(gp)
    _camera_options(gp, timeout=False)
    gp.set_defaults(run=_set)

    wp = cs.add_parser("watch", help="examine capture sets as a reader drops them in a folder")
    wp.add_argument("folder", type=Path, metavar="FOLDER")
    wp.add_argument("--examine", action="store_true", help="examine each set as it arrives")
    wp.add_argument("--existing", action="store_true", help="also the sets already there")
    wp.add_argument("--once", action="store_true", help="stop after the first set")
    wp.add_argument("--timeout", type=float, metavar="S", help="stop after this long")
    wp.add_argument("--settle", type=float, default=1.0, metavar="S",
                    help="a file counts when unchanged this long (default 1)")  # fmt: skip
    wp.add_argument("--json", action="store_true", help="one JSON object per set")
    wp.add_argument("--library", type=Path, metavar="DIR", help="specimen library folder")
    wp.add_argument("--specimen", metavar="ID", help="skip identification: use this specimen")
    wp.add_argument("--today", metavar="YYYY-MM-DD", help="date for expiry (default: today)")
    g = wp.add_argument_group("examination log (as examine --log)")
    g.add_argument("--log", action="store_true", help="record each examination in the log")
    g.add_argument("--officer", metavar="WHO")
    g.add_argument("--station", metavar="NAME")
    g.add_argument("--db", type=Path, metavar="PATH", help="the log database file")
    g.add_argument("--log-evidence", choices=("findings", "all", "none"), default="findings")
    wp.set_defaults(run=capture_watch.run, decision=None, note="")  # fmt: skip


def _scan_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--resolution", type=int, default=300, metavar="DPI", help="default 300")
    p.add_argument("--mode", default="Color", help="Color or Gray (names vary by scanner)")
    p.add_argument("--area", metavar="X,Y,W,H", help="scan area in mm from the glass's corner")
    p.add_argument("--option", action="append", default=[], metavar="NAME=VALUE",
                   help="a further scanner option, e.g. source=ADF (repeatable)")  # fmt: skip
    p.add_argument("--timeout", type=float, default=120.0, metavar="S",
                   help="stop a scan or camera that has not delivered (default 120)")  # fmt: skip


def _camera_options(p: argparse.ArgumentParser, *, timeout: bool = True) -> None:
    p.add_argument("--out", required=True, type=Path, metavar="DIR")
    p.add_argument("--name", default="capture", help="file prefix (default capture)")
    p.add_argument("--size-mm", metavar="W,H", help="the document's size, for the resolution gate")
    if timeout:  # (``set`` has the scanner's --timeout already)
        p.add_argument("--timeout", type=float, default=30.0, metavar="S", help="default 30")


def _numbers(text: str | None, n: int, what: str) -> tuple[float, ...] | None:
    if text is None:
        return None
    try:
        vals = tuple(float(v) for v in text.split(","))
    except ValueError:
        vals = ()
    if len(vals) != n:
        raise InputError(f"{what}: {n} numbers separated by commas, not {text!r}")
    return vals


def _scan_kw(args: argparse.Namespace) -> dict:
    if args.resolution <= 0:
        raise InputError(f"--resolution must be above 0 dpi, not {args.resolution}")
    positive_timeout(args)
    opts = [o if o.startswith("--") else f"--{o}" for o in args.option]
    return dict(resolution=args.resolution, mode=args.mode, timeout=args.timeout,
                area_mm=_numbers(args.area, 4, "--area"), options=opts)  # fmt: skip


def _write(path: Path, data: bytes) -> None:
    """Write atomically: a reader watching the folder never sees half a file."""
    tmp = path.with_name(f".{path.name}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc


def _png(image) -> bytes:
    import cv2

    ok, buf = cv2.imencode(".png", image)
    if not ok:
        raise InputError("cannot encode the image as PNG")
    return buf.tobytes()


# --- list and scan -------------------------------------------------------------------------
def _list(args: argparse.Namespace) -> int:
    from docexam.capture.sane import list_scanners

    positive_timeout(args)
    found: dict = {}

    def scanners() -> None:
        try:
            found["scanners"] = [vars(s) | {"label": s.label}
                                 for s in list_scanners(timeout=args.timeout)]  # fmt: skip
        except CaptureError as exc:
            found["scanners_error"] = exc.message

    t = threading.Thread(target=scanners, daemon=True)
    t.start()
    cameras = _cameras(min(args.timeout, 3.0))
    t.join(args.timeout + 3)
    if args.json:
        print(json.dumps({"scanners": found.get("scanners", []), "cameras": cameras,
                          "scanners_error": found.get("scanners_error")}, indent=1))  # fmt: skip
        return 0
    print("scanners (SANE):")
    for s in found.get("scanners", []):
        print(f"  {s['device']:30s} {s['label']}")
    if not found.get("scanners"):
        print(f"  none ({found.get('scanners_error', 'no scanner answered')})")
    print("cameras:")
    for c in cameras:
        print(f"  {c['index']:<3d} {c['status']}")
    if not cameras:
        print("  none")
    return 0


def _cameras(timeout: float) -> list[dict]:
    """Camera indices 0-9 that open (and their frame size), each probe bounded."""
    from docexam.capture.camera import open_source

    out = []
    for i in range(10):
        try:
            with open_source(i, timeout=timeout) as src:
                frame = src.read(timeout)
            size = "no frame" if frame is None else f"{frame.image.shape[1]}x{frame.image.shape[0]}"
            out.append({"index": i, "status": f"ok, {size}"})
        except CaptureError as exc:
            if exc.code != "NO_DEVICE":
                out.append({"index": i, "status": f"{exc.code}: {exc.message}"})
    return out


def _scan(args: argparse.Namespace) -> int:
    from docexam.capture.sane import run_scan

    kind = _WRITE_SUFFIXES.get(args.out.suffix.lower())
    if kind is None:
        raise InputError(f"--out: name a .png, .tif, .pnm or .jpg file, not {args.out.name}")
    kw = _scan_kw(args)
    say(f"scanning on {args.device} at {args.resolution} dpi ...")
    res = run_scan(args.device, fmt="png" if kind == "jpeg" else kind, **kw)
    if kind == "jpeg":
        import cv2

        data = cv2.imencode(".jpg", res.image, [cv2.IMWRITE_JPEG_QUALITY, 95])[1].tobytes()
    else:
        data = res.data
    _write(args.out, data)
    for note in res.notes:
        say(f"scanner: {note}")
    h, w = res.image.shape[:2]
    print(f"wrote {args.out} ({w}x{h} px, {args.resolution} dpi)")
    return 0


# --- cameras, lamp-by-lamp sets, gates -----------------------------------------------------
def _gates(image, light: str, args: argparse.Namespace, lang: str, quad=None) -> bool:
    """Print the gates that failed and what to do; True when all passed. ``quad``: the
    white image's outline, for UV and IR shots of the same placement."""
    from docexam.capture.gates import check_gates

    size = _numbers(args.size_mm, 2, "--size-mm")
    if size is not None and min(size) <= 0:
        raise InputError(f"--size-mm: width and height above 0 mm, not {args.size_mm!r}")
    report = check_gates(image, light=light, size_mm=size, quad=quad)
    for r in report.failed:
        text = r.instruction_ru if lang == "ru" and r.instruction_ru else r.instruction_en
        print(f"  {light}: {r.gate} failed: {text}")
    return report.passed


def _first_sharp(src, args: argparse.Namespace):
    """Without --auto: the first frame whose document is sharp enough to examine, else the
    sharpest frame seen when the time is up (the gates then say what is wrong)."""
    from docexam.capture.live import detect_document
    from docexam.examine.quality import MIN_SHARPNESS

    best, best_sharp, n = None, -1.0, 0
    end = time.monotonic() + args.timeout
    while time.monotonic() < end:
        frame = src.read(max(0.1, end - time.monotonic()))
        if frame is None:
            break
        n += 1
        det = detect_document(frame.image)
        sharp = det.sharpness if det.quad is not None and det.sharpness is not None else -0.5
        if det.in_frame and sharp >= MIN_SHARPNESS:
            return frame
        if sharp > best_sharp:
            best, best_sharp = frame, sharp
        if n % 15 == 0:
            say(f"{src.name}: {n} frames, no sharp document yet ({det.problem or 'blurred'})")
    return best


def _auto(src, args: argparse.Namespace):
    """With --auto: the frame AutoCapture keeps (document in frame, still, sharp), or None
    when the time is up or the source ended first (what was wrong is printed)."""
    from docexam.capture.live import AutoCapture

    auto, n, end, frame = AutoCapture(), 0, time.monotonic() + args.timeout, None
    while time.monotonic() < end:
        frame = src.read(max(0.1, end - time.monotonic()))
        if frame is None:
            break
        n += 1
        kept = auto.feed(frame)
        if kept is not None:
            return kept
        if n % 15 == 0:
            say(f"{src.name}: {n} frames, {auto.status.replace('_', ' ')}")
    why = "the source ended" if frame is None else f"{args.timeout:g} s passed"
    print(f"no frame kept: {why} after {n} frames (last: {auto.status.replace('_', ' ')}): "
          "put the whole document in view, hold it still, check the focus")  # fmt: skip
    return None


def _camera(args: argparse.Namespace) -> int:
    from docexam.capture.camera import open_source
    from docexam.settings import load_settings

    positive_timeout(args)
    lang = load_settings().language
    with open_source(args.source, timeout=min(args.timeout, 10.0)) as src:
        say(f"reading {src.name} ...")
        frame = _auto(src, args) if args.auto else _first_sharp(src, args)
    if frame is None and args.auto:
        return 1
    if frame is None:
        raise CaptureError(f"{args.source} delivered no frame", code="NO_DEVICE")
    path = args.out / f"{args.name}.white.png"
    _write(path, _png(frame.image))
    print(f"wrote {path} (frame {frame.index})")
    return 0 if _gates(frame.image, "white", args, lang) else 1


def _set(args: argparse.Namespace) -> int:
    from docexam.capture.multilight import guided_sequence, switch_prompt
    from docexam.settings import load_settings

    positive_timeout(args)
    lang = load_settings().language
    lights = [x for x in args.lights.split(",") if x.strip()]

    def prompt(light: str) -> None:
        say(switch_prompt(light, lang))
        if not sys.stdin.readline():
            raise CaptureError("no answer to the prompt (end of input)", code="CANCELLED")

    if args.device is not None:
        from docexam.capture.sane import ScannerSource

        source = ScannerSource(args.device, **_scan_kw(args))
    else:
        from docexam.capture.camera import open_source

        source = open_source(args.source, timeout=min(args.timeout, 10.0))
    with source:
        cs = guided_sequence(source, lights, prompt=prompt, name=args.name,
                             timeout=args.timeout, discard=args.discard)  # fmt: skip
    from docexam.capture.live import detect_document

    quad = detect_document(cs.images["white"]).quad
    ok = True
    for light, image in cs.images.items():
        path = args.out / f"{args.name}.{light}.png"
        _write(path, _png(image))
        print(f"wrote {path}")
        ok = _gates(image, light, args, lang, quad) and ok
    for light, code, msg in cs.problems:
        print(f"  {light}: {code}: {msg}")
    return 0 if ok and not cs.problems else 1
