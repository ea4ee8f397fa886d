"""The PDF building blocks of the training reports: styles, tables, bar charts, A4 pages.

Why apart from the reports' content: the layout code (reportlab's styles, table styling,
chart axes) is as long as the content and changes for other reasons. The fonts are the log
reports' DejaVu Sans (``examlog.case_report_pdf``): names are Cyrillic as often as Latin,
and a missing font is an error, never boxes in the print.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docexam.examlog.case_report_pdf import FONT_DIR, _register_fonts

TOP_BARS = 15  # bars per chart
__all__ = ["A4_WIDTH", "FONT_DIR", "Doc", "build_pdf"]


class Doc:
    """Styles, paragraphs and tables shared by both reports."""

    def __init__(self, font_dir: Path) -> None:
        _register_fonts(font_dir)
        from reportlab.lib.styles import ParagraphStyle

        base = ParagraphStyle("b", fontName="DejaVuSans", fontSize=8.5, leading=10.5)
        self.st = {
            "body": base,
            "small": ParagraphStyle("s", base, fontSize=7, leading=8.5),
            "h1": ParagraphStyle(
                "h1", base, fontName="DejaVuSans-Bold", fontSize=14, leading=18, spaceAfter=4
            ),
            "h2": ParagraphStyle(
                "h2",
                base,
                fontName="DejaVuSans-Bold",
                fontSize=11,
                leading=14,
                spaceBefore=8,
                spaceAfter=4,
                keepWithNext=1,
            ),
        }

    def p(self, text: Any, style: str = "body", colour: str | None = None) -> Any:
        from reportlab.platypus import Paragraph

        t = escape(str(text))
        return Paragraph(f'<font color="{colour}">{t}</font>' if colour else t, self.st[style])

    def table(self, rows: list[list[Any]], widths: list[float], *, header: bool = True) -> Any:
        from reportlab.lib import colors
        from reportlab.platypus import Table, TableStyle

        cells = [
            [c if not isinstance(c, str | int | float) else self.p(c, "small") for c in r]
            for r in rows
        ]
        t = Table(cells, colWidths=widths, repeatRows=1 if header else 0)
        style = [
            ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#bbbbbb")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        if header:
            style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")))
        t.setStyle(TableStyle(style))
        return t

    def chart(
        self,
        title: str,
        items: Sequence[tuple[str, float]],
        width: float,
        *,
        colour: str = "#c62828",
        unit: str = "",
    ) -> list[Any]:
        """A horizontal bar chart (most first), or a line saying there is nothing to show."""
        from reportlab.graphics.charts.barcharts import HorizontalBarChart
        from reportlab.graphics.shapes import Drawing
        from reportlab.lib import colors

        items = [i for i in items if i[1] > 0][:TOP_BARS]
        out = [self.p(title, "h2")]
        if not items:
            return [*out, self.p("nothing to show: none missed")]
        items = items[::-1]  # reportlab draws the first category at the bottom
        bar_h = 13
        d = Drawing(width, bar_h * len(items) + 30)
        c = HorizontalBarChart()
        c.x, c.y, c.width, c.height = 0.42 * width, 20, 0.5 * width, bar_h * len(items)
        c.data = [[v for _, v in items]]
        c.categoryAxis.categoryNames = [name[:60] for name, _ in items]
        c.bars[0].fillColor = colors.HexColor(colour)
        c.bars[0].strokeColor = None
        c.valueAxis.valueMin = 0
        top = max(v for _, v in items)
        step = 20 if unit == "%" else max(1, math.ceil(top / 5))
        c.valueAxis.valueMax = 100 if unit == "%" else step * math.ceil(top / step)
        c.valueAxis.valueStep = step
        for axis in (c.categoryAxis.labels, c.valueAxis.labels):
            axis.fontName, axis.fontSize = "DejaVuSans", 7
        c.barLabelFormat = "%.0f" + unit.replace("%", "%%")
        c.barLabels.fontName, c.barLabels.fontSize, c.barLabels.nudge = "DejaVuSans", 6.5, 8
        d.add(c)
        return [*out, d]


def build_pdf(story: list[Any], title: str, foot: str, compress: bool) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("DejaVuSans", 6.5)
        canvas.drawString(15 * mm, 8 * mm, f"{foot} - page {doc.page}")
        canvas.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=title,
        author="docexam",
        invariant=not compress,
        pageCompression=1 if compress else 0,
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


A4_WIDTH = 180 * 2.8346  # the frame's width in points (A4 less 15 mm margins)
