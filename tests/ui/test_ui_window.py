"""The main window as a shell: workspaces, keyboard switching, hand-over to the expert,
live language switch across every workspace, settings, geometry kept between runs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from ui.main_window import WORKSPACES


def test_window_opens_on_the_booth_with_every_workspace(make_window):
    window = make_window()
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    assert window.current_workspace() == "booth"
    assert window.tabs.count() == len(WORKSPACES) == 6
    texts = [window.tabs.tabText(i).replace("&", "") for i in range(window.tabs.count())]
    assert texts == ["Booth", "Expert examination", "MRZ reader", "Log", "Specimen library",
                     "Training"]  # fmt: skip
    assert window.windowTitle() == "Booth — docexam"
    assert "officer1" in window.who_label.text() and "booth1" in window.who_label.text()


def test_ctrl_digits_switch_workspaces(make_window, qtbot):
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    for i, key in enumerate(WORKSPACES):
        assert window.workspace_actions[key].shortcut() == QKeySequence(f"Ctrl+{i + 1}")
    for i, key in reversed(list(enumerate(WORKSPACES))):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + i), Qt.KeyboardModifier.ControlModifier)
        assert window.current_workspace() == key
    assert window.windowTitle() == "Booth — docexam"


def test_language_switch_reaches_every_workspace(make_window, qtbot):
    window = make_window()
    window.language_actions["ru"].trigger()
    qtbot.waitUntil(lambda: window.file_menu.title() == "&Файл")
    texts = [window.tabs.tabText(i).replace("&", "") for i in range(window.tabs.count())]
    assert texts == ["Пост", "Экспертиза", "Чтение МЧЗ", "Журнал", "Библиотека образцов",
                     "Обучение"]  # fmt: skip
    assert window.windowTitle() == "Пост — docexam"
    assert "Офицер officer1" in window.who_label.text()
    assert window.mrz.open_action.text() == "&Открыть изображение…"
    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File")


def test_workspace_and_geometry_survive_a_restart(make_window, qtbot):
    window = make_window()
    assert not window.isMaximized()
    window.show_workspace("log")
    window.showMaximized()
    qtbot.waitUntil(window.isMaximized)
    window.close()
    assert window.ctx.prefs.get("geometry")
    again = make_window()  # same station folder: same preferences file
    assert again.current_workspace() == "log"
    assert again.isMaximized()


def test_booth_sample_opens_in_the_expert_view(make_window, qtbot):
    """The whole path a newcomer takes: a sample in the booth, then the comparison."""
    window = make_window()
    assert window.booth.open_sample(forged="photo_substitution", seed=1234)
    qtbot.waitUntil(lambda: not window.booth.is_busy(), timeout=120_000)
    assert window.booth.current_verdict() == "suspect"
    window.booth.open_in_expert_action.trigger()
    assert window.current_workspace() == "expert"
    assert window.expert.exam() is not None
