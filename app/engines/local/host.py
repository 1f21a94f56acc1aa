"""The engine host process: owns the ``llama_cpp.Llama`` object and serves one request at a time.

Runs in a separate process (``multiprocessing`` spawn context) so that a crash in
llama.cpp (abort, segfault, out of memory) cannot take the window down with it.

Wire protocol over a ``multiprocessing.Connection`` (pickled tuples):

parent -> host: ``(op, args)`` with op in ``load``, ``generate``, ``tokenize``,
``unload``, ``shutdown``.

host -> parent: ``("loaded", ModelInfo-dict)``, ``("token", text)``,
``("done", {"reason", "usage", "seed", "text"})``, ``("tokens", n)``,
``("unloaded", None)``, ``("error", {"kind", "message", "detail"})``.

Cancellation: a shared ``multiprocessing.Event``. It is checked before each generated
token, and during prompt processing through llama.cpp's abort callback
(``llama_set_abort_callback``), so Stop works while a long prompt is read. The abort
callback is only installed until the first token, so decoding runs at full speed.
"""

from __future__ import annotations

import collections
import ctypes
import os
import sys
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Event
from typing import Any

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

    def generate(self, args: dict[str, Any]) -> None:
        from app.engines.local.textstream import TextAssembler

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
        reason = "length"
        n_generated = 0
        first_token_at: float | None = None
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
        )
        try:
            for token in generator:
                if first_token_at is None:
                    first_token_at = time.perf_counter()
                    self._set_abort(False)
                if self.cancel.is_set():
                    reason = "cancelled"
                    break
                if llama_cpp.llama_vocab_is_eog(vocab, token):
                    reason = "stop"
                    break
                n_generated += 1
                text = assembler.feed(piece(token))
                if text:
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
        if tail:
            self.send("token", tail)
        ended = time.perf_counter()
        first = first_token_at or ended
        self.send(
            "done",
            {
                "reason": reason,
                "seed": seed,
                "notices": notices,
                "trimmed_messages": trimmed,
                "text": assembler.text,
                "usage": {
                    "prompt_tokens": n_prompt,
                    "completion_tokens": n_generated,
                    "cached_tokens": cached,
                    "prompt_seconds": first - started,
                    "generation_seconds": ended - first,
                },
            },
        )


def _common_prefix(a: list[int], b: list[int]) -> int:
    """Length of the common prefix: prompt tokens llama.cpp can reuse from the KV cache."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return min(n, len(b) - 1)  # the last prompt token is always evaluated again


def _done_payload(reason: str, seed: int) -> dict[str, Any]:
    """A ``done`` event for a request that ended before generating anything."""
    return {
        "reason": reason,
        "seed": seed,
        "notices": [],
        "trimmed_messages": 0,
        "text": "",
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
