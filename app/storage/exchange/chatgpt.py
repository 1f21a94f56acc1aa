"""Import of ChatGPT's data export (``conversations.json``), saying what it leaves out (C30).

Qt-free. The file is a list of conversations ``{"id" (older exports: "conversation_id", or
neither), "title", "create_time", "update_time", "mapping", "current_node",
"default_model_slug"}``; ``mapping`` is a tree of nodes ``{"id", "parent", "children",
"message"}`` (the root's ``message`` is null) and a message is ``{"id", "author": {"role",
"name", "metadata"}, "content": {"content_type", ...}, "create_time", "metadata",
"recipient", "status"}`` (shapes as in pionxzh/chatgpt-exporter ``src/api.ts``,
``ConversationNodeMessage``).

What becomes of each ``content_type``:

- ``text``: the string ``parts`` (and the ``text`` of object parts) joined by newlines.
- ``multimodal_text``: its text parts and ``audio_transcription`` texts are kept;
  ``image_asset_pointer`` parts (uploaded or generated images: only a pointer to OpenAI's
  file store is in the file) are counted in :attr:`LeftOut.images`, audio and video
  pointers in :attr:`LeftOut.audio`.
- ``code`` (the model's call to a tool, usually Python): kept as a fenced code block.
- ``execution_output`` (the tool's reply, ``author.role`` "tool"): kept as a fenced block
  after ``Output from <tool name>:``; the images it showed (``metadata.aggregate_result
  .messages`` of ``message_type`` "image") are counted as images.
- ``thoughts`` and ``reasoning_recap`` (a reasoning model's notes and its "Thought for
  12s"): not imported, counted in :attr:`LeftOut.reasoning`.
- ``user_editable_context`` and ``model_editable_context`` (custom instructions and
  memory), and any message marked ``metadata.is_visually_hidden_from_conversation``: not
  imported (ChatGPT does not show them either); counted in :attr:`LeftOut.hidden` when
  they hold anything.
- other tool replies (web search, file search, quotes): not imported, counted in
  :attr:`LeftOut.tool`; any other content type with no text: counted by type in
  :attr:`LeftOut.other`.

The history stores only the roles ``system``, ``user`` and ``assistant``
(:data:`app.storage.history.ROLES`), so code and tool output become *assistant* messages
holding the fenced block, in their place in the tree. Messages that are not imported pass
their children to their nearest imported ancestor, so every text turn keeps its order;
``current_node`` (or its nearest imported ancestor) becomes the active branch. A
conversation with no text at all is not imported (no invisible empty conversation) and is
named in :attr:`LeftOut.empty`; a record with neither ``id`` nor ``conversation_id`` is
named in :attr:`LeftOut.no_id` (and imported if it has text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from app.storage.exchange.common import ExchangeError, insert_records, is_number, load_json
from app.storage.history import ROLES, ConversationRecord, HistoryStore, MessageRecord

_REASONING = ("thoughts", "reasoning_recap")
_CONTEXT = ("user_editable_context", "model_editable_context")
_AUDIO_PARTS = ("audio_asset_pointer", "real_time_user_audio_video_asset_pointer")


@dataclass
class LeftOut:
    """What an import left out of a file, counted, for the import summary (C30).

    Attributes:
        images: image parts (uploads, generated images, plots shown by code output).
        audio: audio and video parts of voice conversations (their transcripts are kept).
        reasoning: reasoning notes (``thoughts`` and ``reasoning_recap`` messages).
        hidden: hidden messages with content: custom instructions, memory, system prompts.
        tool: tool replies other than code output (web search results, file search, ...).
        other: content types not understood and with no text -> how many.
        empty: conversations with no text, not imported: labels such as
            ``"conversation 4 ('New chat')"`` or ``"conversation 5 (untitled)"``.
        no_id: conversations with neither ``id`` nor ``conversation_id``, same labels.
    """

    images: int = 0
    audio: int = 0
    reasoning: int = 0
    hidden: int = 0
    tool: int = 0
    other: dict[str, int] = field(default_factory=dict)
    empty: list[str] = field(default_factory=list)
    no_id: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.parts() or self.empty or self.no_id)

    def parts(self) -> int:
        """How many parts of messages (not conversations) were left out, in all."""
        return self.images + self.audio + self.reasoning + self.hidden + self.tool + sum(self.other.values())

    def sentences(self) -> list[str]:
        """The summary in plain English, one sentence per fact, e.g. ``["3 images and 2
        reasoning notes were not imported.", "1 conversation with no text was not
        imported: conversation 4 ('New chat')."]`` (at most ten conversations named, then
        how many more); empty when nothing was left out. (The window builds its own,
        translated, text from the fields.)"""
        counted = [
            _count(self.images, "image"),
            _count(self.audio, "audio clip"),
            _count(self.reasoning, "reasoning note"),
            _count(self.hidden, "hidden message"),
            _count(self.tool, "tool result"),
        ] + [_count(n, f"part of type {kind!r}", f"parts of type {kind!r}") for kind, n in self.other.items()]
        counted = [c for c in counted if c]
        out = []
        if counted:
            total = self.parts()
            out.append(f"{_and(counted)} {'was' if total == 1 else 'were'} not imported.")
        if self.empty:
            n = len(self.empty)
            out.append(
                f"{_count(n, 'conversation')} with no text {'was' if n == 1 else 'were'} not imported: "
                f"{_names(self.empty)}."
            )
        if self.no_id:
            n = len(self.no_id)
            out.append(f"{_count(n, 'conversation')} had no id in the file: {_names(self.no_id)}.")
        return out


def _count(n: int, one: str, many: str | None = None) -> str:
    if n == 0:
        return ""
    return f"{n} {one}" if n == 1 else f"{n} {many or one + 's'}"


def _names(labels: list[str], shown: int = 10) -> str:
    """The first ``shown`` labels, then how many more."""
    more = f" and {len(labels) - shown} more" if len(labels) > shown else ""
    return ", ".join(labels[:shown]) + more


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


@dataclass
class ParsedFile:
    """A checked import file: the ``records`` to store (nothing is stored yet) and what
    was ``left_out`` of them (nothing, for a Penwright export)."""

    records: list[ConversationRecord]
    left_out: LeftOut = field(default_factory=LeftOut)


def parse_chatgpt(text: str, source: str = "conversations.json") -> list[ConversationRecord]:
    """Check a ChatGPT export (``conversations.json``) and turn it into records (what
    :func:`read_chatgpt` gives, without the count of what was left out).

    Raises:
        ExchangeError: as :func:`read_chatgpt`.
    """
    return read_chatgpt(text, source).records


def read_chatgpt(text: str, source: str = "conversations.json") -> ParsedFile:
    """Check a ChatGPT export and turn it into records (see the module's description),
    counting what is left out. Messages are taken in tree order (parents first, children in
    their listed order); ``metadata.model_slug`` gives each message's model;
    ``finish_details.type`` 'stop' / 'max_tokens' become 'stop' / 'length'.

    Raises:
        ExchangeError: not JSON, not a list of conversations, a node whose parent or child
            is not in its mapping, a cycle, or a field of the wrong type; the message
            names the conversation (number and title) and the node.
    """
    data = load_json(text, source)
    if not isinstance(data, list):
        raise ExchangeError(f"{source}: expected a list of conversations (ChatGPT's conversations.json)")
    return chatgpt_file(data, source)


def chatgpt_file(items: Iterable[Any], source: str) -> ParsedFile:
    """:func:`read_chatgpt` of already decoded conversations (``items`` may be a generator).

    Raises:
        ExchangeError: as :func:`read_chatgpt`.
    """
    left_out = LeftOut()
    records = []
    for ci, item in enumerate(items):
        record = _conversation(item, ci + 1, f"{source}: conversation {ci + 1}", left_out)
        if record is not None:
            records.append(record)
    return ParsedFile(records, left_out)


def import_chatgpt(store: HistoryStore, text: str, source: str = "conversations.json") -> list[int]:
    """Import ChatGPT's ``conversations.json`` (all of it or nothing) as chat
    conversations (provider 'chatgpt'); returns the new ids.

    Raises:
        ExchangeError: see :func:`read_chatgpt`; nothing was imported.
    """
    return insert_records(store, parse_chatgpt(text, source), source)


def _conversation(item: Any, number: int, at: str, left_out: LeftOut) -> ConversationRecord | None:
    """The record of one conversation; None (and named in ``left_out.empty``) if it has no text."""
    if not isinstance(item, dict):
        raise ExchangeError(f"{at}: expected an object, got {type(item).__name__}")
    raw_title = item.get("title")
    if raw_title is not None and not isinstance(raw_title, str):
        raise ExchangeError(f"{at}: title must be text")
    label = f"conversation {number} ({raw_title!r})" if raw_title else f"conversation {number} (untitled)"
    title = raw_title or "ChatGPT conversation"
    at = f"{at} ({title!r})"
    if not any(item.get(key) not in (None, "") for key in ("id", "conversation_id")):
        left_out.no_id.append(label)
    mapping = item.get("mapping")
    if not isinstance(mapping, dict):
        raise ExchangeError(f"{at}: mapping must be an object of nodes")
    created = _time(item.get("create_time"), f"{at}: create_time")
    updated = _time(item.get("update_time"), f"{at}: update_time")
    roots, ordered = _tree(mapping, at)

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
        message = _message(mapping[node_id].get("message"), f"{at}: node {node_id!r}", left_out)
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
    if not messages:
        left_out.empty.append(label)
        return None
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


def _tree(mapping: dict[str, Any], at: str) -> tuple[list[str], dict[str, list[str]]]:
    """The root nodes and each node's children in order, after checking every node and link.

    The parent links decide the tree; each node's ``children`` list gives their order.
    """
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
    return roots, ordered


def _message(
    message: Any, at: str, left_out: LeftOut
) -> tuple[str, str, float | None, str, str | None] | None:
    """(role, text, time, model, finish reason) of a node's message; None if it is not
    imported (what it held is counted in ``left_out``)."""
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
    when_raw = message.get("create_time")
    when = None if when_raw is None else _time(when_raw, f"{at}: message.create_time")
    raw_metadata = message.get("metadata")
    metadata: dict[str, Any] = raw_metadata if isinstance(raw_metadata, dict) else {}
    text = _text(role, author, content, message.get("recipient"), metadata, left_out)
    if text is None or not text.strip():
        return None
    slug = metadata.get("model_slug")
    model = slug if isinstance(slug, str) and role != "tool" else ""
    finish = None
    details = metadata.get("finish_details")
    if isinstance(details, dict) and isinstance(details.get("type"), str):
        finish = {"stop": "stop", "max_tokens": "length"}.get(details["type"], details["type"])
    return ("assistant" if role == "tool" else role), text, when, model, finish


def _text(
    role: str,
    author: dict[str, Any],
    content: dict[str, Any],
    recipient: Any,
    metadata: dict[str, Any],
    left_out: LeftOut,
) -> str | None:
    """The text to import from a message's content (may be blank), or None; counts in
    ``left_out`` what is not imported (see the module's description)."""
    kind = content.get("content_type")
    if metadata.get("is_visually_hidden_from_conversation") or kind in _CONTEXT:
        if kind in _CONTEXT or _plain_text(content, _Counts()).strip():
            left_out.hidden += 1
        return None
    if kind in _REASONING:
        left_out.reasoning += 1
        return None
    if role not in ROLES and role != "tool":  # an author this format does not document
        if _has_content(content):
            left_out.tool += 1
        return None
    if kind == "code":
        code = content.get("text")
        if not isinstance(code, str) or not code.strip():
            return None
        language = content.get("language")
        if not isinstance(language, str) or language in ("", "unknown"):
            language = "python" if recipient == "python" else ""
        return fenced(code, language)
    if kind == "execution_output":
        _count_result_images(metadata, left_out)
        output = content.get("text")
        if not isinstance(output, str) or not output.strip():
            return None
        name = author.get("name")
        label = f"Output from {name}:" if isinstance(name, str) and name else "Output:"
        return f"{label}\n\n{fenced(output)}"
    counts = _Counts()
    text = _plain_text(content, counts)
    left_out.images += counts.images
    left_out.audio += counts.audio
    for other, n in counts.other.items():
        left_out.other[other] = left_out.other.get(other, 0) + n
    if role not in ROLES:  # a tool's reply other than code output, or an unknown author
        if text.strip():
            left_out.tool += 1
        return None
    unknown = kind if isinstance(kind, str) and kind not in ("text", "multimodal_text") else None
    if unknown and not text.strip() and not counts.found and _has_content(content):
        left_out.other[unknown] = left_out.other.get(unknown, 0) + 1
    return text


@dataclass
class _Counts:
    """Parts of one message's content that are not text."""

    images: int = 0
    audio: int = 0
    other: dict[str, int] = field(default_factory=dict)

    @property
    def found(self) -> bool:
        return bool(self.images or self.audio or self.other)


def _plain_text(content: dict[str, Any], counts: _Counts) -> str:
    """The string ``parts`` of a content, and the ``text`` of object parts (transcripts),
    joined by newlines; or its ``text`` if it has no parts. Image, audio and unknown
    object parts are counted in ``counts``."""
    parts = content.get("parts")
    if parts is None:
        text = content.get("text")
        return text if isinstance(text, str) else ""
    texts: list[str] = []
    for part in parts:
        if isinstance(part, str):
            texts.append(part)
        elif isinstance(part, dict):
            kind = part.get("content_type")
            if kind == "image_asset_pointer":
                counts.images += 1
            elif kind in _AUDIO_PARTS:
                counts.audio += 1
            elif isinstance(part.get("text"), str):
                texts.append(part["text"])
            elif isinstance(kind, str):
                counts.other[kind] = counts.other.get(kind, 0) + 1
    return "\n".join(texts)


def _count_result_images(metadata: dict[str, Any], left_out: LeftOut) -> None:
    """Count the images code output showed (``metadata.aggregate_result.messages``)."""
    result = metadata.get("aggregate_result")
    shown = result.get("messages") if isinstance(result, dict) else None
    if isinstance(shown, list):
        left_out.images += sum(1 for m in shown if isinstance(m, dict) and m.get("message_type") == "image")


def _has_content(content: dict[str, Any]) -> bool:
    """Whether a content object of an unknown type holds anything besides its type."""
    return any(value not in (None, "", [], {}) for key, value in content.items() if key != "content_type")


_BACKTICKS = re.compile(r"`+")


def fenced(text: str, info: str = "") -> str:
    """``text`` as a Markdown fenced code block (CommonMark): the fence is one backtick
    longer than the longest run of backticks in ``text`` (at least three), so the block
    cannot end early; ``info`` (a language such as "python") follows the opening fence."""
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text.rstrip(chr(10))}\n{fence}"


def _time(value: Any, at: str) -> float:
    if value is None:
        return 0.0
    if not is_number(value):
        raise ExchangeError(f"{at}: expected Unix seconds, got {value!r}")
    return float(value)
