"""The expert's report as a PDF: verdict, checks, the annotated pages, the notes.

Why in two halves: pictures of the scene (the page with its notes and outlines) can only be
painted on the GUI thread, so :func:`render_page` runs there and hands numpy copies on;
the PDF itself (reportlab, JPEG encoding) is built by :func:`write_pdf` on a worker thread
from plain data (:class:`ReportData`), with every label already translated. Why reportlab
and DejaVu Sans: the log's PDF does the same (docexam/examlog/case_report_pdf.py), and
Russian names and messages must never print as boxes.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape as _html_escape
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QGraphicsPixmapItem, QGraphicsScene

from docexam.errors import DocexamError, InputError
from docexam.fileio import write_whole
from ui.expert.annotations import Annotation, AnnotationItem
from ui.expert.imaging import qimage_to_bgr
from ui.expert.items import OutlineItem

_FONTS = {"DejaVuSans": "DejaVuSans.ttf", "DejaVuSans-Bold": "DejaVuSans-Bold.ttf"}
MAX_SIDE = 1600  # px of a page picture in the PDF: sharp when printed, the file stays small


@dataclass(frozen=True)
class ReportCheck:
    name: str
    light: str
    status: str
    status_text: str
    code: str
    score: str
    threshold: str
    message: str
    evidence: tuple[np.ndarray, ...] = ()  # questioned, specimen, heat map (BGR)


@dataclass(frozen=True)
class ReportSide:
    title: str
    verdict: str
    verdict_text: str
    checks: tuple[ReportCheck, ...]
    views: tuple[tuple[str, np.ndarray, np.ndarray], ...]  # (light, questioned, specimen)
    notes: tuple[tuple[str, str, str], ...]  # (number, shape, text)


@dataclass(frozen=True)
class ReportData:
    verdict: str
    verdict_text: str
    header: tuple[tuple[str, str], ...]  # (label, value) rows
    labels: Mapping[str, str]
    sides: tuple[ReportSide, ...]
    screen: np.ndarray | None = None  # the compare panes as shown when the report was made


def render_page(
    pixmap: QPixmap,
    notes: Sequence[Annotation],
    outlines: Sequence[tuple[QRectF, QColor, str]] = (),
    max_side: int = MAX_SIDE,
) -> np.ndarray:
    """The page with its notes and outlines drawn as on screen, as BGR (GUI thread only)."""
    scene = QGraphicsScene()
    scene.addItem(QGraphicsPixmapItem(pixmap))
    for rect, colour, label in outlines:
        scene.addItem(OutlineItem(rect, colour, label))
    for note in notes:
        scene.addItem(AnnotationItem(note))
    w, h = pixmap.width(), pixmap.height()
    k = min(1.0, max_side / max(w, h, 1))
    image = QImage(max(1, round(w * k)), max(1, round(h * k)), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        scene.render(painter, QRectF(image.rect()), QRectF(0, 0, w, h),
                     Qt.AspectRatioMode.IgnoreAspectRatio)  # fmt: skip
    finally:
        painter.end()
    return qimage_to_bgr(image)


def _register_fonts(font_dir: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in _FONTS.items():
        path = font_dir / file
        if not path.is_file():
            raise DocexamError(
                f"the PDF report needs the font {path}: install fonts-dejavu-core",
                code="REPORT_FONT_MISSING",
            )
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(path)))


def _image(img: np.ndarray, max_w: float, max_h: float) -> Any:
    from reportlab.platypus import Image

    if img.size == 0:
        return ""
    if img.ndim == 2:
        img = cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    h, w = img.shape[:2]
    big = max(h, w) > 400
    params = [cv2.IMWRITE_JPEG_QUALITY, 88] if big else []
    ok, buf = cv2.imencode(".jpg" if big else ".png", img, params)
    if not ok:
        raise InputError("an image of the report could not be encoded")
    k = min(max_w / w, max_h / h)
    return Image(io.BytesIO(buf.tobytes()), width=w * k, height=h * k)


def escape(text: str) -> str:
    """&, < and > as entities for reportlab's paragraph markup (xml.sax.saxutils.escape
    would do the same but imports urllib and http: 50 ms more at start-up)."""
    return _html_escape(text, quote=False)


def build_pdf(data: ReportData, *, compress: bool = True, font_dir: Path | None = None) -> bytes:
    """The report as A4 PDF bytes (any thread). ``compress=False``: readable streams."""
    if font_dir is None:
        from docexam.examlog.case_report_pdf import FONT_DIR  # reportlab: loaded on export

        font_dir = FONT_DIR
    _register_fonts(font_dir)
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    lb = data.labels
    base = ParagraphStyle("body", fontName="DejaVuSans", fontSize=8.5, leading=10.5)
    small = ParagraphStyle("small", base, fontSize=7, leading=8.5)
    h1 = ParagraphStyle("h1", base, fontName="DejaVuSans-Bold", fontSize=15, leading=19)
    h2 = ParagraphStyle("h2", base, fontName="DejaVuSans-Bold", fontSize=11, leading=14,
                        spaceBefore=8, spaceAfter=4, keepWithNext=1)  # fmt: skip
    big = ParagraphStyle("verdict", base, fontName="DejaVuSans-Bold", fontSize=22, leading=28,
                         spaceBefore=4, spaceAfter=6)  # fmt: skip

    def p(text: str, style: ParagraphStyle = base) -> Paragraph:
        return Paragraph(escape(str(text)), style)

    def table(rows: list[list[Any]], widths: list[float], header: bool = True) -> Table:
        t = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
        style = [("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#bbbbbb")),
                 ("VALIGN", (0, 0), (-1, -1), "TOP")]  # fmt: skip
        if header:
            style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")))
        t.setStyle(TableStyle(style))
        return t

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=15 * mm, bottomMargin=15 * mm, invariant=not compress,
                            pageCompression=1 if compress else 0, title=lb["title"],
                            author="docexam")  # fmt: skip
    width = doc.width
    colour = {"consistent": "#1b7f3b", "suspect": "#c62828"}.get(data.verdict, "#a15c00")
    story: list[Any] = [p(lb["title"], h1)]
    story.append(Paragraph(f'<font color="{colour}">{escape(data.verdict_text)}</font>', big))
    story.append(table([[p(k), p(v)] for k, v in data.header], [0.25 * width, 0.75 * width],
                       header=False))  # fmt: skip
    if data.screen is not None:
        story += [p(lb["screen"], h2), _image(data.screen, width, 95 * mm)]
    for side in data.sides:
        s_colour = {"consistent": "#1b7f3b", "suspect": "#c62828"}.get(side.verdict, "#a15c00")
        story.append(Paragraph(f'{escape(side.title)}: <font color="{s_colour}">'
                               f"{escape(side.verdict_text)}</font>", h2))  # fmt: skip
        rows = [[p(lb[k], small) for k in ("check", "light", "status", "score", "reason")]]
        for c in side.checks:
            c_colour = {"pass": "#1b7f3b", "fail": "#c62828", "inconclusive": "#a15c00"}.get(
                c.status, "#555555"
            )
            status = Paragraph(f'<font color="{c_colour}">{escape(c.status_text)}</font>'
                               f"<br/>{escape(c.code)}", small)  # fmt: skip
            score = " / ".join(x for x in (c.score, c.threshold) if x)
            rows.append([p(c.name, small), p(c.light, small), status, p(score, small),
                         p(c.message, small)])  # fmt: skip
        story.append(table(rows, [x * width for x in (0.2, 0.12, 0.16, 0.12, 0.4)]))
        if side.notes:
            story.append(p(lb["notes"], h2))
            rows = [[p("#", small), p(lb["shape"], small), p(lb["note"], small)]]
            rows += [[p(n, small), p(k, small), p(t, small)] for n, k, t in side.notes]
            story.append(table(rows, [0.06 * width, 0.16 * width, 0.78 * width]))
        for light, questioned, specimen in side.views:
            cells = [_image(img, width / 2 - 6, 80 * mm) for img in (questioned, specimen)]
            caps = [
                p(f"{lb['questioned']} · {light}", small),
                p(f"{lb['specimen']} · {light}", small),
            ]
            story.append(Spacer(1, 4))
            story.append(table([caps, cells], [width / 2] * 2, header=False))
        shown = [c for c in side.checks if c.evidence and c.status in ("fail", "inconclusive")]
        if shown:
            story.append(p(lb["evidence"], h2))
        for c in shown:
            cells = [_image(img, width / 3 - 6, 40 * mm) for img in c.evidence]
            story.append(table([[p(f"{c.name}: {c.status_text}", small), "", ""], cells],
                               [width / 3] * 3, header=False))  # fmt: skip

    def footer(canvas: Any, doc_: Any) -> None:
        canvas.saveState()
        canvas.setFont("DejaVuSans", 7)
        canvas.drawString(15 * mm, 9 * mm, f"{lb['footer']} — {doc_.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


def write_pdf(data: ReportData, path: str) -> str:
    """Build the PDF and write it to ``path`` (worker thread); returns the path."""
    pdf = build_pdf(data)
    target = Path(path)
    try:
        write_whole(target, pdf)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}",
                         code="REPORT_WRITE_FAILED") from exc  # fmt: skip
    return str(target)
