"""Settings: the engine's (shared with the CLI) and the desktop's own, in one dialog.

Why the form is generated from the two registries (docexam.settings.REGISTRY and
ui.preferences.REGISTRY): each row already has its type, default, check and help in both
languages; the dialog only picks an editor per type and asks the registry whether a value
is allowed, so the dialog, the CLI's ``docexam settings set`` and the files can never
disagree about what is valid. Nothing is written until every field passes: a refused
value is named beside its field and the dialog stays open.

The engine's settings are written to the same file the CLI reads (``settings_path()``),
and only what the officer changed is merged into that file: a value that came from an
environment variable must not be frozen into the file by an unrelated edit.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from docexam import settings as engine
from docexam.capture.sane import Scanner, list_scanners
from docexam.errors import DocexamError
from docexam.examlog.paths import default_db_path
from docexam.specimens.library import default_library_root
from ui import preferences
from ui.background import run_in_background
from ui.context import AppContext
from ui.language import SUPPORTED_LANGUAGES, LanguageManager
from ui.settings_fields import ChoiceEditor, FieldRow, PathEditor, make_editor, quiet

ScannerLister = Callable[[], list[Scanner]]
HIDDEN_PREFERENCES = frozenset({"geometry", "workspace"})  # kept by the window itself


def _list_scanners() -> list[Scanner]:
    return list_scanners(timeout=8.0)


class SettingsDialog(QDialog):
    """Edit every setting and preference; OK validates, saves and applies; Cancel does not."""

    def __init__(
        self,
        ctx: AppContext,
        languages: LanguageManager,
        parent: QWidget | None = None,
        *,
        scanner_lister: ScannerLister = _list_scanners,
        settings_file: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self._ctx, self._languages, self._lister = ctx, languages, scanner_lister
        self.settings_file = engine.settings_path(settings_file)
        self._rows: dict[str, FieldRow] = {}
        self._scan_state: tuple[str, str] = ("idle", "")
        self.refresh_button = QToolButton(objectName="refreshScanners")
        self.refresh_button.clicked.connect(self.refresh_scanners)
        self.tabs = QTabWidget(objectName="settingsTabs")
        self.tabs.addTab(self._page("settings", engine.REGISTRY), "")
        prefs = [r for r in preferences.REGISTRY if r.key not in HIDDEN_PREFERENCES]
        self.tabs.addTab(self._page("prefs", prefs), "")
        self.message = QLabel(objectName="settingsMessage", wordWrap=True, visible=False)
        self.message.setStyleSheet("color: #c62828; font-weight: 600")
        self.stores = QLabel(objectName="storesLabel", wordWrap=True)
        self.stores.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        quiet(self.stores)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.stores)
        layout.addWidget(self.buttons)
        self.setMinimumSize(640, 420)
        self.resize(720, 600)
        self.retranslate_ui()
        self.refresh_scanners()

    # -- building --------------------------------------------------------------------------

    def _page(self, store: str, rows: Any) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)  # spare height below the rows, never between editor and help
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setVerticalSpacing(10)
        for setting in rows:
            if setting.key == "language":
                editor: Any = ChoiceEditor(setting.choices)
                editor.set_labels(dict(SUPPORTED_LANGUAGES))  # names in their own language
                initial: Any = self._languages.current  # what the UI speaks now
            else:
                editor = make_editor(setting)
                if store == "settings":
                    initial = getattr(self._ctx.settings, setting.key)
                else:
                    initial = self._ctx.prefs.get(setting.key)
            row = FieldRow(store, setting, editor, initial)
            self._rows[setting.key] = row
            extra = self.refresh_button if setting.key == "scanner_device" else None
            form.addRow(row.label, row.widget(extra))
        # A scroll area sizes the page by height-for-width: wrapped help lines never overlap.
        scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(page)
        return scroll

    # -- texts -----------------------------------------------------------------------------

    def _label_text(self, key: str) -> str:
        labels = {
            "officer_id": self.tr("Officer ID:"),
            "station_id": self.tr("Station ID:"),
            "log_db": self.tr("Examination log:"),
            "retention_days": self.tr("Keep examinations (days):"),
            "language": self.tr("Language:"),
            "specimen_library": self.tr("Specimen library:"),
            "capture_source": self.tr("Capture source:"),
            "drop_folder": self.tr("Drop folder:"),
            "scanner_device": self.tr("Scanner:"),
            "camera_device": self.tr("Camera:"),
        }
        return labels.get(key, key.replace("_", " ").capitalize() + ":")

    def retranslate_ui(self) -> None:
        """Every text in the UI language; the help comes from the registries in it too."""
        ru = self._languages.current == "ru"
        self.setWindowTitle(self.tr("Settings"))
        self.tabs.setTabText(0, self.tr("Station and log"))
        self.tabs.setTabText(1, self.tr("Capture devices"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Look for scanners again"))
        placeholders = {
            "log_db": self.tr("Default: %1").replace("%1", str(default_db_path(None))),
            "specimen_library": self.tr("Default: %1").replace("%1", str(default_library_root())),
            "drop_folder": self.tr("No folder chosen"),
        }
        for key, row in self._rows.items():
            help_text = row.setting.help_ru if ru else row.setting.help_en
            row.label.setText(self._label_text(key))
            row.help.setText(help_text)
            row.label.setToolTip(help_text)
            row.editor.setToolTip(help_text)
            if isinstance(row.editor, PathEditor):
                row.editor.browse.setText(self.tr("Browse…"))
                row.editor.dialog_title = self._label_text(key).rstrip(":")
                row.editor.line.setPlaceholderText(placeholders.get(key, ""))
            env = row.setting.env
            if row.store == "settings" and env and self._ctx.settings.sources.get(key) == "env":
                row.note.setText(
                    self.tr(
                        "Set by the environment variable %1, which overrides the settings file."
                    ).replace("%1", env)
                )
                row.note.show()
        sources = {
            "file": self.tr("Image files"),
            "folder": self.tr("Reader's drop folder"),
            "scanner": self.tr("Scanner (SANE)"),
            "camera": self.tr("Camera"),
        }
        self._rows["capture_source"].editor.set_labels(sources)
        self._rows["scanner_device"].editor.set_first_found_text(self.tr("The first scanner found"))
        self.stores.setText(
            self.tr("Settings file (shared with the docexam command): %1").replace(
                "%1", str(self.settings_file)
            )
            + "\n"
            + self.tr("Desktop preferences: %1").replace("%1", self._ctx.prefs.path)
        )
        self._render_scan_state()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- scanners --------------------------------------------------------------------------

    def refresh_scanners(self) -> None:
        """List the scanners SANE finds, in the background (it may take seconds)."""
        self._scan_state = ("searching", "")
        self.refresh_button.setEnabled(False)
        self._render_scan_state()
        run_in_background(
            self, self._lister, on_success=self._scanners_found, on_failure=self._scanners_failed
        )

    def _scanners_found(self, scanners: list[Scanner]) -> None:
        self._rows["scanner_device"].editor.set_scanners(scanners)
        self._scan_state = ("found", str(len(scanners)))
        self._render_scan_state()

    def _scanners_failed(self, exc: BaseException) -> None:
        self._scan_state = ("failed", getattr(exc, "message", None) or str(exc))
        self._render_scan_state()

    def _render_scan_state(self) -> None:
        state, detail = self._scan_state
        note = self._rows["scanner_device"].note
        self.refresh_button.setEnabled(state != "searching")
        if state == "searching":
            text = self.tr("Looking for scanners…")
        elif state == "found" and detail == "0":
            text = self.tr("No scanner found. Check that it is switched on and connected.")
        elif state == "found":
            text = self.tr("Scanners found: %1").replace("%1", detail)
        elif state == "failed":
            text = self.tr("Scanners cannot be listed: %1").replace("%1", detail)
        else:
            text = ""
        note.setText(text)
        note.setVisible(bool(text))
        note.setStyleSheet("color: #a15c00" if state == "failed" else "")

    # -- OK --------------------------------------------------------------------------------

    def field_error(self, key: str) -> str:
        """The message shown beside field ``key`` ("" when it is accepted)."""
        row = self._rows[key]
        return row.error.text() if not row.error.isHidden() else ""

    def editor(self, key: str) -> Any:
        return self._rows[key].editor

    def _explain(self, key: str, exc: ValueError) -> str:
        detail = str(exc).split(": ", 1)[-1]
        if detail.startswith(("must not be empty", "a value is required")):
            detail = self.tr("enter a value")
        elif detail.startswith("must be at least"):
            limit = detail.split()[4].rstrip(",")
            detail = self.tr("must be at least %1").replace("%1", limit)
        return f"{self._label_text(key).rstrip(':')}: {detail}"

    def _collect(self) -> dict[str, dict[str, Any]] | None:
        """The changed values by store, every one checked; None (errors shown) otherwise."""
        changes: dict[str, dict[str, Any]] = {"settings": {}, "prefs": {}}
        failed: list[str] = []
        for key, row in self._rows.items():
            row.error.hide()
            try:
                value = row.setting.check(row.editor.value())
            except ValueError as exc:
                row.error.setText(self._explain(key, exc))
                row.error.show()
                failed.append(key)
                continue
            if value != row.initial:
                changes[row.store][key] = value
        if failed:
            names = ", ".join(self._label_text(k).rstrip(":") for k in failed)
            self.message.setText(self.tr("Not saved. Correct: %1").replace("%1", names))
            self.message.show()
            first = self._rows[failed[0]]
            self.tabs.setCurrentIndex(0 if first.store == "settings" else 1)
            getattr(first.editor, "line", first.editor).setFocus()
            return None
        self.message.hide()
        return changes

    def apply(self) -> None:
        """Validate everything, write the settings file, then the preferences; then close."""
        changes = self._collect()
        if changes is None:
            return
        shared = changes["settings"]
        if shared:
            try:
                new = self._ctx.settings.replace(**shared)
                on_file = engine.load_settings(self.settings_file, use_env=False)
                engine.save_settings(on_file.replace(**shared), self.settings_file)
            except ValueError as exc:  # the registry refused what check() accepted: a bug
                self.message.setText(str(exc))
                self.message.show()
                return
            except (DocexamError, OSError) as exc:
                self._ctx.present_error(self, exc)
                return
            self._ctx.set_settings(new)
        for key, value in changes["prefs"].items():
            self._ctx.prefs.set(key, value)
        language = shared.get("language")
        if language is not None and language != self._languages.current:
            self._languages.set_language(language)
        self.accept()
