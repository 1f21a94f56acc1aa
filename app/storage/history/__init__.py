"""Conversation history in SQLite (WAL mode): conversations, branches, folders, search, backups.

Messages form a tree (``parent_id``) so that a regenerate or an edit makes a sibling instead
of deleting the old message; each conversation remembers its *active* branch
(``active_leaf_id``) and :meth:`HistoryStore.thread` shows the path to it.

Every pane (chat, story, poetry, Q&A) stores its sessions here, so one list
(:meth:`HistoryStore.list_conversations`) shows them all, newest first, pinned ones on top.
Conversations can sit in one folder (flat folders, no nesting), be pinned, renamed, and
soft-deleted (``deleted_at``) so that a delete can be undone until
:meth:`HistoryStore.purge_deleted` empties them for good.

Search (:meth:`HistoryStore.search`) uses an FTS5 index with the ``trigram`` tokenizer,
which matches any substring of three or more characters, so it works for Chinese and
Japanese (no word breaks) as well as English, case-insensitively. Triggers keep the index
in step with the messages table. Terms of one or two characters (common in Chinese, e.g.
``烤鸭``) cannot use a trigram index: they are matched by a ``LIKE`` scan over the
messages instead (slower on big histories; ASCII-only case folding).

Crash safety (case C14): every finished message is committed at once; a streaming reply
is a row with ``status='partial'`` updated as it streams (at most 0.1 s apart, C32) and
closed with its finish reason. A reply still ``partial`` with no finish reason at start-up
was cut by a crash: opening the store marks it ``interrupted``, reports how many in
``recovered`` and lists them in ``interrupted`` (conversation, pane, title).
Nothing is repaired silently: everything done at open time is listed in
``startup_notes``.

Schema changes are numbered migrations (:data:`MIGRATIONS`). Before each one the file is
copied with SQLite's online backup API to ``backups/<stem>-v<old version>-<YYYYmmdd-HHMMSS>
<suffix>`` next to the database; each migration runs in one transaction. A file written by
a newer Penwright is refused without being changed.

The store is used from one thread (the GUI thread or the CLI); it is not thread-safe.

The package's parts: :mod:`.schema` (migrations), :mod:`.records` (row dataclasses and
:class:`HistoryError`), :mod:`.base` (connection and transactions), :mod:`.conversations`
(conversations, folders, bulk inserts), :mod:`.messages` (message tree, streaming replies,
branches), :mod:`.search` (FTS5 search, snippets), :mod:`.backups` (online copies) and
:mod:`.store` (:class:`HistoryStore`: opening, migrating, recovery). Import from the
package: ``SCHEMA_VERSION`` and ``MIGRATIONS`` are read from here at each open.
"""

from __future__ import annotations

from app.storage.history.backups import _online_copy, rolling_daily_backup
from app.storage.history.records import (
    ConversationRecord,
    ConversationSummary,
    Folder,
    HistoryError,
    InterruptedReply,
    MessageRecord,
    SearchHit,
    StoredMessage,
)
from app.storage.history.schema import MIGRATIONS, ROLES, SCHEMA_VERSION, STATUSES
from app.storage.history.search import (
    ELLIPSIS,
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    MIN_INDEXED_TERM,
    make_snippet,
)
from app.storage.history.store import HistoryStore

__all__ = [
    "ELLIPSIS",
    "HIGHLIGHT_END",
    "HIGHLIGHT_START",
    "MIGRATIONS",
    "MIN_INDEXED_TERM",
    "ROLES",
    "SCHEMA_VERSION",
    "STATUSES",
    "ConversationRecord",
    "ConversationSummary",
    "Folder",
    "HistoryError",
    "HistoryStore",
    "InterruptedReply",
    "MessageRecord",
    "SearchHit",
    "StoredMessage",
    "_online_copy",
    "make_snippet",
    "rolling_daily_backup",
]
