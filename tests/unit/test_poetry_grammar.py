"""GBNF grammars from forms: llama.cpp accepts every one, and SmolLM2 decoding under the grammar
keeps the 绝句 structure exactly (an in-process ``llama_cpp.Llama``; the engine-host test
with 20/20 generations is separate).

``LlamaGrammar.from_string`` only stores the text in llama-cpp-python 0.3, so the grammar is
also handed to llama.cpp's own parser (``llama_sampler_init_grammar``), which returns NULL on
a syntax error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import llama_cpp
import pytest
from llama_cpp import Llama, LlamaGrammar

from app.core.poetry.checker import check_poem
from app.core.poetry.forms import load_forms, parse_form
from app.core.poetry.grammar import grammar_for

FORMS = load_forms().forms
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def llm(model_path: Path) -> Iterator[Llama]:
    model = Llama(str(model_path), n_ctx=1024, verbose=False, seed=0)
    yield model
    model.close()


def llama_cpp_accepts(llm: Llama, text: str) -> bool:
    LlamaGrammar.from_string(text, verbose=False)
    sampler = llama_cpp.llama_sampler_init_grammar(llm._model.vocab, text.encode("utf-8"), b"root")
    if not sampler:
        return False
    llama_cpp.llama_sampler_free(sampler)
    return True


def test_the_parser_check_rejects_bad_grammar(llm: Llama) -> None:
    assert not llama_cpp_accepts(llm, "root ::= undefined-rule")


@pytest.mark.parametrize("form_id", sorted(FORMS))
def test_every_shipped_form_has_a_valid_grammar(llm: Llama, form_id: str) -> None:
    text = grammar_for(FORMS[form_id])
    if form_id == "free_verse":
        assert text is None
        return
    assert text is not None and llama_cpp_accepts(llm, text)


def test_grammar_shapes() -> None:
    jueju = grammar_for(FORMS["wuyan_jueju"])
    assert jueju is not None
    assert r"han ::= [\u4E00-\u9FFF]" in jueju
    assert 'l1 ::= han{5} "，" "\\n"' in jueju and 'l4 ::= han{5} "。" "\\n"' in jueju
    assert "root ::= l1 l2 l3 l4\n" in jueju
    couplet = grammar_for(FORMS["duilian"])
    assert couplet is not None and 'han{7} "，"? "\\n"' in couplet
    sonnet = grammar_for(FORMS["sonnet"], max_line_chars=60)
    assert sonnet is not None and "{0,59}" in sonnet
    assert sonnet.splitlines()[0].count('"\\n"') == 3  # three stanza breaks
    with pytest.raises(ValueError):
        grammar_for(FORMS["haiku"], max_line_chars=0)


def test_user_form_grammar_with_stanzas_and_odd_marks(llm: Llama) -> None:
    form = parse_form(
        {
            "id": "odd",
            "name": "Odd",
            "language": "zh",
            "lines": 4,
            "stanzas": [2, 2],
            "chars": [3, 4, 3, 4],
            "punctuation": '"\\？！',
        }
    )
    text = grammar_for(form)
    assert text is not None and llama_cpp_accepts(llm, text)
    assert 'l1 ::= han{3} "\\"" "\\n"' in text and 'l2 ::= han{4} "\\\\" "\\n"' in text
    assert text.startswith('root ::= l1 l2 "\\n" l3 l4')


def chatml(user: str) -> str:
    """SmolLM2's chat template (ChatML) written out, for a plain completion."""
    return f"<|im_start|>user\n{user}<|im_end|>\n<|im_start|>assistant\n"


@pytest.mark.parametrize(("form_id", "chars"), [("wuyan_jueju", 5), ("qiyan_jueju", 7)])
def test_grammar_keeps_jueju_structure_on_smollm2(llm: Llama, form_id: str, chars: int) -> None:
    form = FORMS[form_id]
    text = grammar_for(form)
    assert text is not None
    prompt = chatml(f"请写{form.prompt}，题目是「月亮」。只输出诗句。")
    for seed in (11, 22, 33):
        out = llm.create_completion(
            prompt,
            grammar=LlamaGrammar.from_string(text, verbose=False),
            temperature=0.8,
            seed=seed,
            max_tokens=400,
        )
        choice = out["choices"][0]
        poem = choice["text"]
        assert choice["finish_reason"] == "stop", poem
        lines = poem.split("\n")
        assert lines[-1] == "" and len(lines) == 5, poem
        for line, mark in zip(lines[:4], "，。，。", strict=True):
            assert len(line) == chars + 1 and line[-1] == mark, poem
            assert all(HAN.fullmatch(ch) for ch in line[:-1]), poem
        result = check_poem(form, poem)
        assert result.line_count_ok and result.components["counts"] == 1.0
        assert result.components["punctuation"] == 1.0


def test_grammar_keeps_english_lines_and_stanzas_on_smollm2(llm: Llama) -> None:
    # A small user form (2 + 1 lines) keeps the test quick; the sonnet's grammar is the same rules.
    form = parse_form({"id": "tercet", "name": "Tercet", "language": "en", "lines": 3, "stanzas": [2, 1]})
    text = grammar_for(form, max_line_chars=40)
    assert text is not None
    out = llm.create_completion(
        chatml("Write a three-line poem about the moon."),
        grammar=LlamaGrammar.from_string(text, verbose=False),
        temperature=0.8,
        seed=5,
        max_tokens=200,
    )
    poem = out["choices"][0]["text"]
    assert poem.endswith("\n") and poem.count("\n\n") == 1, poem
    result = check_poem(form, poem)
    assert result.line_count_ok and result.stanza_sizes == (2, 1), poem
    assert all(0 < len(line.text) <= 40 for line in result.lines)
