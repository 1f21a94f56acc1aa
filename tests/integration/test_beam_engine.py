"""Beam search through the engine host (params.beam_width): the same results as the
module's own tests, but over the pipe, with Stop, grammar and the chat's cache untouched."""

from __future__ import annotations

import re
import threading

from app.core.types import GenerationParams
from app.engines.base import CancelToken, Done, GenerationRequest, Token
from app.engines.local import LocalEngine
from tests.helpers.host_cpu import cpu_seconds, wait_for_cpu
from tests.helpers.prompts import LONG_PROMPT

PROMPT = ({"role": "user", "content": "Write one sentence about the sea."},)
GREEDY = GenerationParams(temperature=0.0, max_tokens=20, seed=1, repeat_penalty=1.0)
JUEJU = r"root ::= line line\nline ::= [\u4E00-\u9FFF]{5} [，。] \"\\n\""  # two lines of five Han characters


def run(
    engine: LocalEngine, request: GenerationRequest, cancel: CancelToken | None = None
) -> tuple[str, Done]:
    events = list(engine.stream(request, cancel or CancelToken()))
    final = events[-1]
    assert isinstance(final, Done), final
    return "".join(e.text for e in events if isinstance(e, Token)), final


def test_beam_width_one_is_greedy_and_wider_beams_return_ranked_candidates(engine: LocalEngine) -> None:
    """Greedy decoding and the beam search both read the prompt but its last token, then the
    last token alone, so width 1 is greedy token for token whatever the cache holds."""
    greedy, _ = run(engine, GenerationRequest(messages=PROMPT, params=GREEDY))
    one, done_one = run(engine, GenerationRequest(messages=PROMPT, params=GenerationParams(
        temperature=0.0, max_tokens=20, seed=1, repeat_penalty=1.0, beam_width=1)))  # fmt: skip
    assert one == greedy and done_one.text == greedy and len(done_one.candidates) == 1
    _, done = run(engine, GenerationRequest(messages=PROMPT, params=GenerationParams(
        max_tokens=20, seed=1, repeat_penalty=1.0, beam_width=4, length_penalty=0.6)))  # fmt: skip
    scores = [c.score for c in done.candidates]
    assert len(done.candidates) >= 2 and scores == sorted(scores, reverse=True)
    assert done.text == done.candidates[0].text and all(c.mean_logprob <= 0 for c in done.candidates)
    assert "<|im_end|>" not in done.text


def test_grammar_and_beam_search_together_keep_the_structure(shared_engine: LocalEngine) -> None:
    grammar = 'root ::= line line\nline ::= han han han han han [，。] "\\n"\nhan ::= [\\u4E00-\\u9FFF]'
    params = GenerationParams(max_tokens=24, seed=1, beam_width=3)
    request = GenerationRequest(
        messages=({"role": "user", "content": "写两行关于月亮的诗。"},), params=params, grammar=grammar
    )
    _, done = run(shared_engine, request)
    assert done.candidates
    for candidate in done.candidates:
        assert re.fullmatch(r"([\u4e00-\u9fff]{5}[，。]\n){2}", candidate.text), candidate.text


def test_stop_ends_a_beam_search_at_once(shared_engine: LocalEngine) -> None:
    """Counted, not timed: Stop is pressed once the host has spent 0.1 s of CPU on the
    request (before or early in the search), and the best hypothesis has at most 40 tokens,
    where a search that ignored Stop would run all 400 steps: the grammar allows an end only
    after 200 numbers. The host honoured Stop itself (it was not killed after the grace
    period)."""
    cancel = CancelToken()
    params = GenerationParams(max_tokens=400, seed=1, beam_width=8, repeat_penalty=1.0)
    numbers = 'root ::= (" " [0-9]+ ","){200}'  # at least 400 tokens
    request = GenerationRequest(prompt=LONG_PROMPT, params=params, grammar=numbers)
    pid, restarts = shared_engine.host_pid, shared_engine.restarts
    assert pid is not None
    outcome: list[tuple[str, Done]] = []
    searcher = threading.Thread(
        target=lambda: outcome.append(run(shared_engine, request, cancel)), name="beam-under-test"
    )
    before = cpu_seconds(pid)
    searcher.start()
    try:
        wait_for_cpu(pid, before, 0.1)
    finally:
        cancel.cancel()
        searcher.join(120)
    assert not searcher.is_alive() and outcome
    _, done = outcome[0]
    assert done.reason == "cancelled" and done.usage.completion_tokens <= 40, done.usage
    assert shared_engine.host_pid == pid and shared_engine.restarts == restarts
    # the engine is fine afterwards
    text, final = run(shared_engine, GenerationRequest(messages=PROMPT, params=GREEDY))
    assert final.reason in ("stop", "length") and text
