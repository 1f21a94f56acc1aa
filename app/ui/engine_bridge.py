"""Bridges between the (blocking, Qt-free) engines and the GUI thread.

:class:`EngineHub` owns the :class:`LocalEngine` and loads models on a worker thread; it
also holds the remote engine of the provider the user picked, if any: the *active* engine
answers in every pane (a provider is picked like a model, the local model stays loaded).
:class:`GenerationController` runs one generation on a worker thread, batches tokens
into the view every ~30 ms (never one repaint per token), records the reply in the
history as it streams (through :class:`app.services.conversation.ReplyRecorder`, which
saves it at most 0.1 s apart while text flows), and stops at once: ``stop()`` sets the cancel token directly
instead of queueing a signal behind the running loop.

Signals are emitted on the GUI thread only (the worker threads touch no widget and no
database).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import cast

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.types import ChatMessage, GenerationParams, ModelInfo
from app.engines.base import (
    CancelToken,
    Done,
    Engine,
    EngineError,
    EngineEvent,
    EngineState,
    Failed,
    GenerationRequest,
    Notice,
    Token,
    TokenLogprob,
)
from app.engines.local import LoadOptions, LocalEngine
from app.library.gguf import ModelFileError, check_gguf
from app.services.conversation import ReplyRecorder
from app.storage.history import HistoryStore
from app.ui.widgets import failure_text, notice_text

#: Interval of the view flush timer, in milliseconds (about 30 fps).
FLUSH_INTERVAL_MS = 30


class EngineHub(QObject):
    """The window's engines: the one local engine (its model and state) and the remote
    engine of the picked provider, if any.

    Signals:
        state_changed(EngineState): the local engine's state.
        model_loaded(object): a :class:`ModelInfo` after a successful local load.
        load_failed(str, str, str): a plain-words, translated message (the previous model
            stays loaded), what failed (the ``EngineError``/``ModelFileError`` kind:
            'not_gguf', 'damaged', 'cancelled', ...; 'busy': refused, a load is pending; ''
            when unknown) and the path of the file it is about ('' for a restart).
        generation_finished(float): tokens/s of the reply that just ended.
        remote_ready(str): the provider with this id is now the active engine.
        remote_failed(str): a provider could not be set up (plain words); nothing changed.
        active_changed(): the active engine changed (local ↔ a provider).
        title_ready(int, str): a title the local model suggested for a conversation.
    """

    state_changed = Signal(object)  # EngineState
    model_loaded = Signal(object)
    load_failed = Signal(str, str, str)
    generation_finished = Signal(float)
    remote_ready = Signal(str)
    remote_failed = Signal(str)
    active_changed = Signal()
    title_ready = Signal(int, str)

    def __init__(self, engine: LocalEngine | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._load_thread: threading.Thread | None = None
        #: what the load thread left for :meth:`_deliver`: ("loaded", ModelInfo) or
        #: ("failed", (message, kind, path))
        self._pending: tuple[str, object] | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(FLUSH_INTERVAL_MS)
        self._poll.timeout.connect(self._deliver)
        self.state = EngineState.STOPPED
        self.state_changed.connect(self._on_state)
        #: the name the library gives the loaded model (set by the window on load)
        self.model_label = ""
        self._remote: Engine | None = None
        #: the picked provider's id and "provider · model" label (empty while local)
        self.remote_id = ""
        self.remote_label = ""
        self._remote_thread: threading.Thread | None = None
        self._pick = 0  # counts the user's engine choices: a slow set-up never undoes a later one
        self._title_thread: threading.Thread | None = None
        self._title_cancel: CancelToken | None = None

    def attach(self, engine: LocalEngine) -> None:
        self._engine = engine

    @property
    def engine(self) -> LocalEngine:
        """The local engine (loads, restarts, token counts); see :attr:`active`."""
        assert self._engine is not None, "EngineHub has no engine"
        return self._engine

    @property
    def active(self) -> Engine:
        """The engine that answers: the picked provider's, else the local one."""
        return self._remote if self._remote is not None else self.engine

    @property
    def is_remote(self) -> bool:
        return self._remote is not None

    @property
    def model(self) -> ModelInfo | None:
        """The active engine's model (a remote one has ``backend == 'remote'``, n_ctx 0)."""
        if self._remote is not None:
            return self._remote.model
        return self._engine.model if self._engine else None

    @property
    def label(self) -> str:
        """What replies are stored and shown under: the library name or "provider · model"."""
        return self.remote_label if self._remote is not None else self.model_label

    def use_remote(self, build: Callable[[], Engine], provider_id: str, label: str) -> None:
        """Make a provider's engine the active one. ``build`` (which may read the keychain,
        up to its timeout) runs on a worker thread; ``remote_ready`` or ``remote_failed``
        follows on the GUI thread."""
        if self._remote_thread is not None and self._remote_thread.is_alive():
            self.remote_failed.emit(self.tr("A provider is still being set up; try again in a moment."))
            return
        self._pick += 1
        pick = self._pick
        result: list[Engine | str] = []

        def work() -> None:
            try:
                result.append(build())
            except Exception as exc:  # incomplete settings (ValueError) or the SDK refusing them
                result.append(str(exc))

        def deliver() -> None:
            if self._remote_thread is not None and self._remote_thread.is_alive():
                return
            timer.stop()
            timer.deleteLater()
            self._remote_thread = None
            value = result[0] if result else self.tr("The provider could not be set up.")
            if pick != self._pick:  # the user chose something else meanwhile
                if not isinstance(value, str):
                    value.close()
                return
            if isinstance(value, str):
                self.remote_failed.emit(value)
                return
            self._close_remote()
            self._remote, self.remote_id, self.remote_label = value, provider_id, label
            self.remote_ready.emit(provider_id)
            self.active_changed.emit()

        self._remote_thread = threading.Thread(target=work, name="penwright-provider", daemon=True)
        self._remote_thread.start()
        timer = QTimer(self)
        timer.setInterval(FLUSH_INTERVAL_MS)
        timer.timeout.connect(deliver)
        timer.start()

    def use_local(self) -> None:
        """Answer with the local model again (the provider's connection is closed)."""
        self._pick += 1  # a provider still being set up will not take over
        if self._remote is None:
            return
        self._close_remote()
        self.active_changed.emit()

    def _close_remote(self) -> None:
        remote, self._remote, self.remote_id, self.remote_label = self._remote, None, "", ""
        if remote is not None:
            remote.close()

    def on_engine_state(self, state: EngineState) -> None:
        """Engine callback; may run on any thread (a queued signal carries it over)."""
        self.state_changed.emit(state)

    def _on_state(self, state: EngineState) -> None:
        self.state = state
        if state is not EngineState.CRASHED or self._load_thread is not None:
            return  # a crash during a (re)load is reported by that load: no restart loop
        # bring the engine back with the same model at once, not on the next message
        self._run(self.engine.restart, "")

    def is_loading(self) -> bool:
        """A load thread is running (see :meth:`load_pending`)."""
        return self._load_thread is not None and self._load_thread.is_alive()

    def load_pending(self) -> bool:
        """A load runs or its result is not delivered yet: :meth:`load` refuses ('busy')."""
        return self._load_thread is not None

    def load(self, path: str, options: LoadOptions, source: str = "") -> None:
        """Load a model on a worker thread; ``model_loaded`` or ``load_failed`` follows.
        ``source``: the library entry's source (the wording of a damaged file's message)."""
        name = Path(path).name
        if self.load_pending():
            message = self.tr("A model is still loading; choose again when it is ready.")
            self.load_failed.emit(message, "busy", path)
            return
        try:
            check_gguf(Path(path))
        except ModelFileError as exc:
            self.load_failed.emit(failure_text(exc.kind, exc.message, name, source), exc.kind, path)
            return
        engine = self.engine
        self._run(lambda: engine.load(path, options), name, source, path)

    def cancel_load(self) -> bool:
        """Cancel the running load (the previous model comes back); see ``LocalEngine``."""
        return self.engine.cancel_load()

    def _run(self, load: Callable[[], ModelInfo | None], name: str, source: str = "", path: str = "") -> None:
        """Run a (re)load of ``path`` on a worker thread; the poll timer delivers its result."""

        def work() -> None:
            try:
                info = load()
                self._pending = ("loaded", info) if info is not None else None
            except EngineError as exc:
                text = failure_text(exc.kind, exc.message, name, source)
                self._pending = ("failed", (text, exc.kind, path))
            except Exception as exc:  # never leave the progress bar spinning
                self._pending = ("failed", (str(exc), "", path))

        self._pending = None
        self._load_thread = threading.Thread(target=work, name="penwright-load", daemon=True)
        self._load_thread.start()
        self._poll.start()

    def _deliver(self) -> None:
        if self.is_loading() or self._load_thread is None:
            return
        self._poll.stop()
        self._load_thread = None
        pending, self._pending = self._pending, None
        if pending is None:
            return
        kind, value = pending
        if kind == "loaded":
            self.model_loaded.emit(value)
        else:
            message, failure, path = cast(tuple[str, str, str], value)
            self.load_failed.emit(message, failure, path)

    def suggest_title(self, conversation_id: int, messages: list[ChatMessage]) -> bool:
        """Ask the local model for a conversation title on a worker thread (a remote
        provider is never asked: it may cost money). ``title_ready`` follows with the raw
        answer. Any reply the user asks for cancels it (:meth:`cancel_background`).
        Returns False when no local model is ready or a title is already being made."""
        if self.is_remote or self.model is None or self.engine.state in ("loading", "starting", "crashed"):
            return False
        if self._title_thread is not None and self._title_thread.is_alive():
            return False
        cancel = CancelToken()
        self._title_cancel = cancel
        engine = self.engine
        request = GenerationRequest(
            messages=tuple(messages), params=GenerationParams(temperature=0.0, max_tokens=16, seed=0)
        )

        def work() -> None:
            pieces: list[str] = []
            final: EngineEvent | None = None
            try:
                for event in engine.stream(request, cancel):
                    if isinstance(event, Token):
                        pieces.append(event.text)
                    elif isinstance(event, Done | Failed):
                        final = event
            except Exception:  # a title is a nicety: never an error for the user
                return
            if isinstance(final, Done) and final.reason != "cancelled":
                self.title_ready.emit(conversation_id, "".join(pieces))

        self._title_thread = threading.Thread(target=work, name="penwright-title", daemon=True)
        self._title_thread.start()
        return True

    def cancel_background(self) -> None:
        """Cancel background work on the engine (a title being made) so a reply starts now."""
        if self._title_cancel is not None:
            self._title_cancel.cancel()

    def shutdown(self) -> None:
        self.cancel_background()
        if self._title_thread is not None:
            self._title_thread.join(timeout=5)
        self._close_remote()
        if self._engine is not None:
            self._engine.close()


@dataclass
class ReplyRecord:
    """Where a streaming reply is stored: the conversation and the parent message. The
    controller opens the reply when it starts (with the seed it resolved)."""

    store: HistoryStore
    conversation_id: int
    parent_id: int | None
    model: str


class GenerationController(QObject):
    """Runs one generation at a time for one pane.

    The reply is recorded by a :class:`ReplyRecorder` fed on the GUI thread at each flush
    (the store is not thread-safe): saved at most ``PARTIAL_SAVE_S`` apart while text flows,
    closed with the final event.

    Signals:
        text_ready(str): newly generated text, batched (GUI thread).
        pieces_ready(str, object): the same text with a tuple of its tokens'
            :class:`TokenLogprob` (empty unless the request asked for ``top_logprobs``);
            emitted just before ``text_ready``.
        notice(str): something to tell the user while waiting (a provider's retry).
        finished(object): the final :class:`Done` or :class:`Failed` event.
    """

    text_ready = Signal(str)
    pieces_ready = Signal(str, object)
    notice = Signal(str)
    finished = Signal(object)

    def __init__(self, hub: EngineHub, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self._lock = threading.Lock()
        self._buffer: list[str] = []
        self._notices: list[Notice] = []
        self._entries: list[TokenLogprob] = []
        self._final: EngineEvent | None = None
        self._cancel: CancelToken | None = None
        self._thread: threading.Thread | None = None
        self._reply: ReplyRecorder | None = None
        self.message_id: int | None = None
        self.text = ""
        self.params = GenerationParams()
        self._flush_timer = QTimer(self)
        self._flush_timer.setInterval(FLUSH_INTERVAL_MS)
        self._flush_timer.timeout.connect(self._flush)

    def is_running(self) -> bool:
        return self._thread is not None

    def start(self, request: GenerationRequest, record: ReplyRecord | ReplyRecorder | None = None) -> None:
        """Start generating. The seed is resolved here so it is stored with the reply (C18).

        ``record``: where to store the reply: a :class:`ReplyRecord` (the reply is opened
        here), a reply already opened by :class:`~app.services.conversation.ConversationService`
        (its params, seed included, are the ones used), or None (nothing is stored)."""
        if self.is_running():
            raise RuntimeError("a generation is already running")
        params = record.params if isinstance(record, ReplyRecorder) else request.params.with_resolved_seed()
        request = replace(request, params=params)  # top_logprobs and grammar stay
        self.params = params
        self.text = ""
        self._buffer, self._entries, self._final = [], [], None
        self._cancel = CancelToken()
        if isinstance(record, ReplyRecord):
            record = ReplyRecorder.open(
                record.store, record.conversation_id, record.parent_id, model=record.model, params=params
            )
        self._reply = record
        self.message_id = record.message_id if record is not None else None
        self.hub.cancel_background()  # a title being made must not delay the reply
        engine, cancel = self.hub.active, self._cancel

        def work() -> None:
            final: EngineEvent | None = None
            try:
                for event in engine.stream(request, cancel):
                    if isinstance(event, Token):
                        with self._lock:
                            self._buffer.append(event.text)
                            self._entries.extend(event.logprobs)
                    elif isinstance(event, Notice):
                        with self._lock:
                            self._notices.append(event)
                    else:
                        final = event
            except Exception as exc:  # a bug in our code must not kill the thread silently
                final = Failed("internal", f"Generation failed: {exc}")
            with self._lock:
                self._final = final or Failed("internal", "The engine ended without a result.")

        self._thread = threading.Thread(target=work, name="penwright-generate", daemon=True)
        self._thread.start()
        self._flush_timer.start()

    def stop(self) -> None:
        """Cancel now (thread-safe; the engine honours it within about one token)."""
        if self._cancel is not None:
            self._cancel.cancel()

    def finish_now(self, timeout: float = 10.0) -> None:
        """Stop and settle at once (window closing): the reply is stored as cancelled."""
        if self._thread is None:
            return
        self.stop()
        self._thread.join(timeout)
        if not self._thread.is_alive():
            self._flush()

    def _flush(self) -> None:
        with self._lock:
            text = "".join(self._buffer)
            self._buffer.clear()
            entries, self._entries = tuple(self._entries), []
            notices, self._notices = self._notices, []
            final = self._final
        reply = self._reply
        for notice in notices:
            self.notice.emit(notice_text(notice))
        if text:
            self.text += text
            if reply is not None:
                reply.append(text)  # saved before it is shown (C32)
            self.pieces_ready.emit(text, entries)
            self.text_ready.emit(text)
        elif reply is not None:
            reply.save_if_due()  # text held back by the cadence, the engine pausing
        if final is None:
            return
        self._flush_timer.stop()
        if self._thread is not None:
            self._thread.join()
        self._thread = None
        self._reply = None
        if reply is not None:
            reply.feed(final)  # Done: final or cancelled; Failed: kept and marked, or deleted
            self.message_id = reply.message_id
        if isinstance(final, Done):
            self.hub.generation_finished.emit(final.usage.tokens_per_second)
        self.finished.emit(final)
