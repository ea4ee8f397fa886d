"""A logged case as HTML (self-contained) and PDF (Cyrillic, hashes, images, tombstone)."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import cv2
import numpy as np
import pytest

from docexam.errors import DocexamError, InputError
from docexam.examlog.case_report import case_html, chain_hash, write_case_report
from docexam.examlog.case_report_pdf import case_pdf

# --- the text of a PDF written with compress=False: each font's ToUnicode map decodes its
# strings (the honest way to read what a printed report says without a PDF library)
_OBJ = re.compile(rb"(\d+) 0 obj\s(.*?)endobj", re.S)
_ESC = re.compile(rb"\\([0-7]{1,3}|.)", re.S)
_SIMPLE = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(s: bytes) -> bytes:
    def one(m: re.Match) -> bytes:
        g = m.group(1)
        if g[:1].isdigit():
            return bytes([int(g, 8) & 0xFF])
        return _SIMPLE.get(g, g)

    return _ESC.sub(one, s)


def pdf_text(pdf: bytes) -> str:
    objs = {int(m.group(1)): m.group(2) for m in _OBJ.finditer(pdf)}
    resources = dict(re.findall(rb"/(F\d+(?:\+\d+)?) (\d+) 0 R", pdf))
    cmaps: dict[bytes, dict[int, str]] = {}
    for name, num in resources.items():
        body = objs.get(int(num), b"")
        m = re.search(rb"/ToUnicode (\d+) 0 R", body)
        if not m:
            continue
        table = {}
        for code, uni in re.findall(rb"<([0-9A-F]{2})> <([0-9A-F]{4})>", objs[int(m.group(1))]):
            table[int(code, 16)] = chr(int(uni, 16))
        cmaps[name] = table
    out = []
    for body in objs.values():
        if b"BT" not in body or b"stream" not in body:
            continue
        font = b""
        for m in re.finditer(rb"/(F\d+(?:\+\d+)?) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\) Tj|(ET)", body,
                             re.S):  # fmt: skip
            if m.group(1):
                font = m.group(1)
            elif m.group(3):
                out.append("\n")
            else:
                raw = _unescape(m.group(2))
                table = cmaps.get(font)
                out.append(
                    "".join(table.get(b, "?") for b in raw) if table else raw.decode("latin-1")
                )
    return "".join(out)


CASE_ID = "0b6f0c1e-7a1d-4c55-9d0e-3f2a1b4c5d6e"
RU = "Микротекст: мелкие детали размыты"


def _image(tmp: Path, role: str, img: np.ndarray, ext: str = ".png") -> dict:
    path = tmp / (role.replace("/", "_") + ext)
    ok, buf = cv2.imencode(ext, img)
    assert ok
    path.write_bytes(buf.tobytes())
    data = path.read_bytes()
    return {"role": role, "sha256": hashlib.sha256(data).hexdigest(), "path": str(path),
            "size": len(data)}  # fmt: skip


def _capture(seed: int, h: int = 300, w: int = 440) -> np.ndarray:
    rng = np.random.default_rng(seed)
    img = np.full((h, w, 3), 235, np.uint8)
    cv2.rectangle(img, (30, 30), (w - 30, h - 30), (int(rng.integers(0, 200)), 80, 40), 3)
    return img


def _exam(verdict: str = "suspect") -> dict:
    feats = [
        {"id": "microprint", "type": "microprint", "light": "white", "status": "fail",
         "score": 0.568, "threshold": 0.75, "code": "MICROPRINT_LOST",
         "message": "Microtext line: the fine detail is smeared", "message_ru": RU, "details": {}},
        {"id": "guilloche", "type": "guilloche", "light": "white", "status": "pass",
         "score": 0.958, "threshold": 0.5, "code": None, "message": "Guilloche matches",
         "message_ru": "Гильоширный фон совпадает", "details": {}},
    ]  # fmt: skip
    return {
        "verdict": verdict,
        "reasons": [
            {
                "code": "IR_MRZ_NOT_VISIBLE",
                "feature": "mrz_b900",
                "message": "MRZ fades in IR",
                "message_ru": "МСЗ пропадает в ИК-свете",
                "weight": 90,
            },
            {
                "code": "MICROPRINT_LOST",
                "feature": "microprint",
                "message": "smeared",
                "message_ru": RU,
                "weight": 60,
            },
        ],
        "specimen": {"id": "uto-passport-2015", "side": "data_page", "score": 0.8, "margin": 0.3},
        "mrz": {
            "lines": [
                "P<UTOUSMONOVA<<MUKHLISA<<<<<<<<<<<<<<<<<<<<<",
                "XS37385489UTO8303187F3006139830318635275<<36",
            ]
        },
        "features": feats,
        "not_checked": [],
        "quality": {"sharpness": 1.0},
        "elapsed_ms": 1234.5,
    }


def _case(tmp: Path, *, exam: dict | None = None, purged: bool = False) -> dict:
    images = [
        _image(tmp, "white", _capture(1), ".jpg"),
        _image(tmp, "uv365", _capture(2)),
        _image(tmp, "ir870", cv2.cvtColor(_capture(3), cv2.COLOR_BGR2GRAY), ".tiff"),
    ]
    for part in ("questioned", "reference", "heatmap"):  # evidence is logged as JPEG
        images.append(_image(tmp, f"evidence/microprint/{part}", _capture(4, 40, 90), ".jpg"))
    exam = _exam() if exam is None else exam
    entries = [
        {"seq": 7, "id": "e-7", "kind": "examination", "time": "2026-12-02T05:40:00Z",
         "actor": "к.иванова", "station": "post-3", "payload": {"examination": exam},
         "hash": "a1" * 32, "log": "L"},
        {"seq": 9, "id": "e-9", "kind": "decision", "time": "2026-12-02T05:41:00Z",
         "actor": "к.иванова", "station": "post-3",
         "payload": {"decision": "refused", "note": "подделка"}, "hash": "b2" * 32, "log": "L"},
        {"seq": 12, "id": "e-12", "kind": "review", "time": "2026-12-03T09:00:00Z",
         "actor": "expert.petrov", "station": "lab", "payload": {"finding": "counterfeit"},
         "hash": "c3" * 32, "log": "L"},
    ]  # fmt: skip
    if purged:
        images = [{**i, "path": None} for i in images]
        entries = [{**e, "payload": None} for e in entries]
    return {
        "id": CASE_ID, "time": "2026-12-02T05:40:00Z", "station": "post-3",
        "officer": "к.иванова",
        "summary": {"document_number": "XS3738548", "surname": "USMONOVA",
                    "given_names": "MUKHLISA", "nationality": "UTO", "issuing_state": "UTO",
                    "specimen": "uto-passport-2015", "verdict": "suspect", "decision": "refused"},
        "examination": None if purged else exam, "images": images, "entries": entries,
        "decision": {"decision": "refused", "note": "подделка", "officer": "к.иванова",
                     "time": "2026-12-02T05:41:00Z"},
        "purged": purged,
    }  # fmt: skip


def test_html_is_self_contained(tmp_path):
    case = _case(tmp_path)
    page = case_html(case)
    assert "SUSPECT" in page and CASE_ID in page
    assert page.index("IR_MRZ_NOT_VISIBLE") < page.index("MICROPRINT_LOST")  # order as given
    assert RU in page and "к.иванова" in page and "REFUSED" in page
    uris = re.findall(r'src="data:(image/\w+);base64,([A-Za-z0-9+/=]+)"', page)
    assert len(uris) == 6  # white, uv, ir + three evidence images
    assert {m for m, _ in uris} == {"image/jpeg", "image/png"}  # the TIFF converted to PNG
    for img in (case["images"][0], case["images"][-1]):  # a capture, an evidence JPEG
        stored = Path(img["path"]).read_bytes()
        assert base64.b64encode(stored).decode() in page  # the stored bytes themselves
    assert 'src="' not in page.replace('src="data:', "")  # nothing refers to a file
    for e in case["entries"]:
        assert e["hash"] in page
    assert chain_hash(case) == "c3" * 32 and "Chain hash" in page


def test_a_changed_or_missing_image_is_flagged_not_shown(tmp_path):
    case = _case(tmp_path)
    Path(case["images"][1]["path"]).write_bytes(b"\x89PNG tampered")
    case["images"][2]["path"] = str(tmp_path / "gone.png")
    page = case_html(case)
    assert "uv365: CHANGED since it was logged" in page
    assert "ir870: missing from the image store" in page
    assert len(re.findall(r"data:image/", page)) == 4


def test_pdf_has_header_verdict_cyrillic_images_and_hashes(tmp_path):
    case = _case(tmp_path)
    pdf = case_pdf(case, compress=False)
    assert pdf.startswith(b"%PDF-")
    assert pdf.count(b"/Type /Page\n") >= 1
    assert pdf.count(b"/Subtype /Image") >= 4  # captures + evidence (identical ones shared)
    assert b"DejaVuSans" in pdf
    text = pdf_text(pdf)
    for needle in (CASE_ID, "SUSPECT", "IR_MRZ_NOT_VISIBLE", "MICROPRINT_LOST", "post-3",
                   "к.иванова", "Микротекст", "REFUSED", "counterfeit", "microprint",
                   "XS37385489UTO", "2026-12-02T05:40:00Z"):  # fmt: skip
        assert needle in text, needle
    assert text.index("IR_MRZ_NOT_VISIBLE") < text.index("MICROPRINT_LOST")
    assert "?" not in text.split("Микротекст")[1][:20]  # every Cyrillic letter has a glyph
    for e in case["entries"]:
        assert e["hash"] in text.replace("\n", "")
    assert f"chain hash {'c3' * 32}" in text  # on every page's footer


def test_pdf_compressed_default_is_valid(tmp_path):
    out = write_case_report(_case(tmp_path), tmp_path / "out" / "case.pdf")
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


def test_purged_case_is_a_tombstone(tmp_path):
    case = _case(tmp_path, purged=True)
    page = case_html(case)
    assert "PURGED" in page and "purged" in page
    assert "data:image" not in page and "b2" * 32 in page
    text = pdf_text(case_pdf(case, compress=False))
    assert "PURGED" in text and CASE_ID in text and "SUSPECT" not in text


def test_document_with_two_sides(tmp_path):
    front, back = _exam("suspect"), _exam("consistent")
    doc = {"verdict": "suspect", "reasons": [{"set": "front", **front["reasons"][0]}],
           "sides": [{"set": "front", **front}, {"set": "back", **back}],
           "elapsed_ms": 1.0}  # fmt: skip
    case = _case(tmp_path, exam=doc)
    for img in case["images"]:
        if img["role"].startswith("evidence/"):
            img["role"] = img["role"].replace("evidence/", "evidence/front/")
    page = case_html(case)
    assert "Side front: SUSPECT" in page and "Side back: CONSISTENT" in page
    assert len(re.findall(r"data:image/", page)) == 6
    text = pdf_text(case_pdf(case, compress=False))
    assert "Side front: SUSPECT" in text and "Side back: CONSISTENT" in text


def test_missing_font_is_a_clear_error(tmp_path):
    with pytest.raises(DocexamError) as err:
        case_pdf(_case(tmp_path), font_dir=tmp_path / "no-fonts")
    assert err.value.code == "REPORT_FONT_MISSING" and "fonts-dejavu-core" in err.value.message


def test_bad_output_paths(tmp_path):
    case = _case(tmp_path)
    with pytest.raises(InputError, match=r"\.pdf or \.html"):
        write_case_report(case, tmp_path / "case.docx")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(InputError, match="cannot write"):
        write_case_report(case, blocker / "case.html")
