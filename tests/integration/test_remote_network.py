"""Remote engines on the network: proxies (C25) and slow servers (C26), against real loopback
servers (tests/helpers/scripted_server.py) with the proxy variables set by monkeypatch.

C25: with ``HTTPS_PROXY``/``HTTP_PROXY`` set and no ``NO_PROXY``, a provider on this machine
(127.0.0.1, localhost, ::1) is reached directly; a remote one still goes through the proxy
(a recording proxy on 127.0.0.1 sees the request for a made-up remote host); a failure
through a proxy names it (without its password).

C26: connecting fails fast whatever the read timeout; the read timeout is the provider's;
a server that took the request and stays silent past it is not sent the request again (the
SDK's own retries are off, and ours never retry a timeout); Stop returns at once while the
server is silent, before and after it sent its headers.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from app.core.types import GenerationParams
from app.engines.azure import AzureOpenAIEngine, AzureOptions
from app.engines.base import CancelToken, Done, EngineError, EngineEvent, Failed, GenerationRequest, Token
from app.engines.openai_api import OpenAICompatibleEngine, RemoteOptions
from app.engines.remote_http import is_loopback_host, proxy_for
from app.runtime import Runtime
from app.storage.providers import Provider
from app.storage.secrets import SecretStore
from tests.helpers.scripted_server import DONE, ROLE, Handler, ScriptedServer, chunk, stream_of

ASK = GenerationRequest(
    messages=({"role": "user", "content": "Hi"},), params=GenerationParams(max_tokens=8, seed=1)
)
HELLO = stream_of(ROLE, chunk("Hello"), chunk(" there", "stop"), DONE)
DEAD_PROXY = "http://127.0.0.1:9"  # the discard port: nobody listens there
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


def engine_at(base_url: str, **options: Any) -> OpenAICompatibleEngine:
    options.setdefault("timeout", 30)
    options.setdefault("max_retries", 0)
    return OpenAICompatibleEngine(RemoteOptions(base_url=base_url, model="m", **options))


def events_of(engine: OpenAICompatibleEngine, cancel: CancelToken | None = None) -> list[EngineEvent]:
    try:
        return list(engine.stream(ASK, cancel or CancelToken()))
    finally:
        engine.close()


def text_of(events: list[EngineEvent]) -> str:
    return "".join(e.text for e in events if isinstance(e, Token))


@pytest.fixture
def proxies(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No proxy variable of the machine running the tests (either case) leaks in; the test
    sets its own with the returned monkeypatch."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    return monkeypatch


@pytest.fixture
def dead_proxy(proxies: pytest.MonkeyPatch) -> None:
    """The case's environment: both proxy variables at a dead proxy, no NO_PROXY."""
    proxies.setenv("HTTPS_PROXY", DEAD_PROXY)
    proxies.setenv("HTTP_PROXY", DEAD_PROXY)


def ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as sock:
            sock.bind(("::1", 0))
    except OSError:
        return False
    return True


# --- C25: proxies ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost", "::1"])
def test_c25_a_provider_on_this_machine_bypasses_the_proxy(dead_proxy: None, name: str) -> None:
    if name == "::1" and not ipv6_loopback():
        pytest.skip("this machine has no IPv6 loopback")
    host = "::1" if name == "::1" else "127.0.0.1"
    with ScriptedServer(HELLO, host=host) as server:
        url = f"http://{name if name != '::1' else '[::1]'}:{server.port}/v1"
        engine = engine_at(url)
        assert engine.proxy is None
        events = events_of(engine)
    final = events[-1]
    assert isinstance(final, Done) and final.reason == "stop" and final.text == "Hello there", final
    assert server.count() == 1 and server.requests[0].target == "/v1/chat/completions"


def test_c25_an_azure_resource_on_this_machine_bypasses_the_proxy(dead_proxy: None) -> None:
    with ScriptedServer(HELLO) as server:
        engine = AzureOpenAIEngine(
            AzureOptions(f"http://{server.address}", "chat", "2024-10-21", api_key="k", max_retries=0)
        )
        events = events_of(engine)
    assert isinstance(events[-1], Done) and events[-1].text == "Hello there", events[-1]


def recording_proxy(handler: Handler, _server: ScriptedServer) -> None:
    """A proxy that refuses tunnels (CONNECT, for https://) and answers forwarded plain-HTTP
    requests itself, as the remote server would."""
    if handler.command == "CONNECT":
        handler.send_json(403, {"error": "tunnels are not allowed here"})
        return
    HELLO(handler, _server)


def test_c25_a_remote_provider_still_goes_through_the_proxy(proxies: pytest.MonkeyPatch) -> None:
    with ScriptedServer(recording_proxy) as proxy:
        proxies.setenv("HTTP_PROXY", f"http://{proxy.address}")
        proxies.setenv("HTTPS_PROXY", f"http://{proxy.address}")
        engine = engine_at("http://api.remote.test/v1")
        assert engine.proxy == f"http://{proxy.address}"
        events = events_of(engine)
    assert isinstance(events[-1], Done) and events[-1].text == "Hello there", events[-1]
    seen = proxy.requests
    assert [(s.method, s.target, s.host) for s in seen] == [
        ("POST", "http://api.remote.test/v1/chat/completions", "api.remote.test")
    ]


def test_c25_a_refused_tunnel_names_the_proxy(proxies: pytest.MonkeyPatch) -> None:
    with ScriptedServer(recording_proxy) as proxy:
        proxies.setenv("HTTPS_PROXY", f"http://{proxy.address}")
        final = events_of(engine_at("https://api.remote.test/v1"))[-1]
    assert [(s.method, s.target) for s in proxy.requests] == [("CONNECT", "api.remote.test:443")]
    assert isinstance(final, Failed) and final.detail == "unreachable"
    assert final.message.startswith(f"The proxy http://{proxy.address} refused to connect to the server")


def test_c25_an_unreachable_proxy_is_named_without_its_password(proxies: pytest.MonkeyPatch) -> None:
    proxies.setenv("HTTPS_PROXY", "http://alice:s3cret@127.0.0.1:9")
    engine = engine_at("https://api.remote.test/v1")
    final = events_of(engine)[-1]
    assert isinstance(final, Failed) and final.detail == "unreachable"
    assert "cannot be reached through the proxy http://127.0.0.1:9 (" in final.message
    assert "s3cret" not in final.message and "alice" not in final.message
    with pytest.raises(EngineError, match=re.escape("through the proxy http://127.0.0.1:9")):
        engine_at("https://api.remote.test/v1").list_models()


def test_c25_which_hosts_go_direct(proxies: pytest.MonkeyPatch) -> None:
    proxies.setenv("HTTPS_PROXY", DEAD_PROXY)
    proxies.setenv("HTTP_PROXY", "proxy.corp:3128")  # no scheme: http:// as httpx reads it
    for url in ("http://127.0.0.1:8080/v1", "http://127.9.9.9/v1", "http://localhost:11434/v1",
                "http://LOCALHOST./v1", "http://llm.localhost/v1", "http://[::1]:8080/v1",
                "http://[::ffff:127.0.0.1]:8080/v1"):  # fmt: skip
        assert proxy_for(url) is None, url
    assert proxy_for("https://api.openai.com/v1") == DEAD_PROXY
    assert proxy_for("http://192.168.1.20:8080/v1") == "http://proxy.corp:3128"
    assert not is_loopback_host("127.example.com") and not is_loopback_host("")
    proxies.setenv("NO_PROXY", "openai.com,192.168.1.20")
    assert proxy_for("https://api.openai.com/v1") is None
    assert proxy_for("http://192.168.1.20:8080/v1") is None
    assert proxy_for("https://example.openai.azure.com") == DEAD_PROXY


# --- C26: slow servers -----------------------------------------------------------------------


def silent(handler: Handler, server: ScriptedServer) -> None:
    """Takes the request and says nothing until the test ends (a server busy with a long prompt)."""
    server.release.wait(60)


def test_c26_a_server_silent_past_the_read_timeout_is_not_sent_the_request_again() -> None:
    with ScriptedServer(silent) as server:
        engine = engine_at(server.base_url, timeout=0.5, max_retries=3, retry_base_seconds=0.0)
        assert engine._client.max_retries == 0  # the SDK would re-send a timed-out request twice
        started = time.monotonic()
        events = events_of(engine)
        elapsed = time.monotonic() - started
        count = server.count()
    final = events[-1]
    assert isinstance(final, Failed) and final.detail == "timeout", final
    assert count == 1 and len(events) == 1  # no notice of a retry, no second request
    assert final.message.startswith("The server took the request but sent nothing for 0.5 s")
    assert "the request was not sent again" in final.message and "provider settings" in final.message
    assert elapsed < 30  # the configured read limit, not the SDK's 600 s


def test_c26_a_server_silent_after_the_first_words_keeps_them_and_is_not_asked_again() -> None:
    def stalls(handler: Handler, server: ScriptedServer) -> None:
        handler.start_stream()
        handler.send_raw(ROLE + chunk("Once upon"))
        server.release.wait(60)

    with ScriptedServer(stalls) as server:
        events = events_of(engine_at(server.base_url, timeout=0.5, max_retries=3))
        count = server.count()
    final = events[-1]
    assert isinstance(final, Failed) and final.detail == "timeout" and text_of(events) == "Once upon"
    assert count == 1


def test_c26_test_connection_and_model_list_are_not_repeated_either() -> None:
    with ScriptedServer(silent) as server:
        engine = engine_at(server.base_url, timeout=0.5, max_retries=3)
        try:
            with pytest.raises(EngineError) as checking:
                engine.check_connection()
            with pytest.raises(EngineError) as listing:
                engine.list_models()
        finally:
            engine.close()
        methods = [s.method for s in server.requests]
    assert methods == ["POST", "GET"] and checking.value.detail == listing.value.detail == "timeout"


def test_c26_the_sdk_never_retries_on_its_own() -> None:
    azure = AzureOpenAIEngine(
        AzureOptions("https://x.openai.azure.com", "chat", "2024-10-21", api_key="k", max_retries=4)
    )
    other = azure.with_timeout(900)
    try:
        assert azure._client.max_retries == other._client.max_retries == 0
        assert (other._client.timeout.connect, other._client.timeout.read) == (10, 900)
    finally:
        other.close()
        azure.close()


@pytest.fixture
def full_listener() -> Iterator[int]:
    """A port whose accept queue is full: the kernel drops new SYNs, so a connection attempt
    hangs until the client's connect timeout (nothing is refused, nothing answers). Yields
    the port once a probe connection really hangs."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers: list[socket.socket] = []
    try:
        for _ in range(8):
            probe = socket.socket()
            probe.settimeout(0.3)
            fillers.append(probe)
            try:
                probe.connect(("127.0.0.1", port))
            except TimeoutError:
                break
        else:
            pytest.fail("the accept queue never filled: cannot make a connection hang here")
        yield port
    finally:
        for sock in fillers:
            sock.close()
        listener.close()


def test_c26_connecting_fails_fast_whatever_the_read_timeout(full_listener: int) -> None:
    engine = engine_at(f"http://127.0.0.1:{full_listener}/v1", timeout=600, connect_timeout=0.5)
    started = time.monotonic()
    final = events_of(engine)[-1]
    elapsed = time.monotonic() - started
    assert isinstance(final, Failed) and final.detail == "unreachable", final
    assert final.message.startswith("The server did not accept a connection within 0.5 s")
    assert elapsed < 60  # far below the 600 s read timeout


def test_c26_the_read_timeout_is_the_providers_and_connecting_stays_short() -> None:
    runtime = Runtime.start()
    slow = Provider.new("Big local model", "compatible", model="m", base_url="http://127.0.0.1:8080/v1",
                        timeout=1800.0)  # fmt: skip
    engine = runtime.remote_engine(slow, SecretStore())
    try:
        timeout = engine._client.timeout
        assert (timeout.connect, timeout.read, timeout.write) == (10, 1800, 1800)
        assert engine._client.max_retries == 0
    finally:
        engine.close()


def test_c26_stop_while_the_server_is_silent_after_its_first_words_returns_at_once() -> None:
    """The server sent its headers and a first piece, then works on in silence: the read is
    blocked in the socket, where closing the response alone does not wake it."""

    def thinks(handler: Handler, server: ScriptedServer) -> None:
        handler.start_stream()
        handler.send_raw(ROLE + chunk("Let me think"))
        server.release.wait(60)

    cancel = CancelToken()
    stopped_at: list[float] = []

    def stop() -> None:
        stopped_at.append(time.monotonic())
        cancel.cancel()  # from another thread, as the Stop button does

    with ScriptedServer(thinks) as server:
        engine = engine_at(server.base_url, timeout=60)
        timer = threading.Timer(0.5, stop)
        events: list[EngineEvent] = []
        try:
            for event in engine.stream(ASK, cancel):
                events.append(event)
                if isinstance(event, Token):
                    timer.start()  # the loop goes back to reading, and blocks there
            ended = time.monotonic()
        finally:
            timer.cancel()
            engine.close()
    final = events[-1]
    assert isinstance(final, Done) and final.reason == "cancelled" and final.text == "Let me think"
    # without the fix the read wakes only when the server lets go (60 s): 30 s cannot mix them up
    assert ended - stopped_at[0] < 30, f"Stop took {ended - stopped_at[0]:.1f} s"
    assert server.count() == 1


def test_c26_stop_before_the_server_sent_anything_returns_at_once() -> None:
    cancel = CancelToken()
    with ScriptedServer(silent) as server:
        engine = engine_at(server.base_url, timeout=60)
        threading.Timer(0.5, cancel.cancel).start()
        started = time.monotonic()
        events = events_of(engine, cancel)
        elapsed = time.monotonic() - started
    final = events[-1]
    # waiting for the read timeout would take 60 s: 30 s cannot mix them up
    assert isinstance(final, Done) and final.reason == "cancelled" and elapsed < 30
    assert server.count() <= 1
