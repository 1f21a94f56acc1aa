"""C18 in the engine: one seed gives one reply, token for token, whatever the KV cache holds.

A regenerate finds its whole prompt cached and used to re-evaluate only the last prompt
token, in a batch of one, where the first run had evaluated it inside a longer batch;
llama.cpp rounds the two differently, and at temperature 1 the seed's draw then picked
another token in about one run of three. The host now always decodes the last prompt token
on its own, so the logits sampled first come from the same computation every time."""

from __future__ import annotations

from app.core.types import ChatMessage, GenerationParams
from app.engines.base import CancelToken, Done, GenerationRequest
from app.engines.local import LocalEngine

PARAMS = GenerationParams(temperature=1.0, max_tokens=24, seed=1234)
ASK: list[ChatMessage] = [
    {"role": "system", "content": "You are helpful."},
    {"role": "user", "content": "Tell me a story about a fox."},
]


def _reply(engine: LocalEngine, messages: list[ChatMessage]) -> Done:
    events = list(engine.stream(GenerationRequest(messages=messages, params=PARAMS), CancelToken()))
    final = events[-1]
    assert isinstance(final, Done)
    return final


def test_c18_a_seed_reproduces_its_reply_with_the_prompt_cached_or_not(engine: LocalEngine) -> None:
    first = _reply(engine, ASK)
    assert first.evaluated_tokens == first.usage.prompt_tokens  # a fresh engine reads it all
    replies = [first.text]
    for _ in range(5):
        again = _reply(engine, ASK)  # the whole prompt is cached: a regenerate
        assert again.evaluated_tokens <= 1
        replies.append(again.text)
        # a follow-up turn in between, so the cache holds a longer conversation
        _reply(
            engine, [*ASK, {"role": "assistant", "content": again.text}, {"role": "user", "content": "Then?"}]
        )
    assert replies == [first.text] * 6
