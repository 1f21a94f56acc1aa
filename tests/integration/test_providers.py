"""Configured providers: stored without keys, keys in the keychain, engines built from them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from app.core.types import GenerationParams
from app.engines.azure import AzureOpenAIEngine
from app.engines.base import CancelToken, Done, GenerationRequest
from app.runtime import Runtime
from app.storage.providers import Provider, ProviderStore
from app.storage.secrets import SecretStore
from tests.helpers.azure_shim import DEPLOYMENT, TOKEN, AzureShim
from tests.integration.test_azure_engine import shim  # noqa: F401 (fixture)
from tests.integration.test_openai_engine import MODEL_ALIAS, server  # noqa: F401 (fixture)
from tests.unit.test_secrets import MemoryKeyring


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend


def test_providers_are_stored_without_their_keys(memory_keyring: MemoryKeyring, penwright_home: Path) -> None:
    runtime = Runtime.start()
    store = ProviderStore(runtime.paths.providers_file)
    provider = Provider.new("My Azure", "azure", endpoint="https://x.openai.azure.com",
                            deployment="gpt", api_version="2024-10-21")  # fmt: skip
    store.save(provider)
    SecretStore().set(provider.id, "sk-azure-secret")
    text = runtime.paths.providers_file.read_text()
    assert "sk-azure-secret" not in text and provider.id in text
    again = ProviderStore(runtime.paths.providers_file).get(provider.id)
    assert again == provider
    engine = runtime.remote_engine(again, SecretStore())
    assert isinstance(engine, AzureOpenAIEngine) and engine.azure.api_key == "sk-azure-secret"
    assert engine.azure.ad_token is None and engine.options.max_retries == 2
    engine.close()


def test_an_azure_provider_signs_in_with_an_entra_id_token(
    memory_keyring: MemoryKeyring,
    penwright_home: Path,
    shim: AzureShim,  # noqa: F811
) -> None:
    runtime = Runtime.start()
    store = ProviderStore(runtime.paths.providers_file)
    provider = Provider.new("Azure (Entra ID)", "azure", endpoint=shim.endpoint, deployment=DEPLOYMENT,
                            api_version="2024-10-21", azure_auth="entra", max_retries=0)  # fmt: skip
    store.save(provider)
    SecretStore().set(provider.id, TOKEN)
    again = ProviderStore(runtime.paths.providers_file).get(provider.id)
    assert again == provider and again.azure_auth == "entra"
    engine = runtime.remote_engine(again, SecretStore())
    try:
        assert isinstance(engine, AzureOpenAIEngine) and engine.azure.ad_token == TOKEN
        assert engine.azure.api_key is None and engine.options.max_retries == 0
        ask = GenerationRequest(
            messages=({"role": "user", "content": "Say hi."},), params=GenerationParams(max_tokens=8)
        )
        final = list(engine.stream(ask, CancelToken()))[-1]
    finally:
        engine.close()
    assert isinstance(final, Done) and final.text
    assert shim.seen[-1]["authorization"] == f"Bearer {TOKEN}" and shim.seen[-1]["api_key"] is None


def test_incomplete_providers_are_refused_in_plain_words() -> None:
    with pytest.raises(ValueError, match="api-version"):
        Provider.new("Azure", "azure", endpoint="https://x", deployment="d").validate()
    with pytest.raises(ValueError, match="base URL"):
        Provider.new("Local", "compatible", model="m", base_url="localhost:8080").validate()
    local = {"model": "m", "base_url": "http://127.0.0.1:8080/v1"}
    for retries in (-1, 11, 2.5, True):
        with pytest.raises(ValueError, match="retries"):
            Provider.new("Local", "compatible", max_retries=retries, **local).validate()
    with pytest.raises(ValueError, match="Entra ID"):
        Provider.new("Local", "compatible", azure_auth="password", **local).validate()
    Provider.new("Local", "compatible", max_retries=10, **local).validate()


def test_a_compatible_provider_connects_to_a_real_server(
    server: str,  # noqa: F811
    penwright_home: Path,
) -> None:
    runtime = Runtime.start()
    provider = Provider.new("llama.cpp here", "compatible", model=MODEL_ALIAS, base_url=server)
    engine = runtime.remote_engine(provider, SecretStore())
    try:
        assert "answers" in engine.check_connection() and MODEL_ALIAS in engine.list_models()
    finally:
        engine.close()


def test_a_damaged_providers_file_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "providers.json"
    path.write_text('{"providers": [{"id": "x"}]}')
    store = ProviderStore(path)
    assert store.all() == [] and store.warning is not None and not path.exists()


def test_cli_asks_a_configured_provider(server: str, penwright_home: Path) -> None:  # noqa: F811
    import os
    import subprocess
    import sys

    runtime = Runtime.start()
    provider = Provider.new("llama.cpp here", "compatible", model=MODEL_ALIAS, base_url=server)
    ProviderStore(runtime.paths.providers_file).save(provider)
    root = Path(__file__).resolve().parents[2]
    listing = subprocess.run([sys.executable, "-m", "app", "providers"], cwd=root, capture_output=True,
                             text=True, timeout=60, env=dict(os.environ))  # fmt: skip
    assert provider.id in listing.stdout and "compatible" in listing.stdout
    answer = subprocess.run(
        [sys.executable, "-m", "app", "ask", "Say hi.", "--provider", provider.id, "--max-tokens", "8"],
        cwd=root, capture_output=True, text=True, timeout=120, env=dict(os.environ),
    )  # fmt: skip
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.strip() and "tok/s" in answer.stderr
    unknown = subprocess.run([sys.executable, "-m", "app", "ask", "hi", "--provider", "nope"], cwd=root,
                             capture_output=True, text=True, timeout=60, env=dict(os.environ))  # fmt: skip
    assert unknown.returncode == 2 and "No provider" in unknown.stderr
