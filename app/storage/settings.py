"""User settings: one typed, validated, versioned record stored as JSON.

A damaged settings file is moved aside (``settings.json.bad-<time>``) and defaults are
used; the caller is told so it can show the user what happened.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from app.core.jsonfile import read_json, write_json_atomic

SCHEMA_VERSION = 1


@dataclass
class ModelSettings:
    """How one model of the library is loaded.

    Attributes:
        n_ctx: context window in tokens; 0 = automatic (the smaller of the training
            context and ``app.core.types.AUTO_N_CTX_CAP``).
        n_gpu_layers: layers offloaded to the GPU: 0 = none, -1 = all.
        chat_template: None = the model's own; a built-in name or Jinja text overrides it.
        flash_attn: flash attention; kv_cache_type: 'f16', 'q8_0' or 'q4_0'.
        main_gpu: the GPU that holds the model; tensor_split: share of each GPU (empty = even).
    """

    n_ctx: int = 0
    n_gpu_layers: int = 0
    chat_template: str | None = None
    flash_attn: bool = False
    kv_cache_type: str = "f16"
    main_gpu: int = 0
    tensor_split: list[float] = field(default_factory=list)

    def validate(self) -> None:
        if self.n_ctx != 0 and not 256 <= self.n_ctx <= 1_048_576:
            raise ValueError("n_ctx must be 0 (automatic) or between 256 and 1048576 tokens")
        from app.core.types import check_load_values  # not at import: the window's frame reads this module

        check_load_values(self)


@dataclass
class Settings:
    """Persistent preferences.

    Attributes:
        selected_model: id of the model in the library to load at start (None = default).
        selected_provider: id of the remote provider that answers instead of the local model
            ("" = the local model answers).
        n_threads: CPU threads for generation (None = llama-cpp-python's default).
        models: per-model load settings, by library id.
        library_folders: more folders whose ``*.gguf`` files join the library (the models
            folder in the data directory always does).
        window_geometry: the main window's size and position (hex of Qt's saveGeometry;
            "" = defaults).
        window_state: its docks and toolbars (hex of Qt's saveState; "" = defaults).
    """

    schema_version: int = SCHEMA_VERSION
    selected_model: str | None = None
    selected_provider: str = ""
    n_threads: int | None = None
    models: dict[str, ModelSettings] = field(default_factory=dict)
    library_folders: list[str] = field(default_factory=list)
    window_geometry: str = ""
    window_state: str = ""

    def validate(self) -> None:
        if self.n_threads is not None and self.n_threads < 1:
            raise ValueError("n_threads must be at least 1")
        for model in self.models.values():
            model.validate()

    def model(self, model_id: str) -> ModelSettings:
        """The settings of ``model_id`` (defaults if it has none)."""
        return self.models.get(model_id, ModelSettings())


def load_settings(path: Path) -> tuple[Settings, str | None]:
    """Return (settings, warning). The warning says what was wrong with a bad file."""
    if not path.exists():
        return Settings(), None
    try:
        data: Any = read_json(path)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        if int(data.get("schema_version", 1)) > SCHEMA_VERSION:
            raise ValueError("written by a newer Penwright")
        known = {f.name for f in fields(Settings)}
        values = {k: v for k, v in data.items() if k in known}
        model_fields = {f.name for f in fields(ModelSettings)}
        models = values.get("models") or {}
        if not isinstance(models, dict) or not all(isinstance(v, dict) for v in models.values()):
            raise ValueError("“models” must map model ids to objects")
        values["models"] = {
            str(key): ModelSettings(**{k: v for k, v in item.items() if k in model_fields})
            for key, item in models.items()
        }
        folders = values.get("library_folders", [])
        if not isinstance(folders, list) or not all(isinstance(f, str) for f in folders):
            raise ValueError("“library_folders” must be a list of folder paths")
        for key in ("window_geometry", "window_state"):  # only a layout: bad values mean defaults
            if not isinstance(values.get(key, ""), str):
                values[key] = ""
        settings = Settings(**values)
        settings.schema_version = SCHEMA_VERSION
        warning = None
        old_n_ctx = data.get("n_ctx")  # first releases had one n_ctx for every model
        if isinstance(old_n_ctx, int) and settings.selected_model:
            model = settings.models.setdefault(settings.selected_model, ModelSettings())
            if model.n_ctx == 0:
                model.n_ctx = old_n_ctx
                warning = f"n_ctx is now a setting of each model; {old_n_ctx} was kept for the selected one."
        settings.validate()
        return settings, warning
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        aside = path.with_name(f"{path.name}.bad-{int(time.time())}")
        path.replace(aside)
        return (
            Settings(),
            f"The settings file could not be read ({exc}); defaults are in use. "
            f"The old file was kept as {aside.name}.",
        )


def save_settings(path: Path, settings: Settings) -> None:
    settings.validate()
    write_json_atomic(path, asdict(settings))
