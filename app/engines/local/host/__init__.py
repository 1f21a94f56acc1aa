"""The engine host process: owns the ``llama_cpp.Llama`` object and serves one request at a time.

Runs in a separate process (``multiprocessing`` spawn context) so that a crash in
llama.cpp (abort, segfault, out of memory) cannot take the window down with it.

Wire protocol over a ``multiprocessing.Connection`` (pickled tuples):

parent -> host: ``(op, args)`` with op in ``load``, ``generate``, ``tokenize``,
``score``, ``unload``, ``shutdown``.

host -> parent: ``("loaded", ModelInfo-dict)``, ``("token", text)``,
``("token_logprobs", (text, [(token_text, logprob, ((alt_text, logprob), ...)), ...]))``
(instead of ``token`` when the request asked for log-probabilities; plain floats),
``("done", {"reason", "usage", "seed", "text", "evaluated_tokens", ...})``,
``("tokens", n)``, ``("progress", (done, total))`` and ``("scored", {"tokens", "perplexity",
"n_tokens", "seconds"})`` for ``score``, ``("unloaded", None)``,
``("error", {"kind", "message", "detail"})``.

Cancellation: a shared ``multiprocessing.Event``. It is checked before each generated
token, and during prompt processing through llama.cpp's abort callback
(``llama_set_abort_callback``), so Stop works while a long prompt is read. The abort
callback is only installed until the first token, so decoding runs at full speed.
Scoring checks the event between batches and keeps the abort callback armed throughout.

Log-probabilities while generating (``top_logprobs`` > 0) come from a llama-cpp-python
``LogitsProcessor`` that sees the full logits of each step (``logits_all`` stays False):
log-softmax in float64, ``np.argpartition`` for the top k. The processor runs first in
llama.cpp's sampler chain, so the figures are the model's raw distribution: temperature 1,
no repeat/frequency/presence penalties, no top-k/top-p/min-p truncation and no grammar,
whatever the request's sampling parameters; a sampled token may therefore have a low
logprob and need not be among ``top``.

The package's parts: :mod:`.loop` (the entry point :func:`host_main` and its message loop),
:mod:`.base` (callbacks, the pipe, token helpers), :mod:`.loading` (load, unload, system
info), :mod:`.prompts` (chat templates, fitting, token counts, grammars),
:mod:`.generation` (sampling, log-probabilities, beam search) and :mod:`.scoring`
(perplexity). :func:`host_main` is the spawn target, importable at module level.
"""

from app.engines.local.host.loading import round_n_ctx
from app.engines.local.host.loop import host_main

__all__ = ["host_main", "round_n_ctx"]
