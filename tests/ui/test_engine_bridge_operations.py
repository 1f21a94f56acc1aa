"""The engine bridge runs its long work as :class:`app.ui.tasks.Operation`s and waits on
their delivery, never on a polling timer: a model load (C08: the window keeps responding),
a conversation title (cancelled when the user sends, so the reply starts at once) and a
reply (streamed through the operation's batched ``on_yielded``).

Each test holds the engine's lock (as another pane's request does), so the work is
certainly still running when the timers are looked at."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, QTimer
from pytestqt.qtbot import QtBot

from app.core.types import ChatMessage, GenerationParams
from app.engines.base import Done, GenerationRequest
from app.ui.engine_bridge import GenerationController
from app.ui.main_window import MainWindow
from tests.ui.conftest import REPLY_TIMEOUT_MS


@contextmanager
def engine_held(window: MainWindow) -> Iterator[Callable[[], None]]:
    """Hold the local engine's request lock (loads and streams wait for it); yields the
    function that lets go of it (called again on the way out, it does nothing)."""
    lock = window.hub.engine._lock
    assert lock.acquire(timeout=60)
    held = [True]

    def release() -> None:
        if held[0]:
            held[0] = False
            lock.release()

    try:
        yield release
    finally:
        release()


def active_timers(owner: QObject) -> list[QTimer]:
    return [timer for timer in owner.findChildren(QTimer) if timer.isActive()]


def thread_names() -> set[str]:
    return {thread.name for thread in threading.enumerate()}


def test_c08_a_load_runs_as_an_operation_with_no_timer_polling_for_its_end(
    qtbot: QtBot, window: MainWindow
) -> None:
    """While a load runs nothing ticks on the GUI thread (the old hub polled every 30 ms);
    its result arrives by the operation's queued delivery."""
    hub = window.hub
    path = hub.model.path  # type: ignore[union-attr]
    with engine_held(window) as release:
        hub.load(path, window.runtime.load_options())
        assert hub.is_loading() and hub.load_pending()
        assert "penwright-load" in thread_names()
        assert active_timers(hub) == []
        with qtbot.waitSignal(hub.model_loaded, timeout=REPLY_TIMEOUT_MS):
            release()
    assert not hub.load_pending() and active_timers(hub) == []


def test_the_title_being_made_is_cancelled_when_the_user_sends(qtbot: QtBot, window: MainWindow) -> None:
    """The title's operation ends (cancelled, no title) as soon as a reply starts, even while
    the engine is busy; without the cancel it would wait for the engine and run first."""
    hub = window.hub
    titles: list[tuple[int, str]] = []
    hub.title_ready.connect(lambda conversation, title: titles.append((conversation, title)))
    messages: list[ChatMessage] = [{"role": "user", "content": "Name this chat about cats."}]
    controller = GenerationController(hub, window)
    request = GenerationRequest(
        messages=({"role": "user", "content": "Say hi."},),
        params=GenerationParams(temperature=0.0, max_tokens=4, seed=1),
    )
    with engine_held(window) as release:
        assert hub.suggest_title(7, messages)
        assert "penwright-title" in thread_names()
        assert not hub.suggest_title(7, messages)  # one title at a time
        controller.start(request)  # the user sends
        # the title's work ends while the engine is still held: it never ran
        qtbot.waitUntil(lambda: "penwright-title" not in thread_names(), timeout=REPLY_TIMEOUT_MS)
        assert controller.is_running()
        with qtbot.waitSignal(controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
            release()
    assert isinstance(blocker.args[0], Done) and blocker.args[0].reason != "cancelled"
    assert titles == []


def test_a_reply_streams_through_its_operation_with_no_timer_until_text_flows(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Before the first token nothing ticks (the old controller polled every 30 ms from the
    start); the streamed batches add up to the reply's text."""
    controller = GenerationController(window.hub, window)
    batches: list[str] = []
    controller.text_ready.connect(batches.append)
    request = GenerationRequest(
        messages=({"role": "user", "content": "Count from one to ten."},),
        params=GenerationParams(temperature=0.0, max_tokens=24, seed=1),
    )
    with engine_held(window) as release:
        controller.start(request)
        assert controller.is_running() and "penwright-generate" in thread_names()
        assert active_timers(controller) == []
        with qtbot.waitSignal(controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
            release()
    final = blocker.args[0]
    assert isinstance(final, Done) and final.usage.completion_tokens > 0
    assert batches and "".join(batches) == controller.text
    assert not controller.is_running() and active_timers(controller) == []
