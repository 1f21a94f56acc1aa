"""The story's prompt: fitting it into the context window, and the token budget the aids
panel shows.

Continue assembles its prompt with :func:`app.core.story.build_story_prompt` from the
text before the cursor and the aids. A story too long for
:func:`~app.core.story.budget_tokens` loses its oldest text
(:func:`~app.core.story.fit_story`, which trims with hysteresis), and the cut stays where
it is (a cursor in the document) for the next requests, so the prompt's start, and
llama.cpp's prefix reuse, survive the writing. Counting tokens needs the engine host, so
it runs off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor

from app.core.spans import text_before, utf16_len
from app.core.story import StoryPrompt, budget_tokens, build_story_prompt, fit_story, surely_fits
from app.engines.base import EngineError, EngineState
from app.ui.tasks import Operation, OperationCancelled, Progress
from app.ui.token_meter import EngineBusy, count_tokens_now
from app.ui.widgets import failure_text

if TYPE_CHECKING:
    from app.ui.panes.story.pane import StoryPane

T = TypeVar("T")

#: Delay of the token budget count after the last change, in milliseconds.
BUDGET_MS = 600


class PromptFitter(QObject):
    """Fits the story's prompt into n_ctx (off the GUI thread when it may not fit) and
    keeps where the story's oldest text is cut off.

    Signals:
        busy_changed(bool): counting started (True) or ended (False); the pane is busy
            meanwhile and Stop cancels.
        message(str): a line for the pane's status ('' clears it).
    """

    busy_changed = Signal(bool)
    message = Signal(str)

    def __init__(self, pane: StoryPane) -> None:
        super().__init__(pane)
        self._pane = pane
        #: counting on a worker thread now
        self.preparing = False
        self._operation: Operation[Any] | None = None
        self._cut: QTextCursor | None = None  # the story before it is left out of prompts

    def forget_cut(self) -> None:
        """Another story is shown: nothing is cut off."""
        self._cut = None

    def cancel(self) -> None:
        """Stop: the count ends at its next step and its result is dropped ("Stopped.")."""
        if self.preparing and self._operation is not None:
            self._operation.cancel()

    def after_cut(self, before: str) -> str:
        """``before`` (the text up to the cursor) without the story's oldest part that the
        last fitting left out (:meth:`prepare`)."""
        return before[self.cut_chars(before) :]

    def cut_chars(self, before: str) -> int:
        """How many characters (code points) of ``before`` the last fitting left out."""
        if self._cut is None:
            return 0
        cut = len(text_before(before, self._cut.position()))
        return cut if cut < len(before) else 0

    def meter_payload(self) -> tuple[str, object]:
        """What the token meter counts: the prompt Continue would send now."""
        pane = self._pane
        before = text_before(pane.editor.toPlainText(), pane.editor.textCursor().position())
        return "text", build_story_prompt(self.after_cut(before), pane.aids.settings()).text

    def prepare(self, story: str, then: Callable[[StoryPrompt], None]) -> None:
        """Assemble the prompt for ``story`` (the text before the cursor) and call ``then``
        with it: at once when it surely fits n_ctx (or no local model counts), else after
        fitting it on a worker thread (:meth:`count_off_thread`)."""
        pane = self._pane
        settings = pane.aids.settings()
        cut = self.cut_chars(story)
        kept = story[cut:]
        prompt = build_story_prompt(kept, settings)
        model = pane.hub.model
        if pane.hub.is_remote or model is None or not model.n_ctx:
            then(prompt)
            return
        budget = budget_tokens(model.n_ctx, pane.params.max_tokens)
        if surely_fits(prompt.text, budget):
            then(prompt)
            return
        engine = pane.hub.engine

        def fit(progress: Progress) -> StoryPrompt:
            def count(text: str) -> int:
                if progress.cancelled:  # Stop: no more counts
                    raise OperationCancelled
                return engine.count_tokens(text)

            return fit_story(kept, settings, budget, count)

        def fitted(result: StoryPrompt) -> None:
            if result.left_out_chars:
                position = utf16_len(story[: cut + result.left_out_chars])
                self._cut = QTextCursor(pane.editor.document())
                self._cut.setPosition(min(position, pane.editor.document().characterCount() - 1))
            then(result)

        self.count_off_thread(self.tr("Fitting the story into the context window…"), fit, fitted)

    def count_off_thread(self, doing: str, work: Callable[[Progress], T], then: Callable[[T], None]) -> None:
        """Run ``work`` (token counting, which needs the engine host) as an
        :class:`~app.ui.tasks.Operation` with ``doing`` in the status line and the pane busy
        (Stop cancels it: ``work`` may check ``progress.cancelled`` between counts), then
        call ``then`` with its result on the GUI thread; an error is shown instead, and
        after Stop, "Stopped."."""
        self.preparing = True
        self.busy_changed.emit(True)
        self.message.emit(doing)
        operation: Operation[T] = Operation(self, work, name="penwright-count")

        def done(text: str) -> None:
            self._operation = None
            self.preparing = False
            self.busy_changed.emit(False)
            self.message.emit(text)

        def succeeded(result: T) -> None:
            done("")
            then(result)

        def failed(error: Exception) -> None:
            if operation.progress.cancelled:  # stopped while the count failed
                done(self.tr("Stopped."))
            elif isinstance(error, EngineError):
                done("⚠ " + failure_text(error.kind, error.message))
            else:
                done("⚠ " + str(error))

        operation.on_success(succeeded).on_failure(failed).on_cancelled(lambda: done(self.tr("Stopped.")))
        self._operation = operation
        operation.run()


class BudgetCounter(QObject):
    """Counts the tokens each part of the prompt takes for the aids panel, :data:`BUDGET_MS`
    after the last change (a debounce), as an :class:`~app.ui.tasks.Operation` (the local
    engine's tokenizer, through :func:`~app.ui.token_meter.count_tokens_now`; "—" for
    remote providers, whose tokenizer is not here).

    While the pane or the engine is busy a count waits, without polling: it runs
    :data:`BUDGET_MS` after they are idle again (the engine's ``state_changed`` to READY,
    or :meth:`wake`, which the pane calls when its writing, fitting or evaluating ends).

    Signals:
        counted(): the token budget shown was recounted.
    """

    counted = Signal()

    def __init__(self, pane: StoryPane, fitter: PromptFitter) -> None:
        super().__init__(pane)
        self._pane = pane
        self._fitter = fitter
        self._operation: Operation[StoryPrompt] | None = None
        self._waiting = False  # a count waits for the pane and the engine to be idle
        self._again = False  # a change came while counting: count again after
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(BUDGET_MS)
        self.timer.timeout.connect(self.count)
        pane.hub.state_changed.connect(self._engine_state)

    def schedule(self) -> None:
        """Count again :data:`BUDGET_MS` from now (restarts the wait)."""
        self.timer.start()

    def wake(self) -> None:
        """The pane may be idle again: a count that waited runs :data:`BUDGET_MS` from now."""
        if self._waiting:
            self.timer.start()

    def _engine_state(self, state: object) -> None:
        if state == EngineState.READY:
            self.wake()

    def count(self) -> None:
        """Count now (as an operation); after the count under way if there is one; when
        the pane and the engine are idle again (:meth:`wake`) if either is busy."""
        pane = self._pane
        if pane.hub.is_remote:
            pane.aids.show_budget(None, 0, self.tr("Counted by the provider."))
            self.counted.emit()
            return
        model = pane.hub.model
        if model is None:
            return
        if self._operation is not None:
            self._again = True
            return
        engine = pane.hub.engine
        # the engine's own state, not the hub's copy: its READY is still to come when it is not
        self._waiting = pane.busy() or engine.state != EngineState.READY
        if self._waiting:
            return
        before = text_before(pane.editor.toPlainText(), pane.editor.textCursor().position())
        cut = self._fitter.cut_chars(before)
        story = before[cut:]
        settings = pane.aids.settings()

        def work(_progress: Progress) -> StoryPrompt:
            bos = count_tokens_now(engine, ("text", ""))  # a BOS token, if the model adds one

            def count(text: str) -> int:
                return max(0, count_tokens_now(engine, ("text", text)) - bos)

            return build_story_prompt(story, settings, count_tokens=count)

        def done(result: StoryPrompt | Exception) -> None:
            self._operation = None
            if isinstance(result, StoryPrompt):
                pane.aids.show_budget(replace(result, left_out_chars=cut), model.n_ctx)
                self.counted.emit()
            elif isinstance(result, EngineBusy):  # count when the engine is idle again
                self._again = True
            # else the count failed with the engine idle: the figures stay until the next change
            if self._again:
                self._again = False
                self.count()

        self._operation = Operation(self, work, name="penwright-budget").on_success(done).on_failure(done)
        self._operation.run()
