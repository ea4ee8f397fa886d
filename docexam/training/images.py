"""Case images as they go into a package: no metadata, pixels exactly as examined.

Why: a package is read by the trainee, so an image must carry nothing but pixels. Camera
files carry EXIF (device, time, GPS, sometimes a file name), PNG files text chunks; any of
them could name the document or the answer. PNG keeps only its critical chunks (and tRNS);
JPEG drops its APP1..APP15 and COM segments (APP0 JFIF stays: density only; APP14 Adobe
stays: it says how the colours were coded). A file whose pixels would change by that (an
EXIF orientation the loader applies) is stored as a lossless PNG of the pixels the engine
would have examined.
"""

from __future__ import annotations

import struct

import cv2
import numpy as np

from docexam.errors import DocexamError, TrainingError
from docexam.imaging.load import load_image_bytes

PNG_SIG = b"\x89PNG\r\n\x1a\n"
_PNG_KEEP = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}
_JPEG_DROP = (set(range(0xE1, 0xF0)) - {0xEE}) | {0xFE}  # APP1..APP15 but APP14, COM


def kind(data: bytes) -> str | None:
    """ ".png", ".jpg" or None, by the file's magic bytes (never by its name)."""
    if data.startswith(PNG_SIG):
        return ".png"
    if data.startswith(b"\xff\xd8\xff"):
        return ".jpg"
    return None


def strip_png(data: bytes) -> bytes:
    out, pos = [PNG_SIG], len(PNG_SIG)
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        ctype = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            raise ValueError("data: truncated PNG chunk")
        if ctype in _PNG_KEEP:
            out.append(data[pos:end])
        pos = end
        if ctype == b"IEND":
            break
    return b"".join(out)


def strip_jpeg(data: bytes) -> bytes:
    """The JPEG without APPn (n >= 1) and COM segments; the scan data is copied as is."""
    out, pos = [data[:2]], 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            raise ValueError("data: bad JPEG marker")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        seg = data[pos : pos + 2 + length]
        if marker == 0xDA:  # start of scan: the rest is entropy-coded data and EOI
            out.append(data[pos:])
            break
        if marker not in _JPEG_DROP:
            out.append(seg)
        pos += 2 + length
    return b"".join(out)


def strip_metadata(data: bytes) -> bytes:
    """``data`` (PNG or JPEG) without metadata; ValueError naming ``data`` otherwise."""
    k = kind(data)
    if k == ".png":
        return strip_png(data)
    if k == ".jpg":
        return strip_jpeg(data)
    raise ValueError("data must be a PNG or JPEG file")


def encode_png(pixels: np.ndarray) -> bytes:
    ok, buf = cv2.imencode(".png", pixels, [cv2.IMWRITE_PNG_COMPRESSION, 3])
    if not ok:
        raise TrainingError("OpenCV could not encode a PNG", code="WRITE_FAILED")
    return buf.tobytes()


def encode_jpeg(pixels: np.ndarray, quality: int) -> bytes:
    ok, buf = cv2.imencode(".jpg", pixels, [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    if not ok:
        raise TrainingError("OpenCV could not encode a JPEG", code="WRITE_FAILED")
    return buf.tobytes()


def clean_file(data: bytes, *, name: str) -> tuple[str, bytes]:
    """(extension, bytes) of an outside image file (a trainer's folder, the log) made safe.

    The file goes through the engine's safe loader first (a bad file is refused here, not
    in the trainee's hands). PNG and JPEG are stripped when that leaves the examined pixels
    unchanged; anything else (TIFF, BMP, WebP, EXIF-rotated JPEG) becomes a lossless PNG.
    """
    pixels = load_image_bytes(data, name=name).pixels
    ext = kind(data)
    if ext is not None:
        try:
            stripped = strip_metadata(data)
            same = np.array_equal(load_image_bytes(stripped, name=name).pixels, pixels)
        except (ValueError, DocexamError):  # stripping broke the file: keep the pixels
            same = False
        if same:
            return ext, stripped
    return ".png", encode_png(pixels)
