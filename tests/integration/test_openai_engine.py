"""The OpenAI-compatible engine against a real server on 127.0.0.1: llama-cpp-python's own
OpenAI-compatible server (``llama_cpp.server``) on the default model."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.types import GenerationParams
from app.engines.base import CancelToken, Done, EngineError, Failed, GenerationRequest, Token
from app.engines.openai_api import OpenAICompatibleEngine, RemoteOptions
from tests.helpers.prompts import LONG_PROMPT

MODEL_ALIAS = "smollm2"
GREEDY = GenerationParams(temperature=0.0, max_tokens=24, seed=1, repeat_penalty=1.0)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """llama_cpp.server on a free port; yields its base URL (…/v1)."""
    port = free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    with open(log, "wb") as out:
        command = [sys.executable, "-m", "llama_cpp.server", "--model", str(model_path)]
        command += ["--model_alias", MODEL_ALIAS, "--host", "127.0.0.1", "--port", str(port)]
        command += ["--n_ctx", "2048", "--verbose", "False"]
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert process.poll() is None, log.read_text()[-2000:]
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        process.terminate()
        process.wait(timeout=30)


def engine_for(server: str, model: str = MODEL_ALIAS) -> OpenAICompatibleEngine:
    return OpenAICompatibleEngine(RemoteOptions(base_url=server, model=model, timeout=60))


def run(engine: OpenAICompatibleEngine, request: GenerationRequest) -> tuple[list[str], Done | Failed]:
    events = list(engine.stream(request, CancelToken()))
    final = events[-1]
    assert isinstance(final, Done | Failed)
    return [e.text for e in events if isinstance(e, Token)], final


def test_chat_streams_with_usage_and_model_list(server: str) -> None:
    engine = engine_for(server)
    try:
        assert MODEL_ALIAS in engine.list_models()
        request = GenerationRequest(
            messages=({"role": "user", "content": "What is the capital of France?"},), params=GREEDY
        )
        pieces, final = run(engine, request)
        assert isinstance(final, Done) and final.reason in ("stop", "length")
        assert len(pieces) > 1 and "".join(pieces) == final.text and final.text.strip()
        # llama.cpp's server sends no usage chunk; the engine then counts the streamed pieces
        assert final.usage.completion_tokens >= len(pieces) > 0
        assert "<|im_end|>" not in final.text
    finally:
        engine.close()


def test_raw_completion_streams(server: str) -> None:
    engine = engine_for(server)
    try:
        pieces, final = run(engine, GenerationRequest(prompt="Once upon a time", params=GREEDY))
        assert isinstance(final, Done) and final.text and "".join(pieces) == final.text
    finally:
        engine.close()


def test_stop_closes_the_stream_at_once_and_the_next_request_works(server: str) -> None:
    engine = engine_for(server)
    try:
        cancel = CancelToken()
        params = GenerationParams(temperature=0.0, max_tokens=1500, repeat_penalty=1.0)
        request = GenerationRequest(messages=({"role": "user", "content": LONG_PROMPT},), params=params)
        after_cancel = 0
        final = None
        for event in engine.stream(request, cancel):
            if isinstance(event, Token):
                if cancel.is_cancelled():
                    after_cancel += 1
                elif len(event.text) and len(final or "") == 0:
                    cancel.cancel()
            else:
                final = event
        assert isinstance(final, Done) and final.reason == "cancelled" and after_cancel == 0
        _, again = run(
            engine, GenerationRequest(messages=({"role": "user", "content": "Say hi."},), params=GREEDY)
        )
        assert isinstance(again, Done) and again.text
    finally:
        engine.close()


def test_errors_are_plain_words(server: str) -> None:
    dead = OpenAICompatibleEngine(
        RemoteOptions(base_url=f"http://127.0.0.1:{free_port()}/v1", model="x", timeout=5)
    )
    _, final = run(dead, GenerationRequest(messages=({"role": "user", "content": "hi"},), params=GREEDY))
    assert (
        isinstance(final, Failed) and "cannot be reached" in final.message and final.detail == "unreachable"
    )
    with pytest.raises(EngineError, match="cannot be reached"):
        dead.list_models()
    dead.close()
