"""Azure OpenAI: a deployment on an Azure resource, addressed with an api-version.

Built on the official SDK's ``AzureOpenAI`` client, which puts the deployment in the URL
(``/openai/deployments/{deployment}/...``), the api-version in the query string and the
credential in a header: an API key as ``api-key``, a Microsoft Entra ID token as
``Authorization: Bearer <token>`` (the SDK's ``azure_ad_token``; the two are mutually
exclusive, and with neither the SDK would read AZURE_OPENAI_AD_TOKEN / AZURE_OPENAI_API_KEY
from the environment, so :meth:`AzureOptions.validate` insists on exactly one). Case C11:
the api-version is checked here before any request (the SDK raises a bare ValueError
without it), and every derived client (``with_options``) keeps it; the tests check it on
the wire. Retries, timeouts, proxies and errors work as in :mod:`app.engines.openai_api`;
every 404 names the deployment, and one with the error code ``DeploymentNotFound`` or a plain
string error that mentions a deployment (``{"error": "Deployment X not found"}``, C31) says
Azure has no such deployment.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from app.engines.base import CancelToken, Capabilities, EngineEvent, Failed, GenerationRequest
from app.engines.openai_api import (
    CAPABILITY_REASONS,
    Credential,
    OpenAICompatibleEngine,
    RemoteFailure,
    RemoteOptions,
    client_timeout,
    describe_error,
    validate_retry_settings,
)
from app.engines.remote_http import http_client

#: api-version values look like 2024-10-21 or 2025-01-01-preview.
_API_VERSION = re.compile(r"^\d{4}-\d{2}-\d{2}(-preview)?$")

AZURE_REASONS: tuple[tuple[str, str], ...] = (
    ("raw_completion", "Azure chat deployments have no raw completion endpoint."),
    *CAPABILITY_REASONS,
)


@dataclass(frozen=True)
class AzureOptions:
    """Attributes:
    endpoint: ``https://<resource>.openai.azure.com``.
    deployment: the deployment name (it selects the model).
    api_version: e.g. ``2024-10-21``.
    api_key / ad_token: exactly one of them: an API key, or a Microsoft Entra ID bearer
        token (``az account get-access-token --resource https://cognitiveservices.azure.com``;
        it expires after about an hour, then Azure answers 401).
    timeout: seconds per read/write; connecting waits at most 10 s (see
        :func:`app.engines.openai_api.client_timeout`).
    max_retries: 0..10 retries of a 429/5xx answer before the first token.
    retry_base_seconds: the first backoff wait (s) when Azure sends no Retry-After.
    """

    endpoint: str
    deployment: str
    api_version: str
    api_key: str | None = None
    ad_token: str | None = None
    timeout: float = 60.0
    max_retries: int = 2
    retry_base_seconds: float = 1.0

    @property
    def credential(self) -> Credential:
        """'entra' when an Entra ID token is used, else 'key'."""
        return "entra" if self.ad_token else "key"

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
        if self.api_key and self.ad_token:
            raise ValueError("Give either an API key or an Entra ID token, not both.")
        validate_retry_settings(self.timeout, self.max_retries, self.retry_base_seconds)


class AzureOpenAIEngine(OpenAICompatibleEngine):
    """An :class:`app.engines.base.Engine` for one Azure OpenAI deployment (chat only).

    Raises ValueError (plain words) for incomplete or out-of-range options.
    """

    def __init__(self, options: AzureOptions) -> None:
        import openai

        options.validate()
        self.azure = options
        self.credential = options.credential
        timeout = client_timeout(options.timeout)
        client = openai.AzureOpenAI(
            azure_endpoint=options.endpoint,
            azure_deployment=options.deployment,
            api_version=options.api_version.strip(),
            api_key=options.api_key or None,
            azure_ad_token=options.ad_token or None,
            timeout=timeout,
            max_retries=0,  # we retry ourselves, before the first token only (C26)
            http_client=http_client(options.endpoint, timeout),  # loopback goes direct (C25)
        )
        remote = RemoteOptions(
            base_url=options.endpoint,
            model=options.deployment,
            timeout=options.timeout,
            max_retries=options.max_retries,
            retry_base_seconds=options.retry_base_seconds,
        )
        super().__init__(remote, client=client)

    @property
    def capabilities(self) -> Capabilities:
        return Capabilities(raw_completion=False, logprobs=True, reasons=AZURE_REASONS)

    def stream(self, request: GenerationRequest, cancel: CancelToken) -> Iterator[EngineEvent]:
        """As :meth:`OpenAICompatibleEngine.stream`; a raw ``prompt`` fails at once
        (kind 'invalid_request') since chat deployments have no completions endpoint."""
        if request.prompt is not None:
            return iter([Failed("invalid_request", self.capabilities.reason("raw_completion"))])
        return super().stream(request, cancel)

    def describe(self, exc: BaseException, what: str) -> tuple[RemoteFailure, str]:
        return describe_error(
            exc, what, credential=self.credential, deployment=self.azure.deployment, **self._route()
        )

    def with_timeout(self, timeout: float) -> AzureOpenAIEngine:
        """A copy with another timeout (s); the api-version, deployment and credential stay (C11)."""
        validate_retry_settings(timeout, self.azure.max_retries, self.azure.retry_base_seconds)
        other = copy.copy(self)
        other.azure = replace(self.azure, timeout=timeout)
        other.options = replace(self.options, timeout=timeout)
        other._client = self._client.with_options(timeout=client_timeout(timeout))
        return other
