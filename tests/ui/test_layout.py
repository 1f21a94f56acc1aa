"""The window's layout: the inspector opens at a usable width, and size, position and
dock layout come back on the next start."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from pytestqt.qtbot import QtBot

from app.runtime import Runtime
from app.ui.main_window import MainWindow


def test_inspector_opens_wide_enough_for_its_labels(qtbot: QtBot, penwright_home: object) -> None:
    window = MainWindow(Runtime.start())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    natural = window.inspector.sizeHint().width()
    assert window.inspector.width() >= natural  # was squeezed to ~55 px ("In…", "tempe")
    labels = [w for w in window.inspector.findChildren(type(window.inspector.title)) if w.isVisible()]
    assert labels and all(label.width() >= label.minimumSizeHint().width() for label in labels)
    window.shutdown()


def test_size_position_and_inspector_width_come_back(qtbot: QtBot, penwright_home: object) -> None:
    size, dock_width = _resize_and_close_a_window(qtbot, 37, 23, 41)
    second = MainWindow(Runtime.start())
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    qtbot.wait(50)
    assert second.size() == size
    assert abs(second.inspector_dock.width() - dock_width) <= 2
    second.shutdown()


def test_a_damaged_layout_setting_falls_back_to_defaults(qtbot: QtBot, penwright_home: object) -> None:
    runtime = Runtime.start()
    runtime.settings.window_geometry = "not hex at all"
    runtime.settings.window_state = "zz"
    window = MainWindow(runtime)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.width() > 0 and window.inspector.width() >= window.inspector.sizeHint().width()
    window.shutdown()


def test_the_two_stage_start_brings_the_layout_back_too(qtbot: QtBot, penwright_home: object) -> None:
    """MainWindow.open (what `python -m app` runs) sizes the frame from the settings file
    before anything else is built, and puts the inspector back at its saved width."""
    size, dock_width = _resize_and_close_a_window(qtbot, 31, 17, 29)
    second = MainWindow.open(Runtime.start)
    qtbot.addWidget(second)
    assert second.size() == size  # the frame, before the second stage
    with qtbot.waitSignal(second.ready, timeout=60_000):
        pass
    qtbot.wait(50)
    assert second.size() == size
    assert abs(second.inspector_dock.width() - dock_width) <= 2
    second.shutdown()


def test_settings_changes_are_announced_by_the_window(qtbot: QtBot, penwright_home: object) -> None:
    window = MainWindow(Runtime.start())
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.settings_changed, timeout=1000) as changed:
        window.runtime.change_settings(n_threads=2)
    assert changed.args[0].fields == frozenset({"n_threads"})
    with qtbot.waitSignal(window.settings_changed, timeout=1000) as closing:
        window.shutdown()  # the layout is saved as a change too
    assert {"window_geometry", "window_state"} <= closing.args[0].fields


def _resize_and_close_a_window(
    qtbot: QtBot, narrower: int, shorter: int, wider_dock: int
) -> tuple[QSize, int]:
    """Open a window, make it ``narrower`` x ``shorter`` px and its inspector ``wider_dock``
    px wider, close it (its layout is saved); returns its size and inspector width."""
    first = MainWindow(Runtime.start())
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(first.width() - narrower, first.height() - shorter)
    first.resizeDocks(
        [first.inspector_dock], [first.inspector_dock.width() + wider_dock], Qt.Orientation.Horizontal
    )
    qtbot.wait(50)
    size, dock_width = first.size(), first.inspector_dock.width()
    first.shutdown()
    return size, dock_width
