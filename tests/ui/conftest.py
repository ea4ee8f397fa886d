"""Fixtures for the Qt front-end tests (pytest-qt, offscreen).

Qt is optional for the project: without PySide6 this whole directory is skipped. The
offscreen platform is chosen before anything imports Qt, so the tests need no display.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest.importorskip("PySide6")

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the repo is not installed into the venv
    sys.path.insert(0, str(ROOT))

from docexam.settings import defaults  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.language import LanguageManager  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.mrz_workspace import MrzWorkspace  # noqa: E402
from ui.preferences import Preferences  # noqa: E402

OCRB = Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf")
# ICAO 9303 Part 4 specimen (TD3), check digits valid.
TD3_LINES = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test of this directory ``gui`` (so ``-m "not gui"`` skips them)."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _finish_background_work(request: pytest.FixtureRequest) -> Iterator[None]:
    """After each test, wait for worker threads so none outlives its test (or the process)."""
    yield
    if "qapp" in request.fixturenames or "qtbot" in request.fixturenames:
        from PySide6.QtCore import QThreadPool

        assert QThreadPool.globalInstance().waitForDone(15_000), "a background job hangs"


@pytest.fixture
def release() -> Iterator[threading.Event]:
    """An event that blocking fake readers wait on; always set at teardown."""
    event = threading.Event()
    yield event
    event.set()


@pytest.fixture
def languages(qapp: Any) -> Iterator[LanguageManager]:
    """A language manager that always leaves the application in English."""
    manager = LanguageManager()
    yield manager
    manager.set_language("en")


def make_context(folder: Path, **kwargs: Any) -> AppContext:
    """A context on a log, preferences and settings file of its own under ``folder``."""
    settings = defaults().replace(
        log_db=folder / "log.sqlite", officer_id="officer1", station_id="booth1"
    )
    return AppContext(settings, Preferences.at(folder / "prefs.ini"), **kwargs)


@pytest.fixture
def ctx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppContext:
    """A fresh station: temporary log, preferences and settings file (DOCEXAM_SETTINGS)."""
    monkeypatch.setenv("DOCEXAM_SETTINGS", str(tmp_path / "settings.json"))
    return make_context(tmp_path)


@pytest.fixture
def make_mrz(qtbot: Any) -> Callable[..., MrzWorkspace]:
    """Build a shown MRZ workspace (closed by qtbot at teardown); kwargs to the constructor."""

    def make(**kwargs: Any) -> MrzWorkspace:
        workspace = MrzWorkspace(**kwargs)
        qtbot.addWidget(workspace)
        workspace.resize(1200, 760)
        workspace.show()
        qtbot.waitExposed(workspace)
        return workspace

    return make


@pytest.fixture
def make_window(
    qtbot: Any, languages: LanguageManager, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., MainWindow]:
    """Build a shown MainWindow on a fresh station (closed by qtbot at teardown)."""
    monkeypatch.setenv("DOCEXAM_SETTINGS", str(tmp_path / "settings.json"))

    def make(*, reader: Any = None, **kwargs: Any) -> MainWindow:
        ctx = make_context(tmp_path, **kwargs)
        extra = {"reader": reader} if reader is not None else {}
        window = MainWindow(ctx, languages=languages, **extra)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def make_specimen(tmp_path: Path) -> Callable[[int], Path]:
    """Render the TD3 specimen data page (125 x 88 mm) at ``px_per_mm`` as a PNG.

    ICAO geometry: OCR-B capitals 2.3 mm tall on a 2.54 mm pitch, lines 4.23 mm apart, the
    first character 6 mm from the left edge, the last line's centre 6.2 mm above the bottom.
    """
    from PIL import Image, ImageDraw, ImageFont

    if not OCRB.exists():
        pytest.skip(f"OCR-B font not installed ({OCRB})")

    def make(px_per_mm: int = 8) -> Path:
        px = px_per_mm
        page = Image.new("RGB", (125 * px, 88 * px), "white")
        draw = ImageDraw.Draw(page)
        header = ImageFont.truetype(str(OCRB), round(3 * px / 0.722))
        draw.text((5 * px, 4 * px), "PASSPORT   UTOPIA", fill="black", font=header)
        draw.rectangle((5 * px, 14 * px, 35 * px, 54 * px), outline="gray", width=2)
        font = ImageFont.truetype(str(OCRB), round(2.3 * px / 0.722))  # cap height 0.722 em
        for i, line in enumerate(TD3_LINES):
            cy = (88 - 6.2 - 4.23 * (len(TD3_LINES) - 1 - i)) * px
            for j, ch in enumerate(line):
                cx = (6 + 2.54 * j + 1.27) * px
                draw.text((cx, cy), ch, fill="black", font=font, anchor="mm")
        path = tmp_path / f"specimen_td3_{px}px_per_mm.png"
        page.save(path)
        return path

    return make


@pytest.fixture
def specimen_png(make_specimen: Callable[[int], Path]) -> Path:
    """The TD3 specimen at 8 px/mm (1000 x 704 px)."""
    return make_specimen(8)


@pytest.fixture
def not_an_image(tmp_path: Path) -> Path:
    """A text file pretending to be a JPEG."""
    path = tmp_path / "passport.jpg"
    path.write_text("this is not a picture\n", encoding="utf-8")
    return path


@pytest.fixture
def td3_reading() -> Mapping[str, Any]:
    """A ``MrzReading.to_dict()``-shaped result for the specimen (for UI-only tests)."""
    return {
        "found": True,
        "format": "TD3",
        "lines": list(TD3_LINES),
        "valid": True,
        "checks": {
            "document_number": True,
            "birth_date": True,
            "expiry_date": True,
            "optional_data": True,
            "composite": True,
        },
        "fields": {
            "document_code": "P",
            "issuing_state": "UTO",
            "surname": "ERIKSSON",
            "given_names": "ANNA MARIA",
            "document_number": "L898902C3",
            "nationality": "UTO",
            "birth_date": "1974-08-12",
            "expiry_date": "2012-04-15",
            "sex": "F",
            "optional_data": "ZE184226B",
            "optional_data_2": "",
        },
        "errors": [],
        "warnings": [],
        "confidence": 0.97,
        "elapsed_ms": 412.0,
    }


@pytest.fixture
def probe_engine() -> Callable[[Path], Any]:
    """Run the real reader once outside Qt; skip the test while it is still the stub.

    The probe returns the reading or the DocexamError it raised, so a test can check what
    the engine does before checking that the window shows it.
    """

    def probe(path: Path) -> Any:
        from docexam.errors import DocexamError
        from docexam.mrz.reader import read_mrz_file

        try:
            return read_mrz_file(path)
        except NotImplementedError:
            pytest.skip("docexam.mrz.reader is still a stub (NotImplementedError)")
        except DocexamError as exc:
            return exc

    return probe
