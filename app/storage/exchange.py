"""Export and import of the history: Markdown, JSON, HTML out; Penwright JSON and ChatGPT in.

Qt-free. Exports take a list of conversation ids (see :func:`select_conversations` for one
conversation, a folder, or everything) and return text; :func:`write_export` writes it
to a file atomically.

- **JSON** (:func:`export_json`) is complete: every branch, parameters, seeds, usage,
  timestamps, status and finish reason, the draft, folder name, pin and active branch.
  Format::

      {"format": "penwright-history", "version": 1, "exported_at": <Unix s>,
       "conversations": [{"title", "pane", "model", "provider", "folder", "pinned",
                          "created_at", "updated_at", "draft", "active_leaf",
                          "story": {"memory", "authors_note", "note_depth", "lorebook",
                                    "preset", "ai_spans"},                  (optional)
                          "poem": {"form_id", "topic", "note", "decoding",
                                   "candidates": [{"text", "score", "mean_logprob",
                                                   "sum_logprob", "tokens", "seed",
                                                   "reason", "decoder", "beam_score",
                                                   "ticked"}, ...],
                                   "chosen_text", "chosen_score",
                                   "request_message", "chosen_message"},    (optional)
                          "messages": [{"id", "parent", "role", "content", "status",
                                        "finish_reason", "model", "params", "seed",
                                        "usage", "created_at", "updated_at"}, ...]}, ...]}

  Message ``id`` s are numbered 1, 2, … within each conversation (parents first), so an
  export of an imported file is identical to the file, ``exported_at`` aside (case C15).
  ``story`` (a story's writing aids, :mod:`app.storage.documents`; its text is the
  ``draft``) is present only when the conversation has a ``documents`` row; its
  ``ai_spans`` (the text the model wrote, with token log-probabilities: shape and UTF-16
  positions in the ``draft`` as :attr:`app.storage.documents.StoryDocument.ai_spans`)
  only when there are any, and only those that fit the draft; ``poem``
  (:mod:`app.storage.poems`; candidates as :meth:`PoemCandidate.to_dict`, the request and
  the chosen poem as message ``id`` s of the conversation, or null) only when it has a
  ``poems`` row, so a chat's export is as before. Both are optional in version 1: readers
  ignore keys they do not know. A story's version history (``document_versions``) is
  not exported; an imported story starts without versions.
- **Markdown** and **HTML** are for reading: the active branch of each conversation with
  title, pane, model, dates and roles; messages on other branches are counted, not shown.
  HTML is one self-contained file: message text is rendered as Markdown by markdown-it-py
  with raw HTML disabled (so it is escaped), images shown as links (nothing is fetched),
  and a Content-Security-Policy that forbids loading anything.

Imports (:func:`import_penwright_json`, :func:`import_chatgpt`, :func:`import_file`) check
the whole file first and insert everything in one transaction: a malformed file raises
:class:`ExchangeError`, naming the place and the problem, and imports nothing.
"""

from __future__ import annotations

import datetime as _dt
import html
import json
import math
import os
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from app.storage.documents import DocumentStore, check_ai_spans, usable_ai_spans
from app.storage.history import (
    ROLES,
    STATUSES,
    ConversationRecord,
    ConversationSummary,
    HistoryStore,
    MessageRecord,
    StoredMessage,
)
from app.storage.poems import Poem, PoemCandidate, PoemStore

FORMAT = "penwright-history"
VERSION = 1
ExportFormat = Literal["json", "markdown", "html"]

_PANE_LABELS = {"chat": "Chat", "story": "Story", "poetry": "Poetry", "qa": "Q&A"}
_ROLE_LABELS = {"system": "System", "user": "User", "assistant": "Assistant"}


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


def _conversation(store: HistoryStore, conversation_id: int) -> ConversationSummary:
    summary = store.get_conversation(conversation_id, include_deleted=True)
    if summary is None:
        raise ValueError(f"there is no conversation {conversation_id}")
    return summary


# -- JSON ---------------------------------------------------------------------------------
def export_json(store: HistoryStore, conversation_ids: Sequence[int]) -> str:
    """The conversations as Penwright JSON (format above), UTF-8 text ending in a newline.

    Raises:
        ValueError: an id is not a conversation.
    """
    documents = DocumentStore(store)
    poems = PoemStore(store)
    conversations = []
    for cid in conversation_ids:
        summary = _conversation(store, cid)
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
    data = _load_json(text, source)
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
        c = _Fields(item, at)
        raw_messages = c.get("messages", list)
        messages: list[MessageRecord] = []
        seen: set[int] = set()
        for mi, raw in enumerate(raw_messages):
            m = _Fields(raw, f"{at}.messages[{mi}]")
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
                    if not _is_number(value):
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
    s = _Fields(raw, at)
    lorebook = s.get("lorebook", list, default=[])
    for i, entry in enumerate(lorebook):
        _Fields(entry, f"{at}.lorebook[{i}]")
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
    p = _Fields(raw, at)
    form_id = p.get("form_id", str)
    candidates = []
    for i, item in enumerate(p.get("candidates", list, default=[])):
        c = _Fields(item, f"{at}.candidates[{i}]")
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
    return _insert(store, parse_penwright_json(text, source), source)


# -- ChatGPT ------------------------------------------------------------------------------
def parse_chatgpt(text: str, source: str = "conversations.json") -> list[ConversationRecord]:
    """Check a ChatGPT export (``conversations.json``) and turn it into records.

    Each conversation's ``mapping`` is a tree of nodes ``{id, parent, children, message}``;
    messages are taken in tree order (parents first, children in their listed order).
    Kept: user, assistant and non-empty system messages, with their string ``parts`` (or
    ``text``) joined by newlines. Skipped: nodes without a message, ``tool`` messages,
    empty messages and those marked hidden (``metadata.is_visually_hidden_from_conversation``);
    their children attach to the nearest kept ancestor. ``current_node`` (or its nearest
    kept ancestor) becomes the active branch. ``metadata.model_slug`` gives each message's
    model; ``finish_details.type`` 'stop' / 'max_tokens' become 'stop' / 'length'.

    Raises:
        ExchangeError: not JSON, not a list of conversations, a node whose parent or child
            is not in its mapping, a cycle, or a field of the wrong type; the message
            names the conversation (number and title) and the node.
    """
    data = _load_json(text, source)
    if not isinstance(data, list):
        raise ExchangeError(f"{source}: expected a list of conversations (ChatGPT's conversations.json)")
    return _chatgpt_records(data, source)


def _chatgpt_records(items: Iterable[Any], source: str) -> list[ConversationRecord]:
    return [_chatgpt_conversation(item, f"{source}: conversation {ci + 1}") for ci, item in enumerate(items)]


def _chatgpt_conversation(item: Any, at: str) -> ConversationRecord:
    if not isinstance(item, dict):
        raise ExchangeError(f"{at}: expected an object, got {type(item).__name__}")
    title = item.get("title")
    if title is not None and not isinstance(title, str):
        raise ExchangeError(f"{at}: title must be text")
    title = title or "ChatGPT conversation"
    at = f"{at} ({title!r})"
    mapping = item.get("mapping")
    if not isinstance(mapping, dict):
        raise ExchangeError(f"{at}: mapping must be an object of nodes")
    created = _chatgpt_time(item.get("create_time"), f"{at}: create_time")
    updated = _chatgpt_time(item.get("update_time"), f"{at}: update_time")
    # Check every node and link before walking.
    parents: dict[str, str | None] = {}
    children: dict[str, list[str]] = {}
    for node_id, node in mapping.items():
        if not isinstance(node, dict):
            raise ExchangeError(f"{at}: node {node_id!r} must be an object")
        parent = node.get("parent")
        if parent is not None and (not isinstance(parent, str) or parent not in mapping):
            raise ExchangeError(
                f"{at}: node {node_id!r} names parent {parent!r}, which is not in its mapping"
            )
        listed = node.get("children", [])
        if not isinstance(listed, list) or not all(isinstance(c, str) for c in listed):
            raise ExchangeError(f"{at}: node {node_id!r}: children must be a list of node ids")
        for child in listed:
            if child not in mapping:
                raise ExchangeError(
                    f"{at}: node {node_id!r} lists child {child!r}, which is not in its mapping"
                )
        parents[node_id] = parent
        children[node_id] = list(listed)
    # The parent links decide the tree; each node's "children" list gives their order.
    by_parent: dict[str, list[str]] = {}
    for node_id, parent in parents.items():
        if parent is not None:
            by_parent.setdefault(parent, []).append(node_id)
    ordered: dict[str, list[str]] = {}
    for parent, kids in by_parent.items():
        position = {child: i for i, child in enumerate(children[parent])}
        ordered[parent] = sorted(kids, key=lambda child: position.get(child, len(position)))
    roots = [n for n, p in parents.items() if p is None]
    if mapping and not roots:
        raise ExchangeError(f"{at}: the mapping has no root node (every node has a parent: a cycle)")

    messages: list[MessageRecord] = []
    kept_for: dict[str, int | None] = {}  # node -> key of its nearest kept ancestor-or-self
    last_time = created
    visited: set[str] = set()
    stack: list[tuple[str, int | None]] = [(r, None) for r in reversed(roots)]
    while stack:
        node_id, parent_key = stack.pop()
        if node_id in visited:
            raise ExchangeError(f"{at}: node {node_id!r} is reached twice (a cycle)")
        visited.add(node_id)
        key = parent_key
        message = _chatgpt_message(mapping[node_id].get("message"), f"{at}: node {node_id!r}")
        if message is not None:
            role, content, when, model, finish = message
            when = when if when is not None else last_time
            last_time = when
            key = len(messages) + 1
            messages.append(
                MessageRecord(
                    key=key,
                    parent_key=parent_key,
                    role=role,
                    content=content,
                    created_at=when,
                    updated_at=when,
                    finish_reason=finish,
                    model=model,
                )
            )
        kept_for[node_id] = key
        stack.extend((child, key) for child in reversed(ordered.get(node_id, [])))
    if len(visited) != len(mapping):
        lost = next(n for n in mapping if n not in visited)
        raise ExchangeError(f"{at}: node {lost!r} cannot be reached from a root (a cycle)")
    current = item.get("current_node")
    active: int | None = None
    if current is not None:
        if not isinstance(current, str) or current not in mapping:
            raise ExchangeError(f"{at}: current_node {current!r} is not in its mapping")
        active = kept_for[current]
    slug = item.get("default_model_slug")
    model = slug if isinstance(slug, str) else ""
    if not model and active is not None:
        model = next((m.model for m in reversed(messages[:active]) if m.model), "")
    return ConversationRecord(
        title=title,
        pane="chat",
        created_at=created,
        updated_at=max(updated, created) if item.get("update_time") is not None else last_time,
        model=model,
        provider="chatgpt",
        active_leaf_key=active,
        messages=tuple(messages),
    )


def _chatgpt_message(message: Any, at: str) -> tuple[str, str, float | None, str, str | None] | None:
    """(role, text, time, model, finish reason) of a node's message, None if skipped."""
    if message is None:
        return None
    if not isinstance(message, dict):
        raise ExchangeError(f"{at}: message must be an object")
    author = message.get("author")
    if not isinstance(author, dict) or not isinstance(author.get("role"), str):
        raise ExchangeError(f"{at}: message.author.role is missing")
    role: str = author["role"]
    content = message.get("content")
    if not isinstance(content, dict):
        raise ExchangeError(f"{at}: message.content must be an object")
    parts = content.get("parts")
    if parts is not None and not isinstance(parts, list):
        raise ExchangeError(f"{at}: message.content.parts must be a list")
    texts: list[str] = []
    for part in parts or []:
        if isinstance(part, str):
            texts.append(part)
        elif isinstance(part, dict) and isinstance(part.get("text"), str):
            texts.append(part["text"])
    if parts is None and isinstance(content.get("text"), str):
        texts.append(content["text"])
    text = "\n".join(texts)
    when_raw = message.get("create_time")
    when = None if when_raw is None else _chatgpt_time(when_raw, f"{at}: message.create_time")
    raw_metadata = message.get("metadata")
    metadata: dict[str, Any] = raw_metadata if isinstance(raw_metadata, dict) else {}
    if role not in ROLES or not text.strip() or metadata.get("is_visually_hidden_from_conversation"):
        return None
    slug = metadata.get("model_slug")
    model = slug if isinstance(slug, str) else ""
    finish = None
    details = metadata.get("finish_details")
    if isinstance(details, dict) and isinstance(details.get("type"), str):
        finish = {"stop": "stop", "max_tokens": "length"}.get(details["type"], details["type"])
    return role, text, when, model, finish


def _chatgpt_time(value: Any, at: str) -> float:
    if value is None:
        return 0.0
    if not _is_number(value):
        raise ExchangeError(f"{at}: expected Unix seconds, got {value!r}")
    return float(value)


def import_chatgpt(store: HistoryStore, text: str, source: str = "conversations.json") -> list[int]:
    """Import ChatGPT's ``conversations.json`` (all of it or nothing) as chat
    conversations (provider 'chatgpt'); returns the new ids.

    Raises:
        ExchangeError: see :func:`parse_chatgpt`; nothing was imported.
    """
    return _insert(store, parse_chatgpt(text, source), source)


def import_file(store: HistoryStore, path: Path) -> list[int]:
    """Import a file, recognising Penwright JSON (an object with ``"format"``) or ChatGPT's
    ``conversations.json`` (a list). Returns the new conversation ids.

    Raises:
        ExchangeError: unreadable, not UTF-8, not one of the two formats, or malformed;
            nothing was imported.
    """
    return _insert(store, parse_file(path), Path(path).name)


def parse_file(path: Path) -> list[ConversationRecord]:
    """Read and check a file for :func:`import_file` (Penwright JSON or ChatGPT's
    ``conversations.json``) and turn it into records; nothing is stored.

    Raises:
        ExchangeError: as :func:`import_file`.
    """
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ExchangeError(f"{path.name}: cannot be read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise ExchangeError(f"{path.name}: not UTF-8 text (byte {exc.start})") from exc
    if text[:4096].lstrip()[:1] == "[":  # a list: ChatGPT's, often hundreds of MB
        items = _json_list_items(text)
        try:
            try:
                return _chatgpt_records(items, path.name)
            except ExchangeError:
                for _rest in items:  # broken JSON further on is reported first, as by json.loads
                    pass
                raise
        except _NotPlainList:  # broken JSON: parse_chatgpt says where
            return parse_chatgpt(text, path.name)
    data = _load_json(text, path.name)
    if isinstance(data, list):
        return parse_chatgpt(text, path.name)
    if isinstance(data, dict) and "format" in data:
        del data
        return parse_penwright_json(text, path.name)
    raise ExchangeError(f"{path.name}: neither a Penwright history export nor ChatGPT's conversations.json")


class _NotPlainList(Exception):
    """:func:`_json_list_items` met something other than a valid JSON list."""


_JSON_SPACE = re.compile(r"[ \t\n\r]*")


def _json_list_items(text: str) -> Iterator[Any]:
    """The items of the JSON list ``text``, decoded one at a time: the same values as
    ``json.loads(text)``, without holding the whole tree in memory nor holding the GIL for
    the whole file (a worker thread parsing hundreds of MB would freeze the window).

    Raises:
        _NotPlainList: ``text`` is not valid JSON (or not a list); nothing says where.
    """
    decoder = json.JSONDecoder()
    at = _skip_space(text, 0)
    if text[at : at + 1] != "[":
        raise _NotPlainList
    at = _skip_space(text, at + 1)
    if text[at : at + 1] != "]":
        while True:
            try:
                item, at = decoder.raw_decode(text, at)
            except json.JSONDecodeError as exc:
                raise _NotPlainList from exc
            yield item
            at = _skip_space(text, at)
            if text[at : at + 1] == "]":
                break
            if text[at : at + 1] != ",":
                raise _NotPlainList
            at = _skip_space(text, at + 1)
    if _skip_space(text, at + 1) != len(text):
        raise _NotPlainList


def _skip_space(text: str, at: int) -> int:
    """The position of the first non-whitespace character (JSON's whitespace) from ``at``."""
    found = _JSON_SPACE.match(text, at)
    return found.end() if found else at


def _insert(store: HistoryStore, records: list[ConversationRecord], source: str) -> list[int]:
    """Insert the records with their stories' aids and poems, in one transaction."""
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


# -- Markdown -----------------------------------------------------------------------------
def export_markdown(store: HistoryStore, conversation_ids: Sequence[int]) -> str:
    """The conversations as readable Markdown: per conversation a ``#`` title, a line of
    facts (pane, model, provider, dates, message count), then each message of the active
    branch under a ``###`` heading with its role, model and date. Partial replies are
    marked; a story's document is included; a poem gets a line with its form and topic.
    Dates are local time with UTC offset.

    Raises:
        ValueError: an id is not a conversation.
    """
    poems = PoemStore(store)
    parts = []
    for cid in conversation_ids:
        summary = _conversation(store, cid)
        thread = store.thread(cid)
        lines = [f"# {summary.title}", "", _facts(summary, len(thread)), ""]
        poem_line = _poem_facts(poems, cid)
        if poem_line:
            lines += [poem_line, ""]
        draft = store.get_draft(cid)
        if draft:
            lines += ["## Document", "", draft, "", "## Messages", ""]
        for m in thread:
            lines += [f"### {_heading(m)}", "", m.content, ""]
            if m.is_partial:
                lines += [f"*(partial reply: {m.finish_reason or 'interrupted'})*", ""]
        parts.append("\n".join(lines))
    return "\n---\n\n".join(parts).rstrip("\n") + "\n"


def _facts(summary: ConversationSummary, shown: int) -> str:
    facts = [_PANE_LABELS.get(summary.pane, summary.pane)]
    if summary.model:
        facts.append(f"model {summary.model}" + (f" ({summary.provider})" if summary.provider else ""))
    facts.append(f"created {_date(summary.created_at)}")
    facts.append(f"updated {_date(summary.updated_at)}")
    count = f"{summary.message_count} messages"
    if summary.message_count > shown:
        count += f" ({summary.message_count - shown} on other branches, in the JSON export)"
    facts.append(count)
    return " · ".join(facts)


def _poem_facts(poems: PoemStore, conversation_id: int) -> str | None:
    """``Form: <form id> · topic: <topic>`` for a poem (topic left out when empty), else None."""
    poem = poems.get(conversation_id)
    if poem is None:
        return None
    return f"Form: {poem.form_id}" + (f" · topic: {poem.topic}" if poem.topic else "")


def _heading(m: StoredMessage) -> str:
    label = _ROLE_LABELS.get(m.role, m.role)
    if m.role == "assistant" and m.model:
        label += f" ({m.model})"
    return f"{label} · {_date(m.created_at)}"


def _date(seconds: float) -> str:
    return _dt.datetime.fromtimestamp(seconds).astimezone().strftime("%Y-%m-%d %H:%M %z")


# -- HTML ---------------------------------------------------------------------------------
_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:50rem;margin:2rem auto;
padding:0 1rem;line-height:1.5;color:#1d1d1f;background:#fff}
article{margin-bottom:3rem}.facts{color:#666;font-size:.9em}
.msg{border-left:4px solid #ccc;padding:.25rem 1rem;margin:1rem 0}
.msg.user{border-color:#3b82f6}.msg.assistant{border-color:#10b981}.msg.system{border-color:#a855f7}
.msg header{font-weight:600;font-size:.9em;color:#444}.partial{color:#b45309;font-style:italic}
pre{background:#f4f4f5;padding:.75rem;overflow-x:auto;border-radius:4px}
code{font-family:ui-monospace,Menlo,Consolas,monospace}
.draft{white-space:pre-wrap}
@media (prefers-color-scheme:dark){body{background:#18181b;color:#e4e4e7}
.facts,.msg header{color:#a1a1aa}pre{background:#27272a}}
"""


def _render_image(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    alt = self.renderInlineAsText(token.children or [], options, env) or "image"
    src = str(token.attrGet("src") or "")
    return f'<a class="image" href="{escapeHtml(src)}">[image: {escapeHtml(alt)}]</a>'


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.add_render_rule("image", _render_image)
    return md


def export_html(store: HistoryStore, conversation_ids: Sequence[int], title: str | None = None) -> str:
    """One self-contained HTML page: the same content as :func:`export_markdown`, message
    text rendered from Markdown (raw HTML escaped, images as links), inline CSS only and a
    Content-Security-Policy that loads nothing from anywhere.

    Raises:
        ValueError: an id is not a conversation.
    """
    md = _markdown()
    poems = PoemStore(store)
    articles = []
    titles = []
    for cid in conversation_ids:
        summary = _conversation(store, cid)
        titles.append(summary.title)
        thread = store.thread(cid)
        body = [
            f"<article><h1>{html.escape(summary.title)}</h1>",
            f'<p class="facts">{html.escape(_facts(summary, len(thread)))}</p>',
        ]
        poem_line = _poem_facts(poems, cid)
        if poem_line:
            body.append(f'<p class="facts">{html.escape(poem_line)}</p>')
        draft = store.get_draft(cid)
        if draft:
            body.append(f'<h2>Document</h2><div class="draft">{html.escape(draft)}</div><h2>Messages</h2>')
        for m in thread:
            role = m.role if m.role in ROLES else "other"
            partial = (
                f'<p class="partial">(partial reply: {html.escape(m.finish_reason or "interrupted")})</p>'
                if m.is_partial
                else ""
            )
            body.append(
                f'<section class="msg {role}"><header>{html.escape(_heading(m))}</header>'
                f"{md.render(m.content)}{partial}</section>"
            )
        body.append("</article>")
        articles.append("\n".join(body))
    page_title = title or (titles[0] if len(titles) == 1 else "Penwright history")
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(page_title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(articles)
        + "\n</body>\n</html>\n"
    )


# -- files --------------------------------------------------------------------------------
def write_export(
    store: HistoryStore, path: Path, conversation_ids: Sequence[int], fmt: ExportFormat | None = None
) -> Path:
    """Write an export to ``path`` (UTF-8, via a temporary file then rename, so a failed
    write never leaves half a file). ``fmt`` defaults from the suffix: .json, .md /
    .markdown, .html / .htm. Returns ``path``.

    Raises:
        ValueError: unknown format or conversation.
        OSError: the file cannot be written.
    """
    path = Path(path)
    if fmt is None:
        by_suffix: dict[str, ExportFormat] = {
            ".json": "json",
            ".md": "markdown",
            ".markdown": "markdown",
            ".html": "html",
            ".htm": "html",
        }
        found = by_suffix.get(path.suffix.lower())
        if found is None:
            raise ValueError(f"cannot tell the export format from {path.name!r}; use .json, .md or .html")
        fmt = found
    if fmt == "json":
        text = export_json(store, conversation_ids)
    elif fmt == "markdown":
        text = export_markdown(store, conversation_ids)
    elif fmt == "html":
        text = export_html(store, conversation_ids)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    part = path.with_name(path.name + ".part")
    part.write_text(text, encoding="utf-8", newline="\n")
    os.replace(part, path)
    return path


# -- helpers ------------------------------------------------------------------------------
def _load_json(text: str, source: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExchangeError(
            f"{source}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from exc


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


_MISSING = object()


class _Fields:
    """Typed access to one JSON object's fields, with errors that name the field."""

    def __init__(self, data: Any, at: str) -> None:
        if not isinstance(data, dict):
            raise ExchangeError(f"{at}: expected an object, got {type(data).__name__}")
        self.data = data
        self.at = at

    def get(self, name: str, kind: type, *, optional: bool = False, default: Any = _MISSING) -> Any:
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
            if not _is_number(value):
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
