"""A real Secret Service for tests: gnome-keyring on a private D-Bus session bus.

:func:`private_secret_service` starts ``dbus-daemon`` with a configuration of its own (no
service directories, so nothing is D-Bus-activated behind our back, and never the user's
session bus), then ``gnome-keyring-daemon --foreground --components=secrets --unlock`` with
the login password on stdin, which creates and unlocks the "login" collection (the
``default`` alias). HOME and the XDG folders of the keyring daemon point into the test's
folder, so its keyring files are written there, not in the real home. Both processes are
stopped on exit.

The caller points ``DBUS_SESSION_BUS_ADDRESS`` at :attr:`SecretService.address`
(secretstorage and jeepney read it when they connect).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

SECRETS_NAME = "org.freedesktop.secrets"
#: Programs the fixture runs (Debian/Ubuntu packages: dbus-daemon, gnome-keyring).
TOOLS = ("dbus-daemon", "gnome-keyring-daemon")
PASSWORD = "penwright-test-login"
START_TIMEOUT = 10.0

_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


class SecretServiceError(RuntimeError):
    """The private Secret Service could not be started; the message says why."""


def missing_tools() -> list[str]:
    """The programs of :data:`TOOLS` that are not on PATH."""
    return [tool for tool in TOOLS if shutil.which(tool) is None]


@dataclass(frozen=True)
class SecretService:
    address: str  # the private bus, for DBUS_SESSION_BUS_ADDRESS
    data_home: Path  # the keyring daemon's XDG_DATA_HOME (keyrings/login.keyring)
    dbus_pid: int
    keyring_pid: int

    @property
    def keyring_files(self) -> list[Path]:
        return sorted(p for p in (self.data_home / "keyrings").glob("*") if p.is_file())


def _tail(path: Path, limit: int = 2000) -> str:
    try:
        return path.read_text(errors="replace")[-limit:].strip() or "(no output)"
    except OSError:
        return "(no log)"


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def _name_has_owner(address: str, name: str) -> bool:
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection

    with open_dbus_connection(bus=address) as connection:
        reply = connection.send_and_get_reply(message_bus.NameHasOwner(name), timeout=2)
    return bool(reply.body[0])


def _default_collection_unlocked(address: str) -> bool:
    import secretstorage
    from jeepney.io.blocking import open_dbus_connection

    with open_dbus_connection(bus=address) as connection:
        collection = secretstorage.get_default_collection(connection)
        return not collection.is_locked()


@contextmanager
def private_secret_service(folder: Path, password: str = PASSWORD) -> Iterator[SecretService]:
    """Start gnome-keyring on a private session bus; yields once the default ("login")
    collection exists and is unlocked. Raises SecretServiceError with the daemons' output."""
    missing = missing_tools()
    if missing:
        raise SecretServiceError(
            f"not installed: {', '.join(missing)} (apt-get install dbus-daemon gnome-keyring)"
        )
    folder.mkdir(parents=True, exist_ok=True)
    home, data, config, cache = (folder / name for name in ("home", "data", "config", "cache"))
    for path in (home, data, config, cache):
        path.mkdir(exist_ok=True)
    with ExitStack() as stack:
        # A unix socket path must stay under ~108 bytes: a short folder of its own, not tmp_path.
        runtime = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="pw-bus-")))
        runtime.chmod(0o700)
        bus_config = folder / "bus.conf"
        bus_config.write_text(_BUS_CONFIG.format(socket=runtime / "bus"), encoding="utf-8")
        dbus_log = folder / "dbus-daemon.log"
        with open(dbus_log, "wb") as err:
            dbus = subprocess.Popen(
                ["dbus-daemon", f"--config-file={bus_config}", "--nofork", "--print-address=1"],
                stdout=subprocess.PIPE,
                stderr=err,
                stdin=subprocess.DEVNULL,
            )
        stack.callback(_stop, dbus)
        assert dbus.stdout is not None
        address = dbus.stdout.readline().decode().strip()  # '' if it exited
        dbus.stdout.close()
        if not address:
            raise SecretServiceError(f"dbus-daemon did not start: {_tail(dbus_log)}")

        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("DISPLAY", "WAYLAND_DISPLAY", "GNOME_KEYRING_CONTROL", "SSH_AUTH_SOCK")
        }
        env |= {
            "HOME": str(home),
            "XDG_DATA_HOME": str(data),
            "XDG_CONFIG_HOME": str(config),
            "XDG_CACHE_HOME": str(cache),
            "XDG_RUNTIME_DIR": str(runtime),
            "DBUS_SESSION_BUS_ADDRESS": address,
        }
        keyring_log = folder / "gnome-keyring.log"
        with open(keyring_log, "wb") as out:
            daemon = subprocess.Popen(
                ["gnome-keyring-daemon", "--foreground", "--components=secrets", "--unlock"],
                stdin=subprocess.PIPE,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
            )
        stack.callback(_stop, daemon)
        assert daemon.stdin is not None
        daemon.stdin.write(password.encode())
        daemon.stdin.close()  # --unlock reads the login password up to end of input

        deadline = time.monotonic() + START_TIMEOUT
        last_error: Exception | None = None
        while True:
            if daemon.poll() is not None:
                raise SecretServiceError(
                    f"gnome-keyring-daemon exited ({daemon.returncode}): {_tail(keyring_log)}"
                )
            try:
                if _name_has_owner(address, SECRETS_NAME) and _default_collection_unlocked(address):
                    break
            except Exception as exc:  # not ready yet: no collection, or the name not owned
                last_error = exc
            if time.monotonic() > deadline:
                raise SecretServiceError(
                    f"gnome-keyring did not provide an unlocked default collection on the private bus "
                    f"within {START_TIMEOUT:.0f} s (last error: {last_error!r}): {_tail(keyring_log)}"
                )
            time.sleep(0.05)
        yield SecretService(address=address, data_home=data, dbus_pid=dbus.pid, keyring_pid=daemon.pid)
