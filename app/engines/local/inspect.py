"""Read GGUF metadata without loading the weights, in a separate process.

llama.cpp's own reader is used (``llama_model_load_from_file`` with ``vocab_only``): it
reads the header and vocabulary, skips the tensors, and gives every metadata key as text
plus the parameter count and tensor size. Measured on SmolLM2-135M (98 MB): 0.10 s per
file, against 4.0 s for the ``gguf`` package's ``GGUFReader``, which builds Python objects
for every vocabulary entry; hence this choice.

It runs in a spawn-context worker process so that a damaged file that makes llama.cpp
abort cannot take the window down, and so that listing never waits for a generation.
"""

from __future__ import annotations

import concurrent.futures
import ctypes
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures.process import BrokenProcessPool
from typing import Any

#: Longest metadata value kept, in bytes (chat templates can be long; arrays are elided).
_VALUE_BYTES = 65536


def read_metadata(path: str) -> dict[str, Any]:
    """Metadata of one GGUF file (runs in the worker process).

    Returns ``{"path", "ok": True, "metadata": {key: text}, "n_params", "tensor_bytes"}`` or
    ``{"path", "ok": False, "error": text}``.
    """
    import llama_cpp

    params = llama_cpp.llama_model_default_params()
    params.vocab_only = True
    model = llama_cpp.llama_model_load_from_file(os.fsencode(path), params)
    if not model:
        return {"path": path, "ok": False, "error": "llama.cpp cannot read this file"}
    try:
        key = ctypes.create_string_buffer(256)
        value = ctypes.create_string_buffer(_VALUE_BYTES)
        metadata: dict[str, str] = {}
        for i in range(llama_cpp.llama_model_meta_count(model)):
            llama_cpp.llama_model_meta_key_by_index(model, i, key, len(key))
            llama_cpp.llama_model_meta_val_str_by_index(model, i, value, len(value))
            metadata[key.value.decode("utf-8", "replace")] = value.value.decode("utf-8", "replace")
        return {
            "path": path,
            "ok": True,
            "metadata": metadata,
            "n_params": int(llama_cpp.llama_model_n_params(model)),
            "tensor_bytes": int(llama_cpp.llama_model_size(model)),
        }
    finally:
        llama_cpp.llama_model_free(model)


def _quiet() -> None:
    """Worker initializer: keep llama.cpp's load chatter out of the window's terminal."""
    import llama_cpp

    @llama_cpp.llama_log_callback
    def drop(_level: int, _text: bytes, _user: ctypes.c_void_p) -> None:
        return None

    global _DROP
    _DROP = drop
    llama_cpp.llama_log_set(drop, ctypes.c_void_p(0))


_DROP: Any = None


def inspect_files(paths: Sequence[str], timeout: float = 60.0) -> list[dict[str, Any]]:
    """Metadata of each file, in order. A file that crashes the reader gets
    ``{"ok": False, "error": ...}`` and the others are still read (blocking; call off the
    GUI thread)."""
    results: list[dict[str, Any]] = []
    pending = list(paths)
    context = multiprocessing.get_context("spawn")
    while pending:
        pool = concurrent.futures.ProcessPoolExecutor(1, mp_context=context, initializer=_quiet)
        try:
            for path in list(pending):
                results.append(pool.submit(read_metadata, path).result(timeout=timeout))
                pending.pop(0)
        except BrokenProcessPool:
            results.append({"path": pending.pop(0), "ok": False, "error": "the file crashed the reader"})
        except concurrent.futures.TimeoutError:
            results.append({"path": pending.pop(0), "ok": False, "error": "reading timed out"})
            # a hung reader would make shutdown() wait for ever: stop the worker first
            for process in list(getattr(pool, "_processes", {}).values()):
                process.kill()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    return results
