"""The line under the panes: where the mouse is on the page, the zoom, the last
measurement, what became of the report.

Why it keeps numbers rather than sentences: a language switch rewrites the line from the
same values, so nothing stays in the previous language.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget


class StatusLine(QLabel):
    """Set values with the ``set_*`` methods; :meth:`reset` empties the line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("expertStatus")
        self._values: dict[str, tuple] = {}

    def reset(self) -> None:
        self._values.clear()
        self.clear()

    def set_position(self, x_mm: float, y_mm: float) -> None:
        self._set("position", x_mm, y_mm)

    def set_zoom(self, scale: float) -> None:
        self._set("zoom", scale)

    def set_measure(self, mm: float) -> None:
        self._set("measure", mm)

    def set_report(self, state: str, name: str = "") -> None:
        """``state``: "writing", "saved" (with the file's name) or "failed"."""
        self._set("report", state, name)

    def _set(self, key: str, *values: object) -> None:
        self._values[key] = values
        self._render()

    def _render(self) -> None:
        v = self._values
        parts = []
        if "position" in v:
            x, y = v["position"]
            parts.append(
                self.tr("x %1 mm, y %2 mm").replace("%1", f"{x:.1f}").replace("%2", f"{y:.1f}")
            )
        if "zoom" in v:
            parts.append(self.tr("Zoom %1 %").replace("%1", str(round(v["zoom"][0] * 100))))
        if "measure" in v:
            parts.append(self.tr("Distance: %1 mm").replace("%1", f"{v['measure'][0]:.2f}"))
        if "report" in v:
            state, name = v["report"]
            parts.append(
                {
                    "writing": self.tr("Writing the report…"),
                    "saved": self.tr("Report saved: %1").replace("%1", name),
                    "failed": self.tr("The report could not be written."),
                }.get(state, "")
            )
        self.setText("     ".join(p for p in parts if p))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)
