"""The forms' grammars on the real engine (SmolLM2): a 五言绝句 or 七言绝句 always has exactly
four lines of exactly 5 or 7 Han characters, by sampling (20 of 20) and by beam search.

SmolLM2-135M knows little Chinese: without the grammar almost no output has the form (see
``tests/benchmarks/bench_poetry.py``); with it the structure is guaranteed. Runs in 1 to 2 minutes
on 2 cores (grammar sampling is ~1 s per poem on an idle machine, a width-3 beam search ~5 s).
"""

from __future__ import annotations

import math
import re

import pytest

from app.core.poetry import Form, check_poem, grammar_for, load_forms
from app.core.poetry.compose import max_tokens_for, poem_messages
from app.core.types import GenerationParams
from app.engines.base import CancelToken, Done, GenerationRequest, Token
from app.engines.local import LocalEngine

HAN = r"[\u4e00-\u9fff]"
#: One topic per form: the seeds make the poems differ, and the prompt stays in the KV cache
#: (a new topic costs 1-5 s of prompt on a busy 2-core machine, a poem about 1 s).
TOPICS = {"wuyan_jueju": "月亮", "qiyan_jueju": "春天"}
RUNS = 20


def shape(form: Form) -> re.Pattern[str]:
    """The exact text the grammar allows: N Han characters, the line's mark, a newline."""
    assert form.chars and form.punctuation
    lines = [
        f"{HAN}{{{n}}}{re.escape(mark)}\\n" for n, mark in zip(form.chars, form.punctuation, strict=True)
    ]
    return re.compile("".join(lines))


def assert_quatrain(form: Form, text: str) -> None:
    assert shape(form).fullmatch(text), text
    result = check_poem(form, text)
    assert result.line_count_ok and len(result.lines) == 4, text
    assert [line.count for line in result.lines] == list(form.chars), text
    assert all(line.ok and line.punctuation_ok for line in result.lines), text


@pytest.mark.parametrize("form_id", ["wuyan_jueju", "qiyan_jueju"])
def test_twenty_of_twenty_sampled_quatrains_keep_the_form(shared_engine: LocalEngine, form_id: str) -> None:
    form = load_forms().get(form_id)
    grammar = grammar_for(form)
    budget = max_tokens_for(form)
    assert grammar is not None and budget is not None
    texts = []
    for seed in range(RUNS):
        request = GenerationRequest(
            messages=tuple(poem_messages(form, TOPICS[form_id])),
            params=GenerationParams(temperature=0.8, top_p=0.95, max_tokens=budget, seed=seed),
            top_logprobs=1,  # as the Poetry pane asks, for the mean log-probability
            grammar=grammar,
        )
        events = list(shared_engine.stream(request, CancelToken()))
        done = events[-1]
        assert isinstance(done, Done) and done.reason == "stop", (seed, done)
        assert_quatrain(form, done.text)
        logprobs = [lp.logprob for e in events if isinstance(e, Token) for lp in e.logprobs]
        assert len(logprobs) == done.usage.completion_tokens <= budget
        assert math.isfinite(sum(logprobs) / len(logprobs))
        texts.append(done.text)
    assert len(set(texts)) >= RUNS // 2  # different seeds, different poems


@pytest.mark.parametrize("form_id", ["wuyan_jueju", "qiyan_jueju"])
def test_grammar_and_beam_search_keep_the_form(shared_engine: LocalEngine, form_id: str) -> None:
    form = load_forms().get(form_id)
    budget = max_tokens_for(form)
    assert budget is not None
    params = GenerationParams(beam_width=3, length_penalty=0.6, repeat_penalty=1.2, max_tokens=budget, seed=1)
    request = GenerationRequest(
        messages=tuple(poem_messages(form, "月亮")), params=params, grammar=grammar_for(form)
    )
    done = list(shared_engine.stream(request, CancelToken()))[-1]
    assert isinstance(done, Done) and done.reason == "stop", done
    assert 1 <= len(done.candidates) <= 3 and done.text == done.candidates[0].text
    for candidate in done.candidates:
        assert candidate.reason == "stop"
        assert_quatrain(form, candidate.text)
    scores = [c.score for c in done.candidates]
    assert scores == sorted(scores, reverse=True)
