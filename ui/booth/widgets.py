"""Small pieces of the booth's screen.

``ActionButton``: the booth is worked from the keyboard, and the officer learns the keys
from the buttons (``Admit  F5``), not from a manual. ``dropped_path``: what a drag onto the
booth carries (one local file or folder, nothing else).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton, QWidget


def dropped_path(mime: QMimeData) -> str | None:
    """The one local file or folder in a drag, else None (several files, web links)."""
    urls = mime.urls() if mime.hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = urls[0].toLocalFile()
    return path if os.path.exists(path) else None


class ActionButton(QPushButton):
    """A push button mirroring ``action``: its text with the shortcut, its tooltip, its
    enabled state and its menu. ``two_lines`` puts the key under the text (big buttons)."""

    def __init__(
        self, action: QAction, *, two_lines: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.bound_action = action
        self._two_lines = two_lines
        self.setObjectName(f"{action.objectName()}Button")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys do the work; no stray Space
        self.clicked.connect(action.trigger)
        action.changed.connect(self._sync)
        if action.menu() is not None:
            self.setMenu(action.menu())
            self.clicked.disconnect()  # a button with a menu opens the menu
        self._sync()

    @staticmethod
    def key_text(action: QAction) -> str:
        """The action's shortcut as the officer reads it ("F5", "Ctrl+O")."""
        return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)

    def keys(self) -> str:
        return self.key_text(self.bound_action)

    def _sync(self) -> None:
        text, keys = self.bound_action.text(), self.keys()
        if keys:
            text = f"{text}\n{keys}" if self._two_lines else f"{text}   {keys}"
        self.setText(text)
        tip = self.bound_action.toolTip() or self.bound_action.text()
        self.setToolTip(f"{tip} ({keys})" if keys and keys not in tip else tip)
        self.setEnabled(self.bound_action.isEnabled())
