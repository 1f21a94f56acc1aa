"""Conversation history in SQLite (WAL mode).

Messages form a tree (``parent_id``) so that a regenerate makes a sibling instead of
deleting the old reply; the conversation shows the path to its newest leaf.

Crash safety (case C14): every finished message is committed at once; a streaming
reply is a row with ``status='partial'`` updated about once a second and closed with
its finish reason. A reply still ``partial`` with no finish reason at start-up was cut
by a crash: :meth:`HistoryStore.open` marks it ``interrupted`` and reports how many.

The store is used from one thread (the GUI thread or the CLI); it is not thread-safe.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.types import ChatMessage, GenerationParams, Usage

SCHEMA_VERSION = 1

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

#: Numbered migrations: index i upgrades schema i to i+1 (index 0 creates schema 1).
MIGRATIONS: tuple[str, ...] = (_SCHEMA_V1,)


class HistoryError(RuntimeError):
    """The database cannot be used (newer schema, damaged file); the message says why."""


@dataclass(frozen=True)
class ConversationSummary:
    id: int
    title: str
    pane: str
    model: str
    created_at: float
    updated_at: float
    message_count: int


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

    @property
    def is_partial(self) -> bool:
        return self.status == "partial"

    def as_chat(self) -> ChatMessage:
        return {"role": self.role, "content": self.content}  # type: ignore[typeddict-item]


class HistoryStore:
    """Open (creating or migrating) the history database at ``path``.

    Attributes:
        recovered: replies found cut by a crash at open time and marked ``interrupted``.

    Raises:
        HistoryError: the file is not a database, is damaged, or has a newer schema.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA busy_timeout=5000")
            self._migrate()
            self.recovered = self._recover_interrupted()
        except sqlite3.DatabaseError as exc:
            raise HistoryError(
                f"The history file {self.path} cannot be opened ({exc}). It has not been "
                "changed; move it aside to start a new history."
            ) from exc

    # -- schema ---------------------------------------------------------------------------
    def _migrate(self) -> None:
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise HistoryError(
                f"The history file was written by a newer Penwright (schema {version}; this "
                f"version knows {SCHEMA_VERSION}). Update Penwright; the file was not changed."
            )
        for target in range(version, SCHEMA_VERSION):
            with self._transaction():
                for statement in _split_sql(MIGRATIONS[target]):
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version={target + 1}")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
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

    def close(self) -> None:
        self._db.close()

    def integrity_check(self) -> str:
        """``PRAGMA integrity_check``: 'ok' when the file is sound."""
        return str(self._db.execute("PRAGMA integrity_check").fetchone()[0])

    # -- conversations --------------------------------------------------------------------
    def create_conversation(self, pane: str, title: str, model: str = "") -> int:
        now = time.time()
        cursor = self._db.execute(
            "INSERT INTO conversations(title, pane, model, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            (title, pane, model, now, now),
        )
        return int(cursor.lastrowid or 0)

    def list_conversations(self, pane: str | None = None) -> list[ConversationSummary]:
        """Newest first."""
        if pane is None:
            return self._summaries("", ())
        return self._summaries("WHERE c.pane=?", (pane,))

    def get_conversation(self, conversation_id: int) -> ConversationSummary | None:
        found = self._summaries("WHERE c.id=?", (conversation_id,))
        return found[0] if found else None

    def _summaries(self, where: str, args: tuple[Any, ...]) -> list[ConversationSummary]:
        sql = (
            "SELECT c.*, (SELECT COUNT(*) FROM messages m WHERE m.conversation_id=c.id) AS n "
            f"FROM conversations c {where} ORDER BY c.updated_at DESC, c.id DESC"
        )
        return [
            ConversationSummary(
                r["id"], r["title"], r["pane"], r["model"], r["created_at"], r["updated_at"], r["n"]
            )
            for r in self._db.execute(sql, args)
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

    def delete_conversation(self, conversation_id: int) -> None:
        self._db.execute("DELETE FROM conversations WHERE id=?", (conversation_id,))

    def _touch(self, conversation_id: int, model: str | None = None) -> None:
        if model:
            self._db.execute(
                "UPDATE conversations SET updated_at=?, model=? WHERE id=?",
                (time.time(), model, conversation_id),
            )
        else:
            self._db.execute(
                "UPDATE conversations SET updated_at=? WHERE id=?", (time.time(), conversation_id)
            )

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
        """Insert and commit a message; returns its id."""
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
            self._touch(conversation_id, model or None)
        return int(cursor.lastrowid or 0)

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

    def thread(self, conversation_id: int) -> list[StoredMessage]:
        """The active branch: the path from the root to the newest leaf, oldest first."""
        messages = self.all_messages(conversation_id)
        if not messages:
            return []
        by_id = {m.id: m for m in messages}
        parents = {m.parent_id for m in messages}
        leaf = max((m for m in messages if m.id not in parents), key=lambda m: m.id)
        path = []
        node: StoredMessage | None = leaf
        while node is not None:
            path.append(node)
            node = by_id.get(node.parent_id) if node.parent_id is not None else None
        return path[::-1]


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
    )


def _split_sql(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
