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
is a row with ``status='partial'`` updated about once a second and closed with its
finish reason. A reply still ``partial`` with no finish reason at start-up was cut by a
crash: opening the store marks it ``interrupted`` and reports how many in ``recovered``.
Nothing is repaired silently: everything done at open time is listed in
``startup_notes``.

Schema changes are numbered migrations (:data:`MIGRATIONS`). Before each one the file is
copied with SQLite's online backup API to ``backups/<stem>-v<old version>-<YYYYmmdd-HHMMSS>
<suffix>`` next to the database; each migration runs in one transaction. A file written by
a newer Penwright is refused without being changed.

The store is used from one thread (the GUI thread or the CLI); it is not thread-safe.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import re
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from app.core.types import ChatMessage, GenerationParams, Usage

SCHEMA_VERSION = 5

#: Markers around each match in :attr:`SearchHit.snippet` (STX / ETX control characters,
#: which do not occur in normal text): ``"… the \x02lighthouse\x03 keeper …"``.
HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"
#: Marks text cut at either end of a snippet.
ELLIPSIS = "…"
#: Shortest term the trigram index can look up; shorter terms fall back to a LIKE scan.
MIN_INDEXED_TERM = 3

_SCHEMA_V1 = """
CREATE TABLE conversations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    pane TEXT NOT NULL,
    model TEXT NOT NULL DEFAULT '',
    draft TEXT,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES messages(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant')),
    content TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'final' CHECK (status IN ('final', 'partial')),
    finish_reason TEXT,
    model TEXT NOT NULL DEFAULT '',
    params TEXT,
    seed INTEGER,
    usage TEXT,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE INDEX messages_by_conversation ON messages(conversation_id, id);
CREATE INDEX conversations_by_update ON conversations(updated_at);
"""

# v2: folders, pinning, provider, soft delete, the remembered branch, full-text search.
# active_leaf_id has no foreign key on purpose: a deleted leaf falls back to the newest
# leaf in thread(), and a key would cost a lookup in conversations per deleted message.
_SCHEMA_V2 = """
CREATE TABLE folders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    created_at REAL NOT NULL
);
ALTER TABLE conversations ADD COLUMN folder_id INTEGER REFERENCES folders(id) ON DELETE SET NULL;
ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN provider TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN deleted_at REAL;
ALTER TABLE conversations ADD COLUMN active_leaf_id INTEGER;
CREATE INDEX conversations_by_folder ON conversations(folder_id);
CREATE INDEX conversations_by_deleted ON conversations(deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX messages_by_parent ON messages(parent_id);
CREATE VIRTUAL TABLE messages_fts USING fts5(
    content, content='messages', content_rowid='id', tokenize='trigram'
);
INSERT INTO messages_fts(messages_fts) VALUES ('rebuild');
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
    INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content);
END;
"""

# Schema 3: Story documents (issue 6). A story is a conversation of pane 'story' whose text
# is its ``draft``; its writing aids and its version history live here (app/storage/documents.py).
_SCHEMA_V3 = """
CREATE TABLE documents (
    conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
    memory TEXT NOT NULL DEFAULT '',
    authors_note TEXT NOT NULL DEFAULT '',
    note_depth INTEGER NOT NULL DEFAULT 3,
    lorebook TEXT NOT NULL DEFAULT '[]',
    preset TEXT,
    updated_at REAL NOT NULL
);
CREATE TABLE document_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    memory TEXT NOT NULL DEFAULT '',
    authors_note TEXT NOT NULL DEFAULT '',
    lorebook TEXT NOT NULL DEFAULT '[]',
    reason TEXT NOT NULL CHECK (reason IN ('edit', 'generation', 'restore', 'import')),
    created_at REAL NOT NULL
);
CREATE INDEX document_versions_by_document ON document_versions(conversation_id, created_at);
"""

# Schema 4: Poems (issue 7). A poem is a conversation of pane 'poetry' (the request as the
# user message, the chosen poem as the assistant message); its form, topic, decoding settings,
# every candidate with its scores and the chosen text live here (app/storage/poems.py).
_SCHEMA_V4 = """
CREATE TABLE poems (
    conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
    form_id TEXT NOT NULL,
    topic TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    decoding TEXT NOT NULL DEFAULT '{}',
    candidates TEXT NOT NULL DEFAULT '[]',
    chosen_text TEXT,
    chosen_score REAL,
    request_message_id INTEGER,
    chosen_message_id INTEGER,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
"""

# Schema 5: the AI-written spans of a story and their tokens' log-probabilities, as JSON
# (app/storage/documents.py, StoryDocument.ai_spans; NULL = none), saved with its text so
# the colours and probabilities survive a reopen.
_SCHEMA_V5 = """
ALTER TABLE documents ADD COLUMN ai_spans TEXT;
"""

#: Numbered migrations: index i upgrades schema i to i+1 (index 0 creates schema 1).
MIGRATIONS: tuple[str, ...] = (_SCHEMA_V1, _SCHEMA_V2, _SCHEMA_V3, _SCHEMA_V4, _SCHEMA_V5)

ROLES = ("system", "user", "assistant")
STATUSES = ("final", "partial")


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


class HistoryStore:
    """Open (creating or migrating) the history database at ``path``.

    Args:
        path: the SQLite file (created with its folder if missing).
        backup_dir: where migration backups go (default: ``backups/`` next to ``path``).

    Attributes:
        recovered: replies found cut by a crash at open time and marked ``interrupted``.
        migrated_from: the schema version found when a migration ran, else None.
        backups: files written by migration backups during this open.
        startup_notes: one human-readable line per thing done at open time (migrations,
            backups, recovered replies); empty when the file was used as it was.

    Raises:
        HistoryError: the file is not a database, is damaged, has a newer schema, an
            upgrade failed (rolled back; the file stays at its old schema), or this SQLite
            lacks FTS5's trigram tokenizer (3.34 or newer is needed).
    """

    def __init__(self, path: Path, *, backup_dir: Path | None = None) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.backup_dir = Path(backup_dir) if backup_dir is not None else self.path.parent / "backups"
        self.recovered = 0
        self.migrated_from: int | None = None
        self.backups: list[Path] = []
        self.startup_notes: list[str] = []
        self._db = sqlite3.connect(self.path, isolation_level=None)
        try:
            self._db.row_factory = sqlite3.Row
            # Read the version before anything that could write (journal_mode=WAL does):
            # a file from a newer Penwright must be left exactly as it is.
            version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                raise HistoryError(
                    f"The history file {self.path} was written by a newer Penwright (schema "
                    f"{version}; this version knows {SCHEMA_VERSION}). Update Penwright; the file "
                    "was not changed."
                )
            if version < SCHEMA_VERSION and sqlite3.sqlite_version_info < (3, 34, 0):
                raise HistoryError(
                    f"This SQLite ({sqlite3.sqlite_version}) is too old for Penwright's history "
                    "search (FTS5 trigram needs 3.34 or newer). The file was not changed."
                )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA busy_timeout=5000")
            self._migrate(version)
            self.recovered = self._recover_interrupted()
            if self.recovered:
                self.startup_notes.append(
                    f"Marked {self.recovered} reply(s) cut off by a crash as interrupted."
                )
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise HistoryError(
                f"The history file {self.path} cannot be opened ({exc}). It has not been "
                "changed; move it aside to start a new history."
            ) from exc
        except BaseException:
            self._db.close()
            raise

    # -- schema ---------------------------------------------------------------------------
    def _migrate(self, version: int) -> None:
        for target in range(version, SCHEMA_VERSION):
            copy: Path | None = None
            if version > 0:  # a file with data (not one just created): keep a copy as it was
                stamp = time.strftime("%Y%m%d-%H%M%S")
                copy = self._backup_to(self.backup_dir, f"{self.path.stem}-v{target}-{stamp}")
                self.backups.append(copy)
                self.startup_notes.append(f"Backed up the history (schema {target}) to {copy}.")
                if self.migrated_from is None:
                    self.migrated_from = target
            try:
                with self._transaction():
                    for statement in _split_sql(MIGRATIONS[target]):
                        self._db.execute(statement)
                    self._db.execute(f"PRAGMA user_version={target + 1}")
            except sqlite3.DatabaseError as exc:
                kept = f"; the copy made before is {copy}" if copy else ""
                raise HistoryError(
                    f"Upgrading the history file {self.path} from schema {target} to {target + 1} "
                    f"failed ({exc}). It was left at schema {target}{kept}."
                ) from exc
            if version > 0:
                self.startup_notes.append(f"Upgraded the history from schema {target} to {target + 1}.")

    @property
    def db(self) -> sqlite3.Connection:
        """The connection, for the storage package's other stores (documents) that share
        this file; same thread rules as the store."""
        return self._db

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """One write transaction (joins a running one), for the other stores of this file."""
        return self._transaction()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction; inside another one it simply joins it."""
        if self._db.in_transaction:
            yield
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            # SQLite may have rolled back by itself (a full disk, an I/O error): a second
            # ROLLBACK would raise and hide the real error.
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _recover_interrupted(self) -> int:
        now = time.time()
        cursor = self._db.execute(
            "UPDATE messages SET finish_reason='interrupted', updated_at=? "
            "WHERE status='partial' AND finish_reason IS NULL",
            (now,),
        )
        return cursor.rowcount

    def schema_version(self) -> int:
        """The file's schema version (``PRAGMA user_version``)."""
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        self._db.close()

    def integrity_check(self) -> str:
        """``PRAGMA integrity_check``: 'ok' when the file is sound."""
        return str(self._db.execute("PRAGMA integrity_check").fetchone()[0])

    # -- backups --------------------------------------------------------------------------
    def _backup_to(self, dest_dir: Path, name: str) -> Path:
        return _online_copy(self._db, self.path, dest_dir, name)

    def backup_now(self, dest_dir: Path) -> Path:
        """Copy the database now (online backup API, safe while in use) to
        ``dest_dir/<stem>-<YYYYmmdd-HHMMSS><suffix>``; returns the copy's path.

        Raises:
            OSError: ``dest_dir`` cannot be created or written.
            sqlite3.Error: the copy failed.
        """
        return self._backup_to(dest_dir, f"{self.path.stem}-{time.strftime('%Y%m%d-%H%M%S')}")

    def rolling_daily_backup(self, dest_dir: Path, keep: int = 7, *, today: _dt.date | None = None) -> Path:
        """Keep one backup per calendar day: ``dest_dir/<stem>-daily-<YYYYmmdd><suffix>``.

        Makes today's copy unless it exists (then it is left alone), then deletes the
        oldest daily copies beyond the newest ``keep``. Other files in ``dest_dir`` are
        never touched. ``today`` (local date by default) is for tests.

        Returns:
            The path of today's copy.

        Raises:
            ValueError: ``keep`` is below 1.
            OSError, sqlite3.Error: as :meth:`backup_now`.
        """
        return _rolling_daily(self.path, lambda d, n: self._backup_to(d, n), dest_dir, keep, today)

    # -- conversations --------------------------------------------------------------------
    def create_conversation(
        self,
        pane: str,
        title: str,
        model: str = "",
        *,
        provider: str = "",
        folder_id: int | None = None,
    ) -> int:
        """Create an empty conversation; returns its id."""
        now = time.time()
        cursor = self._db.execute(
            "INSERT INTO conversations(title, pane, model, provider, folder_id, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (title, pane, model, provider, folder_id, now, now),
        )
        return int(cursor.lastrowid or 0)

    def list_conversations(
        self,
        pane: str | None = None,
        *,
        folder: int | Literal["any"] | None = "any",
        pinned_first: bool = True,
        limit: int | None = None,
    ) -> list[ConversationSummary]:
        """Conversations that are not soft-deleted, pinned ones first, then newest first
        (by last activity).

        Args:
            pane: only this pane's ('chat', 'story', 'poetry', 'qa'); None for all.
            folder: a folder id for that folder only, None for top level only, "any" for all.
            pinned_first: False to sort by date alone.
            limit: at most this many rows.
        """
        where = ["c.deleted_at IS NULL"]
        args: list[Any] = []
        if pane is not None:
            where.append("c.pane=?")
            args.append(pane)
        if folder is None:
            where.append("c.folder_id IS NULL")
        elif folder != "any":
            where.append("c.folder_id=?")
            args.append(folder)
        order = "c.pinned DESC, " if pinned_first else ""
        tail = ""
        if limit is not None:
            tail = " LIMIT ?"
            args.append(limit)
        return self._summaries(f"WHERE {' AND '.join(where)}", tuple(args), order, tail)

    def list_deleted(self) -> list[ConversationSummary]:
        """Soft-deleted conversations (the trash), most recently deleted first."""
        return self._summaries("WHERE c.deleted_at IS NOT NULL", (), "c.deleted_at DESC, ", "")

    def get_conversation(
        self, conversation_id: int, *, include_deleted: bool = False
    ) -> ConversationSummary | None:
        """The conversation, or None if there is none (or it is soft-deleted, unless
        ``include_deleted``)."""
        where = "WHERE c.id=?" if include_deleted else "WHERE c.id=? AND c.deleted_at IS NULL"
        found = self._summaries(where, (conversation_id,), "", "")
        return found[0] if found else None

    def _summaries(
        self, where: str, args: tuple[Any, ...], order: str, tail: str
    ) -> list[ConversationSummary]:
        # Columns in ConversationSummary's field order, read as plain tuples: named access
        # to sqlite3.Row costs more than the query itself on a list of thousands.
        sql = (
            "SELECT c.id, c.title, c.pane, c.model, c.created_at, c.updated_at, "
            "(SELECT COUNT(*) FROM messages m WHERE m.conversation_id=c.id), c.provider, c.folder_id, "
            "c.pinned, c.deleted_at, c.active_leaf_id "
            f"FROM conversations c {where} ORDER BY {order}c.updated_at DESC, c.id DESC{tail}"
        )
        cursor = self._db.cursor()
        cursor.row_factory = None
        return [
            ConversationSummary(
                r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], bool(r[9]), r[10], r[11]
            )
            for r in cursor.execute(sql, args)
        ]

    def save_draft(self, conversation_id: int, text: str) -> None:
        """Store a pane's working text (the Story document) with its conversation."""
        self._db.execute(
            "UPDATE conversations SET draft=?, updated_at=? WHERE id=?",
            (text, time.time(), conversation_id),
        )

    def get_draft(self, conversation_id: int) -> str | None:
        row = self._db.execute("SELECT draft FROM conversations WHERE id=?", (conversation_id,)).fetchone()
        return row["draft"] if row else None

    def rename_conversation(self, conversation_id: int, title: str) -> None:
        self._db.execute("UPDATE conversations SET title=? WHERE id=?", (title, conversation_id))

    def set_pinned(self, conversation_id: int, pinned: bool = True) -> None:
        """Pin (or unpin) a conversation: pinned ones lead the list."""
        self._db.execute("UPDATE conversations SET pinned=? WHERE id=?", (int(pinned), conversation_id))

    def move_conversation(self, conversation_id: int, folder_id: int | None) -> None:
        """Put a conversation in a folder (None: top level).

        Raises:
            ValueError: there is no folder ``folder_id``.
        """
        if folder_id is not None and self.get_folder(folder_id) is None:
            raise ValueError(f"there is no folder {folder_id}")
        self._db.execute("UPDATE conversations SET folder_id=? WHERE id=?", (folder_id, conversation_id))

    def soft_delete_conversation(self, conversation_id: int) -> None:
        """Move a conversation to the trash (``deleted_at`` = now): it leaves the list and
        search results; :meth:`restore_conversation` undoes it, :meth:`purge_deleted` ends it."""
        self._db.execute(
            "UPDATE conversations SET deleted_at=? WHERE id=? AND deleted_at IS NULL",
            (time.time(), conversation_id),
        )

    def restore_conversation(self, conversation_id: int) -> None:
        """Undo :meth:`soft_delete_conversation`."""
        self._db.execute("UPDATE conversations SET deleted_at=NULL WHERE id=?", (conversation_id,))

    def purge_deleted(self, older_than_seconds: float = 30 * 86400) -> int:
        """Delete for good the conversations soft-deleted at least ``older_than_seconds``
        ago (0: all of the trash), with their messages; returns how many."""
        with self._transaction():
            cursor = self._db.execute(
                "DELETE FROM conversations WHERE deleted_at IS NOT NULL AND deleted_at <= ?",
                (time.time() - older_than_seconds,),
            )
        return cursor.rowcount

    def delete_conversation(self, conversation_id: int) -> None:
        """Delete a conversation and its messages at once, for good (no undo; see
        :meth:`soft_delete_conversation`)."""
        with self._transaction():
            self._db.execute("DELETE FROM conversations WHERE id=?", (conversation_id,))

    def _touch(self, conversation_id: int, model: str | None = None, leaf: int | None = None) -> None:
        sets = ["updated_at=?"]
        args: list[Any] = [time.time()]
        if model:
            sets.append("model=?")
            args.append(model)
        if leaf is not None:
            sets.append("active_leaf_id=?")
            args.append(leaf)
        self._db.execute(f"UPDATE conversations SET {', '.join(sets)} WHERE id=?", (*args, conversation_id))

    # -- folders --------------------------------------------------------------------------
    def create_folder(self, name: str) -> int:
        """A new (top-level) folder; returns its id. Names need not be unique."""
        cursor = self._db.execute("INSERT INTO folders(name, created_at) VALUES (?, ?)", (name, time.time()))
        return int(cursor.lastrowid or 0)

    def rename_folder(self, folder_id: int, name: str) -> None:
        self._db.execute("UPDATE folders SET name=? WHERE id=?", (name, folder_id))

    def list_folders(self) -> list[Folder]:
        """All folders by name (case-insensitive), then id."""
        rows = self._db.execute(
            "SELECT f.*, (SELECT COUNT(*) FROM conversations c WHERE c.folder_id=f.id "
            "AND c.deleted_at IS NULL) AS n FROM folders f ORDER BY f.name COLLATE NOCASE, f.id"
        )
        return [Folder(r["id"], r["name"], r["created_at"], r["n"]) for r in rows]

    def get_folder(self, folder_id: int) -> Folder | None:
        return next((f for f in self.list_folders() if f.id == folder_id), None)

    def delete_folder(self, folder_id: int) -> int:
        """Delete a folder; its conversations move to the top level (none is deleted).
        Returns how many conversations moved."""
        with self._transaction():
            moved = self._db.execute(
                "UPDATE conversations SET folder_id=NULL WHERE folder_id=?", (folder_id,)
            ).rowcount
            self._db.execute("DELETE FROM folders WHERE id=?", (folder_id,))
        return moved

    # -- messages -------------------------------------------------------------------------
    def add_message(
        self,
        conversation_id: int,
        role: str,
        content: str,
        parent_id: int | None = None,
        *,
        model: str = "",
        params: GenerationParams | None = None,
        seed: int | None = None,
        status: str = "final",
        finish_reason: str | None = None,
        usage: Usage | None = None,
    ) -> int:
        """Insert and commit a message; returns its id. It becomes the conversation's
        active leaf, so :meth:`thread` follows it (an edited user message added as a
        sibling under the same parent, or a regenerated reply, is what the thread shows)."""
        now = time.time()
        with self._transaction():
            cursor = self._db.execute(
                "INSERT INTO messages(conversation_id, parent_id, role, content, status, "
                "finish_reason, model, params, seed, usage, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    conversation_id,
                    parent_id,
                    role,
                    content,
                    status,
                    finish_reason,
                    model,
                    json.dumps(params.to_dict()) if params else None,
                    seed,
                    json.dumps(usage.to_dict()) if usage else None,
                    now,
                    now,
                ),
            )
            message_id = int(cursor.lastrowid or 0)
            self._touch(conversation_id, model or None, leaf=message_id)
        return message_id

    def start_reply(
        self,
        conversation_id: int,
        parent_id: int | None,
        *,
        model: str,
        params: GenerationParams,
    ) -> int:
        """Insert an empty partial assistant message for a reply that starts streaming."""
        return self.add_message(
            conversation_id,
            "assistant",
            "",
            parent_id,
            model=model,
            params=params,
            seed=params.seed if params.seed >= 0 else None,
            status="partial",
        )

    def save_partial(self, message_id: int, content: str) -> None:
        """Store the text streamed so far (call about once a second)."""
        self._db.execute(
            "UPDATE messages SET content=?, updated_at=? WHERE id=? AND status='partial'",
            (content, time.time(), message_id),
        )

    def finish_reply(
        self,
        message_id: int,
        content: str,
        finish_reason: str,
        *,
        usage: Usage | None = None,
        seed: int | None = None,
    ) -> None:
        """Close a streaming reply. 'stop' and 'length' make it final; anything else
        ('cancelled', 'crashed', 'error') keeps it marked partial with that reason."""
        status = "final" if finish_reason in ("stop", "length") else "partial"
        with self._transaction():
            self._db.execute(
                "UPDATE messages SET content=?, status=?, finish_reason=?, usage=?, "
                "seed=COALESCE(?, seed), updated_at=? WHERE id=?",
                (
                    content,
                    status,
                    finish_reason,
                    json.dumps(usage.to_dict()) if usage else None,
                    seed,
                    time.time(),
                    message_id,
                ),
            )

    def delete_message(self, message_id: int) -> None:
        """Delete one message (and, through the tree, its replies)."""
        with self._transaction():
            self._db.execute("DELETE FROM messages WHERE id=?", (message_id,))

    def get_message(self, message_id: int) -> StoredMessage | None:
        row = self._db.execute("SELECT * FROM messages WHERE id=?", (message_id,)).fetchone()
        return _to_message(row) if row else None

    def all_messages(self, conversation_id: int) -> list[StoredMessage]:
        """Every message of the conversation (all branches), oldest first."""
        rows = self._db.execute(
            "SELECT * FROM messages WHERE conversation_id=? ORDER BY id", (conversation_id,)
        )
        return [_to_message(r) for r in rows]

    # -- branches -------------------------------------------------------------------------
    def siblings(self, message_id: int) -> list[StoredMessage]:
        """The message and its alternatives: every message of the same conversation with
        the same parent (root messages: those without one), by id. [] if there is no
        such message. A message's position among them is "branch i of n" in the UI."""
        rows = self._db.execute(
            "SELECT s.* FROM messages m JOIN messages s ON s.conversation_id=m.conversation_id "
            "AND s.parent_id IS m.parent_id WHERE m.id=? ORDER BY s.id",
            (message_id,),
        )
        return [_to_message(r) for r in rows]

    def set_active_leaf(self, conversation_id: int, message_id: int) -> None:
        """Remember which branch the conversation shows: :meth:`thread` becomes the path
        through ``message_id`` (continuing below it to its newest leaf, if it has replies).
        Does not change the conversation's date.

        Raises:
            ValueError: ``message_id`` is not a message of ``conversation_id``.
        """
        row = self._db.execute("SELECT conversation_id FROM messages WHERE id=?", (message_id,)).fetchone()
        if row is None or row[0] != conversation_id:
            raise ValueError(f"message {message_id} is not in conversation {conversation_id}")
        self._db.execute(
            "UPDATE conversations SET active_leaf_id=? WHERE id=?", (message_id, conversation_id)
        )

    def thread(self, conversation_id: int) -> list[StoredMessage]:
        """The active branch, oldest first: the path from the root to the remembered
        active message (see :meth:`set_active_leaf`; below it, on to its newest leaf); when
        none is remembered or it was deleted, the path to the newest leaf."""
        messages = self.all_messages(conversation_id)
        if not messages:
            return []
        by_id = {m.id: m for m in messages}
        children: dict[int, list[StoredMessage]] = {}
        for m in messages:
            if m.parent_id is not None:
                children.setdefault(m.parent_id, []).append(m)
        row = self._db.execute(
            "SELECT active_leaf_id FROM conversations WHERE id=?", (conversation_id,)
        ).fetchone()
        active = by_id.get(row[0]) if row is not None and row[0] is not None else None
        if active is None:
            leaf = max((m for m in messages if m.id not in children), key=lambda m: m.id)
        else:
            leaf = _newest_leaf_below(active, children)
        path = []
        node: StoredMessage | None = leaf
        while node is not None:
            path.append(node)
            node = by_id.get(node.parent_id) if node.parent_id is not None else None
        return path[::-1]

    # -- search ---------------------------------------------------------------------------
    def search(
        self,
        query: str,
        *,
        pane: str | None = None,
        model: str | None = None,
        since: float | None = None,
        until: float | None = None,
        folder_id: int | None = None,
        limit: int = 100,
    ) -> list[SearchHit]:
        """Messages containing every term of ``query``, newest message first.

        Terms are separated by spaces; ``"two words"`` in double quotes is one term. Each
        term matches as a substring, case-insensitively (Unicode case folding for indexed
        terms; ASCII only for the short ones below). Terms of 3+ characters use the FTS5
        trigram index; terms of 1–2 characters (e.g. ``烤鸭``) are matched by a LIKE scan
        over the messages of the other filters (slower on large histories). Soft-deleted
        conversations are never searched.

        Args:
            query: the terms; an empty or blank query finds nothing.
            pane: only conversations of this pane.
            model: only messages written by this model, or in conversations with it.
            since, until: message ``created_at`` range in Unix seconds,
                ``since <= t < until``; either may be None.
            folder_id: only conversations in this folder.
            limit: at most this many hits.

        Returns:
            :class:`SearchHit` s whose snippet marks matches with :data:`HIGHLIGHT_START`
            and :data:`HIGHLIGHT_END`.
        """
        terms = _search_terms(query)
        if not terms or limit <= 0:
            return []
        indexed = [t for t in terms if len(t) >= MIN_INDEXED_TERM]
        short = [t for t in terms if len(t) < MIN_INDEXED_TERM]
        where = ["c.deleted_at IS NULL"]
        args: list[Any] = []
        if pane is not None:
            where.append("c.pane=?")
            args.append(pane)
        if model is not None:
            where.append("(m.model=? OR c.model=?)")
            args += [model, model]
        if since is not None:
            where.append("m.created_at>=?")
            args.append(since)
        if until is not None:
            where.append("m.created_at<?")
            args.append(until)
        if folder_id is not None:
            where.append("c.folder_id=?")
            args.append(folder_id)
        for term in short:
            where.append("m.content LIKE ? ESCAPE '\\'")
            args.append("%" + _like_escape(term) + "%")
        columns = "m.id, m.conversation_id, m.role, m.model, m.created_at, c.title, c.pane"
        if indexed:
            match = " AND ".join('"' + t.replace('"', '""') + '"' for t in indexed)
            snippet = "snippet(messages_fts, 0, ?, ?, ?, 64)" if not short else "m.content"
            snippet_args = [HIGHLIGHT_START, HIGHLIGHT_END, ELLIPSIS] if not short else []
            sql = (
                f"SELECT {columns}, {snippet} AS snip FROM messages_fts "
                "JOIN messages m ON m.id=messages_fts.rowid JOIN conversations c ON c.id=m.conversation_id "
                f"WHERE messages_fts MATCH ? AND {' AND '.join(where)} "
                "ORDER BY messages_fts.rowid DESC LIMIT ?"
            )
            params = [*snippet_args, match, *args, limit]
        else:
            sql = (
                f"SELECT {columns}, m.content AS snip FROM messages m "
                "JOIN conversations c ON c.id=m.conversation_id "
                f"WHERE {' AND '.join(where)} ORDER BY m.id DESC LIMIT ?"
            )
            params = [*args, limit]
        hits = []
        for r in self._db.execute(sql, params):
            text = r["snip"] if indexed and not short else make_snippet(r["snip"], terms)
            hits.append(
                SearchHit(
                    conversation_id=r["conversation_id"],
                    message_id=r["id"],
                    pane=r["pane"],
                    title=r["title"],
                    role=r["role"],
                    model=r["model"],
                    snippet=text,
                    created_at=r["created_at"],
                )
            )
        return hits

    # -- bulk insert (imports) ------------------------------------------------------------
    def insert_conversations(self, records: Sequence[ConversationRecord]) -> list[int]:
        """Insert whole conversations with their own dates, in one transaction: either all
        of them are stored or none. Returns the new conversation ids, in order.

        Raises:
            ValueError: a record is inconsistent (unknown role or status, a duplicate key,
                a parent key not seen earlier in its conversation, an unknown active leaf);
                nothing is stored.
        """
        return [cid for cid, _keys in self.insert_conversations_keyed(records)]

    def insert_conversations_keyed(
        self, records: Sequence[ConversationRecord]
    ) -> list[tuple[int, dict[int, int]]]:
        """:meth:`insert_conversations`, returning per record (in order) the new
        conversation id and ``{message key: new message id}``, so that a caller can store
        rows that point at the messages (it joins a running :meth:`transaction`, so such
        rows go in the same one).

        Raises:
            ValueError: as :meth:`insert_conversations`; nothing is stored.
        """
        inserted: list[tuple[int, dict[int, int]]] = []
        folders: dict[str, int] = {}
        with self._transaction():
            for number, record in enumerate(records, 1):
                folder_id = None
                if record.folder:
                    folder_id = folders.get(record.folder)
                    if folder_id is None:
                        row = self._db.execute(
                            "SELECT id FROM folders WHERE name=? ORDER BY id LIMIT 1", (record.folder,)
                        ).fetchone()
                        folder_id = int(row[0]) if row else self.create_folder(record.folder)
                        folders[record.folder] = folder_id
                cursor = self._db.execute(
                    "INSERT INTO conversations(title, pane, model, provider, draft, pinned, folder_id, "
                    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        record.title,
                        record.pane,
                        record.model,
                        record.provider,
                        record.draft,
                        int(record.pinned),
                        folder_id,
                        record.created_at,
                        record.updated_at,
                    ),
                )
                cid = int(cursor.lastrowid or 0)
                keys: dict[int, int] = {}
                for m in record.messages:
                    where = f"conversation {number} ({record.title!r}), message {m.key}"
                    if m.role not in ROLES:
                        raise ValueError(f"{where}: role {m.role!r} is not one of {', '.join(ROLES)}")
                    if m.status not in STATUSES:
                        raise ValueError(f"{where}: status {m.status!r} is not one of {', '.join(STATUSES)}")
                    if m.key in keys:
                        raise ValueError(f"{where}: the key is used twice")
                    if m.parent_key is not None and m.parent_key not in keys:
                        raise ValueError(f"{where}: parent {m.parent_key} does not come before it")
                    cursor = self._db.execute(
                        "INSERT INTO messages(conversation_id, parent_id, role, content, status, "
                        "finish_reason, model, params, seed, usage, created_at, updated_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            cid,
                            None if m.parent_key is None else keys[m.parent_key],
                            m.role,
                            m.content,
                            m.status,
                            m.finish_reason,
                            m.model,
                            None if m.params is None else json.dumps(m.params, ensure_ascii=False),
                            m.seed,
                            None if m.usage is None else json.dumps(m.usage),
                            m.created_at,
                            m.updated_at,
                        ),
                    )
                    keys[m.key] = int(cursor.lastrowid or 0)
                if record.active_leaf_key is not None:
                    if record.active_leaf_key not in keys:
                        raise ValueError(
                            f"conversation {number} ({record.title!r}): active leaf "
                            f"{record.active_leaf_key} is not one of its messages"
                        )
                    self._db.execute(
                        "UPDATE conversations SET active_leaf_id=? WHERE id=?",
                        (keys[record.active_leaf_key], cid),
                    )
                inserted.append((cid, keys))
        return inserted

    # -- a second connection, for a worker thread (imports, exports) ---------------------
    @classmethod
    def open_worker(cls, path: Path) -> HistoryStore:
        """Open a second connection to an existing history file, for a worker thread,
        while the window keeps its own store: nothing is done at open time (no migration,
        no backup, no start-up notes, and no recovery of cut replies: a reply the window is
        streaming right now is ``partial`` too). Create and use it on one thread; close it.

        Raises:
            HistoryError: the file is missing or not a database, is not in WAL mode, or its
                schema is not this code's :data:`SCHEMA_VERSION` (the window's store
                migrates it; a worker never does).
        """
        store = cls.__new__(cls)
        store.path = Path(path)
        store.backup_dir = store.path.parent / "backups"
        store.recovered = 0
        store.migrated_from = None
        store.backups = []
        store.startup_notes = []
        try:  # mode=rw: never create a file
            store._db = sqlite3.connect(
                f"{store.path.resolve().as_uri()}?mode=rw", uri=True, isolation_level=None
            )
        except sqlite3.Error as exc:
            raise HistoryError(f"The history file {store.path} cannot be opened ({exc}).") from exc
        try:
            store._db.row_factory = sqlite3.Row
            store._db.execute("PRAGMA busy_timeout=5000")
            version = int(store._db.execute("PRAGMA user_version").fetchone()[0])
            if version != SCHEMA_VERSION:
                raise HistoryError(
                    f"The history file {store.path} has schema {version}, not {SCHEMA_VERSION}: "
                    "open it with HistoryStore first."
                )
            if str(store._db.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                raise HistoryError(f"The history file {store.path} is not in WAL mode.")
            store._db.execute("PRAGMA synchronous=FULL")
            store._db.execute("PRAGMA foreign_keys=ON")
        except sqlite3.DatabaseError as exc:
            store._db.close()
            raise HistoryError(f"The history file {store.path} cannot be opened ({exc}).") from exc
        except BaseException:
            store._db.close()
            raise
        return store


def _newest_leaf_below(node: StoredMessage, children: dict[int, list[StoredMessage]]) -> StoredMessage:
    best = node
    stack = [node]
    while stack:
        current = stack.pop()
        below = children.get(current.id)
        if below:
            stack.extend(below)
        elif best is node or current.id > best.id:
            best = current
    return best


_TERM = re.compile(r'"([^"]*)"|(\S+)')


def _search_terms(query: str) -> list[str]:
    """Split a query into terms: whitespace-separated, ``"quoted phrases"`` kept whole."""
    terms = []
    for quoted, bare in _TERM.findall(query):
        term = (quoted if quoted else bare).strip()
        if term and term not in terms:
            terms.append(term)
    return terms


def _like_escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def make_snippet(text: str, terms: Sequence[str], width: int = 64) -> str:
    """About ``width`` characters of ``text`` around the first match of any term
    (case-insensitive), each match wrapped in the highlight markers, cuts marked with
    :data:`ELLIPSIS`: the same shape as FTS5's ``snippet()`` in :meth:`HistoryStore.search`."""
    if not terms:
        return text[:width] + (ELLIPSIS if len(text) > width else "")
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    first = pattern.search(text)
    anchor = first.start() if first else 0
    start = max(0, anchor - width // 4)
    end = min(len(text), start + width)
    if first is not None and first.end() > end:
        end = first.end()
    window = text[start:end]
    marked = pattern.sub(lambda m: f"{HIGHLIGHT_START}{m.group(0)}{HIGHLIGHT_END}", window)
    return (ELLIPSIS if start > 0 else "") + marked + (ELLIPSIS if end < len(text) else "")


def _to_message(row: sqlite3.Row) -> StoredMessage:
    return StoredMessage(
        id=row["id"],
        conversation_id=row["conversation_id"],
        parent_id=row["parent_id"],
        role=row["role"],
        content=row["content"],
        status=row["status"],
        finish_reason=row["finish_reason"],
        model=row["model"],
        seed=row["seed"],
        params=json.loads(row["params"]) if row["params"] else None,
        usage=Usage.from_dict(json.loads(row["usage"])) if row["usage"] else None,
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def _split_sql(script: str) -> list[str]:
    """Split a migration script into statements (trigger bodies contain ';')."""
    statements: list[str] = []
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                statements.append(pending.strip())
            pending = ""
    if pending.strip(" \n;"):
        statements.append(pending.strip())
    return statements


def _online_copy(source: sqlite3.Connection, path: Path, dest_dir: Path, name: str) -> Path:
    """Copy the database behind ``source`` with the online backup API to
    ``dest_dir/name<suffix of path>`` (a free name: ``-2``, ``-3`` … added if taken); the copy
    is a single file (rollback journal, no -wal), written under a temporary name then renamed."""
    dest_dir = Path(dest_dir)
    dest_dir.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix or ".db"
    dest = dest_dir / f"{name}{suffix}"
    n = 2
    while dest.exists():
        dest = dest_dir / f"{name}-{n}{suffix}"
        n += 1
    part = dest.with_name(dest.name + ".part")
    part.unlink(missing_ok=True)
    target = sqlite3.connect(part)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")
    finally:
        target.close()
    os.replace(part, dest)
    return dest


def _rolling_daily(
    path: Path,
    copy: Any,
    dest_dir: Path,
    keep: int,
    today: _dt.date | None,
) -> Path:
    if keep < 1:
        raise ValueError(f"keep must be at least 1, got {keep}")
    dest_dir = Path(dest_dir)
    day = (today or _dt.date.today()).strftime("%Y%m%d")
    suffix = path.suffix or ".db"
    name = f"{path.stem}-daily-{day}"
    current = dest_dir / f"{name}{suffix}"
    if not current.exists():
        current = copy(dest_dir, name)
    pattern = re.compile(rf"^{re.escape(path.stem)}-daily-(\d{{8}}){re.escape(suffix)}$")
    dailies = sorted(
        (p for p in dest_dir.iterdir() if pattern.match(p.name)), key=lambda p: p.name, reverse=True
    )
    for old in dailies[keep:]:
        old.unlink(missing_ok=True)
    return current


def rolling_daily_backup(
    db_path: Path, dest_dir: Path, keep: int = 7, *, today: _dt.date | None = None
) -> Path:
    """:meth:`HistoryStore.rolling_daily_backup` for a database file, through a connection of
    its own (read-only), so it may run on a worker thread while the window uses the store.

    Raises:
        ValueError: ``keep`` is below 1.
        OSError, sqlite3.Error: the copy failed.
    """
    db_path = Path(db_path)
    source = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return _rolling_daily(
            db_path, lambda d, n: _online_copy(source, db_path, d, n), dest_dir, keep, today
        )
    finally:
        source.close()
