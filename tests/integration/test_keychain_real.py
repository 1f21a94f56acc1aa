"""API keys in a REAL Secret Service: gnome-keyring on a private D-Bus session bus that the
test starts (tests/helpers/secret_service.py), never the user's session bus or keychain.

Through :class:`app.storage.secrets.SecretStore` and keyring's own SecretService backend:
the key lands in the "login" collection under the documented service name, a new store
reads it back, delete removes it, and no file under PENWRIGHT_HOME holds it.

CI (``.ci/run`` installs gnome-keyring and sets CI=1) fails when gnome-keyring is missing;
a developer machine without it skips.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from app.storage.secrets import USERNAME, SecretStore, service_name
from tests.helpers.secret_service import (
    SecretService,
    SecretServiceError,
    missing_tools,
    private_secret_service,
)

PROVIDER = "openai-real-keychain"


@pytest.fixture
def secret_service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SecretService]:
    missing = missing_tools()
    if missing:
        message = f"gnome-keyring test needs {', '.join(missing)} (apt-get install dbus-daemon gnome-keyring)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; .ci/run installs them, so CI must not skip this test")
        pytest.skip(message)
    try:
        with private_secret_service(tmp_path / "secret-service") as service:
            # secretstorage/jeepney read this when they connect (keyring connects per call)
            monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", service.address)
            yield service
    except SecretServiceError as exc:
        pytest.fail(f"could not start a private gnome-keyring Secret Service: {exc}")


def _items(address: str, provider_id: str) -> list[tuple[str, bytes, dict[str, str]]]:
    """(item path, secret, attributes) of the items the Secret Service holds for the provider."""
    import secretstorage
    from jeepney.io.blocking import open_dbus_connection

    with open_dbus_connection(bus=address) as connection:
        return [
            (item.item_path, item.get_secret(), item.get_attributes())
            for item in secretstorage.search_items(
                connection, {"service": service_name(provider_id), "username": USERNAME}
            )
        ]


def test_key_lands_in_a_real_secret_service_and_nowhere_on_disk(
    secret_service: SecretService, penwright_home: Path
) -> None:
    from keyring.backends import SecretService as SecretServiceBackend

    assert os.environ["DBUS_SESSION_BUS_ADDRESS"] == secret_service.address  # the private bus only
    keyring.set_keyring(SecretServiceBackend.Keyring())  # the autouse fixture restores the previous one
    key = f"sk-real-{uuid.uuid4().hex}"

    store = SecretStore()
    assert store.set(PROVIDER, key) is True, store.problem
    assert store.problem is None
    assert SecretStore().get(PROVIDER) == key  # a new store (a restart) reads it back

    items = _items(secret_service.address, PROVIDER)
    assert len(items) == 1, items
    path, secret, attributes = items[0]
    assert secret == key.encode()
    assert attributes["service"] == "penwright:provider:openai-real-keychain"
    assert attributes["username"] == "api-key"
    # in the persistent login collection (the default alias), not the in-memory session one
    assert path.startswith("/org/freedesktop/secrets/collection/login/"), path
    assert secret_service.keyring_files, "gnome-keyring wrote no keyring file under the test folder"
    for file in secret_service.keyring_files:  # the keyring file is encrypted
        assert key.encode() not in file.read_bytes(), file

    store.delete(PROVIDER)
    assert store.problem is None
    assert _items(secret_service.address, PROVIDER) == []
    assert SecretStore().get(PROVIDER) is None
    store.delete(PROVIDER)  # deleting a missing key is quiet
    assert store.problem is None

    written = [p for p in penwright_home.rglob("*") if p.is_file() and key.encode() in p.read_bytes()]
    assert written == []
