"""``docexam mrz``: the JSON contract, exit codes and bad input, through the real command.

Most tests call ``docexam.cli.main.main`` in-process (fast); a few run the installed
``docexam`` console script in a subprocess to prove the whole path, stderr included.
"""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import cv2
import pytest

from docexam.cli.main import main
from docexam.synth.sample import make_mrz_sample

TD3 = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)
TODAY = "2010-01-01"
KEYS = {"format", "lines", "valid", "checks", "fields", "errors", "warnings", "elapsed_ms"}
FIELD_KEYS = {
    "document_code",
    "issuing_state",
    "surname",
    "given_names",
    "document_number",
    "nationality",
    "birth_date",
    "expiry_date",
    "sex",
    "optional_data",
    "optional_data_2",
}


def run(args, capsys, stdin: str | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def scans(tmp_path_factory) -> dict[str, tuple[Path, tuple[str, ...]]]:
    d = tmp_path_factory.mktemp("scans")
    out = {}
    for layout, seed in (("TD3", 101), ("TD1", 102)):
        s = make_mrz_sample(seed, level="scan", layout=layout)
        path = d / f"{layout}.png"
        cv2.imwrite(str(path), s.image)
        out[layout] = (path, s.lines)
    return out


def test_text_valid_mrz(tmp_path, capsys) -> None:
    f = tmp_path / "mrz.txt"
    f.write_text("\n".join(TD3) + "\n")
    code, out, err = run(["mrz", "--text", str(f), "--today", TODAY], capsys)
    assert code == 0, err
    doc = json.loads(out)
    assert doc.keys() >= KEYS
    assert set(doc["fields"]) == FIELD_KEYS
    assert doc["format"] == "TD3" and doc["valid"] is True
    assert doc["checks"] == {
        "document_number": True,
        "birth_date": True,
        "expiry_date": True,
        "optional_data": True,
        "composite": True,
    }
    assert doc["fields"]["surname"] == "ERIKSSON"
    assert doc["fields"]["given_names"] == "ANNA MARIA"
    assert doc["fields"]["birth_date"] == "1974-08-12"
    assert doc["fields"]["expiry_date"] == "2012-04-15"
    assert doc["errors"] == []


def test_text_from_stdin_with_a_bad_check_digit(capsys, monkeypatch) -> None:
    bad = TD3[0] + "\n" + TD3[1][:9] + "7" + TD3[1][10:]
    code, out, _ = run(["mrz", "--text", "-", "--today", TODAY], capsys, bad, monkeypatch)
    assert code == 1
    doc = json.loads(out)
    assert doc["valid"] is False
    assert doc["checks"]["document_number"] is False
    assert "CHECK_DIGIT_DOCUMENT_NUMBER" in {e["code"] for e in doc["errors"]}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "EMPTY_INPUT"),
        ("P<UTOERIKSSON", "WRONG_LINE_COUNT"),
        ("hello world\nthis is not an mrz at all, no, not at all", "UNKNOWN_FORMAT"),
        (TD3[0] + "\n" + TD3[1][:-3], "WRONG_LINE_LENGTH"),
        (TD3[0][:10] + " " + TD3[0][11:] + "\n" + TD3[1], "INVALID_CHARACTER"),
    ],
)
def test_text_garbage_is_a_named_finding(text, code, capsys, monkeypatch) -> None:
    rc, out, err = run(["mrz", "--text", "-"], capsys, text, monkeypatch)
    assert rc == 1, err
    doc = json.loads(out)
    assert doc["valid"] is False
    assert code in {e["code"] for e in doc["errors"]}


def test_text_lowercase_is_normalised_with_a_warning(capsys, monkeypatch) -> None:
    rc, out, _ = run(
        ["mrz", "--text", "-", "--today", TODAY], capsys, "\n".join(TD3).lower(), monkeypatch
    )
    doc = json.loads(out)
    assert rc == 0 and doc["valid"]
    assert "LOWERCASE_NORMALISED" in {w["code"] for w in doc["warnings"]}


def test_one_image_prints_one_object(scans, capsys) -> None:
    path, lines = scans["TD3"]
    code, out, err = run(["mrz", str(path)], capsys)
    assert code == 0, err
    doc = json.loads(out)
    assert out.count("\n") == 1
    assert KEYS | {"found", "confidence"} <= doc.keys()
    assert doc["found"] is True and doc["valid"] is True
    assert tuple(doc["lines"]) == lines
    assert "file" not in doc
    assert 0 < doc["confidence"] <= 1


def test_several_images_print_json_lines_in_order(scans, tmp_path, capsys) -> None:
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), 255 * __import__("numpy").ones((300, 400), "uint8"))
    pdf = tmp_path / "scan.jpg"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    files = [str(scans["TD1"][0]), str(blank), str(pdf), str(scans["TD3"][0])]
    code, out, err = run(["mrz", *files], capsys)
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["file"] for r in rows] == files
    assert rows[0]["valid"] and tuple(rows[0]["lines"]) == scans["TD1"][1]
    assert rows[1]["found"] is False and rows[1]["valid"] is False
    assert rows[2]["error"]["code"] == "NOT_AN_IMAGE"
    assert rows[3]["valid"]
    assert code == 2  # the worst outcome: one input was unusable
    assert "PDF" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("maker", "fragment"),
    [
        (lambda d: d / "missing.png", "missing.png"),
        (lambda d: _write(d / "empty.jpg", b""), "empty"),
        (lambda d: _write(d / "doc.jpg", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n"), "PDF"),
        (lambda d: _write(d / "notes.png", b"just some text, not a picture\n" * 4), "text"),
        (lambda d: _write(d / "cut.jpg", _jpeg_bytes()[:400]), "cut.jpg"),
        (lambda d: _write(d / "bomb.png", _png_header(60000, 60000)), "60000"),
        (lambda d: d, "directory"),
    ],
)
def test_unusable_image_exits_2_with_one_line(maker, fragment, tmp_path, capsys) -> None:
    path = maker(tmp_path)
    code, out, err = run(["mrz", str(path)], capsys)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("docexam: error:")
    assert fragment.lower() in lines[0].lower()


def test_usage_errors_exit_2(capsys) -> None:
    assert main(["mrz"]) == 2
    assert "nothing to read" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["mrz", "--today", "yesterday", "x.png"])
    assert exc.value.code == 2


def test_console_script_end_to_end(scans, tmp_path) -> None:
    exe = Path(sys.executable).with_name("docexam")
    if not exe.exists():
        pytest.skip("docexam console script not installed in this environment")
    path, lines = scans["TD1"]
    ok = subprocess.run([str(exe), "mrz", str(path)], capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert tuple(json.loads(ok.stdout)["lines"]) == lines
    pdf = tmp_path / "x.jpg"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    bad = subprocess.run([str(exe), "mrz", str(pdf)], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr and len(bad.stderr.strip().splitlines()) == 1


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _jpeg_bytes() -> bytes:
    s = make_mrz_sample(7, level="scan", layout="TD2")
    ok, buf = cv2.imencode(".jpg", s.image)
    assert ok
    return buf.tobytes()


def _png_header(w: int, h: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 100))
        + chunk(b"IEND", b"")
    )
