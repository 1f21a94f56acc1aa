"""What a new user and a reviewer hit: focus, deleted conversations, drafts, oversized
messages, no model, model switches during a reply."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.core.types import GenerationParams
from app.engines.base import Done
from app.ui.main_window import MainWindow
from tests.helpers.prompts import LONG_PROMPT
from tests.ui.conftest import REPLY_TIMEOUT_MS
from tests.ui.test_panes import send_chat

SHORT = GenerationParams(temperature=0.0, max_tokens=12, seed=1)


def test_switching_panes_puts_the_keyboard_in_the_main_field(qtbot: QtBot, window: MainWindow) -> None:
    expected = [
        window.chat.input,
        window.story.editor,
        window.poetry.topic,
        window.qa.question,
        window.history.tree,
    ]
    for index, widget in enumerate(expected):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + index), Qt.KeyboardModifier.ControlModifier)
        assert window.stack.currentIndex() == index
        assert QApplication.focusWidget() is widget
    window.show_pane(1)
    window.story.editor.setPlainText("The lighthouse")
    window.story.editor.moveCursor(window.story.editor.textCursor().MoveOperation.End)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert window.story.editor.toPlainText() == "The lighthouse "  # typed, not "New story"


def test_chat_keeps_working_after_its_open_conversation_is_deleted(qtbot: QtBot, window: MainWindow) -> None:
    window.chat.params = SHORT
    assert isinstance(send_chat(qtbot, window, "Hello"), Done)
    deleted = window.chat.conversation_id
    window.show_pane(4)
    window.history.refresh()
    window.history.tree.setCurrentItem(window.history.tree.topLevelItem(0))
    assert window.history.selected_id() == deleted
    window.history.delete_selected(confirm=False)
    window.show_pane(0)
    assert window.chat.view.toPlainText() == ""
    assert isinstance(send_chat(qtbot, window, "Hello again"), Done)
    assert window.chat.conversation_id not in (None, deleted)
    assert len(window.store.thread(window.chat.conversation_id or -1)) == 2


def test_story_document_is_saved_whole_and_restored(qtbot: QtBot, window: MainWindow) -> None:
    window.show_pane(1)
    story = window.story
    story.params = GenerationParams(temperature=0.0, max_tokens=12, seed=1)
    before, after = "Chapter one. The fox ran 🦊.", "\n\nChapter two is still to write. 第二章"
    story.editor.setPlainText(before + after)
    cursor = story.editor.textCursor()
    cursor.setPosition(len(before.encode("utf-16-le")) // 2)  # Qt counts UTF-16 units (C02)
    story.editor.setTextCursor(cursor)
    with qtbot.waitSignal(story.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
        story.continue_story()
    assert window.store.thread(story.conversation_id or -1)[0].content == before  # the prompt
    final = blocker.args[0]
    assert isinstance(final, Done)
    document = story.editor.toPlainText()
    assert document == before + final.text + after
    story_id = story.conversation_id
    assert story_id is not None and window.store.get_draft(story_id) == document
    # an edit is autosaved after a pause, without any button
    story.editor.moveCursor(story.editor.textCursor().MoveOperation.End)
    story.editor.insertPlainText(" The end.")
    qtbot.waitUntil(lambda: (window.store.get_draft(story_id) or "").endswith("The end."), timeout=60_000)
    story.new_conversation()
    assert story.editor.toPlainText() == ""
    story.open_conversation(story_id)
    assert story.editor.toPlainText() == document + " The end."


def test_an_oversized_message_is_refused_and_does_not_break_the_conversation(
    qtbot: QtBot, window: MainWindow
) -> None:
    chat = window.chat
    chat.params = SHORT
    huge = "words " * 10000  # more than any n_ctx the small model gets here
    chat.input.setPlainText(huge)
    qtbot.keyClick(chat.input, Qt.Key.Key_Return)  # counted off the GUI thread, then refused
    qtbot.waitUntil(chat.fit_note.isVisible, timeout=REPLY_TIMEOUT_MS)
    assert "n_ctx" in chat.fit_note.text() and not chat.send_button.isEnabled()
    assert window.store.list_conversations() == []  # nothing stored
    assert chat.input.toPlainText() == huge  # nothing cleared
    after = send_chat(qtbot, window, "Say hi.")
    assert isinstance(after, Done) and after.trimmed_messages == 0
    assert [m.role for m in window.store.thread(chat.conversation_id or -1)] == ["user", "assistant"]


def test_sending_without_a_model_says_so_and_stores_nothing(qtbot: QtBot, window: MainWindow) -> None:
    window.hub.engine.unload()
    window.chat.input.setPlainText("Hello?")
    window.chat.send()
    assert not window.chat.is_generating()
    assert "No model is loaded" in window.message_label.text()
    assert window.chat.input.toPlainText() == "Hello?"  # the text is kept
    assert window.store.list_conversations() == []


def test_the_model_picker_is_disabled_while_a_reply_is_written(qtbot: QtBot, window: MainWindow) -> None:
    chat = window.chat
    chat.params = GenerationParams(temperature=0.0, max_tokens=400, repeat_penalty=1.0)
    chat.input.setPlainText(LONG_PROMPT)
    chat.send()
    assert not window.model_box.isEnabled()
    with qtbot.waitSignal(chat.controller.finished, timeout=REPLY_TIMEOUT_MS):
        chat.stop()
    assert window.model_box.isEnabled()


def test_token_meters_count_what_would_be_sent(qtbot: QtBot, window: MainWindow) -> None:
    """The meter under each input shows tokens of the would-be request out of n_ctx. The
    reference count is asked for until the engine answers (try_count gives None, without
    waiting, while the meter's own count holds the engine). The meter counts only when the
    engine is free, and after the first reply the engine writes the title first: the waits
    are as long as a reply may take on a loaded machine."""
    engine = window.hub.engine
    chat = window.chat
    chat.input.setPlainText("Hello there, how are you today?")
    qtbot.waitUntil(lambda: chat.meter.used is not None, timeout=REPLY_TIMEOUT_MS)
    counted: list[int | None] = []

    def reference_count() -> bool:
        counted.append(engine.try_count(messages=chat._meter_payload()[1]))  # type: ignore[arg-type]
        return counted[-1] is not None

    qtbot.waitUntil(reference_count, timeout=REPLY_TIMEOUT_MS)
    expected = counted[-1]
    assert chat.meter.used == expected and expected is not None and expected > 10
    assert f"/ {window.hub.model.n_ctx:,} tokens" in chat.meter.text()  # type: ignore[union-attr]
    # what the meter said is what the model then really reads
    window.chat.params = SHORT
    shown = chat.meter.used
    sent = send_chat(qtbot, window, chat.input.toPlainText())
    assert isinstance(sent, Done) and sent.usage.prompt_tokens == shown
    chat.input.setPlainText("Hello there, how are you today?")
    qtbot.waitUntil(lambda: chat.meter.used != shown, timeout=REPLY_TIMEOUT_MS)
    before = chat.meter.used or 0
    chat.input.setPlainText("Hello there, how are you today? " * 20)
    qtbot.waitUntil(lambda: (chat.meter.used or 0) > before + 100, timeout=REPLY_TIMEOUT_MS)
    window.show_pane(1)
    window.story.editor.setPlainText("Once upon a time 🦊")
    window.story.editor.moveCursor(window.story.editor.textCursor().MoveOperation.End)
    expected_story = engine.count_tokens("Once upon a time 🦊")  # the text before the cursor
    qtbot.waitUntil(lambda: window.story.meter.used == expected_story, timeout=REPLY_TIMEOUT_MS)
