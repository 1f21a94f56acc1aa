"""The OpenAI-compatible engine against a real server on 127.0.0.1: llama-cpp-python's own
OpenAI-compatible server (``llama_cpp.server``) on the default model."""

from __future__ import annotations

import datetime
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from app.core.types import GenerationParams
from app.engines.base import CancelToken, Done, EngineError, Failed, GenerationRequest, Token, TokenLogprob
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


def check_logprobs(pieces: list[Token], count: int) -> list[TokenLogprob]:
    """Every piece carries logprobs <= 0 with ``count`` alternatives, best first, among them
    the chosen token (with temperature 0). It need not be the best one: llama_cpp.server
    applies its default repeat_penalty 1.1 (not an OpenAI parameter, so the engine cannot
    send 1.0) when sampling, while the logprobs are those of the raw logits."""
    found = [lp for piece in pieces for lp in piece.logprobs]
    assert found and all(piece.logprobs for piece in pieces)
    for lp in found:
        # raw completions always list the sampled token too: up to count + 1 (as OpenAI's API)
        assert lp.logprob <= 0 and count <= len(lp.top) <= count + 1
        values = [value for _, value in lp.top]
        assert values == sorted(values, reverse=True) and all(v <= 0 for v in values)
        assert lp.logprob == pytest.approx(dict(lp.top)[lp.token])
    return found


def test_chat_logprobs_come_with_each_token(server: str) -> None:
    engine = engine_for(server)
    try:
        assert engine.capabilities.logprobs
        request = GenerationRequest(
            messages=({"role": "user", "content": "What is the capital of France?"},),
            params=GREEDY,
            top_logprobs=10,
        )
        events = list(engine.stream(request, CancelToken()))
        final = events[-1]
        pieces = [e for e in events if isinstance(e, Token)]
        found = check_logprobs(pieces, 10)
        assert isinstance(final, Done) and final.usage.completion_tokens == len(found)
    finally:
        engine.close()


def test_raw_completion_logprobs_come_with_each_token(server: str) -> None:
    engine = engine_for(server)
    try:
        request = GenerationRequest(prompt="Once upon a time", params=GREEDY, top_logprobs=2)
        events = list(engine.stream(request, CancelToken()))
        assert isinstance(events[-1], Done)
        check_logprobs([e for e in events if isinstance(e, Token)], 2)
    finally:
        engine.close()


def test_without_top_logprobs_tokens_carry_none(server: str) -> None:
    engine = engine_for(server)
    try:
        events = list(
            engine.stream(GenerationRequest(prompt="Once upon a time", params=GREEDY), CancelToken())
        )
        assert isinstance(events[-1], Done) and all(not e.logprobs for e in events if isinstance(e, Token))
    finally:
        engine.close()
    with pytest.raises(ValueError, match="top_logprobs"):
        GenerationRequest(prompt="x", top_logprobs=21)


def test_capabilities_say_why_the_rest_is_missing() -> None:
    engine = OpenAICompatibleEngine(RemoteOptions(base_url="http://127.0.0.1:9/v1", model="x"))
    caps = engine.capabilities
    engine.close()
    assert caps.raw_completion and caps.logprobs and not (caps.grammar or caps.beam_search)
    assert "Only the local engine" in caps.reason("perplexity") and caps.reason("raw_completion") == ""


def test_the_timeout_connects_fast_and_reads_as_configured() -> None:
    slow = OpenAICompatibleEngine(RemoteOptions(base_url="http://127.0.0.1:9/v1", model="x", timeout=120))
    quick = OpenAICompatibleEngine(RemoteOptions(base_url="http://127.0.0.1:9/v1", model="x", timeout=3))
    try:
        assert (slow._client.timeout.connect, slow._client.timeout.read) == (10, 120)
        assert (quick._client.timeout.connect, quick._client.timeout.read) == (3, 3)
        assert slow._client.max_retries == 0
    finally:
        slow.close()
        quick.close()
    with pytest.raises(ValueError, match="between 0 and 10"):
        RemoteOptions(base_url="http://x/v1", model="x", max_retries=11).validate()


def test_https_to_a_plain_http_server_is_a_tls_failure(server: str) -> None:
    engine = OpenAICompatibleEngine(
        RemoteOptions(base_url=server.replace("http://", "https://"), model=MODEL_ALIAS, timeout=5)
    )
    _, final = run(engine, GenerationRequest(prompt="Hi", params=GREEDY))
    engine.close()
    assert isinstance(final, Failed) and final.detail == "tls" and "http://" in final.message


@pytest.fixture
def self_signed_server(tmp_path: Path) -> Iterator[str]:
    """An HTTPS server on 127.0.0.1 with a fresh self-signed certificate; yields its base URL."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1)).sign(key, hashes.SHA256())
    )  # fmt: skip
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)  # handshake fails in accept()
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), name="tls-server", daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{httpd.server_address[1]}/v1"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_self_signed_certificate_is_a_tls_failure(self_signed_server: str) -> None:
    engine = OpenAICompatibleEngine(RemoteOptions(base_url=self_signed_server, model="x", timeout=5))
    _, final = run(engine, GenerationRequest(prompt="Hi", params=GREEDY))
    assert isinstance(final, Failed) and final.detail == "tls"
    assert "certificate was not accepted (self-signed certificate)" in final.message
    with pytest.raises(EngineError) as info:
        engine.list_models()
    engine.close()
    assert info.value.detail == "tls"


def test_stop_before_the_server_answers_returns_at_once() -> None:
    """A server that accepts the connection and never answers: Stop must not wait for the
    read timeout (there is no stream to close yet). The timeout is 600 s so that waiting for
    it cannot pass for "at once" on any machine; 60 s leaves a loaded one all the room."""
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted: list[socket.socket] = []
    threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True).start()
    port = listener.getsockname()[1]
    engine = OpenAICompatibleEngine(
        RemoteOptions(base_url=f"http://127.0.0.1:{port}/v1", model="m", timeout=600, max_retries=0)
    )
    cancel = CancelToken()
    request = GenerationRequest(messages=({"role": "user", "content": "Hi"},), params=GREEDY)
    try:
        threading.Timer(0.5, cancel.cancel).start()
        started = time.monotonic()
        events = list(engine.stream(request, cancel))
        elapsed = time.monotonic() - started
        assert isinstance(events[-1], Done) and events[-1].reason == "cancelled", events
        assert elapsed < 60, f"Stop took {elapsed:.1f} s: it waited for the read timeout"
    finally:
        engine.close()
        for conn in accepted:
            conn.close()
        listener.close()
