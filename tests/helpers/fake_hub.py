"""A local HTTP server that speaks the part of the Hugging Face Hub protocol downloads use.

``HEAD``/``GET /{owner}/{name}/resolve/{revision}/{path}`` answer as huggingface.co does:

* an LFS file: ``X-Repo-Commit``, ``X-Linked-Etag`` (the sha256, quoted), ``X-Linked-Size``, and with
  ``redirect_to_cdn`` a 302 to ``http://localhost:{port}/cdn/{sha256}`` (another host name, as the
  Hub's CDN is) instead of the bytes;
* a small file kept in git (``lfs=False``): ``ETag`` is git's blob sha1 and there is no X-Linked-*;
* errors carry ``X-Error-Code`` like the Hub: ``RepoNotFound`` (401), ``RevisionNotFound`` and
  ``EntryNotFound`` (404), ``GatedRepo`` (401 without a token); a wrong token gets a plain 403.

``GET`` honours ``Range: bytes=N-`` (206 with ``Content-Range``, 416 past the end) and can be made to
misbehave: each GET of file bytes takes the first action of ``next_gets``, :class:`Drop` (send only
that many bytes, then close the connection) or :class:`Fail` (answer with that status);
``bytes_per_second`` throttles the body; ``honour_range=False`` ignores Range (200, whole file).
Every request is recorded in ``requests``.
"""

from __future__ import annotations

import hashlib
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import unquote

COMMIT = "0123456789abcdef0123456789abcdef01234567"
_RESOLVE = re.compile(r"^/(?P<repo>[^/]+/[^/]+)/resolve/(?P<rev>[^/]+)/(?P<file>.+)$")
_CDN = re.compile(r"^/cdn/(?P<sha>[0-9a-f]{64})$")
_PIECE = 16 * 1024


@dataclass
class FakeFile:
    data: bytes
    lfs: bool = True
    #: sha256 the server advertises; the real one unless a test wants a mismatch.
    advertised_sha256: str = ""

    def __post_init__(self) -> None:
        self.sha256 = hashlib.sha256(self.data).hexdigest()
        self.advertised_sha256 = self.advertised_sha256 or self.sha256
        self.git_sha1 = hashlib.sha1(b"blob %d\0" % len(self.data) + self.data).hexdigest()


@dataclass(frozen=True)
class Drop:
    """Send only ``after`` bytes of the body, then close the connection."""

    after: int


@dataclass(frozen=True)
class Fail:
    """Answer with this HTTP status and no body."""

    status: int


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]  # lower-case names

    @property
    def range_start(self) -> int | None:
        match = re.fullmatch(r"bytes=(\d+)-", self.headers.get("range", ""))
        return int(match.group(1)) if match else None


@dataclass
class FakeHub:
    redirect_to_cdn: bool = False
    #: Repo ids that need ``Authorization: Bearer <token>``, with the token.
    tokens: dict[str, str] = field(default_factory=dict)
    next_gets: list[Drop | Fail] = field(default_factory=list)
    bytes_per_second: float | None = None
    #: False: answer a Range request with the whole file (200), as some CDNs do.
    honour_range: bool = True
    files: dict[tuple[str, str], FakeFile] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def add_file(self, repo_id: str, filename: str, data: bytes, **kwargs: Any) -> FakeFile:
        file = FakeFile(data, **kwargs)
        self.files[(repo_id, filename)] = file
        return file

    @property
    def port(self) -> int:
        assert self._server is not None, "server not started"
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def content_gets(self) -> list[Request]:
        """The GET requests for file bytes (not HEAD, not redirected resolve calls)."""
        with self._lock:
            return [r for r in self.requests if r.method == "GET" and r.headers.get("x-fake-served") == "1"]

    def __enter__(self) -> FakeHub:
        self._server = _Server(("127.0.0.1", 0), _handler_for(self))
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="fake-hub", daemon=True
        )
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self._server is not None and self._thread is not None
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hangs up mid-transfer is what some tests do on purpose


def _handler_for(hub: FakeHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_HEAD(self) -> None:
            self._handle(body=False)

        def do_GET(self) -> None:
            self._handle(body=True)

        def _handle(self, body: bool) -> None:
            path = unquote(self.path.split("?", 1)[0])
            record = Request(self.command, path, {k.lower(): v for k, v in self.headers.items()})
            with hub._lock:
                hub.requests.append(record)
            if match := _CDN.fullmatch(path):
                file = next((f for f in hub.files.values() if f.sha256 == match["sha"]), None)
                if file is None:
                    return self._error(404, "EntryNotFound")
                return self._serve(file, body, record, {})
            match = _RESOLVE.fullmatch(path)
            if match is None:
                return self._error(404, None)
            repo, rev, name = match["repo"], match["rev"], match["file"]
            if not any(r == repo for r, _ in hub.files):
                return self._error(401, "RepoNotFound", "Repository not found")
            if repo in hub.tokens:
                auth = self.headers.get("Authorization")
                if auth is None:
                    return self._error(401, "GatedRepo", "Access to this model is restricted.")
                if auth != f"Bearer {hub.tokens[repo]}":
                    return self._error(403, None, "Invalid credentials in Authorization header")
            if rev not in ("main", COMMIT):
                return self._error(404, "RevisionNotFound", "Invalid rev id")
            file = hub.files.get((repo, name))
            if file is None:
                return self._error(404, "EntryNotFound", "Entry not found", {"X-Repo-Commit": COMMIT})
            meta = {"X-Repo-Commit": COMMIT}
            if file.lfs:
                meta |= {
                    "X-Linked-Etag": f'"{file.advertised_sha256}"',
                    "X-Linked-Size": str(len(file.data)),
                    "ETag": f'"{file.git_sha1}"',  # the Hub's ETag here is the LFS pointer's oid
                }
                if hub.redirect_to_cdn:
                    self.send_response(302)
                    self.send_header("Location", f"http://localhost:{hub.port}/cdn/{file.sha256}")
                    self.send_header("Content-Length", "0")
                    for key, value in meta.items():
                        self.send_header(key, value)
                    self.end_headers()
                    return None
            else:
                meta["ETag"] = f'"{file.git_sha1}"'
            return self._serve(file, body, record, meta)

        def _serve(self, file: FakeFile, body: bool, record: Request, meta: dict[str, str]) -> None:
            size = len(file.data)
            start = record.range_start if hub.honour_range else None
            if body:
                record.headers["x-fake-served"] = "1"
                with hub._lock:
                    action = hub.next_gets.pop(0) if hub.next_gets else None
                if isinstance(action, Fail):
                    return self._error(action.status, None, "Injected failure")
            else:
                action = None
            drop_after = action.after if isinstance(action, Drop) else None
            if start is not None and start >= size:
                return self._error(416, None, None, {"Content-Range": f"bytes */{size}"})
            self.send_response(206 if start is not None else 200)
            for key, value in meta.items():
                self.send_header(key, value)
            if start is not None:
                self.send_header("Content-Range", f"bytes {start}-{size - 1}/{size}")
            self.send_header("Content-Length", str(size - (start or 0)))
            self.send_header("Accept-Ranges", "bytes")
            self.send_header("Content-Type", "application/octet-stream")
            self.end_headers()
            if not body:
                return None
            data = file.data[start or 0 :]
            if drop_after is not None:
                data = data[:drop_after]
            try:
                for offset in range(0, len(data), _PIECE):
                    self.wfile.write(data[offset : offset + _PIECE])
                    if hub.bytes_per_second:
                        self.wfile.flush()
                        time.sleep(_PIECE / hub.bytes_per_second)
                self.wfile.flush()
            except OSError:  # the client hung up (a cancelled download)
                self.close_connection = True
                return None
            if drop_after is not None:
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
            return None

        def _error(
            self,
            status: int,
            code: str | None,
            message: str | None = None,
            extra: dict[str, str] | None = None,
        ) -> None:
            self.send_response(status)
            if code:
                self.send_header("X-Error-Code", code)
            if message:
                self.send_header("X-Error-Message", message)
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Handler
