"""Paths, settings and the model library."""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path

import pytest

from app.library.gguf import GGML_BLOCKS, ModelFileError, check_gguf, check_model_file, read_layout
from app.library.models import DEFAULT_MODEL_ID, ModelLibrary, find_default_model_file
from app.runtime import Runtime
from app.storage.paths import Paths
from app.storage.settings import ModelSettings, Settings, load_settings, save_settings


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


def test_the_block_sizes_are_ggml_s() -> None:
    from gguf.constants import GGML_QUANT_SIZES

    reference = {t.value: size for t, size in GGML_QUANT_SIZES.items()}
    assert {key: reference.get(key) for key in GGML_BLOCKS} == GGML_BLOCKS
    assert len(GGML_BLOCKS) >= 30


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
    junk = tmp_path / "hdr.gguf"
    junk.write_bytes(b"GGUF" + struct.pack("<I", 3) + os.urandom(30_000))
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
    library = ModelLibrary(tmp_path / "models.json", tmp_path / "models")
    noise = tmp_path / "rand.gguf"
    noise.write_bytes(b"\x00" + os.urandom(30_000))
    junk = tmp_path / "hdr.gguf"
    junk.write_bytes(b"GGUF" + struct.pack("<I", 3) + os.urandom(30_000))
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
