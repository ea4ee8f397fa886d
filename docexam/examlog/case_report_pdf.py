"""One logged case as a PDF (A4): the printable twin of ``case_report.case_html``.

Why a module of its own: reportlab and the font are needed only here, and the layout code
(styles, tables, image scaling) is as long as everything else of the report together. What
a case shows comes from ``case_report``'s helpers, so the PDF and the HTML cannot disagree.
Why DejaVu Sans: names, findings and messages are Cyrillic as often as Latin; a font without
Cyrillic would print boxes, so a missing font is an error, never a silent fallback. Every
page's footer carries the chain hash, so a single printed page can be matched to the log.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import cv2

from docexam.errors import DocexamError
from docexam.examlog.case_report import (
    EVIDENCE_ORDER,
    STATUS_COLOUR,
    VERDICT_COLOUR,
    chain_hash,
    decision_line,
    decode_image,
    encode_image,
    entry_summary,
    evidence_key,
    groups,
    header_rows,
    image_bytes,
    purge_line,
    sides,
)

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_FONTS = {
    "DejaVuSans": "DejaVuSans.ttf",
    "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
    "DejaVuSansMono": "DejaVuSansMono.ttf",
}
_MAX_SIDE = 1200  # px: images are re-encoded at most this large, so the PDF stays small


def _register_fonts(font_dir: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in _FONTS.items():
        path = font_dir / file
        if not path.is_file():
            raise DocexamError(
                f"the PDF report needs the font {path} (Cyrillic text would print as boxes "
                "without it): install the Debian package fonts-dejavu-core",
                code="REPORT_FONT_MISSING",
            )
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(path)))


def case_pdf(
    case: Mapping[str, Any],
    *,
    chain_head: str | None = None,
    font_dir: Path = FONT_DIR,
    compress: bool = True,
) -> bytes:
    """The case as a PDF (A4). ``compress=False`` leaves the page streams readable."""
    _register_fonts(font_dir)
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    seal = chain_head or chain_hash(case)

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("DejaVuSans", 6.5)
        canvas.drawString(15 * mm, 10 * mm, f"docexam case {case['id']} - page {doc.page}")
        canvas.drawString(15 * mm, 7 * mm, f"chain hash {seal}")
        canvas.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        invariant=not compress,
        pageCompression=1 if compress else 0,
        title=f"docexam case {case['id']}",
        author="docexam",
    )
    doc.build(_story(case, doc.width), onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


def _styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("body", fontName="DejaVuSans", fontSize=8.5, leading=10.5)
    bold = {"fontName": "DejaVuSans-Bold"}
    return {
        "body": base,
        "small": ParagraphStyle("small", base, fontSize=7, leading=8.5),
        "mono": ParagraphStyle("mono", base, fontName="DejaVuSansMono", fontSize=6.5, leading=8),
        "h1": ParagraphStyle("h1", base, **bold, fontSize=14, leading=18),
        "h2": ParagraphStyle(
            "h2",
            base,
            **bold,
            fontSize=11,
            leading=14,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "verdict": ParagraphStyle(
            "verdict", base, **bold, fontSize=26, leading=32, spaceBefore=6, spaceAfter=6
        ),
    }


def _pdf_image(img: Mapping[str, Any], max_w: float, max_h: float, style: Any) -> Any:
    """The stored image (any format) scaled to fit, re-encoded at most ``_MAX_SIDE`` px."""
    from reportlab.platypus import Image, Paragraph

    data, why = image_bytes(img)
    if data is None:
        return Paragraph(xml_escape(f"{img.get('role', '')}: {why}"), style)
    pix = decode_image(data)
    h, w = pix.shape[:2]
    k = min(1.0, _MAX_SIDE / max(h, w))
    if k < 1.0:
        pix = cv2.resize(
            pix, (max(1, round(w * k)), max(1, round(h * k))), interpolation=cv2.INTER_AREA
        )
    fmt = ".jpg" if max(h, w) > 400 else ".png"
    scale = min(max_w / w, max_h / h)
    return Image(io.BytesIO(encode_image(pix, fmt)), width=w * scale, height=h * scale)


def _table(rows: list[list[Any]], widths: list[float], *, header: bool = True) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    t = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#bbbbbb")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), "DejaVuSans"),
        ("FONTSIZE", (0, 0), (-1, -1), 7),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")))
    t.setStyle(TableStyle(style))
    return t


def _story(case: Mapping[str, Any], width: float) -> list[Any]:
    from reportlab.platypus import Paragraph, Spacer

    st = _styles()

    def p(text: str, style: str = "body") -> Any:
        return Paragraph(xml_escape(str(text)), st[style])

    out: list[Any] = [p(f"Examination log: case {case['id']}", "h1")]
    out.append(
        _table(
            [[p(k), p(v)] for k, v in header_rows(case)], [0.2 * width, 0.8 * width], header=False
        )
    )
    exam = case.get("examination")
    if case.get("purged") or exam is None:
        out += [p("PURGED", "verdict"), p(purge_line(case))]
    else:
        colour = VERDICT_COLOUR.get(exam["verdict"], "#000000")
        out.append(
            Paragraph(
                f'<font color="{colour}">{xml_escape(exam["verdict"].upper())}</font>',
                st["verdict"],
            )
        )
        for i, r in enumerate(exam.get("reasons", []), 1):
            where = " ".join(x for x in (r.get("set"), r.get("feature")) if x)
            out.append(p(f"{i}. {r['code']} {where}: {r.get('message', '')}"))
            out.append(p(f"    {r.get('message_ru', '')}", "small"))
        out += [Spacer(1, 4), p(f"Decision: {decision_line(case)}")]
        captures, evidence = groups(case)
        out.append(p("Captured images", "h2"))
        cells = [_pdf_image(i, width / 3 - 6, 75 * 2.83, st["small"]) for i in captures]
        for k in range(0, len(cells), 3):
            row = cells[k : k + 3] + [""] * (3 - len(cells[k : k + 3]))
            labels = [p(i["role"], "small") for i in captures[k : k + 3]]
            out.append(
                _table([row, labels + [""] * (3 - len(labels))], [width / 3] * 3, header=False)
            )
        if not cells:
            out.append(p("none stored"))
        for name, side in sides(exam):
            out += _pdf_side(name, side, evidence, width, st, p)
    out.append(p("Log entries", "h2"))
    rows = [[p(h, "small") for h in ("#", "kind", "time (UTC)", "by", "what / hash")]]
    for en in case.get("entries") or []:
        what = [p(entry_summary(en), "small"), p(en["hash"], "mono")]
        rows.append(
            [
                p(en["seq"], "small"),
                p(en["kind"], "small"),
                p(en.get("time", ""), "small"),
                p(en.get("actor", ""), "small"),
                what,
            ]
        )
    out.append(_table(rows, [x * width for x in (0.05, 0.11, 0.17, 0.12, 0.55)]))
    out.append(p(f"Chain hash (newest entry of this case): {chain_hash(case)}", "mono"))
    return out


def _pdf_side(
    name: str, side: Mapping, evidence: dict, width: float, st: dict, p: Callable[..., Any]
) -> list:
    from reportlab.platypus import Paragraph

    spec = side.get("specimen") or {}
    title = f"Side {name}: {side['verdict'].upper()}" if name else "Checks"
    out = [p(title, "h2"), p(f"Specimen: {spec.get('id') or 'none'} {spec.get('side') or ''}")]
    lines = (side.get("mrz") or {}).get("lines", [])
    out += [p("MRZ:")] + [p(x, "mono") for x in lines] if lines else [p("MRZ: none read")]
    rows = [[p(h, "small") for h in ("feature", "light", "status", "score / thr.", "message")]]
    shown = []
    for f in side.get("features", []):
        score = "" if f.get("score") is None else f"{f['score']:.3f}"
        thr = "" if f.get("threshold") is None else f" / {f['threshold']:g}"
        colour = STATUS_COLOUR.get(f["status"], "#000000")
        status = Paragraph(
            f'<font color="{colour}">{xml_escape(f["status"])}</font>'
            f"<br/>{xml_escape(f.get('code') or '')}",
            st["small"],
        )
        msg = [p(f.get("message", ""), "small"), p(f.get("message_ru", ""), "small")]
        feat = [p(f["id"], "small"), p(f.get("type", ""), "small")]
        rows.append([feat, p(f.get("light") or "", "small"), status, p(score + thr, "small"), msg])
        if evidence_key(name, f["id"]) in evidence:
            shown.append(f)
    out.append(_table(rows, [x * width for x in (0.17, 0.1, 0.21, 0.09, 0.43)]))
    if shown:
        out.append(p("Evidence (questioned, reference, difference)", "h2"))
    for f in shown:
        ev = evidence[evidence_key(name, f["id"])]
        imgs = [
            _pdf_image(ev[k], width / 3 - 6, 40 * 2.83, st["small"]) if k in ev else ""
            for k in EVIDENCE_ORDER
        ]
        out.append(
            _table(
                [[p(f"{f['id']}: {f['status']}", "small"), "", ""], imgs],
                [width / 3] * 3,
                header=False,
            )
        )
    return out
