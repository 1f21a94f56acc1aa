"""A loopback HTTP server that answers every request with a script, for servers that
misbehave on purpose (cases C25, C26, C31): one that bends the streaming protocol, one that
takes the request and stays silent, a proxy that records what it is asked for.

Each request is recorded (:attr:`ScriptedServer.requests`) before the script runs; a script
that waits should wait on :attr:`ScriptedServer.release`, which is set when the server
closes, so no test leaves a thread waiting.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

#: How long a waiting script waits at most (s) when no test releases it.
LONGEST_WAIT = 60.0


@dataclass(frozen=True)
class Seen:
    """One request: method, target (a path, an absolute URL for a proxy, host:port for
    CONNECT), the Host header and the body."""

    method: str
    target: str
    host: str | None
    body: bytes


Script = Callable[["Handler", "ScriptedServer"], None]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        return None

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length", "0") or 0)
        body = self.rfile.read(length) if length else b""
        scripted = self.server.scripted
        with scripted.lock:
            scripted.requests.append(Seen(self.command, self.path, self.headers.get("Host"), body))
        scripted.script(self, scripted)
        self.close_connection = True

    do_GET = do_POST = do_CONNECT = _answer

    # --- answers scripts can give ------------------------------------------------------------

    def send_json(self, status: int, body: object) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)

    def start_stream(self) -> None:
        """Status 200 and event-stream headers; the body ends when the connection closes."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.flush()

    def send_raw(self, data: bytes) -> None:
        self.wfile.write(data)
        self.wfile.flush()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    scripted: ScriptedServer


class _Server6(_Server):
    address_family = socket.AF_INET6


@dataclass
class ScriptedServer:
    """``with ScriptedServer(script) as server:`` serves on ``host`` (127.0.0.1, or ::1) at a
    free port; :attr:`base_url` is ``http://HOST:PORT/v1``."""

    script: Script
    host: str = "127.0.0.1"
    requests: list[Seen] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __enter__(self) -> ScriptedServer:
        kind = _Server6 if ":" in self.host else _Server
        self.server = kind((self.host, 0), Handler)
        self.server.scripted = self
        self.thread = threading.Thread(
            target=self.server.serve_forever, args=(0.05,), name="scripted-server", daemon=True
        )
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    @property
    def address(self) -> str:
        """``host:port`` as it appears in a URL (IPv6 in brackets)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    @property
    def base_url(self) -> str:
        return f"http://{self.address}/v1"

    def count(self) -> int:
        with self.lock:
            return len(self.requests)


def chunk(content: str | None = None, finish: str | None = None, *, in_delta: bool = False) -> bytes:
    """One ``data:`` line of a chat stream: ``content`` as the delta's text, ``finish`` as the
    choice's ``finish_reason`` or, with ``in_delta``, only inside ``delta`` (C31)."""
    delta: dict[str, Any] = {} if content is None else {"content": content}
    choice: dict[str, Any] = {"index": 0, "delta": delta}
    if in_delta:
        delta["finish_reason"] = finish
    else:
        choice["finish_reason"] = finish
    body = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": "m", "choices": [choice]}
    return f"data: {json.dumps(body)}\n\n".encode()


ROLE = (
    b'data: {"id":"c1","object":"chat.completion.chunk","created":0,"model":"m",'
    b'"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}\n\n'
)
DONE = b"data: [DONE]\n\n"


def stream_of(*parts: bytes) -> Script:
    """A script that streams exactly ``parts`` and closes the connection."""

    def script(handler: Handler, _server: ScriptedServer) -> None:
        handler.start_stream()
        for part in parts:
            handler.send_raw(part)

    return script
