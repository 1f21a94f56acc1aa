"""Importing model files into the library: the copy-or-link question, the checks, and the
report of what was refused.

Imports are checked before anything is copied or registered (C09, C10): the GGUF header,
the metadata and tensor infos, that the tensor data fits in the file, then llama.cpp's
metadata reader (the one the columns use). A refused file is named with its reason in the
pane's message area; the good files of the same batch are imported.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.engines.local.inspect import inspect_files
from app.library.gguf import ModelFileError
from app.library.models import ModelEntry, ModelLibrary

log = logging.getLogger(__name__)


def shown_name(path: str) -> str:
    """The file name of ``path`` as it can be shown: bytes that are not UTF-8 (a name from
    another system) become U+FFFD instead of vanishing."""
    return os.fsencode(Path(path).name).decode("utf-8", "replace")


def read_metadata_or_refuse(path: Path) -> dict[str, Any]:
    """llama.cpp's metadata of ``path`` (:func:`inspect_files`, blocking).

    Raises:
        ModelFileError: 'damaged' with reason 'unreadable' when llama.cpp cannot read it.
    """
    result = inspect_files([str(path)])[0]
    if not result["ok"]:
        raise ModelFileError(
            "damaged", f"llama.cpp cannot read “{Path(path).name}”: {result['error']}.", reason="unreadable"
        )
    return result


@dataclass
class ImportResult:
    """One file of an import batch.

    Attributes:
        path: the file as the user chose it.
        entry: its library entry, None when it was refused.
        read: llama.cpp's metadata of it (empty when not read).
        problem: why it was refused (a :class:`ModelFileError`, an ``OSError`` while
            copying, or an unexpected error, logged), None when imported.
    """

    path: str
    entry: ModelEntry | None
    read: dict[str, Any] = field(default_factory=dict)
    problem: Exception | None = None


def import_batch(library: ModelLibrary, paths: Sequence[str], copy: bool) -> list[ImportResult]:
    """Check and import each of ``paths`` (blocking; copied into the models folder or used
    in place). A file that fails never stops the batch."""
    results: list[ImportResult] = []
    for path in paths:
        read: dict[str, Any] = {}

        def reader(source: Path, read: dict[str, Any] = read) -> None:
            read.update(read_metadata_or_refuse(source))

        try:
            entry = library.import_file(Path(path), copy, read_metadata=reader)
            results.append(ImportResult(path, entry, read))
        except (ModelFileError, OSError) as exc:
            results.append(ImportResult(path, None, read, exc))
        except Exception as exc:  # never leave the pane on "Checking…": the rest still imports
            log.exception("Importing the model file %r failed", path)
            results.append(ImportResult(path, None, read, exc))
    return results


def ask_copy(parent: QWidget) -> bool | None:
    """Ask whether to copy the files into Penwright's model folder (True) or use them where
    they are (False); None: cancelled."""
    tr = QCoreApplication.translate
    box = QMessageBox(parent)
    box.setWindowTitle(tr("ModelsPane", "Import models"))
    box.setText(tr("ModelsPane", "Copy the files into Penwright's model folder, or use them where they are?"))
    copy_button = box.addButton(tr("ModelsPane", "&Copy"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tr("ModelsPane", "&Use in place"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    if box.clickedButton() not in box.buttons()[:2]:
        return None
    return box.clickedButton() is copy_button


def import_report(
    results: Sequence[ImportResult], problem_texts: Callable[[ModelFileError, str], tuple[str, str]]
) -> tuple[str, str]:
    """(the status-bar notice, the message area's text) for a finished batch: how many
    were imported, and each refused file with its reason (``problem_texts`` words a
    :class:`ModelFileError`: (short, full))."""
    tr = QCoreApplication.translate
    imported = [r.entry for r in results if r.entry is not None]
    refused: list[tuple[str, str]] = []  # (file name, why)
    for result in results:
        name, problem = shown_name(result.path), result.problem
        if isinstance(problem, ModelFileError):
            refused.append((name, problem_texts(problem, name)[1]))
        elif isinstance(problem, OSError):
            why = problem.strerror or str(problem)
            text = tr("ModelsPane", "“{name}” could not be copied: {why}")
            refused.append((name, text.format(name=name, why=why)))
        elif problem is not None:
            text = tr("ModelsPane", "“{name}” could not be imported: {why}")
            refused.append((name, text.format(name=name, why=str(problem) or repr(problem))))
    if not refused:
        text = tr("ModelsPane", "Imported %n model(s).", "", len(imported))
        return text, text
    names = ", ".join(name for name, _ in refused)
    summary = tr("ModelsPane", "%n refused: {files}", "", len(refused)).format(files=names)
    if imported:
        summary = tr("ModelsPane", "Imported %n model(s);", "", len(imported)) + " " + summary
    return summary, "\n".join([summary, *(why for _, why in refused)])
