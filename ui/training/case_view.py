"""One case's pictures: the captures per side and light, and the comparison with the specimen.

Why an own comparison view instead of the expert workspace: the expert workspace shows the
machine's verdict and every check's status in its header and check list; a blind drill
must show neither. Here the trainee sees only pictures: the captures as they came (a strip
of thumbnails and one large view), and after "Examine" the registered questioned page next
to the specimen's, light by light, with the zones of the feature chosen in the checklist
outlined on both (the zones say where to look, never what the machine found there).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.expert.texts import ExpertTexts, sort_lights
from ui.image_view import ImageView

KEY_ROLE = Qt.ItemDataRole.UserRole
THUMB = QSize(132, 96)


def outlined(image: QImage, rects: list[QRectF]) -> QImage:
    """A copy of ``image`` with ``rects`` (image pixels) outlined in a bright colour."""
    if not rects:
        return image
    out = image.convertToFormat(QImage.Format.Format_RGB32)
    painter = QPainter(out)
    try:
        pen = QPen(QColor("#ff9800"))
        pen.setWidthF(max(2.0, out.width() / 300))
        painter.setPen(pen)
        for r in rects:
            painter.drawRect(r)
    finally:
        painter.end()
    return out


class CaseView(QTabWidget):
    """Tab 1: captures (thumbnails + large view); tab 2: questioned vs specimen per light."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingCaseView")
        self.texts = ExpertTexts(self)
        self._images: dict[tuple[str, str], QImage] = {}
        self._doc: Any = None
        self._feature: str | None = None

        self.thumbs = QListWidget(objectName="trainingThumbs")
        self.thumbs.setViewMode(QListView.ViewMode.IconMode)
        self.thumbs.setFlow(QListView.Flow.LeftToRight)
        self.thumbs.setWrapping(False)
        self.thumbs.setIconSize(THUMB)
        self.thumbs.setFixedHeight(THUMB.height() + 48)
        self.thumbs.setMovement(QListView.Movement.Static)
        self.thumbs.setSpacing(4)
        self.thumbs.currentItemChanged.connect(self._on_thumb)
        self.large = ImageView()
        captures = QWidget()
        lay = QVBoxLayout(captures)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.thumbs)
        lay.addWidget(self.large, 1)

        self.side_combo = QComboBox()
        self.light_combo = QComboBox()
        self.side_combo.currentIndexChanged.connect(self._fill_lights)
        self.light_combo.currentIndexChanged.connect(self._render_compare)
        self.side_label, self.light_label = QLabel(), QLabel()
        self.questioned_caption, self.specimen_caption = QLabel(), QLabel()
        for cap in (self.questioned_caption, self.specimen_caption):
            cap.setAlignment(Qt.AlignmentFlag.AlignCenter)
            f = cap.font()
            f.setBold(True)
            cap.setFont(f)
        self.questioned = ImageView()
        self.specimen = ImageView()
        self.compare_note = QLabel(wordWrap=True)
        compare = QWidget()
        bar = QHBoxLayout()
        bar.addWidget(self.side_label)
        bar.addWidget(self.side_combo)
        bar.addSpacing(16)
        bar.addWidget(self.light_label)
        bar.addWidget(self.light_combo)
        bar.addStretch(1)
        grid = QGridLayout()
        grid.addWidget(self.questioned_caption, 0, 0)
        grid.addWidget(self.specimen_caption, 0, 1)
        grid.addWidget(self.questioned, 1, 0)
        grid.addWidget(self.specimen, 1, 1)
        grid.setRowStretch(1, 1)
        clay = QVBoxLayout(compare)
        clay.setContentsMargins(4, 4, 4, 4)
        clay.addLayout(bar)
        clay.addWidget(self.compare_note)
        clay.addLayout(grid, 1)
        self.addTab(captures, "")
        self.addTab(compare, "")
        self.setTabEnabled(1, False)
        self.retranslate_ui()

    # -- texts -------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.setTabText(0, self.tr("Captures"))
        self.setTabText(1, self.tr("Compare with the specimen"))
        self.side_label.setText(self.tr("Side:"))
        self.light_label.setText(self.tr("Light:"))
        self.questioned_caption.setText(self.tr("Questioned document"))
        self.specimen_caption.setText(self.tr("Specimen"))
        self.large.set_placeholder(self.tr("Loading the case…"))
        for view in (self.questioned, self.specimen):
            view.set_placeholder(self.tr("No picture under this light"))
        for i in range(self.thumbs.count()):
            item = self.thumbs.item(i)
            item.setText(self._caption(*item.data(KEY_ROLE)))
        for i in range(self.side_combo.count()):
            self.side_combo.setItemText(i, self.texts.side(self.side_combo.itemData(i)))
        for i in range(self.light_combo.count()):
            self.light_combo.setItemText(i, self.texts.light(self.light_combo.itemData(i)))
        self._note()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _caption(self, side: str, light: str) -> str:
        return f"{self.texts.side(side)} · {self.texts.light_short(light)}"

    # -- captures ----------------------------------------------------------------------------

    def clear(self) -> None:
        self._images, self._doc, self._feature = {}, None, None
        self.thumbs.clear()
        self.large.set_image(None)
        self.side_combo.clear()
        self.light_combo.clear()
        self.questioned.set_image(None)
        self.specimen.set_image(None)
        self.setTabEnabled(1, False)
        self.setCurrentIndex(0)

    def show_images(self, images: dict[tuple[str, str], QImage]) -> None:
        """The case's captures, white light of the first side in the large view."""
        self._images = dict(images)
        self.thumbs.clear()
        sides = list(dict.fromkeys(side for side, _ in images))
        for side in sides:
            for light in sort_lights([lt for s, lt in images if s == side]):
                pix = QPixmap.fromImage(images[(side, light)]).scaled(
                    THUMB,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
                item = QListWidgetItem(QIcon(pix), self._caption(side, light))
                item.setData(KEY_ROLE, (side, light))
                self.thumbs.addItem(item)
        if self.thumbs.count():
            self.thumbs.setCurrentRow(0)

    def _on_thumb(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.large.set_image(self._images.get(tuple(item.data(KEY_ROLE))))

    # -- comparison --------------------------------------------------------------------------

    def show_examination(self, doc: Any) -> None:
        """Registered questioned pages and the specimen's, side by side (no findings)."""
        self._doc = doc
        self.side_combo.blockSignals(True)
        self.side_combo.clear()
        for side, ex in doc.sides:
            if ex.images:
                self.side_combo.addItem(self.texts.side(side), side)
        self.side_combo.blockSignals(False)
        self.setTabEnabled(1, True)
        self._fill_lights()

    def highlight(self, feature_id: str | None) -> None:
        """Outline the zones of ``feature_id`` (None: none) on both pictures."""
        self._feature = feature_id
        self._render_compare()

    def _exam(self) -> Any:
        if self._doc is None:
            return None
        side = self.side_combo.currentData()
        return next((ex for name, ex in self._doc.sides if name == side), None)

    def _fill_lights(self) -> None:
        ex = self._exam()
        current = self.light_combo.currentData()
        self.light_combo.blockSignals(True)
        self.light_combo.clear()
        for light in sort_lights(list(ex.images) if ex is not None else []):
            self.light_combo.addItem(self.texts.light(light), light)
        idx = self.light_combo.findData(current)
        self.light_combo.setCurrentIndex(max(idx, 0))
        self.light_combo.blockSignals(False)
        self._render_compare()

    def _note(self) -> None:
        if self._doc is not None and not self.side_combo.count():
            self.compare_note.setText(
                self.tr("No specimen was identified: there is nothing to compare with.")
            )
        else:
            self.compare_note.setText("")
        self.compare_note.setVisible(bool(self.compare_note.text()))

    def _render_compare(self) -> None:
        from ui.expert.imaging import to_qimage, zone_rect

        self._note()
        ex, light = self._exam(), self.light_combo.currentData()
        if ex is None or light is None:
            self.questioned.set_image(None)
            self.specimen.set_image(None)
            return
        rects: list[QRectF] = []
        page = ex.page
        if self._feature and page is not None:
            for f in page.features:
                if f.id == self._feature:
                    rects = [zone_rect(z, page.px_per_mm) for z in f.zones]
        for view, pics in ((self.questioned, ex.images), (self.specimen, ex.reference)):
            img = pics.get(light)
            view.set_image(outlined(to_qimage(img), rects) if img is not None else None)
