"""Beam search on llama-cpp-python's low-level API (llama.cpp dropped its own in 2024).

:func:`beam_search` keeps ``B`` (beam width) hypotheses as ``B`` sequences of one extra
llama.cpp context built on the already loaded model, so the model's weights are shared
and the ``Llama`` object's own context (and its prefix cache) is left untouched:

1. the prompt is evaluated once, as sequence 0, in ``n_batch`` chunks;
2. each step decodes ONE batch holding one token per live beam (its own ``seq_id``, all at
   the same position) and reads each beam's logits with ``llama_get_logits_ith``;
3. per beam: the CTRL repetition penalty over that beam's generated tokens, the beam's
   own GBNF grammar state (a ``llama_sampler_init_grammar`` sampler, cloned when a beam
   forks), then a float64 log-softmax; each beam proposes its ``2B`` best next tokens;
4. the ``B`` best candidates by cumulative log-probability become the next beams (plain
   beam search ranking); a candidate that is a stop token (by default any
   end-of-generation token of the vocabulary) among the ``B`` best ends a hypothesis,
   whose GNMT score ``sum_logprob / ((5 + |Y|) / 6) ** alpha`` ranks the finished ones
   (Wu et al. 2016; :mod:`app.core.decoding`). Byte-level vocabularies spell one text in
   several ways (a Han character as one token or as three byte tokens), so a candidate
   whose bytes equal a better candidate's of the same step is skipped, and of finished
   hypotheses with the same text only the better scored stays (the better spelling's
   log-probability is kept, not the sum over spellings); without this, beams fill up
   with one text;
5. beams are re-homed without copying tensors: the context has ``2B`` sequences in a
   unified KV cache (``kv_unified``); the beams of one step live in one half, and the next
   step's beam ``j`` gets sequence ``j`` of the other half by ``llama_memory_seq_rm`` +
   ``llama_memory_seq_cp`` from its parent (in a unified cache a copy only tags the
   parent's cells with one more sequence id), after which the old half is removed. A
   source is thus never overwritten before every child has copied it.

The search ends when every live beam has finished, at ``max_tokens``, when ``B``
hypotheses have finished and no live beam can still beat the worst of them (an exact
bound: log-probabilities only fall, and the length penalty is largest at one end of the
remaining lengths), or when ``should_stop()`` returns true (checked once per step, and
during prompt evaluation through llama.cpp's abort callback on the CPU backend).

Memory. The extra context holds a KV cache of ``beam_context_tokens(n_prompt, B,
max_tokens)`` = ``n_prompt + B * max_tokens + B`` cells rounded up to 256, because in the
worst case every beam's continuation differs from the first step on (shared prefixes use
one cell per token whatever the number of beams holding them). Its size is ``cells x
n_layer x (n_embd_k_gqa + n_embd_v_gqa) x bytes per element`` (2 for f16): for
SmolLM2-135M (30 layers, 3 KV heads of 64) 22.5 KiB a cell, so a 100-token prompt with
B = 8 and 128 new tokens takes 1,280 cells, about 28 MiB; for an 8B Llama-3 (32 layers,
8 KV heads of 128) 128 KiB a cell, about 160 MiB. Add llama.cpp's compute buffer for
``n_ubatch`` tokens (as the model's own context) and ``n_vocab`` floats of logits per
beam. Everything is freed when the call returns.

Threads: the prompt is read with the ``Llama``'s ``n_threads_batch``, the steps (B-token
batches, sized like generation) with its ``n_threads``.

The ``Llama`` object is not thread-safe: call this from the thread that owns it (the
engine host) and not while it generates.
"""

from __future__ import annotations

import codecs
import ctypes
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import numpy.typing as npt

from app.core.decoding import beam_score, ctrl_repetition_penalty, length_penalty, log_softmax

if TYPE_CHECKING:
    from llama_cpp import Llama

#: Why a hypothesis ended: a stop token, ``max_tokens``, or ``should_stop()``; "live" for the
#: unfinished beams :func:`beam_search` passes to ``on_step``.
BeamState = Literal["stop", "length", "cancelled", "live"]

#: llama.cpp's ``llama_token_data`` (int32 id, float logit, float p), packed as in C.
_TOKEN_DATA = np.dtype([("id", np.int32), ("logit", np.float32), ("p", np.float32)])


@dataclass(frozen=True)
class Beam:
    """One hypothesis of a beam search.

    Attributes:
        tokens: the generated token ids (the stop token that ended it is not included).
        text: their text, decoded with an incremental UTF-8 decoder over the token bytes
            (control tokens give no text; an unfinished character at the end becomes U+FFFD).
        sum_logprob: the sum of the natural log-probabilities of the scored tokens under the
            distribution the search used (after the repetition penalty and the grammar mask,
            renormalised); with neither it is the model's own log-probability.
        score: GNMT's ``sum_logprob / ((5 + length) / 6) ** length_alpha``.
        length: the number of scored tokens: ``len(tokens)``, plus one for the stop token.
        reason: "stop" (a stop token), "length" (``max_tokens``), "cancelled", or "live"
            (a beam still growing, as ``on_step`` sees it).
    """

    tokens: tuple[int, ...]
    text: str
    sum_logprob: float
    score: float
    length: int
    reason: BeamState

    @property
    def mean_logprob(self) -> float:
        """The mean log-probability per scored token (0.0 for an empty hypothesis)."""
        return self.sum_logprob / self.length if self.length else 0.0


def beam_context_tokens(n_prompt: int, beam_width: int, max_tokens: int) -> int:
    """KV cells the extra context needs: the prompt plus every beam's own continuation in
    the worst case (no shared suffix), rounded up to a multiple of 256."""
    cells = n_prompt + beam_width * max_tokens + beam_width
    return max(256, -(-cells // 256) * 256)


@dataclass
class _Live:
    tokens: tuple[int, ...]
    sum_logprob: float
    grammar: Any = None  # a llama_sampler pointer owned by this beam, or None
    data: bytes = b""  # the bytes of ``tokens``: beams spelling the same text are merged


def beam_search(
    llama: Llama,
    prompt_tokens: Sequence[int],
    *,
    beam_width: int,
    max_tokens: int,
    length_alpha: float = 0.0,
    repetition_penalty: float = 1.0,
    grammar: str | None = None,
    stop_tokens: set[int] | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    on_step: Callable[[int, list[Beam]], None] | None = None,
) -> list[Beam]:
    """Beam search from ``prompt_tokens`` with the model of ``llama`` (a ``llama_cpp.Llama``).

    Args:
        llama: the loaded model; only its weights and settings (threads, batch sizes, KV
            type, flash attention) are used: its own context is not touched.
        prompt_tokens: the prompt, BOS included when the model wants one.
        beam_width: B, 1 to 128; 1 is greedy decoding, token for token.
        max_tokens: the most tokens a hypothesis may have (>= 1).
        length_alpha: GNMT's alpha for ranking finished hypotheses (0 = plain sum).
        repetition_penalty: CTRL's theta over each beam's own generated tokens (1 = off).
        grammar: a GBNF grammar (root rule ``root``) every hypothesis must follow; a stop
            token is then only possible where the grammar is complete.
        stop_tokens: token ids that end a hypothesis; default: the vocabulary's
            end-of-generation tokens (``llama_vocab_is_eog``). An empty set never stops.
        should_stop: polled once per step; when true the search returns at once, the live
            beams included as "cancelled" hypotheses.
        on_step: called after each step with the step index (0-based) and the live beams,
            best cumulative log-probability first.

    Returns:
        Up to ``beam_width`` hypotheses, best score first: finished ones, and at
        ``max_tokens`` or on cancel the live beams as well. Empty if cancelled while the
        prompt was read.

    Raises:
        ValueError: bad arguments, a grammar llama.cpp cannot parse, or a prompt token
            outside the vocabulary.
        RuntimeError: llama.cpp could not create the context (memory) or decode.
    """
    if not 1 <= beam_width <= 128:
        raise ValueError("beam_width must be 1 to 128")
    if max_tokens < 1:
        raise ValueError("max_tokens must be >= 1")
    if repetition_penalty <= 0:
        raise ValueError("repetition_penalty must be > 0")
    if not prompt_tokens:
        raise ValueError("the prompt must have at least one token")
    search = _Search(llama, beam_width, grammar, stop_tokens)
    try:
        return search.run(
            list(prompt_tokens), max_tokens, length_alpha, repetition_penalty, should_stop, on_step
        )
    finally:
        search.close()


class _Search:
    """Owns the native resources of one search; :meth:`close` frees them all."""

    def __init__(self, llama: Any, beam_width: int, grammar: str | None, stop_tokens: set[int] | None):
        import llama_cpp

        self.lib = llama_cpp
        self.llama = llama
        self.width = beam_width
        self.vocab = llama._model.vocab
        self.n_vocab = int(llama_cpp.llama_vocab_n_tokens(self.vocab))
        self.stop_tokens = stop_tokens
        self._is_stop_cache: dict[int, bool] = {}
        self._pieces: dict[int, bytes] = {}
        self._piece_buffer = ctypes.create_string_buffer(256)
        self.ctx: Any = None
        self.batch: Any = None
        self.batch_size = 0
        self.samplers: set[int] = set()  # addresses of the grammar samplers we own
        self._sampler_objects: dict[int, Any] = {}
        self._abort: Any = None
        self.root_grammar: Any = None
        if grammar is not None:
            sampler = llama_cpp.llama_sampler_init_grammar(self.vocab, grammar.encode("utf-8"), b"root")
            if not sampler:
                raise ValueError("llama.cpp could not parse the grammar (GBNF)")
            self.root_grammar = self._own(sampler)
            self.token_data = np.zeros(self.n_vocab, dtype=_TOKEN_DATA)
            self.token_data["id"] = np.arange(self.n_vocab, dtype=np.int32)

    # -- native resources -----------------------------------------------------------------
    def _own(self, sampler: Any) -> Any:
        address = ctypes.cast(sampler, ctypes.c_void_p).value
        assert address is not None
        self.samplers.add(address)
        self._sampler_objects[address] = sampler
        return sampler

    def _free_sampler(self, sampler: Any) -> None:
        address = ctypes.cast(sampler, ctypes.c_void_p).value
        if address in self.samplers:
            self.samplers.discard(address)
            self.lib.llama_sampler_free(self._sampler_objects.pop(address))

    def _open_context(self, n_ctx: int) -> None:
        lib = self.lib
        base = self.llama.context_params
        params = lib.llama_context_params.from_buffer_copy(base)  # threads, KV type, flash attn...
        n_batch = max(int(base.n_batch), self.width)
        params.n_ctx = n_ctx
        params.n_batch = n_batch
        params.n_ubatch = max(min(int(base.n_ubatch), n_batch), self.width)
        params.n_seq_max = 2 * self.width
        params.kv_unified = True
        params.embeddings = False
        params.abort_callback = lib.ggml_abort_callback()
        params.abort_callback_data = None
        params.samplers = None
        params.n_samplers = 0
        ctx = lib.llama_init_from_model(self.llama._model.model, params)
        if not ctx:
            raise RuntimeError("llama.cpp could not create the beam-search context (out of memory?)")
        self.ctx = ctx
        self.memory = lib.llama_get_memory(ctx)
        self.batch_size = n_batch
        self.batch = lib.llama_batch_init(n_batch, 0, 1)

    def close(self) -> None:
        lib = self.lib
        for address in list(self.samplers):
            lib.llama_sampler_free(self._sampler_objects.pop(address))
        self.samplers.clear()
        if self.batch is not None:
            lib.llama_batch_free(self.batch)
            self.batch = None
        if self.ctx is not None:
            lib.llama_free(self.ctx)
            self.ctx = None
        self._abort = None

    # -- tokens -------------------------------------------------------------------------------
    def is_stop(self, token: int) -> bool:
        if self.stop_tokens is not None:
            return token in self.stop_tokens
        known = self._is_stop_cache.get(token)
        if known is None:
            known = self._is_stop_cache[token] = bool(self.lib.llama_vocab_is_eog(self.vocab, token))
        return known

    def piece(self, token: int) -> bytes:
        cached = self._pieces.get(token)
        if cached is not None:
            return cached
        lib, buffer = self.lib, self._piece_buffer
        n = lib.llama_token_to_piece(self.vocab, token, buffer, len(buffer), 0, False)
        if n < 0:  # buffer too small: -n bytes are needed
            bigger = ctypes.create_string_buffer(-n)
            n = lib.llama_token_to_piece(self.vocab, token, bigger, -n, 0, False)
            data = bigger.raw[:n]
        else:
            data = buffer.raw[:n]
        self._pieces[token] = data
        return data

    def text(self, tokens: Iterable[int], final: bool) -> str:
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        parts = [decoder.decode(self.piece(t)) for t in tokens]
        if final:
            parts.append(decoder.decode(b"", final=True))
        return "".join(parts)

    # -- decoding -------------------------------------------------------------------------------
    def _decode(self, entries: Sequence[tuple[int, int, int, bool]]) -> int:
        """Decode (token, position, seq_id, wants_logits) entries as one batch."""
        batch = self.batch
        batch.n_tokens = len(entries)
        for i, (token, pos, seq, logits) in enumerate(entries):
            batch.token[i] = token
            batch.pos[i] = pos
            batch.n_seq_id[i] = 1
            batch.seq_id[i][0] = seq
            batch.logits[i] = logits
        return int(self.lib.llama_decode(self.ctx, batch))

    def _logits(self, index: int) -> npt.NDArray[np.float32]:
        pointer = self.lib.llama_get_logits_ith(self.ctx, index)
        if not pointer:
            raise RuntimeError(f"llama.cpp returned no logits for output {index}")
        return np.ctypeslib.as_array(pointer, shape=(self.n_vocab,))

    def _evaluate_prompt(self, prompt: list[int], should_stop: Callable[[], bool]) -> bool:
        """Evaluate the prompt as sequence 0; False if ``should_stop`` interrupted it."""
        lib = self.lib

        @lib.ggml_abort_callback
        def abort(_data: ctypes.c_void_p) -> bool:
            return bool(should_stop())

        self._abort = abort  # C keeps only the pointer
        lib.llama_set_abort_callback(self.ctx, abort, None)
        try:
            # All but the last token in chunks, then the last token on its own, as sampling
            # does (host/generation.py ``_prefill``): its logits then come from the same
            # computation, so width 1 is greedy token for token (C18).
            last = len(prompt) - 1
            batches = [
                [
                    (t, start + i, 0, False)
                    for i, t in enumerate(prompt[start : min(start + self.batch_size, last)])
                ]
                for start in range(0, last, self.batch_size)
            ]
            for batch in [*batches, [(prompt[last], last, 0, True)]]:
                if should_stop():
                    return False
                rc = self._decode(batch)
                if rc == 2:
                    return False
                if rc != 0:
                    raise RuntimeError(f"llama_decode failed on the prompt (code {rc})")
        finally:
            lib.llama_set_abort_callback(self.ctx, lib.ggml_abort_callback(), None)
        return True

    def _allowed(self, beam: _Live, row: npt.NDArray[np.float32]) -> npt.NDArray[np.bool_]:
        """The grammar's mask for ``beam``: True where the token may come next."""
        data = self.token_data
        data["logit"] = row
        data["p"] = 0.0
        array = self.lib.llama_token_data_array(
            data=data.ctypes.data_as(self.lib.llama_token_data_p),
            size=self.n_vocab,
            selected=-1,
            sorted=False,
        )
        self.lib.llama_sampler_apply(beam.grammar, ctypes.byref(array))
        result = data
        if ctypes.cast(array.data, ctypes.c_void_p).value != data.ctypes.data or array.size != self.n_vocab:
            raw = ctypes.cast(array.data, ctypes.POINTER(ctypes.c_uint8))
            result = np.ctypeslib.as_array(raw, shape=(array.size * _TOKEN_DATA.itemsize,)).view(_TOKEN_DATA)
        allowed = np.zeros(self.n_vocab, dtype=bool)
        allowed[result["id"][np.isfinite(result["logit"])]] = True
        return allowed

    def _hypothesis(
        self, tokens: tuple[int, ...], total: float, length: int, alpha: float, reason: BeamState
    ) -> Beam:
        return Beam(
            tokens=tokens,
            text=self.text(tokens, final=True),
            sum_logprob=float(total),
            score=beam_score(total, length, alpha),
            length=length,
            reason=reason,
        )

    def run(
        self,
        prompt: list[int],
        max_tokens: int,
        alpha: float,
        penalty: float,
        should_stop: Callable[[], bool],
        on_step: Callable[[int, list[Beam]], None] | None,
    ) -> list[Beam]:
        lib, width, n_prompt = self.lib, self.width, len(prompt)
        if any(not 0 <= t < self.n_vocab for t in prompt):
            raise ValueError("a prompt token is outside the vocabulary")
        self._open_context(beam_context_tokens(n_prompt, width, max_tokens))
        if not self._evaluate_prompt(prompt, should_stop):
            return []
        # A step decodes B tokens: small, memory-bound batches like single-token generation,
        # so they get the generation thread count (llama.cpp would use n_threads_batch for
        # any batch over 1 token). With n_threads_batch = all logical CPUs, a busy machine
        # stalled ggml's thread pool for seconds per step (2 cores, B = 8).
        n_threads = int(self.llama.context_params.n_threads)
        lib.llama_set_n_threads(self.ctx, n_threads, n_threads)
        rows = np.empty((width, self.n_vocab), dtype=np.float32)
        rows[0] = self._logits(0)  # the last prompt token, decoded on its own
        live = [_Live((), 0.0, self.root_grammar)]
        self.root_grammar = None  # now owned by the root beam
        half = 0  # the live beams are in sequences half*width + j
        finished: dict[str, Beam] = {}  # by text: the best tokenization of each text
        k = min(2 * width, self.n_vocab)
        for step in range(max_tokens):
            if should_stop():
                for b in live:
                    _keep(
                        finished, self._hypothesis(b.tokens, b.sum_logprob, len(b.tokens), alpha, "cancelled")
                    )
                break
            # -- score every beam's next tokens ---------------------------------------------
            scores = np.empty((len(live), self.n_vocab), dtype=np.float64)
            for j, beam in enumerate(live):
                row = rows[j]
                adjusted = ctrl_repetition_penalty(row, beam.tokens, penalty)
                if beam.grammar is not None:
                    adjusted[~self._allowed(beam, row)] = -np.inf
                scores[j] = adjusted
            logprobs = log_softmax(scores, axis=-1)
            top = np.argpartition(-logprobs, k - 1, axis=1)[:, :k]
            top_logprobs = np.take_along_axis(logprobs, top, axis=1)
            sums = np.array([b.sum_logprob for b in live])
            totals = (sums[:, None] + top_logprobs).ravel()
            parents = np.repeat(np.arange(len(live)), k)
            tokens = top.ravel()
            keep = np.isfinite(totals)
            totals, parents, tokens = totals[keep], parents[keep], tokens[keep]
            order = np.lexsort((tokens, parents, -totals))  # best first; ties: lower ids first
            # -- choose the next beams ---------------------------------------------------------
            chosen: list[tuple[int, int, float]] = []  # (parent, token, total)
            ended_parents: set[int] = set()
            spelled: set[bytes] = set()  # texts already taken by a better candidate this step
            for rank, index in enumerate(order):
                src, token, total = int(parents[index]), int(tokens[index]), float(totals[index])
                if self.is_stop(token):
                    if rank < width and src not in ended_parents:
                        ended_parents.add(src)
                        n = len(live[src].tokens)
                        _keep(finished, self._hypothesis(live[src].tokens, total, n + 1, alpha, "stop"))
                    continue
                data = live[src].data + self.piece(token)
                if data in spelled:  # the same text, tokenized another way, and less likely
                    continue
                spelled.add(data)
                chosen.append((src, token, total))
                if len(chosen) == width:
                    break
            last_step = step == max_tokens - 1
            if last_step:
                for p, t, total in chosen:
                    tokens_p = (*live[p].tokens, t)
                    _keep(finished, self._hypothesis(tokens_p, total, len(tokens_p), alpha, "length"))
                break
            if not chosen or self._cannot_improve(finished, chosen, step + 1, max_tokens, alpha):
                break
            # -- hand each new beam its grammar state ---------------------------------------
            children = [0] * len(live)
            for p, _, _ in chosen:
                children[p] += 1
            new_live: list[_Live] = []
            for p, token, total in chosen:
                parent = live[p]
                grammar = parent.grammar
                if grammar is not None:
                    children[p] -= 1
                    if children[p] > 0:  # other children still need the parent's state
                        grammar = self._own(lib.llama_sampler_clone(parent.grammar))
                    lib.llama_sampler_accept(grammar, token)
                new_live.append(
                    _Live((*parent.tokens, token), total, grammar, parent.data + self.piece(token))
                )
            for p, beam in enumerate(live):
                if beam.grammar is not None and not any(cp == p for cp, _, _ in chosen):
                    self._free_sampler(beam.grammar)
            # -- re-home: beam j -> sequence j of the other half, then drop the old half ------
            old, new = half * width, (1 - half) * width
            for j, (p, _, _) in enumerate(chosen):
                lib.llama_memory_seq_rm(self.memory, new + j, -1, -1)
                lib.llama_memory_seq_cp(self.memory, old + p, new + j, -1, -1)
            for j in range(width):
                lib.llama_memory_seq_rm(self.memory, old + j, -1, -1)
            half = 1 - half
            live = new_live
            if on_step is not None:
                on_step(step, [self._partial(b, alpha) for b in live])
            position = n_prompt + step
            rc = self._decode([(t, position, new + j, True) for j, (_, t, _) in enumerate(chosen)])
            if rc != 0:
                raise RuntimeError(f"llama_decode failed during beam search (code {rc})")
            for j in range(len(live)):
                rows[j] = self._logits(j)
        return sorted(finished.values(), key=lambda b: b.score, reverse=True)[:width]

    def _partial(self, beam: _Live, alpha: float) -> Beam:
        n = len(beam.tokens)
        text = self.text(beam.tokens, final=False)
        return Beam(beam.tokens, text, beam.sum_logprob, beam_score(beam.sum_logprob, n, alpha), n, "live")

    def _cannot_improve(
        self,
        finished: dict[str, Beam],
        chosen: list[tuple[int, int, float]],
        length: int,
        max_tokens: int,
        alpha: float,
    ) -> bool:
        """True when ``width`` hypotheses have finished and no live beam can beat the worst of
        the best ``width`` of them. A live beam's sum only falls; its best score is its sum
        over the largest length penalty it can still reach (at the next or at the last length,
        since the penalty is monotonic in length)."""
        if len(finished) < self.width:
            return False
        worst_kept = sorted((b.score for b in finished.values()), reverse=True)[self.width - 1]
        best_sum = max(total for _, _, total in chosen)
        # the live beams have ``length`` tokens; they end with length+1 .. max_tokens scored
        # tokens (a stop token at the next step, up to max_tokens by length)
        largest = max(length_penalty(length + 1, alpha), length_penalty(max_tokens, alpha))
        if best_sum > 0:  # impossible for log-probabilities, but keep the bound safe
            return False
        return best_sum / largest <= worst_kept


def _keep(finished: dict[str, Beam], hypothesis: Beam) -> None:
    """Add a finished hypothesis; of two with the same text (byte-level vocabularies spell a
    text several ways, e.g. a Han character as one token or as three byte tokens) only the
    better score stays, so the results are distinct texts."""
    known = finished.get(hypothesis.text)
    if known is None or hypothesis.score > known.score:
        finished[hypothesis.text] = hypothesis
