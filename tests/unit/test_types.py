from __future__ import annotations

import random

import pytest

from app.core.prompts import QA_SYSTEM_PROMPT, form_by_key, poem_messages, qa_messages, title_from_text
from app.core.types import MAX_SEED, GenerationParams, Usage


def test_random_seed_is_resolved_to_a_concrete_recorded_value() -> None:
    params = GenerationParams(seed=-1).with_resolved_seed(random.Random(1))
    assert 0 <= params.seed <= MAX_SEED
    fixed = GenerationParams(seed=42)
    assert fixed.with_resolved_seed() is fixed


def test_c18_two_random_seeds_in_a_row_always_differ() -> None:
    """An RNG that repeats itself (same state twice) still gives two different seeds."""
    first = GenerationParams(seed=-1).with_resolved_seed(random.Random(7)).seed
    second = GenerationParams(seed=-1).with_resolved_seed(random.Random(7)).seed
    assert first != second and 0 <= second <= MAX_SEED


@pytest.mark.parametrize(
    ("field", "value"),
    [("temperature", -0.1), ("top_p", 0.0), ("min_p", 1.5), ("max_tokens", 0), ("seed", -2)],
)
def test_out_of_range_parameters_are_refused_by_name(field: str, value: float) -> None:
    with pytest.raises(ValueError, match=field):
        GenerationParams(**{field: value}).validate()


def test_params_round_trip_through_dict() -> None:
    params = GenerationParams(temperature=0.3, stop=("\n\n",), seed=7)
    assert GenerationParams.from_dict(params.to_dict()) == params


def test_tokens_per_second_counts_tokens_after_the_first() -> None:
    assert Usage(completion_tokens=11, generation_seconds=2.0).tokens_per_second == 5.0
    assert Usage(completion_tokens=1, generation_seconds=0.0).tokens_per_second == 0.0


def test_qa_prompt_asks_for_direct_answers_and_i_dont_know() -> None:
    messages = qa_messages("  What is the capital of France? ")
    assert messages[0] == {"role": "system", "content": QA_SYSTEM_PROMPT}
    assert "I don't know" in QA_SYSTEM_PROMPT and "directly" in QA_SYSTEM_PROMPT
    assert messages[1]["content"] == "What is the capital of France?"


def test_chinese_forms_ask_in_chinese_with_the_character_count() -> None:
    text = poem_messages(form_by_key("wuyan_jueju"), "月亮")[-1]["content"]
    assert "五个汉字" in text and "月亮" in text
    text = poem_messages(form_by_key("haiku"), "rain")[-1]["content"]
    assert "5, 7 and 5" in text


def test_titles_are_cut_on_a_word_boundary() -> None:
    assert title_from_text("short  question") == "short question"
    long = title_from_text("word " * 30)
    assert long.endswith("…") and len(long) <= 49
