"""Cheap checks of a model file before it is handed to llama.cpp.

The GGUF header starts with the 4-byte magic ``b"GGUF"`` and a little-endian uint32
version (spec: ggml ``docs/gguf.md``). Older GGML files start with ``lmgg``, ``fmgg`` or
``tjgg`` (the bytes of 'ggml', 'ggmf', 'ggjt' as little-endian uint32).

:func:`check_model_file` goes further, for files the user imports (a download is checked
by its sha256 instead): the metadata and tensor infos must parse and the tensor data must
fit in the file, which catches a truncated copy in a fraction of a second, without llama.cpp.
"""

from __future__ import annotations

import mmap
import stat
import struct
from dataclasses import dataclass
from pathlib import Path

from app.core.types import AUTO_N_CTX_CAP

GGUF_MAGIC = b"GGUF"
_OLD_GGML_MAGICS = (b"lmgg", b"fmgg", b"tjgg")
#: Smallest possible GGUF: magic, version, tensor count, metadata count (4+4+8+8 bytes).
_MIN_HEADER = 24


class ModelFileError(ValueError):
    """A file that cannot be a usable model. ``kind`` is 'not_gguf', 'damaged' or 'missing'.

    ``message`` is English (logs, the command line); the UI words it from ``kind`` and
    ``reason``: '' (see ``kind``), 'old_version' (GGUF v1), 'metadata' (the metadata or
    tensor infos do not parse), 'truncated' (the file ends before its data: ``needed_bytes``
    and ``file_bytes`` say where), 'unreadable' (llama.cpp's metadata reader refused it) or
    'error' (the check itself failed unexpectedly; ``message`` says how).
    """

    def __init__(
        self, kind: str, message: str, reason: str = "", needed_bytes: int = 0, file_bytes: int = 0
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.reason = reason
        self.needed_bytes = needed_bytes
        self.file_bytes = file_bytes


def check_gguf(path: Path) -> int:
    """Return the GGUF version of ``path``.

    Raises:
        ModelFileError: missing file, not a GGUF (text, old GGML, a folder, a FIFO or a
            device), or header cut short.
    """
    path = Path(path)
    name = path.name
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise ModelFileError("not_gguf", f"“{path}” is a folder, not a model file.")
        if not stat.S_ISREG(mode):  # a FIFO or a device: opening it could wait forever
            raise ModelFileError("not_gguf", f"“{name}” is not a regular file, so not a model file.")
        with open(path, "rb") as fh:
            header = fh.read(_MIN_HEADER)
    except FileNotFoundError:
        raise ModelFileError("missing", f"The model file “{name}” no longer exists.") from None
    except ModelFileError:
        raise
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
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


# -- the tensor layout: is every tensor's data inside the file? ------------------------------
# Field by field from the GGUF spec (ggml docs/gguf.md, "File Structure"), all little-endian:
#   header: uint32 magic, uint32 version, uint64 tensor_count, uint64 metadata_kv_count
#   gguf_string_t: uint64 len, then len bytes of UTF-8 (no terminating NUL)
#   metadata kv: gguf_string_t key, uint32 value_type (gguf_metadata_value_type), value;
#     an array value is uint32 element type, uint64 length, then the elements
#   tensor info: gguf_string_t name, uint32 n_dimensions, uint64 dimensions[n_dimensions],
#     uint32 type (ggml_type), uint64 offset (from the start of tensor_data)
#   then padding up to a multiple of general.alignment (uint32 metadata, default 32), where
#   tensor_data starts; each tensor's data begins at its offset (a multiple of the alignment).

#: Byte size of the fixed-size metadata value types (``gguf_metadata_value_type``):
#: uint8, int8, uint16, int16, uint32, int32, float32, bool, -, -, uint64, int64, float64.
_VALUE_SIZES = {0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8}
_STRING, _ARRAY, _UINT32 = 8, 9, 4
_DEFAULT_ALIGNMENT = 32
_ALIGNMENT_KEY = b"general.alignment"
#: GGML_MAX_DIMS and GGML_MAX_NAME in ggml.h; llama.cpp refuses a tensor name of
#: GGML_MAX_NAME bytes or more (ggml/src/gguf.cpp, ``gguf_init_from_reader``).
_MAX_DIMS, _MAX_NAME = 4, 64
#: Smallest tensor info (empty name, no dimensions) and metadata kv (empty key, a uint8).
_MIN_TENSOR_INFO, _MIN_KV = 8 + 4 + 4 + 8, 8 + 4 + 1
#: llama.cpp's own limits (ggml/src/gguf.cpp: GGUF_MAX_STRING_LENGTH, GGUF_MAX_ARRAY_ELEMENTS).
_MAX_STRING_BYTES = _MAX_ARRAY_ELEMENTS = 1024 * 1024 * 1024
#: Penwright's limits, far above any real model, that bound the time and memory of the
#: check whatever the file says: a key's length (real keys are tens of bytes; llama.cpp
#: allows 1 GiB); the number of metadata entries (a few dozen in real files); of tensors
#: (about a thousand in the largest models); of strings in all the string arrays together
#: (a vocabulary and its merges: under a million). Each entry, tensor or string is a step
#: of a Python loop (about 4 µs a tensor, 0.2 µs a string), so a hostile file of tens of
#: millions of them would otherwise keep the check busy for minutes; at these limits it
#: takes a second or two at most.
_MAX_KEY_BYTES = 64 * 1024
_MAX_KV, _MAX_TENSORS, _MAX_STRINGS = 1 << 16, 1 << 18, 1 << 22

#: ``ggml_type`` -> (elements per block, bytes per block): ``blck_size`` and ``type_size``
#: of ggml's ``type_traits`` (ggml/src/ggml.c, with the block structs of
#: ggml/src/ggml-common.h), for every type below GGML_TYPE_COUNT (43, ggml.h) that a GGUF
#: may hold; checked against the ggml that llama-cpp-python ships (tests). The types not
#: listed (4 and 5, 31 to 33 and 36 to 38, removed; 43 and above, unknown) are refused, as
#: llama.cpp refuses them (gguf.cpp: "invalid ggml type", or a block size of 0).
#: gguf-py's ``GGML_QUANT_SIZES`` (0.19) still has Q8_1 (9) as (32, 40), the old layout
#: with two float32; ggml's ``block_q8_1`` is two fp16 and 32 int8: 36 bytes.
GGML_BLOCKS: dict[int, tuple[int, int]] = {
    0: (1, 4), 1: (1, 2), 2: (32, 18), 3: (32, 20), 6: (32, 22), 7: (32, 24), 8: (32, 34),
    9: (32, 36), 10: (256, 84), 11: (256, 110), 12: (256, 144), 13: (256, 176),
    14: (256, 210), 15: (256, 292), 16: (256, 66), 17: (256, 74), 18: (256, 98),
    19: (256, 50), 20: (32, 18), 21: (256, 110), 22: (256, 82), 23: (256, 136), 24: (1, 1),
    25: (1, 2), 26: (1, 4), 27: (1, 8), 28: (1, 8), 29: (256, 56), 30: (1, 2), 34: (256, 54),
    35: (256, 66), 39: (32, 17), 40: (64, 36), 41: (128, 18), 42: (64, 18),
}  # fmt: skip


@dataclass(frozen=True)
class GGUFLayout:
    """Where a GGUF file's parts lie (bytes from the start of the file).

    ``data_offset``: start of tensor_data; ``data_end``: end of the tensor data that ends
    last (``data_offset`` when there are no tensors); ``file_size``: the file's size.
    """

    version: int
    n_tensors: int
    n_metadata: int
    alignment: int
    data_offset: int
    data_end: int
    file_size: int


class _CutShort(Exception):
    """The file ended inside the metadata or the tensor infos."""


class _Malformed(Exception):
    """A field holds a value no GGUF writer produces."""


def read_layout(path: Path) -> GGUFLayout:
    """Parse the header, the metadata and the tensor infos of ``path`` (the tensor data is
    not read) and compute where the tensor data ends.

    Raises:
        ModelFileError: as :func:`check_gguf`; 'not_gguf' with reason 'old_version' for GGUF
            v1 (llama.cpp reads v2 and v3); 'damaged' with reason 'metadata' when the
            metadata or the tensor infos do not parse, or 'truncated' when the file ends in
            them.
    """
    path = Path(path)
    name = path.name
    version = check_gguf(path)
    if version == 1:  # 32-bit counts and lengths; llama.cpp refuses it ("GGUFv1 is no longer supported")
        raise ModelFileError(
            "not_gguf",
            f"“{name}” is a GGUF version 1 file, which llama.cpp no longer reads.",
            reason="old_version",
        )
    try:
        with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as buf:
            return _parse_layout(buf, version)
    except _CutShort as exc:
        size = path.stat().st_size
        raise ModelFileError(
            "damaged",
            f"“{name}” is incomplete: it ends inside its {exc} ({size:,} bytes).",
            reason="truncated",
            file_bytes=size,
        ) from None
    except _Malformed as exc:
        raise ModelFileError(
            "damaged", f"“{name}” is damaged: its metadata cannot be read ({exc}).", reason="metadata"
        ) from None
    except (OSError, ValueError) as exc:  # ValueError: mmap of a file emptied meanwhile
        raise ModelFileError("missing", f"The model file “{name}” cannot be read: {exc}.") from None


def _parse_layout(buf: mmap.mmap, version: int) -> GGUFLayout:
    """The layout of a GGUF in ``buf``. No more than a few bytes of the file are copied
    (keys are compared in place), and the work is bounded by the limits above."""
    size = len(buf)
    u32 = struct.Struct("<I").unpack_from
    u64 = struct.Struct("<Q").unpack_from
    pos = 24
    part = "metadata"
    strings_left = _MAX_STRINGS

    def need(n: int) -> None:
        if pos + n > size:
            raise _CutShort(part)

    def skip_string() -> None:
        nonlocal pos
        need(8)
        (length,) = u64(buf, pos)
        if length > _MAX_STRING_BYTES:
            raise _Malformed(f"a string of {length:,} bytes at byte {pos}")
        need(8 + length)
        pos += 8 + length

    def skip_strings(count: int) -> None:
        """Skip ``count`` strings in at most :data:`_MAX_STRINGS` steps per file."""
        nonlocal pos, strings_left
        if count * 8 > size - pos:  # every string takes at least its 8-byte length
            raise _CutShort(part)
        if count > strings_left:
            raise _Malformed(
                f"{_MAX_STRINGS - strings_left + count:,} strings in arrays, more than any model has"
            )
        strings_left -= count
        at, last = pos, size - 8
        for _ in range(count):
            if at > last:
                raise _CutShort(part)
            at += 8 + u64(buf, at)[0]
        pos = at
        need(0)

    def skip_value(value_type: int) -> None:
        nonlocal pos
        if value_type in _VALUE_SIZES:
            need(_VALUE_SIZES[value_type])
            pos += _VALUE_SIZES[value_type]
        elif value_type == _STRING:
            skip_string()
        elif value_type == _ARRAY:
            need(12)
            (item_type,) = u32(buf, pos)
            (count,) = u64(buf, pos + 4)
            pos += 12
            if count > _MAX_ARRAY_ELEMENTS:
                raise _Malformed(f"an array of {count:,} elements at byte {pos - 12}")
            if item_type in _VALUE_SIZES:
                need(count * _VALUE_SIZES[item_type])
                pos += count * _VALUE_SIZES[item_type]
            elif item_type == _STRING:  # the vocabulary: tens of thousands of strings
                skip_strings(count)
            elif item_type == _ARRAY:  # llama.cpp refuses it: "invalid GGUF type"
                raise _Malformed(f"an array of arrays at byte {pos - 12}")
            else:
                raise _Malformed(f"an array of unknown type {item_type} at byte {pos - 12}")
        else:
            raise _Malformed(f"unknown value type {value_type} at byte {pos - 4}")

    (n_tensors,) = u64(buf, 8)
    (n_kv,) = u64(buf, 16)
    if n_kv * _MIN_KV + n_tensors * _MIN_TENSOR_INFO > size - pos:
        raise _Malformed(f"{n_kv:,} metadata entries and {n_tensors:,} tensors cannot fit in the file")
    if n_kv > _MAX_KV or n_tensors > _MAX_TENSORS:
        raise _Malformed(f"{n_kv:,} metadata entries and {n_tensors:,} tensors, more than any model has")
    alignment = _DEFAULT_ALIGNMENT
    for _ in range(n_kv):
        need(8)
        (key_length,) = u64(buf, pos)
        if key_length == 0 or key_length > _MAX_KEY_BYTES:  # llama.cpp refuses an empty key
            raise _Malformed(f"a key of {key_length:,} bytes at byte {pos}")
        need(8 + key_length + 4)
        is_alignment = (
            key_length == len(_ALIGNMENT_KEY) and buf[pos + 8 : pos + 8 + key_length] == _ALIGNMENT_KEY
        )
        pos += 8 + key_length
        (value_type,) = u32(buf, pos)
        pos += 4
        if is_alignment:
            if value_type != _UINT32:
                raise _Malformed("general.alignment is not a uint32")
            need(4)
            (alignment,) = u32(buf, pos)
            if alignment == 0 or alignment & (alignment - 1):
                raise _Malformed(f"general.alignment {alignment} is not a power of two")
        skip_value(value_type)
    part = "tensor infos"
    ends = 0
    for _ in range(n_tensors):
        need(8)
        (name_length,) = u64(buf, pos)
        if name_length >= _MAX_NAME:
            raise _Malformed(f"a tensor name of {name_length:,} bytes at byte {pos}")
        skip_string()
        need(4)
        (n_dims,) = u32(buf, pos)
        pos += 4
        if n_dims > _MAX_DIMS:
            raise _Malformed(f"a tensor has {n_dims} dimensions")
        need(8 * n_dims + 12)
        dims = struct.unpack_from(f"<{n_dims}Q", buf, pos)
        pos += 8 * n_dims
        (ggml_type,) = u32(buf, pos)
        (offset,) = u64(buf, pos + 4)
        pos += 12
        if offset % alignment:
            raise _Malformed(f"a tensor's offset {offset} is not a multiple of {alignment}")
        if ggml_type not in GGML_BLOCKS:
            raise _Malformed(f"a tensor has the unknown type {ggml_type}")
        elements_per_block, bytes_per_block = GGML_BLOCKS[ggml_type]
        elements = 1
        for dim in dims:
            elements *= dim
        if elements >> 63 or any(dim >> 63 for dim in dims):  # llama.cpp: negative (int64) sizes
            raise _Malformed(f"a tensor of shape {dims}")
        if dims and dims[0] % elements_per_block:
            raise _Malformed(f"a tensor's row of {dims[0]} does not fill whole blocks")
        ends = max(ends, offset + elements // elements_per_block * bytes_per_block)
    # the tensor data starts at the next multiple of the alignment; without tensors there
    # is no data and no padding (llama.cpp seeks to it only when n_tensors > 0)
    data_offset = -(-pos // alignment) * alignment if n_tensors else pos
    return GGUFLayout(
        version=version,
        n_tensors=n_tensors,
        n_metadata=n_kv,
        alignment=alignment,
        data_offset=data_offset,
        data_end=data_offset + ends,
        file_size=size,
    )


def check_model_file(path: Path) -> GGUFLayout:
    """Everything that can be checked without llama.cpp, cheapest first: the header
    (:func:`check_gguf`), then the metadata and tensor infos must parse
    (:func:`read_layout`), then every tensor's data must lie inside the file.

    Raises:
        ModelFileError: see :func:`read_layout`; 'damaged' with reason 'truncated' when
            the tensor data runs past the end of the file (``needed_bytes`` > ``file_bytes``).
    """
    layout = read_layout(path)
    if layout.data_end > layout.file_size:
        name = Path(path).name
        raise ModelFileError(
            "damaged",
            f"“{name}” is incomplete: its tensor data needs {layout.data_end:,} bytes, "
            f"the file has {layout.file_size:,}.",
            reason="truncated",
            needed_bytes=layout.data_end,
            file_bytes=layout.file_size,
        )
    return layout


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
