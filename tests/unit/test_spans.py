"""AI spans and UTF-16 positions without Qt (:mod:`app.core.spans`): emoji and CJK text
(C02), spans moved by an insertion before them, a span edited in the middle, Redo, the
stored form, scored tokens placed in the document, alternatives offered for a token.

A plain-text document stands in for ``QTextDocument``: each edit is reported the way
``contentsChange(position, removed, added)`` reports it, in UTF-16 units."""

from __future__ import annotations

import json
import math

import pytest

from app.core.spans import (
    LOGPROB_FLOOR,
    REMEMBERED_SPANS,
    AiSpan,
    SpanTracker,
    align_pieces,
    alternatives_of,
    scored_tokens,
    text_before,
    text_between,
    utf16_len,
    utf16_starts,
)
from app.engines.base import TokenLogprob

#: CJK (one unit each), a wave emoji (two units) and a family emoji (three emoji joined by
#: zero-width joiners: eight units for five code points).
C02 = "灯塔守护者 🌊👩‍👩‍👧"


class Document:
    """Plain text edited at Qt positions; every edit goes to the tracker like Qt's
    ``contentsChange``."""

    def __init__(self, text: str, tracker: SpanTracker) -> None:
        self.text = text
        self.tracker = tracker

    def edit(self, position: int, removed: int, inserted: str) -> bool:
        units = self.text.encode("utf-16-le")
        new = units[: 2 * position] + inserted.encode("utf-16-le") + units[2 * (position + removed) :]
        self.text = new.decode("utf-16-le")
        return self.tracker.changed(
            position, removed, utf16_len(inserted), lambda s, e: text_between(self.text, s, e)
        )

    def ai_insert(self, position: int, pieces: list[str]) -> AiSpan:
        """What the pane does for a Continue: a live span grows piece by piece (one token
        each), then settles."""
        span = AiSpan(position, position)
        self.tracker.live, self.tracker.ai_inserting = span, True
        for piece in pieces:
            self.edit(span.end, 0, piece)
            span.grow(piece, [TokenLogprob(piece, -0.25, ((piece, -0.25), ("!", -1.5)))])
        self.tracker.live, self.tracker.ai_inserting = None, False
        self.tracker.add(span, text_between(self.text, span.start, span.end))
        return span


def test_c02_utf16_positions_of_emoji_and_cjk() -> None:
    assert utf16_len(C02) == 5 + 1 + 2 + 8 == 16 and len(C02) == 12
    assert text_before(C02, 5) == "灯塔守护者"
    assert text_before(C02, 8) == "灯塔守护者 🌊"
    assert text_before(C02, 7) == "灯塔守护者 "  # inside the wave's surrogate pair: no half character
    assert text_between(C02, 6, 8) == "🌊" and text_between(C02, 8, 16) == "👩‍👩‍👧"
    starts = utf16_starts(C02)
    assert len(starts) == len(C02) + 1 and starts[-1] == utf16_len(C02)
    assert starts[6:9] == [6, 8, 10]  # the wave takes two units, the first woman too
    assert all(utf16_len(C02[:i]) == starts[i] for i in range(len(C02) + 1))


def test_c02_a_span_after_emoji_holds_its_tokens_at_their_units() -> None:
    tracker = SpanTracker()
    doc = Document(C02, tracker)
    span = doc.ai_insert(utf16_len(C02), [" 她", "等", "🌊."])
    assert (span.start, span.end) == (16, 16 + 2 + 1 + 3)
    assert [(t.offset, t.length) for t in span.tokens] == [(0, 2), (2, 1), (3, 3)]
    for token in span.tokens:
        start = span.start + token.offset
        assert text_between(doc.text, start, start + token.length) == token.logprob.token
    assert span.token_at(span.start + 4) == 2  # the low surrogate of the wave: the same token
    assert tracker.token_at(span.end) is None and tracker.token_at(span.start - 1) is None
    assert span.text == " 她等🌊."


def test_tokens_whose_texts_do_not_make_the_inserted_text_are_not_kept() -> None:
    span = AiSpan(3, 3)
    span.grow("灯塔", [TokenLogprob("灯", -0.1)])  # a token missing: positions would lie
    assert (span.start, span.end, span.tokens) == (3, 5, [])
    span.grow(" 🌊", [TokenLogprob(" ", -0.1), TokenLogprob("🌊", -0.2)])
    assert span.end == 8 and [(t.offset, t.length) for t in span.tokens] == [(2, 1), (3, 2)]


def test_spans_after_an_insertion_before_them_move_by_its_utf16_length() -> None:
    tracker = SpanTracker()
    doc = Document("Once. Then. End.", tracker)
    first = doc.ai_insert(5, [" The", " sea."])
    second = doc.ai_insert(first.end + len(" Then."), [" 灯塔", "🌊"])
    before = [(s.start, s.end) for s in tracker.spans]
    inserted = "👩‍👩‍👧 标题\n"
    assert not doc.edit(0, 0, inserted)  # nothing dropped
    shift = utf16_len(inserted)
    assert shift == 8 + 4
    assert [(s.start, s.end) for s in tracker.spans] == [(a + shift, b + shift) for a, b in before]
    for span in (first, second):
        assert text_between(doc.text, span.start, span.end) == span.text
    # a removal before them moves them back; typing right after a span's end keeps it
    assert not doc.edit(0, shift, "")
    assert [(s.start, s.end) for s in tracker.spans] == before
    assert not doc.edit(second.end, 0, " Yes")
    assert [(s.start, s.end) for s in tracker.spans] == before
    # typing right at a span's start moves it, it does not grow it
    assert not doc.edit(first.start, 0, "x")
    assert (first.start, first.end) == (before[0][0] + 1, before[0][1] + 1)


def test_a_span_edited_in_the_middle_is_dropped_and_the_others_stay() -> None:
    tracker = SpanTracker()
    doc = Document("灯塔 🌊 start.", tracker)
    first = doc.ai_insert(utf16_len("灯塔 🌊"), [" She", " waited", " 👩‍👩‍👧."])
    second = doc.ai_insert(utf16_len(doc.text), [" Night", " fell."])
    second_before = (second.start, second.end)
    middle = first.start + utf16_len(" She w")
    assert doc.edit(middle, 0, "x")  # typed inside the first span: the writer's text now
    assert tracker.spans == [second]
    assert (second.start, second.end) == (second_before[0] + 1, second_before[1] + 1)
    assert tracker.removed == []  # an edit inside is not a removal that Redo brings back
    # a removal that takes part of the second span drops it too, and is not remembered
    assert doc.edit(second.start + 2, 3, "")
    assert tracker.spans == [] and tracker.removed == []


def test_a_span_removed_whole_comes_back_with_its_tokens_when_redo_puts_it_back() -> None:
    tracker = SpanTracker()
    doc = Document("灯塔 🌊 The end.", tracker)
    span = doc.ai_insert(5, [" She", " waited", " 👩‍👩‍👧."])
    kept = (span.start, span.end, list(span.tokens))
    assert doc.edit(5, span.end - 5, "") and tracker.spans == []  # Undo
    assert not doc.edit(0, 0, "# ")  # an edit before the place moves the remembered span
    assert doc.edit(7, 0, " She waited 👩‍👩‍👧.")  # Redo
    assert [(s.start, s.end, s.tokens) for s in tracker.spans] == [(kept[0] + 2, kept[1] + 2, kept[2])]
    # other text at the same place: nothing comes back
    (span,) = tracker.spans
    doc.edit(span.start, span.end - span.start, "")
    assert not doc.edit(span.start, 0, " Nobody came.") and tracker.spans == []
    # not while the model inserts there
    doc.edit(span.start, utf16_len(" Nobody came."), "")
    tracker.ai_inserting = True
    assert not doc.edit(span.start, 0, " She waited 👩‍👩‍👧.") and tracker.spans == []
    tracker.ai_inserting = False


def test_only_the_last_removed_spans_are_remembered() -> None:
    tracker = SpanTracker()
    doc = Document("", tracker)
    for i in range(REMEMBERED_SPANS + 3):
        span = doc.ai_insert(0, [f"<{i}>"])
        doc.edit(0, span.end, "")
    assert len(tracker.removed) == REMEMBERED_SPANS
    assert not doc.edit(0, 0, "<0>") and tracker.spans == []  # the oldest is forgotten
    doc.edit(0, 3, "")
    newest = f"<{REMEMBERED_SPANS + 2}>"
    assert doc.edit(0, 0, newest)
    assert [(s.start, s.end, s.text) for s in tracker.spans] == [(0, utf16_len(newest), newest)]


def test_stored_spans_round_trip_as_json_with_infinities_floored() -> None:
    tracker = SpanTracker()
    doc = Document("Once 🌊 upon a time", tracker)
    span = doc.ai_insert(utf16_len("Once 🌊"), [" there", " was 灯塔"])
    span.tokens[0].logprob = TokenLogprob(" there", float("-inf"), ((" there", float("-inf")), ("x", -2.0)))
    tracker.live = AiSpan(0, 4)  # being written: not stored
    stored = tracker.to_json()
    assert json.loads(json.dumps(stored, allow_nan=False)) == stored  # plain JSON
    assert [(s["start"], s["end"]) for s in stored] == [(span.start, span.end)]
    assert stored[0]["tokens"][0]["logprob"] == LOGPROB_FLOOR
    assert stored[0]["tokens"][0]["top"] == [[" there", LOGPROB_FLOOR], ["x", -2.0]]
    other = SpanTracker()
    other.put_back(stored, doc.text, TokenLogprob)
    (back,) = other.spans
    assert (back.start, back.end, back.text) == (span.start, span.end, " there was 灯塔")
    assert back.tokens[1] == span.tokens[1] and isinstance(back.tokens[0].logprob, TokenLogprob)
    assert back.tokens[0].logprob.logprob == LOGPROB_FLOOR and other.to_json() == stored
    assert other.removed == [] and other.live is None


def test_put_back_replaces_what_was_tracked() -> None:
    tracker = SpanTracker()
    doc = Document("abc", tracker)
    doc.ai_insert(3, ["def"])
    doc.edit(3, 3, "")
    assert tracker.removed
    tracker.put_back([], "abc", TokenLogprob)
    assert tracker.spans == [] and tracker.removed == []


def test_c02_scored_tokens_are_placed_at_utf16_positions() -> None:
    text = "灯塔 🌊 glows."
    pieces = [TokenLogprob(t, -1.0) for t in ("塔", " 🌊", " glows", ".")]  # no BOS: the first is missing
    placed = scored_tokens(text, 10, pieces)
    assert [(p.start, p.length, p.logprob.token) for p in placed] == [
        (11, 1, "塔"),
        (12, 3, " 🌊"),
        (15, 6, " glows"),
        (21, 1, "."),
    ]
    # a tokenizer that adds a leading space to the first piece (SentencePiece)
    assert align_pieces("Hello world", [" Hello", " world"]) == [(0, 5), (5, 11)]
    # a piece not in the text gets an empty range and no place in the document
    assert align_pieces("ab", ["a", "zz", "b"]) == [(0, 1), (1, 1), (1, 2)]
    placed = scored_tokens("ab", 0, [TokenLogprob(t, -1.0) for t in ("a", "zz", "b")])
    assert [(p.start, p.length, p.logprob.token) for p in placed] == [(0, 1, "a"), (1, 1, "b")]


def test_alternatives_leave_out_the_token_itself_broken_characters_and_repeats() -> None:
    entry = TokenLogprob(
        " sea",
        -0.2,
        ((" sea", -0.2), (" ocean", -1.0), ("\ufffd", -2.0), ("", -2.5), (" ocean", -3.0), (" 灯", -4.0)),
    )
    assert alternatives_of(entry) == [(" ocean", -1.0), (" 灯", -4.0)]
    assert alternatives_of(TokenLogprob("a", -0.1)) == []


@pytest.mark.parametrize("logprob", [float("-inf"), float("nan")])
def test_a_span_with_a_non_finite_logprob_stores_the_floor(logprob: float) -> None:
    span = AiSpan(0, 0)
    span.grow("x", [TokenLogprob("x", logprob, (("y", logprob),))])
    stored = span.to_json()
    assert stored["tokens"][0]["logprob"] == LOGPROB_FLOOR and math.isfinite(stored["tokens"][0]["top"][0][1])
