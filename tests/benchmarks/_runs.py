"""Running the sides of a comparison: the engine host beside an in-process ``Llama``, and
repeated runs that alternate between sides and log each result.

Like :mod:`tests.benchmarks._common`, free of Qt and llama_cpp imports at module level.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.benchmarks._common import Figure, PeakRss, alternate, engine_host, host_peak_figure, log

#: One measured run's figures, as a side returns them.
Run = dict[str, Any]


@dataclass(frozen=True)
class EngineAndRaw:
    """Both sides of an engine-against-raw benchmark, loaded with the same model.

    ``engine``: a ``LocalEngine`` with the model in its host process; ``llm``: a
    ``llama_cpp.Llama`` in this process; ``host_rss`` and ``self_rss`` sample the peak RSS
    of the engine host and of this process (which holds ``llm``).
    """

    engine: Any
    llm: Any
    host_rss: PeakRss
    self_rss: PeakRss

    def peak_figure(self, baseline_label: str = "benchmark process, raw model") -> Figure:
        """The "peak RSS" figure (MiB): the engine host against this process."""
        return host_peak_figure(self.host_rss, self.self_rss, baseline_label)


@contextmanager
def engine_and_raw(
    name: str, model: Path, n_ctx: int, threads: int, **llama_options: Any
) -> Iterator[EngineAndRaw]:
    """Load ``model`` in an :func:`~tests.benchmarks._common.engine_host` and in an in-process
    ``Llama`` (same ``n_ctx`` in tokens and ``n_threads``; ``llama_options`` go to ``Llama``
    as well, e.g. ``logits_all=True``), with peak RSS sampled on both while the block runs.

    ``name`` prefixes the log line. Closes the ``Llama`` and the engine on the way out.
    """
    from llama_cpp import Llama

    log(f"{name}: loading {model.name} in the engine host and in-process ({threads} threads)")
    with engine_host(model, n_ctx, threads) as (engine, host_pid):
        llm = Llama(model_path=str(model), n_ctx=n_ctx, n_threads=threads, verbose=False, **llama_options)
        try:
            with PeakRss(host_pid) as host_rss, PeakRss(os.getpid()) as self_rss:
                yield EngineAndRaw(engine, llm, host_rss, self_rss)
        finally:
            llm.close()


def alternate_runs(
    name: str, repeats: int, describe: Callable[[Run], str], *sides: tuple[str, Callable[[int], Run]]
) -> list[list[Run]]:
    """Run every side ``repeats`` times, alternating as :func:`~tests.benchmarks._common.alternate`
    does, and log each run as ``"<name>: <label> <i>/<repeats>: <describe(run)>"`` (labels
    padded to the longest).

    ``sides``: (label, a function of the repeat index that makes one measured run). Returns
    each side's runs, in the order of ``sides``.
    """
    width = max(len(label) for label, _ in sides)
    results: list[list[Run]] = [[] for _ in sides]

    def logged(label: str, once: Callable[[int], Run], runs: list[Run]) -> Callable[[int], None]:
        def go(i: int) -> None:
            runs.append(once(i))
            log(f"{name}: {label:{width}} {i + 1}/{repeats}: {describe(runs[-1])}")

        return go

    alternate(
        repeats, *(logged(label, once, runs) for (label, once), runs in zip(sides, results, strict=True))
    )
    return results
