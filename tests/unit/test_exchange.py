"""Export (JSON, Markdown, HTML) and import (Penwright JSON, ChatGPT) of the history (C15)."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app.core.types import GenerationParams, Usage
from app.storage import exchange
from app.storage.exchange import ExchangeError
from app.storage.history import ConversationRecord, HistoryStore, MessageRecord

CODE = 'def f(x):\n    return {"k": x}  # 注释\n\tprint("tab")\n'


def _rich_conversation(store: HistoryStore) -> int:
    """Chinese, emoji, code, a regenerated branch, an edit, a partial reply, params, seeds, usage."""
    folder = store.create_folder("Projects 项目")
    cid = store.create_conversation("chat", "代码 & emoji 🎉", "SmolLM2", provider="local", folder_id=folder)
    store.set_pinned(cid)
    u1 = store.add_message(cid, "system", "You are terse.")
    u2 = store.add_message(cid, "user", "写一个函数 👨‍👩‍👧 🇯🇵\r\nplease", u1)
    a1 = store.add_message(
        cid,
        "assistant",
        f"```python\n{CODE}```",
        u2,
        model="SmolLM2",
        params=GenerationParams(temperature=0.3, seed=42),
        seed=42,
        usage=Usage(10, 20, 3, 0.5, 1.25),
        finish_reason="stop",
    )
    alt = store.add_message(
        cid, "assistant", "Another answer", u2, model="SmolLM2", seed=7, finish_reason="length"
    )
    edited = store.add_message(cid, "user", "Explain <b>this</b> & that", a1)
    rid = store.start_reply(cid, edited, model="SmolLM2", params=GenerationParams(seed=-1))
    store.finish_reply(rid, "It was cut", "cancelled")
    store.set_active_leaf(cid, alt)  # the user went back to the other answer
    return cid


def _doc(text: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(text)
    data.pop("exported_at")
    return data


def _count(store: HistoryStore) -> tuple[int, int]:
    db = sqlite3.connect(store.path)
    try:
        return (
            db.execute("SELECT COUNT(*) FROM conversations").fetchone()[0],
            db.execute("SELECT COUNT(*) FROM messages").fetchone()[0],
        )
    finally:
        db.close()


# -- JSON round trip ---------------------------------------------------------------------------
def test_c15_json_round_trip_is_identical(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    cid = _rich_conversation(store)
    story = store.create_conversation("story", "Tale", "gemma")
    store.save_draft(story, "Once upon a time 🌊\n")
    before_thread = [(m.role, m.content, m.created_at) for m in store.thread(cid)]
    before_all = [(m.role, m.content, m.status, m.finish_reason, m.seed) for m in store.all_messages(cid)]
    first = exchange.export_json(store, exchange.select_conversations(store))
    data = json.loads(first)
    assert data["format"] == "penwright-history" and data["version"] == 1
    assert [c["title"] for c in data["conversations"]] == ["代码 & emoji 🎉", "Tale"]
    for c in (cid, story):
        store.delete_conversation(c)
    assert store.list_conversations() == []

    new_ids = exchange.import_penwright_json(store, first)
    assert len(new_ids) == 2
    second = exchange.export_json(store, new_ids)
    assert _doc(second) == _doc(first)
    new = new_ids[0]
    assert [(m.role, m.content, m.created_at) for m in store.thread(new)] == before_thread
    assert [
        (m.role, m.content, m.status, m.finish_reason, m.seed) for m in store.all_messages(new)
    ] == before_all
    assert [m.content for m in store.thread(new)][-1] == "Another answer"
    code = store.all_messages(new)[2].content
    assert code.encode("utf-8") == f"```python\n{CODE}```".encode()
    assert store.all_messages(new)[1].content == "写一个函数 👨‍👩‍👧 🇯🇵\r\nplease"
    summary = store.get_conversation(new)
    assert summary is not None and summary.pinned and summary.provider == "local"
    assert [f.name for f in store.list_folders()] == ["Projects 项目"]  # found again by name, not doubled
    assert store.get_draft(new_ids[1]) == "Once upon a time 🌊\n"


def test_json_export_is_complete(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    cid = _rich_conversation(store)
    (conv,) = json.loads(exchange.export_json(store, [cid]))["conversations"]
    messages = conv["messages"]
    assert [m["id"] for m in messages] == [1, 2, 3, 4, 5, 6]
    assert [m["parent"] for m in messages] == [None, 1, 2, 2, 3, 5]
    assert conv["active_leaf"] == 4 and conv["folder"] == "Projects 项目" and conv["pinned"] is True
    reply = messages[2]
    assert reply["seed"] == 42 and reply["params"]["temperature"] == 0.3
    assert reply["usage"] == Usage(10, 20, 3, 0.5, 1.25).to_dict()
    assert reply["finish_reason"] == "stop" and reply["status"] == "final"
    assert messages[5]["status"] == "partial" and messages[5]["finish_reason"] == "cancelled"
    assert all(isinstance(m["created_at"], float) and isinstance(m["updated_at"], float) for m in messages)


def test_export_one_folder_or_everything_but_the_trash(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    folder = store.create_folder("F")
    inside = store.create_conversation("chat", "inside", folder_id=folder)
    outside = store.create_conversation("qa", "outside")
    trashed = store.create_conversation("chat", "trashed")
    store.soft_delete_conversation(trashed)
    assert exchange.select_conversations(store, folder_id=folder) == [inside]
    assert exchange.select_conversations(store) == [inside, outside]
    assert exchange.select_conversations(store, conversation_id=trashed) == [trashed]
    with pytest.raises(ValueError, match="no folder"):
        exchange.select_conversations(store, folder_id=99)


# -- Markdown and HTML ------------------------------------------------------------------------
def test_markdown_is_readable(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    cid = _rich_conversation(store)
    store.set_active_leaf(cid, store.all_messages(cid)[-1].id)
    text = exchange.export_markdown(store, [cid])
    assert text.startswith("# 代码 & emoji 🎉\n")
    assert "Chat · model SmolLM2 (local) · created 20" in text
    assert "6 messages (1 on other branches, in the JSON export)" in text
    headings = re.findall(r"^### (\w+)", text, re.M)
    assert headings == ["System", "User", "Assistant", "User", "Assistant"]
    assert "### Assistant (SmolLM2) · 20" in text
    assert f"```python\n{CODE}```" in text
    assert "*(partial reply: cancelled)*" in text
    assert "Another answer" not in text  # another branch


def test_html_is_self_contained_and_escaped(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    cid = store.create_conversation("chat", "<script>alert('title')</script>", "m")
    u = store.add_message(cid, "user", "**bold** <script>alert(1)</script> <img src=x onerror=alert(2)>")
    store.add_message(
        cid,
        "assistant",
        "![tracker](https://evil.example/pixel.png) and [a link](https://example.org)\n\n"
        f"```\n{CODE}```\n\n| a | b |\n|---|---|\n| 1 | 2 |",
        u,
        model="m",
    )
    page = exchange.export_html(store, [cid])
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "<strong>bold</strong>" in page
    assert "<script" not in page and "<img" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in page
    assert re.search(r"<[^>]*\ssrc=", page) is None and "<link" not in page and "@import" not in page
    assert "url(" not in page
    assert '<a class="image" href="https://evil.example/pixel.png">[image: tracker]</a>' in page
    assert '<a href="https://example.org">a link</a>' in page
    assert "<pre><code>" in page and "注释" in page and "<table>" in page


def test_write_export_picks_the_format_from_the_suffix(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    cid = store.create_conversation("chat", "t")
    store.add_message(cid, "user", "你好")
    for name, start in (("a.json", "{"), ("a.md", "# t"), ("a.html", "<!DOCTYPE")):
        path = exchange.write_export(store, tmp_path / name, [cid])
        assert path.read_text(encoding="utf-8").startswith(start)
    assert not list(tmp_path.glob("*.part"))
    with pytest.raises(ValueError, match="export format"):
        exchange.write_export(store, tmp_path / "a.txt", [cid])


# -- ChatGPT import --------------------------------------------------------------------------------
def _node(
    node_id: str,
    parent: str | None,
    children: list[str],
    role: str | None = None,
    parts: list[Any] | None = None,
    t: float | None = None,
    **metadata: Any,
) -> dict[str, Any]:
    message = None
    if role is not None:
        message = {
            "id": node_id,
            "author": {"role": role, "name": None, "metadata": {}},
            "create_time": t,
            "content": {"content_type": "text", "parts": parts if parts is not None else []},
            "status": "finished_successfully",
            "metadata": metadata,
        }
    return {"id": node_id, "message": message, "parent": parent, "children": children}


def _chatgpt_sample() -> list[dict[str, Any]]:
    """The published tree format: a client root without a message, a hidden empty system
    node, a user question, a tool call, two answers (regenerated), and a follow-up on the
    first answer; current_node points at the second answer."""
    mapping = {
        "root": _node("root", None, ["sys"]),
        "sys": _node("sys", "root", ["u1"], "system", [""], None, is_visually_hidden_from_conversation=True),
        "u1": _node("u1", "sys", ["a1", "a2"], "user", ["北京烤鸭哪里好吃？", "(two parts)"], 1700000001.5),
        "a1": _node(
            "a1",
            "u1",
            ["u2"],
            "assistant",
            ["全聚德 🦆"],
            1700000002.0,
            model_slug="gpt-4o",
            finish_details={"type": "stop"},
        ),
        "u2": _node("u2", "a1", ["tool1"], "user", ["And in Shanghai?"], 1700000010.0),
        "tool1": _node("tool1", "u2", ["a3"], "tool", ["search results…"], 1700000011.0),
        "a3": _node("a3", "tool1", [], "assistant", ["Try 老吉士."], 1700000012.0, model_slug="gpt-4o"),
        "a2": _node(
            "a2",
            "u1",
            [],
            "assistant",
            ["大董 is modern."],
            1700000005.0,
            model_slug="gpt-4o-mini",
            finish_details={"type": "max_tokens"},
        ),
    }
    return [
        {
            "id": "6553a0f1-peking",
            "title": "Peking duck",
            "create_time": 1700000000.25,
            "update_time": 1700000020.0,
            "mapping": mapping,
            "current_node": "a2",
            "default_model_slug": "gpt-4o",
        },
        {
            "conversation_id": "6553a0f2-second",  # an older export: no "id"
            "title": "Second",
            "create_time": 1700001000.0,
            "update_time": 1700001001.0,
            "mapping": {
                "r": _node("r", None, ["s"]),
                "s": _node("s", "r", ["q"], "system", ["Custom instructions: be brief."], 1700001000.0),
                "q": _node("q", "s", [], "user", ["Hi"], 1700001000.5),
            },
            "current_node": "q",
        },
    ]


def test_chatgpt_export_imports_in_tree_order_with_roles_and_the_current_branch(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    path = tmp_path / "conversations.json"
    path.write_text(json.dumps(_chatgpt_sample(), ensure_ascii=False), encoding="utf-8")
    first, second = exchange.import_file(store, path)
    messages = store.all_messages(first)
    assert [(m.role, m.content) for m in messages] == [
        ("user", "北京烤鸭哪里好吃？\n(two parts)"),
        ("assistant", "全聚德 🦆"),
        ("user", "And in Shanghai?"),
        ("assistant", "Try 老吉士."),  # the tool node is skipped; its child hangs on u2
        ("assistant", "大董 is modern."),
    ]
    by_text = {m.content: m for m in messages}
    assert by_text["Try 老吉士."].parent_id == by_text["And in Shanghai?"].id
    assert by_text["大董 is modern."].parent_id == messages[0].id
    assert [m.content for m in store.thread(first)] == ["北京烤鸭哪里好吃？\n(two parts)", "大董 is modern."]
    assert [m.created_at for m in messages] == [
        1700000001.5,
        1700000002.0,
        1700000010.0,
        1700000012.0,
        1700000005.0,
    ]
    assert by_text["大董 is modern."].model == "gpt-4o-mini"
    assert by_text["大董 is modern."].finish_reason == "length"
    summary = store.get_conversation(first)
    assert summary is not None
    assert (summary.title, summary.pane, summary.model, summary.provider) == (
        "Peking duck",
        "chat",
        "gpt-4o",
        "chatgpt",
    )
    assert (summary.created_at, summary.updated_at) == (1700000000.25, 1700000020.0)
    assert [(m.role, m.content) for m in store.thread(second)] == [
        ("system", "Custom instructions: be brief."),
        ("user", "Hi"),
    ]
    assert [h.conversation_id for h in store.search("北京烤鸭")] == [first]
    # The search result (a tool reply that is not code output) is counted, not lost unsaid (C30).
    left_out = exchange.read_file(path).left_out
    assert (left_out.tool, left_out.hidden) == (1, 0)
    assert left_out.sentences() == ["1 tool result was not imported."]


# -- malformed files import nothing ------------------------------------------------------------------
def _bad_penwright(tmp_path: Path) -> str:
    store = HistoryStore(tmp_path / "src.sqlite3")
    for title in ("one", "two"):
        cid = store.create_conversation("chat", title)
        u = store.add_message(cid, "user", "q")
        store.add_message(cid, "assistant", "a", u)
    text = exchange.export_json(store, exchange.select_conversations(store))
    store.close()
    return text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["conversations"][1]["messages"][1].update(role="tool"),
            r"conversations\[1\]\.messages\[1\]\.role",
        ),
        (
            lambda d: d["conversations"][1]["messages"][1].update(parent=9),
            r"messages\[1\]\.parent: 9 is not an earlier",
        ),
        (lambda d: d["conversations"][1]["messages"][0].pop("content"), r"messages\[0\]\.content: missing"),
        (lambda d: d["conversations"][1].update(created_at="yesterday"), r"conversations\[1\]\.created_at"),
        (
            lambda d: d["conversations"][1]["messages"][1].update(usage={"prompt_tokens": "x"}),
            r"usage\.prompt_tokens",
        ),
        (lambda d: d["conversations"][1].update(active_leaf=7), r"active_leaf: 7"),
        (lambda d: d.update(version=2), "newer Penwright"),
        (lambda d: d.update(format="other"), "not a Penwright history export"),
    ],
)
def test_malformed_penwright_file_names_the_problem_and_imports_nothing(
    tmp_path: Path, change: Any, message: str
) -> None:
    data = json.loads(_bad_penwright(tmp_path))
    change(data)
    store = HistoryStore(tmp_path / "h.sqlite3")
    store.create_conversation("chat", "already here")
    before = _count(store)
    with pytest.raises(ExchangeError, match=message):
        exchange.import_penwright_json(store, json.dumps(data), "export.json")
    assert _count(store) == before


def test_truncated_or_foreign_files_import_nothing(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    text = _bad_penwright(tmp_path)
    cut = tmp_path / "cut.json"
    cut.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(ExchangeError, match=r"cut\.json: not valid JSON"):
        exchange.import_file(store, cut)
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"title": "caf\xe9"}'.encode("latin-1"))
    with pytest.raises(ExchangeError, match="not UTF-8"):
        exchange.import_file(store, latin)
    other = tmp_path / "other.json"
    other.write_text('{"hello": 1}')
    with pytest.raises(ExchangeError, match="neither a Penwright"):
        exchange.import_file(store, other)
    assert _count(store) == (0, 0)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda c: c[1]["mapping"]["q"].update(parent="nowhere"),
            r"conversation 2 \('Second'\): node 'q' names parent",
        ),
        (lambda c: c[0]["mapping"]["u1"]["children"].append("ghost"), "lists child 'ghost'"),
        (lambda c: c[1].update(current_node="missing"), "current_node 'missing'"),
        (lambda c: c[1]["mapping"]["q"]["message"].pop("author"), "author.role is missing"),
        (lambda c: c[1]["mapping"]["q"]["message"].update(create_time="noon"), "expected Unix seconds"),
        (lambda c: c[1].update(mapping=[]), "mapping must be an object"),
        (
            lambda c: (c[1]["mapping"]["r"].update(parent="q"), c[1]["mapping"]["q"]["children"].append("r")),
            "cycle",
        ),
    ],
)
def test_malformed_chatgpt_file_imports_nothing(tmp_path: Path, change: Any, message: str) -> None:
    data = _chatgpt_sample()
    change(data)
    store = HistoryStore(tmp_path / "h.sqlite3")
    with pytest.raises(ExchangeError, match=message):
        exchange.import_chatgpt(store, json.dumps(data))
    assert _count(store) == (0, 0)
    with pytest.raises(ExchangeError, match="expected a list"):
        exchange.import_chatgpt(store, '{"title": "x"}')


def test_insert_conversations_is_one_transaction(tmp_path: Path) -> None:
    """A record that fails half-way through the second conversation leaves no trace of the first."""
    store = HistoryStore(tmp_path / "h.sqlite3")
    good = ConversationRecord(
        "good", "chat", 1.0, 2.0, messages=(MessageRecord(1, None, "user", "kept?", 1.0, 1.0),)
    )
    bad = ConversationRecord(
        "bad",
        "chat",
        1.0,
        2.0,
        messages=(
            MessageRecord(1, None, "user", "q", 1.0, 1.0),
            MessageRecord(2, 5, "assistant", "orphan", 1.0, 1.0),
        ),
    )
    with pytest.raises(ValueError, match="parent 5 does not come before it"):
        store.insert_conversations([good, bad])
    assert _count(store) == (0, 0) and store.search("kept") == []
    assert store.insert_conversations([good]) != []
