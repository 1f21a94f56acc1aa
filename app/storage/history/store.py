"""The history store: opening (migrations, recovery of cut replies) and its parts put together."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from app.storage.history.backups import BackupsMixin
from app.storage.history.conversations import ConversationsMixin
from app.storage.history.messages import MessagesMixin
from app.storage.history.records import HistoryError, InterruptedReply
from app.storage.history.schema import split_sql
from app.storage.history.search import SearchMixin


class HistoryStore(ConversationsMixin, MessagesMixin, SearchMixin, BackupsMixin):
    """Open (creating or migrating) the history database at ``path``.

    Args:
        path: the SQLite file (created with its folder if missing).
        backup_dir: where migration backups go (default: ``backups/`` next to ``path``).

    Attributes:
        recovered: replies found cut by a crash at open time and marked ``interrupted``.
        interrupted: those of them in conversations not deleted, oldest first (C32: the
            window names them and offers to open them).
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
        self.interrupted: list[InterruptedReply] = []
        self.migrated_from: int | None = None
        self.backups: list[Path] = []
        self.startup_notes: list[str] = []
        self._db = sqlite3.connect(self.path, isolation_level=None)
        newest, _migrations = _schema()
        try:
            self._db.row_factory = sqlite3.Row
            # Read the version before anything that could write (journal_mode=WAL does):
            # a file from a newer Penwright must be left exactly as it is.
            version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
            if version > newest:
                raise HistoryError(
                    f"The history file {self.path} was written by a newer Penwright (schema "
                    f"{version}; this version knows {newest}). Update Penwright; the file "
                    "was not changed."
                )
            if version < newest and sqlite3.sqlite_version_info < (3, 34, 0):
                raise HistoryError(
                    f"This SQLite ({sqlite3.sqlite_version}) is too old for Penwright's history "
                    "search (FTS5 trigram needs 3.34 or newer). The file was not changed."
                )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA busy_timeout=5000")
            self._migrate(version)
            self.interrupted, self.recovered = self._recover_interrupted()
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
        newest, migrations = _schema()
        for target in range(version, newest):
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
                    for statement in split_sql(migrations[target]):
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

    def _recover_interrupted(self) -> tuple[list[InterruptedReply], int]:
        """Mark replies a crash left open as ``interrupted``; returns those in conversations
        not deleted, and how many were marked in all."""
        with self._transaction():
            rows = self._db.execute(
                "SELECT m.id, m.conversation_id, c.pane, c.title, c.deleted_at FROM messages m "
                "JOIN conversations c ON c.id = m.conversation_id "
                "WHERE m.status='partial' AND m.finish_reason IS NULL ORDER BY m.id"
            ).fetchall()
            cursor = self._db.execute(
                "UPDATE messages SET finish_reason='interrupted', updated_at=? "
                "WHERE status='partial' AND finish_reason IS NULL",
                (time.time(),),
            )
        shown = [InterruptedReply(r[1], r[0], r[2], r[3]) for r in rows if r[4] is None]
        return shown, cursor.rowcount

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
        newest, _migrations = _schema()
        store = cls.__new__(cls)
        store.path = Path(path)
        store.backup_dir = store.path.parent / "backups"
        store.recovered = 0
        store.interrupted = []
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
            if version != newest:
                raise HistoryError(
                    f"The history file {store.path} has schema {version}, not {newest}: "
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


def _schema() -> tuple[int, tuple[str, ...]]:
    """``(SCHEMA_VERSION, MIGRATIONS)`` as :mod:`app.storage.history` holds them now: read
    from the package at each open, so that a test patching them there (to play an older
    Penwright) is obeyed."""
    from app.storage import history

    return history.SCHEMA_VERSION, history.MIGRATIONS
