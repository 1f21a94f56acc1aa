"""Whole-process behaviour: the CLI, the GUI killed mid-reply (C14), no display, screenshots."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.storage.history import HistoryStore
from app.storage.paths import Paths

ROOT = Path(__file__).resolve().parents[2]


def penwright(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        env=env or dict(os.environ),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_cli_models_lists_the_default_model() -> None:
    result = penwright("models")
    assert result.returncode == 0, result.stderr
    assert "smollm2-135m-instruct-q4_1" in result.stdout and result.stdout.startswith("*")


def test_cli_ask_streams_an_answer_to_stdout() -> None:
    result = penwright(
        "ask", "What is the capital of France?", "--temperature", "0", "--max-tokens", "24", "--seed", "7"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert "seed 7" in result.stderr and "tok/s" in result.stderr


def test_cli_reports_a_bad_model_file_without_a_traceback(tmp_path: Path) -> None:
    fake = tmp_path / "x.gguf"
    fake.write_text("hello")
    result = penwright("ask", "hi", "--model", str(fake))
    assert result.returncode == 2
    assert "not a GGUF model file" in result.stderr and "Traceback" not in result.stderr


def test_no_display_points_to_the_cli_instead_of_a_qt_traceback() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = penwright(env=env, timeout=60)
    assert result.returncode == 2
    assert "no display" in result.stderr and 'penwright ask "' in result.stderr
    assert "Traceback" not in result.stderr


def _driver(mode: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.gui_driver", mode],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def _stop(process: subprocess.Popen[str]) -> None:
    """Kill the driver if it still runs and close its pipe."""
    if process.poll() is None:
        process.kill()
        process.wait()
    if process.stdout is not None:
        process.stdout.close()


def _wait_for_line(process: subprocess.Popen[str], wanted: str, timeout: float) -> None:
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            raise AssertionError(f"driver exited with {process.returncode} before {wanted!r}")
        if line.strip() == wanted:
            return
    raise AssertionError(f"no {wanted!r} within {timeout} s")


@pytest.mark.parametrize("attempt", [1])
def test_c14_gui_killed_during_a_reply_loses_no_finished_message(attempt: int, penwright_home: Path) -> None:
    """C14: three exchanges, then SIGKILL of the GUI process while the fourth reply streams.
    Any kill moment will do: the driver says STREAMING only once the partial row has text."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    process = _driver("stream", env)
    try:
        _wait_for_line(process, "STREAMING", timeout=180)
        time.sleep(random.Random(attempt).uniform(0.0, 1.5))  # a random moment of the stream
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        _stop(process)
    store = HistoryStore(Paths.from_env().history_db)
    try:
        assert store.integrity_check() == "ok"
        assert store.recovered == 1  # the reply that was streaming
        (conversation,) = store.list_conversations()
        thread = store.thread(conversation.id)
        roles = [m.role for m in thread]
        assert roles == ["user", "assistant"] * 4
        finished = [m for m in thread[:-1] if m.role == "assistant"]
        assert all(not m.is_partial and m.finish_reason in ("stop", "length") and m.content for m in finished)
        cut = thread[-1]
        assert cut.is_partial and cut.finish_reason == "interrupted" and cut.content
    finally:
        store.close()


def test_c14_twenty_kills_at_random_moments_lose_nothing(penwright_home: Path) -> None:
    """C14, issue 5: the GUI SIGKILLed at a random moment of a streaming reply, 20 times in
    a row on the same history: every finished message survives unchanged, each cut reply is
    kept and marked, and the database passes integrity_check every time. Any kill moment
    will do: the driver says STREAMING only once the partial row has text."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PENWRIGHT_DRIVER_EXCHANGES="1")
    rng = random.Random(20)
    finished: dict[int, str] = {}  # message id -> text of every finished message so far
    for round_ in range(1, 21):
        process = _driver("stream", env)
        try:
            _wait_for_line(process, "STREAMING", timeout=180)
            time.sleep(rng.uniform(0.0, 1.5))
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
        finally:
            _stop(process)
        store = HistoryStore(Paths.from_env().history_db)
        try:
            assert store.integrity_check() == "ok", f"round {round_}"
            assert store.recovered == 1, f"round {round_}: the cut reply was not found"
            messages = [m for c in store.list_conversations() for m in store.all_messages(c.id)]
            now = {m.id: m.content for m in messages if not m.is_partial}
            lost = {i: t for i, t in finished.items() if now.get(i) != t}
            assert not lost, f"round {round_}: finished messages changed or lost: {lost}"
            # each round adds a user message and a finished reply, then the long question
            assert len(now) == len(finished) + 3, f"round {round_}"
            cut = [m for m in messages if m.is_partial]
            assert len(cut) == round_ and all(m.finish_reason == "interrupted" for m in cut)
            finished = now
        finally:
            store.close()


def _start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """Start Xvfb on a display number it picks itself (``-displayfd``: no clash with a display
    in use) and return once it says it is ready, not after a guessed pause."""
    import select

    ready, write_end = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    said = b""
    try:
        deadline = time.monotonic() + 60
        while not said.endswith(b"\n"):
            left = deadline - time.monotonic()
            assert left > 0 and select.select([ready], [], [], left)[0], "Xvfb did not start within 60 s"
            chunk = os.read(ready, 64)
            assert chunk, "Xvfb exited before it was ready"
            said += chunk
    except BaseException:
        xvfb.kill()
        xvfb.wait()
        raise
    finally:
        os.close(ready)
    return xvfb, f":{int(said)}"


def test_screenshots_of_every_pane(tmp_path: Path, penwright_home: Path) -> None:
    """Starts the app under Xvfb (offscreen if Xvfb is not installed) and saves a PNG of
    each pane to $PENWRIGHT_SCREENSHOTS (default: a temporary folder). Look at them."""
    from PySide6.QtGui import QImage

    out = Path(os.environ.get("PENWRIGHT_SCREENSHOTS") or tmp_path / "screenshots")
    network_log = tmp_path / "network.log"
    env = dict(os.environ, PENWRIGHT_SCREENSHOTS=str(out), PENWRIGHT_NET_AUDIT=str(network_log))
    xvfb = None
    if shutil.which("Xvfb"):
        xvfb, display = _start_xvfb()
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
    process = _driver("screenshots", env)
    try:
        _wait_for_line(process, "DONE", timeout=240)
        process.wait(timeout=30)
    finally:
        _stop(process)
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
    names = sorted(p.name for p in out.glob("*.png"))
    panes = ["1-chat.png", "2-story.png", "3-poetry.png", "4-qa.png", "5-history.png", "6-models.png"]
    assert names[: len(panes)] == panes and "7-providers.png" in names, names
    for name in names:
        image = QImage(str(out / name))
        assert image.width() > 400 and image.height() > 300
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 8, f"{name} looks blank"
    # no telemetry, update checks or fetches: the window made no non-local connection while
    # it started, loaded the model and wrote in every pane (issue 4's no-traffic rule)
    assert not network_log.exists(), network_log.read_text()


def test_cli_names_a_missing_file_and_a_folder(tmp_path: Path) -> None:
    missing = penwright("ask", "hi", "--model", str(tmp_path / "nope.gguf"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    folder = penwright("ask", "hi", "--model", str(tmp_path))
    assert folder.returncode == 2 and "is a folder" in folder.stderr and "Errno" not in folder.stderr


def test_c14_story_document_and_restored_version_survive_a_kill_mid_generation(penwright_home: Path) -> None:
    """C14 for documents: a story written (autosaved), changed, restored to its first
    version, then SIGKILLed while Continue streams: the document, its aids and versions
    are all there, the partial continuation is kept, and integrity_check is ok."""
    from app.storage.documents import DocumentStore
    from tests.helpers.gui_driver import STORY_EDIT, STORY_MEMORY, STORY_TEXT

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    process = _driver("story", env)
    try:
        _wait_for_line(process, "RESTORED", timeout=180)
        _wait_for_line(process, "STREAMING", timeout=180)
        time.sleep(random.Random(6).uniform(0.0, 1.0))
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        _stop(process)
    store = HistoryStore(Paths.from_env().history_db)
    try:
        assert store.integrity_check() == "ok"
        assert store.recovered == 1  # the continuation that was streaming
        (conversation,) = store.list_conversations()
        assert conversation.pane == "story"
        documents = DocumentStore(store)
        doc = documents.get(conversation.id)
        assert doc is not None and doc.memory == STORY_MEMORY
        # the restored text, plus the part of the continuation autosaved while it streamed
        assert doc.text.startswith(STORY_TEXT) and len(doc.text) > len(STORY_TEXT)
        assert STORY_EDIT not in doc.text
        versions = [
            (v.reason, documents.version_text(v.id)) for v in reversed(documents.versions(conversation.id))
        ]
        assert versions == [
            ("edit", STORY_TEXT),  # the first autosave
            ("restore", STORY_TEXT + STORY_EDIT),  # kept when the first version came back
            ("generation", STORY_TEXT),  # before Continue; none while it streams
        ]
        cut = store.thread(conversation.id)[-1]
        assert cut.role == "assistant" and cut.is_partial and cut.finish_reason == "interrupted"
        written = doc.text[len(STORY_TEXT) :]
        assert cut.content.startswith(written) or written.startswith(cut.content)
        restored = documents.restore(conversation.id, documents.versions(conversation.id)[-1].id)
        assert restored.text == STORY_TEXT and store.integrity_check() == "ok"
    finally:
        store.close()


def test_sigterm_closes_the_window_cleanly(penwright_home: Path) -> None:
    """A logout or ``kill`` (SIGTERM) closes the window like its close button: exit status
    0, the layout saved by the shutdown, the engine host gone, no leaked-semaphore warning."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PENWRIGHT_HOME=str(penwright_home))
    process = subprocess.Popen(
        [sys.executable, "-m", "app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    host_log = penwright_home / "logs" / "engine-host.log"
    try:
        deadline = time.monotonic() + 120
        while not (host_log.exists() and "started" in host_log.read_text(encoding="utf-8")):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the engine host never started"
            time.sleep(0.2)
        time.sleep(1.0)  # the model loads
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert "leaked semaphore" not in err and "Traceback" not in err, err
    settings = json.loads((penwright_home / "config" / "settings.json").read_text(encoding="utf-8"))
    assert settings["window_geometry"]  # written by the window's shutdown
