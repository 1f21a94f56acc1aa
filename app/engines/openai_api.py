"""Remote engines through the official ``openai`` SDK: OpenAI and any OpenAI-compatible
server (llama.cpp server, Ollama, LM Studio, vLLM).

Footguns handled (ENGINE_NOTES.md): the SDK's own ``max_retries=0`` (it retries twice by
default, including timeouts and connection errors, which against a local server means
duplicate generations; we retry ourselves, :mod:`app.engines.remote_retry`); ``base_url``
passed explicitly (``OPENAI_BASE_URL`` would silently change it); a placeholder key for
keyless servers (an empty key raises "Missing credentials"); chunks with empty ``choices``
skipped (Azure's filter metadata, the usage chunk); ``finish_reason == "content_filter"``
reported as such. Stop closes the HTTP stream at once, even while the server is silent.

The parts live beside this module and are re-exported here:

- :mod:`app.engines.remote_http`: timeouts (connect fast, read as long as the provider
  says: C26) and proxies (loopback servers never go through one: C25);
- :mod:`app.engines.remote_retry`: which answers are retried and the tenacity loop (429/5xx
  before the first token only; nothing is sent again once the server took the request);
- :mod:`app.engines.remote_errors`: plain words for every failure (:data:`RemoteFailure`);
- :mod:`app.engines.remote_stream`: reading chunks as servers really send them (C31),
  log-probabilities, and the Stop that interrupts a silent read.

``Failed`` events from these engines have kind 'internal' and the precise cause in
``detail`` (:data:`RemoteFailure`).

Log-probabilities (``GenerationRequest.top_logprobs`` > 0) are asked for as
``logprobs=True, top_logprobs=n`` (chat; OpenAI allows n <= 20) or ``logprobs=n`` (raw
completions; OpenAI allows n <= 5 and answers 400 above) and read from each chunk's
``choice.logprobs``. llama_cpp.server gives them (its ``logits_all`` defaults to True) but
then decodes each token on its own, so a character split across tokens can vanish from the
text (ENGINE_NOTES.md, UTF-8).
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
    TokenLogprob,
)
from app.engines.remote_errors import Credential, RemoteFailure, describe_error
from app.engines.remote_http import CONNECT_TIMEOUT_SECONDS, client_timeout, http_client, proxy_for
from app.engines.remote_retry import (
    BACKOFF_CAP_SECONDS,
    MAX_RETRIES,
    MAX_WAIT_SECONDS,
    call_cancellable,
    open_with_retries,
    retry_after_seconds,
    retry_message,
    retry_wait,
    should_retry,
)
from app.engines.remote_stream import (
    Stopper,
    chat_logprobs,
    completion_logprobs,
    finish_reason_of,
    text_of,
)

__all__ = [
    "BACKOFF_CAP_SECONDS",
    "CAPABILITY_REASONS",
    "CONNECT_TIMEOUT_SECONDS",
    "MAX_RETRIES",
    "MAX_WAIT_SECONDS",
    "NO_RAW_COMPLETION",
    "PLACEHOLDER_KEY",
    "Credential",
    "OpenAICompatibleEngine",
    "RemoteFailure",
    "RemoteOptions",
    "call_cancellable",
    "chat_logprobs",
    "client_timeout",
    "completion_logprobs",
    "describe_error",
    "open_with_retries",
    "openai_offers_completions",
    "retry_after_seconds",
    "retry_message",
    "retry_wait",
    "should_retry",
    "validate_retry_settings",
]

#: Key sent to servers that need none (the SDK refuses an empty one).
PLACEHOLDER_KEY = "not-needed"

CAPABILITY_REASONS: tuple[tuple[str, str], ...] = (
    ("grammar", "Only the local engine can constrain output with a grammar."),
    ("beam_search", "Only the local engine offers beam search."),
    ("perplexity", "Only the local engine can measure perplexity."),
    ("embeddings", "Only the local engine computes embeddings."),
)

NO_RAW_COMPLETION = (
    "This model has no raw completion endpoint (OpenAI offers /completions only for its instruct models)."
)


def openai_offers_completions(model: str) -> bool:
    """Whether api.openai.com serves ``/v1/completions`` for ``model``: only its legacy
    instruct and base models (gpt-3.5-turbo-instruct, davinci-002, babbage-002); the chat
    models answer 404 there (OpenAI's Completions API reference, "legacy")."""
    name = model.lower()
    return "instruct" in name or name.startswith(("davinci", "babbage"))


@dataclass(frozen=True)
class RemoteOptions:
    """Where and how to reach an OpenAI-compatible server.

    Attributes:
        base_url: e.g. ``https://api.openai.com/v1`` or ``http://127.0.0.1:8080/v1``.
        model: the model name the server knows.
        api_key: None for keyless servers.
        timeout: seconds to wait for each read (the first byte of the answer, then between
            streamed chunks), each write and a pooled connection. A server that took the
            request and stays silent this long fails with kind 'timeout' and the request is
            not sent again (C26).
        organization, project: OpenAI's optional headers.
        max_retries: how many times (0..10) a request answered 429 or 5xx is sent again
            before the first token; 0 = fail at once.
        retry_base_seconds: the first backoff wait (s) when the server sends no
            Retry-After; it doubles for each retry (plus up to as much again of jitter),
            up to :data:`BACKOFF_CAP_SECONDS`. Tests make it small.
        raw_completion: False where the endpoint has no ``/completions`` for this model
            (OpenAI's chat models).
        connect_timeout: seconds to wait for the TCP/TLS connection (at most ``timeout``), so
            an unreachable host fails fast whatever the read timeout (C26).
    """

    base_url: str
    model: str
    api_key: str | None = None
    timeout: float = 60.0
    organization: str | None = None
    project: str | None = None
    max_retries: int = 2
    retry_base_seconds: float = 1.0
    raw_completion: bool = True
    connect_timeout: float = CONNECT_TIMEOUT_SECONDS

    def validate(self) -> None:
        """Raise ValueError in plain words for a value out of range."""
        validate_retry_settings(self.timeout, self.max_retries, self.retry_base_seconds)
        if not self.connect_timeout > 0:
            raise ValueError("The connect timeout must be a positive number of seconds.")


def validate_retry_settings(timeout: float, max_retries: int, retry_base_seconds: float = 1.0) -> None:
    """Raise ValueError unless ``timeout`` > 0 s, ``max_retries`` in 0..10 and the base >= 0 s."""
    if not timeout > 0:
        raise ValueError("The timeout must be a positive number of seconds.")
    if isinstance(max_retries, bool) or not isinstance(max_retries, int):
        raise ValueError("The number of retries must be a whole number.")
    if not 0 <= max_retries <= MAX_RETRIES:
        raise ValueError(f"The number of retries must be between 0 and {MAX_RETRIES}.")
    if not retry_base_seconds >= 0:
        raise ValueError("The retry wait must not be negative.")


class OpenAICompatibleEngine:
    """An :class:`app.engines.base.Engine` talking to an OpenAI-compatible HTTP API.

    Raises ValueError (plain words) for options out of range.
    """

    #: for :func:`describe_error`: what authenticates the requests
    credential: Credential = "key"

    def __init__(self, options: RemoteOptions, client: Any = None) -> None:
        import openai

        options.validate()
        self.options = options
        #: the proxy requests go through (None: direct; always None for loopback servers, C25)
        self.proxy = proxy_for(options.base_url)
        if client is None:
            timeout = client_timeout(options.timeout, options.connect_timeout)
            client = openai.OpenAI(
                api_key=options.api_key or PLACEHOLDER_KEY,
                base_url=options.base_url,
                organization=options.organization,
                project=options.project,
                timeout=timeout,
                max_retries=0,  # we retry ourselves, before the first token only (C26)
                http_client=http_client(options.base_url, timeout),
            )
        self._client = client
        self._model = ModelInfo(name=options.model, path=options.base_url, backend="remote")

    @property
    def capabilities(self) -> Capabilities:
        if self.options.raw_completion:
            return Capabilities(raw_completion=True, logprobs=True, reasons=CAPABILITY_REASONS)
        reasons = (("raw_completion", NO_RAW_COMPLETION), *CAPABILITY_REASONS)
        return Capabilities(raw_completion=False, logprobs=True, reasons=reasons)

    @property
    def model(self) -> ModelInfo | None:
        return self._model

    def describe(self, exc: BaseException, what: str) -> tuple[RemoteFailure, str]:
        """:func:`describe_error` with this engine's credential kind, proxy and timeouts."""
        return describe_error(exc, what, credential=self.credential, **self._route())

    def _route(self) -> dict[str, Any]:
        """The proxy and timeouts (s) of the requests, for :func:`describe_error`."""
        return {
            "proxy": self.proxy,
            "timeout": self.options.timeout,
            "connect_timeout": min(self.options.connect_timeout, self.options.timeout),
        }

    def list_models(self) -> list[str]:
        """Model ids from ``GET /models``. Raises EngineError with plain words (no retries)."""
        try:
            return sorted(m.id for m in self._client.models.list())
        except Exception as exc:
            kind, message = self.describe(exc, "listing models")
            raise EngineError("internal", message, kind) from exc

    def check_connection(self) -> str:
        """ "Test connection": a one-token request to the configured model.

        Returns a plain-words success message. Raises:
            EngineError: ``detail`` is the failure kind (:data:`RemoteFailure`: 'unreachable',
                'timeout', 'tls', 'auth', 'forbidden', 'not_found', 'rate_limited', 'server',
                'protocol', ...), ``message`` says what to do.
        """
        request = GenerationRequest(
            messages=({"role": "user", "content": "Say OK."},),
            params=GenerationParams(max_tokens=1, temperature=0.0, seed=0),
        )
        # no retries: a 429 is reported at once, with its Retry-After, instead of waited out
        for event in self._stream(request, CancelToken(), max_retries=0):
            if isinstance(event, Failed):
                raise EngineError("internal", event.message, event.detail)
        return f"Connected: “{self.options.model}” answers."

    def stream(self, request: GenerationRequest, cancel: CancelToken) -> Iterator[EngineEvent]:
        return self._stream(request, cancel, self.options.max_retries)

    def _stream(
        self, request: GenerationRequest, cancel: CancelToken, max_retries: int
    ) -> Iterator[EngineEvent]:
        """Stream a chat or raw completion; see :class:`app.engines.base.Engine`.

        Yields :class:`Notice` events while waiting to retry (429/5xx before the first token),
        :class:`Token` events (with ``logprobs`` when ``request.top_logprobs`` > 0 and the
        server sends them), then one :class:`Done` or :class:`Failed` (``detail`` a
        :data:`RemoteFailure`).
        """
        params = request.params.with_resolved_seed()
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
        raw = request.prompt is not None
        if request.top_logprobs:
            if raw:
                common["logprobs"] = request.top_logprobs
            else:
                common.update(logprobs=True, top_logprobs=request.top_logprobs)
        api: Any = self._client  # keyword sets built at run time: skip the SDK's overloads
        started = time.perf_counter()

        def create() -> Any:
            nonlocal started
            started = time.perf_counter()
            if raw:
                return api.completions.create(prompt=request.prompt, **common)
            return api.chat.completions.create(
                messages=[dict(m) for m in request.messages],
                stream_options={"include_usage": True},
                **common,
            )

        try:
            stream: Any = yield from open_with_retries(
                create, cancel, max_retries, self.options.retry_base_seconds
            )
        except Exception as exc:
            kind, message = self.describe(exc, "sending the request")
            yield Failed("internal", message, kind)
            return
        if stream is None:  # Stop during a wait before a retry
            yield Done(reason="cancelled", usage=Usage(), seed=params.seed)
            return
        stopper = Stopper(stream)
        cancel.on_cancel(stopper)  # Stop ends the HTTP stream at once, even a silent one (C26)
        text: list[str] = []
        reason = ""  # stays empty if the stream ends without a finish reason (cut)
        usage = Usage()
        first_at: float | None = None
        pending: tuple[TokenLogprob, ...] = ()  # logprobs of chunks without text yet
        counted = 0  # tokens with logprobs (an exact count when the server sends no usage)
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
                piece = text_of(choice, raw)
                if request.top_logprobs:
                    found = completion_logprobs(choice) if raw else chat_logprobs(choice)
                    pending += found
                    counted += len(found)
                if piece:
                    first_at = first_at or time.perf_counter()
                    text.append(piece)
                    yield Token(piece, pending)
                    pending = ()
                reason = finish_reason_of(choice) or reason  # also inside delta (C31)
        except Exception as exc:
            if cancel.is_cancelled():
                reason = "cancelled"
            else:
                kind, message = self.describe(exc, "streaming the reply")
                yield Failed("internal", message, kind)
                return
        finally:
            stopper.disarm()
            stream.close()
        if not reason and cancel.is_cancelled():
            # Stop shut the socket: a body without a length then just ends, with no error
            reason = "cancelled"
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
            completion_tokens=usage.completion_tokens or counted or len(text),
            prompt_seconds=first - started,
            generation_seconds=ended - first,
        )
        final = reason if reason in ("stop", "length", "cancelled") else "stop"
        yield Done(reason=final, usage=usage, seed=params.seed, text="".join(text))  # type: ignore[arg-type]

    def count_tokens(self, text: str) -> int:
        raise EngineError("internal", "Remote servers do not count tokens for us.")

    def close(self) -> None:
        self._client.close()
