"""The main window: a shell hosting the workspaces, the menus and the language switch.

Why a shell with tabs: the booth officer, the expert and the trainer share one program and
one log but need different screens; each workspace is a self-contained widget built from
the same :class:`ui.context.AppContext`, and the shell only wires them together (the booth
or the log browser hands an examination to the expert) and owns what is truly global to
the window: menus, the language, the settings dialog, the window's geometry. Ctrl+1..6
switch workspaces from the keyboard.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from ui.background import run_in_background
from ui.booth.workspace import BoothWorkspace
from ui.context import AppContext
from ui.expert.workspace import ExpertWorkspace
from ui.language import SUPPORTED_LANGUAGES, LanguageManager
from ui.library_view import LibraryView
from ui.logbrowser import LogBrowser
from ui.mrz_workspace import MrzWorkspace
from ui.opened import OpenedExam
from ui.reading import Reader, read_with_engine
from ui.training.workspace import TrainingWorkspace


def _warm_up_engine() -> None:
    import docexam.examine.document  # noqa: F401


#: Workspace key (as stored in the preferences) in tab order.
WORKSPACES = ("booth", "expert", "mrz", "log", "library", "training")


class MainWindow(QMainWindow):
    """The booth, expert, MRZ-reader, log, library and training workspaces in one window."""

    def __init__(
        self,
        ctx: AppContext,
        *,
        languages: LanguageManager | None = None,
        reader: Reader = read_with_engine,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.ctx = ctx
        self._languages = languages if languages is not None else LanguageManager(self)
        self.booth = BoothWorkspace(ctx)
        self.expert = ExpertWorkspace(ctx)
        self.mrz = MrzWorkspace(reader=reader, error_presenter=ctx.present_error)
        self.log_browser = LogBrowser(ctx)
        self.library_view = LibraryView(ctx)
        self.training = TrainingWorkspace(ctx)
        self.tabs = QTabWidget(objectName="workspaces", documentMode=True)
        for widget in self._workspaces().values():
            self.tabs.addTab(widget, "")
        self.tabs.currentChanged.connect(lambda _i: self._update_title())
        self.setCentralWidget(self.tabs)
        self.booth.open_in_expert.connect(self.show_in_expert)
        self.log_browser.open_requested.connect(self.show_in_expert)
        self.training.open_in_expert.connect(self.show_in_expert)
        self.mrz.title_changed.connect(lambda _t: self._update_title())
        self.who_label = QLabel(objectName="whoLabel")
        self.statusBar().addPermanentWidget(self.who_label)
        self._build_actions()
        self._build_menus()
        self._languages.language_changed.connect(self._sync_language_actions)
        self._sync_language_actions()
        self.retranslate_ui()
        self.resize(1400, 900)
        self._restore()
        # The window comes first; the examination engine (OpenCV pipelines, the OCR model,
        # tesseract bindings) loads behind it, so the first traveller does not wait for it.
        run_in_background(self, _warm_up_engine, on_success=lambda _r: None,
                          on_failure=lambda _e: None)  # fmt: skip

    def _workspaces(self) -> dict[str, QWidget]:
        return {"booth": self.booth, "expert": self.expert, "mrz": self.mrz,
                "log": self.log_browser, "library": self.library_view,
                "training": self.training}  # fmt: skip

    # -- construction ------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.workspace_actions: dict[str, QAction] = {}
        for i, key in enumerate(WORKSPACES):
            action = QAction(self, objectName=f"show_{key}")
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.triggered.connect(lambda _=False, k=key: self.show_workspace(k))
            self.workspace_actions[key] = action
        self.settings_action = QAction(self, objectName="settingsAction")
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.open_settings)
        self.quit_action = QAction(self, objectName="quitAction")
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))  # StandardKey.Quit is empty on Windows
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.about_action = QAction(self, objectName="aboutAction")
        self.about_action.triggered.connect(self.show_about)
        self.language_group = QActionGroup(self, exclusive=True)
        self.language_actions: dict[str, QAction] = {}
        for code, name in SUPPORTED_LANGUAGES.items():
            action = QAction(name, self.language_group, checkable=True, objectName=f"lang_{code}")
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
            self.language_actions[code] = action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.view_menu = bar.addMenu("")
        self.view_menu.addActions(list(self.workspace_actions.values()))
        self.language_menu = bar.addMenu("")
        self.language_menu.addActions(list(self.language_actions.values()))
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)

    def _titles(self) -> dict[str, str]:
        return {"booth": self.tr("&Booth"), "expert": self.tr("&Expert examination"),
                "mrz": self.tr("&MRZ reader"), "log": self.tr("&Log"),
                "library": self.tr("Specimen &library"),
                "training": self.tr("&Training")}  # fmt: skip

    def retranslate_ui(self) -> None:
        """Set every static text; called at start and on ``LanguageChange``."""
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        native = QKeySequence.SequenceFormat.NativeText
        for i, (key, title) in enumerate(self._titles().items()):
            self.workspace_actions[key].setText(title)
            self.tabs.setTabText(i, title)
            keys = self.workspace_actions[key].shortcut().toString(native)
            self.tabs.setTabToolTip(i, f"{title.replace('&', '')} ({keys})")
        self.settings_action.setText(self.tr("&Settings…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.about_action.setText(self.tr("&About docexam"))
        self._update_who()
        self._update_title()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _update_who(self) -> None:
        self.who_label.setText(
            self.tr("Officer %1 · station %2").replace("%1", self.ctx.officer)
            .replace("%2", self.ctx.station)
        )  # fmt: skip

    def _update_title(self) -> None:
        key = self.current_workspace()
        name = self._titles()[key].replace("&", "")
        detail = self.mrz.title() if key == "mrz" else ""
        self.setWindowTitle(" — ".join(p for p in (detail, name, "docexam") if p))

    # -- workspaces --------------------------------------------------------------------------

    def current_workspace(self) -> str:
        return WORKSPACES[max(self.tabs.currentIndex(), 0)]

    def show_workspace(self, key: str) -> None:
        self.tabs.setCurrentIndex(WORKSPACES.index(key))
        widget = self._workspaces()[key]
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_in_expert(self, opened: OpenedExam) -> None:
        """An examination from the booth or the log, opened for comparison."""
        self.expert.show_examination(opened)
        self.show_workspace("expert")

    # -- settings and language ---------------------------------------------------------------

    def open_settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, self._languages, self)
        old_db = self.ctx.db_path
        if dialog.exec():
            self._update_who()
            self.library_view.reload_if_changed()
            if self.ctx.db_path != old_db:
                self.log_browser.refresh()

    def set_language(self, code: str) -> None:
        """Switch the UI language live (menu action)."""
        if not self._languages.set_language(code):
            self.statusBar().showMessage(
                self.tr("The translation could not be loaded; the interface stays in English."),
                10000,
            )
        self._sync_language_actions()

    def _sync_language_actions(self, *_: object) -> None:
        current = self.language_actions.get(self._languages.current)
        if current is not None:
            current.setChecked(True)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About docexam"),
            self.tr(
                "docexam: document-security examination for border control.\n"
                "The tool reads, compares and records; the officer decides.\n\n"
                "Specimen library: %1\nExamination log: %2"
            )
            .replace("%1", str(self.ctx.library_root))
            .replace("%2", str(self.ctx.db_path)),
        )

    # -- geometry ----------------------------------------------------------------------------

    def _restore(self) -> None:
        saved = self.ctx.prefs.get("geometry")
        if saved:
            self.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii")))
        self.show_workspace(self.ctx.prefs.get("workspace"))

    def closeEvent(self, event: QCloseEvent) -> None:
        for widget in self._workspaces().values():
            discard = getattr(widget, "discard", None)
            if callable(discard):
                discard()  # running work finishes on its own; nobody will show its result
        try:
            self.ctx.prefs.set("geometry", bytes(self.saveGeometry().toBase64()).decode("ascii"))
            self.ctx.prefs.set("workspace", self.current_workspace())
        except ValueError:
            pass
        super().closeEvent(event)
