"""The conversation service without Qt: a real history file and the real local engine.

What the window's panes and ``penwright chat`` share: starting an exchange, saving the reply
while it streams (C14, C32 cadence), closing it as the engine ended it, keeping a crashed
reply's text, and branches for regenerate and edit.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.types import GenerationParams, Usage
from app.engines.base import CancelToken, Done, Failed, GenerationRequest, Token
from app.engines.local import LocalEngine
from app.services.conversation import PARTIAL_SAVE_S, ConversationService, ReplyRecorder
from app.storage.history import HistoryStore
from tests.helpers.prompts import LONG_PROMPT

SHORT = GenerationParams(temperature=0.0, repeat_penalty=1.0, max_tokens=16, seed=3)
LONG = GenerationParams(temperature=0.0, repeat_penalty=1.0, max_tokens=400, seed=5)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    store = HistoryStore(tmp_path / "history.sqlite3")
    yield store
    store.close()


class StepClock:
    """A clock the test moves by hand (seconds), for the save cadence."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def stored(store: HistoryStore, message_id: int | None) -> str:
    assert message_id is not None
    message = store.get_message(message_id)
    assert message is not None
    return message.content


def test_an_exchange_streams_from_the_engine_into_the_history(
    store: HistoryStore, shared_engine: LocalEngine
) -> None:
    service = ConversationService(store, "chat")
    exchange = service.start_exchange("Name a colour.", params=SHORT, model="SmolLM2")
    assert exchange.created
    summary = store.get_conversation(exchange.conversation_id)
    assert summary is not None and summary.pane == "chat" and summary.title == "Name a colour."
    reply = exchange.reply
    opened = store.get_message(reply.message_id or -1)
    assert opened is not None and opened.is_partial and opened.content == "" and opened.seed == 3

    messages = service.prompt(exchange.conversation_id, upto=exchange.user_message_id, system="Be brief.")
    assert messages == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Name a colour."},
    ]
    request = GenerationRequest(messages=tuple(messages), params=reply.params)
    final = None
    for event in shared_engine.stream(request, CancelToken()):
        reply.feed(event)
        if isinstance(event, Token) and reply.saves:
            assert reply.text.startswith(stored(store, reply.message_id))  # a save: all before it
        final = event
    assert isinstance(final, Done)
    message = store.get_message(reply.message_id or -1)
    assert message is not None and not message.is_partial
    assert message.content == final.text == reply.text and message.content
    assert message.finish_reason == final.reason == reply.finish_reason
    assert message.seed == 3 and message.model == "SmolLM2"
    assert message.usage is not None and message.usage.completion_tokens == final.usage.completion_tokens
    assert message.usage.generation_seconds > 0
    assert [m.role for m in store.thread(exchange.conversation_id)] == ["user", "assistant"]

    # the next turn goes after the reply, in the same conversation
    second = service.start_exchange("And another?", params=SHORT, conversation_id=exchange.conversation_id)
    assert not second.created
    thread = store.thread(exchange.conversation_id)
    assert [m.id for m in thread[:2]] == [exchange.user_message_id, reply.message_id]
    assert thread[2].id == second.user_message_id and thread[2].parent_id == reply.message_id
    second.reply.finish(Done("stop", Usage(), 3))


def test_c32_partial_saves_come_at_most_the_cadence_apart_while_text_flows(store: HistoryStore) -> None:
    """C32: while text is appended, the stored partial is never more than the save interval
    behind; a pause of the engine does not hold back what came before it (save_if_due)."""
    assert PARTIAL_SAVE_S <= 0.2
    clock = StepClock()
    service = ConversationService(store, "chat", clock=clock)
    reply = service.start_exchange("Count.", params=SHORT).reply
    written: list[tuple[float, str]] = []
    step = 1 / 32  # a flush about every 30 ms (a binary fraction: exact sums)
    for n in range(60):
        clock.now += step
        reply.append(f"{n}, ")
        written.append((clock.now, reply.text))
        saved = stored(store, reply.message_id)
        due = [text for at, text in written if at <= clock.now - PARTIAL_SAVE_S]
        assert not due or saved.startswith(due[-1]), (n, saved)
    assert 60 * step / (PARTIAL_SAVE_S + step) - 1 <= reply.saves <= 60 * step / PARTIAL_SAVE_S + 1
    reply.append("last")  # then the engine pauses: no more text
    assert stored(store, reply.message_id) != reply.text
    assert not reply.save_if_due()  # too soon
    clock.now += PARTIAL_SAVE_S * 1.01  # (a sum of floats: not exactly the interval)
    assert reply.save_if_due() and stored(store, reply.message_id) == reply.text
    assert not reply.save_if_due()  # nothing new: no write


def test_a_stopped_reply_is_kept_marked_cancelled(store: HistoryStore, shared_engine: LocalEngine) -> None:
    service = ConversationService(store, "chat")
    exchange = service.start_exchange(LONG_PROMPT, params=LONG)
    cancel = CancelToken()
    request = GenerationRequest(
        messages=tuple(service.prompt(exchange.conversation_id, upto=exchange.user_message_id)),
        params=exchange.reply.params,
    )
    for event in shared_engine.stream(request, cancel):
        exchange.reply.feed(event)
        if len(exchange.reply.text) > 20:
            cancel.cancel()
    message = store.get_message(exchange.reply.message_id or -1)
    assert message is not None and message.is_partial and message.finish_reason == "cancelled"
    assert message.content == exchange.reply.text and len(message.content) > 20
    with pytest.raises(RuntimeError, match="closed"):
        exchange.reply.append("more")


def test_a_crash_keeps_the_partial_reply_marked(store: HistoryStore, engine: LocalEngine) -> None:
    """The engine host killed mid-reply: Failed('crashed'); the text so far stays, marked."""
    service = ConversationService(store, "qa")
    exchange = service.start_exchange(LONG_PROMPT, params=LONG)
    request = GenerationRequest(messages=({"role": "user", "content": LONG_PROMPT},), params=LONG)
    pid = engine.host_pid
    assert pid is not None
    final = None
    for event in engine.stream(request, CancelToken()):
        exchange.reply.feed(event)
        if isinstance(event, Token) and len(exchange.reply.text) > 20 and pid is not None:
            os.kill(pid, signal.SIGKILL)
            pid = None
        final = event
    assert isinstance(final, Failed) and final.kind == "crashed"
    message = store.get_message(exchange.reply.message_id or -1)
    assert message is not None and message.is_partial and message.finish_reason == "crashed"
    assert message.content == exchange.reply.text and len(message.content) > 20


def test_a_reply_that_fails_before_its_first_token_is_not_kept(
    store: HistoryStore, shared_engine: LocalEngine
) -> None:
    """Too long for n_ctx (2,048 here): no empty reply is stored; the question stays."""
    service = ConversationService(store, "qa")
    question = "word " * 4000
    exchange = service.start_exchange(question, params=SHORT)
    request = GenerationRequest(messages=({"role": "user", "content": question},), params=SHORT)
    for event in shared_engine.stream(request, CancelToken()):
        exchange.reply.feed(event)
    assert exchange.reply.finish_reason == "deleted" and exchange.reply.message_id is None
    assert [m.role for m in store.thread(exchange.conversation_id)] == ["user"]


def test_regenerate_and_edit_make_siblings(store: HistoryStore) -> None:
    service = ConversationService(store, "chat")
    first = service.start_exchange("Hi", params=SHORT)
    first.reply.append("Hello!")
    first.reply.finish(Done("stop", Usage(completion_tokens=2), 3))
    cid = first.conversation_id

    again = service.regenerate(cid, model="m", params=GenerationParams(seed=-1))
    assert again.params.seed >= 0  # drawn here and stored with the reply (C18)
    again.append("Hey!")
    again.finish(Done("stop", Usage(), again.params.seed))
    siblings = [m.id for m in store.siblings(again.message_id or -1)]
    assert siblings == [first.reply.message_id, again.message_id]
    assert [m.content for m in store.thread(cid)] == ["Hi", "Hey!"]

    edited = service.start_edit(first.user_message_id, "Hi there", model="m", params=SHORT)
    assert edited.conversation_id == cid
    assert [m.id for m in store.siblings(edited.user_message_id)] == [
        first.user_message_id,
        edited.user_message_id,
    ]
    edited.reply.fail(Failed("internal", "boom"))  # nothing written: the empty reply goes
    assert [m.content for m in store.thread(cid)] == ["Hi there"]
    assert len(store.all_messages(cid)) == 4  # both old replies stay on the old branch

    # a branch ending with the user's message (its reply failed): regenerate answers it
    answer = service.regenerate(cid, model="m", params=SHORT)
    assert store.get_message(answer.message_id or -1).parent_id == edited.user_message_id  # type: ignore[union-attr]
    answer.fail(Failed("crashed", "gone"))

    with pytest.raises(ValueError, match="not a message of the user"):
        service.edit_message(first.reply.message_id or -1, "x")
    with pytest.raises(ValueError, match="empty"):
        service.add_user_message("  ", conversation_id=cid)
    with pytest.raises(ValueError, match="no conversation"):
        service.add_user_message("x", conversation_id=cid + 100)
    with pytest.raises(ValueError, match="active branch"):
        service.prompt(cid, upto=first.user_message_id)


def test_a_recorder_opened_on_a_deleted_reply_closes_without_error(store: HistoryStore) -> None:
    """Feeding events after the reply row is gone (its conversation deleted meanwhile)
    changes nothing and raises nothing."""
    reply = ReplyRecorder.open(store, store.create_conversation("chat", "t"), None, model="", params=SHORT)
    store.delete_conversation(reply.conversation_id)
    reply.feed(Token("late text"))
    reply.save()
    reply.feed(Done("stop", Usage(), 3))
    assert reply.closed and store.get_message(reply.message_id or -1) is None
