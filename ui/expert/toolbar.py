"""The workspace's tool bar: light, comparison mode, tool, zoom, report.

Why one bar in the order of the work: first the lamp (only the lights this document was
captured under), then how to compare, then what the mouse does (move, measure, mark), the
loupe, the zoom, and last the report. Single-key shortcuts act only inside the workspace.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QStyle, QToolBar, QToolButton, QWidget

from ui.expert.modes import ModeBar
from ui.expert.texts import ExpertTexts
from ui.qtcompat import emit

_SHORTCUTS = {"pan": "H", "measure": "M", "rect": "R", "arrow": "A"}


class ExpertToolBar(QToolBar):
    """Light buttons, the :class:`ModeBar`, tools (exclusive), loupe, zoom, export."""

    light_chosen = Signal(str)
    tool_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("expertToolBar")
        self.setMovable(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.texts = ExpertTexts(self)
        self.lights_box = QWidget(objectName="lightButtons")
        self._lights_layout = QHBoxLayout(self.lights_box)
        self._lights_layout.setContentsMargins(0, 0, 0, 0)
        self._lights_layout.setSpacing(2)
        self.light_group = QButtonGroup(self, exclusive=True)
        self.light_buttons: dict[str, QToolButton] = {}
        self.addWidget(self.lights_box)
        self.addSeparator()
        self.mode_bar = ModeBar()
        self.addWidget(self.mode_bar)
        self.addSeparator()

        self.tool_group = QActionGroup(self, exclusive=True)
        self.tool_actions: dict[str, QAction] = {}
        for tool, key in _SHORTCUTS.items():
            action = QAction(self, objectName=f"tool_{tool}", checkable=True)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _=False, t=tool: emit(self.tool_chosen, t))
            self.tool_group.addAction(action)
            self.tool_actions[tool] = action
            self.addAction(action)
        self.tool_actions["pan"].setChecked(True)
        self.loupe_action = QAction(self, objectName="loupeAction", checkable=True)
        self.loupe_action.setShortcut(QKeySequence("L"))
        self.loupe_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.loupe_action)
        self.addSeparator()
        style = self.style()
        self.fit_action = QAction(self, objectName="fitAction")
        self.zoom_in_action = QAction(self, objectName="zoomInAction")
        self.zoom_out_action = QAction(self, objectName="zoomOutAction")
        self.addActions([self.fit_action, self.zoom_in_action, self.zoom_out_action])
        self.addSeparator()
        self.export_action = QAction(self, objectName="exportAction")
        self.export_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton))
        self.addAction(self.export_action)
        button = self.widgetForAction(self.export_action)
        if isinstance(button, QToolButton):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        names = {
            "pan": (self.tr("Move"), self.tr("Drag to move both pages; wheel to zoom (H)")),
            "measure": (
                self.tr("Measure"),
                self.tr("Drag a line to measure it in millimetres (M)"),
            ),
            "rect": (self.tr("Rectangle"), self.tr("Drag to mark an area with a note (R)")),
            "arrow": (self.tr("Arrow"), self.tr("Drag from the note to the detail (A)")),
        }
        for tool, (text, tip) in names.items():
            self.tool_actions[tool].setText(text)
            self.tool_actions[tool].setToolTip(tip)
        self.loupe_action.setText(self.tr("Loupe"))
        self.loupe_action.setToolTip(self.tr("A magnifier ×4 following the mouse (L)"))
        self.fit_action.setText(self.tr("Fit"))
        self.fit_action.setToolTip(self.tr("The whole page in view (0)"))
        self.zoom_in_action.setText("+")
        self.zoom_in_action.setToolTip(self.tr("Zoom in (+ or the mouse wheel)"))
        self.zoom_out_action.setText("−")
        self.zoom_out_action.setToolTip(self.tr("Zoom out (−)"))
        self.export_action.setText(self.tr("Export PDF…"))
        self.export_action.setToolTip(
            self.tr("Save a report with the verdict, the checks and the annotated pages")
        )
        for light, button in self.light_buttons.items():
            button.setText(self.texts.light_short(light))
            button.setToolTip(self.texts.light(light))

    def set_lights(self, lights: list[str], current: str) -> None:
        """One button per light of the side on screen, ``current`` pressed."""
        for button in self.light_buttons.values():
            self.light_group.removeButton(button)
            self._lights_layout.removeWidget(button)
            button.hide()  # its shortcut must not clash with the new button's
            button.deleteLater()
        self.light_buttons = {}
        for i, light in enumerate(lights):
            button = QToolButton(objectName=f"light_{light}", checkable=True, autoRaise=True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            if i < 9:
                button.setShortcut(QKeySequence(str(i + 1)))
            button.clicked.connect(lambda _=False, lt=light: emit(self.light_chosen, lt))
            self.light_group.addButton(button)
            self._lights_layout.addWidget(button)
            self.light_buttons[light] = button
        self.check_light(current)
        self.retranslate_ui()

    def check_light(self, light: str) -> None:
        if light in self.light_buttons:
            self.light_buttons[light].setChecked(True)

    def set_tool(self, tool: str) -> None:
        self.tool_actions[tool].setChecked(True)
