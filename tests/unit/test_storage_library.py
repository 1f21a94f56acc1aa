"""Paths, settings and the model library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.library.gguf import ModelFileError, check_gguf
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
