"""Imports, exports and backups of the history on a worker thread, beside the window's store.

Qt-free. The window's :class:`~app.storage.history.HistoryStore` belongs to the GUI thread;
these functions take the database *file* and open a connection of their own
(:meth:`HistoryStore.open_worker`, or a read-only one for backups), so the window keeps
working, and saving a streaming reply, while they run. The formats are
:mod:`app.storage.exchange`'s; nothing here parses or writes them itself.

**Staged import** (:func:`import_file`, :func:`insert_staged`): the whole file is read and
checked first (a malformed file raises :class:`~app.storage.exchange.ExchangeError` and
nothing is written), then the conversations go in by chunks of :data:`CHUNK_CONVERSATIONS`
(and about :data:`CHUNK_TARGET_S` of work), each chunk one short transaction followed by a
short pause (:data:`PAUSE_S`), so that the window's own writes never wait long for SQLite's
write lock. Every imported conversation is stored *hidden*: its ``deleted_at`` is
:data:`IMPORTING` (0.0, the Unix epoch), so every list, search and count of the history,
which all skip soft-deleted conversations, ignores it (only
:meth:`~app.storage.history.HistoryStore.list_deleted`, the trash, which no window shows,
lists them meanwhile). A last short transaction puts the conversations in their folders
and shows them all (``deleted_at`` = NULL): the user sees all of the file or nothing.
Cancel or an error deletes the hidden conversations again (their messages, search index
rows, story aids and poems go with them: foreign keys cascade and triggers keep the index).
A crash leaves them hidden, and long "deleted": the next start's
:meth:`~app.storage.history.HistoryStore.purge_deleted` removes them.

**Export** (:func:`write_export`) reads in one read transaction (in WAL mode a consistent
snapshot that blocks no writer) and writes the file atomically, as
:func:`app.storage.exchange.write_export`, which it calls.

**Backup** (:func:`backup_now`): the online copy of
:meth:`~app.storage.history.HistoryStore.backup_now`, through a read-only connection of its
own, as :func:`~app.storage.history.rolling_daily_backup`.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import cast

from app.storage import exchange
from app.storage.exchange import ExchangeError, ExportFormat, LeftOut
from app.storage.history import ConversationRecord, ConversationSummary, HistoryStore, _online_copy

#: ``deleted_at`` of a conversation being imported: hidden everywhere, and (as a delete of
#: 1970) removed by the first :meth:`HistoryStore.purge_deleted` if an import never ended.
IMPORTING = 0.0
#: Most conversations per import transaction.
CHUNK_CONVERSATIONS = 50
#: Time one import transaction aims at (seconds). Indexing the text for search is most of
#: it, so a chunk is also cut at a number of characters, learnt from the chunks before
#: (the first guess is :data:`CHUNK_CHARS`; never below :data:`MIN_CHUNK_CHARS`). A
#: conversation longer than that is a chunk of its own.
CHUNK_TARGET_S = 0.08
CHUNK_CHARS = 100_000
MIN_CHUNK_CHARS = 20_000
#: Pause after each chunk (seconds). SQLite's write lock is not a queue: a connection that
#: waits for it (the window saving a reply) polls it, every 1 to 25 ms during its first
#: 0.13 s of waiting, then every 50 to 100 ms, and loses every race to a worker that begins
#: its next transaction at once (measured: a save waited for the whole import). A pause
#: longer than those first polls, after a chunk shorter than they last, lets it in after at
#: most about one chunk.
PAUSE_S = 0.03

#: ``progress(done, total)``: conversations imported (or read, for an export) so far.
Progress = Callable[[int, int], None]


class TransferCancelled(Exception):
    """The user cancelled: nothing was imported (or written)."""


@dataclasses.dataclass(frozen=True)
class ImportSummary:
    """What :func:`import_file` did: ``ids`` of the new conversations, in file order;
    ``skipped``, how many of the file's conversations were already in the history (the same
    pane, title, creation time and messages: a file imported twice, or an export imported
    back) and were left out; and ``left_out``, what a ChatGPT export held that was not
    imported (images, reasoning notes, hidden messages, tool results, conversations with no
    text, records with no id: :class:`~app.storage.exchange.LeftOut`, its ``sentences()``
    in plain English; empty for a Penwright export) (C30)."""

    ids: list[int]
    skipped: int = 0
    left_out: LeftOut = dataclasses.field(default_factory=LeftOut)


def already_present(
    store: HistoryStore,
    record: ConversationRecord,
    known: dict[tuple[str, str], list[tuple[float, int]]] | None = None,
) -> bool:
    """True when the history (not counting deleted conversations) holds a conversation of
    ``record``'s pane and title, created within a millisecond of it, with the same content:
    the same messages (role and text, in any order: branches are stored parents first in
    both), the same draft (a story's text) and the same story aids and poem. An older
    export of a story whose text changed since is therefore not "present": it comes in as
    a second copy, and the writer keeps both versions.

    ``known`` is :func:`known_conversations` read once for many records (else it is read
    here: one scan of the conversations table)."""
    if known is None:
        known = known_conversations(store)
    candidates = [
        cid
        for created_at, cid in known.get((record.pane, record.title), [])
        if abs(created_at - record.created_at) < 0.001
    ]
    wanted = _content(record)
    for cid in candidates:
        mine = exchange.parse_penwright_json(exchange.export_json(store, [cid]), "history")
        if mine and _content(mine[0]) == wanted:
            return True
    return False


def known_conversations(store: HistoryStore) -> dict[tuple[str, str], list[tuple[float, int]]]:
    """(pane, title) -> [(created_at, id), ...] of the conversations not deleted."""
    known: dict[tuple[str, str], list[tuple[float, int]]] = {}
    for row in store.db.execute(
        "SELECT id, pane, title, created_at FROM conversations WHERE deleted_at IS NULL"
    ):
        known.setdefault((str(row[1]), str(row[2])), []).append((float(row[3]), int(row[0])))
    return known


def _content(record: ConversationRecord) -> tuple[object, ...]:
    """What makes two records the same conversation for :func:`already_present`."""
    poem = dict(record.poem) if record.poem else None
    if poem is not None:  # message keys are numbered per export: the messages compare instead
        poem.pop("request_message", None)
        poem.pop("chosen_message", None)
    messages = sorted((m.role, m.content) for m in record.messages)
    return (messages, record.draft or "", record.story or None, poem)


# -- import -------------------------------------------------------------------------------
def import_file(
    db_path: Path,
    path: Path,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    chunk_size: int = CHUNK_CONVERSATIONS,
    skip_known: bool = True,
) -> ImportSummary:
    """Import a Penwright JSON export or ChatGPT's ``conversations.json`` into the history
    file ``db_path``, all or nothing, through a connection of its own (call it on a worker
    thread). With ``skip_known``, conversations already in the history
    (:func:`already_present`) are left out, so importing a file twice adds nothing.
    Returns the new ids, how many were skipped and what the file held that was not
    imported (:attr:`ImportSummary.left_out`).

    ``progress(0, total)`` comes once the file is read and checked, then after each stored
    chunk; ``cancel`` is looked at after the reading and before each chunk.

    Raises:
        ExchangeError: the file is unreadable or malformed, or storing it failed; nothing
            was imported.
        TransferCancelled: ``cancel`` was set; nothing was imported.
        HistoryError: the history file cannot be opened (see :meth:`HistoryStore.open_worker`).
    """
    path = Path(path)
    parsed = exchange.read_file(path)
    records = parsed.records
    if cancel is not None and cancel.is_set():
        raise TransferCancelled
    store = HistoryStore.open_worker(db_path)
    try:
        if skip_known:
            known = known_conversations(store)
            fresh = [r for r in records if not already_present(store, r, known)]
        else:
            fresh = list(records)
        ids = insert_staged(store, fresh, path.name, progress=progress, cancel=cancel, chunk_size=chunk_size)
        return ImportSummary(ids, len(records) - len(fresh), parsed.left_out)
    finally:
        store.close()


def insert_staged(
    store: HistoryStore,
    records: Sequence[ConversationRecord],
    source: str,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    chunk_size: int = CHUNK_CONVERSATIONS,
) -> list[int]:
    """Insert checked records (with their stories' aids and poems, as
    :func:`app.storage.exchange.import_file`) in hidden chunks, then show them all in one
    transaction; see the module's description. Returns the new ids, in order.

    Raises:
        ExchangeError: a record could not be stored (the message starts with ``source``),
            or the hidden conversations were removed meanwhile; nothing was imported.
        TransferCancelled: ``cancel`` was set before the end; nothing was imported.
    """
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, got {chunk_size}")
    total = len(records)
    ids: list[int] = []
    folders: dict[str, list[int]] = {}  # folder name -> conversations to put there at the end
    try:
        if progress is not None:
            progress(0, total)
        budget = CHUNK_CHARS  # characters per chunk, learnt as it goes
        while len(ids) < total:
            if ids:
                time.sleep(PAUSE_S)  # the window's writes go in now (see PAUSE_S)
            if cancel is not None and cancel.is_set():
                raise TransferCancelled
            chunk, chars = _next_chunk(records, len(ids), chunk_size, budget)
            plain = [dataclasses.replace(r, folder=None) for r in chunk]  # folders: at the end
            try:
                with _transaction(store.db):  # exchange's own transaction joins this one
                    started = time.monotonic()
                    new = exchange.insert_records(store, plain, source)
                    store.db.executemany(
                        "UPDATE conversations SET deleted_at=? WHERE id=?", [(IMPORTING, cid) for cid in new]
                    )
            except sqlite3.Error as exc:
                raise ExchangeError(f"{source}: could not be stored ({exc})") from exc
            elapsed = time.monotonic() - started  # with the commit, without waiting for the lock
            if chars and elapsed > 0:  # (at most ten times the first guess: texts vary)
                budget = max(MIN_CHUNK_CHARS, min(10 * CHUNK_CHARS, int(chars * CHUNK_TARGET_S / elapsed)))
            ids += new
            for record, cid in zip(chunk, new, strict=True):
                if record.folder:
                    folders.setdefault(record.folder, []).append(cid)
            if progress is not None:
                progress(len(ids), total)
        if cancel is not None and cancel.is_set():
            raise TransferCancelled
        _reveal(store, ids, folders, source)
    except BaseException:
        discard_hidden(store, ids)
        raise
    return ids


def _next_chunk(
    records: Sequence[ConversationRecord], start: int, size: int, chars: int
) -> tuple[list[ConversationRecord], int]:
    """The records from ``start``: at most ``size`` conversations and (unless the first alone
    has more) ``chars`` characters of messages, story text and poem candidates; and how
    many characters they have."""
    chunk: list[ConversationRecord] = []
    taken = 0
    for record in records[start : start + size]:
        length = sum(len(m.content) for m in record.messages) + len(record.draft or "")
        if record.poem:
            length += sum(len(str(c.get("text", ""))) for c in record.poem.get("candidates", []))
        if chunk and taken + length > chars:
            break
        chunk.append(record)
        taken += length
    return chunk, taken


def _reveal(store: HistoryStore, ids: list[int], folders: dict[str, list[int]], source: str) -> None:
    """One transaction: the imported conversations go into their folders (found by name,
    or created, as :meth:`HistoryStore.insert_conversations` does) and become visible."""
    try:
        with _transaction(store.db):
            for name, members in folders.items():
                row = store.db.execute(
                    "SELECT id FROM folders WHERE name=? ORDER BY id LIMIT 1", (name,)
                ).fetchone()
                folder_id = int(row[0]) if row else store.create_folder(name)
                store.db.executemany(
                    "UPDATE conversations SET folder_id=? WHERE id=?", [(folder_id, cid) for cid in members]
                )
            shown = store.db.executemany(
                "UPDATE conversations SET deleted_at=NULL WHERE id=? AND deleted_at=?",
                [(cid, IMPORTING) for cid in ids],
            ).rowcount
            if shown != len(ids):  # e.g. another Penwright emptied the trash meanwhile
                raise ExchangeError(
                    f"{source}: {len(ids) - shown} of the {len(ids)} conversations being imported "
                    "were removed meanwhile"
                )
    except sqlite3.Error as exc:
        raise ExchangeError(f"{source}: could not be stored ({exc})") from exc


def discard_hidden(store: HistoryStore, ids: Sequence[int], chunk_size: int = CHUNK_CONVERSATIONS) -> int:
    """Delete the conversations ``ids`` that are still hidden by an import (``deleted_at``
    = :data:`IMPORTING`), with everything that belongs to them, a chunk per transaction.
    Best effort: if SQLite fails, the rest stay hidden for the next start's purge. Returns
    how many were deleted."""
    deleted = 0
    try:
        for start in range(0, len(ids), chunk_size):
            with _transaction(store.db):
                deleted += store.db.executemany(
                    "DELETE FROM conversations WHERE id=? AND deleted_at=?",
                    [(cid, IMPORTING) for cid in ids[start : start + chunk_size]],
                ).rowcount
    except sqlite3.Error:
        pass
    return deleted


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction. SQLite ends a transaction itself on some errors (a full disk:
    SQLITE_FULL); then there is nothing to roll back, and the error is the one raised."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


# -- export -------------------------------------------------------------------------------
class _ExportReader(HistoryStore):
    """A worker connection that counts the conversations an export reads (the exchange
    functions read each one's summary once, with :meth:`get_conversation`) and stops the
    export when ``cancel`` is set."""

    wanted: set[int]
    seen: set[int]
    report: Progress | None
    cancel: threading.Event | None

    def get_conversation(
        self, conversation_id: int, *, include_deleted: bool = False
    ) -> ConversationSummary | None:
        if self.cancel is not None and self.cancel.is_set():
            raise TransferCancelled
        if conversation_id in self.wanted and conversation_id not in self.seen:
            self.seen.add(conversation_id)
            if self.report is not None:
                self.report(len(self.seen), len(self.wanted))
        return super().get_conversation(conversation_id, include_deleted=include_deleted)


def write_export(
    db_path: Path,
    path: Path,
    conversation_ids: Sequence[int],
    fmt: ExportFormat | None = None,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """:func:`app.storage.exchange.write_export` through a connection of its own, in one read
    transaction (a consistent snapshot of the history). ``progress(done, total)`` counts the
    conversations read; ``cancel`` stops before the file is written. Returns ``path``.

    Raises:
        ValueError: unknown format or conversation. OSError: the file cannot be written.
        TransferCancelled: ``cancel`` was set; no file was written.
        HistoryError: the history file cannot be opened.
    """
    reader = cast(_ExportReader, _ExportReader.open_worker(db_path))
    reader.wanted, reader.seen = set(conversation_ids), set()
    reader.report, reader.cancel = progress, cancel
    try:
        reader.db.execute("BEGIN")  # a read transaction: one snapshot for the whole export
        try:
            if progress is not None:
                progress(0, len(reader.wanted))
            return exchange.write_export(reader, Path(path), conversation_ids, fmt)
        finally:
            reader.db.execute("ROLLBACK")  # nothing was written
    finally:
        reader.close()


# -- backup -------------------------------------------------------------------------------
def backup_now(db_path: Path, dest_dir: Path) -> Path:
    """:meth:`HistoryStore.backup_now` for a database file, through a read-only connection
    of its own, so that it may run on a worker thread: a single-file copy named
    ``<stem>-<YYYYmmdd-HHMMSS><suffix>`` in ``dest_dir``. Returns its path.

    Raises:
        OSError, sqlite3.Error: the copy failed.
    """
    db_path = Path(db_path)
    source = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return _online_copy(source, db_path, dest_dir, f"{db_path.stem}-{time.strftime('%Y%m%d-%H%M%S')}")
    finally:
        source.close()
