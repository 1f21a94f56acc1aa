"""Bridges between the (blocking, Qt-free) engines and the GUI thread.

:class:`EngineHub` owns the :class:`LocalEngine` and loads models in an
:class:`~app.ui.tasks.Operation`; it also holds the remote engine of the provider the user
picked, if any: the *active* engine answers in every pane (a provider is picked like a
model, the local model stays loaded). :class:`GenerationController` runs one generation as
a streaming :class:`~app.ui.tasks.Operation` whose events reach the view in batches every
~30 ms (never one repaint per token), records the reply in the history as it streams
(through :class:`app.services.conversation.ReplyRecorder`, which saves it at most 0.1 s
apart while text flows), and stops at once: ``stop()`` sets the cancel token directly
instead of queueing a signal behind the running loop.

Every long call (a load, a provider's set-up, a title, a reply) is an Operation: its
outcome arrives on the GUI thread through a queued signal, never by polling. Signals are
emitted on the GUI thread only (the work touches no widget and no database), except
``state_changed``, which the engine host's thread emits on :class:`EngineHub` (a QObject,
so it is queued to the GUI thread).
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable, Generator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

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
from app.services.conversation import PARTIAL_SAVE_S, ReplyRecorder
from app.storage.history import HistoryStore
from app.ui.tasks import Operation, OperationCancelled, Progress
from app.ui.widgets import failure_text, notice_text

log = logging.getLogger(__name__)

#: Shortest time between two batches of streamed text handed to the view, in
#: milliseconds (about 30 per second; see :meth:`Operation.on_yielded`).
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
        #: the (re)load running or not delivered yet
        self._load: Operation[ModelInfo | None] | None = None
        self.state = EngineState.STOPPED
        self.state_changed.connect(self._on_state)
        #: the name the library gives the loaded model (set by the window on load)
        self.model_label = ""
        self._remote: Engine | None = None
        #: the picked provider's id and "provider · model" label (empty while local)
        self.remote_id = ""
        self.remote_label = ""
        #: the provider set-up running or not delivered yet
        self._remote_setup: Operation[Engine] | None = None
        self._pick = 0  # counts the user's engine choices: a slow set-up never undoes a later one
        #: the title being made (until it is delivered or dropped) and its engine cancel token
        self._title: Operation[str] | None = None
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
        up to its timeout) runs in an :class:`Operation`; ``remote_ready`` or
        ``remote_failed`` follows on the GUI thread. A choice the user makes meanwhile
        (:meth:`use_local`) wins: the engine built too late is closed."""
        if self._remote_setup is not None:
            self.remote_failed.emit(self.tr("A provider is still being set up; try again in a moment."))
            return
        self._pick += 1
        pick = self._pick

        def built(engine: Engine) -> None:
            self._remote_setup = None
            if pick != self._pick:  # the user chose something else meanwhile
                engine.close()
                return
            self._close_remote()
            self._remote, self.remote_id, self.remote_label = engine, provider_id, label
            self.remote_ready.emit(provider_id)
            self.active_changed.emit()

        def failed(exc: Exception) -> None:  # incomplete settings (ValueError) or the SDK refusing them
            self._remote_setup = None
            if pick == self._pick:
                self.remote_failed.emit(str(exc) or self.tr("The provider could not be set up."))

        self._remote_setup = (
            Operation(self, lambda _progress: build(), name="penwright-provider")
            .on_success(built)
            .on_failure(failed)
            .run()
        )

    @property
    def _remote_thread(self) -> threading.Thread | None:
        """The provider set-up's thread until its result is delivered, then None."""
        return self._remote_setup.thread if self._remote_setup is not None else None

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
        if state is not EngineState.CRASHED or self._load is not None:
            return  # a crash during a (re)load is reported by that load: no restart loop
        # bring the engine back with the same model at once, not on the next message
        self._run(self.engine.restart, "")

    def is_loading(self) -> bool:
        """A load is running (see :meth:`load_pending`)."""
        return self._load is not None and self._load.running

    def load_pending(self) -> bool:
        """A load runs or its result is not delivered yet: :meth:`load` refuses ('busy')."""
        return self._load is not None

    def load(self, path: str, options: LoadOptions, source: str = "") -> None:
        """Load a model in an :class:`Operation`; ``model_loaded`` or ``load_failed`` follows.
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
        """Cancel the running load: the engine stops it (the previous model comes back) and
        the load's operation ends as cancelled (``load_failed`` kind 'cancelled'). Returns
        whether a load was running; see :meth:`LocalEngine.cancel_load`.

        The engine's cancel, not :meth:`Operation.cancel`: a load that has just succeeded
        stays a success (the model *is* loaded) instead of turning into a cancelled one."""
        return self.engine.cancel_load()

    def _run(self, load: Callable[[], ModelInfo | None], name: str, source: str = "", path: str = "") -> None:
        """Run a (re)load of ``path`` in an :class:`Operation`; its outcome reaches
        :meth:`_load_ended` on the GUI thread."""

        def work(_progress: Progress) -> ModelInfo | None:
            try:
                return load()
            except EngineError as exc:
                if exc.kind == "cancelled":
                    raise OperationCancelled from exc
                raise

        def failed(exc: Exception) -> None:
            if isinstance(exc, EngineError):
                text = failure_text(exc.kind, exc.message, name, source)
                self._load_ended("failed", (text, exc.kind, path))
            else:  # never leave the progress bar spinning
                self._load_ended("failed", (str(exc), "", path))

        cancelled = (failure_text("cancelled", "Loading was cancelled.", name, source), "cancelled", path)
        self._load = (
            Operation(self, work, name="penwright-load")
            .on_success(lambda info: self._load_ended("loaded", info))
            .on_failure(failed)
            .on_cancelled(lambda: self._load_ended("failed", cancelled))
            .run()
        )

    def _load_ended(self, outcome: str, value: Any) -> None:
        """GUI thread: a (re)load ended. ``outcome`` 'loaded' with its ModelInfo (None: a
        restart with no model), or 'failed' with (message, kind, path)."""
        self._load = None
        if outcome == "loaded":
            if value is not None:
                self.model_loaded.emit(value)
        else:
            message, failure, path = value
            self.load_failed.emit(message, failure, path)

    def suggest_title(self, conversation_id: int, messages: list[ChatMessage]) -> bool:
        """Ask the local model for a conversation title in an :class:`Operation` (a remote
        provider is never asked: it may cost money). ``title_ready`` follows with the raw
        answer. Any reply the user asks for cancels it (:meth:`cancel_background`).
        Returns False when no local model is ready or a title is already being made."""
        if self.is_remote or self.model is None or self.engine.state in ("loading", "starting", "crashed"):
            return False
        if self._title is not None:
            return False
        cancel = self._title_cancel = CancelToken()
        engine = self.engine
        request = GenerationRequest(
            messages=tuple(messages), params=GenerationParams(temperature=0.0, max_tokens=16, seed=0)
        )

        def work(_progress: Progress) -> str:
            pieces: list[str] = []
            final: Done | Failed | None = None
            for event in engine.stream(request, cancel):
                if isinstance(event, Token):
                    pieces.append(event.text)
                elif isinstance(event, Done | Failed):
                    final = event
            if isinstance(final, Failed):
                raise EngineError(final.kind, final.message, final.detail)
            if final is None:
                raise EngineError("internal", "The engine ended without a result.")
            if final.reason == "cancelled":
                raise OperationCancelled  # the user sent a message
            return "".join(pieces)

        def ended() -> None:
            self._title = None

        def titled(answer: str) -> None:
            ended()
            self.title_ready.emit(conversation_id, answer)

        def failed(exc: Exception) -> None:  # a title is a nicety: never an error for the user
            ended()
            log.info("no title suggested: %s", exc)

        self._title = (
            Operation(self, work, name="penwright-title")
            .on_success(titled)
            .on_failure(failed)
            .on_cancelled(ended)
            .run()
        )
        return True

    def cancel_background(self) -> None:
        """Cancel background work on the engine (a title being made) so a reply starts now.
        The engine's token stops the title's stream within about one token; the title's
        operation then ends as cancelled (nothing is suggested)."""
        if self._title_cancel is not None:
            self._title_cancel.cancel()

    def shutdown(self) -> None:
        self.cancel_background()
        if self._title is not None:
            self._title.finish(timeout=5)
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

    The generation is a streaming :class:`Operation`: the engine's events reach
    :meth:`_take_events` on the GUI thread in batches (at most one per
    ``FLUSH_INTERVAL_MS``), the final one reaches :meth:`_generation_ended`. The reply is
    recorded by a :class:`ReplyRecorder` fed on the GUI thread with each batch (the store is
    not thread-safe): saved at most ``PARTIAL_SAVE_S`` apart while text flows (text held
    back by that cadence is saved when it is due, by a one-shot timer armed only while it
    waits), closed with the final event.

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
        self._cancel: CancelToken | None = None
        #: the generation running, until its final event is handled
        self._generation: Operation[EngineEvent] | None = None
        self._reply: ReplyRecorder | None = None
        self.message_id: int | None = None
        self.text = ""
        self.params = GenerationParams()
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(math.ceil(PARTIAL_SAVE_S * 1000))
        self._save_timer.timeout.connect(self._save_due)

    def is_running(self) -> bool:
        return self._generation is not None

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
        self._cancel = CancelToken()
        if isinstance(record, ReplyRecord):
            record = ReplyRecorder.open(
                record.store, record.conversation_id, record.parent_id, model=record.model, params=params
            )
        self._reply = record
        self.message_id = record.message_id if record is not None else None
        self.hub.cancel_background()  # a title being made must not delay the reply
        engine, cancel = self.hub.active, self._cancel

        def work(_progress: Progress) -> Generator[Token | Notice, None, EngineEvent]:
            """Yields the tokens and notices; returns the final Done or Failed."""
            final: EngineEvent | None = None
            try:
                for event in engine.stream(request, cancel):
                    if isinstance(event, Token | Notice):
                        yield event
                    else:
                        final = event
            except Exception as exc:  # a bug in our code must end the reply, not hang it
                final = Failed("internal", f"Generation failed: {exc}")
            return final or Failed("internal", "The engine ended without a result.")

        self._launch(Operation(self, work, name="penwright-generate"))

    def _launch(self, operation: Operation[EngineEvent]) -> None:
        """Run ``operation`` as this controller's generation: its items go to
        :meth:`_take_events`, its final event (or the exception it raised, as a
        ``Failed('internal')``) to :meth:`_generation_ended`, once."""

        def ended(final: EngineEvent) -> None:
            if operation is self._generation:
                self._generation = None
                self._generation_ended(final)

        operation.on_yielded(self._take_events, interval_ms=FLUSH_INTERVAL_MS)
        operation.on_success(ended)
        operation.on_failure(lambda exc: ended(Failed("internal", f"Generation failed: {exc}")))
        self._generation = operation
        operation.run()

    def stop(self) -> None:
        """Cancel now (thread-safe; the engine honours it within about one token)."""
        if self._cancel is not None:
            self._cancel.cancel()

    def finish_now(self, timeout: float = 10.0) -> None:
        """Stop and settle at once (window closing): the reply is stored as cancelled."""
        operation = self._generation
        if operation is None:
            return
        self.stop()
        operation.finish(timeout)  # the last batch and the final event, delivered now

    def _take_events(self, events: list[Any]) -> None:
        """GUI thread: a batch of the stream's :class:`Token` and :class:`Notice` events."""
        pieces: list[str] = []
        entries: list[TokenLogprob] = []
        for event in events:
            if isinstance(event, Token):
                pieces.append(event.text)
                entries.extend(event.logprobs)
            elif isinstance(event, Notice):
                self.notice.emit(notice_text(event))
        text = "".join(pieces)
        if not text:
            return
        self.text += text
        reply = self._reply
        if reply is not None:
            reply.append(text)  # saved before it is shown (C32)
            if reply.unsaved and not self._save_timer.isActive():
                self._save_timer.start()  # held back by the cadence: saved when due
        self.pieces_ready.emit(text, tuple(entries))
        self.text_ready.emit(text)

    def _save_due(self) -> None:
        """The save cadence's deadline: store the text it held back (the engine paused)."""
        reply = self._reply
        if reply is not None and not reply.save_if_due() and reply.unsaved:
            self._save_timer.start()  # not quite due yet (the cadence counts from the save)

    def _generation_ended(self, final: EngineEvent) -> None:
        """GUI thread, once per generation, after its last batch: store and announce ``final``."""
        self._save_timer.stop()
        reply, self._reply = self._reply, None
        if reply is not None:
            reply.feed(final)  # Done: final or cancelled; Failed: kept and marked, or deleted
            self.message_id = reply.message_id
        if isinstance(final, Done):
            self.hub.generation_finished.emit(final.usage.tokens_per_second)
        self.finished.emit(final)
