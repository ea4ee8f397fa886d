"""Safe image loading: every file a user hands us becomes a clean BGR array or an ImageLoadError.

Officers drop whatever they have onto the tool: phone photos, scanner TIFFs, PDFs renamed
``.jpg``, half-copied files. A traceback, a hang or a huge allocation is never an acceptable
answer, so this module sniffs magic bytes and lets only the one matching Pillow plugin read the
file (no obscure plugin guesses at junk), refuses by pixel count from the lazily read header
*before* decoding (per call, never via Pillow's globals), opens paths with ``O_NONBLOCK`` and
refuses non-regular files (a FIFO never hangs), and normalises every mode to read-only
H x W x 3 uint8 BGR. ICC profiles are not applied: pixel values are taken as stored.
"""

from __future__ import annotations

import codecs
import io
import numbers
import os
import re
import stat
import warnings
from dataclasses import dataclass, field
from typing import BinaryIO

import cv2
import numpy as np
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from docexam.errors import ImageLoadError

__all__ = ["DEFAULT_MAX_PIXELS", "LoadedImage", "load_image", "load_image_bytes", "sniff_type"]

#: A 600 dpi A4 scan is ~35 Mpx and phone photos are 12-50 Mpx, so 100 Mpx (~300 MB as BGR)
#: leaves headroom for real documents while refusing decompression bombs such as a
#: 60000 x 60000 PNG (3.6 Gpx, ~10.8 GB as BGR) that fits in a few hundred bytes.
DEFAULT_MAX_PIXELS = 100_000_000

_SNIFF_BYTES = 2048
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "JPEG"), (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF87a", "GIF"), (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"), (b"II+\x00", "TIFF"), (b"MM\x00+", "TIFF"),
    (b"\x00\x00\x00\x0cjP  \r\n\x87\n", "JPEG2000"), (b"\xff\x4f\xff\x51", "JPEG2000"),
    (b"PK\x03\x04", "ZIP"), (b"PK\x05\x06", "ZIP"), (b"PK\x07\x08", "ZIP"),
    (b"\x1f\x8b", "GZIP"), (b"7z\xbc\xaf\x27\x1c", "7Z"), (b"Rar!\x1a\x07", "RAR"),
    (b"%!PS", "POSTSCRIPT"), (b"\xc5\xd0\xd3\xc6", "POSTSCRIPT"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE"), (b"\x7fELF", "EXECUTABLE"),
)  # fmt: skip
_BMP_DIB_SIZES = frozenset({12, 40, 52, 56, 64, 108, 124})
_FTYP_BRANDS = {b"avif": "AVIF", b"avis": "AVIF"} | dict.fromkeys(
    (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"), "HEIC"
)  # other ISO-BMFF brands (isom, mp42, qt) are video
_PPM = re.compile(rb"P[1-6]\s+(#|\d)")
#: Sniffed kind -> the only Pillow plugin allowed to read it.
_PIL_FORMAT = {
    "JPEG": "JPEG", "PNG": "PNG", "GIF": "GIF", "TIFF": "TIFF", "BMP": "BMP",
    "WEBP": "WEBP", "PPM": "PPM", "JPEG2000": "JPEG2000", "AVIF": "AVIF",
}  # fmt: skip
_NOT_IMAGE = {
    "PDF": "a PDF document", "POSTSCRIPT": "a PostScript document",
    "ZIP": "a ZIP archive (or an Office document)", "GZIP": "a gzip archive",
    "7Z": "a 7-Zip archive", "RAR": "a RAR archive", "OLE": "a Microsoft Office document",
    "EXECUTABLE": "an executable program", "MEDIA": "an audio or video file",
    "HTML": "an HTML web page", "TEXT": "a text file",
}  # fmt: skip
_WIDE_GRAY = frozenset({"I;16", "I;16L", "I;16B", "I;16N", "I", "F"})


@dataclass(frozen=True, eq=False)  # eq=False: ndarray fields make field-wise == meaningless
class LoadedImage:
    """A decoded image: ``pixels`` is H x W x 3 uint8 BGR, C-contiguous and read-only."""

    pixels: np.ndarray = field(repr=False)
    path: str | None
    format: str
    original_mode: str
    exif_transposed: bool

    def __post_init__(self) -> None:
        px = self.pixels
        if not isinstance(px, np.ndarray) or px.dtype != np.uint8 or px.shape[2:] != (3,):
            raise ValueError("pixels must be an H x W x 3 uint8 array")
        if px.flags.writeable or not px.flags.c_contiguous:
            # Copy rather than flip the caller's flag: their array is theirs to mutate.
            px = np.array(px, dtype=np.uint8, order="C", copy=True)
            px.flags.writeable = False
            object.__setattr__(self, "pixels", px)

    @property
    def gray(self) -> np.ndarray:
        """H x W uint8 luminance, a fresh array on each call (one cvtColor pass)."""
        return cv2.cvtColor(self.pixels, cv2.COLOR_BGR2GRAY)


def sniff_type(head: bytes) -> str | None:
    """Name the real type of a file from its first bytes (pass >= 2 KiB for best results).

    Returns an image kind ("JPEG", "PNG", "GIF", "TIFF", "BMP", "WEBP", "PPM", "JPEG2000",
    "AVIF", "HEIC", "SVG"), a non-image kind ("PDF", "POSTSCRIPT", "ZIP", "GZIP", "7Z", "RAR",
    "OLE", "EXECUTABLE", "MEDIA", "HTML", "TEXT") or None when nothing matches. Extensions
    are never consulted: they are exactly what lies when a PDF is renamed ``.jpg``.
    """
    head = bytes(head[:_SNIFF_BYTES])
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(b"RIFF") and len(head) >= 12:
        return "WEBP" if head[8:12] == b"WEBP" else "MEDIA"
    if head[4:8] == b"ftyp":
        return _FTYP_BRANDS.get(head[8:12], "MEDIA")
    if head.startswith(b"BM") and int.from_bytes(head[14:18], "little") in _BMP_DIB_SIZES:
        return "BMP"
    if b"%PDF-" in head[:1024]:  # the PDF spec tolerates junk before the header
        return "PDF"
    if head.startswith(b"MZ") and b"\x00" in head[2:64]:
        return "EXECUTABLE"
    if _PPM.match(head):
        return "PPM"
    markup = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if markup.startswith(b"<") and b"<svg" in markup:
        return "SVG"
    if markup.startswith(b"<") and b"<html" in markup:
        return "HTML"
    return "TEXT" if _looks_like_text(head) else None


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 byte-order mark
        return True
    try:  # incremental decode: the 2 KiB cut may split a multi-byte character
        text = codecs.getincrementaldecoder("utf-8")().decode(head.removeprefix(b"\xef\xbb\xbf"))
    except UnicodeDecodeError:
        return False
    return bool(text) and all(c.isprintable() or c in "\t\n\r\f\v" for c in text)


def load_image(
    path: str | os.PathLike[str], *, max_pixels: int = DEFAULT_MAX_PIXELS
) -> LoadedImage:
    """Load an image file; raise ImageLoadError (with ``code``) for anything unusable.

    Pillow itself refuses images above ``2 * PIL.Image.MAX_IMAGE_PIXELS`` (~179 Mpx) while
    opening, so a larger ``max_pixels`` only helps if the application raises that global.
    """
    max_pixels = _check_max_pixels(max_pixels)
    fspath = os.fspath(path)
    name = os.fsdecode(fspath)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:  # O_NONBLOCK: opening a FIFO must not wait for a writer that never comes
        fd = os.open(fspath, flags)
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise _error(name, "FILE_NOT_FOUND", "the file does not exist") from exc
    except OSError as exc:
        reason = "it is a directory, not a file" if os.path.isdir(fspath) else exc.strerror
        raise _error(name, "FILE_UNREADABLE", reason or "the file cannot be opened") from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            is_dir = stat.S_ISDIR(st.st_mode)
            reason = "it is a directory, not a file" if is_dir else "it is a device or pipe"
            raise _error(name, "FILE_UNREADABLE", reason)
        fp = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with fp:
        return _decode(fp, name, name, st.st_size, max_pixels)


def load_image_bytes(
    data: bytes, *, name: str = "<bytes>", max_pixels: int = DEFAULT_MAX_PIXELS
) -> LoadedImage:
    """Load an image held in memory (e.g. from a scanner driver); ``name`` is for messages."""
    max_pixels = _check_max_pixels(max_pixels)
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"data must be bytes, not {type(data).__name__}")
    blob = bytes(data)  # no-op for bytes, a private copy of mutable buffers
    return _decode(io.BytesIO(blob), name, None, len(blob), max_pixels)


def _check_max_pixels(max_pixels: int) -> int:
    """Validate the limit up front: a bad limit is a programming error, not a bad file."""
    if isinstance(max_pixels, bool) or not isinstance(max_pixels, numbers.Integral):
        raise TypeError(f"max_pixels must be an int, not {type(max_pixels).__name__}")
    if max_pixels <= 0:
        raise ValueError(f"max_pixels must be a positive number of pixels, got {max_pixels}")
    return int(max_pixels)


def _error(name: str, code: str, reason: str) -> ImageLoadError:
    shown = name if name.isprintable() else repr(name)[1:-1]  # keep the message on one line
    return ImageLoadError(f"Cannot load '{shown}': {reason}.", code=code)


def _detail(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:160] or type(exc).__name__


def _decode(fp: BinaryIO, name: str, path: str | None, size: int, max_pixels: int) -> LoadedImage:
    try:
        head = fp.read(_SNIFF_BYTES)
        fp.seek(0)
    except OSError as exc:
        raise _error(name, "FILE_UNREADABLE", f"read error ({_detail(exc)})") from exc
    if not head:
        raise _error(name, "FILE_EMPTY", "the file is empty (0 bytes)")
    kind = sniff_type(head)
    if kind is None:
        raise _error(name, "NOT_AN_IMAGE", "it is not in a recognised image format")
    if kind in _NOT_IMAGE:
        raise _error(name, "NOT_AN_IMAGE", f"it is {_NOT_IMAGE[kind]}, not an image")
    plugin = _PIL_FORMAT.get(kind)
    Image.init()
    if plugin is None or plugin not in Image.OPEN:
        raise _error(name, "IMAGE_UNSUPPORTED", f"{kind} images are not supported; use PNG or JPEG")
    if kind == "WEBP" and size < int.from_bytes(head[4:8], "little") + 8:
        raise _error(name, "IMAGE_TRUNCATED", "the WEBP file is truncated (incomplete copy?)")
    with warnings.catch_warnings():  # local: our limit decides; damage ends up in our codes
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL\.")
        try:
            im = Image.open(fp, formats=[plugin])
        except Image.DecompressionBombError as exc:
            raise _too_large(name, _probe_size(fp, plugin), max_pixels) from exc
        except Exception as exc:  # PIL plugins raise many types on malformed headers
            raise _pil_error(name, kind, exc, header=True) from exc
        with im:
            width, height = im.size
            if width <= 0 or height <= 0:
                raise _error(name, "IMAGE_CORRUPT", f"the {kind} header gives no pixels")
            if width * height > max_pixels:
                raise _too_large(name, (width, height), max_pixels)
            try:
                im.load()
            except Exception as exc:  # as above: decoders fail with assorted exception types
                raise _pil_error(name, kind, exc, header=False) from exc
            original_mode = im.mode
            try:
                im, transposed = _apply_orientation(im)
                pixels = _to_bgr(im, name)
            except MemoryError as exc:
                raise _pil_error(name, kind, exc, header=False) from exc
    pixels.flags.writeable = False
    return LoadedImage(pixels, path, kind, original_mode, transposed)


def _too_large(name: str, dims: tuple[int, int] | None, max_pixels: int) -> ImageLoadError:
    size = f"{dims[0]} x {dims[1]} = {dims[0] * dims[1]:,} pixels" if dims else "too many pixels"
    return _error(name, "IMAGE_TOO_LARGE", f"the image is {size}, over the limit of {max_pixels:,}")


def _probe_size(fp: BinaryIO, plugin: str) -> tuple[int, int] | None:
    """Header-only size for the message when Pillow's own bomb guard fired before ours."""
    try:
        fp.seek(0)
        return Image.OPEN[plugin][0](fp, "").size
    except Exception:  # best effort: the refusal stands without the dimensions
        return None


def _pil_error(name: str, kind: str, exc: BaseException, *, header: bool) -> ImageLoadError:
    """Map a Pillow failure to a code. Only a pixel-decoding failure counts as truncation: junk
    with an image signature fails in the header with the same "Truncated File Read" a cut gives.
    """
    if isinstance(exc, MemoryError):
        return _error(name, "IMAGE_TOO_LARGE", "not enough memory to decode the image")
    if isinstance(exc, OSError) and exc.errno is not None:  # a real I/O fault, not bad data
        return _error(name, "FILE_UNREADABLE", f"read error ({_detail(exc)})")
    if not header and "truncated" in str(exc).lower():
        return _error(name, "IMAGE_TRUNCATED", f"the {kind} file is truncated (incomplete copy?)")
    if isinstance(exc, UnidentifiedImageError):
        return _error(name, "IMAGE_CORRUPT", f"it starts like a {kind} file but cannot be read")
    part = "header" if header else "data"
    return _error(name, "IMAGE_CORRUPT", f"the {kind} {part} is corrupt ({_detail(exc)})")


def _apply_orientation(im: Image.Image) -> tuple[Image.Image, bool]:
    """Apply the EXIF orientation so the array is upright the way the camera meant it."""
    try:
        orientation = im.getexif().get(ExifTags.Base.Orientation)
    except Exception:  # malformed EXIF must not block otherwise readable pixels
        return im, False
    if orientation not in range(2, 9):
        return im, False
    return ImageOps.exif_transpose(im), True


def _to_bgr(im: Image.Image, name: str) -> np.ndarray:
    """Convert any decoded mode to H x W x 3 uint8 BGR.

    16-bit gray is stretched over the image's own min..max; alpha (RGBA, LA, PA, P or RGB
    with a transparency key) is composited onto white, the colour of paper, so transparent
    regions do not turn into black blocks that look like redactions; CMYK, YCbCr, LAB and
    palettes go through Pillow's converters. 16-bit colour is already 8-bit here: Pillow
    decodes it by keeping the high byte (``v >> 8``), as libpng and OpenCV do.
    """
    mode = im.mode
    try:
        if mode in _WIDE_GRAY:
            return cv2.cvtColor(_range_to_u8(np.asarray(im)), cv2.COLOR_GRAY2BGR)
        if im.has_transparency_data:
            rgba = im.convert("RGBA")
            paper = Image.new("RGB", im.size, (255, 255, 255))
            paper.paste(rgba, mask=rgba.getchannel("A"))
            im = paper
        elif mode in ("1", "L"):
            return cv2.cvtColor(np.asarray(im.convert("L")), cv2.COLOR_GRAY2BGR)
        elif mode != "RGB":
            im = im.convert("RGB")
    except ValueError as exc:  # Pillow has no converter for this mode
        raise _error(name, "IMAGE_UNSUPPORTED", f"pixel mode {mode!r} is not supported") from exc
    return cv2.cvtColor(np.asarray(im), cv2.COLOR_RGB2BGR)


def _range_to_u8(arr: np.ndarray) -> np.ndarray:
    """Stretch 16-bit (or 32-bit int / float) gray linearly so its min..max becomes 0..255.

    Dividing by 257 would turn the 12-bit data most sensors store in 16-bit containers
    (0..4095) into an almost black 0..15 image; the image's own range keeps it usable.
    A constant image keeps its level relative to the nominal range (65535, or 1.0 for float).
    """
    if arr.dtype.kind == "f":
        finite = np.isfinite(arr)
        if not finite.all():
            arr = np.where(finite, arr, arr[finite].min() if finite.any() else 0)
    arr = arr.astype(arr.dtype.newbyteorder("="), copy=False)  # OpenCV needs native order
    lo, hi = float(arr.min()), float(arr.max())
    if hi == lo:
        nominal = 1.0 if arr.dtype.kind == "f" else 65535.0
        return np.full(arr.shape, round(min(max(lo / nominal, 0.0), 1.0) * 255), np.uint8)
    return cv2.normalize(arr, None, 0, 255, cv2.NORM_MINMAX, dtype=cv2.CV_8U)
