"""GBNF grammars in the engine host: structure guaranteed by llama.cpp's grammar sampler."""

from __future__ import annotations

import re

import pytest

from app.core.types import GenerationParams
from app.engines.base import CancelToken, Done, Failed, GenerationRequest, Token
from app.engines.local import LocalEngine

YES_NO = 'root ::= "yes" | "no"'
#: Four lines of exactly five Han characters, a comma after lines 1 and 3, a full stop after
#: lines 2 and 4 (the shape of a 五言绝句).
WUYAN_JUEJU = r"""
root ::= line "，\n" line "。\n" line "，\n" line "。"
line ::= [\u4e00-\u9fff]{5}
"""
WUYAN_SHAPE = re.compile(
    r"[\u4e00-\u9fff]{5}，\n[\u4e00-\u9fff]{5}。\n[\u4e00-\u9fff]{5}，\n[\u4e00-\u9fff]{5}。"
)


def final(engine: LocalEngine, request: GenerationRequest) -> Done | Failed:
    events = list(engine.stream(request, CancelToken()))
    last = events[-1]
    assert isinstance(last, Done | Failed)
    assert all(isinstance(e, Token) for e in events[:-1])
    return last


def ask(text: str, grammar: str, seed: int, **kwargs: object) -> GenerationRequest:
    params = GenerationParams(temperature=0.8, max_tokens=200, seed=seed)
    return GenerationRequest(
        messages=({"role": "user", "content": text},), params=params, grammar=grammar, **kwargs
    )  # type: ignore[arg-type]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_yes_no_grammar_constrains_a_chat_reply(shared_engine: LocalEngine, seed: int) -> None:
    done = final(shared_engine, ask("Is the sea salty? Explain at length.", YES_NO, seed))
    assert isinstance(done, Done) and done.reason == "stop", done
    assert done.text in ("yes", "no")


def test_a_cjk_grammar_gives_four_lines_of_five_han_characters(shared_engine: LocalEngine) -> None:
    """SmolLM2 at temperature 0.8 knows little Chinese; the grammar still guarantees the form."""
    for seed in range(5):
        done = final(shared_engine, ask("写一首关于春天的五言绝句。", WUYAN_JUEJU, seed))
        assert isinstance(done, Done) and done.reason == "stop", (seed, done)
        assert WUYAN_SHAPE.fullmatch(done.text), (seed, done.text)


def test_grammar_and_logprobs_work_together(shared_engine: LocalEngine) -> None:
    """Logprobs stay the model's raw distribution: the grammar may force a token the model
    finds unlikely, which is then not necessarily among the top alternatives."""
    request = ask("Is the sea salty?", YES_NO, 4, top_logprobs=3)
    events = list(shared_engine.stream(request, CancelToken()))
    done = events[-1]
    assert isinstance(done, Done) and done.text in ("yes", "no")
    entries = [lp for e in events if isinstance(e, Token) for lp in e.logprobs]
    assert "".join(lp.token for lp in entries) == done.text
    assert all(len(lp.top) == 3 and lp.logprob <= lp.top[0][1] + 1e-9 for lp in entries)


@pytest.mark.parametrize(
    ("grammar", "said"),
    [
        ("root ::= foo", "Undefined rule identifier 'foo'"),
        ('root ::= "unterminated', "The grammar is not valid GBNF"),
        ('root ::= root "a"', "left recursion"),
    ],
)
def test_an_invalid_grammar_is_a_clear_failure(shared_engine: LocalEngine, grammar: str, said: str) -> None:
    failed = final(shared_engine, ask("Hi", grammar, 1))
    assert isinstance(failed, Failed) and failed.kind == "invalid_request"
    assert failed.message.startswith("The grammar is not valid GBNF") and said in failed.message
    after = final(shared_engine, ask("Is water wet?", YES_NO, 1))  # the host is fine
    assert isinstance(after, Done) and after.text in ("yes", "no")


def test_an_empty_grammar_is_refused_when_the_request_is_made() -> None:
    with pytest.raises(ValueError, match="grammar"):
        GenerationRequest(prompt="x", grammar="  ")
