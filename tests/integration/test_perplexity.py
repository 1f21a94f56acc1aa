"""Perplexity in the engine host (``LocalEngine.score``) against llama-cpp-python's own logits.

The reference is computed here, in this process, the plain way: a ``Llama`` with
``logits_all=True``, ``eval`` of each window, log-softmax over every row in float64. The
windows are planned again here with a loop of the test's own (not with
``app.core.perplexity.scoring_windows``), so a planning mistake cannot hide in both.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from app.core.perplexity import perplexity, scoring_windows
from app.core.types import GenerationParams
from app.engines.base import CancelToken, Done, EngineError, GenerationRequest
from app.engines.local import LoadOptions, LocalEngine

FLUENT = (
    "The old fisherman pulled his boat onto the sand, folded the wet nets, and walked slowly "
    "home as the sun went down behind the hills."
)
#: Words for varied English sentences (about 17 tokens each), made the same way every run.
_WORDS = [
    *("river", "mountain", "village", "lantern", "harbour", "winter", "morning", "garden"),
    *("letter", "window", "candle", "forest", "bridge", "market", "sailor", "teacher"),
    *("silver", "quiet", "ancient", "golden", "narrow", "distant", "gentle"),
]


def long_text(n_sentences: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    sentences = []
    for i in range(n_sentences):
        a, b, c = rng.sample(_WORDS, 3)
        sentences.append(f"On day {i + 1} the {a} near the {b} seemed {c} to everyone who passed.")
    return " ".join(sentences)


def reference_logprobs(
    model_path: Path, text: str, n_ctx: int, stride: int, add_bos: bool | None = None
) -> list[float]:
    """Log-probabilities of every token but the first, windowed as documented, from an
    in-process ``Llama(logits_all=True)``."""
    import llama_cpp
    from llama_cpp import Llama

    llm = Llama(model_path=str(model_path), n_ctx=n_ctx, logits_all=True, verbose=False)
    try:
        vocab = llm._model.vocab
        bos = bool(llama_cpp.llama_vocab_get_add_bos(vocab)) if add_bos is None else add_bos
        tokens = llm.tokenize(text.encode("utf-8"), add_bos=bos, special=False)
        out: list[float] = []
        begin, scored_to = 0, 1  # tokens[0] has no prediction
        while scored_to < len(tokens):
            lead = [llm.token_bos()] if bos and begin > 0 else []
            end = min(len(tokens), begin + n_ctx - len(lead))
            window = lead + tokens[begin:end]
            llm.reset()
            llm.eval(window)
            logits = np.array(llm.scores[: len(window)], dtype=np.float64)
            peak = logits.max(axis=1, keepdims=True)
            logsoftmax = logits - peak - np.log(np.exp(logits - peak).sum(axis=1, keepdims=True))
            for i in range(scored_to, end):
                row = i - 1 - begin + len(lead)  # the position of token i - 1 in the window
                out.append(float(logsoftmax[row, tokens[i]]))
            scored_to = end
            begin += stride
        return out
    finally:
        llm.close()


def score(engine: LocalEngine, text: str, **kwargs: Any) -> Any:
    return engine.score(text, CancelToken(), **kwargs)


@pytest.fixture(scope="module")
def small_ctx_engine(model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalEngine]:
    """SmolLM2 with n_ctx 256, so a text of ~1,500 tokens needs several windows."""
    engine = LocalEngine(tmp_path_factory.mktemp("ppl-logs"))
    engine.load(model_path, LoadOptions(n_ctx=256))
    yield engine
    engine.close()


# -- the pure part -------------------------------------------------------------------------------


def test_perplexity_is_exp_of_the_mean_negative_log_likelihood() -> None:
    assert perplexity([math.log(0.5)] * 4) == pytest.approx(2.0)
    assert perplexity([math.log(0.25), math.log(1.0)]) == pytest.approx(2.0)  # exp(-(ln .25)/2)
    assert perplexity([0.0]) == 1.0
    assert math.isnan(perplexity([]))
    assert perplexity([-math.inf, 0.0]) == math.inf


@pytest.mark.parametrize("bos", [False, True])
@pytest.mark.parametrize(
    ("n_tokens", "n_ctx", "stride"), [(1000, 256, None), (257, 256, 2), (900, 64, 62), (10, 256, None)]
)
def test_windows_score_every_token_once_with_bounded_context(
    n_tokens: int, n_ctx: int, stride: int | None, bos: bool
) -> None:
    windows = scoring_windows(n_tokens, n_ctx, stride, bos=bos)
    scored: list[int] = []
    for w in windows:
        assert w.length <= n_ctx and w.start < w.score_from <= w.end
        scored.extend(range(w.score_from, w.end))
    assert scored == list(range(1, n_tokens))
    assert windows[0].start == 0 and not windows[0].bos and all(w.bos == bos for w in windows[1:])
    if stride is None and len(windows) > 1:  # the default: later windows score their second half
        assert all(w.score_from - w.start >= n_ctx // 2 - 1 for w in windows[1:])


def test_window_arguments_are_checked() -> None:
    with pytest.raises(ValueError, match="stride"):
        scoring_windows(100, 256, 1)
    with pytest.raises(ValueError, match="stride"):
        scoring_windows(100, 256, 255)
    assert scoring_windows(1, 256) == []


# -- the engine ---------------------------------------------------------------------------------


def test_short_text_perplexity_equals_llama_cpp_logits(shared_engine: LocalEngine, model_path: Path) -> None:
    result = score(shared_engine, FLUENT)
    n_ctx = shared_engine.model.n_ctx if shared_engine.model else 2048
    expected = reference_logprobs(model_path, FLUENT, n_ctx, n_ctx // 2)
    assert result.n_tokens == len(expected) == len(result.tokens) > 20
    got = [t.logprob for t in result.tokens]
    assert all(type(v) is float for v in got)
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-5)
    assert result.perplexity == pytest.approx(perplexity(expected), rel=1e-4)
    assert result.perplexity == pytest.approx(math.exp(-sum(got) / len(got)), rel=1e-12)
    # SmolLM2 adds no BOS: the first word has no prediction and is left out of the texts
    assert "".join(t.token for t in result.tokens) == FLUENT[len("The") :]
    assert result.seconds > 0


def test_long_text_is_scored_in_windows_and_equals_llama_cpp(
    small_ctx_engine: LocalEngine, model_path: Path
) -> None:
    text = long_text(28)
    n_tokens = small_ctx_engine.count_tokens(text)
    assert n_tokens > 384  # three windows of 256 with either stride
    for stride in (None, 200):
        result = score(small_ctx_engine, text, stride=stride)
        expected = reference_logprobs(model_path, text, 256, stride or 128)
        assert result.n_tokens == len(expected) == n_tokens - 1
        np.testing.assert_allclose([t.logprob for t in result.tokens], expected, rtol=0, atol=1e-5)
        assert result.perplexity == pytest.approx(perplexity(expected), rel=1e-4)


def test_model_with_bos_starts_every_window_with_bos(base_model_path: Path, tmp_path: Path) -> None:
    """Gemma 3 adds a BOS token: it is not scored, and later windows begin with one too."""
    engine = LocalEngine(tmp_path)
    try:
        engine.load(base_model_path, LoadOptions(n_ctx=256))
        text = long_text(18, seed=3)
        result = score(engine, text, top_logprobs=3)
        expected = reference_logprobs(base_model_path, text, 256, 128)
        assert result.n_tokens == len(expected) == engine.count_tokens(text) - 1 > 256
        np.testing.assert_allclose([t.logprob for t in result.tokens], expected, rtol=0, atol=1e-5)
        assert result.perplexity == pytest.approx(perplexity(expected), rel=1e-4)
        assert "".join(t.token for t in result.tokens) == text  # every text token scored
        assert all(len(t.top) == 3 and t.top[0][1] >= t.logprob - 1e-9 for t in result.tokens)
    finally:
        engine.close()


def test_fluent_sentence_scores_lower_than_the_same_words_shuffled(shared_engine: LocalEngine) -> None:
    words = FLUENT.split()
    shuffled = words[:]
    random.Random(4).shuffle(shuffled)
    assert shuffled != words
    fluent = score(shared_engine, FLUENT).perplexity
    scrambled = score(shared_engine, " ".join(shuffled)).perplexity
    assert fluent < scrambled, (fluent, scrambled)


def test_progress_is_reported_and_top_alternatives_are_given(small_ctx_engine: LocalEngine) -> None:
    text = long_text(12)
    seen: list[tuple[int, int]] = []
    result = small_ctx_engine.score(
        text, CancelToken(), on_progress=lambda d, t: seen.append((d, t)), top_logprobs=5
    )
    assert len(seen) >= 2
    assert all(t == result.n_tokens for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen) and seen[-1][0] == result.n_tokens
    for t in result.tokens:
        values = [v for _, v in t.top]
        assert len(values) == 5 and values == sorted(values, reverse=True)
        assert t.logprob <= values[0] + 1e-9 and sum(math.exp(v) for v in values) <= 1 + 1e-6


def test_stop_cancels_a_long_score_within_a_batch(small_ctx_engine: LocalEngine) -> None:
    """Counted, not timed: Stop is pressed at the first progress report and at most 10 more
    reports follow (the host checks Stop between batches and llama.cpp's abort callback ends
    the batch in progress), where scoring on to the end would send over 100."""
    text = long_text(800)  # over 12,800 tokens: 100+ windows of 256, a progress report each
    assert small_ctx_engine.count_tokens(text) > 12_800
    cancel = CancelToken()
    reports: list[int] = []

    def on_progress(done: int, total: int) -> None:
        reports.append(done)
        cancel.cancel()  # Stop, at the first report (later calls change nothing)

    with pytest.raises(EngineError) as info:
        small_ctx_engine.score(text, cancel, on_progress=on_progress)
    assert info.value.kind == "cancelled"
    assert 1 <= len(reports) <= 11, reports
    assert small_ctx_engine.host_pid is not None and small_ctx_engine.restarts == 0  # not killed
    assert score(small_ctx_engine, FLUENT).n_tokens > 20  # the engine still works


def test_bad_requests_are_clear_failures(shared_engine: LocalEngine) -> None:
    with pytest.raises(EngineError) as info:
        score(shared_engine, "Hi")
    assert info.value.kind == "invalid_request" and "too short" in info.value.message
    with pytest.raises(EngineError) as info:
        score(shared_engine, FLUENT, stride=1)
    assert info.value.kind == "invalid_request" and "stride" in info.value.message
    with pytest.raises(ValueError):
        score(shared_engine, FLUENT, top_logprobs=21)


def test_scoring_keeps_the_chat_prefix_cache(shared_engine: LocalEngine) -> None:
    """The chat's KV state is put back after scoring: the same prompt again evaluates one
    token (llama-cpp-python replays the last prompt token for fresh logits), and the greedy
    reply is the same as before scoring. Another text is read first, so that the first
    request reads its whole prompt whatever ran before (a repeat of this test included)."""
    params = GenerationParams(temperature=0.0, repeat_penalty=1.0, max_tokens=12, seed=1)
    other = GenerationRequest(prompt=long_text(20, seed=13), params=replace(params, max_tokens=1))
    assert isinstance(list(shared_engine.stream(other, CancelToken()))[-1], Done)
    prompt = long_text(20, seed=11)
    request = GenerationRequest(prompt=prompt, params=params)
    first = list(shared_engine.stream(request, CancelToken()))[-1]
    score(shared_engine, long_text(30, seed=12))  # a different text through the same context
    again = list(shared_engine.stream(request, CancelToken()))[-1]
    assert isinstance(first, Done) and isinstance(again, Done)
    assert first.usage.prompt_tokens > 300 and first.evaluated_tokens >= first.usage.prompt_tokens - 8
    assert again.evaluated_tokens <= 1 and again.text == first.text
