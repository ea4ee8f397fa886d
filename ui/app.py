"""Start the desktop application: ``docexam-gui`` / ``python -m ui``.

Why so little happens here: a booth machine may be brand new, offline and unconfigured, so
start-up must need nothing but the installed package — no settings file, no network, no
prebuilt translations (a missing ``.qm`` is compiled on the spot, or the UI stays English
with a log line saying why).

Options (anything argparse does not know, e.g. ``-platform offscreen``, goes to Qt)::

    --lang en|ru     interface language (default: $DOCEXAM_LANG, then the settings file,
                     then the system locale)
    --open PATH      examine this image or capture-set folder in the booth right after start
    --sample [CASE]  examine a generated fictional document in the booth: genuine (the
                     default) or a forgery id from `docexam synth forgeries`
    --workspace W    booth, expert, mrz, log, library or training (default: the last one)
    --verbose        log at INFO level on stderr
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from docexam.errors import DocexamError
from docexam.settings import Settings, defaults, load_settings
from ui.context import AppContext
from ui.errors import install_excepthook, show_error
from ui.language import SUPPORTED_LANGUAGES, LanguageManager, resolve_language
from ui.main_window import WORKSPACES, MainWindow
from ui.preferences import Preferences

log = logging.getLogger(__name__)


def parse_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """Our options, and the rest for QApplication."""
    parser = argparse.ArgumentParser(prog="docexam-gui", description="docexam desktop")
    parser.add_argument("--lang", choices=sorted(SUPPORTED_LANGUAGES), help="interface language")
    parser.add_argument("--open", metavar="PATH", help="image or folder to examine at start")
    parser.add_argument(
        "--sample",
        nargs="?",
        const="genuine",
        metavar="CASE",
        help="examine a generated sample (genuine or a forgery id) at start",
    )
    parser.add_argument("--workspace", choices=WORKSPACES, help="workspace to show")
    parser.add_argument("--verbose", action="store_true", help="log more on stderr")
    return parser.parse_known_args(list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the application; returns the process exit status."""
    argv = sys.argv[1:] if argv is None else argv
    args, qt_args = parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    QApplication.setApplicationName("docexam")
    QApplication.setOrganizationName("docexam")
    program = sys.argv[0] if sys.argv else "docexam"
    app = QApplication.instance() or QApplication([program, *qt_args])
    assert isinstance(app, QApplication)

    settings, problem = _settings()
    languages = LanguageManager()
    code = resolve_language(args.lang or (settings.language
                                          if settings.sources.get("language") == "file"
                                          else None))  # fmt: skip
    if not languages.set_language(code):
        log.warning("interface language %s unavailable, using English", code)
    restore_hooks = install_excepthook()

    ctx = AppContext(settings, Preferences.user())
    window = MainWindow(ctx, languages=languages)
    if args.workspace:
        window.show_workspace(args.workspace)
    window.show()
    if problem is not None:  # a broken settings file: say so, then go on with the defaults
        QTimer.singleShot(0, lambda: show_error(window, problem))
    if args.open:
        QTimer.singleShot(0, lambda: window.booth.open_path(args.open))
    elif args.sample:
        forged = None if args.sample == "genuine" else args.sample
        QTimer.singleShot(0, lambda: window.booth.open_sample(forged=forged))
    try:
        return app.exec()
    finally:
        restore_hooks()
        languages.uninstall()


def _settings() -> tuple[Settings, DocexamError | None]:
    """The engine's settings file (shared with the CLI); its defaults when it is broken."""
    try:
        return load_settings(), None
    except DocexamError as exc:
        log.warning("settings ignored: %s", exc)
        return defaults(), exc


if __name__ == "__main__":
    sys.exit(main())
