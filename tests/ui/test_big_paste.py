"""A huge paste (case C04's other half): a message that cannot fit the context window is
refused before anything is stored or cleared, whether or not the token meter has counted
it yet; older turns that do not fit are still left out (trimmed) as before."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from app.core.prompts import CHAT_SYSTEM_PROMPT, qa_messages
from app.core.types import GenerationParams, Pane
from app.engines.base import Done
from app.ui.main_window import MainWindow
from app.ui.panes.base import PaneBase
from tests.ui.conftest import REPLY_TIMEOUT_MS
from tests.ui.test_panes import send_chat

SHORT = GenerationParams(temperature=0.0, max_tokens=12, seed=1)
#: about 200 KB of ordinary text
HUGE = "The quick brown fox jumps over the lazy dog near the river bank. " * 3100
COUNT_TIMEOUT_MS = 60_000


def chat_tokens(window: MainWindow, text: str) -> int:
    """What the chat's system prompt and ``text`` take, counted by the engine itself (after
    the meters' own counts, which may hold it)."""
    messages = [{"role": "system", "content": CHAT_SYSTEM_PROMPT}, {"role": "user", "content": text}]
    n = window.hub.engine.try_count(messages=messages, wait_s=COUNT_TIMEOUT_MS / 1000)
    assert n is not None
    return n


def assert_refusal_names_both_counts(pane: PaneBase, used: int, n_ctx: int) -> None:
    note = pane.fit_note.text()
    assert pane.fit_note.isVisible()
    assert f"{used:,}" in note and f"{n_ctx:,}" in note and "n_ctx" in note and "Models" in note


def test_a_huge_paste_disables_send_with_the_reason(qtbot: QtBot, window: MainWindow) -> None:
    chat = window.chat
    n_ctx = window.hub.model.n_ctx  # type: ignore[union-attr]
    assert len(HUGE.encode()) > 200_000
    chat.input.setFocus()
    chat.input.insertPlainText(HUGE)
    qtbot.waitUntil(lambda: not chat.send_button.isEnabled(), timeout=COUNT_TIMEOUT_MS)
    used = chat_tokens(window, HUGE)
    assert used > n_ctx and chat.meter.used == used and chat.meter.text().startswith("⚠")
    assert_refusal_names_both_counts(chat, used, n_ctx)
    reason = chat.fit_note.text()
    assert chat.send_button.toolTip() == reason and chat.send_button.accessibleDescription() == reason
    # Enter anyway: refused at once, nothing stored or cleared
    qtbot.keyClick(chat.input, Qt.Key.Key_Return)
    assert chat.conversation_id is None and window.store.list_conversations() == []
    assert chat.input.toPlainText() == HUGE and not chat.is_generating()


def test_sending_before_the_meter_counts_refuses_without_storing_or_freezing(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The event loop is seen running by a zero-interval timer (each loop turn), not a 5 ms
    one that a quick count could beat."""
    chat = window.chat
    chat.params = SHORT
    n_ctx = window.hub.model.n_ctx  # type: ignore[union-attr]
    assert isinstance(send_chat(qtbot, window, "Hello"), Done)
    conversation = chat.conversation_id
    assert conversation is not None
    stored = len(window.store.thread(conversation))

    chat.input.setFocus()
    chat.input.insertPlainText(HUGE)  # a paste: one undo step
    cursor = chat.input.textCursor().position()
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(lambda: ticks.append(1) if not chat.fit_note.isVisible() else None)
    timer.start()
    qtbot.keyClick(chat.input, Qt.Key.Key_Return)  # before the meter's pause is over
    assert not chat.fit_note.isVisible()  # counted off the GUI thread, not in send()
    qtbot.waitUntil(chat.fit_note.isVisible, timeout=COUNT_TIMEOUT_MS)
    timer.stop()
    assert ticks, "the event loop ran while the message was counted"
    assert_refusal_names_both_counts(chat, chat_tokens(window, HUGE), n_ctx)
    assert len(window.store.thread(conversation)) == stored and chat.conversation_id == conversation
    assert not chat.is_generating() and not chat.send_button.isEnabled()
    assert chat.input.toPlainText() == HUGE and chat.input.textCursor().position() == cursor
    assert chat.input.document().isUndoAvailable()
    # calling send again (the meter now knows) changes nothing either
    chat.send()
    assert len(window.store.thread(conversation)) == stored and chat.input.toPlainText() == HUGE

    # shortening it lets it through, and the reply works
    chat.input.undo()
    assert chat.input.toPlainText() == ""
    chat.input.insertPlainText("Say hi.")
    qtbot.waitUntil(lambda: chat.send_button.isEnabled(), timeout=COUNT_TIMEOUT_MS)
    assert not chat.fit_note.isVisible() and chat.send_button.toolTip() == ""
    with qtbot.waitSignal(chat.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
        qtbot.keyClick(chat.input, Qt.Key.Key_Return)
    assert isinstance(blocker.args[0], Done)
    thread = window.store.thread(conversation)
    assert [m.role for m in thread] == ["user", "assistant"] * 2 and thread[-2].content == "Say hi."


def test_a_long_conversation_whose_older_turns_exceed_n_ctx_still_sends(
    qtbot: QtBot, window: MainWindow
) -> None:
    """C04: older turns are left out of the prompt; only a message too long on its own is
    refused. The meter shows the whole conversation over n_ctx, Send stays enabled."""
    chat = window.chat
    chat.params = SHORT
    n_ctx = window.hub.model.n_ctx  # type: ignore[union-attr]
    store = window.store
    conversation = store.create_conversation(Pane.CHAT.value, "Long talk", window.hub.label)
    parent = None
    turn = "Tell me more about foxes, rivers and the old mill by the water. " * 60
    for _ in range(6):
        parent = store.add_message(conversation, "user", turn, parent)
        parent = store.add_message(conversation, "assistant", turn, parent)
    chat.open_conversation(conversation)
    # a message that needs counting (too long to surely fit) but fits on its own
    message = "Summarise our talk in one line, please. " * 120
    assert chat_tokens(window, message) < n_ctx // 2
    chat.input.setPlainText(message)
    with qtbot.waitSignal(chat.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
        qtbot.keyClick(chat.input, Qt.Key.Key_Return)  # counted first, then sent
    final = blocker.args[0]
    assert isinstance(final, Done) and final.trimmed_messages > 0, final
    assert chat.input.toPlainText() == "" and not chat.fit_note.isVisible()
    assert len(store.thread(conversation)) == 14

    # the meter says the conversation is over n_ctx, and Send stays enabled
    chat.input.setPlainText("And one more thing.")
    qtbot.waitUntil(
        lambda: chat.meter.used is not None and chat.meter.used > n_ctx and chat.meter.verdict() is True,
        timeout=COUNT_TIMEOUT_MS,
    )
    assert chat.meter.text().startswith("⚠") and chat.send_button.isEnabled()
    assert not chat.fit_note.isVisible()


def test_qa_refuses_a_huge_question_before_storing_it(qtbot: QtBot, window: MainWindow) -> None:
    window.show_pane(3)
    qa = window.qa
    n_ctx = window.hub.model.n_ctx  # type: ignore[union-attr]
    qa.question.setFocus()
    qa.question.insertPlainText(HUGE)
    qtbot.keyClick(qa.question, Qt.Key.Key_Return)  # before the meter counts
    qtbot.waitUntil(qa.fit_note.isVisible, timeout=COUNT_TIMEOUT_MS)
    used = window.hub.engine.try_count(messages=qa_messages(HUGE), wait_s=COUNT_TIMEOUT_MS / 1000)  # type: ignore[arg-type]
    assert used is not None
    assert_refusal_names_both_counts(qa, used, n_ctx)
    assert window.store.list_conversations() == [] and not qa.is_generating()
    assert qa.question.toPlainText() == HUGE and not qa.ask_button.isEnabled()
    assert qa.ask_button.toolTip() == qa.fit_note.text()
    qa.params = SHORT
    qa.question.setPlainText("What is the capital of France?")
    qtbot.waitUntil(lambda: qa.ask_button.isEnabled(), timeout=COUNT_TIMEOUT_MS)
    with qtbot.waitSignal(qa.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
        qtbot.keyClick(qa.question, Qt.Key.Key_Return)
    assert isinstance(blocker.args[0], Done)
    assert len(window.store.list_conversations()) == 1


def test_a_remote_provider_is_not_blocked(qtbot: QtBot, window: MainWindow) -> None:
    """No tokenizer of the provider's model here: the server answers for itself."""
    from app.engines.openai_api import OpenAICompatibleEngine, RemoteOptions

    chat = window.chat
    chat.input.setPlainText(HUGE)
    qtbot.waitUntil(lambda: not chat.send_button.isEnabled(), timeout=COUNT_TIMEOUT_MS)

    def build() -> OpenAICompatibleEngine:
        return OpenAICompatibleEngine(RemoteOptions(base_url="http://127.0.0.1:9/v1", model="m"))

    with qtbot.waitSignal(window.hub.remote_ready, timeout=30_000):
        window.hub.use_remote(build, "nowhere", "nowhere · m")
    qtbot.waitUntil(lambda: "provider" in chat.meter.text(), timeout=COUNT_TIMEOUT_MS)
    assert chat.send_button.isEnabled() and not chat.fit_note.isVisible()
    assert chat.send_button.toolTip() == ""
    assert chat.meter.verdict() is None  # not counted here


def test_poetry_refuses_a_topic_too_long_before_storing_a_poem(qtbot: QtBot, window: MainWindow) -> None:
    window.show_pane(2)
    poetry = window.poetry
    poetry.set_form("haiku")
    poetry.topic.setText(HUGE[:30_000])  # a QLineEdit holds at most 32,767 characters
    poetry.generate()  # before the meter has counted: counted first, then refused
    qtbot.waitUntil(lambda: not poetry.generate_button.isEnabled(), timeout=COUNT_TIMEOUT_MS)
    n_ctx = window.hub.model.n_ctx  # type: ignore[union-attr]
    assert poetry.meter.used is not None and poetry.meter.used > n_ctx
    assert_refusal_names_both_counts(poetry, poetry.meter.used, n_ctx)
    qtbot.wait(200)  # the retried generate() has run by now
    assert not poetry.is_generating() and window.store.list_conversations() == []
    assert poetry.topic.text() == HUGE[:30_000]
    poetry.topic.setText("rain")
    qtbot.waitUntil(poetry.generate_button.isEnabled, timeout=COUNT_TIMEOUT_MS)
    assert not poetry.fit_note.isVisible()
