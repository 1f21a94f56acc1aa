"""Files: recognising and reading an import file (Penwright JSON or ChatGPT's
``conversations.json``, read a conversation at a time), and writing an export atomically.

Qt-free. Files are read and written as UTF-8 whatever the locale (C24).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from app.storage.exchange.chatgpt import ParsedFile, chatgpt_file, read_chatgpt
from app.storage.exchange.common import ExchangeError, ExportFormat, insert_records, load_json
from app.storage.exchange.markdown_html import export_html, export_markdown
from app.storage.exchange.penwright_json import export_json, parse_penwright_json
from app.storage.history import ConversationRecord, HistoryStore


def import_file(store: HistoryStore, path: Path) -> list[int]:
    """Import a file, recognising Penwright JSON (an object with ``"format"``) or ChatGPT's
    ``conversations.json`` (a list). Returns the new conversation ids (what was left out
    of a ChatGPT file: :func:`read_file`).

    Raises:
        ExchangeError: unreadable, not UTF-8, not one of the two formats, or malformed;
            nothing was imported.
    """
    return insert_records(store, parse_file(path), Path(path).name)


def parse_file(path: Path) -> list[ConversationRecord]:
    """Read and check a file for :func:`import_file` and turn it into records; nothing is
    stored (:func:`read_file` without the count of what was left out).

    Raises:
        ExchangeError: as :func:`import_file`.
    """
    return read_file(path).records


def read_file(path: Path) -> ParsedFile:
    """Read and check a file for :func:`import_file` (Penwright JSON or ChatGPT's
    ``conversations.json``): its records and, for ChatGPT's, what they leave out
    (:class:`~app.storage.exchange.chatgpt.LeftOut`); nothing is stored.

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
                return chatgpt_file(items, path.name)
            except ExchangeError:
                for _rest in items:  # broken JSON further on is reported first, as by json.loads
                    pass
                raise
        except _NotPlainList:  # broken JSON: read_chatgpt says where
            return read_chatgpt(text, path.name)
    data = load_json(text, path.name)
    if isinstance(data, list):
        return read_chatgpt(text, path.name)
    if isinstance(data, dict) and "format" in data:
        del data
        return ParsedFile(parse_penwright_json(text, path.name))
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
