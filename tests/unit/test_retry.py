"""The remote engines' retry rules (app.engines.openai_api): Retry-After parsing, which
answers are retried, the waits, and the tenacity-driven loop with its notices and Stop."""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Generator
from typing import Any

import httpx2
import openai
import pytest
from tenacity import RetryCallState, Retrying

from app.engines.base import CancelToken, Notice
from app.engines.openai_api import (
    BACKOFF_CAP_SECONDS,
    MAX_WAIT_SECONDS,
    open_with_retries,
    retry_after_seconds,
    retry_message,
    retry_wait,
    should_retry,
)

NOW = 1_800_000_000.0


def status_error(status: int, **headers: str) -> openai.APIStatusError:
    """The exception the SDK raises for an HTTP ``status`` answer with these headers."""
    request = httpx2.Request("POST", "http://127.0.0.1/v1/chat/completions")
    response = httpx2.Response(
        status, headers=headers, request=request, json={"error": {"code": str(status)}}
    )
    client = openai.OpenAI(api_key="x", base_url="http://127.0.0.1/v1")
    try:
        return client._make_status_error_from_response(response)
    finally:
        client.close()


def test_retry_after_in_seconds_milliseconds_and_http_dates() -> None:
    assert retry_after_seconds({"retry-after": "1"}) == 1.0
    assert retry_after_seconds({"retry-after": "2.5"}) == 2.5
    assert retry_after_seconds({"retry-after-ms": "1500", "retry-after": "9"}) == 1.5
    date = email.utils.formatdate(NOW + 30, usegmt=True)
    assert retry_after_seconds({"retry-after": date}, now=NOW) == pytest.approx(30)
    assert retry_after_seconds({"retry-after": email.utils.formatdate(NOW - 30, usegmt=True)}, now=NOW) == 0
    assert retry_after_seconds(httpx2.Headers({"Retry-After": "7"})) == 7.0  # any case
    for junk in ("soon", "", "nan", "inf"):
        assert retry_after_seconds({"retry-after": junk}) is None
    assert retry_after_seconds({}) is None and retry_after_seconds(None) is None


def test_only_429_and_5xx_are_retried() -> None:
    assert isinstance(status_error(429), openai.RateLimitError)
    assert (
        should_retry(status_error(429))
        and should_retry(status_error(503))
        and should_retry(status_error(500))
    )
    for status in (400, 401, 403, 404, 501):
        assert not should_retry(status_error(status))
    assert not should_retry(status_error(503, **{"x-should-retry": "false"}))
    assert should_retry(status_error(429, **{"retry-after": str(int(MAX_WAIT_SECONDS))}))
    assert not should_retry(status_error(429, **{"retry-after": str(int(MAX_WAIT_SECONDS) + 1)}))
    request = httpx2.Request("POST", "http://127.0.0.1/v1")
    assert not should_retry(openai.APIConnectionError(request=request))
    assert not should_retry(openai.APITimeoutError(request=request))


def state_after(exc: BaseException, attempt: int) -> RetryCallState:
    state = RetryCallState(Retrying(), fn=None, args=(), kwargs={})
    state.attempt_number = attempt
    state.set_exception((type(exc), exc, None))
    return state


def test_waits_follow_the_server_else_back_off_with_jitter() -> None:
    wait = retry_wait(1.0)
    for attempt in range(1, 9):
        seconds = wait(state_after(status_error(503), attempt))
        low = min(2.0 ** (attempt - 1), BACKOFF_CAP_SECONDS)
        assert low <= seconds <= min(low + 1, BACKOFF_CAP_SECONDS)
    assert wait(state_after(status_error(429, **{"retry-after": "5"}), 1)) == 5
    assert wait(state_after(status_error(429, **{"retry-after": "90"}), 1)) == MAX_WAIT_SECONDS
    assert retry_wait(0.0)(state_after(status_error(503), 3)) == 0


def test_retry_messages_name_the_cause_the_wait_and_the_attempt() -> None:
    assert retry_message(status_error(429), 5, 2, 3) == (
        "The server is rate-limiting requests (429); trying again in 5 s (attempt 2 of 3)."
    )
    assert retry_message(status_error(502), 0.25, 3, 3) == (
        "The server failed (502); trying again in 0.2 s (attempt 3 of 3)."
    )


def drive(gen: Generator[Notice, None, Any]) -> tuple[list[Notice], Any]:
    notices: list[Notice] = []
    while True:
        try:
            notices.append(next(gen))
        except StopIteration as stop:
            return notices, stop.value


def test_open_with_retries_yields_a_notice_before_each_wait() -> None:
    failures = [status_error(429, **{"retry-after": "0"}), status_error(503)]

    def create() -> str:
        if failures:
            raise failures.pop(0)
        return "stream"

    notices, result = drive(open_with_retries(create, CancelToken(), max_retries=2, retry_base_seconds=0.01))
    assert result == "stream" and [n.kind for n in notices] == ["retrying", "retrying"]
    assert "(429); trying again in 0 s (attempt 2 of 3)" in notices[0].message
    assert "(503)" in notices[1].message and "(attempt 3 of 3)" in notices[1].message


def test_open_with_retries_raises_the_last_error_when_used_up_or_not_worth_it() -> None:
    calls: list[int] = []

    def overloaded() -> str:
        calls.append(1)
        raise status_error(503)

    with pytest.raises(openai.InternalServerError):
        drive(open_with_retries(overloaded, CancelToken(), max_retries=2, retry_base_seconds=0))
    assert len(calls) == 3

    def refused() -> str:
        calls.append(1)
        raise status_error(401)

    calls.clear()
    with pytest.raises(openai.AuthenticationError):
        drive(open_with_retries(refused, CancelToken(), max_retries=5, retry_base_seconds=0))
    assert len(calls) == 1


class WatchedCancel(CancelToken):
    """A CancelToken that says when a wait begins and records each wait: (seconds asked
    for, whether Stop ended it; a wait that runs out returns False)."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting = threading.Event()
        self.waits: list[tuple[float | None, bool]] = []

    def wait(self, timeout: float | None = None) -> bool:
        self.waiting.set()
        stopped = super().wait(timeout)
        self.waits.append((timeout, stopped))
        return stopped


def test_stop_ends_a_wait_at_once_and_returns_none() -> None:
    """Ordered, not timed: Stop is pressed once the wait has begun (a timer could fire while
    the first request is still being made), the wait is recorded as ended by Stop, and 5 s
    from Stop to the return is far from both the few ms it takes and the 60 s asked for."""
    cancel = WatchedCancel()
    pressed: list[float] = []

    def limited() -> str:
        raise status_error(429, **{"retry-after": str(int(MAX_WAIT_SECONDS))})

    def press_stop() -> None:
        if cancel.waiting.wait(60):
            pressed.append(time.monotonic())
            cancel.cancel()

    presser = threading.Thread(target=press_stop, name="stop-button")
    presser.start()
    try:
        notices, result = drive(open_with_retries(limited, cancel, max_retries=3))
        returned = time.monotonic()
    finally:
        cancel.waiting.set()  # release the presser whatever happened
        presser.join(60)
    assert result is None and len(notices) == 1
    assert cancel.waits == [(MAX_WAIT_SECONDS, True)]  # the server's 60 s, ended by Stop
    assert pressed and returned - pressed[0] < 5.0
