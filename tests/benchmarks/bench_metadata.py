"""Model library metadata: listing 50 GGUF files against loading the model.

Fifty hard links to the default model (``os.link``: no disk space, one page-cache copy)
in a temporary folder stand for a library of 50 models.

- Penwright: what the Models pane does for files it has not seen:
  ``app.engines.local.inspect.inspect_files(paths)`` (a spawn worker process that reads
  each file with llama.cpp's ``vocab_only`` loader: header, metadata, vocabulary, no
  tensors), then ``GGUFSummary.from_metadata`` for each result. Timed from the call
  (so the worker's start and its ``import llama_cpp`` are included) to the last summary.
  Also timed with 1 file, which gives the worker's start-up and, by difference, the
  cost of each further file.
- Baseline: ``Llama(model_path, n_ctx=512, verbose=False)`` in this process (llama_cpp
  already imported), what reading a file by loading it would cost; times 50.

Each side runs ``--repeats`` times, alternating, after one warm-up each (the file is then
in the page cache on both sides).

Memory: the metadata worker's peak RSS (sampled like ``PeakRss(descendants=True)`` on
this process, counting only the spawn worker, its child), against a new process that imports llama_cpp
and loads the model (its own ``ru_maxrss``); that process also reports its peak before
the load, so the figure "above import" shows what the model itself adds on each side.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil

from tests.benchmarks._common import (
    MIB,
    ROOT,
    Figure,
    PeakRss,
    Report,
    alternate,
    bench_arguments,
    default_model,
    log,
    pick,
    python_result,
    summary,
    temporary_home,
)

N_FILES = 50
N_CTX = 512

#: A new interpreter: peak RSS after ``import llama_cpp``, then after loading the model.
#: ``VmHWM`` where there is one: ``ru_maxrss`` survives ``exec`` on Linux, so it would
#: report this (model-holding) process's peak instead of the child's.
_LOADED_PROCESS = """
import json, sys, time
from tests.benchmarks._peak import self_peak_rss

def peak():
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            return next(int(line.split()[1]) * 1024 for line in fh if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return self_peak_rss()

import llama_cpp
from llama_cpp import Llama
imported = peak()
started = time.perf_counter()
llm = Llama(model_path=sys.argv[1], n_ctx=int(sys.argv[2]), verbose=False)
seconds = time.perf_counter() - started
print("RESULT " + json.dumps({"import_peak": imported, "loaded_peak": peak(), "load_s": seconds}))
llm.close()
"""


@contextlib.contextmanager
def linked_copies(model: Path, count: int) -> Iterator[tuple[list[str], str]]:
    """``count`` hard links to ``model`` in a temporary folder; (paths, how they were made).

    The folder is made in the system's temporary folder, or beside the model when that
    is another file system (hard links cannot cross one); symbolic links are the last
    resort (the reader follows them all the same).
    """
    for where, kind in ((None, "hard links"), (model.parent, "hard links"), (None, "symbolic links")):
        try:
            folder = tempfile.mkdtemp(prefix="penwright-bench-gguf-", dir=where)
        except OSError:
            continue
        paths = [os.path.join(folder, f"model-{i:02d}.gguf") for i in range(count)]
        try:
            for path in paths:
                (os.link if kind == "hard links" else os.symlink)(model, path)
        except OSError:
            _remove(folder)
            continue
        try:
            yield paths, kind
        finally:
            _remove(folder)
        return
    raise RuntimeError(f"cannot make links to {model}")


def _remove(folder: str) -> None:
    for name in os.listdir(folder):
        with contextlib.suppress(OSError):
            os.unlink(os.path.join(folder, name))
    with contextlib.suppress(OSError):
        os.rmdir(folder)


class WorkerPeak(PeakRss):
    """Peak RSS of this process's multiprocessing spawn workers only.

    A child counts once it runs ``spawn_main``: between ``fork`` and ``exec`` it still
    has this process's memory (a model loaded here would be charged to the worker), and
    the resource tracker, also a child, is not a worker.
    """

    def __init__(self) -> None:
        super().__init__(os.getpid(), descendants=True)

    def processes(self) -> list[psutil.Process]:
        return psutil.Process(self.pid).children(recursive=True)

    def counts(self, proc: psutil.Process) -> bool:
        return "spawn_main" in " ".join(proc.cmdline())


def list_files(paths: list[str]) -> dict[str, Any]:
    """Read and summarise ``paths`` as the Models pane does; the time and worker's peak RSS."""
    from app.engines.local.inspect import inspect_files
    from app.library.gguf import GGUFSummary

    with WorkerPeak() as rss:
        started = time.perf_counter()
        results = inspect_files(paths)
        summaries = [
            GGUFSummary.from_metadata(Path(r["path"]), r["metadata"], r["n_params"], r["tensor_bytes"])
            for r in results
            if r["ok"]
        ]
        seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "files": len(paths),
        "ok": len(summaries),
        "worker_peak": max(rss.peaks.values(), default=0),
        "workers": len(rss.peaks),
        "summary": summaries[0] if summaries else None,
        "errors": [r["error"] for r in results if not r["ok"]],
    }


def _load(model: Path) -> float:
    from llama_cpp import Llama

    started = time.perf_counter()
    llm = Llama(model_path=str(model), n_ctx=N_CTX, verbose=False)
    seconds = time.perf_counter() - started
    llm.close()
    return seconds


def _loaded_process(model: Path) -> dict[str, Any]:
    reported = python_result(
        _LOADED_PROCESS, [str(model), str(N_CTX)], "RESULT ", "the loading process", ROOT
    )
    result: dict[str, Any] = json.loads(reported)
    return result


def run(model: Path, repeats: int, stat: str = "best") -> Report:
    report = Report.new(
        name="metadata",
        description=f"listing {N_FILES} GGUF files: inspect_files (vocab-only reader in a worker) "
        f"vs Llama() loads (n_ctx {N_CTX})",
        settings={"files": N_FILES, "baseline_n_ctx": N_CTX, "repeats": repeats, "statistic": stat},
        model=model,
    )
    many: list[dict[str, Any]] = []
    one: list[dict[str, Any]] = []
    loads: list[float] = []
    with temporary_home(), linked_copies(model, N_FILES) as (paths, kind):
        report.settings["links"] = kind
        log(f"metadata: warm-up ({N_FILES} {kind} to {model.name})")
        list_files(paths[:1])
        _load(model)

        def listing_side(i: int) -> None:
            many.append(list_files(paths))
            one.append(list_files(paths[:1]))
            log(
                f"metadata: inspect_files {i + 1}/{repeats}: {N_FILES} files {many[-1]['seconds']:.3f} s, "
                f"1 file {one[-1]['seconds']:.3f} s, worker peak {many[-1]['worker_peak'] / MIB:.0f} MiB"
            )

        def load_side(i: int) -> None:
            loads.append(_load(model))
            log(f"metadata: Llama() load  {i + 1}/{repeats}: {loads[-1]:.3f} s")

        alternate(repeats, listing_side, load_side)
        loaded = _loaded_process(model)
        log(
            f"metadata: new process with the model loaded: peak {loaded['loaded_peak'] / MIB:.0f} MiB "
            f"({loaded['import_peak'] / MIB:.0f} MiB after import llama_cpp)"
        )

    total = pick([r["seconds"] for r in many], "lower", stat)
    start = pick([r["seconds"] for r in one], "lower", stat)
    load = pick(loads, "lower", stat)
    worker_peak = max(r["worker_peak"] for r in many + one)
    report.add(
        Figure(
            f"list {N_FILES} files (worker start incl.)",
            "s",
            total,
            load * N_FILES,
            "inspect_files",
            f"Llama() load x {N_FILES}",
        ),
        Figure("per file", "s", total / N_FILES, load, "inspect_files / 50", "one Llama() load"),
        Figure(
            "per file, worker start excluded",
            "s",
            (total - start) / (N_FILES - 1),
            load,
            f"(t{N_FILES} - t1) / {N_FILES - 1}",
            "one Llama() load",
        ),
        Figure(
            "peak RSS",
            "MiB",
            worker_peak / MIB,
            loaded["loaded_peak"] / MIB,
            f"metadata worker, {N_FILES} files",
            "new process, model loaded",
        ),
        Figure(
            "peak RSS above import llama_cpp",
            "MiB",
            max(worker_peak - loaded["import_peak"], 0) / MIB,
            (loaded["loaded_peak"] - loaded["import_peak"]) / MIB,
            f"metadata worker, {N_FILES} files",
            "new process, model loaded",
        ),
    )
    first = next((r["summary"] for r in many if r["summary"] is not None), None)
    report.samples = {
        "summary": {
            f"inspect_files_{N_FILES}_s": summary([r["seconds"] for r in many]),
            "inspect_files_1_s": summary([r["seconds"] for r in one]),
            "llama_load_s": summary(loads),
        },
        "listing": [{k: v for k, v in r.items() if k != "summary"} for r in many],
        "one_file": [{k: v for k, v in r.items() if k != "summary"} for r in one],
        "loaded_process": loaded,
        "gguf_summary": None if first is None else vars(first),
        "model_file_mib": round(model.stat().st_size / MIB, 1),
    }
    failed = sum(r["files"] - r["ok"] for r in many + one)
    if failed:
        report.notes.append(f"{failed} file reads failed: {many[0]['errors'][:1] or one[0]['errors'][:1]}")
    return report.finish()


def main(argv: list[str] | None = None) -> int:
    parser = bench_arguments(__doc__ or "metadata benchmark", engine_options=False)
    parser.add_argument("--model", type=Path, help="GGUF file to link to (default: the bundled SmolLM2-135M)")
    args = parser.parse_args(argv)
    run(args.model or default_model(), args.repeats, args.stat).save(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
