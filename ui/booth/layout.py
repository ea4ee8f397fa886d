"""The booth's widgets and where they sit (kept apart from the workspace's behaviour).

Why this arrangement, read left to right as the officer works: the capture (large white
image or live camera, the light slots beneath), then the verdict band with the decision
right under it (the buttons show their keys: F5 admit, F6 refuse, F7 refer), the MRZ data
below, scrollable; today's cases on the right edge. The source bar spans the top, the
busy bar and one status line the bottom.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QProgressBar,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui.booth.lights import LightStrip
from ui.booth.sources import SourceBar
from ui.booth.today_list import TodayList
from ui.booth.verdict_panel import VerdictPanel
from ui.booth.widgets import ActionButton
from ui.image_view import ImageView
from ui.mrz_panel import MrzPanel

if TYPE_CHECKING:
    from ui.booth.workspace import BoothWorkspace

_DECISION_STYLE = {
    "admitted": "#1b7f3b",
    "refused": "#c62828",
    "referred": "#b26a00",
}


def _decision_button(action: QAction, colour: str) -> ActionButton:
    b = ActionButton(action, two_lines=True)
    b.setMinimumHeight(64)
    font = b.font()
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    b.setFont(font)
    b.setStyleSheet(
        f"QPushButton {{ background: {colour}; color: white; border-radius: 6px; "
        f"padding: 6px 14px; }} QPushButton:disabled {{ background: #d1d5db; color: #6b7280; }}"
        f" QPushButton:hover:enabled {{ border: 2px solid #111827; }}"
    )
    return b


def _wire(ws: BoothWorkspace) -> None:
    """The actions and the source bar's signals to the workspace's methods."""
    a = ws.commands
    for action, slot in ((a.capture, ws.capture), (a.expert, ws.open_current_in_expert),
                         (a.clear, ws.clear), (a.open_file, ws.sources.open_file_dialog),
                         (a.open_folder, ws.sources.open_folder_dialog)):  # fmt: skip
        a.connect(action, slot)
    for forged, action in a.samples.items():
        a.connect(action, functools.partial(ws.open_sample, forged=forged))
    for decision, action in a.decisions.items():
        a.connect(action, functools.partial(ws.decide, decision))
    ws.sources.capture_ready.connect(ws._captured)
    ws.sources.path_chosen.connect(ws.open_path)
    ws.sources.live_image.connect(ws._live_image)
    ws.sources.scanning.connect(lambda _on: ws._sync())


def build_layout(ws: BoothWorkspace) -> None:
    """Create the booth's widgets as attributes of ``ws``, lay them out, wire them."""
    acts = ws.commands
    ws.sources = SourceBar(ws.ctx, [acts.open_file, acts.open_folder, acts.sample], acts.capture)
    ws.image_view = ImageView()
    ws.image_view.setMinimumSize(360, 260)
    ws.lights = LightStrip()
    left = QWidget()
    lv = QVBoxLayout(left)
    lv.setContentsMargins(0, 0, 0, 0)
    lv.addWidget(ws.image_view, 1)
    lv.addWidget(ws.lights)

    ws.verdict = VerdictPanel()
    ws.decision_title = QLabel(objectName="decisionTitle")
    font = ws.decision_title.font()
    font.setBold(True)
    ws.decision_title.setFont(font)
    ws.note_edit = QLineEdit(objectName="noteEdit", clearButtonEnabled=True)
    ws.note_edit.setAcceptDrops(False)  # a file dropped there opens it (the workspace)
    ws.decision_buttons = {
        d: _decision_button(a, _DECISION_STYLE[d]) for d, a in acts.decisions.items()
    }
    ws.expert_button = ActionButton(acts.expert)
    ws.clear_button = ActionButton(acts.clear)
    decision = QFrame(objectName="decisionBox")
    decision.setFrameShape(QFrame.Shape.StyledPanel)
    grid = QGridLayout(decision)
    grid.addWidget(ws.decision_title, 0, 0, 1, 3)
    for i, b in enumerate(ws.decision_buttons.values()):
        grid.addWidget(b, 1, i)
    grid.addWidget(ws.note_edit, 2, 0, 1, 3)
    row = QHBoxLayout()
    row.addWidget(ws.expert_button)
    row.addStretch(1)
    row.addWidget(ws.clear_button)
    grid.addLayout(row, 3, 0, 1, 3)

    ws.mrz_panel = MrzPanel()
    # Word-wrapped labels make the panel's minimum height depend on its width; without the
    # constraint the scroll area squeezes the form's fields instead of scrolling.
    ws.mrz_panel.layout().setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
    scroll = QScrollArea(objectName="boothMrzScroll", widgetResizable=True)
    scroll.setWidget(ws.mrz_panel)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    middle = QWidget()
    mv = QVBoxLayout(middle)
    mv.setContentsMargins(0, 0, 0, 0)
    mv.addWidget(ws.verdict)
    mv.addWidget(decision)
    mv.addWidget(scroll, 1)
    middle.setMinimumWidth(ws.mrz_panel.minimumSizeHint().width() + 24)

    ws.today = TodayList(ws.ctx)
    splitter = QSplitter(Qt.Orientation.Horizontal, objectName="boothSplitter")
    for w, stretch in ((left, 5), (middle, 4), (ws.today, 2)):
        splitter.addWidget(w)
        splitter.setStretchFactor(splitter.count() - 1, stretch)
    splitter.setChildrenCollapsible(False)

    ws.busy_bar = QProgressBar(objectName="boothBusy", maximumWidth=200, textVisible=False)
    ws.busy_bar.setRange(0, 0)  # busy mode: motion, no percentage
    ws.status_label = QLabel(objectName="boothStatus")
    ws.waiting_label = QLabel(objectName="waitingLabel")
    ws.waiting_label.setStyleSheet("color: #b26a00; font-weight: bold;")
    bottom = QHBoxLayout()
    bottom.addWidget(ws.busy_bar)
    bottom.addWidget(ws.status_label, 1)
    bottom.addWidget(ws.waiting_label)

    outer = QVBoxLayout(ws)
    outer.setContentsMargins(8, 8, 8, 6)
    outer.addWidget(ws.sources)
    outer.addWidget(splitter, 1)
    outer.addLayout(bottom)
    _wire(ws)
