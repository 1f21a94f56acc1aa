"""A real MainWindow on the real model, offscreen, for pytest-qt tests."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot, SignalBlocker

from app.runtime import Runtime
from app.ui.main_window import MainWindow

#: Generous limit for one reply on a loaded 2-core machine (ms). Tests wait on signals.
REPLY_TIMEOUT_MS = 120_000


@pytest.fixture
def window(qtbot: QtBot, penwright_home: object) -> Iterator[MainWindow]:
    runtime = Runtime.start()
    win = MainWindow(runtime)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    assert QTest.qWaitForWindowActive(win)  # shortcuts (Esc, Ctrl+Enter) need an active window
    with qtbot.waitSignal(win.hub.model_loaded, timeout=REPLY_TIMEOUT_MS):
        win.start()
    yield win
    for pane in win.panes.values():
        if pane.is_generating():
            with qtbot.waitSignal(pane.controller.finished, timeout=REPLY_TIMEOUT_MS):
                pane.stop()
    win.shutdown()


def kill_engine_host(qtbot: QtBot, window: MainWindow) -> tuple[SignalBlocker, int]:
    """SIGKILL the engine host (a llama.cpp crash, as far as the window can tell).

    Returns a blocker on the restart's ``model_loaded`` (``.wait()`` on it) and the killed
    host's pid.
    """
    pid = window.hub.engine.host_pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    return qtbot.waitSignal(window.hub.model_loaded, timeout=REPLY_TIMEOUT_MS), pid
