"""Token probabilities, continuing from a chosen alternative, prefix reuse and the Gemma base
model, through the real engine host (Story pane features of the local engine)."""

from __future__ import annotations

import codecs
import math
import random
from pathlib import Path

import numpy as np
import pytest

from app.core.types import GenerationParams
from app.engines.base import CancelToken, Done, Failed, GenerationRequest, Token, TokenLogprob
from app.engines.local import LoadOptions, LocalEngine

GREEDY = GenerationParams(temperature=0.0, repeat_penalty=1.0, max_tokens=24, seed=1)
PROMPT = "The lighthouse keeper climbed the spiral stairs for the last time, and"


def run(engine: LocalEngine, request: GenerationRequest) -> tuple[list[Token], Done]:
    tokens: list[Token] = []
    final: Done | Failed | None = None
    for event in engine.stream(request, CancelToken()):
        if isinstance(event, Token):
            tokens.append(event)
        else:
            final = event
    assert isinstance(final, Done), final
    return tokens, final


def flat(events: list[Token]) -> list[TokenLogprob]:
    return [lp for event in events for lp in event.logprobs]


def assert_aligned(events: list[Token], final: Done) -> None:
    """Each Token event's text is exactly its tokens' texts; all of it is the reply."""
    for event in events:
        assert "".join(lp.token for lp in event.logprobs) == event.text
    assert "".join(e.text for e in events) == final.text


def test_local_engine_says_what_it_can_do(shared_engine: LocalEngine) -> None:
    caps = shared_engine.capabilities
    assert caps.raw_completion and caps.logprobs and caps.perplexity and caps.grammar and caps.beam_search
    assert not caps.embeddings and caps.reason("embeddings")


def test_logprobs_are_the_models_own_and_match_llama_cpp_logits(
    shared_engine: LocalEngine, model_path: Path
) -> None:
    """The logprob of each greedy token and its top 5 equal a log-softmax of the logits that an
    in-process ``Llama(logits_all=True)`` computes for the same tokens."""
    from llama_cpp import Llama

    events, final = run(shared_engine, GenerationRequest(prompt=PROMPT, params=GREEDY, top_logprobs=5))
    assert final.reason == "length"
    entries = flat(events)
    assert len(entries) == final.usage.completion_tokens == GREEDY.max_tokens
    assert_aligned(events, final)
    for lp in entries:
        assert type(lp.logprob) is float and all(type(v) is float for _, v in lp.top)
        assert len(lp.top) == 5 and [v for _, v in lp.top] == sorted((v for _, v in lp.top), reverse=True)
        assert lp.top[0] == (lp.token, lp.logprob)  # greedy: the sampled token is the most likely

    ref = Llama(model_path=str(model_path), n_ctx=2048, logits_all=True, verbose=False)
    try:
        prompt = ref.tokenize(PROMPT.encode("utf-8"), add_bos=True)
        ids: list[int] = []
        for token in ref.generate(prompt, temp=0.0, repeat_penalty=1.0):
            ids.append(token)
            if len(ids) == len(entries):
                break
        ref.eval([ids[-1]])  # so that the row of every generated token is filled
        logits = np.array(ref.scores[len(prompt) - 1 : len(prompt) - 1 + len(ids)], dtype=np.float64)
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        texts = [decoder.decode(ref.detokenize([i])) for i in ids]
    finally:
        ref.close()
    peak = logits.max(axis=1, keepdims=True)
    logsoftmax = logits - peak - np.log(np.exp(logits - peak).sum(axis=1, keepdims=True))
    assert [lp.token for lp in entries] == texts
    for row, lp, token in zip(logsoftmax, entries, ids, strict=True):
        assert lp.logprob == pytest.approx(row[token], abs=1e-4)
        best = np.sort(row)[::-1][:5]
        np.testing.assert_allclose([v for _, v in lp.top], best, rtol=0, atol=1e-4)


def test_characters_split_across_tokens_stay_whole(shared_engine: LocalEngine) -> None:
    """C01 with logprobs: a token that ends inside a character has the text "" and the token
    that completes it carries the whole character; no U+FFFD anywhere."""
    request = GenerationRequest(
        messages=({"role": "user", "content": "Repeat exactly: 🍎🚀🎉 你好，世界"},),
        params=GenerationParams(temperature=0.0, repeat_penalty=1.0, max_tokens=40, seed=1),
        top_logprobs=3,
    )
    events, final = run(shared_engine, request)
    assert_aligned(events, final)
    entries = flat(events)
    assert len(entries) == final.usage.completion_tokens
    assert any(lp.token == "" for lp in entries) and any(ch in final.text for ch in "🍎🚀🎉你好世界")
    assert "\ufffd" not in final.text
    assert all(event.text for event in events[:-1])  # the last may hold only a cut character's tokens


def test_a_stop_string_cuts_the_token_texts_too(shared_engine: LocalEngine) -> None:
    params = GenerationParams(temperature=0.0, repeat_penalty=1.0, max_tokens=60, seed=1, stop=("3",))
    request = GenerationRequest(
        messages=({"role": "user", "content": "Count from 1 to 10, separated by commas."},),
        params=params,
        top_logprobs=2,
    )
    events, final = run(shared_engine, request)
    assert final.reason == "stop" and "3" not in final.text and "2" in final.text
    assert_aligned(events, final)
    assert all("3" not in lp.token for lp in flat(events))


def test_logprobs_ignore_temperature_and_penalties(shared_engine: LocalEngine) -> None:
    """The figures are the model's raw distribution: the first token's alternatives are the
    same whether the request samples hot with penalties or greedily."""
    hot = GenerationParams(temperature=1.5, repeat_penalty=1.5, presence_penalty=1.0, max_tokens=1, seed=5)
    cold = GenerationParams(temperature=0.0, repeat_penalty=1.0, max_tokens=1, seed=5)
    first = [
        flat(run(shared_engine, GenerationRequest(prompt=PROMPT, params=p, top_logprobs=8))[0])
        for p in (hot, cold)
    ]
    np.testing.assert_allclose([v for _, v in first[0][0].top], [v for _, v in first[1][0].top], atol=1e-6)
    assert [t for t, _ in first[0][0].top] == [t for t, _ in first[1][0].top]


def test_continuing_from_a_chosen_alternative_keeps_it_exactly(shared_engine: LocalEngine) -> None:
    """The Story pane's click on an alternative: prompt = text up to the token + the chosen
    alternative, continued raw. The result starts with exactly the chosen text, the model
    scores the alternative as the listed logprob said, and choosing the token that was
    generated anyway gives back the same greedy continuation."""
    events, _ = run(shared_engine, GenerationRequest(prompt=PROMPT, params=GREEDY, top_logprobs=5))
    entries = flat(events)
    i = next(
        k
        for k in range(2, len(entries))
        if any(t.strip().isalpha() and t != entries[k].token for t, _ in entries[k].top)
    )
    alt, alt_logprob = next(
        (t, v) for t, v in entries[i].top if t.strip().isalpha() and t != entries[i].token
    )
    before = "".join(lp.token for lp in entries[:i])
    chosen = PROMPT + before + alt

    _, continued = run(shared_engine, GenerationRequest(prompt=chosen, params=GREEDY, top_logprobs=5))
    story = chosen + continued.text
    assert story[: len(chosen)] == chosen and continued.text and not continued.text.startswith(alt)
    assert continued.usage.prompt_tokens == shared_engine.count_tokens(chosen)
    # Scoring reads the text in one batch, generation one token at a time: llama.cpp's kernels
    # for the two differ (SmolLM2 Q4_1: up to ~0.6 in a logit), hence the loose tolerance; a
    # different context would give a very different figure.
    scored = shared_engine.score(chosen, CancelToken())
    assert scored.tokens[-1].token == alt
    assert scored.tokens[-1].logprob == pytest.approx(alt_logprob, abs=0.3)

    same = PROMPT + before + entries[i].token
    _, again = run(shared_engine, GenerationRequest(prompt=same, params=GREEDY))
    rest = "".join(lp.token for lp in entries[i + 1 :])
    assert again.text.startswith(rest)


def _story(n_sentences: int, seed: int = 2024) -> str:
    """A deterministic raw story of about 23 tokens a sentence."""
    rng = random.Random(seed)
    names = ["Mara", "Tobias", "Elin", "the captain", "old Petra", "the miller's son"]
    places = ["the harbour", "the mill", "the chapel", "the market square", "the cliff path", "the bakery"]
    deeds = [
        "carried a lantern to",
        "whispered a secret near",
        "waited in the rain outside",
        "painted the door of",
    ]
    moods = [
        "quietly",
        "with a heavy heart",
        "as the bells rang",
        "before anyone woke",
        "while the gulls cried",
    ]
    return " ".join(
        f"{rng.choice(names).capitalize()} {rng.choice(deeds)} {rng.choice(places)} {rng.choice(moods)}, "
        f"and the {rng.choice(['wind', 'tide', 'fog', 'snow'])} remembered it."
        for _ in range(n_sentences)
    )


def test_one_word_edit_near_the_end_of_a_long_story_re_evaluates_only_the_tail(
    model_path: Path, tmp_path: Path
) -> None:
    """Prefix reuse for raw prompts: continue a ~3,000-token story, edit one word near its
    end, continue again: at most 10% of the prompt tokens are evaluated again."""
    engine = LocalEngine(tmp_path)
    try:
        engine.load(model_path, LoadOptions(n_ctx=4096))
        story = _story(155)
        params = GenerationParams(temperature=0.0, repeat_penalty=1.0, max_tokens=16, seed=1)
        _, first = run(engine, GenerationRequest(prompt=story, params=params))
        assert 2800 <= first.usage.prompt_tokens <= 3400, first.usage.prompt_tokens
        assert first.evaluated_tokens >= first.usage.prompt_tokens - 1  # a fresh engine reads it all
        written = story + first.text
        cut = written.rfind("remembered it.", 0, len(story))  # the story's last sentence
        edited = written[:cut] + "forgot it." + written[cut + len("remembered it.") :]
        _, second = run(engine, GenerationRequest(prompt=edited, params=params))
        share = second.evaluated_tokens / second.usage.prompt_tokens
        print(
            f"\nprefix reuse: {second.evaluated_tokens} of {second.usage.prompt_tokens} prompt tokens "
            f"evaluated after a one-word edit ({share:.1%}); first pass {first.usage.prompt_seconds:.2f} s, "
            f"second {second.usage.prompt_seconds:.2f} s"
        )
        assert 0 < second.evaluated_tokens <= 0.10 * second.usage.prompt_tokens
        assert second.usage.cached_tokens == second.usage.prompt_tokens - second.evaluated_tokens
    finally:
        engine.close()


def test_gemma_base_model_continues_raw_text(base_model_path: Path, tmp_path: Path) -> None:
    """Gemma 3 270M base has no chat template; raw continuation (the Story pane's Continue)
    works through the engine host, with log-probabilities over its 262k-token vocabulary."""
    engine = LocalEngine(tmp_path)
    try:
        info = engine.load(base_model_path, LoadOptions(n_ctx=1024))
        assert info.architecture == "gemma3" and "tokenizer.chat_template" not in info.metadata
        request = GenerationRequest(
            prompt="Once upon a time, in a small village by the sea,", params=GREEDY, top_logprobs=3
        )
        events, final = run(engine, request)
        assert final.reason in ("length", "stop") and final.text.strip()
        assert final.usage.completion_tokens > 3
        assert_aligned(events, final)
        assert all(math.isfinite(lp.logprob) and lp.logprob <= 0 for lp in flat(events))
        assert not any(marker in final.text for marker in ("<start_of_turn>", "<end_of_turn>", "<bos>"))
    finally:
        engine.close()
