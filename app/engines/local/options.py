"""How the local engine loads a GGUF file: :class:`LoadOptions`, checked before the host
sees them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.core.types import KV_CACHE_TYPES, check_load_values


@dataclass(frozen=True)
class LoadOptions:
    """How to load a GGUF file.

    Attributes:
        n_ctx: context window in tokens (rounded up to a multiple of 256); 0 = the smaller
            of the model's training context and ``app.core.types.AUTO_N_CTX_CAP``.
        n_gpu_layers: layers to offload to the GPU; 0 = CPU only, -1 = all.
        n_threads: CPU threads for generation; None = llama-cpp-python's default.
        main_gpu: index of the GPU that holds the model when not split.
        tensor_split: fraction of the model per GPU (e.g. (0.6, 0.4)); None = even.
        flash_attn: use flash attention where the backend supports it.
        kv_cache_type: KV cache precision: 'f16' (default), 'q8_0' or 'q4_0'
            (quantized caches need flash attention in llama.cpp).
        chat_template: a built-in template name (``app.core.templates``) or Jinja text
            that overrides the GGUF's own; None = the GGUF's (or a fallback).
    """

    n_ctx: int = 2048
    n_gpu_layers: int = 0
    n_threads: int | None = None
    main_gpu: int = 0
    tensor_split: tuple[float, ...] | None = None
    flash_attn: bool = False
    kv_cache_type: str = "f16"
    chat_template: str | None = None

    def validate(self) -> None:
        """Raise ValueError naming the first bad option (llama-cpp-python silently ignores
        unknown or misspelt options, so ours are checked here; ENGINE_NOTES.md)."""
        check_load_values(self)
        if self.n_threads is not None and self.n_threads < 1:
            raise ValueError("n_threads must be at least 1")

    def to_args(self, path: str) -> dict[str, Any]:
        """The host's ``load`` request for ``path``."""
        return {
            "path": path,
            "n_ctx": self.n_ctx,
            "n_gpu_layers": self.n_gpu_layers,
            "n_threads": self.n_threads,
            "main_gpu": self.main_gpu,
            "tensor_split": list(self.tensor_split) if self.tensor_split else None,
            "flash_attn": self.flash_attn,
            "type_k": KV_CACHE_TYPES[self.kv_cache_type],
            "type_v": KV_CACHE_TYPES[self.kv_cache_type],
            "chat_template": self.chat_template,
        }
