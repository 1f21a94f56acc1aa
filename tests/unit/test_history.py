"""The SQLite history: WAL, immediate commits, partial replies, branches, schema guard."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.core.types import GenerationParams, Usage
from app.storage.history import SCHEMA_VERSION, HistoryError, HistoryStore


def test_database_is_in_wal_mode_with_the_current_schema(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    store.close()
    db = sqlite3.connect(tmp_path / "h.sqlite3")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_finished_messages_are_visible_to_another_connection_at_once(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    cid = store.create_conversation("chat", "t", "m")
    store.add_message(cid, "user", "你好 👨‍👩‍👧")
    other = sqlite3.connect(tmp_path / "h.sqlite3")
    assert other.execute("SELECT content FROM messages").fetchone()[0] == "你好 👨‍👩‍👧"


def test_streaming_reply_is_partial_until_finished(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    cid = store.create_conversation("chat", "t")
    uid = store.add_message(cid, "user", "hi")
    rid = store.start_reply(cid, uid, model="m", params=GenerationParams(seed=5))
    store.save_partial(rid, "Hel")
    message = store.get_message(rid)
    assert message is not None and message.is_partial and message.content == "Hel"
    assert message.seed == 5
    store.finish_reply(rid, "Hello", "stop", usage=Usage(3, 2, 0.1, 0.2), seed=5)
    message = store.get_message(rid)
    assert message is not None and not message.is_partial and message.finish_reason == "stop"
    assert message.usage == Usage(3, 2, 0.1, 0.2)


def test_cancelled_and_crashed_replies_stay_marked_partial(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    cid = store.create_conversation("chat", "t")
    for reason in ("cancelled", "crashed", "error"):
        rid = store.start_reply(cid, None, model="m", params=GenerationParams())
        store.finish_reply(rid, "part", reason)
        message = store.get_message(rid)
        assert message is not None and message.is_partial and message.finish_reason == reason


def test_c14_reply_cut_by_a_crash_is_marked_interrupted_at_next_open(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    store = HistoryStore(path)
    cid = store.create_conversation("chat", "t")
    rid = store.start_reply(cid, None, model="m", params=GenerationParams())
    store.save_partial(rid, "half a sent")
    # no finish_reply: the process "died" here
    reopened = HistoryStore(path)
    assert reopened.recovered == 1
    message = reopened.get_message(rid)
    assert message is not None and message.is_partial
    assert message.finish_reason == "interrupted" and message.content == "half a sent"
    assert reopened.integrity_check() == "ok"


def test_regenerate_makes_a_sibling_and_the_thread_follows_the_newest(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    cid = store.create_conversation("chat", "t")
    u1 = store.add_message(cid, "user", "q1")
    a1 = store.add_message(cid, "assistant", "first answer", u1)
    a2 = store.add_message(cid, "assistant", "second answer", u1)
    assert [m.id for m in store.thread(cid)] == [u1, a2]
    assert {m.id for m in store.all_messages(cid)} == {u1, a1, a2}


def test_delete_removes_the_conversation_and_its_messages(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    cid = store.create_conversation("qa", "t")
    store.add_message(cid, "user", "q")
    store.delete_conversation(cid)
    assert store.list_conversations() == []
    assert store.all_messages(cid) == []


def test_newer_schema_is_refused_and_the_file_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    HistoryStore(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(HistoryError, match="newer Penwright"):
        HistoryStore(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    path.write_text("this is not sqlite " * 100)
    with pytest.raises(HistoryError, match="cannot be opened"):
        HistoryStore(path)
    assert path.read_text().startswith("this is not sqlite")
