"""C30: a real ChatGPT export imports every text turn, keeps code and its output, and says
what it leaves out.

The fixture ``tests/fixtures/chatgpt_c30.json`` follows the real export's field shapes;
where each was seen:

- conversation records ``{"title", "create_time", "update_time", "mapping",
  "moderation_results", "current_node", "conversation_id" (optional), "is_archived",
  "safe_urls"}`` with ``"id"`` added by the exporter; nodes ``{"children", "id", "message",
  "parent"}`` whose root has no ``message``; messages ``{"author": {"role", "name",
  "metadata"}, "channel", "content", "create_time", "update_time", "end_turn", "id",
  "metadata", "recipient", "status", "weight"}``: pionxzh/chatgpt-exporter ``src/api.ts``
  (commit b6466b375d07), ``ApiConversation``, ``ApiConversationWithId``,
  ``ConversationNode``, ``ConversationNodeMessage``.
- ``content_type`` ``code`` ``{"language": "unknown", "text"}`` sent with ``recipient``
  "python", and the tool's ``execution_output`` ``{"text"}`` from ``author`` ``{"role":
  "tool", "name": "python"}`` with ``metadata.aggregate_result`` ``{"code", "run_id",
  "start_time", "end_time", "update_time", "status", "final_expression_output",
  "jupyter_messages", "messages": [{"message_type": "image", "image_url", "sender", "time",
  "width", "height"}]}`` and ``is_complete``: same file, ``ConversationNodeMessage`` and
  ``MessageMeta``.
- ``multimodal_text`` whose ``parts`` mix strings and ``{"content_type":
  "image_asset_pointer", "asset_pointer": "file-service://...", "fovea", "height", "width",
  "size_bytes", "metadata"}``: same file, ``MultiModalInputImage`` (and its
  ``replaceImageAssets``, which looks for ``file-service://`` pointers).
- ``thoughts`` ``{"thoughts": [{"summary", "content", "chunks", "finished"}]}`` and
  ``reasoning_recap`` ``{"content": "Thought for 6s"}`` with ``metadata
  .finished_duration_sec``; ``user_editable_context`` ``{"user_profile",
  "user_instructions"}``; ``metadata.is_visually_hidden_from_conversation``;
  ``finish_details`` ``{"type", "stop_tokens"}``, ``model_slug``, ``timestamp_``: same
  file (``ConversationNodeMessage``, ``MessageMeta``, ``shouldSkipMessageInExport``,
  ``attachThinkingToNodes``).
- ``default_model_slug`` on the conversation: real exports (and this importer read it
  before C30).

Records 3 and 5 have neither ``id`` nor ``conversation_id`` (record 2 is an older export
with only ``conversation_id``); records 4 and 5 have no text at all.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.storage import exchange, transfer
from app.storage.history import HistoryStore

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "chatgpt_c30.json"
CODE = "import pandas as pd\ndf = pd.read_csv('/mnt/data/tides.csv')\ndf['height'].describe()"
OUTPUT = "count    24.000000\nmean      1.012500\nmax       1.800000\nName: height, dtype: float64"


def test_c30_every_text_turn_of_the_current_branch_comes_in_order_with_code_and_output(
    tmp_path: Path,
) -> None:
    db = tmp_path / "h.sqlite3"
    store = HistoryStore(db)
    summary = transfer.import_file(db, FIXTURE)
    assert len(summary.ids) == 3 and summary.skipped == 0
    tides, knots, recipes = summary.ids
    # The current branch (current_node back through parent), in order. The history has no
    # "tool" role: the code is an assistant message holding a fenced block, the output too.
    assert [(m.role, m.content) for m in store.thread(tides)] == [
        ("user", "What do these tide readings show? 😀 你好 naïve"),
        ("assistant", f"```python\n{CODE}\n```"),
        ("assistant", f"Output from python:\n\n```\n{OUTPUT}\n```"),
        ("assistant", "High tide reaches 1.8 m at 14:00; the plot shows two tides a day."),
        ("user", "Thanks!"),
        ("assistant", "You're welcome."),
    ]
    # The other answer to the same output is kept on its own branch.
    messages = {m.content: m for m in store.all_messages(tides)}
    first_draft = messages["High tide reaches 1.8 m (first draft)."]
    assert first_draft.parent_id == messages[f"Output from python:\n\n```\n{OUTPUT}\n```"].id
    assert len(messages) == 7
    assert messages["You're welcome."].model == "o3"
    summaries = {c.id: c for c in store.list_conversations()}
    assert [summaries[c].title for c in (tides, knots, recipes)] == ["Tide readings", "Knots", "Recipe ideas"]
    assert [m.content for m in store.thread(knots)] == [
        "How do I tie a bowline?",
        "Make a small loop, pass the end up through it...",
    ]
    assert [m.role for m in store.thread(recipes)] == ["user", "assistant"]
    # Nothing else came in: no invisible empty conversation.
    assert set(summaries) == {tides, knots, recipes}
    assert all(store.all_messages(cid) for cid in summaries)
    store.close()


def test_c30_what_was_left_out_is_counted_and_named(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    HistoryStore(db).close()
    left = transfer.import_file(db, FIXTURE).left_out
    # Two uploaded photos and the plot the code drew; the thoughts and "Thought for 6s";
    # the custom instructions (the hidden, empty system message held nothing).
    assert (left.images, left.reasoning, left.hidden) == (3, 2, 1)
    assert (left.audio, left.tool, left.other) == (0, 0, {})
    assert left.empty == ["conversation 4 ('New chat')", "conversation 5 (untitled)"]
    assert left.no_id == ["conversation 3 ('Recipe ideas')", "conversation 5 (untitled)"]
    assert left.sentences() == [
        "3 images, 2 reasoning notes and 1 hidden message were not imported.",
        "2 conversations with no text were not imported: conversation 4 ('New chat'), "
        "conversation 5 (untitled).",
        "2 conversations had no id in the file: conversation 3 ('Recipe ideas'), conversation 5 (untitled).",
    ]
    # The file read a conversation at a time counts the same as read whole.
    text = FIXTURE.read_text(encoding="utf-8")
    assert exchange.read_file(FIXTURE).left_out == exchange.read_chatgpt(text, FIXTURE.name).left_out


def test_c30_a_penwright_export_and_a_plain_chatgpt_file_leave_nothing_out(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite3"
    store = HistoryStore(db)
    cid = store.create_conversation("chat", "plain")
    store.add_message(cid, "user", "hello")
    exchange.write_export(store, tmp_path / "out.json", [cid])
    parsed = exchange.read_file(tmp_path / "out.json")
    assert len(parsed.records) == 1 and not parsed.left_out and parsed.left_out.sentences() == []
    store.close()


def _one(content: dict[str, Any], role: str = "user", **message: Any) -> list[dict[str, Any]]:
    return [
        {
            "id": "c",
            "title": "One",
            "create_time": 1.0,
            "mapping": {
                "root": {"id": "root", "message": None, "parent": None, "children": ["m"]},
                "m": {
                    "id": "m",
                    "parent": "root",
                    "children": [],
                    "message": {
                        "id": "m",
                        "author": {"role": role, "metadata": {}},
                        "content": content,
                        **message,
                    },
                },
            },
            "current_node": "m",
        }
    ]


@pytest.mark.parametrize(
    ("conversation", "texts", "counts"),
    [
        # voice: the transcript is kept, the audio counted
        (
            _one(
                {
                    "content_type": "multimodal_text",
                    "parts": [
                        {"content_type": "audio_transcription", "text": "hello there", "direction": "in"},
                        {"content_type": "audio_asset_pointer", "asset_pointer": "sediment://file_1"},
                    ],
                }
            ),
            ["hello there"],
            {"audio": 1},
        ),
        # a web search result is a tool reply that is not code output
        (
            _one({"content_type": "tether_quote", "title": "T", "text": "quoted"}, "tool"),
            [],
            {"tool": 1, "empty": ["conversation 1 ('One')"]},
        ),
        # memory, shown nowhere in ChatGPT
        (
            _one({"content_type": "model_editable_context", "model_set_context": "likes tea"}, "assistant"),
            [],
            {"hidden": 1, "empty": ["conversation 1 ('One')"]},
        ),
        # a content type this importer does not know, with no text
        (
            _one({"content_type": "tether_browsing_display", "result": "r"}, "assistant"),
            [],
            {"other": {"tether_browsing_display": 1}, "empty": ["conversation 1 ('One')"]},
        ),
        # an image generated by a tool
        (
            _one(
                {
                    "content_type": "multimodal_text",
                    "parts": [
                        {"content_type": "image_asset_pointer", "asset_pointer": "file-service://file-x"}
                    ],
                },
                "tool",
            ),
            [],
            {"images": 1, "empty": ["conversation 1 ('One')"]},
        ),
    ],
)
def test_c30_other_parts_are_kept_or_counted(
    conversation: list[dict[str, Any]], texts: list[str], counts: dict[str, Any]
) -> None:
    parsed = exchange.read_chatgpt(json.dumps(conversation))
    assert [m.content for r in parsed.records for m in r.messages] == texts
    assert parsed.left_out == exchange.LeftOut(**counts)
    assert parsed.left_out.sentences()


def test_c30_many_empty_conversations_are_counted_and_the_first_ten_named() -> None:
    empty = [{"id": f"e{i}", "title": f"New chat {i}", "mapping": {}} for i in range(12)]
    parsed = exchange.read_chatgpt(json.dumps(empty))
    assert parsed.records == [] and len(parsed.left_out.empty) == 12
    [sentence] = parsed.left_out.sentences()
    assert sentence.startswith("12 conversations with no text were not imported: conversation 1 (")
    assert sentence.endswith("conversation 10 ('New chat 9') and 2 more.")


def test_c30_code_with_backticks_keeps_its_fence_closed() -> None:
    code = 'print("```")\n'
    [record] = exchange.read_chatgpt(
        json.dumps(_one({"content_type": "code", "language": "python", "text": code}, "assistant"))
    ).records
    assert record.messages[0].content == '````python\nprint("```")\n````'
    assert exchange.fenced("x") == "```\nx\n```"


def test_c30_imported_code_renders_as_code_in_the_html_export(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    tides = exchange.import_file(store, FIXTURE)[0]
    page = exchange.export_html(store, [tides])
    assert '<pre><code class="language-python">import pandas as pd' in page
    assert "<pre><code>count    24.000000" in page
    store.close()
