"""What every workspace needs, handed in explicitly: settings, library, log, preferences.

Why an object passed to each workspace instead of module globals (Anki's ``aqt.mw``,
Picard's tagger): tests build a context on a temporary log, library and preferences file
and two windows in one process never share hidden state. The context is the only mutable
piece: the settings dialog replaces ``settings`` and every later action reads it anew.

The specimen library is loaded once, on first use, and may take most of a second: callers
on the GUI thread use :meth:`AppContext.library_loaded` to know whether ``library()`` is
free, and otherwise call it from a background task (ui.background).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from docexam.examlog import ExamLog
from docexam.examlog.paths import default_db_path
from docexam.settings import Settings
from ui.errors import ErrorPresenter, show_error
from ui.preferences import Preferences

if TYPE_CHECKING:
    from docexam.specimens.library import Library


@dataclass
class AppContext:
    settings: Settings
    prefs: Preferences
    present_error: ErrorPresenter = show_error
    #: Called (on the GUI thread) after an examination or decision was written to the log.
    on_logged: list[Callable[[str], None]] = field(default_factory=list)
    _library: Library | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def library_root(self) -> Path:
        from docexam.specimens.library import default_library_root  # loads with OpenCV

        return self.settings.specimen_library or default_library_root()

    @property
    def db_path(self) -> Path:
        return default_db_path(self.settings.log_db)

    @property
    def officer(self) -> str:
        return self.settings.officer_id

    @property
    def station(self) -> str:
        return self.settings.station_id

    def library_loaded(self) -> bool:
        return self._library is not None

    def library(self) -> Library:
        """The specimen library (loaded on first call; thread-safe)."""
        with self._lock:
            if self._library is None:
                from docexam.specimens.library import load_library

                self._library = load_library(self.library_root)
            return self._library

    def set_settings(self, settings: Settings) -> None:
        """New settings from the dialog; a changed library folder is reloaded on next use."""
        with self._lock:
            if settings.specimen_library != self.settings.specimen_library:
                self._library = None
            self.settings = settings

    def open_log(self, *, readonly: bool = False) -> ExamLog:
        """The examination log (callers close it: ``with ctx.open_log() as log``)."""
        return ExamLog.open(self.db_path, readonly=readonly)

    def logged(self, exam_id: str) -> None:
        for fn in list(self.on_logged):
            fn(exam_id)
