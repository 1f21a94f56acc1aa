"""The Story pane's prompt: memory, author's note and lorebook around the story text.

These are the three aids KoboldCpp users know, assembled so that the prompt's stable parts
come first and the parts that move with the writing come last, which keeps llama.cpp's
prefix reuse working (an edit near the end re-evaluates only the tail):

    [memory]                         always first; changes only when the writer edits it
    [story text, older part]         everything except the last ``note_depth`` lines
    [lorebook entries that fired]    entries whose keywords appear in the recent text
    [author's note]                  e.g. "[Style: gloomy, slow]"
    [story text, last lines]         the last ``note_depth`` lines, up to the cursor

The lorebook entries sit next to the author's note, not at the top as in KoboldCpp: which
entries fire changes as the story goes on, and at the top every change would make the
whole story be evaluated again. When the story does not fit the token budget, the oldest
story text is left out first (memory, lore and note are kept).

Pure Python (no llama.cpp, no Qt): counting tokens is the caller's ``count_tokens``.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

#: Characters per token assumed where no tokenizer is given (English prose with
#: BPE tokenizers averages about four; used only for the lorebook's scan window).
CHARS_PER_TOKEN = 4

#: Share of the token budget a story takes right after its oldest text was left out
#: (:func:`fit_story`): one full re-read of the prompt per quarter budget of new text.
TRIM_TARGET = 0.75


@dataclass(frozen=True)
class LoreEntry:
    """A lorebook entry: ``text`` is inserted when any of ``keys`` appears (whole word,
    case-insensitive; for CJK keys, as a substring) in the last ``scan_tokens`` of the story."""

    keys: tuple[str, ...]
    text: str
    enabled: bool = True

    def fires(self, recent: str) -> bool:
        if not self.enabled:
            return False
        for key in self.keys:
            key = key.strip()
            if not key:
                continue
            if re.search(r"[^\x00-\x7f]", key):  # CJK and other scripts without spaces
                if key.lower() in recent.lower():
                    return True
            elif re.search(rf"(?<!\w){re.escape(key)}(?!\w)", recent, re.IGNORECASE):
                return True
        return False


@dataclass(frozen=True)
class StorySettings:
    """Attributes:
    memory: text always at the top of the prompt.
    authors_note: text inserted ``note_depth`` lines before the end ('' = none).
    note_depth: lines of story text after the author's note (0 = at the very end).
    lorebook: the entries.
    scan_tokens: how far back (tokens) lorebook keys are looked for.
    """

    memory: str = ""
    authors_note: str = ""
    note_depth: int = 3
    lorebook: tuple[LoreEntry, ...] = ()
    scan_tokens: int = 512


@dataclass(frozen=True)
class StoryPrompt:
    """The assembled prompt and where each part is (character offsets into ``text``).

    Attributes:
        text: the raw-completion prompt.
        parts: (name, start, end) for 'memory', 'story_head', 'lore', 'note', 'story_tail'.
        fired: indices of the lorebook entries inserted.
        left_out_chars: characters of the oldest story text left out to fit the budget.
    """

    text: str
    parts: tuple[tuple[str, int, int], ...]
    fired: tuple[int, ...] = ()
    left_out_chars: int = 0
    budget: dict[str, int] = field(default_factory=dict)

    def part(self, name: str) -> str:
        for part, start, end in self.parts:
            if part == name:
                return self.text[start:end]
        return ""


def split_at_depth(story: str, depth: int) -> tuple[str, str]:
    """(head, tail) where ``tail`` holds the last ``depth`` lines of ``story`` (the line
    the cursor is on counts, even unfinished). ``depth`` 0 puts everything in ``head``."""
    if depth <= 0 or not story:
        return story, ""
    lines = story.split("\n")
    if depth >= len(lines):
        return "", story
    return "\n".join(lines[:-depth]) + "\n", "\n".join(lines[-depth:])


def recent_text(story: str, scan_tokens: int, count_tokens: Callable[[str], int] | None = None) -> str:
    """The last ``scan_tokens`` tokens of ``story`` (approximately: by characters at
    :data:`CHARS_PER_TOKEN` unless ``count_tokens`` is given, then trimmed to fit)."""
    text = story[-scan_tokens * CHARS_PER_TOKEN :] if scan_tokens > 0 else ""
    if count_tokens is not None:
        while text and count_tokens(text) > scan_tokens:
            text = text[max(1, len(text) // 10) :]
    return text


def _block(text: str) -> str:
    """A prompt section: its own lines, ending with a newline."""
    text = text.strip("\n")
    return f"{text}\n" if text else ""


def build_story_prompt(
    story: str,
    settings: StorySettings,
    *,
    budget_tokens: int | None = None,
    count_tokens: Callable[[str], int] | None = None,
) -> StoryPrompt:
    """Assemble the prompt for continuing ``story`` (the text before the cursor).

    Args:
        story: the story text up to the cursor.
        settings: memory, author's note, lorebook.
        budget_tokens: the most tokens the prompt may take (n_ctx minus the reply's
            max_tokens); None = no limit. Needs ``count_tokens``.
        count_tokens: tokens a text takes for the loaded model.

    Returns:
        A :class:`StoryPrompt`; its ``budget`` gives the tokens each part takes (when
        ``count_tokens`` is given).

    Raises:
        ValueError: ``budget_tokens`` given without ``count_tokens``, or too small for the
            memory, lore and note alone.
    """
    if budget_tokens is not None and count_tokens is None:
        raise ValueError("a token budget needs count_tokens")
    recent = recent_text(story, settings.scan_tokens, count_tokens)
    fired = tuple(i for i, entry in enumerate(settings.lorebook) if entry.fires(recent))
    memory = _block(settings.memory)
    lore = "".join(_block(settings.lorebook[i].text) for i in fired)
    note = _block(settings.authors_note)
    head, tail = split_at_depth(story, settings.note_depth if note or lore else 0)
    if head and not head.endswith("\n") and (lore or note):
        head += "\n"  # the inserted parts start on their own line

    left_out = 0
    if budget_tokens is not None and count_tokens is not None:
        fixed = count_tokens(memory + lore + note + tail) if (memory or lore or note or tail) else 0
        if fixed > budget_tokens:
            raise ValueError(
                f"Memory, lorebook, author's note and the last lines take {fixed} tokens, more than "
                f"the {budget_tokens} available. Shorten them or raise n_ctx."
            )
        while head and count_tokens(memory + head + lore + note + tail) > budget_tokens:
            cut = max(1, len(head) // 8)  # drop the oldest eighth, at a line or word start
            newline = head.find("\n", cut)
            space = head.find(" ", cut)
            cut = newline + 1 if 0 <= newline < cut + 200 else (space + 1 if space >= 0 else cut)
            left_out += cut
            head = head[cut:]

    parts: list[tuple[str, int, int]] = []
    text = ""
    for name, value in (
        ("memory", memory),
        ("story_head", head),
        ("lore", lore),
        ("note", note),
        ("story_tail", tail),
    ):
        parts.append((name, len(text), len(text) + len(value)))
        text += value
    budget = {}
    if count_tokens is not None:
        budget = {name: (count_tokens(text[s:e]) if e > s else 0) for name, s, e in parts}
    return StoryPrompt(text, tuple(parts), fired, left_out, budget)


def budget_tokens(n_ctx: int, max_tokens: int) -> int:
    """Tokens the prompt may take: n_ctx minus the reply's max_tokens, but at least half of
    n_ctx (a huge max_tokens must not squeeze the story out; the engine shortens the reply
    to what fits instead)."""
    return max(n_ctx - max_tokens, n_ctx // 2)


def surely_fits(prompt: str, budget: int) -> bool:
    """True when ``prompt`` fits ``budget`` tokens without counting: every token of a
    byte-level tokenizer covers at least one UTF-8 byte, and one more goes to BOS."""
    return len(prompt.encode("utf-8")) < budget - 1


def fit_story(
    story: str,
    settings: StorySettings,
    budget: int,
    count_tokens: Callable[[str], int],
    *,
    trim_target: float = TRIM_TARGET,
) -> StoryPrompt:
    """The prompt for ``story`` within ``budget`` tokens, leaving out the oldest text
    with hysteresis.

    If the story fits, nothing is left out. If not, the oldest text goes until the prompt
    takes only ``trim_target`` of the budget, so the cut (which the caller keeps fixed for
    the next requests, see ``StoryPrompt.left_out_chars``) moves again only after that
    much new text: a cut that moved with every word would change the start of the prompt
    each time and llama.cpp would re-read all of it instead of reusing its prefix.

    Args:
        story: the story text up to the cursor, after any earlier cut.
        settings: memory, author's note, lorebook.
        budget: the tokens the prompt may take (:func:`budget_tokens`).
        count_tokens: tokens a text takes for the loaded model.
        trim_target: share of ``budget`` to trim to, in (0, 1].

    Raises:
        ValueError: memory, lore, note and the last lines alone exceed the budget (see
            :func:`build_story_prompt`), or ``trim_target`` is out of range.
    """
    if not 0.0 < trim_target <= 1.0:
        raise ValueError(f"trim_target must be in (0, 1], got {trim_target}")
    fitted = build_story_prompt(story, settings, budget_tokens=budget, count_tokens=count_tokens)
    if fitted.left_out_chars and trim_target < 1.0:
        target = max(1, int(budget * trim_target))
        # If memory, lore, note and the last lines alone exceed the target, the cut that
        # fits the whole budget stays.
        with contextlib.suppress(ValueError):
            fitted = build_story_prompt(story, settings, budget_tokens=target, count_tokens=count_tokens)
    return fitted


def lore_from_rows(rows: Sequence[dict[str, object]]) -> tuple[LoreEntry, ...]:
    """Lorebook entries from stored rows ``{"keys": "a, b", "text": ..., "enabled": bool}``."""
    entries = []
    for row in rows:
        keys = tuple(k.strip() for k in str(row.get("keys", "")).split(",") if k.strip())
        entries.append(LoreEntry(keys, str(row.get("text", "")), bool(row.get("enabled", True))))
    return tuple(entries)
