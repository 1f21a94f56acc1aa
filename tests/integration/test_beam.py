"""Beam search (app/engines/local/beam.py) on the real default model, in-process.

The reference computations (greedy decoding, rescoring a token sequence) use the same
``Llama`` object's own context and plain numpy, not the code under test. The fixture's
``n_batch`` of 64 makes the longer prompts below go through the chunked prompt path; one
prompt thread keeps a busy 2-core machine from stalling ggml's thread pool.
"""

from __future__ import annotations

import ctypes
import gc
import re
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from app.core.decoding import beam_score
from app.engines.local.beam import Beam, beam_search

llama_cpp = pytest.importorskip("llama_cpp")

STORY = (
    "The lighthouse keeper climbed the spiral stairs for the last time. For forty years he had "
    "trimmed the wick, polished the great lens and written the weather into a leather book: the "
    "fog that swallowed the fishing boats in March, the gales that tore slates from the chapel "
    "roof. Tomorrow a machine would do his work. He opened the book at a clean page and wrote"
)
#: 2 lines of exactly 5 Han characters, the first ending in "，", the second in "。"
COUPLET_GRAMMAR = r"""root ::= line "，" "\n" line "。"
line ::= han han han han han
han ::= [\u4E00-\u9FFF]
"""
COUPLET = re.compile(r"[\u4e00-\u9fff]{5}，\n[\u4e00-\u9fff]{5}。")


@pytest.fixture(scope="module")
def llm(model_path: Path) -> Iterator[Any]:
    model = llama_cpp.Llama(
        model_path=str(model_path), n_ctx=1024, n_batch=64, n_threads_batch=1, verbose=False
    )
    yield model
    model.close()


def chat_prompt(llm: Any, question: str) -> list[int]:
    text = f"<|im_start|>user\n{question}<|im_end|>\n<|im_start|>assistant\n"
    return list(llm.tokenize(text.encode("utf-8"), add_bos=False, special=True))


def raw_prompt(llm: Any, text: str) -> list[int]:
    return list(llm.tokenize(text.encode("utf-8"), add_bos=True))


def _logprobs(llm: Any) -> np.ndarray:
    """log-softmax of the last evaluated token's logits, in float64 (plain numpy)."""
    pointer = llama_cpp.llama_get_logits_ith(llm._ctx.ctx, -1)
    x = np.ctypeslib.as_array(pointer, shape=(llm.n_vocab(),)).astype(np.float64)
    shifted = x - x.max()
    return shifted - np.log(np.exp(shifted).sum())


def greedy(llm: Any, prompt: list[int], max_tokens: int, stop_at_eog: bool = True) -> tuple[list[int], float]:
    """Argmax decoding on the Llama's own context: (tokens without the end-of-generation
    token, sum of the log-probabilities including that token's, as beam search scores it).
    The prompt is read as Penwright reads it: all but the last token, then the last alone."""
    llm.reset()
    llm.eval(prompt[:-1])
    llm.eval(prompt[-1:])
    tokens: list[int] = []
    total = 0.0
    for _ in range(max_tokens):
        logprobs = _logprobs(llm)
        token = int(np.argmax(logprobs))
        total += float(logprobs[token])
        if stop_at_eog and llama_cpp.llama_vocab_is_eog(llm._model.vocab, token):
            break
        tokens.append(token)
        llm.eval([token])
    return tokens, total


def rescore(llm: Any, prompt: list[int], tokens: tuple[int, ...] | list[int]) -> float:
    """The model's log-probability of ``tokens`` after ``prompt``, one token at a time."""
    llm.reset()
    llm.eval(prompt)
    total = 0.0
    for token in tokens:
        total += float(_logprobs(llm)[token])
        llm.eval([token])
    return total


def repeats(beam: Beam) -> int:
    return len(beam.tokens) - len(set(beam.tokens))


# -- width 1 is greedy ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kind", "text", "max_tokens"),
    [
        ("chat", "What is the capital of France? Answer in one word.", 32),  # ends on <|im_end|>
        ("raw", STORY, 24),  # 80+ tokens: the prompt is read in chunks of n_batch (64)
    ],
)
def test_width_one_is_greedy_token_for_token(llm: Any, kind: str, text: str, max_tokens: int) -> None:
    prompt = chat_prompt(llm, text) if kind == "chat" else raw_prompt(llm, text)
    expected, expected_logprob = greedy(llm, prompt, max_tokens)
    results = beam_search(llm, prompt, beam_width=1, max_tokens=max_tokens)
    assert len(results) == 1
    best = results[0]
    assert list(best.tokens) == expected
    assert best.sum_logprob == pytest.approx(expected_logprob, abs=1e-3)
    assert best.reason == ("stop" if len(expected) < max_tokens else "length")
    if kind == "chat":
        assert best.reason == "stop" and "Paris" in best.text
        assert len(prompt) < 64
    else:
        assert len(prompt) > 64
    assert best.text == llm.detokenize(list(best.tokens)).decode("utf-8")


# -- width 4 -------------------------------------------------------------------------------------
def test_width_four_finds_a_likelier_sequence_than_greedy(llm: Any) -> None:
    prompt = raw_prompt(llm, "Once upon a time, in a small village by the sea,")
    n = 20
    # no stop tokens: every hypothesis and the greedy reference have exactly n tokens
    greedy_tokens, _ = greedy(llm, prompt, n, stop_at_eog=False)
    results = beam_search(llm, prompt, beam_width=4, max_tokens=n, stop_tokens=set())
    assert len(results) == 4
    assert [b.score for b in results] == sorted((b.score for b in results), reverse=True)
    assert all(len(b.tokens) == n and b.reason == "length" for b in results)
    assert len({b.text for b in results}) == 4
    best_rescored = rescore(llm, prompt, results[0].tokens)
    greedy_rescored = rescore(llm, prompt, greedy_tokens)
    # batched and one-token decodes round differently (about 0.003 per token here)
    assert best_rescored == pytest.approx(results[0].sum_logprob, abs=0.02 * n)
    assert best_rescored >= greedy_rescored


def test_scores_follow_the_length_penalty(llm: Any) -> None:
    prompt = chat_prompt(llm, "What is 2+2?")
    results = beam_search(llm, prompt, beam_width=3, max_tokens=16, length_alpha=0.8)
    assert 1 <= len(results) <= 3
    assert [b.score for b in results] == sorted((b.score for b in results), reverse=True)
    for b in results:
        assert b.length == len(b.tokens) + (1 if b.reason == "stop" else 0)
        assert b.score == pytest.approx(beam_score(b.sum_logprob, b.length, 0.8))
        assert b.sum_logprob < 0


# -- repetition penalty -------------------------------------------------------------------------
def test_repetition_penalty_reduces_repeated_tokens(llm: Any) -> None:
    prompt = raw_prompt(llm, "one two three one two three one two three one two three")
    plain = beam_search(llm, prompt, beam_width=2, max_tokens=20)[0]
    penalised = beam_search(llm, prompt, beam_width=2, max_tokens=20, repetition_penalty=1.3)[0]
    assert repeats(plain) >= 5, plain.text  # the prompt makes the model loop
    assert repeats(penalised) < repeats(plain), (plain.text, penalised.text)


# -- grammar ------------------------------------------------------------------------------------
@pytest.mark.parametrize("width", [1, 4])
def test_grammar_and_beam_search_give_valid_structure(llm: Any, width: int) -> None:
    prompt = chat_prompt(llm, "Write a two-line Chinese poem about the moon.")
    results = beam_search(llm, prompt, beam_width=width, max_tokens=64, grammar=COUPLET_GRAMMAR)
    assert results
    for b in results:
        assert b.reason == "stop", b
        assert COUPLET.fullmatch(b.text), b.text
    assert len({b.text for b in results}) == len(results)  # distinct texts


def test_a_bad_grammar_is_refused(llm: Any) -> None:
    with pytest.raises(ValueError, match="grammar"):
        beam_search(llm, [1, 2, 3], beam_width=2, max_tokens=4, grammar="root ::= (")


# -- cancel -------------------------------------------------------------------------------------
def test_should_stop_ends_the_search_within_one_step(llm: Any) -> None:
    prompt = raw_prompt(llm, "Once upon a time")
    stop = False
    steps: list[int] = []

    def on_step(step: int, beams: list[Beam]) -> None:
        nonlocal stop
        steps.append(step)
        assert all(b.reason == "live" for b in beams)
        if step == 2:
            stop = True

    results = beam_search(llm, prompt, beam_width=3, max_tokens=50, should_stop=lambda: stop, on_step=on_step)
    assert steps == [0, 1, 2]
    assert results and all(b.reason == "cancelled" and len(b.tokens) == 3 for b in results)


def test_should_stop_before_the_prompt_returns_nothing(llm: Any) -> None:
    assert (
        beam_search(llm, raw_prompt(llm, STORY), beam_width=2, max_tokens=8, should_stop=lambda: True) == []
    )


# -- resources ----------------------------------------------------------------------------------
def test_twenty_searches_do_not_leak(llm: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted, not measured: every native object the searches create (llama.cpp contexts,
    batches, grammar samplers and their clones) is freed exactly once, and no search object
    outlives its call. RSS said the same only within the allocator's noise (+24 MiB once)."""
    from app.engines.local import beam as beam_module

    made: dict[str, list[int]] = {"context": [], "batch": [], "sampler": []}
    freed: dict[str, list[int]] = {"context": [], "batch": [], "sampler": []}

    def address(pointer: Any) -> int:
        value = ctypes.cast(pointer, ctypes.c_void_p).value
        assert value, "llama.cpp returned NULL"
        return int(value)

    def count(name: str, book: list[int], key: Callable[[tuple[Any, ...], Any], int]) -> None:
        original = getattr(llama_cpp, name)

        def counted(*args: Any) -> Any:
            result = original(*args)
            book.append(key(args, result))
            return result

        monkeypatch.setattr(llama_cpp, name, counted)

    def result_pointer(_args: tuple[Any, ...], result: Any) -> int:
        return address(result)

    def first_argument(args: tuple[Any, ...], _result: Any) -> int:
        return address(args[0])

    count("llama_init_from_model", made["context"], result_pointer)
    count("llama_free", freed["context"], first_argument)
    # a llama_batch is a struct passed by value: its token array names it
    count("llama_batch_init", made["batch"], lambda _args, batch: address(batch.token))
    count("llama_batch_free", freed["batch"], lambda args, _result: address(args[0].token))
    count("llama_sampler_init_grammar", made["sampler"], result_pointer)
    count("llama_sampler_clone", made["sampler"], result_pointer)
    count("llama_sampler_free", freed["sampler"], first_argument)
    searches: list[weakref.ref[Any]] = []

    class TrackedSearch(beam_module._Search):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            searches.append(weakref.ref(self))

    monkeypatch.setattr(beam_module, "_Search", TrackedSearch)
    prompt = raw_prompt(llm, "Once upon a time")
    for _ in range(20):
        beam_search(llm, prompt, beam_width=3, max_tokens=4, grammar='root ::= [a-z ]+ "."')
    gc.collect()
    assert len(made["context"]) == len(made["batch"]) == 20
    assert len(made["sampler"]) > 20  # the root grammar of each search and the beams' clones
    for kind in made:
        # each object freed once (llama.cpp may reuse an address for a later search's object)
        assert sorted(made[kind]) == sorted(freed[kind]), kind
    assert len(searches) == 20 and all(ref() is None for ref in searches)


def test_bad_arguments(llm: Any) -> None:
    for kwargs in ({"beam_width": 0}, {"beam_width": 129}, {"max_tokens": 0}, {"repetition_penalty": 0.0}):
        args: dict[str, Any] = {"beam_width": 2, "max_tokens": 4} | kwargs
        with pytest.raises(ValueError):
            beam_search(llm, [1, 2], **args)
    with pytest.raises(ValueError):
        beam_search(llm, [], beam_width=2, max_tokens=4)
