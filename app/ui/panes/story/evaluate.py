"""Evaluate: the perplexity of the selection (or the whole story) under the local model.

Perplexity is exp of the mean negative log-likelihood per token (Jelinek et al. 1977; see
:mod:`app.core.perplexity`), scored by
:meth:`app.engines.local.client.LocalEngine.score` on a worker thread
(:class:`StoryController`); each token is then tinted by its surprise until the next edit.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.core.spans import scored_tokens, text_between, utf16_len
from app.engines.base import CancelToken, EngineError, ScoreResult
from app.ui.engine_bridge import EngineHub, GenerationController
from app.ui.widgets import failure_text

if TYPE_CHECKING:
    from app.ui.panes.story.pane import StoryPane

#: Alternatives asked for per AI token on local engines (and on remote ones while
#: "Show probabilities" is on), and per evaluated token.
TOP_LOGPROBS = 5


class StoryController(GenerationController):
    """A :class:`GenerationController` (its ``pieces_ready`` pairs text with token
    log-probabilities) that can also score a text (perplexity) on a worker thread.

    Signals:
        score_progress(int, int): tokens scored, tokens to score (GUI thread).
        scored(object): a :class:`ScoreResult`, or the exception scoring raised
            (:class:`EngineError` kind 'cancelled' after :meth:`cancel_score`).
    """

    score_progress = Signal(int, int)
    scored = Signal(object)

    def __init__(self, hub: EngineHub, parent: QObject | None = None) -> None:
        super().__init__(hub, parent)
        self._score_thread: threading.Thread | None = None
        self._score_cancel: CancelToken | None = None
        self.scored.connect(self._score_settled)

    def is_scoring(self) -> bool:
        return self._score_thread is not None

    def score(self, text: str, top_logprobs: int = 5) -> None:
        """Score ``text`` with the local engine (:meth:`LocalEngine.score`, default stride)
        on a worker thread; ``score_progress`` and then ``scored`` follow. Raises
        RuntimeError while a text is being scored."""
        if self.is_scoring():
            raise RuntimeError("a text is already being scored")
        engine = self.hub.engine
        cancel = CancelToken()
        self._score_cancel = cancel

        def progress(done: int, total: int) -> None:
            with contextlib.suppress(RuntimeError):  # the pane was deleted (window closed)
                self.score_progress.emit(done, total)

        def work() -> None:
            result: object
            try:
                result = engine.score(text, cancel, on_progress=progress, top_logprobs=top_logprobs)
            except Exception as exc:  # EngineError and the like are shown to the user
                result = exc
            with contextlib.suppress(RuntimeError):
                self.scored.emit(result)

        self._score_thread = threading.Thread(target=work, name="penwright-score", daemon=True)
        self._score_thread.start()

    def cancel_score(self) -> None:
        if self._score_cancel is not None:
            self._score_cancel.cancel()

    def _score_settled(self, _result: object) -> None:
        if self._score_thread is not None:
            self._score_thread.join()
        self._score_thread = None
        self._score_cancel = None

    def finish_now(self, timeout: float = 10.0) -> None:
        """Also cancel scoring and wait for it (window closing)."""
        if self._score_thread is not None:
            self.cancel_score()
            self._score_thread.join(timeout)
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
