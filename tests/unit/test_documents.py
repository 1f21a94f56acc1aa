"""Story documents on a real SQLite file: aids, versions (snapshot, restore, prune), files."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from app.storage.documents import EDIT_SNAPSHOT_SECONDS, DocumentStore, export_story, read_story_file
from app.storage.history import HistoryStore

TEXT = "The lighthouse keeper 灯塔守护者 found a letter 🌊 in the sand."


@pytest.fixture
def docs(tmp_path: Path) -> DocumentStore:
    return DocumentStore(HistoryStore(tmp_path / "history.sqlite3"))


def test_a_story_keeps_its_text_and_aids_across_a_reopen(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    documents = DocumentStore(store)
    doc = documents.create("The keeper", TEXT, model="smollm2")
    doc.memory, doc.authors_note, doc.note_depth = "A storm is coming.", "[Tone: eerie]", 2
    doc.lorebook = [{"keys": "letter, 信", "text": "The letter is from 1912.", "enabled": True}]
    doc.preset = {"temperature": 0.7}
    documents.save(doc)
    store.close()
    again = DocumentStore(HistoryStore(tmp_path / "h.sqlite3")).get(doc.conversation_id)
    assert again is not None
    assert (again.text, again.memory, again.authors_note, again.note_depth) == (
        TEXT,
        "A storm is coming.",
        "[Tone: eerie]",
        2,
    )
    assert again.lorebook == doc.lorebook and again.preset == {"temperature": 0.7}
    # the story is a 'story' conversation: listed and searchable with the history
    assert [c.pane for c in again_store_list(tmp_path)] == ["story"]


def again_store_list(tmp_path: Path) -> list:  # type: ignore[type-arg]
    store = HistoryStore(tmp_path / "h.sqlite3")
    try:
        return store.list_conversations()
    finally:
        store.close()


def test_versions_one_per_minute_of_editing_and_per_generation(docs: DocumentStore) -> None:
    doc = docs.create("S")
    t0 = 1_000_000.0
    doc.text = "v1"
    docs.save(doc)
    docs.snapshot(doc.conversation_id, "import", now=t0 - 100)
    doc.text = "v2"
    docs.save(doc)
    assert docs.snapshot(doc.conversation_id, "edit", now=t0) is not None
    doc.text = "v3"
    docs.save(doc)
    assert docs.snapshot(doc.conversation_id, "edit", now=t0 + 10) is None  # within the minute
    assert docs.snapshot(doc.conversation_id, "edit", now=t0 + EDIT_SNAPSHOT_SECONDS + 1) is not None
    assert docs.snapshot(doc.conversation_id, "generation", now=t0 + 62) is None  # nothing changed
    doc.text = "v4 after the model wrote"
    docs.save(doc)
    assert docs.snapshot(doc.conversation_id, "generation", now=t0 + 63) is not None
    texts = [docs.version_text(v.id) for v in docs.versions(doc.conversation_id)]
    assert texts == ["v4 after the model wrote", "v3", "v2", "v1"]


def test_restore_brings_a_version_back_and_can_itself_be_undone(docs: DocumentStore) -> None:
    doc = docs.create("S", TEXT)
    first = docs.versions(doc.conversation_id)[0]
    doc.text = "Rewritten badly."
    doc.memory = "changed memory"
    docs.save(doc)
    restored = docs.restore(doc.conversation_id, first.id)
    assert restored.text == TEXT and restored.memory == ""
    assert docs.get(doc.conversation_id).text == TEXT  # type: ignore[union-attr]
    newest = docs.versions(doc.conversation_id)[0]
    assert newest.reason == "restore" and docs.version_text(newest.id) == "Rewritten badly."
    with pytest.raises(KeyError):
        docs.restore(doc.conversation_id, 999_999)


def test_prune_keeps_recent_versions_and_thins_old_ones(docs: DocumentStore) -> None:
    doc = docs.create("S")
    now = 10_000_000.0
    ages = [60 * i for i in range(0, 50)]  # the last 50 minutes: all kept
    ages += [3600 + 60 * i for i in range(0, 120)]  # 1–3 h ago: one per 10 minutes
    ages += [2 * 86_400 + 3600 * i for i in range(0, 48)]  # 2–4 days ago: one per day
    for n, age in enumerate(sorted(ages, reverse=True)):
        doc.text = f"text {n}"
        docs.save(doc)
        docs.snapshot(doc.conversation_id, "generation", now=now - age)
    before = len(docs.versions(doc.conversation_id))
    deleted = docs.prune(doc.conversation_id, now=now)
    after = docs.versions(doc.conversation_id)
    assert deleted > 0 and len(after) == before - deleted
    recent = [v for v in after if now - v.created_at < 3600]
    assert len(recent) == 50
    day_old = [v for v in after if 3600 <= now - v.created_at < 86_400]
    assert 12 <= len(day_old) <= 13  # 120 minutes in 10-minute slots
    first = min(v.id for v in after)
    old = [v for v in after if now - v.created_at >= 86_400 and v.id != first]
    assert 2 <= len(old) <= 3  # 48 hours in day slots
    assert docs.version_text(first) == "text 0"  # the very first version stays


def test_export_md_txt_docx_and_import_txt_md(docs: DocumentStore, tmp_path: Path) -> None:
    doc = docs.create("The keeper", TEXT + "\nSecond line.")
    md = export_story(doc, tmp_path / "s.md")
    assert md.read_text("utf-8") == f"# The keeper\n\n{TEXT}\nSecond line.\n"
    assert read_story_file(md) == ("The keeper", f"{TEXT}\nSecond line.\n")
    txt = export_story(doc, tmp_path / "s.txt")
    assert read_story_file(txt) == ("s", f"{TEXT}\nSecond line.")
    word = docx.Document(str(export_story(doc, tmp_path / "s.docx")))
    assert [p.text for p in word.paragraphs] == ["The keeper", TEXT, "Second line."]
    with pytest.raises(ValueError, match=r"\.pdf"):
        export_story(doc, tmp_path / "s.pdf")
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(ValueError, match="not UTF-8"):
        read_story_file(bad)
