"""The trainee's side panel: examine, the verdict (only when allowed), the answer, features.

Why the machine's verdict lives behind a switch: a drill with automatic verdicts hidden
trains the eye, so in that case this panel never receives the verdict or the reasons (they
are not even put into a hidden widget); the trainee gets the comparison pictures and the
specimen's list of features to judge. The answer is three buttons with keys 1/2/3 (no
modifier, like the booth's F5-F7, but not the same keys: the booth's decisions stay its
own) and a checklist of the features judged faulty.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.booth.verdict_panel import VerdictPanel
from ui.qtcompat import emit

ID_ROLE = Qt.ItemDataRole.UserRole
#: A neutral highlight for the chosen answer (not the verdict colours: no hint of right/wrong).
CHECKED_STYLE = "QPushButton:checked { background: #1f4e79; color: white; font-weight: bold; }"
VERDICT_KEYS = {"consistent": "1", "suspect": "2", "inconclusive": "3"}


class AnswerBox(QWidget):
    """Emits ``verdict_chosen(verdict)``, ``features_changed()`` and
    ``feature_selected(feature id or "")`` (to outline its zones)."""

    verdict_chosen = Signal(str)
    features_changed = Signal()
    feature_selected = Signal(str)
    examine_requested = Signal()
    expert_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingAnswerBox")
        self.allow_verdict = False
        self._filling = False
        self.examine_button = QPushButton(clicked=lambda: emit(self.examine_requested))
        self.expert_button = QPushButton(clicked=lambda: emit(self.expert_requested))
        self.status_label = QLabel(wordWrap=True, objectName="trainingExamStatus")
        self.verdict_panel = VerdictPanel()
        self.verdict_panel.setVisible(False)

        self.answer_box = QGroupBox()
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for verdict in VERDICT_KEYS:
            b = QPushButton(checkable=True, objectName=f"trainingVerdict_{verdict}")
            b.setMinimumHeight(40)
            b.setStyleSheet(CHECKED_STYLE)
            b.clicked.connect(lambda _=False, v=verdict: self._choose(v))
            self.group.addButton(b)
            self.buttons[verdict] = b
            row.addWidget(b)
        alay = QVBoxLayout(self.answer_box)
        alay.addLayout(row)

        self.features_box = QGroupBox()
        self.features = QListWidget(objectName="trainingFeatures")
        self.features.itemChanged.connect(self._on_item_changed)
        self.features.currentItemChanged.connect(self._on_current)
        self.features_note = QLabel(wordWrap=True)
        flay = QVBoxLayout(self.features_box)
        flay.addWidget(self.features_note)
        flay.addWidget(self.features, 1)

        top = QHBoxLayout()
        top.addWidget(self.examine_button)
        top.addWidget(self.expert_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.status_label)
        layout.addWidget(self.verdict_panel)
        layout.addWidget(self.answer_box)
        layout.addWidget(self.features_box, 1)

        self.shortcuts = []
        for verdict, key in VERDICT_KEYS.items():
            sc = QShortcut(QKeySequence(key), self, context=Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(lambda v=verdict: self._key(v))
            self.shortcuts.append(sc)
        self._feature_names: dict[str, str] = {}
        self._examined = False
        self.retranslate_ui()

    # -- texts -------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.examine_button.setText(self.tr("Examine"))
        self.examine_button.setToolTip(self.tr("Run the examination engine on this case"))
        self.expert_button.setText(self.tr("Open in expert tools"))
        self.answer_box.setTitle(self.tr("Your verdict"))
        self.features_box.setTitle(self.tr("Features you judge faulty"))
        words = {
            "consistent": self.tr("Consistent"),
            "suspect": self.tr("Suspect"),
            "inconclusive": self.tr("Inconclusive"),
        }
        for verdict, b in self.buttons.items():
            b.setText(f"{words[verdict]}   [{VERDICT_KEYS[verdict]}]")
        self._render_note()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- state -------------------------------------------------------------------------------

    def reset(self, *, allow_verdict: bool) -> None:
        """A new case: no examination yet, no answer."""
        self.allow_verdict = allow_verdict
        self._examined = False
        self.expert_button.setVisible(allow_verdict)
        self.expert_button.setEnabled(False)
        self.examine_button.setEnabled(True)
        self.verdict_panel.clear()
        self.verdict_panel.setVisible(False)
        self.status_label.setText("")
        self.set_verdict(None)
        self.set_features({}, ())

    def set_busy(self) -> None:
        self.examine_button.setEnabled(False)
        self.status_label.setText(self.tr("Examining…"))

    def set_failed(self) -> None:
        self.examine_button.setEnabled(True)
        self.status_label.setText("")

    def show_examination(self, doc: object) -> None:
        """After "Examine": the verdict and reasons only when the session allows them."""
        self._examined = True
        self.examine_button.setEnabled(True)
        if self.allow_verdict:
            self.verdict_panel.setVisible(True)
            self.verdict_panel.show_document(doc)  # type: ignore[arg-type]
            self.expert_button.setEnabled(True)
            self.status_label.setText("")
        else:
            self.status_label.setText(
                self.tr(
                    "Automatic verdicts are hidden in this session: compare the pages with the "
                    "specimen and judge for yourself."
                )
            )

    def set_verdict(self, verdict: str | None) -> None:
        self.group.setExclusive(False)
        for v, b in self.buttons.items():
            b.setChecked(v == verdict)
        self.group.setExclusive(True)

    def verdict(self) -> str | None:
        return next((v for v, b in self.buttons.items() if b.isChecked()), None)

    def set_features(self, names: dict[str, str], ticked: tuple[str, ...] | list[str]) -> None:
        """The checklist: ``names`` (id -> name in the UI language), ``ticked`` ids checked."""
        self._filling = True
        self._feature_names = dict(names)
        self.features.clear()
        for fid, name in names.items():
            item = QListWidgetItem(name)
            item.setData(ID_ROLE, fid)
            item.setToolTip(fid)
            item.setCheckState(Qt.CheckState.Checked if fid in ticked else Qt.CheckState.Unchecked)
            self.features.addItem(item)
        self._filling = False
        self._render_note()

    def ticked(self) -> list[str]:
        items = [self.features.item(i) for i in range(self.features.count())]
        return [i.data(ID_ROLE) for i in items if i.checkState() == Qt.CheckState.Checked]

    def tick(self, feature_id: str, on: bool = True) -> None:
        for i in range(self.features.count()):
            item = self.features.item(i)
            if item.data(ID_ROLE) == feature_id:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def set_answerable(self, on: bool) -> None:
        for b in self.buttons.values():
            b.setEnabled(on)
        self.features.setEnabled(on)
        for sc in self.shortcuts:
            sc.setEnabled(on)

    def _render_note(self) -> None:
        if self.features.count():
            text = ""
        elif self._examined:
            text = self.tr(
                "No specimen was identified, so there is no list of features: tell "
                "your trainer what you saw."
            )
        else:
            text = self.tr("Press Examine to list the specimen's features.")
        self.features_note.setText(text)
        self.features_note.setVisible(bool(text))

    # -- input -------------------------------------------------------------------------------

    def _key(self, verdict: str) -> None:
        if self.isVisible() and self.buttons[verdict].isEnabled():
            self._choose(verdict)

    def _choose(self, verdict: str) -> None:
        self.set_verdict(verdict)
        emit(self.verdict_chosen, verdict)

    def _on_item_changed(self, _item: QListWidgetItem) -> None:
        if not self._filling:
            emit(self.features_changed)

    def _on_current(self, item: QListWidgetItem | None) -> None:
        emit(self.feature_selected, item.data(ID_ROLE) if item is not None else "")
