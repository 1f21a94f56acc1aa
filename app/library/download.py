"""Download a GGUF model file from the Hugging Face Hub (or a Hub-compatible mirror).

The Hub protocol and the transfer are huggingface_hub's: ``get_hf_file_metadata`` makes the
``HEAD {endpoint}/{repo_id}/resolve/{revision}/{filename}`` call (Hub error codes, same-Hub
redirects, the commit in ``X-Repo-Commit``, the sha256 in ``X-Linked-Etag``, the size in
``X-Linked-Size``) and ``http_get`` streams the file, resuming with ``Range: bytes=N-`` and
retrying a dropped connection by itself within one call.

``hf_hub_download`` is not used: since huggingface_hub 1.18 it writes every attempt to a new
``<etag>.<random>.incomplete`` file and deletes it on failure (huggingface_hub#4306, issue #4196),
so an interrupted or cancelled download always starts again from zero. Here the partial file is
kept in ``dest_dir/.partial/``, named after the file's ETag (so bytes of an older version of the
file are never continued), and a later call continues it.

Progress and cancel go through ``http_get``'s ``tqdm_class`` hook: a bar class whose ``update()``
reports progress and raises :class:`DownloadCancelled` once ``cancel`` is set. ``http_get`` reads the
body in chunks of ``huggingface_hub.constants.DOWNLOAD_CHUNK_SIZE`` (10 MiB by default, a progress
step every 10 s at 1 MB/s), so that constant is lowered to 256 KiB for the whole process.

The file is checked after the transfer: it must start with the GGUF magic and its sha256 must be
the one the server advertised (git's blob sha1 for a small file stored outside LFS). Only then is it
moved to ``dest_dir/filename``. Nothing is read from or written to the user's Hugging Face folder
(no cached login token, no cache) and telemetry is off (``HF_HUB_DISABLE_TELEMETRY=1``).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import shutil
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, BinaryIO, NoReturn, cast
from urllib.parse import urlsplit

from app.library.gguf import GGUF_MAGIC

if TYPE_CHECKING:
    from huggingface_hub.errors import HfHubHTTPError

log = logging.getLogger(__name__)

#: Folder inside ``dest_dir`` that holds partial downloads (``<name>.<etag key>.part``).
PARTIAL_DIR_NAME = ".partial"
#: Bytes per read of the response body, so per progress report and cancel check.
CHUNK_SIZE = 256 * 1024
#: At most this many seconds between two ``on_progress`` calls (the last one always comes).
PROGRESS_INTERVAL_S = 0.1
#: The speed is measured over this many most recent seconds.
SPEED_WINDOW_S = 3.0

_HASH_BLOCK = 4 * 1024 * 1024
_SHA256 = re.compile(r"[0-9a-f]{64}")
_GIT_SHA1 = re.compile(r"[0-9a-f]{40}")


@dataclass(frozen=True)
class DownloadProgress:
    """State of a download, passed to ``on_progress``.

    ``downloaded_bytes``: bytes of the file on disk, including those kept from an earlier attempt.
    ``total_bytes``: size of the whole file in bytes, or None while the server has not said.
    ``bytes_per_second``: transfer rate over the last few seconds, in bytes per second (0.0 at first).
    """

    downloaded_bytes: int
    total_bytes: int | None
    bytes_per_second: float

    @property
    def fraction(self) -> float | None:
        """Share of the file downloaded, 0.0 to 1.0, or None when the size is unknown."""
        if not self.total_bytes:
            return None
        return min(self.downloaded_bytes / self.total_bytes, 1.0)


class DownloadCancelled(Exception):
    """The download was stopped through its ``cancel`` event; the partial file is kept for resuming."""


class DownloadError(Exception):
    """The download failed; ``str(error)`` is a sentence for the user, naming the repo or file."""


def _free_name(path: Path) -> Path:
    """``path``, or ``name (2).gguf``, ``name (3).gguf``... if a file is already there."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem} ({n}){path.suffix}")
    return candidate


def download_gguf(
    repo_id: str,
    filename: str,
    dest_dir: Path,
    *,
    endpoint: str | None = None,
    revision: str = "main",
    token: str | None = None,
    on_progress: Callable[[DownloadProgress], None] | None = None,
    cancel: threading.Event | None = None,
    timeout: float = 30.0,
) -> Path:
    """Download ``filename`` of the model repo ``repo_id`` to ``dest_dir / filename`` and return that path.

    Runs in the calling thread (call it from a worker thread in a GUI) and calls ``on_progress`` from
    that thread, at most every ``PROGRESS_INTERVAL_S`` seconds and once more at the end. A partial
    file left by an earlier call that was cancelled or failed is continued with an HTTP Range request.
    If ``dest_dir / filename`` already exists with the advertised checksum, it is returned at once.

    Args:
        repo_id: "owner/name" of a model repo.
        filename: path of the file in the repo, ending in ``.gguf`` (may contain "/").
        dest_dir: folder for the model; created if missing. ``dest_dir/.partial`` holds partial files.
        endpoint: Hub URL such as "https://huggingface.co" (default: ``HF_ENDPOINT`` or the Hub).
        revision: branch, tag or commit hash.
        token: Hugging Face access token for private or gated repos. When None no token is sent:
            a token saved by ``hf auth login`` or set in ``HF_TOKEN`` is never read.
        on_progress: called with a :class:`DownloadProgress` (bytes, total bytes, bytes per second).
        cancel: when set, the download stops within about a second while data is arriving (on a
            stalled connection: when the read times out, huggingface_hub's HF_HUB_DOWNLOAD_TIMEOUT,
            10 s by default), raising :class:`DownloadCancelled`.
        timeout: seconds to wait for the server's answer to the metadata request.

    Raises:
        DownloadCancelled: ``cancel`` was set; the partial file stays for a later call.
        DownloadError: host unreachable or connection lost, unknown repo, revision or file (404),
            access refused (401/403: private or gated repo, bad token), a server that does not speak
            the Hub protocol, a file that is not GGUF, a checksum mismatch, a disk that is full or not
            writable. Partial files are kept after network errors and deleted when their content is wrong.
    """
    cancel = cancel or threading.Event()
    relative = _relative_path(filename)
    if not relative.name.lower().endswith(".gguf"):
        raise DownloadError(f"“{filename}” is not a GGUF file: only files ending in .gguf can be downloaded.")
    if cancel.is_set():
        raise DownloadCancelled(f"Download of “{filename}” cancelled.")
    _import_huggingface_hub()
    from huggingface_hub import constants as hf_constants
    from huggingface_hub import get_hf_file_metadata, hf_hub_url
    from huggingface_hub.errors import HFValidationError
    from huggingface_hub.utils import build_hf_headers

    if endpoint is not None:
        endpoint = endpoint.rstrip("/")
    # False, not None: huggingface_hub would otherwise read HF_TOKEN or the token saved in ~/.cache.
    hf_token: str | bool = token or False
    try:
        url = hf_hub_url(repo_id, str(relative), revision=revision, endpoint=endpoint)
        metadata = get_hf_file_metadata(url, token=hf_token, timeout=timeout, endpoint=endpoint)
    except HFValidationError as exc:
        raise DownloadError(f"“{repo_id}” is not a valid Hugging Face repo id ({exc}).") from None
    except Exception as exc:
        _raise_for_hub_error(exc, repo_id, filename, revision, url=endpoint or hf_constants.ENDPOINT)
    host = urlsplit(url).netloc
    if metadata.commit_hash is None:
        raise DownloadError(
            f"{host} did not answer like a Hugging Face Hub server (no X-Repo-Commit header), "
            f"so “{filename}” was not downloaded."
        )
    if metadata.etag is None:
        raise DownloadError(f"{host} sent no checksum (ETag) for “{filename}”, so it cannot be verified.")
    etag = metadata.etag
    total = metadata.size

    dest_dir = Path(dest_dir)
    final = dest_dir.joinpath(*relative.parts)
    partial_dir = dest_dir / PARTIAL_DIR_NAME
    etag_key = hashlib.sha256(etag.encode()).hexdigest()[:16]
    partial = partial_dir / f"{relative.name}.{etag_key}.part"
    try:
        partial_dir.mkdir(parents=True, exist_ok=True)
        final.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DownloadError(f"Could not create the folder for “{filename}”: {exc.strerror or exc}.") from None

    if final.is_file() and _checksum_status(final, etag, cancel) is True:
        log.info("%s is already downloaded and its checksum matches", final)
        _report(on_progress, final.stat().st_size)
        return final

    headers = build_hf_headers(token=hf_token)
    headers["Accept-Encoding"] = "identity"  # byte ranges of the file itself, not of a gzip stream
    location = metadata.location
    if urlsplit(location)[:2] != urlsplit(url)[:2]:
        headers.pop("authorization", None)  # a signed CDN URL: the token stays with the Hub

    lock = _lock_partial(partial, filename)
    try:
        _transfer(location, partial, headers, total, filename, on_progress, cancel)
        _check_magic(partial, filename)
        if _checksum_status(partial, etag, cancel) is False:
            partial.unlink(missing_ok=True)
            raise DownloadError(
                f"“{filename}” from {repo_id} was damaged in transfer: its checksum does not match the "
                f"one the server gave ({etag}). The file was deleted; try again."
            )
        final = _free_name(final)  # never replace a different file of the same name
        os.replace(partial, final)
    except OSError as exc:  # os.replace or reading back the file
        raise DownloadError(f"Could not save “{filename}” in {dest_dir}: {exc.strerror or exc}.") from None
    finally:
        if not partial.exists():  # done, or deleted as unusable: tidy up (rmdir fails while others use it)
            with contextlib.suppress(OSError):
                Path(lock.lock_file).unlink()
                partial_dir.rmdir()
        lock.release()
    return final


def _transfer(
    location: str,
    partial: Path,
    headers: dict[str, str],
    total: int | None,
    filename: str,
    on_progress: Callable[[DownloadProgress], None] | None,
    cancel: threading.Event,
) -> None:
    """Append the rest of the file at ``location`` to ``partial`` with huggingface_hub's ``http_get``."""
    import httpx2
    from huggingface_hub import constants as hf_constants
    from huggingface_hub.errors import HfHubHTTPError, OfflineModeIsEnabled
    from huggingface_hub.file_download import http_get

    resume_size = partial.stat().st_size if partial.is_file() else 0
    if total is not None and resume_size > total:
        log.warning("partial file %s is larger than the file; starting again", partial)
        partial.unlink()
        resume_size = 0
    if resume_size >= len(GGUF_MAGIC):
        _check_magic(partial, filename)
    if resume_size:
        log.info("resuming %s from byte %d", filename, resume_size)
    if total is not None:
        free = shutil.disk_usage(partial.parent).free
        if free < total - resume_size:
            raise DownloadError(
                f"Not enough disk space for “{filename}”: {_mb(total - resume_size)} needed, "
                f"{_mb(free)} free in {partial.parent.parent}."
            )
    if hf_constants.DOWNLOAD_CHUNK_SIZE > CHUNK_SIZE:
        hf_constants.DOWNLOAD_CHUNK_SIZE = CHUNK_SIZE
    bar_class = _progress_bar_class(on_progress, cancel, filename)
    try:
        with open(partial, "ab") as fh:
            http_get(
                location,
                cast(BinaryIO, fh),
                resume_size=resume_size,
                headers=headers,
                expected_size=total,
                displayed_filename=filename,
                tqdm_class=cast(Any, bar_class),
            )
    except DownloadCancelled:
        raise
    except HfHubHTTPError as exc:
        if exc.response is not None and exc.response.status_code == 416:
            partial.unlink(missing_ok=True)  # our partial does not fit the file: start over next time
        _raise_http_error(exc, filename, urlsplit(location).netloc)
    except OfflineModeIsEnabled:
        raise DownloadError(f"“{filename}” was not downloaded: HF_HUB_OFFLINE is set.") from None
    except httpx2.HTTPError as exc:
        if cancel.is_set():
            raise DownloadCancelled(f"Download of “{filename}” cancelled.") from None
        raise DownloadError(
            f"The connection to {urlsplit(location).netloc} was lost while downloading “{filename}” "
            f"({type(exc).__name__}). Download again to continue where it stopped."
        ) from None
    except OSError as exc:
        if exc.errno is None:  # http_get's "Consistency check failed": more or fewer bytes than announced
            partial.unlink(missing_ok=True)
            raise DownloadError(
                f"The server sent a different number of bytes than announced for “{filename}”; "
                "the partial file was deleted. Try again."
            ) from None
        raise DownloadError(
            f"Could not write “{filename}” to {partial.parent.parent}: {exc.strerror or exc}."
        ) from None


def _progress_bar_class(
    on_progress: Callable[[DownloadProgress], None] | None, cancel: threading.Event, filename: str
) -> type:
    """A stand-in for tqdm that http_get drives: reports progress and raises when cancelled."""

    class _ProgressBar:
        def __init__(self, *args: Any, total: int | None = None, initial: int = 0, **kwargs: Any) -> None:
            self.total = total
            self.n = initial
            self._samples: deque[tuple[float, int]] = deque([(time.monotonic(), initial)])
            self._last_report = 0.0
            self._emit(force=True)

        def update(self, n: float | None = 1) -> None:
            if cancel.is_set():
                raise DownloadCancelled(f"Download of “{filename}” cancelled.")
            self.n += int(n or 0)
            now = time.monotonic()
            if n is not None and n < 0:  # http_get restarted from zero (server ignored the Range)
                self._samples.clear()
            self._samples.append((now, self.n))
            while len(self._samples) > 2 and now - self._samples[0][0] > SPEED_WINDOW_S:
                self._samples.popleft()
            self._emit(force=self.total is not None and self.n >= self.total)

        def _emit(self, force: bool) -> None:
            now = time.monotonic()
            if on_progress is None or (not force and now - self._last_report < PROGRESS_INTERVAL_S):
                return
            self._last_report = now
            (t0, n0), (t1, n1) = self._samples[0], self._samples[-1]
            speed = (n1 - n0) / (t1 - t0) if t1 > t0 else 0.0
            on_progress(DownloadProgress(self.n, self.total, max(speed, 0.0)))

        def close(self) -> None:
            pass

        def __enter__(self) -> _ProgressBar:
            return self

        def __exit__(self, *exc: object) -> None:
            self.close()

    return _ProgressBar


def _import_huggingface_hub() -> None:
    """Import huggingface_hub with telemetry off (it reads its settings once, on import)."""
    os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
    from huggingface_hub import constants

    constants.HF_HUB_DISABLE_TELEMETRY = True


def _relative_path(filename: str) -> PurePosixPath:
    """``filename`` as a path inside the repo that cannot leave ``dest_dir``."""
    path = PurePosixPath(filename)
    parts = filename.split("/")
    if any(p in ("", ".", "..") for p in parts) or parts[0].startswith(".") or set(filename) & set("\\:"):
        raise DownloadError(f"“{filename}” is not a valid file name in a repo.")
    return path


def _lock_partial(partial: Path, filename: str) -> Any:
    """Hold a lock on the partial file, so two downloads never append to the same one."""
    import filelock

    lock = filelock.FileLock(f"{partial}.lock", timeout=0)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise DownloadError(f"“{filename}” is already being downloaded to this folder.") from None
    return lock


def _check_magic(path: Path, filename: str) -> None:
    """Delete ``path`` and raise unless it starts with the GGUF magic."""
    with open(path, "rb") as fh:
        head = fh.read(len(GGUF_MAGIC))
    if head != GGUF_MAGIC:
        path.unlink(missing_ok=True)
        raise DownloadError(
            f"“{filename}” is not a GGUF model file (it starts with {head!r}); it was not kept."
        )


def _checksum_status(path: Path, etag: str, cancel: threading.Event) -> bool | None:
    """Whether ``path`` matches the Hub ETag: sha256 (LFS files) or git blob sha1; None if not a hash.

    Raises :class:`DownloadCancelled` when ``cancel`` is set while hashing (large files take seconds).
    """
    if _SHA256.fullmatch(etag):
        digest = hashlib.sha256()
    elif _GIT_SHA1.fullmatch(etag):
        digest = hashlib.sha1()
        digest.update(b"blob %d\0" % path.stat().st_size)
    else:
        log.warning("ETag %r of %s is not a sha256 or sha1; checksum not verified", etag, path.name)
        return None
    with open(path, "rb") as fh:
        while block := fh.read(_HASH_BLOCK):
            if cancel.is_set():
                raise DownloadCancelled(f"Download of “{path.name}” cancelled.")
            digest.update(block)
    return digest.hexdigest() == etag


def _raise_for_hub_error(exc: Exception, repo_id: str, filename: str, revision: str, url: str) -> NoReturn:
    """Turn an error of the metadata request into a :class:`DownloadError` (or re-raise it)."""
    import httpx2
    from huggingface_hub.errors import (
        GatedRepoError,
        HfHubHTTPError,
        OfflineModeIsEnabled,
        RemoteEntryNotFoundError,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )

    host = urlsplit(url).netloc or url
    if isinstance(exc, GatedRepoError):
        raise DownloadError(
            f"The repo {repo_id} is gated: accept its terms on {host} and give an access token."
        ) from None
    if isinstance(exc, RepositoryNotFoundError):
        raise DownloadError(
            f"The repo {repo_id} was not found on {host}, or it is private and needs an access token."
        ) from None
    if isinstance(exc, RevisionNotFoundError):
        raise DownloadError(f"The repo {repo_id} has no branch, tag or commit “{revision}”.") from None
    if isinstance(exc, RemoteEntryNotFoundError):
        raise DownloadError(f"The repo {repo_id} has no file “{filename}” (revision {revision}).") from None
    if isinstance(exc, HfHubHTTPError):
        _raise_http_error(exc, f"{repo_id}/{filename}", host)
    if isinstance(exc, OfflineModeIsEnabled):
        raise DownloadError(f"“{filename}” was not downloaded: HF_HUB_OFFLINE is set.") from None
    if isinstance(exc, httpx2.HTTPError):
        raise DownloadError(
            f"Could not reach {host} to download {repo_id}/{filename} ({type(exc).__name__}): "
            "check the internet connection."
        ) from None
    raise exc


def _raise_http_error(exc: HfHubHTTPError, what: str, host: str) -> NoReturn:
    status = exc.response.status_code if exc.response is not None else None
    if status in (401, 403):
        raise DownloadError(
            f"{host} refused access to “{what}” (HTTP {status}): the repo is private or gated, "
            "or the access token is wrong."
        ) from None
    if status == 404:
        raise DownloadError(f"“{what}” was not found on {host} (HTTP 404).") from None
    raise DownloadError(f"{host} could not send “{what}” (HTTP {status}). Try again later.") from None


def _report(on_progress: Callable[[DownloadProgress], None] | None, size: int) -> None:
    if on_progress is not None:
        on_progress(DownloadProgress(size, size, 0.0))


def _mb(n: int) -> str:
    return f"{n / 1e6:,.0f} MB"
