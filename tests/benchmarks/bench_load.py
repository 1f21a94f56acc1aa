"""Model load time: ``LocalEngine.load`` against ``Llama()`` in-process.

Sides, each measured ``--repeats`` times in alternating order after one warm-up load
(which puts the GGUF in the page cache):

- engine, host running: ``LocalEngine.load`` on an engine whose host is already up
  (loaded once, then ``unload()``): one pipe round trip plus the load in the host.
- engine, cold: ``LocalEngine.load`` on a new engine, so it includes spawning the host
  process and importing llama_cpp there (what the window does at start).
- raw, in-process (the baseline): ``Llama(model_path, n_ctx, n_threads, verbose=False)``
  in this process, llama_cpp already imported.
- raw, fresh process: a new interpreter that imports llama_cpp and calls ``Llama()``,
  timed from launch to "loaded"; the fair baseline for the cold engine figure.

Also reported: the host's own clock for the load (``ModelInfo.load_seconds``) and the
peak RSS of the engine host and of this process.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from tests.benchmarks._common import (
    MIB,
    Figure,
    PeakRss,
    Report,
    Sides,
    alternate,
    engine_cli,
    log,
    python_result,
    run_settings,
    summary,
    temporary_home,
)

N_CTX = 2048

_FRESH_PROCESS = """
import sys, time
from llama_cpp import Llama
llm = Llama(model_path=sys.argv[1], n_ctx=int(sys.argv[2]), n_threads=int(sys.argv[3]), verbose=False)
print("LOADED", time.time(), flush=True)
llm.close()
"""


def _raw_load(model: Path, threads: int) -> float:
    from llama_cpp import Llama

    started = time.perf_counter()
    llm = Llama(model_path=str(model), n_ctx=N_CTX, n_threads=threads, verbose=False)
    seconds = time.perf_counter() - started
    llm.close()
    return seconds


def _fresh_process_load(model: Path, threads: int) -> float:
    started = time.time()
    loaded = python_result(
        _FRESH_PROCESS, [str(model), str(N_CTX), str(threads)], "LOADED ", "the fresh-process load"
    )
    return float(loaded) - started


def run(model: Path, repeats: int, threads: int, stat: str = "best") -> Report:
    from app.engines.local import LoadOptions, LocalEngine

    report = Report.new(
        "load",
        "model load: LocalEngine.load (host running / cold) vs Llama() in-process",
        run_settings(N_CTX, threads, repeats, stat),
        model=model,
    )
    options = LoadOptions(n_ctx=N_CTX, n_threads=threads)
    raw: list[float] = []
    fresh: list[float] = []
    cold: list[float] = []
    warm: list[float] = []
    host_clock: list[float] = []
    host_peaks: list[int] = []

    with temporary_home() as home, PeakRss(os.getpid()) as self_rss:
        log(f"load: warm-up ({model.name}, {threads} threads)")
        _raw_load(model, threads)

        def raw_side(i: int) -> None:
            raw.append(_raw_load(model, threads))
            log(f"load: raw in-process  {i + 1}/{repeats}: {raw[-1]:.3f} s")

        def fresh_side(i: int) -> None:
            fresh.append(_fresh_process_load(model, threads))
            log(f"load: raw new process {i + 1}/{repeats}: {fresh[-1]:.3f} s")

        def engine_side(i: int) -> None:
            engine = LocalEngine(home / "logs")
            try:
                started = time.perf_counter()
                engine.load(model, options)
                cold.append(time.perf_counter() - started)
                host_pid = engine.host_pid
                assert host_pid is not None
                with PeakRss(host_pid) as host_rss:
                    engine.unload()
                    started = time.perf_counter()
                    info = engine.load(model, options)
                    warm.append(time.perf_counter() - started)
                host_clock.append(info.load_seconds)
                host_peaks.append(host_rss.peak())
            finally:
                engine.close()
            log(f"load: engine cold {cold[-1]:.3f} s, host running {warm[-1]:.3f} s ({i + 1}/{repeats})")

        alternate(repeats, engine_side, raw_side, fresh_side)

    report.add(
        Sides("LocalEngine.load", "Llama() in-process", stat).picked(
            "load, engine host running", "s", warm, raw
        ),
        Sides("Llama() in the host", "Llama() in-process", stat).picked(
            "load, host's own clock", "s", host_clock, raw
        ),
        Sides("LocalEngine, new host", "Llama() in-process", stat).picked(
            "load incl. host start", "s", cold, raw
        ),
        Sides("LocalEngine, new host", "new python + Llama()", stat).picked(
            "load incl. process start", "s", cold, fresh
        ),
        Figure(
            "peak RSS",
            "MiB",
            max(host_peaks, default=0) / MIB,
            self_rss.peak() / MIB,
            "engine host process",
            "benchmark process, raw model",
        ),
    )
    samples: dict[str, Any] = {
        "engine_host_running_s": summary(warm),
        "engine_host_clock_s": summary(host_clock),
        "engine_cold_s": summary(cold),
        "raw_in_process_s": summary(raw),
        "raw_new_process_s": summary(fresh),
    }
    report.samples = samples
    return report.finish()


def main(argv: list[str] | None = None) -> int:
    engine_cli("model load benchmark", argv, run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
