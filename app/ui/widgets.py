"""Small widgets shared by the panes."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextBrowser, QWidget

from app.core.types import NoticeKind, Usage
from app.engines.base import Done, Failed, Notice

if TYPE_CHECKING:  # annotations only: each Qt class costs memory when first touched
    from PySide6.QtGui import QKeyEvent


class PromptEdit(QPlainTextEdit):
    """A multi-line input: Enter submits, Shift+Enter inserts a newline.

    Signals:
        submitted(): Enter was pressed.
    """

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab leaves the input (keyboard users)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class MessageView(QTextBrowser):
    """The conversation: role headers, message text, and a details line per reply.

    Appending streamed text inserts at the end of the document only, so each update
    costs time in proportion to the new text, not to the conversation's length.
    Model text is inserted as plain text: nothing in it is interpreted or fetched.

    Headers may carry links (reachable with Tab, activated with Enter or a click):
    ``branch:<message id>:-1`` / ``branch:<message id>:1`` move to the previous/next
    sibling of a message, ``edit:<message id>`` edits a message of yours.

    Signals:
        link_activated(str): the href of a header link.
    """

    link_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.anchorClicked.connect(lambda url: self.link_activated.emit(url.toString()))
        self._last_start: int | None = None
        self._starts: list[int] = []  # document position where each message begins

    def _formats(self) -> tuple[QTextCharFormat, QTextCharFormat, QTextCharFormat]:
        palette = self.palette()
        header = QTextCharFormat()
        header.setFontWeight(QFont.Weight.Bold)
        header.setForeground(palette.color(QPalette.ColorRole.Text))
        body = QTextCharFormat()
        body.setForeground(palette.color(QPalette.ColorRole.Text))
        meta = QTextCharFormat()
        meta.setForeground(palette.color(QPalette.ColorRole.PlaceholderText))
        meta.setFontPointSize(max(1.0, self.font().pointSizeF() * 0.85))
        return header, body, meta

    def _end_cursor(self) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        return cursor

    def _at_bottom(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - 4

    def _keep_bottom(self, was_at_bottom: bool) -> None:
        if was_at_bottom:
            bar = self.verticalScrollBar()
            bar.setValue(bar.maximum())

    def add_message(
        self,
        role_label: str,
        text: str,
        meta: str = "",
        *,
        message_id: int | None = None,
        branch: tuple[int, int] | None = None,
        editable: bool = False,
    ) -> None:
        """Append a message with a bold role header; ``meta`` is a details line.

        ``branch`` = (position, count), 1-based, adds "‹ 2/3 ›" links to the message's
        siblings; ``editable`` adds an "edit" link (both need ``message_id``).
        """
        at_bottom = self._at_bottom()
        header, body, meta_format = self._formats()
        cursor = self._end_cursor()
        if not self.document().isEmpty():
            cursor.insertBlock()
            cursor.insertBlock()
        self._last_start = cursor.position()
        self._starts.append(cursor.position())
        cursor.insertText(role_label, header)
        if message_id is not None and branch is not None and branch[1] > 1:
            position, count = branch
            cursor.insertText("   ", header)
            self._link(cursor, "‹", f"branch:{message_id}:-1", self.tr("Previous version (branch)"))
            cursor.insertText(f" {position}/{count} ", meta_format)
            self._link(cursor, "›", f"branch:{message_id}:1", self.tr("Next version (branch)"))
        if message_id is not None and editable:
            cursor.insertText("   ", header)
            self._link(
                cursor,
                self.tr("edit"),
                f"edit:{message_id}",
                self.tr("Edit this message: sending makes a new branch"),
            )
        cursor.insertBlock()
        cursor.insertText(text, body)
        if meta:
            cursor.insertBlock()
            cursor.insertText(meta, meta_format)
        self._keep_bottom(at_bottom)

    def _link(self, cursor: QTextCursor, text: str, href: str, tooltip: str) -> None:
        fmt = QTextCharFormat()
        fmt.setAnchor(True)
        fmt.setAnchorHref(href)
        fmt.setToolTip(tooltip)
        fmt.setForeground(self.palette().color(QPalette.ColorRole.Link))
        fmt.setFontUnderline(True)
        cursor.insertText(text, fmt)

    def append_text(self, text: str) -> None:
        """Append streamed text to the last message."""
        at_bottom = self._at_bottom()
        _, body, _ = self._formats()
        self._end_cursor().insertText(text, body)
        self._keep_bottom(at_bottom)

    def append_meta(self, meta: str) -> None:
        """Append a details line (or an error) and scroll it into view."""
        _, _, meta_format = self._formats()
        cursor = self._end_cursor()
        cursor.insertBlock()
        cursor.insertText(meta, meta_format)
        self._keep_bottom(True)

    def remove_last_message(self) -> None:
        """Remove the last message added with :meth:`add_message` (for Regenerate)."""
        if self._last_start is None:
            return
        cursor = self._end_cursor()
        start = self._last_start
        # also remove the blank separator blocks before it
        start = max(0, start - 2) if start > 0 else 0
        cursor.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        self._last_start = None
        if self._starts:
            self._starts.pop()

    def clear_messages(self) -> None:
        self.clear()
        self._last_start = None
        self._starts = []

    def mark_left_out(self, count: int, tooltip: str) -> None:
        """Grey out the first ``count`` messages (left out of the last prompt, case C04),
        without changing the text; the others get their normal colour back."""
        palette = self.palette()
        end = self.document().characterCount() - 1
        for index, start in enumerate(self._starts):
            stop = self._starts[index + 1] if index + 1 < len(self._starts) else end
            fmt = QTextCharFormat()
            left_out = index < count
            fmt.setForeground(
                palette.color(QPalette.ColorRole.PlaceholderText if left_out else QPalette.ColorRole.Text)
            )
            fmt.setFontItalic(left_out)
            fmt.setToolTip(tooltip if left_out else "")
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(stop, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)

    def message_start(self, index: int) -> int:
        """Document position where message ``index`` (0-based, in display order) begins."""
        return self._starts[index]

    def left_out_count(self) -> int:
        """How many leading messages are marked as left out (for tests and accessibility)."""
        count = 0
        for start in self._starts:
            cursor = QTextCursor(self.document())
            cursor.setPosition(start + 1)
            if not cursor.charFormat().fontItalic():
                break
            count += 1
        return count


def describe_usage(usage: Usage, seed: int, reason: str) -> str:
    """'42 tokens · 38.5 tok/s · prompt 120 tokens · seed 7 · stop' (translatable parts)."""
    from PySide6.QtCore import QCoreApplication

    reasons = {
        "stop": QCoreApplication.translate("Reply", "finished"),
        "length": QCoreApplication.translate("Reply", "stopped at the token limit"),
        "cancelled": QCoreApplication.translate("Reply", "stopped by you"),
    }
    return QCoreApplication.translate(
        "Reply", "{n} tokens · {rate:.1f} tok/s · prompt {p} tokens · seed {seed} · {reason}"
    ).format(
        n=usage.completion_tokens,
        rate=usage.tokens_per_second,
        p=usage.prompt_tokens,
        seed=seed,
        reason=reasons.get(reason, reason),
    )


def describe_final(final: object) -> str:
    """A details line for a finished reply, or the failure in plain words."""

    if isinstance(final, Done):
        return describe_usage(final.usage, final.seed, final.reason)
    if isinstance(final, Failed):
        kind = final.detail if final.detail in REMOTE_FAILURES else final.kind
        return "⚠ " + failure_text(kind, final.message)
    return ""


#: Precise failure kinds of remote engines (``Failed.detail``), translated below.
REMOTE_FAILURES = frozenset(
    {
        "unreachable",
        "tls",
        "auth",
        "forbidden",
        "not_found",
        "rate_limited",
        "server",
        "cut",
        "content_filter",
        "timeout",
        "protocol",
    }
)


def keychain_problem_text(secrets: object) -> str:
    """Translated words for a :class:`SecretStore`'s last keychain problem ('' if none)."""
    from PySide6.QtCore import QCoreApplication

    kind, detail = getattr(secrets, "problem_kind", ""), getattr(secrets, "problem_detail", "")
    texts = {
        "no_backend": QCoreApplication.translate(
            "Keychain",
            "No system keychain is available (on Linux, install and unlock a Secret Service such as "
            "GNOME Keyring or KWallet). Keys are kept only until Penwright quits.",
        ),
        "timeout": QCoreApplication.translate(
            "Keychain",
            "The system keychain did not answer (is it locked and waiting for a password?). "
            "Keys are kept only until Penwright quits.",
        ),
        "refused": QCoreApplication.translate(
            "Keychain", "The system keychain refused the key ({detail}). It is kept until Penwright quits."
        ),
        "unreadable": QCoreApplication.translate(
            "Keychain", "The system keychain could not be read ({detail})."
        ),
        "delete_failed": QCoreApplication.translate(
            "Keychain", "The system keychain could not delete the key ({detail})."
        ),
    }
    return texts.get(kind, "").format(detail=detail)


def notice_text(notice: Notice) -> str:
    """Plain words for a :class:`Notice` event (a provider's retry wait)."""
    from PySide6.QtCore import QCoreApplication

    if notice.kind is NoticeKind.RETRYING:
        return QCoreApplication.translate("Reply", "The provider is busy; trying again. ({detail})").format(
            detail=notice.message
        )
    return notice.message


def failure_text(kind: str, message: str, file_name: str = "", source: str = "") -> str:
    """A translated, plain-words message for an engine or model-file failure ``kind``.

    The engine's own (English) ``message`` is used for kinds without a translation.
    ``source`` is the library entry's source: a damaged file that came from a download
    ('download') can be downloaded again; one the user picked is replaced by another file.
    """
    from PySide6.QtCore import QCoreApplication

    texts = {
        "crashed": QCoreApplication.translate(
            "Failure",
            "The engine stopped unexpectedly. Your text is kept; the engine restarts with the same model.",
        ),
        "not_gguf": QCoreApplication.translate(
            "Failure", "“{name}” is not a GGUF model file. Choose a .gguf file."
        ),
        "damaged": QCoreApplication.translate(
            "Failure", "“{name}” is incomplete or damaged. Choose another file."
        ),
        "missing": QCoreApplication.translate("Failure", "The model file “{name}” cannot be found."),
        "cancelled": QCoreApplication.translate("Failure", "Loading “{name}” was cancelled."),
        "no_model": QCoreApplication.translate(
            "Failure", "No model is loaded. Choose a model in the status bar."
        ),
        "unreachable": QCoreApplication.translate(
            "Failure", "The provider cannot be reached: check its address and that it is running. ({detail})"
        ),
        "tls": QCoreApplication.translate(
            "Failure", "The secure connection failed: the provider's certificate was not accepted. ({detail})"
        ),
        "auth": QCoreApplication.translate(
            "Failure", "The provider refused the key or token (401). ({detail})"
        ),
        "forbidden": QCoreApplication.translate(
            "Failure", "The key has no permission for this model or action (403). ({detail})"
        ),
        "not_found": QCoreApplication.translate(
            "Failure", "The provider does not know this model or deployment (404). ({detail})"
        ),
        "rate_limited": QCoreApplication.translate(
            "Failure", "The provider is limiting requests (429); wait and try again. ({detail})"
        ),
        "server": QCoreApplication.translate("Failure", "The provider failed; try again later. ({detail})"),
        "bad_request": QCoreApplication.translate(
            "Failure", "The provider refused the request as invalid. ({detail})"
        ),
        "cut": QCoreApplication.translate(
            "Failure",
            "The connection closed before the reply was complete. The text so far is kept; "
            "regenerate to try again.",
        ),
        "content_filter": QCoreApplication.translate(
            "Failure", "The provider's content filter stopped the reply."
        ),
        "timeout": QCoreApplication.translate(
            "Failure",
            "The provider took the request but did not answer in time; it was not sent again. "
            "Raise the provider's timeout under Remote providers for slow servers. ({detail})",
        ),
        "protocol": QCoreApplication.translate(
            "Failure",
            "The provider sent a reply Penwright cannot read. The text so far is kept. ({detail})",
        ),
        "context_overflow": QCoreApplication.translate(
            "Failure",
            "The text is longer than the model's context window. Send a shorter text, or put long "
            "texts in the Story pane. ({detail})",
        ),
    }
    if kind == "damaged" and source == "download":
        return QCoreApplication.translate(
            "Failure", "“{name}” is incomplete or damaged. Download it again or choose another model."
        ).format(name=file_name)
    if kind == "not_gguf" and "old GGML" in message:
        return QCoreApplication.translate(
            "Failure", "“{name}” is in the old GGML format. Get a GGUF version of this model."
        ).format(name=file_name)
    template = texts.get(kind)
    if template is None:
        return message
    return template.format(name=file_name, detail=message)


def failure_summary(kind: str, file_name: str) -> str:
    """The problem part of a model-file failure, for a short status-bar text ('' for kinds
    that have none): "“x.gguf” is incomplete or damaged"."""
    from PySide6.QtCore import QCoreApplication

    texts = {
        "not_gguf": QCoreApplication.translate("Failure", "“{name}” is not a GGUF model file"),
        "damaged": QCoreApplication.translate("Failure", "“{name}” is incomplete or damaged"),
        "missing": QCoreApplication.translate("Failure", "“{name}” cannot be found"),
        "cancelled": QCoreApplication.translate("Failure", "Loading “{name}” was cancelled"),
        "load_failed": QCoreApplication.translate("Failure", "llama.cpp could not load “{name}”"),
    }
    template = texts.get(kind)
    return template.format(name=file_name) if template and file_name else ""


def format_time(timestamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(timestamp))
