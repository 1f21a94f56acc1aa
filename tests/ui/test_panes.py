"""The five panes driven with pytest-qt on the real model (offscreen), not mocked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.types import GenerationParams
from app.engines.base import Done, Failed
from app.ui.main_window import MainWindow
from app.ui.poetry_widgets import LineTable
from tests.helpers.prompts import LONG_PROMPT
from tests.ui.conftest import REPLY_TIMEOUT_MS, kill_engine_host

SHORT = GenerationParams(temperature=0.0, max_tokens=16, seed=1)
LONG = GenerationParams(temperature=0.0, max_tokens=2000, seed=9, repeat_penalty=1.0)


def send_chat(qtbot: QtBot, window: MainWindow, text: str) -> object:
    chat = window.chat
    with qtbot.waitSignal(chat.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
        chat.input.setPlainText(text)
        qtbot.keyClick(chat.input, Qt.Key.Key_Return)
    return blocker.args[0]


def test_chat_enter_sends_streams_and_stores_the_reply(qtbot: QtBot, window: MainWindow) -> None:
    chat = window.chat
    chat.params = SHORT
    chat.input.setFocus()
    qtbot.keyClicks(chat.input, "Hello")
    qtbot.keyClick(chat.input, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert chat.input.toPlainText() == "Hello\n"  # Shift+Enter is a newline, not send
    assert chat.conversation_id is None
    with qtbot.waitSignal(chat.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
        qtbot.keyClicks(chat.input, "who are you?")
        qtbot.keyClick(chat.input, Qt.Key.Key_Return)
    final = blocker.args[0]
    assert isinstance(final, Done)
    assert chat.input.toPlainText() == ""
    shown = chat.view.toPlainText()
    assert "Hello\nwho are you?" in shown and final.text in shown
    assert "tok/s" in chat.stats.text() and "tok/s" in window.speed_label.text()
    assert chat.conversation_id is not None
    thread = window.store.thread(chat.conversation_id)
    assert [m.role for m in thread] == ["user", "assistant"]
    assert thread[1].content == final.text and not thread[1].is_partial
    assert thread[1].usage is not None and thread[1].usage.completion_tokens == final.usage.completion_tokens
    assert thread[1].seed == 1
    assert window.state_label.text() == "Ready"


def test_c06_stop_button_and_esc_stop_a_long_reply(qtbot: QtBot, window: MainWindow) -> None:
    chat = window.chat
    chat.params = LONG
    for stop in ("button", "esc"):
        with qtbot.waitSignal(chat.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
            chat.input.setPlainText(LONG_PROMPT)
            chat.send()
            assert chat.send_button.text() == "Stop"
            qtbot.waitUntil(lambda: len(chat.controller.text) > 40, timeout=REPLY_TIMEOUT_MS)
            if stop == "button":
                qtbot.mouseClick(chat.send_button, Qt.MouseButton.LeftButton)
            else:
                chat.input.setFocus()
                qtbot.keyClick(chat.input, Qt.Key.Key_Escape)
        final = blocker.args[0]
        assert isinstance(final, Done) and final.reason == "cancelled"
        assert chat.send_button.text() == "&Send"
        assert chat.conversation_id is not None
        reply = window.store.thread(chat.conversation_id)[-1]
        assert reply.is_partial and reply.finish_reason == "cancelled"
        assert reply.content == chat.controller.text
    chat.params = SHORT
    assert isinstance(send_chat(qtbot, window, "Say hi."), Done)


def test_regenerate_replaces_the_reply_and_keeps_the_old_one_as_a_branch(
    qtbot: QtBot, window: MainWindow
) -> None:
    chat = window.chat
    chat.params = GenerationParams(temperature=1.0, max_tokens=16, seed=-1)
    first = send_chat(qtbot, window, "Name a colour.")
    assert isinstance(first, Done)
    with qtbot.waitSignal(chat.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
        qtbot.mouseClick(chat.regenerate_button, Qt.MouseButton.LeftButton)
    second = blocker.args[0]
    assert isinstance(second, Done)
    assert chat.view.toPlainText().count("Assistant") == 1
    assert chat.conversation_id is not None
    replies = [m for m in window.store.all_messages(chat.conversation_id) if m.role == "assistant"]
    assert len(replies) == 2 and replies[0].parent_id == replies[1].parent_id
    assert [m.content for m in window.store.thread(chat.conversation_id)][-1] == second.text
    assert replies[0].seed != replies[1].seed  # a random seed is drawn and recorded per reply


def test_story_continue_inserts_at_the_cursor_as_one_undo_step(qtbot: QtBot, window: MainWindow) -> None:
    window.show_pane(1)
    story = window.story
    story.params = GenerationParams(temperature=0.0, max_tokens=24, seed=1)
    before, after = "Once upon a time, a fox lived in the woods.", "\n\nTHE END"
    story.editor.setPlainText(before + after)
    cursor = story.editor.textCursor()
    cursor.setPosition(len(before))
    story.editor.setTextCursor(cursor)
    story.editor.setFocus()
    with qtbot.waitSignal(story.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
        qtbot.keyClick(story.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert story.editor.isReadOnly()
    final = blocker.args[0]
    assert isinstance(final, Done) and final.text
    assert story.editor.toPlainText() == before + final.text + after
    assert not story.editor.isReadOnly()
    story.editor.undo()
    assert story.editor.toPlainText() == before + after
    assert story.conversation_id is not None
    thread = window.store.thread(story.conversation_id)
    assert thread[0].content == before and thread[-1].content == final.text


def test_poetry_generates_a_chinese_quatrain_and_stores_it(qtbot: QtBot, window: MainWindow) -> None:
    window.show_pane(2)
    poetry = window.poetry
    poetry.params = GenerationParams(temperature=0.0, max_tokens=48, seed=1)
    poetry.set_form("qiyan_jueju")
    assert poetry.selected_form().id == "qiyan_jueju"
    shipped = [poetry.form_box.itemData(i) for i in range(poetry.form_box.count())]
    assert shipped[:7] == [
        "free_verse", "haiku", "tanka", "limerick", "sonnet", "wuyan_jueju", "qiyan_jueju",
    ]  # fmt: skip
    assert {"wuyan_lushi", "qiyan_lushi", "duilian", "haiku_ja"} <= set(shipped)
    assert poetry.decoding.mode() == "grammar"  # the default where the form has a grammar
    poetry.decoding.count_spin.setValue(1)
    poetry.topic.setText("月亮")
    with qtbot.waitSignal(poetry.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
        qtbot.mouseClick(poetry.generate_button, Qt.MouseButton.LeftButton)
    final = blocker.args[0]
    assert isinstance(final, Done) and final.text
    assert [c.text for c in poetry.candidates] == [final.text]
    assert poetry.lines_table.rowCount() == 4
    assert all(poetry.lines_table.item(i, LineTable.COUNT).text() == "7/7" for i in range(4))
    summary = window.store.get_conversation(poetry.conversation_id or -1)
    assert summary is not None and summary.pane == "poetry" and "月亮" in summary.title
    prompt = window.store.thread(summary.id)[0].content
    assert "七言绝句" in prompt and "月亮" in prompt


def test_qa_answers_with_the_direct_answer_prompt(qtbot: QtBot, window: MainWindow) -> None:
    window.show_pane(3)
    qa = window.qa
    qa.params = SHORT
    qa.question.setPlainText("What is the capital of France?")
    with qtbot.waitSignal(qa.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
        qtbot.keyClick(qa.question, Qt.Key.Key_Return)
    final = blocker.args[0]
    assert isinstance(final, Done) and final.text in qa.answer.toPlainText()
    summary = window.store.get_conversation(qa.conversation_id or -1)
    assert summary is not None and summary.pane == "qa"


def test_history_lists_opens_continues_and_deletes(qtbot: QtBot, window: MainWindow) -> None:
    store = window.store
    chat_id = store.create_conversation("chat", "Trip plan", "m")
    u = store.add_message(chat_id, "user", "Plan a trip to Kyoto 京都")
    store.add_message(chat_id, "assistant", "Visit the temples.", u)
    qa_id = store.create_conversation("qa", "Boiling point", "m")
    store.add_message(qa_id, "user", "Boiling point of water?")
    window.show_pane(4)
    history = window.history
    titles = [history.tree.topLevelItem(i).text(0) for i in range(history.tree.topLevelItemCount())]  # type: ignore[union-attr]
    assert titles == ["Boiling point", "Trip plan"]  # newest first
    history.tree.setCurrentItem(history.tree.topLevelItem(1))
    qtbot.mouseClick(history.open_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.chat
    assert "Plan a trip to Kyoto 京都" in window.chat.view.toPlainText()
    window.chat.params = SHORT
    assert isinstance(send_chat(qtbot, window, "And Osaka?"), Done)
    assert len(store.thread(chat_id)) == 4  # continued the same conversation
    window.show_pane(4)
    history.tree.setCurrentItem(history.tree.topLevelItem(0))  # the chat, now newest
    assert history.selected_id() == chat_id
    history.delete_selected(confirm=False)  # a soft delete: Undo can bring it back
    assert store.get_conversation(chat_id) is None
    assert store.list_deleted()[0].id == chat_id and len(store.all_messages(chat_id)) == 4
    assert window.chat.conversation_id is None
    assert history.tree.topLevelItemCount() == 1
    store.purge_deleted(0)  # emptying the trash deletes it for good
    assert store.get_conversation(chat_id, include_deleted=True) is None and store.all_messages(chat_id) == []


def test_c05_replies_in_a_row_across_panes_and_conversations(qtbot: QtBot, window: MainWindow) -> None:
    window.chat.params = SHORT
    window.qa.params = SHORT
    first = send_chat(qtbot, window, "My secret word is Zorblax.")
    first_id = window.chat.conversation_id
    window.show_pane(3)
    window.qa.question.setPlainText("What is 2 plus 2?")
    with qtbot.waitSignal(window.qa.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
        window.qa.ask()
    second = blocker.args[0]
    window.show_pane(0)
    window.chat.new_conversation()
    third = send_chat(qtbot, window, "Say hello.")
    assert all(isinstance(x, Done) and x.text for x in (first, second, third))
    assert window.chat.conversation_id != first_id
    assert len(window.store.thread(window.qa.conversation_id or -1)) == 2
    assert len(window.store.thread(window.chat.conversation_id or -1)) == 2


def test_engine_crash_keeps_the_window_and_the_partial_reply(qtbot: QtBot, window: MainWindow) -> None:
    chat = window.chat
    chat.params = LONG
    with qtbot.waitSignal(chat.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
        chat.input.setPlainText(LONG_PROMPT)
        chat.send()
        qtbot.waitUntil(lambda: len(chat.controller.text) > 30, timeout=REPLY_TIMEOUT_MS)
        restarted, pid = kill_engine_host(qtbot, window)
    final = blocker.args[0]
    assert isinstance(final, Failed) and final.kind == "crashed"
    assert window.isVisible()
    assert "⚠ The engine stopped unexpectedly" in chat.view.toPlainText()
    restarted.wait()  # restarted at once with the same model, before any new message
    assert "restarted after a crash" in window.message_label.text()
    assert window.hub.engine.host_pid not in (None, pid)
    reply = window.store.thread(chat.conversation_id or -1)[-1]
    assert reply.role == "assistant" and reply.is_partial and reply.finish_reason == "crashed"
    assert reply.content and reply.content == chat.controller.text
    chat.params = SHORT
    assert isinstance(send_chat(qtbot, window, "Are you back?"), Done)
    assert window.hub.engine.restarts == 1


def test_c09_c10_bad_model_files_give_messages_and_keep_the_model(
    qtbot: QtBot, window: MainWindow, model_path: Path, tmp_path: Path
) -> None:
    # a laptop-wide window (the offscreen screen is 800 px; a narrower status bar elides the
    # problem first and keeps the full text in the tooltip, checked below)
    window.resize(1366, 768)
    fake = tmp_path / "notes.gguf"
    fake.write_text("not a model\n" * 100)
    with qtbot.waitSignal(window.hub.load_failed, timeout=REPLY_TIMEOUT_MS):
        window.add_model_file(str(fake))
    assert "not a GGUF model file" in window.message_label.toolTip()
    assert "not a GGUF model file" in window.message_label.text()
    assert "still loaded" in window.message_label.text()
    cut = tmp_path / "cut.gguf"
    with open(model_path, "rb") as src:
        cut.write_bytes(src.read(50 * 1024 * 1024))
    with qtbot.waitSignal(window.hub.load_failed, timeout=REPLY_TIMEOUT_MS):
        window.add_model_file(str(cut))
    assert "incomplete or damaged" in window.message_label.text()
    assert [e.path for e in window.runtime.library.entries()] == [window.hub.model.path]  # type: ignore[union-attr]
    window.chat.params = SHORT
    assert isinstance(send_chat(qtbot, window, "Still there?"), Done)


def test_c01_emoji_and_chinese_are_identical_streamed_shown_and_stored(
    qtbot: QtBot, window: MainWindow
) -> None:
    chat = window.chat
    chat.params = GenerationParams(temperature=0.0, repeat_penalty=1.0, max_tokens=40, seed=1)
    final = send_chat(qtbot, window, "Repeat exactly: 🍎🚀🎉 👨‍👩‍👧 🇯🇵 你好，世界")
    assert isinstance(final, Done)
    stored = window.store.thread(chat.conversation_id or -1)[-1].content
    assert stored == chat.controller.text == final.text
    assert "\ufffd" not in stored and any(ch in stored for ch in "🍎🚀🎉你好世界")
    assert stored in chat.view.toPlainText()


def test_closing_the_window_mid_reply_stores_it_as_stopped(qtbot: QtBot, window: MainWindow) -> None:
    chat = window.chat
    chat.params = LONG
    chat.input.setPlainText(LONG_PROMPT)
    chat.send()
    qtbot.waitUntil(lambda: len(chat.controller.text) > 20, timeout=REPLY_TIMEOUT_MS)
    conversation = chat.conversation_id
    window.shutdown()  # what launch() does after the event loop ends
    from app.storage.history import HistoryStore

    store = HistoryStore(window.runtime.paths.history_db)
    reply = store.thread(conversation or -1)[-1]
    assert reply.is_partial and reply.finish_reason == "cancelled" and reply.content
    assert store.recovered == 0  # closed cleanly: nothing left to recover
    store.close()
