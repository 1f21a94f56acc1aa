"""Writing with the model: Continue, Rewrite, Describe, "Give me 3", and writing on from
an alternative token.

- **Continue** (Ctrl+Enter) is a raw completion of the prompt
  :func:`app.core.story.build_story_prompt` assembles from the text before the cursor and
  the aids (:class:`~app.ui.panes.story.prompt.PromptFitter` fits it into n_ctx).
- **Rewrite** replaces the selection, **Describe** inserts a more detailed version after
  it; both are chat instructions (:data:`REWRITE_SYSTEM`), for instruct models.
- **Give me 3** (Ctrl+Shift+Enter) writes three continuations one after another with
  different seeds, shown side by side; "Use this" inserts one at the cursor.
- Choosing an **alternative token** replaces it, discards the rest of that AI text and
  continues from there.

Each AI insertion is one undo step: the first piece opens an edit block and every later
piece joins it (``QTextCursor.joinPreviousEditBlock``); the editor is read-only while the
model writes. Each Continue, Rewrite and Describe is also stored as a user message (the
text before the cursor, or the instruction) and the model's reply, streamed and
partial-saved (C14).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextCursor

from app.core.spans import AiSpan, text_before, text_between
from app.core.story import StoryPrompt, surely_fits
from app.core.types import ChatMessage
from app.engines.base import Done, Failed, GenerationRequest, TokenLogprob
from app.storage.documents import VersionReason
from app.ui.engine_bridge import ReplyRecord
from app.ui.panes.story.alternatives import ALTERNATIVES, ALTERNATIVES_MIN_TEMPERATURE, AlternativesRun
from app.ui.panes.story.evaluate import TOP_LOGPROBS
from app.ui.token_meter import MIN_REPLY_TOKENS
from app.ui.widgets import describe_final

if TYPE_CHECKING:
    from app.ui.panes.story.pane import StoryPane

#: Tokens allowed for the chat template around Rewrite/Describe's messages (role markers
#: and the like) when checking that a selection fits n_ctx.
SELECTION_TEMPLATE_TOKENS = 32

#: The system prompt of Rewrite and Describe.
REWRITE_SYSTEM = (
    "You are a writing assistant for a fiction writer. Answer with the new passage only: "
    "no introduction, no quotation marks, no comments."
)
REWRITE_USER = "Rewrite this passage in better prose, keeping its meaning, tense and point of view:\n\n{text}"
DESCRIBE_USER = (
    "Describe in more detail what happens in this passage; write the text that comes right "
    "after it, in the same style:\n\n{text}"
)


class StoryWriter(QObject):
    """The pane's generations into the editor (one at a time, on the pane's controller).

    Attributes: ``last_prompt`` (the raw prompt or instruction last sent),
    ``last_request``, ``alternatives`` (the running or last "Give me 3", until dismissed).

    Signals:
        busy_changed(bool): a generation started (True) or ended (False).
        stored(): a conversation was created or changed (a request or reply stored).
        alternatives_ready(): all continuations of "Give me 3" are written (or stopped).
        message(str): a line for the pane's status.
    """

    busy_changed = Signal(bool)
    stored = Signal()
    alternatives_ready = Signal()
    message = Signal(str)

    def __init__(self, pane: StoryPane) -> None:
        super().__init__(pane)
        self._pane = pane
        self.last_prompt = ""
        self.last_request: GenerationRequest | None = None
        self.alternatives: AlternativesRun | None = None
        self._mode: str | None = None  # continue, rewrite, describe, retoken, alternatives
        self._insert_cursor: QTextCursor | None = None
        self._first_piece = True
        self._space_first = False  # Describe: a space before the text if it needs one
        pane.controller.pieces_ready.connect(self._pieces)
        pane.controller.finished.connect(self._finished)
        pane.alternatives.chosen.connect(self.use_alternative)
        pane.alternatives.dismissed.connect(self.dismiss_alternatives)

    def alternatives_running(self) -> bool:
        return self.alternatives is not None and self.alternatives.running

    def stop(self) -> None:
        """Stop writing, also the rest of "Give me 3"."""
        if self.alternatives is not None and self.alternatives.running:
            self.alternatives.cancelled = True
        self._pane.controller.stop()

    # -- common -----------------------------------------------------------------------------
    def _request(
        self, prompt: str | None = None, messages: tuple[ChatMessage, ...] = ()
    ) -> GenerationRequest:
        """A request with log-probabilities where they are cheap (local) or wanted."""
        pane = self._pane
        wants = pane.caps.logprobs and (not pane.hub.is_remote or pane.probabilities_button.isChecked())
        request = GenerationRequest(
            messages=messages, prompt=prompt, params=pane.params, top_logprobs=TOP_LOGPROBS if wants else 0
        )
        self.last_request = request
        self.last_prompt = prompt if prompt is not None else messages[-1]["content"]
        return request

    def _can_start(self, needs_raw: bool) -> bool:
        pane = self._pane
        if pane.busy() or not pane.ensure_model():
            return False
        if needs_raw and not pane.caps.raw_completion:
            self.message.emit(pane.continue_button.toolTip())
            return False
        return True

    def _record(self, user_text: str) -> ReplyRecord | None:
        pane = self._pane
        if pane.doc is None:
            return None
        parent = pane.store.add_message(pane.doc.conversation_id, "user", user_text)
        return ReplyRecord(pane.store, pane.doc.conversation_id, parent, pane.model_name())

    def _begin(self, mode: str, cursor: QTextCursor) -> None:
        """Common start of a generation into the editor at ``cursor``."""
        self._mode = mode
        self._insert_cursor = cursor
        self._first_piece = True
        self._pane.editor.setReadOnly(True)
        self.message.emit(self.tr("Writing…"))
        self._pane.ai_text.spans.live = AiSpan(cursor.selectionStart(), cursor.selectionStart())

    def _started(self) -> None:
        self.busy_changed.emit(True)
        self.stored.emit()

    def _from_cursor(
        self,
        nothing: str,
        reason: VersionReason,
        start: Callable[[QTextCursor, str, StoryPrompt], None],
    ) -> None:
        """The opening of Continue and alternatives (raw completion from the cursor).

        Checks that the pane can start and that there is text before the cursor (else
        shows the reason, or ``nothing``), saves the draft (version ``reason``), fits the
        prompt off the GUI thread, then calls ``start(cursor, before, prompt)`` with the
        cursor (its selection cleared) and the text before it, unless the pane became
        busy meanwhile."""
        if not self._can_start(needs_raw=True):
            return
        pane = self._pane
        cursor = pane.editor.textCursor()
        cursor.clearSelection()
        before = text_before(pane.editor.toPlainText(), cursor.position())
        if not before.strip():
            self.message.emit(nothing)
            return
        pane.save_draft(reason)

        def fitted(prompt: StoryPrompt) -> None:
            if not pane.busy():
                start(cursor, before, prompt)

        pane.fitter.prepare(before, fitted)

    # -- continue -----------------------------------------------------------------------------
    def continue_story(self) -> None:
        """Generate from the text before the cursor (with the aids) and insert at the cursor."""
        self._from_cursor(
            self.tr("Write a few words first: Continue goes on from the cursor."),
            "generation",
            self._start_continue,
        )

    def _start_continue(self, cursor: QTextCursor, before: str, prompt: StoryPrompt) -> None:
        self._begin("continue", QTextCursor(cursor))
        self._pane.controller.start(self._request(prompt=prompt.text), self._record(before))
        self._started()

    # -- rewrite and describe ---------------------------------------------------------------
    def _instruction(self, template: str, selection: str) -> tuple[ChatMessage, ...]:
        system = REWRITE_SYSTEM
        memory = self._pane.aids.memory.toPlainText().strip()
        if memory:
            system += "\n\nWhat the writer noted about the story:\n" + memory
        return (
            {"role": "system", "content": system},
            {"role": "user", "content": template.format(text=selection)},
        )

    def rewrite_selection(self) -> None:
        """Ask the model to rewrite the selection; the reply replaces it (one undo step)."""
        self._from_selection("rewrite", REWRITE_USER)

    def describe_selection(self) -> None:
        """Ask the model for a more detailed version; it is inserted after the selection."""
        self._from_selection("describe", DESCRIBE_USER)

    def _from_selection(self, mode: str, template: str) -> None:
        if not self._can_start(needs_raw=False):
            return
        pane = self._pane
        cursor = pane.editor.textCursor()
        text = pane.editor.toPlainText()
        selection = text_between(text, cursor.selectionStart(), cursor.selectionEnd())
        if not selection.strip():
            self.message.emit(self.tr("Select a passage first."))
            return
        messages = self._instruction(template, selection)
        model = pane.hub.model
        if pane.hub.is_remote or model is None or not model.n_ctx:
            self._start_selection(mode, cursor, text, messages)
            return
        limit = model.n_ctx - MIN_REPLY_TOKENS
        joined = "".join(m["content"] for m in messages)
        if surely_fits(joined, limit - SELECTION_TEMPLATE_TOKENS):
            self._start_selection(mode, cursor, text, messages)
            return
        # Perhaps too long for n_ctx: count off the GUI thread, and refuse before anything
        # is stored (a request that can never be answered is not kept).
        engine = pane.hub.engine

        def counted(result: int) -> None:
            if result > limit:
                self.message.emit(
                    "⚠ "
                    + self.tr(
                        "The selection takes {used:,} tokens; the model's context holds {n_ctx:,} (n_ctx). "
                        "Select a shorter passage, or load the model with a larger n_ctx in Models."
                    ).format(used=result, n_ctx=model.n_ctx)
                )
            elif pane.editor.toPlainText() != text:
                self.message.emit(self.tr("The text changed while it was counted; try again."))
            else:
                self._start_selection(mode, cursor, text, messages)

        pane.fitter.count_off_thread(
            self.tr("Counting the selection's tokens…"),
            lambda _progress: engine.count_tokens(joined) + SELECTION_TEMPLATE_TOKENS,
            counted,
        )

    def _start_selection(
        self, mode: str, cursor: QTextCursor, text: str, messages: tuple[ChatMessage, ...]
    ) -> None:
        """Rewrite or Describe the selection of ``cursor`` in ``text`` with ``messages``."""
        pane = self._pane
        pane.save_draft("generation")
        target = QTextCursor(pane.editor.document())
        if mode == "rewrite":
            target.setPosition(cursor.selectionStart())
            target.setPosition(cursor.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
        else:
            target.setPosition(cursor.selectionEnd())
        before = text_before(text, cursor.selectionEnd())
        self._space_first = mode == "describe" and bool(before) and not before[-1].isspace()
        self._begin(mode, target)
        pane.controller.start(self._request(messages=messages), self._record(messages[-1]["content"]))
        self._started()

    # -- streaming into the editor ---------------------------------------------------------
    def _pieces(self, text: str, entries: object) -> None:
        assert isinstance(entries, tuple)
        if self._mode == "alternatives":
            alt = self.alternatives
            if alt is not None:
                alt.texts[alt.index] += text
                alt.entries[alt.index].extend(entries)
                self._pane.alternatives.append(alt.index, text)
            return
        cursor = self._insert_cursor
        spans = self._pane.ai_text.spans
        live = spans.live
        if cursor is None or live is None:
            return
        spans.ai_inserting = True
        try:
            if self._first_piece:
                cursor.beginEditBlock()
                self._first_piece = False
                if cursor.hasSelection():
                    cursor.removeSelectedText()
                live.start = live.end = cursor.position()
                if self._space_first and not text[:1].isspace():
                    text, entries = " " + text, ()
                    self._space_first = False
            else:
                cursor.joinPreviousEditBlock()
            cursor.insertText(text)
            cursor.endEditBlock()
        finally:
            spans.ai_inserting = False
        live.grow(text, entries)
        self._pane.ai_text.refresh()

    def _finished(self, final: object) -> None:
        if self._mode == "alternatives":
            self._alternative_finished(final)
            return
        pane = self._pane
        spans = pane.ai_text.spans
        live, spans.live = spans.live, None
        if live is not None:
            pane.ai_text.settle(live)
        self._insert_cursor = None
        self._mode = None
        self._space_first = False
        pane.editor.setReadOnly(False)
        pane.save_draft("generation")
        self.message.emit(describe_final(final))
        pane.ai_text.refresh()
        self.busy_changed.emit(False)
        self.stored.emit()
        pane.budget.schedule()

    # -- alternatives --------------------------------------------------------------------------
    def give_alternatives(self) -> None:
        """Write :data:`ALTERNATIVES` continuations from the cursor, one after another with
        consecutive seeds; they are shown side by side (nothing is inserted yet)."""
        self._from_cursor(
            self.tr("Write a few words first: alternatives go on from the cursor."),
            "edit",
            self._start_alternatives,
        )

    def _start_alternatives(self, cursor: QTextCursor, _before: str, prompt: StoryPrompt) -> None:
        pane = self._pane
        seed = pane.params.with_resolved_seed().seed
        self.alternatives = AlternativesRun(
            QTextCursor(cursor),
            prompt.text,
            seed,
            texts=[""] * ALTERNATIVES,
            entries=[[] for _ in range(ALTERNATIVES)],
        )
        pane.alternatives.reset()
        pane.alternatives.setVisible(True)
        pane.editor.setReadOnly(True)
        self.message.emit(self.tr("Writing alternative 1 of {n}…").format(n=ALTERNATIVES))
        self._start_alternative()
        self._started()

    def _start_alternative(self) -> None:
        alt = self.alternatives
        assert alt is not None
        params = self._pane.params
        self._mode = "alternatives"
        params = replace(
            params,
            seed=(alt.seed + alt.index) % 2**31,
            temperature=max(params.temperature, ALTERNATIVES_MIN_TEMPERATURE),
        )
        request = replace(self._request(prompt=alt.prompt), params=params)
        self.last_request = request
        self._pane.controller.start(request, None)

    def _alternative_finished(self, final: object) -> None:
        alt = self.alternatives
        if alt is None:
            return
        pane = self._pane
        ok = isinstance(final, Done) and bool(alt.texts[alt.index])
        pane.alternatives.finish(alt.index, ok)
        stopped = alt.cancelled or not isinstance(final, Done) or final.reason == "cancelled"
        if not stopped and alt.index + 1 < ALTERNATIVES:
            alt.index += 1
            self.message.emit(
                self.tr("Writing alternative {i} of {n}…").format(i=alt.index + 1, n=ALTERNATIVES)
            )
            self._start_alternative()
            return
        alt.running = False
        self._mode = None
        pane.editor.setReadOnly(False)
        self.message.emit(
            describe_final(final) if isinstance(final, Failed) else self.tr("Pick one, or None.")
        )
        self.busy_changed.emit(False)
        self.alternatives_ready.emit()

    def use_alternative(self, index: int) -> str:
        """Insert alternative ``index`` at the cursor of the request (one undo step, shown
        as AI text); returns the text inserted ('' if there is none to insert)."""
        alt = self.alternatives
        if alt is None or alt.running or not alt.texts[index]:
            return ""
        pane = self._pane
        spans = pane.ai_text.spans
        text, entries = alt.texts[index], tuple(alt.entries[index])
        pane.save_draft("generation")
        cursor = alt.cursor
        span = AiSpan(cursor.position(), cursor.position())
        spans.live = span
        spans.ai_inserting = True
        try:
            cursor.beginEditBlock()
            cursor.insertText(text)
            cursor.endEditBlock()
        finally:
            spans.ai_inserting = False
            spans.live = None
        span.grow(text, entries)
        pane.ai_text.settle(span)
        pane.editor.setTextCursor(cursor)
        self.dismiss_alternatives()
        pane.save_draft("generation")
        pane.ai_text.refresh()
        self.message.emit(self.tr("Alternative {n} inserted.").format(n=index + 1))
        pane.editor.setFocus()
        return text

    def dismiss_alternatives(self) -> None:
        """Hide the alternatives (the story stays as it is); not while they are written."""
        if self.alternatives is not None and self.alternatives.running:
            return
        self.alternatives = None
        self._pane.alternatives.setVisible(False)
        self._pane.alternatives.reset()

    # -- an alternative token ----------------------------------------------------------------
    def choose_alternative(self, position: int, alternative: str) -> bool:
        """Replace the AI token at Qt ``position`` by ``alternative``, discard the rest of
        its AI text, and continue writing from there (prompt: the text before the token +
        ``alternative``, with the aids). One undo step. False if there is no AI token with
        log-probabilities there, or the pane is busy."""
        if not self._can_start(needs_raw=True):
            return False
        pane = self._pane
        spans = pane.ai_text.spans
        found = spans.token_at(position)
        if found is None:
            return False
        span, index = found
        token = span.tokens[index]
        logprob = dict(token.logprob.top).get(alternative, token.logprob.logprob)
        pane.save_draft("generation")
        start = span.start + token.offset
        spans.remove(span)
        live = AiSpan(span.start, start, span.tokens[:index])
        spans.live = live
        cursor = QTextCursor(pane.editor.document())
        cursor.setPosition(start)
        cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
        spans.ai_inserting = True
        try:
            cursor.beginEditBlock()
            cursor.insertText(alternative)
            cursor.endEditBlock()
        finally:
            spans.ai_inserting = False
        live.grow(alternative, (TokenLogprob(alternative, logprob, token.logprob.top),))
        before = text_before(pane.editor.toPlainText(), cursor.position())
        pane.ai_text.refresh()

        def start_generation(prompt: StoryPrompt) -> None:
            self._mode = "retoken"
            self._insert_cursor = cursor
            self._first_piece = False  # the replacement opened the undo step
            pane.editor.setReadOnly(True)
            self.message.emit(self.tr("Writing from “{token}”…").format(token=alternative))
            pane.controller.start(self._request(prompt=prompt.text), self._record(before))
            self._started()

        pane.fitter.prepare(before, start_generation)
        return True
