"""Story documents: the text, the writing aids, and a version history the writer can
browse and restore.

A story is a conversation of pane 'story' (so it is listed, searched, exported and
deleted with the rest of the history); its text is the conversation's ``draft``. This
module keeps the rest in the same SQLite file (schema 3 of :mod:`app.storage.history`):
memory, author's note and its depth, lorebook, the generation preset, and versions.

Versions are snapshots of the text and aids: one before and after each generation, one
per minute of editing at most (:data:`EDIT_SNAPSHOT_SECONDS`), one before a restore.
:meth:`DocumentStore.prune` thins old ones out: all from the last hour, then one per ten
minutes for a day, one per day for a month, one per week after that (the newest of each
slot is kept; so is the very first version).

Like :class:`HistoryStore`, use it from one thread.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from app.storage.history import HistoryStore

VersionReason = Literal["edit", "generation", "restore", "import"]

#: At most one editing snapshot per this many seconds (issue 6: "per minute of editing").
EDIT_SNAPSHOT_SECONDS = 60.0

#: (age limit in seconds, slot size in seconds) for :meth:`DocumentStore.prune`: versions
#: younger than the limit keep one per slot (0 = keep all).
PRUNE_RULES: tuple[tuple[float, float], ...] = (
    (3600.0, 0.0),
    (86_400.0, 600.0),
    (30 * 86_400.0, 86_400.0),
    (float("inf"), 7 * 86_400.0),
)


@dataclass
class StoryDocument:
    """One story. ``lorebook`` rows are ``{"keys": "a, b", "text": ..., "enabled": bool}``;
    ``preset`` the generation parameters as a dict (None = the pane's)."""

    conversation_id: int
    title: str
    text: str = ""
    memory: str = ""
    authors_note: str = ""
    note_depth: int = 3
    lorebook: list[dict[str, Any]] = field(default_factory=list)
    preset: dict[str, Any] | None = None
    model: str = ""


@dataclass(frozen=True)
class Version:
    """A snapshot. ``created_at`` in Unix seconds; ``chars`` is the text's length."""

    id: int
    conversation_id: int
    reason: str
    created_at: float
    chars: int


class DocumentStore:
    """Stories in the history database ``store`` (shares its connection)."""

    def __init__(self, store: HistoryStore) -> None:
        self.store = store
        self.db = store.db

    def create(self, title: str, text: str = "", model: str = "") -> StoryDocument:
        """A new story (a 'story' conversation) with a first version if it has text."""
        cid = self.store.create_conversation("story", title, model)
        doc = StoryDocument(cid, title, text, model=model)
        self.save(doc)
        if text:
            self.snapshot(cid, "import")
        return doc

    def get(self, conversation_id: int) -> StoryDocument | None:
        """The story, or None if there is no such conversation."""
        summary = self.store.get_conversation(conversation_id)
        if summary is None:
            return None
        doc = StoryDocument(conversation_id, summary.title, self.store.get_draft(conversation_id) or "")
        doc.model = summary.model
        row = self.db.execute(
            "SELECT * FROM documents WHERE conversation_id=?", (conversation_id,)
        ).fetchone()
        if row is not None:
            doc.memory, doc.authors_note, doc.note_depth = (
                row["memory"],
                row["authors_note"],
                row["note_depth"],
            )
            doc.lorebook = _json_list(row["lorebook"])
            doc.preset = json.loads(row["preset"]) if row["preset"] else None
        return doc

    def save(self, doc: StoryDocument) -> None:
        """Store the text (as the conversation's draft) and the aids, in one transaction."""
        with self.store.transaction():
            self.store.save_draft(doc.conversation_id, doc.text)
            self.save_aids(
                doc.conversation_id,
                memory=doc.memory,
                authors_note=doc.authors_note,
                note_depth=doc.note_depth,
                lorebook=doc.lorebook,
                preset=doc.preset,
            )

    def aids(self, conversation_id: int) -> dict[str, Any] | None:
        """The writing aids stored for a conversation, as ``{"memory": str, "authors_note":
        str, "note_depth": int, "lorebook": [dict, ...], "preset": dict | None}`` (the
        shape of a Penwright JSON export's ``story``); None when it has no ``documents`` row
        (a story never saved, or another pane's conversation)."""
        row = self.db.execute(
            "SELECT * FROM documents WHERE conversation_id=?", (conversation_id,)
        ).fetchone()
        if row is None:
            return None
        preset = json.loads(row["preset"]) if row["preset"] else None
        return {
            "memory": row["memory"],
            "authors_note": row["authors_note"],
            "note_depth": row["note_depth"],
            "lorebook": _json_list(row["lorebook"]),
            "preset": preset if isinstance(preset, dict) else None,
        }

    def save_aids(
        self,
        conversation_id: int,
        *,
        memory: str = "",
        authors_note: str = "",
        note_depth: int = 3,
        lorebook: Sequence[dict[str, Any]] = (),
        preset: dict[str, Any] | None = None,
        updated_at: float | None = None,
    ) -> None:
        """Store (insert or replace) only the aids: the text, the conversation and the
        versions are left as they are. ``updated_at`` defaults to now.

        Raises:
            sqlite3.IntegrityError: there is no such conversation.
        """
        self.db.execute(
            "INSERT INTO documents(conversation_id, memory, authors_note, note_depth, lorebook, preset, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(conversation_id) DO UPDATE SET "
            "memory=excluded.memory, authors_note=excluded.authors_note, note_depth=excluded.note_depth, "
            "lorebook=excluded.lorebook, preset=excluded.preset, updated_at=excluded.updated_at",
            (
                conversation_id,
                memory,
                authors_note,
                int(note_depth),
                json.dumps(list(lorebook), ensure_ascii=False),
                json.dumps(preset) if preset is not None else None,
                time.time() if updated_at is None else updated_at,
            ),
        )

    # -- versions -------------------------------------------------------------------------
    def snapshot(
        self, conversation_id: int, reason: VersionReason, *, now: float | None = None
    ) -> int | None:
        """Record the stored text and aids as a version; returns its id, or None when
        nothing changed since the last version, or (``reason`` 'edit') the last editing
        snapshot is under :data:`EDIT_SNAPSHOT_SECONDS` old."""
        doc = self.get(conversation_id)
        if doc is None:
            return None
        now = time.time() if now is None else now
        last = self.db.execute(
            "SELECT * FROM document_versions WHERE conversation_id=? ORDER BY id DESC LIMIT 1",
            (conversation_id,),
        ).fetchone()
        lorebook = json.dumps(doc.lorebook, ensure_ascii=False)
        if last is not None:
            same = (last["text"], last["memory"], last["authors_note"], last["lorebook"]) == (
                doc.text,
                doc.memory,
                doc.authors_note,
                lorebook,
            )
            if same:
                return None
            if (
                reason == "edit"
                and last["reason"] == "edit"
                and now - last["created_at"] < EDIT_SNAPSHOT_SECONDS
            ):
                return None
        with self.store.transaction():
            cursor = self.db.execute(
                "INSERT INTO document_versions(conversation_id, text, memory, authors_note, lorebook, "
                "reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (conversation_id, doc.text, doc.memory, doc.authors_note, lorebook, reason, now),
            )
        return int(cursor.lastrowid or 0)

    def versions(self, conversation_id: int) -> list[Version]:
        """The story's versions, newest first."""
        rows = self.db.execute(
            "SELECT id, conversation_id, reason, created_at, length(text) AS chars FROM document_versions "
            "WHERE conversation_id=? ORDER BY created_at DESC, id DESC",
            (conversation_id,),
        )
        return [
            Version(r["id"], r["conversation_id"], r["reason"], r["created_at"], r["chars"]) for r in rows
        ]

    def version_text(self, version_id: int) -> str:
        """A version's text. Raises KeyError if there is no such version."""
        row = self.db.execute("SELECT text FROM document_versions WHERE id=?", (version_id,)).fetchone()
        if row is None:
            raise KeyError(version_id)
        return str(row["text"])

    def restore(self, conversation_id: int, version_id: int) -> StoryDocument:
        """Make a version the story's text and aids again; the current state is kept as a
        version first (reason 'restore'), so a restore can itself be undone.

        Raises:
            KeyError: no such version for this story.
        """
        row = self.db.execute(
            "SELECT * FROM document_versions WHERE id=? AND conversation_id=?", (version_id, conversation_id)
        ).fetchone()
        doc = self.get(conversation_id)
        if row is None or doc is None:
            raise KeyError(version_id)
        self.snapshot(conversation_id, "restore")
        doc.text, doc.memory, doc.authors_note = row["text"], row["memory"], row["authors_note"]
        doc.lorebook = _json_list(row["lorebook"])
        self.save(doc)
        return doc

    def prune(self, conversation_id: int, *, now: float | None = None) -> int:
        """Thin out old versions by :data:`PRUNE_RULES`; returns how many were deleted."""
        now = time.time() if now is None else now
        rows = self.db.execute(
            "SELECT id, created_at FROM document_versions WHERE conversation_id=? "
            "ORDER BY created_at DESC, id DESC",
            (conversation_id,),
        ).fetchall()
        if not rows:
            return 0
        first_id = min(r["id"] for r in rows)
        seen: set[tuple[int, int]] = set()
        doomed: list[int] = []
        for row in rows:  # newest first: the newest version of each slot is kept
            age = max(0.0, now - row["created_at"])
            rule = next(i for i, (limit, _slot) in enumerate(PRUNE_RULES) if age < limit)
            slot_size = PRUNE_RULES[rule][1]
            if slot_size == 0 or row["id"] == first_id:
                continue
            key = (rule, int(row["created_at"] // slot_size))
            if key in seen:
                doomed.append(row["id"])
            else:
                seen.add(key)
        if doomed:
            with self.store.transaction():
                self.db.executemany("DELETE FROM document_versions WHERE id=?", [(i,) for i in doomed])
        return len(doomed)


def _json_list(text: str | None) -> list[dict[str, Any]]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return []
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


# -- files --------------------------------------------------------------------------------
def export_story(doc: StoryDocument, path: Path) -> Path:
    """Write the story to ``path`` by its suffix: .md (title as a heading), .txt, or
    .docx (python-docx: a title and one paragraph per line). Written to a temporary name
    then renamed. Raises ValueError for another suffix, OSError if it cannot be written."""
    path = Path(path)
    suffix = path.suffix.lower()
    part = path.with_name(path.name + ".part")
    if suffix == ".docx":
        import docx

        document = docx.Document()
        document.core_properties.title = doc.title
        document.add_heading(doc.title, level=1)
        for paragraph in doc.text.split("\n"):
            document.add_paragraph(paragraph)
        document.save(str(part))
    elif suffix in (".md", ".markdown"):
        part.write_text(f"# {doc.title}\n\n{doc.text}\n", encoding="utf-8")
    elif suffix == ".txt":
        part.write_text(doc.text, encoding="utf-8")
    else:
        raise ValueError(f"Export a story as .md, .txt or .docx, not {suffix or 'a file without a suffix'}.")
    part.replace(path)
    return path


def read_story_file(path: Path) -> tuple[str, str]:
    """(title, text) of a .txt or .md file (UTF-8, a BOM allowed): a Markdown file's first
    ``# heading`` is its title, else the file name.

    Raises:
        ValueError: another suffix, or the file is not UTF-8 text (plain words).
        OSError: it cannot be read.
    """
    path = Path(path)
    if path.suffix.lower() not in (".txt", ".md", ".markdown"):
        raise ValueError(f"Import a story from a .txt or .md file, not “{path.name}”.")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"“{path.name}” is not UTF-8 text (byte {exc.start}).") from exc
    text = text.replace("\r\n", "\n")
    title = path.stem
    if path.suffix.lower() != ".txt":
        lines = text.split("\n")
        if lines and lines[0].startswith("# "):
            title = lines[0][2:].strip() or title
            text = "\n".join(lines[1:]).lstrip("\n")
    return title, text
