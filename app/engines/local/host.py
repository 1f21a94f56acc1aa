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
"""

from __future__ import annotations

import collections
import ctypes
import math
import os
import sys
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Event
from typing import Any

from app.core.perplexity import perplexity, scoring_windows
from app.core.templates import choose_template, markers_for
from app.core.types import AUTO_N_CTX_CAP

_DAMAGED_MARKERS = (
    "not within the file bounds",
    "corrupted or incomplete",
    "failed to read",
    "unexpectedly reached end of file",
    "tensor data is not",
)
_NOT_GGUF_MARKERS = ("invalid magic", "bad magic", "not a gguf")
# ggml_log_level (ggml.h): NONE 0, DEBUG 1, INFO 2, WARN 3, ERROR 4, CONT 5
_GGML_LOG_WARN, _GGML_LOG_ERROR, _GGML_LOG_CONT = 3, 4, 5
#: Grammars kept parsed-and-checked, by text (a Poetry form's grammar is reused per poem).
_GRAMMAR_CACHE_SIZE = 32
#: The most logits one scoring batch may ask llama.cpp for (bytes, float32): the context's
#: output buffer grows to this once and stays (SmolLM2: 170 rows of 49,152; Gemma 3: 32 rows
#: of 262,144).
_SCORE_LOGITS_BYTES = 32 * 1024 * 1024
#: float64 elements per block when log-softmaxing the rows of a scoring batch (16 MiB).
_SCORE_BLOCK_ELEMENTS = 2 * 1024 * 1024


def round_n_ctx(n_ctx: int) -> int:
    """Round ``n_ctx`` up to a multiple of 256 tokens.

    llama.cpp pads the context to 256 but ``Llama`` sizes its arrays with the value given,
    which breaks prompts between the two sizes (ENGINE_NOTES.md, "Footguns").
    """
    return max(256, -(-n_ctx // 256) * 256)


class _Host:
    def __init__(self, conn: Connection, cancel: Event, log: Any) -> None:
        import llama_cpp  # heavy; imported in the host only

        self.llama_cpp = llama_cpp
        self.conn = conn
        self.cancel = cancel
        self.log = log
        self.llm: Any = None
        self.path = ""
        self.template = ""  # the chat template in force (Jinja)
        self.template_source = ""
        self.log_tail: collections.deque[str] = collections.deque(maxlen=80)
        self.grammars: collections.OrderedDict[str, Any] = collections.OrderedDict()
        #: sizes of the token lists ``Llama.eval`` was given since the request began
        self.evals: list[int] = []

        keep = [False]  # whether a continuation line (level 5) belongs to a kept message

        @llama_cpp.llama_log_callback
        def log_callback(level: int, text: bytes, _user: ctypes.c_void_p) -> None:
            line = text.decode("utf-8", errors="replace")
            self.log_tail.append(line)  # everything, to explain a failed load
            if level != _GGML_LOG_CONT:
                keep[0] = level in (_GGML_LOG_WARN, _GGML_LOG_ERROR)
            if keep[0]:
                self.log.write(line)  # only warnings and errors reach the log file

        self._log_callback = log_callback  # keep a reference: C holds only the pointer
        llama_cpp.llama_log_set(log_callback, ctypes.c_void_p(0))

        @llama_cpp.ggml_abort_callback
        def abort_callback(_data: ctypes.c_void_p) -> bool:
            return self.cancel.is_set()

        self._abort_callback = abort_callback

    # -- helpers -----------------------------------------------------------------------
    def send(self, kind: str, payload: Any) -> None:
        self.conn.send((kind, payload))

    def error(self, kind: str, message: str, detail: str = "") -> None:
        self.send("error", {"kind": kind, "message": message, "detail": detail})

    def _set_abort(self, armed: bool) -> None:
        callback = self._abort_callback if armed else self.llama_cpp.ggml_abort_callback()
        self.llama_cpp.llama_set_abort_callback(self.llm._ctx.ctx, callback, None)

    # -- operations ----------------------------------------------------------------------
    def _construct(self, args: dict[str, Any], n_gpu_layers: int) -> tuple[Any, str | None]:
        """Build a ``Llama``; return (llm, None) or (None, failure kind)."""
        from llama_cpp import Llama

        self.log_tail.clear()
        n_ctx = int(args.get("n_ctx", 2048))
        if n_ctx == 0:
            n_ctx = self._auto_n_ctx(args["path"])
        options: dict[str, Any] = {
            "model_path": args["path"],
            "n_ctx": round_n_ctx(n_ctx),
            "n_gpu_layers": n_gpu_layers,
            "n_threads": args.get("n_threads"),
            "main_gpu": int(args.get("main_gpu", 0)),
            "tensor_split": args.get("tensor_split"),
            "flash_attn": bool(args.get("flash_attn", False)),
            "verbose": False,
        }
        if args.get("type_k") is not None:
            options["type_k"] = int(args["type_k"])
            options["type_v"] = int(args["type_v"])
        try:
            return Llama(**options), None
        except Exception:  # llama.cpp reports load failures as ValueError
            lowered = "".join(self.log_tail).lower()
            if any(m in lowered for m in _NOT_GGUF_MARKERS):
                return None, "not_gguf"
            if any(m in lowered for m in _DAMAGED_MARKERS):
                return None, "damaged"
            return None, "load_failed"

    def _auto_n_ctx(self, path: str) -> int:
        """The training context capped at ``AUTO_N_CTX_CAP`` (2,048 if unreadable)."""
        from app.engines.local.inspect import read_metadata

        info = read_metadata(path)
        if not info["ok"]:
            return 2048
        arch = info["metadata"].get("general.architecture", "")
        try:
            trained = int(info["metadata"].get(f"{arch}.context_length", "0"))
        except ValueError:
            trained = 0
        return min(trained or 2048, AUTO_N_CTX_CAP)

    def system_info(self) -> dict[str, Any]:
        """Whether this llama.cpp build can offload to a GPU, and which backend it has."""
        llama_cpp = self.llama_cpp
        info = llama_cpp.llama_print_system_info().decode("utf-8", errors="replace")
        offload = bool(llama_cpp.llama_supports_gpu_offload())
        backend = "CPU"
        if offload:
            for name in ("CUDA", "Metal", "Vulkan", "HIP", "SYCL", "OpenCL"):
                if name.lower() in info.lower():
                    backend = name
                    break
            else:
                backend = "GPU"
        return {"gpu_offload": offload, "backend": backend, "system_info": info}

    def load(self, args: dict[str, Any]) -> None:
        path = args["path"]
        started = time.perf_counter()
        n_gpu_layers = int(args.get("n_gpu_layers", 0))
        notices: list[str] = []
        llm, kind = self._construct(args, n_gpu_layers)
        if llm is None and n_gpu_layers != 0 and kind == "load_failed":
            # out of GPU memory or a driver error: fall back to the CPU and say so
            first_log = "".join(self.log_tail)
            llm, kind = self._construct(args, 0)
            if llm is not None:
                n_gpu_layers = 0
                notices.append("gpu_fallback")
                self.log.write(f"GPU load failed, loaded on the CPU instead:\n{first_log[-2000:]}\n")
        if llm is None:
            log = "".join(self.log_tail)
            self.error(
                kind or "load_failed", f"llama.cpp could not load {os.path.basename(path)}", log[-4000:]
            )
            return
        seconds = time.perf_counter() - started
        _count_evals(llm, self.evals)
        self.grammars.clear()
        old, self.llm, self.path = self.llm, llm, path
        if old is not None:
            old.close()
        metadata = {str(k): str(v) for k, v in llm.metadata.items()}
        self.template, self.template_source = choose_template(
            args.get("chat_template"),
            metadata.get("tokenizer.chat_template"),
            metadata.get("general.architecture", ""),
        )
        system = self.system_info()
        self.send(
            "loaded",
            {
                "name": metadata.get("general.name") or os.path.basename(path),
                "path": path,
                "n_ctx": llm.n_ctx(),
                "n_ctx_train": llm._model.n_ctx_train(),
                "n_params": llm._model.n_params(),
                "size_bytes": os.path.getsize(path),
                "chat_template": self.template,
                "template_source": self.template_source,
                "architecture": metadata.get("general.architecture", ""),
                "backend": system["backend"] if n_gpu_layers != 0 and system["gpu_offload"] else "CPU",
                "n_gpu_layers": n_gpu_layers,
                "notices": notices,
                "load_seconds": seconds,
                "metadata": {k: v for k, v in metadata.items() if len(v) < 200},
            },
        )

    def unload(self) -> None:
        if self.llm is not None:
            self.llm.close()
        self.llm, self.path = None, ""
        self.send("unloaded", None)

    def _render_chat(self, messages: list[Any]) -> tuple[str, bool]:
        """Render chat messages with the GGUF's template; return (prompt, system_folded)."""
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        model = self.llm._model
        formatter = Jinja2ChatFormatter(
            template=self.template,
            eos_token=model.token_get_text(model.token_eos()),
            bos_token=model.token_get_text(model.token_bos()),
        )
        try:
            return formatter(messages=messages).prompt, False
        except Exception:
            # Case C03: some templates (Gemma) raise on a system turn. Fold it into the
            # first user turn and try once more.
            folded = _fold_system(messages)
            if folded == messages:
                raise
            return formatter(messages=folded).prompt, True

    def _fit_chat(
        self, messages: list[Any], n_ctx: int, max_tokens: int
    ) -> tuple[list[int], bool, int] | None:
        """Case C04: render ``messages``; if they leave less than ``reserve`` tokens for the
        reply, leave out the oldest whole turns (the system prompt stays) until they fit in
        ``n_ctx - reserve - n_ctx/8``. The extra eighth is slack, so the cut does not move on
        every following turn (which would defeat prefix reuse). The cut is found by binary
        search: O(log turns) renders. Returns (tokens, system_folded, messages left out), or
        None if Stop was pressed meanwhile.
        """
        llm = self.llm
        reserve = min(max_tokens, max(64, n_ctx // 4))

        def render(candidate: list[Any]) -> tuple[list[int], bool]:
            prompt, folded = self._render_chat(candidate)
            return llm.tokenize(prompt.encode("utf-8"), add_bos=False, special=True), folded

        tokens, folded = render(messages)
        if len(tokens) + reserve <= n_ctx:
            return tokens, folded, 0
        system = [m for m in messages if m["role"] == "system"]
        rest = [m for m in messages if m["role"] != "system"]
        # a cut may fall before any user turn but the first; the last user turn always stays
        cuts = [i for i, m in enumerate(rest) if m["role"] == "user" and i > 0]
        if not cuts:
            return tokens, folded, 0
        budget = n_ctx - reserve - n_ctx // 8
        low, high = 0, len(cuts) - 1
        best = (cuts[-1], *render(system + rest[cuts[-1] :]))
        while low <= high:
            if self.cancel.is_set():
                return None
            middle = (low + high) // 2
            cut = cuts[middle]
            candidate_tokens, candidate_folded = render(system + rest[cut:])
            if len(candidate_tokens) <= budget:
                best = (cut, candidate_tokens, candidate_folded)
                high = middle - 1
            else:
                low = middle + 1
        cut, tokens, folded = best
        return tokens, folded, cut

    def tokenize(self, args: dict[str, Any]) -> None:
        if self.llm is None:
            self.error("no_model", "No model is loaded.")
            return
        if "messages" in args:
            text, _ = self._render_chat(args["messages"])
            tokens = self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=True)
        else:
            tokens = self.llm.tokenize(args["text"].encode("utf-8"), add_bos=True)
        self.send("tokens", len(tokens))

    def _grammar(self, text: str) -> Any:
        """A checked ``LlamaGrammar`` for GBNF ``text`` (cached), or raise ValueError with
        llama.cpp's parse error in plain words.

        ``LlamaGrammar.from_string`` does not parse, and llama-cpp-python would hand a NULL
        sampler to llama.cpp for a bad grammar, so it is parsed here once first.
        """
        cached = self.grammars.get(text)
        if cached is not None:
            self.grammars.move_to_end(text)
            return cached
        from llama_cpp import LlamaGrammar

        llama_cpp = self.llama_cpp
        vocab = self.llm._model.vocab
        # llama.cpp prints parse errors with fprintf(stderr) and other checks (left
        # recursion) to its log: catch both for the message
        self.log_tail.clear()
        sampler, said = _stderr_of(
            lambda: llama_cpp.llama_sampler_init_grammar(vocab, text.encode("utf-8"), b"root")
        )
        if said:
            self.log.write(said)
        if not sampler:
            said += "".join(self.log_tail)
            lines = [line for line in said.splitlines() if "error parsing grammar:" in line]
            if lines:
                reason = lines[0].split("error parsing grammar:", 1)[1].strip()
            elif "left recursion" in said:
                reason = "a rule refers to itself first (left recursion)"
            else:
                reason = "llama.cpp could not parse it"
            raise ValueError(f"The grammar is not valid GBNF: {reason}.", said)
        llama_cpp.llama_sampler_free(sampler)
        grammar = LlamaGrammar.from_string(text, verbose=False)
        self.grammars[text] = grammar
        if len(self.grammars) > _GRAMMAR_CACHE_SIZE:
            self.grammars.popitem(last=False)
        return grammar

    def generate(self, args: dict[str, Any]) -> None:
        from llama_cpp import LogitsProcessorList

        from app.engines.local.textstream import LogprobAligner, TextAssembler, TokenTexts

        llm = self.llm
        if llm is None:
            self.error("no_model", "No model is loaded. Choose a model first.")
            return
        llama_cpp = self.llama_cpp
        params: dict[str, Any] = args["params"]
        started = time.perf_counter()
        n_ctx = llm.n_ctx()
        notices: list[str] = []
        trimmed = 0
        grammar = None
        if args.get("grammar"):
            try:
                grammar = self._grammar(args["grammar"])
            except ValueError as exc:
                self.error("invalid_request", str(exc.args[0]), str(exc.args[-1])[-2000:])
                return
        if args.get("messages"):
            try:
                fitted = self._fit_chat(list(args["messages"]), n_ctx, int(params["max_tokens"]))
            except Exception as exc:
                self.error("template", f"The model's chat template failed: {exc}")
                return
            if fitted is None:  # Stop pressed while the conversation was being fitted
                self.send("done", _done_payload("cancelled", int(params["seed"])))
                return
            tokens, folded, trimmed = fitted
            if folded:
                notices.append("system_folded")
            if trimmed:
                notices.append("trimmed")
        else:
            tokens = llm.tokenize(args["prompt"].encode("utf-8"), add_bos=True, special=False)
        n_prompt = len(tokens)
        if n_prompt >= n_ctx:
            self.error(
                "context_overflow",
                f"The prompt is {n_prompt} tokens; the context window (n_ctx) holds {n_ctx}.",
            )
            return
        max_tokens = min(int(params["max_tokens"]), n_ctx - n_prompt)
        if int(params.get("beam_width") or 0) >= 1:
            self._beam_search(args, tokens, max_tokens, notices, trimmed, started)
            return
        cached = _common_prefix(llm.input_ids[: llm.n_tokens].tolist(), tokens)
        seed = int(params["seed"])
        llm.set_seed(seed)
        llm.last_n_tokens_size = int(params["repeat_last_n"])
        vocab = llm._model.vocab
        stops = list(params.get("stop") or ())
        if args.get("messages"):
            stops += markers_for(self.template_source)  # a built-in format on a foreign vocabulary
        assembler = TextAssembler(stops)
        piece = _piece_reader(llama_cpp, vocab)
        top_k = int(args.get("top_logprobs") or 0)
        recorder = _LogprobRecorder(top_k) if top_k else None
        texts = TokenTexts()
        aligner = LogprobAligner()
        reason = "length"
        n_generated = 0
        first_token_at: float | None = None
        evaluated: int | None = None
        self.evals.clear()
        self._set_abort(True)
        generator = llm.generate(
            tokens,
            top_k=int(params["top_k"]),
            top_p=float(params["top_p"]),
            min_p=float(params["min_p"]),
            temp=float(params["temperature"]),
            repeat_penalty=float(params["repeat_penalty"]),
            typical_p=float(params["typical_p"]),
            presence_penalty=float(params["presence_penalty"]),
            frequency_penalty=float(params["frequency_penalty"]),
            mirostat_mode=int(params["mirostat_mode"]),
            mirostat_tau=float(params["mirostat_tau"]),
            mirostat_eta=float(params["mirostat_eta"]),
            logits_processor=LogitsProcessorList([recorder]) if recorder else None,
            grammar=grammar,
        )

        def send_text(text: str, entries: list[Any]) -> None:
            if recorder is None:
                if text:
                    self.send("token", text)
            elif text or entries:
                self.send("token_logprobs", (text, entries))

        try:
            for token in generator:
                if first_token_at is None:
                    first_token_at = time.perf_counter()
                    evaluated = sum(self.evals)  # the prompt only: generated tokens come later
                    self._set_abort(False)
                if self.cancel.is_set():
                    reason = "cancelled"
                    break
                if llama_cpp.llama_vocab_is_eog(vocab, token):
                    reason = "stop"
                    break
                n_generated += 1
                data = piece(token)
                if recorder is not None:
                    aligner.add(recorder.entry(token, data, texts, piece))
                text = assembler.feed(data)
                if text and recorder is not None:
                    # tokens without text (a character's first bytes) wait for the text
                    # that completes them, so no Token event is empty before the last one
                    send_text(*aligner.take(text))
                elif text:
                    self.send("token", text)
                if assembler.stopped:
                    reason = "stop"
                    break
                if n_generated >= max_tokens:
                    reason = "length"
                    break
        except RuntimeError as exc:
            # llama_decode returns 2 when the abort callback fired during the prompt.
            if not self.cancel.is_set():
                raise
            del exc
            reason = "cancelled"
        finally:
            generator.close()
            self._set_abort(False)
        tail = assembler.finish()
        if recorder is not None:
            send_text(*aligner.finish(tail))
        elif tail:
            self.send("token", tail)
        ended = time.perf_counter()
        first = first_token_at or ended
        if evaluated is None:  # cancelled or failed before the first token
            evaluated = sum(self.evals)
        if self.evals:
            cached = n_prompt - evaluated
        self.send(
            "done",
            {
                "reason": reason,
                "seed": seed,
                "notices": notices,
                "trimmed_messages": trimmed,
                "text": assembler.text,
                "evaluated_tokens": evaluated,
                "usage": {
                    "prompt_tokens": n_prompt,
                    "completion_tokens": n_generated,
                    "cached_tokens": cached,
                    "prompt_seconds": first - started,
                    "generation_seconds": ended - first,
                },
            },
        )

    def _beam_search(
        self,
        args: dict[str, Any],
        tokens: list[int],
        max_tokens: int,
        notices: list[str],
        trimmed: int,
        started: float,
    ) -> None:
        """Beam search (``params.beam_width`` >= 1) in a context of its own
        (:mod:`app.engines.local.beam`); the chat's KV cache is left as it was. The best
        hypothesis is sent as one ``token`` event when the search ends, every hypothesis in
        the ``done`` event's ``candidates``. Stop ends the search within one step and keeps
        the best hypothesis so far."""
        from app.engines.local.beam import beam_search

        params: dict[str, Any] = args["params"]
        seed = int(params["seed"])
        stops = list(params.get("stop") or ())
        if args.get("messages"):
            stops += markers_for(self.template_source)
        try:
            beams = beam_search(
                self.llm,
                tokens,
                beam_width=int(params["beam_width"]),
                max_tokens=max_tokens,
                length_alpha=float(params.get("length_penalty") or 0.0),
                repetition_penalty=float(params["repeat_penalty"]),
                grammar=args.get("grammar") or None,
                should_stop=self.cancel.is_set,
            )
        except ValueError as exc:
            self.error("invalid_request", f"Beam search cannot run: {exc}")
            return
        candidates = []
        for beam in beams:
            text = _cut_at_stops(beam.text.rstrip("\ufffd"), stops)  # no half character (C01)
            n = max(1, beam.length)
            candidates.append(
                {
                    "text": text,
                    "sum_logprob": float(beam.sum_logprob),
                    "mean_logprob": float(beam.sum_logprob) / n,
                    "score": float(beam.score),
                    "reason": "length" if beam.reason == "length" else "stop",
                }
            )
        best = candidates[0]["text"] if candidates else ""
        if best:
            self.send("token", best)
        ended = time.perf_counter()
        finished = str(candidates[0]["reason"]) if candidates else "stop"
        reason = "cancelled" if self.cancel.is_set() else finished
        done = _done_payload(reason, seed)
        done.update(
            notices=notices,
            trimmed_messages=trimmed,
            text=best,
            evaluated_tokens=len(tokens),
            candidates=candidates,
        )
        done["usage"].update(
            prompt_tokens=len(tokens),
            completion_tokens=len(beams[0].tokens) if beams else 0,
            generation_seconds=ended - started,
        )
        self.send("done", done)

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


def _common_prefix(a: list[int], b: list[int]) -> int:
    """Length of the common prefix: prompt tokens llama.cpp can reuse from the KV cache."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return min(n, len(b) - 1)  # the last prompt token is always evaluated again


def _stderr_of(call: Callable[[], Any]) -> tuple[Any, str]:
    """Run ``call`` with file descriptor 2 sent to a temporary file; return (result, what
    was written there). Native code that prints with ``fprintf(stderr)`` is caught too."""
    import tempfile

    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as capture:
        os.dup2(capture.fileno(), 2)
        try:
            result = call()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        capture.seek(0)
        return result, capture.read().decode("utf-8", errors="replace")


class _Cancelled(Exception):
    """Stop was pressed during scoring."""


def _top(logits: Any, k: int, lse: float) -> tuple[tuple[int, float], ...]:
    """The ``k`` most likely token ids of a float64 logits row and their logprobs, best first."""
    import numpy as np

    k = min(k, logits.shape[0])
    ids = np.argpartition(-logits, k - 1)[:k]
    ids = ids[np.argsort(-logits[ids], kind="stable")]
    return tuple((int(i), float(logits[i] - lse)) for i in ids)


class _LogprobRecorder:
    """A llama-cpp-python ``LogitsProcessor`` that keeps each step's log-softmax.

    Called by llama.cpp's sampler chain before any other sampler (penalties, grammar,
    temperature, truncation) with the full logits as float32, indexed by token id; it
    returns them unchanged. The log-sum-exp is taken in float64 over the whole vocabulary.
    :meth:`entry` then reports the sampled token against that raw distribution.
    """

    def __init__(self, top_k: int) -> None:
        self.top_k = top_k
        self.logits: Any = None
        self.lse = 0.0

    def __call__(self, _input_ids: Any, scores: Any) -> Any:
        import numpy as np

        logits = np.asarray(scores, dtype=np.float64)  # a copy: ``scores`` is a strided view
        peak = float(logits.max())
        self.lse = peak + math.log(float(np.exp(logits - peak).sum()))
        self.logits = logits
        return scores

    def entry(
        self, token: int, data: bytes, texts: Any, piece: Callable[[int], bytes]
    ) -> tuple[str, float, tuple[tuple[str, float], ...]]:
        """(text, logprob, top) of the sampled ``token`` (bytes ``data``); the texts of the
        alternatives are what each would read as in this place (:meth:`TokenTexts.peek`)."""
        top = tuple((texts.peek(piece(i)), v) for i, v in _top(self.logits, self.top_k, self.lse))
        return texts.feed(data), float(self.logits[token] - self.lse), top


def _count_evals(llm: Any, sizes: list[int]) -> None:
    """Make ``llm.eval`` record the size of each token list it is given in ``sizes``, so a
    request can report how many prompt tokens were really evaluated (prefix reuse)."""
    evaluate = llm.eval

    def counted(tokens: Any) -> None:
        sizes.append(len(tokens))
        evaluate(tokens)

    llm.eval = counted


def _cut_at_stops(text: str, stops: list[str]) -> str:
    """``text`` up to the first of the ``stops`` strings (which are left out)."""
    cuts = [text.find(stop) for stop in stops if stop and stop in text]
    return text[: min(cuts)] if cuts else text


def _done_payload(reason: str, seed: int) -> dict[str, Any]:
    """A ``done`` event for a request that ended before generating anything."""
    return {
        "reason": reason,
        "seed": seed,
        "notices": [],
        "trimmed_messages": 0,
        "text": "",
        "evaluated_tokens": 0,
        "usage": {
            "prompt_tokens": 0,
            "completion_tokens": 0,
            "cached_tokens": 0,
            "prompt_seconds": 0.0,
            "generation_seconds": 0.0,
        },
    }


def _fold_system(messages: list[Any]) -> list[Any]:
    """Merge system turns into the first user turn (case C03)."""
    system = "\n\n".join(m["content"] for m in messages if m["role"] == "system")
    rest = [dict(m) for m in messages if m["role"] != "system"]
    if not system:
        return messages
    for m in rest:
        if m["role"] == "user":
            m["content"] = f"{system}\n\n{m['content']}"
            break
    else:
        rest.insert(0, {"role": "user", "content": system})
    return rest


def _piece_reader(llama_cpp: Any, vocab: Any) -> Callable[[int], bytes]:
    """Return a function giving a token's bytes without the 32-byte limit of ``detokenize``."""
    size = 256
    buffer = ctypes.create_string_buffer(size)

    def piece(token: int) -> bytes:
        n = llama_cpp.llama_token_to_piece(vocab, token, buffer, size, 0, False)
        if n < 0:  # buffer too small: -n is the size needed
            bigger = ctypes.create_string_buffer(-n)
            n = llama_cpp.llama_token_to_piece(vocab, token, bigger, -n, 0, False)
            return bigger.raw[:n]
        return buffer.raw[:n]

    return piece


def host_main(conn: Connection, cancel: Event, log_path: str) -> None:
    """Entry point of the host process. Serves requests until ``shutdown`` or EOF."""
    log = open(log_path, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 - lives as long as the process
    # Native crash messages (GGML_ASSERT, abort) go to fd 2: keep them in the log file.
    os.dup2(log.fileno(), 2)
    sys.stderr = log
    log.write(f"--- engine host {os.getpid()} started {time.ctime()}\n")
    try:
        host = _Host(conn, cancel, log)
    except Exception:
        conn.send(
            (
                "error",
                {
                    "kind": "internal",
                    "message": "The engine could not start.",
                    "detail": traceback.format_exc(),
                },
            )
        )
        return
    conn.send(("ready", {"pid": os.getpid()}))
    handlers: dict[str, Callable[[dict[str, Any]], None]] = {
        "load": host.load,
        "generate": host.generate,
        "tokenize": host.tokenize,
        "score": host.score,
        "unload": lambda _args: host.unload(),
        "system_info": lambda _args: host.send("system_info", host.system_info()),
    }
    while True:
        try:
            op, args = conn.recv()
        except (EOFError, OSError):
            break
        if op == "shutdown":
            break
        handler = handlers.get(op)
        try:
            if handler is None:
                host.error("internal", f"Unknown request {op!r}.")
            else:
                handler(args)
        except Exception as exc:
            log.write(traceback.format_exc())
            host.error("internal", f"The engine failed: {exc}", traceback.format_exc())
    if host.llm is not None:
        host.llm.close()
