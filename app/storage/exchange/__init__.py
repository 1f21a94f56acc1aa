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
:class:`ExchangeError`, naming the place and the problem, and imports nothing. A ChatGPT
export is imported as :mod:`app.storage.exchange.chatgpt` describes; what it leaves out
(images, reasoning notes, hidden messages, conversations with no text, records with no
id) is counted in the :class:`LeftOut` of :func:`read_file` / :func:`read_chatgpt` for the
import summary (C30). Files are read and written as UTF-8 whatever the locale (C24).

The modules: :mod:`~app.storage.exchange.penwright_json` (JSON out and in),
:mod:`~app.storage.exchange.chatgpt` (ChatGPT in), :mod:`~app.storage.exchange.markdown_html`
(Markdown and HTML out), :mod:`~app.storage.exchange.files` (reading an import file, writing
an export) and :mod:`~app.storage.exchange.common`. Every name is importable from here.
"""

from __future__ import annotations

from app.storage.exchange.chatgpt import (
    LeftOut,
    ParsedFile,
    fenced,
    import_chatgpt,
    parse_chatgpt,
    read_chatgpt,
)
from app.storage.exchange.common import (
    FORMAT,
    VERSION,
    ExchangeError,
    ExportFormat,
    insert_records,
    select_conversations,
)
from app.storage.exchange.common import insert_records as _insert  # its name before the split
from app.storage.exchange.files import import_file, parse_file, read_file, write_export
from app.storage.exchange.markdown_html import export_html, export_markdown
from app.storage.exchange.penwright_json import export_json, import_penwright_json, parse_penwright_json

__all__ = [
    "FORMAT",
    "VERSION",
    "ExchangeError",
    "ExportFormat",
    "LeftOut",
    "ParsedFile",
    "_insert",
    "export_html",
    "export_json",
    "export_markdown",
    "fenced",
    "import_chatgpt",
    "import_file",
    "import_penwright_json",
    "insert_records",
    "parse_chatgpt",
    "parse_file",
    "parse_penwright_json",
    "read_chatgpt",
    "read_file",
    "select_conversations",
    "write_export",
]
