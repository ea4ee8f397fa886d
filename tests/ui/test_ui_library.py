"""The specimen library view: browse the bundled specimens, every light, features, zones,
the UI language, and libraries that cannot be loaded (offscreen, real files)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPointF, Qt

from docexam.errors import DocexamError
from docexam.settings import defaults
from ui.context import AppContext
from ui.library import LibraryView
from ui.preferences import Preferences

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "reference_specimens"
WAIT = 20_000


class Recorder:
    """A presenter that remembers what it was asked to show instead of opening dialogs."""

    def __init__(self) -> None:
        self.errors: list[BaseException] = []

    def __call__(self, parent: Any, exc: BaseException) -> None:
        self.errors.append(exc)


def make_ctx(tmp_path: Path, library: Path, errors: Recorder) -> AppContext:
    return AppContext(
        defaults().replace(specimen_library=library),
        Preferences.at(tmp_path / "prefs.ini"),
        present_error=errors,
    )


def make_view(qtbot: Any, ctx: AppContext) -> LibraryView:
    view = LibraryView(ctx)
    qtbot.addWidget(view)
    view.resize(1300, 820)
    view.show()
    qtbot.waitUntil(lambda: view.state() != "loading", timeout=WAIT)
    return view


@pytest.fixture
def errors() -> Recorder:
    return Recorder()


@pytest.fixture
def view(qtbot: Any, tmp_path: Path, errors: Recorder) -> LibraryView:
    view = make_view(qtbot, make_ctx(tmp_path, BUNDLED, errors))
    assert view.state() == "ready"
    return view


def show(qtbot: Any, view: LibraryView, specimen_id: str, light: str = "white") -> None:
    assert view.select_specimen(specimen_id)
    view.select_light(light)
    qtbot.waitUntil(
        lambda: (
            view.page_view.image() is not None
            and view.current_light() == light
            and view.current_specimen().id == specimen_id
        ),
        timeout=WAIT,
    )


def test_tree_groups_the_bundled_specimens_by_state_and_kind(view, errors):
    tree = view.tree
    assert tree.topLevelItemCount() == 1
    state = tree.topLevelItem(0)
    assert state.text(0).startswith("UTO")
    kinds = {state.child(i).text(0): state.child(i) for i in range(state.childCount())}
    assert list(kinds) == ["Passports", "Identity cards", "Visas"]
    ids = {
        k: [
            kinds[k].child(i).data(0, Qt.ItemDataRole.UserRole)
            for i in range(kinds[k].childCount())
        ]
        for k in kinds
    }
    assert ids == {
        "Passports": ["uto-passport-2021", "uto-passport-2015"],  # newest series first
        "Identity cards": ["uto-id-2019"],
        "Visas": ["uto-visa-2018"],
    }
    assert kinds["Passports"].child(1).text(1) == "2015–2020"
    assert errors.errors == []


def test_every_light_shows_its_own_image(qtbot, view):
    show(qtbot, view, "uto-passport-2021")
    page = view.current_specimen().page("data_page")
    white = view.page_view.image()
    assert (white.width(), white.height()) == page.size_px
    assert [view.light_tabs.tabText(i) for i in range(view.light_tabs.count())] == [
        "White light",
        "UV 365 nm",
        "IR 870 nm",
    ]
    seen = [white]
    for light in ("uv365", "ir870"):
        view.select_light(light)
        qtbot.waitUntil(lambda: view.page_view.image() is not seen[-1], timeout=WAIT)
        seen.append(view.page_view.image())
    assert seen[0] != seen[1] and seen[1] != seen[2] and seen[0] != seen[2]


def test_two_sided_card_pages_and_a_light_switch_keep_the_zoom(qtbot, view):
    show(qtbot, view, "uto-id-2019")
    assert view.side_combo.count() == 2 and view.current_side() == "front"
    view.page_view.zoom_in()
    view.page_view.zoom_in()
    zoom = view.page_view.zoom()
    view.select_light("ir870")
    qtbot.waitUntil(lambda: view.current_light() == "ir870" and view.page_view.image() is not None)
    assert view.page_view.zoom() == pytest.approx(zoom) and not view.page_view.is_fit()
    view.select_side("back")
    qtbot.waitUntil(
        lambda: view.current_side() == "back" and view.page_view.image() is not None, timeout=WAIT
    )
    assert view.current_light() == "ir870"  # the chosen light is kept across pages
    assert view.page_view.is_fit()  # another page starts whole


def test_metadata_of_the_specimen(qtbot, view):
    show(qtbot, view, "uto-passport-2021")
    details = view.details
    assert details.title.text() == "Utopia passport, series 2021 (fictional)"
    assert details.fact("state").startswith("UTO")
    assert details.fact("kind") == "Passport"
    assert details.fact("series") == "2021"
    assert details.fact("valid").startswith("2021-01-01")
    assert details.fact("layout").startswith("TD3")
    assert details.fact("size") == "125 × 88 mm"
    assert details.fact("resolution") == "11.81 px/mm (300 dpi)"


def test_features_are_listed_and_a_click_highlights_the_zone(qtbot, view):
    show(qtbot, view, "uto-passport-2021")
    specimen = view.current_specimen()
    listed = [
        view.details.feature_list.item(i).text() for i in range(view.details.feature_list.count())
    ]
    assert listed == [f.name.en for f in specimen.features]
    fibres = specimen.feature("uv_fibres")
    view.select_feature("uv_fibres")
    assert view.page_view.highlighted() == "uv_fibres"
    text = view.details.feature_text.toPlainText()
    for part in (fibres.genuine.en, fibres.forgery_signs.en, fibres.check.instructions.en):
        assert part in text
    # A UV feature is shown under UV.
    qtbot.waitUntil(lambda: view.current_light() == "uv365" and view.page_view.image() is not None)
    assert view.page_view.highlighted() == "uv_fibres"
    items = view.page_view.zone_items("ghost_image")
    assert len(items) == len(specimen.feature("ghost_image").zones)
    view.zones_check.setChecked(False)
    assert not any(i.isVisible() for i in items)
    assert all(i.isVisible() for i in view.page_view.zone_items("uv_fibres"))  # still lit
    view.zones_check.setChecked(True)
    assert all(i.isVisible() for i in items)


def test_clicking_a_zone_on_the_image_selects_its_feature(qtbot, view):
    show(qtbot, view, "uto-passport-2021")
    page = view.current_specimen().page("data_page")
    ovd = page.features[[f.id for f in page.features].index("ovd")].zones[0]
    x, y = ovd.x + ovd.w / 2, ovd.y + ovd.h / 2
    # The most specific zone there, computed from the manifest alone.
    containing = [
        (z.w * z.h, f.id)
        for f in page.features
        for z in f.zones
        if z.x <= x <= z.right and z.y <= y <= z.bottom
    ]
    expected = min(containing)[1]
    scale = view.page_view.image().width() / page.size_mm[0]
    point = view.page_view.mapFromScene(QPointF(x * scale, y * scale))
    qtbot.mouseClick(view.page_view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert view.details.current_feature() == expected
    assert view.page_view.highlighted() == expected


def test_russian_switches_descriptions_and_labels_live(qtbot, view, languages):
    show(qtbot, view, "uto-passport-2021")
    view.select_feature("microprint")
    feature = view.current_specimen().feature("microprint")
    assert feature.genuine.en in view.details.feature_text.toPlainText()
    if not languages.set_language("ru"):
        pytest.skip("the Russian catalogue cannot be built here")
    qtbot.waitUntil(lambda: feature.genuine.ru in view.details.feature_text.toPlainText())
    assert view.details.title.text() == view.current_specimen().name.ru
    assert view.details.fact("kind") == "Паспорт"
    assert view.details.feature_list.currentItem().text() == feature.name.ru
    assert view.page_view.highlighted() == "microprint"  # the choice survives the switch
    languages.set_language("en")
    qtbot.waitUntil(lambda: feature.genuine.en in view.details.feature_text.toPlainText())


def test_a_corrupt_manifest_is_reported_and_explained(qtbot, tmp_path, errors):
    library = tmp_path / "library"
    (library / "broken").mkdir(parents=True)
    (library / "broken" / "specimen.json").write_text("{ not json", encoding="utf-8")
    view = make_view(qtbot, make_ctx(tmp_path, library, errors))
    assert view.state() == "empty"
    assert len(errors.errors) == 1 and isinstance(errors.errors[0], DocexamError)
    assert "broken" in str(errors.errors[0])
    assert "broken" in view.banner.text() and view.banner.isVisible()
    assert str(library) in view.empty_text.text()
    assert view.tree.topLevelItemCount() == 0


def test_a_missing_library_fails_and_try_again_recovers(qtbot, tmp_path, errors):
    library = tmp_path / "nowhere"
    view = make_view(qtbot, make_ctx(tmp_path, library, errors))
    assert view.state() == "failed"
    assert [getattr(e, "code", None) for e in errors.errors] == ["LIBRARY_NOT_FOUND"]
    assert view.retry_button.isVisible() and str(library) in view.empty_text.text()
    library.mkdir()
    shutil.copytree(BUNDLED / "uto-visa-2018", library / "uto-visa-2018")
    qtbot.mouseClick(view.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.state() == "ready", timeout=WAIT)
    assert [i.data(0, Qt.ItemDataRole.UserRole) for i in view.tree.specimen_items()] == [
        "uto-visa-2018"
    ]
    qtbot.waitUntil(lambda: view.page_view.image() is not None, timeout=WAIT)
    assert len(errors.errors) == 1


def test_a_changed_library_folder_is_loaded_when_shown_again(qtbot, tmp_path, errors):
    ctx = make_ctx(tmp_path, BUNDLED, errors)
    view = make_view(qtbot, ctx)
    assert len(view.tree.specimen_items()) == 4
    assert not view.reload_if_changed()  # nothing changed: the loaded library stays
    other = tmp_path / "other"
    other.mkdir()
    shutil.copytree(BUNDLED / "uto-visa-2018", other / "uto-visa-2018")
    view.hide()
    ctx.set_settings(ctx.settings.replace(specimen_library=other))  # as the settings dialog does
    view.show()
    assert view.state() == "loading"
    qtbot.waitUntil(lambda: view.state() == "ready", timeout=WAIT)
    assert [i.data(0, Qt.ItemDataRole.UserRole) for i in view.tree.specimen_items()] == [
        "uto-visa-2018"
    ]
    assert errors.errors == []
