"""Conversations and folders of the history: create, list, rename, pin, move, trash; and
whole conversations inserted at once (imports)."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from typing import Any, Literal

from app.storage.history.base import StoreBase
from app.storage.history.records import ConversationRecord, ConversationSummary, Folder
from app.storage.history.schema import ROLES, STATUSES


class ConversationsMixin(StoreBase):
    """The conversation list, folders and bulk inserts of a history store."""

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
