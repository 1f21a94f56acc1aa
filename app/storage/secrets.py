"""API keys in the operating system's keychain (``keyring``), never in a file.

Each provider's key is stored under the service name ``penwright:provider:<provider id>``
with the user name ``api-key``. Keychain calls run on a worker thread with a timeout, so a
keychain that hangs (a locked Secret Service waiting for a prompt) cannot freeze the window.

Case C13: where no usable backend exists (a headless Linux without Secret Service), the key
is kept in memory until Penwright quits, :attr:`SecretStore.problem` says why in plain words,
and nothing is written to disk; :meth:`SecretStore.retry` tries the keychain again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

SERVICE_PREFIX = "penwright:provider:"
USERNAME = "api-key"
#: Seconds a keychain call may take before it is given up (the key stays in memory).
KEYRING_TIMEOUT = 5.0

T = TypeVar("T")


class KeychainUnavailable(RuntimeError):
    """The keychain cannot be used; the message says why."""


def service_name(provider_id: str) -> str:
    return f"{SERVICE_PREFIX}{provider_id}"


def _with_timeout(call: Callable[[], T], timeout: float) -> T:
    result: list[T] = []
    error: list[BaseException] = []

    def run() -> None:
        try:
            result.append(call())
        except BaseException as exc:  # handed to the caller's thread below
            error.append(exc)

    # named apart from "penwright-*" threads: a hung call is abandoned on purpose (daemon)
    thread = threading.Thread(target=run, name="keyring-call", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise KeychainUnavailable(f"The system keychain did not answer within {timeout:.0f} s.")
    if error:
        raise error[0]
    return result[0]


class SecretStore:
    """Keys by provider id: the OS keychain, or memory when it cannot be used."""

    def __init__(self, timeout: float = KEYRING_TIMEOUT) -> None:
        self.timeout = timeout
        self._memory: dict[str, str] = {}
        #: plain words (English) for the last keychain problem, None when it works
        self.problem: str | None = None
        #: the same as a kind the UI translates: 'no_backend', 'refused', 'unreadable',
        #: 'delete_failed' or 'timeout' ('' when there is no problem); the exception's words
        #: are in :attr:`problem_detail`
        self.problem_kind = ""
        self.problem_detail = ""

    def _set_problem(self, kind: str, message: str | None, detail: str = "") -> None:
        self.problem, self.problem_kind, self.problem_detail = message, kind, detail

    def in_memory(self, provider_id: str) -> bool:
        """True if the key of ``provider_id`` is kept in memory only (not in the keychain)."""
        return provider_id in self._memory

    def _keyring_ok(self) -> bool:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring):
            self._set_problem(
                "no_backend",
                "No system keychain is available (on Linux, install and unlock a Secret Service "
                "such as GNOME Keyring or KWallet). The key is kept only until Penwright quits.",
            )
            return False
        return True

    def set(self, provider_id: str, key: str) -> bool:
        """Store ``key``; True if it went to the keychain, False if it is kept in memory
        (then :attr:`problem` says why)."""
        import keyring

        self._memory[provider_id] = key
        if not self._keyring_ok():
            return False
        try:
            _with_timeout(
                lambda: keyring.set_password(service_name(provider_id), USERNAME, key), self.timeout
            )
        except Exception as exc:
            kind = "timeout" if isinstance(exc, KeychainUnavailable) else "refused"
            self._set_problem(
                kind,
                f"The system keychain refused the key ({exc}). It is kept until Penwright quits.",
                str(exc),
            )
            return False
        self._memory.pop(provider_id, None)
        self._set_problem("", None)
        return True

    def get(self, provider_id: str) -> str | None:
        if provider_id in self._memory:
            return self._memory[provider_id]
        if not self._keyring_ok():
            return None
        import keyring

        try:
            return _with_timeout(
                lambda: keyring.get_password(service_name(provider_id), USERNAME), self.timeout
            )
        except Exception as exc:
            kind = "timeout" if isinstance(exc, KeychainUnavailable) else "unreadable"
            self._set_problem(kind, f"The system keychain could not be read ({exc}).", str(exc))
            return None

    def delete(self, provider_id: str) -> None:
        self._memory.pop(provider_id, None)
        if not self._keyring_ok():
            return
        import keyring
        from keyring.errors import PasswordDeleteError

        try:
            _with_timeout(lambda: keyring.delete_password(service_name(provider_id), USERNAME), self.timeout)
        except PasswordDeleteError:
            pass
        except Exception as exc:
            self._set_problem(
                "delete_failed", f"The system keychain could not delete the key ({exc}).", str(exc)
            )

    def retry(self) -> bool:
        """Move keys kept in memory to the keychain, if it works now; True if all moved
        (with none kept in memory: True if the keychain is usable now)."""
        if not self._memory:
            if not self._keyring_ok():
                return False
            self._set_problem("", None)
            return True
        return all([self.set(pid, key) for pid, key in list(self._memory.items())])
