"""Reading an OpenAI-style stream of chunks: finish reasons where servers put them, the
log-probabilities of each piece, and a Stop that interrupts a read the server keeps waiting.

Servers bend the protocol (C31): some put ``finish_reason`` only inside ``delta``
(:func:`finish_reason_of` looks there too); some end with ``[DONE]`` without the ``data:``
prefix, which the SDK's SSE decoder ignores as an unknown field, so the stream simply ends
when the server closes it and the finish reason already read decides; a chunk that is not
JSON makes the SDK raise ``json.JSONDecodeError``, which
:func:`app.engines.remote_errors.describe_error` words as kind 'protocol'.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from typing import Any

from app.engines.base import TokenLogprob


def finish_reason_of(choice: Any) -> str:
    """The finish reason of a chunk's choice ("" while the reply goes on): ``finish_reason``,
    else one a server put inside ``delta`` (the SDK keeps unknown fields as attributes)."""
    reason = getattr(choice, "finish_reason", None)
    if not reason:
        reason = getattr(getattr(choice, "delta", None), "finish_reason", None)
    return reason if isinstance(reason, str) else ""


def text_of(choice: Any, raw: bool) -> str:
    """The text a chunk's choice adds: ``text`` (raw completions) or ``delta.content`` (chat);
    "" when absent or not a string."""
    piece = getattr(choice, "text", None) if raw else getattr(getattr(choice, "delta", None), "content", None)
    return piece if isinstance(piece, str) else ""


def _best_first(pairs: Iterator[tuple[str, float]]) -> tuple[tuple[str, float], ...]:
    return tuple(sorted(pairs, key=lambda pair: -pair[1]))


def chat_logprobs(choice: Any) -> tuple[TokenLogprob, ...]:
    """Log-probabilities of a chat chunk's choice (``choice.logprobs.content``: objects with
    ``token``, ``logprob`` and ``top_logprobs``), or ()."""
    content = getattr(getattr(choice, "logprobs", None), "content", None) or ()
    return tuple(
        TokenLogprob(
            item.token,
            float(item.logprob),
            _best_first((top.token, float(top.logprob)) for top in item.top_logprobs or ()),
        )
        for item in content
    )


def completion_logprobs(choice: Any) -> tuple[TokenLogprob, ...]:
    """Log-probabilities of a raw completion chunk's choice (parallel lists
    ``logprobs.tokens``, ``token_logprobs`` and ``top_logprobs``: {token: logprob} dicts), or ()."""
    logprobs = getattr(choice, "logprobs", None)
    if logprobs is None or not logprobs.tokens:
        return ()
    values = logprobs.token_logprobs or []
    tops = logprobs.top_logprobs or []
    result = []
    for i, token in enumerate(logprobs.tokens):
        value = values[i] if i < len(values) else None
        if value is None:  # the first prompt token when echoing has none
            continue
        top = tops[i] if i < len(tops) and tops[i] else {}
        result.append(TokenLogprob(token, float(value), _best_first((k, float(v)) for k, v in top.items())))
    return tuple(result)


def _socket_of(stream: Any) -> socket.socket | None:
    """The socket under an SDK stream's response (the ``network_stream`` response extension
    of ``httpx``/``httpcore``), or None where the transport offers none."""
    response = getattr(stream, "response", None)
    extensions = getattr(response, "extensions", None) or {}
    network = extensions.get("network_stream")
    get_extra_info = getattr(network, "get_extra_info", None)
    sock = get_extra_info("socket") if callable(get_extra_info) else None
    return sock if isinstance(sock, socket.socket) else None


class Stopper:
    """A callback for :meth:`CancelToken.on_cancel` that ends a stream at once, from any
    thread, until :meth:`disarm` is called.

    ``stream.close()`` alone does not wake a thread blocked reading the socket (a server that
    sent its headers and is still working on a long prompt): the read would go on until the
    server sends something or the read timeout passes (C26). So the socket is shut down
    first (``shutdown`` wakes a blocked ``recv``; ``close`` does not), then the response is
    closed; the reading thread sees the connection end. Once the reader is done it calls
    :meth:`disarm`, so a late Stop cannot touch a connection the pool has handed to another
    request.
    """

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self._lock = threading.Lock()
        self._armed = True

    def __call__(self) -> None:
        with self._lock:
            if not self._armed:
                return
            sock = _socket_of(self._stream)
            if sock is not None:
                # OSError: already closed by the server or by the reader, nothing to wake.
                # socket.socket's own shutdown: ssl.SSLSocket's override also drops its TLS
                # state, which the reading thread is still using.
                with contextlib.suppress(OSError):
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)
            self._stream.close()

    def disarm(self) -> None:
        """The reader is done with the stream: later calls do nothing."""
        with self._lock:
            self._armed = False
