"""Asking a model for a poem in a form, and putting a poem together from candidates' lines.

Pure Python, no Qt and no engine: the Poetry pane, its tests and the poetry benchmark build
their requests from these.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.core.poetry.checker import LineResult, PoemResult, words_rhyme
from app.core.poetry.forms import Form
from app.core.types import ChatMessage

#: How the Poetry pane decodes: token-by-token sampling, sampling constrained by the form's
#: GBNF grammar, or beam search constrained by the grammar.
DECODINGS: tuple[str, ...] = ("sampling", "grammar", "beam")

POET_SYSTEM_PROMPT = "You are a poet who follows poetic forms exactly."

#: Most bytes one Han character or CJK mark takes in UTF-8; a byte-level BPE vocabulary
#: (SmolLM2's) spends at most one token per byte on it.
CJK_TOKENS_PER_CHAR = 3
#: Token budget per line of an English or Japanese form (a long English line is about
#: 14 tokens; a Japanese line of kana may take up to 3 tokens per kana).
TOKENS_PER_LINE = {"en": 24, "ja": 40}


def poem_messages(form: Form, topic: str, note: str = "") -> list[ChatMessage]:
    """Chat messages asking for a poem of ``form`` about ``topic``.

    ``note`` is the writer's language note (e.g. "plain modern English", "用现代汉语"),
    added to the request as it is. The instruction is written in the form's language.
    """
    note = note.strip()
    instruction = form.prompt or form.name
    if form.language == "zh":
        topic = topic.strip() or "自然"
        user = f"请写{instruction}，题目是「{topic}」。只输出诗句，不要解释。"
    elif form.language == "ja":
        topic = topic.strip() or "自然"
        user = f"「{topic}」について{instruction}を書いてください。詩だけを出力してください。"
    else:
        topic = topic.strip() or "nature"
        user = f"Write {instruction} about {topic}. Reply with the poem only."
    if note:
        user = f"{user} {note}" if form.language == "en" else f"{user}{note}"
    return [{"role": "system", "content": POET_SYSTEM_PROMPT}, {"role": "user", "content": user}]


def max_tokens_for(form: Form) -> int | None:
    """Tokens enough for a whole poem of ``form``; None for free verse (use the preset's).

    For Chinese forms with fixed ``chars`` this is an upper bound under the form's grammar:
    every Han character and end mark takes at most :data:`CJK_TOKENS_PER_CHAR` tokens, each
    newline one, so a constrained generation always completes. For English and Japanese forms
    it is :data:`TOKENS_PER_LINE` per line (a budget, not a bound: the checker reports a poem
    cut short).
    """
    if form.lines is None:
        return None
    breaks = max(len(form.stanzas) - 1, 0)
    if form.is_cjk_fixed:
        marks = len(form.punctuation)
        return CJK_TOKENS_PER_CHAR * (sum(form.chars) + marks) + form.lines + breaks + 4
    return TOKENS_PER_LINE.get(form.language, 24) * form.lines + breaks + 8


def line_rhymes(form: Form, result: PoemResult) -> list[bool | None]:
    """Per line of ``result``: does it rhyme as its rhyme slot asks?

    True/False for a line with a rhyme letter (required or optional ``A?``): whether its end
    rhymes with every *required* line of the same letter (an optional line alone in its
    group is True); None for a free line, an extra line, or a form without a scheme.
    """
    lines = result.lines
    out: list[bool | None] = [None] * len(lines)
    if not form.rhyme:
        return out
    required: dict[str, list[int]] = {}
    for i, slot in enumerate(form.rhyme):
        if slot.group and not slot.optional and i < len(lines):
            required.setdefault(slot.group, []).append(i)
    for i, slot in enumerate(form.rhyme[: len(lines)]):
        if not slot.group:
            continue
        others = [j for j in required.get(slot.group, []) if j != i]
        out[i] = all(_rhymes(form, lines[i], lines[j]) for j in others)
    return out


def _rhymes(form: Form, a: LineResult, b: LineResult) -> bool:
    if not a.end_word or not b.end_word:
        return False
    if form.language == "en":
        return words_rhyme(a.end_word, b.end_word)
    return bool(a.rhyme_keys & b.rhyme_keys)


def combine_lines(form: Form, picks: Sequence[tuple[int, int, str]]) -> str:
    """A poem from chosen lines: ``picks`` are (line index, candidate rank, line text).

    Lines come in line order (a tie by candidate rank), one per text line; when exactly the
    form's number of lines is chosen, a blank line separates the form's stanzas.
    """
    ordered = [text for _, _, text in sorted(picks, key=lambda p: (p[0], p[1]))]
    if form.lines is None or len(ordered) != form.lines or len(form.stanzas) < 2:
        return "\n".join(ordered)
    parts: list[str] = []
    start = 0
    for size in form.stanzas:
        parts.append("\n".join(ordered[start : start + size]))
        start += size
    return "\n\n".join(parts)
