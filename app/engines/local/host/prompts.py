"""Prompts in the engine host: chat templates (with the system turn folded in where a
template refuses it), fitting a conversation into n_ctx, token counts, GBNF grammars."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from app.engines.local.host.base import HostBase

#: Grammars kept parsed-and-checked, by text (a Poetry form's grammar is reused per poem).
_GRAMMAR_CACHE_SIZE = 32


class PromptsMixin(HostBase):
    """Rendering and fitting chat prompts, ``tokenize`` requests and checked grammars."""

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
