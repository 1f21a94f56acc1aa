"""The engine host's entry point and message loop (see :mod:`app.engines.local.host` for
the wire protocol)."""

from __future__ import annotations

import os
import sys
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Event
from typing import Any

from app.engines.local.host.generation import GenerationMixin
from app.engines.local.host.loading import LoadingMixin
from app.engines.local.host.scoring import ScoringMixin


class Host(LoadingMixin, GenerationMixin, ScoringMixin):
    """The whole host: one object per host process, serving one request at a time."""


def host_main(conn: Connection, cancel: Event, log_path: str) -> None:
    """Entry point of the host process. Serves requests until ``shutdown`` or EOF."""
    log = open(log_path, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 - lives as long as the process
    # Native crash messages (GGML_ASSERT, abort) go to fd 2: keep them in the log file.
    os.dup2(log.fileno(), 2)
    sys.stderr = log
    log.write(f"--- engine host {os.getpid()} started {time.ctime()}\n")
    try:
        host = Host(conn, cancel, log)
    except Exception:
        conn.send(
            (
                "error",
                {
                    "kind": "internal",
                    "message": "The engine could not start.",
                    "detail": traceback.format_exc(),
                },
            )
        )
        return
    conn.send(("ready", {"pid": os.getpid()}))
    handlers: dict[str, Callable[[dict[str, Any]], None]] = {
        "load": host.load,
        "generate": host.generate,
        "tokenize": host.tokenize,
        "score": host.score,
        "unload": lambda _args: host.unload(),
        "system_info": lambda _args: host.send("system_info", host.system_info()),
    }
    while True:
        try:
            op, args = conn.recv()
        except (EOFError, OSError):
            break
        if op == "shutdown":
            break
        handler = handlers.get(op)
        try:
            if handler is None:
                host.error("internal", f"Unknown request {op!r}.")
            else:
                handler(args)
        except Exception as exc:
            log.write(traceback.format_exc())
            host.error("internal", f"The engine failed: {exc}", traceback.format_exc())
    if host.llm is not None:
        host.llm.close()
