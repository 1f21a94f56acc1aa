"""The ggml that llama-cpp-python ships, as a reference for the GGUF checks: its type
table (``ggml_blck_size``, ``ggml_type_size``) and llama.cpp's own GGUF reader
(``gguf_init_from_file``), called through ctypes from ``libggml-base``."""

from __future__ import annotations

import ctypes
from functools import cache
from pathlib import Path

import pytest


class _GGUFInitParams(ctypes.Structure):
    """``struct gguf_init_params`` (gguf.h): no_alloc, and a ``ggml_context **`` (NULL: the
    tensor data is not read)."""

    _fields_ = [("no_alloc", ctypes.c_bool), ("ctx", ctypes.c_void_p)]


@cache
def ggml_base() -> ctypes.CDLL:
    import llama_cpp

    folder = Path(llama_cpp.__file__).parent / "lib"
    for candidate in sorted(folder.glob("*ggml-base*")):
        try:
            lib = ctypes.CDLL(str(candidate))
        except OSError:
            continue
        lib.ggml_blck_size.restype, lib.ggml_blck_size.argtypes = ctypes.c_int64, [ctypes.c_int]
        lib.ggml_type_size.restype, lib.ggml_type_size.argtypes = ctypes.c_size_t, [ctypes.c_int]
        lib.gguf_init_from_file.restype = ctypes.c_void_p
        lib.gguf_init_from_file.argtypes = [ctypes.c_char_p, _GGUFInitParams]
        lib.gguf_free.restype, lib.gguf_free.argtypes = None, [ctypes.c_void_p]
        return lib
    pytest.fail(f"no ggml-base library in {folder}: the GGUF checks have no reference")


def ggml_type_table() -> dict[int, tuple[int, int]]:
    """Every ggml type of the linked ggml with its (block size, bytes per block); the
    removed types (block size 0) are left out."""
    from llama_cpp import llama_cpp

    lib = ggml_base()
    table = {
        t: (int(lib.ggml_blck_size(t)), int(lib.ggml_type_size(t))) for t in range(llama_cpp.GGML_TYPE_COUNT)
    }
    return {t: size for t, size in table.items() if size[0]}


def llama_cpp_reads(path: Path) -> bool:
    """Whether llama.cpp's GGUF reader accepts the header, metadata and tensor infos of
    ``path`` (as llama.cpp does before it maps the tensor data)."""
    lib = ggml_base()
    context = lib.gguf_init_from_file(str(path).encode(), _GGUFInitParams(True, None))
    if not context:
        return False
    lib.gguf_free(context)
    return True
