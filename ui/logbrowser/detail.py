"""The detail pane: one case as the log holds it — verdict and why, what was decided, the
expert's review, the MRZ, and the captures that were examined.

Why rendered from the :class:`CaseRecord` (the log's JSON-shaped record) and not from a
re-examination: this is what the officer saw and decided on; re-examining (with a newer
engine) is a separate, explicit step ("Open in expert view"). Missing keys show as empty.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from docexam.examlog import CaseRecord
from ui.logbrowser import words
from ui.logbrowser.captures import CaptureStrip
from ui.logbrowser.jobs import Thumbnail

_MRZ_FIELDS = ("document_code", "issuing_state", "document_number", "surname", "given_names",
               "nationality", "birth_date", "sex", "expiry_date")  # fmt: skip


def best_mrz(exam: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """The MRZ of the examination (a document's sides: the first valid one with fields)."""
    if not isinstance(exam, Mapping):
        return None
    sides = exam.get("sides")
    parts = [s for s in sides if isinstance(s, Mapping)] if isinstance(sides, list) else [exam]
    mrzs = [s["mrz"] for s in parts if isinstance(s.get("mrz"), Mapping)]
    found = [m for m in mrzs if m.get("found") or m.get("fields")]
    return next((m for m in found if m.get("valid")), found[0] if found else None)


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value))


class CaseDetail(QWidget):
    """Shows one case; :meth:`show_case`, :meth:`set_thumbnails`, :meth:`clear`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseDetail")
        self.case: CaseRecord | None = None

        self.verdict_label = QLabel(objectName="detailVerdict")
        font = self.verdict_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.verdict_label.setFont(font)
        self.open_button = QPushButton(objectName="openCaseButton")
        self.open_button.setEnabled(False)
        head = QHBoxLayout()
        head.addWidget(self.verdict_label, 1)
        head.addWidget(self.open_button)
        self.info_label = self._label("detailInfo")

        self.reasons_label, self.reasons_group = self._group("reasonsLabel")
        self.history_label, self.history_group = self._group("historyLabel")
        self.review_label, self.review_group = self._group("reviewLabel")
        self.mrz_label, self.mrz_group = self._group("mrzLabel")
        self.captures = CaptureStrip()

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 4, 0)
        for w in (self.info_label, self.reasons_group, self.history_group, self.review_group,
                  self.mrz_group, self.captures):  # fmt: skip
            column.addWidget(w)
        column.addStretch(1)
        scroll = QScrollArea(widgetResizable=True, objectName="detailScroll")
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(scroll, 1)
        self.retranslate_ui()

    @staticmethod
    def _label(name: str) -> QLabel:
        label = QLabel(objectName=name)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _group(self, name: str) -> tuple[QLabel, QGroupBox]:
        label = self._label(name)
        group = QGroupBox()
        QVBoxLayout(group).addWidget(label)
        return label, group

    # -- texts -------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set every text; called at start and on ``LanguageChange``."""
        self.open_button.setText(self.tr("Open in expert view"))
        self.open_button.setToolTip(
            self.tr("Examine the stored captures again and open them in the expert view (Enter)")
        )
        self.reasons_group.setTitle(self.tr("Why this verdict"))
        self.history_group.setTitle(self.tr("Decision history"))
        self.review_group.setTitle(self.tr("Expert review"))
        self.mrz_group.setTitle(self.tr("Machine-readable zone"))
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- data --------------------------------------------------------------------------------

    def clear(self) -> None:
        self.case = None
        self._render()

    def show_case(self, case: CaseRecord) -> None:
        """Show a case; its thumbnails follow with :meth:`set_thumbnails`."""
        self.case = case
        self._render()
        if case.purged:
            self.captures.set_purged()
        else:
            self.captures.set_loading()

    def set_thumbnails(self, thumbs: Sequence[Thumbnail]) -> None:
        self.captures.set_thumbnails(thumbs)

    def _render(self) -> None:
        case = self.case
        groups = (self.reasons_group, self.history_group, self.review_group, self.mrz_group,
                  self.captures)  # fmt: skip
        for g in groups:
            g.setVisible(case is not None)
        if case is None:
            self.verdict_label.setText(self.tr("No case selected"))
            self.verdict_label.setStyleSheet(f"color: {words.GREY.name()};")
            self.info_label.setText(self.tr("Select an examination in the list to see it here."))
            return
        verdict = case.summary.verdict
        self.verdict_label.setText(words.verdict_text(verdict))
        self.verdict_label.setStyleSheet(f"color: {words.verdict_color(verdict).name()};")
        self.info_label.setText(self._info_html(case))
        self.reasons_label.setText(self._reasons_html(case))
        self.history_label.setText(self._history_html(case))
        self.review_label.setText(self._review_html(case))
        self.mrz_label.setText(self._mrz_html(case))
        self.mrz_group.setVisible(not case.purged)

    def _info_html(self, case: CaseRecord) -> str:
        s = case.summary
        name = ", ".join(p for p in (s.surname, s.given_names) if p)
        doc = " · ".join(_esc(p) for p in (s.document_type, s.issuing_state, s.document_number,
                                            name) if p)  # fmt: skip
        when = self.tr("Examined %1 at station %2 by %3").replace("%1", words.local_time(case.time))
        when = when.replace("%2", case.station).replace("%3", case.officer)
        lines = [f"<b>{doc}</b>" if doc else "", _esc(when)]
        if s.specimen:
            lines.append(_esc(self.tr("Specimen: %1").replace("%1", s.specimen)))
        if case.purged:
            purged = self.tr(
                "The personal data and images of this case were removed (retention period); "
                "only the verdict and decision remain."
            )
            lines.append(f'<span style="color:{words.AMBER.name()}">{_esc(purged)}</span>')
        lines.append(f'<span style="color:{words.GREY.name()}">{_esc(case.id)}</span>')
        return "<br>".join(x for x in lines if x)

    def _reasons_html(self, case: CaseRecord) -> str:
        exam = case.examination or {}
        reasons = [r for r in exam.get("reasons") or () if isinstance(r, Mapping)]
        if not reasons:
            codes = case.summary.reasons
            if codes:  # purged: the codes are all that is left
                return "<br>".join(f"• {_esc(c)}" for c in codes)
            return _esc(self.tr("No findings: every check that could be run passed."))
        ru = words.ui_is_russian()
        items = []
        for r in reasons:
            text = (r.get("message_ru") if ru else None) or r.get("message") or r.get("code")
            where = " / ".join(str(x) for x in (r.get("set"), r.get("feature")) if x)
            grey = f' <span style="color:{words.GREY.name()}">[{_esc(where)}]</span>'
            items.append(f"• {_esc(text)}{grey if where else ''}")
        return "<br>".join(items)

    def _history_html(self, case: CaseRecord) -> str:
        rows = []
        for e in case.entries:
            p = e.payload or {}
            if e.kind == "examination" and p.get("decision"):
                what = self.tr("Decision: %1").replace("%1", words.decision_text(p["decision"]))
            elif e.kind == "decision":
                what = self.tr("Decision: %1").replace("%1", words.decision_text(p.get("decision")))
            elif e.kind == "correction":
                changes = ", ".join(f"{k} → {v}" for k, v in (p.get("changes") or {}).items())
                what = self.tr("Correction: %1 (%2)").replace("%1", changes)
                what = what.replace("%2", str(p.get("reason", "")))
            elif e.kind == "import":
                what = self.tr("Imported from another station's log")
            else:
                continue
            note = p.get("note") if e.kind in ("examination", "decision") else None
            what_html = _esc(what) + (f"<br><i>{_esc(note)}</i>" if note else "")
            rows.append(
                f"<tr><td style='padding-right:10px'>{_esc(words.local_time(e.time))}</td>"
                f"<td style='padding-right:10px'>{_esc(e.actor)}</td><td>{what_html}</td></tr>"
            )
        if not rows:
            if case.purged and case.summary.decision:
                return _esc(self.tr("Decision: %1").replace(
                    "%1", words.decision_text(case.summary.decision)))  # fmt: skip
            return _esc(self.tr("No decision recorded."))
        return f"<table>{''.join(rows)}</table>"

    def _review_html(self, case: CaseRecord) -> str:
        rev = case.review
        if not rev:
            return _esc(self.tr("No expert review recorded."))
        by = self.tr("%1, %2").replace("%1", str(rev.get("expert", "")))
        by = by.replace("%2", words.local_time(rev.get("time")))
        note = rev.get("note")
        return (f"<b>{_esc(rev.get('finding'))}</b><br>{_esc(by)}"
                + (f"<br><i>{_esc(note)}</i>" if note else ""))  # fmt: skip

    def _mrz_html(self, case: CaseRecord) -> str:
        mrz = best_mrz(case.examination)
        if mrz is None:
            return _esc(self.tr("No machine-readable zone was read."))
        valid = mrz.get("valid") is True
        color = words.GREEN if valid else words.RED
        state = ("✓ " + self.tr("MRZ valid")) if valid else ("✗ " + self.tr("MRZ invalid"))
        head = f'<span style="color:{color.name()}"><b>{_esc(state)}</b></span>'
        if mrz.get("format"):
            head += f" · {_esc(mrz['format'])}"
        names = {
            "document_code": self.tr("Document code"),
            "issuing_state": self.tr("Issuing state"),
            "document_number": self.tr("Document number"),
            "surname": self.tr("Surname"),
            "given_names": self.tr("Given names"),
            "nationality": self.tr("Nationality"),
            "birth_date": self.tr("Date of birth"),
            "sex": self.tr("Sex"),
            "expiry_date": self.tr("Date of expiry"),
        }
        fields = mrz.get("fields") or {}
        rows = "".join(
            f"<tr><td style='padding-right:12px;color:{words.GREY.name()}'>{_esc(names[k])}</td>"
            f"<td>{_esc(fields.get(k))}</td></tr>"
            for k in _MRZ_FIELDS
            if fields.get(k) not in (None, "")
        )
        lines = "<br>".join(_esc(x) for x in mrz.get("lines") or ())
        mono = f"<p style='font-family:monospace'>{lines}</p>" if lines else ""
        return f"{head}<table>{rows}</table>{mono}"
