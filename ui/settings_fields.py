"""The editors of the settings dialog, one per kind of registry row.

Why every editor has the same two methods (``value()``/``set_value()``): the dialog is
generated from the registries (docexam.settings.REGISTRY, ui.preferences.REGISTRY); it asks
any editor for a value and hands it to the registry's ``check``, so the rules live in one
place and a new registry row gets a working editor without a new branch in the dialog.
Empty text means None ("use the built-in choice") for rows that allow it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from docexam.capture.sane import Scanner
from docexam.settings import Setting

SPIN_MAXIMUM = 100 * 366  # a century of days: no retention rule asks for more
FILE_KEYS = frozenset({"log_db"})
FOLDER_KEYS = frozenset({"specimen_library", "drop_folder"})


class TextEditor(QLineEdit):
    """Free text; empty is None when the row is nullable."""

    def __init__(self, row: Setting, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row = row

    def value(self) -> Any:
        text = self.text().strip()
        return None if self._row.nullable and not text else text

    def set_value(self, value: Any) -> None:
        self.setText("" if value is None else str(value))


class NumberEditor(QSpinBox):
    """A whole number from the row's minimum up; the registry checks it again."""

    def __init__(self, row: Setting, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(row.minimum if row.minimum is not None else 0, SPIN_MAXIMUM)
        self.setMinimumWidth(120)

    def value(self) -> Any:
        return super().value()

    def set_value(self, value: Any) -> None:
        self.setValue(int(value))


class ChoiceEditor(QComboBox):
    """One of the row's choices, each shown by a label in the UI language."""

    def __init__(self, choices: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for choice in choices:
            self.addItem(choice, choice)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMinimumWidth(200)

    def set_labels(self, labels: dict[str, str]) -> None:
        for index in range(self.count()):
            choice = self.itemData(index)
            self.setItemText(index, labels.get(choice, choice))

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        index = self.findData(value)
        if index >= 0:
            self.setCurrentIndex(index)


class PathEditor(QWidget):
    """A path typed or chosen with Browse…; ``folder`` picks a folder, else a file."""

    def __init__(self, row: Setting, *, folder: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row, self._folder = row, folder
        self.line = QLineEdit()
        self.line.setMinimumWidth(320)
        self.line.setClearButtonEnabled(row.nullable)
        self.browse = QPushButton()
        self.browse.clicked.connect(self._choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.browse)
        self.dialog_title = ""

    def value(self) -> Any:
        text = self.line.text().strip()
        return None if self._row.nullable and not text else text

    def set_value(self, value: Any) -> None:
        self.line.setText("" if value is None else str(value))

    def _choose(self) -> None:
        start = self.line.text().strip() or self.line.placeholderText()
        start = str(Path(start).expanduser()) if start else str(Path.home())
        if self._folder:
            chosen = QFileDialog.getExistingDirectory(self, self.dialog_title, start)
        else:
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.dialog_title,
                start,
                "",
                options=QFileDialog.Option.DontConfirmOverwrite,
            )
        if chosen:
            self.line.setText(chosen)


class ScannerEditor(QComboBox):
    """A SANE device: the first found (None), one of the listed scanners, or typed by hand."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumWidth(320)
        self.addItem("", None)  # the "first scanner found" entry; text set by the dialog

    def set_first_found_text(self, text: str) -> None:
        self.setItemText(0, text)
        if self.currentIndex() == 0:
            self.setEditText(text)

    def set_scanners(self, scanners: Sequence[Scanner]) -> None:
        """List ``scanners`` after the first entry, keeping what is chosen or typed."""
        keep = self.value()
        while self.count() > 1:
            self.removeItem(1)
        for scanner in scanners:
            label = f"{scanner.label} — {scanner.device}" if scanner.label else scanner.device
            self.addItem(label, scanner.device)
        self.set_value(keep)

    def devices(self) -> list[str]:
        return [self.itemData(i) for i in range(1, self.count())]

    def value(self) -> Any:
        index = self.findText(self.currentText())
        if index >= 0:
            return self.itemData(index)
        text = self.currentText().strip()
        return text or None

    def set_value(self, value: Any) -> None:
        if value is None:
            self.setCurrentIndex(0)
            return
        index = self.findData(value)
        if index < 0:
            self.addItem(str(value), value)
            index = self.count() - 1
        self.setCurrentIndex(index)


def make_editor(setting: Setting) -> Any:
    """The editor for a registry row, chosen by its key (devices, paths) or its type."""
    if setting.key == "scanner_device":
        return ScannerEditor()
    if setting.type is Path or setting.key in FOLDER_KEYS | FILE_KEYS:
        return PathEditor(setting, folder=setting.key not in FILE_KEYS)
    if setting.type is int:
        return NumberEditor(setting)
    if setting.choices:
        return ChoiceEditor(setting.choices)
    return TextEditor(setting)


def quiet(label: QLabel) -> QLabel:
    """A secondary line: smaller, in the palette's placeholder colour (dark themes too)."""
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    label.setPalette(palette)
    return label


class FieldRow:
    """One row of the form: label, editor, and under it its error, a note and the help.

    ``store`` says where the value goes: "settings" (the engine's file) or "prefs"
    (QSettings); ``initial`` is the value shown at opening (only changes are saved).
    """

    def __init__(self, store: str, setting: Setting, editor: Any, initial: Any) -> None:
        key = setting.key
        self.store, self.setting, self.editor, self.initial = store, setting, editor, initial
        editor.setObjectName(f"edit_{key}")
        editor.set_value(initial)
        self.label = QLabel(objectName=f"label_{key}")
        self.label.setBuddy(getattr(editor, "line", editor))
        self.help = quiet(QLabel(objectName=f"help_{key}", wordWrap=True))
        self.note = QLabel(objectName=f"note_{key}", wordWrap=True, visible=False)
        if key == "scanner_device":
            quiet(self.note)  # the scanner search's progress, not a warning
        else:
            self.note.setStyleSheet("color: #a15c00")
        self.error = QLabel(objectName=f"error_{key}", wordWrap=True, visible=False)
        self.error.setStyleSheet("color: #c62828")

    def widget(self, extra: QWidget | None = None) -> QWidget:
        """The field column: the editor (and ``extra`` beside it), then error, note, help."""
        field = QWidget()
        column = QVBoxLayout(field)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        line = QHBoxLayout()
        compact = isinstance(self.editor, NumberEditor | ChoiceEditor)
        line.addWidget(self.editor, 0 if compact else 1)
        if compact:
            line.addStretch(1)
        if extra is not None:
            line.addWidget(extra)
        column.addLayout(line)
        for label in (self.error, self.note, self.help):
            column.addWidget(label)
        return field
