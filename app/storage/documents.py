"""Story documents: the text, the writing aids, and a version history the writer can
browse and restore.

A story is a conversation of pane 'story' (so it is listed, searched, exported and
deleted with the rest of the history); its text is the conversation's ``draft``. This
module keeps the rest in the same SQLite file (table ``documents``, schema 3 of
:mod:`app.storage.history`; column ``ai_spans`` since schema 5): memory, author's note and
its depth, lorebook, the generation preset, the AI-written spans with their tokens'
log-probabilities (:attr:`StoryDocument.ai_spans`), and versions. The text and the spans
are saved in one transaction, so they never disagree; :func:`usable_ai_spans` and
:func:`check_ai_spans` check spans against a text.

Positions in spans are UTF-16 code units, as Qt counts them in the Story editor: an emoji
is two units, a CJK character one (C02). This module stays Qt-free and counts them itself.

Versions are snapshots of the text and aids (not the AI spans: restoring a version
clears them): one before and after each generation, one per minute of editing at most
(:data:`EDIT_SNAPSHOT_SECONDS`), one before a restore.
:meth:`DocumentStore.prune` thins old ones out: all from the last hour, then one per ten
minutes for a day, one per day for a month, one per week after that (the newest of each
slot is kept; so is the very first version).

Like :class:`HistoryStore`, use it from one thread.
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from app.storage.history import HistoryStore

log = logging.getLogger(__name__)

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
    ``preset`` the generation parameters as a dict (None = the pane's).

    ``ai_spans`` is the text the model wrote, as JSON-shaped dicts in document order::

        [{"start": int, "end": int,
          "tokens": [{"offset": int, "length": int, "token": str, "logprob": float,
                      "top": [[str, float], ...]}, ...]}, ...]

    ``start``/``end`` ([start, end), end > start) are positions in :attr:`text` in UTF-16
    code units (Qt's positions); a token's ``offset`` (from the span's start) and
    ``length`` too, and its ``token`` is the text there. ``logprob`` is the token's natural
    log-probability, ``top`` the alternatives (token, logprob), best first. ``tokens`` is
    empty when the engine gave no log-probabilities. Spans do not overlap. Stored as they
    are given; :func:`usable_ai_spans` keeps those that fit the text.
    """

    conversation_id: int
    title: str
    text: str = ""
    memory: str = ""
    authors_note: str = ""
    note_depth: int = 3
    lorebook: list[dict[str, Any]] = field(default_factory=list)
    preset: dict[str, Any] | None = None
    model: str = ""
    ai_spans: list[dict[str, Any]] = field(default_factory=list)


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
            doc.ai_spans = _json_spans(row["ai_spans"], conversation_id)
        return doc

    def save(self, doc: StoryDocument) -> None:
        """Store the text (as the conversation's draft), the aids and the AI spans, in one
        transaction."""
        with self.store.transaction():
            self.store.save_draft(doc.conversation_id, doc.text)
            self.save_aids(
                doc.conversation_id,
                memory=doc.memory,
                authors_note=doc.authors_note,
                note_depth=doc.note_depth,
                lorebook=doc.lorebook,
                preset=doc.preset,
                ai_spans=doc.ai_spans,
            )

    def aids(self, conversation_id: int) -> dict[str, Any] | None:
        """The writing aids stored for a conversation, as ``{"memory": str, "authors_note":
        str, "note_depth": int, "lorebook": [dict, ...], "preset": dict | None,
        "ai_spans": [dict, ...]}`` (the shape of a Penwright JSON export's ``story``, where
        ``ai_spans`` is left out when empty; spans as stored, unchecked); None when it has
        no ``documents`` row (a story never saved, or another pane's conversation)."""
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
            "ai_spans": _json_spans(row["ai_spans"], conversation_id),
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
        ai_spans: Sequence[dict[str, Any]] = (),
        updated_at: float | None = None,
    ) -> None:
        """Store (insert or replace) only the aids and the AI spans (shape:
        :attr:`StoryDocument.ai_spans`, positions in the stored text; none is stored as
        NULL): the text, the conversation and the versions are left as they are.
        ``updated_at`` defaults to now.

        Raises:
            sqlite3.IntegrityError: there is no such conversation.
        """
        self.db.execute(
            "INSERT INTO documents(conversation_id, memory, authors_note, note_depth, lorebook, preset, "
            "ai_spans, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(conversation_id) DO UPDATE "
            "SET memory=excluded.memory, authors_note=excluded.authors_note, "
            "note_depth=excluded.note_depth, lorebook=excluded.lorebook, preset=excluded.preset, "
            "ai_spans=excluded.ai_spans, updated_at=excluded.updated_at",
            (
                conversation_id,
                memory,
                authors_note,
                int(note_depth),
                json.dumps(list(lorebook), ensure_ascii=False),
                json.dumps(preset) if preset is not None else None,
                json.dumps(list(ai_spans), ensure_ascii=False) if ai_spans else None,
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
        version first (reason 'restore'), so a restore can itself be undone. Versions do not
        keep AI spans: the restored story has none (:attr:`StoryDocument.ai_spans` empty).

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
        doc.ai_spans = []
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


def _json_spans(text: str | None, conversation_id: int) -> list[dict[str, Any]]:
    """The stored ``ai_spans`` column as a list of dicts ([] for NULL; unreadable JSON is
    logged and read as [])."""
    if not text:
        return []
    try:
        value = json.loads(text)
    except ValueError as exc:
        log.warning("Story %s: its AI spans are not readable JSON (%s); left out.", conversation_id, exc)
        return []
    if not isinstance(value, list):
        log.warning("Story %s: its AI spans are not a list; left out.", conversation_id)
        return []
    return [v for v in value if isinstance(v, dict)]


# -- AI spans -----------------------------------------------------------------------------
#: What ``QTextDocument.toPlainText()`` turns these characters into (one unit each), so a
#: token's text matches the saved plain text.
_PLAIN = str.maketrans({"\u00a0": " ", "\u2028": "\n", "\u2029": "\n", "\r": "\n"})


def _units(text: str) -> bytes:
    """``text`` in UTF-16 (little-endian): two bytes per Qt position."""
    return text.translate(_PLAIN).encode("utf-16-le")


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _whole(data: dict[str, Any], name: str, at: str) -> int:
    """``data[name]``, a whole number of 0 or more, else ValueError naming it."""
    value = data.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{at}.{name}: expected a whole number of 0 or more, got {value!r}")
    return value


def check_ai_span(value: Any, text: str, at: str = "span") -> dict[str, Any]:
    """One AI span (shape: :attr:`StoryDocument.ai_spans`) checked against the document
    ``text``; returns it with only the known keys (values as given; ``tokens`` and ``top``
    default to []).

    It must lie within the text (UTF-16 units), its tokens in order without overlapping,
    inside the span, each ``token`` equal to the text at its place (non-breaking spaces,
    line and paragraph separators and carriage returns compared as ``toPlainText`` gives
    them), logprobs finite numbers.

    Raises:
        ValueError: the first problem, named from ``at``, e.g. ``span.tokens[2].logprob:
            expected a number, got 'x'`` or ``span.end: 40 is beyond the text (31 UTF-16
            units)``.
    """
    if not isinstance(value, dict):
        raise ValueError(f"{at}: expected an object, got {type(value).__name__}")
    start, end = _whole(value, "start", at), _whole(value, "end", at)
    units = _units(text)
    size = len(units) // 2
    if end <= start:
        raise ValueError(f"{at}.end: {end} is not after the start ({start})")
    if end > size:
        raise ValueError(f"{at}.end: {end} is beyond the text ({size} UTF-16 units)")
    raw_tokens = value.get("tokens", [])
    if raw_tokens is None:
        raw_tokens = []
    if not isinstance(raw_tokens, list):
        raise ValueError(f"{at}.tokens: expected a list, got {raw_tokens!r}")
    tokens = []
    free = 0  # the first offset the next token may have
    for i, raw in enumerate(raw_tokens):
        where = f"{at}.tokens[{i}]"
        if not isinstance(raw, dict):
            raise ValueError(f"{where}: expected an object, got {type(raw).__name__}")
        offset, length = _whole(raw, "offset", where), _whole(raw, "length", where)
        token, logprob = raw.get("token"), raw.get("logprob")
        if offset < free:
            raise ValueError(f"{where}.offset: {offset} overlaps the token before it")
        if offset + length > end - start:
            raise ValueError(f"{where}.length: the token ends beyond its span")
        if not isinstance(token, str):
            raise ValueError(f"{where}.token: expected text, got {token!r}")
        at_place = units[2 * (start + offset) : 2 * (start + offset + length)]
        if _units(token) != at_place:
            shown = at_place.decode("utf-16-le", errors="replace")
            raise ValueError(f"{where}.token: {token!r} is not the text at its place ({shown!r})")
        if not _number(logprob):
            raise ValueError(f"{where}.logprob: expected a number, got {logprob!r}")
        raw_top = raw.get("top", [])
        if raw_top is None:
            raw_top = []
        if not isinstance(raw_top, list):
            raise ValueError(f"{where}.top: expected a list, got {raw_top!r}")
        top = []
        for j, pair in enumerate(raw_top):
            pair_ok = isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str)
            if not (pair_ok and _number(pair[1])):
                raise ValueError(f"{where}.top[{j}]: expected [text, number], got {pair!r}")
            top.append([pair[0], pair[1]])
        tokens.append({"offset": offset, "length": length, "token": token, "logprob": logprob, "top": top})
        free = offset + length
    return {"start": start, "end": end, "tokens": tokens}


def check_ai_spans(value: Any, text: str, at: str = "ai_spans") -> list[dict[str, Any]]:
    """All AI spans of ``value`` checked against ``text`` (:func:`check_ai_span`), in
    document order without overlapping; returns them with only the known keys.

    Raises:
        ValueError: the first problem, e.g. ``ai_spans[1].start: 12 overlaps the span
            before it (which ends at 20)``.
    """
    if not isinstance(value, list):
        raise ValueError(f"{at}: expected a list, got {type(value).__name__}")
    spans: list[dict[str, Any]] = []
    for i, item in enumerate(value):
        span = check_ai_span(item, text, f"{at}[{i}]")
        if spans and span["start"] < spans[-1]["end"]:
            raise ValueError(
                f"{at}[{i}].start: {span['start']} overlaps the span before it (which ends at "
                f"{spans[-1]['end']})"
            )
        spans.append(span)
    return spans


def usable_ai_spans(value: Sequence[Any], text: str) -> tuple[list[dict[str, Any]], list[str]]:
    """The spans of ``value`` that check out against ``text`` (:func:`check_ai_span`),
    leaving out any that overlaps one kept before it, and one line per span left out
    saying why (for the log). For stored spans, which should never be wrong: a damaged
    one costs its colour, never the story."""
    kept: list[dict[str, Any]] = []
    problems: list[str] = []
    for i, item in enumerate(value):
        try:
            span = check_ai_span(item, text, f"ai_spans[{i}]")
        except ValueError as exc:
            problems.append(str(exc))
            continue
        if any(span["start"] < other["end"] and other["start"] < span["end"] for other in kept):
            problems.append(f"ai_spans[{i}]: [{span['start']}, {span['end']}) overlaps another span")
            continue
        kept.append(span)
    kept.sort(key=lambda s: s["start"])
    return kept, problems


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
