"""The inspector: values shown are values used, presets per pane, seeds (C18), and the
notices of the template (C03) and context (C04) policies, on the real model."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.core.presets import DEFAULT_PRESETS
from app.core.types import GenerationParams, NoticeKind, Pane
from app.engines.base import Done
from app.library.models import DEFAULT_MODEL_ID
from app.runtime import Runtime
from app.storage.presets import PresetStore
from app.storage.settings import ModelSettings
from app.ui.main_window import MainWindow
from tests.ui.conftest import REPLY_TIMEOUT_MS
from tests.ui.test_panes import send_chat


def test_inspector_edits_are_the_values_used_and_presets_persist(qtbot: QtBot, window: MainWindow) -> None:
    chat, inspector = window.chat, window.inspector
    assert inspector.boxes["temperature"].value() == DEFAULT_PRESETS[Pane.CHAT].temperature
    inspector.boxes["temperature"].setValue(0.0)
    inspector.boxes["max_tokens"].setValue(12)
    inspector.stop.setText("zzz | \\n\\n")
    inspector.stop.editingFinished.emit()
    assert chat.params.temperature == 0.0 and chat.params.max_tokens == 12
    assert chat.params.stop == ("zzz", "\n\n")
    final = send_chat(qtbot, window, "Say hi.")
    assert isinstance(final, Done) and final.usage.completion_tokens <= 12
    stored = window.store.thread(chat.conversation_id or -1)[-1]
    assert stored.params is not None and stored.params["temperature"] == 0.0
    assert stored.params["max_tokens"] == 12
    # switching panes shows that pane's own values
    window.show_pane(3)
    assert inspector.boxes["temperature"].value() == DEFAULT_PRESETS[Pane.QA].temperature
    window.show_pane(0)
    assert inspector.boxes["temperature"].value() == 0.0
    inspector.save_requested.emit()
    assert PresetStore(window.runtime.paths.presets_file).get(Pane.CHAT).max_tokens == 12
    inspector.reset_requested.emit()
    assert chat.params == DEFAULT_PRESETS[Pane.CHAT]
    assert inspector.boxes["max_tokens"].value() == DEFAULT_PRESETS[Pane.CHAT].max_tokens


def test_c18_fixed_seed_reproduces_across_regenerate_and_restart(
    qtbot: QtBot, window: MainWindow, penwright_home: Path
) -> None:
    chat = window.chat
    window.inspector.boxes["seed"].setValue(42)
    window.inspector.boxes["max_tokens"].setValue(24)
    assert chat.params.seed == 42
    first = send_chat(qtbot, window, "Tell me a story about a fox.")
    with qtbot.waitSignal(chat.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
        chat.regenerate()
    again = blocker.args[0]
    assert isinstance(first, Done) and isinstance(again, Done)
    assert first.text == again.text and first.seed == again.seed == 42
    assert window.inspector.last_seed.text().endswith("seed: 42")
    window.inspector.save_requested.emit()
    window.shutdown()
    # restart: a new window on the same home uses the saved preset and gives the same reply
    restarted = MainWindow(Runtime.start())
    qtbot.addWidget(restarted)
    with qtbot.waitSignal(restarted.hub.model_loaded, timeout=REPLY_TIMEOUT_MS):
        restarted.start()
    try:
        assert restarted.chat.params.seed == 42
        after = send_chat(qtbot, restarted, "Tell me a story about a fox.")
        assert isinstance(after, Done) and after.text == first.text
    finally:
        restarted.shutdown()


def test_c18_random_seed_is_drawn_recorded_and_shown(qtbot: QtBot, window: MainWindow) -> None:
    """C18 with seed -1: the two seeds drawn differ (certain: a repeat is drawn again), each is
    stored and shown, and "Use this seed" reproduces the reply token for token. (Two random
    seeds may give the same short text on a tiny model, so the texts are not compared.)"""
    chat, boxes = window.chat, window.inspector.boxes
    boxes["seed"].setValue(-1)
    boxes["temperature"].setValue(1.0)
    boxes["max_tokens"].setValue(24)
    assert chat.params == replace(DEFAULT_PRESETS[Pane.CHAT], seed=-1, temperature=1.0, max_tokens=24)
    a = send_chat(qtbot, window, "Tell me a story about a fox.")
    b = send_chat(qtbot, window, "Tell me a story about a fox.")
    assert isinstance(a, Done) and isinstance(b, Done)
    assert a.seed != b.seed
    replies = [m for m in window.store.thread(chat.conversation_id or -1) if m.role == "assistant"]
    assert [m.seed for m in replies] == [a.seed, b.seed]
    assert f"seed {b.seed}" in chat.view.toPlainText() and str(b.seed) in window.inspector.last_seed.text()
    # "Use this seed" reproduces the last reply, token for token
    window.inspector.reuse_seed.click()
    assert chat.params == replace(DEFAULT_PRESETS[Pane.CHAT], seed=b.seed, temperature=1.0, max_tokens=24)
    with qtbot.waitSignal(chat.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
        chat.regenerate()
    again = blocker.args[0]
    assert isinstance(again, Done) and again.seed == b.seed
    assert again.text == b.text and again.usage.completion_tokens == b.usage.completion_tokens


def test_c04_long_conversation_is_trimmed_visibly_and_history_kept(
    qtbot: QtBot, penwright_home: Path
) -> None:
    runtime = Runtime.start()
    runtime.settings.models[DEFAULT_MODEL_ID] = ModelSettings(n_ctx=512)
    store_messages = 40
    win = MainWindow(runtime)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.hub.model_loaded, timeout=REPLY_TIMEOUT_MS):
        win.start()
    try:
        cid = win.store.create_conversation("chat", "Long", "m")
        parent = None
        for i in range(store_messages // 2):
            parent = win.store.add_message(cid, "user", f"Question {i} about rivers and lakes?", parent)
            parent = win.store.add_message(cid, "assistant", f"Rivers flow and lakes rest, note {i}.", parent)
        win.chat.open_conversation(cid)
        win.chat.params = GenerationParams(temperature=0.0, max_tokens=16)
        final = send_chat(qtbot, win, "What is 2 plus 2?")
        assert isinstance(final, Done) and final.trimmed_messages > 0
        assert "did not fit in the context window" in win.chat.view.toPlainText()
        assert win.chat.view.left_out_count() == final.trimmed_messages  # greyed in the view
        assert len(win.store.thread(cid)) == store_messages + 2  # nothing trimmed in storage
    finally:
        win.shutdown()


def test_c03_missing_system_role_is_explained_once(
    qtbot: QtBot, window: MainWindow, model_rejecting_system: Path
) -> None:
    with qtbot.waitSignal(window.hub.model_loaded, timeout=REPLY_TIMEOUT_MS):
        window.add_model_file(str(model_rejecting_system))
    window.chat.params = GenerationParams(temperature=0.0, max_tokens=12)
    first = send_chat(qtbot, window, "Hello!")
    assert isinstance(first, Done) and NoticeKind.SYSTEM_FOLDED in first.notices
    assert "no system role" in window.message_label.text()
    window.message_label.clear()
    second = send_chat(qtbot, window, "And again?")
    assert isinstance(second, Done) and NoticeKind.SYSTEM_FOLDED in second.notices
    assert window.message_label.text() == ""  # told once per model
