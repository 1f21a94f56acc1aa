"""Generation in the engine host: sampling with optional log-probabilities, and beam search."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

from app.core.templates import markers_for
from app.core.types import NoticeKind
from app.engines.local.host.base import _piece_reader, _top
from app.engines.local.host.prompts import PromptsMixin


class GenerationMixin(PromptsMixin):
    """``generate`` requests (sampling or beam search)."""

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
                notices.append(NoticeKind.SYSTEM_FOLDED.value)
            if trimmed:
                notices.append(NoticeKind.TRIMMED.value)
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
            _prefill(llm, tokens)
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


def _prefill(llm: Any, tokens: list[int]) -> None:
    """Evaluate all but the last prompt token that the KV cache does not hold yet, so that
    ``llm.generate`` always decodes the last prompt token on its own, after the rest.

    llama.cpp's kernels round differently for a batch of one token than for a longer batch,
    so the first sampled token's logits would otherwise depend on whether the prompt was
    cached (a regenerate or follow-up re-evaluates only the last token) or not (a first run,
    a restart). At a temperature above 0 that shift can flip a seed's draw; with this split
    the same seed gives the same reply token for token (C18). The total work is unchanged.
    """
    kept = _common_prefix(llm.input_ids[: llm.n_tokens].tolist(), tokens)  # <= len - 1
    if kept < len(tokens) - 1:
        llm.n_tokens = kept  # eval() drops the cache beyond n_tokens first
        llm.eval(tokens[kept:-1])


def _common_prefix(a: list[int], b: list[int]) -> int:
    """Length of the common prefix: prompt tokens llama.cpp can reuse from the KV cache."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return min(n, len(b) - 1)  # the last prompt token is always evaluated again


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
