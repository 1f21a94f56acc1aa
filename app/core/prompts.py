"""Prompts each pane sends: system prompts, Q&A, poetry forms. Pure functions, no Qt.

The texts here are instructions to the model, not user-visible strings, so they are not
translated; the form *names* shown in the UI are translated in ``app.ui``.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.types import ChatMessage

CHAT_SYSTEM_PROMPT = "You are Penwright, a helpful and concise assistant."

#: Q&A: a direct, factual answer, and "I don't know" when unsure (issue 2).
QA_SYSTEM_PROMPT = (
    "Answer the question directly and factually in a few sentences. "
    'If you are not sure of the answer, say "I don\'t know".'
)


@dataclass(frozen=True)
class PoemForm:
    """A poetic form as the Poetry pane offers it (full form data arrives with issue 7).

    Attributes:
        key: stable identifier stored with the poem.
        name: English name (the UI shows a translated label).
        lines: number of lines, or 0 for free length.
        instruction: how the form is described to the model.
        language: 'en' or 'zh' (the language the poem is written in).
    """

    key: str
    name: str
    lines: int
    instruction: str
    language: str = "en"


POEM_FORMS: tuple[PoemForm, ...] = (
    PoemForm("free_verse", "Free verse", 0, "a short free-verse poem"),
    PoemForm("haiku", "Haiku", 3, "a haiku: three lines of 5, 7 and 5 syllables"),
    PoemForm("limerick", "Limerick", 5, "a limerick: five lines rhyming AABBA"),
    PoemForm(
        "sonnet",
        "Shakespearean sonnet",
        14,
        "a Shakespearean sonnet: fourteen lines of iambic pentameter rhyming ABAB CDCD EFEF GG",
    ),
    PoemForm(
        "wuyan_jueju",
        "五言绝句",
        4,
        "一首五言绝句：四句，每句五个汉字",
        "zh",
    ),
    PoemForm(
        "qiyan_jueju",
        "七言绝句",
        4,
        "一首七言绝句：四句，每句七个汉字",
        "zh",
    ),
)


def form_by_key(key: str) -> PoemForm:
    """Raise KeyError for an unknown form."""
    for form in POEM_FORMS:
        if form.key == key:
            return form
    raise KeyError(key)


def poem_messages(form: PoemForm, topic: str) -> list[ChatMessage]:
    """Chat messages asking for a poem of ``form`` about ``topic``."""
    topic = topic.strip() or ("nature" if form.language == "en" else "自然")
    if form.language == "zh":
        user = f"请写{form.instruction}，题目是「{topic}」。只输出诗句，不要解释。"
    else:
        user = f"Write {form.instruction} about {topic}. Reply with the poem only."
    return [
        {"role": "system", "content": "You are a poet who follows poetic forms exactly."},
        {"role": "user", "content": user},
    ]


def qa_messages(question: str) -> list[ChatMessage]:
    return [
        {"role": "system", "content": QA_SYSTEM_PROMPT},
        {"role": "user", "content": question.strip()},
    ]


def title_from_text(text: str, limit: int = 48) -> str:
    """A conversation title from the first words of ``text`` (at most ``limit`` characters)."""
    words = " ".join(text.split())
    if len(words) <= limit:
        return words or "Untitled"
    cut = words[:limit].rsplit(" ", 1)[0] or words[:limit]
    return cut + "…"


#: Asks the model for a conversation title (issue 5: titles from the model where one is loaded).
TITLE_SYSTEM_PROMPT = (
    "You name conversations. Reply with a short title of at most six words for the "
    "conversation below, in its language. Reply with the title only: no quotes, no full stop."
)


def title_request(user_text: str, reply_text: str) -> list[ChatMessage]:
    """Chat messages asking for a title of a first exchange (texts cut to 1,000 characters)."""
    exchange = f"User: {user_text[:1000]}\n\nAssistant: {reply_text[:1000]}"
    return [
        {"role": "system", "content": TITLE_SYSTEM_PROMPT},
        {"role": "user", "content": exchange},
    ]


#: A suggested title longer than this many words is not a title (the request asks for six;
#: small models often answer with the reply's first sentence instead).
TITLE_MAX_WORDS = 8
#: The same for text written without spaces (Chinese, Japanese): characters.
TITLE_MAX_CHARS_UNSPACED = 20


def clean_title(text: str, limit: int = 60) -> str:
    """The model's answer made a title: first line, no quotes, "Title:" or trailing full stop;
    '' if nothing usable is left or it is too long to be a title (more than
    :data:`TITLE_MAX_WORDS` words, or :data:`TITLE_MAX_CHARS_UNSPACED` characters of text
    without spaces): then the first-words title stays."""
    line = next((ln.strip() for ln in text.strip().splitlines() if ln.strip()), "")
    for prefix in ("title:", "Title:", "TITLE:", "标题：", "标题:"):
        if line.startswith(prefix):
            line = line[len(prefix) :].strip()
    line = line.strip(" \"'“”‘’«»*#`").rstrip("。.!！").strip()
    if not line:
        return ""
    words = line.split()
    if len(words) > TITLE_MAX_WORDS or (len(words) == 1 and len(line) > TITLE_MAX_CHARS_UNSPACED):
        return ""
    return title_from_text(line, limit)
