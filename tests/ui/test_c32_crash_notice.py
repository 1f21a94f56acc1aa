"""C32: the window SIGKILLed while a reply streams; the next start names the interrupted
reply and opens it, and the history kept every piece shown 0.25 s before the kill."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.storage.history import HistoryStore, InterruptedReply
from app.ui.crash_notice import CrashNotice
from app.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
#: What a kill may lose: text shown longer ago than this must be in the history (C32).
LOSS_S = 0.25


class Shown:
    """The driver's lines, read on a thread: ``SHOWN`` pieces as (time, message id, text)."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.lines: list[str] = []
        self.pieces: list[tuple[float, int, str]] = []
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._changed:
                if line.startswith("SHOWN "):
                    _, at, message_id, text = line.rstrip("\n").split(" ", 3)
                    self.pieces.append((float(at), int(message_id), json.loads(text)))
                else:
                    self.lines.append(line.strip())
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def wait_for(self, condition: object, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        with self._changed:
            while not condition():  # type: ignore[operator]
                if not self._reader.is_alive():
                    raise AssertionError(f"the driver ended ({self.process.poll()}) before {what}")
                left = deadline - time.monotonic()
                assert left > 0, f"no {what} within {timeout} s"
                self._changed.wait(min(left, 0.5))

    def finish(self) -> None:
        self._reader.join(timeout=30)


def test_c32_a_kill_mid_reply_keeps_what_was_shown_and_the_next_start_offers_it(
    qtbot: QtBot, request: pytest.FixtureRequest, penwright_home: Path
) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PENWRIGHT_DRIVER_EXCHANGES="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.crash_driver"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
    )
    shown = Shown(process)
    try:
        shown.wait_for(lambda: "STREAMING" in shown.lines, 180, "the long reply streaming")
        long_id = shown.pieces[-1][1]

        def streamed_a_while() -> bool:  # at least a second and a few hundred characters of it
            mine = [(at, text) for at, mid, text in shown.pieces if mid == long_id]
            return mine[-1][0] - mine[0][0] >= 1.0 and sum(len(t) for _, t in mine) > 200

        shown.wait_for(streamed_a_while, 180, "a second of the long reply")
        killed_at = time.monotonic()
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        shown.finish()  # every line written before the kill
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()
    before = "".join(text for at, mid, text in shown.pieces if mid == long_id and at <= killed_at - LOSS_S)
    assert len(before) > 100

    window: MainWindow = request.getfixturevalue("window")  # the next start
    cut = window.store.get_message(long_id)
    assert cut is not None and cut.is_partial and cut.finish_reason == "interrupted"
    assert cut.content.startswith(before), (len(cut.content), len(before))
    conversation = window.store.get_conversation(cut.conversation_id)
    assert conversation is not None
    assert window.store.interrupted == [
        InterruptedReply(conversation.id, long_id, "chat", conversation.title)
    ]

    notice = window.crash_notice
    assert isinstance(notice, CrashNotice) and notice.isVisible()
    assert f"“{conversation.title}” (Chat)" in notice.label.text()
    assert notice.open_button.accessibleName() == f"Open “{conversation.title}” (Chat)"
    window.show_pane(3)  # somewhere else: Open brings the chat back
    qtbot.mouseClick(notice.open_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.chat
    assert window.chat.conversation_id == conversation.id and window.chat.messages[-1].id == long_id
    assert not notice.isVisible()


def test_c32_the_notice_names_several_interrupted_replies_and_opens_each(
    qtbot: QtBot, request: pytest.FixtureRequest, penwright_home: Path
) -> None:
    """Two replies cut at once (a chat and a question): both named, each opens from the
    Open button's menu; none: no notice."""
    from app.core.types import GenerationParams
    from app.storage.paths import Paths

    store = HistoryStore(Paths.from_env().ensure().history_db)
    ids = []
    for pane, title in (("chat", "Owls 🦉"), ("qa", "问题 about rain")):
        cid = store.create_conversation(pane, title)
        user = store.add_message(cid, "user", title)
        reply = store.start_reply(cid, user, model="m", params=GenerationParams(seed=1))
        store.save_partial(reply, "half a repl")
        ids.append((cid, reply))
    store.close()  # as a killed window leaves it: partial, no finish reason

    window: MainWindow = request.getfixturevalue("window")
    notice = window.crash_notice
    assert isinstance(notice, CrashNotice)
    text = notice.label.text()
    assert "2 replies" in text and "“Owls 🦉” (Chat)" in text and "“问题 about rain” (Q&A)" in text
    menu = notice.open_button.menu()
    assert menu is not None
    actions = menu.actions()
    assert [a.text() for a in actions] == ["“Owls 🦉” (Chat)", "“问题 about rain” (Q&A)"]
    actions[1].trigger()
    assert window.stack.currentWidget() is window.qa and window.qa.conversation_id == ids[1][0]
    assert notice.isVisible() and "“Owls 🦉” (Chat)" in notice.label.text()
    qtbot.mouseClick(notice.open_button, Qt.MouseButton.LeftButton)  # one left: opens at once
    assert window.stack.currentWidget() is window.chat and window.chat.messages[-1].id == ids[0][1]
    assert not notice.isVisible()
