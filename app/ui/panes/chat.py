"""The Chat pane: conversation list, message view, input, Send/Stop, Regenerate."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.prompts import CHAT_SYSTEM_PROMPT, clean_title, title_from_text, title_request
from app.core.types import ChatMessage, Pane
from app.engines.base import Done, GenerationRequest
from app.services.conversation import ConversationService
from app.storage.history import HistoryStore, StoredMessage
from app.ui.engine_bridge import EngineHub
from app.ui.panes.base import PaneBase
from app.ui.token_meter import TokenMeter
from app.ui.widgets import MessageView, PromptEdit, describe_final, describe_usage


class ChatPane(PaneBase):
    """Chat with the loaded model. Enter sends, Shift+Enter is a newline, Esc stops."""

    PANE = Pane.CHAT

    def __init__(self, hub: EngineHub, store: HistoryStore, parent: QWidget | None = None) -> None:
        super().__init__(hub, store, parent)
        #: stores the messages and replies (the same bookkeeping as ``penwright chat``)
        self.service = ConversationService(store, Pane.CHAT.value)
        self.messages: list[StoredMessage] = []
        #: the message of yours being edited (sending makes a sibling branch of it)
        self.editing: StoredMessage | None = None
        self._siblings: dict[int, list[int]] = {}  # message id -> ids of it and its siblings

        self.conversations = QListWidget()
        self.conversations.setAccessibleName(self.tr("Chat conversations"))
        self.conversations.itemActivated.connect(self._open_item)
        self.conversations.itemClicked.connect(self._open_item)
        self.conversations.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.conversations.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.new_button = QPushButton(self.tr("&New chat"))
        self.new_button.setAccessibleName(self.tr("New chat"))
        self.new_button.clicked.connect(self.new_conversation)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.new_button)
        side_layout.addWidget(self.conversations)

        self.view = MessageView()
        self.view.setAccessibleName(self.tr("Messages"))
        self.view.setPlaceholderText(self.tr("Ask anything. Try: “Suggest three names for a cat.”"))
        self.view.link_activated.connect(self._link)
        self.edit_label = QLabel()
        self.edit_label.setAccessibleName(self.tr("Editing a message"))
        self.edit_label.setWordWrap(True)
        self.edit_label.setVisible(False)
        self.input = PromptEdit()
        self.input.setAccessibleName(self.tr("Message input"))
        self.input.setPlaceholderText(self.tr("Message (Enter sends, Shift+Enter for a new line)"))
        self.input.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.input.submitted.connect(self.send)
        self.send_button = QPushButton(self.tr("&Send"))
        self.send_button.setAccessibleName(self.tr("Send or stop"))
        self.send_button.clicked.connect(lambda: self.start_or_stop(self.send))
        self.regenerate_button = QPushButton(self.tr("&Regenerate"))
        self.regenerate_button.setAccessibleName(self.tr("Regenerate the last reply"))
        self.regenerate_button.clicked.connect(self.regenerate)
        self.regenerate_button.setEnabled(False)
        self.stats = QLabel()
        self.stats.setAccessibleName(self.tr("Last reply statistics"))
        self.previous_branch = QPushButton("‹")
        self.previous_branch.setAccessibleName(self.tr("Previous version of the last reply"))
        self.previous_branch.setToolTip(self.tr("Previous version of the last reply (Alt+Left)"))
        self.previous_branch.clicked.connect(lambda: self.switch_branch(-1))
        self.next_branch = QPushButton("›")
        self.next_branch.setAccessibleName(self.tr("Next version of the last reply"))
        self.next_branch.setToolTip(self.tr("Next version of the last reply (Alt+Right)"))
        self.next_branch.clicked.connect(lambda: self.switch_branch(1))
        self.branch_label = QLabel()
        self.branch_label.setAccessibleName(self.tr("Version of the last reply"))
        width = self.fontMetrics().averageCharWidth() * 4
        for button in (self.previous_branch, self.next_branch):
            button.setMaximumWidth(width + self.fontMetrics().averageCharWidth() * 2)

        self.meter = TokenMeter(hub, self._meter_payload, essential=self._meter_essential)
        self.input.textChanged.connect(self.meter.schedule)
        self.guard_send(self.meter, self.send_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.stats, 1)
        buttons.addWidget(self.meter)
        buttons.addWidget(self.previous_branch)
        buttons.addWidget(self.branch_label)
        buttons.addWidget(self.next_branch)
        buttons.addWidget(self.regenerate_button)
        buttons.addWidget(self.send_button)
        work = QWidget()
        work_layout = QVBoxLayout(work)
        work_layout.setContentsMargins(0, 0, 0, 0)
        work_layout.addWidget(self.view, 1)
        work_layout.addWidget(self.edit_label)
        work_layout.addWidget(self.input)
        work_layout.addWidget(self.fit_note)
        work_layout.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(side)
        splitter.addWidget(work)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([self.fontMetrics().averageCharWidth() * 28, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        stop = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        stop.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        stop.activated.connect(self._escape)
        for key, step in (("Alt+Left", -1), ("Alt+Right", 1)):
            branch = QShortcut(QKeySequence(key), self)
            branch.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            branch.activated.connect(lambda step=step: self.switch_branch(step))
        regen = QShortcut(QKeySequence("Ctrl+R"), self)
        regen.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        regen.activated.connect(self.regenerate)

        self.controller.text_ready.connect(self.view.append_text)
        self.controller.finished.connect(self._finished)
        hub.title_ready.connect(self._title_ready)
        self.refresh_list()
        self._update_branch_buttons()

    # -- conversation list ---------------------------------------------------------------
    def refresh_list(self) -> None:
        self.conversations.clear()
        for summary in self.store.list_conversations(Pane.CHAT.value):
            item = QListWidgetItem(summary.title)
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            self.conversations.addItem(item)
            if summary.id == self.conversation_id:
                item.setSelected(True)

    def _open_item(self, item: QListWidgetItem) -> None:
        if self.is_generating():
            return
        self.open_conversation(int(item.data(Qt.ItemDataRole.UserRole)))

    def focus_main(self) -> None:
        self.input.setFocus()

    def new_conversation(self) -> None:
        if self.is_generating():
            return
        self.conversation_id = None
        self.messages = []
        self._siblings = {}
        self.cancel_edit()
        self.view.clear_messages()
        self.stats.clear()
        self.regenerate_button.setEnabled(False)
        self._update_branch_buttons()
        self.conversations.clearSelection()
        self.meter.schedule()
        self.input.setFocus()

    def open_conversation(self, conversation_id: int, message_id: int | None = None) -> None:
        """Show the conversation's active branch; ``message_id`` (a search hit) is scrolled
        into view, switching to its branch if needed."""
        if message_id is not None and self.store.get_message(message_id) is not None:
            self.store.set_active_leaf(conversation_id, message_id)
        self.conversation_id = conversation_id
        self.cancel_edit()
        self._render()
        self.regenerate_button.setEnabled(bool(self.messages))
        self.refresh_list()
        self.meter.schedule()
        if message_id is not None:
            self.scroll_to_message(message_id)
        self.input.setFocus()

    def _render(self) -> None:
        """Draw the active branch, with branch links on messages that have siblings."""
        assert self.conversation_id is not None
        self.messages = self.store.thread(self.conversation_id)
        by_parent: dict[int | None, list[int]] = {}
        for message in self.store.all_messages(self.conversation_id):
            by_parent.setdefault(message.parent_id, []).append(message.id)
        self._siblings = {m.id: by_parent.get(m.parent_id, [m.id]) for m in self.messages}
        self.view.clear_messages()
        for message in self.messages:
            self._show_stored(message)
        self._update_branch_buttons()

    def scroll_to_message(self, message_id: int) -> None:
        """Scroll the view so the message with ``message_id`` (on the shown branch) is visible."""
        ids = [m.id for m in self.messages]
        if message_id not in ids:
            return
        start = self.view.message_start(ids.index(message_id))
        cursor = self.view.textCursor()
        cursor.setPosition(start)
        self.view.setTextCursor(cursor)
        self.view.ensureCursorVisible()

    def _branch_of(self, message_id: int) -> tuple[int, int]:
        siblings = self._siblings.get(message_id, [message_id])
        return siblings.index(message_id) + 1, len(siblings)

    def _show_stored(self, message: StoredMessage) -> None:
        meta = ""
        if message.role == "assistant":
            if message.usage is not None and message.seed is not None and message.finish_reason:
                meta = describe_usage(message.usage, message.seed, message.finish_reason)
            if message.is_partial:
                meta = (meta + " · " if meta else "") + self.tr("partial reply ({reason})").format(
                    reason=message.finish_reason or self.tr("interrupted")
                )
        self.view.add_message(
            self._role_label(message.role),
            message.content,
            meta,
            message_id=message.id,
            branch=self._branch_of(message.id),
            editable=message.role == "user",
        )

    # -- branches -----------------------------------------------------------------------
    def _link(self, href: str) -> None:
        kind, _, rest = href.partition(":")
        if kind == "branch":
            message_id, _, step = rest.partition(":")
            self.switch_branch(int(step), int(message_id))
        elif kind == "edit":
            message = self.store.get_message(int(rest))
            if message is not None:
                self.edit_message(message)

    def switch_branch(self, step: int, message_id: int | None = None) -> None:
        """Show the previous (-1) or next (+1) sibling of ``message_id`` (default: the
        last message) and the newest path below it; remembered for the conversation."""
        if self.is_generating() or self.conversation_id is None or not self.messages:
            return
        message_id = message_id if message_id is not None else self.messages[-1].id
        siblings = self._siblings.get(message_id, [message_id])
        index = siblings.index(message_id) + step
        if not 0 <= index < len(siblings):
            return
        self.store.set_active_leaf(self.conversation_id, siblings[index])
        self._render()
        self.scroll_to_message(siblings[index])
        self.history_changed.emit()

    def _update_branch_buttons(self) -> None:
        last = self.messages[-1].id if self.messages else None
        position, count = self._branch_of(last) if last is not None else (1, 1)
        shown = count > 1
        for widget in (self.previous_branch, self.branch_label, self.next_branch):
            widget.setVisible(shown)
        self.branch_label.setText(f"{position}/{count}")
        self.previous_branch.setEnabled(shown and position > 1 and not self.is_generating())
        self.next_branch.setEnabled(shown and position < count and not self.is_generating())

    def edit_message(self, message: StoredMessage) -> None:
        """Put a message of yours back in the input; sending makes a new branch beside it
        (the later turns stay in the old branch)."""
        if self.is_generating() or message.role != "user":
            return
        self.editing = message
        self.input.setPlainText(message.content)
        self.edit_label.setText(
            self.tr("Editing your message: Send makes a new branch beside it (Esc cancels).")
        )
        self.edit_label.setVisible(True)
        self.input.setFocus()
        self.input.moveCursor(QTextCursor.MoveOperation.End)

    def cancel_edit(self) -> None:
        if self.editing is not None:
            self.editing = None
            self.input.clear()
        self.edit_label.setVisible(False)

    def _escape(self) -> None:
        """Esc: stop the reply being written, else stop editing a message."""
        if self.is_generating():
            self.stop()
        else:
            self.cancel_edit()

    def _role_label(self, role: str) -> str:
        return self.tr("You") if role == "user" else self.tr("Assistant")

    # -- sending ------------------------------------------------------------------------
    def send(self) -> None:
        """Send the input box's text (ignored while a reply streams or if empty).

        A message that cannot fit the context window with the system prompt alone is
        refused before anything is stored or cleared (:meth:`PaneBase.fits_context`); when
        it has not been counted yet, it is counted first, off the GUI thread."""
        text = self.input.toPlainText().strip()
        if not text or self.is_generating() or not self.ensure_model():
            return
        if not self.fits_context(self.send):
            return
        editing, self.editing = self.editing, None
        self.edit_label.setVisible(False)
        if editing is not None:  # a sibling of the edited message: a new branch
            self.conversation_id, message_id = self.service.edit_message(editing.id, text)
            self.input.clear()
            self._render()
        else:
            parent = self.messages[-1].id if self.messages else None
            self.conversation_id, message_id = self.service.add_user_message(
                text, conversation_id=self.conversation_id, parent_id=parent, model=self.model_name()
            )
            self.input.clear()
            self.messages = self.store.thread(self.conversation_id)
            self._siblings[message_id] = [message_id]
            self.view.add_message(self._role_label("user"), text, message_id=message_id, editable=True)
        self._generate(message_id)
        self.history_changed.emit()

    def regenerate(self) -> None:
        """Replace the last reply with a new one (stored as a sibling branch)."""
        if (
            self.is_generating()
            or not self.messages
            or self.conversation_id is None
            or not self.ensure_model()
        ):
            return
        last = self.messages[-1]
        if last.role == "assistant":
            self.view.remove_last_message()
            parent = last.parent_id
            self.messages = self.messages[:-1]
        else:
            parent = last.id
        if parent is None:
            return
        self._generate(parent)

    def _meter_payload(self) -> tuple[str, object]:
        messages: list[ChatMessage] = [{"role": "system", "content": CHAT_SYSTEM_PROMPT}]
        messages += [m.as_chat() for m in self.messages]
        messages.append({"role": "user", "content": self.input.toPlainText()})
        return "messages", messages

    def _meter_essential(self) -> tuple[str, object]:
        """What must fit on its own: older turns may be left out (C04), not these."""
        messages: list[ChatMessage] = [
            {"role": "system", "content": CHAT_SYSTEM_PROMPT},
            {"role": "user", "content": self.input.toPlainText()},
        ]
        return "messages", messages

    def _messages_for(self, parent_id: int) -> list[ChatMessage]:
        messages: list[ChatMessage] = [{"role": "system", "content": CHAT_SYSTEM_PROMPT}]
        for message in self.messages:
            messages.append(message.as_chat())
            if message.id == parent_id:
                break
        return messages

    def _generate(self, parent_id: int) -> None:
        assert self.conversation_id is not None
        reply = self.service.open_reply(
            self.conversation_id, parent_id, model=self.model_name(), params=self.params
        )
        request = GenerationRequest(messages=tuple(self._messages_for(parent_id)), params=reply.params)
        self.controller.start(request, reply)
        # the header goes in before the first text arrives (the view is updated by a timer)
        reply_id = self.controller.message_id
        branch = None
        if reply_id is not None:
            siblings = [m.id for m in self.store.siblings(reply_id)]
            self._siblings.update({sid: siblings for sid in siblings})
            branch = self._branch_of(reply_id)
        self.view.add_message(self._role_label("assistant"), "", message_id=reply_id, branch=branch)
        self._set_busy(True)

    def _set_busy(self, busy: bool) -> None:
        self.send_button.setText(self.tr("Stop") if busy else self.tr("&Send"))
        if busy:
            self.stats.clear()
        self.regenerate_button.setEnabled(not busy)
        self._update_branch_buttons()
        self.busy_changed.emit(busy)

    def _finished(self, final: object) -> None:
        self.view.append_meta(describe_final(final))
        if isinstance(final, Done):
            self.view.mark_left_out(
                final.trimmed_messages,
                self.tr("Left out of the last reply: the conversation is longer than n_ctx."),
            )
        if isinstance(final, Done) and final.trimmed_messages:
            self.view.append_meta(
                self.tr(
                    "{n} earlier messages did not fit in the context window (n_ctx) and were left "
                    "out of this reply. They stay in the history."
                ).format(n=final.trimmed_messages)
            )
        if isinstance(final, Done):
            self.stats.setText(
                self.tr("{n} tokens · {rate:.1f} tok/s").format(
                    n=final.usage.completion_tokens, rate=final.usage.tokens_per_second
                )
            )
        if self.conversation_id is not None:
            self.messages = self.store.thread(self.conversation_id)
            if self.messages:
                siblings = [m.id for m in self.store.siblings(self.messages[-1].id)]
                self._siblings.update({sid: siblings for sid in siblings})
        self._set_busy(False)
        self.meter.schedule()
        self.refresh_list()
        self.history_changed.emit()
        if isinstance(final, Done) and final.reason in ("stop", "length") and len(self.messages) == 2:
            self._ask_title()

    # -- titles -------------------------------------------------------------------------
    def _ask_title(self) -> None:
        """After the first exchange, ask the local model for a better title than the first
        words (kept if the model gives nothing usable or the user renamed it meanwhile)."""
        first, reply = self.messages[0], self.messages[1]
        if self.conversation_id is not None and first.role == "user" and reply.role == "assistant":
            self.hub.suggest_title(self.conversation_id, title_request(first.content, reply.content))

    def _title_ready(self, conversation_id: int, answer: str) -> None:
        title = clean_title(answer)
        summary = self.store.get_conversation(conversation_id)
        if not title or summary is None or summary.pane != Pane.CHAT.value:
            return
        first = next((m for m in self.store.thread(conversation_id) if m.role == "user"), None)
        if first is None or summary.title != title_from_text(first.content):
            return  # the user renamed it: their title stays
        self.store.rename_conversation(conversation_id, title)
        self.refresh_list()
        self.history_changed.emit()
