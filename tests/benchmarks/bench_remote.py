"""Remote streaming: Penwright's OpenAI-compatible engine against a raw ``openai`` SDK loop.

Both sides talk to the same ``llama_cpp.server`` (llama-cpp-python's OpenAI-compatible
server, started here on a free port on 127.0.0.1 with the default model, as the
integration tests do) and ask for the same greedy chat reply: the same messages,
temperature 0, a fixed seed, up to ``--max-tokens`` tokens.

- Penwright: ``OpenAICompatibleEngine(RemoteOptions(...)).stream(GenerationRequest(...),
  CancelToken())``, timed as a caller sees it: first ``Token`` event, ``Done``.
- Baseline: ``openai.OpenAI(...).chat.completions.create(stream=True)`` with the request
  body Penwright sends (the same sampling fields and ``stream_options``), iterating the
  chunks: first chunk with content, end of stream.

Figures (best of ``--repeats`` runs per side, or ``--stat median``, after one warm-up
each, sides alternating): time to first token (request to first text, prompt processing
included), decode tokens/s after the first token (a token is a streamed piece of text),
request-to-end time. Before every run a one-token request with another user message
moves the server's KV cache off the measured prompt, so every run reads the whole user
message again (llama-cpp reuses the longest common prefix of the previous request) and
neither side benefits from the other's run. Peak RSS: this process (both clients) and
the server process (which holds the model).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.benchmarks._common import (
    MIB,
    Figure,
    PeakRss,
    Report,
    Sides,
    decode_rate,
    engine_cli,
    log,
    paired_runs,
    run_settings,
    stream_timed,
    summary,
    temporary_home,
)
from tests.benchmarks._peak import self_peak_rss
from tests.benchmarks._runs import Run, alternate_runs

N_CTX = 2048
MODEL_ALIAS = "smollm2"
SEED = 1
PROMPT = (
    "Continue this story in the same voice. The lighthouse keeper climbed the spiral stairs for "
    "the last time. For forty years he had trimmed the wick, polished the great lens and written "
    "the weather into a leather book: the fog that swallowed the fishing boats in March, the gales "
    "that tore slates from the chapel roof, the calm blue evenings when the whole bay seemed to "
    "hold its breath. Tomorrow a machine would do his work, switched on from an office in the "
    "city. He set down his lamp, opened the book at a clean page, and began to write."
)
#: Sent (one token) before every measured run: a different user message, same system prefix.
FLUSH = "Name one colour."
PLACEHOLDER_KEY = "not-needed"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _post(base_url: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    request = urllib.request.Request(
        base_url + path,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        return dict(json.load(response))


def _start_server(model: Path, threads: int, log_path: Path) -> tuple[subprocess.Popen[bytes], str]:
    """llama_cpp.server on a free port, ready to answer; returns (process, base URL …/v1)."""
    port = _free_port()
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(model)]
    command += ["--model_alias", MODEL_ALIAS, "--host", "127.0.0.1", "--port", str(port)]
    command += ["--n_ctx", str(N_CTX), "--n_threads", str(threads), "--verbose", "False"]
    with open(log_path, "wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 120
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"llama_cpp.server exited: {log_path.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(base_url + "/models", timeout=2) as response:
                if response.status == 200:
                    return process, base_url
        except OSError:
            pass
        if time.monotonic() > deadline:
            process.terminate()
            raise RuntimeError("llama_cpp.server did not answer within 120 s")
        time.sleep(0.2)


def _params(max_tokens: int) -> Any:
    from app.core.types import GenerationParams

    return GenerationParams(temperature=0.0, max_tokens=max_tokens, seed=SEED, repeat_penalty=1.0)


def _messages() -> list[dict[str, str]]:
    return [{"role": "user", "content": PROMPT}]


def _engine_run(engine: Any, max_tokens: int) -> dict[str, Any]:
    from app.engines.base import GenerationRequest

    # other event types (notices) are not part of this comparison: stream_timed passes them over
    streamed = stream_timed(
        engine, GenerationRequest(messages=tuple(_messages()), params=_params(max_tokens))
    )
    return {
        "tokens": streamed.pieces,
        "usage_completion_tokens": streamed.done.usage.completion_tokens,
        "ttft_s": streamed.first_s,
        "decode_s": streamed.decode_s,
        "total_s": streamed.total_s,
        "reason": streamed.done.reason,
        "text": streamed.done.text,
    }


def _raw_run(client: Any, max_tokens: int) -> dict[str, Any]:
    params = _params(max_tokens)
    pieces: list[str] = []
    first: float | None = None
    reason = ""
    started = time.perf_counter()
    stream = client.chat.completions.create(
        model=MODEL_ALIAS,
        messages=_messages(),
        temperature=params.temperature,
        top_p=params.top_p,
        max_tokens=params.max_tokens,
        presence_penalty=params.presence_penalty,
        frequency_penalty=params.frequency_penalty,
        seed=params.seed,
        stream=True,
        stream_options={"include_usage": True},
    )
    with stream:
        for chunk in stream:
            if not chunk.choices:
                continue
            choice = chunk.choices[0]
            if choice.delta.content:
                if first is None:
                    first = time.perf_counter()
                pieces.append(choice.delta.content)
            if choice.finish_reason:
                reason = choice.finish_reason
    ended = time.perf_counter()
    first = first or ended
    return {
        "tokens": len(pieces),
        "ttft_s": first - started,
        "decode_s": ended - first,
        "total_s": ended - started,
        "reason": reason,
        "text": "".join(pieces),
    }


def run(model: Path, repeats: int, threads: int, max_tokens: int, stat: str = "best") -> Report:
    import openai

    from app.engines.openai_api import OpenAICompatibleEngine, RemoteOptions

    report = Report.new(
        "remote",
        "chat streaming via llama_cpp.server: OpenAICompatibleEngine vs a raw openai SDK loop",
        run_settings(N_CTX, threads, repeats, stat, max_tokens=max_tokens, temperature=0.0, seed=SEED),
        model=model,
    )
    report.settings["server"] = "llama_cpp.server on 127.0.0.1"
    report.environment["openai"] = openai.__version__
    with temporary_home() as home:
        log(f"remote: starting llama_cpp.server on {model.name} ({threads} threads)")
        server, base_url = _start_server(model, threads, home / "server.log")
        try:
            with PeakRss(server.pid) as server_rss:
                engine = OpenAICompatibleEngine(
                    RemoteOptions(base_url=base_url, model=MODEL_ALIAS, timeout=120)
                )
                client = openai.OpenAI(api_key=PLACEHOLDER_KEY, base_url=base_url, timeout=120, max_retries=0)
                try:

                    def flush() -> None:
                        body = {"model": MODEL_ALIAS, "max_tokens": 1, "temperature": 0.0}
                        _post(
                            base_url,
                            "/chat/completions",
                            body | {"messages": [{"role": "user", "content": FLUSH}]},
                        )

                    # Warm-up: connection pools, the server's first-request work.
                    flush()
                    _engine_run(engine, max_tokens)
                    flush()
                    _raw_run(client, max_tokens)

                    def flushed(once: Callable[[], Run]) -> Callable[[int], Run]:
                        def go(_i: int) -> Run:
                            flush()
                            return once()

                        return go

                    engine_runs, raw_runs = alternate_runs(
                        "remote",
                        repeats,
                        lambda r: f"TTFT {r['ttft_s'] * 1000:.0f} ms, {decode_rate(r):.1f} tok/s",
                        ("Penwright run", flushed(lambda: _engine_run(engine, max_tokens))),
                        ("raw run", flushed(lambda: _raw_run(client, max_tokens))),
                    )
                finally:
                    engine.close()
                    client.close()
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)
    self_rss = self_peak_rss()

    engine_rates = [decode_rate(r) for r in engine_runs]
    raw_rates = [decode_rate(r) for r in raw_runs]
    engine_ttft = [r["ttft_s"] for r in engine_runs]
    raw_ttft = [r["ttft_s"] for r in raw_runs]
    engine_total = [r["total_s"] for r in engine_runs]
    raw_total = [r["total_s"] for r in raw_runs]
    sides = Sides("Penwright engine", "raw openai SDK", stat)
    report.add(
        sides.picked("time to first token", "s", engine_ttft, raw_ttft),
        sides.picked("decode speed", "tok/s", engine_rates, raw_rates, "higher"),
        sides.picked("reply time (request to end)", "s", engine_total, raw_total),
        Figure(
            "peak RSS",
            "MiB",
            self_rss / MIB,
            server_rss.peak() / MIB,
            "benchmark process, both clients",
            "llama_cpp.server process",
        ),
    )
    report.samples["summary"] = {
        "engine_ttft_s": summary(engine_ttft),
        "raw_ttft_s": summary(raw_ttft),
        "engine_decode_tok_s": summary(engine_rates, "higher"),
        "raw_decode_tok_s": summary(raw_rates, "higher"),
        "engine_total_s": summary(engine_total),
        "raw_total_s": summary(raw_total),
    }
    report.samples |= paired_runs(engine_runs, raw_runs) | {
        "generated_tokens": [r["tokens"] for r in engine_runs],
        "peak_rss_mib": {"benchmark_process": self_rss / MIB, "server_process": server_rss.peak() / MIB},
    }
    report.notes.append(
        "peak RSS compares two different processes (this one holds both clients, the server the "
        "model); its ratio is not a Penwright-vs-baseline figure"
    )
    if not report.samples["same_text"]:
        report.notes.append("engine and raw replies differ: the two sides did not do the same work")
    return report.finish()


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    report, out = engine_cli(
        __doc__ or "remote benchmark", argv, run, ("--max-tokens", 128, "tokens to generate per run")
    )
    for fig in report.figures:
        ratio = "—" if fig.ratio is None else f"{fig.ratio:.2f}x"
        log(
            f"remote: {fig.name}: {fig.ours:.3f} {fig.unit} ({fig.ours_label}) vs {fig.baseline:.3f} "
            f"{fig.unit} ({fig.baseline_label}), ratio {ratio} ({fig.better} is better)"
        )
    log(f"remote: wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
