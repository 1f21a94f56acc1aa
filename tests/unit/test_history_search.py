"""Full-text search of the history: FTS5 trigram for CJK, emoji and English; filters; sync."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.core.types import GenerationParams
from app.storage.history import (
    HIGHLIGHT_END as E,
)
from app.storage.history import (
    HIGHLIGHT_START as S,
)
from app.storage.history import (
    ConversationRecord,
    HistoryStore,
    MessageRecord,
    make_snippet,
)

DAY = 86400.0
T0 = 1_780_000_000.0  # 2026-05-28


def _conversation(title: str, pane: str, model: str, texts: list[str], day: int) -> ConversationRecord:
    t = T0 + day * DAY
    messages = tuple(
        MessageRecord(
            key=i + 1,
            parent_key=i or None,
            role="user" if i % 2 == 0 else "assistant",
            content=text,
            created_at=t + i,
            updated_at=t + i,
            model="" if i % 2 == 0 else model,
        )
        for i, text in enumerate(texts)
    )
    return ConversationRecord(
        title=title, pane=pane, created_at=t, updated_at=t, model=model, messages=messages
    )


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    s = HistoryStore(tmp_path / "h.sqlite3")
    s.insert_conversations(
        [
            _conversation(
                "Beijing food",
                "chat",
                "qwen",
                ["推荐一家北京烤鸭餐厅", "全聚德的北京烤鸭很有名。The duck is roasted 🦆 in a wood oven."],
                day=0,
            ),
            _conversation(
                "東京", "qa", "llama", ["東京タワーの高さは？", "東京タワーは333メートルです。"], day=1
            ),
            _conversation(
                "Lighthouse",
                "story",
                "gemma",
                ["The old LIGHTHOUSE keeper 🍎🚀🎉", "climbed the stairs; the lamp was lit at dusk."],
                day=2,
            ),
            _conversation("Family", "chat", "llama", ["emoji 👨‍👩‍👧 family", "50% off_sale items"], day=3),
        ]
    )
    return s


def test_chinese_phrase_is_found_and_highlighted(store: HistoryStore) -> None:
    hits = store.search("北京烤鸭")
    assert [(h.title, h.role) for h in hits] == [("Beijing food", "assistant"), ("Beijing food", "user")]
    assert hits[1].snippet == f"推荐一家{S}北京烤鸭{E}餐厅"
    assert f"{S}北京烤鸭{E}" in hits[0].snippet
    assert hits[0].pane == "chat" and hits[0].model == "qwen"
    assert store.search("タワーの高さ")[0].snippet == f"東京{S}タワーの高さ{E}は？"


def test_english_is_case_insensitive_and_the_snippet_keeps_the_original_case(store: HistoryStore) -> None:
    (hit,) = store.search("lighthouse")
    assert hit.snippet == f"The old {S}LIGHTHOUSE{E} keeper 🍎🚀🎉"
    assert hit.pane == "story" and hit.title == "Lighthouse"
    (hit,) = store.search("Roasted")
    assert f"{S}roasted{E}" in hit.snippet


def test_emoji_sequences_are_found(store: HistoryStore) -> None:
    assert [h.snippet for h in store.search("🍎🚀🎉")] == [f"The old LIGHTHOUSE keeper {S}🍎🚀🎉{E}"]
    assert [h.snippet for h in store.search("👨‍👩‍👧")] == [f"emoji {S}👨‍👩‍👧{E} family"]


def test_one_and_two_character_terms_fall_back_to_a_scan(store: HistoryStore) -> None:
    """Trigram needs 3 characters; 烤鸭 (2) and 塔 / 🦆 (1) are still found, and marked."""
    hits = store.search("烤鸭")
    assert len(hits) == 2 and all(f"{S}烤鸭{E}" in h.snippet for h in hits)
    assert [h.title for h in store.search("🦆")] == ["Beijing food"]
    assert [h.role for h in store.search("京")] == ["assistant", "user", "assistant", "user"]
    assert store.search("鸭子") == []


def test_every_term_must_match_and_quotes_keep_a_phrase(store: HistoryStore) -> None:
    assert [h.title for h in store.search("lamp stairs")] == ["Lighthouse"]
    assert store.search("lamp 烤鸭") == []
    assert [h.title for h in store.search("duck 烤鸭")] == ["Beijing food"]  # indexed + short term
    assert f"{S}烤鸭{E}" in store.search("duck 烤鸭")[0].snippet
    assert [h.title for h in store.search('"lit at dusk"')] == ["Lighthouse"]
    assert store.search('"dusk at lit"') == []


def test_filters_pane_model_date_and_folder(store: HistoryStore) -> None:
    assert {h.title for h in store.search("東京")} == {"東京"}
    assert store.search("the", pane="story")[0].title == "Lighthouse"
    assert {h.pane for h in store.search("the")} == {"chat", "story"}
    assert {h.title for h in store.search("the", pane="chat")} == {"Beijing food"}
    assert {h.title for h in store.search("e", model="llama")} == {"Family"}
    assert {h.title for h in store.search("東京タワー", model="llama")} == {"東京"}
    assert store.search("東京タワー", model="qwen") == []
    assert {h.title for h in store.search("e", since=T0 + 2 * DAY)} == {"Lighthouse", "Family"}
    assert {h.title for h in store.search("e", since=T0 + 2 * DAY, until=T0 + 3 * DAY)} == {"Lighthouse"}
    assert store.search("北京烤鸭", until=T0) == []
    folder = store.create_folder("Trips")
    beijing = next(c.id for c in store.list_conversations() if c.title == "Beijing food")
    assert store.search("烤鸭", folder_id=folder) == []
    store.move_conversation(beijing, folder)
    assert len(store.search("北京烤鸭", folder_id=folder)) == 2
    assert len(store.search("烤鸭", folder_id=folder, limit=1)) == 1


def test_soft_deleted_conversations_are_not_found(store: HistoryStore) -> None:
    cid = store.search("lighthouse")[0].conversation_id
    store.soft_delete_conversation(cid)
    assert store.search("lighthouse") == [] and store.search("🍎") == []
    store.restore_conversation(cid)
    assert len(store.search("lighthouse")) == 1


def test_the_index_follows_streaming_edits_and_deletes(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    store = HistoryStore(path)
    cid = store.create_conversation("chat", "t")
    uid = store.add_message(cid, "user", "tell me about otters")
    rid = store.start_reply(cid, uid, model="m", params=GenerationParams())
    store.save_partial(rid, "Otters are semiaquatic")
    assert [h.message_id for h in store.search("semiaquatic")] == [rid]
    store.finish_reply(rid, "Otters hold hands while sleeping.", "stop")
    assert store.search("semiaquatic") == []
    assert [h.message_id for h in store.search("hold hands")] == [rid]
    store.delete_message(rid)
    assert store.search("hold hands") == []
    store.delete_conversation(cid)
    assert store.search("otters") == []
    db = sqlite3.connect(path)
    assert db.execute("INSERT INTO messages_fts(messages_fts) VALUES ('integrity-check')").fetchall() == []


def test_odd_queries_neither_fail_nor_match_everything(store: HistoryStore) -> None:
    for query in ['"', "AND", "OR NOT", "NEAR(", "*", "(", "a\"b'c", "col:umn", "^start", '""']:
        store.search(query)  # no sqlite3.OperationalError (FTS5 syntax) leaks out
    assert store.search("") == [] and store.search("   ") == []
    assert [h.snippet for h in store.search("%")] == [f"50{S}%{E} off_sale items"]
    assert [h.title for h in store.search("f_s")] == ["Family"]
    assert store.search("_x") == []


def test_make_snippet_cuts_long_text_around_the_first_match() -> None:
    text = "x" * 200 + " needle " + "y" * 200
    snippet = make_snippet(text, ["needle"])
    assert snippet.startswith("…") and snippet.endswith("…") and f"{S}needle{E}" in snippet
    assert len(snippet) < 80
