"""The Engine interface every backend implements: plain Python, no Qt.

A caller builds a :class:`GenerationRequest`, calls :meth:`Engine.stream` with a
:class:`CancelToken`, and iterates the events:

- :class:`Token` events carry the generated text (and, when asked for, log-probabilities);
- :class:`Notice` events may come at any time before the final event (e.g. a remote server
  answered 429 and the engine waits before trying again); they tell the user what is
  happening and change nothing in the reply;
- the iterator always ends with exactly one :class:`Done` or :class:`Failed` event; it never
  raises for generation problems.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Literal, Protocol, runtime_checkable

from app.core.types import ChatMessage, GenerationParams, ModelInfo, NoticeKind, Usage

FinishReason = Literal["stop", "length", "cancelled"]
#: The most alternatives per token a request may ask for (OpenAI's chat API limit).
MAX_TOP_LOGPROBS = 20
FailureKind = Literal[
    "crashed",  # the engine host process died (signal or abort); it restarts on the next request
    "not_gguf",  # the file is not a GGUF model
    "damaged",  # a GGUF file that is truncated or inconsistent
    "load_failed",  # llama.cpp could not load the file for another reason
    "no_model",  # nothing is loaded
    "context_overflow",  # the prompt does not fit in n_ctx
    "template",  # the chat template failed to render
    "invalid_request",  # parameters out of range
    "internal",  # an unexpected error; details are in the log
    "cancelled",  # a load the user cancelled
]


class EngineState(str, Enum):
    """What the local engine is doing (a ``str``: ``EngineState.READY == "ready"``)."""

    STOPPED = "stopped"  # no host process, or no model loaded
    STARTING = "starting"  # the host process is starting
    LOADING = "loading"  # a model is being loaded
    READY = "ready"  # a model is loaded and idle
    GENERATING = "generating"  # a request is being answered
    CRASHED = "crashed"  # the host died; it restarts with the model on the next request


class CancelToken:
    """A thread-safe cancel flag that can also notify listeners at once.

    ``cancel()`` may be called from any thread (the GUI thread's Stop button); engines
    register a callback (e.g. set a ``multiprocessing.Event`` shared with a host
    process) so cancellation is not delayed behind a blocking read.
    """

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], None]] = []

    def cancel(self) -> None:
        with self._lock:
            if self._event.is_set():
                return
            self._event.set()
            callbacks = list(self._callbacks)
        for callback in callbacks:
            callback()

    def is_cancelled(self) -> bool:
        return self._event.is_set()

    def on_cancel(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` when cancelled (at once if already cancelled)."""
        with self._lock:
            if not self._event.is_set():
                self._callbacks.append(callback)
                return
        callback()

    def wait(self, timeout: float | None = None) -> bool:
        return self._event.wait(timeout)


@dataclass(frozen=True)
class GenerationRequest:
    """One generation: chat ``messages`` or a raw ``prompt`` (exactly one of them).

    Attributes:
        messages: OpenAI-shaped turns, formatted with the model's chat template.
        prompt: raw text continued as-is (Story "Continue"; works with base models).
        params: sampling parameters; ``seed`` -1 is resolved by the caller or engine
            and reported back in :attr:`Done.seed`.
    """

    messages: tuple[ChatMessage, ...] = ()
    prompt: str | None = None
    params: GenerationParams = field(default_factory=GenerationParams)
    #: 0 = no log-probabilities; 1..20 = fill :attr:`Token.logprobs`, each with this many
    #: alternatives (engines whose :attr:`Capabilities.logprobs` is False ignore it)
    top_logprobs: int = 0
    #: a llama.cpp GBNF grammar (text; the start rule is ``root``) that constrains the
    #: output; None = unconstrained. Engines whose :attr:`Capabilities.grammar` is False
    #: ignore it. A grammar llama.cpp cannot parse ends the stream with
    #: ``Failed("invalid_request")``.
    grammar: str | None = None

    def __post_init__(self) -> None:
        if (self.prompt is None) == (not self.messages):
            raise ValueError("a GenerationRequest needs either messages or a prompt")
        if isinstance(self.top_logprobs, bool) or not 0 <= self.top_logprobs <= MAX_TOP_LOGPROBS:
            raise ValueError(f"top_logprobs must be 0 (off) to {MAX_TOP_LOGPROBS}")
        if self.grammar is not None and not self.grammar.strip():
            raise ValueError("grammar is empty: pass None for no grammar")


@dataclass(frozen=True)
class TokenLogprob:
    """The log-probability of one generated token.

    Attributes:
        token: the token's text as the server or model reports it (may be part of a
            character when a character spans tokens).
        logprob: natural logarithm of its probability (<= 0).
        top: the most likely alternatives at this position as (token, logprob) pairs, best
            first: :attr:`GenerationRequest.top_logprobs` of them, or one more for raw
            completions, where servers always add the sampled token (OpenAI's legacy
            completions API does so). With pure greedy decoding ``token`` comes first; a
            server applying penalties (llama.cpp's repeat_penalty) may choose another.
    """

    token: str
    logprob: float
    top: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Token:
    """A piece of generated text (whole UTF-8 characters only; may hold several tokens).

    ``logprobs`` holds one entry per model token in this piece when the request asked for
    them (:attr:`GenerationRequest.top_logprobs` > 0) and the engine offers them; else ().
    The local engine keeps each event's ``text`` equal to the concatenation of its entries'
    ``token`` texts (a token that ends inside a character has the text "" and travels with
    the token that completes it); remote servers report tokens as they come.
    """

    text: str
    logprobs: tuple[TokenLogprob, ...] = ()


@dataclass(frozen=True)
class Notice:
    """Something the user should see while the generation goes on (not the final event).

    Attributes:
        kind: what it is about: ``NoticeKind.RETRYING`` (a remote server refused for now;
            the engine waits, then sends the request again).
        message: plain words for the user, e.g. "The server is rate-limiting requests (429);
            trying again in 5 s (attempt 2 of 3)."
    """

    kind: NoticeKind
    message: str


@dataclass(frozen=True)
class Candidate:
    """One finished hypothesis of a beam search.

    Attributes:
        text: its text (stop strings and end-of-generation tokens removed).
        sum_logprob: total natural-log probability of its tokens (under the penalised,
            grammar-masked distribution the search used).
        mean_logprob: ``sum_logprob`` per token.
        score: the ranking value, ``sum_logprob / ((5 + n) / 6) ** length_penalty`` (GNMT).
        reason: 'stop' (ended by itself) or 'length' (reached max_tokens).
    """

    text: str
    sum_logprob: float
    mean_logprob: float
    score: float
    reason: str = "stop"


@dataclass(frozen=True)
class Done:
    """Generation ended normally, by length, or by cancel."""

    reason: FinishReason
    usage: Usage
    seed: int
    text: str = ""
    #: things the user should be told once: SYSTEM_FOLDED (C03: the template has no
    #: system role), TRIMMED (C04: older turns left out to fit n_ctx)
    notices: tuple[NoticeKind, ...] = ()
    #: how many of the oldest messages were left out of the prompt (C04)
    trimmed_messages: int = 0
    #: prompt tokens the engine really evaluated for this request, i.e. not reused from the
    #: KV cache of the previous request (local engine; 0 where unknown, e.g. remote engines).
    #: ``usage.prompt_tokens - evaluated_tokens`` tokens were reused.
    evaluated_tokens: int = 0
    #: beam search (``params.beam_width`` >= 1): every finished hypothesis, best first;
    #: ``text`` is the first one's
    candidates: tuple[Candidate, ...] = ()


@dataclass(frozen=True)
class Failed:
    """Generation or load failed; ``message`` is plain words for the user."""

    kind: FailureKind
    message: str
    detail: str = ""


EngineEvent = Token | Notice | Done | Failed


@dataclass(frozen=True)
class ScoreResult:
    """How well a model predicts a text: per-token log-probabilities and the perplexity.

    Attributes:
        tokens: one entry per *scored* token, in text order: ``token`` is its text (decoded
            incrementally, so a token that ends inside a multi-byte character has text "" and
            the character goes to the token that completes it), ``logprob`` the natural log of
            the probability the model gave it given the tokens before it, ``top`` the most
            likely tokens at that position when asked for (else ()). The text's first token
            has no prediction and is not scored: for models that add a BOS token this is the
            BOS (no text), otherwise the first token of the text, whose text is then missing
            from the concatenation of ``tokens``.
        perplexity: exp of the mean negative log-likelihood of the scored tokens
            (:func:`app.core.perplexity.perplexity`); lower is better, 1.0 is a certain model.
        n_tokens: number of scored tokens (``len(tokens)``).
        seconds: wall time the engine spent scoring (s).
    """

    tokens: tuple[TokenLogprob, ...]
    perplexity: float
    n_tokens: int
    seconds: float


@dataclass(frozen=True)
class Capabilities:
    """What an engine can do, so the UI can grey out the rest (with a reason).

    ``reasons`` pairs a capability's field name with plain words saying why it is not
    available, e.g. ``("raw_completion", "Azure chat deployments have no raw completion
    endpoint.")``; :meth:`reason` looks one up.
    """

    raw_completion: bool = False
    logprobs: bool = False
    grammar: bool = False
    beam_search: bool = False
    perplexity: bool = False
    embeddings: bool = False
    reasons: tuple[tuple[str, str], ...] = ()

    def reason(self, name: str) -> str:
        """Why capability ``name`` is unavailable ("" when none is given)."""
        return dict(self.reasons).get(name, "")


@runtime_checkable
class Engine(Protocol):
    """The face all engines share."""

    @property
    def capabilities(self) -> Capabilities: ...

    @property
    def model(self) -> ModelInfo | None:
        """The loaded model, or None."""
        ...

    def stream(self, request: GenerationRequest, cancel: CancelToken) -> Iterator[EngineEvent]:
        """Generate; yield :class:`Token` (and any :class:`Notice`) events, then exactly one
        :class:`Done` or :class:`Failed`."""
        ...

    def count_tokens(self, text: str) -> int:
        """Tokens ``text`` takes for the current model (raises RuntimeError if none is loaded)."""
        ...

    def close(self) -> None:
        """Release resources (processes, connections). Safe to call twice."""
        ...


class EngineError(RuntimeError):
    """A failure with a kind and a plain-words message (raised by load and other calls)."""

    def __init__(self, kind: FailureKind, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.kind: FailureKind = kind
        self.message = message
        self.detail = detail
