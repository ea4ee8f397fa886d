"""Which language the UI speaks, and switching it live.

Why a manager object: a live switch must remove the previous translators before installing
the new ones, and Qt's own strings (dialog buttons, "Show Details…") need the matching
``qtbase`` catalogue. Installing/removing a QTranslator makes Qt send ``LanguageChange``
to every widget; each widget re-reads its texts in ``changeEvent`` (``retranslate_ui``).

English is the source language: it needs no catalogue, so the UI always works even when a
``.qm`` cannot be built. Other languages are compiled from ``ui/i18n/*.ts`` on demand.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QStandardPaths, QTranslator, Signal
from PySide6.QtWidgets import QApplication

from ui.i18n.build import I18N_DIR, TranslationBuildError, ensure_qm, is_stale
from ui.qtcompat import emit

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"
#: Language code -> its name written in that language (menus show names untranslated).
SUPPORTED_LANGUAGES: dict[str, str] = {"en": "English", "ru": "Русский"}
ENV_VAR = "DOCEXAM_LANG"


def normalize(tag: str | None) -> str | None:
    """``"ru_RU.UTF-8"`` / ``"ru-RU"`` / ``"RU"`` -> ``"ru"``; None for empty/"C"/"POSIX"."""
    if not tag:
        return None
    code = tag.strip().split(".")[0].replace("-", "_").split("_")[0].lower()
    return code if code and code not in ("c", "posix") else None


def resolve_language(
    cli: str | None,
    env: Mapping[str, str] | None = None,
    system_languages: Iterable[str] | None = None,
) -> str:
    """Pick the UI language: ``--lang``, then ``$DOCEXAM_LANG``, then the system locale."""
    env = os.environ if env is None else env
    if system_languages is None:
        system_languages = QLocale.system().uiLanguages()
    env_value = env.get(ENV_VAR)
    if env_value and normalize(env_value) not in SUPPORTED_LANGUAGES:
        log.warning("%s=%r is not a supported language %s", ENV_VAR, env_value, SUPPORTED_LANGUAGES)
    for candidate in (cli, env_value, *system_languages):
        code = normalize(candidate)
        if code in SUPPORTED_LANGUAGES:
            return code
    return SOURCE_LANGUAGE


def ui_language() -> str:
    """The language the interface speaks now, "en" or "ru", for texts the engine carries in
    both languages (reasons, feature descriptions). The LanguageManager sets the default
    QLocale with every switch, so this needs no manager at hand."""
    return "ru" if QLocale().language() == QLocale.Language.Russian else SOURCE_LANGUAGE


def _fallback_dir() -> Path:
    """Where to build .qm files when the package directory is read-only (installed copy)."""
    cache = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericCacheLocation)
    return Path(cache or Path.home() / ".cache") / "docexam" / "i18n"


def compiled_catalog(code: str) -> Path | None:
    """Path of an up-to-date ``docexam_<code>.qm``, compiling it if needed; None if impossible."""
    ts = I18N_DIR / f"docexam_{code}.ts"
    for out_dir in (I18N_DIR, _fallback_dir()):
        qm = out_dir / f"docexam_{code}.qm"
        if not is_stale(ts, qm):
            return qm
    if not ts.exists():
        log.warning("no translation source %s", ts)
        return None
    for out_dir in (I18N_DIR, _fallback_dir()):
        try:
            qm = ensure_qm(ts, out_dir)
        except TranslationBuildError as exc:
            log.warning("cannot compile %s into %s: %s", ts.name, out_dir, exc)
            continue
        log.info("compiled %s -> %s", ts.name, qm)
        return qm
    return None


class LanguageManager(QObject):
    """Owns the installed translators; ``set_language`` switches the whole UI live."""

    language_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._translators: list[QTranslator] = []
        self._current = SOURCE_LANGUAGE

    @property
    def current(self) -> str:
        return self._current

    def set_language(self, code: str) -> bool:
        """Switch to ``code``; on failure keep (or fall back to) English and return False."""
        if code not in SUPPORTED_LANGUAGES:
            log.warning("unsupported language %r; keeping %s", code, self._current)
            return False
        app = QApplication.instance()
        if app is None:
            raise RuntimeError("create the QApplication before choosing a language")
        new: list[QTranslator] = []
        ok = True
        if code != SOURCE_LANGUAGE:
            ok = self._load_catalogues(code, new)
            if not ok:
                log.warning("falling back to English: the %s translation is unavailable", code)
                code = SOURCE_LANGUAGE
                new.clear()
        for translator in self._translators:
            app.removeTranslator(translator)
            translator.deleteLater()
        self._translators = new
        for translator in new:
            app.installTranslator(translator)
        QLocale.setDefault(QLocale(code))
        changed = code != self._current
        self._current = code
        if changed:
            emit(self.language_changed, code)
        return ok

    def uninstall(self) -> None:
        """Remove this manager's translators (shutdown; lets main() run twice in a process)."""
        app = QApplication.instance()
        for translator in self._translators:
            if app is not None:
                app.removeTranslator(translator)
            translator.deleteLater()
        self._translators = []
        self._current = SOURCE_LANGUAGE
        QLocale.setDefault(QLocale(SOURCE_LANGUAGE))

    def _load_catalogues(self, code: str, into: list[QTranslator]) -> bool:
        """Load docexam's catalogue (required) and Qt's own one (optional) for ``code``."""
        qm = compiled_catalog(code)
        own = QTranslator(self)
        if qm is None or not own.load(str(qm)):
            log.warning("could not load the %s catalogue from %s", code, qm)
            return False
        into.append(own)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qtbase = QTranslator(self)
        if qtbase.load(QLocale(code), "qtbase", "_", qt_dir):
            into.append(qtbase)
        else:
            log.info("no qtbase_%s.qm in %s; Qt's own buttons stay in English", code, qt_dir)
        return True
