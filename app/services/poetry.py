"""The candidate poems of one Poetry run, made one request after another (no Qt).

:func:`run_poem_jobs` runs on a worker thread (the window's :class:`PoemRunController`, the
Operation that carries it) and reports what happens through ``post``: a
:class:`JobStarted`, the streamed text (``str``), the engine's :class:`Notice` and each
finished :class:`PoemCandidate`. A sampling job gives one candidate (its mean
log-probability from the request's ``top_logprobs``); a beam job gives every beam of
:attr:`Done.candidates`. Cancelling stops the running job within about one token and skips
the rest; what was written so far is kept, marked (reason 'cancelled', or 'failed' when the
engine failed), so that no word is lost.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.core.types import Usage
from app.engines.base import (
    CancelToken,
    Candidate,
    Done,
    Engine,
    EngineEvent,
    Failed,
    GenerationRequest,
    Notice,
    Token,
)
from app.storage.poems import PoemCandidate


@dataclass(frozen=True)
class PoemJob:
    """One generation of a run: the request and how it decodes ('sampling', 'grammar', 'beam')."""

    request: GenerationRequest
    decoder: str


@dataclass(frozen=True)
class JobStarted:
    """Job ``index`` (0-based) of the run began; its text streams next."""

    index: int


#: What :func:`run_poem_jobs` reports while it runs.
RunEvent = JobStarted | str | Notice | PoemCandidate


def run_poem_jobs(
    engine: Engine, jobs: Sequence[PoemJob], cancel: CancelToken, post: Callable[[RunEvent], None]
) -> Done | Failed:
    """Run ``jobs`` in order on ``engine`` (blocking; their seeds already resolved).

    Raises:
        ValueError: ``jobs`` is empty.

    Returns:
        a :class:`Done` (reason 'stop', or 'cancelled' when ``cancel`` was set) whose
        ``candidates`` are all the poems in arrival order and whose ``usage`` sums the
        jobs', or the :class:`Failed` of the job that failed (the poem it was writing is
        posted first, marked 'failed'). An exception raised by the engine's stream becomes
        ``Failed('internal', ...)``.
    """
    if not jobs:
        raise ValueError("no jobs to run")
    found: list[PoemCandidate] = []
    usage = Usage()
    failure: Failed | None = None

    def keep(poems: list[PoemCandidate]) -> None:
        for poem in poems:
            found.append(poem)
            post(poem)

    for k, job in enumerate(jobs):
        if cancel.is_cancelled():
            break
        post(JobStarted(k))
        final: EngineEvent | None = None
        logprobs: list[float] = []
        streamed: list[str] = []
        try:
            for event in engine.stream(job.request, cancel):
                if isinstance(event, Token):
                    logprobs.extend(lp.logprob for lp in event.logprobs)
                    if event.text:
                        streamed.append(event.text)
                        post(event.text)
                elif isinstance(event, Notice):
                    post(event)
                else:
                    final = event
        except Exception as exc:  # a bug in our code must not kill the thread silently
            final = Failed("internal", f"Generation failed: {exc}")
        if isinstance(final, Failed) or final is None:
            failure = final or Failed("internal", "The engine ended without a result.")
            # Not a word lost: what was written before the failure is kept, marked.
            keep(sampled_candidates(job, "".join(streamed), logprobs, len(logprobs), "failed"))
            break
        assert isinstance(final, Done)
        usage = add_usage(usage, final.usage)
        if final.reason == "cancelled" and not final.candidates:
            final = dataclasses.replace(final, text=final.text or "".join(streamed))
        keep(job_candidates(job, final, logprobs))
        if final.reason == "cancelled":
            break  # the poem cut by Stop is kept (marked); the rest are not started
    if failure is not None:
        return failure
    return Done(
        "cancelled" if cancel.is_cancelled() else "stop",
        usage,
        jobs[0].request.params.seed,
        text=found[0].text if found else "",
        candidates=tuple(
            Candidate(c.text, c.sum_logprob or 0.0, c.mean_logprob or 0.0, c.beam_score or 0.0, c.reason)
            for c in found
        ),
    )


def add_usage(a: Usage, b: Usage) -> Usage:
    """The token counts and timings of two generations together."""
    return Usage(
        prompt_tokens=a.prompt_tokens + b.prompt_tokens,
        completion_tokens=a.completion_tokens + b.completion_tokens,
        cached_tokens=a.cached_tokens + b.cached_tokens,
        prompt_seconds=a.prompt_seconds + b.prompt_seconds,
        generation_seconds=a.generation_seconds + b.generation_seconds,
    )


def job_candidates(job: PoemJob, done: Done, logprobs: list[float]) -> list[PoemCandidate]:
    """The poems of one finished job: every beam with text, or the sampled text (none if
    blank). ``logprobs``: the natural-log probability of each sampled token. Scores are 0:
    the pane checks each poem against the form."""
    seed = job.request.params.seed
    if done.candidates:
        return [
            PoemCandidate(
                text=c.text,
                score=0.0,
                mean_logprob=c.mean_logprob,
                sum_logprob=c.sum_logprob,
                tokens=round(c.sum_logprob / c.mean_logprob) if c.mean_logprob else 0,
                seed=seed,
                reason=c.reason,
                decoder=job.decoder,
                beam_score=c.score,
            )
            for c in done.candidates
            if c.text.strip()
        ]
    tokens = done.usage.completion_tokens or len(logprobs)
    return sampled_candidates(job, done.text, logprobs, tokens, done.reason, done.seed)


def sampled_candidates(
    job: PoemJob,
    text: str,
    logprobs: list[float],
    tokens: int,
    reason: str,
    seed: int | None = None,
) -> list[PoemCandidate]:
    """One sampled poem (none if ``text`` is blank); ``logprobs`` per token, natural log
    (mean and sum None when there are none). ``seed`` None: the request's."""
    if not text.strip():
        return []
    total = sum(logprobs) if logprobs else None
    return [
        PoemCandidate(
            text=text,
            score=0.0,
            mean_logprob=total / len(logprobs) if total is not None else None,
            sum_logprob=total,
            tokens=tokens,
            seed=job.request.params.seed if seed is None else seed,
            reason=reason,
            decoder=job.decoder,
        )
    ]
