"""Where Penwright keeps its files.

By default the platform's user directories (platformdirs). ``PENWRIGHT_HOME`` redirects
every one of them below one folder, for tests and portable installs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

ENV_HOME = "PENWRIGHT_HOME"


@dataclass(frozen=True)
class Paths:
    """The four user directories and the files Penwright keeps in them."""

    config_dir: Path
    data_dir: Path
    cache_dir: Path
    log_dir: Path

    @classmethod
    def from_env(cls) -> Paths:
        """Paths below ``$PENWRIGHT_HOME`` if set, else the platform's user directories."""
        home = os.environ.get(ENV_HOME)
        if home:
            root = Path(home).expanduser().resolve()
            return cls(root / "config", root / "data", root / "cache", root / "logs")
        dirs = platformdirs.PlatformDirs("Penwright", appauthor=False)
        return cls(
            Path(dirs.user_config_dir),
            Path(dirs.user_data_dir),
            Path(dirs.user_cache_dir),
            Path(dirs.user_log_dir),
        )

    def ensure(self) -> Paths:
        """Create the directories (idempotent) and return self."""
        for path in (self.config_dir, self.data_dir, self.cache_dir, self.log_dir, self.models_dir):
            path.mkdir(parents=True, exist_ok=True)
        return self

    @property
    def history_db(self) -> Path:
        return self.data_dir / "history.sqlite3"

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"

    @property
    def model_registry(self) -> Path:
        return self.data_dir / "models.json"

    @property
    def providers_file(self) -> Path:
        return self.config_dir / "providers.json"

    @property
    def presets_file(self) -> Path:
        return self.config_dir / "presets.json"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"
