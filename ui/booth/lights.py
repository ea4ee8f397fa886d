"""The capture set as it fills: one slot per light (white, UV, IR), each with its state.

Why slots that fill one by one: a reader delivers its lights in turn and a file set loads
in turn; the officer sees at once which light came, which is missing and which capture is
poor (a failed quality gate says what to do: "glare on the document: tilt it slightly"),
before the verdict arrives. The gate instructions come from the engine in English and
Russian (``docexam.capture.gates``) and are shown in the UI's language.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ui.booth.jobs import LIGHTS, LightShot
from ui.image_view import ImageView
from ui.language import ui_language

STATES = ("waiting", "loading", "ok", "warning", "missing", "set_aside")
_COLOURS = {"waiting": "#6b7280", "loading": "#1d4ed8", "ok": "#1b7f3b", "warning": "#a15c00",
            "missing": "#6b7280", "set_aside": "#c62828"}  # fmt: skip
THUMB_MIN = QSize(120, 84)
THUMB_HEIGHT = 132


class _Thumb(ImageView):
    """A thumbnail: the large view's painting (scaled to fit) at a thumbnail's size."""

    def sizeHint(self) -> QSize:
        return QSize(200, THUMB_HEIGHT)


class LightSlot(QFrame):
    """One light: its name, a thumbnail, a state line and the quality-gate instructions."""

    def __init__(self, light: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.light = light
        self.setObjectName(f"slot_{light}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.state = "waiting"
        self._shot: LightShot | None = None
        self.title = QLabel(objectName="slotTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.thumb = _Thumb()  # scales with the column: the booth fits narrow screens
        self.thumb.setObjectName("slotThumb")
        self.thumb.setMinimumSize(THUMB_MIN)
        self.thumb.setFixedHeight(THUMB_HEIGHT)
        self.thumb.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.state_label = QLabel(objectName="slotState")
        self.gate_label = QLabel(objectName="slotGates", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        for w in (self.title, self.thumb, self.state_label, self.gate_label):
            layout.addWidget(w)
        layout.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every text; called at start and on ``LanguageChange``."""
        names = {"white": self.tr("White light"), "uv365": self.tr("UV 365 nm"),
                 "ir870": self.tr("IR 870 nm")}  # fmt: skip
        self.title.setText(names.get(self.light, self.light))
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def reset(self, state: str = "waiting") -> None:
        self._shot = None
        self.state = state
        self.thumb.set_image(None)
        self._render()

    def show_shot(self, shot: LightShot) -> None:
        self._shot = shot
        if shot.problem is not None:
            self.state = "set_aside"
        elif shot.gate is not None and not shot.gate.passed:
            self.state = "warning"
        else:
            self.state = "ok"
        if isinstance(shot.thumb, QImage) and not shot.thumb.isNull():
            self.thumb.set_image(shot.thumb)
        self._render()

    def gate_messages(self) -> list[str]:
        """The failed gates' instructions in the UI language (what the officer should do)."""
        shot = self._shot
        if shot is None or shot.gate is None:
            return []
        ru = ui_language() == "ru"
        return [(r.instruction_ru if ru else r.instruction_en) for r in shot.gate.failed]

    def problem_text(self, code: str) -> str:
        """Why a light was set aside (the examination ran without it)."""
        words = {
            "LIGHT_SIZE_MISMATCH": self.tr("Not the size of the white image: not used."),
            "LIGHT_MISSING": self.tr("The file never became a whole image: not used."),
        }
        return words.get(code, self.tr("Not used: %1").replace("%1", code))

    def _render(self) -> None:
        words = {"waiting": self.tr("waiting"), "loading": self.tr("loading…"),
                 "ok": "✓ " + self.tr("captured"), "warning": "⚠ " + self.tr("check the capture"),
                 "missing": "— " + self.tr("not captured"),
                 "set_aside": "✗ " + self.tr("set aside")}  # fmt: skip
        colour = _COLOURS[self.state]
        self.state_label.setText(words[self.state])
        self.state_label.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.setStyleSheet(f"#{self.objectName()} {{ border: 2px solid "
                           f"{colour if self.state != 'waiting' else '#d0d5dd'}; "
                           "border-radius: 6px; }")  # fmt: skip
        if self.state in ("waiting", "missing", "loading"):
            self.thumb.set_placeholder(self.tr("no image") if self.state != "loading" else "…")
        lines = self.gate_messages()
        if self._shot is not None and self._shot.problem is not None:
            lines.append(self.problem_text(self._shot.problem[0]))
        self.gate_label.setText("\n".join(f"• {s}" for s in lines))
        self.gate_label.setVisible(bool(lines))


class LightStrip(QWidget):
    """The slots of the capture sets being examined: one row of white/UV/IR per set (a
    card's front and back are two rows, each named by its set)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lightStrip")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        #: set name -> (row, its name label, its slots); None: the first row, not yet named.
        self._rows: dict[str | None, tuple[QWidget, QLabel, dict[str, LightSlot]]] = {}
        self.slots = self._add_row(None)  # the first set's slots

    def _add_row(self, name: str | None) -> dict[str, LightSlot]:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        label = QLabel(name or "", objectName="setName")
        label.setVisible(False)
        line.addWidget(label)
        slots = {light: LightSlot(light) for light in LIGHTS}
        for slot in slots.values():
            line.addWidget(slot, 1)
        self._layout.addWidget(row)
        self._rows[name] = (row, label, slots)
        return slots

    def reset(self, *, loading: bool = False) -> None:
        """Empty slots (one row again); ``loading``: a capture set is on its way."""
        first = next(iter(self._rows.values()))
        for row, _label, _slots in list(self._rows.values())[1:]:
            self._layout.removeWidget(row)
            row.deleteLater()
        self._rows = {None: first}
        first[1].setVisible(False)
        for slot in self.slots.values():
            slot.reset("loading" if loading else "waiting")

    def show_shot(self, shot: LightShot) -> None:
        """Fill a light's slot; the first set announced takes the first row."""
        if None in self._rows:
            row = self._rows.pop(None)
            row[1].setText(shot.set_name)
            self._rows[shot.set_name] = row
        if shot.set_name in self._rows:
            slots = self._rows[shot.set_name][2]
        else:
            slots = self._add_row(shot.set_name)
            for _row, label, _slots in self._rows.values():
                label.setVisible(True)
        slot = slots.get(shot.light)
        if slot is not None:
            slot.show_shot(shot)

    def finish(self) -> None:
        """The sets are complete: lights that never came are "not captured"."""
        for _row, _label, slots in self._rows.values():
            for slot in slots.values():
                if slot.state in ("waiting", "loading"):
                    slot.reset("missing")

    def states(self, set_name: str | None = None) -> dict[str, str]:
        """light -> state, of the first set's row or of ``set_name``'s."""
        slots = self.slots if set_name is None else self._rows[set_name][2]
        return {light: slot.state for light, slot in slots.items()}
