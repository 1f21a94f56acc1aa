"""Start-up wiring shared by the GUI and the CLI (Qt-free).

Creates the directories, reads settings, opens the model library and registers the
bundled default model, and resolves which model to load.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.engines.local import LoadOptions
from app.library.gguf import ModelFileError, check_gguf
from app.library.models import ModelEntry, ModelLibrary
from app.storage.paths import Paths
from app.storage.providers import OPENAI_BASE_URL, Provider
from app.storage.secrets import SecretStore
from app.storage.settings import ModelSettings, Settings, load_settings, save_settings

if TYPE_CHECKING:
    from app.engines.openai_api import OpenAICompatibleEngine

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SettingsChange:
    """What :meth:`Runtime.change_settings` changed (given to every watcher).

    Attributes:
        fields: names of the :class:`~app.storage.settings.Settings` fields whose values
            changed ("models" when a model's load settings did).
        model_id: the model whose :class:`~app.storage.settings.ModelSettings` changed, if any.
    """

    fields: frozenset[str]
    model_id: str | None = None


@dataclass
class Runtime:
    """Everything a front end needs before it shows anything.

    Attributes:
        warnings: problems found at start (bad settings file, ...) to show the user once.
    """

    paths: Paths
    settings: Settings
    library: ModelLibrary
    warnings: list[str] = field(default_factory=list)
    _watchers: list[Callable[[SettingsChange], None]] = field(default_factory=list, repr=False)

    @classmethod
    def start(cls) -> Runtime:
        paths = Paths.from_env().ensure()
        _setup_logging(paths.log_dir / "penwright.log")
        settings, warning = load_settings(paths.settings_file)
        library = ModelLibrary(paths.model_registry, paths.models_dir)
        warnings = [w for w in (warning, library.warning) if w]
        default = library.ensure_default()
        if default is None and not library.entries():
            warnings.append(
                "No model is installed. Run `make run` (it installs the default model) or add "
                "a .gguf file in the Models pane."
            )
        if settings.selected_model is None and default is not None:
            settings.selected_model = default.id
            save_settings(paths.settings_file, settings)
        return cls(paths, settings, library, warnings)

    def load_options(self, model_id: str | None = None) -> LoadOptions:
        """How to load ``model_id`` (its own settings; n_ctx 0 = automatic)."""
        model = self.settings.model(model_id or "")
        return LoadOptions(
            n_ctx=model.n_ctx,
            n_threads=self.settings.n_threads,
            n_gpu_layers=model.n_gpu_layers,
            chat_template=model.chat_template,
            flash_attn=model.flash_attn,
            kv_cache_type=model.kv_cache_type,
            main_gpu=model.main_gpu,
            tensor_split=tuple(model.tensor_split) or None,
        )

    def remote_engine(self, provider: Provider, secrets: SecretStore) -> OpenAICompatibleEngine:
        """The engine for a configured provider, with its secret from the keychain: the API
        key, or for an Azure provider with ``azure_auth == 'entra'`` the Entra ID token.

        Raises:
            ValueError: the provider's settings are incomplete (plain words).
        """
        from app.engines.azure import AzureOpenAIEngine, AzureOptions  # the SDK: only when used
        from app.engines.openai_api import OpenAICompatibleEngine, RemoteOptions, openai_offers_completions

        provider.validate()
        secret = secrets.get(provider.id)
        if secret is None and provider.kind in ("openai", "azure"):
            why = (
                f" The system keychain could not be read: {secrets.problem}"
                if secrets.problem and secrets.problem_kind != "no_backend"
                else ""
            )
            what = (
                "Entra ID token" if provider.kind == "azure" and provider.azure_auth == "entra" else "API key"
            )
            raise ValueError(
                f"No {what} is saved for “{provider.name}”.{why} Enter it under Remote providers "
                "(the last entry of the model picker)."
            )
        if provider.kind == "azure":
            entra = provider.azure_auth == "entra"
            return AzureOpenAIEngine(
                AzureOptions(
                    provider.endpoint,
                    provider.deployment,
                    provider.api_version,
                    api_key=None if entra else secret,
                    ad_token=secret if entra else None,
                    timeout=provider.timeout,
                    max_retries=provider.max_retries,
                )
            )
        return OpenAICompatibleEngine(
            RemoteOptions(
                base_url=provider.base_url or OPENAI_BASE_URL,
                model=provider.model,
                api_key=secret,
                timeout=provider.timeout,
                organization=provider.organization or None,
                project=provider.project or None,
                max_retries=provider.max_retries,
                raw_completion=provider.kind != "openai" or openai_offers_completions(provider.model),
            )
        )

    def save_settings(self) -> None:
        """Write the settings as they are (no watcher is told; see :meth:`change_settings`)."""
        save_settings(self.paths.settings_file, self.settings)

    def change_settings(self, **values: Any) -> SettingsChange:
        """Set these :class:`~app.storage.settings.Settings` fields, save, and tell every
        watcher (:meth:`watch_settings`) which of them changed. Fields set to the value they
        had are not announced; if none changed nothing is written.

        Raises:
            TypeError: a name is not a settings field.
            ValueError: a value is invalid (the settings and the file are left as they were).
            OSError: the file could not be written (the settings in memory are left as they were).
        """
        known = {f.name for f in fields(Settings)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise TypeError(f"no such setting: {', '.join(unknown)}")
        changed = frozenset(k for k, v in values.items() if getattr(self.settings, k) != v)
        return self._commit(replace(self.settings, **values), SettingsChange(changed))

    def change_model_settings(self, model_id: str, model: ModelSettings) -> SettingsChange:
        """Store how ``model_id`` is loaded; save and tell the watchers (``fields`` is
        {"models"} and ``model_id`` is set, or empty if nothing changed).

        Raises:
            ValueError: a value is invalid; OSError: the file could not be written (nothing changed).
        """
        models = dict(self.settings.models)
        before = models.get(model_id)
        models[model_id] = model
        change = SettingsChange(frozenset() if before == model else frozenset({"models"}), model_id)
        return self._commit(replace(self.settings, models=models), change)

    def watch_settings(self, watcher: Callable[[SettingsChange], None]) -> Callable[[], None]:
        """Call ``watcher`` after each announced change; returns a function that stops it."""
        self._watchers.append(watcher)
        return lambda: self._watchers.remove(watcher) if watcher in self._watchers else None

    def _commit(self, new: Settings, change: SettingsChange) -> SettingsChange:
        if not change.fields:
            return change
        save_settings(self.paths.settings_file, new)  # validates first: raises before writing
        # same object, new values: everything holding runtime.settings sees them
        for f in fields(Settings):
            setattr(self.settings, f.name, getattr(new, f.name))
        for watcher in list(self._watchers):
            watcher(change)
        return change

    def selected_model(self) -> ModelEntry | None:
        """The model to load at start: the selected one, else the first in the library."""
        if self.settings.selected_model:
            entry = self.library.get(self.settings.selected_model)
            if entry is not None and entry.exists:
                return entry
        return next((e for e in self.library.entries() if e.exists), None)

    def resolve_model(self, name_or_path: str | None) -> Path:
        """A model id, a name in the library, or a path to a .gguf file.

        Raises:
            ModelFileError: no such model, or the file is not a usable GGUF.
        """
        if not name_or_path:
            entry = self.selected_model()
            if entry is None:
                raise ModelFileError("missing", "No model is installed.")
            path = Path(entry.path)
        else:
            entry = self.library.get(name_or_path) or next(
                (e for e in self.library.entries() if e.name == name_or_path), None
            )
            path = Path(entry.path) if entry else Path(name_or_path).expanduser()
            if entry is None and not path.exists():
                if "/" in name_or_path or "\\" in name_or_path or name_or_path.endswith(".gguf"):
                    raise ModelFileError("missing", f"The file “{path}” does not exist.")
                known = ", ".join(e.id for e in self.library.entries()) or "none"
                raise ModelFileError("missing", f"No model called “{name_or_path}”. Known models: {known}.")
        check_gguf(path)
        return path

    def select_model(self, model_id: str) -> None:
        """Load ``model_id`` at the next start (announced as a change of ``selected_model``)."""
        self.change_settings(selected_model=model_id)


def _setup_logging(path: Path) -> None:
    root = logging.getLogger()
    if any(getattr(h, "penwright", False) for h in root.handlers):
        return
    # a file name the locale could not decode is logged as \udcXX, never a "Logging error" (C24)
    handler = logging.FileHandler(path, encoding="utf-8", errors="backslashreplace")
    handler.penwright = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    # the HTTP libraries log every request's full URL at INFO (user:password@ and ?key=
    # included); the openai SDK leaves these loggers to the application: keep them quiet
    for name in ("httpx", "httpcore", "openai", "urllib3", "huggingface_hub"):
        logging.getLogger(name).setLevel(logging.WARNING)
