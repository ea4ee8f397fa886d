"""Gathering what the PDF report shows, on the GUI thread, in the UI language.

Why separate from the PDF writer: everything that touches Qt objects (translations, the
scene rendered with notes, the panes as shown) is collected here into plain data; the PDF
is then built from that data on a worker thread (:func:`ui.expert.report_pdf.write_pdf`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import QFileDialog, QWidget

from ui.expert.annotations import Annotation
from ui.expert.imaging import qimage_to_bgr, to_qimage, zone_rect
from ui.expert.report_pdf import ReportCheck, ReportData, ReportSide, render_page
from ui.expert.texts import (
    STATUS_COLOUR,
    STATUS_ORDER,
    ExpertTexts,
    score_text,
    sort_lights,
    threshold_text,
)
from ui.language import ui_language
from ui.opened import OpenedExam

if TYPE_CHECKING:  # the engine loads in the background, not at start-up
    from docexam.examine.pipeline import Examination


def finding_outlines(ex: Examination) -> list[tuple[QRectF, QColor, str]]:
    """The zones of failed and inconclusive checks, coloured by the worse status, named.

    Checks that share a zone (the portrait: printed portrait and ghost image) get one
    outline with both names, so their labels do not print over each other.
    """
    page = ex.page
    if page is None:
        return []
    by_id = {f.id: f for f in page.features}
    merged: dict[tuple[float, ...], tuple[QRectF, str, list[str]]] = {}
    for r in sorted(ex.features, key=lambda r: STATUS_ORDER.get(r.status, 9)):
        feature = by_id.get(r.feature)
        if feature is None or r.status not in ("fail", "inconclusive"):
            continue
        for z in feature.zones:
            rect = zone_rect(z, page.px_per_mm)
            key = (rect.x(), rect.y(), rect.width(), rect.height())
            names = merged.setdefault(key, (rect, r.status, []))[2]
            names.append(feature.name.get(ui_language()))
    return [(rect, STATUS_COLOUR[status], ", ".join(dict.fromkeys(names)))
            for rect, status, names in merged.values()]  # fmt: skip


class ReportBuilder(QObject):
    """Collects :class:`ReportData` for one opened examination."""

    def labels(self) -> dict[str, str]:
        return {
            "title": self.tr("Expert examination report"),
            "screen": self.tr("The comparison as shown on screen"),
            "check": self.tr("Check"),
            "light": self.tr("Light"),
            "status": self.tr("Status"),
            "score": self.tr("Score / threshold"),
            "reason": self.tr("Reason"),
            "notes": self.tr("Expert's notes"),
            "shape": self.tr("Shape"),
            "note": self.tr("Note"),
            "questioned": self.tr("Questioned document"),
            "specimen": self.tr("Specimen"),
            "evidence": self.tr("Evidence of the findings (questioned, specimen, difference)"),
            "footer": self.tr("docexam expert report"),
        }

    def ask_path(self, parent: QWidget, title: str) -> str | None:
        """Where to save the report (a save dialog); None when the expert cancels."""
        stem = re.sub(r"[^\w.-]+", "_", title or "document").strip("_") or "document"
        path, _ = QFileDialog.getSaveFileName(
            parent, self.tr("Export the expert report"),
            os.path.join(os.path.expanduser("~"), f"{stem}-expert-report.pdf"),
            self.tr("PDF documents (*.pdf)"),
        )  # fmt: skip
        if not path:
            return None
        return path if path.lower().endswith(".pdf") else path + ".pdf"

    def collect(
        self,
        opened: OpenedExam,
        notes: Sequence[Annotation],
        *,
        examiner: str,
        station: str,
        screen: QPixmap | None = None,
    ) -> ReportData:
        """Everything the report shows (renders the pages: GUI thread only)."""
        texts = ExpertTexts(self)
        lang = ui_language()
        doc = opened.document
        first = next((ex for _n, ex in doc.sides if ex.specimen is not None), None)
        spec = first.specimen if first is not None else None
        spec_text = f"{spec.name.get(lang)} ({spec.id})" if spec is not None else None
        header = [
            (self.tr("Document"), opened.title or "—"),
            (self.tr("Specimen"), spec_text or self.tr("none identified")),
            (self.tr("Log entry"), opened.exam_id or self.tr("not in the log yet")),
            (self.tr("Examiner"), examiner),
            (self.tr("Station"), station),
            (self.tr("Report made"), dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")),
        ]  # fmt: skip
        recorded = opened.recorded.get("verdict") if opened.recorded else None
        if recorded and recorded != doc.verdict:
            header.append((self.tr("Verdict recorded in the log"), texts.verdict(str(recorded))))
        sides = []
        for name, ex in doc.sides:
            sides.append(self._side(texts, name, ex, [n for n in notes if n.side == name]))
        screen_img = qimage_to_bgr(screen.toImage()) if screen is not None else None
        return ReportData(doc.verdict, texts.verdict(doc.verdict), tuple(header),
                          self.labels(), tuple(sides), screen_img)  # fmt: skip

    def _side(
        self, texts: ExpertTexts, name: str, ex: Examination, notes: list[Annotation]
    ) -> ReportSide:
        lang = ui_language()
        page = ex.page
        by_id = {f.id: f for f in page.features} if page is not None else {}
        checks = []
        order = sorted(ex.features, key=lambda r: STATUS_ORDER.get(r.status, 9))
        for r in order:
            feature = by_id.get(r.feature)
            ev = r.evidence
            evidence = (ev.questioned, ev.reference, ev.heatmap) if ev is not None else ()
            checks.append(ReportCheck(
                name=feature.name.get(lang) if feature is not None else r.feature,
                light=texts.light(r.light or ""), status=r.status,
                status_text=texts.status(r.status), code=r.code or "",
                score=score_text(r.score),
                threshold=threshold_text(r.threshold, feature.check.method if feature else None),
                message=r.message.ru if lang == "ru" else r.message.en, evidence=evidence,
            ))  # fmt: skip
        views = []
        outlines = finding_outlines(ex)
        for light in sort_lights([lt for lt in ex.images if lt in ex.reference]):
            q = QPixmap.fromImage(to_qimage(ex.images[light]))
            s = QPixmap.fromImage(to_qimage(ex.reference[light]))
            views.append((texts.light(light), render_page(q, notes, outlines),
                          render_page(s, notes, outlines)))  # fmt: skip
        kinds = {"rect": self.tr("Rectangle"), "arrow": self.tr("Arrow")}
        rows = tuple((str(n.number), kinds.get(n.kind, n.kind), n.text) for n in notes)
        title = self.tr("Side: %1").replace("%1", texts.side(name)) if name else self.tr("Checks")
        return ReportSide(title, ex.verdict, texts.verdict(ex.verdict), tuple(checks),
                          tuple(views), rows)  # fmt: skip
