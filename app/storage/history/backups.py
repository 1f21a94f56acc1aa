"""Copies of the history file: online backups now, one per day, and before each migration."""

from __future__ import annotations

import datetime as _dt
import os
import re
import sqlite3
import time
from pathlib import Path
from typing import Any

from app.storage.history.base import StoreBase


class BackupsMixin(StoreBase):
    """Backups of the open store's file (SQLite's online backup API, safe while in use)."""

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
