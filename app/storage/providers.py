"""Remote providers the user configured (``providers.json`` in the config dir).

The file holds no secret: API keys live in the keychain (:mod:`app.storage.secrets`) under
each provider's id.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Literal

from app.core.jsonfile import read_json, write_json_atomic

ProviderKind = Literal["openai", "azure", "compatible"]
KINDS: tuple[ProviderKind, ...] = ("openai", "azure", "compatible")
AzureAuth = Literal["key", "entra"]
AZURE_AUTHS: tuple[AzureAuth, ...] = ("key", "entra")
#: Most retries a provider may ask for (429/5xx before the first token).
MAX_RETRIES = 10
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
        timeout: seconds to wait for each read or write (the first byte of the answer, then
            between streamed chunks); connecting waits at most 10 s.
        max_retries: 0..10: how many times a request the server answered with 429 (rate
            limit) or 5xx is sent again, before any text has arrived, waiting as the server
            asks (Retry-After) or 1 s, 2 s, 4 s … (at most 30 s).
        azure_auth: for Azure, what the secret stored in the keychain under :attr:`id` is:
            'key' (an API key, sent as ``api-key``) or 'entra' (a Microsoft Entra ID token,
            sent as ``Authorization: Bearer``).
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
    max_retries: int = 2
    azure_auth: AzureAuth = "key"

    @classmethod
    def new(cls, name: str, kind: ProviderKind, **values: Any) -> Provider:
        import uuid  # here: the window's start does not need it (bench_startup)

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
        if isinstance(self.timeout, bool) or not isinstance(self.timeout, int | float) or self.timeout <= 0:
            raise ValueError("The timeout must be positive.")
        if isinstance(self.max_retries, bool) or not isinstance(self.max_retries, int):
            raise ValueError("The number of retries must be a whole number.")
        if not 0 <= self.max_retries <= MAX_RETRIES:
            raise ValueError(f"The number of retries must be between 0 and {MAX_RETRIES}.")
        if self.azure_auth not in AZURE_AUTHS:
            raise ValueError("Azure sign-in must be 'key' (an API key) or 'entra' (an Entra ID token).")


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
