"""Start the desktop application: ``docexam-gui`` / ``python -m ui``.

Why so little happens here: a booth machine may be brand new, offline and unconfigured, so
start-up must need nothing but the installed package — no settings file, no network, no
prebuilt translations (a missing ``.qm`` is compiled on the spot, or the UI stays English
with a log line saying why).

Options (anything argparse does not know, e.g. ``-platform offscreen``, goes to Qt)::

    --lang en|ru     interface language (default: $DOCEXAM_LANG, then the system locale)
    --open PATH      read this image right after start (officer's workflow, screenshots)
    --verbose        log at INFO level on stderr
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ui.errors import install_excepthook
from ui.language import SUPPORTED_LANGUAGES, LanguageManager, resolve_language
from ui.main_window import MainWindow

log = logging.getLogger(__name__)


def parse_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """Our options, and the rest for QApplication."""
    parser = argparse.ArgumentParser(prog="docexam-gui", description="docexam desktop")
    parser.add_argument("--lang", choices=sorted(SUPPORTED_LANGUAGES), help="interface language")
    parser.add_argument("--open", metavar="PATH", help="image to read right after start")
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

    languages = LanguageManager()
    code = resolve_language(args.lang)
    if not languages.set_language(code):
        log.warning("interface language %s unavailable, using English", code)
    restore_hooks = install_excepthook()

    window = MainWindow(languages=languages)
    window.show()
    if args.open:
        QTimer.singleShot(0, lambda: window.open_path(args.open))
    try:
        return app.exec()
    finally:
        restore_hooks()
        languages.uninstall()


if __name__ == "__main__":
    sys.exit(main())
