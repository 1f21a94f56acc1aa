"""Retries of remote requests: which answers are sent again, how long to wait, and the
tenacity-driven loop that yields a notice before each wait and gives up at once on Stop.

An answer of 429 or 5xx to the request itself is retried up to the provider's
``max_retries`` times with ``tenacity``, waiting as long as the server's ``retry-after-ms`` /
``Retry-After`` header says (seconds or an HTTP date), else an exponential backoff with
jitter (base 1 s, 2 s, 4 s … at most :data:`BACKOFF_CAP_SECONDS`). A server asking for more
than :data:`MAX_WAIT_SECONDS` is not retried (the SDK refuses such waits too). Connection
failures and timeouts are never retried (C26): an unreachable host should fail fast, and a
server that timed out after accepting the request may still be generating, so sending it
again would generate the reply twice. The SDK's own retries are off (``max_retries=0``):
only this loop decides.
"""

from __future__ import annotations

import email.utils
import math
import sys
import threading
import time
from collections.abc import Callable, Generator, Mapping
from datetime import timezone
from typing import Any, TypeVar, cast

from tenacity import (
    DoAttempt,
    DoSleep,
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)

from app.core.types import NoticeKind
from app.engines.base import CancelToken, Notice

T = TypeVar("T")

#: Longest backoff wait (s) when the server does not say how long to wait.
BACKOFF_CAP_SECONDS = 30.0
#: Longest single wait (s) before a retry; a server asking for longer is not retried.
MAX_WAIT_SECONDS = 60.0
#: Most retries a provider may ask for.
MAX_RETRIES = 10


def retry_after_seconds(headers: Mapping[str, str] | None, now: float | None = None) -> float | None:
    """Seconds the server asks the client to wait, from ``retry-after-ms`` (OpenAI and Azure
    send it) or ``Retry-After`` as seconds or an HTTP date (RFC 9110 §10.2.3); ``now`` is the
    epoch time to measure a date from (default: the clock). None when absent or unreadable;
    never negative. Header names are looked up in lower case (``httpx`` headers ignore case).
    """
    if headers is None:
        return None
    seconds: float | None = None
    milliseconds = headers.get("retry-after-ms")
    if milliseconds:
        try:
            seconds = float(milliseconds) / 1000
        except ValueError:
            seconds = None
    value = headers.get("retry-after")
    if seconds is None and value:
        try:
            seconds = float(value)
        except ValueError:
            try:
                when = email.utils.parsedate_to_datetime(value)
            except (TypeError, ValueError, IndexError):
                return None
            if when.tzinfo is None:
                when = when.replace(tzinfo=timezone.utc)
            seconds = when.timestamp() - (time.time() if now is None else now)
    if seconds is None or not math.isfinite(seconds):
        return None
    return max(0.0, seconds)


def status_of(exc: BaseException | None) -> int:
    """The HTTP status of an ``openai.APIStatusError``; 0 for anything else (or None)."""
    import openai

    return exc.status_code if isinstance(exc, openai.APIStatusError) else 0


def server_wait_seconds(exc: BaseException | None) -> float | None:
    """Seconds the server asked to wait in the answer behind ``exc`` (an
    ``openai.APIStatusError``; see :func:`retry_after_seconds`), else None."""
    import openai

    return retry_after_seconds(exc.response.headers) if isinstance(exc, openai.APIStatusError) else None


def should_retry(exc: BaseException) -> bool:
    """Whether an exception from opening a request is worth sending again: a 429 or a 5xx
    (not 501/505, which will not change), unless the server says ``x-should-retry: false``
    or asks for a wait over :data:`MAX_WAIT_SECONDS`. Connection errors and timeouts are not
    retried (an unreachable host should fail fast; a timed-out local server may still be
    generating)."""
    status = status_of(exc)
    if status != 429 and (status < 500 or status in (501, 505)):
        return False
    response = getattr(exc, "response", None)
    if response is not None and response.headers.get("x-should-retry", "").lower() == "false":
        return False
    wait = server_wait_seconds(exc)
    return wait is None or wait <= MAX_WAIT_SECONDS


def retry_wait(base_seconds: float) -> Callable[[RetryCallState], float]:
    """A tenacity ``wait=`` strategy: the server's Retry-After when it sends one, else
    ``base * 2**(n-1)`` plus up to ``base`` of random jitter after the n-th failed attempt,
    at most :data:`BACKOFF_CAP_SECONDS`; never over :data:`MAX_WAIT_SECONDS` (seconds)."""
    backoff = wait_exponential_jitter(multiplier=base_seconds, max=BACKOFF_CAP_SECONDS, jitter=base_seconds)

    def wait(state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome is not None else None
        server = server_wait_seconds(exc)
        return min(backoff(state) if server is None else server, MAX_WAIT_SECONDS)

    return wait


def _format_seconds(seconds: float) -> str:
    return f"{seconds:.0f}" if seconds >= 10 or seconds == int(seconds) else f"{seconds:.1f}"


def retry_message(exc: BaseException | None, seconds: float, attempt: int, attempts: int) -> str:
    """Plain words for a :class:`Notice` before a retry; ``attempt`` is the coming one (1-based)."""
    status = status_of(exc)
    why = "The server is rate-limiting requests (429)" if status == 429 else f"The server failed ({status})"
    return f"{why}; trying again in {_format_seconds(seconds)} s (attempt {attempt} of {attempts})."


class _Stopped(Exception):
    """Stop was pressed before the server answered the request."""


def call_cancellable(create: Callable[[], T], cancel: CancelToken) -> T:
    """``create()`` on a helper thread, given up at once when Stop is pressed.

    Until the server sends its response headers, the SDK blocks in ``create()`` (up to the
    read timeout) and there is no stream to close yet; so the request runs on a daemon
    thread and Stop returns at once. An abandoned request closes its stream when it
    finally returns. Raises ``_Stopped`` when cancelled, else whatever ``create`` raises.
    """
    done = threading.Event()
    outcome: list[Any] = []
    lock = threading.Lock()
    abandoned = [False]

    def run() -> None:
        try:
            value: Any = ("ok", create())
        except BaseException as exc:  # handed to the caller's thread below
            value = ("error", exc)
        with lock:
            outcome.append(value)
            late = abandoned[0]
        done.set()
        if late and value[0] == "ok" and hasattr(value[1], "close"):
            value[1].close()  # nobody reads it: free the connection

    # not a "penwright-*" name: an abandoned request may outlive the reply on purpose
    threading.Thread(target=run, name="remote-request", daemon=True).start()
    cancel.on_cancel(done.set)
    done.wait()
    with lock:
        if not outcome:
            abandoned[0] = True
            raise _Stopped
    kind, value = outcome[0]
    if kind == "error":
        raise value
    if cancel.is_cancelled() and hasattr(value, "close"):
        value.close()
        raise _Stopped
    return cast(T, value)


def open_with_retries(
    create: Callable[[], T], cancel: CancelToken, max_retries: int, retry_base_seconds: float = 1.0
) -> Generator[Notice, None, T | None]:
    """Call ``create`` until it succeeds, retrying as :func:`should_retry` allows.

    A generator: it yields a :class:`Notice` (kind 'retrying') before each wait and returns
    ``create()``'s result, or None when Stop was pressed during a wait. Use it with
    ``result = yield from open_with_retries(...)``. The last exception is raised when the
    retries are used up or it is not worth retrying.

    This drives tenacity's state machine (``Retrying.iter`` with ``DoAttempt``/``DoSleep``,
    as ``for attempt in Retrying(...)`` does inside) so the notice can be yielded between
    tenacity's decision to wait and the wait itself; the wait is tenacity's ``sleep=`` hook,
    here ``cancel.wait``, which Stop interrupts.
    """

    def sleep(seconds: float) -> None:
        cancel.wait(seconds)  # returns early when Stop is pressed

    retrying = Retrying(
        stop=stop_after_attempt(max_retries + 1),
        wait=retry_wait(retry_base_seconds),
        retry=retry_if_exception(should_retry),
        sleep=sleep,
        reraise=True,
    )
    retrying.begin()
    state = RetryCallState(retrying, fn=None, args=(), kwargs={})
    while True:
        action = retrying.iter(state)
        if isinstance(action, DoAttempt):
            try:
                result = call_cancellable(create, cancel)
            except _Stopped:
                return None
            except Exception:
                state.set_exception(sys.exc_info())  # type: ignore[arg-type]
            else:
                state.set_result(result)
        elif isinstance(action, DoSleep):
            if cancel.is_cancelled():  # Stop was pressed while the request was under way
                return None
            exc = state.outcome.exception() if state.outcome is not None else None
            message = retry_message(exc, float(action), state.attempt_number + 1, max_retries + 1)
            yield Notice(NoticeKind.RETRYING, message)
            state.prepare_for_next_attempt()
            retrying.sleep(action)
            if cancel.is_cancelled():
                return None
        else:
            return action
