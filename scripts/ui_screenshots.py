"""Screenshots of every workspace, in English and Russian, for the README and for looking.

Runs the real main window on a temporary station (its own log, preferences and settings
file) on whatever display Qt gets: under ``xvfb-run`` that is a real X server, so what is
saved is what a person at the booth would see. For each language: the booth after a
genuine and after a forged generated sample, the expert view of the forged one (a failed
check selected), the log browser with both cases recorded, and the specimen library.

    xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python scripts/ui_screenshots.py \
        [--out docs/images] [--lang en,ru] [--size 1500x940]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "docs" / "images"))
    ap.add_argument("--lang", default="en,ru")
    ap.add_argument("--size", default="1500x940")
    ap.add_argument("--forgery", default="photo_substitution")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    w, h = (int(v) for v in args.size.split("x"))

    from PySide6.QtWidgets import QApplication

    from docexam.settings import defaults
    from ui.context import AppContext
    from ui.language import LanguageManager
    from ui.main_window import MainWindow
    from ui.preferences import Preferences

    app = QApplication.instance() or QApplication(["docexam-screenshots"])
    languages = LanguageManager()

    def wait(cond, timeout: float = 120.0) -> None:
        t = time.monotonic()
        while not cond():
            app.processEvents()
            time.sleep(0.01)
            if time.monotonic() - t > timeout:
                raise SystemExit("timed out waiting for the window")
        for _ in range(20):
            app.processEvents()
            time.sleep(0.01)

    def shot(window: MainWindow, name: str) -> None:
        wait(lambda: True)
        path = out / f"{name}.png"
        window.grab().save(str(path))
        print(path)

    for lang in args.lang.split(","):
        tmp = Path(tempfile.mkdtemp(prefix="docexam_shots_"))
        settings = defaults().replace(log_db=tmp / "log.sqlite", officer_id="a.sadykova",
                                      station_id="KGZ-MANAS-07")  # fmt: skip
        ctx = AppContext(settings, Preferences.at(tmp / "prefs.ini"))
        languages.set_language(lang)
        window = MainWindow(ctx, languages=languages)
        window.resize(w, h)
        window.show()
        booth = window.booth
        window.show_workspace("booth")
        shot(window, f"ui-booth-empty-{lang}")
        booth.open_sample(seed=None)
        wait(lambda: not booth.is_busy() and booth.current_verdict() is not None)
        shot(window, f"ui-booth-genuine-{lang}")
        booth.decide("admitted")
        wait(lambda: booth.current_verdict() is None and not booth.is_busy())
        booth.open_sample(forged=args.forgery)
        wait(lambda: not booth.is_busy() and booth.current_verdict() is not None)
        shot(window, f"ui-booth-forged-{lang}")
        booth.open_current_in_expert()
        wait(lambda: window.expert.exam() is not None)
        failed = [f for f in window.expert.exam().features if f.status == "fail"]
        if failed:
            window.expert.select_check(failed[0].feature)
        shot(window, f"ui-expert-{lang}")
        booth_ws = window.booth
        window.show_workspace("booth")
        booth_ws.decide("referred")
        wait(lambda: booth_ws.current_verdict() is None and not booth_ws.is_busy())
        window.show_workspace("log")
        wait(lambda: not window.log_browser.is_busy(), timeout=60)
        window.log_browser.refresh()
        wait(lambda: not window.log_browser.is_busy(), timeout=60)
        shot(window, f"ui-log-{lang}")
        window.show_workspace("library")
        wait(lambda: window.library_view.state() != "loading", timeout=60)
        shot(window, f"ui-library-{lang}")
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
