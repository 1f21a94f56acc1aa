"""The local engine through its host process, on the real SmolLM2 model."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from app.core.types import GenerationParams
from app.engines.base import CancelToken, Done, EngineError, Failed, GenerationRequest, Token
from app.engines.local import LoadOptions, LocalEngine
from tests.helpers.host_cpu import cpu_seconds, wait_for_cpu
from tests.helpers.prompts import LONG_PROMPT

GREEDY = GenerationParams(temperature=0.0, repeat_penalty=1.0, max_tokens=48, seed=1)
C01_TEXT = "🍎🚀🎉 👨‍👩‍👧 🇯🇵 你好，世界"


def ask(text: str, params: GenerationParams = GREEDY) -> GenerationRequest:
    return GenerationRequest(messages=({"role": "user", "content": text},), params=params)


def run(engine: LocalEngine, request: GenerationRequest) -> tuple[list[str], Done | Failed]:
    pieces: list[str] = []
    final: Done | Failed | None = None
    for event in engine.stream(request, CancelToken()):
        if isinstance(event, Token):
            pieces.append(event.text)
        else:
            final = event
    assert final is not None
    return pieces, final


def test_reply_streams_through_the_host_with_usage(shared_engine: LocalEngine) -> None:
    pieces, final = run(shared_engine, ask("What is the capital of France?"))
    assert isinstance(final, Done), final
    assert final.reason in ("stop", "length")
    assert len(pieces) > 1 and "".join(pieces) == final.text and final.text.strip()
    assert final.usage.prompt_tokens > 5 and final.usage.completion_tokens >= len(pieces)
    assert final.seed == 1
    assert "<|im_end|>" not in final.text and "<|im_start|>" not in final.text
    assert shared_engine.host_pid not in (None, os.getpid())


def test_c01_streamed_text_equals_raw_llama_cpp_non_streamed(
    shared_engine: LocalEngine, model_path: Path
) -> None:
    """C01: emoji made of several code points and Chinese arrive whole, and the streamed
    text equals llama-cpp-python's own non-streamed completion of the same prompt."""
    from llama_cpp import Llama

    prompt = f"Repeat exactly: {C01_TEXT}"
    params = GenerationParams(temperature=0.0, repeat_penalty=1.0, max_tokens=40, seed=1)
    pieces, final = run(shared_engine, ask(prompt, params))
    assert isinstance(final, Done)
    streamed = "".join(pieces)
    assert "\ufffd" not in streamed and all(pieces)
    raw = Llama(model_path=str(model_path), n_ctx=2048, verbose=False)
    try:
        reference = raw.create_chat_completion(
            messages=[{"role": "user", "content": prompt}],
            temperature=0.0,
            repeat_penalty=1.0,
            max_tokens=final.usage.completion_tokens,
        )
    finally:
        raw.close()
    expected = reference["choices"][0]["message"]["content"]  # type: ignore[index]
    assert streamed == expected
    # the model does reproduce multi-code-point emoji and Chinese here
    assert any(ch in streamed for ch in "🍎🚀🎉你好世界")


def test_fixed_seed_reproduces_and_random_seed_is_reported(shared_engine: LocalEngine) -> None:
    sampled = GenerationParams(temperature=1.0, max_tokens=24, seed=42)
    _, first = run(shared_engine, ask("Tell me a story.", sampled))
    _, second = run(shared_engine, ask("Tell me a story.", sampled))
    assert isinstance(first, Done) and isinstance(second, Done)
    assert first.text == second.text and first.seed == second.seed == 42
    _, drawn = run(shared_engine, ask("Tell me a story.", GenerationParams(seed=-1, max_tokens=8)))
    assert isinstance(drawn, Done) and drawn.seed >= 0


def test_c06_stop_ends_a_long_reply_within_about_one_token(shared_engine: LocalEngine) -> None:
    """C06, counted rather than timed: Stop at the 10th token; at most 100 more arrive (those
    already in the pipe, usually none or one), then Done(cancelled) from the host itself, not
    from the kill after the grace period. A Stop that did not work runs on for 1,000+ tokens
    (greedy LONG_PROMPT counts to 400)."""
    cancel = CancelToken()
    params = GenerationParams(temperature=0.0, max_tokens=1500, seed=3, repeat_penalty=1.0)
    pid, restarts = shared_engine.host_pid, shared_engine.restarts
    received = received_after_cancel = 0
    final = None
    for event in shared_engine.stream(ask(LONG_PROMPT, params), cancel):
        if isinstance(event, Token):
            received += 1
            if cancel.is_cancelled():
                received_after_cancel += 1
            elif received == 10:
                cancel.cancel()
        else:
            final = event
    assert cancel.is_cancelled(), "the reply ended before Stop could be pressed"
    assert isinstance(final, Done) and final.reason == "cancelled"
    assert received_after_cancel <= 100 and final.usage.completion_tokens <= 110
    assert shared_engine.host_pid == pid and shared_engine.restarts == restarts  # not killed
    # the next message works without a restart
    _, after = run(shared_engine, ask("Say hi."))
    assert isinstance(after, Done) and after.text


def test_c07_stop_during_a_long_prompt_ends_it_within_a_batch(model_path: Path, tmp_path: Path) -> None:
    """C07: Stop while a ~3,000-token prompt is evaluated (llama.cpp's abort callback).

    Counted rather than timed: Stop is pressed once the host has spent 50 ms of CPU on the
    request (tokenizing takes about 1 ms, the whole prompt seconds), and the KV cache shows
    where evaluation stopped: llama-cpp-python keeps only the batches (n_batch = 512 tokens)
    finished before Stop, so the same prompt again has hundreds of tokens to evaluate, where
    a prompt read to its end (a Stop that waits for the first token) leaves one, its last.
    That second request is stopped before it starts: its Done still counts the tokens it was
    given to evaluate (``evaluated_tokens``), without the cost of reading them."""
    engine = LocalEngine(tmp_path)
    try:
        engine.load(model_path, LoadOptions(n_ctx=4096))
        prompt = "Other: " + " ".join(
            f"Sentence number {i} is about rivers and mountains." for i in range(300)
        )
        n_prompt = engine.count_tokens(prompt)
        assert n_prompt > 2800
        params = GenerationParams(temperature=0.0, max_tokens=16)
        cancel = CancelToken()
        events: list[object] = []
        pid = engine.host_pid
        assert pid is not None
        reader = threading.Thread(
            target=lambda: events.extend(
                engine.stream(GenerationRequest(prompt=prompt, params=params), cancel)
            ),
            name="stream-under-test",
        )
        before = cpu_seconds(pid)
        reader.start()
        try:
            wait_for_cpu(pid, before, 0.05)
        finally:
            cancel.cancel()
            reader.join(60)
        assert not reader.is_alive()
        final = events[-1]
        assert isinstance(final, Done) and final.reason == "cancelled", final
        assert final.usage.completion_tokens == 0 and engine.host_pid == pid and engine.restarts == 0
        stopped = CancelToken()
        stopped.cancel()
        again = list(engine.stream(GenerationRequest(prompt=prompt, params=params), stopped))[-1]
        assert isinstance(again, Done) and again.reason == "cancelled"
        assert again.usage.prompt_tokens == n_prompt
        assert again.evaluated_tokens > 1, again.evaluated_tokens  # the prompt was not read to its end
        _, after = run(engine, GenerationRequest(prompt="Once upon a time", params=params))
        assert isinstance(after, Done) and after.text
    finally:
        engine.close()


def test_c05_two_conversations_back_to_back_do_not_leak(shared_engine: LocalEngine) -> None:
    _, a = run(shared_engine, ask("My name is Zorblax. Remember it."))
    _, b = run(shared_engine, ask("What is 2 plus 2?"))
    _, c = run(shared_engine, GenerationRequest(prompt="The sea was calm and", params=GREEDY))
    assert all(isinstance(x, Done) and x.text for x in (a, b, c))
    assert isinstance(b, Done) and "Zorblax" not in b.text


def test_host_crash_is_reported_and_the_next_request_restarts_it(engine: LocalEngine) -> None:
    cancel = CancelToken()
    request = ask(LONG_PROMPT, GenerationParams(temperature=0.0, max_tokens=800, repeat_penalty=1.0))
    pieces: list[str] = []
    final = None
    pid = engine.host_pid
    assert pid is not None
    for event in engine.stream(request, cancel):
        if isinstance(event, Token):
            pieces.append(event.text)
            if len(pieces) == 5:
                os.kill(pid, signal.SIGKILL)
        else:
            final = event
    assert isinstance(final, Failed) and final.kind == "crashed"
    assert "restarts" in final.message and len(pieces) >= 5
    assert engine.model is None and engine.state == "crashed"
    _, after = run(engine, ask("Say hello."))
    assert isinstance(after, Done) and after.text
    assert engine.restarts == 1 and engine.host_pid not in (None, pid)


def test_c09_truncated_gguf_is_damaged_and_previous_model_still_works(
    engine: LocalEngine, model_path: Path, tmp_path: Path
) -> None:
    cut = tmp_path / "cut.gguf"
    with open(model_path, "rb") as src:
        cut.write_bytes(src.read(50 * 1024 * 1024))
    with pytest.raises(EngineError) as info:
        engine.load(cut)
    assert info.value.kind == "damaged", info.value.detail
    assert "incomplete or damaged" in info.value.message
    assert engine.model is not None and engine.model.path == str(model_path)
    _, after = run(engine, ask("Say hello."))
    assert isinstance(after, Done) and after.text


def test_c10_text_file_named_gguf_fails_cleanly_in_the_engine_too(
    engine: LocalEngine, tmp_path: Path
) -> None:
    fake = tmp_path / "model.gguf"
    fake.write_text("not a model\n" * 1000)
    with pytest.raises(EngineError) as info:
        engine.load(fake)
    assert info.value.kind in ("not_gguf", "load_failed")
    assert "model.gguf" in info.value.message
    _, after = run(engine, ask("Say hello."))
    assert isinstance(after, Done) and after.text


def test_prompt_longer_than_the_context_is_a_clear_failure(shared_engine: LocalEngine) -> None:
    text = "word " * 3000
    _, final = run(shared_engine, GenerationRequest(prompt=text, params=GREEDY))
    assert isinstance(final, Failed) and final.kind == "context_overflow"
    assert "n_ctx" in final.message
    _, after = run(shared_engine, ask("Say hello."))
    assert isinstance(after, Done)


def test_stop_strings_end_generation_and_are_not_shown(shared_engine: LocalEngine) -> None:
    params = GenerationParams(temperature=0.0, repeat_penalty=1.0, max_tokens=60, stop=("3",))
    _, final = run(shared_engine, ask("Count from 1 to 10, separated by commas.", params))
    assert isinstance(final, Done) and final.reason == "stop"
    assert "3" not in final.text and "2" in final.text


def test_c05_a_reply_does_not_depend_on_the_conversation_before_it(
    shared_engine: LocalEngine, model_path: Path, tmp_path: Path
) -> None:
    """C05: KV-cache reuse must not leak state: conversation B gives exactly the same greedy
    reply after conversation A as on a fresh engine."""
    b = "Name a fruit and a colour."
    fresh = LocalEngine(tmp_path)
    try:
        fresh.load(model_path)
        _, expected = run(fresh, ask(b))
    finally:
        fresh.close()
    run(shared_engine, ask("My secret word is Zorblax. Write a long sentence using it."))
    _, after = run(shared_engine, ask(b))
    assert isinstance(expected, Done) and isinstance(after, Done)
    assert after.text == expected.text


def test_a_hung_host_is_killed_after_stop_and_the_text_is_kept(engine: LocalEngine) -> None:
    """The host stops responding (SIGSTOP, as a stuck GPU kernel would): Stop still ends the
    reply after the grace period (3 s), keeps its text, and the next request works. The
    bound is ten times the grace period: a Stop that never kills the host hangs."""
    from app.engines.local.client import STOP_GRACE_SECONDS

    cancel = CancelToken()
    request = ask(LONG_PROMPT, GenerationParams(temperature=0.0, max_tokens=800, repeat_penalty=1.0))
    pid = engine.host_pid
    assert pid is not None
    pieces: list[str] = []
    final = None
    stopped_at = 0.0
    for event in engine.stream(request, cancel):
        if isinstance(event, Token):
            pieces.append(event.text)
            if len(pieces) == 5:
                os.kill(pid, signal.SIGSTOP)
                stopped_at = time.monotonic()
                cancel.cancel()
        else:
            final = event
    assert isinstance(final, Done) and final.reason == "cancelled"
    assert final.text == "".join(pieces) and final.text
    assert time.monotonic() - stopped_at < 10 * STOP_GRACE_SECONDS
    assert engine.state == "crashed" and engine.host_pid is None
    _, after = run(engine, ask("Say hello."))
    assert isinstance(after, Done) and after.text and engine.restarts == 1


def test_close_does_not_hang_on_a_hung_host(model_path: Path, tmp_path: Path) -> None:
    """The host hangs (SIGSTOP) mid-reply, after the first token has certainly arrived;
    close() kills it after waiting 2 s for the request. The bound is an order of magnitude
    above that; the reader ending shows the host was killed (it would wait forever)."""
    engine = LocalEngine(tmp_path)
    engine.load(model_path)
    pid = engine.host_pid
    assert pid is not None
    stream = engine.stream(ask(LONG_PROMPT, GenerationParams(temperature=0.0, max_tokens=800)), CancelToken())
    streaming = threading.Event()

    def consume() -> None:
        for _event in stream:
            streaming.set()

    consumer = threading.Thread(target=consume, name="consumer", daemon=True)
    consumer.start()
    assert streaming.wait(120), "no token within 120 s"
    os.kill(pid, signal.SIGSTOP)
    started = time.monotonic()
    engine.close()
    assert time.monotonic() - started < 30
    consumer.join(timeout=30)
    assert not consumer.is_alive()


def test_a_failed_restart_leaves_a_clear_state(model_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "model.gguf"
    copy.write_bytes(model_path.read_bytes())
    engine = LocalEngine(tmp_path)
    try:
        engine.load(copy)
        pid = engine.host_pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while engine.host_pid is not None and time.monotonic() < deadline:
            time.sleep(0.05)
        with open(copy, "r+b") as fh:
            fh.truncate(50 * 1024 * 1024)
        with pytest.raises(EngineError) as info:
            engine.restart()
        assert info.value.kind == "damaged"
        assert engine.state not in ("loading", "starting")
        _, final = run(engine, ask("Hi"))
        assert isinstance(final, Failed) and final.kind == "no_model"
    finally:
        engine.close()


class PolledCancel(CancelToken):
    """A CancelToken that says when it was first asked whether it is cancelled."""

    def __init__(self) -> None:
        super().__init__()
        self.polled = threading.Event()

    def is_cancelled(self) -> bool:
        self.polled.set()
        return super().is_cancelled()


def test_stop_while_waiting_for_another_request_returns_at_once(shared_engine: LocalEngine) -> None:
    """Ordered, not timed: Stop is pressed once the second request is seen polling Stop while
    it waits for the engine, which the first request holds until after the check; so ending
    at all proves Stop ended the wait (it polls every 0.1 s; the join allows 10 s)."""
    first_cancel = CancelToken()
    long_stream = shared_engine.stream(
        ask(LONG_PROMPT, GenerationParams(temperature=0.0, max_tokens=400)), first_cancel
    )
    first_token = next(long_stream)
    assert isinstance(first_token, Token)
    results: list[object] = []
    waiting_cancel = PolledCancel()

    def second() -> None:
        results.extend(shared_engine.stream(ask("Say hi."), waiting_cancel))

    thread = threading.Thread(target=second, name="second-request")
    thread.start()
    try:
        assert waiting_cancel.polled.wait(60), "the second request never waited"
        waiting_cancel.cancel()
        thread.join(timeout=10)
        assert not thread.is_alive()
    finally:
        first_cancel.cancel()
    assert isinstance(results[-1], Done) and results[-1].reason == "cancelled"
    rest = list(long_stream)
    assert isinstance(rest[-1], Done) and rest[-1].reason == "cancelled"


def test_c08_a_load_can_be_cancelled_and_the_previous_model_comes_back(
    engine: LocalEngine, model_path: Path, tmp_path: Path
) -> None:
    """The load cannot end by itself (its host is stopped), so waiting up to 60 s for it to
    begin (it takes milliseconds) costs nothing when all is well."""
    pid = engine.host_pid
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)  # the host is busy (as with a slow load of a large model)
    errors: list[EngineError] = []

    def load() -> None:
        try:
            engine.load(model_path, LoadOptions(n_ctx=1024))
        except EngineError as exc:
            errors.append(exc)

    thread = threading.Thread(target=load, name="load")
    thread.start()
    deadline = time.monotonic() + 60
    while not engine._loading and time.monotonic() < deadline:
        time.sleep(0.01)
    assert engine.cancel_load()
    thread.join(timeout=30)
    assert not thread.is_alive() and errors and errors[0].kind == "cancelled"
    assert engine.model is not None and engine.model.n_ctx == 2048  # the previous load
    _, after = run(engine, ask("Say hello."))
    assert isinstance(after, Done) and after.text
