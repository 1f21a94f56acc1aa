"""The engine host process seen from the parent: start it (and reload the last model),
send requests and read replies over its pipe, notice a crash, stop or kill it."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnProcess
from pathlib import Path
from typing import Any

from app.core.types import ModelInfo
from app.engines.base import EngineError, EngineState
from app.engines.local.options import LoadOptions

#: Engine states passed to the ``on_state`` listener.
#: Every engine state's name (see :class:`~app.engines.base.EngineState`).
STATES = tuple(state.value for state in EngineState)

_CRASH_MESSAGE = (
    "The engine stopped unexpectedly (exit code {code}). Your text is kept; the engine "
    "restarts with the same model on the next request."
)


class HostProcess:
    """The host process behind a :class:`~app.engines.local.client.LocalEngine` and the
    engine state; not thread-safe by itself (the engine serialises with ``_lock``).

    Args:
        log_dir: folder for ``engine-host.log`` (the host's stderr and llama.cpp's log).
        on_state: called (from whatever thread changed it) with the new :class:`EngineState`.
    """

    def __init__(self, log_dir: Path, on_state: Callable[[EngineState], None] | None = None) -> None:
        self._log_path = Path(log_dir) / "engine-host.log"
        self._log_path.parent.mkdir(parents=True, exist_ok=True)
        self._on_state = on_state
        self._ctx = multiprocessing.get_context("spawn")
        self._cancel = self._ctx.Event()
        self._lock = threading.RLock()
        self._process: SpawnProcess | None = None
        self._conn: Connection | None = None
        self._model: ModelInfo | None = None
        self._spec: tuple[str, LoadOptions] | None = None  # last successful load
        self._closed = False
        self._loading = False
        self._load_cancelled = False
        self.restarts = 0
        self.state = EngineState.STOPPED

    @property
    def host_pid(self) -> int | None:
        """PID of the running host process, or None."""
        proc = self._process
        return proc.pid if proc is not None and proc.is_alive() else None

    def _kill_host(self) -> None:
        process = self._process
        if process is not None and process.is_alive():
            process.kill()

    def _set_state(self, state: str) -> None:
        """``state``: an :class:`EngineState` or its name; stored as the enum member."""
        self.state = EngineState(state)
        if self._on_state is not None:
            self._on_state(self.state)

    def _ensure_host(self) -> None:
        if self._closed:
            raise EngineError("internal", "The engine has been closed.")
        if self._process is not None and self._process.is_alive() and self._conn is not None:
            return
        try:
            self._start_host()
        except EngineError:
            self._set_state("crashed" if self._process is not None else "stopped")
            raise

    def _start_host(self) -> None:
        was_running = self._process is not None
        self._stop_host()
        self._set_state("starting")
        parent, child = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(
            target=_host_entry,
            args=(child, self._cancel, str(self._log_path)),
            name="penwright-engine-host",
            daemon=True,
        )
        process.start()
        child.close()  # so the parent sees EOF when the host dies
        self._process, self._conn = process, parent
        kind, payload = self._recv_or_crash()
        if kind != "ready":
            raise EngineError("internal", payload["message"], payload.get("detail", ""))
        if was_running:
            self.restarts += 1
        if self._spec is not None:
            path, options = self._spec
            self._model = None
            self._set_state("loading")
            try:
                kind, payload = self._call("load", options.to_args(path))
            except EngineError:
                self._spec = None  # this model kills the host: do not try it again and again
                raise
            if kind == "error":
                self._spec = None
                raise EngineError(payload["kind"], load_message(payload, path), payload["detail"])
            self._model = ModelInfo(**payload)
        self._set_state("ready" if self._model else "stopped")

    def _restart_quietly(self) -> None:
        try:
            self._ensure_host()
        except EngineError:
            self._model = None

    def _send(self, op: str, args: dict[str, Any]) -> Connection:
        assert self._conn is not None
        try:
            self._conn.send((op, args))
        except (BrokenPipeError, OSError):
            raise self._crashed() from None
        return self._conn

    def _recv_or_crash(self) -> tuple[str, Any]:
        assert self._conn is not None
        try:
            message: tuple[str, Any] = self._conn.recv()
            return message
        except (EOFError, OSError):
            raise self._crashed() from None

    def _call(self, op: str, args: dict[str, Any]) -> tuple[str, Any]:
        self._send(op, args)
        return self._recv_or_crash()

    def _crashed(self) -> EngineError:
        process = self._process
        code: int | None = None
        if process is not None:
            process.join(timeout=2)
            code = process.exitcode
        if self._conn is not None:
            self._conn.close()
        self._conn = None
        self._model = None
        self._set_state("crashed")
        return EngineError("crashed", _CRASH_MESSAGE.format(code=code), self._log_tail())

    def _stop_host(self) -> None:
        process, conn = self._process, self._conn
        self._process, self._conn = None, None
        if conn is not None:
            with contextlib.suppress(BrokenPipeError, OSError):
                conn.send(("shutdown", {}))
            conn.close()
        if process is not None:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join(timeout=5)

    def _log_tail(self, limit: int = 4000) -> str:
        try:
            with open(self._log_path, "rb") as fh:
                fh.seek(0, os.SEEK_END)
                fh.seek(max(0, fh.tell() - limit))
                return fh.read().decode("utf-8", errors="replace")
        except OSError:
            return ""


def load_message(payload: dict[str, Any], path: str) -> str:
    """The plain-words message for a failed ``load`` (the host's error ``payload``) of ``path``."""
    name = os.path.basename(path)
    kind = payload["kind"]
    if kind == "not_gguf":
        return f"“{name}” is not a GGUF model file. Choose a .gguf file."
    if kind == "damaged":
        return f"“{name}” is incomplete or damaged. Download it again or choose another model."
    return f"llama.cpp could not load “{name}”: {payload['message']}"


def _host_entry(conn: Connection, cancel: Any, log_path: str) -> None:
    """The host process's entry (pickled by name for the spawn context): imports the host's
    code there, so the window's process never loads it (a faster start, less memory).

    SIGINT is ignored: a terminal's Ctrl+C reaches the whole process group, and the host
    answers to its client only (Stop, shutdown), so ``penwright chat``'s Ctrl+C stops a reply
    without killing the engine."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from app.engines.local.host import host_main

    host_main(conn, cancel, log_path)
