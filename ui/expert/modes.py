"""The four ways to compare: side by side, overlay, blink, difference; and their controls.

Why these four: side by side is how an examiner reads both documents; an overlay with a
slider shows shifted or missing print as ghosting; blinking makes the eye catch what moves
or changes between the two (the oldest trick of comparison microscopes); the difference map
points at where to look. Each mode is only a choice of what the left pane's layers show
(:func:`layout_for`) and whether the right pane is visible.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QStyle,
    QToolButton,
    QWidget,
)

from ui.qtcompat import emit

MODES = ("side_by_side", "overlay", "blink", "difference")
DEFAULT_OPACITY = 50  # percent of the questioned page over the specimen
DEFAULT_BLINK_MS = 500


@dataclass(frozen=True)
class Layout:
    """What the panes show: layer sources are "questioned", "specimen" or "difference"."""

    left_base: str
    left_top: str | None
    two_panes: bool


def layout_for(mode: str) -> Layout:
    """The layers of ``mode`` (the right pane, when shown, always holds the specimen)."""
    if mode == "side_by_side":
        return Layout("questioned", None, True)
    if mode == "overlay":
        return Layout("specimen", "questioned", False)
    if mode == "blink":
        return Layout("questioned", "specimen", False)
    if mode == "difference":
        return Layout("difference", None, False)
    raise ValueError(f"mode must be one of {MODES}, got {mode!r}")


class ModeBar(QWidget):
    """Segmented mode buttons, and the options of the mode in use (opacity, blink rate)."""

    mode_changed = Signal(str)
    opacity_changed = Signal(float)  # 0..1
    blink_toggled = Signal(bool)
    blink_interval_changed = Signal(int)  # ms

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modeBar")
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.mode = "side_by_side"
        self.group = QButtonGroup(self, exclusive=True)
        self.buttons: dict[str, QToolButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for mode in MODES:
            button = QToolButton(objectName=f"mode_{mode}", checkable=True, autoRaise=True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.clicked.connect(lambda _=False, m=mode: self.set_mode(m))
            self.group.addButton(button)
            self.buttons[mode] = button
            layout.addWidget(button)
        self.buttons[self.mode].setChecked(True)
        layout.addSpacing(10)
        self.opacity_label = QLabel(objectName="opacityLabel")
        self.opacity_slider = QSlider(Qt.Orientation.Horizontal, objectName="opacitySlider")
        self.opacity_slider.setRange(0, 100)
        self.opacity_slider.setValue(DEFAULT_OPACITY)
        self.opacity_slider.setFixedWidth(140)
        self.opacity_slider.valueChanged.connect(self._on_opacity)
        self.opacity_value = QLabel(objectName="opacityValue")
        self.opacity_value.setMinimumWidth(36)
        self.blink_running = True
        self.blink_button = QToolButton(objectName="blinkToggle", autoRaise=True)
        self.blink_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.blink_button.clicked.connect(self.toggle_blink)
        self.blink_label = QLabel(objectName="blinkRateLabel")
        self.blink_spin = QSpinBox(objectName="blinkInterval")
        self.blink_spin.setRange(100, 3000)
        self.blink_spin.setSingleStep(50)
        self.blink_spin.setValue(DEFAULT_BLINK_MS)
        self.blink_spin.valueChanged.connect(lambda v: emit(self.blink_interval_changed, v))
        self._options = {
            "overlay": (self.opacity_label, self.opacity_slider, self.opacity_value),
            "blink": (self.blink_button, self.blink_label, self.blink_spin),
        }
        for widgets in self._options.values():
            for w in widgets:
                layout.addWidget(w)
        self._show_options()
        self.retranslate_ui()

    @property
    def opacity(self) -> float:
        return self.opacity_slider.value() / 100

    def retranslate_ui(self) -> None:
        names = {
            "side_by_side": (self.tr("Side by side"),
                             self.tr("The questioned document and the specimen side by side")),
            "overlay": (self.tr("Overlay"),
                        self.tr("The questioned document over the specimen, see-through")),
            "blink": (self.tr("Blink"),
                      self.tr("Alternate the questioned document and the specimen")),
            "difference": (self.tr("Difference"),
                           self.tr("A heat map of where the document differs from the specimen")),
        }  # fmt: skip
        for mode, (text, tip) in names.items():
            self.buttons[mode].setText(text)
            self.buttons[mode].setToolTip(tip)
        self.opacity_label.setText(self.tr("Questioned:"))
        self.opacity_slider.setToolTip(self.tr("Opacity of the questioned document"))
        self.opacity_value.setText(f"{self.opacity_slider.value()} %")
        running = self.blink_running
        self.blink_button.setText(self.tr("Pause") if running else self.tr("Resume"))
        icon = (
            QStyle.StandardPixmap.SP_MediaPause if running else QStyle.StandardPixmap.SP_MediaPlay
        )
        self.blink_button.setIcon(self.style().standardIcon(icon))
        self.blink_label.setText(self.tr("every"))
        self.blink_spin.setSuffix(self.tr(" ms"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def toggle_blink(self) -> None:
        """Pause the blinking on the document shown, or resume it."""
        self.blink_running = not self.blink_running
        self.retranslate_ui()
        emit(self.blink_toggled, self.blink_running)

    def set_mode(self, mode: str) -> None:
        """Switch to ``mode`` (as if its button were clicked)."""
        layout_for(mode)  # validates
        self.buttons[mode].setChecked(True)
        if mode != self.mode:
            self.mode = mode
            self._show_options()
            emit(self.mode_changed, mode)

    def _show_options(self) -> None:
        for mode, widgets in self._options.items():
            for w in widgets:
                w.setVisible(mode == self.mode)

    def _on_opacity(self, value: int) -> None:
        self.opacity_value.setText(f"{value} %")
        emit(self.opacity_changed, value / 100)
