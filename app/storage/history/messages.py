"""Messages of the history: a tree per conversation (``parent_id``), streaming replies
saved as they grow, and the remembered active branch."""

from __future__ import annotations

import json
import sqlite3
import time
from typing import Any

from app.core.types import GenerationParams, Usage
from app.storage.history.base import StoreBase
from app.storage.history.records import StoredMessage


class MessagesMixin(StoreBase):
    """Messages and branches of a history store's conversations."""

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
        """Store the text streamed so far (the conversation service calls it at most 0.1 s
        apart while text flows, C32)."""
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
