"""How the remote engines reach a server: timeouts and proxies (cases C25, C26).

Timeouts (C26): the SDK's default is 600 s for everything (connect 5 s). We wait at most
:data:`CONNECT_TIMEOUT_SECONDS` for the TCP/TLS connection, so an unreachable host fails
fast, and the provider's own timeout for each read (the first byte of the answer, then
between streamed chunks), each write and a pooled connection, so a slow local server can be
given as long as it needs (the provider settings allow up to an hour).

Proxies (C25): ``httpx`` reads ``HTTPS_PROXY`` / ``HTTP_PROXY`` / ``ALL_PROXY`` and sends
everything through them unless ``NO_PROXY`` lists the host; with a company proxy set and no
``NO_PROXY``, a server on the same machine (``http://127.0.0.1:8080/v1``) would be asked for
through the proxy, which cannot reach the user's loopback. :func:`proxy_for` decides the
route once per engine with the standard library's reading of those variables
(``urllib.request.getproxies`` / ``proxy_bypass``, as ``httpx`` itself does), except that
loopback hosts (``localhost``, ``*.localhost``, 127.0.0.0/8, ``::1``) always go direct;
:func:`http_client` builds the SDK's ``httpx`` client with exactly that route, so the proxy
named in an error message (:func:`app.engines.remote_errors.describe_error`) is the one
really used.
"""

from __future__ import annotations

import ipaddress
import urllib.request
from typing import Any
from urllib.parse import urlsplit

#: Longest wait (s) for a TCP/TLS connection, so an unreachable host fails fast.
CONNECT_TIMEOUT_SECONDS = 10.0

#: ``httpx`` mounts that switch off the proxies it would read from the environment (its
#: environment mounts use exactly these keys; a mount of None means "connect directly").
_NO_ENVIRONMENT_PROXIES: dict[str, None] = {"all://": None, "http://": None, "https://": None}


def client_timeout(seconds: float, connect: float = CONNECT_TIMEOUT_SECONDS) -> Any:
    """The SDK timeout for ``seconds``: an ``httpx`` ``Timeout`` (the SDK re-exports it as
    ``openai.Timeout``) with read/write/pool ``seconds`` and connect ``min(connect, seconds)``
    (seconds). The SDK's own default is 600 s (connect 5 s)."""
    import openai

    return openai.Timeout(seconds, connect=min(connect, seconds))


def is_loopback_host(host: str | None) -> bool:
    """Whether ``host`` (a URL's host name, IPv6 with or without brackets) is this machine:
    ``localhost`` and names under ``.localhost`` (RFC 6761 §6.3), 127.0.0.0/8, ``::1`` and
    IPv4-mapped loopback (``::ffff:127.0.0.1``)."""
    if not host:
        return False
    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name.split("%", 1)[0])  # drop an IPv6 zone id
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def proxy_for(url: str) -> str | None:
    """The proxy requests to ``url`` go through, or None for a direct connection.

    None for loopback hosts (:func:`is_loopback_host`) whatever the environment says, and
    for hosts ``NO_PROXY`` lists; else the proxy for the URL's scheme (``HTTPS_PROXY`` for
    https, ``HTTP_PROXY`` for http, in either case, else ``ALL_PROXY``; on macOS and Windows
    also the system settings), as ``urllib.request.getproxies`` reads it, with ``http://``
    added when it has no scheme (as ``httpx`` does).
    """
    parts = urlsplit(url)
    host = parts.hostname
    if not host or is_loopback_host(host):
        return None
    proxies = urllib.request.getproxies()
    proxy = proxies.get(parts.scheme.lower()) or proxies.get("all")
    if not proxy or urllib.request.proxy_bypass(host):
        return None
    return proxy if "://" in proxy else f"http://{proxy}"


def shown_proxy(proxy: str) -> str:
    """``proxy`` without any user name or password, for messages: ``http://host:port``."""
    parts = urlsplit(proxy)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:  # a port out of range: show the address as written, less its user info
        port = ""
    return f"{parts.scheme}://{host}{port}"


def http_client(base_url: str, timeout: Any) -> Any:
    """The ``httpx`` client for a server at ``base_url``: the SDK's defaults
    (``openai.DefaultHttpxClient``: its connection limits, redirects followed), the given
    ``timeout`` and the route of :func:`proxy_for` (environment proxies switched off when it
    says direct, so a loopback server is never asked for through a proxy).

    Raises ValueError in plain words when the environment names a proxy ``httpx`` cannot use
    (e.g. ``socks5://`` without the ``socksio`` package).
    """
    import openai

    proxy = proxy_for(base_url)
    try:
        if proxy is None:
            return openai.DefaultHttpxClient(timeout=timeout, mounts=_NO_ENVIRONMENT_PROXIES)
        return openai.DefaultHttpxClient(timeout=timeout, proxy=proxy)
    except (ValueError, ImportError) as exc:
        raise ValueError(
            f"The proxy {shown_proxy(proxy or '')} set in the environment (HTTPS_PROXY, HTTP_PROXY "
            f"or ALL_PROXY) cannot be used: {exc}"
        ) from exc
