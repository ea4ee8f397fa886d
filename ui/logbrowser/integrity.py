"""The log-integrity indicator: has anyone changed, removed or reordered an entry?

Why always visible in the browser: an examination log is evidence. A search result is
only as good as the log behind it, so the officer sees at a glance whether the chain was
verified intact (green), which entries are damaged (red, each problem named with its
entry), or that it has not been checked yet; verification itself runs in the background.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from docexam.examlog import LogProblem, VerifyReport
from ui.logbrowser import words
from ui.qtcompat import emit

_SHOWN_PROBLEMS = 3


class IntegrityIndicator(QWidget):
    """State: "unknown", "busy", "intact", "damaged", "failed" or "no_log"."""

    verify_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("integrityIndicator")
        self.state = "unknown"
        self.report: VerifyReport | None = None
        self.label = QLabel(objectName="integrityLabel")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.busy_bar = QProgressBar(objectName="verifyBusy", maximumWidth=120, textVisible=False)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.hide()
        self.button = QPushButton(objectName="verifyButton")
        self.button.clicked.connect(lambda: emit(self.verify_requested))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.button)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every text (the state's too); called at start and on ``LanguageChange``."""
        self.button.setText(self.tr("Verify log"))
        self.button.setToolTip(
            self.tr("Check every entry's hash, the chain's links and the stored images")
        )
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_busy(self) -> None:
        self.state = "busy"
        self._render()

    def set_report(self, report: VerifyReport | None) -> None:
        """A verification's result (None: there is no log file yet)."""
        self.report = report
        self.state = "no_log" if report is None else ("intact" if report.ok else "damaged")
        self._render()

    def set_failed(self) -> None:
        self.state = "failed"
        self._render()

    def _render(self) -> None:
        busy = self.state == "busy"
        self.busy_bar.setVisible(busy)
        self.button.setEnabled(not busy)
        rep = self.report
        texts: dict[str, tuple[Callable[[], str], object]] = {
            "unknown": (lambda: self.tr("The log has not been verified yet."), words.GREY),
            "busy": (lambda: self.tr("Verifying the log…"), words.GREY),
            "no_log": (lambda: self.tr("No log yet: nothing to verify."), words.GREY),
            "failed": (lambda: "✗ " + self.tr("The log could not be verified."), words.RED),
            "intact": (
                lambda: (
                    "✓ "
                    + self.tr("Log verified: %1 entries intact").replace(
                        "%1", str(rep.entries_checked if rep else 0)
                    )
                ),
                words.GREEN,
            ),
            "damaged": (self._damage_text, words.RED),
        }
        make, color = texts[self.state]
        self.label.setText(make())
        self.label.setStyleSheet(f"QLabel {{ color: {color.name()}; font-weight: bold; }}")
        details = [f"#{p.seq} {p.kind}: {p.detail}" for p in (rep.problems if rep else ())]
        self.label.setToolTip("\n".join(details) if self.state == "damaged" else "")

    def _damage_text(self) -> str:
        problems = self.report.problems if self.report else ()
        named = [self.problem_text(p) for p in problems[:_SHOWN_PROBLEMS]]
        text = self.tr("Log damaged: %1").replace("%1", "; ".join(named))
        if len(problems) > _SHOWN_PROBLEMS:
            more = self.tr("and %1 more").replace("%1", str(len(problems) - _SHOWN_PROBLEMS))
            text += f"; {more}"
        return "✗ " + text

    def problem_text(self, problem: LogProblem) -> str:
        """One problem in the user's words, naming its entry."""
        seq = str(problem.seq)
        phrases = {
            "changed": self.tr("entry #%1 was changed"),
            "deleted": self.tr("entry #%1 was deleted"),
            "reordered": self.tr("entry #%1 is out of order"),
            "inserted": self.tr("entry #%1 was inserted"),
            "image_changed": self.tr("an image of entry #%1 was changed"),
            "image_missing": self.tr("an image of entry #%1 is missing"),
        }
        phrase = phrases.get(problem.kind)
        return phrase.replace("%1", seq) if phrase else f"#{seq} {problem.kind}"
