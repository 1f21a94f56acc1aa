"""Schema migrations of the history: from a real v1 file, with a backup first, atomically.

``tests/fixtures/history_v1.db`` was written by the schema-1 HistoryStore (before folders,
soft delete, branches and search existed): three conversations (chat with a regenerated
reply in Chinese and emoji, a story with a draft and a cancelled partial reply, a Q&A).
A schema-4 file (story documents and poems, before AI spans) is made from it by the
migrations up to 4.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.storage import history
from app.storage.documents import DocumentStore
from app.storage.history import SCHEMA_VERSION, HistoryError, HistoryStore
from app.storage.poems import PoemStore

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "history_v1.db"


def _v1_copy(tmp_path: Path) -> Path:
    path = tmp_path / "history.sqlite3"
    shutil.copyfile(FIXTURE, path)
    return path


def _rows(path: Path) -> list[tuple[object, ...]]:
    db = sqlite3.connect(path)
    try:
        return db.execute(
            "SELECT id, conversation_id, parent_id, role, content, status, finish_reason, model, params, "
            "seed, usage, created_at, updated_at FROM messages ORDER BY id"
        ).fetchall()
    finally:
        db.close()


def test_the_fixture_is_a_schema_1_file(tmp_path: Path) -> None:
    db = sqlite3.connect(_v1_copy(tmp_path))  # a copy: reading a WAL file writes -shm next to it
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    assert db.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == 8


def test_v1_file_migrates_with_data_intact_and_a_backup_first(tmp_path: Path) -> None:
    path = _v1_copy(tmp_path)
    before = _rows(path)
    store = HistoryStore(path)
    assert store.schema_version() == SCHEMA_VERSION == 5 and store.migrated_from == 1
    assert _rows(path) == before  # every message, byte for byte, with its timestamps
    # The backup: next to the file, named with the old version and a time stamp, a sound v1 copy.
    # one copy before each step (1→2, 2→3, 3→4, 4→5); the first is the untouched v1 file
    backup = store.backups[0]
    assert len(store.backups) == SCHEMA_VERSION - 1
    assert backup.parent == tmp_path / "backups"
    assert re.fullmatch(r"history-v1-\d{8}-\d{6}\.sqlite3", backup.name)
    copy = sqlite3.connect(backup)
    assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == len(before)
    assert any("schema 1 to 2" in note for note in store.startup_notes)
    assert any("schema 4 to 5" in note for note in store.startup_notes)
    assert any(str(backup) in note for note in store.startup_notes)
    # Old data works with the new features.
    titles = [c.title for c in store.list_conversations()]
    assert titles == ["Boiling point", "The lighthouse", "北京旅行 Beijing trip"]
    chat = store.list_conversations("chat")[0]
    assert [m.content for m in store.thread(chat.id)] == [
        "推荐一家北京烤鸭餐厅 🦆",
        "试试大董烤鸭 — try Da Dong 👨‍👩‍👧 🇯🇵",
        "谢谢！Thanks",
    ]  # no active leaf remembered yet: the newest leaf, as schema 1 did
    assert len(store.siblings(store.thread(chat.id)[1].id)) == 2
    hits = store.search("北京烤鸭")  # old messages are in the new index
    assert [(h.conversation_id, h.snippet) for h in hits] == [(chat.id, "推荐一家\x02北京烤鸭\x03餐厅 🦆")]
    assert (
        store.get_draft(store.list_conversations("story")[0].id)
        == "Once upon a time 🌊 a keeper lit the lamp."
    )
    assert store.integrity_check() == "ok"
    store.close()
    again = HistoryStore(path)  # already current: no second backup, nothing to report
    assert again.backups == [] and again.startup_notes == [] and again.migrated_from is None
    assert len(list((tmp_path / "backups").iterdir())) == SCHEMA_VERSION - 1


def test_a_failing_migration_changes_nothing_but_the_backup_remains(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _v1_copy(tmp_path)
    before = _rows(path)
    broken = history.MIGRATIONS[1] + "\nCREATE TABLE conversations (x);"  # fails at its very end
    monkeypatch.setattr(history, "MIGRATIONS", (history.MIGRATIONS[0], broken))
    with pytest.raises(HistoryError, match=r"from schema 1 to 2 failed .* left at schema 1; the copy made"):
        HistoryStore(path)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    columns = [r[1] for r in db.execute("PRAGMA table_info(conversations)")]
    assert "deleted_at" not in columns  # the whole step was rolled back
    assert db.execute("SELECT name FROM sqlite_master WHERE name='messages_fts'").fetchone() is None
    db.close()
    assert _rows(path) == before
    assert len(list((tmp_path / "backups").glob("history-v1-*.sqlite3"))) == 1


def test_newer_schema_in_rollback_journal_mode_is_not_touched_at_all(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE t (x)")
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 5}")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(HistoryError, match=rf"newer Penwright \(schema {SCHEMA_VERSION + 5}"):
        HistoryStore(path)
    assert path.read_bytes() == before  # not even switched to WAL
    assert not (tmp_path / "backups").exists()


def test_fresh_file_gets_the_current_schema_without_a_backup(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "new" / "history.sqlite3")
    assert store.schema_version() == SCHEMA_VERSION and store.backups == []
    assert not (tmp_path / "new" / "backups").exists()


def _v4_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The v1 fixture upgraded by the migrations up to schema 4, with a story's aids
    (``documents``) and a poem (``poems``) written by schema-4 SQL."""
    path = _v1_copy(tmp_path)
    with monkeypatch.context() as patch:
        patch.setattr(history, "SCHEMA_VERSION", 4)
        patch.setattr(history, "MIGRATIONS", history.MIGRATIONS[:4])
        store = HistoryStore(path, backup_dir=tmp_path / "v4-backups")
        assert store.schema_version() == 4
        story = store.list_conversations("story")[0].id
        store.db.execute(
            "INSERT INTO documents(conversation_id, memory, authors_note, note_depth, lorebook, preset, "
            "updated_at) VALUES (?, '灯塔 memory 🌊', '[Tone: eerie]', 2, ?, '{\"temperature\": 0.7}', 5.0)",
            (story, '[{"keys": "lamp", "text": "The lamp is old.", "enabled": true}]'),
        )
        store.db.execute(
            "INSERT INTO document_versions(conversation_id, text, reason, created_at) "
            "VALUES (?, 'v', 'edit', 4.0)",
            (story,),
        )
        poem = store.create_conversation("poetry", "海")
        store.db.execute(
            "INSERT INTO poems(conversation_id, form_id, topic, created_at, updated_at) "
            "VALUES (?, 'haiku', 'the sea 海', 1.0, 2.0)",
            (poem,),
        )
        store.close()
    return path


def _table(path: Path, table: str) -> list[tuple[object, ...]]:
    db = sqlite3.connect(path)
    try:
        return db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
    finally:
        db.close()


def test_v4_file_gains_ai_spans_with_its_stories_and_poems_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _v4_copy(tmp_path, monkeypatch)
    before = {
        t: _table(path, t) for t in ("messages", "conversations", "documents", "document_versions", "poems")
    }
    assert before["documents"] and before["poems"]
    store = HistoryStore(path)
    assert store.schema_version() == 5 and store.migrated_from == 4
    (backup,) = store.backups  # one step, one copy first: the untouched v4 file
    assert re.fullmatch(r"history-v4-\d{8}-\d{6}\.sqlite3", backup.name)
    copy = sqlite3.connect(backup)
    assert copy.execute("PRAGMA user_version").fetchone()[0] == 4
    assert "ai_spans" not in [r[1] for r in copy.execute("PRAGMA table_info(documents)")]
    copy.close()
    assert store.startup_notes[-1] == "Upgraded the history from schema 4 to 5."
    # every row as it was; the documents rows gain an empty (NULL) ai_spans column
    for table in ("messages", "conversations", "document_versions", "poems"):
        assert _table(path, table) == before[table], table
    assert _table(path, "documents") == [(*row, None) for row in before["documents"]]
    documents = DocumentStore(store)
    story = store.list_conversations("story")[0].id
    doc = documents.get(story)
    assert doc is not None and doc.text == "Once upon a time 🌊 a keeper lit the lamp."
    assert (doc.memory, doc.authors_note, doc.note_depth, doc.preset) == (
        "灯塔 memory 🌊",
        "[Tone: eerie]",
        2,
        {"temperature": 0.7},
    )
    assert doc.lorebook == [{"keys": "lamp", "text": "The lamp is old.", "enabled": True}]
    assert doc.ai_spans == []
    assert PoemStore(store).get(store.list_conversations("poetry")[0].id).topic == "the sea 海"  # type: ignore[union-attr]
    # the new column works
    span = {
        "start": 0,
        "end": 4,
        "tokens": [{"offset": 0, "length": 4, "token": "Once", "logprob": -0.5, "top": []}],
    }
    doc.ai_spans = [span]
    documents.save(doc)
    assert documents.get(story).ai_spans == [span]  # type: ignore[union-attr]
    assert store.integrity_check() == "ok"
    store.close()


def test_a_schema_5_file_is_refused_by_a_schema_4_penwright(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "h.sqlite3"
    HistoryStore(path).close()
    monkeypatch.setattr(history, "SCHEMA_VERSION", 4)
    monkeypatch.setattr(history, "MIGRATIONS", history.MIGRATIONS[:4])
    with pytest.raises(HistoryError, match=r"newer Penwright \(schema 5; this version knows 4\)"):
        HistoryStore(path)
