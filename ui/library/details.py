"""What the library knows about one specimen: its facts, its features, how to check each.

Why the feature texts come from the manifest (``Text.get(language)``) and not from the
translation catalogue: an agency writes its own specimens with its own wording in both
languages; the UI shows what the manifest says, in the language the officer reads.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from docexam.mrz.countries import state_name
from docexam.specimens.manifest import Feature, Specimen
from docexam.specimens.vocabulary import CHECK_METHODS, FEATURE_TYPES, KINDS, LAYOUTS, SIDES
from ui.library.words import light_name, term
from ui.qtcompat import emit

FEATURE_ROLE = Qt.ItemDataRole.UserRole
_FACTS = ("state", "kind", "series", "valid", "layout", "size", "resolution", "sides", "id")


class SpecimenDetails(QWidget):
    """Facts, the feature list and the chosen feature's texts; emits ``feature_selected``."""

    feature_selected = Signal(str)  # feature id ("" when the selection is cleared)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("specimenDetails")
        self._specimen: Specimen | None = None
        self._language = "en"
        self.title = QLabel(objectName="specimenTitle", wordWrap=True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.facts_group = QGroupBox()
        form = QFormLayout(self.facts_group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._fact_labels: dict[str, QLabel] = {}
        self._facts: dict[str, QLabel] = {}
        for key in _FACTS:
            value = QLabel(objectName=f"fact_{key}", wordWrap=True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._fact_labels[key], self._facts[key] = QLabel(), value
            form.addRow(self._fact_labels[key], value)

        self.features_group = QGroupBox()
        self.feature_list = QListWidget(objectName="featureList")
        self.feature_list.currentItemChanged.connect(self._feature_changed)
        self.feature_text = QTextBrowser(objectName="featureText", openLinks=False)
        self.feature_text.setMinimumHeight(140)
        inner = QSplitter(Qt.Orientation.Vertical)
        inner.addWidget(self.feature_list)
        inner.addWidget(self.feature_text)
        inner.setStretchFactor(0, 2)
        inner.setStretchFactor(1, 3)
        inner.setChildrenCollapsible(False)
        QVBoxLayout(self.features_group).addWidget(inner)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.facts_group)
        layout.addWidget(self.features_group, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.facts_group.setTitle(self.tr("Specimen"))
        self.features_group.setTitle(self.tr("Security features"))
        labels = {
            "state": self.tr("Issuing state:"),
            "kind": self.tr("Kind:"),
            "series": self.tr("Series:"),
            "valid": self.tr("Valid from:"),
            "layout": self.tr("MRZ layout:"),
            "size": self.tr("Size:"),
            "resolution": self.tr("Resolution:"),
            "sides": self.tr("Pages:"),
            "id": self.tr("Specimen id:"),
        }
        for key, label in self._fact_labels.items():
            label.setText(labels[key])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- content ---------------------------------------------------------------------------

    def fact(self, key: str) -> str:
        return self._facts[key].text()

    def show_specimen(self, specimen: Specimen | None, language: str) -> None:
        """Fill every part for ``specimen`` (None empties); the chosen feature is kept."""
        keep = self.current_feature()
        self._specimen, self._language = specimen, language
        self.feature_list.blockSignals(True)
        self.feature_list.clear()
        self.feature_list.blockSignals(False)
        self.feature_text.clear()
        if specimen is None:
            self.title.clear()
            for value in self._facts.values():
                value.clear()
            return
        self.title.setText(specimen.name.get(language))
        self._fill_facts(specimen, language)
        many = len(specimen.pages) > 1
        for page in specimen.pages:
            if many:
                heading = QListWidgetItem(term(SIDES, page.side, language))
                heading.setFlags(Qt.ItemFlag.NoItemFlags)  # a heading, not a choice
                heading.setForeground(self.palette().color(QPalette.ColorRole.WindowText))
                font = heading.font()
                font.setBold(True)
                heading.setFont(font)
                self.feature_list.addItem(heading)
            for feature in page.features:
                item = QListWidgetItem(feature.name.get(language))
                item.setData(FEATURE_ROLE, feature.id)
                item.setToolTip(term(FEATURE_TYPES, feature.type, language))
                self.feature_list.addItem(item)
        if keep and any(f.id == keep for f in specimen.features):
            self.select_feature(keep)
        else:
            self.feature_text.setHtml(self._hint_html())

    def _fill_facts(self, s: Specimen, language: str) -> None:
        name = state_name(s.issuing_state.ljust(3, "<"))
        facts = self._facts
        facts["state"].setText(f"{s.issuing_state} — {name}" if name else s.issuing_state)
        facts["kind"].setText(term(KINDS, s.kind, language))
        facts["series"].setText(s.series)
        if s.issued_until is None:
            valid = self.tr("%1 (still issued)").replace("%1", s.issued_from.isoformat())
        else:
            valid = self.tr("%1 (issued until %2)").replace("%1", s.issued_from.isoformat())
            valid = valid.replace("%2", s.issued_until.isoformat())
        facts["valid"].setText(valid)
        layout = LAYOUTS.get(s.layout)
        explained = (layout.ru if language == "ru" else layout.en) if layout else ""
        facts["layout"].setText(f"{s.layout} — {explained}" if explained else s.layout)
        size = self.tr("%1 × %2 mm")
        sizes = dict.fromkeys(
            size.replace("%1", f"{p.size_mm[0]:g}").replace("%2", f"{p.size_mm[1]:g}")
            for p in s.pages
        )
        facts["size"].setText(", ".join(sizes))
        rates = dict.fromkeys(
            self.tr("%1 px/mm (%2 dpi)")
            .replace("%1", f"{p.px_per_mm:.2f}")
            .replace("%2", f"{p.px_per_mm * 25.4:.0f}")
            for p in s.pages
        )
        facts["resolution"].setText(", ".join(rates))
        facts["sides"].setText(", ".join(term(SIDES, p.side, language) for p in s.pages))
        facts["id"].setText(s.id + ("" if not s.fictional else "  " + self.tr("(fictional)")))

    def _hint_html(self) -> str:
        hint = self.tr("Choose a feature to see how to check it and what forgeries get wrong.")
        return f"<p style='color:gray'>{html.escape(hint)}</p>"

    def feature_html(self, feature: Feature) -> str:
        """The chosen feature's texts in the UI language, as HTML (all text escaped)."""
        lang = self._language
        method = CHECK_METHODS.get(feature.check.method)
        machine = (method.ru if lang == "ru" else method.en) if method else feature.check.method
        if feature.check.tolerance is not None and method is not None:
            what = method.tolerance_ru if lang == "ru" else method.tolerance_en
            machine += f" ({what}: {feature.check.tolerance:g})"
        rows = (
            (self.tr("What it is"), term(FEATURE_TYPES, feature.type, lang)),
            (self.tr("Light"), ", ".join(light_name(light) for light in feature.lights)),
            (self.tr("How to check"), feature.check.instructions.get(lang)),
            (self.tr("Genuine"), feature.genuine.get(lang)),
            (self.tr("Signs of forgery"), feature.forgery_signs.get(lang)),
            (self.tr("Machine check"), machine),
        )
        body = "".join(
            f"<p style='margin:0 0 6px 0'><b>{html.escape(k)}:</b> {html.escape(v)}</p>"
            for k, v in rows
        )
        return f"<h3 style='margin:0 0 6px 0'>{html.escape(feature.name.get(lang))}</h3>{body}"

    def current_feature(self) -> str | None:
        item = self.feature_list.currentItem()
        value = item.data(FEATURE_ROLE) if item is not None else None
        return str(value) if value else None

    def select_feature(self, feature_id: str | None) -> None:
        """Make ``feature_id`` current (emits ``feature_selected``); None clears."""
        for row in range(self.feature_list.count()):
            item = self.feature_list.item(row)
            if feature_id is not None and item.data(FEATURE_ROLE) == feature_id:
                self.feature_list.setCurrentItem(item)
                self.feature_list.scrollToItem(item)
                return
        self.feature_list.setCurrentItem(None)

    def _feature_changed(self, current: QListWidgetItem | None, _: object) -> None:
        feature_id = current.data(FEATURE_ROLE) if current is not None else None
        if self._specimen is None or not feature_id:
            self.feature_text.setHtml(self._hint_html())
            emit(self.feature_selected, "")
            return
        self.feature_text.setHtml(self.feature_html(self._specimen.feature(str(feature_id))))
        emit(self.feature_selected, str(feature_id))
