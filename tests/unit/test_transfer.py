"""Imports, exports and backups on a worker connection (app/storage/transfer.py): the staged
import shows all of a file or nothing, even when cancelled, failing in a late chunk or
killed; the window's connection keeps writing meanwhile. Real SQLite files, no mocks."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from app.core.types import GenerationParams
from app.storage import exchange, transfer
from app.storage.documents import DocumentStore
from app.storage.exchange import ExchangeError
from app.storage.history import SCHEMA_VERSION, ConversationRecord, HistoryError, HistoryStore
from app.storage.poems import PoemStore
from app.storage.transfer import TransferCancelled

ROOT = Path(__file__).resolve().parents[2]
_TEXT = (
    "the lighthouse keeper wrote letters about tides and gulls while storms rolled over the "
    "harbour 北京烤鸭 café naïve résumé spring autumn winter summer river 🦆"
)
_WORDS = _TEXT.split()


def chatgpt_export(
    count: int, messages: int = 4, words: int = 8, tag: str = "quokka"
) -> list[dict[str, Any]]:
    """ChatGPT's conversations.json shape: ``count`` conversations of ``messages`` alternating
    user/assistant messages under a client root; each text starts with ``tag``."""
    rnd = random.Random(count * 31 + messages)
    out = []
    for c in range(count):
        t0 = 1_700_000_000.0 + c * 100
        mapping: dict[str, Any] = {
            "root": {"id": "root", "message": None, "parent": None, "children": ["m0"]}
        }
        for m in range(messages):
            role = "user" if m % 2 == 0 else "assistant"
            mapping[f"m{m}"] = {
                "id": f"m{m}",
                "parent": "root" if m == 0 else f"m{m - 1}",
                "children": [f"m{m + 1}"] if m + 1 < messages else [],
                "message": {
                    "id": f"m{m}",
                    "author": {"role": role, "name": None, "metadata": {}},
                    "create_time": t0 + m,
                    "content": {
                        "content_type": "text",
                        "parts": [f"{tag} {c}-{m} " + " ".join(rnd.choice(_WORDS) for _ in range(words))],
                    },
                    "status": "finished_successfully",
                    "metadata": {"model_slug": "gpt-4o"} if role == "assistant" else {},
                },
            }
        out.append(
            {
                "id": f"{tag}-{count}-{c}",
                "title": f"Conversation {c}",
                "create_time": t0,
                "update_time": t0 + messages,
                "mapping": mapping,
                "current_node": f"m{messages - 1}",
            }
        )
    return out


def write_chatgpt(path: Path, count: int, messages: int = 4, words: int = 8, tag: str = "quokka") -> Path:
    path.write_text(json.dumps(chatgpt_export(count, messages, words, tag)), encoding="utf-8")
    return path


def penwright_file(tmp_path: Path, count: int) -> tuple[Path, str]:
    """A Penwright JSON export of ``count`` conversations (chats in a folder, stories with
    their aids, poems with their candidates), all with the word "wombat"; and its text."""
    source = HistoryStore(tmp_path / "source.sqlite3")
    try:
        documents, poems = DocumentStore(source), PoemStore(source)
        folder = source.create_folder("Imported 文件夹")
        for n in range(count):
            if n % 3 == 0:
                doc = documents.create(f"Story {n}", f"wombat story {n} 🌊")
                documents.save_aids(
                    doc.conversation_id, memory=f"wombat memory {n}", lorebook=[{"keys": "k"}]
                )
            elif n % 3 == 1:
                poem = poems.create(f"Poem {n}", "haiku", f"wombat poem {n}", topic="rain")
                source.add_message(
                    poem.conversation_id, "assistant", f"wombat rain {n}", poem.request_message_id
                )
            else:
                cid = source.create_conversation("chat", f"Chat {n}", "m", folder_id=folder)
                parent = source.add_message(cid, "user", f"wombat question {n}")
                source.add_message(cid, "assistant", f"wombat answer {n} 北京", parent)
        text = exchange.export_json(source, exchange.select_conversations(source))
    finally:
        source.close()
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    return path, text


def counts(db_path: Path) -> dict[str, int]:
    """Raw rows in every table an import writes (hidden ones too), read on a connection of
    its own; ``index`` counts the search index's rows (its docsize table), which must match
    ``messages`` (FTS5's own integrity check is run too)."""
    db = sqlite3.connect(db_path)
    try:
        db.execute("INSERT INTO messages_fts(messages_fts) VALUES ('integrity-check')")
        one = lambda sql: int(db.execute(sql).fetchone()[0])  # noqa: E731
        return {
            "conversations": one("SELECT COUNT(*) FROM conversations"),
            "hidden": one("SELECT COUNT(*) FROM conversations WHERE deleted_at = 0"),
            "messages": one("SELECT COUNT(*) FROM messages"),
            "index": one("SELECT COUNT(*) FROM messages_fts_docsize"),
            "documents": one("SELECT COUNT(*) FROM documents"),
            "poems": one("SELECT COUNT(*) FROM poems"),
            "folders": one("SELECT COUNT(*) FROM folders"),
        }
    finally:
        db.close()


class Reports(list[tuple[int, int]]):
    """A progress callback that keeps every ``(done, total)``."""

    def __call__(self, done: int, total: int) -> None:
        self.append((done, total))


EMPTY = {"conversations": 0, "hidden": 0, "messages": 0, "index": 0, "documents": 0, "poems": 0, "folders": 0}


def _doc(text: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(text)
    data.pop("exported_at")
    return data


# -- the staged import ------------------------------------------------------------------------------
def test_a_staged_import_is_hidden_until_the_end_then_complete(tmp_path: Path) -> None:
    path, original = penwright_file(tmp_path, 12)
    db = tmp_path / "h.sqlite3"
    window = HistoryStore(db)  # the window's connection, reading while the worker imports
    seen: list[tuple[int, int]] = []
    during: list[tuple[int, int, int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done:
            raw = counts(db)
            during.append(
                (
                    raw["hidden"],
                    len(window.list_conversations()),
                    len(window.search("wombat")),
                    len(window.list_folders()),
                )
            )

    ids = transfer.import_file(db, path, progress=progress, chunk_size=5).ids
    assert seen == [(0, 12), (5, 12), (10, 12), (12, 12)]  # monotonic, ending at the total
    # stored a chunk at a time, hidden from the list, the search and the folders
    assert during == [(5, 0, 0, 0), (10, 0, 0, 0), (12, 0, 0, 0)]
    # then all at once: the same conversations as the file, in their folder
    assert len(window.list_conversations()) == 12 and len(ids) == 12
    assert [f.name for f in window.list_folders()] == ["Imported 文件夹"]
    assert window.list_folders()[0].conversation_count == 4
    assert len(window.search("wombat")) == 8 * 2  # poems' and chats' (a story's text is no message)
    assert _doc(exchange.export_json(window, ids)) == _doc(original)
    assert counts(db)["hidden"] == 0 and counts(db)["documents"] == 4 and counts(db)["poems"] == 4
    window.close()


def test_cancel_after_the_first_chunk_leaves_nothing(tmp_path: Path) -> None:
    path, _text = penwright_file(tmp_path, 12)
    db = tmp_path / "h.sqlite3"
    HistoryStore(db).close()
    cancel = threading.Event()
    stored: list[int] = []

    def progress(done: int, _total: int) -> None:
        if done:
            stored.append(counts(db)["hidden"])
            cancel.set()  # the user clicks Cancel after the first chunk

    with pytest.raises(TransferCancelled):
        transfer.import_file(db, path, progress=progress, cancel=cancel, chunk_size=5)
    assert stored == [5]  # a chunk (with its stories and poems) was stored...
    assert counts(db) == EMPTY  # ...and deleted again, messages, index, aids and poems too
    store = HistoryStore(db)
    assert store.list_conversations() == [] and store.search("wombat") == [] and store.list_deleted() == []
    store.close()


def test_cancel_while_reading_stores_nothing(tmp_path: Path) -> None:
    path = write_chatgpt(tmp_path / "conversations.json", 30)
    db = tmp_path / "h.sqlite3"
    HistoryStore(db).close()
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(TransferCancelled):
        transfer.import_file(db, path, cancel=cancel)
    assert counts(db) == EMPTY


def test_a_late_chunk_that_cannot_be_stored_leaves_nothing(tmp_path: Path) -> None:
    """A lone surrogate ("\\ud800", valid JSON) passes the checks but SQLite cannot store it
    as UTF-8: the last chunk fails after the first ones were stored."""
    data = chatgpt_export(23, tag="numbat")
    data[-1]["mapping"]["m1"]["message"]["content"]["parts"] = ["broken \ud800 text"]
    path = tmp_path / "conversations.json"
    path.write_text(json.dumps(data), encoding="utf-8")  # ensure_ascii: written as \ud800
    db = tmp_path / "h.sqlite3"
    HistoryStore(db).close()
    seen: list[int] = []
    with pytest.raises(ExchangeError, match=r"conversations\.json: .*surrogate"):
        transfer.import_file(db, path, progress=lambda done, _t: seen.append(done), chunk_size=5)
    assert seen == [0, 5, 10, 15, 20]  # four chunks were stored before the fifth failed
    assert counts(db) == EMPTY


def test_a_full_disk_in_a_late_chunk_leaves_nothing(tmp_path: Path) -> None:
    """SQLite's "database or disk is full", caused by a page limit on the worker's
    connection, half-way through: nothing stays, and the error names the file."""
    path = write_chatgpt(tmp_path / "export.json", 60, words=200)
    records = exchange.parse_file(path)
    db = tmp_path / "h.sqlite3"
    HistoryStore(db).close()
    worker = HistoryStore.open_worker(db)
    pages = int(worker.db.execute("PRAGMA page_count").fetchone()[0])
    worker.db.execute(f"PRAGMA max_page_count={pages + 60}")
    seen: list[int] = []
    try:
        with pytest.raises(
            ExchangeError, match=r"export\.json: could not be stored \(database or disk is full\)"
        ):
            transfer.insert_staged(
                worker, records, "export.json", progress=lambda done, _t: seen.append(done), chunk_size=5
            )
    finally:
        worker.close()
    assert seen[-1] >= 5 and seen[-1] < 60  # some chunks were stored, not all
    assert counts(db) == EMPTY


def test_a_killed_import_is_purged_at_the_next_start(tmp_path: Path) -> None:
    """SIGKILL half-way (the import reported a stored chunk): reopening shows none of the
    file, and the start-up purge removes its rows. Half-way for sure: the import waits in its
    first progress report after a stored chunk (a disk that stops) until it is killed."""
    path = write_chatgpt(tmp_path / "conversations.json", 400, tag="bilby")
    db = tmp_path / "h.sqlite3"
    store = HistoryStore(db)
    kept = store.create_conversation("chat", "Mine")
    store.add_message(kept, "user", "my own bilby message")
    store.close()
    report = tmp_path / "progress.txt"
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from app.storage import transfer\n"
        "def progress(done, total):\n"
        "    with open(sys.argv[3], 'a') as f:\n"
        "        f.write(f'{done} {total}\\n')\n"
        "    if done >= 10:\n"
        "        time.sleep(3600)  # the disk stops: the kill lands half-way\n"
        "transfer.import_file(Path(sys.argv[1]), Path(sys.argv[2]), progress=progress, chunk_size=10)\n"
        "print('finished')\n"
    )
    errors = tmp_path / "stderr.txt"
    with errors.open("wb") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-c", script, str(db), str(path), str(report)], cwd=ROOT, stderr=stderr
        )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            lines = report.read_text().split() if report.exists() else []
            if lines and int(lines[-2]) >= 10:  # at least one chunk stored
                break
            assert child.poll() is None, f"the import ended before it was killed: {errors.read_text()}"
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(30)
    assert child.returncode == -signal.SIGKILL
    raw = counts(db)
    assert raw["hidden"] >= 10 and raw["hidden"] < 400  # cut half-way, its rows hidden
    reopened = HistoryStore(db)  # the next start
    try:
        assert [c.title for c in reopened.list_conversations()] == ["Mine"]
        assert [h.conversation_id for h in reopened.search("bilby")] == [kept]
        assert reopened.purge_deleted() == raw["hidden"]  # the start-up purge (30 days)
    finally:
        reopened.close()
    assert counts(db) == {**EMPTY, "conversations": 1, "messages": 1, "index": 1}


def test_the_window_keeps_writing_while_a_worker_imports(tmp_path: Path) -> None:
    """Small chunks: the window's connection stores messages between them (a streaming
    reply's saves). SQLite's lock is no queue: without the worker's pauses a save waits for
    the whole import, so none gets in between chunks. Counted, not timed (a save's wait on a
    loaded machine passed the 1 s once allowed here): saves get in during at least 3 of the
    import's 50 chunks (usually nearly all), where a worker that never pauses lets in none.
    The import ends complete."""
    path = write_chatgpt(tmp_path / "conversations.json", 1000, messages=6, words=20, tag="dingo")
    db = tmp_path / "h.sqlite3"
    window = HistoryStore(db)
    window.db.execute("PRAGMA busy_timeout=120000")  # a save waits as long as it must: counted below
    cid = window.create_conversation("chat", "Streaming")
    progress = Reports()
    outcome: list[object] = []

    def work() -> None:
        try:
            outcome.append(transfer.import_file(db, path, progress=progress, chunk_size=20))
        except Exception as exc:  # shown by the assertion below
            outcome.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    chunks_with_saves: set[int] = set()  # chunks done when a save went in, more to come
    written_between_chunks = 0
    parent = None
    deadline = time.monotonic() + 120
    while worker.is_alive() and time.monotonic() < deadline:
        parent = window.add_message(cid, "assistant", f"token {parent}", parent)  # committed now
        if progress and 0 < progress[-1][0] < 1000:  # done, and more chunks to come
            written_between_chunks += 1
            chunks_with_saves.add(progress[-1][0])
        time.sleep(0.01)
    worker.join(60)
    assert len(outcome) == 1 and isinstance(outcome[0], transfer.ImportSummary), outcome
    assert len(outcome[0].ids) == 1000
    assert len(chunks_with_saves) >= 3, chunks_with_saves
    assert [d for d, _t in progress] == sorted(d for d, _t in progress) and progress[-1] == (1000, 1000)
    assert len(window.list_conversations()) == 1001
    assert len(window.all_messages(cid)) > written_between_chunks
    window.close()


def test_a_worker_connection_does_nothing_at_open_and_refuses_another_schema(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    window = HistoryStore(db)
    cid = window.create_conversation("chat", "Live")
    streaming = window.start_reply(cid, None, model="m", params=GenerationParams())
    worker = HistoryStore.open_worker(db)
    try:
        message = window.get_message(streaming)
        assert message is not None and message.finish_reason is None  # not "recovered" mid-stream
        assert worker.startup_notes == [] and worker.backups == [] and worker.recovered == 0
        assert not (tmp_path / "backups").exists()
        assert worker.get_conversation(cid) is not None
    finally:
        worker.close()
    window.db.execute(f"PRAGMA user_version={SCHEMA_VERSION - 1}")
    with pytest.raises(HistoryError, match=f"schema {SCHEMA_VERSION - 1}, not {SCHEMA_VERSION}"):
        HistoryStore.open_worker(db)
    window.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    window.close()
    with pytest.raises(HistoryError, match="cannot be opened"):
        HistoryStore.open_worker(tmp_path / "missing.sqlite3")
    assert not (tmp_path / "missing.sqlite3").exists()


# -- export and backup ------------------------------------------------------------------------------
def test_a_worker_export_writes_the_same_files_and_can_be_cancelled(tmp_path: Path) -> None:
    path, _text = penwright_file(tmp_path, 9)
    db = tmp_path / "h.sqlite3"
    store = HistoryStore(db)
    ids = exchange.import_file(store, path)
    for suffix in (".json", ".md", ".html"):
        before = exchange.write_export(store, tmp_path / f"before{suffix}", ids).read_text(encoding="utf-8")
        seen = Reports()
        written = transfer.write_export(db, tmp_path / f"after{suffix}", ids, progress=seen)
        after = written.read_text(encoding="utf-8")
        if suffix == ".json":
            assert _doc(after) == _doc(before)
        else:
            assert after == before
        assert seen[0] == (0, 9) and seen[-1] == (9, 9)
        assert [d for d, _t in seen] == sorted(d for d, _t in seen)
    cancel = threading.Event()

    def stop_early(done: int, _total: int) -> None:
        if done >= 3:
            cancel.set()

    with pytest.raises(TransferCancelled):
        transfer.write_export(db, tmp_path / "never.json", ids, progress=stop_early, cancel=cancel)
    assert not (tmp_path / "never.json").exists() and not (tmp_path / "never.json.part").exists()
    store.close()


def test_backup_now_copies_through_a_connection_of_its_own(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    store = HistoryStore(db)
    for n in range(3):
        cid = store.create_conversation("chat", f"Chat {n}")
        store.add_message(cid, "user", f"message {n} 消息")
    copies: list[Path | Exception] = []

    def work() -> None:
        try:
            copies.append(transfer.backup_now(db, tmp_path / "backups"))
        except Exception as exc:
            copies.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(60)
    (copy,) = copies
    assert isinstance(copy, Path) and copy.parent == tmp_path / "backups" and copy.suffix == ".sqlite3"
    opened = HistoryStore(copy)
    try:
        assert opened.integrity_check() == "ok" and len(opened.list_conversations()) == 3
    finally:
        opened.close()
    store.close()


# -- reading a large ChatGPT file ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        json.dumps(chatgpt_export(3)),
        " \n" + json.dumps(chatgpt_export(2), indent=1) + "\n\n",
        "[]",
        "[ \n ]",
        json.dumps(chatgpt_export(2)) + " x",  # extra data
        json.dumps(chatgpt_export(2))[:-40],  # cut short
        '[{"mapping": {}},]',
        "[1 2]",  # a bad conversation, then broken JSON: the JSON is reported
        '[5, {"mapping": {}}]',  # a bad conversation in valid JSON
        '[{"title": "x", "mapping": {}}, {"title": 7, "mapping": {}}]',
    ],
)
def test_a_chatgpt_file_read_item_by_item_gives_what_json_loads_gives(tmp_path: Path, text: str) -> None:
    """parse_file decodes a list one conversation at a time (the worker never holds the
    GIL for the whole file); records and error messages are parse_chatgpt's."""
    path = tmp_path / "conversations.json"
    path.write_text(text, encoding="utf-8")

    def outcome(parse: Any) -> object:
        try:
            return parse()
        except ExchangeError as exc:
            return f"error: {exc}"

    expected = outcome(lambda: exchange.parse_chatgpt(text, "conversations.json"))
    assert outcome(lambda: exchange.parse_file(path)) == expected


def test_a_file_imported_twice_adds_nothing_the_second_time(tmp_path: Path) -> None:
    """A file imported again (or an export imported back) is recognised conversation by
    conversation; a conversation that grew since, or a new one, still comes in."""
    path = write_chatgpt(tmp_path / "conversations.json", 6, tag="quokka")
    db = tmp_path / "h.sqlite3"
    window = HistoryStore(db)
    first = transfer.import_file(db, path)
    assert len(first.ids) == 6 and first.skipped == 0 and not first.left_out
    again = transfer.import_file(db, path)
    assert again.ids == [] and again.skipped == 6
    assert len(window.list_conversations()) == 6
    # An export of them imported back is the same conversations too.
    out = tmp_path / "export.json"
    exchange.write_export(window, out, exchange.select_conversations(window))
    assert transfer.import_file(db, out).skipped == 6
    # One conversation continued since: the file's older copy differs, so it comes in.
    window.add_message(first.ids[0], "user", "One more question.")
    third = transfer.import_file(db, out)
    assert third.skipped == 5 and len(third.ids) == 1
    assert transfer.import_file(db, path, skip_known=False).skipped == 0
    assert len(window.list_conversations()) == 6 + 1 + 6
    window.close()


def test_an_older_export_of_a_story_whose_text_changed_comes_in_as_a_copy(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    window = HistoryStore(db)
    documents = DocumentStore(window)
    doc = documents.create("The lighthouse", "First draft of the story.")
    doc.memory = "Keeper: Ana."
    documents.save(doc)
    out = tmp_path / "story.json"
    exchange.write_export(window, out, [doc.conversation_id])
    assert transfer.import_file(db, out).skipped == 1  # the same story: nothing doubles
    doc.text = "Rewritten text."
    documents.save(doc)
    back = transfer.import_file(db, out)  # the older draft is worth keeping
    assert back.skipped == 0 and len(back.ids) == 1
    restored = documents.get(back.ids[0])
    assert restored is not None and restored.text == "First draft of the story."
    assert restored.memory == "Keeper: Ana."
    doc.memory = "Keeper: Ben."  # the aids alone differ: also a different story
    doc.text = "First draft of the story."
    documents.save(doc)
    exchange.write_export(window, out, [doc.conversation_id])
    doc.memory = "Keeper: Ana."
    documents.save(doc)
    assert transfer.import_file(db, out).skipped == 0
    window.close()


def test_a_number_too_large_for_sqlite_is_a_plain_import_error(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    window = HistoryStore(db)
    doc = DocumentStore(window).create("Big", "Text.")
    out = tmp_path / "story.json"
    exchange.write_export(window, out, [doc.conversation_id])
    data = json.loads(out.read_text(encoding="utf-8"))
    data["conversations"][0]["title"] = "Other"  # not the story already here
    data["conversations"][0].setdefault("story", {})["note_depth"] = 2**70
    out.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ExchangeError, match=r"story\.json"):
        transfer.import_file(db, out)
    assert [c.title for c in window.list_conversations()] == ["Big"]
    window.close()


def test_story_text_counts_towards_the_chunk_size() -> None:
    stories = [
        ConversationRecord(f"s{i}", "story", created_at=1.0, updated_at=1.0, draft="x" * 60_000)
        for i in range(4)
    ]
    chunk, chars = transfer._next_chunk(stories, 0, 50, 100_000)
    assert len(chunk) == 1 and chars == 60_000
