"""Turn generated token bytes into whole-character text, honouring stop strings.

Pure Python, shared by the host process and tests. Case C01: a character whose UTF-8
bytes are split across tokens is held back until it is complete, so the streamed text
equals the text decoded at once.
"""

from __future__ import annotations

import codecs
import collections
from collections.abc import Sequence


class TextAssembler:
    """Accumulate token bytes; release text that can no longer be part of a stop string.

    Args:
        stop: strings that end generation; the text before the first match is kept
            and the match itself is dropped (OpenAI semantics).
    """

    def __init__(self, stop: Sequence[str] = ()) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._stop = [s for s in stop if s]
        self._pending = ""  # decoded text not released yet (could start a stop string)
        self.text = ""  # all released text
        self.stopped = False

    def feed(self, data: bytes) -> str:
        """Add a token's bytes; return the text that is now safe to show (maybe "")."""
        if self.stopped:
            return ""
        self._pending += self._decoder.decode(data)
        return self._release(final=False)

    def finish(self) -> str:
        """Flush at the end of generation.

        Bytes of a character still incomplete (generation stopped by ``max_tokens`` in the
        middle of a multi-byte character) are dropped rather than shown as U+FFFD.
        """
        self._decoder.reset()
        return self._release(final=True)

    def _release(self, final: bool) -> str:
        pending = self._pending
        for stop in self._stop:
            index = pending.find(stop)
            if index >= 0:
                pending = pending[:index]
                self.stopped = True
        if self.stopped or final:
            out, self._pending = pending, ""
        else:
            hold = _longest_stop_prefix_suffix(pending, self._stop)
            out = pending[: len(pending) - hold]
            self._pending = pending[len(pending) - hold :]
        self.text += out
        return out


def _longest_stop_prefix_suffix(text: str, stops: Sequence[str]) -> int:
    """Length of the longest suffix of ``text`` that is a proper prefix of a stop string."""
    best = 0
    for stop in stops:
        for n in range(min(len(stop) - 1, len(text)), best, -1):
            if text.endswith(stop[:n]):
                best = n
                break
    return best


class TokenTexts:
    """The text of each generated token, decoded incrementally (case C01 for log-probabilities).

    A token whose bytes end inside a multi-byte character gets the text "" and the
    character goes to the token that completes it, so the token texts concatenated equal
    the text decoded at once (:class:`TextAssembler` uses the same decoder settings).
    """

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._probe = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def feed(self, data: bytes) -> str:
        """The text of the token with bytes ``data``, which comes next in the output."""
        return self._decoder.decode(data)

    def peek(self, data: bytes) -> str:
        """The text the token ``data`` would have if it came next (for alternatives), without
        moving on: "" for a fragment of a character."""
        self._probe.setstate(self._decoder.getstate())
        return self._probe.decode(data)


#: One token's log-probability on the wire: (text, logprob, ((text, logprob), ...)).
WireLogprob = tuple[str, float, tuple[tuple[str, float], ...]]


class LogprobAligner:
    """Pairs the text released by a :class:`TextAssembler` with per-token log-probabilities.

    Each :meth:`take` returns (text, entries) where ``text`` is exactly the concatenation
    of the entries' token texts: text released by the assembler is held back until the
    token it ends in is complete, so a Token event never splits a token. Tokens whose text
    is "" (fragments of a character, or control tokens) travel with the text before them.

    At the end (:meth:`finish`), a token partly cut off by a stop string keeps only the
    released part of its text, and tokens wholly inside the stop string (or after it) are
    dropped: the entries then describe exactly the text the user sees. Tokens left with the
    text "" when generation stopped inside a character (``max_tokens``) are kept, so the
    last Token event may have no text but entries.
    """

    def __init__(self) -> None:
        self._pending: collections.deque[WireLogprob] = collections.deque()
        self._released = ""  # text released by the assembler, not yet handed out

    def add(self, entry: WireLogprob) -> None:
        self._pending.append(entry)

    def take(self, released: str) -> tuple[str, list[WireLogprob]]:
        """Add text the assembler released; return whole tokens' text and their entries."""
        self._released += released
        used = 0
        out: list[WireLogprob] = []
        while self._pending:
            text = self._pending[0][0]
            if used + len(text) > len(self._released):
                break
            out.append(self._pending.popleft())
            used += len(text)
        text, self._released = self._released[:used], self._released[used:]
        return text, out

    def finish(self, released: str = "") -> tuple[str, list[WireLogprob]]:
        """The rest at the end of generation (after ``assembler.finish()``'s text)."""
        text, out = self.take(released)
        if self._released and self._pending:  # a token cut by a stop string
            _, logprob, top = self._pending.popleft()
            out.append((self._released, logprob, top))
            text += self._released
        self._released = ""
        self._pending.clear()
        return text, out
