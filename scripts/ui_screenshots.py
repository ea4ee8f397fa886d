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
    ap.add_argument(
        "--format", default="png", choices=("png", "jpg"), help="jpg: quality 85, for the README"
    )
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    w, h = (int(v) for v in args.size.split("x"))

    from PySide6.QtWidgets import QApplication

    from ui.language import LanguageManager

    app = QApplication.instance() or QApplication(["docexam-screenshots"])
    languages = LanguageManager()
    for lang in args.lang.split(","):
        _shoot(app, languages, lang, out=out, size=(w, h), forgery=args.forgery, ext=args.format)
    return 0


def _wait(app, cond, timeout: float = 120.0) -> None:
    """Run the event loop until ``cond()``, then a little more for painting."""
    t = time.monotonic()
    while not cond():
        app.processEvents()
        time.sleep(0.01)
        if time.monotonic() - t > timeout:
            raise SystemExit("timed out waiting for the window")
    for _ in range(20):
        app.processEvents()
        time.sleep(0.01)


def _shoot(app, languages, lang: str, *, out: Path, size: tuple[int, int], forgery: str,
           ext: str) -> None:  # fmt: skip
    from docexam.settings import defaults
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from ui.preferences import Preferences

    tmp = Path(tempfile.mkdtemp(prefix="docexam_shots_"))
    settings = defaults().replace(log_db=tmp / "log.sqlite", officer_id="a.sadykova",
                                  station_id="KGZ-MANAS-07")  # fmt: skip
    ctx = AppContext(settings, Preferences.at(tmp / "prefs.ini"))
    logged: list[str] = []
    ctx.on_logged.append(logged.append)
    languages.set_language(lang)
    window = MainWindow(ctx, languages=languages)
    window.resize(*size)
    window.show()
    booth = window.booth

    def shot(name: str) -> None:
        _wait(app, lambda: True)
        path = out / f"{name}-{lang}.{ext}"
        window.grab().save(str(path), quality=85 if ext == "jpg" else -1)
        print(path)

    def decided() -> bool:
        return booth.current_verdict() is None and not booth.is_busy()

    def examined() -> bool:
        return not booth.is_busy() and booth.current_verdict() is not None

    window.show_workspace("booth")
    shot("ui-booth-empty")
    booth.open_sample()
    _wait(app, examined)
    shot("ui-booth-genuine")
    booth.decide("admitted")
    _wait(app, decided)
    booth.open_sample(forged=forgery)
    _wait(app, examined)
    shot("ui-booth-forged")
    booth.open_current_in_expert()
    _wait(app, lambda: window.expert.exam() is not None)
    failed = [f for f in window.expert.exam().features if f.status == "fail"]
    if failed:
        window.expert.select_check(failed[0].feature)
    shot("ui-expert")
    window.show_workspace("booth")
    booth.decide("referred")
    _wait(app, decided)
    window.show_workspace("log")
    window.log_browser.refresh()
    _wait(app, lambda: not window.log_browser.is_busy(), timeout=60)
    window.log_browser.select_case(logged[-1])  # the forged one, with its captures
    _wait(app, lambda: not window.log_browser.is_busy(), timeout=60)
    shot("ui-log")
    window.show_workspace("library")
    _wait(app, lambda: window.library_view.state() != "loading", timeout=60)
    shot("ui-library")
    _training(app, window, tmp, shot)
    window.close()


def _training(app, window, tmp: Path, shot) -> None:
    """A 4-case blind session built with the engine, taken in the trainee view (one case
    examined and answered, features ticked), then scored in the trainer view."""
    from docexam.training import SessionSettings, StudioSource, build_session
    from ui.training.answer_box import ID_ROLE

    built = build_session(tmp / "drill.dxs", StudioSource(cases=4, capture="camera", seed=11),
                          trainer="Петров П. И.", title="UV and IR, group 3",
                          settings=SessionSettings(time_limit_s=120))  # fmt: skip
    trainee_dir = tmp / "trainee"
    trainee_dir.mkdir()
    package = trainee_dir / built.package.name
    package.write_bytes(built.package.read_bytes())  # the trainee's copy: no key beside it
    ws = window.training
    window.show_workspace("training")
    ws.set_mode("trainee")
    panel = ws.trainee
    panel.package_edit.setText(str(package))
    panel.name_edit.setText("Иванова К.")
    panel.start()
    _wait(app, lambda: panel.run is not None and panel.view.thumbs.count() > 0, timeout=60)
    verdicts = ["suspect", "consistent", "suspect", "inconclusive"]
    for i, verdict in enumerate(verdicts):
        cid = panel.case.id
        panel.answers.examine_button.click()
        _wait(app, lambda cid=cid: cid in panel._exams, timeout=60)
        if i == 0:
            panel.view.setCurrentIndex(1)  # the comparison with the specimen
            first = panel.answers.features.item(0)
            if first is not None:
                panel.answers.tick(first.data(ID_ROLE))
            panel.answers.set_verdict(verdict)
            _wait(app, lambda: True)
            shot("ui-training-trainee")
        panel.answers.set_verdict(verdict)
        panel.record()
        if i < len(verdicts) - 1:
            panel.next_button.click()
    results = panel.finish(tmp / "ivanova.results.json")
    ws.set_mode("trainer")
    ws.trainer_tabs.setCurrentWidget(ws.scorer)
    ws.scorer.set_inputs(built.package, [results])
    ws.scorer.score()
    _wait(app, lambda: ws.scorer.result is not None, timeout=60)
    shot("ui-training-score")


if __name__ == "__main__":
    sys.exit(main())
