"""read_mrz_file end to end on the image variants users hand us: EXIF-rotated JPEG,
16-bit PNG, CMYK JPEG, transparent PNG, grayscale; and the reading's JSON form."""

from __future__ import annotations

import io
import json

import cv2
import numpy as np
import pytest
from PIL import Image

from docexam.errors import ImageLoadError
from docexam.mrz.reader import read_mrz_file
from docexam.synth.sample import make_mrz_sample


@pytest.fixture(scope="module")
def sample():
    return make_mrz_sample(77, level="scan", layout="TD3")


def _rgb(sample) -> Image.Image:
    return Image.fromarray(cv2.cvtColor(sample.image, cv2.COLOR_BGR2RGB))


def test_exif_rotated_jpeg(sample, tmp_path) -> None:
    # Pixels stored rotated, with an EXIF tag saying how to turn them upright.
    stored = _rgb(sample).transpose(Image.Transpose.ROTATE_90)  # 90 degrees counter-clockwise
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 CW to display"
    path = tmp_path / "exif.jpg"
    stored.save(path, quality=92, exif=exif.tobytes())
    reading = read_mrz_file(path)
    assert reading.lines == sample.lines
    # The quad is in upright coordinates: it lies in the lower part of the page.
    ys = [y for _, y in reading.quad]
    assert min(ys) > sample.image.shape[0] * 0.5


@pytest.mark.parametrize("variant", ["gray16", "cmyk", "rgba", "gray", "palette"])
def test_image_variants(sample, tmp_path, variant) -> None:
    img = _rgb(sample)
    if variant == "gray16":
        arr = np.asarray(img.convert("L"), dtype=np.uint16) * 257
        path = tmp_path / "g16.png"
        cv2.imwrite(str(path), arr)
    elif variant == "cmyk":
        path = tmp_path / "cmyk.jpg"
        img.convert("CMYK").save(path, quality=95)
    elif variant == "rgba":
        rgba = img.convert("RGBA")
        rgba.putalpha(255)
        path = tmp_path / "rgba.png"
        rgba.save(path)
    elif variant == "gray":
        path = tmp_path / "gray.png"
        img.convert("L").save(path)
    else:
        path = tmp_path / "pal.png"
        img.convert("P", palette=Image.Palette.ADAPTIVE, colors=256).save(path)
    assert read_mrz_file(path).lines == sample.lines


def test_reading_json_is_serialisable_and_complete(sample, tmp_path) -> None:
    path = tmp_path / "s.png"
    cv2.imwrite(str(path), sample.image)
    doc = read_mrz_file(path).to_dict()
    text = json.dumps(doc)
    assert json.loads(text)["lines"] == list(sample.lines)
    assert len(doc["quad"]) == 4
    assert doc["elapsed_ms"] > 0
    assert len(doc["char_confidence"]) == 2 and len(doc["char_confidence"][1]) == 44


def test_unusable_file_raises_a_coded_error(tmp_path) -> None:
    path = tmp_path / "x.png"
    buf = io.BytesIO()
    Image.new("RGB", (50, 50)).save(buf, format="PNG")
    path.write_bytes(buf.getvalue()[:60])
    with pytest.raises(ImageLoadError) as exc:
        read_mrz_file(path)
    assert exc.value.code in {"IMAGE_TRUNCATED", "IMAGE_CORRUPT"}
    assert "x.png" in exc.value.message


def test_low_confidence_characters_are_a_named_warning() -> None:
    from docexam.mrz.parse import parse_mrz
    from docexam.mrz.reader import MrzReading

    lines = (
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    )
    conf = [[0.99] * 44, [0.99] * 44]
    conf[0][7] = 0.3
    reading = MrzReading(
        found=True, parse=parse_mrz(lines), char_confidence=tuple(map(tuple, conf))
    )
    assert reading.low_confidence_positions() == [(0, 7)]
    codes = [w["code"] for w in reading.to_dict()["warnings"]]
    assert "LOW_CONFIDENCE_CHARACTERS" in codes
    assert "line 1 position 8" in reading.to_dict()["warnings"][-1]["message"]
    sure = MrzReading(found=True, parse=parse_mrz(lines), char_confidence=((0.99,) * 44,) * 2)
    assert "LOW_CONFIDENCE_CHARACTERS" not in [w["code"] for w in sure.to_dict()["warnings"]]
