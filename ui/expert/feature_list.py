"""The checks of one side: status, score and threshold, the reason, and the evidence.

Why failed checks come first: the expert is here because something failed or could not be
judged; those rows are where the minutes go. Every status has its colour and a symbol
(colour alone fails colour-blind eyes). Selecting a row shows the check's own evidence
(the zone on both documents and the check's heat map) and tells the workspace to bring
both panes onto the zone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from docexam.specimens.manifest import Page
from ui.expert.imaging import to_qimage
from ui.expert.texts import (
    STATUS_COLOUR,
    STATUS_ORDER,
    STATUS_SYMBOL,
    ExpertTexts,
    score_text,
    threshold_text,
)
from ui.language import ui_language
from ui.qtcompat import emit

if TYPE_CHECKING:  # the engine loads in the background, not at start-up
    from docexam.examine.results import FeatureResult

COLUMNS = 5  # status, check, light, score, threshold


class Thumb(QFrame):
    """An evidence image scaled to fit its box (never more than 4x), centred."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(60, 90)
        self.pixmap: QPixmap | None = None

    def sizeHint(self) -> QSize:
        return QSize(140, 120)

    def set_pixmap(self, pixmap: QPixmap | None) -> None:
        self.pixmap = pixmap
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.pixmap is None or self.pixmap.isNull():
            return
        painter = QPainter(self)
        try:
            area = QRectF(self.contentsRect()).adjusted(3, 3, -3, -3)
            size = self.pixmap.size()
            k = min(area.width() / size.width(), area.height() / size.height(), 4.0)
            w, h = size.width() * k, size.height() * k
            target = QRectF(area.center().x() - w / 2, area.center().y() - h / 2, w, h)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, k < 1)
            painter.drawPixmap(target, self.pixmap, QRectF(self.pixmap.rect()))
        finally:
            painter.end()


class FeatureList(QWidget):
    """The check list above, the selected check's reason and evidence below."""

    feature_selected = Signal(object)  # FeatureResult, or None when the selection clears

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("featureList")
        self.texts = ExpertTexts(self)
        self._results: list[FeatureResult] = []
        self._page: Page | None = None
        self._current: str | None = None

        self.tree = QTreeWidget(objectName="checkTree")
        self.tree.setColumnCount(COLUMNS)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.currentItemChanged.connect(self._on_current)
        self.tree.itemClicked.connect(lambda item, _col: self._select_item(item, force=True))
        header = self.tree.header()
        header.setStretchLastSection(False)
        for col in range(COLUMNS):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if col == 1
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(col, mode)

        self.details = QWidget(objectName="checkDetails")
        self.title = QLabel(objectName="checkTitle", wordWrap=True)
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.message = QLabel(objectName="checkMessage", wordWrap=True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.thumbs = tuple(Thumb() for _ in range(3))
        self.thumb_captions = tuple(
            QLabel(alignment=Qt.AlignmentFlag.AlignCenter) for _ in range(3)
        )
        self.evidence = QWidget(objectName="evidence")
        self._grid = QGridLayout(self.evidence)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(4)
        box = QVBoxLayout(self.details)
        box.setContentsMargins(4, 6, 4, 4)
        for label in (self.title, self.message):
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        box.addWidget(self.title)
        box.addWidget(self.message)
        box.addWidget(self.evidence, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical, objectName="checkSplitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._arrange(wide=False)
        self.retranslate_ui()

    # -- texts -------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.tree.setHeaderLabels(
            [self.tr("Status"), self.tr("Check"), self.tr("Light"), self.tr("Score"),
             self.tr("Threshold")]
        )  # fmt: skip
        for caption, text in zip(
            self.thumb_captions,
            (self.tr("Questioned"), self.tr("Specimen"), self.tr("Difference")),
            strict=True,
        ):
            caption.setText(text)
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def feature_name(self, result: FeatureResult) -> str:
        """The feature's name from the specimen in the UI language (its id if unknown)."""
        if self._page is not None:
            for f in self._page.features:
                if f.id == result.feature:
                    return f.name.get(ui_language())
        return result.feature

    def _method(self, result: FeatureResult) -> str | None:
        if self._page is not None:
            for f in self._page.features:
                if f.id == result.feature:
                    return f.check.method
        return None

    # -- content -----------------------------------------------------------------------------

    def set_features(self, results: list[FeatureResult] | tuple, page: Page | None) -> None:
        """Show the checks of one side (``page``: its specimen page, for names and zones)."""
        order = sorted(
            range(len(results)), key=lambda i: (STATUS_ORDER.get(results[i].status, 9), i)
        )
        self._results = [results[i] for i in order]
        self._page = page
        self._current = None
        self._fill()
        # The list as tall as its rows (up to a limit): the rest is for the evidence.
        rows = max(len(self._results), 4)
        row_h = self.tree.sizeHintForRow(0) if self._results else 18
        wanted = min(rows * max(row_h, 16) + self.tree.header().sizeHint().height() + 8, 340)
        total = sum(self.splitter.sizes()) or 600
        self.splitter.setSizes([wanted, max(total - wanted, 200)])

    def results(self) -> list[FeatureResult]:
        return list(self._results)

    def _fill(self) -> None:
        self.tree.blockSignals(True)
        try:
            self.tree.clear()
            for r in self._results:
                status = f"{STATUS_SYMBOL.get(r.status, '')} {self.texts.status(r.status)}"
                threshold = threshold_text(r.threshold, self._method(r))
                light = " + ".join(
                    self.texts.light_short(lt) for lt in (r.light or "").split("+") if lt
                )
                row = [status, self.feature_name(r), light, score_text(r.score), threshold]
                item = QTreeWidgetItem(row)
                item.setData(0, Qt.ItemDataRole.UserRole, r.feature)
                colour = STATUS_COLOUR.get(r.status)
                if colour is not None:
                    item.setForeground(0, QBrush(colour))
                    if r.status in ("fail", "inconclusive"):
                        font = item.font(0)
                        font.setBold(True)
                        item.setFont(0, font)
                for col in (3, 4):
                    item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight)
                item.setToolTip(1, r.feature)
                item.setToolTip(2, self.texts.light(r.light or ""))
                self.tree.addTopLevelItem(item)
                if r.feature == self._current:
                    self.tree.setCurrentItem(item)
            for col in (0, 2, 3, 4):
                self.tree.resizeColumnToContents(col)
        finally:
            self.tree.blockSignals(False)
        self._show_details(self.result(self._current) if self._current else None)

    def result(self, feature_id: str | None) -> FeatureResult | None:
        return next((r for r in self._results if r.feature == feature_id), None)

    def select(self, feature_id: str) -> bool:
        """Select the check ``feature_id`` (as a click would); False if it is not listed."""
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole) == feature_id:
                self.tree.setCurrentItem(item)
                self._select_item(item, force=True)
                return True
        return False

    def _on_current(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        self._select_item(item, force=False)

    def _select_item(self, item: QTreeWidgetItem | None, *, force: bool) -> None:
        fid = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if fid == self._current and not force:
            return
        self._current = fid
        result = self.result(fid)
        self._show_details(result)
        emit(self.feature_selected, result)

    # -- details -----------------------------------------------------------------------------

    def _show_details(self, r: FeatureResult | None) -> None:
        if r is None:
            self.title.setText(self.tr("Select a check to see its reason and evidence."))
            self.message.clear()
            for t in self.thumbs:
                t.set_pixmap(None)
            self.evidence.setVisible(False)
            return
        code = f"  [{r.code}]" if r.code else ""
        self.title.setText(f"{self.feature_name(r)} — {self.texts.status(r.status)}{code}")
        pal = self.title.palette()
        pal.setColor(
            QPalette.ColorRole.WindowText, STATUS_COLOUR.get(r.status, pal.windowText().color())
        )
        self.title.setPalette(pal)
        self.message.setText(r.message.ru if ui_language() == "ru" else r.message.en)
        ev = r.evidence
        self.evidence.setVisible(ev is not None)
        if ev is None:
            return
        images = (ev.questioned, ev.reference, ev.heatmap)
        for thumb, img in zip(self.thumbs, images, strict=True):
            thumb.set_pixmap(
                QPixmap.fromImage(to_qimage(img)) if img is not None and img.size else None
            )
        h, w = ev.questioned.shape[:2]
        self._arrange(wide=w > 2 * h)

    def _arrange(self, *, wide: bool) -> None:
        """Wide strips (a rainbow band, a microtext line) stacked; other zones in a row."""
        for w in (*self.thumbs, *self.thumb_captions):
            self._grid.removeWidget(w)
        for i, (thumb, caption) in enumerate(zip(self.thumbs, self.thumb_captions, strict=True)):
            if wide:
                self._grid.addWidget(caption, i, 0)
                self._grid.addWidget(thumb, i, 1)
            else:
                self._grid.addWidget(thumb, 0, i)
                self._grid.addWidget(caption, 1, i)
        for i in range(3):
            self._grid.setRowStretch(i, 1 if wide else (1 if i == 0 else 0))
            self._grid.setColumnStretch(i, (1 if i == 1 else 0) if wide else 1)
