"""C31: servers that bend the streaming protocol, played byte for byte by a loopback server.

- ``finish_reason`` only inside ``delta``: the reply is complete (Done, reason 'stop'), not
  "the connection closed before the reply was complete";
- the last line ``[DONE]`` without its ``data:`` prefix: the same;
- a chunk that is not JSON: a plain-words Failed (kind 'protocol'), the text so far kept;
- Azure's 404 ``{"error": "Deployment X not found"}`` (a plain string, no code): the message
  names the deployment.
"""

from __future__ import annotations

import pytest

from app.core.types import GenerationParams
from app.engines.azure import AzureOpenAIEngine, AzureOptions
from app.engines.base import CancelToken, Done, EngineError, EngineEvent, Failed, GenerationRequest, Token
from app.engines.openai_api import OpenAICompatibleEngine, RemoteOptions
from tests.helpers.scripted_server import DONE, ROLE, Handler, ScriptedServer, chunk, stream_of

ASK = GenerationRequest(
    messages=({"role": "user", "content": "Hi"},), params=GenerationParams(max_tokens=8, seed=1)
)


def events_from(server: ScriptedServer) -> list[EngineEvent]:
    engine = OpenAICompatibleEngine(
        RemoteOptions(base_url=server.base_url, model="m", timeout=30, max_retries=0)
    )
    try:
        return list(engine.stream(ASK, CancelToken()))
    finally:
        engine.close()


def text_of(events: list[EngineEvent]) -> str:
    return "".join(e.text for e in events if isinstance(e, Token))


BARE_DONE = b"[DONE]\n\n"  # the end line without its "data:" prefix
COMPLETE_STREAMS = {
    "finish_reason only in delta": (
        ROLE,
        chunk("Hello"),
        chunk(" there"),
        chunk("", "stop", in_delta=True),
        DONE,
    ),
    "[DONE] without data:": (ROLE, chunk("Hello"), chunk(" there"), chunk(None, "stop"), BARE_DONE),
    "both at once": (ROLE, chunk("Hello"), chunk(" there"), chunk("", "stop", in_delta=True), BARE_DONE),
    "finish reason with the last text": (chunk("Hello"), chunk(" there", "stop"), DONE),
}


@pytest.mark.parametrize(("name", "parts"), COMPLETE_STREAMS.items(), ids=list(COMPLETE_STREAMS))
def test_c31_a_complete_reply_is_done_not_cut(name: str, parts: tuple[bytes, ...]) -> None:
    with ScriptedServer(stream_of(*parts)) as server:
        events = events_from(server)
    final = events[-1]
    assert isinstance(final, Done), f"{name}: {final}"
    assert final.reason == "stop" and final.text == "Hello there" == text_of(events)
    assert server.count() == 1


def test_c31_a_stream_without_any_finish_reason_is_still_cut() -> None:
    """The control: the finish reason really decides (no [DONE] and no finish_reason = cut)."""
    with ScriptedServer(stream_of(ROLE, chunk("Hello"), BARE_DONE)) as server:
        events = events_from(server)
    final = events[-1]
    assert isinstance(final, Failed) and final.detail == "cut" and text_of(events) == "Hello"


def test_c31_a_malformed_chunk_is_a_plain_words_failure_and_keeps_the_text() -> None:
    broken = b'data: {"id": "c1", "choices": [{"delta": {"content": "x"\n\n'
    parts = (ROLE, chunk("Hello"), broken, chunk("!"), DONE)
    with ScriptedServer(stream_of(*parts)) as server:
        events = events_from(server)
    final = events[-1]
    assert isinstance(final, Failed) and final.detail == "protocol", final
    assert text_of(events) == "Hello"
    assert final.message.startswith("The server sent a piece of the reply that is not valid JSON (“{")
    assert "The text so far is kept" in final.message and "Traceback" not in final.message


def test_c31_a_chunk_that_is_not_json_at_all_names_what_came() -> None:
    with ScriptedServer(stream_of(ROLE, chunk("Hi"), b"data: <html>Bad gateway</html>\n\n")) as server:
        events = events_from(server)
    final = events[-1]
    assert isinstance(final, Failed) and final.detail == "protocol"
    assert "“<html>Bad gateway</html>”" in final.message and text_of(events) == "Hi"


def deployment_missing(handler: Handler, _server: ScriptedServer) -> None:
    """What some Azure gateways answer for an unknown deployment: a plain-string error, no code."""
    handler.send_json(404, {"error": "Deployment gpt-4o-prod not found"})


def azure_at(server: ScriptedServer) -> AzureOpenAIEngine:
    return AzureOpenAIEngine(
        AzureOptions(f"http://{server.address}", "gpt-4o-prod", "2024-10-21", api_key="k", max_retries=0)
    )


def test_c31_an_azure_404_with_a_plain_string_error_names_the_deployment() -> None:
    with ScriptedServer(deployment_missing) as server:
        engine = azure_at(server)
        try:
            events = list(engine.stream(ASK, CancelToken()))
            with pytest.raises(EngineError) as info:
                engine.check_connection()
        finally:
            engine.close()
    final = events[-1]
    assert isinstance(final, Failed) and final.detail == "not_found"
    assert final.message == (
        "Azure has no deployment called “gpt-4o-prod” on this resource (404: “Deployment gpt-4o-prod "
        "not found”). Check the deployment name (Azure portal, Deployments)."
    )
    assert info.value.detail == "not_found" and "“gpt-4o-prod”" in info.value.message
    assert server.requests[0].target.startswith("/openai/deployments/gpt-4o-prod/chat/completions?")


def test_c31_any_other_azure_404_still_names_the_deployment() -> None:
    def not_found(handler: Handler, _server: ScriptedServer) -> None:
        handler.send_json(404, {"error": {"code": "404", "message": "Resource not found"}})

    with ScriptedServer(not_found) as server:
        engine = azure_at(server)
        try:
            final = list(engine.stream(ASK, CancelToken()))[-1]
        finally:
            engine.close()
    assert isinstance(final, Failed) and final.detail == "not_found"
    assert "“Resource not found”" in final.message and "deployment name “gpt-4o-prod”" in final.message
