"""The Poetry pane's generation run: the jobs of one poem, the controller that runs them off
the GUI thread, and the status line when the run ends.

:class:`PoemRunController` runs :func:`app.services.poetry.run_poem_jobs` as a streaming
:class:`~app.ui.tasks.Operation` (N sampled poems with different seeds, or one beam search
whose beams are the candidates) and reports each finished poem; it is a
:class:`GenerationController`, so the window treats it like every other pane's
(``finished``, ``stop``, ``finish_now``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.core.poetry.candidates import candidate_seeds
from app.core.poetry.compose import max_tokens_for, poem_messages
from app.core.poetry.forms import Form
from app.core.poetry.grammar import grammar_for
from app.core.types import GenerationParams
from app.engines.base import CancelToken, Done, EngineEvent, Failed, GenerationRequest, Notice
from app.services.poetry import JobStarted, PoemJob, run_poem_jobs
from app.storage.poems import PoemCandidate
from app.ui.engine_bridge import EngineHub, GenerationController
from app.ui.panes.poetry.form_view import percent
from app.ui.tasks import Operation, Progress
from app.ui.widgets import describe_final, describe_usage, notice_text

__all__ = ["PoemJob", "PoemRunController", "poem_jobs", "run_summary"]


class PoemRunController(GenerationController):
    """Generates the candidates of one poem, one request after another, off the GUI thread.

    The run is the controller's streaming :class:`~app.ui.tasks.Operation`: the worker hands
    each :data:`~app.services.poetry.RunEvent` to :meth:`Progress.put`, and they reach the
    view batched every ``FLUSH_INTERVAL_MS`` (never one repaint per token), through the
    same path as every pane's reply (:meth:`GenerationController._launch`). Its result is the
    run's final event. Stop cancels the engine's :class:`CancelToken` (the running job
    stops within about one token; the rest are skipped): a stopped run still *succeeds*,
    with a :class:`Done` whose reason is 'cancelled', because what it made is kept.

    Signals (besides ``text_ready``, ``notice`` and ``finished``):
        candidate_started(int): job k (0-based) began; ``text_ready`` then streams its text.
        candidate_ready(object): a finished :class:`PoemCandidate` (``score`` is 0: the pane
            checks it against the form).
        finished(object): after the last job: a :class:`Done` (reason 'stop', or 'cancelled'
            when stopped) whose ``candidates`` are all the poems in arrival order and whose
            ``usage`` sums the jobs', or the :class:`Failed` of the job that failed.
    """

    candidate_started = Signal(int)
    candidate_ready = Signal(object)

    def __init__(self, hub: EngineHub, parent: QObject | None = None) -> None:
        super().__init__(hub, parent)
        #: called at the end of :meth:`finish_now` (the window settles panes before it
        #: closes the history): the pane saves the writer's last edit there
        self.on_settle: Callable[[], None] | None = None

    def start_run(self, jobs: Sequence[PoemJob]) -> None:
        """Run ``jobs`` in order (their seeds must already be resolved).

        Raises:
            RuntimeError: a generation is already running.
            ValueError: ``jobs`` is empty.
        """
        if self.is_running():
            raise RuntimeError("a generation is already running")
        if not jobs:
            raise ValueError("no jobs to run")
        self.text = ""
        cancel = self._cancel = CancelToken()
        self.hub.cancel_background()
        engine = self.hub.active
        self.params = jobs[0].request.params

        def work(progress: Progress) -> EngineEvent:
            return run_poem_jobs(engine, jobs, cancel, progress.put)

        self._launch(Operation(self, work, name="penwright-poetry"))

    def finish_now(self, timeout: float = 10.0) -> None:
        """Stop and settle at once (window closing, conversation deleted)."""
        super().finish_now(timeout)
        if self.on_settle is not None:
            self.on_settle()

    def _take_events(self, events: list[Any]) -> None:
        """GUI thread: hand what the worker reported since the last batch to the view, in order."""
        pieces: list[str] = []

        def flush_text() -> None:
            if pieces:
                text = "".join(pieces)
                pieces.clear()
                self.text += text
                self.text_ready.emit(text)

        for event in events:
            if isinstance(event, str):
                pieces.append(event)
                continue
            flush_text()
            if isinstance(event, JobStarted):
                self.text = ""
                self.candidate_started.emit(event.index)
            elif isinstance(event, PoemCandidate):
                self.candidate_ready.emit(event)
            elif isinstance(event, Notice):
                self.notice.emit(notice_text(event))
        flush_text()

    def _generation_ended(self, final: EngineEvent) -> None:
        """The run ended (its last batch is delivered): ``finished``, once per run."""
        if isinstance(final, Done) and final.usage.completion_tokens:
            self.hub.generation_finished.emit(final.usage.tokens_per_second)
        self.finished.emit(final)


def poem_jobs(
    form: Form,
    topic: str,
    note: str,
    mode: str,
    params: GenerationParams,
    *,
    count: int,
    beam_width: int,
    length_penalty: float,
    repetition_penalty: float,
    logprobs: bool,
) -> list[PoemJob]:
    """The requests of one poem in ``form``: one beam search (``mode`` 'beam'), or
    ``count`` sampled poems ('sampling', or 'grammar' under the form's GBNF grammar) with
    seeds ``params.seed``, ``+1``, ... (:func:`candidate_seeds`; a seed of -1 is drawn
    first). ``max_tokens`` comes from the form where it sets one; ``logprobs``: ask for the
    top log-probability of each token (the mean log-probability of a candidate)."""
    messages = tuple(poem_messages(form, topic, note))
    grammar = grammar_for(form) if mode != "sampling" else None
    base = params.with_resolved_seed()
    max_tokens = max_tokens_for(form) or base.max_tokens
    if mode == "beam":
        beam = dataclasses.replace(
            base,
            beam_width=beam_width,
            length_penalty=length_penalty,
            repeat_penalty=repetition_penalty,
            max_tokens=max_tokens,
        )
        return [PoemJob(GenerationRequest(messages=messages, params=beam, grammar=grammar), "beam")]
    top = 1 if logprobs else 0
    return [
        PoemJob(
            GenerationRequest(
                messages=messages,
                params=dataclasses.replace(base, seed=seed, max_tokens=max_tokens, beam_width=0),
                top_logprobs=top,
                grammar=grammar,
            ),
            mode,
        )
        for seed in candidate_seeds(base.seed, count)
    ]


def run_summary(final: object, candidates: Sequence[PoemCandidate]) -> str | None:
    """The status line when a run ends with ``final`` (a :class:`Done` or :class:`Failed`;
    None for anything else): what was kept (the poem cut short is marked), or how many
    ``candidates`` (ranked, best first) and the best one's conformity, with the usage."""
    tr = QCoreApplication.translate
    n = len(candidates)
    if isinstance(final, Failed):
        kept = tr("PoetryPane", " {n} candidate(s) were kept.").format(n=n) if n else ""
        if any(c.is_partial for c in candidates):
            kept += " " + tr("PoetryPane", "The poem cut short is marked.")
        return describe_final(final) + kept
    if not isinstance(final, Done):
        return None
    usage = describe_usage(final.usage, final.seed, final.reason)
    if final.reason == "cancelled":
        cut = sum(1 for c in candidates if c.is_partial)
        head = tr("PoetryPane", "Stopped; {n} finished candidate(s) kept.").format(n=n - cut)
        if cut:
            head += " " + tr("PoetryPane", "The poem being written is kept too, marked as stopped.")
    elif n:
        head = tr(
            "PoetryPane", "{n} candidate(s), best conformity {best}. Pick one, or tick lines and combine."
        ).format(n=n, best=percent(candidates[0].score))
    else:
        head = tr("PoetryPane", "The model wrote nothing; try another topic or decoding.")
    return f"{head} {usage}"
