"""The two-stage start (issue 12, "a fast start"): the window's frame is shown from Qt and
a few light modules; the runtime, history, engine hub, inspector and Chat pane are built
after its first paint, then the model loads. ``tests/benchmarks/bench_startup.py`` measures
the time; these tests check the behaviour that makes it possible."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.runtime import Runtime
from app.storage.history import HistoryError
from app.ui.main_window import MainWindow
from app.ui.panes.registry import pane_entries
from tests.ui.conftest import REPLY_TIMEOUT_MS

ROOT = Path(__file__).resolve().parents[2]

#: Modules the first paint must not wait for: the runtime's model library and engine
#: client (multiprocessing), the history, the inspector, every pane, and the heavy
#: third-party packages (ENGINE_NOTES: openai alone is ~0.3 s to import).
NOT_BEFORE_FIRST_PAINT = (
    "app.runtime",
    "app.engines.local",
    "app.storage.history",
    "app.ui.engine_bridge",
    "app.ui.inspector",
    "app.ui.model_session",
    "app.ui.panes.base",
    "app.ui.panes.chat",
    "app.ui.panes.story",
    "app.ui.panes.history",
    "app.core.poetry",
    "app.core.types",
    "multiprocessing",
    "openai",
    "pypinyin",
    "docx",
    "huggingface_hub",
    "llama_cpp",
)

_FRAME_PROBE = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import app.__main__
from app.ui.main_window import MainWindow

qt_app = QApplication([])
window = MainWindow(None)   # the frame only, as MainWindow.open() shows it
window.show()
seen = {}

def first_pass():  # the first event-loop pass after show(), as bench_startup times it
    seen["visible"] = window.isVisible()
    seen["nav"] = [window.nav.item(i).text() for i in range(window.nav.count())]
    seen["modules"] = sorted(m for m in sys.modules if m.startswith(tuple(json.loads(sys.argv[1]))))
    qt_app.quit()

QTimer.singleShot(0, first_pass)
qt_app.exec()
print(json.dumps(seen))
"""


def test_the_frame_is_painted_without_the_heavy_modules(penwright_home: Path) -> None:
    """A new process (a test process has imported everything already) builds and shows
    the frame exactly as ``python -m app`` does before its first paint."""
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", _FRAME_PROBE, json.dumps(NOT_BEFORE_FIRST_PAINT)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=True,
    ).stdout
    seen = json.loads(out.splitlines()[-1])
    assert seen["visible"]
    assert seen["nav"] == [entry.label() for entry in pane_entries()]
    assert seen["modules"] == []  # each name here was imported before the first paint


def test_open_shows_the_frame_then_builds_the_window_and_loads_the_model(
    qtbot: QtBot, penwright_home: Path
) -> None:
    started: list[Runtime] = []

    def start_runtime() -> Runtime:
        started.append(Runtime.start())
        return started[-1]

    window = MainWindow.open(start_runtime)
    qtbot.addWidget(window)
    # the frame: shown, every pane named, nothing built, nothing started yet
    assert window.isVisible()
    assert window.nav.count() == len(pane_entries())
    assert window.built_panes() == {}
    assert started == []
    assert not hasattr(window, "hub")
    with pytest.raises(RuntimeError, match="still starting"):
        window.pane_widget("chat")
    history_row = next(i for i, e in enumerate(pane_entries()) if e.id == "history")
    window.show_pane(history_row)  # a click while starting: that page is shown once built
    assert window.built_panes() == {}

    with qtbot.waitSignal(window.ready, timeout=REPLY_TIMEOUT_MS):
        pass
    assert len(started) == 1
    assert window.stack.currentWidget() is window.built_panes()["history"]
    assert set(window.built_panes()) == {"history"}  # Chat waits until it is shown
    assert window.inspector_dock.widget() is window.inspector
    assert window.model_box.count() >= 1
    with qtbot.waitSignal(window.hub.model_loaded, timeout=REPLY_TIMEOUT_MS):
        pass  # start() ran: the selected model loads
    window.show_pane(0)
    assert window.stack.currentWidget() is window.chat
    window.shutdown()


def test_a_start_failure_is_shown_and_reported(qtbot: QtBot, penwright_home: Path) -> None:
    """The history cannot be opened (its file is not a database): the message says so in a
    dialog, ``start_failed`` carries it (launch() then quits with status 1), nothing else
    is built, and the file is left as it was."""
    runtime = Runtime.start()
    db = runtime.paths.history_db
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(b"this is not a SQLite database" * 100)
    before = db.read_bytes()
    shown: list[str] = []

    def read_and_close_dialog() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            shown.append(box.text())
            box.close()
        else:
            QTimer.singleShot(20, read_and_close_dialog)

    window = MainWindow.open(lambda: runtime)
    qtbot.addWidget(window)
    QTimer.singleShot(0, read_and_close_dialog)
    with qtbot.waitSignal(window.start_failed, timeout=REPLY_TIMEOUT_MS) as failure:
        pass
    message = failure.args[0]
    with pytest.raises(HistoryError) as expected:
        from app.storage.history import HistoryStore

        HistoryStore(db)
    assert message == str(expected.value)
    assert shown == [message]
    assert window.built_panes() == {}
    assert not hasattr(window, "hub")
    assert db.read_bytes() == before
    window.shutdown()  # closing a window that never finished starting is quiet
