"""Poetry core: forms as data, GBNF grammars from a form, and the form checker.

Pure Python (plus ``pronouncing``/CMUdict and ``pypinyin``); no Qt, no llama_cpp.
"""

from __future__ import annotations

from app.core.poetry.checker import (
    WEIGHTS,
    LineResult,
    PoemResult,
    check_poem,
    count_morae,
    count_syllables,
    estimate_syllables,
    han_chars,
    ranking_key,
    rhyme_group_zh,
    rhyme_key,
    syllable_count,
    tones_zh,
    words_rhyme,
)
from app.core.poetry.forms import (
    BUILTIN_FORMS_DIR,
    Form,
    FormError,
    FormProblem,
    LoadedForms,
    RhymeSlot,
    load_forms,
    parse_form,
    read_form_file,
)
from app.core.poetry.grammar import grammar_for

__all__ = [
    "BUILTIN_FORMS_DIR",
    "WEIGHTS",
    "Form",
    "FormError",
    "FormProblem",
    "LineResult",
    "LoadedForms",
    "PoemResult",
    "RhymeSlot",
    "check_poem",
    "count_morae",
    "count_syllables",
    "estimate_syllables",
    "grammar_for",
    "han_chars",
    "load_forms",
    "parse_form",
    "ranking_key",
    "read_form_file",
    "rhyme_group_zh",
    "rhyme_key",
    "syllable_count",
    "tones_zh",
    "words_rhyme",
]
