"""Remote providers the user configured (``providers.json`` in the config dir).

The file holds no secret: API keys live in the keychain (:mod:`app.storage.secrets`) under
each provider's id.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Literal

from app.core.jsonfile import read_json, write_json_atomic

ProviderKind = Literal["openai", "azure", "compatible"]
KINDS: tuple[ProviderKind, ...] = ("openai", "azure", "compatible")
OPENAI_BASE_URL = "https://api.openai.com/v1"


@dataclass
class Provider:
    """One remote endpoint.

    Attributes:
        kind: 'openai' (api.openai.com), 'azure' (Azure OpenAI) or 'compatible' (any
            OpenAI-compatible base URL: llama.cpp server, Ollama, LM Studio, vLLM).
        model: the model name (for Azure: unused; the deployment selects the model).
        base_url: for 'compatible' (and to override 'openai'), e.g. http://127.0.0.1:8080/v1.
        endpoint, deployment, api_version: Azure's.
        organization, project: OpenAI's optional headers.
        timeout: seconds.
    """

    id: str
    name: str
    kind: ProviderKind
    model: str = ""
    base_url: str = ""
    endpoint: str = ""
    deployment: str = ""
    api_version: str = ""
    organization: str = ""
    project: str = ""
    timeout: float = 60.0

    @classmethod
    def new(cls, name: str, kind: ProviderKind, **values: Any) -> Provider:
        return cls(id=f"{kind}-{uuid.uuid4().hex[:8]}", name=name, kind=kind, **values)

    def validate(self) -> None:
        """Raise ValueError in plain words for what is missing."""
        if self.kind not in KINDS:
            raise ValueError(f"Unknown provider kind {self.kind!r}.")
        if not self.name.strip():
            raise ValueError("Give the provider a name.")
        if self.kind == "azure":
            if not (self.endpoint and self.deployment and self.api_version):
                raise ValueError("Azure needs the endpoint, the deployment name and the api-version.")
        elif not self.model.strip():
            raise ValueError("Give the model name.")
        if self.kind == "compatible" and not self.base_url.startswith(("http://", "https://")):
            raise ValueError("Give the server's base URL, such as http://127.0.0.1:8080/v1.")
        if self.timeout <= 0:
            raise ValueError("The timeout must be positive.")


class ProviderStore:
    """Load and save the providers. A damaged file is set aside; :attr:`warning` says so."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.warning: str | None = None
        self._providers: dict[str, Provider] = {}
        if not self.path.exists():
            return
        try:
            data: Any = read_json(self.path)
            known = {f.name for f in fields(Provider)}
            for item in data["providers"]:
                provider = Provider(**{k: v for k, v in item.items() if k in known})
                provider.validate()
                self._providers[provider.id] = provider
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            aside = self.path.with_name(f"{self.path.name}.bad-{int(time.time())}")
            self.path.replace(aside)
            self._providers = {}
            self.warning = f"The providers file could not be read ({exc}); it was set aside as {aside.name}."

    def all(self) -> list[Provider]:
        return sorted(self._providers.values(), key=lambda p: p.name.lower())

    def get(self, provider_id: str) -> Provider | None:
        return self._providers.get(provider_id)

    def save(self, provider: Provider) -> None:
        provider.validate()
        self._providers[provider.id] = provider
        self._write()

    def remove(self, provider_id: str) -> None:
        self._providers.pop(provider_id, None)
        self._write()

    def _write(self) -> None:
        write_json_atomic(self.path, {"version": 1, "providers": [asdict(p) for p in self.all()]})
