"""Perplexity throughput: ``LocalEngine.score`` (engine host) against a raw llama-cpp-python loop.

Both sides load the same GGUF with the same ``n_ctx`` and ``n_threads`` and score the same
deterministic English text (about ``--tokens`` tokens, longer than ``n_ctx``) in the same
windows (``app.core.perplexity.scoring_windows``: stride n_ctx // 2, each token scored once):

- Penwright: ``LocalEngine.score(text, CancelToken())`` timed in this (the "window")
  process as a caller sees it, tokenization and the pipe included. The host decodes the
  unscored first half of each window without logits and the scored half in batches with
  logits for every position (``logits_all`` off), log-softmax in float64 blocks.
- Baseline: the plain llama-cpp-python way, in this process: ``Llama(logits_all=True)``,
  ``reset()`` + ``eval(window)`` per window, then a float64 log-softmax of the rows of
  ``Llama.scores`` that score a token.

Figures (best of ``--repeats`` runs per side, or ``--stat median``, after one warm-up each,
sides alternating): scored tokens per second (wall time, and the host's own clock), the
perplexity both sides found (they must agree to 1e-4 relative), and peak RSS: the engine
host process against this process, which holds the baseline's model and its
n_ctx x n_vocab float32 ``scores`` array.
"""

from __future__ import annotations

import math
import random
import sys
import time
from pathlib import Path
from typing import Any

from tests.benchmarks._common import Report, Sides, engine_cli, engine_speed, summary
from tests.benchmarks._runs import alternate_runs, engine_and_raw

N_CTX = 512
_NAMES = ("Mara", "Tobias", "Elin", "the captain", "old Petra", "the miller's son")
_PLACES = ("the harbour", "the mill", "the chapel", "the market square", "the cliff path")
_DEEDS = (
    "carried a lantern to",
    "whispered a secret near",
    "waited in the rain outside",
    "painted the door of",
)


def story(n_tokens_approx: int, seed: int = 11) -> str:
    """Deterministic English prose, about 20 tokens (SmolLM2) a sentence."""
    rng = random.Random(seed)
    sentences = [
        f"{rng.choice(_NAMES).capitalize()} {rng.choice(_DEEDS)} {rng.choice(_PLACES)} on day {i + 1}, "
        f"and the {rng.choice(['wind', 'tide', 'fog', 'snow'])} remembered it."
        for i in range(max(1, n_tokens_approx // 20))
    ]
    return " ".join(sentences)


def _raw_score(llm: Any, text: str) -> dict[str, Any]:
    """Score ``text`` the plain way: one ``eval`` per window, logits from ``Llama.scores``."""
    import llama_cpp
    import numpy as np

    from app.core.perplexity import perplexity, scoring_windows

    started = time.perf_counter()
    bos = bool(llama_cpp.llama_vocab_get_add_bos(llm._model.vocab))
    tokens = llm.tokenize(text.encode("utf-8"), add_bos=bos, special=False)
    values: list[float] = []
    for window in scoring_windows(len(tokens), llm.n_ctx(), bos=bos):
        sequence = ([llm.token_bos()] if window.bos else []) + tokens[window.start : window.end]
        shift = window.start - (1 if window.bos else 0)
        llm.reset()
        llm.eval(sequence)
        first = window.score_from - 1 - shift
        rows = np.asarray(llm.scores[first : len(sequence) - 1], dtype=np.float64)
        peak = rows.max(axis=1, keepdims=True)
        lse = peak[:, 0] + np.log(np.exp(rows - peak).sum(axis=1))
        targets = np.asarray(sequence[first + 1 :])
        values.extend((rows[np.arange(len(targets)), targets] - lse).tolist())
    seconds = time.perf_counter() - started
    return {"n_tokens": len(values), "seconds": seconds, "perplexity": perplexity(values)}


def _engine_score(engine: Any, text: str) -> dict[str, Any]:
    from app.engines.base import CancelToken

    started = time.perf_counter()
    result = engine.score(text, CancelToken())
    seconds = time.perf_counter() - started
    return {
        "n_tokens": result.n_tokens,
        "seconds": seconds,
        "host_seconds": result.seconds,
        "perplexity": result.perplexity,
    }


def _rate(run: dict[str, Any], key: str = "seconds") -> float:
    return run["n_tokens"] / run[key] if run[key] > 0 else 0.0


def run(model: Path, repeats: int, threads: int, n_tokens: int, stat: str = "best") -> Report:
    text = story(n_tokens)
    report = Report.new(
        name="perplexity",
        description="scored tok/s: LocalEngine.score (host, batched logits) vs Llama(logits_all=True) eval",
        settings={
            "n_ctx": N_CTX,
            "stride": N_CTX // 2,
            "n_threads": threads,
            "text_tokens_approx": n_tokens,
            "repeats": repeats,
            "statistic": stat,
        },
        model=model,
    )
    with engine_and_raw("perplexity", model, N_CTX, threads, logits_all=True) as both:
        warm = story(N_CTX, seed=3)  # one window and a half
        _engine_score(both.engine, warm)
        _raw_score(both.llm, warm)
        engine_runs, raw_runs = alternate_runs(
            "perplexity",
            repeats,
            lambda r: f"{_rate(r):.1f} tok/s",
            ("engine run", lambda _i: _engine_score(both.engine, text)),
            ("raw run", lambda _i: _raw_score(both.llm, text)),
        )

    engine_rates = [_rate(r) for r in engine_runs]
    host_rates = [_rate(r, "host_seconds") for r in engine_runs]
    raw_rates = [_rate(r) for r in raw_runs]
    report.add(
        *engine_speed("scoring speed", engine_rates, host_rates, raw_rates, stat),
        Sides("Penwright engine", "raw llama-cpp").figure(
            "perplexity found", "ppl", engine_runs[0]["perplexity"], raw_runs[0]["perplexity"]
        ),
        both.peak_figure("benchmark process, raw model (logits_all)"),
    )
    same = all(
        math.isclose(e["perplexity"], r["perplexity"], rel_tol=1e-4) and e["n_tokens"] == r["n_tokens"]
        for e, r in zip(engine_runs, raw_runs, strict=True)
    )
    report.samples |= {
        "summary": {
            "engine_tok_s": summary(engine_rates, "higher"),
            "engine_host_tok_s": summary(host_rates, "higher"),
            "raw_tok_s": summary(raw_rates, "higher"),
        },
        "engine": engine_runs,
        "raw": raw_runs,
        "scored_tokens": engine_runs[0]["n_tokens"] if engine_runs else None,
        "same_perplexity": same,
    }
    if not same:
        report.notes.append("engine and raw perplexities differ: the two sides did not do the same work")
    return report.finish()


def main(argv: list[str] | None = None) -> int:
    engine_cli(
        __doc__ or "perplexity benchmark",
        argv,
        run,
        ("--tokens", 1500, "about how many tokens the scored text has"),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
