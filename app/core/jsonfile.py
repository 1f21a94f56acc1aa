"""Atomic JSON files: write to a temporary file, fsync, then rename over the old one."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def write_json_atomic(path: Path, data: Any) -> None:
    """Write ``data`` as UTF-8 JSON so that a crash leaves either the old or the new file.

    A file name the locale could not decode (``surrogateescape``: lone surrogates, e.g. a
    Chinese folder under ``LC_ALL=C``, C24) is written as a JSON ``\\udcXX`` escape, so it
    reads back as the same name instead of failing with "surrogates not allowed"."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        # backslashreplace only ever applies inside JSON strings: it writes \udcXX there
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=2)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_json(path: Path) -> Any:
    """Read a JSON file. Raises OSError or ValueError (json.JSONDecodeError) as they come."""
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)
