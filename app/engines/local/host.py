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

#: Template used when a GGUF has no ``tokenizer.chat_template`` (ChatML, as SmolLM2 and
#: Qwen use; documented in the README). The local-engine issue refines this per architecture.
FALLBACK_CHAT_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)

_DAMAGED_MARKERS = (
    "not within the file bounds",
    "corrupted or incomplete",
    "failed to read",
    "unexpectedly reached end of file",
    "tensor data is not",
)
_NOT_GGUF_MARKERS = ("invalid magic", "bad magic", "not a gguf")
# ggml_log_level (ggml.h)
_GGML_LOG_WARN, _GGML_LOG_ERROR, _GGML_LOG_CONT = 2, 3, 5


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
    def load(self, args: dict[str, Any]) -> None:
        from llama_cpp import Llama

        path = args["path"]
        self.log_tail.clear()
        started = time.perf_counter()
        try:
            llm = Llama(
                model_path=path,
                n_ctx=round_n_ctx(int(args.get("n_ctx", 2048))),
                n_gpu_layers=int(args.get("n_gpu_layers", 0)),
                n_threads=args.get("n_threads"),
                verbose=False,
            )
        except Exception as exc:  # llama.cpp reports load failures as ValueError
            log = "".join(self.log_tail)
            lowered = log.lower()
            if any(m in lowered for m in _NOT_GGUF_MARKERS):
                kind = "not_gguf"
            elif any(m in lowered for m in _DAMAGED_MARKERS):
                kind = "damaged"
            else:
                kind = "load_failed"
            self.error(kind, str(exc), log[-4000:])
            return
        seconds = time.perf_counter() - started
        old, self.llm, self.path = self.llm, llm, path
        if old is not None:
            old.close()
        metadata = {str(k): str(v) for k, v in llm.metadata.items()}
        self.send(
            "loaded",
            {
                "name": metadata.get("general.name") or os.path.basename(path),
                "path": path,
                "n_ctx": llm.n_ctx(),
                "n_ctx_train": llm._model.n_ctx_train(),
                "n_params": llm._model.n_params(),
                "size_bytes": os.path.getsize(path),
                "chat_template": llm.metadata.get("tokenizer.chat_template"),
                "backend": "GPU" if args.get("n_gpu_layers", 0) else "CPU",
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

        llm = self.llm
        template = llm.metadata.get("tokenizer.chat_template") or FALLBACK_CHAT_TEMPLATE
        model = llm._model
        formatter = Jinja2ChatFormatter(
            template=template,
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
        if args.get("messages"):
            try:
                prompt, _folded = self._render_chat(args["messages"])
            except Exception as exc:
                self.error("template", f"The model's chat template failed: {exc}")
                return
            tokens = llm.tokenize(prompt.encode("utf-8"), add_bos=False, special=True)
        else:
            tokens = llm.tokenize(args["prompt"].encode("utf-8"), add_bos=True, special=False)
        n_ctx = llm.n_ctx()
        n_prompt = len(tokens)
        if n_prompt >= n_ctx:
            self.error(
                "context_overflow",
                f"The prompt is {n_prompt} tokens but the context holds {n_ctx}. "
                "Shorten the text or raise n_ctx in the model settings.",
            )
            return
        max_tokens = min(int(params["max_tokens"]), n_ctx - n_prompt)
        cached = _common_prefix(llm.input_ids[: llm.n_tokens].tolist(), tokens)
        seed = int(params["seed"])
        llm.set_seed(seed)
        llm.last_n_tokens_size = int(params["repeat_last_n"])
        vocab = llm._model.vocab
        assembler = TextAssembler(params.get("stop") or ())
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
