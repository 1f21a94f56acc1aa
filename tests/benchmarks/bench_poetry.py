"""Poetry: form conformity of plain sampling, the form's grammar, and grammar + beam search;
beam search speed at widths 1, 4 and 8 against plain sampling.

Everything goes through ``LocalEngine`` (the engine host) on the bundled SmolLM2-135M, with
the Poetry pane's requests (:func:`app.core.poetry.compose.poem_messages`, a different topic
per run, ``max_tokens`` from :func:`~app.core.poetry.compose.max_tokens_for`):

- sampling: temperature 0.8, top-p 0.95, seed = run index, no grammar;
- grammar: the same, constrained by the form's GBNF (:func:`app.core.poetry.grammar_for`);
- beam: the grammar and beam search, width 4, length penalty α 0.6, repetition penalty 1.2.
  Beam search is deterministic: its runs differ by topic only; its best beam is scored.

Conformity rates, over ``--runs`` poems per form and method (default 20; ``--quick`` or
``PENWRIGHT_BENCH_QUICK=1``: 5), from :func:`app.core.poetry.check_poem`:

- lines: the exact number of lines (and stanzas);
- counts: every expected line has the right syllables (English, CMUdict + fallback) or Han
  characters (Chinese), and no line is missing;
- rhyme: every required rhyme pair rhymes (forms with a scheme: limerick, sonnet, the
  quatrains' lines 2 and 4);
- score: the mean conformity score in [0, 1].

Speed (figures): tokens of the returned text per second of wall time, request to ``Done``
(prompt included: each run has its own topic, so no prefix is reused), for beam widths 1, 4
and 8 against plain sampling of the same requests (no grammar, ``--speed-tokens`` tokens at
most), best of ``--repeats`` (sides alternate). A beam of width B decodes B tokens per step:
``beam_tok_s`` in the samples counts them.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from tests.benchmarks._common import (
    Figure,
    Report,
    alternate,
    bench_arguments,
    engine_settings,
    log,
    pick,
    print_figures,
    run_settings,
    summary,
    temporary_home,
)

N_CTX = 2048
FORMS = ("haiku", "limerick", "sonnet", "wuyan_jueju", "qiyan_jueju")
METHODS = ("sampling", "grammar", "beam")
BEAM_WIDTH = 4
LENGTH_PENALTY = 0.6
REPETITION_PENALTY = 1.2
SPEED_WIDTHS = (1, 4, 8)
TOPICS_EN = (
    "the sea at night",
    "autumn rain",
    "a lighthouse",
    "snow on the hills",
    "a cat asleep",
    "the first train",
    "an old bridge",
    "spring blossom",
    "a summer storm",
    "the harvest moon",
)
TOPICS_ZH = ("月亮", "春天", "秋雨", "山", "江", "雪", "故乡", "夜", "花", "风")
QUICK_ENV = "PENWRIGHT_BENCH_QUICK"


def _topic(form_id: str, i: int) -> str:
    topics = TOPICS_ZH if form_id.endswith("jueju") else TOPICS_EN
    return topics[i % len(topics)] + ("" if i < len(topics) else f" ({i // len(topics) + 1})")


def _request(form: Any, topic: str, method: str, seed: int, max_tokens: int | None = None) -> Any:
    from app.core.poetry import grammar_for
    from app.core.poetry.compose import max_tokens_for, poem_messages
    from app.core.types import GenerationParams
    from app.engines.base import GenerationRequest

    budget = max_tokens or max_tokens_for(form) or 256
    messages = tuple(poem_messages(form, topic))
    if method == "sampling":
        params = GenerationParams(temperature=0.8, top_p=0.95, max_tokens=budget, seed=seed)
        return GenerationRequest(messages=messages, params=params)
    if method == "grammar":
        params = GenerationParams(temperature=0.8, top_p=0.95, max_tokens=budget, seed=seed)
        return GenerationRequest(messages=messages, params=params, grammar=grammar_for(form))
    width = int(method.split("=")[1]) if "=" in method else BEAM_WIDTH
    params = GenerationParams(
        beam_width=width,
        length_penalty=LENGTH_PENALTY,
        repeat_penalty=REPETITION_PENALTY,
        max_tokens=budget,
        seed=seed,
    )
    grammar = grammar_for(form) if method == "beam" else None
    return GenerationRequest(messages=messages, params=params, grammar=grammar)


def _run(engine: Any, request: Any) -> dict[str, Any]:
    from app.engines.base import CancelToken, Done

    started = time.perf_counter()
    final = None
    for event in engine.stream(request, CancelToken()):
        final = event
    seconds = time.perf_counter() - started
    if not isinstance(final, Done):
        raise RuntimeError(f"generation failed: {final}")
    return {
        "text": final.text,
        "tokens": final.usage.completion_tokens,
        "seconds": seconds,
        "reason": final.reason,
    }


def _rates(form: Any, texts: list[str]) -> dict[str, Any]:
    from app.core.poetry import check_poem

    results = [check_poem(form, text) for text in texts]
    n = len(results) or 1

    def counts_ok(r: Any) -> bool:
        return r.line_count_ok and all(line.ok is not False for line in r.lines[: form.lines or 0])

    rhyme = [r.rhyme_ok for r in results if r.rhyme_ok is not None]
    return {
        "lines": sum(r.line_count_ok and r.stanzas_ok for r in results) / n,
        "counts": sum(counts_ok(r) for r in results) / n,
        "rhyme": (sum(rhyme) / len(rhyme)) if rhyme else None,
        "score": sum(r.score for r in results) / n,
    }


def run(
    model: Path, runs: int, repeats: int, threads: int, speed_tokens: int, stat: str, forms: tuple[str, ...]
) -> Report:
    from app.core.poetry import load_forms
    from app.engines.local import LoadOptions, LocalEngine

    report = Report.new(
        "poetry",
        "form conformity: sampling vs grammar vs grammar + beam (width 4); beam tok/s at 1, 4, 8",
        run_settings(
            N_CTX,
            threads,
            repeats,
            stat,
            runs=runs,
            forms=list(forms),
            beam_width=BEAM_WIDTH,
            length_penalty=LENGTH_PENALTY,
            repetition_penalty=REPETITION_PENALTY,
            temperature=0.8,
            speed_widths=list(SPEED_WIDTHS),
            speed_tokens=speed_tokens,
        ),
        model=model,
    )
    catalogue = load_forms()
    conformity: dict[str, Any] = {}
    timing: dict[str, Any] = {}
    examples: dict[str, Any] = {}
    with temporary_home() as home:
        engine = LocalEngine(home / "logs")
        try:
            log(f"poetry: loading {model.name} ({threads} threads)")
            engine.load(model, LoadOptions(n_ctx=N_CTX, n_threads=threads))
            _run(engine, _request(catalogue.get("haiku"), "warm-up", "sampling", 0, 8))
            for form_id in forms:
                form = catalogue.get(form_id)
                conformity[form_id], timing[form_id], examples[form_id] = {}, {}, {}
                for method in METHODS:
                    started = time.perf_counter()
                    outs = [_run(engine, _request(form, _topic(form_id, i), method, i)) for i in range(runs)]
                    texts = [o["text"] for o in outs]
                    rates = _rates(form, texts)
                    conformity[form_id][method] = rates
                    timing[form_id][method] = {
                        "seconds": round(time.perf_counter() - started, 2),
                        "tokens": sum(o["tokens"] for o in outs),
                        "length_stops": sum(o["reason"] == "length" for o in outs),
                    }
                    examples[form_id][method] = texts[0]
                    rhyme = "—" if rates["rhyme"] is None else f"{rates['rhyme']:.2f}"
                    log(
                        f"poetry: {form_id:12} {method:8} lines {rates['lines']:.2f} counts "
                        f"{rates['counts']:.2f} rhyme {rhyme} score {rates['score']:.2f} "
                        f"({timing[form_id][method]['seconds']:.0f} s)"
                    )

            # speed: plain sampling vs beam search of widths 1, 4, 8 on the same requests
            haiku = catalogue.get("haiku")
            speed: dict[str, list[dict[str, Any]]] = {"sampling": [], **{f"B={w}": [] for w in SPEED_WIDTHS}}

            def side(name: str) -> Any:
                method = "sampling" if name == "sampling" else f"plain-beam={name[2:]}"

                def go(i: int) -> None:
                    request = _request(haiku, TOPICS_EN[i % len(TOPICS_EN)], method, i, speed_tokens)
                    result = _run(engine, request)
                    speed[name].append(result)
                    log(f"poetry: speed {name:8} run {i + 1}/{repeats}: {_rate(result):6.1f} tok/s")

                return go

            alternate(repeats, *(side(name) for name in speed))
        finally:
            engine.close()

    sampling_rates = [_rate(r) for r in speed["sampling"]]
    for width in SPEED_WIDTHS:
        rates = [_rate(r) for r in speed[f"B={width}"]]
        report.add(
            Figure(
                f"beam search tok/s, width {width}",
                "tok/s",
                pick(rates, "higher", stat),
                pick(sampling_rates, "higher", stat),
                f"beam B={width}",
                "plain sampling",
                "higher",
            )
        )
        report.samples[f"speed B={width}"] = {
            "tok_s": summary(rates, "higher"),
            "beam_tok_s": summary([r * width for r in rates], "higher"),
            "tokens": [r["tokens"] for r in speed[f"B={width}"]],
        }
    report.samples["speed sampling"] = {
        "tok_s": summary(sampling_rates, "higher"),
        "tokens": [r["tokens"] for r in speed["sampling"]],
    }
    for form_id in forms:
        base = conformity[form_id]["sampling"]
        for method in ("grammar", "beam"):
            rates = conformity[form_id][method]
            for what in ("lines", "counts", "rhyme"):
                if rates[what] is None:
                    continue
                report.add(
                    Figure(
                        f"{form_id} {what} conformity, {method}",
                        "rate",
                        rates[what],
                        base[what],
                        "grammar" if method == "grammar" else f"grammar + beam B={BEAM_WIDTH}",
                        "plain sampling",
                        "higher",
                    )
                )
    report.samples["conformity"] = conformity
    report.samples["timing"] = timing
    report.samples["first_poem"] = examples
    return report.finish()


def _rate(run: dict[str, Any]) -> float:
    return run["tokens"] / run["seconds"] if run["seconds"] > 0 else 0.0


def table(report: Report) -> str:
    """Conformity rates as a text table: form, method, lines, counts, rhyme, score."""
    rows = [("form", "method", "lines", "counts", "rhyme", "score", "seconds")]
    conformity = report.samples["conformity"]
    for form_id, methods in conformity.items():
        for method, rates in methods.items():
            rhyme = "—" if rates["rhyme"] is None else f"{rates['rhyme']:.2f}"
            seconds = report.samples["timing"][form_id][method]["seconds"]
            rows.append(
                (
                    form_id,
                    method,
                    f"{rates['lines']:.2f}",
                    f"{rates['counts']:.2f}",
                    rhyme,
                    f"{rates['score']:.2f}",
                    f"{seconds:.0f}",
                )
            )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows)


def main(argv: list[str] | None = None) -> int:
    parser = bench_arguments(__doc__.splitlines()[0] if __doc__ else "poetry benchmark")
    parser.add_argument("--runs", type=int, help="poems per form and method (default 20; quick: 5)")
    parser.add_argument(
        "--quick", action="store_true", help=f"5 poems per form and method (or {QUICK_ENV}=1)"
    )
    parser.add_argument("--forms", nargs="+", choices=FORMS, default=list(FORMS), help="forms to measure")
    parser.add_argument("--speed-tokens", type=int, default=48, help="max tokens per speed run (default 48)")
    args = parser.parse_args(argv)
    quick = args.quick or os.environ.get(QUICK_ENV) == "1"
    runs = args.runs or (5 if quick else 20)
    started = time.perf_counter()
    model, threads = engine_settings(args)
    repeats = 1 if quick and args.repeats == 3 else args.repeats
    report = run(model, runs, repeats, threads, args.speed_tokens, args.stat, tuple(args.forms))
    report.settings["quick"] = quick
    report.settings["wall_seconds"] = round(time.perf_counter() - started, 1)
    report.save(args.out)
    print(table(report))
    print_figures(report.figures[: len(SPEED_WIDTHS)])
    print(f"took {report.settings['wall_seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
