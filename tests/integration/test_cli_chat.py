"""``penwright chat`` and ``penwright ask --save``: the real CLI in a subprocess, the real
model, the test's own PENWRIGHT_HOME; what they save is the window's history."""

from __future__ import annotations

import subprocess
import sys

from app.cli.chat import PROMPT
from app.storage.history import HistoryStore
from app.storage.paths import Paths
from tests.helpers.cli_process import ROOT, CliProcess
from tests.helpers.prompts import LONG_PROMPT

#: Generous limits on a loaded 2-core machine (s); the tests wait on output, not on time.
START_S = 180
REPLY_S = 180

#: Greedy and short: a quick, fixed answer.
GREEDY = ("--temperature", "0", "--max-tokens", "12")


def replies_done(cli: CliProcess) -> int:
    """How many replies ended (the statistics line the CLI prints on stderr after each)."""
    return cli.err.count(" tok/s, seed ")


def test_chat_two_turns_then_end_of_input_are_saved_as_one_conversation() -> None:
    cli = CliProcess("chat", "--temperature", "0", "--max-tokens", "16", "--seed", "3")
    try:
        cli.wait_for(lambda: cli.out == PROMPT, START_S, "the first prompt")
        cli.send("What is the capital of France?")
        cli.wait_for(lambda: replies_done(cli) == 1 and cli.out.endswith("\n" + PROMPT), REPLY_S, "reply 1")
        cli.send("And the capital of Italy?")
        cli.wait_for(lambda: replies_done(cli) == 2 and cli.out.endswith("\n" + PROMPT), REPLY_S, "reply 2")
        cli.end_input()  # Ctrl+D
        assert cli.finish(60) == 0, cli.err
    finally:
        cli.close()
    assert "Traceback" not in cli.err and "Saved in the history (Chat)" in cli.err
    store = HistoryStore(Paths.from_env().history_db)
    try:
        (conversation,) = store.list_conversations()
        assert conversation.pane == "chat" and conversation.title == "What is the capital of France?"
        assert conversation.model  # the library's name of the model, as the window stores it
        thread = store.thread(conversation.id)
        assert [m.role for m in thread] == ["user", "assistant", "user", "assistant"]
        assert [thread[0].content, thread[2].content] == [
            "What is the capital of France?",
            "And the capital of Italy?",
        ]
        first, second = thread[1], thread[3]
        for reply in (first, second):
            assert not reply.is_partial and reply.finish_reason in ("stop", "length") and reply.content
            assert reply.seed == 3 and reply.usage is not None
        # printed and stored are the same text, turn by turn
        assert cli.out == f"{PROMPT}{first.content}\n{PROMPT}{second.content}\n{PROMPT}\n"
        # the second reply was written with the first exchange in its prompt
        assert first.usage is not None and second.usage is not None
        assert second.usage.prompt_tokens > first.usage.prompt_tokens + first.usage.completion_tokens
    finally:
        store.close()


def test_ctrl_c_stops_the_reply_and_the_prompt_comes_back(penwright_home: object) -> None:
    """Ctrl+C (SIGINT to the terminal's process group: the CLI and its engine host) stops
    the reply being written; the program and its engine go on: twice in a row."""
    cli = CliProcess("chat", "--temperature", "0", "--max-tokens", "3000", "--seed", "5", new_session=True)
    try:
        cli.wait_for(lambda: cli.out == PROMPT, START_S, "the first prompt")
        for turn in (1, 2):
            start = len(cli.raw_out)
            cli.send(LONG_PROMPT)
            cli.wait_for(lambda: len(cli.raw_out) - start > 60, REPLY_S, f"reply {turn} streaming")  # noqa: B023
            cli.ctrl_c()
            cli.wait_for(
                lambda: cli.err.count("stopped]") == turn and cli.out.endswith("\n" + PROMPT),  # noqa: B023
                60,
                f"the prompt back after Ctrl+C {turn}",
            )
            assert cli.process.poll() is None  # the program goes on
        cli.end_input()
        assert cli.finish(60) == 0, cli.err
    finally:
        cli.close()
    assert "Traceback" not in cli.err and "crash" not in cli.err.lower()
    store = HistoryStore(Paths.from_env().history_db)
    try:
        (conversation,) = store.list_conversations()
        thread = store.thread(conversation.id)
        assert [m.role for m in thread] == ["user", "assistant", "user", "assistant"]
        for reply in (thread[1], thread[3]):
            assert reply.is_partial and reply.finish_reason == "cancelled" and len(reply.content) > 20
        assert cli.out == f"{PROMPT}{thread[1].content}\n{PROMPT}{thread[3].content}\n{PROMPT}\n"
    finally:
        store.close()
    # the engine host ignored the terminal's Ctrl+C: it was never restarted
    host_log = Paths.from_env().log_dir / "engine-host.log"
    assert host_log.read_text(encoding="utf-8").count("--- engine host") == 1


def test_ask_save_stores_the_exchange_under_qa() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app", "ask", "Name a planet.", "--save", *GREEDY, "--seed", "4"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=START_S,
    )
    assert result.returncode == 0, result.stderr
    assert "Saved in the history (Q&A) as “Name a planet.”" in result.stderr
    store = HistoryStore(Paths.from_env().history_db)
    try:
        (conversation,) = store.list_conversations()
        assert conversation.pane == "qa" and conversation.title == "Name a planet."
        question, answer = store.thread(conversation.id)
        assert question.role == "user" and question.content == "Name a planet."
        assert answer.role == "assistant" and not answer.is_partial and answer.seed == 4
        assert result.stdout == answer.content + "\n"
    finally:
        store.close()
