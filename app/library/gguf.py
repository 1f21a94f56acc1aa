"""Cheap checks of a model file before it is handed to llama.cpp.

The GGUF header starts with the 4-byte magic ``b"GGUF"`` and a little-endian uint32
version (spec: ggml ``docs/gguf.md``). Older GGML files start with ``lmgg``, ``fmgg`` or
``tjgg`` (the bytes of 'ggml', 'ggmf', 'ggjt' as little-endian uint32).
Deeper damage (a truncated file) is reported by llama.cpp itself when loading.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from app.core.types import AUTO_N_CTX_CAP

GGUF_MAGIC = b"GGUF"
_OLD_GGML_MAGICS = (b"lmgg", b"fmgg", b"tjgg")
#: Smallest possible GGUF: magic, version, tensor count, metadata count (4+4+8+8 bytes).
_MIN_HEADER = 24


class ModelFileError(ValueError):
    """A file that cannot be a usable model. ``kind`` is 'not_gguf', 'damaged' or 'missing'."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def check_gguf(path: Path) -> int:
    """Return the GGUF version of ``path``.

    Raises:
        ModelFileError: missing file, not a GGUF (text, old GGML), or header cut short.
    """
    path = Path(path)
    name = path.name
    if path.is_dir():
        raise ModelFileError("not_gguf", f"“{path}” is a folder, not a model file.")
    try:
        with open(path, "rb") as fh:
            header = fh.read(_MIN_HEADER)
    except FileNotFoundError:
        raise ModelFileError("missing", f"The model file “{name}” no longer exists.") from None
    except OSError as exc:
        raise ModelFileError("missing", f"The model file “{name}” cannot be read: {exc}.") from None
    magic = header[:4]
    if magic in _OLD_GGML_MAGICS:
        raise ModelFileError(
            "not_gguf",
            f"“{name}” is in the old GGML format, which llama.cpp no longer reads. "
            "Get a GGUF version of this model.",
        )
    if magic != GGUF_MAGIC:
        raise ModelFileError("not_gguf", f"“{name}” is not a GGUF model file.")
    if len(header) < _MIN_HEADER:
        raise ModelFileError("damaged", f"“{name}” is incomplete: its header is cut short.")
    (version,) = struct.unpack("<I", header[4:8])
    if version not in (1, 2, 3):
        raise ModelFileError("not_gguf", f"“{name}” has an unknown GGUF version ({version}).")
    return int(version)


#: llama.cpp's ``llama_ftype`` values (``general.file_type``) and their usual names.
FILE_TYPES: dict[int, str] = {
    0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1", 10: "Q2_K",
    11: "Q3_K_S", 12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M", 16: "Q5_K_S",
    17: "Q5_K_M", 18: "Q6_K", 19: "IQ2_XXS", 20: "IQ2_XS", 21: "Q2_K_S", 22: "IQ3_XS",
    23: "IQ3_XXS", 24: "IQ1_S", 25: "IQ4_NL", 26: "IQ3_S", 27: "IQ3_M", 28: "IQ2_S",
    29: "IQ2_M", 30: "IQ4_XS", 31: "IQ1_M", 32: "BF16",
}  # fmt: skip


@dataclass(frozen=True)
class GGUFSummary:
    """What the model library shows about a GGUF file, read without loading its weights.

    Attributes:
        n_params: parameter count; tensor_bytes: size of the weights (bytes).
        context_length: the training context (tokens); 0 if the file does not say.
        n_layers, n_head_kv, head_dim: shape used by :meth:`memory_estimate`.
    """

    name: str
    architecture: str
    n_params: int
    quantization: str
    size_bytes: int
    tensor_bytes: int
    context_length: int
    has_chat_template: bool
    n_layers: int = 0
    n_head_kv: int = 0
    head_dim: int = 0

    @classmethod
    def from_metadata(
        cls, path: Path, metadata: dict[str, str], n_params: int, tensor_bytes: int
    ) -> GGUFSummary:
        arch = metadata.get("general.architecture", "")

        def number(key: str) -> int:
            try:
                return int(float(metadata.get(f"{arch}.{key}", "0")))
            except ValueError:
                return 0

        heads = number("attention.head_count")
        head_kv = number("attention.head_count_kv") or heads
        embd = number("embedding_length")
        head_dim = number("attention.key_length") or (embd // heads if heads else 0)
        file_type = metadata.get("general.file_type", "")
        quant = FILE_TYPES.get(int(file_type), f"type {file_type}") if file_type.isdigit() else "?"
        return cls(
            name=metadata.get("general.name") or Path(path).stem,
            architecture=arch,
            n_params=n_params,
            quantization=quant,
            size_bytes=Path(path).stat().st_size,
            tensor_bytes=tensor_bytes,
            context_length=number("context_length"),
            has_chat_template="tokenizer.chat_template" in metadata,
            n_layers=number("block_count"),
            n_head_kv=head_kv,
            head_dim=head_dim,
        )

    def default_n_ctx(self) -> int:
        """The smaller of the training context and :data:`AUTO_N_CTX_CAP`."""
        return min(self.context_length or 2048, AUTO_N_CTX_CAP)

    def memory_estimate(self, n_ctx: int, kv_bytes_per_value: float = 2.0) -> int:
        """Bytes needed to run at ``n_ctx``: the weights, plus the KV cache
        (2 x n_layers x n_ctx x n_head_kv x head_dim values, f16 = 2 bytes each, as
        llama.cpp allocates it), plus 10 % for compute buffers (a rule of thumb)."""
        kv = 2 * self.n_layers * n_ctx * self.n_head_kv * self.head_dim * kv_bytes_per_value
        return int((self.tensor_bytes + kv) * 1.1)
