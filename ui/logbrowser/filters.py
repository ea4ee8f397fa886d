"""The filter bar above the results: what the log's search supports, nothing more.

Why only these filters: every one maps onto an index of the log (docexam/examlog/query.py:
equality for codes, verdict, decision, officer and station; word prefixes for names; a
day range), so a search stays fast on a million cases. Enter anywhere in the bar searches.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from docexam.examlog import LogQuery
from ui.logbrowser import words
from ui.qtcompat import emit

#: The date edits show "any" at this day: QDateEdit has no empty state.
NO_DATE = QDate(2000, 1, 1)
_TEXT_FIELDS = ("document_number", "name", "nationality", "issuing_state", "officer", "station")


class FilterBar(QWidget):
    """Filter fields; ``query()`` is the :class:`LogQuery` they describe."""

    search_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logFilterBar")
        self.edits: dict[str, QLineEdit] = {}
        for key in _TEXT_FIELDS:
            edit = QLineEdit(objectName=f"filter_{key}", clearButtonEnabled=True)
            self.edits[key] = edit
        for key in ("nationality", "issuing_state"):
            self.edits[key].setMaxLength(3)
            self.edits[key].setMaximumWidth(90)
        self.date_from = self._date_edit("filter_date_from")
        self.date_to = self._date_edit("filter_date_to")
        self.verdict_combo = QComboBox(objectName="filter_verdict")
        self.decision_combo = QComboBox(objectName="filter_decision")
        for combo, codes in ((self.verdict_combo, words.VERDICTS),
                             (self.decision_combo, words.DECISIONS)):  # fmt: skip
            combo.addItem("", None)
            for code in codes:
                combo.addItem("", code)
        self.search_button = QPushButton(objectName="searchButton")
        self.search_button.clicked.connect(lambda: emit(self.search_requested))
        self.clear_button = QPushButton(objectName="clearFiltersButton")
        self.clear_button.clicked.connect(self._clear_and_search)

        self._labels: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        rows = (
            (("document_number", self.edits["document_number"]), ("name", self.edits["name"]),
             ("nationality", self.edits["nationality"]), ("date_from", self.date_from),
             ("verdict", self.verdict_combo)),
            (("officer", self.edits["officer"]), ("station", self.edits["station"]),
             ("issuing_state", self.edits["issuing_state"]), ("date_to", self.date_to),
             ("decision", self.decision_combo)),
        )  # fmt: skip
        for r, row in enumerate(rows):
            for c, (key, field) in enumerate(row):
                label = QLabel(objectName=f"label_{key}")
                label.setBuddy(field)
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self._labels[key] = label
                grid.addWidget(label, r, 2 * c)
                grid.addWidget(field, r, 2 * c + 1)
        for c in (1, 3):
            grid.setColumnStretch(c, 2)
        grid.addWidget(self.search_button, 0, 10)
        grid.addWidget(self.clear_button, 1, 10)
        self.retranslate_ui()

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(objectName=name, calendarPopup=True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setMaximumDate(QDate(2100, 12, 31))
        edit.setDate(NO_DATE)
        return edit

    def retranslate_ui(self) -> None:
        """Set every static text; called at start and on ``LanguageChange``."""
        labels = {
            "document_number": self.tr("Document no.:"),
            "name": self.tr("Name:"),
            "nationality": self.tr("Nationality:"),
            "issuing_state": self.tr("Issuing state:"),
            "date_from": self.tr("From:"),
            "date_to": self.tr("To:"),
            "verdict": self.tr("Verdict:"),
            "decision": self.tr("Decision:"),
            "officer": self.tr("Officer:"),
            "station": self.tr("Station:"),
        }
        for key, label in self._labels.items():
            label.setText(labels[key])
        self.edits["name"].setPlaceholderText(self.tr("start of surname or given name"))
        self.edits["nationality"].setPlaceholderText(self.tr("e.g. UTO"))
        self.edits["issuing_state"].setPlaceholderText(self.tr("e.g. UTO"))
        for edit in (self.date_from, self.date_to):
            edit.setSpecialValueText(self.tr("any day"))
        self.date_from.setToolTip(self.tr("Examinations from this day on"))
        self.date_to.setToolTip(self.tr("Examinations up to and including this day"))
        for combo, text in ((self.verdict_combo, words.verdict_text),
                            (self.decision_combo, words.decision_text)):  # fmt: skip
            combo.setItemText(0, self.tr("any"))
            for i in range(1, combo.count()):
                combo.setItemText(i, text(combo.itemData(i)))
        self.search_button.setText(self.tr("Search"))
        self.search_button.setToolTip(self.tr("Search the log (Enter)"))
        self.clear_button.setText(self.tr("Clear filters"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Line edits, date edits and combo boxes all pass Enter on to their parent.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            emit(self.search_requested)
            event.accept()
            return
        super().keyPressEvent(event)

    def query(self) -> LogQuery:
        """The filters as the log's search takes them (empty fields: any)."""
        text = {k: (e.text().strip() or None) for k, e in self.edits.items()}

        def day(edit: QDateEdit):
            return None if edit.date() == NO_DATE else edit.date().toPython()

        return LogQuery(
            **text,
            date_from=day(self.date_from),
            date_to=day(self.date_to),
            verdict=self.verdict_combo.currentData(),
            decision=self.decision_combo.currentData(),
        )

    def is_empty(self) -> bool:
        """No filter set: an empty result then means an empty log."""
        return self.query() == LogQuery()

    def clear(self) -> None:
        for edit in self.edits.values():
            edit.clear()
        for edit in (self.date_from, self.date_to):
            edit.setDate(NO_DATE)
        self.verdict_combo.setCurrentIndex(0)
        self.decision_combo.setCurrentIndex(0)

    def _clear_and_search(self) -> None:
        self.clear()
        emit(self.search_requested)
