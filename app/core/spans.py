"""AI-written spans of a story text and the positions they live in, without Qt.

Positions. Qt counts document positions in UTF-16 code units, Python strings in code
points: an emoji is two units in Qt and one character in Python (C02). Every position
here (:class:`AiSpan`, :class:`SpanToken`, :class:`ScoredToken`) is in UTF-16 units, as
``QTextDocument`` and its ``contentsChange(position, removed, added)`` give them;
:func:`utf16_len`, :func:`text_before`, :func:`text_between` and :func:`utf16_starts`
convert.

Spans follow the edits of the text (:meth:`SpanTracker.changed`): spans after an edit
move, a span edited inside is dropped (the writer's text now), and a span removed whole
comes back with its tokens when the same text is put back at its place (Redo). They are
saved as JSON (:meth:`SpanTracker.to_json`, shape
:attr:`app.storage.documents.StoryDocument.ai_spans`); checked stored spans are put back
with :meth:`SpanTracker.put_back`.

A token's log-probability is any object shaped like
:class:`app.engines.base.TokenLogprob` (:class:`TokenChoice`); this module never builds
one itself except through the ``make`` function its caller passes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

#: How many spans removed whole by edits :class:`SpanTracker` remembers for Redo.
REMEMBERED_SPANS = 32
#: A log-probability that is not a finite number (−inf from a remote server) is saved as
#: this (JSON has no infinity); shown, it is the same "<0.1%".
LOGPROB_FLOOR = -1000.0


class TokenChoice(Protocol):
    """One model token with its log-probability and alternatives: the shape of
    :class:`app.engines.base.TokenLogprob` (``token`` text, ``logprob`` in nats, ``top``
    as (text, logprob) pairs, best first)."""

    @property
    def token(self) -> str: ...

    @property
    def logprob(self) -> float: ...

    @property
    def top(self) -> tuple[tuple[str, float], ...]: ...


#: Builds a :class:`TokenChoice` from (token, logprob, top), e.g. ``TokenLogprob``.
MakeChoice = Callable[[str, float, tuple[tuple[str, float], ...]], TokenChoice]


# -- positions -----------------------------------------------------------------------------
def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (Qt's document positions)."""
    return len(text.encode("utf-16-le")) // 2


def text_before(text: str, position: int) -> str:
    """The text before a Qt cursor ``position`` (UTF-16 units). Qt counts UTF-16 code
    units, Python code points: an emoji before the cursor is two units in Qt and one
    character here (C02). A position inside a surrogate pair drops the half character."""
    return text.encode("utf-16-le")[: 2 * position].decode("utf-16-le", errors="ignore")


def text_between(text: str, start: int, end: int) -> str:
    """The text between Qt positions ``start`` and ``end`` (UTF-16 units)."""
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le", errors="ignore")


def utf16_starts(text: str) -> list[int]:
    """The Qt position of each Python index of ``text``: ``len(text) + 1`` numbers, the
    last one :func:`utf16_len` of the whole text. O(len(text))."""
    starts = [0] * (len(text) + 1)
    for i, char in enumerate(text):
        starts[i + 1] = starts[i] + (2 if ord(char) > 0xFFFF else 1)
    return starts


# -- spans ---------------------------------------------------------------------------------
@dataclass
class SpanToken:
    """One model token inside an :class:`AiSpan`: ``offset`` from the span's start and
    ``length``, both in UTF-16 units, and its log-probability with the alternatives."""

    offset: int
    length: int
    logprob: TokenChoice


@dataclass
class AiSpan:
    """Text the model wrote, [start, end) in Qt positions, with its tokens when the engine
    gave log-probabilities (else ``tokens`` is empty). ``text`` is the span's text as the
    document shows it (``toPlainText``), set when the span settles (:meth:`SpanTracker.add`)
    so that a span removed whole can be recognised when Redo puts it back; '' until then."""

    start: int
    end: int
    tokens: list[SpanToken] = field(default_factory=list)
    text: str = ""

    def grow(self, text: str, entries: Sequence[TokenChoice]) -> None:
        """Account for ``text`` just inserted at :attr:`end`; ``entries`` are its tokens
        (their texts concatenated must equal ``text``, else they are not kept)."""
        n = utf16_len(text)
        if entries and "".join(e.token for e in entries) == text:
            offset = self.end - self.start
            for entry in entries:
                length = utf16_len(entry.token)
                self.tokens.append(SpanToken(offset, length, entry))
                offset += length
        self.end += n

    def token_at(self, position: int) -> int | None:
        """Index of the token holding the character at Qt ``position``, or None."""
        offset = position - self.start
        for index, token in enumerate(self.tokens):
            if token.length and token.offset <= offset < token.offset + token.length:
                return index
        return None

    def to_json(self) -> dict[str, Any]:
        """The span as stored (one item of :attr:`StoryDocument.ai_spans`); log-probabilities
        that are not finite become :data:`LOGPROB_FLOOR`."""
        return {
            "start": self.start,
            "end": self.end,
            "tokens": [
                {
                    "offset": t.offset,
                    "length": t.length,
                    "token": t.logprob.token,
                    "logprob": finite(t.logprob.logprob),
                    "top": [[text, finite(lp)] for text, lp in t.logprob.top],
                }
                for t in self.tokens
            ],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any], make: MakeChoice, text: str = "") -> AiSpan:
        """A span from a checked stored item (:func:`app.storage.documents.check_ai_span`),
        its tokens built with ``make``; ``text``: its text in the document. Raises
        KeyError or TypeError for an item that was not checked."""
        tokens = [
            SpanToken(
                t["offset"],
                t["length"],
                make(t["token"], float(t["logprob"]), tuple((a, float(lp)) for a, lp in t["top"])),
            )
            for t in data["tokens"]
        ]
        return cls(data["start"], data["end"], tokens, text)


def finite(logprob: float) -> float:
    """``logprob``, or :data:`LOGPROB_FLOOR` when it is not a finite number."""
    return logprob if math.isfinite(logprob) else LOGPROB_FLOOR


@dataclass
class RemovedSpan:
    """A span an edit removed whole: the edit was at ``anchor`` and the span began
    ``offset`` units after it. ``anchor`` follows later edits like a span's start."""

    anchor: int
    offset: int
    span: AiSpan


class SpanTracker:
    """The AI-written spans of a document, kept in step with its edits.

    Feed every ``QTextDocument.contentsChange(position, removed, added)`` to
    :meth:`changed`: spans after the change move, spans before it stay, and a span the
    change touches inside (or removes text of) is dropped: the writer edited it, so it is
    no longer the model's text. Typing right after a span's end leaves the span as it is.
    While the model inserts (:attr:`live` is the span being written), the live span is
    left to the inserting code (the editor is read-only meanwhile).

    Redo. A span removed whole (Undo of the AI insertion, a deleted selection around it, a
    restored version) is remembered (the last :data:`REMEMBERED_SPANS`) with its text and
    tokens. When a later change inserts text at the place of that removal and the inserted
    text holds the span's text at the span's old offset (Redo; Undo of the deletion), the
    span comes back, tokens and all. Not while the model inserts (:attr:`ai_inserting`).
    """

    def __init__(self) -> None:
        self.spans: list[AiSpan] = []
        self.live: AiSpan | None = None
        self.ai_inserting = False
        self.removed: list[RemovedSpan] = []

    def clear(self) -> None:
        """Forget every span, the live one and those remembered for Redo."""
        self.spans.clear()
        self.live = None
        self.removed.clear()

    def changed(
        self,
        position: int,
        removed: int,
        added: int,
        text_at: Callable[[int, int], str] | None = None,
    ) -> bool:
        """Apply one document change; returns True if a span was dropped or came back.

        ``text_at(start, end)``: the document's text between two Qt positions after the
        change (as ``toPlainText`` gives it); called only when a remembered span may have
        come back. Without it no span comes back.
        """
        delta = added - removed
        kept: list[AiSpan] = []
        gone: list[RemovedSpan] = []
        dropped = False
        for span in self.spans:
            if position >= span.end:
                kept.append(span)
            elif (removed == 0 and position <= span.start) or (removed and position + removed <= span.start):
                span.start += delta
                span.end += delta
                kept.append(span)
            else:
                dropped = True
                whole = removed and position <= span.start and span.end <= position + removed
                if whole and utf16_len(span.text) == span.end - span.start:
                    gone.append(RemovedSpan(position, span.start - position, span))
        self.spans = kept
        remembered: list[RemovedSpan] = []
        for ghost in self.removed:
            if position < ghost.anchor:
                if position + removed > ghost.anchor:
                    continue  # the text around the place is gone: it cannot come back there
                ghost.anchor += delta
            remembered.append(ghost)
        remembered += gone
        restored = False
        if added and text_at is not None and not self.ai_inserting:
            for ghost in [g for g in remembered if g.anchor == position]:
                span = ghost.span
                start = position + ghost.offset
                end = start + span.end - span.start
                if end > position + added or any(start < s.end and s.start < end for s in self.spans):
                    continue
                if text_at(start, end) != span.text:
                    continue
                span.start, span.end = start, end
                self.spans.append(span)
                self.spans.sort(key=lambda s: s.start)
                remembered.remove(ghost)
                restored = True
        self.removed = remembered[-REMEMBERED_SPANS:]
        return dropped or restored

    def add(self, span: AiSpan, text: str | None = None) -> None:
        """Keep a settled span; ``text``: its text in the document (:attr:`AiSpan.text`).
        An empty span is not kept."""
        if text is not None:
            span.text = text
        if span.end > span.start:
            self.spans.append(span)
            self.spans.sort(key=lambda s: s.start)

    def remove(self, span: AiSpan) -> None:
        """Forget ``span`` (the same object)."""
        self.spans = [s for s in self.spans if s is not span]

    def all(self) -> list[AiSpan]:
        """The settled spans in document order, then the live one if any."""
        return self.spans + ([self.live] if self.live is not None else [])

    def token_at(self, position: int) -> tuple[AiSpan, int] | None:
        """(span, token index) of the AI token holding the character at ``position``."""
        for span in self.all():
            if span.start <= position < span.end:
                index = span.token_at(position)
                return (span, index) if index is not None else None
        return None

    def to_json(self) -> list[dict[str, Any]]:
        """The settled spans (not the live one) as stored with the story
        (:attr:`StoryDocument.ai_spans`), in document order."""
        return [span.to_json() for span in self.spans if span.end > span.start]

    def put_back(self, usable: Sequence[Mapping[str, Any]], text: str, make: MakeChoice) -> None:
        """Replace the spans by ``usable`` stored ones, already checked against the
        document ``text`` (:func:`app.storage.documents.usable_ai_spans`); their tokens are
        built with ``make``."""
        self.clear()
        for data in usable:
            self.add(AiSpan.from_json(data, make, text_between(text, data["start"], data["end"])))


# -- scored tokens and alternatives ----------------------------------------------------------
@dataclass(frozen=True)
class ScoredToken:
    """A token of an evaluated text: [start, start + length) in Qt positions."""

    start: int
    length: int
    logprob: TokenChoice


def align_pieces(text: str, pieces: Sequence[str]) -> list[tuple[int, int]]:
    """Python [start, end) of each token text of ``pieces`` in ``text``.

    The pieces of a scored text are the text without its first token when the model adds
    no BOS (:class:`app.engines.base.ScoreResult`), so they are matched from the end;
    should the tokenizer's text differ (a leading space added by SentencePiece), each
    piece is looked for just after the previous one instead, and a piece not found gets
    an empty range.
    """
    joined = "".join(pieces)
    ranges: list[tuple[int, int]] = []
    if text.endswith(joined):
        position = len(text) - len(joined)
        for piece in pieces:
            ranges.append((position, position + len(piece)))
            position += len(piece)
        return ranges
    position = 0
    for piece in pieces:
        found = text.find(piece, position, position + len(piece) + 4) if piece else -1
        if found < 0:
            found = text.find(piece.lstrip(), position, position + len(piece) + 4) if piece.strip() else -1
            piece = piece.lstrip()
        if found < 0:
            ranges.append((position, position))
            continue
        ranges.append((found, found + len(piece)))
        position = found + len(piece)
    return ranges


def scored_tokens(text: str, base: int, tokens: Sequence[TokenChoice]) -> list[ScoredToken]:
    """The scored ``tokens`` of ``text`` (which starts at Qt position ``base`` in the
    document) placed in the document; tokens not found in the text are left out."""
    ranges = align_pieces(text, [t.token for t in tokens])
    starts = utf16_starts(text)
    out = []
    for (start, end), entry in zip(ranges, tokens, strict=True):
        if end > start:
            out.append(ScoredToken(base + starts[start], starts[end] - starts[start], entry))
    return out


def alternatives_of(entry: TokenChoice) -> list[tuple[str, float]]:
    """The alternatives worth offering for a token: whole characters (no U+FFFD), not
    the token itself, each text once, best first, as (text, logprob)."""
    seen = {entry.token}
    out = []
    for text, logprob in entry.top:
        if text and text not in seen and "\ufffd" not in text:
            seen.add(text)
            out.append((text, logprob))
    return out
