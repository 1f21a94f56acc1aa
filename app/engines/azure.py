"""Azure OpenAI: a deployment on an Azure resource, addressed with an api-version.

Built on the official SDK's ``AzureOpenAI`` client, which puts the deployment in the URL
(``/openai/deployments/{deployment}/...``), the api-version in the query string and the
key in the ``api-key`` header. Case C11: the api-version is checked here before any
request (the SDK raises a bare ValueError without it), and every derived client
(``with_options``) keeps it; the tests check it on the wire.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.engines.openai_api import OpenAICompatibleEngine, RemoteOptions

#: api-version values look like 2024-10-21 or 2025-01-01-preview.
_API_VERSION = re.compile(r"^\d{4}-\d{2}-\d{2}(-preview)?$")


@dataclass(frozen=True)
class AzureOptions:
    """Attributes:
    endpoint: ``https://<resource>.openai.azure.com``.
    deployment: the deployment name (it selects the model).
    api_version: e.g. ``2024-10-21``.
    api_key / ad_token: one of them (a key, or a Microsoft Entra ID token).
    timeout: seconds.
    """

    endpoint: str
    deployment: str
    api_version: str
    api_key: str | None = None
    ad_token: str | None = None
    timeout: float = 60.0

    def validate(self) -> None:
        """Raise ValueError in plain words for a setting Azure would reject."""
        if not self.endpoint.startswith(("https://", "http://")):
            raise ValueError("The Azure endpoint must be a URL such as https://NAME.openai.azure.com")
        if not self.deployment.strip():
            raise ValueError("Give the deployment name (Azure portal, Deployments).")
        if not _API_VERSION.match(self.api_version.strip()):
            raise ValueError("Give the api-version, such as 2024-10-21 (Azure's REST API version).")
        if not (self.api_key or self.ad_token):
            raise ValueError("Give an API key or an Entra ID token.")


class AzureOpenAIEngine(OpenAICompatibleEngine):
    """An :class:`app.engines.base.Engine` for one Azure OpenAI deployment."""

    def __init__(self, options: AzureOptions) -> None:
        import openai

        options.validate()
        self.azure = options
        client = openai.AzureOpenAI(
            azure_endpoint=options.endpoint,
            azure_deployment=options.deployment,
            api_version=options.api_version.strip(),
            api_key=options.api_key,
            azure_ad_token=options.ad_token,
            timeout=options.timeout,
            max_retries=0,
        )
        remote = RemoteOptions(base_url=options.endpoint, model=options.deployment, timeout=options.timeout)
        super().__init__(remote, client=client)

    def with_timeout(self, timeout: float) -> AzureOpenAIEngine:
        """A copy with another timeout; the api-version and deployment stay (C11)."""
        copy = AzureOpenAIEngine.__new__(AzureOpenAIEngine)
        copy.azure = self.azure
        copy.options = RemoteOptions(
            base_url=self.options.base_url, model=self.options.model, timeout=timeout
        )
        copy._client = self._client.with_options(timeout=timeout)
        copy._model = self._model
        return copy
