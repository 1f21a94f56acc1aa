"""The user's saved sampling preset per pane (``presets.json`` in the config dir)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from app.core.jsonfile import read_json, write_json_atomic
from app.core.panes import default_params
from app.core.types import GenerationParams


class PresetStore:
    """Load and save one :class:`GenerationParams` per pane.

    A damaged file is moved aside and the defaults are used; :attr:`warning` says so.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.warning: str | None = None
        self._presets: dict[str, GenerationParams] = {}
        if self.path.exists():
            try:
                data: Any = read_json(self.path)
                for pane, values in data["presets"].items():
                    params = GenerationParams.from_dict(values)
                    params.validate()
                    self._presets[str(pane)] = params
            except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
                aside = self.path.with_name(f"{self.path.name}.bad-{int(time.time())}")
                self.path.replace(aside)
                self._presets = {}
                self.warning = f"The presets file could not be read ({exc}); defaults are in use."

    def get(self, pane: str) -> GenerationParams:
        """The saved values of pane id ``pane`` (a :class:`~app.core.types.Pane` works
        too), else its declared default (:func:`app.core.panes.default_params`)."""
        return self._presets.get(_key(pane), default_params(_key(pane)))

    def save(self, pane: str, params: GenerationParams) -> None:
        params.validate()
        self._presets[_key(pane)] = params
        self._write()

    def reset(self, pane: str) -> GenerationParams:
        """Forget the saved preset of ``pane``; returns the default."""
        self._presets.pop(_key(pane), None)
        self._write()
        return default_params(_key(pane))

    def _write(self) -> None:
        presets = {k: v.to_dict() for k, v in self._presets.items()}
        write_json_atomic(self.path, {"version": 1, "presets": presets})


def _key(pane: str) -> str:
    """The stored key of a pane id or :class:`~app.core.types.Pane` member ("chat")."""
    return str(getattr(pane, "value", pane))
