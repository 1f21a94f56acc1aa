"""Remote engines through the official ``openai`` SDK: OpenAI and any OpenAI-compatible
server (llama.cpp server, Ollama, LM Studio, vLLM).

Footguns handled (ENGINE_NOTES.md): the SDK's own ``max_retries=0`` (it retries twice by
default, including timeouts and connection errors, which against a local server means
duplicate generations; we retry ourselves, see below); ``base_url`` passed explicitly
(``OPENAI_BASE_URL`` would silently change it); a placeholder key for keyless servers (an
empty key raises "Missing credentials"); chunks with empty ``choices`` skipped (Azure's
filter metadata, the usage chunk); ``finish_reason == "content_filter"`` reported as such.
Stop closes the HTTP stream at once.

Retries (:func:`should_retry`, :func:`retry_wait`): an answer of 429 or 5xx to the request
itself is retried up to :attr:`RemoteOptions.max_retries` times with ``tenacity``, waiting
as long as the server's ``retry-after-ms`` / ``Retry-After`` header says (seconds or an
HTTP date), else an exponential backoff with jitter (base 1 s, 2 s, 4 s … at most
:data:`BACKOFF_CAP_SECONDS`). A server asking for more than :data:`MAX_WAIT_SECONDS` is not
retried (the SDK refuses such waits too). A :class:`~app.engines.base.Notice` is yielded
before each wait, and Stop ends the wait at once (``Done(reason="cancelled")``). Nothing is
retried once the response is streaming: the SDK turns an error event mid-stream into a plain
``APIError``, and a cut stream keeps its partial text (``Failed`` detail 'cut'), so a
reply is never generated twice behind the user's back.

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

import email.utils
import math
import ssl
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterator, Mapping
from dataclasses import dataclass
from datetime import timezone
from typing import Any, Literal, TypeVar, cast

from tenacity import (
    DoAttempt,
    DoSleep,
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)

from app.core.types import GenerationParams, ModelInfo, Usage
from app.engines.base import (
    CancelToken,
    Capabilities,
    Done,
    EngineError,
    EngineEvent,
    Failed,
    GenerationRequest,
    Notice,
    Token,
    TokenLogprob,
)

T = TypeVar("T")

#: Key sent to servers that need none (the SDK refuses an empty one).
PLACEHOLDER_KEY = "not-needed"
#: Longest wait (s) for a TCP/TLS connection, so an unreachable host fails fast.
CONNECT_TIMEOUT_SECONDS = 10.0
#: Longest backoff wait (s) when the server does not say how long to wait.
BACKOFF_CAP_SECONDS = 30.0
#: Longest single wait (s) before a retry; a server asking for longer is not retried.
MAX_WAIT_SECONDS = 60.0
#: Most retries a provider may ask for.
MAX_RETRIES = 10

#: ``Failed.detail`` of remote engines.
RemoteFailure = Literal[
    "unreachable",  # no connection, or no answer within the timeout
    "tls",  # the TLS handshake failed (certificate not trusted, http server behind https://)
    "auth",  # 401: the key or token was refused
    "forbidden",  # 403: the key or identity may not do this
    "not_found",  # 404: unknown model, deployment or address
    "bad_request",  # 400/422: the server refused the parameters
    "rate_limited",  # 429 (after the retries)
    "server",  # 5xx (after the retries) or another status
    "cut",  # the stream ended without a finish reason
    "content_filter",  # the provider's filter stopped the reply
    "internal",  # anything else
]
#: What authenticates the requests: an API key, or a Microsoft Entra ID bearer token (Azure).
Credential = Literal["key", "entra"]

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
            streamed chunks), each write and a pooled connection; connecting waits at most
            ``min(CONNECT_TIMEOUT_SECONDS, timeout)`` s (see :func:`client_timeout`).
        organization, project: OpenAI's optional headers.
        max_retries: how many times (0..10) a request answered 429 or 5xx is sent again
            before the first token; 0 = fail at once.
        retry_base_seconds: the first backoff wait (s) when the server sends no
            Retry-After; it doubles for each retry (plus up to as much again of jitter),
            up to :data:`BACKOFF_CAP_SECONDS`. Tests make it small.
    """

    base_url: str
    model: str
    api_key: str | None = None
    timeout: float = 60.0
    organization: str | None = None
    project: str | None = None
    max_retries: int = 2
    retry_base_seconds: float = 1.0
    #: False where the endpoint has no ``/completions`` for this model (OpenAI's chat models)
    raw_completion: bool = True

    def validate(self) -> None:
        """Raise ValueError in plain words for a value out of range."""
        validate_retry_settings(self.timeout, self.max_retries, self.retry_base_seconds)


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


def client_timeout(seconds: float) -> Any:
    """The SDK timeout for ``seconds``: an ``httpx`` ``Timeout`` (the SDK re-exports it as
    ``openai.Timeout``) with read/write/pool ``seconds`` and connect
    ``min(CONNECT_TIMEOUT_SECONDS, seconds)``. The SDK's own default is 600 s (connect 5 s)."""
    import openai

    return openai.Timeout(seconds, connect=min(CONNECT_TIMEOUT_SECONDS, seconds))


# --- retries ---------------------------------------------------------------------------------


def retry_after_seconds(headers: Mapping[str, str] | None, now: float | None = None) -> float | None:
    """Seconds the server asks the client to wait, from ``retry-after-ms`` (OpenAI and Azure
    send it) or ``Retry-After`` as seconds or an HTTP date (RFC 9110 §10.2.3); ``now`` is the
    epoch time to measure a date from (default: the clock). None when absent or unreadable;
    never negative. Header names are looked up in lower case (``httpx`` headers ignore case).
    """
    if headers is None:
        return None
    seconds: float | None = None
    milliseconds = headers.get("retry-after-ms")
    if milliseconds:
        try:
            seconds = float(milliseconds) / 1000
        except ValueError:
            seconds = None
    value = headers.get("retry-after")
    if seconds is None and value:
        try:
            seconds = float(value)
        except ValueError:
            try:
                when = email.utils.parsedate_to_datetime(value)
            except (TypeError, ValueError, IndexError):
                return None
            if when.tzinfo is None:
                when = when.replace(tzinfo=timezone.utc)
            seconds = when.timestamp() - (time.time() if now is None else now)
    if seconds is None or not math.isfinite(seconds):
        return None
    return max(0.0, seconds)


def _status(exc: BaseException | None) -> int:
    import openai

    return exc.status_code if isinstance(exc, openai.APIStatusError) else 0


def _server_wait(exc: BaseException | None) -> float | None:
    import openai

    return retry_after_seconds(exc.response.headers) if isinstance(exc, openai.APIStatusError) else None


def should_retry(exc: BaseException) -> bool:
    """Whether an exception from opening a request is worth sending again: a 429 or a 5xx
    (not 501/505, which will not change), unless the server says ``x-should-retry: false``
    or asks for a wait over :data:`MAX_WAIT_SECONDS`. Connection errors and timeouts are not
    retried (an unreachable host should fail fast; a timed-out local server may still be
    generating)."""
    status = _status(exc)
    if status != 429 and (status < 500 or status in (501, 505)):
        return False
    response = getattr(exc, "response", None)
    if response is not None and response.headers.get("x-should-retry", "").lower() == "false":
        return False
    wait = _server_wait(exc)
    return wait is None or wait <= MAX_WAIT_SECONDS


def retry_wait(base_seconds: float) -> Callable[[RetryCallState], float]:
    """A tenacity ``wait=`` strategy: the server's Retry-After when it sends one, else
    ``base * 2**(n-1)`` plus up to ``base`` of random jitter after the n-th failed attempt,
    at most :data:`BACKOFF_CAP_SECONDS`; never over :data:`MAX_WAIT_SECONDS` (seconds)."""
    backoff = wait_exponential_jitter(multiplier=base_seconds, max=BACKOFF_CAP_SECONDS, jitter=base_seconds)

    def wait(state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome is not None else None
        server = _server_wait(exc)
        return min(backoff(state) if server is None else server, MAX_WAIT_SECONDS)

    return wait


def _format_seconds(seconds: float) -> str:
    return f"{seconds:.0f}" if seconds >= 10 or seconds == int(seconds) else f"{seconds:.1f}"


def retry_message(exc: BaseException | None, seconds: float, attempt: int, attempts: int) -> str:
    """Plain words for a :class:`Notice` before a retry; ``attempt`` is the coming one (1-based)."""
    status = _status(exc)
    why = "The server is rate-limiting requests (429)" if status == 429 else f"The server failed ({status})"
    return f"{why}; trying again in {_format_seconds(seconds)} s (attempt {attempt} of {attempts})."


class _Stopped(Exception):
    """Stop was pressed before the server answered the request."""


def call_cancellable(create: Callable[[], T], cancel: CancelToken) -> T:
    """``create()`` on a helper thread, given up at once when Stop is pressed.

    Until the server sends its response headers, the SDK blocks in ``create()`` (up to the
    read timeout) and there is no stream to close yet; so the request runs on a daemon
    thread and Stop returns at once. An abandoned request closes its stream when it
    finally returns. Raises ``_Stopped`` when cancelled, else whatever ``create`` raises.
    """
    done = threading.Event()
    outcome: list[Any] = []
    lock = threading.Lock()
    abandoned = [False]

    def run() -> None:
        try:
            value: Any = ("ok", create())
        except BaseException as exc:  # handed to the caller's thread below
            value = ("error", exc)
        with lock:
            outcome.append(value)
            late = abandoned[0]
        done.set()
        if late and value[0] == "ok" and hasattr(value[1], "close"):
            value[1].close()  # nobody reads it: free the connection

    # not a "penwright-*" name: an abandoned request may outlive the reply on purpose
    threading.Thread(target=run, name="remote-request", daemon=True).start()
    cancel.on_cancel(done.set)
    done.wait()
    with lock:
        if not outcome:
            abandoned[0] = True
            raise _Stopped
    kind, value = outcome[0]
    if kind == "error":
        raise value
    if cancel.is_cancelled() and hasattr(value, "close"):
        value.close()
        raise _Stopped
    return cast(T, value)


def open_with_retries(
    create: Callable[[], T], cancel: CancelToken, max_retries: int, retry_base_seconds: float = 1.0
) -> Generator[Notice, None, T | None]:
    """Call ``create`` until it succeeds, retrying as :func:`should_retry` allows.

    A generator: it yields a :class:`Notice` (kind 'retrying') before each wait and returns
    ``create()``'s result, or None when Stop was pressed during a wait. Use it with
    ``result = yield from open_with_retries(...)``. The last exception is raised when the
    retries are used up or it is not worth retrying.

    This drives tenacity's state machine (``Retrying.iter`` with ``DoAttempt``/``DoSleep``,
    as ``for attempt in Retrying(...)`` does inside) so the notice can be yielded between
    tenacity's decision to wait and the wait itself; the wait is tenacity's ``sleep=`` hook,
    here ``cancel.wait``, which Stop interrupts.
    """

    def sleep(seconds: float) -> None:
        cancel.wait(seconds)  # returns early when Stop is pressed

    retrying = Retrying(
        stop=stop_after_attempt(max_retries + 1),
        wait=retry_wait(retry_base_seconds),
        retry=retry_if_exception(should_retry),
        sleep=sleep,
        reraise=True,
    )
    retrying.begin()
    state = RetryCallState(retrying, fn=None, args=(), kwargs={})
    while True:
        action = retrying.iter(state)
        if isinstance(action, DoAttempt):
            try:
                result = call_cancellable(create, cancel)
            except _Stopped:
                return None
            except Exception:
                state.set_exception(sys.exc_info())  # type: ignore[arg-type]
            else:
                state.set_result(result)
        elif isinstance(action, DoSleep):
            if cancel.is_cancelled():  # Stop was pressed while the request was under way
                return None
            exc = state.outcome.exception() if state.outcome is not None else None
            message = retry_message(exc, float(action), state.attempt_number + 1, max_retries + 1)
            yield Notice("retrying", message)
            state.prepare_for_next_attempt()
            retrying.sleep(action)
            if cancel.is_cancelled():
                return None
        else:
            return action


# --- errors ----------------------------------------------------------------------------------


def _ssl_error(exc: BaseException) -> ssl.SSLError | None:
    """The ``ssl.SSLError`` in ``exc``'s cause/context chain (httpx wraps it twice), or None."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, ssl.SSLError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def _error_code(exc: Any) -> str:
    code = getattr(exc, "code", None)
    if code is None and isinstance(getattr(exc, "body", None), dict):
        code = exc.body.get("code")
    return str(code or "")


def describe_error(
    exc: BaseException, what: str, *, credential: Credential = "key", deployment: str | None = None
) -> tuple[RemoteFailure, str]:
    """(failure kind, plain words) for an ``openai`` exception raised while ``what``.

    ``credential`` says whether an API key or an Entra ID token was sent (for the 401/403
    words); ``deployment`` is the Azure deployment name (for 404 DeploymentNotFound). The
    SDK maps statuses to ``AuthenticationError`` 401, ``PermissionDeniedError`` 403,
    ``NotFoundError`` 404, ``RateLimitError`` 429, ``InternalServerError`` >= 500, and
    connection failures to ``APIConnectionError`` (``APITimeoutError`` for timeouts) with
    the ``httpx`` error as ``__cause__``.
    """
    import openai

    if isinstance(exc, openai.APITimeoutError):
        return "unreachable", f"The server did not answer in time while {what}."
    if isinstance(exc, openai.APIConnectionError):
        tls = _ssl_error(exc)
        if isinstance(tls, ssl.SSLCertVerificationError):
            reason = tls.verify_message or tls.reason or "not trusted"
            return "tls", (
                f"The server's certificate was not accepted ({reason}) while {what}. Check the "
                "address; a server with a self-signed or company certificate must have it added to "
                "this computer's trusted certificates (or named in SSL_CERT_FILE)."
            )
        if tls is not None:
            reason = tls.reason or str(tls)
            return "tls", (
                f"The secure (TLS) connection failed ({reason}) while {what}. If the server "
                "speaks plain HTTP, use an http:// address."
            )
        return "unreachable", f"The server cannot be reached ({exc.__cause__ or exc}) while {what}."
    entra = credential == "entra"
    if isinstance(exc, openai.AuthenticationError):
        if entra:
            return "auth", (
                "The Entra ID token was refused (401); get a new one (az account get-access-token "
                "--resource https://cognitiveservices.azure.com) and paste it in the provider settings."
            )
        return "auth", "The server refused the API key (401). Check the key in the provider settings."
    if isinstance(exc, openai.PermissionDeniedError):
        who = "The Entra ID identity" if entra else "The key"
        return "forbidden", f"{who} has no permission for this (403): {exc.message}"
    if isinstance(exc, openai.NotFoundError):
        if deployment is not None:
            if _error_code(exc) == "DeploymentNotFound":
                return "not_found", (
                    f"Azure has no deployment called “{deployment}” on this resource (404 "
                    "DeploymentNotFound). Check the deployment name (Azure portal, Deployments)."
                )
            return "not_found", "Azure does not know this address (404). Check the endpoint and api-version."
        return "not_found", "The server does not know this model or address (404). Check the model name."
    if isinstance(exc, openai.RateLimitError):
        wait = _server_wait(exc)
        later = f" Try again in {math.ceil(wait)} s." if wait is not None else " Try again later."
        return "rate_limited", f"The server is rate-limiting requests (429).{later}"
    if isinstance(exc, openai.InternalServerError):
        return "server", f"The server failed ({exc.status_code}). Try again later."
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code in (400, 422):
            return "bad_request", f"The server refused the request ({exc.status_code}): {exc.message}"
        return "server", f"The server answered {exc.status_code}: {exc.message}"
    return "internal", f"The request failed: {exc}"


# --- logprobs --------------------------------------------------------------------------------


def _best_first(pairs: Iterator[tuple[str, float]]) -> tuple[tuple[str, float], ...]:
    return tuple(sorted(pairs, key=lambda pair: -pair[1]))


def chat_logprobs(choice: Any) -> tuple[TokenLogprob, ...]:
    """Log-probabilities of a chat chunk's choice (``choice.logprobs.content``: objects with
    ``token``, ``logprob`` and ``top_logprobs``), or ()."""
    content = getattr(getattr(choice, "logprobs", None), "content", None) or ()
    return tuple(
        TokenLogprob(
            item.token,
            float(item.logprob),
            _best_first((top.token, float(top.logprob)) for top in item.top_logprobs or ()),
        )
        for item in content
    )


def completion_logprobs(choice: Any) -> tuple[TokenLogprob, ...]:
    """Log-probabilities of a raw completion chunk's choice (parallel lists
    ``logprobs.tokens``, ``token_logprobs`` and ``top_logprobs``: {token: logprob} dicts), or ()."""
    logprobs = getattr(choice, "logprobs", None)
    if logprobs is None or not logprobs.tokens:
        return ()
    values = logprobs.token_logprobs or []
    tops = logprobs.top_logprobs or []
    result = []
    for i, token in enumerate(logprobs.tokens):
        value = values[i] if i < len(values) else None
        if value is None:  # the first prompt token when echoing has none
            continue
        top = tops[i] if i < len(tops) and tops[i] else {}
        result.append(TokenLogprob(token, float(value), _best_first((k, float(v)) for k, v in top.items())))
    return tuple(result)


# --- the engine ------------------------------------------------------------------------------


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
        self._client = client or openai.OpenAI(
            api_key=options.api_key or PLACEHOLDER_KEY,
            base_url=options.base_url,
            organization=options.organization,
            project=options.project,
            timeout=client_timeout(options.timeout),
            max_retries=0,  # we retry ourselves, before the first token only
        )
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
        """:func:`describe_error` with this engine's credential kind."""
        return describe_error(exc, what, credential=self.credential)

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
                'tls', 'auth', 'forbidden', 'not_found', 'rate_limited', 'server', ...),
                ``message`` says what to do.
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
        cancel.on_cancel(stream.close)  # Stop closes the HTTP stream at once
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
                piece = choice.text if raw else choice.delta.content
                if request.top_logprobs:
                    found = completion_logprobs(choice) if raw else chat_logprobs(choice)
                    pending += found
                    counted += len(found)
                if piece:
                    first_at = first_at or time.perf_counter()
                    text.append(piece)
                    yield Token(piece, pending)
                    pending = ()
                if choice.finish_reason:
                    reason = choice.finish_reason
        except Exception as exc:
            if cancel.is_cancelled():
                reason = "cancelled"
            else:
                kind, message = self.describe(exc, "streaming the reply")
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
