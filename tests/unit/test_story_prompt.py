"""The Story prompt builder: memory first, lorebook and author's note where documented."""

from __future__ import annotations

import pytest

from app.core.story import (
    TRIM_TARGET,
    LoreEntry,
    StorySettings,
    budget_tokens,
    build_story_prompt,
    fit_story,
    lore_from_rows,
    split_at_depth,
    surely_fits,
)

STORY = "Line one.\nLine two.\nThe dragon Azurel slept.\nLine four.\nLine five"


def words(text: str) -> int:
    """A stand-in tokenizer for budgets: one token per word (deterministic)."""
    return len(text.split())


def test_split_at_depth_keeps_the_text_whole() -> None:
    for depth in range(0, 8):
        head, tail = split_at_depth(STORY, depth)
        assert head + tail == STORY
    assert split_at_depth(STORY, 2) == (
        "Line one.\nLine two.\nThe dragon Azurel slept.\n",
        "Line four.\nLine five",
    )
    assert split_at_depth("a\nb\n", 1) == ("a\nb\n", "")


def test_memory_first_then_story_then_lore_and_note_then_the_last_lines() -> None:
    settings = StorySettings(
        memory="Azurel is a blue dragon.",
        authors_note="[Style: slow, gloomy]",
        note_depth=2,
        lorebook=(
            LoreEntry(("Azurel",), "Azurel: ancient, hoards books."),
            LoreEntry(("castle",), "The castle."),
        ),
    )
    prompt = build_story_prompt(STORY, settings)
    assert prompt.text == (
        "Azurel is a blue dragon.\n"
        "Line one.\nLine two.\nThe dragon Azurel slept.\n"
        "Azurel: ancient, hoards books.\n"
        "[Style: slow, gloomy]\n"
        "Line four.\nLine five"
    )
    assert prompt.fired == (0,)  # "castle" is not in the story
    assert prompt.part("memory") == "Azurel is a blue dragon.\n"
    assert prompt.part("note") == "[Style: slow, gloomy]\n"
    assert prompt.part("story_tail") == "Line four.\nLine five"
    assert prompt.text.endswith("Line five")  # the continuation follows the cursor at once


def test_the_author_note_at_depth_zero_goes_last_and_no_aids_leaves_the_story_alone() -> None:
    prompt = build_story_prompt(STORY, StorySettings(authors_note="[Note]", note_depth=0))
    assert prompt.text == STORY + "\n[Note]\n"
    assert build_story_prompt(STORY, StorySettings()).text == STORY


def test_lorebook_keys_fire_only_in_the_scan_window_and_match_whole_words_or_cjk() -> None:
    long_story = "Azurel flew away.\n" + "filler words here. " * 400 + "\nNow the end"
    entry = LoreEntry(("Azurel",), "LORE")
    assert build_story_prompt(long_story, StorySettings(lorebook=(entry,), scan_tokens=64)).fired == ()
    assert build_story_prompt(long_story, StorySettings(lorebook=(entry,), scan_tokens=10_000)).fired == (0,)
    assert not LoreEntry(("cat",), "x").fires("a concatenation")  # whole words only
    assert LoreEntry(("Cat",), "x").fires("the CAT sat")
    assert LoreEntry(("长安",), "x").fires("他走进长安城")
    assert not LoreEntry(("长安",), "x", enabled=False).fires("长安")
    rows = [{"keys": "a, b ,", "text": "t", "enabled": False}]
    assert lore_from_rows(rows) == (LoreEntry(("a", "b"), "t", False),)


def test_an_edit_near_the_end_changes_only_the_tail_of_the_prompt() -> None:
    settings = StorySettings(memory="M.", authors_note="[N]", note_depth=1)
    story = "".join(f"Sentence {i} of a long story.\n" for i in range(200)) + "The last line"
    before = build_story_prompt(story, settings).text
    after = build_story_prompt(story.replace("The last line", "The final line"), settings).text
    common = 0
    while before[common] == after[common]:
        common += 1
    assert common >= len(before) - len("The last line")  # everything before the edit is reused


def test_the_oldest_story_text_goes_first_when_over_budget() -> None:
    settings = StorySettings(memory="Memory stays.", authors_note="[Note stays]", note_depth=1)
    story = "".join(f"Old line {i}.\n" for i in range(100)) + "Newest line"
    prompt = build_story_prompt(story, settings, budget_tokens=60, count_tokens=words)
    assert words(prompt.text) <= 60 and prompt.left_out_chars > 0
    assert prompt.text.startswith("Memory stays.\n") and prompt.text.endswith("[Note stays]\nNewest line")
    assert "Old line 99." in prompt.text and "Old line 0." not in prompt.text
    assert prompt.budget["memory"] == 2 and sum(prompt.budget.values()) == words(prompt.text)
    with pytest.raises(ValueError, match="Memory, lorebook"):
        build_story_prompt(story, StorySettings(memory="word " * 50), budget_tokens=10, count_tokens=words)


def test_budget_keeps_half_the_context_whatever_max_tokens_asks() -> None:
    assert budget_tokens(2048, 512) == 1536
    assert budget_tokens(2048, 4000) == 1024  # the story is never squeezed out


def test_surely_fits_counts_bytes_not_characters() -> None:
    assert surely_fits("a" * 98, 100) and not surely_fits("a" * 99, 100)  # one token for BOS
    assert not surely_fits("烤" * 40, 100)  # 120 bytes: a byte-level tokenizer may need 120 tokens


def test_fit_story_trims_with_hysteresis_so_the_cut_moves_rarely() -> None:
    settings = StorySettings(memory="Memory stays.")
    story = "".join(f"Old line {i}.\n" for i in range(100))
    assert fit_story(story[:200], settings, 1000, words).left_out_chars == 0  # fits: nothing cut
    fitted = fit_story(story, settings, 120, words)
    assert fitted.left_out_chars > 0 and words(fitted.text) <= int(120 * TRIM_TARGET)
    # After the cut, writing more keeps it where it is until the budget is full again.
    kept = story[fitted.left_out_chars :]
    new = "".join(f"New line {i}.\n" for i in range(8))  # 24 words
    assert fit_story(kept + new, settings, 120, words).left_out_chars == 0
    # Without hysteresis the same new lines would move the cut (the prompt re-read).
    tight = fit_story(story, settings, 120, words, trim_target=1.0)
    assert words(tight.text) > int(120 * TRIM_TARGET)
    again = story[tight.left_out_chars :] + new
    assert fit_story(again, settings, 120, words, trim_target=1.0).left_out_chars > 0
    with pytest.raises(ValueError, match="trim_target"):
        fit_story(story, settings, 120, words, trim_target=0)


def test_fit_story_keeps_the_fitting_cut_when_the_fixed_parts_exceed_the_trim_target() -> None:
    # memory takes 80 of the 100 tokens: trimming the story to 75 is impossible, yet the
    # prompt fits 100 with the story cut; it must not fail (it did: "take 81 tokens").
    settings = StorySettings(memory=" ".join(["m"] * 80))
    fitted = fit_story("word " * 200, settings, 100, words)
    assert fitted.left_out_chars > 0 and 75 < words(fitted.text) <= 100
