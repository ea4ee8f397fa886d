"""The verdict, large: colour and word, the top reasons, and which specimen it was held to.

Why this shape: at a booth the officer has seconds; the verdict must be readable from the
chair (a big coloured band with a symbol and a word: colour-blind officers read the word),
then why (the heaviest reasons first, in the officer's language: the engine words every
reason in English and Russian), then what the document was taken for (the specimen, how
sure: its score and the margin to the runner-up). Everything else is for the expert view.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from ui.language import ui_language

if TYPE_CHECKING:  # the engine loads in the background, not at start-up
    from docexam.examine.document import DocumentExamination

COLOURS = {"consistent": "#1b7f3b", "suspect": "#c62828", "inconclusive": "#b26a00",
           "empty": "#e5e7eb", "busy": "#dbe4f0"}  # fmt: skip
SYMBOLS = {"consistent": "✓", "suspect": "✗", "inconclusive": "?"}
TOP_REASONS = 3


class VerdictPanel(QWidget):
    """Shows one :class:`DocumentExamination` (or the waiting / examining state)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdictPanel")
        self.state = "empty"  # empty | busy | consistent | suspect | inconclusive
        self._doc: DocumentExamination | None = None
        self.banner = QLabel(objectName="verdictBanner", alignment=Qt.AlignmentFlag.AlignCenter)
        self.banner.setMinimumHeight(96)
        self.banner.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.banner.setWordWrap(True)
        base = self.banner.font().pointSizeF()
        self._fonts = {}  # the verdict word huge, the waiting/examining line smaller
        for key, scale in (("verdict", 2.6), ("idle", 1.6)):
            font = self.banner.font()
            font.setPointSizeF(base * scale)
            font.setBold(True)
            self._fonts[key] = font
        self.reasons_label = QLabel(objectName="reasonsLabel", wordWrap=True)
        self.reasons_label.setTextFormat(Qt.TextFormat.RichText)
        self.reasons_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.reasons_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.reasons_label.setFont(font)
        self.specimen_label = QLabel(objectName="specimenLabel", wordWrap=True)
        self.specimen_label.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.banner)
        layout.addWidget(self.reasons_label)
        layout.addWidget(self.specimen_label)
        self._render()

    # -- data --------------------------------------------------------------------------------

    def clear(self) -> None:
        self._doc, self.state = None, "empty"
        self._render()

    def set_busy(self) -> None:
        self._doc, self.state = None, "busy"
        self._render()

    def show_document(self, doc: DocumentExamination) -> None:
        self._doc, self.state = doc, doc.verdict
        self._render()

    def reasons(self) -> list[str]:
        """The shown reasons' texts in the UI language, heaviest first."""
        return [text for text, _feature in self._reason_rows()[:TOP_REASONS]]

    # -- texts -------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def verdict_word(self, state: str) -> str:
        words = {"consistent": self.tr("CONSISTENT"), "suspect": self.tr("SUSPECT"),
                 "inconclusive": self.tr("INCONCLUSIVE"),
                 "empty": self.tr("Waiting for a document"),
                 "busy": self.tr("Examining…")}  # fmt: skip
        return words.get(state, state)

    def _reason_rows(self) -> list[tuple[str, str]]:
        if self._doc is None:
            return []
        ru = ui_language() == "ru"
        rows = [(r, name) for name, ex in self._doc.sides for r in ex.reasons]
        rows.sort(key=lambda rn: -rn[0].weight)
        several = len(self._doc.sides) > 1
        out = []
        for r, name in rows:
            where = " / ".join(p for p in ((name if several else ""), r.feature or "") if p)
            out.append((r.message.ru if ru else r.message.en, where))
        return out

    def _render(self) -> None:
        state = self.state
        symbol = SYMBOLS.get(state)
        word = self.verdict_word(state)
        self.banner.setText(f"{symbol}  {word}" if symbol else word)
        self.banner.setFont(self._fonts["verdict" if symbol else "idle"])
        fg = "#ffffff" if state in SYMBOLS else "#374151"
        style = f"background: {COLOURS[state]}; color: {fg}; border-radius: 10px; padding: 12px;"
        self.banner.setStyleSheet(f"QLabel#verdictBanner {{ {style} }}")
        self.reasons_label.setText(self._reasons_html())
        self.reasons_label.setVisible(self._doc is not None)
        self.specimen_label.setText(self._specimen_html())
        self.specimen_label.setVisible(self._doc is not None)

    def _reasons_html(self) -> str:
        rows = self._reason_rows()
        if self._doc is None:
            return ""
        if not rows:
            none = self.tr("No findings: every check passed.")
            return f"<p>{html.escape(none)}</p>"
        items = []
        for text, where in rows[:TOP_REASONS]:
            tail = f' <span style="color:#6b7280">({html.escape(where)})</span>' if where else ""
            items.append(f"<li style='margin-bottom:4px'>{html.escape(text)}{tail}</li>")
        more = len(rows) - TOP_REASONS
        extra = ""
        if more > 0:
            extra = html.escape(self.tr("and %1 more (open the expert view)").replace(
                "%1", str(more)))  # fmt: skip
            extra = f'<p style="color:#6b7280">{extra}</p>'
        head = html.escape(self.tr("Why:"))
        return f"<b>{head}</b><ul style='margin-left:-20px'>{''.join(items)}</ul>{extra}"

    def _specimen_html(self) -> str:
        if self._doc is None:
            return ""
        parts = []
        for name, ex in self._doc.sides:
            ident = ex.identification
            label = f"{html.escape(name)}: " if len(self._doc.sides) > 1 and name else ""
            if ident is None or ident.best is None:
                parts.append(label + html.escape(self.tr("Specimen: not identified")))
                continue
            best = ident.best
            text = self.tr("Specimen: %1 (%2), score %3").replace(
                "%1", f"<b>{html.escape(best.specimen)}</b>").replace(
                "%2", html.escape(best.side)).replace("%3", f"{best.score:.2f}")  # fmt: skip
            others = [c for c in ident.candidates[1:]]
            if others:
                runner = others[0]
                text += " · " + html.escape(
                    self.tr("runner-up %1 %2, margin %3").replace("%1", runner.specimen)
                    .replace("%2", f"{runner.score:.2f}").replace("%3", f"{ident.margin:.2f}")
                )  # fmt: skip
            parts.append(label + text)
        return "<br>".join(parts)
