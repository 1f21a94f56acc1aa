"""Paths, settings and the model library."""

from __future__ import annotations

import json
import os
import random
import struct
import threading
import tracemalloc
from collections.abc import Sequence
from pathlib import Path

import pytest

from app.library.gguf import GGML_BLOCKS, ModelFileError, check_gguf, check_model_file, read_layout
from app.library.models import DEFAULT_MODEL_ID, ModelLibrary, find_default_model_file
from app.runtime import Runtime
from app.storage.paths import Paths
from app.storage.settings import ModelSettings, Settings, load_settings, save_settings
from tests.helpers.ggml_reference import ggml_type_table, llama_cpp_reads


def test_penwright_home_redirects_every_path(penwright_home: Path) -> None:
    paths = Paths.from_env()
    for path in (paths.config_dir, paths.data_dir, paths.cache_dir, paths.log_dir, paths.history_db):
        assert penwright_home in path.parents


def test_runtime_registers_and_selects_the_bundled_default_model(penwright_home: Path) -> None:
    runtime = Runtime.start()
    entry = runtime.selected_model()
    assert entry is not None and entry.id == DEFAULT_MODEL_ID
    assert Path(entry.path).is_file() and penwright_home in Path(entry.path).parents
    assert Path(entry.path).stat().st_size == find_default_model_file().stat().st_size  # type: ignore[union-attr]
    # a second start finds it registered and does not duplicate it
    again = Runtime.start()
    assert [e.id for e in again.library.entries()] == [DEFAULT_MODEL_ID]


def test_settings_round_trip_and_a_bad_file_is_kept_aside(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(
        path, Settings(selected_model="x", models={"x": ModelSettings(n_ctx=4096, n_gpu_layers=-1)})
    )
    settings, warning = load_settings(path)
    assert settings.selected_model == "x" and warning is None
    assert settings.model("x") == ModelSettings(n_ctx=4096, n_gpu_layers=-1)
    assert settings.model("other") == ModelSettings()  # n_ctx 0 = automatic
    path.write_text("{ not json")
    settings, warning = load_settings(path)
    assert settings == Settings() and warning is not None and "defaults" in warning
    assert list(tmp_path.glob("settings.json.bad-*"))


def test_damaged_model_registry_is_rebuilt_with_a_warning(tmp_path: Path) -> None:
    registry = tmp_path / "models.json"
    registry.write_text(json.dumps({"models": [{"nonsense": 1}]}))
    library = ModelLibrary(registry, tmp_path / "models")
    assert library.warning is not None and library.entries() == []


def test_c10_text_file_renamed_to_gguf_is_not_a_gguf(tmp_path: Path) -> None:
    fake = tmp_path / "model.gguf"
    fake.write_text("just some notes, not a model\n" * 10)
    with pytest.raises(ModelFileError, match="not a GGUF model file") as info:
        check_gguf(fake)
    assert info.value.kind == "not_gguf"


def test_c10_old_ggml_file_is_named_as_such(tmp_path: Path) -> None:
    old = tmp_path / "old.gguf"
    old.write_bytes(b"tjgg" + b"\0" * 100)
    with pytest.raises(ModelFileError, match="old GGML format"):
        check_gguf(old)


def test_gguf_header_cut_short_is_damaged(tmp_path: Path) -> None:
    cut = tmp_path / "cut.gguf"
    cut.write_bytes(b"GGUF\x03\0\0\0")
    with pytest.raises(ModelFileError) as info:
        check_gguf(cut)
    assert info.value.kind == "damaged"


def test_the_real_model_passes_the_header_check(model_path: Path) -> None:
    assert check_gguf(model_path) == 3


@pytest.mark.parametrize(
    "content",
    ['{"models": {"x": null}}', '{"library_folders": "/tmp"}', '{"models": [1, 2]}', "[]"],
)
def test_malformed_settings_are_set_aside_not_a_crash(tmp_path: Path, content: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text(content)
    settings, warning = load_settings(path)
    assert settings == Settings() and warning is not None
    assert not path.exists() and list(tmp_path.glob("settings.json.bad-*"))


def test_old_global_n_ctx_moves_to_the_selected_model(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"schema_version": 1, "selected_model": "m", "n_ctx": 8192}')
    settings, warning = load_settings(path)
    assert settings.model("m").n_ctx == 8192 and warning is not None and "8192" in warning


def test_quantized_kv_cache_needs_flash_attention() -> None:
    with pytest.raises(ValueError, match="flash attention"):
        ModelSettings(kv_cache_type="q8_0").validate()
    ModelSettings(kv_cache_type="q8_0", flash_attn=True).validate()


def _head(source: Path, target: Path, n_bytes: int) -> Path:
    """The first ``n_bytes`` of ``source`` (``head -c``), a truncated copy as in C09."""
    with open(source, "rb") as src:
        target.write_bytes(src.read(n_bytes))
    return target


def test_the_layout_of_the_real_model_matches_gguf_py(model_path: Path) -> None:
    """The tensor data of the default model ends exactly at the end of the file, as
    gguf-py's GGUFReader (the reference reader, a dev dependency) computes it."""
    from gguf import GGUFReader

    layout = check_model_file(model_path)
    reader = GGUFReader(model_path)
    assert layout.data_offset == reader.data_offset and layout.alignment == reader.alignment == 32
    assert layout.data_end == max(t.data_offset + int(t.n_bytes) for t in reader.tensors)
    assert layout.data_end == layout.file_size == model_path.stat().st_size
    assert layout.n_tensors == len(reader.tensors) == 272 and layout.version == 3


def test_the_block_sizes_are_those_of_the_ggml_llama_cpp_uses() -> None:
    """Every type of the linked ggml (``type_traits`` in ggml/src/ggml.c), and no other:
    a removed or unknown type is refused. (gguf-py's GGML_QUANT_SIZES is not the reference:
    0.19 has Q8_1 as 40 bytes, ggml's block_q8_1 is 36, and lacks Q2_0.)"""
    assert ggml_type_table() == GGML_BLOCKS
    assert GGML_BLOCKS[9] == (32, 36)  # block_q8_1: two fp16 and 32 int8 (ggml-common.h)


def test_c09_a_truncated_copy_of_the_default_model_is_incomplete(model_path: Path, tmp_path: Path) -> None:
    """C09: ``head -c 10M good.gguf > cut.gguf`` passes the header check but not this one."""
    cut = _head(model_path, tmp_path / "cut.gguf", 10_000_000)
    assert check_gguf(cut) == 3  # the header alone says nothing
    with pytest.raises(ModelFileError, match="is incomplete") as info:
        check_model_file(cut)
    problem = info.value
    assert (problem.kind, problem.reason) == ("damaged", "truncated")
    assert problem.needed_bytes == model_path.stat().st_size and problem.file_bytes == 10_000_000


def test_c09_one_byte_missing_is_enough(model_path: Path, tmp_path: Path) -> None:
    size = model_path.stat().st_size
    cut = _head(model_path, tmp_path / "one short.gguf", size - 1)
    with pytest.raises(ModelFileError) as info:
        check_model_file(cut)
    assert info.value.reason == "truncated" and info.value.needed_bytes == size


def test_c09_a_copy_cut_inside_its_metadata_is_incomplete(model_path: Path, tmp_path: Path) -> None:
    cut = _head(model_path, tmp_path / "cut early.gguf", 1_000_000)  # the vocabulary ends at 1.78 MB
    assert read_layout(model_path).data_offset > 1_000_000
    with pytest.raises(ModelFileError, match="ends inside its metadata") as info:
        check_model_file(cut)
    assert (info.value.kind, info.value.reason, info.value.needed_bytes) == ("damaged", "truncated", 0)


def test_c09_a_gguf_header_followed_by_junk_is_damaged(tmp_path: Path) -> None:
    """The junk is the same bytes every run (seeded), so which damage it shows cannot vary."""
    junk = tmp_path / "hdr.gguf"
    junk.write_bytes(b"GGUF" + struct.pack("<I", 3) + random.Random(3).randbytes(30_000))
    with pytest.raises(ModelFileError, match="metadata cannot be read") as info:
        check_model_file(junk)
    assert (info.value.kind, info.value.reason) == ("damaged", "metadata")


def test_c10_random_bytes_are_not_a_gguf(tmp_path: Path) -> None:
    noise = tmp_path / "rand.gguf"
    noise.write_bytes(b"\x00" + os.urandom(30_000))  # never starts with b"GGUF"
    with pytest.raises(ModelFileError, match="not a GGUF model file") as info:
        check_model_file(noise)
    assert info.value.kind == "not_gguf"


def test_the_metadata_of_a_derived_model_parses(model_without_template: Path) -> None:
    layout = check_model_file(model_without_template)
    assert layout.data_end == layout.file_size and layout.n_metadata == 32  # one key removed


@pytest.mark.parametrize("copy", [True, False])
def test_c09_c10_import_refuses_bad_files_before_copying(
    model_path: Path, tmp_path: Path, copy: bool
) -> None:
    """The junk is the same bytes every run (seeded), so which damage it shows cannot vary."""
    library = ModelLibrary(tmp_path / "models.json", tmp_path / "models")
    noise = tmp_path / "rand.gguf"
    noise.write_bytes(b"\x00" + os.urandom(30_000))
    junk = tmp_path / "hdr.gguf"
    junk.write_bytes(b"GGUF" + struct.pack("<I", 3) + random.Random(3).randbytes(30_000))
    cut = _head(model_path, tmp_path / "cut.gguf", 10_000_000)
    for bad, kind in ((noise, "not_gguf"), (junk, "damaged"), (cut, "damaged")):
        with pytest.raises(ModelFileError) as info:
            library.import_file(bad, copy=copy)
        assert info.value.kind == kind
    assert library.entries() == [] and not (tmp_path / "models.json").exists()
    assert not (tmp_path / "models").exists()  # nothing copied, not even a folder made
    read: list[Path] = []
    entry = library.import_file(model_path, copy=copy, read_metadata=read.append)
    assert read == [model_path] and [e.id for e in library.entries()] == [entry.id]


def test_import_refuses_what_the_metadata_reader_refuses(model_path: Path, tmp_path: Path) -> None:
    library = ModelLibrary(tmp_path / "models.json", tmp_path / "models")

    def refuse(path: Path) -> None:
        raise ModelFileError("damaged", f"llama.cpp cannot read {path.name}", reason="unreadable")

    with pytest.raises(ModelFileError, match=r"llama\.cpp cannot read"):
        library.import_file(model_path, copy=True, read_metadata=refuse)
    assert library.entries() == [] and not (tmp_path / "models").exists()


# -- hostile and unusual GGUF files, written field by field (see app/library/gguf.py) -------
UINT8, UINT32, STRING, ARRAY = 0, 4, 8, 9


def _str(text: bytes) -> bytes:
    return struct.pack("<Q", len(text)) + text


def _kv(key: bytes, value_type: int, value: bytes) -> bytes:
    return _str(key) + struct.pack("<I", value_type) + value


def _tensor(name: bytes, dims: tuple[int, ...], ggml_type: int, offset: int = 0) -> bytes:
    shape = struct.pack(f"<I{len(dims)}Q", len(dims), *dims)
    return _str(name) + shape + struct.pack("<IQ", ggml_type, offset)


def _gguf(kvs: list[bytes], tensors: Sequence[bytes] = (), data: bytes = b"") -> bytes:
    """A GGUF v3 file: header, metadata, tensor infos, padding to 32 when there are
    tensors (as llama.cpp reads it), then ``data``."""
    head = b"GGUF" + struct.pack("<IQQ", 3, len(tensors), len(kvs)) + b"".join(kvs) + b"".join(tensors)
    if tensors:
        head += bytes(-len(head) % 32)
    return head + data


NAME = _kv(b"general.name", STRING, _str(b"hostile"))


def _refused_as(path: Path) -> tuple[str, str]:
    with pytest.raises(ModelFileError) as info:
        check_model_file(path)
    return info.value.kind, info.value.reason


def test_a_huge_key_is_refused_without_copying_it(tmp_path: Path) -> None:
    """A 1 GB (sparse) file whose only key claims 200 MB: refused as damaged metadata with
    bounded memory; the key used to be copied whole (200 MB, and a bare MemoryError under a
    memory limit)."""
    hostile = tmp_path / "huge key.gguf"
    with open(hostile, "wb") as fh:
        fh.write(b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", 200_000_000))
        fh.truncate(1_000_000_000)  # sparse: no disk space, zeros when read
    tracemalloc.start()
    try:
        assert _refused_as(hostile) == ("damaged", "metadata")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16_000_000


def test_the_only_key_copied_is_general_alignment(tmp_path: Path) -> None:
    """Keys of any length up to the limit are compared in place; general.alignment still
    counts (here 64: the tensor data starts at the next multiple of 64)."""
    kvs = [
        _kv(b"x" * 60_000, UINT8, b"\0"),
        _kv(b"general.alignmenT", UINT32, struct.pack("<I", 3)),  # same length, not the key
        _kv(b"general.alignment", UINT32, struct.pack("<I", 64)),
    ]
    head = b"GGUF" + struct.pack("<IQQ", 3, 1, 3) + b"".join(kvs) + _tensor(b"t", (16,), 0)
    good = tmp_path / "aligned.gguf"
    good.write_bytes(head + bytes(-len(head) % 64) + bytes(64))
    layout = check_model_file(good)
    assert layout.alignment == 64 and layout.data_offset % 64 == 0 and layout.data_end == layout.file_size
    assert llama_cpp_reads(good)


#: Files llama.cpp's GGUF reader refuses (ggml/src/gguf.cpp, gguf_init_from_reader).
REFUSED_BY_LLAMA_CPP = {
    "array of arrays": _gguf([_kv(b"a", ARRAY, struct.pack("<IQ", ARRAY, 1) + struct.pack("<IQ", UINT8, 0))]),
    "empty key": _gguf([_kv(b"", UINT8, b"\0")]),
    "removed type 4": _gguf([NAME], [_tensor(b"t", (32,), 4)], bytes(32)),
    "removed type 5": _gguf([NAME], [_tensor(b"t", (32,), 5)], bytes(32)),
    "removed type 31": _gguf([NAME], [_tensor(b"t", (32,), 31)], bytes(32)),
    "type 43 (GGML_TYPE_COUNT)": _gguf([NAME], [_tensor(b"t", (32,), 43)], bytes(32)),
    "type 2**31": _gguf([NAME], [_tensor(b"t", (32,), 2**31)], bytes(32)),
    "name of 64 bytes": _gguf([NAME], [_tensor(b"n" * 64, (8,), 0)], bytes(32)),
    "negative dimension": _gguf([NAME], [_tensor(b"t", (2**64 - 32,), 0)], bytes(32)),
}


@pytest.mark.parametrize("case", list(REFUSED_BY_LLAMA_CPP))
def test_what_llama_cpp_refuses_is_damaged_metadata(tmp_path: Path, case: str) -> None:
    hostile = tmp_path / "hostile.gguf"
    hostile.write_bytes(REFUSED_BY_LLAMA_CPP[case])
    assert _refused_as(hostile) == ("damaged", "metadata"), case
    assert not llama_cpp_reads(hostile), case


@pytest.mark.parametrize(("ggml_type", "n_elements"), [(0, 8), (9, 32), (9, 64), (41, 128), (42, 64)])
def test_a_tensor_s_data_is_measured_as_ggml_does(tmp_path: Path, ggml_type: int, n_elements: int) -> None:
    """Exactly the bytes ggml needs pass; one byte fewer is truncated (Q8_1: 36 bytes a
    block, not 40)."""
    elements_per_block, bytes_per_block = ggml_type_table()[ggml_type]
    nbytes = n_elements // elements_per_block * bytes_per_block
    exact = _gguf([NAME], [_tensor(b"t", (n_elements,), ggml_type)], bytes(nbytes))
    good, short = tmp_path / "good.gguf", tmp_path / "short.gguf"
    good.write_bytes(exact)
    short.write_bytes(exact[:-1])
    layout = check_model_file(good)
    assert layout.data_end == layout.file_size and llama_cpp_reads(good)
    assert _refused_as(short) == ("damaged", "truncated")


def test_a_gguf_without_tensors_needs_no_padding(tmp_path: Path) -> None:
    """A metadata-only GGUF (gguf-py's GGUFWriter pads it; another writer need not, and
    llama.cpp pads only when there are tensors) is not called truncated."""
    from gguf import GGUFWriter

    padded = tmp_path / "padded.gguf"
    writer = GGUFWriter(padded, "llama")
    writer.add_string("general.name", "metadata only")
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    layout = check_model_file(padded)
    assert layout.n_tensors == 0 and layout.data_end <= layout.file_size
    unpadded = tmp_path / "unpadded.gguf"
    unpadded.write_bytes(padded.read_bytes()[: layout.data_end])
    assert layout.data_end % 32 and llama_cpp_reads(unpadded)  # really unpadded, and readable
    again = check_model_file(unpadded)
    assert again.data_offset == again.data_end == again.file_size == layout.data_end


def test_a_string_array_is_skipped_in_bounded_work(tmp_path: Path) -> None:
    """50 MB of empty strings (6.5 million) is refused before a string is skipped: more
    strings than any model has. A count that the remaining bytes cannot hold is refused at
    once too. A vocabulary of 262,144 tokens (Gemma's) passes."""
    from app.library import gguf

    count = 50_000_000 // 8
    assert count > gguf._MAX_STRINGS
    empty = tmp_path / "empty strings.gguf"
    empty.write_bytes(
        _gguf([_kv(b"tokenizer.ggml.tokens", ARRAY, struct.pack("<IQ", STRING, count) + bytes(8 * count))])
    )
    with pytest.raises(ModelFileError, match=f"{count:,} strings in arrays") as info:
        check_model_file(empty)  # the count is refused before the loop: the message has it
    assert (info.value.kind, info.value.reason) == ("damaged", "metadata")

    overstated = tmp_path / "overstated.gguf"
    overstated.write_bytes(
        _gguf([_kv(b"tokenizer.ggml.tokens", ARRAY, struct.pack("<IQ", STRING, 2 * count))])
        + bytes(8 * count)
    )
    assert _refused_as(overstated) == ("damaged", "truncated")

    tokens = b"".join(_str(b"token %d" % i) for i in range(262_144))
    vocab = tmp_path / "vocab.gguf"
    vocab.write_bytes(
        _gguf([_kv(b"tokenizer.ggml.tokens", ARRAY, struct.pack("<IQ", STRING, 262_144) + tokens)])
    )
    layout = check_model_file(vocab)
    assert layout.data_end == layout.file_size == vocab.stat().st_size


def test_too_many_metadata_entries_are_refused_before_they_are_read(tmp_path: Path) -> None:
    from app.library import gguf

    n_kv = gguf._MAX_KV + 1
    many = tmp_path / "many.gguf"
    many.write_bytes(_gguf([_kv(b"k%d" % i, UINT8, b"\0") for i in range(n_kv)]))
    with pytest.raises(ModelFileError, match="more than any model has") as info:
        check_model_file(many)
    assert info.value.reason == "metadata"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.gguf"
    os.mkfifo(fifo)
    outcome: list[object] = []

    def check() -> None:
        try:
            check_model_file(fifo)
        except ModelFileError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=check, daemon=True)
    thread.start()
    thread.join(10)
    if thread.is_alive():  # open() waits for a writer: release it before failing
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(10)
        pytest.fail("the check waited on the FIFO")
    problem = outcome[0]
    assert isinstance(problem, ModelFileError) and problem.kind == "not_gguf"
    assert "not a regular file" in problem.message
