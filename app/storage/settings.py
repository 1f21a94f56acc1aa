"""User settings: one typed, validated, versioned record stored as JSON.

A damaged settings file is moved aside (``settings.json.bad-<time>``) and defaults are
used; the caller is told so it can show the user what happened.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from app.core.jsonfile import read_json, write_json_atomic

SCHEMA_VERSION = 1


@dataclass
class Settings:
    """Persistent preferences.

    Attributes:
        selected_model: id of the model in the library to load at start (None = default).
        n_ctx: context window for local models, in tokens.
        n_threads: CPU threads for generation (None = llama-cpp-python's default).
    """

    schema_version: int = SCHEMA_VERSION
    selected_model: str | None = None
    n_ctx: int = 2048
    n_threads: int | None = None

    def validate(self) -> None:
        if not 256 <= self.n_ctx <= 1_048_576:
            raise ValueError("n_ctx must be between 256 and 1048576 tokens")
        if self.n_threads is not None and self.n_threads < 1:
            raise ValueError("n_threads must be at least 1")


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
        settings = Settings(**{k: v for k, v in data.items() if k in known})
        settings.schema_version = SCHEMA_VERSION
        settings.validate()
        return settings, None
    except (OSError, ValueError, TypeError) as exc:
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
