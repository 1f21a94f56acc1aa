"""Penwright's own JSON format: the complete export (every branch and everything stored
with a conversation) and its import. Format: :mod:`app.storage.exchange`.

Qt-free.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from typing import Any

from app.storage.documents import DocumentStore, check_ai_spans, usable_ai_spans
from app.storage.exchange.common import (
    FORMAT,
    VERSION,
    ExchangeError,
    Fields,
    conversation,
    insert_records,
    is_number,
    load_json,
)
from app.storage.history import ROLES, STATUSES, ConversationRecord, HistoryStore, MessageRecord
from app.storage.poems import PoemCandidate, PoemStore


def export_json(store: HistoryStore, conversation_ids: Sequence[int]) -> str:
    """The conversations as Penwright JSON (format above), UTF-8 text ending in a newline.

    Raises:
        ValueError: an id is not a conversation.
    """
    documents = DocumentStore(store)
    poems = PoemStore(store)
    conversations = []
    for cid in conversation_ids:
        summary = conversation(store, cid)
        messages = store.all_messages(cid)
        local = {m.id: n for n, m in enumerate(messages, 1)}
        thread = store.thread(cid)
        folder = store.get_folder(summary.folder_id) if summary.folder_id is not None else None
        entry: dict[str, Any] = {
            "title": summary.title,
            "pane": summary.pane,
            "model": summary.model,
            "provider": summary.provider,
            "folder": folder.name if folder else None,
            "pinned": summary.pinned,
            "created_at": summary.created_at,
            "updated_at": summary.updated_at,
            "draft": store.get_draft(cid),
            "active_leaf": local[thread[-1].id] if thread else None,
        }
        aids = documents.aids(cid)
        if aids is not None:
            spans, _left_out = usable_ai_spans(aids.pop("ai_spans"), entry["draft"] or "")
            if spans:  # only spans that fit the draft, so that the file can be imported
                aids["ai_spans"] = spans
            entry["story"] = aids
        poem = poems.get(cid)
        if poem is not None:
            entry["poem"] = {
                "form_id": poem.form_id,
                "topic": poem.topic,
                "note": poem.note,
                "decoding": poem.decoding,
                "candidates": [c.to_dict() for c in poem.candidates],
                "chosen_text": poem.chosen_text,
                "chosen_score": poem.chosen_score,
                "request_message": _local_id(local, poem.request_message_id),
                "chosen_message": _local_id(local, poem.chosen_message_id),
            }
        entry["messages"] = [
            {
                "id": local[m.id],
                "parent": local.get(m.parent_id) if m.parent_id is not None else None,
                "role": m.role,
                "content": m.content,
                "status": m.status,
                "finish_reason": m.finish_reason,
                "model": m.model,
                "params": m.params,
                "seed": m.seed,
                "usage": m.usage.to_dict() if m.usage else None,
                "created_at": m.created_at,
                "updated_at": m.updated_at,
            }
            for m in messages
        ]
        conversations.append(entry)
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": time.time(),
        "conversations": conversations,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _local_id(local: dict[int, int], message_id: int | None) -> int | None:
    """A message's number in the export; None for none or one no longer there."""
    return None if message_id is None else local.get(message_id)


def parse_penwright_json(text: str, source: str = "file") -> list[ConversationRecord]:
    """Check a Penwright JSON export and turn it into records (nothing is stored).

    A conversation's ``story`` (its ``ai_spans`` against the ``draft`` by
    :func:`~app.storage.documents.check_ai_spans`) and ``poem`` objects are checked too and
    kept on the record (:attr:`ConversationRecord.story`, :attr:`ConversationRecord.poem`,
    shapes there; candidates normalised by :meth:`PoemCandidate.from_dict`); unknown keys
    are ignored.

    Raises:
        ExchangeError: not JSON, not this format, a newer version, or a field missing or
            of the wrong type; the message names the field, e.g.
            ``conversations[0].messages[3].parent: 9 is not an earlier message id``,
            ``conversations[2].poem.candidates[1]: expected an object, got str`` or
            ``conversations[1].story.ai_spans[0].end: 90 is beyond the text (31 UTF-16
            units)``.
    """
    data = load_json(text, source)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ExchangeError(f'{source}: not a Penwright history export (no "format": "{FORMAT}")')
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ExchangeError(f"{source}: version must be a whole number, got {version!r}")
    if version > VERSION:
        raise ExchangeError(
            f"{source}: written by a newer Penwright (format version {version}; this one reads "
            f"{VERSION}). Update Penwright to import it."
        )
    items = data.get("conversations")
    if not isinstance(items, list):
        raise ExchangeError(f"{source}: conversations must be a list")
    records = []
    for ci, item in enumerate(items):
        at = f"{source}: conversations[{ci}]"
        c = Fields(item, at)
        raw_messages = c.get("messages", list)
        messages: list[MessageRecord] = []
        seen: set[int] = set()
        for mi, raw in enumerate(raw_messages):
            m = Fields(raw, f"{at}.messages[{mi}]")
            key = m.get("id", int)
            parent = m.get("parent", int, optional=True)
            if key in seen:
                raise ExchangeError(f"{m.at}.id: {key} is used twice in this conversation")
            if parent is not None and parent not in seen:
                raise ExchangeError(f"{m.at}.parent: {parent} is not an earlier message id")
            role = m.get("role", str)
            if role not in ROLES:
                raise ExchangeError(f"{m.at}.role: {role!r} is not one of {', '.join(ROLES)}")
            status = m.get("status", str, default="final")
            if status not in STATUSES:
                raise ExchangeError(f"{m.at}.status: {status!r} is not one of {', '.join(STATUSES)}")
            usage = m.get("usage", dict, optional=True)
            if usage is not None:
                for name, value in usage.items():
                    if not is_number(value):
                        raise ExchangeError(f"{m.at}.usage.{name}: expected a number, got {value!r}")
            created = m.get("created_at", float)
            seen.add(key)
            messages.append(
                MessageRecord(
                    key=key,
                    parent_key=parent,
                    role=role,
                    content=m.get("content", str),
                    created_at=created,
                    updated_at=m.get("updated_at", float, default=created),
                    status=status,
                    finish_reason=m.get("finish_reason", str, optional=True),
                    model=m.get("model", str, default=""),
                    params=m.get("params", dict, optional=True),
                    seed=m.get("seed", int, optional=True),
                    usage=usage,
                )
            )
        active = c.get("active_leaf", int, optional=True)
        if active is not None and active not in seen:
            raise ExchangeError(f"{at}.active_leaf: {active} is not a message id of this conversation")
        draft = c.get("draft", str, optional=True)
        raw_story = c.get("story", dict, optional=True)
        story = None if raw_story is None else _parse_story(raw_story, f"{at}.story", draft or "")
        raw_poem = c.get("poem", dict, optional=True)
        poem = None if raw_poem is None else _parse_poem(raw_poem, f"{at}.poem", seen)
        created = c.get("created_at", float)
        records.append(
            ConversationRecord(
                title=c.get("title", str),
                pane=c.get("pane", str, default="chat"),
                created_at=created,
                updated_at=c.get("updated_at", float, default=created),
                model=c.get("model", str, default=""),
                provider=c.get("provider", str, default=""),
                draft=draft,
                pinned=c.get("pinned", bool, default=False),
                folder=c.get("folder", str, optional=True),
                active_leaf_key=active,
                messages=tuple(messages),
                story=story,
                poem=poem,
            )
        )
    return records


def _parse_story(raw: dict[str, Any], at: str, draft: str) -> dict[str, Any]:
    """A checked ``story`` object (shape: :attr:`ConversationRecord.story`); its
    ``ai_spans`` must fit ``draft``."""
    s = Fields(raw, at)
    lorebook = s.get("lorebook", list, default=[])
    for i, entry in enumerate(lorebook):
        Fields(entry, f"{at}.lorebook[{i}]")
    try:
        ai_spans = check_ai_spans(s.get("ai_spans", list, default=[]), draft, f"{at}.ai_spans")
    except ValueError as exc:
        raise ExchangeError(str(exc)) from exc
    return {
        "memory": s.get("memory", str, default=""),
        "authors_note": s.get("authors_note", str, default=""),
        "note_depth": s.get("note_depth", int, default=3),
        "lorebook": list(lorebook),
        "preset": s.get("preset", dict, optional=True),
        "ai_spans": ai_spans,
    }


def _parse_poem(raw: dict[str, Any], at: str, message_ids: set[int]) -> dict[str, Any]:
    """A checked ``poem`` object (shape: :attr:`ConversationRecord.poem`); its message
    references must be among ``message_ids``."""
    p = Fields(raw, at)
    form_id = p.get("form_id", str)
    candidates = []
    for i, item in enumerate(p.get("candidates", list, default=[])):
        c = Fields(item, f"{at}.candidates[{i}]")
        c.get("text", str)
        c.get("score", float, optional=True)
        c.get("ticked", list, optional=True)
        candidates.append(PoemCandidate.from_dict(c.data).to_dict())
    references: dict[str, int | None] = {}
    for name in ("request_message", "chosen_message"):
        key = p.get(name, int, optional=True)
        if key is not None and key not in message_ids:
            raise ExchangeError(f"{at}.{name}: {key} is not a message id of this conversation")
        references[name] = key
    score = p.get("chosen_score", float, optional=True)
    return {
        "form_id": form_id,
        "topic": p.get("topic", str, default=""),
        "note": p.get("note", str, default=""),
        "decoding": dict(p.get("decoding", dict, default={})),
        "candidates": candidates,
        "chosen_text": p.get("chosen_text", str, optional=True),
        "chosen_score": None if score is None else float(score),
        **references,
    }


def import_penwright_json(store: HistoryStore, text: str, source: str = "file") -> list[int]:
    """Import a Penwright JSON export (all of it or nothing); returns the new conversation
    ids. Folders are matched by name (created if missing).

    Raises:
        ExchangeError: the file is malformed (see :func:`parse_penwright_json`); nothing
            was imported.
    """
    return insert_records(store, parse_penwright_json(text, source), source)
