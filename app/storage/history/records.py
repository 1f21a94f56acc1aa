"""What the history store hands out and takes in: rows as frozen dataclasses, and its error."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.core.types import ChatMessage, Usage


class HistoryError(RuntimeError):
    """The database cannot be used (newer schema, damaged file); the message says why."""


@dataclass(frozen=True)
class ConversationSummary:
    """One row of the conversation list. Times are Unix seconds.

    ``message_count`` counts every message of every branch. ``folder_id`` is None at top
    level; ``deleted_at`` is set while the conversation is soft-deleted.
    """

    id: int
    title: str
    pane: str
    model: str
    created_at: float
    updated_at: float
    message_count: int
    provider: str = ""
    folder_id: int | None = None
    pinned: bool = False
    deleted_at: float | None = None
    active_leaf_id: int | None = None


@dataclass(frozen=True)
class InterruptedReply:
    """A reply a crash cut off, found (and marked ``interrupted``) when the store opened:
    its message, and the conversation's id, pane ('chat', 'qa', ...) and title."""

    conversation_id: int
    message_id: int
    pane: str
    title: str


@dataclass(frozen=True)
class Folder:
    """A folder of conversations (flat: folders do not nest). ``conversation_count``
    counts the conversations in it that are not soft-deleted."""

    id: int
    name: str
    created_at: float
    conversation_count: int = 0


@dataclass(frozen=True)
class StoredMessage:
    """A message row. ``status`` is 'final' or 'partial'; times are Unix seconds."""

    id: int
    conversation_id: int
    parent_id: int | None
    role: str
    content: str
    status: str
    finish_reason: str | None
    model: str
    seed: int | None
    params: dict[str, Any] | None
    usage: Usage | None
    created_at: float
    updated_at: float = 0.0

    @property
    def is_partial(self) -> bool:
        return self.status == "partial"

    def as_chat(self) -> ChatMessage:
        return {"role": self.role, "content": self.content}  # type: ignore[typeddict-item]


@dataclass(frozen=True)
class SearchHit:
    """One message found by :meth:`HistoryStore.search`.

    ``snippet`` is up to about 64 characters of the message around the first match, each
    match wrapped in :data:`HIGHLIGHT_START` / :data:`HIGHLIGHT_END` and text cut at
    either end shown as :data:`ELLIPSIS`. ``created_at`` is the message's (Unix seconds).
    """

    conversation_id: int
    message_id: int
    pane: str
    title: str
    role: str
    model: str
    snippet: str
    created_at: float


@dataclass(frozen=True)
class MessageRecord:
    """A message to insert with :meth:`HistoryStore.insert_conversations` (imports).

    ``key`` identifies the message within its conversation record (any int, unique there);
    ``parent_key`` is the key of its parent, which must come earlier in the record's
    ``messages``. ``params`` and ``usage`` are the JSON-shaped dicts stored as they are.
    """

    key: int
    parent_key: int | None
    role: str
    content: str
    created_at: float
    updated_at: float
    status: str = "final"
    finish_reason: str | None = None
    model: str = ""
    params: dict[str, Any] | None = None
    seed: int | None = None
    usage: dict[str, Any] | None = None


@dataclass(frozen=True)
class ConversationRecord:
    """A whole conversation to insert (see :class:`MessageRecord`). ``folder`` is a
    folder *name* (found or created); ``active_leaf_key`` the key of the active branch's
    message, or None for the newest leaf.

    ``story`` and ``poem`` are a story's writing aids and a poem's data read from an export;
    :meth:`HistoryStore.insert_conversations` ignores them: they are stored by
    :mod:`app.storage.exchange` (tables ``documents`` and ``poems``). Shapes:
    ``story`` ``{"memory": str, "authors_note": str, "note_depth": int, "lorebook":
    [dict, ...], "preset": dict | None, "ai_spans": [dict, ...]}`` (``ai_spans`` as
    :attr:`app.storage.documents.StoryDocument.ai_spans`, positions in the ``draft``);
    ``poem`` ``{"form_id": str, "topic": str, "note": str, "decoding": dict, "candidates":
    [dict, ...], "chosen_text": str | None, "chosen_score": float | None,
    "request_message": key | None, "chosen_message": key | None}`` (message *keys* of
    this record)."""

    title: str
    pane: str
    created_at: float
    updated_at: float
    model: str = ""
    provider: str = ""
    draft: str | None = None
    pinned: bool = False
    folder: str | None = None
    active_leaf_key: int | None = None
    messages: tuple[MessageRecord, ...] = field(default=())
    story: dict[str, Any] | None = None
    poem: dict[str, Any] | None = None
