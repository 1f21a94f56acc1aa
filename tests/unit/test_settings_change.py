"""Settings announce which field changed (Runtime.change_settings / watch_settings), on a
real settings file; a bad value changes nothing, in memory or on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.runtime import Runtime, SettingsChange
from app.storage.settings import ModelSettings, load_settings


def test_a_change_names_the_fields_that_changed_and_is_saved(penwright_home: Path) -> None:
    runtime = Runtime.start()
    seen: list[SettingsChange] = []
    stop = runtime.watch_settings(seen.append)
    change = runtime.change_settings(n_threads=3, selected_provider=runtime.settings.selected_provider)
    assert change == SettingsChange(frozenset({"n_threads"}))  # selected_provider kept its value
    assert seen == [change]
    assert runtime.settings.n_threads == 3
    assert load_settings(runtime.paths.settings_file)[0].n_threads == 3
    written = runtime.paths.settings_file.stat().st_mtime_ns
    assert runtime.change_settings(n_threads=3).fields == frozenset()  # nothing to announce
    assert seen == [change] and runtime.paths.settings_file.stat().st_mtime_ns == written
    stop()
    runtime.change_settings(n_threads=4)
    assert seen == [change]  # stopped watching


def test_a_bad_value_or_name_changes_nothing(penwright_home: Path) -> None:
    runtime = Runtime.start()
    runtime.change_settings(n_threads=2)
    before = runtime.paths.settings_file.read_bytes()
    seen: list[SettingsChange] = []
    runtime.watch_settings(seen.append)
    with pytest.raises(ValueError, match="n_threads"):
        runtime.change_settings(n_threads=0, selected_provider="x")
    with pytest.raises(TypeError, match="no such setting: n_thread"):
        runtime.change_settings(n_thread=8)
    assert (runtime.settings.n_threads, runtime.settings.selected_provider) == (2, "")
    assert runtime.paths.settings_file.read_bytes() == before
    assert seen == []


def test_a_models_load_settings_announce_the_model(penwright_home: Path) -> None:
    runtime = Runtime.start()
    seen: list[SettingsChange] = []
    runtime.watch_settings(seen.append)
    model = ModelSettings(n_ctx=1024, n_gpu_layers=0)
    change = runtime.change_model_settings("some-model", model)
    assert change == SettingsChange(frozenset({"models"}), "some-model")
    assert seen == [change]
    assert runtime.settings.model("some-model") == model
    assert load_settings(runtime.paths.settings_file)[0].model("some-model") == model
    assert runtime.change_model_settings("some-model", ModelSettings(n_ctx=1024)).fields == frozenset()
    with pytest.raises(ValueError, match="n_ctx"):
        runtime.change_model_settings("some-model", ModelSettings(n_ctx=5))
    assert runtime.settings.model("some-model") == model and seen == [change]
