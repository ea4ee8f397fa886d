"""Tests for docexam.imaging.load. Every input is built here, in tmp_path: no binary fixtures."""

from __future__ import annotations

import io
import os
import random
import struct
import sys
import warnings
import zipfile
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageFile
from png_samples import png_chunk as _png_chunk
from png_samples import png_claiming as _png_claiming

from docexam.errors import ImageLoadError, InputError
from docexam.imaging.load import (
    DEFAULT_MAX_PIXELS,
    LoadedImage,
    load_image,
    load_image_bytes,
    sniff_type,
)

RED_BGR = (0, 0, 255)
BLUE_BGR = (255, 0, 0)


# --------------------------------------------------------------------------- builders


def _save(path: Path, image: Image.Image, fmt: str, **kwargs: object) -> Path:
    image.save(path, fmt, **kwargs)
    return path


def _encode(image: Image.Image, fmt: str, **kwargs: object) -> bytes:
    buf = io.BytesIO()
    image.save(buf, fmt, **kwargs)
    return buf.getvalue()


def _two_colour(width: int = 40, height: int = 30) -> Image.Image:
    """Left half red, right half blue: orientation and channel order both show."""
    arr = np.zeros((height, width, 3), np.uint8)
    arr[:, : width // 2] = (255, 0, 0)
    arr[:, width // 2 :] = (0, 0, 255)
    return Image.fromarray(arr, "RGB")


def _noise(width: int = 200, height: int = 150) -> Image.Image:
    """Incompressible content, so half a file really is half the pixel data."""
    rng = np.random.default_rng(7)
    return Image.fromarray(rng.integers(0, 256, (height, width, 3), dtype=np.uint8), "RGB")


def _minimal_pdf() -> bytes:
    """A one-page PDF with a correct xref table, written by hand."""
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(bodies) + 1,
        xref,
    )
    return bytes(out)


def _jpeg_with_orientation(orientation: int) -> bytes:
    """40 x 20 white JPEG with a red 8 x 8 marker in the stored top-left corner."""
    arr = np.full((20, 40, 3), 255, np.uint8)
    arr[:8, :8] = (255, 0, 0)
    exif = Image.Exif()
    exif[0x0112] = orientation
    return _encode(Image.fromarray(arr, "RGB"), "JPEG", quality=95, exif=exif.tobytes())


def _expect_error(code: str, shown: str, call: object, /, *args: object, **kwargs: object) -> str:
    """Assert the code, that the one-line message names the input, and return it."""
    with pytest.raises(ImageLoadError) as info:
        call(*args, **kwargs)  # type: ignore[operator]
    error = info.value
    assert error.code == code, error.message
    assert shown in error.message
    assert "\n" not in error.message
    assert isinstance(error, InputError)
    return error.message


def _close(actual: np.ndarray, expected: tuple[int, ...], tol: int) -> bool:
    return bool(np.all(np.abs(actual.astype(int) - np.array(expected)) <= tol))


# --------------------------------------------------------------------------- valid images


@pytest.mark.parametrize(
    ("fmt", "suffix", "kwargs", "mode", "tol"),
    [
        ("JPEG", ".jpg", {"quality": 95}, "RGB", 12),
        ("PNG", ".png", {}, "RGB", 0),
        ("TIFF", ".tif", {}, "RGB", 0),
        ("BMP", ".bmp", {}, "RGB", 0),
        ("WEBP", ".webp", {"lossless": True}, "RGB", 0),
        ("WEBP", ".webp", {"quality": 90}, "RGB", 20),
        ("GIF", ".gif", {}, "P", 0),
    ],
)
def test_valid_formats_load_as_bgr(
    tmp_path: Path, fmt: str, suffix: str, kwargs: dict, mode: str, tol: int
) -> None:
    path = _save(tmp_path / f"doc{suffix}", _two_colour(), fmt, **kwargs)
    result = load_image(path)
    assert result.pixels.shape == (30, 40, 3)
    assert result.pixels.dtype == np.uint8
    assert result.pixels.flags.c_contiguous
    assert result.format == fmt
    assert result.path == str(path)
    assert result.original_mode == mode
    assert result.exif_transposed is False
    assert _close(result.pixels[15, 5], RED_BGR, tol)
    assert _close(result.pixels[15, 35], BLUE_BGR, tol)


def test_path_like_and_str_paths_both_work(tmp_path: Path) -> None:
    path = _save(tmp_path / "a.png", _two_colour(), "PNG")
    assert load_image(str(path)).pixels.shape == load_image(path).pixels.shape


def test_real_format_wins_over_extension(tmp_path: Path) -> None:
    path = _save(tmp_path / "really_a_png.jpg", _two_colour(), "PNG")
    assert load_image(path).format == "PNG"


def test_grayscale_becomes_three_equal_channels(tmp_path: Path) -> None:
    arr = np.array([[0, 50, 200, 255]], np.uint8)
    result = load_image(_save(tmp_path / "g.png", Image.fromarray(arr, "L"), "PNG"))
    assert result.original_mode == "L"
    assert result.pixels.shape == (1, 4, 3)
    for channel in range(3):
        np.testing.assert_array_equal(result.pixels[..., channel], arr)
    np.testing.assert_array_equal(result.gray, arr)


def test_one_bit_image(tmp_path: Path) -> None:
    image = Image.new("1", (4, 1), 0)
    image.putpixel((2, 0), 1)
    result = load_image(_save(tmp_path / "bw.png", image, "PNG"))
    assert result.original_mode == "1"
    np.testing.assert_array_equal(result.gray, [[0, 0, 255, 0]])


@pytest.mark.parametrize(("fmt", "mode"), [("PNG", "I;16"), ("TIFF", "I;16B")])
def test_16bit_gray_is_stretched_over_its_own_range(tmp_path: Path, fmt: str, mode: str) -> None:
    # 12-bit sensor data in a 16-bit container: min 1000 -> 0, max 3550 -> 255, linear between.
    values = np.array([[1000, 1256, 2000, 3550]], np.uint16)
    # frombytes: Pillow's I;16 -> I;16B convert() clips to 255 instead of swapping bytes.
    dtype = ">u2" if mode == "I;16B" else "<u2"
    image = Image.frombytes(mode, (4, 1), values.astype(dtype).tobytes())
    path = _save(tmp_path / f"g16.{fmt.lower()}", image, fmt)
    result = load_image(path)
    assert result.original_mode == mode
    expected = np.array([[0, 26, 100, 255]], np.uint8)  # (v - 1000) * 255 / 2550, rounded
    for channel in range(3):
        np.testing.assert_array_equal(result.pixels[..., channel], expected)


def test_constant_16bit_gray_keeps_its_level(tmp_path: Path) -> None:
    image = Image.fromarray(np.full((3, 3), 65535, np.uint16))
    assert np.all(load_image(_save(tmp_path / "w16.png", image, "PNG")).pixels == 255)


def test_32bit_int_and_float_gray_tiffs(tmp_path: Path) -> None:
    ints = Image.fromarray(np.array([[-500, 0, 2050]], np.int32), "I")
    result = load_image(_save(tmp_path / "i32.tif", ints, "TIFF"))
    assert result.original_mode == "I"
    np.testing.assert_array_equal(result.gray, [[0, 50, 255]])
    floats = Image.fromarray(np.array([[0.0, 0.25, 1.0, np.nan]], np.float32), "F")
    result = load_image(_save(tmp_path / "f32.tif", floats, "TIFF"))
    assert result.original_mode == "F"
    np.testing.assert_array_equal(result.gray, [[0, 64, 255, 0]])  # NaN -> the minimum


def test_16bit_rgb_png_keeps_the_high_byte(tmp_path: Path) -> None:
    # Pillow decodes 16-bit colour PNGs as "RGB" by keeping the high byte (v >> 8), as libpng
    # and OpenCV do; cv2 writes the 16-bit file so the source values are known exactly.
    bgr16 = np.array([[[65535, 0, 25855], [1000, 30000, 50000]]], np.uint16)
    ok, encoded = cv2.imencode(".png", bgr16)
    assert ok
    path = tmp_path / "rgb16.png"
    path.write_bytes(encoded.tobytes())
    with Image.open(path) as probe:
        assert probe.tile[0].args == "RGB;16B"  # really a 16-bit file
    result = load_image(path)
    assert result.original_mode == "RGB"
    np.testing.assert_array_equal(result.pixels, (bgr16 >> 8).astype(np.uint8))


def test_cmyk_jpeg_becomes_bgr(tmp_path: Path) -> None:
    image = Image.new("CMYK", (16, 8), (0, 0, 0, 0))  # white paper
    image.paste((255, 0, 0, 0), (0, 0, 8, 8))  # pure cyan on the left
    result = load_image(_save(tmp_path / "cmyk.jpg", image, "JPEG", quality=95))
    assert result.original_mode == "CMYK"
    assert result.format == "JPEG"
    assert _close(result.pixels[4, 3], (255, 255, 0), 12)  # cyan in BGR
    assert _close(result.pixels[4, 12], (255, 255, 255), 12)


def test_rgba_png_is_composited_on_white(tmp_path: Path) -> None:
    image = Image.new("RGBA", (3, 1))
    image.putdata([(255, 0, 0, 0), (0, 255, 0, 255), (0, 0, 0, 128)])
    result = load_image(_save(tmp_path / "alpha.png", image, "PNG"))
    assert result.original_mode == "RGBA"
    assert tuple(result.pixels[0, 0]) == (255, 255, 255)  # transparent red -> paper white
    assert tuple(result.pixels[0, 1]) == (0, 255, 0)
    assert _close(result.pixels[0, 2], (127, 127, 127), 1)  # half-transparent black


def test_la_png_is_composited_on_white(tmp_path: Path) -> None:
    image = Image.new("LA", (2, 1))
    image.putdata([(0, 0), (0, 255)])
    result = load_image(_save(tmp_path / "la.png", image, "PNG"))
    assert result.original_mode == "LA"
    np.testing.assert_array_equal(result.gray, [[255, 0]])


def test_palette_png_with_and_without_transparency(tmp_path: Path) -> None:
    image = Image.new("P", (3, 1))
    image.putpalette([255, 0, 0, 0, 255, 0, 0, 0, 255] + [0] * 759)
    image.putdata([0, 1, 2])
    result = load_image(_save(tmp_path / "pal.png", image, "PNG"))
    assert result.original_mode == "P"
    assert [tuple(p) for p in result.pixels[0]] == [RED_BGR, (0, 255, 0), BLUE_BGR]
    result = load_image(_save(tmp_path / "pal_t.png", image, "PNG", transparency=1))
    assert [tuple(p) for p in result.pixels[0]] == [RED_BGR, (255, 255, 255), BLUE_BGR]


def test_multi_frame_tiff_gives_first_frame(tmp_path: Path) -> None:
    first, second = Image.new("RGB", (4, 4), (255, 0, 0)), Image.new("RGB", (4, 4), (0, 0, 255))
    path = _save(tmp_path / "pages.tif", first, "TIFF", save_all=True, append_images=[second])
    with Image.open(path) as probe:
        assert probe.n_frames == 2
    assert tuple(load_image(path).pixels[0, 0]) == RED_BGR


@pytest.mark.parametrize(
    ("orientation", "shape", "marker", "corner"),
    [
        (6, (40, 20, 3), (4, 16), (0, 0)),  # rotate 90 clockwise: stored top-left -> top-right
        (3, (20, 40, 3), (16, 36), (0, 0)),  # rotate 180: stored top-left -> bottom-right
        (1, (20, 40, 3), (4, 4), (19, 39)),  # upright: nothing moves
    ],
)
def test_exif_orientation_is_applied(
    tmp_path: Path,
    orientation: int,
    shape: tuple[int, int, int],
    marker: tuple[int, int],
    corner: tuple[int, int],
) -> None:
    path = tmp_path / f"o{orientation}.jpg"
    path.write_bytes(_jpeg_with_orientation(orientation))
    result = load_image(path)
    assert result.exif_transposed is (orientation != 1)
    assert result.pixels.shape == shape
    assert _close(result.pixels[marker], RED_BGR, 40)
    assert _close(result.pixels[corner], (255, 255, 255), 40)


def test_gray_property(tmp_path: Path) -> None:
    result = load_image(_save(tmp_path / "c.png", _two_colour(), "PNG"))
    gray = result.gray
    assert gray.shape == (30, 40)
    assert gray.dtype == np.uint8
    assert gray[0, 0] == 76  # BT.601 luma of pure red


# --------------------------------------------------------------------------- safety guarantees


def test_pixels_are_read_only(tmp_path: Path) -> None:
    result = load_image(_save(tmp_path / "r.png", _two_colour(), "PNG"))
    assert result.pixels.flags.writeable is False
    with pytest.raises(ValueError):
        result.pixels[0, 0] = 0


def test_load_image_bytes_does_not_mutate_input() -> None:
    original = _encode(_two_colour(), "PNG")
    mutable = bytearray(original)
    result = load_image_bytes(mutable, name="scan.png")
    assert bytes(mutable) == original
    assert result.path is None
    assert result.format == "PNG"
    assert tuple(result.pixels[0, 0]) == RED_BGR
    assert result.pixels.flags.writeable is False
    mutable[:] = b"\x00" * len(mutable)  # later changes to the buffer cannot reach the result
    assert tuple(result.pixels[0, 0]) == RED_BGR


def test_loaded_image_copies_writable_arrays_without_touching_them() -> None:
    arr = np.zeros((2, 2, 3), np.uint8)
    image = LoadedImage(arr, None, "PNG", "RGB", False)
    assert arr.flags.writeable is True
    assert image.pixels.flags.writeable is False
    arr[0, 0] = 9
    assert image.pixels[0, 0, 0] == 0
    with pytest.raises(ValueError):
        LoadedImage(np.zeros((2, 2), np.uint8), None, "PNG", "L", False)


def test_no_global_pil_state_is_changed(tmp_path: Path) -> None:
    before = (Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES)
    load_image(_save(tmp_path / "s.png", _two_colour(), "PNG"))
    half = _encode(_noise(), "JPEG")
    _expect_error("IMAGE_TRUNCATED", "<bytes>", load_image_bytes, half[: len(half) // 2])
    assert before == (Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES)


@pytest.mark.parametrize("bad", [0, -1])
def test_bad_max_pixels_is_a_value_error(tmp_path: Path, bad: int) -> None:
    with pytest.raises(ValueError, match="max_pixels"):
        load_image(tmp_path / "whatever.png", max_pixels=bad)
    with pytest.raises(ValueError, match="max_pixels"):
        load_image_bytes(b"x", max_pixels=bad)


def test_non_integer_max_pixels_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="max_pixels"):
        load_image_bytes(b"x", max_pixels=1.5)  # type: ignore[arg-type]


def test_default_limit() -> None:
    assert DEFAULT_MAX_PIXELS == 100_000_000


# --------------------------------------------------------------------------- refusals


def test_huge_png_is_refused_by_pixel_count(tmp_path: Path) -> None:
    path = tmp_path / "bomb.png"
    path.write_bytes(_png_claiming(60000, 60000))
    assert path.stat().st_size < 2000
    message = _expect_error("IMAGE_TOO_LARGE", str(path), load_image, path)
    assert "60000 x 60000" in message
    assert "100,000,000" in message


def test_huge_png_is_refused_by_our_check_even_without_pils_guard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)
    path = tmp_path / "bomb.png"
    path.write_bytes(_png_claiming(60000, 60000))
    message = _expect_error("IMAGE_TOO_LARGE", str(path), load_image, path)
    assert "60000 x 60000" in message


def test_limit_is_checked_before_decoding(tmp_path: Path) -> None:
    # The IDAT is tiny, so decoding would fail with IMAGE_TRUNCATED: TOO_LARGE proves the
    # refusal came from the header alone.
    path = tmp_path / "claims.png"
    path.write_bytes(_png_claiming(2000, 1000))
    message = _expect_error("IMAGE_TOO_LARGE", str(path), load_image, path, max_pixels=1_000_000)
    assert "2000 x 1000" in message and "1,000,000" in message
    _expect_error("IMAGE_TRUNCATED", str(path), load_image, path, max_pixels=2_000_000)


def test_limit_is_inclusive(tmp_path: Path) -> None:
    path = _save(tmp_path / "s.png", _two_colour(40, 30), "PNG")
    assert load_image(path, max_pixels=1200).pixels.shape == (30, 40, 3)
    _expect_error("IMAGE_TOO_LARGE", str(path), load_image, path, max_pixels=1199)


def test_pil_bomb_warning_does_not_leak(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # 1200 px: PIL warns, does not refuse
    data = _encode(_two_colour(40, 30), "PNG")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert load_image_bytes(data).pixels.shape == (30, 40, 3)
    assert not [w for w in caught if issubclass(w.category, Image.DecompressionBombWarning)]


def test_pil_bomb_error_becomes_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)  # 1200 px > 2 x 100: PIL refuses
    data = _encode(_two_colour(40, 30), "PNG")
    message = _expect_error("IMAGE_TOO_LARGE", "tiny.png", load_image_bytes, data, name="tiny.png")
    assert "40 x 30" in message


def test_pdf_renamed_jpg(tmp_path: Path) -> None:
    path = tmp_path / "passport.jpg"
    path.write_bytes(_minimal_pdf())
    message = _expect_error("NOT_AN_IMAGE", str(path), load_image, path)
    assert "is a PDF document, not an image" in message


def test_text_renamed_png(tmp_path: Path) -> None:
    path = tmp_path / "notes.png"
    path.write_text("Passport number: X1234567\nissued 2020-01-01 — Zürich\n", encoding="utf-8")
    assert "text file" in _expect_error("NOT_AN_IMAGE", str(path), load_image, path)


def test_zip_renamed_jpg(tmp_path: Path) -> None:
    path = tmp_path / "scan.jpg"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("page1.txt", "hello")
    assert "ZIP archive" in _expect_error("NOT_AN_IMAGE", str(path), load_image, path)


def test_html_saved_as_jpg(tmp_path: Path) -> None:
    path = tmp_path / "download.jpg"
    path.write_text("<!DOCTYPE html><html><body>404 Not Found</body></html>")
    assert "HTML web page" in _expect_error("NOT_AN_IMAGE", str(path), load_image, path)


def test_unknown_binary_is_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "blob.png"
    path.write_bytes(bytes(range(256)) * 4)
    assert "recognised" in _expect_error("NOT_AN_IMAGE", str(path), load_image, path)


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64, "HEIC"),
        (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>', "SVG"),
    ],
)
def test_unsupported_image_formats(tmp_path: Path, content: bytes, kind: str) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(content)
    assert kind in _expect_error("IMAGE_UNSUPPORTED", str(path), load_image, path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.jpg"
    path.write_bytes(b"")
    _expect_error("FILE_EMPTY", str(path), load_image, path)
    _expect_error("FILE_EMPTY", "upload-1", load_image_bytes, b"", name="upload-1")


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.jpg"
    _expect_error("FILE_NOT_FOUND", str(path), load_image, path)
    _expect_error("FILE_NOT_FOUND", "nope.jpg", load_image, tmp_path / "nope.jpg" / "x.png")


def test_directory(tmp_path: Path) -> None:
    path = tmp_path / "folder.jpg"
    path.mkdir()
    assert "directory" in _expect_error("FILE_UNREADABLE", str(path), load_image, path)


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root ignores file permissions"
)
def test_permission_denied(tmp_path: Path) -> None:
    path = _save(tmp_path / "locked.png", _two_colour(), "PNG")
    path.chmod(0)
    try:
        _expect_error("FILE_UNREADABLE", str(path), load_image, path)
    finally:
        path.chmod(0o600)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    path = tmp_path / "pipe.jpg"
    os.mkfifo(path)  # opening this for reading would block forever without O_NONBLOCK
    _expect_error("FILE_UNREADABLE", str(path), load_image, path)


@pytest.mark.parametrize(("fmt", "suffix"), [("JPEG", ".jpg"), ("PNG", ".png")])
def test_truncated_image(tmp_path: Path, fmt: str, suffix: str) -> None:
    data = _encode(_noise(), fmt)
    path = tmp_path / f"half{suffix}"
    path.write_bytes(data[: len(data) // 2])
    message = _expect_error("IMAGE_TRUNCATED", str(path), load_image, path)
    assert "truncated" in message


def test_truncated_webp(tmp_path: Path) -> None:
    data = _encode(_noise(), "WEBP")
    path = tmp_path / "half.webp"
    path.write_bytes(data[: len(data) // 2])
    _expect_error("IMAGE_TRUNCATED", str(path), load_image, path)


def test_random_bytes_with_jpeg_header(tmp_path: Path) -> None:
    path = tmp_path / "junk.jpg"
    path.write_bytes(b"\xff\xd8\xff" + random.Random(1).randbytes(4000))
    _expect_error("IMAGE_CORRUPT", str(path), load_image, path)


def test_broken_png_data_is_corrupt(tmp_path: Path) -> None:
    ihdr = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    png = (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", b"this is not zlib data at all")
        + _png_chunk(b"IEND", b"")
    )
    _expect_error("IMAGE_CORRUPT", "broken.png", load_image_bytes, png, name="broken.png")


def test_message_stays_on_one_line_for_odd_names() -> None:
    message = _expect_error("FILE_EMPTY", "evil", load_image_bytes, b"", name="evil\nname")
    assert "evil\\nname" in message


# --------------------------------------------------------------------------- sniffing


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"GIF89a\x01\x00", "GIF"),
        (b"II*\x00\x08\x00\x00\x00", "TIFF"),
        (b"MM\x00*\x00\x00\x00\x08", "TIFF"),
        (b"BM" + b"\x00" * 12 + b"\x28\x00\x00\x00", "BMP"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "WEBP"),
        (b"RIFF\x10\x00\x00\x00WAVEfmt ", "MEDIA"),
        (b"P6\n4 4\n255\n", "PPM"),
        (b"%PDF-1.7\n", "PDF"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (b"\x00\x00\x00\x1cftypavif", "AVIF"),
        (b"Hello, world\n", "TEXT"),
        (b"BMW service report\n", "TEXT"),
        (b"P3 is a text line, not a pixmap\n", "TEXT"),
        (b"\x00\x01\x02\x03\x04", None),
        (b"", None),
    ],
)
def test_sniff_type(head: bytes, kind: str | None) -> None:
    assert sniff_type(head) == kind


def test_permission_error_maps_to_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Runs even as root (which ignores chmod): simulate what the OS reports for a locked file.
    path = _save(tmp_path / "locked.png", _two_colour(), "PNG")

    def refuse(target: object, *args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied", os.fsdecode(target))  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    message = _expect_error("FILE_UNREADABLE", str(path), load_image, path)
    assert "Permission denied" in message


def test_pil_damage_warnings_do_not_leak() -> None:
    # A TIFF cut inside its first IFD makes Pillow warn "Corrupt EXIF data" before failing.
    data = _encode(Image.new("RGB", (40, 30), (255, 0, 0)), "TIFF")[:16]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _expect_error("IMAGE_CORRUPT", "cut.tif", load_image_bytes, data, name="cut.tif")
    assert [str(w.message) for w in caught] == []


def test_mode_without_converter_is_unsupported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No real file yields a mode Pillow cannot convert, so simulate Pillow refusing one.
    path = _save(tmp_path / "cmyk.jpg", Image.new("CMYK", (4, 4)), "JPEG")

    def no_converter(self: Image.Image, *args: object, **kwargs: object) -> Image.Image:
        raise ValueError(f"conversion from {self.mode} not supported")

    monkeypatch.setattr(Image.Image, "convert", no_converter)
    message = _expect_error("IMAGE_UNSUPPORTED", str(path), load_image, path)
    assert "'CMYK'" in message
