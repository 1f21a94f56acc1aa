"""Generation speed: Penwright's engine (host process + pipe) against raw llama-cpp-python.

Both sides load the same GGUF with the same ``n_ctx`` and ``n_threads``, continue the
same raw prompts greedily (temperature 0, repeat penalty off) for up to ``--max-tokens``
tokens, and stop at end-of-generation, so they decode the same token sequence (checked).

- Penwright: ``LocalEngine.stream(GenerationRequest(prompt=...), CancelToken())``, timed
  in this (the "window") process as a caller sees it: first ``Token`` event, ``Done``.
- Baseline: ``Llama.generate`` in this process, the loop the engine host runs minus the
  process boundary, the cancel checks and the text assembly: tokenize, generate, stop on
  end-of-generation, turn each token into bytes (``llama_token_to_piece``).

Figures (best of ``--repeats`` runs per side, or ``--stat median``, after one warm-up
each, sides alternating):
decode tokens/s after the first token, and prompt time (request to first token,
tokenization included). Each run uses a prompt with a different first word, so
llama-cpp-python's prefix cache reuses only the BOS token and every run reads the whole
prompt. Peak RSS: the engine host process, and this process (which holds the raw model).
"""

from __future__ import annotations

import ctypes
import sys
import time
from pathlib import Path
from typing import Any

from tests.benchmarks._common import (
    Report,
    Sides,
    decode_rate,
    engine_cli,
    engine_speed,
    paired_runs,
    run_settings,
    stream_timed,
    summary,
)
from tests.benchmarks._runs import alternate_runs, engine_and_raw

N_CTX = 2048
TOP_K = 40
#: Distinct first words: the prefix cache must not skip the prompt on later runs.
OPENINGS = ("Morning.", "Evening.", "Winter.", "Harbour.", "Lanterns.", "Thunder.", "Orchard.")
BODY = (
    " The lighthouse keeper climbed the spiral stairs for the last time. For forty years he had "
    "trimmed the wick, polished the great lens and written the weather into a leather book: the "
    "fog that swallowed the fishing boats in March, the gales that tore slates from the chapel "
    "roof, the calm blue evenings when the whole bay seemed to hold its breath. Tomorrow a "
    "machine would do his work, switched on from an office in the city. He set down his lamp, "
    "opened the book at a clean page, and began to write what he had never told anyone about "
    "the night the Saint Brendan went down. It was the autumn of the storm, and"
)


def _prompt(index: int) -> str:
    return OPENINGS[index % len(OPENINGS)] + BODY


def _raw_run(llm: Any, prompt: str, max_tokens: int) -> dict[str, Any]:
    import llama_cpp

    vocab = llm._model.vocab
    size = 256
    buffer = ctypes.create_string_buffer(size)
    started = time.perf_counter()
    tokens = llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=False)
    first: float | None = None
    pieces: list[bytes] = []
    llm.set_seed(0)
    for token in llm.generate(tokens, temp=0.0, top_k=TOP_K, top_p=0.95, min_p=0.05, repeat_penalty=1.0):
        if first is None:
            first = time.perf_counter()
        if llama_cpp.llama_vocab_is_eog(vocab, token):
            break
        n = llama_cpp.llama_token_to_piece(vocab, token, buffer, size, 0, False)
        pieces.append(buffer.raw[: max(n, 0)])
        if len(pieces) >= max_tokens:
            break
    ended = time.perf_counter()
    first = first or ended
    return {
        "prompt_tokens": len(tokens),
        "tokens": len(pieces),
        "prompt_s": first - started,
        "decode_s": ended - first,
        "text": b"".join(pieces).decode("utf-8", errors="replace"),
    }


def _engine_run(engine: Any, prompt: str, max_tokens: int) -> dict[str, Any]:
    from app.core.types import GenerationParams
    from app.engines.base import GenerationRequest

    params = GenerationParams(temperature=0.0, top_k=TOP_K, repeat_penalty=1.0, max_tokens=max_tokens, seed=0)
    streamed = stream_timed(engine, GenerationRequest(prompt=prompt, params=params))
    usage = streamed.done.usage
    return {
        "prompt_tokens": usage.prompt_tokens,
        "tokens": usage.completion_tokens,
        "prompt_s": streamed.first_s,
        "decode_s": streamed.decode_s,
        "host_prompt_s": usage.prompt_seconds,
        "host_decode_s": usage.generation_seconds,
        "text": streamed.done.text,
    }


def run(model: Path, repeats: int, threads: int, max_tokens: int, stat: str = "best") -> Report:
    report = Report.new(
        "generation",
        "decode tok/s and prompt time: LocalEngine (host process + pipe) vs Llama.generate",
        run_settings(
            N_CTX,
            threads,
            repeats,
            stat,
            max_tokens=max_tokens,
            temperature=0.0,
            top_k=TOP_K,
            repeat_penalty=1.0,
        ),
        model=model,
    )
    with engine_and_raw("generation", model, N_CTX, threads) as both:
        # Warm-up: caches, lazily built sampler and graph state, the pipe.
        _engine_run(both.engine, _prompt(len(OPENINGS) - 1), max_tokens)
        _raw_run(both.llm, _prompt(len(OPENINGS) - 1), max_tokens)
        engine_runs, raw_runs = alternate_runs(
            "generation",
            repeats,
            lambda r: f"{decode_rate(r):.1f} tok/s",
            ("engine run", lambda i: _engine_run(both.engine, _prompt(i), max_tokens)),
            ("raw run", lambda i: _raw_run(both.llm, _prompt(i), max_tokens)),
        )

    engine_rates = [decode_rate(r) for r in engine_runs]
    host_rates = [decode_rate(r, "host_decode_s") for r in engine_runs]
    raw_rates = [decode_rate(r) for r in raw_runs]
    engine_prompt = [r["prompt_s"] for r in engine_runs]
    raw_prompt = [r["prompt_s"] for r in raw_runs]
    report.add(
        *engine_speed("decode speed", engine_rates, host_rates, raw_rates, stat),
        Sides("Penwright engine", "raw llama-cpp", stat).picked(
            "prompt time (request to 1st token)", "s", engine_prompt, raw_prompt
        ),
        both.peak_figure(),
    )
    report.samples["summary"] = {
        "engine_decode_tok_s": summary(engine_rates, "higher"),
        "engine_host_decode_tok_s": summary(host_rates, "higher"),
        "raw_decode_tok_s": summary(raw_rates, "higher"),
        "engine_prompt_s": summary(engine_prompt),
        "raw_prompt_s": summary(raw_prompt),
    }
    report.samples |= paired_runs(engine_runs, raw_runs) | {
        "prompt_tokens": engine_runs[0]["prompt_tokens"] if engine_runs else None,
        "generated_tokens": [r["tokens"] for r in engine_runs],
    }
    if not report.samples["same_text"]:
        report.notes.append("engine and raw outputs differ: the two sides did not do the same work")
    return report.finish()


def main(argv: list[str] | None = None) -> int:
    engine_cli(
        __doc__ or "generation benchmark", argv, run, ("--max-tokens", 128, "tokens to generate per run")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
