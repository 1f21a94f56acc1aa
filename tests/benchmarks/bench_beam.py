"""Beam search speed: ``beam_search`` at widths 1, 4 and 8 against greedy ``create_completion``.

All sides use one in-process ``Llama`` (same ``n_ctx``, ``n_threads``), continue the same
raw prompts for ``--max-tokens`` tokens, and differ only in the decoder:

- baseline: ``Llama.create_completion(stream=True, temperature=0, repeat_penalty=1)``,
  llama-cpp-python's own greedy loop (one token per decode, on the ``Llama``'s context);
- ours: :func:`app.engines.local.beam.beam_search` at width B (its own context, B tokens
  per decode, log-softmax and top-k in numpy per step), without stop tokens so every run
  makes exactly ``--max-tokens`` steps.

Figures (best of ``--repeats`` runs, or ``--stat median``; one warm-up each; sides
alternate): decode tok/s after the first token (tokens of the returned text per second;
B beams decode B tokens per step, reported as "beam tok/s" in the samples), time to the
first token, and peak RSS during each side's runs (Linux: the kernel's high-water mark is
reset before each side through ``/proc/self/clear_refs``; elsewhere the peak is polled).
Each run's prompt starts with a different word, so the prefix cache of ``create_completion``
cannot skip the prompt.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.benchmarks._common import (
    MIB,
    PeakRss,
    Report,
    Sides,
    decode_rate,
    engine_cli,
    log,
    print_figures,
    run_settings,
    summary,
)
from tests.benchmarks._runs import Run, alternate_runs

N_CTX = 2048
WIDTHS = (1, 4, 8)
OPENINGS = ("Morning.", "Evening.", "Winter.", "Harbour.", "Lanterns.", "Thunder.", "Orchard.")
BODY = (
    " The lighthouse keeper climbed the spiral stairs for the last time. For forty years he had "
    "trimmed the wick, polished the great lens and written the weather into a leather book. "
    "Tomorrow a machine would do his work. He opened the book at a clean page and began to write"
)


def _prompt(index: int) -> str:
    return OPENINGS[index % len(OPENINGS)] + BODY


def _reset_peak() -> None:
    """Reset this process's RSS high-water mark (Linux >= 4.0); a no-op elsewhere."""
    try:
        with open(f"/proc/{os.getpid()}/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
    except OSError:
        pass


def _greedy_run(llm: Any, prompt: str, max_tokens: int) -> dict[str, Any]:
    started = time.perf_counter()
    first: float | None = None
    n = 0
    text = []
    for chunk in llm.create_completion(
        prompt, max_tokens=max_tokens, temperature=0.0, repeat_penalty=1.0, stream=True
    ):
        if first is None:
            first = time.perf_counter()
        n += 1
        text.append(chunk["choices"][0]["text"])
    ended = time.perf_counter()
    first = first or ended
    return {"tokens": n, "first_s": first - started, "decode_s": ended - first, "text": "".join(text)}


def _beam_run(llm: Any, prompt: str, width: int, max_tokens: int) -> dict[str, Any]:
    from app.engines.local.beam import beam_search

    started = time.perf_counter()
    first: list[float] = []

    def on_step(step: int, _beams: object) -> None:
        if step == 0:
            first.append(time.perf_counter())

    tokens = llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=False)
    results = beam_search(
        llm, tokens, beam_width=width, max_tokens=max_tokens, stop_tokens=set(), on_step=on_step
    )
    ended = time.perf_counter()
    t_first = first[0] if first else ended
    best = results[0]
    return {
        "tokens": len(best.tokens),
        "first_s": t_first - started,
        "decode_s": ended - t_first,
        "sum_logprob": best.sum_logprob,
        "text": best.text,
    }


def run(model: Path, repeats: int, threads: int, max_tokens: int, stat: str = "best") -> Report:
    from llama_cpp import Llama

    from app.engines.local.beam import beam_context_tokens

    report = Report.new(
        "beam",
        "beam search tok/s at widths 1, 4, 8 vs greedy create_completion (same Llama)",
        run_settings(N_CTX, threads, repeats, stat, max_tokens=max_tokens, widths=list(WIDTHS)),
        model=model,
    )
    log(f"beam: loading {model.name} ({threads} threads)")
    llm = Llama(model_path=str(model), n_ctx=N_CTX, n_threads=threads, verbose=False)
    names = ("greedy", *(f"B={w}" for w in WIDTHS))
    peaks: dict[str, int] = {}
    try:
        _greedy_run(llm, _prompt(len(OPENINGS) - 1), max_tokens)  # warm-up
        for width in WIDTHS:
            _beam_run(llm, _prompt(len(OPENINGS) - 1), width, min(max_tokens, 8))

        def side(name: str, width: int | None) -> tuple[str, Callable[[int], Run]]:
            def once(i: int) -> Run:
                _reset_peak()
                with PeakRss(os.getpid(), interval=0.02) as rss:
                    if width is None:
                        result = _greedy_run(llm, _prompt(i), max_tokens)
                    else:
                        result = _beam_run(llm, _prompt(i), width, max_tokens)
                peaks[name] = max(peaks.get(name, 0), rss.peak())
                return result

            return f"{name:7} run", once

        results = alternate_runs(
            "beam",
            repeats,
            lambda r: f"{decode_rate(r):6.1f} tok/s",
            *(side(name, width) for name, width in zip(names, (None, *WIDTHS), strict=True)),
        )
        runs = dict(zip(names, results, strict=True))
        n_prompt = len(llm.tokenize(_prompt(0).encode("utf-8"), add_bos=True))
        model_ptr = llm._model.model
        import llama_cpp

        n_layer = llama_cpp.llama_model_n_layer(model_ptr)
        n_embd = llama_cpp.llama_model_n_embd(model_ptr)
        n_head = llama_cpp.llama_model_n_head(model_ptr)
        n_head_kv = llama_cpp.llama_model_n_head_kv(model_ptr)
        cell_bytes = n_layer * 2 * (n_embd // n_head) * n_head_kv * 2  # K and V, f16
    finally:
        llm.close()

    greedy_rates = [decode_rate(r) for r in runs["greedy"]]
    greedy_first = [r["first_s"] for r in runs["greedy"]]
    for width in WIDTHS:
        name = f"B={width}"
        rates = [decode_rate(r) for r in runs[name]]
        sides = Sides(f"beam_search B={width}", "greedy create_completion", stat)
        report.add(
            sides.picked(f"decode speed, beam width {width}", "tok/s", rates, greedy_rates, "higher"),
            sides.picked(
                f"time to first token, beam width {width}",
                "s",
                [r["first_s"] for r in runs[name]],
                greedy_first,
            ),
            sides.figure(
                f"peak RSS, beam width {width}", "MiB", peaks.get(name, 0) / MIB, peaks.get("greedy", 0) / MIB
            ),
        )
        report.samples[name] = {
            "decode_tok_s": summary(rates, "higher"),
            "beam_tok_s": summary([r * width for r in rates], "higher"),
            "first_token_s": summary([r["first_s"] for r in runs[name]]),
            "sum_logprob": [r["sum_logprob"] for r in runs[name]],
            "kv_cells": beam_context_tokens(n_prompt, width, max_tokens),
            "kv_mib_estimate": round(beam_context_tokens(n_prompt, width, max_tokens) * cell_bytes / MIB, 1),
            "peak_rss_mib": round(peaks.get(name, 0) / MIB, 1),
        }
    report.samples["greedy"] = {
        "decode_tok_s": summary(greedy_rates, "higher"),
        "first_token_s": summary(greedy_first),
        "peak_rss_mib": round(peaks.get("greedy", 0) / MIB, 1),
        "tokens": [r["tokens"] for r in runs["greedy"]],
    }
    report.samples["prompt_tokens"] = n_prompt
    report.samples["kv_bytes_per_cell"] = cell_bytes
    same = all(g["text"] == b["text"] for g, b in zip(runs["greedy"], runs["B=1"], strict=True))
    report.samples["width_1_matches_greedy"] = same
    if not same:
        report.notes.append("beam width 1 and greedy texts differ (an end-of-text token or a near tie)")
    return report.finish()


def main(argv: list[str] | None = None) -> int:
    report, _ = engine_cli(
        __doc__ or "beam search benchmark", argv, run, ("--max-tokens", 64, "tokens per run")
    )
    print_figures(report.figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
