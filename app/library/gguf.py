"""Cheap checks of a model file before it is handed to llama.cpp.

The GGUF header starts with the 4-byte magic ``b"GGUF"`` and a little-endian uint32
version (spec: ggml ``docs/gguf.md``). Older GGML files start with ``lmgg``, ``fmgg`` or
``tjgg`` (the bytes of 'ggml', 'ggmf', 'ggjt' as little-endian uint32).
Deeper damage (a truncated file) is reported by llama.cpp itself when loading.
"""

from __future__ import annotations

import struct
from pathlib import Path

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
