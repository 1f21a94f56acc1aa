"""Story documents on a real SQLite file: aids, AI spans, versions (snapshot, restore, prune),
files."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import docx
import pytest

from app.storage.documents import (
    EDIT_SNAPSHOT_SECONDS,
    DocumentStore,
    check_ai_spans,
    export_story,
    read_story_file,
    usable_ai_spans,
)
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


# -- AI spans (schema 5) ---------------------------------------------------------------------
AI_TEXT = "🌊 in the sand."
AI_TOKENS = ["🌊", " in", " the", " sand", "."]


def _units(text: str) -> int:
    """Length in UTF-16 code units (Qt's positions)."""
    return len(text.encode("utf-16-le")) // 2


def ai_span(text: str, ai_text: str, tokens: list[str], logprob: float = -0.5) -> dict[str, Any]:
    """A stored span (StoryDocument.ai_spans) over ``ai_text`` in ``text``, UTF-16 positions."""
    start = _units(text[: text.index(ai_text)])
    assert "".join(tokens) == ai_text
    out, offset = [], 0
    for i, token in enumerate(tokens):
        top = [[token, logprob - i], [token.upper() + "!", logprob - i - 1.25]]
        out.append(
            {"offset": offset, "length": _units(token), "token": token, "logprob": logprob - i, "top": top}
        )
        offset += _units(token)
    return {"start": start, "end": start + _units(ai_text), "tokens": out}


def test_c02_ai_spans_are_saved_with_the_text_in_utf16_units_and_come_back(tmp_path: Path) -> None:
    """Emoji and CJK before the AI text: positions are UTF-16 units (an emoji is two), as
    Qt counts them, and survive closing and reopening the file exactly."""
    text = "灯塔守护者 👩‍👩‍👧 found a letter " + AI_TEXT + " The end."
    span = ai_span(text, AI_TEXT, AI_TOKENS)
    # the family emoji is 5 code points (3 emoji, 2 joiners) but 8 UTF-16 units
    assert span["start"] == len(text[: text.index(AI_TEXT)]) + 3
    store = HistoryStore(tmp_path / "h.sqlite3")
    documents = DocumentStore(store)
    doc = documents.create("The keeper", text)
    plain = documents.create("No AI text", "Written by hand.")
    doc.ai_spans = [span]
    documents.save(doc)
    store.close()
    again = DocumentStore(HistoryStore(tmp_path / "h.sqlite3"))
    reopened = again.get(doc.conversation_id)
    assert reopened is not None and reopened.text == text and reopened.ai_spans == [span]
    assert usable_ai_spans(reopened.ai_spans, reopened.text) == ([span], [])
    units = text.encode("utf-16-le")
    assert units[2 * span["start"] : 2 * span["end"]].decode("utf-16-le") == AI_TEXT
    # the same span counted in code points does not fit: its tokens are not the text there
    by_code_points = dict(span, start=text.index(AI_TEXT), end=text.index(AI_TEXT) + len(AI_TEXT))
    kept, problems = usable_ai_spans([by_code_points], text)
    assert kept == [] and "tokens[0].token" in problems[0]
    # a story without AI text stores NULL, and reads back as []
    row = again.db.execute("SELECT ai_spans FROM documents WHERE conversation_id=?", (plain.conversation_id,))
    assert row.fetchone()[0] is None
    assert again.get(plain.conversation_id).ai_spans == []  # type: ignore[union-attr]


def test_restoring_a_version_clears_the_ai_spans(docs: DocumentStore) -> None:
    doc = docs.create("S", "Before.")
    first = docs.versions(doc.conversation_id)[0]
    doc.text = "Before." + AI_TEXT
    doc.ai_spans = [ai_span(doc.text, AI_TEXT, AI_TOKENS)]
    docs.save(doc)
    assert docs.get(doc.conversation_id).ai_spans == doc.ai_spans  # type: ignore[union-attr]
    restored = docs.restore(doc.conversation_id, first.id)
    assert restored.text == "Before." and restored.ai_spans == []
    assert docs.get(doc.conversation_id).ai_spans == []  # type: ignore[union-attr]


def test_stored_spans_that_do_not_fit_the_text_are_left_out_with_the_reason(
    docs: DocumentStore, caplog: pytest.LogCaptureFixture
) -> None:
    text = "Once 🌊 upon a time" + AI_TEXT
    good = ai_span(text, AI_TEXT, AI_TOKENS)
    size = _units(text)
    beyond = dict(good, start=size - 2, end=size + 3, tokens=[])
    overlapping = dict(good, start=good["start"] - 3, end=good["start"] + 2, tokens=[])
    wrong_token = dict(good, tokens=[dict(good["tokens"][0], token="🌍")])
    bad_logprob = dict(good, tokens=[dict(good["tokens"][0], logprob="high")])
    bad_top = dict(good, tokens=[dict(good["tokens"][0], top=[["x"]])])
    kept, problems = usable_ai_spans(
        [beyond, good, overlapping, wrong_token, "x", bad_logprob, bad_top, {"start": 1}], text
    )
    assert kept == [good]
    assert problems == [
        f"ai_spans[0].end: {size + 3} is beyond the text ({size} UTF-16 units)",
        f"ai_spans[2]: [{good['start'] - 3}, {good['start'] + 2}) overlaps another span",
        "ai_spans[3].tokens[0].token: '🌍' is not the text at its place ('🌊')",
        "ai_spans[4]: expected an object, got str",
        "ai_spans[5].tokens[0].logprob: expected a number, got 'high'",
        "ai_spans[6].tokens[0].top[0]: expected [text, number], got ['x']",
        "ai_spans[7].end: expected a whole number of 0 or more, got None",
    ]
    with pytest.raises(ValueError, match=r"^ai_spans\[1\]\.start: .* overlaps the span before it"):
        check_ai_spans([good, dict(good, tokens=[])], text)
    # unreadable JSON in the column: no spans, logged, the story opens
    doc = docs.create("S", text)
    doc.ai_spans = [good]
    docs.save(doc)
    docs.db.execute(
        "UPDATE documents SET ai_spans='[{\"start\": 1,' WHERE conversation_id=?", (doc.conversation_id,)
    )
    with caplog.at_level(logging.WARNING, logger="app.storage.documents"):
        again = docs.get(doc.conversation_id)
    assert again is not None and again.text == text and again.ai_spans == []
    assert f"Story {doc.conversation_id}: its AI spans are not readable JSON" in caplog.text
