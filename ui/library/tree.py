"""The library as an officer looks for a document: issuing state, then kind, then series.

Why this order: at the border the question is "what does a genuine Utopian passport of
2019 look like", so the state comes first, then the kind of document, then the series by
the years it was issued in (the newest first, the one most likely in hand).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from docexam.mrz.countries import state_name
from docexam.specimens.manifest import Specimen
from docexam.specimens.vocabulary import KINDS
from ui.library.words import kind_heading, years
from ui.qtcompat import emit

ID_ROLE = Qt.ItemDataRole.UserRole


class SpecimenTree(QTreeWidget):
    """State -> kind -> specimen; emits ``specimen_selected`` with the specimen's id."""

    specimen_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("specimenTree")
        self.setColumnCount(2)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(False)
        self.setMinimumWidth(220)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._specimens: tuple[Specimen, ...] = ()
        self._language = "en"
        self.currentItemChanged.connect(self._current_changed)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setHeaderLabels([self.tr("Document"), self.tr("Issued")])

    def set_specimens(self, specimens: Iterable[Specimen], language: str) -> None:
        """Rebuild the tree (the selection is kept when that specimen is still there)."""
        keep = self.current_id()
        self._specimens = tuple(specimens)
        self._language = language
        self.blockSignals(True)
        try:
            self.clear()
            states: dict[str, QTreeWidgetItem] = {}
            kinds: dict[tuple[str, str], QTreeWidgetItem] = {}
            kind_order = {k: i for i, k in enumerate(KINDS)}
            ordered = sorted(
                self._specimens,
                key=lambda s: (
                    s.issuing_state,
                    kind_order.get(s.kind, 99),
                    s.kind,
                    -s.issued_from.toordinal(),
                    s.id,
                ),
            )
            for s in ordered:
                state = states.get(s.issuing_state)
                if state is None:
                    state = states[s.issuing_state] = self._group(self, self._state_text(s))
                kind = kinds.get((s.issuing_state, s.kind))
                if kind is None:
                    text = kind_heading(s.kind, KINDS, language)
                    kind = kinds[s.issuing_state, s.kind] = self._group(state, text)
                item = QTreeWidgetItem(
                    kind, [self.tr("Series %1").replace("%1", s.series), years(s)]
                )
                item.setData(0, ID_ROLE, s.id)
                item.setToolTip(0, f"{s.name.get(language)}\n{s.id}")
            self.expandAll()
        finally:
            self.blockSignals(False)
        if keep is not None:
            self.select(keep)

    def _group(self, parent: QTreeWidget | QTreeWidgetItem, text: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [text])
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading, not a choice
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setFirstColumnSpanned(True)
        return item

    @staticmethod
    def _state_text(specimen: Specimen) -> str:
        name = state_name(specimen.issuing_state.ljust(3, "<"))
        if not name:
            return specimen.issuing_state
        return f"{specimen.issuing_state} · {name.split(' (')[0]}"

    def specimen_items(self) -> list[QTreeWidgetItem]:
        """Every specimen row, in display order."""
        found: list[QTreeWidgetItem] = []

        def walk(item: QTreeWidgetItem) -> None:
            if item.data(0, ID_ROLE):
                found.append(item)
            for i in range(item.childCount()):
                walk(item.child(i))

        for i in range(self.topLevelItemCount()):
            walk(self.topLevelItem(i))
        return found

    def current_id(self) -> str | None:
        item = self.currentItem()
        value = item.data(0, ID_ROLE) if item is not None else None
        return str(value) if value else None

    def select(self, specimen_id: str) -> bool:
        """Make ``specimen_id`` current (emits ``specimen_selected``); False if absent."""
        for item in self.specimen_items():
            if item.data(0, ID_ROLE) == specimen_id:
                self.setCurrentItem(item)
                self.scrollToItem(item)
                return True
        return False

    def _current_changed(self, current: QTreeWidgetItem | None, _: object) -> None:
        value = current.data(0, ID_ROLE) if current is not None else None
        if value:
            emit(self.specimen_selected, str(value))
