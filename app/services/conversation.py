"""The bookkeeping of a conversation, shared by the window's panes and the CLI (no Qt).

A front end asks :class:`ConversationService` to start an exchange (the conversation is
created if needed, the user's message added, the assistant's reply opened as a ``partial``
row) and then hands the engine's events (:mod:`app.engines.base`) to the exchange's
:class:`ReplyRecorder`, on the thread that owns the store:

- :class:`~app.engines.base.Token` text is appended and saved while it streams, at most
  :data:`PARTIAL_SAVE_S` apart while text flows (C14, C32: a kill loses at most that much);
- :class:`~app.engines.base.Done` closes the reply with its text, finish reason, usage
  (token counts and timings) and the seed really used (C18);
- :class:`~app.engines.base.Failed` keeps what was written, marked ``crashed`` (the engine
  host died) or ``error``; a reply that failed before its first token is deleted (the user's
  message stays, the error is shown where it happened).

Regenerating a reply and editing a message make siblings (the tree of
:class:`~app.storage.history.HistoryStore`): the old turns stay one branch away.

The store is not thread-safe: use the service and its recorders on the store's thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from app.core.prompts import title_from_text
from app.core.types import ChatMessage, GenerationParams
from app.engines.base import Done, EngineEvent, Failed, Notice, Token
from app.storage.history import HistoryStore

#: Longest wait between two saves of a streaming reply while its text grows, in seconds.
#: C32 asks that a kill lose no text streamed more than 0.25 s before it; a save is an
#: UPDATE of one row (a few ms with the trigram index, measured at 20,000 characters).
PARTIAL_SAVE_S = 0.1


class ReplyRecorder:
    """One assistant reply being written: a ``partial`` row saved as it grows, closed once.

    Args:
        store: the history it is stored in.
        message_id: its row (see :meth:`open`).
        params: the sampling values it is written with (seed resolved).
        clock: seconds, monotonic (tests may pass their own).
        save_interval: longest time between saves while text is appended (s).

    Attributes:
        message_id: the reply's row; None once an empty failed reply was deleted.
        text: everything appended so far.
        finish_reason: None while open; then 'stop', 'length', 'cancelled', 'crashed',
            'error', or 'deleted' (failed before any text).
        saves: how many partial saves were written.
    """

    def __init__(
        self,
        store: HistoryStore,
        message_id: int,
        conversation_id: int,
        params: GenerationParams,
        *,
        clock: Callable[[], float] = time.monotonic,
        save_interval: float = PARTIAL_SAVE_S,
    ) -> None:
        self.store = store
        self.message_id: int | None = message_id
        self.conversation_id = conversation_id
        self.params = params
        self.text = ""
        self.finish_reason: str | None = None
        self.saves = 0
        self._clock = clock
        self._interval = save_interval
        self._saved_length = 0
        self._saved_at = clock()

    @classmethod
    def open(
        cls,
        store: HistoryStore,
        conversation_id: int,
        parent_id: int | None,
        *,
        model: str,
        params: GenerationParams,
        clock: Callable[[], float] = time.monotonic,
        save_interval: float = PARTIAL_SAVE_S,
    ) -> ReplyRecorder:
        """Insert an empty ``partial`` assistant message under ``parent_id`` and record into
        it. A seed of -1 is drawn here, so the seed stored is the seed used (read it back
        from :attr:`params` for the request)."""
        params = params.with_resolved_seed()
        message_id = store.start_reply(conversation_id, parent_id, model=model, params=params)
        return cls(store, message_id, conversation_id, params, clock=clock, save_interval=save_interval)

    @property
    def closed(self) -> bool:
        return self.finish_reason is not None

    @property
    def unsaved(self) -> bool:
        """Text was appended since the last save."""
        return len(self.text) != self._saved_length

    def append(self, text: str) -> None:
        """Add streamed text; saved at once when the last save is :data:`PARTIAL_SAVE_S`
        old. Raises RuntimeError once the reply is closed."""
        self._check_open()
        self.text += text
        self.save_if_due()

    def save_if_due(self) -> bool:
        """Save unsaved text when the last save is ``save_interval`` old (call it on a timer
        too, so text written just before the engine pauses is not held back). True if saved."""
        if self.closed or not self.unsaved or self._clock() - self._saved_at < self._interval:
            return False
        self.save()
        return True

    def save(self) -> None:
        """Store the text written so far now."""
        self._check_open()
        if self.message_id is not None:
            self.store.save_partial(self.message_id, self.text)
            self.saves += 1
        self._saved_length = len(self.text)
        self._saved_at = self._clock()

    def feed(self, event: EngineEvent) -> None:
        """Record one engine event: a token's text, the final Done or Failed (a Notice
        changes nothing in the reply)."""
        if isinstance(event, Token):
            if event.text:
                self.append(event.text)
        elif isinstance(event, Done):
            self.finish(event)
        elif isinstance(event, Failed):
            self.fail(event)
        elif not isinstance(event, Notice):
            raise TypeError(f"not an engine event: {event!r}")

    def finish(self, done: Done) -> None:
        """Close the reply as the engine ended it: 'stop'/'length' make it final,
        'cancelled' keeps it marked partial; usage, timings and the seed are stored."""
        self._check_open()
        if self.message_id is not None:
            self.store.finish_reply(self.message_id, self.text, done.reason, usage=done.usage, seed=done.seed)
        self.finish_reason = done.reason

    def fail(self, failed: Failed) -> None:
        """Close a reply the engine could not finish: what was written is kept, marked
        'crashed' (the engine host died) or 'error'; with no text the row is deleted and
        :attr:`message_id` becomes None."""
        self._check_open()
        if self.message_id is None:
            self.finish_reason = "deleted"
        elif not self.text:
            self.store.delete_message(self.message_id)
            self.message_id = None
            self.finish_reason = "deleted"
        else:
            reason = "crashed" if failed.kind == "crashed" else "error"
            self.store.finish_reply(self.message_id, self.text, reason)
            self.finish_reason = reason

    def _check_open(self) -> None:
        if self.closed:
            raise RuntimeError(f"the reply is already closed ({self.finish_reason})")


@dataclass(frozen=True)
class Exchange:
    """A user message and the reply opened for it.

    Attributes:
        conversation_id: where both are stored.
        user_message_id: the user's message.
        reply: records the assistant's reply (its ``params`` carry the resolved seed).
        created: the conversation was created for this exchange.
    """

    conversation_id: int
    user_message_id: int
    reply: ReplyRecorder
    created: bool = False


class ConversationService:
    """Conversations of one pane ('chat', 'qa', ...) in a history store.

    Args:
        store: the history (used on its own thread only).
        pane: stored with each conversation created here (``Pane.value``).
        save_interval: longest time between partial saves of a streaming reply (s).
        clock: monotonic seconds for the save cadence.
    """

    def __init__(
        self,
        store: HistoryStore,
        pane: str,
        *,
        save_interval: float = PARTIAL_SAVE_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.pane = pane
        self._interval = save_interval
        self._clock = clock

    # -- messages -----------------------------------------------------------------------
    def add_user_message(
        self,
        text: str,
        *,
        conversation_id: int | None = None,
        parent_id: int | None = None,
        model: str = "",
        title: str | None = None,
    ) -> tuple[int, int]:
        """Store a message of the user's; returns ``(conversation_id, message_id)``.

        Without ``conversation_id`` a conversation is created, titled ``title`` or the
        message's first words. With one, the message goes under ``parent_id``, by default
        after the last message of the conversation's active branch.

        Raises:
            ValueError: the text is empty, or ``conversation_id`` names no conversation.
        """
        if not text.strip():
            raise ValueError("the message is empty")
        created = conversation_id is None
        if conversation_id is None:
            conversation_id = self.store.create_conversation(self.pane, title or title_from_text(text), model)
        elif self.store.get_conversation(conversation_id) is None:
            raise ValueError(f"there is no conversation {conversation_id}")
        if parent_id is None and not created:
            thread = self.store.thread(conversation_id)
            parent_id = thread[-1].id if thread else None
        message_id = self.store.add_message(conversation_id, "user", text, parent_id)
        return conversation_id, message_id

    def edit_message(self, message_id: int, text: str) -> tuple[int, int]:
        """Store ``text`` as a new version of the user's message ``message_id``: a sibling
        under the same parent (a new branch; the later turns stay on the old one). Returns
        ``(conversation_id, new_message_id)``.

        Raises:
            ValueError: no such message, it is not the user's, or the text is empty.
        """
        old = self.store.get_message(message_id)
        if old is None or old.role != "user":
            raise ValueError(f"message {message_id} is not a message of the user's")
        if not text.strip():
            raise ValueError("the message is empty")
        new_id = self.store.add_message(old.conversation_id, "user", text, old.parent_id)
        return old.conversation_id, new_id

    def open_reply(
        self, conversation_id: int, parent_id: int | None, *, model: str, params: GenerationParams
    ) -> ReplyRecorder:
        """Open the assistant's reply to ``parent_id`` (see :meth:`ReplyRecorder.open`)."""
        return ReplyRecorder.open(
            self.store,
            conversation_id,
            parent_id,
            model=model,
            params=params,
            clock=self._clock,
            save_interval=self._interval,
        )

    # -- exchanges ----------------------------------------------------------------------
    def start_exchange(
        self,
        text: str,
        *,
        params: GenerationParams,
        conversation_id: int | None = None,
        parent_id: int | None = None,
        model: str = "",
        title: str | None = None,
    ) -> Exchange:
        """Add the user's message (see :meth:`add_user_message`) and open the reply to it.

        Raises:
            ValueError: as :meth:`add_user_message`.
        """
        created = conversation_id is None
        cid, user_id = self.add_user_message(
            text, conversation_id=conversation_id, parent_id=parent_id, model=model, title=title
        )
        reply = self.open_reply(cid, user_id, model=model, params=params)
        return Exchange(cid, user_id, reply, created)

    def start_edit(self, message_id: int, text: str, *, model: str, params: GenerationParams) -> Exchange:
        """Edit a message of the user's (see :meth:`edit_message`) and open the reply to
        the new version."""
        cid, user_id = self.edit_message(message_id, text)
        return Exchange(cid, user_id, self.open_reply(cid, user_id, model=model, params=params))

    def regenerate(self, conversation_id: int, *, model: str, params: GenerationParams) -> ReplyRecorder:
        """Open a new version of the last reply of the active branch, a sibling of it (when
        the branch ends with the user's message, e.g. after a failed reply: a reply to it).

        Raises:
            ValueError: the conversation has no messages.
        """
        thread = self.store.thread(conversation_id)
        if not thread:
            raise ValueError(f"conversation {conversation_id} has no message to answer")
        last = thread[-1]
        parent = last.parent_id if last.role == "assistant" else last.id
        return self.open_reply(conversation_id, parent, model=model, params=params)

    # -- prompts ------------------------------------------------------------------------
    def prompt(self, conversation_id: int, *, upto: int, system: str | None = None) -> list[ChatMessage]:
        """The chat turns a reply to ``upto`` is written from: the active branch from its
        first message to ``upto`` (which must be on it), after ``system`` if given.

        Raises:
            ValueError: ``upto`` is not on the conversation's active branch.
        """
        messages: list[ChatMessage] = [{"role": "system", "content": system}] if system else []
        for message in self.store.thread(conversation_id):
            messages.append(message.as_chat())
            if message.id == upto:
                return messages
        raise ValueError(f"message {upto} is not on the active branch of conversation {conversation_id}")
