"""Import, export and "Back up now" of the History pane (:class:`Transfers`), off the GUI thread.

They run on a worker thread with a connection of their own (:mod:`app.storage.transfer`;
a ChatGPT export of hundreds of MB takes minutes), one at a time: a row above the buttons
(:attr:`Transfers.bar`) shows the progress ("Imported 300 of 2,000 conversations") with
Cancel, the window stays usable, and an import shows its conversations all at once at the
end, or none. Closing the window during an import or export cancels it first.

Each transfer is one :class:`app.ui.tasks.Operation`: progress, and exactly one of success,
failure or cancelled, delivered on the GUI thread, nothing after the pane is gone.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QLocale, QObject, QStandardPaths, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QWidget,
)

from app.storage import transfer
from app.storage.exchange import LeftOut
from app.storage.history import HistoryStore
from app.ui.panes.history.labels import file_name
from app.ui.tasks import Operation, OperationCancelled, Progress

# Kinds of transfer (TransferResult.kind).
IMPORT = "import"
EXPORT = "export"
BACKUP = "backup"


@dataclass(frozen=True)
class TransferResult:
    """How an import, export or backup ended (``HistoryPane.transfer_finished``).

    ``value``: how many conversations were imported, or the path written (export, backup);
    None when it failed or was cancelled. ``error``: the exception that ended it (nothing
    was imported or written). ``cancelled``: the user cancelled (nothing was imported or
    written). ``skipped``: conversations of an imported file already in the history.
    ``left_out``: what an imported ChatGPT export held that was not imported (images,
    reasoning notes, hidden messages, tool results, audio, conversations with no text,
    records with no id; empty otherwise) (C30).
    """

    kind: str
    value: object = None
    error: Exception | None = None
    cancelled: bool = False
    skipped: int = 0
    left_out: LeftOut = field(default_factory=LeftOut)

    @property
    def ok(self) -> bool:
        return self.error is None and not self.cancelled


@dataclass
class _Running:
    """The transfer in progress."""

    kind: str
    subject: Path  # the file imported or exported, or the backup folder
    report: bool  # show the outcome (started from the buttons) or only signal it
    count: int  # conversations exported
    cancel: threading.Event  # Cancel was pressed (the storage functions look at it)
    operation: Operation[object]


class Transfers(QObject):
    """Starts, shows, cancels and reports the pane's imports, exports and backups.

    Args:
        store: the history; only its path is used (the work opens its own connection).
        host: the pane (dialogs' parent; closing its window cancels a transfer first).

    Signals:
        busy(bool): a transfer started (True) or ended (False); the pane greys its buttons.
        imported(): an import stored conversations (the list may refresh).
        notice(str): a message for the status bar only (a transfer is starting).
        message(str): how a transfer ended, or why it could not start, for the pane's bar.
        finished(TransferResult): a transfer ended.
    """

    busy = Signal(bool)
    imported = Signal()
    notice = Signal(str)
    message = Signal(str)
    finished = Signal(object)

    def __init__(self, store: HistoryStore, host: QWidget) -> None:
        super().__init__(host)
        self.store = store
        self._host = host
        self._running: _Running | None = None  # the import, export or backup under way
        self.last_result: TransferResult | None = None
        self._watched: QWidget | None = None  # the window whose closing waits for a cancel
        self._close_pending = False
        #: Conversations per import transaction (:data:`app.storage.transfer.CHUNK_CONVERSATIONS`).
        self.chunk_size = transfer.CHUNK_CONVERSATIONS

        self.bar = QFrame()
        self.bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.bar.setAutoFillBackground(True)
        self.bar.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.label = QLabel()
        self.label.setAccessibleName(self.tr("Transfer status"))
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.setTextVisible(False)  # the label says it in words
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the import"))
        self.cancel_button.setToolTip(self.tr("Stop; nothing is imported or written"))
        self.cancel_button.clicked.connect(self.cancel)
        row = QHBoxLayout(self.bar)
        row.addWidget(self.label, 1)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        self.bar.hide()

    # -- starting -------------------------------------------------------------------------
    def export_to(self, path: Path, ids: list[int], *, report: bool = False) -> bool:
        """Start writing ``ids`` to ``path`` in the format its suffix names (.md, .json,
        .html), on a worker thread. False if another transfer is running.

        ``finished`` then carries a :class:`TransferResult` whose value is the path
        written, or the error (ValueError: unknown suffix or conversation; OSError: the
        file cannot be written). With ``report`` the outcome is also shown.
        """
        chosen, target, db = list(ids), Path(path), self.store.path

        def work(progress: Progress, cancel: threading.Event) -> object:
            return transfer.write_export(db, target, chosen, progress=progress.report, cancel=cancel)

        return self._start(EXPORT, work, target, report, count=len(chosen))

    def export_dialog(self, ids: list[int]) -> bool:
        """Ask for a file and start exporting ``ids``; False if none was chosen (or there
        is nothing to export)."""
        if not ids:
            self.message.emit(self.tr("There is nothing to export yet."))
            return False
        filters = [self.tr("Markdown (*.md)"), self.tr("JSON (*.json)"), self.tr("HTML (*.html)")]
        suffixes = [".md", ".json", ".html"]
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = "penwright-history"
        if len(ids) == 1:
            summary = self.store.get_conversation(ids[0])
            if summary is not None:
                name = file_name(summary.title) or name
        path, chosen = QFileDialog.getSaveFileName(
            self._host, self.tr("Export conversations"), str(Path(folder) / f"{name}.md"), ";;".join(filters)
        )
        if not path:
            return False
        target = Path(path)
        if target.suffix.lower() not in (".md", ".markdown", ".json", ".html", ".htm"):
            target = target.with_name(
                target.name + suffixes[filters.index(chosen) if chosen in filters else 0]
            )
        return self.export_to(target, ids, report=True)

    def import_from(self, path: Path, *, report: bool = False) -> bool:
        """Start importing a Penwright JSON export or ChatGPT's conversations.json (all or
        nothing) on a worker thread (:func:`app.storage.transfer.import_file`), in chunks
        of :attr:`chunk_size` conversations. False if another transfer is running.

        ``finished`` then carries a :class:`TransferResult` whose value is how many
        conversations were added, or the error (:class:`exchange.ExchangeError`: the file
        is unreadable or malformed, the message says where and what), or ``cancelled``;
        either way nothing was imported. With ``report`` the outcome is also shown.
        """
        source, db, chunk = Path(path), self.store.path, self.chunk_size

        def work(progress: Progress, cancel: threading.Event) -> object:
            return transfer.import_file(db, source, progress=progress.report, cancel=cancel, chunk_size=chunk)

        return self._start(IMPORT, work, source, report)

    def import_dialog(self) -> bool:
        """Ask for a file and start the import; False if none was chosen."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
        path, _chosen = QFileDialog.getOpenFileName(
            self._host,
            self.tr("Import conversations"),
            folder,
            ";;".join([self.tr("Conversation exports (*.json)"), self.tr("All files (*)")]),
        )
        if not path:
            return False
        return self.import_from(Path(path), report=True)

    def backup_folder(self) -> Path:
        """Where "Back up now" writes: ``backups`` next to the history file."""
        return self.store.path.parent / "backups"

    def back_up_now(self, *, report: bool = False) -> bool:
        """Start copying the whole history into :meth:`backup_folder` on a worker thread.
        False if another transfer is running.

        ``finished`` then carries a :class:`TransferResult` whose value is the copy's path,
        or the error (OSError, sqlite3.Error). With ``report`` the outcome is also shown.
        """
        db, folder = self.store.path, self.backup_folder()

        def work(_progress: Progress, _cancel: threading.Event) -> object:
            return transfer.backup_now(db, folder)

        return self._start(BACKUP, work, folder, report)

    # -- running --------------------------------------------------------------------------
    def running(self) -> bool:
        """Whether an import, export or backup is running."""
        return self._running is not None

    def cancel(self) -> None:
        """Cancel the running import or export (a backup is short and runs to its end).
        The worker stops at its next chunk and deletes what it stored; ``finished`` follows."""
        running = self._running
        if running is None or running.kind == BACKUP or running.cancel.is_set():
            return
        running.cancel.set()
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("Cancelling…"))

    def wait(self, timeout_ms: int = 120_000) -> TransferResult | None:
        """Run the event loop until the running transfer ends (at most ``timeout_ms``);
        returns its result (the last one if none is running), None on time-out."""
        if self._running is not None:
            loop = QEventLoop()
            timer = QTimer()
            timer.setSingleShot(True)
            timer.timeout.connect(loop.quit)
            self.finished.connect(loop.quit)
            timer.start(timeout_ms)
            try:
                loop.exec()
            finally:
                timer.stop()
                self.finished.disconnect(loop.quit)
            if self._running is not None:
                return None
        return self.last_result

    def _start(
        self,
        kind: str,
        work: Callable[[Progress, threading.Event], object],
        subject: Path,
        report: bool,
        count: int = 0,
    ) -> bool:
        """Run ``work(progress, cancel)`` as an :class:`Operation`, showing its progress.

        Cancel sets ``cancel``, which the storage functions look at between chunks; they
        end a cancelled transfer by raising :class:`transfer.TransferCancelled`, which ends
        the operation as cancelled. (Not :meth:`Operation.cancel`: that ends as cancelled
        even work that returned, and an import whose last chunk was in when Cancel came
        has imported everything, so it must be reported as done.)
        """
        if self._running is not None:
            return False
        cancel = threading.Event()

        def run(progress: Progress) -> object:
            try:
                return work(progress, cancel)
            except transfer.TransferCancelled:
                raise OperationCancelled from None

        operation: Operation[object] = Operation(self, run, name=f"penwright-{kind}")
        self._running = _Running(kind, subject, report, count, cancel, operation)
        starting = {
            IMPORT: self.tr("Reading {name}…").format(name=subject.name),
            EXPORT: self.tr("Exporting to {name}…").format(name=subject.name),
            BACKUP: self.tr("Copying the history to {path}…").format(path=subject),
        }[kind]
        self.label.setText(starting)
        self.progress.setRange(0, 0)  # busy until the first report
        self.progress.setAccessibleName(
            {
                IMPORT: self.tr("Progress of the import"),
                EXPORT: self.tr("Progress of the export"),
                BACKUP: self.tr("Progress of the backup"),
            }[kind]
        )
        self.cancel_button.setVisible(kind != BACKUP)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setAccessibleName(
            self.tr("Cancel the import") if kind == IMPORT else self.tr("Cancel the export")
        )
        self.bar.show()
        self.busy.emit(True)
        window = self._host.window()
        if window is not self._host:  # closing the window cancels first (see eventFilter)
            window.installEventFilter(self)
            self._watched = window
        self.notice.emit(starting)
        operation.on_progress(self._progressed).on_success(self._succeeded).on_failure(self._failed)
        operation.on_cancelled(self._cancelled).run()
        return True

    def _progressed(self, done: int, total: int) -> None:
        running = self._running
        if running is None or running.cancel.is_set():
            return
        locale = QLocale()
        text = (
            self.tr("Imported {done} of {total} conversations")
            if running.kind == IMPORT
            else self.tr("Exporting: read {done} of {total} conversations")
        )
        self.label.setText(text.format(done=locale.toString(done), total=locale.toString(total)))
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _succeeded(self, value: object) -> None:
        skipped, left_out = 0, LeftOut()
        if isinstance(value, transfer.ImportSummary):
            skipped, left_out = value.skipped, value.left_out
            value = len(value.ids)
        self._done(lambda kind: TransferResult(kind, value, skipped=skipped, left_out=left_out))

    def _failed(self, error: Exception) -> None:
        self._done(lambda kind: TransferResult(kind, error=error))

    def _cancelled(self) -> None:
        self._done(lambda kind: TransferResult(kind, cancelled=True))

    def _done(self, outcome: Callable[[str], TransferResult]) -> None:
        """The operation ended (on the GUI thread): hide the progress, then tell."""
        running, self._running = self._running, None
        if running is None:
            return
        self.bar.hide()
        self.busy.emit(False)
        window, self._watched = self._watched, None
        if window is not None:
            window.removeEventFilter(self)
        result = outcome(running.kind)
        self.last_result = result
        if running.kind == IMPORT and result.ok:
            self.imported.emit()
        closing, self._close_pending = self._close_pending, False
        if running.report and not closing:
            self._report(running, result)
        self.finished.emit(result)
        if closing and window is not None:
            QTimer.singleShot(0, window.close)

    # -- reporting ------------------------------------------------------------------------
    def _report(self, running: _Running, result: TransferResult) -> None:
        """Tell the user how a transfer they started ended, as before it ran in the background."""
        error = result.error
        if running.kind == IMPORT:
            if error is not None:
                self._error(
                    self.tr("Import failed"), self.tr("Nothing was imported. {error}").format(error=error)
                )
            elif result.cancelled:
                self.message.emit(self.tr("Import cancelled. Nothing was imported."))
            else:
                count = result.value if isinstance(result.value, int) else 0
                text = self.tr("Imported %n conversation(s) from {name}.", "", count).format(
                    name=running.subject.name
                )
                if result.skipped:
                    text += " " + self.tr(
                        "%n were already in your history and were left out.", "", result.skipped
                    )
                text = " ".join([text, *self.left_out_sentences(result.left_out)])
                self.message.emit(text)
        elif running.kind == EXPORT:
            if error is not None:
                self._error(
                    self.tr("Export failed"),
                    self.tr("Could not write {path}: {error}").format(path=running.subject, error=error),
                )
            elif result.cancelled:
                self.message.emit(self.tr("Export cancelled. Nothing was written."))
            else:
                self.message.emit(
                    self.tr("Exported %n conversation(s) to {path}.", "", running.count).format(
                        path=result.value
                    )
                )
        elif error is not None:
            self._error(
                self.tr("Backup failed"), self.tr("Could not copy the history: {error}").format(error=error)
            )
        else:
            self.message.emit(self.tr("Backed up the history to {path}.").format(path=result.value))

    def left_out_sentences(self, left: LeftOut, named: int = 10) -> list[str]:
        """What an import left out (C30), translated, one sentence per fact, e.g. "3
        images and 2 reasoning notes were not imported." and "2 conversations with no
        text were not imported: A and B." (the first ``named`` conversations named, then
        how many more); [] when nothing was left out. Lists are joined as the locale joins
        them (:meth:`QLocale.createSeparatedList`)."""
        locale = QLocale()
        counted = [
            (left.images, self.tr("%n image(s)", "", left.images)),
            (left.audio, self.tr("%n audio clip(s)", "", left.audio)),
            (left.reasoning, self.tr("%n reasoning note(s)", "", left.reasoning)),
            (left.hidden, self.tr("%n hidden message(s)", "", left.hidden)),
            (left.tool, self.tr("%n tool result(s)", "", left.tool)),
        ]
        for kind, n in left.other.items():
            counted.append((n, self.tr("%n part(s) of type “{kind}”", "", n).format(kind=kind)))
        parts = [text for n, text in counted if n]

        def names(labels: list[str]) -> str:
            shown = labels[:named]
            if len(labels) > named:
                shown.append(self.tr("%n more", "", len(labels) - named))
            return locale.createSeparatedList(shown)

        out = []
        if parts:
            out.append(
                self.tr("{parts} were not imported.", "", left.parts()).format(
                    parts=locale.createSeparatedList(parts)
                )
            )
        if left.empty:
            text = self.tr("%n conversation(s) with no text were not imported: {names}.", "", len(left.empty))
            out.append(text.format(names=names(left.empty)))
        if left.no_id:
            text = self.tr("%n conversation(s) had no id in the file: {names}.", "", len(left.no_id))
            out.append(text.format(names=names(left.no_id)))
        return out

    def _error(self, title: str, text: str) -> None:
        self.message.emit(text)
        QMessageBox.warning(self._host, title, text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Closing the window while an import or export runs cancels it first (the worker
        deletes what it stored), then closes the window. A second close does not wait
        (anything left hidden is purged at the next start)."""
        if (
            watched is self._watched
            and event.type() == QEvent.Type.Close
            and self._running is not None
            and not self._close_pending
        ):
            self._close_pending = True
            self.cancel()
            event.ignore()
            return True
        return super().eventFilter(watched, event)
