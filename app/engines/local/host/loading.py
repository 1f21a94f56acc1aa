"""Loading a GGUF file in the engine host: options, automatic n_ctx, GPU fallback, and
the kinds of failure (not GGUF, damaged, other)."""

from __future__ import annotations

import os
import time
from typing import Any

from app.core.templates import choose_template
from app.core.types import AUTO_N_CTX_CAP, NoticeKind
from app.engines.local.host.base import HostBase

_DAMAGED_MARKERS = (
    "not within the file bounds",
    "corrupted or incomplete",
    "failed to read",
    "unexpectedly reached end of file",
    "tensor data is not",
)
_NOT_GGUF_MARKERS = ("invalid magic", "bad magic", "not a gguf")


def round_n_ctx(n_ctx: int) -> int:
    """Round ``n_ctx`` up to a multiple of 256 tokens.

    llama.cpp pads the context to 256 but ``Llama`` sizes its arrays with the value given,
    which breaks prompts between the two sizes (ENGINE_NOTES.md, "Footguns").
    """
    return max(256, -(-n_ctx // 256) * 256)


class LoadingMixin(HostBase):
    """``load``, ``unload`` and ``system_info`` requests."""

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
                notices.append(NoticeKind.GPU_FALLBACK.value)
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


def _count_evals(llm: Any, sizes: list[int]) -> None:
    """Make ``llm.eval`` record the size of each token list it is given in ``sizes``, so a
    request can report how many prompt tokens were really evaluated (prefix reuse)."""
    evaluate = llm.eval

    def counted(tokens: Any) -> None:
        sizes.append(len(tokens))
        evaluate(tokens)

    llm.eval = counted
