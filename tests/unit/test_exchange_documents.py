"""Penwright JSON export and import of stories' writing aids and AI spans, and poems (C15
round trip)."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app.storage import exchange
from app.storage.documents import DocumentStore
from app.storage.exchange import ExchangeError
from app.storage.history import ConversationRecord, HistoryStore, MessageRecord
from app.storage.poems import Poem, PoemCandidate, PoemStore

REQUEST = "Write a wuyan jueju about the sea 海 🌊"
CANDIDATES = [
    PoemCandidate(
        "海上生明月\n天涯共此时\n潮声连夜起\n孤客梦中思",
        0.95,
        mean_logprob=-1.25,
        sum_logprob=-40.0,
        tokens=32,
        seed=11,
        decoder="grammar",
    ),
    PoemCandidate(
        "风起浪花白\n云低海色青\n渔舟归晚照\n灯火满沙汀",
        0.8,
        mean_logprob=-1.5,
        sum_logprob=-48.0,
        tokens=32,
        seed=12,
        decoder="grammar",
        ticked=(0, 2),
    ),
    PoemCandidate("海阔天空远\n", 0.25, tokens=8, seed=13, reason="cancelled"),
]
EDITED = "海上生明月\n云低海色青\n渔舟归晚照\n孤客梦中思"
STORY_TEXT = "Once 🌊 upon 灯塔 a time 🌊\n"
#: The model wrote "Once" (no log-probabilities) and " a time 🌊" (UTF-16 positions: an
#: emoji is two units, C02).
AI_SPANS = [
    {"start": 0, "end": 4, "tokens": []},
    {
        "start": 15,
        "end": 25,
        "tokens": [
            {
                "offset": 0,
                "length": 2,
                "token": " a",
                "logprob": -0.25,
                "top": [[" a", -0.25], [" the", -1.5]],
            },
            {"offset": 2, "length": 5, "token": " time", "logprob": -0.125, "top": [[" time", -0.125]]},
            {
                "offset": 7,
                "length": 3,
                "token": " 🌊",
                "logprob": -3.75,
                "top": [[" 🌊", -3.75], ["!", -0.5]],
            },
        ],
    },
]


def _story(store: HistoryStore) -> int:
    documents = DocumentStore(store)
    doc = documents.create("Tale 故事", STORY_TEXT, model="gemma")
    doc.memory = "The sea is alive."
    doc.authors_note = "[Style: lyrical, 抒情]"
    doc.note_depth = 5
    doc.lorebook = [
        {"keys": "lighthouse, keeper", "text": "Old Tom keeps the light.", "enabled": True},
        {"keys": "鲸", "text": "A whale sings at night.", "enabled": False},
    ]
    doc.preset = {"temperature": 0.8, "top_p": 0.9, "seed": 7}
    doc.ai_spans = AI_SPANS
    documents.save(doc)
    return doc.conversation_id


def _poem(store: HistoryStore) -> int:
    poems = PoemStore(store)
    poem = poems.create(
        "五言绝句: the sea",
        "wuyan_jueju",
        REQUEST,
        topic="the sea 海",
        note="classical diction",
        decoding={"mode": "grammar", "candidates": 3, "seeds": [11, 12, 13], "params": {"temperature": 0.9}},
        model="qwen",
        provider="local",
    )
    cid = poem.conversation_id
    poems.set_candidates(cid, CANDIDATES)
    poems.choose(cid, CANDIDATES[0].text, CANDIDATES[0].score, model="qwen")
    poems.choose(cid, EDITED, 0.9, model="qwen")  # the writer edited the chosen poem
    return cid


def _chat(store: HistoryStore) -> int:
    cid = store.create_conversation("chat", "plain chat", "m")
    u = store.add_message(cid, "user", "hello")
    store.add_message(cid, "assistant", "hi", u, model="m")
    return cid


def _doc(text: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(text)
    data.pop("exported_at")
    return data


def _counts(store: HistoryStore) -> tuple[int, ...]:
    db = sqlite3.connect(store.path)
    try:
        return tuple(
            db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("conversations", "messages", "documents", "poems")
        )
    finally:
        db.close()


def _source(tmp_path: Path) -> tuple[HistoryStore, list[int], str]:
    store = HistoryStore(tmp_path / "src.sqlite3")
    ids = [_chat(store), _story(store), _poem(store)]
    return store, ids, exchange.export_json(store, ids)


def test_story_aids_and_poem_round_trip(tmp_path: Path) -> None:
    source, (_chat_id, story_id, poem_id), first = _source(tmp_path)
    data = json.loads(first)
    chat, story, poem = data["conversations"]
    assert "story" not in chat and "poem" not in chat
    assert "poem" not in story and story["story"]["note_depth"] == 5
    assert story["story"]["ai_spans"] == AI_SPANS
    assert "story" not in poem
    assert poem["poem"]["candidates"][1]["ticked"] == [0, 2]
    assert poem["poem"]["request_message"] == 1 and poem["poem"]["chosen_message"] == 2
    assert data["version"] == 1

    target = HistoryStore(tmp_path / "new.sqlite3")
    new_chat, new_story, new_poem = exchange.import_penwright_json(target, first, "export.json")
    assert target.get_conversation(new_chat) is not None

    before_doc = DocumentStore(source).get(story_id)
    after_doc = DocumentStore(target).get(new_story)
    assert before_doc is not None and after_doc is not None
    assert after_doc == dataclasses.replace(before_doc, conversation_id=new_story)
    assert after_doc.lorebook[1]["keys"] == "鲸" and after_doc.preset == {
        "temperature": 0.8,
        "top_p": 0.9,
        "seed": 7,
    }
    assert DocumentStore(target).versions(new_story) == []  # versions are not exported
    assert after_doc.ai_spans == before_doc.ai_spans and len(after_doc.ai_spans) == 2
    assert after_doc.ai_spans[1]["tokens"][2]["top"] == [[" 🌊", -3.75], ["!", -0.5]]

    before_poem = PoemStore(source).get(poem_id)
    after_poem = PoemStore(target).get(new_poem)
    assert before_poem is not None and after_poem is not None
    assert after_poem.request_message_id is not None and after_poem.chosen_message_id is not None
    assert after_poem == dataclasses.replace(
        before_poem,
        conversation_id=new_poem,
        request_message_id=after_poem.request_message_id,
        chosen_message_id=after_poem.chosen_message_id,
    )
    assert after_poem.candidates == CANDIDATES
    assert after_poem.candidates[1].ticked == (0, 2) and after_poem.candidates[2].is_partial
    assert after_poem.chosen_text == EDITED and after_poem.chosen_score == 0.9
    request = target.get_message(after_poem.request_message_id)
    chosen = target.get_message(after_poem.chosen_message_id)
    assert request is not None and chosen is not None
    assert (request.conversation_id, request.role, request.content) == (new_poem, "user", REQUEST)
    assert (chosen.conversation_id, chosen.role, chosen.content) == (new_poem, "assistant", EDITED)
    assert chosen.parent_id == request.id

    second = exchange.export_json(target, [new_chat, new_story, new_poem])
    assert _doc(second) == _doc(first)


def test_plain_chat_export_has_no_story_or_poem_keys(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    chat = _chat(store)
    bare_story = store.create_conversation("story", "no aids yet")  # no documents row
    old_poem = store.create_conversation("poetry", "before schema 4")  # no poems row
    (*conversations,) = json.loads(exchange.export_json(store, [chat, bare_story, old_poem]))["conversations"]
    for conversation in conversations:
        assert "story" not in conversation and "poem" not in conversation
    DocumentStore(store).create("aids, no AI text", "Written by hand.")  # a documents row
    (no_spans,) = json.loads(exchange.export_json(store, [store.list_conversations("story")[0].id]))[
        "conversations"
    ]
    assert list(no_spans["story"]) == ["memory", "authors_note", "note_depth", "lorebook", "preset"]
    assert list(conversations[0]) == [
        "title",
        "pane",
        "model",
        "provider",
        "folder",
        "pinned",
        "created_at",
        "updated_at",
        "draft",
        "active_leaf",
        "messages",
    ]


def test_a_poem_whose_messages_were_deleted_exports_null_references(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    cid = _poem(store)
    poem = PoemStore(store).get(cid)
    assert poem is not None and poem.request_message_id is not None
    store.delete_message(poem.request_message_id)  # its reply goes with it
    text = exchange.export_json(store, [cid])
    (conversation,) = json.loads(text)["conversations"]
    assert conversation["messages"] == []
    assert conversation["poem"]["request_message"] is None and conversation["poem"]["chosen_message"] is None
    (new,) = exchange.import_penwright_json(store, text)
    restored = PoemStore(store).get(new)
    assert restored is not None and restored.request_message_id is None and restored.chosen_message_id is None
    assert restored.chosen_text == EDITED


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda c: c["poem"].update(candidates="many"),
            r"conversations\[2\]\.poem\.candidates: expected a list",
        ),
        (lambda c: c["poem"].update(form_id=3), r"conversations\[2\]\.poem\.form_id: expected text, got 3"),
        (lambda c: c["poem"].pop("form_id"), r"conversations\[2\]\.poem\.form_id: missing"),
        (
            lambda c: c["poem"]["candidates"].__setitem__(1, "a poem"),
            r"conversations\[2\]\.poem\.candidates\[1\]: expected an object, got str",
        ),
        (
            lambda c: c["poem"]["candidates"][0].pop("text"),
            r"conversations\[2\]\.poem\.candidates\[0\]\.text: missing",
        ),
        (
            lambda c: c["poem"]["candidates"][2].update(score="high"),
            r"poem\.candidates\[2\]\.score: expected a number",
        ),
        (lambda c: c["poem"].update(decoding=[]), r"poem\.decoding: expected an object"),
        (lambda c: c["poem"].update(chosen_score="0.9"), r"poem\.chosen_score: expected a number"),
        (
            lambda c: c["poem"].update(chosen_message=9),
            r"conversations\[2\]\.poem\.chosen_message: 9 is not a message id of this conversation",
        ),
        (lambda c: c.update(poem=["x"]), r"conversations\[2\]\.poem: expected an object"),
    ],
)
def test_malformed_poem_names_the_field_and_imports_nothing(
    tmp_path: Path, change: Any, message: str
) -> None:
    _store, _ids, text = _source(tmp_path)
    data = json.loads(text)
    change(data["conversations"][2])
    target = HistoryStore(tmp_path / "new.sqlite3")
    target.create_conversation("chat", "already here")
    before = _counts(target)
    with pytest.raises(ExchangeError, match=message):
        exchange.import_penwright_json(target, json.dumps(data), "export.json")
    assert _counts(target) == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda s: s.update(note_depth="deep"),
            r"conversations\[1\]\.story\.note_depth: expected a whole number",
        ),
        (lambda s: s.update(memory=1), r"story\.memory: expected text"),
        (lambda s: s.update(lorebook={"keys": "a"}), r"story\.lorebook: expected a list"),
        (lambda s: s["lorebook"].append(3), r"conversations\[1\]\.story\.lorebook\[2\]: expected an object"),
        (lambda s: s.update(preset="fast"), r"story\.preset: expected an object"),
        (lambda s: s.update(ai_spans={"start": 0}), r"conversations\[1\]\.story\.ai_spans: expected a list"),
        (lambda s: s["ai_spans"].append(7), r"conversations\[1\]\.story\.ai_spans\[2\]: expected an object"),
        (
            lambda s: s["ai_spans"][1].update(end=40),
            r"conversations\[1\]\.story\.ai_spans\[1\]\.end: 40 is beyond the text \(26 UTF-16 units\)",
        ),
        (
            lambda s: s["ai_spans"][0].update(end=16),
            r"story\.ai_spans\[1\]\.start: 15 overlaps the span before it \(which ends at 16\)",
        ),
        (lambda s: s["ai_spans"][1].pop("start"), r"story\.ai_spans\[1\]\.start: expected a whole number"),
        (
            lambda s: s["ai_spans"][1]["tokens"][1].update(logprob="likely"),
            r"story\.ai_spans\[1\]\.tokens\[1\]\.logprob: expected a number, got 'likely'",
        ),
        (
            lambda s: s["ai_spans"][1]["tokens"][2].update(top=[[" 🌊"]]),
            r"story\.ai_spans\[1\]\.tokens\[2\]\.top\[0\]: expected \[text, number\]",
        ),
        (
            lambda s: s["ai_spans"][1]["tokens"][2].update(token=" 🌍"),
            r"story\.ai_spans\[1\]\.tokens\[2\]\.token: ' 🌍' is not the text at its place",
        ),
        (  # positions counted in code points instead of UTF-16 units
            lambda s: s["ai_spans"][1].update(start=14, end=23),
            r"story\.ai_spans\[1\]\.tokens\[0\]\.token: ' a' is not the text at its place \('塔 '\)",
        ),
    ],
)
def test_malformed_story_names_the_field_and_imports_nothing(
    tmp_path: Path, change: Any, message: str
) -> None:
    _store, _ids, text = _source(tmp_path)
    data = json.loads(text)
    change(data["conversations"][1]["story"])
    target = HistoryStore(tmp_path / "new.sqlite3")
    before = _counts(target)
    with pytest.raises(ExchangeError, match=message):
        exchange.import_penwright_json(target, json.dumps(data), "export.json")
    assert _counts(target) == before == (0, 0, 0, 0)


def test_unknown_keys_are_ignored_and_optional_fields_default(tmp_path: Path) -> None:
    """Version 1 readers skip keys they do not know (a newer minor addition)."""
    _store, _ids, text = _source(tmp_path)
    data = json.loads(text)
    data["future"] = {"x": 1}
    chat, story, poem = data["conversations"]
    chat["future"] = [1, 2]
    chat["messages"][0]["future"] = "?"
    story["story"]["future"] = True
    poem["poem"]["future"] = None
    poem["poem"]["candidates"][0]["future"] = {"y": 2}
    story["story"] = {"memory": "only memory"}
    for name in ("topic", "note", "decoding", "chosen_text", "chosen_score", "chosen_message"):
        poem["poem"].pop(name)
    poem["poem"]["candidates"] = [{"text": "短"}]
    target = HistoryStore(tmp_path / "new.sqlite3")
    _new_chat, new_story, new_poem = exchange.import_penwright_json(target, json.dumps(data))
    doc = DocumentStore(target).get(new_story)
    assert doc is not None
    assert (doc.memory, doc.authors_note, doc.note_depth, doc.lorebook, doc.preset) == (
        "only memory",
        "",
        3,
        [],
        None,
    )
    restored = PoemStore(target).get(new_poem)
    assert restored is not None
    assert (restored.form_id, restored.topic, restored.note, restored.decoding) == ("wuyan_jueju", "", "", {})
    assert restored.candidates == [PoemCandidate("短", 0.0)]
    assert (
        restored.chosen_text is None and restored.chosen_score is None and restored.chosen_message_id is None
    )
    assert restored.request_message_id is not None


def test_import_of_poems_and_stories_is_one_transaction(tmp_path: Path) -> None:
    """A poem row that cannot be stored undoes the conversations inserted before it."""
    store = HistoryStore(tmp_path / "h.sqlite3")
    story = ConversationRecord("s", "story", 1.0, 2.0, draft="text", story={"memory": "m"})
    broken = ConversationRecord(
        "p",
        "poetry",
        1.0,
        2.0,
        messages=(MessageRecord(1, None, "user", "ask", 1.0, 1.0),),
        poem={"form_id": "haiku", "request_message": 1, "chosen_message": 7},
    )
    with pytest.raises(ExchangeError, match="poem chosen_message 7 is not one of its messages"):
        exchange._insert(store, [story, broken], "hand-made")
    assert _counts(store) == (0, 0, 0, 0)


def test_insert_conversations_keyed_maps_keys_to_new_ids(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    store.insert_conversations([ConversationRecord("first", "chat", 1.0, 1.0)])
    record = ConversationRecord(
        "r",
        "chat",
        1.0,
        1.0,
        messages=(
            MessageRecord(10, None, "user", "q", 1.0, 1.0),
            MessageRecord(20, 10, "assistant", "a", 1.0, 1.0),
        ),
    )
    ((cid, keys),) = store.insert_conversations_keyed([record])
    assert sorted(keys) == [10, 20]
    answer = store.get_message(keys[20])
    assert answer is not None and answer.content == "a" and answer.parent_id == keys[10]
    assert answer.conversation_id == cid


def test_poem_restore_refuses_a_message_of_another_conversation(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    other = store.create_conversation("chat", "other")
    foreign = store.add_message(other, "user", "not yours")
    cid = store.create_conversation("poetry", "poem")
    poems = PoemStore(store)
    with pytest.raises(ValueError, match=f"request message {foreign} is not in conversation {cid}"):
        poems.restore(Poem(cid, "haiku", request_message_id=foreign))
    poems.restore(Poem(cid, "haiku", candidates=CANDIDATES), created_at=5.0, updated_at=6.0)
    assert poems.get(cid) == Poem(cid, "haiku", candidates=CANDIDATES)
    with pytest.raises(sqlite3.IntegrityError):
        poems.restore(Poem(cid, "haiku"))  # one poem per conversation


def test_markdown_and_html_name_a_poems_form_and_topic(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    cid = _poem(store)
    chat = _chat(store)
    assert "\nForm: wuyan_jueju · topic: the sea 海\n" in exchange.export_markdown(store, [cid])
    assert "Form:" not in exchange.export_markdown(store, [chat])
    page = exchange.export_html(store, [cid])
    assert '<p class="facts">Form: wuyan_jueju · topic: the sea 海</p>' in page


def test_stored_ai_spans_that_do_not_fit_the_draft_are_not_exported(tmp_path: Path) -> None:
    """A damaged stored span would make the export unimportable: it is left out."""
    store = HistoryStore(tmp_path / "h.sqlite3")
    documents = DocumentStore(store)
    doc = documents.create("Tale", STORY_TEXT)
    doc.ai_spans = [{"start": 0, "end": 99, "tokens": []}, AI_SPANS[1]]
    documents.save(doc)
    text = exchange.export_json(store, [doc.conversation_id])
    (conversation,) = json.loads(text)["conversations"]
    assert conversation["story"]["ai_spans"] == [AI_SPANS[1]]
    (new,) = exchange.import_penwright_json(store, text)
    assert DocumentStore(store).get(new).ai_spans == [AI_SPANS[1]]  # type: ignore[union-attr]
