"""Downloading a GGUF from Hugging Face (or the mirror in ``HF_ENDPOINT``) into the models
folder, with progress, speed and Cancel; an interrupted or cancelled download resumes when
started again, and the finished file joins the library."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.runtime import Runtime
from app.ui.panes.models.table import size_text
from app.ui.tasks import Operation, OperationCancelled, Progress

if TYPE_CHECKING:  # app.library.download imports huggingface_hub: loaded on the first download
    from app.library.download import DownloadProgress


class DownloadBox(QGroupBox):
    """The repository and file fields, Download/Cancel, the progress bar and the status.

    A download is an :class:`Operation`: Cancel cancels it (the partial file stays, and the
    next start resumes it).

    Attributes:
        last_download_progress: the last :class:`~app.library.download.DownloadProgress`
            shown (``downloaded_bytes``, ``total_bytes`` or None, ``bytes_per_second``),
            None before the first.

    Signals:
        downloaded(str): the model with this id joined the library from a download.
    """

    downloaded = Signal(str)

    def __init__(self, runtime: Runtime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Download a GGUF from Hugging Face"))
        self.runtime = runtime
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
        row = QHBoxLayout()
        row.addWidget(self.repo_id, 2)
        row.addWidget(self.repo_file, 2)
        row.addWidget(self.download_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.download_progress)
        layout.addWidget(self.download_status)
        self._download: Operation[Path] | None = None
        self.last_download_progress: DownloadProgress | None = None

    def downloading(self) -> bool:
        return self._download is not None

    def _download_or_cancel(self) -> None:
        if self._download is not None:
            self._download.cancel()
            self.download_status.setText(self.tr("Cancelling…"))
            return
        self.start_download(self.repo_id.text().strip(), self.repo_file.text().strip())

    def start_download(self, repo_id: str, filename: str) -> None:
        """Download in the background into the models folder; it joins the library when done.
        An interrupted or cancelled download resumes when started again."""
        from app.library.download import DownloadCancelled, download_gguf

        if not repo_id or not filename:
            self.download_status.setText(self.tr("Give the repository and the file name."))
            return
        self.download_button.setText(self.tr("&Cancel download"))
        self.download_progress.setVisible(True)
        self.download_progress.setRange(0, 0)
        self.download_status.setText(self.tr("Connecting…"))
        dest = self.runtime.paths.models_dir
        endpoint = os.environ.get("HF_ENDPOINT")  # a mirror or a test server; default: the Hub
        latest: list[DownloadProgress] = []  # the newest report, with its speed, for the view

        def work(progress: Progress) -> Path:
            def report(state: DownloadProgress) -> None:
                latest[:] = [state]
                progress.report(state.downloaded_bytes, state.total_bytes or 0)

            try:
                path = download_gguf(
                    repo_id,
                    filename,
                    dest,
                    endpoint=endpoint,
                    on_progress=report,
                    cancel=progress.cancel_event,
                )
            except DownloadCancelled:
                raise OperationCancelled from None
            # Cancel pressed after the last byte: the file is whole, so it joins the library.
            progress.cancel_event.clear()
            return path

        def show(_done: int, _total: int) -> None:
            if latest:
                self._show_download_progress(latest[-1])

        # download_gguf reports at most every PROGRESS_INTERVAL_S itself: show every report
        operation: Operation[Path] = Operation(self, work, name="penwright-download", progress_interval_s=0.0)
        operation.on_progress(show)
        operation.on_success(self._downloaded)
        operation.on_failure(self._download_failed)
        operation.on_cancelled(self._download_cancelled)
        self._download = operation
        operation.run()

    def _show_download_progress(self, progress: DownloadProgress) -> None:
        self.last_download_progress = progress
        done, total, speed = progress.downloaded_bytes, progress.total_bytes, progress.bytes_per_second
        if total:
            self.download_progress.setRange(0, 1000)
            self.download_progress.setValue(int(1000 * done / total))
            text = self.tr("{done} of {total} · {speed}/s").format(
                done=size_text(done), total=size_text(total), speed=size_text(speed)
            )
        else:
            text = self.tr("{done} · {speed}/s").format(done=size_text(done), speed=size_text(speed))
        self.download_status.setText(text)

    def _finished(self) -> None:
        self._download = None
        self.download_button.setText(self.tr("&Download"))
        self.download_progress.setVisible(False)

    def _downloaded(self, path: Path) -> None:
        self._finished()
        library = self.runtime.library
        entry = library.find_by_path(path) or library.add_file(path, source="download")
        self.download_status.setText(self.tr("Downloaded “{name}”.").format(name=entry.name))
        self.downloaded.emit(entry.id)

    def _download_failed(self, exc: Exception) -> None:
        from app.library.download import DownloadError

        self._finished()
        if isinstance(exc, DownloadError):
            self.download_status.setText(str(exc))
        else:  # never leave the progress bar spinning
            self.download_status.setText(self.tr("Download failed: {error}").format(error=exc))

    def _download_cancelled(self) -> None:
        self._finished()
        self.download_status.setText(self.tr("Download cancelled; start it again to resume."))
