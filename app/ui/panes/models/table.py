"""The Models pane's library list: one row per model with the metadata read without
loading it (llama.cpp's reader, off the GUI thread), or what is wrong with its file.

A file of the library that is damaged later says so in its row ("damaged: …", the full
text as tooltip); a missing file says "file missing".
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from app.engines.local.inspect import inspect_files
from app.library.gguf import GGUFSummary, ModelFileError, check_model_file
from app.library.models import ModelEntry
from app.runtime import Runtime
from app.ui.tasks import Operation, Progress
from app.ui.widgets import failure_text

log = logging.getLogger(__name__)


def size_text(n: float) -> str:
    """``n`` bytes in SI units: "512 B", "98 KB", "98.4 MB", "1.2 GB"."""
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if n < 1000:
            return f"{n:.0f} {unit}" if unit in ("B", "KB") else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} PB"


def check_and_read(paths: list[str]) -> tuple[list[dict[str, Any]], dict[str, ModelFileError]]:
    """Metadata of the files that pass :func:`check_model_file` and llama.cpp's reader; the
    problems of the others, by path (blocking). A check that fails unexpectedly is logged
    and that file's problem says it could not be checked; the other files are still read."""
    problems: dict[str, ModelFileError] = {}
    readable = []
    for path in paths:
        try:
            check_model_file(Path(path))
            readable.append(path)
        except ModelFileError as exc:
            problems[path] = exc
        except Exception as exc:
            log.exception("Checking the model file %r failed", path)
            problems[path] = ModelFileError(
                "missing", f"“{Path(path).name}” could not be checked: {exc!r}.", reason="error"
            )
    results = []
    for result in inspect_files(readable) if readable else []:
        if result["ok"]:
            results.append(result)
        else:
            name = Path(result["path"]).name
            problems[result["path"]] = ModelFileError(
                "damaged", f"llama.cpp cannot read “{name}”: {result['error']}.", reason="unreadable"
            )
    return results, problems


@dataclass
class Listing:
    """What one listing of the library found (see :meth:`LibraryTable.refresh`).

    Attributes:
        added: entries the scan of the library folders added.
        results: llama.cpp's metadata of the files read (new, or changed since last read).
        problems: by path, what is wrong with the files that could not be read.
        sizes: by path, the size in bytes of each file read.
        failed: the listing itself failed (logged): nothing is read again at once.
    """

    added: list[ModelEntry] = field(default_factory=list)
    results: list[dict[str, Any]] = field(default_factory=list)
    problems: dict[str, ModelFileError] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)
    failed: bool = False


class LibraryTable(QTreeWidget):
    """The models of the library with their metadata (name, architecture, parameters,
    quantization, file size, context, template, memory needed at the model's n_ctx).

    Attributes:
        summaries: by path, the file's :class:`GGUFSummary` or its :class:`ModelFileError`.
        reading: a listing runs off the GUI thread.

    Signals:
        entries_added(): a listing found new files in the library folders.
    """

    entries_added = Signal()

    def __init__(self, runtime: Runtime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.summaries: dict[str, GGUFSummary | ModelFileError] = {}
        self._read_sizes: dict[str, int] = {}  # by path: the file's size when it was read
        self._listing: Operation[Listing] | None = None
        self._read_again = False
        self.setAccessibleName(self.tr("Models in the library"))
        self.setRootIsDecorated(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Architecture"),
                self.tr("Parameters"),
                self.tr("Quantization"),
                self.tr("File size"),
                self.tr("Context"),
                self.tr("Template"),
                self.tr("Memory needed"),
            ]
        )
        header = self.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    @property
    def reading(self) -> bool:
        """A listing runs off the GUI thread."""
        return self._listing is not None

    def refresh(self) -> None:
        """List the entries now; scan the folders and read missing metadata off the GUI
        thread (a large folder or a slow disk never freezes the window)."""
        self.show_rows()
        if self._listing is not None:
            self._read_again = True
            return
        library = self.runtime.library
        folders = [Path(f) for f in self.runtime.settings.library_folders]
        known = dict(self._read_sizes)

        def work(_progress: Progress) -> Listing:
            listing = Listing()
            try:
                listing.added = library.scan(folders)
                for entry in library.entries():
                    try:
                        size = os.stat(entry.path).st_size
                    except OSError:
                        continue  # missing: the row says so
                    if known.get(entry.path) != size:  # new, or changed since it was read
                        listing.sizes[entry.path] = size
                if listing.sizes:
                    listing.results, listing.problems = check_and_read(list(listing.sizes))
            except Exception:  # a bug: the rows stay as they are, with no read again at once
                log.exception("Listing the model library failed")
                listing.failed = True
            return listing

        def failed(exc: Exception) -> None:
            log.error("Listing the model library failed", exc_info=exc)
            self._apply_metadata(Listing(failed=True))

        self._listing = Operation(self, work, name="penwright-metadata")
        self._listing.on_success(self._apply_metadata).on_failure(failed).run()

    def show_rows(self) -> None:
        """Fill the rows from the library and what is known of each file (the selected
        model stays selected; else the first row is)."""
        selected = self.selected_entry()
        self.clear()
        for entry in self.runtime.library.entries():
            item = QTreeWidgetItem([entry.name])
            item.setData(0, Qt.ItemDataRole.UserRole, entry.id)
            self._fill_row(item, entry)
            self.addTopLevelItem(item)
            if selected is not None and entry.id == selected.id:
                self.setCurrentItem(item)
        first = self.topLevelItem(0)
        if self.currentItem() is None and first is not None:
            self.setCurrentItem(first)

    def _fill_row(self, item: QTreeWidgetItem, entry: ModelEntry) -> None:
        summary = self.summaries.get(entry.path)
        tooltip = ""
        if isinstance(summary, GGUFSummary):
            n_ctx = self.runtime.settings.model(entry.id).n_ctx or summary.default_n_ctx()
            values = [
                summary.architecture,
                f"{summary.n_params / 1e6:,.0f} M",
                summary.quantization,
                size_text(summary.size_bytes),
                f"{summary.context_length:,}",
                self.tr("yes") if summary.has_chat_template else self.tr("none"),
                self.tr("{size} at n_ctx {n}").format(
                    size=size_text(summary.memory_estimate(n_ctx)), n=n_ctx
                ),
            ]
        elif isinstance(summary, ModelFileError):
            short, tooltip = self.problem_texts(summary, Path(entry.path).name, entry.source)
            values = ["", "", "", size_text(entry.size_bytes), "", "", short]
        else:
            values = ["…", "", "", size_text(entry.size_bytes), "", "", ""]
        if not entry.exists:
            values[-1] = self.tr("file missing")
            tooltip = ""
        for column, value in enumerate(values, start=1):
            item.setText(column, value)
        for column in range(self.columnCount()):
            item.setToolTip(column, tooltip)

    def problem_texts(self, problem: ModelFileError, file_name: str, source: str = "") -> tuple[str, str]:
        """Translated words for a model file's problem: (the short text of its row, such as
        "damaged: incomplete, 10.0 MB of 98.4 MB", the full text with what to do)."""
        full = failure_text(problem.kind, problem.message, file_name, source)
        detail, what = "", self.tr("incomplete")
        if problem.reason == "truncated" and problem.needed_bytes:
            have, need = size_text(problem.file_bytes), size_text(problem.needed_bytes)
            detail = self.tr("The file has {have}; its tensor data needs {need}.")
            detail = detail.format(have=have, need=need)
            what = self.tr("incomplete, {have} of {need}").format(have=have, need=need)
        elif problem.reason == "truncated":
            detail = self.tr("The file ends inside its metadata.")
        elif problem.reason == "metadata":
            detail = self.tr("Its metadata cannot be read.")
            what = self.tr("unreadable metadata")
        elif problem.reason == "unreadable":
            detail = self.tr("llama.cpp cannot read its metadata.")
            what = self.tr("llama.cpp cannot read it")
        if problem.reason == "error":  # the check itself failed (logged): its own words
            return self.tr("cannot be checked"), problem.message
        if problem.reason == "old_version":
            full = self.tr(
                "“{name}” is in the old GGUF version 1 format, which llama.cpp no longer reads. "
                "Get a newer GGUF of this model."
            ).format(name=file_name)
            return self.tr("old GGUF version 1"), full
        if problem.kind == "not_gguf":
            return self.tr("not a GGUF model file"), full
        if problem.kind == "missing":
            return self.tr("cannot be read"), full
        return self.tr("damaged: {what}").format(what=what), f"{full} {detail}".strip()

    def forget(self, path: str) -> None:
        """Read ``path`` again at the next refresh (it failed to load, say)."""
        self.summaries.pop(path, None)
        self._read_sizes.pop(path, None)

    def remember(self, path: str, read: dict[str, Any]) -> None:
        """Keep the metadata ``read`` of ``path`` (an import read it already: the next
        refresh does not read it again). A file removed meanwhile is skipped."""
        target = Path(path)
        try:
            self.summaries[path] = GGUFSummary.from_metadata(
                target, read["metadata"], read["n_params"], read["tensor_bytes"]
            )
            self._read_sizes[path] = target.stat().st_size
        except OSError:  # removed meanwhile
            pass

    def _apply_metadata(self, listing: Listing) -> None:
        self._listing = None
        self._read_sizes.update(listing.sizes)
        for result in listing.results:
            path = result["path"]
            try:
                self.summaries[path] = GGUFSummary.from_metadata(
                    Path(path), result["metadata"], result["n_params"], result["tensor_bytes"]
                )
            except OSError:  # removed since it was read: the row says "file missing"
                self._read_sizes.pop(path, None)
        self.summaries.update(listing.problems)
        self.show_rows()
        if listing.added:
            self.entries_added.emit()
        missing = not listing.failed and any(
            e.path not in self.summaries and e.exists for e in self.runtime.library.entries()
        )
        if self._read_again or missing:  # entries added while this read ran
            self._read_again = False
            self.refresh()

    def selected_entry(self) -> ModelEntry | None:
        item = self.currentItem()
        if item is None:
            return None
        return self.runtime.library.get(str(item.data(0, Qt.ItemDataRole.UserRole)))

    def select(self, model_id: str) -> None:
        for index in range(self.topLevelItemCount()):
            item = self.topLevelItem(index)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == model_id:
                self.setCurrentItem(item)
