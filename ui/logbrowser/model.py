"""The results table's model: one row per case, as the log's search returns them.

Why a model of its own and a sort key role: the table sorts through a
``QSortFilterProxyModel`` on ``SORT_ROLE`` (the UTC time text sorts chronologically, names
by surname), while ``DisplayRole`` shows the local time and the translated words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from docexam.examlog import CaseSummary
from ui.logbrowser import words
from ui.qtcompat import emit

SORT_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1

COLUMNS: tuple[tuple[str, str], ...] = (
    ("time", QT_TRANSLATE_NOOP("LogTableModel", "Time")),
    ("verdict", QT_TRANSLATE_NOOP("LogTableModel", "Verdict")),
    ("document_number", QT_TRANSLATE_NOOP("LogTableModel", "Document number")),
    ("name", QT_TRANSLATE_NOOP("LogTableModel", "Name")),
    ("nationality", QT_TRANSLATE_NOOP("LogTableModel", "Nationality")),
    ("specimen", QT_TRANSLATE_NOOP("LogTableModel", "Specimen")),
    ("decision", QT_TRANSLATE_NOOP("LogTableModel", "Decision")),
    ("officer", QT_TRANSLATE_NOOP("LogTableModel", "Officer")),
    ("station", QT_TRANSLATE_NOOP("LogTableModel", "Station")),
)
KEYS = tuple(key for key, _ in COLUMNS)
_SEVERITY = {"consistent": 0, "inconclusive": 1, "suspect": 2}
_Index = QModelIndex | QPersistentModelIndex


def _name(case: CaseSummary) -> str:
    parts = [p for p in (case.surname, case.given_names) if p]
    return ", ".join(parts)


class LogTableModel(QAbstractTableModel):
    """Read-only rows of :class:`CaseSummary`; ``set_cases`` replaces them all."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._cases: list[CaseSummary] = []

    def set_cases(self, cases: Sequence[CaseSummary]) -> None:
        self.beginResetModel()
        self._cases = list(cases)
        self.endResetModel()

    def cases(self) -> list[CaseSummary]:
        return list(self._cases)

    def case_at(self, row: int) -> CaseSummary | None:
        return self._cases[row] if 0 <= row < len(self._cases) else None

    def row_of(self, exam_id: str) -> int:
        """The row of a case, or -1."""
        return next((i for i, c in enumerate(self._cases) if c.id == exam_id), -1)

    def retranslate(self) -> None:
        """Words and headers in the new language (models get no ``LanguageChange``)."""
        emit(self.headerDataChanged, Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._cases:
            last = self.index(len(self._cases) - 1, len(COLUMNS) - 1)
            emit(self.dataChanged, self.index(0, 0), last)

    # -- QAbstractTableModel -----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._cases)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("LogTableModel", COLUMNS[section][1])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        case = self.case_at(index.row()) if index.isValid() else None
        if case is None:
            return None
        key = KEYS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(case, key)
        if role == SORT_ROLE:
            return self._sort_key(case, key)
        if role == ID_ROLE:
            return case.id
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "verdict":
                return words.verdict_color(case.verdict)
            if case.purged and key == "name":
                return words.GREY
        if role == Qt.ItemDataRole.FontRole and key == "verdict" and case.verdict:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and key == "time":
            return words.local_time(case.time, seconds=True)
        return None

    def _display(self, case: CaseSummary, key: str) -> str:
        if key == "time":
            return words.local_time(case.time)
        if key == "verdict":
            return words.verdict_text(case.verdict)
        if key == "decision":
            return words.decision_text(case.decision) if case.decision else ""
        if key == "name":
            if case.purged:
                return QCoreApplication.translate("LogTableModel", "(purged)")
            return _name(case)
        value = getattr(case, key, None)
        return "" if value is None else str(value)

    @staticmethod
    def _sort_key(case: CaseSummary, key: str) -> str:
        if key == "name":
            return _name(case).upper()
        if key == "verdict":  # by severity, not alphabetically
            return str(_SEVERITY.get(case.verdict or "", -1))
        value = getattr(case, key, None)
        return "" if value is None else str(value)


def results_table(model: LogTableModel) -> tuple[QTableView, QSortFilterProxyModel]:
    """The results view over ``model``: read-only rows, sorted on ``SORT_ROLE``, newest
    first to begin with."""
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    table = QTableView(objectName="logTable")
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table, proxy
