"""A token meter under an input: how many tokens what would be sent takes, out of n_ctx.

Counting uses the loaded model's own tokenizer and chat template in the engine host, in an
:class:`~app.ui.tasks.Operation`, 400 ms after the last edit. While the engine is busy the
last figure stays, and the count runs when the engine's state is READY again (no polling).

The meter also knows whether the new message can be sent at all: what must fit on its
own (the system prompt and the new message; older turns may be left out, case C04) has to
leave :data:`MIN_REPLY_TOKENS` of n_ctx for the reply. A pane asks :meth:`TokenMeter.verdict`
when the user sends, and :meth:`TokenMeter.count_now` when there is no count yet for the
text as it is (the count runs off the GUI thread; the pane is called back with it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from app.engines.base import EngineState
from app.engines.local import LocalEngine
from app.ui.engine_bridge import EngineHub
from app.ui.tasks import Operation, Progress

#: Delay after the last edit before counting, in milliseconds.
METER_DELAY_MS = 400

#: Tokens of n_ctx a reply needs at the least: a message that leaves fewer is refused.
MIN_REPLY_TOKENS = 32

#: Tokens a chat template may add around the messages, at most (for :meth:`surely_fits`).
TEMPLATE_SLACK_TOKENS = 256

#: Failed counts in a row, with the engine idle, after which a waiting send goes ahead
#: uncounted (a template the tokenizer call cannot render; the engine then says why).
GIVE_UP_AFTER = 3

#: Longest wait of a count for another request's hold on the engine, in seconds. A count
#: starts only while the engine is idle, so this waits for another count (or for a request
#: that started at that moment).
COUNT_WAIT_S = 30.0

#: What to count: ("messages", [chat messages]) or ("text", raw prompt).
Payload = tuple[str, Any]


class EngineBusy(Exception):
    """A request holds the engine (its state is not READY): count when it is idle again."""


class NotCounted(Exception):
    """The engine, idle, gave no count (a template the tokenizer call cannot render)."""


def count_tokens_now(engine: LocalEngine, payload: Payload) -> int:
    """Tokens of ``payload`` for the loaded model (chat messages rendered with its template,
    or raw text with its BOS); for an operation's ``work``, off the GUI thread.

    Raises:
        EngineBusy: the engine is not idle (READY); nothing was asked of it then.
        NotCounted: the idle engine gave no count.
    """
    if engine.state != EngineState.READY:
        raise EngineBusy
    kind, value = payload
    if kind == "messages":
        n = engine.try_count(messages=value, wait_s=COUNT_WAIT_S)
    else:
        n = engine.try_count(text=value, wait_s=COUNT_WAIT_S)
    if n is None:
        raise EngineBusy if engine.state != EngineState.READY else NotCounted
    return n


class TokenMeter(QLabel):
    """Shows ``used / n_ctx tokens``; ``payload`` gives what would be sent now.

    ``essential`` gives what of it must fit on its own (a chat's system prompt and new
    message, without the older turns that may be left out); by default all of ``payload``.

    Signals:
        counted(int): a new count (on the GUI thread).
        fit_changed(): :meth:`cannot_fit` may have changed.
    """

    counted = Signal(int)
    fit_changed = Signal()

    def __init__(
        self,
        hub: EngineHub,
        payload: Callable[[], Payload],
        parent: QWidget | None = None,
        *,
        essential: Callable[[], Payload] | None = None,
    ) -> None:
        super().__init__(parent)
        self.hub = hub
        self.payload = payload
        self.essential = essential
        #: tokens of all of what would be sent, at the last count
        self.used: int | None = None
        #: tokens of what must fit on its own, at the last count (an upper bound: the
        #: whole payload's count when that fits)
        self.needed: int | None = None
        #: n_ctx at the last count
        self.n_ctx = 0
        self.setAccessibleName(self.tr("Token meter"))
        self.setToolTip(self.tr("Tokens of what would be sent, out of the model's context window (n_ctx)"))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(METER_DELAY_MS)
        self._timer.timeout.connect(self._count)
        self._operation: Operation[tuple[int, int, int, int]] | None = None  # the count under way
        self._after_idle = False  # a count waits for the engine to be idle (READY)
        self._version = 0  # one more on every change of what would be sent
        self._counted_version = -1  # the version the last count is of
        self._let_through = -1  # a version that could not be counted: sent uncounted
        self._then: Callable[[], None] | None = None  # a send waiting for a count
        self._misses = 0
        hub.model_loaded.connect(lambda _info: self.schedule())
        hub.active_changed.connect(self.schedule)
        hub.state_changed.connect(self._engine_state)

    def schedule(self) -> None:
        """What would be sent changed: count again after a short pause (call on every
        edit). A send waiting for a count is dropped (the user is still editing)."""
        self._version += 1
        self._then = None
        self._timer.start()

    # -- the verdict --------------------------------------------------------------------
    def cannot_fit(self) -> bool:
        """The last count (perhaps of a slightly older text) says the message cannot fit."""
        return self.needed is not None and self.n_ctx > 0 and self.needed > self.n_ctx - MIN_REPLY_TOKENS

    def verdict(self) -> bool | None:
        """Whether the message as it is now fits n_ctx with room for a reply; None when
        there is no count of it yet (see :meth:`count_now`)."""
        if self._let_through == self._version:
            return True
        if self._counted_version != self._version or self.needed is None:
            return None
        return not self.cannot_fit()

    def surely_fits(self) -> bool:
        """True when what must fit does so without counting: every token of a byte-level
        tokenizer covers at least one UTF-8 byte (the template adds a few tokens)."""
        model = self.hub.model
        if model is None or not model.n_ctx:
            return False
        kind, value = (self.essential or self.payload)()
        if kind == "messages":
            size = sum(len(str(m["content"]).encode("utf-8")) for m in value) + TEMPLATE_SLACK_TOKENS
        else:
            size = len(str(value).encode("utf-8")) + 1  # BOS
        return size + MIN_REPLY_TOKENS <= model.n_ctx

    def too_long_text(self) -> str:
        """Why the message cannot be sent and what to do, in plain words ("" if it can)."""
        if not self.cannot_fit():
            return ""
        assert self.needed is not None
        if self.needed > self.n_ctx:
            text = self.tr(
                "This message takes {used:,} tokens; the model's context holds {n_ctx:,} (n_ctx). "
                "Shorten it, or load the model with a larger n_ctx in Models."
            )
        else:
            text = self.tr(
                "This message takes {used:,} tokens; the model's context holds {n_ctx:,} (n_ctx), "
                "which leaves too little room for a reply. Shorten it, or load the model with a "
                "larger n_ctx in Models."
            )
        return text.format(used=self.needed, n_ctx=self.n_ctx)

    def count_now(self, then: Callable[[], None]) -> None:
        """Count what would be sent now, off the GUI thread, and call ``then`` (on the GUI
        thread) once :meth:`verdict` has an answer. Dropped if the text changes meanwhile."""
        self._then = then
        self._misses = 0
        self._timer.stop()
        self.hub.cancel_background()  # a title being made must not hold the engine
        self._count()
        if self._then is not None:  # still waiting for the count
            self.setText(self.tr("counting tokens…"))

    # -- counting -----------------------------------------------------------------------
    def _engine_state(self, state: object) -> None:
        """The engine is idle again: a count that waited for it runs (at once for a send
        that waits, else after the edit pause, as a reply may follow at once)."""
        if state != EngineState.READY or not self._after_idle:
            return
        self._after_idle = False
        if self._then is not None:
            self._count()
        else:
            self._timer.start()

    def _count(self) -> None:
        if self.hub.is_remote:  # no tokenizer of the provider's model here
            self.used = self.needed = None
            self.setText(self.tr("tokens: counted by the provider"))
            self.fit_changed.emit()
            self._release()
            return
        model = self.hub.model
        if self._operation is not None:
            return  # the count under way is delivered, then the newer text is counted
        if model is None:
            self._release()  # the send says that no model is loaded
            return
        engine = self.hub.engine
        if engine.state != EngineState.READY:  # its own state: READY is still to come
            self._after_idle = True  # count when the reply is done; the last figure stays meanwhile
            return
        self._after_idle = False
        payload = self.payload()
        essential = self.essential() if self.essential is not None else None
        n_ctx, version = model.n_ctx, self._version

        def work(_progress: Progress) -> tuple[int, int, int, int]:
            used = needed = count_tokens_now(engine, payload)
            if essential is not None and used > n_ctx - MIN_REPLY_TOKENS:
                needed = count_tokens_now(engine, essential)  # older turns may be left out
            return used, needed, n_ctx, version

        self._operation = Operation(self, work, name="penwright-meter")
        self._operation.on_success(self._deliver).on_failure(self._not_counted).run()

    def _deliver(self, result: tuple[int, int, int, int]) -> None:
        self._operation = None
        used, self.needed, self.n_ctx, version = result
        self._misses = 0
        self._show(used)
        self.counted.emit(used)
        self._counted_version = version
        self.fit_changed.emit()
        if version != self._version:  # the text changed while it was counted
            if self._then is not None:
                self._count()
            else:
                self._timer.start()
            return
        self._release()

    def _not_counted(self, error: Exception) -> None:
        self._operation = None
        if isinstance(error, EngineBusy):
            self._count()  # now, if the engine is idle again, else when it is
            return
        # the idle engine could not count it: a waiting send tries again, then goes ahead
        # uncounted (the engine then says why); otherwise the last figure stays until the
        # next edit
        if self._then is None:
            return
        self._misses += 1
        if self._misses >= GIVE_UP_AFTER:
            self._let_through = self._version
            self._release()
        else:
            self._count()

    def _release(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()

    def _show(self, used: int) -> None:
        self.used = used
        text = self.tr("{used:,} / {n_ctx:,} tokens").format(used=used, n_ctx=self.n_ctx)
        self.setText(("⚠ " + text) if self.n_ctx and used > self.n_ctx else text)
