"""Azure OpenAI through a loopback shim that speaks Azure's URL shape and headers and
forwards to llama.cpp's OpenAI-compatible server (cases C11, C12)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.core.types import GenerationParams
from app.engines.azure import AzureOpenAIEngine, AzureOptions
from app.engines.base import CancelToken, Done, Failed, GenerationRequest, Token
from tests.helpers.azure_shim import DEPLOYMENT, KEY, AzureShim
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


def azure(shim: AzureShim, key: str = KEY, deployment: str = DEPLOYMENT) -> AzureOpenAIEngine:
    return AzureOpenAIEngine(AzureOptions(shim.endpoint, deployment, "2024-10-21", api_key=key, timeout=60))


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
    }


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
        ("404", "(404)", "not_found"),
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
    ("mode", "detail"), [("forward", None), ("401", "auth"), ("404", "not_found"), ("429", "rate_limited")]
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
