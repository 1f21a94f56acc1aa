"""Remote engines through the official ``openai`` SDK: OpenAI and any OpenAI-compatible
server (llama.cpp server, Ollama, LM Studio, vLLM).

Footguns handled (ENGINE_NOTES.md): ``max_retries=0`` (the SDK retries twice by default,
which against a local server means duplicate generations); ``base_url`` passed explicitly
(``OPENAI_BASE_URL`` would silently change it); a placeholder key for keyless servers (an
empty key raises "Missing credentials"); chunks with empty ``choices`` skipped (Azure's
filter metadata, the usage chunk); ``finish_reason == "content_filter"`` reported as such.
Stop closes the HTTP stream at once.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from app.core.types import GenerationParams, ModelInfo, Usage
from app.engines.base import (
    CancelToken,
    Capabilities,
    Done,
    EngineError,
    EngineEvent,
    Failed,
    GenerationRequest,
    Token,
)

#: Key sent to servers that need none (the SDK refuses an empty one).
PLACEHOLDER_KEY = "not-needed"


@dataclass(frozen=True)
class RemoteOptions:
    """Where and how to reach an OpenAI-compatible server.

    Attributes:
        base_url: e.g. ``https://api.openai.com/v1`` or ``http://127.0.0.1:8080/v1``.
        model: the model name the server knows.
        api_key: None for keyless servers.
        timeout: seconds to wait for a connection and between streamed chunks.
    """

    base_url: str
    model: str
    api_key: str | None = None
    timeout: float = 60.0
    organization: str | None = None
    project: str | None = None


def describe_error(exc: Exception, what: str) -> tuple[str, str]:
    """(failure kind, plain words) for an ``openai`` exception while ``what``."""
    import openai

    if isinstance(exc, openai.APITimeoutError):
        return "unreachable", f"The server did not answer in time while {what}."
    if isinstance(exc, openai.APIConnectionError):
        return "unreachable", f"The server cannot be reached ({exc.__cause__ or exc}) while {what}."
    if isinstance(exc, openai.AuthenticationError):
        return "auth", "The server refused the API key (401). Check the key in the provider settings."
    if isinstance(exc, openai.PermissionDeniedError):
        return "auth", "The key has no permission for this (403)."
    if isinstance(exc, openai.NotFoundError):
        return "not_found", "The server does not know this model or address (404). Check the model name."
    if isinstance(exc, openai.RateLimitError):
        retry = exc.response.headers.get("retry-after") if exc.response is not None else None
        wait = f" Try again in {retry} s." if retry else ""
        return "rate_limited", f"The server is rate-limiting requests (429).{wait}"
    if isinstance(exc, openai.InternalServerError):
        return "server", f"The server failed ({exc.status_code}). Try again later."
    if isinstance(exc, openai.APIStatusError):
        return "server", f"The server answered {exc.status_code}: {exc.message}"
    return "internal", f"The request failed: {exc}"


class OpenAICompatibleEngine:
    """An :class:`app.engines.base.Engine` talking to an OpenAI-compatible HTTP API."""

    def __init__(self, options: RemoteOptions, client: Any = None) -> None:
        import openai

        self.options = options
        self._client = client or openai.OpenAI(
            api_key=options.api_key or PLACEHOLDER_KEY,
            base_url=options.base_url,
            organization=options.organization,
            project=options.project,
            timeout=options.timeout,
            max_retries=0,
        )
        self._model = ModelInfo(name=options.model, path=options.base_url, backend="remote")

    @property
    def capabilities(self) -> Capabilities:
        return Capabilities(raw_completion=True)

    @property
    def model(self) -> ModelInfo | None:
        return self._model

    def list_models(self) -> list[str]:
        """Model ids from ``GET /models``. Raises EngineError with plain words."""
        try:
            return sorted(m.id for m in self._client.models.list())
        except Exception as exc:
            kind, message = describe_error(exc, "listing models")
            raise EngineError("internal", message, kind) from exc

    def check_connection(self) -> str:
        """ "Test connection": a one-token request to the configured model.

        Returns a plain-words success message. Raises:
            EngineError: ``detail`` is the failure kind ('unreachable', 'auth',
                'not_found', 'rate_limited', 'server', ...), ``message`` says what to do.
        """
        request = GenerationRequest(
            messages=({"role": "user", "content": "Say OK."},),
            params=GenerationParams(max_tokens=1, temperature=0.0, seed=0),
        )
        for event in self.stream(request, CancelToken()):
            if isinstance(event, Failed):
                raise EngineError("internal", event.message, event.detail)
        return f"Connected: “{self.options.model}” answers."

    def stream(self, request: GenerationRequest, cancel: CancelToken) -> Iterator[EngineEvent]:
        params = request.params.with_resolved_seed()
        started = time.perf_counter()
        common: dict[str, Any] = {
            "model": self.options.model,
            "temperature": params.temperature,
            "top_p": params.top_p,
            "max_tokens": params.max_tokens,
            "presence_penalty": params.presence_penalty,
            "frequency_penalty": params.frequency_penalty,
            "seed": params.seed,
            "stream": True,
        }
        if params.stop:
            common["stop"] = list(params.stop)
        api: Any = self._client  # keyword sets built at run time: skip the SDK's overloads
        try:
            if request.prompt is not None:
                stream: Any = api.completions.create(prompt=request.prompt, **common)
            else:
                stream = api.chat.completions.create(
                    messages=[dict(m) for m in request.messages],
                    stream_options={"include_usage": True},
                    **common,
                )
        except Exception as exc:
            kind, message = describe_error(exc, "sending the request")
            yield Failed("internal", message, kind)
            return
        cancel.on_cancel(stream.close)  # Stop closes the HTTP stream at once
        text: list[str] = []
        reason = ""  # stays empty if the stream ends without a finish reason (cut)
        usage = Usage()
        first_at: float | None = None
        try:
            for chunk in stream:
                if cancel.is_cancelled():
                    reason = "cancelled"
                    break
                if getattr(chunk, "usage", None) is not None:
                    usage = Usage(
                        prompt_tokens=chunk.usage.prompt_tokens or 0,
                        completion_tokens=chunk.usage.completion_tokens or 0,
                    )
                if not chunk.choices:  # Azure filter metadata first, the usage chunk last
                    continue
                choice = chunk.choices[0]
                piece = choice.delta.content if request.prompt is None else choice.text
                if piece:
                    first_at = first_at or time.perf_counter()
                    text.append(piece)
                    yield Token(piece)
                if choice.finish_reason:
                    reason = choice.finish_reason
        except Exception as exc:
            if cancel.is_cancelled():
                reason = "cancelled"
            else:
                kind, message = describe_error(exc, "streaming the reply")
                yield Failed("internal", message, kind)
                return
        finally:
            stream.close()
        if not reason:
            yield Failed(
                "internal",
                "The connection closed before the reply was complete. The text so far is kept; "
                "regenerate to try again.",
                "cut",
            )
            return
        if reason == "content_filter":
            yield Failed("internal", "The provider's content filter stopped the reply.", "content_filter")
            return
        ended = time.perf_counter()
        first = first_at or ended
        usage = Usage(
            prompt_tokens=usage.prompt_tokens,
            completion_tokens=usage.completion_tokens or len(text),
            prompt_seconds=first - started,
            generation_seconds=ended - first,
        )
        final = reason if reason in ("stop", "length", "cancelled") else "stop"
        yield Done(reason=final, usage=usage, seed=params.seed, text="".join(text))  # type: ignore[arg-type]

    def count_tokens(self, text: str) -> int:
        raise EngineError("internal", "Remote servers do not count tokens for us.")

    def close(self) -> None:
        self._client.close()
