"""Plain words for what went wrong with a remote server (``Failed.detail`` and message).

:func:`describe_error` maps an exception raised by the ``openai`` SDK (or by a stream it
could not parse) to a :data:`RemoteFailure` kind and a message that says what to do. The SDK
maps statuses to ``AuthenticationError`` 401, ``PermissionDeniedError`` 403,
``NotFoundError`` 404, ``RateLimitError`` 429, ``InternalServerError`` >= 500, and
connection failures to ``APIConnectionError`` (``APITimeoutError`` for timeouts) with the
``httpx`` error as ``__cause__``; an error body's ``error`` member becomes ``exc.body`` (a
dict, or a plain string as some Azure gateways send: C31).
"""

from __future__ import annotations

import json
import math
import ssl
from collections.abc import Callable
from typing import Any, Literal

from app.engines.remote_http import shown_proxy
from app.engines.remote_retry import server_wait_seconds

#: ``Failed.detail`` of remote engines.
RemoteFailure = Literal[
    "unreachable",  # no connection (refused, no route, connect timeout, a proxy that failed)
    "timeout",  # the server accepted the request, then sent nothing for the read timeout (C26)
    "tls",  # the TLS handshake failed (certificate not trusted, http server behind https://)
    "auth",  # 401: the key or token was refused
    "forbidden",  # 403: the key or identity may not do this
    "not_found",  # 404: unknown model, deployment or address
    "bad_request",  # 400/422: the server refused the parameters
    "rate_limited",  # 429 (after the retries)
    "server",  # 5xx (after the retries), another status, or an error event mid-stream
    "cut",  # the stream ended without a finish reason
    "protocol",  # the stream held something that is not JSON (C31)
    "content_filter",  # the provider's filter stopped the reply
    "internal",  # anything else
]
#: What authenticates the requests: an API key, or a Microsoft Entra ID bearer token (Azure).
Credential = Literal["key", "entra"]


def _in_chain(exc: BaseException, test: Callable[[BaseException], bool]) -> BaseException | None:
    """The first exception in ``exc``'s cause/context chain (``exc`` included) passing ``test``."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if test(current):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def _ssl_error(exc: BaseException) -> ssl.SSLError | None:
    """The ``ssl.SSLError`` in ``exc``'s cause/context chain (httpx wraps it twice), or None."""
    found = _in_chain(exc, lambda e: isinstance(e, ssl.SSLError))
    return found if isinstance(found, ssl.SSLError) else None


def _named(exc: BaseException, name: str) -> BaseException | None:
    """The ``httpx`` exception of class ``name`` (ConnectTimeout, ProxyError …) in the chain;
    matched by name so the SDK's ``httpx`` flavour (httpx or httpx2) does not matter."""
    return _in_chain(exc, lambda e: type(e).__name__ == name)


def _error_code(exc: Any) -> str:
    code = getattr(exc, "code", None)
    if code is None and isinstance(getattr(exc, "body", None), dict):
        code = exc.body.get("code")
    return str(code or "")


def server_text(exc: BaseException) -> str:
    """The server's own words in an error answer: the ``error`` member when it is a plain
    string (``{"error": "Deployment X not found"}``), else its ``message``; "" when absent."""
    body = getattr(exc, "body", None)
    if isinstance(body, str):
        return body.strip()
    if isinstance(body, dict) and isinstance(body.get("message"), str):
        return str(body["message"]).strip()
    return ""


def _seconds(value: float) -> str:
    return f"{value:g}"


def _protocol_message(exc: json.JSONDecodeError, what: str) -> str:
    piece = exc.doc.strip()
    shown = piece if len(piece) <= 60 else piece[:57] + "…"
    return (
        f"The server sent a piece of the reply that is not valid JSON (“{shown}”: {exc.msg}) while "
        f"{what}, so the reply stops there. The text so far is kept; regenerate to try again, and "
        "check that the address points to an OpenAI-compatible server."
    )


def describe_error(
    exc: BaseException,
    what: str,
    *,
    credential: Credential = "key",
    deployment: str | None = None,
    proxy: str | None = None,
    timeout: float | None = None,
    connect_timeout: float | None = None,
) -> tuple[RemoteFailure, str]:
    """(failure kind, plain words) for an ``openai`` exception raised while ``what`` (e.g.
    "sending the request").

    Args:
        credential: whether an API key or an Entra ID token was sent (for the 401/403 words).
        deployment: the Azure deployment name: every Azure 404 names it, and one whose code
            is ``DeploymentNotFound`` or whose text mentions a deployment says it is unknown.
        proxy: the proxy the request went through (:func:`app.engines.remote_http.proxy_for`),
            named (without credentials) in connection, timeout, 407 and 502-504 messages (C25).
        timeout, connect_timeout: the read and connect limits in seconds, for the words of a
            timeout (C26).
    """
    import openai

    via = f" through the proxy {shown_proxy(proxy)}" if proxy else ""
    if isinstance(exc, json.JSONDecodeError):
        return "protocol", _protocol_message(exc, what)
    if isinstance(exc, openai.APITimeoutError):
        if _named(exc, "ConnectTimeout") is not None:
            within = f" within {_seconds(connect_timeout)} s" if connect_timeout else ""
            return "unreachable", (
                f"The server did not accept a connection{via}{within} while {what}. Check the "
                "address and that the server is running."
            )
        limit = f"{_seconds(timeout)} s (this provider's timeout)" if timeout else "the provider's timeout"
        return "timeout", (
            f"The server{via} took the request but sent nothing for {limit} while {what}; the "
            "request was not sent again. A slow server (a long prompt on a modest computer) needs "
            "a longer timeout: raise it in the provider settings."
        )
    if isinstance(exc, openai.APIConnectionError):
        tls = _ssl_error(exc)
        if isinstance(tls, ssl.SSLCertVerificationError):
            reason = tls.verify_message or tls.reason or "not trusted"
            return "tls", (
                f"The server's certificate was not accepted ({reason}){via} while {what}. Check the "
                "address; a server with a self-signed or company certificate must have it added to "
                "this computer's trusted certificates (or named in SSL_CERT_FILE)."
            )
        if tls is not None:
            reason = tls.reason or str(tls)
            return "tls", (
                f"The secure (TLS) connection failed ({reason}){via} while {what}. If the server "
                "speaks plain HTTP, use an http:// address."
            )
        refused = _named(exc, "ProxyError")
        if proxy and refused is not None:
            return "unreachable", (
                f"The proxy {shown_proxy(proxy)} refused to connect to the server ({refused}) while "
                f"{what}. Check the proxy settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY)."
            )
        if proxy:
            return "unreachable", (
                f"The server cannot be reached{via} ({exc.__cause__ or exc}) while {what}. Check that "
                "the proxy is running, or list the server's host in NO_PROXY."
            )
        return "unreachable", f"The server cannot be reached ({exc.__cause__ or exc}) while {what}."
    return _describe_status(exc, what, credential=credential, deployment=deployment, proxy=proxy)


def _describe_status(
    exc: BaseException, what: str, *, credential: Credential, deployment: str | None, proxy: str | None
) -> tuple[RemoteFailure, str]:
    """:func:`describe_error` for answers with an HTTP status and errors inside a stream."""
    import openai

    entra = credential == "entra"
    if isinstance(exc, openai.AuthenticationError):
        if entra:
            return "auth", (
                "The Entra ID token was refused (401); get a new one (az account get-access-token "
                "--resource https://cognitiveservices.azure.com) and paste it in the provider settings."
            )
        return "auth", "The server refused the API key (401). Check the key in the provider settings."
    if isinstance(exc, openai.PermissionDeniedError):
        who = "The Entra ID identity" if entra else "The key"
        return "forbidden", f"{who} has no permission for this (403): {exc.message}"
    if isinstance(exc, openai.NotFoundError):
        text = server_text(exc)
        if deployment is not None:
            code = _error_code(exc)
            if code == "DeploymentNotFound" or "deployment" in text.lower():
                why = " DeploymentNotFound" if code == "DeploymentNotFound" else f": “{text}”"
                return "not_found", (
                    f"Azure has no deployment called “{deployment}” on this resource (404{why}). "
                    "Check the deployment name (Azure portal, Deployments)."
                )
            said = f": “{text}”" if text else ""
            return "not_found", (
                f"Azure does not know this address (404{said}). Check the endpoint, the deployment "
                f"name “{deployment}” and the api-version."
            )
        return "not_found", "The server does not know this model or address (404). Check the model name."
    if isinstance(exc, openai.RateLimitError):
        wait = server_wait_seconds(exc)
        later = f" Try again in {math.ceil(wait)} s." if wait is not None else " Try again later."
        return "rate_limited", f"The server is rate-limiting requests (429).{later}"
    through = f" The request went through the proxy {shown_proxy(proxy)}." if proxy else ""
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        if status == 407 and proxy:
            return "unreachable", (
                f"The proxy {shown_proxy(proxy)} asks for a sign-in (407) while {what}. Put the user "
                "name and password in the proxy address (HTTPS_PROXY), or list the host in NO_PROXY."
            )
        if status >= 500:
            via = through if status in (502, 503, 504) else ""
            return "server", f"The server failed ({status}). Try again later.{via}"
        if status in (400, 422):
            return "bad_request", f"The server refused the request ({status}): {exc.message}"
        return "server", f"The server answered {status}: {exc.message}"
    if isinstance(exc, openai.APIError):  # an error event inside the stream
        return "server", f"The server reported an error while {what}: {exc.message}"
    return "internal", f"The request failed: {exc}"
