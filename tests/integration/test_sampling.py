"""Every sampling parameter family demonstrably changes the output (issue 3), on the real
model at a fixed seed or temperature 0, through the engine host."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.core.types import GenerationParams
from app.engines.base import CancelToken, Done, GenerationRequest
from app.engines.local import LocalEngine

PROMPT = "Write a short story about a cat who finds a key. The cat"
SAMPLED = GenerationParams(
    temperature=1.0, top_k=0, top_p=1.0, min_p=0.0, repeat_penalty=1.0, max_tokens=40, seed=7
)
GREEDY = replace(SAMPLED, temperature=0.0)


def generate(engine: LocalEngine, params: GenerationParams) -> str:
    events = list(engine.stream(GenerationRequest(prompt=PROMPT, params=params), CancelToken()))
    final = events[-1]
    assert isinstance(final, Done), final
    return final.text


# (family, base, changed): the change must alter the text; the base is reproducible.
CASES = [
    ("temperature", GREEDY, replace(GREEDY, temperature=1.5)),
    ("top_k", SAMPLED, replace(SAMPLED, top_k=1)),
    ("top_p", SAMPLED, replace(SAMPLED, top_p=0.05)),
    ("min_p", SAMPLED, replace(SAMPLED, min_p=0.6)),
    ("typical_p", SAMPLED, replace(SAMPLED, typical_p=0.1)),
    ("repeat_penalty", GREEDY, replace(GREEDY, repeat_penalty=1.8)),
    (
        "repeat_last_n",
        replace(GREEDY, repeat_penalty=1.8, repeat_last_n=0),
        replace(GREEDY, repeat_penalty=1.8, repeat_last_n=64),
    ),
    ("presence_penalty", GREEDY, replace(GREEDY, presence_penalty=1.5)),
    ("frequency_penalty", GREEDY, replace(GREEDY, frequency_penalty=1.5)),
    ("mirostat", SAMPLED, replace(SAMPLED, mirostat_mode=2, mirostat_tau=3.0)),
    ("seed", SAMPLED, replace(SAMPLED, seed=8)),
]


@pytest.mark.parametrize(("family", "base", "changed"), CASES, ids=[c[0] for c in CASES])
def test_parameter_changes_the_output(
    shared_engine: LocalEngine, family: str, base: GenerationParams, changed: GenerationParams
) -> None:
    """Fixed seeds or temperature 0, and the prompt read once first, so that every run here
    reuses it from the KV cache alike, whatever ran before (a prompt read whole and one read
    from the cache differ in the last bits of the last token's logits: a near tie can flip)."""
    generate(shared_engine, replace(GREEDY, max_tokens=1))
    first = generate(shared_engine, base)
    assert generate(shared_engine, base) == first, f"{family}: the base is not reproducible"
    assert generate(shared_engine, changed) != first, f"{family} had no effect"


def test_max_tokens_bounds_the_reply(shared_engine: LocalEngine) -> None:
    events = list(
        shared_engine.stream(
            GenerationRequest(prompt=PROMPT, params=replace(GREEDY, max_tokens=5)), CancelToken()
        )
    )
    final = events[-1]
    assert isinstance(final, Done) and final.reason == "length"
    assert final.usage.completion_tokens == 5
    assert generate(shared_engine, replace(GREEDY, max_tokens=20)).startswith(final.text)


def test_follow_up_turn_reuses_the_kv_cache_prefix(
    shared_engine: LocalEngine, model_path: Path, tmp_path: Path
) -> None:
    """Prefix reuse: a follow-up of the same conversation evaluates only the new tokens.
    Checked by what it costs, counted rather than timed (a loaded machine makes times
    meaningless): the tokens handed to llama.cpp's eval, for the follow-up after a
    ~750-token history and for a fresh engine given the same prompt."""
    params = replace(GREEDY, max_tokens=8)
    history: list[dict[str, str]] = []
    for i in range(12):
        history.append(
            {"role": "user", "content": f"Tell me fact number {i} about rivers, lakes and the sea."}
        )
        history.append(
            {"role": "assistant", "content": "Rivers flow to the sea and lakes hold still water. " * 3}
        )

    def turn(engine: LocalEngine, messages: list[dict[str, str]]) -> Done:
        events = list(engine.stream(GenerationRequest(tuple(messages), params=params), CancelToken()))  # type: ignore[arg-type]
        assert isinstance(events[-1], Done)
        return events[-1]

    turn(shared_engine, [*history, {"role": "user", "content": "First question?"}])
    follow = [*history, {"role": "user", "content": "First question?"}]
    follow.append({"role": "assistant", "content": "An answer."})
    follow.append({"role": "user", "content": "And a second one?"})
    reused = turn(shared_engine, follow)
    assert reused.usage.prompt_tokens > 700
    assert reused.usage.cached_tokens >= reused.usage.prompt_tokens - 40
    fresh_engine = LocalEngine(tmp_path)
    try:
        fresh_engine.load(model_path)
        fresh = turn(fresh_engine, follow)
    finally:
        fresh_engine.close()
    assert fresh.usage.cached_tokens == 0 and fresh.usage.prompt_tokens == reused.usage.prompt_tokens
    assert fresh.evaluated_tokens == fresh.usage.prompt_tokens  # the whole prompt, read anew
    assert reused.evaluated_tokens <= 40 < fresh.evaluated_tokens // 10
