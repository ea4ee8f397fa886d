"""The right-hand panel: what the engine read from the MRZ, at a glance and in detail.

Why it renders from ``MrzReading.to_dict()`` (a plain dict) instead of the dataclass: the
UI then depends only on the documented JSON shape, the same one the CLI prints, and keeps
working while the engine's internals change. Missing keys are shown as empty, never crash.

The verdict comes first and is unmistakable (colour *and* a symbol, for colour-blind users);
the details below let an officer compare the printed page with what the machine read.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.findings import FIELD_OF_CODE, finding_text

FIELD_KEYS = (
    "surname",
    "given_names",
    "document_number",
    "nationality",
    "birth_date",
    "sex",
    "expiry_date",
    "issuing_state",
    "document_code",
    "optional_data",
    "optional_data_2",
)
_GREEN, _RED, _AMBER = QColor("#1b7f3b"), QColor("#c62828"), QColor("#a15c00")


class MrzPanel(QWidget):
    """Shows one reading; call :meth:`show_reading` with ``to_dict()`` or :meth:`clear`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mrzPanel")
        self._reading: Mapping[str, Any] | None = None
        self._optional_labels = ("", "")  # (generic, TD3) label of optional_data
        self.verdict_state = "empty"  # empty | valid | invalid | none

        self.verdict_label = QLabel(objectName="verdictLabel")
        font = self.verdict_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.verdict_label.setFont(font)
        self.verdict_label.setWordWrap(True)
        self.summary_label = QLabel(objectName="summaryLabel")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.lines_edit = QPlainTextEdit(objectName="mrzLines", readOnly=True)
        self.lines_edit.setFont(mono)
        self.lines_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.lines_edit.setTabChangesFocus(True)
        metrics = self.lines_edit.fontMetrics()
        self.lines_edit.setFixedHeight(metrics.lineSpacing() * 3 + 16)
        self.lines_edit.setMinimumWidth(metrics.horizontalAdvance("<" * 44) + 24)
        self.lines_group = QGroupBox()
        QVBoxLayout(self.lines_group).addWidget(self.lines_edit)

        self.fields_group = QGroupBox()
        form = QFormLayout(self.fields_group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._field_labels: dict[str, QLabel] = {}
        self._field_edits: dict[str, QLineEdit] = {}
        for key in FIELD_KEYS:
            edit = QLineEdit(objectName=f"field_{key}", readOnly=True)
            label = QLabel()
            label.setBuddy(edit)
            form.addRow(label, edit)
            self._field_labels[key], self._field_edits[key] = label, edit
        self._form = form

        self.checks_label, self.checks_group = self._text_group("checksLabel")
        self.errors_label, self.errors_group = self._text_group("errorsLabel")
        self.warnings_label, self.warnings_group = self._text_group("warningsLabel")

        # Most important first: the verdict and why, then what was read, then the details.
        layout = QVBoxLayout(self)
        for widget in (self.verdict_label, self.summary_label, self.errors_group):
            layout.addWidget(widget)
        for widget in (self.warnings_group, self.lines_group, self.fields_group):
            layout.addWidget(widget)
        layout.addWidget(self.checks_group)
        layout.addStretch(1)

        previous: QWidget = self.lines_edit
        for key in FIELD_KEYS:
            QWidget.setTabOrder(previous, self._field_edits[key])
            previous = self._field_edits[key]
        # Read-only views: a file dropped on them must reach the window (which opens it),
        # not depend on how each widget class happens to treat foreign drops.
        for view in (self.lines_edit, self.lines_edit.viewport(), *self._field_edits.values()):
            view.setAcceptDrops(False)
        self.retranslate_ui()
        self.clear()

    def _text_group(self, name: str) -> tuple[QLabel, QGroupBox]:
        label = QLabel(objectName=name)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        group = QGroupBox()
        QVBoxLayout(group).addWidget(label)
        return label, group

    # -- texts -------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set every static text; called at start and on ``LanguageChange``."""
        self.lines_group.setTitle(self.tr("Machine-readable zone"))
        self.fields_group.setTitle(self.tr("Document data"))
        self.checks_group.setTitle(self.tr("Checks"))
        self.errors_group.setTitle(self.tr("Errors"))
        self.warnings_group.setTitle(self.tr("Warnings"))
        labels = {
            "surname": self.tr("Surname:"),
            "given_names": self.tr("Given names:"),
            "document_number": self.tr("Document number:"),
            "nationality": self.tr("Nationality:"),
            "birth_date": self.tr("Date of birth:"),
            "sex": self.tr("Sex:"),
            "expiry_date": self.tr("Date of expiry:"),
            "issuing_state": self.tr("Issuing state:"),
            "document_code": self.tr("Document code:"),
            "optional_data": self.tr("Optional data:"),
            "optional_data_2": self.tr("Optional data (line 2):"),
        }
        for key, label in self._field_labels.items():
            label.setText(labels[key])
        # ICAO calls the TD3 optional data field the personal number; _render picks the label.
        self._optional_labels = (labels["optional_data"], self.tr("Personal number:"))
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _check_name(self, name: str) -> str:
        names = {
            "document_number": self.tr("Document number check digit"),
            "birth_date": self.tr("Date of birth check digit"),
            "expiry_date": self.tr("Date of expiry check digit"),
            "optional_data": self.tr("Personal number check digit"),  # TD3 only
            "composite": self.tr("Composite check digit"),
        }
        return names.get(name, name.replace("_", " "))

    def _sex_text(self, value: str) -> str:
        unspecified = self.tr("unspecified")
        words = {"M": self.tr("male"), "F": self.tr("female"), "X": unspecified, "<": unspecified}
        word = words.get(value.upper()) if value else None
        return f"{value} ({word})" if word else value

    # -- data --------------------------------------------------------------------------------

    def clear(self) -> None:
        """Back to the empty state (no document)."""
        self._reading = None
        self._render()

    def show_reading(self, reading: Mapping[str, Any]) -> None:
        """Display one ``MrzReading.to_dict()``."""
        self._reading = reading
        self._render()

    def field_edit(self, key: str) -> QLineEdit:
        return self._field_edits[key]

    def field_text(self, key: str) -> str:
        return self._field_edits[key].text()

    def _set_verdict(self, state: str, text: str, color: QColor) -> None:
        self.verdict_state = state
        self.verdict_label.setText(text)
        palette = self.verdict_label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, color)
        self.verdict_label.setPalette(palette)

    def _render(self) -> None:
        reading = self._reading or {}
        grey = self.palette().color(QPalette.ColorRole.PlaceholderText)
        found = bool(reading.get("found"))
        if self._reading is None:
            self._set_verdict("empty", self.tr("No document"), grey)
        elif not found:
            self._set_verdict("none", "— " + self.tr("No MRZ found"), grey)
        elif reading.get("valid") is True:
            self._set_verdict("valid", "✓ " + self.tr("MRZ valid"), _GREEN)
        else:
            self._set_verdict("invalid", "✗ " + self.tr("MRZ invalid"), _RED)

        self.summary_label.setText(self._summary(reading) if self._reading is not None else "")
        self.lines_edit.setPlainText("\n".join(str(x) for x in reading.get("lines") or ()))
        fields = reading.get("fields") or {}
        for key, edit in self._field_edits.items():
            value = fields.get(key)
            text = "" if value is None else str(value)
            edit.setText(self._sex_text(text) if key == "sex" else text)
            edit.setCursorPosition(0)
            edit.setStyleSheet("")
            edit.setToolTip("")
        if found and fields.get("sex") is None and not self._has_issue(reading, "INVALID_SEX"):
            self._field_edits["sex"].setText(self._sex_text("<"))  # '<' = unspecified
        self._flag_fields(reading.get("warnings"), _AMBER)
        self._flag_fields(reading.get("errors"), _RED)  # errors win over warnings
        is_td3 = reading.get("format") == "TD3"
        self._field_labels["optional_data"].setText(self._optional_labels[is_td3])
        show_opt2 = bool(fields.get("optional_data_2"))
        self._form.setRowVisible(self._field_edits["optional_data_2"], show_opt2)
        for group in (self.lines_group, self.fields_group, self.checks_group):
            group.setEnabled(found)
        self._render_checks(reading.get("checks") or {})
        errors = reading.get("errors")
        if not found:  # the verdict already says it; the summary says what to do
            errors = [e for e in self._issues(errors) if e[0] != "MRZ_NOT_FOUND"]
        self._render_issues(self.errors_label, self.errors_group, errors)
        self._render_issues(self.warnings_label, self.warnings_group, reading.get("warnings"))

    @staticmethod
    def _issues(items: Any) -> list[tuple[str, str]]:
        """(code, message) pairs from the engine's list of ``{code, message}``."""
        pairs = []
        for item in items or ():
            if isinstance(item, tuple):
                pairs.append(item)
            elif isinstance(item, Mapping):
                pairs.append((str(item.get("code") or ""), str(item.get("message") or "")))
            else:
                pairs.append(("", str(item)))
        return pairs

    def _has_issue(self, reading: Mapping[str, Any], code: str) -> bool:
        return any(c == code for c, _ in self._issues(reading.get("errors")))

    def _flag_fields(self, issues: Any, color: QColor) -> None:
        """Colour the form fields a finding concerns; the engine's sentence is the tooltip."""
        for code, message in self._issues(issues):
            edit = self._field_edits.get(FIELD_OF_CODE.get(code, ""))
            if edit is not None:
                edit.setStyleSheet(f"QLineEdit {{ color: {color.name()}; font-weight: bold; }}")
                edit.setToolTip(finding_text(code) or message)

    def _summary(self, reading: Mapping[str, Any]) -> str:
        if not reading.get("found"):
            return self.tr(
                "Check that the whole MRZ is in the picture, sharp, upright and free of glare."
            )
        parts = []
        lines = reading.get("lines") or ()
        if reading.get("format"):
            shape = f" ({len(lines)} × {len(lines[0])})" if lines else ""
            parts.append(self.tr("Format: %1").replace("%1", f"{reading['format']}{shape}"))
        confidence = reading.get("confidence")
        if isinstance(confidence, int | float):
            parts.append(self.tr("Confidence: %1 %").replace("%1", f"{confidence * 100:.0f}"))
        return "  ·  ".join(parts)

    def _render_checks(self, checks: Mapping[str, Any]) -> None:
        rows = []
        marks: dict[object, tuple[str, QColor | None]] = {True: ("✓", _GREEN), False: ("✗", _RED)}
        for name, ok in checks.items():
            mark, color = marks.get(ok, ("–", None)) if isinstance(ok, bool) else ("–", None)
            style = f' style="color:{color.name()}"' if color is not None else ""
            rows.append(
                f"<tr><td{style}><b>{mark}</b>&nbsp;</td>"
                f"<td>{html.escape(self._check_name(str(name)))}</td></tr>"
            )
        self.checks_label.setText(f"<table>{''.join(rows)}</table>" if rows else "—")

    def _render_issues(self, label: QLabel, group: QGroupBox, issues: Any) -> None:
        """Our wording of each finding, with the engine's precise sentence beneath it."""
        items = []
        for code, message in self._issues(issues):
            headline = finding_text(code) or message or code
            detail = message if message and message != headline else ""
            detail_html = f'<br><span style="color:gray">{html.escape(detail)}</span>'
            items.append(f"<p>• {html.escape(headline)}{detail_html if detail else ''}</p>")
        label.setText("".join(items))
        group.setVisible(bool(items))
