"""Evaluate: the perplexity of the selection (or the whole story) under the local model.

Perplexity is exp of the mean negative log-likelihood per token (Jelinek et al. 1977; see
:mod:`app.core.perplexity`), scored by
:meth:`app.engines.local.client.LocalEngine.score` in an :class:`~app.ui.tasks.Operation`
(:class:`StoryController`); each token is then tinted by its surprise until the next edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.core.spans import scored_tokens, text_between, utf16_len
from app.engines.base import CancelToken, EngineError, ScoreResult
from app.ui.engine_bridge import EngineHub, GenerationController
from app.ui.tasks import Operation, OperationCancelled, Progress
from app.ui.widgets import failure_text

if TYPE_CHECKING:
    from app.ui.panes.story.pane import StoryPane

#: Alternatives asked for per AI token on local engines (and on remote ones while
#: "Show probabilities" is on), and per evaluated token.
TOP_LOGPROBS = 5


class StoryController(GenerationController):
    """A :class:`GenerationController` (its ``pieces_ready`` pairs text with token
    log-probabilities) that can also score a text (perplexity) as an
    :class:`~app.ui.tasks.Operation`.

    Signals:
        score_progress(int, int): tokens scored, tokens to score (GUI thread).
        scored(object): a :class:`ScoreResult`, or the exception scoring raised
            (:class:`EngineError` kind 'cancelled' after :meth:`cancel_score`).
    """

    score_progress = Signal(int, int)
    scored = Signal(object)

    def __init__(self, hub: EngineHub, parent: QObject | None = None) -> None:
        super().__init__(hub, parent)
        self._scoring: Operation[ScoreResult] | None = None
        self._score_cancel: CancelToken | None = None

    def is_scoring(self) -> bool:
        """A text is being scored (until ``scored`` is emitted)."""
        return self._scoring is not None

    def score(self, text: str, top_logprobs: int = 5) -> None:
        """Score ``text`` with the local engine (:meth:`LocalEngine.score`, default stride)
        as an operation; ``score_progress`` and then ``scored`` follow. Raises
        RuntimeError while a text is being scored."""
        if self.is_scoring():
            raise RuntimeError("a text is already being scored")
        engine = self.hub.engine
        cancel = CancelToken()  # the engine's: it reaches the host at once, within a batch

        def work(progress: Progress) -> ScoreResult:
            try:
                return engine.score(text, cancel, on_progress=progress.report, top_logprobs=top_logprobs)
            except EngineError as exc:
                if exc.kind == "cancelled" and progress.cancelled:
                    raise OperationCancelled from exc
                raise

        self._score_cancel = cancel
        self._scoring = (
            Operation(self, work, name="penwright-score")
            .on_progress(self.score_progress.emit)
            .on_success(self._settle)
            .on_failure(self._settle)
            .on_cancelled(lambda: self._settle(EngineError("cancelled", "Scoring was cancelled.")))
            .run()
        )

    def cancel_score(self) -> None:
        """Stop scoring: ``scored`` follows with an :class:`EngineError` kind 'cancelled'."""
        if self._scoring is not None and self._score_cancel is not None:
            self._scoring.cancel()
            self._score_cancel.cancel()

    def _settle(self, result: ScoreResult | Exception) -> None:
        scoring, self._scoring, self._score_cancel = self._scoring, None, None
        if scoring is not None and scoring.thread is not None:
            scoring.thread.join()  # it has delivered: it ends at once
        self.scored.emit(result)

    def finish_now(self, timeout: float = 10.0) -> None:
        """Also cancel scoring and settle it at once (window closing): ``scored`` follows
        now if the scoring ends within ``timeout`` seconds."""
        scoring = self._scoring
        if scoring is not None:
            self.cancel_score()
            scoring.finish(timeout)
        super().finish_now(timeout)


class Evaluator(QObject):
    """The pane's Evaluate: scores the selection or the story, shows the perplexity and
    the progress, and hands the scored tokens to the editor's :class:`AiText`.

    Signals:
        scored(object): Evaluate ended: a :class:`ScoreResult`, or the error message.
        message(str): a line for the pane's status.
    """

    scored = Signal(object)
    message = Signal(str)

    def __init__(self, pane: StoryPane) -> None:
        super().__init__(pane)
        self._pane = pane
        self.last_score: ScoreResult | None = None
        self._base = 0
        self._text = ""
        self._revision = -1
        pane.controller.score_progress.connect(self._progress)
        pane.controller.scored.connect(self._scored)
        pane.score_cancel.clicked.connect(pane.controller.cancel_score)

    def evaluate(self) -> None:
        """Score the selection (or the whole story) with the local model on a worker
        thread; shows "Perplexity P over N tokens" and tints each token by its surprise."""
        pane = self._pane
        if pane.busy() or not pane.evaluate_button.isEnabled() or not pane.ensure_model():
            return
        cursor = pane.editor.textCursor()
        full = pane.editor.toPlainText()
        if cursor.hasSelection():
            start, end = cursor.selectionStart(), cursor.selectionEnd()
        else:
            start, end = 0, utf16_len(full)
        text = text_between(full, start, end)
        if not text.strip():
            self.message.emit(self.tr("There is nothing to evaluate yet."))
            return
        self._base = start
        self._text = text
        self._revision = pane.editor.document().revision()
        pane.score_progress.setRange(0, 0)
        pane.score_progress.setVisible(True)
        pane.score_cancel.setVisible(True)
        pane.perplexity_label.clear()
        self.message.emit(self.tr("Evaluating…"))
        pane.controller.score(text, TOP_LOGPROBS)
        pane.update_actions()

    def _progress(self, done: int, total: int) -> None:
        self._pane.score_progress.setRange(0, max(1, total))
        self._pane.score_progress.setValue(done)

    def _scored(self, result: object) -> None:
        pane = self._pane
        pane.score_progress.setVisible(False)
        pane.score_cancel.setVisible(False)
        if isinstance(result, ScoreResult):
            self.last_score = result
            pane.perplexity_label.setText(
                self.tr("Perplexity {ppl:.1f} over {n:,} tokens").format(
                    ppl=result.perplexity, n=result.n_tokens
                )
            )
            self.message.emit(
                self.tr("Evaluated in {s:.1f} s. Hover a word for its probability.").format(s=result.seconds)
            )
            if pane.editor.document().revision() == self._revision:
                pane.ai_text.score_overlay = scored_tokens(self._text, self._base, result.tokens)
            pane.ai_text.refresh()
            self.scored.emit(result)
        else:
            if isinstance(result, EngineError) and result.kind == "cancelled":
                message = self.tr("Evaluation cancelled.")
            elif isinstance(result, EngineError):
                message = "⚠ " + failure_text(result.kind, result.message)
            else:
                message = "⚠ " + str(result)
            self.message.emit(message)
            self.scored.emit(message)
        pane.update_actions()
