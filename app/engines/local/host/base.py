"""What every part of the engine host shares: llama.cpp's log and abort callbacks, the
pipe to the parent, and token helpers (pieces, top-k of a logits row)."""

from __future__ import annotations

import collections
import ctypes
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Event
from typing import Any

# ggml_log_level (ggml.h): NONE 0, DEBUG 1, INFO 2, WARN 3, ERROR 4, CONT 5
_GGML_LOG_WARN, _GGML_LOG_ERROR, _GGML_LOG_CONT = 3, 4, 5


class HostBase:
    """The host's state (the loaded ``Llama``, its chat template, recent llama.cpp log
    lines, cached grammars) and its channel to the parent; the other parts of
    :class:`~app.engines.local.host.loop.Host` build on it."""

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


def _top(logits: Any, k: int, lse: float) -> tuple[tuple[int, float], ...]:
    """The ``k`` most likely token ids of a float64 logits row and their logprobs, best first."""
    import numpy as np

    k = min(k, logits.shape[0])
    ids = np.argpartition(-logits, k - 1)[:k]
    ids = ids[np.argsort(-logits[ids], kind="stable")]
    return tuple((int(i), float(logits[i] - lse)) for i in ids)


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
