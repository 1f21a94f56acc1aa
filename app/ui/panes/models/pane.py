"""The Models pane: the model library with metadata read without loading, import, rename,
remove, open folder, downloads, per-model load settings, and what this llama.cpp build can
offload.

The parts: :mod:`.table` (the library list and its metadata), :mod:`.imports` (checked
imports, C09/C10), :mod:`.downloads` (Hugging Face downloads) and :mod:`.model_settings`
(the per-model settings form).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.library.gguf import GGUFSummary, ModelFileError
from app.library.models import ModelEntry
from app.runtime import Runtime
from app.ui.panes.models.downloads import DownloadBox
from app.ui.panes.models.imports import ImportResult, ask_copy, import_batch, import_report
from app.ui.panes.models.model_settings import ModelSettingsForm
from app.ui.panes.models.table import LibraryTable
from app.ui.tasks import Operation

#: Reinstall commands for GPU builds of llama-cpp-python (also in the README).
GPU_COMMANDS = (
    'CMAKE_ARGS="-DGGML_CUDA=on" .venv/bin/pip install --force-reinstall --no-cache-dir '
    "-c constraints.txt llama-cpp-python   # NVIDIA\n"
    'CMAKE_ARGS="-DGGML_METAL=on" .venv/bin/pip install --force-reinstall --no-cache-dir '
    "-c constraints.txt llama-cpp-python   # Apple"
)


class ModelsPane(QWidget):
    """The model library.

    Public attributes: ``table`` (:class:`LibraryTable`), ``settings_form``
    (:class:`ModelSettingsForm`) and its fields (``n_ctx``, ``template``, ``apply``, ...),
    ``downloads`` (:class:`DownloadBox`) and its ``repo_id``, ``repo_file``,
    ``download_button``, ``download_progress``, ``download_status``; ``message``, ``gpu``.

    Signals:
        load_requested(str, str): load this path with the settings of this model id.
        notice(str): a message for the status bar.
        library_changed(): entries were added, renamed or removed.
        import_finished(): an import batch ended and its report is shown.
    """

    load_requested = Signal(str, str)
    notice = Signal(str)
    library_changed = Signal()
    import_finished = Signal()

    def __init__(self, runtime: Runtime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.setAcceptDrops(True)

        self.table = LibraryTable(runtime)
        self.table.currentItemChanged.connect(lambda *_: self._show_settings())
        self.table.itemActivated.connect(lambda *_: self.load_selected())
        self.table.entries_added.connect(self.library_changed)

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

        self.settings_form = ModelSettingsForm()
        form = self.settings_form
        self.n_ctx, self.n_gpu_layers, self.main_gpu = form.n_ctx, form.n_gpu_layers, form.main_gpu
        self.tensor_split, self.template, self.custom_template = (
            form.tensor_split,
            form.template,
            form.custom_template,
        )
        self.flash_attn, self.kv_cache, self.apply = form.flash_attn, form.kv_cache, form.apply
        self.apply.clicked.connect(self.apply_settings)

        self.downloads = DownloadBox(runtime)
        self.repo_id, self.repo_file = self.downloads.repo_id, self.downloads.repo_file
        self.download_button = self.downloads.download_button
        self.download_progress = self.downloads.download_progress
        self.download_status = self.downloads.download_status
        self.downloads.downloaded.connect(self._downloaded)

        self.gpu = QLabel(self.tr("Checking what this llama.cpp build can do…"))
        self.gpu.setAccessibleName(self.tr("GPU support"))
        self.gpu.setWordWrap(True)
        self.gpu.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        gpu_box = QGroupBox(self.tr("GPU"))
        QVBoxLayout(gpu_box).addWidget(self.gpu)

        lower = QHBoxLayout()
        lower.addWidget(self.settings_form, 1)
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
        layout.addWidget(self.downloads)
        layout.addLayout(lower)

        #: the import batches running (each kept until it reports)
        self._imports: list[Operation[list[ImportResult]]] = []

    # -- listing --------------------------------------------------------------------------
    @property
    def summaries(self) -> dict[str, GGUFSummary | ModelFileError]:
        """By path: the file's :class:`GGUFSummary` or what is wrong with it."""
        return self.table.summaries

    @property
    def _reading(self) -> bool:
        """A listing runs (the tests and the screenshot driver wait for it to end)."""
        return self.table.reading

    def refresh(self) -> None:
        """List the entries now; scan the folders and read missing metadata off the GUI
        thread (:meth:`LibraryTable.refresh`)."""
        self.table.refresh()

    def problem_texts(self, problem: ModelFileError, file_name: str, source: str = "") -> tuple[str, str]:
        """Translated words for a model file's problem (:meth:`LibraryTable.problem_texts`)."""
        return self.table.problem_texts(problem, file_name, source)

    def show_message(self, text: str) -> None:
        """Show ``text`` in the pane's message area, under the buttons ('' hides it)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def forget(self, path: str) -> None:
        """Read ``path`` again at the next refresh (it failed to load, say)."""
        self.table.forget(path)

    def selected_entry(self) -> ModelEntry | None:
        return self.table.selected_entry()

    def select(self, model_id: str) -> None:
        self.table.select(model_id)

    def show_gpu_info(self, info: dict[str, object]) -> None:
        self.settings_form.set_gpu_offload(bool(info.get("gpu_offload")))
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
            copy = ask_copy(self)
            if copy is None:
                return
        self.notice.emit(self.tr("Importing {n} file(s)…").format(n=len(paths)))
        self.show_message(self.tr("Checking and importing {n} file(s)…").format(n=len(paths)))
        library, do_copy = self.runtime.library, copy
        operation: Operation[list[ImportResult]] = Operation(
            self, lambda _progress: import_batch(library, paths, do_copy), name="penwright-import"
        )
        self._imports.append(operation)
        operation.on_success(lambda results: self._imported(operation, results))
        operation.on_failure(lambda exc: self._import_failed(operation, exc))
        operation.run()

    def _imported(self, operation: Operation[list[ImportResult]], results: list[ImportResult]) -> None:
        self._imports.remove(operation)
        for result in results:
            if result.entry is not None and result.read.get("ok"):
                self.table.remember(result.entry.path, result.read)
        notice, message = import_report(results, self.problem_texts)
        self.notice.emit(notice)
        self.show_message(message)
        imported = [r.entry for r in results if r.entry is not None]
        if imported:
            self.library_changed.emit()
        self.refresh()
        if imported:
            self.select(imported[-1].id)
        self.import_finished.emit()

    def _import_failed(self, operation: Operation[list[ImportResult]], exc: Exception) -> None:
        """A bug in the import itself (each file's problem is caught and reported): say so,
        never leave the pane on "Checking…"."""
        self._imports.remove(operation)
        text = self.tr("The import failed: {error}").format(error=str(exc) or repr(exc))
        self.notice.emit(text)
        self.show_message(text)
        self.refresh()
        self.import_finished.emit()

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
        folders = self.runtime.settings.library_folders
        if text not in folders:
            self.runtime.change_settings(library_folders=[*folders, text])
        self.refresh()
        self.notice.emit(self.tr("Models in {folder} are now in the library.").format(folder=text))

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.runtime.paths.models_dir)))

    # -- downloads ------------------------------------------------------------------------
    @property
    def last_download_progress(self) -> object:
        """The last download progress report shown (see :class:`DownloadBox`)."""
        return self.downloads.last_download_progress

    def downloading(self) -> bool:
        return self.downloads.downloading()

    def start_download(self, repo_id: str, filename: str) -> None:
        """Download ``filename`` of ``repo_id`` into the models folder (:class:`DownloadBox`)."""
        self.downloads.start_download(repo_id, filename)

    def _downloaded(self, model_id: str) -> None:
        self.library_changed.emit()
        self.refresh()
        self.select(model_id)

    # -- per-model settings ---------------------------------------------------------------
    def _show_settings(self) -> None:
        entry = self.selected_entry()
        for key in ("load", "rename", "remove"):
            self.buttons[key].setEnabled(entry is not None)
        self.apply.setEnabled(entry is not None)
        if entry is not None:
            self.settings_form.show_model(self.runtime.settings.model(entry.id))

    def apply_settings(self) -> None:
        """Save the form's settings for the selected model and reload it with them; a bad
        value is named in the status bar and nothing is saved."""
        entry = self.selected_entry()
        if entry is None:
            return
        try:
            settings = self.settings_form.read()
        except ValueError as exc:
            self.notice.emit(str(exc))
            return
        try:
            self.runtime.change_model_settings(entry.id, settings)
        except (OSError, ValueError) as exc:
            self.notice.emit(self.tr("The settings could not be saved: {why}").format(why=exc))
            return
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
