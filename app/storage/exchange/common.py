"""What the exchange formats share: the error, JSON reading with field checks, choosing
conversations to export, and storing checked records in one transaction.

Qt-free; see :mod:`app.storage.exchange` for the formats.
"""

from __future__ import annotations

import json
import math
from typing import Any, Literal

from app.storage.documents import DocumentStore
from app.storage.history import ConversationRecord, ConversationSummary, HistoryStore
from app.storage.poems import Poem, PoemCandidate, PoemStore

FORMAT = "penwright-history"
VERSION = 1
ExportFormat = Literal["json", "markdown", "html"]


class ExchangeError(ValueError):
    """A file cannot be imported; the message names where and what is wrong."""


# -- selection ----------------------------------------------------------------------------
def select_conversations(
    store: HistoryStore, *, conversation_id: int | None = None, folder_id: int | None = None
) -> list[int]:
    """Ids to export: one conversation, the conversations of a folder, or (neither given)
    every conversation not soft-deleted; oldest first (by creation, then id).

    Raises:
        ValueError: the conversation or folder does not exist.
    """
    if conversation_id is not None:
        if store.get_conversation(conversation_id, include_deleted=True) is None:
            raise ValueError(f"there is no conversation {conversation_id}")
        return [conversation_id]
    if folder_id is not None:
        if store.get_folder(folder_id) is None:
            raise ValueError(f"there is no folder {folder_id}")
        found = store.list_conversations(folder=folder_id)
    else:
        found = store.list_conversations()
    return [c.id for c in sorted(found, key=lambda c: (c.created_at, c.id))]


def conversation(store: HistoryStore, conversation_id: int) -> ConversationSummary:
    """The summary of a conversation to export (soft-deleted ones too).

    Raises:
        ValueError: there is no such conversation.
    """
    summary = store.get_conversation(conversation_id, include_deleted=True)
    if summary is None:
        raise ValueError(f"there is no conversation {conversation_id}")
    return summary


# -- storing ------------------------------------------------------------------------------
def insert_records(store: HistoryStore, records: list[ConversationRecord], source: str) -> list[int]:
    """Insert the records with their stories' aids and poems, in one transaction; returns
    the new conversation ids, in order.

    Raises:
        ExchangeError: a record could not be stored (the message starts with ``source``);
            nothing was stored.
    """
    documents = DocumentStore(store)
    poems = PoemStore(store)
    try:
        with store.transaction():
            inserted = store.insert_conversations_keyed(records)
            for record, (cid, keys) in zip(records, inserted, strict=True):
                story = record.story
                if story is not None:
                    documents.save_aids(
                        cid,
                        memory=story.get("memory", ""),
                        authors_note=story.get("authors_note", ""),
                        note_depth=story.get("note_depth", 3),
                        lorebook=story.get("lorebook", []),
                        preset=story.get("preset"),
                        ai_spans=story.get("ai_spans", []),
                        updated_at=record.updated_at,
                    )
                if record.poem is not None:
                    _restore_poem(poems, cid, keys, record)
    except (ValueError, OverflowError) as exc:  # OverflowError: a number beyond SQLite's 64 bits
        raise ExchangeError(f"{source}: {exc}") from exc
    return [cid for cid, _keys in inserted]


def _restore_poem(poems: PoemStore, cid: int, keys: dict[int, int], record: ConversationRecord) -> None:
    data = record.poem
    assert data is not None

    def message(name: str) -> int | None:
        key = data.get(name)
        if key is None:
            return None
        if key not in keys:
            raise ValueError(f"conversation {record.title!r}: poem {name} {key} is not one of its messages")
        return keys[key]

    poems.restore(
        Poem(
            conversation_id=cid,
            form_id=data["form_id"],
            topic=data.get("topic", ""),
            note=data.get("note", ""),
            decoding=dict(data.get("decoding") or {}),
            candidates=[PoemCandidate.from_dict(c) for c in data.get("candidates", [])],
            chosen_text=data.get("chosen_text"),
            chosen_score=data.get("chosen_score"),
            request_message_id=message("request_message"),
            chosen_message_id=message("chosen_message"),
        ),
        created_at=record.created_at,
        updated_at=record.updated_at,
    )


# -- reading JSON -------------------------------------------------------------------------
def load_json(text: str, source: str) -> Any:
    """``json.loads(text)``.

    Raises:
        ExchangeError: not valid JSON; the message gives the line and column.
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExchangeError(
            f"{source}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from exc


def is_number(value: Any) -> bool:
    """A finite int or float (not a bool)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


_MISSING = object()


class Fields:
    """Typed access to one JSON object's fields, with errors that name the field.

    Raises:
        ExchangeError: (on creation) ``data`` is not an object.
    """

    def __init__(self, data: Any, at: str) -> None:
        if not isinstance(data, dict):
            raise ExchangeError(f"{at}: expected an object, got {type(data).__name__}")
        self.data = data
        self.at = at

    def get(self, name: str, kind: type, *, optional: bool = False, default: Any = _MISSING) -> Any:
        """The field ``name`` checked to be a ``kind`` (float accepts any finite number);
        ``default`` for a missing or null field, None for a missing ``optional`` one.

        Raises:
            ExchangeError: missing (and neither default nor optional) or of another type.
        """
        value = self.data.get(name, _MISSING)
        if value is _MISSING or (value is None and default is not _MISSING):
            if default is not _MISSING:
                return default
            if optional:
                return None
            raise ExchangeError(f"{self.at}.{name}: missing")
        if value is None and optional:
            return None
        if kind is float:
            if not is_number(value):
                raise ExchangeError(f"{self.at}.{name}: expected a number, got {value!r}")
            return value
        if kind is int and (not isinstance(value, int) or isinstance(value, bool)):
            raise ExchangeError(f"{self.at}.{name}: expected a whole number, got {value!r}")
        if not isinstance(value, kind):
            raise ExchangeError(
                f"{self.at}.{name}: expected {_KIND_NAMES.get(kind, kind.__name__)}, got {value!r}"
            )
        return value


_KIND_NAMES = {str: "text", dict: "an object", list: "a list", bool: "true or false", int: "a whole number"}
