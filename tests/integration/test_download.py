"""GGUF download through huggingface_hub against a fake Hub on 127.0.0.1 (tests/helpers/fake_hub.py)."""

from __future__ import annotations

import hashlib
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.library.download import (
    CHUNK_SIZE,
    PARTIAL_DIR_NAME,
    DownloadCancelled,
    DownloadError,
    DownloadProgress,
    download_gguf,
)
from tests.helpers.fake_hub import COMMIT, Drop, Fail, FakeHub

REPO = "penwright-test/tiny-model-GGUF"
NAME = "tiny-model.Q4_K_M.gguf"
SIZE = 3 * 1024 * 1024 + 123


@pytest.fixture(scope="module")
def gguf_bytes() -> bytes:
    return b"GGUF" + os.urandom(SIZE - 4)


@pytest.fixture
def hub(gguf_bytes: bytes) -> Iterator[FakeHub]:
    with FakeHub() as hub:
        hub.add_file(REPO, NAME, gguf_bytes)
        yield hub


def partials(dest: Path) -> list[Path]:
    return sorted((dest / PARTIAL_DIR_NAME).glob("*.part"))


def test_download_reports_progress_and_verifies(gguf_bytes: bytes, tmp_path: Path) -> None:
    """Hub 302 to a CDN host as huggingface.co does; the token goes to the Hub only.

    Margins, not luck: the file takes the server 1.6 s, sixteen report intervals, so a
    report between the first and the last is certain; the speed shown is bounded at ten
    times the server's rate (a unit slip is a thousand times off)."""
    dest = tmp_path / "models"
    seen: list[DownloadProgress] = []
    with FakeHub(redirect_to_cdn=True, tokens={REPO: "hf_right"}) as hub:
        hub.add_file(REPO, NAME, gguf_bytes)
        hub.bytes_per_second = 2e6  # about 1.6 s, so several progress reports
        path = download_gguf(REPO, NAME, dest, endpoint=hub.url, token="hf_right", on_progress=seen.append)

        assert path == dest / NAME and path.read_bytes() == gguf_bytes
        assert not (dest / PARTIAL_DIR_NAME).exists()
        done = [p.downloaded_bytes for p in seen]
        assert len(seen) >= 3 and done == sorted(done) and done[0] == 0 and done[-1] == SIZE
        assert {p.total_bytes for p in seen} == {SIZE}
        assert seen[-1].fraction == 1.0
        assert 0 < max(p.bytes_per_second for p in seen) < 20e6
        heads = [r for r in hub.requests if r.method == "HEAD"]
        (get,) = hub.content_gets()
        assert heads and all(r.headers["authorization"] == "Bearer hf_right" for r in heads)
        assert get.path.startswith("/cdn/") and get.headers["host"].startswith("localhost:")
        assert "authorization" not in get.headers and get.range_start is None

        # Already there with the right checksum: no second transfer.
        assert download_gguf(REPO, NAME, dest, endpoint=hub.url, token="hf_right") == path
        assert len(hub.content_gets()) == 1


def test_interrupted_download_resumes_on_next_call(hub: FakeHub, gguf_bytes: bytes, tmp_path: Path) -> None:
    """The connection drops after 1 MB and huggingface_hub's own retry fails too (503)."""
    dest = tmp_path / "models"
    hub.next_gets = [Drop(1_000_000), Fail(503)]
    with pytest.raises(DownloadError, match="503"):
        download_gguf(REPO, NAME, dest, endpoint=hub.url)
    assert not (dest / NAME).exists()
    (partial,) = partials(dest)
    kept = partial.stat().st_size
    assert 0 < kept <= 1_000_000
    assert partial.read_bytes() == gguf_bytes[:kept]

    path = download_gguf(REPO, NAME, dest, endpoint=hub.url)

    assert path.read_bytes() == gguf_bytes
    assert [r.range_start for r in hub.content_gets()] == [None, kept, kept]
    assert partials(dest) == []


def test_dropped_connection_is_resumed_within_the_call(
    hub: FakeHub, gguf_bytes: bytes, tmp_path: Path
) -> None:
    hub.next_gets = [Drop(1_500_000)]
    path = download_gguf(REPO, NAME, tmp_path / "models", endpoint=hub.url)
    assert path.read_bytes() == gguf_bytes
    first, second = hub.content_gets()
    assert (
        first.range_start is None and second.range_start is not None and 0 < second.range_start <= 1_500_000
    )


def test_cancel_stops_within_one_read_and_a_later_call_resumes(
    hub: FakeHub, gguf_bytes: bytes, tmp_path: Path
) -> None:
    """Counted, not timed: Stop is pressed from the progress report, and at most one more
    read (CHUNK_SIZE bytes) lands in the partial file; a download that ignored it would
    finish the file (over 3 s at this rate) and return its path instead of raising."""
    dest = tmp_path / "models"
    hub.bytes_per_second = 1e6  # the whole file would take over 3 s
    cancel = threading.Event()
    at_cancel: list[int] = []
    outcome: list[BaseException | Path] = []

    def on_progress(progress: DownloadProgress) -> None:
        # the first report between the start and the end (the server needs 3 s for the file,
        # reports come at least every PROGRESS_INTERVAL_S while data arrives)
        if not at_cancel and 0 < progress.downloaded_bytes < SIZE:
            at_cancel.append(progress.downloaded_bytes)
            cancel.set()

    def run() -> None:
        try:
            outcome.append(
                download_gguf(REPO, NAME, dest, endpoint=hub.url, on_progress=on_progress, cancel=cancel)
            )
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run, name="download-under-test")
    worker.start()
    worker.join(60)
    assert not worker.is_alive()
    assert at_cancel, "no progress reported while the file was arriving"
    assert len(outcome) == 1 and isinstance(outcome[0], DownloadCancelled), outcome
    assert not (dest / NAME).exists()
    (partial,) = partials(dest)
    kept = partial.stat().st_size
    assert at_cancel[0] <= kept <= at_cancel[0] + CHUNK_SIZE and kept < SIZE
    assert partial.read_bytes() == gguf_bytes[:kept]

    hub.bytes_per_second = None
    path = download_gguf(REPO, NAME, dest, endpoint=hub.url)
    assert path.read_bytes() == gguf_bytes
    assert hub.content_gets()[-1].range_start == kept


def test_checksum_mismatch_keeps_nothing(gguf_bytes: bytes, tmp_path: Path) -> None:
    dest = tmp_path / "models"
    with FakeHub() as hub:
        hub.add_file(REPO, NAME, gguf_bytes, advertised_sha256=hashlib.sha256(b"another file").hexdigest())
        with pytest.raises(DownloadError, match="checksum"):
            download_gguf(REPO, NAME, dest, endpoint=hub.url)
        assert len(hub.content_gets()) == 1
    assert not (dest / NAME).exists() and partials(dest) == []


def test_small_file_outside_lfs_is_checked_with_git_sha1(tmp_path: Path) -> None:
    data = b"GGUF" + os.urandom(2000)
    with FakeHub() as hub:
        hub.add_file(REPO, "small.gguf", data, lfs=False)
        path = download_gguf(REPO, "small.gguf", tmp_path / "models", endpoint=hub.url)
        assert path.read_bytes() == data
        hub.add_file(REPO, "bad.gguf", data, lfs=False)
        hub.files[(REPO, "bad.gguf")].git_sha1 = hashlib.sha1(b"blob 1\0x").hexdigest()
        with pytest.raises(DownloadError, match="checksum"):
            download_gguf(REPO, "bad.gguf", tmp_path / "models", endpoint=hub.url)


def test_unknown_repo_file_or_revision(hub: FakeHub, tmp_path: Path) -> None:
    dest = tmp_path / "models"
    with pytest.raises(DownloadError, match=r"nobody/nothing.*not found"):
        download_gguf("nobody/nothing", NAME, dest, endpoint=hub.url)
    with pytest.raises(DownloadError, match=rf"{REPO} has no file “missing\.gguf”"):
        download_gguf(REPO, "missing.gguf", dest, endpoint=hub.url)
    with pytest.raises(DownloadError, match=rf"{REPO} has no branch, tag or commit “v9”"):
        download_gguf(REPO, NAME, dest, endpoint=hub.url, revision="v9")
    assert hub.content_gets() == [] and not any(dest.rglob("*.gguf"))


def test_revision_by_commit_hash(hub: FakeHub, gguf_bytes: bytes, tmp_path: Path) -> None:
    path = download_gguf(REPO, NAME, tmp_path / "models", endpoint=hub.url, revision=COMMIT)
    assert path.read_bytes() == gguf_bytes
    assert hub.requests[0].path == f"/{REPO}/resolve/{COMMIT}/{NAME}"


def test_private_or_gated_repo_needs_the_right_token(hub: FakeHub, tmp_path: Path) -> None:
    hub.tokens[REPO] = "hf_right"
    with pytest.raises(DownloadError, match=r"gated.*access token"):
        download_gguf(REPO, NAME, tmp_path, endpoint=hub.url)
    with pytest.raises(DownloadError, match=r"HTTP 403.*token"):
        download_gguf(REPO, NAME, tmp_path, endpoint=hub.url, token="hf_wrong")


def test_file_that_is_not_gguf_is_refused(hub: FakeHub, tmp_path: Path) -> None:
    dest = tmp_path / "models"
    hub.add_file(REPO, "looks-like.gguf", b"PK\x03\x04" + os.urandom(100_000))
    with pytest.raises(DownloadError, match="not a GGUF"):
        download_gguf(REPO, "looks-like.gguf", dest, endpoint=hub.url)
    assert not (dest / "looks-like.gguf").exists() and partials(dest) == []
    hub.requests.clear()
    for name in ("README.md", "../escape.gguf", "/abs.gguf", ".cache/x.gguf"):
        with pytest.raises(DownloadError, match=r"GGUF|not a valid file name"):
            download_gguf(REPO, name, dest, endpoint=hub.url)
    assert hub.requests == []


def test_unreachable_host(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nothing listens there
    with pytest.raises(DownloadError, match=rf"Could not reach 127\.0\.0\.1:{port}"):
        download_gguf(REPO, NAME, tmp_path, endpoint=f"http://127.0.0.1:{port}", timeout=5)


def test_no_saved_token_is_sent_and_hf_home_is_untouched(
    hub: FakeHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from huggingface_hub import constants

    hf_home = tmp_path / "hf-home"
    monkeypatch.setenv("HF_TOKEN", "hf_from_env")
    for name in ("HF_HOME", "HF_HUB_CACHE", "HF_TOKEN_PATH", "HF_STORED_TOKENS_PATH"):
        monkeypatch.setattr(constants, name, str(hf_home / name.lower()))
    download_gguf(REPO, NAME, tmp_path / "models", endpoint=hub.url)
    assert all("authorization" not in r.headers for r in hub.requests)
    assert not hf_home.exists()
    assert os.environ["HF_HUB_DISABLE_TELEMETRY"] == "1" and constants.HF_HUB_DISABLE_TELEMETRY


def test_a_set_cancel_event_stops_before_any_request(hub: FakeHub, tmp_path: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(DownloadCancelled):
        download_gguf(REPO, NAME, tmp_path, endpoint=hub.url, cancel=cancel)
    assert hub.requests == []


def test_server_ignoring_range_restarts_cleanly(hub: FakeHub, gguf_bytes: bytes, tmp_path: Path) -> None:
    dest = tmp_path / "models"
    hub.next_gets = [Drop(1_000_000), Fail(503)]
    with pytest.raises(DownloadError):
        download_gguf(REPO, NAME, dest, endpoint=hub.url)
    assert partials(dest)
    hub.honour_range = False
    assert download_gguf(REPO, NAME, dest, endpoint=hub.url).read_bytes() == gguf_bytes
    assert hub.content_gets()[-1].range_start  # asked for the rest, got (and kept only) the whole file


def test_second_download_of_the_same_file_is_refused(hub: FakeHub, gguf_bytes: bytes, tmp_path: Path) -> None:
    """Ordered, not timed: the first download waits in its progress report until the second
    has been tried, so it is certainly still running (and then cancelled)."""
    dest = tmp_path / "models"
    hub.bytes_per_second = 2e6
    cancel = threading.Event()
    started = threading.Event()
    tried = threading.Event()
    outcome: list[BaseException | Path] = []

    def on_progress(_progress: DownloadProgress) -> None:
        started.set()
        tried.wait(60)

    def run() -> None:
        try:
            outcome.append(
                download_gguf(REPO, NAME, dest, endpoint=hub.url, cancel=cancel, on_progress=on_progress)
            )
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run, name="download-under-test")
    worker.start()
    try:
        assert started.wait(60)
        with pytest.raises(DownloadError, match="already being downloaded"):
            download_gguf(REPO, NAME, dest, endpoint=hub.url)
    finally:
        cancel.set()
        tried.set()
        worker.join(60)
    assert isinstance(outcome[0], DownloadCancelled)
    hub.bytes_per_second = None
    assert download_gguf(REPO, NAME, dest, endpoint=hub.url).read_bytes() == gguf_bytes


def test_not_enough_disk_space(hub: FakeHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from app.library import download

    monkeypatch.setattr(
        download.shutil, "disk_usage", lambda path: shutil._ntuple_diskusage(10**9, 10**9, 1000)
    )
    with pytest.raises(DownloadError, match="Not enough disk space"):
        download_gguf(REPO, NAME, tmp_path / "models", endpoint=hub.url)
    assert hub.content_gets() == []


def test_a_different_file_of_the_same_name_is_never_replaced(
    hub: FakeHub, gguf_bytes: bytes, tmp_path: Path
) -> None:
    dest = tmp_path / "models"
    dest.mkdir()
    mine = dest / NAME
    mine.write_bytes(b"GGUF my own model, not the one on the server")
    path = download_gguf(REPO, NAME, dest, endpoint=hub.url)
    assert path == dest / "tiny-model.Q4_K_M (2).gguf" and path.read_bytes() == gguf_bytes
    assert mine.read_bytes() == b"GGUF my own model, not the one on the server"
