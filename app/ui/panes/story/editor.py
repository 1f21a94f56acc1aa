"""The story text: the editor widget, and the AI text shown in it.

:class:`AiText` is the part of the pane that keeps the AI-written spans
(:class:`SpanTracker`, bookkeeping in :mod:`app.core.spans`) and the evaluated tokens in
step with the editor's edits, colours them (extra selections: the palette's Link colour,
tinted by probability or surprise), and answers what hovering or Ctrl+clicking a token
shows. Positions are Qt's (UTF-16 units, C02).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QHelpEvent,
    QMouseEvent,
    QPalette,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from app.core import spans
from app.core.spans import AiSpan, ScoredToken, TokenChoice, alternatives_of, text_between
from app.engines.base import TokenLogprob
from app.storage.documents import usable_ai_spans

#: How strongly the least likely (or most surprising) token is tinted: the weight of the
#: palette's LinkVisited colour blended into Base (0..1). Not Highlight: a tinted word
#: must not look selected.
MAX_TINT = 0.45
#: Surprise (−logprob, nats) at which a scored token gets the full tint: 8 nats is a
#: probability of about 1 in 3,000.
FULL_SURPRISE_NATS = 8.0


class SpanTracker(spans.SpanTracker):
    """:class:`app.core.spans.SpanTracker` whose stored spans come back as
    :class:`TokenLogprob` tokens (:meth:`load`)."""

    def load(self, stored: Sequence[Any], text: str) -> list[str]:
        """Replace the spans by the ``stored`` ones (:attr:`StoryDocument.ai_spans`) of the
        document ``text`` (``toPlainText``). Spans that do not fit the text (beyond its end,
        overlapping, tokens not matching it, malformed) are left out
        (:func:`~app.storage.documents.usable_ai_spans`); returns why, one line each."""
        usable, problems = usable_ai_spans(stored, text)
        self.put_back(usable, text, TokenLogprob)
        return problems


# -- colours -------------------------------------------------------------------------------
def blend(base: QColor, tint: QColor, weight: float) -> QColor:
    """``base`` with ``weight`` (0..1) of ``tint`` mixed in."""
    weight = min(1.0, max(0.0, weight))
    return QColor(
        round(base.red() + (tint.red() - base.red()) * weight),
        round(base.green() + (tint.green() - base.green()) * weight),
        round(base.blue() + (tint.blue() - base.blue()) * weight),
    )


def probability_tint(logprob: float) -> float:
    """Tint weight for a generated token: 0 for a certain token, :data:`MAX_TINT` for an
    impossible one (linear in the probability)."""
    return MAX_TINT * (1.0 - math.exp(min(0.0, logprob)))


def surprise_tint(logprob: float) -> float:
    """Tint weight for a scored token by its surprise −logprob, full at
    :data:`FULL_SURPRISE_NATS`."""
    return MAX_TINT * min(1.0, max(0.0, -logprob) / FULL_SURPRISE_NATS)


def ai_colour(palette: QPalette) -> QColor:
    """The colour of AI-written text: the palette's Link colour."""
    return palette.color(QPalette.ColorRole.Link)


def tint_colour(palette: QPalette) -> QColor:
    """The colour probabilities and surprise are shown in (blended into Base)."""
    return palette.color(QPalette.ColorRole.LinkVisited)


def shown_token(text: str) -> str:
    """A token's text for a tooltip or menu: quoted, with newlines and tabs visible."""
    return "“" + text.replace("\n", "\\n").replace("\t", "\\t") + "”"


def percent(logprob: float) -> str:
    """A probability for people: "62.1%", or "<0.1%"."""
    p = math.exp(min(0.0, logprob))
    return f"{p:.1%}" if p >= 0.001 else "<0.1%"


# -- the editor ----------------------------------------------------------------------------
class StoryEditor(QPlainTextEdit):
    """The story text. Tooltips and the context menu ask the pane about the character
    under the mouse (:attr:`tooltip_for`, :attr:`extend_menu`).

    Signals:
        token_clicked(int, QPoint): Ctrl+click on the character at this document position
            (global position of the click).
        focus_lost(): the editor lost the keyboard focus.
    """

    token_clicked = Signal(int, QPoint)
    focus_lost = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tooltip_for: Callable[[int], str] = lambda _position: ""
        self.extend_menu: Callable[[QMenu, int], None] = lambda _menu, _position: None

    def position_at(self, point: QPoint) -> int:
        """Document position of the character under ``point`` (viewport coordinates)."""
        cursor = self.cursorForPosition(point)
        position = cursor.position()
        if position > 0 and point.x() < self.cursorRect(cursor).x():
            position -= 1
        return position

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_for(self.position_at(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if (
            event.button() == Qt.MouseButton.LeftButton
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            position = self.position_at(event.position().toPoint())
            if self.tooltip_for(position):
                self.token_clicked.emit(position, event.globalPosition().toPoint())
                event.accept()
                return
        super().mousePressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        self.extend_menu(menu, self.position_at(event.pos()))
        menu.exec(event.globalPos())
        menu.deleteLater()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_lost.emit()


# -- AI text in the editor -----------------------------------------------------------------
class AiText(QObject):
    """The AI-written spans and evaluated tokens of an :class:`StoryEditor`'s text.

    Every edit of the document goes to :attr:`spans` (``contentsChange``); an edit also
    removes the evaluated tokens (:attr:`score_overlay`: they describe the text as it
    was). :meth:`refresh` colours both.

    Args:
        editor: the story editor; its Ctrl+clicks on a token offer the alternatives.
        busy: whether the pane is writing, fitting or evaluating now (no alternatives
            are offered then).

    Signals:
        alternative_chosen(int, str): the writer chose this alternative for the AI token
            at this Qt position (context menu or Ctrl+click).
    """

    alternative_chosen = Signal(int, str)

    def __init__(self, editor: StoryEditor, busy: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self._busy = busy
        self.spans = SpanTracker()
        self.score_overlay: list[ScoredToken] = []
        #: tint AI tokens by their probability ("Show probabilities")
        self.show_probabilities = False
        editor.document().contentsChange.connect(self._contents_change)
        editor.token_clicked.connect(self._token_clicked)

    def set_show_probabilities(self, on: bool) -> None:
        """Tint AI tokens by probability (or not) and colour again."""
        self.show_probabilities = on
        self.refresh()

    def clear(self) -> None:
        """Forget the spans and evaluated tokens (another story is shown)."""
        self.spans.clear()
        self.score_overlay = []

    def text_between(self, start: int, end: int) -> str:
        """The editor's text between Qt positions ``start`` and ``end``."""
        return text_between(self.editor.toPlainText(), start, end)

    def settle(self, span: AiSpan) -> None:
        """Keep a span the model finished writing, with its text as the document has it."""
        self.spans.add(span, self.text_between(span.start, span.end))

    def ai_spans(self) -> list[tuple[int, int]]:
        """[start, end) of each AI-written span shown in colour (Qt positions)."""
        return [(s.start, s.end) for s in self.spans.all() if s.end > s.start]

    def _contents_change(self, position: int, removed: int, added: int) -> None:
        dropped = self.spans.changed(position, removed, added, self.text_between)
        if self.score_overlay:  # the scores describe the text as it was: gone with any edit
            self.score_overlay = []
            dropped = True
        if dropped:
            self.refresh()

    def refresh(self) -> None:
        """Colour the AI spans (tinted per token while :attr:`show_probabilities`) and the
        evaluated tokens, as the editor's extra selections."""
        palette = self.editor.palette()
        base = palette.color(QPalette.ColorRole.Base)
        tint = tint_colour(palette)
        colour = ai_colour(palette)
        document = self.editor.document()
        selections: list[QTextEdit.ExtraSelection] = []

        def add(start: int, end: int, fmt: QTextCharFormat) -> None:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(document)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)

        plain = QTextCharFormat()
        plain.setForeground(colour)
        for span in self.spans.all():
            if span.end <= span.start:
                continue
            if not (self.show_probabilities and span.tokens):
                add(span.start, span.end, plain)
                continue
            for token in span.tokens:
                fmt = QTextCharFormat()
                fmt.setForeground(colour)
                fmt.setBackground(blend(base, tint, probability_tint(token.logprob.logprob)))
                start = span.start + token.offset
                add(start, start + token.length, fmt)
        ranges = [(s.start, s.end) for s in self.spans.all()]
        text_colour = palette.color(QPalette.ColorRole.Text)
        for scored in self.score_overlay:
            # each extra selection is drawn over the ones before with its whole format, so
            # it needs the foreground too
            fmt = QTextCharFormat()
            inside = any(start <= scored.start < end for start, end in ranges)
            fmt.setForeground(colour if inside else text_colour)
            fmt.setBackground(blend(base, tint, surprise_tint(scored.logprob.logprob)))
            add(scored.start, scored.start + scored.length, fmt)
        self.editor.setExtraSelections(selections)

    # -- hovering and choosing -------------------------------------------------------------
    def token_tooltip(self, position: int) -> str:
        """What hovering the character at Qt ``position`` shows: the token's probability and
        its alternatives (AI tokens while :attr:`show_probabilities`; evaluated tokens);
        '' elsewhere."""
        scored = next((t for t in self.score_overlay if t.start <= position < t.start + t.length), None)
        if scored is not None:
            entry = scored.logprob
            head = self.tr("{token}: probability {p}, surprise {s:.2f} nats").format(
                token=shown_token(entry.token), p=percent(entry.logprob), s=-entry.logprob
            )
            return self._with_alternatives(head, entry, clickable=False)
        if not self.show_probabilities:
            return ""
        found = self.spans.token_at(position)
        if found is None:
            return ""
        span, index = found
        entry = span.tokens[index].logprob
        head = self.tr("{token}: probability {p}").format(
            token=shown_token(entry.token), p=percent(entry.logprob)
        )
        return self._with_alternatives(head, entry, clickable=not self._busy())

    def _with_alternatives(self, head: str, entry: TokenChoice, clickable: bool) -> str:
        lines = [head]
        alternatives = alternatives_of(entry)
        if alternatives:
            lines.append(self.tr("Alternatives:"))
            lines += [f"  {shown_token(text)}  {percent(lp)}" for text, lp in alternatives]
            if clickable:
                lines.append(self.tr("Ctrl+click to choose one."))
        return "\n".join(lines)

    def _token_clicked(self, position: int, where: QPoint) -> None:
        menu = QMenu(self.editor)
        self.add_alternatives(menu, position)
        if menu.actions():
            menu.exec(where)
        menu.deleteLater()

    def alternatives_menu(self, menu: QMenu, position: int) -> None:
        """Add an "Alternatives" submenu for the AI token at ``position`` to the editor's
        context ``menu``, if it has any to offer."""
        submenu = QMenu(self.tr("Alternatives"), menu)
        self.add_alternatives(submenu, position)
        if submenu.actions():
            menu.addSeparator()
            menu.addMenu(submenu)

    def add_alternatives(self, menu: QMenu, position: int) -> None:
        """One action per alternative of the AI token at ``position`` (none while busy or
        while probabilities are hidden); each emits :attr:`alternative_chosen`."""
        if self._busy() or not self.show_probabilities:
            return
        found = self.spans.token_at(position)
        if found is None:
            return
        span, index = found
        for text, logprob in alternatives_of(span.tokens[index].logprob):
            action = menu.addAction(f"{shown_token(text)}  {percent(logprob)}")
            action.triggered.connect(
                lambda _checked=False, p=position, t=text: self.alternative_chosen.emit(p, t)
            )
