"""Drive ``penwright`` (``python -m app``) in a subprocess and wait on what it prints.

Two reader threads collect stdout and stderr as bytes; tests wait on conditions over them
with a deadline (never a fixed sleep)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[2]


class CliProcess:
    """``python -m app ARGS`` with pipes; ``out``/``err`` hold what it printed so far (UTF-8).

    Args:
        args: the command line after ``penwright``.
        env: the environment (default: this process's).
        new_session: start it in its own process group, so :meth:`ctrl_c` can signal the
            whole group as a terminal's Ctrl+C does (the engine host included).
    """

    def __init__(self, *args: str, env: dict[str, str] | None = None, new_session: bool = False) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "app", *args],
            cwd=ROOT,
            env=env if env is not None else dict(os.environ),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=new_session,
        )
        self._out = bytearray()
        self._err = bytearray()
        self._changed = threading.Condition()
        self._readers = [
            threading.Thread(target=self._read, args=(self.process.stdout, self._out), daemon=True),
            threading.Thread(target=self._read, args=(self.process.stderr, self._err), daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    def _read(self, pipe: IO[bytes] | None, into: bytearray) -> None:
        assert pipe is not None
        while chunk := os.read(pipe.fileno(), 65536):
            with self._changed:
                into.extend(chunk)
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    @property
    def out(self) -> str:
        with self._changed:
            return self._out.decode("utf-8", "replace")

    @property
    def err(self) -> str:
        with self._changed:
            return self._err.decode("utf-8", "replace")

    @property
    def raw_out(self) -> bytes:
        with self._changed:
            return bytes(self._out)

    def wait_for(self, condition: Callable[[], bool], timeout: float, what: str) -> None:
        """Wait until ``condition()`` holds; fail with ``what`` and the output otherwise
        (also when the process ends first)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                if condition():
                    return
                if self.process.poll() is not None and not any(r.is_alive() for r in self._readers):
                    if condition():
                        return
                    raise AssertionError(
                        f"exited ({self.process.returncode}) before {what}\n--- stdout\n{self.out}\n"
                        f"--- stderr\n{self.err}"
                    )
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"no {what} within {timeout} s\n--- stdout\n{self.out}\n--- stderr\n{self.err}"
                    )
                self._changed.wait(min(left, 0.5))

    def send(self, text: str) -> None:
        """Type a line (UTF-8) on its stdin."""
        assert self.process.stdin is not None
        self.process.stdin.write(text.encode("utf-8") + b"\n")
        self.process.stdin.flush()

    def end_input(self) -> None:
        """Ctrl+D: close its stdin."""
        assert self.process.stdin is not None
        self.process.stdin.close()

    def ctrl_c(self) -> None:
        """SIGINT to its process group, as a terminal's Ctrl+C (needs ``new_session``)."""
        os.killpg(self.process.pid, signal.SIGINT)

    def finish(self, timeout: float) -> int:
        """Wait for it to exit; returns the exit status (kills it after ``timeout``)."""
        try:
            return self.process.wait(timeout=timeout)
        finally:
            self.close()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for reader in self._readers:
            reader.join(timeout=10)
        for pipe in (self.process.stdin, self.process.stdout, self.process.stderr):
            if pipe is not None and not pipe.closed:
                pipe.close()
