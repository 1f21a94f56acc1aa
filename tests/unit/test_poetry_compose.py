"""Poem requests, token budgets, per-line rhyme marks, combined lines, and the poems store."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from app.core.poetry import check_poem, load_forms
from app.core.poetry.compose import combine_lines, line_rhymes, max_tokens_for, poem_messages
from app.core.types import GenerationParams
from app.storage.history import HistoryStore
from app.storage.poems import PoemCandidate, PoemStore

FORMS = load_forms().forms


def test_requests_are_written_in_the_forms_language_with_the_note() -> None:
    zh = poem_messages(FORMS["wuyan_jueju"], "月亮", "用现代汉语")[-1]["content"]
    assert "五言绝句" in zh and "「月亮」" in zh and zh.endswith("用现代汉语")
    en = poem_messages(FORMS["haiku"], "", " in plain words ")[-1]["content"]
    assert en == (
        "Write a haiku: three lines of 5, 7 and 5 syllables about nature. Reply with the poem only. "
        "in plain words"
    )
    assert "俳句" in poem_messages(FORMS["haiku_ja"], "雨")[-1]["content"]


def test_the_cjk_budget_bounds_every_poem_the_grammar_allows() -> None:
    # 20 Han characters + 4 marks, 3 UTF-8 bytes each, at most one token per byte; 4 newlines
    assert max_tokens_for(FORMS["wuyan_jueju"]) == 3 * 24 + 4 + 4
    assert max_tokens_for(FORMS["qiyan_jueju"]) == 3 * 32 + 4 + 4
    assert max_tokens_for(FORMS["free_verse"]) is None
    assert max_tokens_for(FORMS["sonnet"]) == 24 * 14 + 3 + 8  # and three stanza breaks


def test_line_rhymes_mark_each_line_against_its_group() -> None:
    form = FORMS["limerick"]
    poem = "There once was a cat\nWho sat on a mat\nHe ate a big bun\nIn the sun\nAnd that was that"
    assert line_rhymes(form, check_poem(form, poem)) == [True, True, True, True, True]
    broken = poem.replace("Who sat on a mat", "Who slept on a rug")
    assert line_rhymes(form, check_poem(form, broken)) == [False, False, True, True, False]
    jueju = FORMS["wuyan_jueju"]  # A?AxA: line 1 may rhyme, line 3 is free
    marks = line_rhymes(jueju, check_poem(jueju, "床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。"))
    assert marks == [True, True, None, True]
    assert line_rhymes(FORMS["haiku"], check_poem(FORMS["haiku"], "a\nb\nc")) == [None, None, None]


def test_combined_lines_come_in_line_order_with_the_stanza_breaks() -> None:
    jueju = FORMS["wuyan_jueju"]
    picks = [(2, 1, "举头望明月，"), (0, 0, "床前明月光，"), (3, 1, "低头思故乡。"), (1, 0, "疑是地上霜。")]
    assert combine_lines(jueju, picks) == "床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。"
    sonnet = FORMS["sonnet"]
    lines = [(i, 0, f"line {i}") for i in range(14)]
    assert combine_lines(sonnet, lines).split("\n\n") == [
        "line 0\nline 1\nline 2\nline 3",
        "line 4\nline 5\nline 6\nline 7",
        "line 8\nline 9\nline 10\nline 11",
        "line 12\nline 13",
    ]
    assert combine_lines(sonnet, lines[:3]) == "line 0\nline 1\nline 2"  # not the whole form: no breaks


def test_a_poem_is_stored_with_its_candidates_and_the_chosen_text(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3")
    poems = PoemStore(store)
    poem = poems.create(
        "五言绝句: 月亮",
        "wuyan_jueju",
        "请写一首五言绝句",
        topic="月亮",
        note="",
        decoding={"mode": "grammar"},
    )
    cid = poem.conversation_id
    assert store.get_conversation(cid).pane == "poetry"  # type: ignore[union-attr]
    candidates = [
        PoemCandidate("床前明月光，\n", 0.9, -1.5, -30.0, 20, 7, "stop", "grammar"),
        PoemCandidate("月\n", 0.2, None, None, 3, 8, "length", "grammar"),
    ]
    poems.set_candidates(cid, candidates)
    first = poems.choose(cid, "床前明月光，", 0.9, params=GenerationParams(seed=7), seed=7)
    again = poems.choose(cid, "床前明月光，疑是地上霜。", 0.95)
    assert first == again  # the assistant message is updated in place
    thread = store.thread(cid)
    assert [m.role for m in thread] == ["user", "assistant"] and thread[
        1
    ].content == "床前明月光，疑是地上霜。"
    assert {h.conversation_id for h in store.search("地上霜")} == {cid}
    stored = poems.get(cid)
    assert stored is not None and stored.candidates == candidates and stored.decoding == {"mode": "grammar"}
    assert stored.chosen_text == "床前明月光，疑是地上霜。" and stored.chosen_score == 0.95
    store.delete_message(again)  # deleted from the history: choosing again adds it back
    third = poems.choose(cid, "x", 0.1)
    assert third != again and store.thread(cid)[-1].content == "x"
    assert poems.get(cid + 100) is None
    with pytest.raises(KeyError):
        poems.choose(cid + 100, "x", 0.0)
    store.delete_conversation(cid)  # the poems row goes with its conversation
    assert poems.get(cid) is None
    assert PoemCandidate.from_dict({"text": "a", "score": math.nan, "seed": True}).seed is None
    store.close()
