"""API keys in the keychain (keyring), never on disk; C13 without a keychain.

The test keychains are keyring backends (the library's own plug-in interface) that keep
passwords in a dict: the real user's keychain is never touched.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from app.storage.secrets import SecretStore, service_name


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.fixture
def use_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)


def test_key_goes_to_the_keychain_under_the_provider_service(use_keyring: None) -> None:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    store = SecretStore()
    assert store.set("openai-1", "sk-secret") is True and store.problem is None
    assert backend.items == {(service_name("openai-1"), "api-key"): "sk-secret"}
    assert service_name("openai-1") == "penwright:provider:openai-1"
    assert SecretStore().get("openai-1") == "sk-secret"  # a new store (restart) reads it back
    store.delete("openai-1")
    assert backend.items == {}


def test_c13_no_keychain_keeps_the_key_in_memory_and_says_why(
    use_keyring: None, penwright_home: Path
) -> None:
    keyring.set_keyring(fail.Keyring())
    store = SecretStore()
    assert store.set("azure-1", "sk-do-not-write") is False
    assert store.problem is not None and "No system keychain" in store.problem
    assert store.get("azure-1") == "sk-do-not-write"
    written = [p for p in penwright_home.rglob("*") if p.is_file() and b"sk-do-not-write" in p.read_bytes()]
    assert written == []  # nothing in plain text on disk
    assert SecretStore().get("azure-1") is None  # gone when Penwright quits
    keyring.set_keyring(MemoryKeyring())
    assert store.retry() is True and SecretStore().get("azure-1") == "sk-do-not-write"


class HangingKeyring(MemoryKeyring):
    """A keychain whose ``set_password`` does not answer until the test lets it (a locked
    Secret Service waiting for a prompt nobody sees)."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.answered = threading.Event()

    def set_password(self, service: str, username: str, password: str) -> None:
        self.release.wait(60)
        super().set_password(service, username, password)
        self.answered.set()


def test_a_hanging_keychain_does_not_freeze(use_keyring: None) -> None:
    """Certain, not timed: the keychain cannot answer before the test releases it, so a
    ``set`` that returns before the release (nothing stored yet) did not wait for it."""
    backend = HangingKeyring()
    keyring.set_keyring(backend)
    store = SecretStore(timeout=0.5)
    try:
        assert store.set("p", "k") is False
        assert not backend.answered.is_set() and backend.items == {}  # still hanging
        assert store.problem is not None and "did not answer" in store.problem
        assert store.get("p") == "k"
    finally:
        backend.release.set()  # let the abandoned keychain call end
        assert backend.answered.wait(30)
