"""What ``penwright chat`` and ``penwright ask --save`` saved shows in the window: in the
History pane, in the Chat pane's list, and opened in Chat and Q&A."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pytestqt.qtbot import QtBot

from app.cli.chat import PROMPT
from app.ui.main_window import MainWindow
from tests.helpers.cli_process import ROOT, CliProcess

#: Greedy and short: a quick, fixed answer.
GREEDY = ("--temperature", "0", "--max-tokens", "12")


def _cli_chat(question: str) -> None:
    cli = CliProcess("chat", "--temperature", "0", "--max-tokens", "12", "--seed", "2")
    try:
        cli.wait_for(lambda: cli.out == PROMPT, 180, "the prompt")
        cli.send(question)
        cli.wait_for(lambda: cli.out.endswith("\n" + PROMPT), 180, "the reply")
        cli.end_input()
        assert cli.finish(60) == 0, cli.err
    finally:
        cli.close()


def test_the_window_shows_a_chat_and_a_question_the_cli_saved(
    qtbot: QtBot, request: pytest.FixtureRequest
) -> None:
    _cli_chat("Tell me about owls 🦉")
    asked = subprocess.run(
        [sys.executable, "-m", "app", "ask", "What do owls eat?", "--save", *GREEDY, "--seed", "2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
    )
    assert asked.returncode == 0, asked.stderr

    window: MainWindow = request.getfixturevalue("window")  # opened after the CLI saved
    chats = [window.chat.conversations.item(i).text() for i in range(window.chat.conversations.count())]
    assert chats == ["Tell me about owls 🦉"]

    window.show_pane(4)
    history = window.history
    history.refresh()
    items = {}
    for i in range(history.tree.topLevelItemCount()):
        item = history.tree.topLevelItem(i)
        assert item is not None
        items[item.text(0)] = item
    assert {"Tell me about owls 🦉", "What do owls eat?"} <= set(items)

    # activating a row opens the conversation in its pane, as a click in History does
    history.tree.itemActivated.emit(items["Tell me about owls 🦉"], 0)
    assert window.stack.currentWidget() is window.chat
    stored = window.store.thread(window.chat.conversation_id or -1)
    assert [m.content for m in window.chat.messages] == [m.content for m in stored]
    assert [m.role for m in stored] == ["user", "assistant"] and stored[1].content
    assert stored[0].content in window.chat.view.toPlainText()

    history.tree.itemActivated.emit(items["What do owls eat?"], 0)
    assert window.stack.currentWidget() is window.qa
    question, answer = window.store.thread(window.qa.conversation_id or -1)
    assert question.content == "What do owls eat?" and question.content in window.qa.answer.toPlainText()
    assert answer.role == "assistant" and answer.content and not answer.is_partial
    assert asked.stdout == answer.content + "\n"
