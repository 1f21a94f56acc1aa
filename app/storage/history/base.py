"""The connection every part of :class:`~app.storage.history.HistoryStore` shares, and its
transactions."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class StoreBase:
    """The SQLite connection (``_db``) and file (``path``) behind a history store, with its
    transactions; the other parts of :class:`~app.storage.history.HistoryStore` build on it."""

    path: Path
    backup_dir: Path
    _db: sqlite3.Connection

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

    def schema_version(self) -> int:
        """The file's schema version (``PRAGMA user_version``)."""
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        self._db.close()

    def integrity_check(self) -> str:
        """``PRAGMA integrity_check``: 'ok' when the file is sound."""
        return str(self._db.execute("PRAGMA integrity_check").fetchone()[0])
