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


# -- the list: panes, folders, pinning, rename, soft delete -----------------------------------
def test_one_list_of_every_pane_newest_first_with_counts(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    chat = store.create_conversation("chat", "Chat one", "m1", provider="local")
    story = store.create_conversation("story", "A story", "m2")
    qa = store.create_conversation("qa", "A question", "m3", provider="openai")
    store.add_message(story, "user", "Once")
    u = store.add_message(chat, "user", "hi")
    store.add_message(chat, "assistant", "hello", u, model="m1")
    listed = store.list_conversations()
    assert [c.id for c in listed] == [chat, story, qa]
    assert [c.message_count for c in listed] == [2, 1, 0]
    assert [c.pane for c in listed] == ["chat", "story", "qa"]
    assert listed[2].provider == "openai" and listed[0].model == "m1"
    assert [c.id for c in store.list_conversations("story")] == [story]


def test_pinned_conversations_lead_the_list_and_rename_keeps_the_date(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    old = store.create_conversation("chat", "old")
    new = store.create_conversation("chat", "new")
    store.add_message(new, "user", "x")
    store.set_pinned(old)
    before = store.get_conversation(old)
    store.rename_conversation(old, "renamed 旧")
    assert [c.id for c in store.list_conversations()] == [old, new]
    after = store.get_conversation(old)
    assert after is not None and before is not None
    assert after.title == "renamed 旧" and after.pinned is True and after.updated_at == before.updated_at
    store.set_pinned(old, False)
    assert [c.id for c in store.list_conversations()] == [new, old]


def test_folders_hold_conversations_and_deleting_one_moves_them_to_the_top(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    work = store.create_folder("Work")
    home = store.create_folder("home")
    a = store.create_conversation("chat", "a")
    b = store.create_conversation("qa", "b", folder_id=work)
    c = store.create_conversation("story", "c")
    store.move_conversation(c, work)
    store.rename_folder(home, "Home 家")
    assert [(f.name, f.conversation_count) for f in store.list_folders()] == [("Home 家", 0), ("Work", 2)]
    assert {x.id for x in store.list_conversations(folder=work)} == {b, c}
    assert [x.id for x in store.list_conversations(folder=None)] == [a]
    assert len(store.list_conversations()) == 3
    with pytest.raises(ValueError, match="no folder"):
        store.move_conversation(a, 999)
    assert store.delete_folder(work) == 2
    assert [f.name for f in store.list_folders()] == ["Home 家"]
    assert {x.id for x in store.list_conversations(folder=None)} == {a, b, c}
    assert store.all_messages(b) == [] and store.get_conversation(b) is not None


def test_soft_delete_hides_and_restore_brings_back(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    cid = store.create_conversation("chat", "keep me")
    store.add_message(cid, "user", "precious words")
    store.soft_delete_conversation(cid)
    assert store.list_conversations() == [] and store.get_conversation(cid) is None
    trashed = store.get_conversation(cid, include_deleted=True)
    assert trashed is not None and trashed.deleted_at is not None
    assert [c.id for c in store.list_deleted()] == [cid]
    store.restore_conversation(cid)
    assert [c.id for c in store.list_conversations()] == [cid] and store.list_deleted() == []
    assert store.thread(cid)[0].content == "precious words"


def test_purge_deleted_empties_only_what_is_old_enough(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    store = HistoryStore(path)
    gone = store.create_conversation("chat", "gone")
    store.add_message(gone, "user", "to be purged")
    recent = store.create_conversation("chat", "recent")
    store.add_message(recent, "user", "recently deleted")
    alive = store.create_conversation("chat", "alive")
    store.soft_delete_conversation(gone)
    store.soft_delete_conversation(recent)
    db = sqlite3.connect(path)
    db.execute("UPDATE conversations SET deleted_at=deleted_at-7200 WHERE id=?", (gone,))
    db.commit()
    assert store.purge_deleted(older_than_seconds=3600) == 1
    assert store.get_conversation(gone, include_deleted=True) is None and store.all_messages(gone) == []
    assert [c.id for c in store.list_deleted()] == [recent]
    assert store.purge_deleted(0) == 1
    assert [c.id for c in store.list_conversations()] == [alive]
    assert db.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == 0
    assert store.integrity_check() == "ok"


# -- branches ------------------------------------------------------------------------------------
def test_edit_makes_a_sibling_user_message_and_the_thread_follows_it(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    cid = store.create_conversation("chat", "t")
    u1 = store.add_message(cid, "user", "q1")
    a1 = store.add_message(cid, "assistant", "a1", u1)
    u2 = store.add_message(cid, "user", "q2 with a typo", a1)
    store.add_message(cid, "assistant", "a2", u2)
    edited = store.add_message(cid, "user", "q2 fixed", a1)  # edit = sibling under the same parent
    assert [m.id for m in store.siblings(u2)] == [u2, edited]
    assert [m.content for m in store.thread(cid)] == ["q1", "a1", "q2 fixed"]
    reply = store.add_message(cid, "assistant", "a2 again", edited)
    assert [m.id for m in store.thread(cid)] == [u1, a1, edited, reply]


def test_set_active_leaf_switches_branch_and_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    store = HistoryStore(path)
    cid = store.create_conversation("chat", "t")
    u1 = store.add_message(cid, "user", "q1")
    a1 = store.add_message(cid, "assistant", "first", u1)
    follow = store.add_message(cid, "user", "follow-up", a1)
    deep = store.add_message(cid, "assistant", "deep", follow)
    a2 = store.add_message(cid, "assistant", "second", u1)
    assert [m.id for m in store.thread(cid)] == [u1, a2]
    assert [m.id for m in store.siblings(a1)] == [a1, a2]
    store.set_active_leaf(cid, a1)  # a message with replies: the thread goes on to its newest leaf
    assert [m.id for m in store.thread(cid)] == [u1, a1, follow, deep]
    store.close()
    reopened = HistoryStore(path)
    assert [m.id for m in reopened.thread(cid)] == [u1, a1, follow, deep]
    summary = reopened.get_conversation(cid)
    assert summary is not None and summary.active_leaf_id == a1


def test_a_deleted_active_leaf_falls_back_to_the_newest_leaf(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    cid = store.create_conversation("chat", "t")
    u1 = store.add_message(cid, "user", "q1")
    a1 = store.add_message(cid, "assistant", "one", u1)
    a2 = store.add_message(cid, "assistant", "two", u1)
    store.set_active_leaf(cid, a1)
    store.delete_message(a1)
    assert [m.id for m in store.thread(cid)] == [u1, a2]
    assert [m.id for m in store.siblings(a2)] == [a2]


def test_root_siblings_and_bad_active_leaf(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    cid = store.create_conversation("chat", "t")
    other = store.create_conversation("chat", "other")
    r1 = store.add_message(cid, "user", "first try")
    r2 = store.add_message(cid, "user", "second try")  # the first message edited
    store.add_message(other, "user", "not a sibling")
    assert [m.id for m in store.siblings(r1)] == [r1, r2]
    assert store.siblings(12345) == []
    store.set_active_leaf(cid, r1)
    assert [m.id for m in store.thread(cid)] == [r1]
    with pytest.raises(ValueError, match="not in conversation"):
        store.set_active_leaf(other, r1)


# -- backups and start-up report --------------------------------------------------------------
def test_backup_now_is_a_complete_single_file_copy_while_in_use(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    cid = store.create_conversation("chat", "t")
    store.add_message(cid, "user", "北京 🦆")
    copy = store.backup_now(tmp_path / "bk")
    store.add_message(cid, "user", "after the backup")
    assert copy.parent == tmp_path / "bk" and copy.name.startswith("h-") and copy.suffix == ".sqlite3"
    assert not Path(str(copy) + "-wal").exists()
    db = sqlite3.connect(copy)
    assert [r[0] for r in db.execute("SELECT content FROM messages")] == ["北京 🦆"]
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert store.backup_now(tmp_path / "bk") != copy  # a second one in the same second: a new name


def test_rolling_daily_backup_keeps_one_per_day_and_the_newest_n(tmp_path: Path) -> None:
    import datetime as dt

    store = HistoryStore(tmp_path / "h.sqlite3")
    dest = tmp_path / "daily"
    dest.mkdir()
    (dest / "notes.txt").write_text("not a backup")
    start = dt.date(2026, 11, 1)
    made = [store.rolling_daily_backup(dest, keep=3, today=start + dt.timedelta(days=i)) for i in range(5)]
    again = store.rolling_daily_backup(dest, keep=3, today=start + dt.timedelta(days=4))
    assert again == made[-1]
    names = sorted(p.name for p in dest.iterdir())
    assert names == [
        "h-daily-20261103.sqlite3",
        "h-daily-20261104.sqlite3",
        "h-daily-20261105.sqlite3",
        "notes.txt",
    ]
    with pytest.raises(ValueError, match="at least 1"):
        store.rolling_daily_backup(dest, keep=0)


def test_startup_reports_everything_it_did(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    store = HistoryStore(path)
    assert store.startup_notes == [] and store.recovered == 0  # a new file: nothing to report
    cid = store.create_conversation("chat", "t")
    store.start_reply(cid, None, model="m", params=GenerationParams())
    store.close()
    reopened = HistoryStore(path)
    assert reopened.recovered == 1 and reopened.backups == []
    assert reopened.startup_notes == ["Marked 1 reply(s) cut off by a crash as interrupted."]
    reopened.close()
    assert HistoryStore(path).startup_notes == []


def test_a_full_disk_inside_a_transaction_reports_the_full_disk(tmp_path: Path) -> None:
    """SQLite may roll back by itself on SQLITE_FULL; the store must not then hide that
    error behind "cannot rollback - no transaction is active"."""
    store = HistoryStore(tmp_path / "h.sqlite3")
    cid = store.create_conversation("chat", "Kept")
    pages = int(store.db.execute("PRAGMA page_count").fetchone()[0])
    store.db.execute(f"PRAGMA max_page_count={pages + 5}")
    with pytest.raises(sqlite3.OperationalError, match="full"), store.transaction():
        for _ in range(200):
            store.add_message(cid, "user", "word " * 2000)
    store.db.execute("PRAGMA max_page_count=1073741823")
    assert store.thread(cid) == [] and store.get_conversation(cid) is not None
    store.close()
