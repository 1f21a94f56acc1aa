"""Scoring in the engine host: per-token log-probabilities and perplexity of a text, in
windows of n_ctx, with the chat's KV cache saved and put back."""

from __future__ import annotations

import ctypes
import time
from typing import Any

from app.core.perplexity import perplexity, scoring_windows
from app.engines.local.host.base import HostBase, _piece_reader, _top

#: The most logits one scoring batch may ask llama.cpp for (bytes, float32): the context's
#: output buffer grows to this once and stays (SmolLM2: 170 rows of 49,152; Gemma 3: 32 rows
#: of 262,144).
_SCORE_LOGITS_BYTES = 32 * 1024 * 1024
#: float64 elements per block when log-softmaxing the rows of a scoring batch (16 MiB).
_SCORE_BLOCK_ELEMENTS = 2 * 1024 * 1024


class ScoringMixin(HostBase):
    """``score`` requests."""

    def score(self, args: dict[str, Any]) -> None:
        """Score ``args["text"]``: the log-probability of each token given those before it.

        Tokenizes with a BOS token where the model's vocabulary asks for one, plans windows
        with :func:`app.core.perplexity.scoring_windows` (``args["stride"]``, default
        n_ctx // 2), and decodes each window from position 0 in a cleared context: the
        context part in batches of n_batch without logits, the scored part in batches of at
        most :data:`_SCORE_LOGITS_BYTES` / (4 n_vocab) tokens with logits for every position,
        read as one (k, n_vocab) float32 array (``llama_get_logits``); log-softmax in float64
        blocks of :data:`_SCORE_BLOCK_ELEMENTS`. The results equal, bit for bit, a plain
        ``Llama(logits_all=True).eval(window)``; they differ slightly from the logprobs of the
        same tokens while generating (one token per decode: llama.cpp uses other kernels,
        up to ~0.5 in a logit on SmolLM2 Q4_1). Sends
        ``("progress", (scored, total))`` after each batch and ``("scored", ...)`` at the end,
        or ``("error", {"kind": "cancelled"})`` when Stop was pressed (checked between
        batches; llama.cpp's abort callback stops a batch in progress).

        The chat's KV cache: scoring needs the context's memory, so the state of sequence 0
        (the previous request's prompt and reply) is copied out first (``llama_state_seq_
        get_data``: about 23 KB per cached token for SmolLM2-135M in f16) and put back
        afterwards, also after Stop or an error. The next request therefore reuses its prefix
        as if nothing had happened; only the last logits are stale, so llama-cpp-python is
        told to evaluate the last prompt token again (``_requires_eval``). Should putting the
        state back fail, the cache is emptied and the next request reads its whole prompt.
        """
        import numpy as np

        llm = self.llm
        if llm is None:
            self.error("no_model", "No model is loaded. Choose a model first.")
            return
        llama_cpp = self.llama_cpp
        started = time.perf_counter()
        vocab = llm._model.vocab
        add_bos = bool(llama_cpp.llama_vocab_get_add_bos(vocab))
        tokens = llm.tokenize(args["text"].encode("utf-8"), add_bos=add_bos, special=False)
        n_ctx = llm.n_ctx()
        try:
            windows = scoring_windows(len(tokens), n_ctx, args.get("stride"), bos=add_bos)
        except ValueError as exc:
            self.error("invalid_request", str(exc))
            return
        if not windows:
            self.error("invalid_request", "The text is too short to score: it needs at least two tokens.")
            return
        total = len(tokens) - 1
        top_k = int(args.get("top_logprobs") or 0)
        n_vocab = llm.n_vocab()
        rows_max = max(1, min(llm.n_batch, _SCORE_LOGITS_BYTES // (4 * n_vocab)))
        block_rows = max(1, _SCORE_BLOCK_ELEMENTS // n_vocab)
        bos_token = llm.token_bos()
        logprobs = np.empty(total, dtype=np.float64)
        tops: list[tuple[tuple[int, float], ...]] = []
        saved = self._save_chat_state()
        done = 0
        self._set_abort(True)
        try:
            for window in windows:
                sequence = ([bos_token] if window.bos else []) + tokens[window.start : window.end]
                shift = window.start - (1 if window.bos else 0)  # window position = index - shift
                first_out = window.score_from - 1 - shift  # position whose logits score score_from
                # Every token of the window is decoded, the last one too although its logits
                # predict nothing here: llama.cpp's results for the last positions depend (in
                # the last bits, and on Gemma 3 by up to 0.1 in a logprob) on how many cells the
                # context holds, so the window is evaluated exactly as a plain ``eval`` would.
                n = len(sequence)
                llm._ctx.kv_cache_clear()
                position = 0
                while position < n:
                    if self.cancel.is_set():
                        raise _Cancelled
                    scoring = position >= first_out
                    size = min(rows_max if scoring else min(llm.n_batch, first_out - position), n - position)
                    llm._batch.set_batch(sequence[position : position + size], position, scoring)
                    llm._ctx.decode(llm._batch)
                    used = min(size, n - 1 - position) if scoring else 0  # rows that predict a token
                    if used > 0:
                        logits = np.ctypeslib.as_array(llm._ctx.get_logits(), shape=(size, n_vocab))
                        targets = np.asarray(sequence[position + 1 : position + 1 + used])
                        for b in range(0, used, block_rows):
                            block = logits[b : min(b + block_rows, used)].astype(np.float64)
                            peak = block.max(axis=1)
                            lse = peak + np.log(np.exp(block - peak[:, None]).sum(axis=1))
                            rows = np.arange(block.shape[0])
                            chosen = block[rows, targets[b : b + block.shape[0]]] - lse
                            logprobs[done : done + len(chosen)] = chosen
                            done += len(chosen)
                            if top_k:
                                tops.extend(
                                    _top(row, top_k, value) for row, value in zip(block, lse, strict=True)
                                )
                        self.send("progress", (done, total))
                    position += size
        except _Cancelled:
            self.error("cancelled", "Scoring was cancelled.")
            return
        except RuntimeError as exc:
            if not self.cancel.is_set():
                raise
            del exc
            self.error("cancelled", "Scoring was cancelled.")
            return
        finally:
            self._set_abort(False)
            self._restore_chat_state(saved)
        from app.engines.local.textstream import TokenTexts

        values = [float(v) for v in logprobs]
        piece = _piece_reader(llama_cpp, vocab)
        texts = TokenTexts()
        texts.feed(piece(tokens[0]))
        entries = []
        for i, value in enumerate(values):
            top = tuple((texts.peek(piece(t)), v) for t, v in tops[i]) if top_k else ()
            entries.append((texts.feed(piece(tokens[i + 1])), value, top))
        self.send(
            "scored",
            {
                "tokens": entries,
                "perplexity": perplexity(values),
                "n_tokens": total,
                "seconds": time.perf_counter() - started,
            },
        )

    def _save_chat_state(self) -> Any:
        """Copy the KV state of sequence 0 (the chat's cached prefix), or None if empty."""
        llm, llama_cpp = self.llm, self.llama_cpp
        if llm.n_tokens == 0:
            return None
        ctx = llm._ctx.ctx
        size = llama_cpp.llama_state_seq_get_size(ctx, 0)
        buffer = (ctypes.c_uint8 * size)()
        if llama_cpp.llama_state_seq_get_data(ctx, buffer, size, 0) != size:
            return None
        return buffer

    def _restore_chat_state(self, saved: Any) -> None:
        """Put back what :meth:`_save_chat_state` copied (see :meth:`score`)."""
        llm, llama_cpp = self.llm, self.llama_cpp
        llm._ctx.kv_cache_clear()
        restored = saved is not None and llama_cpp.llama_state_seq_set_data(
            llm._ctx.ctx, saved, len(saved), 0
        )
        if not restored:
            if llm.n_tokens:
                self.log.write("the chat's KV cache could not be put back after scoring; emptied\n")
            llm._ctx.kv_cache_clear()
            llm.n_tokens = 0
        llm._requires_eval = True  # the logits are the scoring's, not the chat's


class _Cancelled(Exception):
    """Stop was pressed during scoring."""
