"""A loopback stand-in for Azure OpenAI (a cloud account cannot exist here) that speaks its
wire protocol: ``POST /openai/deployments/{name}/chat/completions?api-version=…`` with an
``api-key`` header or an Entra ID ``Authorization: Bearer`` token. It checks them and
forwards the body to an OpenAI-compatible server (llama.cpp's), or plays a scripted answer:
401, 403, 404 DeploymentNotFound, 429 with Retry-After, a stream cut mid-reply, an
empty-choices first chunk, a content_filter finish. With ``fail_times`` > 0 the next that
many requests are answered ``fail_status`` (with ``fail_headers``) before the mode applies,
as a rate-limited or overloaded resource does.
"""

from __future__ import annotations

import http.client
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

KEY = "azure-test-key"
TOKEN = "entra-test-token"
DEPLOYMENT = "penwright-chat"


@dataclass
class AzureShim:
    upstream_port: int
    mode: str = "forward"  # forward | 401 | 403 | 404 | 429 | cut | empty_first | content_filter
    seen: list[dict[str, Any]] = field(default_factory=list)
    fail_times: int = 0  # answer this many requests with fail_status first
    fail_status: int = 429
    fail_headers: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take_failure(self) -> bool:
        """True (and one fewer left) while scripted failures remain."""
        with self.lock:
            if self.fail_times <= 0:
                return False
            self.fail_times -= 1
            return True

    def __enter__(self) -> AzureShim:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.thread = threading.Thread(
            target=self.server.serve_forever, args=(0.05,), name="azure-shim", daemon=True
        )
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"


def _chunk(choices: list[dict[str, Any]], **extra: Any) -> bytes:
    body = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": "gpt", "choices": choices}
    body.update(extra)
    return f"data: {json.dumps(body)}\n\n".encode()


def _delta(text: str, finish: str | None = None) -> dict[str, Any]:
    return {"index": 0, "delta": {"content": text}, "finish_reason": finish}


def _handler(shim: AzureShim) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            return None

        def _error(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
            body = json.dumps({"error": {"code": code, "message": message}}).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def _stream(self, parts: list[bytes], done: bool = True) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            self.end_headers()
            for part in parts:
                self.wfile.write(part)
                self.wfile.flush()
            if done:
                self.wfile.write(b"data: [DONE]\n\n")
            self.close_connection = True

        def do_POST(self) -> None:
            url = urlsplit(self.path)
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            api_version = parse_qs(url.query).get("api-version", [None])[0]
            authorization = self.headers.get("Authorization")
            shim.seen.append(
                {
                    "path": url.path,
                    "api_version": api_version,
                    "api_key": self.headers.get("api-key"),
                    "authorization": authorization,
                }
            )
            if not api_version:
                self._error(404, "404", "Resource not found")  # what Azure answers without it
                return
            signed_in = self.headers.get("api-key") == KEY or authorization == f"Bearer {TOKEN}"
            if not signed_in or shim.mode == "401":
                self._error(401, "401", "Access denied due to invalid subscription key or token.")
                return
            if shim.mode == "403":
                self._error(403, "PermissionDenied", "The principal lacks the required data action.")
                return
            if url.path != f"/openai/deployments/{DEPLOYMENT}/chat/completions" or shim.mode == "404":
                self._error(404, "DeploymentNotFound", "The API deployment for this resource does not exist.")
                return
            if shim.take_failure():
                code = "429" if shim.fail_status == 429 else "ServiceUnavailable"
                self._error(shim.fail_status, code, "Scripted failure.", shim.fail_headers)
                return
            if shim.mode == "429":
                self._error(429, "429", "Rate limit reached.", {"Retry-After": "17"})
                return
            if shim.mode == "cut":
                self._stream([_chunk([_delta("Half a ")]), _chunk([_delta("reply")])], done=False)
                return
            if shim.mode == "content_filter":
                self._stream([_chunk([_delta("Some")]), _chunk([_delta("", "content_filter")])])
                return
            prefix = []
            if shim.mode == "empty_first":
                prefix = [
                    _chunk([], prompt_filter_results=[{"prompt_index": 0, "content_filter_results": {}}])
                ]
            request = json.loads(body)
            request["model"] = "smollm2"
            upstream = http.client.HTTPConnection("127.0.0.1", shim.upstream_port, timeout=120)
            upstream.request(
                "POST", "/v1/chat/completions", json.dumps(request), {"Content-Type": "application/json"}
            )
            response = upstream.getresponse()
            self.send_response(response.status)
            self.send_header("Content-Type", response.getheader("Content-Type", "text/event-stream"))
            self.send_header("Connection", "close")
            self.end_headers()
            for part in prefix:
                self.wfile.write(part)
            while chunk := response.read1(4096):
                self.wfile.write(chunk)
                self.wfile.flush()
            upstream.close()
            self.close_connection = True

    return Handler
