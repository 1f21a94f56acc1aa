"""Branches in the chat: Regenerate and editing a message make siblings instead of deleting
later turns; "‹ 2/3 ›" moves between them; the active branch is remembered."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.core.types import GenerationParams
from app.engines.base import Done
from app.ui.main_window import MainWindow
from tests.ui.conftest import REPLY_TIMEOUT_MS

SAMPLED = GenerationParams(temperature=1.0, max_tokens=6, seed=-1)


def reply(qtbot: QtBot, window: MainWindow, start: object) -> Done:
    chat = window.chat
    with qtbot.waitSignal(chat.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
        start()  # type: ignore[operator]
    final = blocker.args[0]
    assert isinstance(final, Done), final
    return final


def test_regenerate_makes_a_sibling_and_the_arrows_move_between_them(
    qtbot: QtBot, window: MainWindow
) -> None:
    chat = window.chat
    chat.params = SAMPLED
    chat.input.setPlainText("Say a word.")
    first = reply(qtbot, window, chat.send)
    first_id = chat.messages[-1].id
    assert not chat.branch_label.isVisible() or chat.branch_label.text() == "1/1"
    second = reply(qtbot, window, chat.regenerate)
    second_id = chat.messages[-1].id
    assert second_id != first_id and chat.messages[-1].content == second.text
    assert chat.branch_label.text() == "2/2" and chat.previous_branch.isEnabled()
    assert not chat.next_branch.isEnabled()
    assert "2/2" in chat.view.toPlainText()

    chat.switch_branch(-1)  # the ‹ button / Alt+Left
    assert chat.messages[-1].id == first_id and chat.messages[-1].content == first.text
    assert chat.branch_label.text() == "1/2" and "1/2" in chat.view.toPlainText()
    # remembered: the conversation opens on the branch last shown
    chat.new_conversation()
    assert chat.conversation_id is None
    conversation = window.store.list_conversations("chat")[0].id
    chat.open_conversation(conversation)
    assert chat.messages[-1].id == first_id

    # the header link does the same as the button
    chat.view.link_activated.emit(f"branch:{first_id}:1")
    assert chat.messages[-1].id == second_id


def test_editing_a_message_branches_and_keeps_the_old_turns(qtbot: QtBot, window: MainWindow) -> None:
    chat = window.chat
    chat.params = GenerationParams(temperature=0.0, max_tokens=6, seed=1)
    chat.input.setPlainText("What is two plus two?")
    reply(qtbot, window, chat.send)
    chat.input.setPlainText("And three plus three?")
    reply(qtbot, window, chat.send)
    old_thread = [m.id for m in chat.messages]
    assert len(old_thread) == 4
    first_user = chat.messages[0]

    chat.view.link_activated.emit(f"edit:{first_user.id}")  # the "edit" link of the first message
    assert chat.editing is not None and chat.input.toPlainText() == first_user.content
    assert chat.edit_label.isVisible() or not chat.isVisible()
    chat.input.setPlainText("What is two times two?")
    reply(qtbot, window, chat.send)
    assert [m.role for m in chat.messages] == ["user", "assistant"]
    assert chat.messages[0].content == "What is two times two?"
    assert chat.messages[0].parent_id is None and chat.messages[0].id != first_user.id
    # the old branch, with both of its later turns, is still there and one click away
    assert len(window.store.all_messages(chat.conversation_id)) == 6
    chat.switch_branch(-1, chat.messages[0].id)
    assert [m.id for m in chat.messages] == old_thread


def test_escape_cancels_an_edit_and_a_search_hit_opens_on_its_branch(
    qtbot: QtBot, window: MainWindow
) -> None:
    chat = window.chat
    chat.params = SAMPLED
    chat.input.setPlainText("Name a fruit.")
    reply(qtbot, window, chat.send)
    old_reply = chat.messages[-1].id
    reply(qtbot, window, chat.regenerate)
    assert chat.messages[-1].id != old_reply

    chat.edit_message(chat.messages[0])
    chat._escape()
    assert chat.editing is None and chat.input.toPlainText() == ""

    conversation = chat.conversation_id
    assert conversation is not None
    window.open_conversation(conversation, "chat", old_reply)
    assert chat.messages[-1].id == old_reply
