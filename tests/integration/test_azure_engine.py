"""Azure OpenAI through a loopback shim that speaks Azure's URL shape and headers and
forwards to llama.cpp's OpenAI-compatible server (cases C11, C12), and the remote engines'
retries (429/5xx before the first token) against the shim's scripted failures."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from app.core.types import GenerationParams, NoticeKind
from app.engines.azure import AzureOpenAIEngine, AzureOptions
from app.engines.base import CancelToken, Done, EngineEvent, Failed, GenerationRequest, Notice, Token
from tests.helpers.azure_shim import DEPLOYMENT, KEY, TOKEN, AzureShim
from tests.integration.test_openai_engine import server  # noqa: F401 (the llama.cpp server fixture)

GREEDY = GenerationParams(temperature=0.0, max_tokens=16, seed=1, repeat_penalty=1.0)
ASK = GenerationRequest(
    messages=({"role": "user", "content": "What is the capital of France?"},), params=GREEDY
)


@pytest.fixture
def shim(server: str) -> Iterator[AzureShim]:  # noqa: F811
    port = int(server.rsplit(":", 1)[1].split("/")[0])
    with AzureShim(upstream_port=port) as shim:
        yield shim


def azure(shim: AzureShim, key: str = KEY, deployment: str = DEPLOYMENT, **options: Any) -> AzureOpenAIEngine:
    options.setdefault("api_key", key)
    options.setdefault("max_retries", 0)  # the retry tests below ask for retries
    return AzureOpenAIEngine(AzureOptions(shim.endpoint, deployment, "2024-10-21", timeout=60, **options))


def run(engine: AzureOpenAIEngine) -> tuple[str, Done | Failed]:
    try:
        events = list(engine.stream(ASK, CancelToken()))
    finally:
        engine.close()
    final = events[-1]
    assert isinstance(final, Done | Failed)
    return "".join(e.text for e in events if isinstance(e, Token)), final


def test_chat_through_azure_url_shape_key_and_api_version(shim: AzureShim) -> None:
    text, final = run(azure(shim))
    assert isinstance(final, Done) and text and final.text == text
    assert shim.seen[-1] == {
        "path": f"/openai/deployments/{DEPLOYMENT}/chat/completions",
        "api_version": "2024-10-21",
        "api_key": KEY,
        "authorization": None,
    }


def test_an_entra_id_token_is_sent_as_a_bearer_token(shim: AzureShim) -> None:
    text, final = run(azure(shim, api_key=None, ad_token=TOKEN))
    assert isinstance(final, Done) and text
    assert shim.seen[-1]["authorization"] == f"Bearer {TOKEN}" and shim.seen[-1]["api_key"] is None


def test_a_refused_entra_id_token_says_how_to_get_a_new_one(shim: AzureShim) -> None:
    _, final = run(azure(shim, api_key=None, ad_token="expired-token"))
    assert isinstance(final, Failed) and final.detail == "auth"
    assert final.message == (
        "The Entra ID token was refused (401); get a new one (az account get-access-token "
        "--resource https://cognitiveservices.azure.com) and paste it in the provider settings."
    )


def test_a_key_and_a_token_together_are_refused() -> None:
    with pytest.raises(ValueError, match="not both"):
        AzureOpenAIEngine(AzureOptions("https://x.openai.azure.com", DEPLOYMENT, "2024-10-21", "k", "t"))


def test_azure_capabilities_say_why_raw_completion_is_missing(shim: AzureShim) -> None:
    engine = azure(shim)
    caps = engine.capabilities
    assert not caps.raw_completion and caps.logprobs and not caps.grammar
    assert "no raw completion endpoint" in caps.reason("raw_completion")
    assert all(caps.reason(name) for name in ("grammar", "beam_search", "perplexity", "embeddings"))
    final = list(engine.stream(GenerationRequest(prompt="Once upon a time"), CancelToken()))[-1]
    engine.close()
    assert isinstance(final, Failed) and final.kind == "invalid_request" and not shim.seen


def test_c11_a_derived_client_keeps_the_api_version(shim: AzureShim) -> None:
    original = azure(shim)
    _, final = run(original.with_timeout(30))
    original.close()
    assert isinstance(final, Done) and shim.seen[-1]["api_version"] == "2024-10-21"


def test_c11_a_missing_api_version_is_caught_before_sending() -> None:
    with pytest.raises(ValueError, match="api-version"):
        AzureOpenAIEngine(AzureOptions("https://x.openai.azure.com", DEPLOYMENT, "", api_key=KEY))


def test_c12_an_empty_choices_first_chunk_is_skipped(shim: AzureShim) -> None:
    shim.mode = "empty_first"
    text, final = run(azure(shim))
    assert isinstance(final, Done) and text


def test_c12_content_filter_is_reported_as_such(shim: AzureShim) -> None:
    shim.mode = "content_filter"
    _, final = run(azure(shim))
    assert isinstance(final, Failed) and "content filter" in final.message


@pytest.mark.parametrize(
    ("mode", "words", "detail"),
    [
        ("401", "API key (401)", "auth"),
        ("403", "no permission for this (403)", "forbidden"),
        (
            "404",
            f"Azure has no deployment called “{DEPLOYMENT}” on this resource (404 DeploymentNotFound)",
            "not_found",
        ),
        ("429", "Try again in 17 s", "rate_limited"),
    ],
)
def test_errors_say_what_is_wrong(shim: AzureShim, mode: str, words: str, detail: str) -> None:
    shim.mode = mode
    _, final = run(azure(shim))
    assert isinstance(final, Failed) and words in final.message and final.detail == detail


def test_a_stream_cut_mid_reply_keeps_the_text(shim: AzureShim) -> None:
    shim.mode = "cut"
    engine = azure(shim)
    events = list(engine.stream(ASK, CancelToken()))
    engine.close()
    assert "".join(e.text for e in events if isinstance(e, Token)) == "Half a reply"
    final = events[-1]
    assert isinstance(final, Failed) and final.detail == "cut" and "text so far is kept" in final.message


@pytest.mark.parametrize(
    ("mode", "detail"),
    [("forward", None), ("401", "auth"), ("403", "forbidden"), ("404", "not_found"), ("429", "rate_limited")],
)
def test_test_connection_reports_precisely(shim: AzureShim, mode: str, detail: str | None) -> None:
    from app.engines.base import EngineError

    shim.mode = mode
    engine = azure(shim)
    try:
        if detail is None:
            assert "answers" in engine.check_connection()
        else:
            with pytest.raises(EngineError) as info:
                engine.check_connection()
            assert info.value.detail == detail
    finally:
        engine.close()


# --- retries (429/5xx before the first token) -----------------------------------------------


def events_of(engine: AzureOpenAIEngine, cancel: CancelToken | None = None) -> list[EngineEvent]:
    try:
        return list(engine.stream(ASK, cancel or CancelToken()))
    finally:
        engine.close()


def test_a_429_with_retry_after_is_retried_after_that_wait(shim: AzureShim) -> None:
    shim.fail_times, shim.fail_status, shim.fail_headers = 1, 429, {"Retry-After": "1"}
    started = time.monotonic()
    events = events_of(azure(shim, max_retries=2))
    elapsed = time.monotonic() - started
    notices = [e for e in events if isinstance(e, Notice)]
    assert isinstance(events[-1], Done) and events[-1].text and len(shim.seen) == 2
    assert [n.kind for n in notices] == [NoticeKind.RETRYING] and events.index(notices[0]) == 0
    assert notices[0].message == (
        "The server is rate-limiting requests (429); trying again in 1 s (attempt 2 of 3)."
    )
    assert 1.0 <= elapsed < 30


def test_a_503_is_retried_with_backoff(shim: AzureShim) -> None:
    shim.fail_times, shim.fail_status = 2, 503
    events = events_of(azure(shim, max_retries=2, retry_base_seconds=0.05))
    notices = [e.message for e in events if isinstance(e, Notice)]
    assert isinstance(events[-1], Done) and len(shim.seen) == 3
    assert len(notices) == 2
    assert all(n.startswith("The server failed (503); trying again in") for n in notices)
    assert notices[1].endswith("(attempt 3 of 3).")


def test_when_the_retries_are_used_up_the_last_error_is_reported(shim: AzureShim) -> None:
    shim.fail_times, shim.fail_status = 5, 503
    events = events_of(azure(shim, max_retries=2, retry_base_seconds=0.01))
    final = events[-1]
    assert isinstance(final, Failed) and final.detail == "server" and "(503)" in final.message
    assert len(shim.seen) == 3 and sum(isinstance(e, Notice) for e in events) == 2


def test_max_retries_0_fails_at_once(shim: AzureShim) -> None:
    # Retry-After 60 s (the longest wait honoured): failing "at once" and waiting for it
    # cannot be confused, even on a loaded machine
    shim.fail_times, shim.fail_status, shim.fail_headers = 1, 429, {"Retry-After": "60"}
    started = time.monotonic()
    events = events_of(azure(shim, max_retries=0))
    assert time.monotonic() - started < 30 and len(shim.seen) == 1 and len(events) == 1
    assert isinstance(events[0], Failed) and events[0].detail == "rate_limited"


def test_a_server_asking_for_more_than_a_minute_is_not_retried(shim: AzureShim) -> None:
    shim.fail_times, shim.fail_status, shim.fail_headers = 1, 429, {"Retry-After": "3600"}
    events = events_of(azure(shim, max_retries=2))
    assert len(shim.seen) == 1 and isinstance(events[-1], Failed)
    assert "Try again in 3600 s" in events[-1].message


def test_a_stream_cut_after_the_first_token_is_not_retried(shim: AzureShim) -> None:
    shim.mode = "cut"
    events = events_of(azure(shim, max_retries=3, retry_base_seconds=0.01))
    final = events[-1]
    assert isinstance(final, Failed) and final.detail == "cut" and len(shim.seen) == 1
    assert not any(isinstance(e, Notice) for e in events)


def test_stop_during_a_retry_wait_ends_at_once(shim: AzureShim) -> None:
    # Retry-After 60 s: ending "at once" (< 20 s after Stop, room for a loaded machine) and
    # sleeping through the wait cannot be confused
    shim.fail_times, shim.fail_status, shim.fail_headers = 3, 429, {"Retry-After": "60"}
    cancel = CancelToken()
    stopped_at: list[float] = []

    def stop() -> None:
        stopped_at.append(time.monotonic())
        cancel.cancel()

    timer = threading.Timer(0.2, stop)
    engine = azure(shim, max_retries=2)
    events: list[EngineEvent] = []
    try:
        for event in engine.stream(ASK, cancel):
            events.append(event)
            if isinstance(event, Notice):
                timer.start()
        ended = time.monotonic()
    finally:
        timer.join()
        engine.close()
    final = events[-1]
    assert isinstance(final, Done) and final.reason == "cancelled" and final.text == ""
    assert ended - stopped_at[0] < 20 and len(shim.seen) == 1
