"""The desktop's own preferences: one typed, declarative registry stored with QSettings.

Why two stores: what the engine and the CLI must agree on (officer and station ids, the
log's location, the specimen library, the language of reports) lives in docexam's settings
file through :mod:`docexam.settings`, so ``docexam examine --log`` at the same booth records
the same station as the window does. What only the window needs (capture devices, the last
workspace, window geometry) lives here, in QSettings, described by the same kind of
:class:`docexam.settings.Setting` rows: a type, a default, help in both languages, a check.
Reading never fails: a value QSettings cannot give back in the right type falls back to the
default (and is logged), so a damaged preferences file never stops a booth from starting.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from docexam.settings import Setting

log = logging.getLogger(__name__)

PREFS_ENV = "DOCEXAM_UI_PREFS"
CAPTURE_SOURCES = ("file", "folder", "scanner", "camera")

REGISTRY: tuple[Setting, ...] = (
    Setting("capture_source", str, "file",
            "Where the booth takes captures from: file, folder (a reader's drop folder), "
            "scanner (SANE) or camera.",
            "Откуда пост берёт снимки: file (файл), folder (папка считывателя), scanner "
            "(SANE) или camera (камера).", choices=CAPTURE_SOURCES),
    Setting("drop_folder", str, None,
            "The folder a document reader writes its capture sets into (white, uv, ir files).",
            "Папка, в которую считыватель документов пишет наборы снимков (white, uv, ir).",
            nullable=True),
    Setting("scanner_device", str, None,
            "The SANE device name (as `docexam capture list` shows it); empty: the first found.",
            "Имя устройства SANE (как показывает `docexam capture list`); пусто: первое "
            "найденное.", nullable=True),
    Setting("camera_device", str, "0",
            "The camera: an index (0, 1 ...), a video file, an image folder or a stream URL.",
            "Камера: номер (0, 1 ...), видеофайл, папка снимков или адрес потока."),
    Setting("workspace", str, "booth", "The workspace shown at start.",
            "Рабочая область при запуске.",
            choices=("booth", "expert", "mrz", "log", "library", "training")),
    Setting("geometry", str, None, "The main window's saved geometry (base64).",
            "Сохранённое положение главного окна (base64).", nullable=True),
)  # fmt: skip

BY_KEY = {s.key: s for s in REGISTRY}


class Preferences:
    """Typed access to the registry's keys in one QSettings store (passed in, never global)."""

    def __init__(self, store: QSettings) -> None:
        self._store = store

    @classmethod
    def at(cls, path: Path) -> Preferences:
        """Preferences in an INI file at ``path`` (tests, a second station on one machine)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    @classmethod
    def user(cls, environ: Mapping[str, str] | None = None) -> Preferences:
        """The user's preferences: ``$DOCEXAM_UI_PREFS`` (an INI path: tests, a second
        station on one machine), else where the platform keeps QSettings for docexam."""
        explicit = (os.environ if environ is None else environ).get(PREFS_ENV)
        if explicit:
            return cls.at(Path(explicit))
        return cls(QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                             "docexam", "docexam-gui"))  # fmt: skip

    @property
    def path(self) -> str:
        return self._store.fileName()

    def get(self, key: str) -> Any:
        row = _row(key)
        raw = self._store.value(key, None)
        if raw is None:
            return row.default_value()
        try:
            return row.check(row.parse(str(raw)))
        except ValueError as exc:
            log.warning("preference %s=%r ignored: %s", key, raw, exc)
            return row.default_value()

    def set(self, key: str, value: Any) -> None:
        """Store ``value`` (ValueError naming the key when the registry refuses it)."""
        checked = _row(key).check(value)
        self._store.setValue(key, "" if checked is None else str(checked))
        self._store.sync()

    def values(self) -> dict[str, Any]:
        return {s.key: self.get(s.key) for s in REGISTRY}


def _row(key: str) -> Setting:
    try:
        return BY_KEY[key]
    except KeyError:
        raise ValueError(f"unknown preference {key!r}: known are {', '.join(BY_KEY)}") from None
