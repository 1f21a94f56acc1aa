"""LocalEngine: the parent-side proxy of the engine host process.

Every method is blocking and meant to run off the GUI thread. Requests are serialised
(one model, one request at a time). If the host dies, :meth:`LocalEngine.stream` ends
with ``Failed("crashed")`` and the next request starts a new host and reloads the last
model that loaded successfully.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from app.core.types import GenerationParams, ModelInfo, NoticeKind, Usage
from app.engines.base import (
    CancelToken,
    Candidate,
    Capabilities,
    Done,
    EngineError,
    EngineEvent,
    Failed,
    GenerationRequest,
    ScoreResult,
    Token,
    TokenLogprob,
)
from app.engines.local.options import LoadOptions
from app.engines.local.process import STATES, HostProcess, load_message

if TYPE_CHECKING:
    from multiprocessing.synchronize import Event as HostEvent

__all__ = ["STATES", "STOP_GRACE_SECONDS", "LoadOptions", "LocalEngine"]

#: Seconds the host gets to honour Stop before it is killed (it normally needs one token).
STOP_GRACE_SECONDS = 3.0


class LocalEngine(HostProcess):
    """Runs GGUF models through llama.cpp in a separate host process.

    Args:
        log_dir: folder for ``engine-host.log`` (the host's stderr and llama.cpp's log).
        on_state: called (from whatever thread changed it) with the new :class:`EngineState`.
    """

    # -- Engine protocol ------------------------------------------------------------------
    @property
    def capabilities(self) -> Capabilities:
        """Raw completion, log-probabilities (raw model distribution, see
        :mod:`app.engines.local.host`), GBNF grammars and perplexity (:meth:`score`)."""
        return Capabilities(
            raw_completion=True,
            logprobs=True,
            grammar=True,
            perplexity=True,
            beam_search=True,
            reasons=(("embeddings", "The local engine does not compute embeddings yet."),),
        )

    @property
    def model(self) -> ModelInfo | None:
        return self._model

    def load(self, path: str | os.PathLike[str], options: LoadOptions | None = None) -> ModelInfo:
        """Load a GGUF file, replacing the current model only if the new one loads.

        Raises:
            EngineError: kind ``not_gguf``, ``damaged``, ``load_failed``, ``crashed`` or
                ``cancelled`` (:meth:`cancel_load`); the previously loaded model stays
                usable in every case.
        """
        options = options or LoadOptions()
        options.validate()
        path = os.fspath(path)
        with self._lock:
            self._loading = True  # from here on, cancel_load() works (also while starting)
            self._load_cancelled = False
            try:
                self._ensure_host()
                self._set_state("loading")
                kind, payload = self._call("load", options.to_args(path))
            except EngineError as exc:
                # The host died while loading this file (or the load was cancelled by
                # killing it): bring the previous model back.
                self._restart_quietly()
                if self._load_cancelled:
                    raise EngineError("cancelled", "Loading was cancelled.") from exc
                if options.n_gpu_layers == 0:
                    raise
                # A GPU driver can abort the process instead of failing the load: try the
                # CPU once, like the host does for a load that fails without crashing.
                cpu = replace(options, n_gpu_layers=0)
                kind, payload = self._call("load", cpu.to_args(path))
                if kind == "loaded":
                    payload["notices"] = [*payload.get("notices", []), NoticeKind.GPU_FALLBACK.value]
                    options = cpu
            finally:
                self._loading = False
            if kind == "error":
                self._set_state("ready" if self._model else "stopped")
                raise EngineError(payload["kind"], load_message(payload, path), payload["detail"])
            self._model = ModelInfo(**payload)
            self._spec = (path, options)
            self._set_state("ready")
            return self._model

    def stream(self, request: GenerationRequest, cancel: CancelToken) -> Iterator[EngineEvent]:
        """Generate; see :class:`app.engines.base.Engine`. Never raises for engine failures."""
        params = request.params.with_resolved_seed()
        try:
            params.validate()
        except ValueError as exc:
            yield Failed("invalid_request", str(exc))
            return
        # Wait for another pane's request, but honour Stop while waiting.
        while not self._lock.acquire(timeout=0.1):
            if cancel.is_cancelled():
                yield Done(reason="cancelled", usage=Usage(), seed=params.seed)
                return
        try:
            yield from self._stream_locked(request, params, cancel)
        finally:
            self._lock.release()

    def _stream_locked(
        self, request: GenerationRequest, params: GenerationParams, cancel: CancelToken
    ) -> Iterator[EngineEvent]:
        try:
            self._ensure_host()
        except EngineError as exc:
            yield Failed(exc.kind, exc.message, exc.detail)
            return
        if self._model is None:
            yield Failed("no_model", "No model is loaded. Choose a model first.")
            return
        self._cancel.clear()
        stop = _HostStop(cancel, self._cancel)
        args: dict[str, Any] = {
            "params": params.to_dict(),
            "top_logprobs": request.top_logprobs,
            "grammar": request.grammar,
        }
        if request.prompt is not None:
            args["prompt"] = request.prompt
        else:
            args["messages"] = [dict(m) for m in request.messages]
        self._set_state("generating")
        finished = False
        text: list[str] = []
        try:
            conn = self._send("generate", args)
            while True:
                if not self._await_host(conn, stop):
                    # The reply so far is kept; the host restarts with the same model.
                    finished = True
                    yield Done(reason="cancelled", usage=Usage(), seed=params.seed, text="".join(text))
                    return
                try:
                    kind, payload = conn.recv()
                except (EOFError, OSError):
                    finished = True
                    failure = self._crashed()
                    yield Failed("crashed", failure.message, failure.detail)
                    return
                if kind == "token":
                    text.append(payload)
                    yield Token(payload)
                    continue
                if kind == "token_logprobs":
                    piece, entries = payload
                    text.append(piece)
                    yield Token(piece, _logprobs(entries))
                    continue
                finished = True
                self._set_state("ready")
                if kind == "done":
                    yield Done(
                        reason=payload["reason"],
                        usage=Usage.from_dict(payload["usage"]),
                        seed=payload["seed"],
                        text=payload["text"],
                        notices=tuple(NoticeKind(n) for n in payload["notices"]),
                        trimmed_messages=payload["trimmed_messages"],
                        evaluated_tokens=payload.get("evaluated_tokens", 0),
                        candidates=tuple(Candidate(**c) for c in payload.get("candidates", ())),
                    )
                else:
                    yield Failed(payload["kind"], payload["message"], payload["detail"])
                return
        except EngineError as exc:  # the host died before it took the request
            finished = True
            yield Failed(exc.kind, exc.message, exc.detail)
        finally:
            stop.end()
            if not finished:
                self._drain_abandoned()

    def score(
        self,
        text: str,
        cancel: CancelToken,
        on_progress: Callable[[int, int], None] | None = None,
        stride: int | None = None,
        top_logprobs: int = 0,
    ) -> ScoreResult:
        """Score ``text`` under the loaded model: per-token log-probabilities and perplexity.

        Runs in the engine host (see ``ScoringMixin.score`` in :mod:`app.engines.local.host.scoring`): the
        text is tokenized with a BOS token where the model wants one, and a text longer than
        n_ctx is scored in windows of n_ctx tokens that start every ``stride`` tokens
        (default n_ctx // 2), each token once, given up to n_ctx - 1 tokens before it
        (:func:`app.core.perplexity.scoring_windows`). The first token has no prediction and
        is not scored. Perplexity is exp of the mean negative log-likelihood
        (:func:`app.core.perplexity.perplexity`). The chat's KV cache is saved and put back,
        so the next request still reuses its prefix.

        Args:
            text: the text to score (at least two tokens with the BOS, if any).
            cancel: Stop; honoured between batches and by llama.cpp's abort callback within
                one; a host that does not react within :data:`STOP_GRACE_SECONDS` is killed
                (and restarts on the next request).
            on_progress: called on this thread with (tokens scored, tokens to score) after
                each batch.
            stride: tokens between window starts, 2 .. n_ctx - 2; None = n_ctx // 2.
            top_logprobs: 0..20 alternatives per token in :attr:`ScoreResult.tokens` (``top``).

        Returns:
            A :class:`ScoreResult` (``tokens`` in text order, plain floats).

        Raises:
            ValueError: ``top_logprobs`` out of range.
            EngineError: kind ``cancelled`` (Stop), ``no_model``, ``invalid_request`` (text
                too short, stride out of range), ``crashed`` or ``internal``.
        """
        from app.engines.base import MAX_TOP_LOGPROBS

        if isinstance(top_logprobs, bool) or not 0 <= top_logprobs <= MAX_TOP_LOGPROBS:
            raise ValueError(f"top_logprobs must be 0 (off) to {MAX_TOP_LOGPROBS}")
        while not self._lock.acquire(timeout=0.1):
            if cancel.is_cancelled():
                raise EngineError("cancelled", "Scoring was cancelled.")
        try:
            return self._score_locked(text, cancel, on_progress, stride, top_logprobs)
        finally:
            self._lock.release()

    def _score_locked(
        self,
        text: str,
        cancel: CancelToken,
        on_progress: Callable[[int, int], None] | None,
        stride: int | None,
        top_logprobs: int,
    ) -> ScoreResult:
        self._ensure_host()
        if self._model is None:
            raise EngineError("no_model", "No model is loaded. Choose a model first.")
        self._cancel.clear()
        stop = _HostStop(cancel, self._cancel)
        self._set_state("generating")
        finished = False
        try:
            conn = self._send("score", {"text": text, "stride": stride, "top_logprobs": top_logprobs})
            while True:
                if not self._await_host(conn, stop):
                    finished = True  # the host restarts on the next request
                    raise EngineError("cancelled", "Scoring was cancelled.")
                kind, payload = self._recv_or_crash()
                if kind == "progress":
                    if on_progress is not None:
                        on_progress(int(payload[0]), int(payload[1]))
                    continue
                finished = True
                self._set_state("ready")
                if kind == "scored":
                    return ScoreResult(
                        tokens=_logprobs(payload["tokens"]),
                        perplexity=float(payload["perplexity"]),
                        n_tokens=int(payload["n_tokens"]),
                        seconds=float(payload["seconds"]),
                    )
                raise EngineError(payload["kind"], payload["message"], payload.get("detail", ""))
        except EngineError:
            finished = True
            raise
        finally:
            stop.end()
            if not finished:  # on_progress raised: let the host finish, keep the pipe in step
                self._drain_abandoned()

    def _await_host(self, conn: Connection, stop: _HostStop) -> bool:
        """Wait for the host's next message on ``conn``: True once there is one; False
        when the host ignored Stop for :data:`STOP_GRACE_SECONDS` (stuck in a GPU kernel,
        or hung): it is then killed, and the next request starts a new one with the same
        model."""
        while not conn.poll(0.1):
            if stop.ignored():
                self._kill_host()
                self._crashed()
                return False
        return True

    def _drain_abandoned(self) -> None:
        """The consumer left mid-stream (or a progress listener raised): cancel and read up
        to the host's final event."""
        self._cancel.set()
        try:
            while True:
                kind, _payload = self._recv_or_crash()
                if kind in ("done", "error", "scored"):
                    break
        except EngineError:
            return
        self._set_state("ready")

    def cancel_load(self) -> bool:
        """Cancel a load in progress (thread-safe): the host is stopped and restarted with
        the previous model, and :meth:`load` raises ``EngineError("cancelled")``. Returns
        whether a load was running. llama.cpp cannot abort a load, hence the kill."""
        if not self._loading:
            return False
        self._load_cancelled = True
        self._kill_host()
        return True

    def restart(self) -> ModelInfo | None:
        """Start a new host if the old one died, reloading the last model; return it.

        Raises:
            EngineError: the host could not start or the model no longer loads.
        """
        with self._lock:
            self._ensure_host()
            return self._model

    def system_info(self) -> dict[str, Any]:
        """``{"gpu_offload": bool, "backend": "CPU"|"CUDA"|"Metal"|..., "system_info": str}``
        for the installed llama.cpp build (``llama_supports_gpu_offload``)."""
        with self._lock:
            self._ensure_host()
            kind, payload = self._call("system_info", {})
            if kind == "error":
                raise EngineError(payload["kind"], payload["message"])
            info: dict[str, Any] = payload
            return info

    def try_count(
        self, messages: list[dict[str, str]] | None = None, text: str | None = None, wait_s: float = 0.0
    ) -> int | None:
        """Tokens of chat ``messages`` (rendered with the template) or of raw ``text``;
        None if it cannot be counted: no model, or the engine is busy (at once, without
        waiting, unless ``wait_s`` > 0: then after waiting up to ``wait_s`` seconds for the
        request that holds it). For meters."""
        if not (self._lock.acquire(timeout=wait_s) if wait_s > 0 else self._lock.acquire(blocking=False)):
            return None
        try:
            if self._model is None or self._conn is None:
                return None
            args: dict[str, Any] = {"messages": messages} if messages is not None else {"text": text or ""}
            kind, payload = self._call("tokenize", args)
            return int(payload) if kind == "tokens" else None
        except EngineError:
            return None
        finally:
            self._lock.release()

    def count_tokens(self, text: str) -> int:
        """Tokens of ``text`` as a raw prompt (with BOS). Raises EngineError if no model."""
        with self._lock:
            self._ensure_host()
            kind, payload = self._call("tokenize", {"text": text})
            if kind == "error":
                raise EngineError(payload["kind"], payload["message"])
            return int(payload)

    def unload(self) -> None:
        with self._lock:
            if self._process is not None and self._process.is_alive():
                self._call("unload", {})
            self._model, self._spec = None, None
            self._set_state("stopped")

    def close(self) -> None:
        """Shut the host down (waits up to 5 s, then kills it). Safe to call twice.

        If a request holds the engine for more than 2 s (a hung host), the host is killed
        first so that closing never hangs.
        """
        self._closed = True
        if not self._lock.acquire(timeout=2.0):
            self._kill_host()
            if not self._lock.acquire(timeout=10.0):
                return
        try:
            self._stop_host()
            self._set_state("stopped")
        finally:
            self._lock.release()


class _HostStop:
    """Stop for one request to the host: while the request runs, cancelling ``cancel``
    sets the host's ``host_cancel`` event (:meth:`end` stops that, so a token cancelled
    after the request must not leak into the next one), and :meth:`ignored` times the
    grace the host gets to honour it, from the first wait after Stop."""

    def __init__(self, cancel: CancelToken, host_cancel: HostEvent) -> None:
        self._cancel = cancel
        self._host_cancel = host_cancel
        self._forwarding = True
        self._since: float | None = None
        cancel.on_cancel(self._forward)

    def _forward(self) -> None:
        if self._forwarding:
            self._host_cancel.set()

    def end(self) -> None:
        self._forwarding = False

    def ignored(self) -> bool:
        """True once Stop was asked and :data:`STOP_GRACE_SECONDS` have passed since the
        first call that saw it."""
        if not self._cancel.is_cancelled():
            return False
        self._since = self._since or time.monotonic()
        return time.monotonic() - self._since >= STOP_GRACE_SECONDS


def _logprobs(entries: Any) -> tuple[TokenLogprob, ...]:
    """TokenLogprobs from the host's plain tuples (text, logprob, ((text, logprob), ...))."""
    return tuple(
        TokenLogprob(token, float(value), tuple((alt, float(v)) for alt, v in top))
        for token, value, top in entries
    )
