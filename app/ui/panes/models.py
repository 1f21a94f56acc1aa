"""The Models pane: the model library with metadata read without loading, import, rename,
remove, open folder, per-model load settings, and what this llama.cpp build can offload.

Imports are checked before anything is copied or registered (C09, C10): the GGUF header,
the metadata and tensor infos, that the tensor data fits in the file, then llama.cpp's
metadata reader (the one the columns use). A refused file is named with its reason in the
pane's message area; the good files of the same batch are imported. A file of the library
that is damaged later says so in its row ("damaged: …", the full text as tooltip).
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.templates import BUILTIN_TEMPLATES
from app.engines.local.inspect import inspect_files
from app.library.gguf import GGUFSummary, ModelFileError, check_model_file
from app.library.models import ModelEntry
from app.runtime import Runtime
from app.storage.settings import KV_CACHE_CHOICES, ModelSettings
from app.ui.widgets import failure_text

log = logging.getLogger(__name__)

#: Reinstall commands for GPU builds of llama-cpp-python (also in the README).
GPU_COMMANDS = (
    'CMAKE_ARGS="-DGGML_CUDA=on" .venv/bin/pip install --force-reinstall --no-cache-dir '
    "-c constraints.txt llama-cpp-python   # NVIDIA\n"
    'CMAKE_ARGS="-DGGML_METAL=on" .venv/bin/pip install --force-reinstall --no-cache-dir '
    "-c constraints.txt llama-cpp-python   # Apple"
)

TEMPLATE_CHOICES: tuple[tuple[str, object], ...] = (
    ("", QT_TRANSLATE_NOOP("ModelsPane", "From the model file")),
    ("chatml", "ChatML"),
    ("gemma", "Gemma"),
    ("llama3", "Llama 3"),
    ("custom", QT_TRANSLATE_NOOP("ModelsPane", "Custom Jinja…")),
)


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if n < 1000:
            return f"{n:.0f} {unit}" if unit in ("B", "KB") else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} PB"


def _shown_name(path: str) -> str:
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


def _check_and_read(paths: list[str]) -> tuple[list[dict[str, Any]], dict[str, ModelFileError]]:
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


class ModelsPane(QWidget):
    """The model library.

    Signals:
        load_requested(str, str): load this path with the settings of this model id.
        notice(str): a message for the status bar.
        library_changed(): entries were added, renamed or removed.
    """

    load_requested = Signal(str, str)
    notice = Signal(str)
    library_changed = Signal()
    _metadata_ready = Signal(object)
    _import_done = Signal(object)
    _download_progress = Signal(object)
    _download_done = Signal(object)  # a Path, or an error message

    def __init__(self, runtime: Runtime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.summaries: dict[str, GGUFSummary | ModelFileError] = {}  # by path: summary or problem
        self._read_sizes: dict[str, int] = {}  # by path: the file's size when it was read
        self._reading = False
        self._read_again = False
        self.setAcceptDrops(True)

        self.table = QTreeWidget()
        self.table.setAccessibleName(self.tr("Models in the library"))
        self.table.setRootIsDecorated(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setHeaderLabels(
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
        header = self.table.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.currentItemChanged.connect(lambda *_: self._show_settings())
        self.table.itemActivated.connect(lambda *_: self.load_selected())

        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, label, slot in (
            ("load", self.tr("&Load"), self.load_selected),
            ("import", self.tr("&Import…"), self.import_dialog),
            ("rename", self.tr("Re&name…"), self.rename_selected),
            ("remove", self.tr("Re&move…"), self.remove_selected),
            ("folder", self.tr("Open &folder"), self.open_folder),
            ("add_folder", self.tr("Add fol&der…"), self.add_folder_dialog),
            ("scan", self.tr("&Rescan"), self.refresh),
        ):
            button = QPushButton(label)
            button.setAccessibleName(label.replace("&", "").rstrip("…"))
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)

        self.n_ctx = QSpinBox()
        self.n_ctx.setRange(0, 1_048_576)
        self.n_ctx.setSingleStep(256)
        self.n_ctx.setSpecialValueText(self.tr("automatic"))
        self.n_ctx.setAccessibleName("n_ctx")
        self.n_gpu_layers = QSpinBox()
        self.n_gpu_layers.setRange(-1, 999)
        self.n_gpu_layers.setSpecialValueText(self.tr("all"))
        self.n_gpu_layers.setAccessibleName("n_gpu_layers")
        self.template = QComboBox()
        self.template.setAccessibleName(self.tr("Chat template"))
        for template_key, template_label in TEMPLATE_CHOICES:
            self.template.addItem(QCoreApplication.translate("ModelsPane", str(template_label)), template_key)
        self.template.currentIndexChanged.connect(self._template_changed)
        self.custom_template = QPlainTextEdit()
        self.custom_template.setAccessibleName(self.tr("Custom chat template (Jinja)"))
        self.custom_template.setPlaceholderText("{% for message in messages %}…")
        self.custom_template.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.custom_template.setVisible(False)
        self.main_gpu = QSpinBox()
        self.main_gpu.setRange(0, 64)
        self.main_gpu.setAccessibleName("main_gpu")
        self.tensor_split = QLineEdit()
        self.tensor_split.setAccessibleName("tensor_split")
        self.tensor_split.setPlaceholderText(self.tr("even, or shares such as 0.6, 0.4"))
        self.flash_attn = QCheckBox(self.tr("Flash attention"))
        self.flash_attn.setAccessibleName(self.tr("Flash attention"))
        self.kv_cache = QComboBox()
        self.kv_cache.setAccessibleName(self.tr("KV cache type"))
        self.kv_cache.addItems(list(KV_CACHE_CHOICES))
        self.apply = QPushButton(self.tr("&Apply and reload"))
        self.apply.setAccessibleName(self.tr("Save these settings and reload the model"))
        self.apply.clicked.connect(self.apply_settings)
        form = QFormLayout()
        form.addRow("n_ctx", self.n_ctx)
        form.addRow("n_gpu_layers", self.n_gpu_layers)
        form.addRow("main_gpu", self.main_gpu)
        form.addRow("tensor_split", self.tensor_split)
        form.addRow(self.tr("Chat template"), self.template)
        form.addRow("", self.custom_template)
        form.addRow(self.tr("KV cache"), self.kv_cache)
        form.addRow("", self.flash_attn)
        form.addRow("", self.apply)
        settings_box = QGroupBox(self.tr("Settings of the selected model"))
        settings_box.setLayout(form)

        self.repo_id = QLineEdit()
        self.repo_id.setAccessibleName(self.tr("Hugging Face repository"))
        self.repo_id.setPlaceholderText(self.tr("repository, e.g. bartowski/SmolLM2-360M-Instruct-GGUF"))
        self.repo_file = QLineEdit()
        self.repo_file.setAccessibleName(self.tr("File name in the repository"))
        self.repo_file.setPlaceholderText(self.tr("file, e.g. SmolLM2-360M-Instruct-Q4_K_M.gguf"))
        self.download_button = QPushButton(self.tr("&Download"))
        self.download_button.setAccessibleName(self.tr("Download or cancel"))
        self.download_button.clicked.connect(self._download_or_cancel)
        self.download_progress = QProgressBar()
        self.download_progress.setAccessibleName(self.tr("Download progress"))
        self.download_progress.setVisible(False)
        self.download_status = QLabel()
        self.download_status.setAccessibleName(self.tr("Download status"))
        download_row = QHBoxLayout()
        download_row.addWidget(self.repo_id, 2)
        download_row.addWidget(self.repo_file, 2)
        download_row.addWidget(self.download_button)
        download_box = QGroupBox(self.tr("Download a GGUF from Hugging Face"))
        download_layout = QVBoxLayout(download_box)
        download_layout.addLayout(download_row)
        download_layout.addWidget(self.download_progress)
        download_layout.addWidget(self.download_status)
        self._download_cancel: threading.Event | None = None
        self.last_download_progress: object = None

        self.gpu = QLabel(self.tr("Checking what this llama.cpp build can do…"))
        self.gpu.setAccessibleName(self.tr("GPU support"))
        self.gpu.setWordWrap(True)
        self.gpu.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        gpu_box = QGroupBox(self.tr("GPU"))
        QVBoxLayout(gpu_box).addWidget(self.gpu)

        lower = QHBoxLayout()
        lower.addWidget(settings_box, 1)
        lower.addWidget(gpu_box, 1)
        self.message = QLabel()
        self.message.setAccessibleName(self.tr("Models message"))
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setVisible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(download_box)
        layout.addLayout(lower)

        self._metadata_ready.connect(self._apply_metadata)
        self._import_done.connect(self._imported)
        self._download_progress.connect(self._show_download_progress)
        self._download_done.connect(self._downloaded)

    # -- listing --------------------------------------------------------------------------
    def refresh(self) -> None:
        """List the entries now; scan the folders and read missing metadata on a worker
        thread (a large folder or a slow disk never freezes the window)."""
        self._show_rows()
        if self._reading:
            self._read_again = True
            return
        self._reading = True
        library = self.runtime.library
        folders = [Path(f) for f in self.runtime.settings.library_folders]
        known = dict(self._read_sizes)

        def work() -> None:
            added: list[ModelEntry] = []
            results: list[dict[str, Any]] = []
            problems: dict[str, ModelFileError] = {}
            sizes: dict[str, int] = {}
            failed = False
            try:
                added = library.scan(folders)
                for entry in library.entries():
                    try:
                        size = os.stat(entry.path).st_size
                    except OSError:
                        continue  # missing: the row says so
                    if known.get(entry.path) != size:  # new, or changed since it was read
                        sizes[entry.path] = size
                results, problems = _check_and_read(list(sizes)) if sizes else ([], {})
            except Exception:  # a bug: the rows stay as they are, with no read again at once
                log.exception("Listing the model library failed")
                failed = True
            finally:
                self._metadata_ready.emit((added, results, problems, sizes, failed))

        threading.Thread(target=work, name="penwright-metadata", daemon=True).start()

    def _show_rows(self) -> None:
        selected = self.selected_entry()
        self.table.clear()
        for entry in self.runtime.library.entries():
            item = QTreeWidgetItem([entry.name])
            item.setData(0, Qt.ItemDataRole.UserRole, entry.id)
            self._fill_row(item, entry)
            self.table.addTopLevelItem(item)
            if selected is not None and entry.id == selected.id:
                self.table.setCurrentItem(item)
        first = self.table.topLevelItem(0)
        if self.table.currentItem() is None and first is not None:
            self.table.setCurrentItem(first)

    def _fill_row(self, item: QTreeWidgetItem, entry: ModelEntry) -> None:
        summary = self.summaries.get(entry.path)
        tooltip = ""
        if isinstance(summary, GGUFSummary):
            n_ctx = self.runtime.settings.model(entry.id).n_ctx or summary.default_n_ctx()
            values = [
                summary.architecture,
                f"{summary.n_params / 1e6:,.0f} M",
                summary.quantization,
                _size(summary.size_bytes),
                f"{summary.context_length:,}",
                self.tr("yes") if summary.has_chat_template else self.tr("none"),
                self.tr("{size} at n_ctx {n}").format(size=_size(summary.memory_estimate(n_ctx)), n=n_ctx),
            ]
        elif isinstance(summary, ModelFileError):
            short, tooltip = self.problem_texts(summary, Path(entry.path).name, entry.source)
            values = ["", "", "", _size(entry.size_bytes), "", "", short]
        else:
            values = ["…", "", "", _size(entry.size_bytes), "", "", ""]
        if not entry.exists:
            values[-1] = self.tr("file missing")
            tooltip = ""
        for column, value in enumerate(values, start=1):
            item.setText(column, value)
        for column in range(self.table.columnCount()):
            item.setToolTip(column, tooltip)

    def problem_texts(self, problem: ModelFileError, file_name: str, source: str = "") -> tuple[str, str]:
        """Translated words for a model file's problem: (the short text of its row, such as
        "damaged: incomplete, 10.0 MB of 98.4 MB", the full text with what to do)."""
        full = failure_text(problem.kind, problem.message, file_name, source)
        detail, what = "", self.tr("incomplete")
        if problem.reason == "truncated" and problem.needed_bytes:
            have, need = _size(problem.file_bytes), _size(problem.needed_bytes)
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

    def show_message(self, text: str) -> None:
        """Show ``text`` in the pane's message area, under the buttons ('' hides it)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def forget(self, path: str) -> None:
        """Read ``path`` again at the next refresh (it failed to load, say)."""
        self.summaries.pop(path, None)
        self._read_sizes.pop(path, None)

    def _apply_metadata(self, payload: object) -> None:
        added, results, problems, sizes, failed = cast(
            tuple[list[ModelEntry], list[dict[str, Any]], dict[str, ModelFileError], dict[str, int], bool],
            payload,
        )
        self._reading = False
        self._read_sizes.update(sizes)
        for result in results:
            path = result["path"]
            try:
                self.summaries[path] = GGUFSummary.from_metadata(
                    Path(path), result["metadata"], result["n_params"], result["tensor_bytes"]
                )
            except OSError:  # removed since it was read: the row says "file missing"
                self._read_sizes.pop(path, None)
        self.summaries.update(problems)
        self._show_rows()
        if added:
            self.library_changed.emit()
        missing = not failed and any(
            e.path not in self.summaries and e.exists for e in self.runtime.library.entries()
        )
        if self._read_again or missing:  # entries added while this read ran
            self._read_again = False
            self.refresh()

    def selected_entry(self) -> ModelEntry | None:
        item = self.table.currentItem()
        if item is None:
            return None
        return self.runtime.library.get(str(item.data(0, Qt.ItemDataRole.UserRole)))

    def select(self, model_id: str) -> None:
        for index in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(index)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == model_id:
                self.table.setCurrentItem(item)

    def show_gpu_info(self, info: dict[str, object]) -> None:
        for widget in (self.n_gpu_layers, self.main_gpu, self.tensor_split):
            widget.setEnabled(bool(info.get("gpu_offload")))
            if not info.get("gpu_offload"):
                widget.setToolTip(self.tr("This llama.cpp build has no GPU support (see GPU)."))
        if info.get("gpu_offload"):
            text = self.tr("This llama.cpp build can offload to the GPU ({backend}). Set n_gpu_layers.")
            self.gpu.setText(text.format(backend=info.get("backend")))
        else:
            self.gpu.setText(
                self.tr(
                    "This llama.cpp build runs on the CPU only. To use a GPU, rebuild it in the "
                    "project folder:"
                )
                + "\n\n"
                + GPU_COMMANDS
            )

    # -- actions --------------------------------------------------------------------------
    def load_selected(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self.load_requested.emit(entry.path, entry.id)

    def import_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import models"), str(Path.home()), self.tr("GGUF models (*.gguf)")
        )
        if paths:
            self.import_files(paths)

    def import_files(self, paths: list[str], copy: bool | None = None) -> None:
        """Import in the background; ``copy`` None asks the user (copy or link)."""
        if copy is None:
            box = QMessageBox(self)
            box.setWindowTitle(self.tr("Import models"))
            box.setText(self.tr("Copy the files into Penwright's model folder, or use them where they are?"))
            copy_button = box.addButton(self.tr("&Copy"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(self.tr("&Use in place"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            if box.clickedButton() not in box.buttons()[:2]:
                return
            copy = box.clickedButton() is copy_button
        self.notice.emit(self.tr("Importing {n} file(s)…").format(n=len(paths)))
        self.show_message(self.tr("Checking and importing {n} file(s)…").format(n=len(paths)))
        library, do_copy = self.runtime.library, copy

        def work() -> None:
            # (source path, the entry or None, its metadata, the problem or None)
            results: list[tuple[str, ModelEntry | None, dict[str, Any], Exception | None]] = []
            for path in paths:
                read: dict[str, Any] = {}

                def reader(source: Path, read: dict[str, Any] = read) -> None:
                    read.update(read_metadata_or_refuse(source))

                try:
                    entry = library.import_file(Path(path), do_copy, read_metadata=reader)
                    results.append((path, entry, read, None))
                except (ModelFileError, OSError) as exc:
                    results.append((path, None, read, exc))
                except Exception as exc:  # never leave the pane on "Checking…": the rest still imports
                    log.exception("Importing the model file %r failed", path)
                    results.append((path, None, read, exc))
            self._import_done.emit(results)

        threading.Thread(target=work, name="penwright-import", daemon=True).start()

    def _imported(self, payload: object) -> None:
        results = cast(list[tuple[str, ModelEntry | None, dict[str, Any], Exception | None]], payload)
        imported = [entry for _, entry, _, _ in results if entry is not None]
        for _, entry, read, _ in results:
            if entry is not None and read.get("ok"):
                target = Path(entry.path)
                try:
                    self.summaries[entry.path] = GGUFSummary.from_metadata(
                        target, read["metadata"], read["n_params"], read["tensor_bytes"]
                    )
                    self._read_sizes[entry.path] = target.stat().st_size
                except OSError:  # removed meanwhile
                    pass
        refused: list[tuple[str, str]] = []  # (file name, why)
        for path, _, _, problem in results:
            name = _shown_name(path)
            if isinstance(problem, ModelFileError):
                refused.append((name, self.problem_texts(problem, name)[1]))
            elif isinstance(problem, OSError):
                why = problem.strerror or str(problem)
                text = self.tr("“{name}” could not be copied: {why}")
                refused.append((name, text.format(name=name, why=why)))
            elif problem is not None:
                text = self.tr("“{name}” could not be imported: {why}")
                refused.append((name, text.format(name=name, why=str(problem) or repr(problem))))
        if refused:
            names = ", ".join(name for name, _ in refused)
            summary = self.tr("%n refused: {files}", "", len(refused)).format(files=names)
            if imported:
                summary = self.tr("Imported %n model(s);", "", len(imported)) + " " + summary
            self.notice.emit(summary)
            self.show_message("\n".join([summary, *(why for _, why in refused)]))
        else:
            text = self.tr("Imported %n model(s).", "", len(imported))
            self.notice.emit(text)
            self.show_message(text)
        if imported:
            self.library_changed.emit()
        self.refresh()
        if imported:
            self.select(imported[-1].id)

    def rename_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Rename model"), self.tr("Name:"), text=entry.name)
        if ok and name.strip():
            self.runtime.library.rename(entry.id, name)
            self.library_changed.emit()
            self.refresh()

    def remove_selected(self, delete_file: bool | None = None) -> None:
        """Remove from the library; ``delete_file`` None asks (the file is kept by default)."""
        entry = self.selected_entry()
        if entry is None:
            return
        if delete_file is None:
            box = QMessageBox(self)
            box.setWindowTitle(self.tr("Remove model"))
            box.setText(self.tr("Remove “{name}” from the library?").format(name=entry.name))
            check = QCheckBox(self.tr("Also delete the file from Penwright's model folder"))
            box.setCheckBox(check)
            box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            box.setDefaultButton(QMessageBox.StandardButton.No)
            if box.exec() != QMessageBox.StandardButton.Yes:
                return
            delete_file = check.isChecked()
        self.runtime.library.remove(entry.id, delete_file=delete_file)
        self.library_changed.emit()
        self.refresh()

    def add_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a folder of models"), str(Path.home()))
        if folder:
            self.add_folder(Path(folder))

    def add_folder(self, folder: Path) -> None:
        """Make every GGUF under ``folder`` part of the library, now and at each rescan."""
        text = str(Path(folder).resolve())
        if text not in self.runtime.settings.library_folders:
            self.runtime.settings.library_folders.append(text)
            self.runtime.save_settings()
        self.refresh()
        self.notice.emit(self.tr("Models in {folder} are now in the library.").format(folder=text))

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.runtime.paths.models_dir)))

    # -- downloads ----------------------------------------------------------------------------
    def downloading(self) -> bool:
        return self._download_cancel is not None

    def _download_or_cancel(self) -> None:
        if self._download_cancel is not None:
            self._download_cancel.set()
            self.download_status.setText(self.tr("Cancelling…"))
            return
        self.start_download(self.repo_id.text().strip(), self.repo_file.text().strip())

    def start_download(self, repo_id: str, filename: str) -> None:
        """Download in the background into the models folder; it joins the library when done.
        An interrupted or cancelled download resumes when started again."""
        from app.library.download import DownloadCancelled, DownloadError, download_gguf

        if not repo_id or not filename:
            self.download_status.setText(self.tr("Give the repository and the file name."))
            return
        cancel = threading.Event()
        self._download_cancel = cancel
        self.download_button.setText(self.tr("&Cancel download"))
        self.download_progress.setVisible(True)
        self.download_progress.setRange(0, 0)
        self.download_status.setText(self.tr("Connecting…"))
        dest = self.runtime.paths.models_dir
        endpoint = os.environ.get("HF_ENDPOINT")  # a mirror or a test server; default: the Hub

        def work() -> None:
            try:
                path = download_gguf(
                    repo_id,
                    filename,
                    dest,
                    endpoint=endpoint,
                    on_progress=self._download_progress.emit,
                    cancel=cancel,
                )
                self._download_done.emit(path)
            except DownloadCancelled:
                self._download_done.emit(self.tr("Download cancelled; start it again to resume."))
            except DownloadError as exc:
                self._download_done.emit(str(exc))
            except Exception as exc:  # never leave the progress bar spinning
                self._download_done.emit(self.tr("Download failed: {error}").format(error=exc))

        threading.Thread(target=work, name="penwright-download", daemon=True).start()

    def _show_download_progress(self, progress: object) -> None:
        self.last_download_progress = progress
        done = getattr(progress, "downloaded_bytes", 0)
        total = getattr(progress, "total_bytes", None)
        speed = getattr(progress, "bytes_per_second", 0.0)
        if total:
            self.download_progress.setRange(0, 1000)
            self.download_progress.setValue(int(1000 * done / total))
            text = self.tr("{done} of {total} · {speed}/s").format(
                done=_size(done), total=_size(total), speed=_size(speed)
            )
        else:
            text = self.tr("{done} · {speed}/s").format(done=_size(done), speed=_size(speed))
        self.download_status.setText(text)

    def _downloaded(self, result: object) -> None:
        self._download_cancel = None
        self.download_button.setText(self.tr("&Download"))
        self.download_progress.setVisible(False)
        if isinstance(result, Path):
            library = self.runtime.library
            entry = library.find_by_path(result) or library.add_file(result, source="download")
            self.download_status.setText(self.tr("Downloaded “{name}”.").format(name=entry.name))
            self.library_changed.emit()
            self.refresh()
            self.select(entry.id)
        else:
            self.download_status.setText(str(result))

    # -- per-model settings -----------------------------------------------------------------
    def _show_settings(self) -> None:
        entry = self.selected_entry()
        for key in ("load", "rename", "remove"):
            self.buttons[key].setEnabled(entry is not None)
        self.apply.setEnabled(entry is not None)
        if entry is None:
            return
        model = self.runtime.settings.model(entry.id)
        self.n_ctx.setValue(model.n_ctx)
        self.n_gpu_layers.setValue(model.n_gpu_layers)
        template = model.chat_template or ""
        index = self.template.findData(template) if template == "" or template in BUILTIN_TEMPLATES else -1
        self.template.setCurrentIndex(index if index >= 0 else self.template.findData("custom"))
        self.custom_template.setPlainText(template if index < 0 else "")
        self.flash_attn.setChecked(model.flash_attn)
        self.main_gpu.setValue(model.main_gpu)
        self.tensor_split.setText(", ".join(f"{x:g}" for x in model.tensor_split))
        self.kv_cache.setCurrentText(model.kv_cache_type)

    def _template_changed(self) -> None:
        self.custom_template.setVisible(self.template.currentData() == "custom")

    def apply_settings(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        key = str(self.template.currentData())
        template = self.custom_template.toPlainText().strip() if key == "custom" else key
        try:
            split = [float(x) for x in self.tensor_split.text().replace(",", " ").split()]
        except ValueError:
            self.notice.emit(self.tr("tensor_split must be numbers, such as 0.6, 0.4"))
            return
        settings = ModelSettings(
            main_gpu=self.main_gpu.value(),
            tensor_split=split,
            n_ctx=self.n_ctx.value(),
            n_gpu_layers=self.n_gpu_layers.value(),
            chat_template=template or None,
            flash_attn=self.flash_attn.isChecked(),
            kv_cache_type=self.kv_cache.currentText(),
        )
        try:
            settings.validate()
        except ValueError as exc:
            self.notice.emit(str(exc))
            return
        self.runtime.settings.models[entry.id] = settings
        self.runtime.save_settings()
        self.load_requested.emit(entry.path, entry.id)

    # -- drag and drop --------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.toLocalFile().lower().endswith(".gguf") for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [
            u.toLocalFile() for u in event.mimeData().urls() if u.toLocalFile().lower().endswith(".gguf")
        ]
        if paths:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.import_files(paths))

    def focus_main(self) -> None:
        """Give the keyboard to the list (the window calls it when the pane is shown)."""
        self.table.setFocus()

    def showEvent(self, event: object) -> None:
        self.refresh()
        super().showEvent(event)  # type: ignore[arg-type]
