"""Turn generated token bytes into whole-character text, honouring stop strings.

Pure Python, shared by the host process and tests. Case C01: a character whose UTF-8
bytes are split across tokens is held back until it is complete, so the streamed text
equals the text decoded at once.
"""

from __future__ import annotations

import codecs
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
