"""The booth's keyboard: every command is an action with its key, shown on its button.

Why these keys: F5 admit, F6 refuse, F7 refer (one finger, no modifier, side by side), F8
open in the expert view, F9 capture (scan or keep the camera frame), Esc the next
traveller, Ctrl+O / Ctrl+Shift+O a file or a folder. Ctrl+1..5 are left to the main window
(switching workspaces). The actions live on the workspace with ``WindowShortcut``
context: they work wherever the focus is in the window, and only while the booth is the
visible workspace (a hidden tab's shortcuts do not fire), so another workspace may use the
same keys.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from ui.booth.sample import SAMPLE_FORGERIES

#: decision -> its key.
DECISION_KEYS = {"admitted": "F5", "refused": "F6", "referred": "F7"}


class BoothActions(QObject):
    """The actions; ``connect`` wires them to the workspace's methods."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)
        self._owner = owner
        self.open_file = self._make("openFileAction", "Ctrl+O")
        self.open_folder = self._make("openFolderAction", "Ctrl+Shift+O")
        self.sample = self._make("sampleAction", None)
        self.sample_menu = QMenu(owner)
        self.samples: dict[str | None, QAction] = {}
        for forged in (None, *SAMPLE_FORGERIES):
            self.samples[forged] = self.sample_menu.addAction("")
        self.sample.setMenu(self.sample_menu)
        self.capture = self._make("captureAction", "F9")
        self.decisions = {d: self._make(f"{d}Action", k) for d, k in DECISION_KEYS.items()}
        self.expert = self._make("expertAction", "F8")
        self.clear = self._make("clearAction", "Esc")

    def _make(self, name: str, keys: str | None) -> QAction:
        action = QAction(self._owner, objectName=name)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self._owner.addAction(action)
        return action

    @staticmethod
    def connect(action: QAction, slot: Callable[[], object]) -> None:
        action.triggered.connect(lambda _=False: slot())

    def retranslate(self) -> None:
        """Set every action's text (the buttons add the key)."""
        self.open_file.setText(self.tr("Open file…"))
        self.open_folder.setText(self.tr("Open folder…"))
        self.sample.setText(self.tr("Sample document"))
        self.sample.setToolTip(self.tr("Generate a fictional passport under three lights"))
        names = {None: self.tr("Genuine sample"),
                 "photo_substitution": self.tr("Forged: photo substituted"),
                 "mrz_altered": self.tr("Forged: MRZ altered"),
                 "counterfeit_reprint": self.tr("Forged: counterfeit reprint"),
                 "uv_print_missing": self.tr("Forged: UV print missing")}  # fmt: skip
        for forged, action in self.samples.items():
            action.setText(names.get(forged, forged or ""))
        self.capture.setText(self.tr("Capture"))
        self.capture.setToolTip(self.tr("Scan, or keep the camera's current picture"))
        self.decisions["admitted"].setText(self.tr("Admit"))
        self.decisions["refused"].setText(self.tr("Refuse"))
        self.decisions["referred"].setText(self.tr("Refer"))
        self.decisions["referred"].setToolTip(self.tr("Refer to the examination service"))
        self.expert.setText(self.tr("Open in expert view"))
        self.clear.setText(self.tr("Next traveller"))
        self.clear.setToolTip(self.tr("Clear for the next traveller (not recorded)"))
