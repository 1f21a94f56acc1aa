"""Titles suggested by the model: cleaned, and refused when they are not titles."""

from __future__ import annotations

from app.core.prompts import TITLE_MAX_WORDS, clean_title


def test_a_short_answer_becomes_the_title() -> None:
    assert clean_title('Title: "Naming a Grey Cat."\nMore text') == "Naming a Grey Cat"
    assert clean_title("标题：猫的名字。") == "猫的名字"


def test_a_sentence_is_not_a_title_so_the_first_words_stay() -> None:
    # What SmolLM2 answered for "Write a haiku about rain": the start of a reply.
    assert clean_title("A summer's day in the sky, a perfect rain-day to celebrate") == ""
    assert clean_title(" ".join(["word"] * TITLE_MAX_WORDS)) != ""
    assert clean_title("这是一个非常长的句子而不是一个标题因为它有太多的字了吧") == ""
    assert clean_title("  \n\n") == ""
