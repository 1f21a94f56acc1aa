"""Downloading a GGUF from Hugging Face (or the mirror in ``HF_ENDPOINT``) into the models
folder, with progress, speed and Cancel; an interrupted or cancelled download resumes when
started again, and the finished file joins the library."""

from __future__ import annotations

import os
import threading
from pathlib import Path

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


class DownloadBox(QGroupBox):
    """The repository and file fields, Download/Cancel, the progress bar and the status.

    Attributes:
        last_download_progress: the last progress report shown (a
            :class:`app.library.download` progress record: ``downloaded_bytes``,
            ``total_bytes`` or None, ``bytes_per_second``), None before the first.

    Signals:
        downloaded(str): the model with this id joined the library from a download.
    """

    downloaded = Signal(str)
    _download_progress = Signal(object)
    _download_done = Signal(object)  # a Path, or an error message

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
        self._download_cancel: threading.Event | None = None
        self.last_download_progress: object = None
        self._download_progress.connect(self._show_download_progress)
        self._download_done.connect(self._downloaded)

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
                done=size_text(done), total=size_text(total), speed=size_text(speed)
            )
        else:
            text = self.tr("{done} · {speed}/s").format(done=size_text(done), speed=size_text(speed))
        self.download_status.setText(text)

    def _downloaded(self, result: object) -> None:
        self._download_cancel = None
        self.download_button.setText(self.tr("&Download"))
        self.download_progress.setVisible(False)
        if isinstance(result, Path):
            library = self.runtime.library
            entry = library.find_by_path(result) or library.add_file(result, source="download")
            self.download_status.setText(self.tr("Downloaded “{name}”.").format(name=entry.name))
            self.downloaded.emit(entry.id)
        else:
            self.download_status.setText(str(result))
