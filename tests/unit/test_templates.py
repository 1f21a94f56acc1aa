"""Which chat template is used, and the built-in ones render as their model cards say."""

from __future__ import annotations

import pytest
from llama_cpp.llama_chat_format import Jinja2ChatFormatter

from app.core.templates import BUILTIN_TEMPLATES, choose_template, fallback_for_architecture


@pytest.mark.parametrize(
    ("architecture", "expected"),
    [("gemma3", "gemma"), ("gemma", "gemma"), ("Gemma2", "gemma"), ("llama", "chatml"), ("qwen2", "chatml")],
)
def test_fallback_by_architecture(architecture: str, expected: str) -> None:
    assert fallback_for_architecture(architecture) == expected


def test_override_then_gguf_then_fallback() -> None:
    assert choose_template("gemma", "{{ x }}", "llama") == (BUILTIN_TEMPLATES["gemma"], "override:gemma")
    assert choose_template("{{ custom }}", "{{ x }}", "llama") == ("{{ custom }}", "override:custom")
    assert choose_template(None, "{{ x }}", "gemma3") == ("{{ x }}", "gguf")
    assert choose_template(None, None, "gemma3") == (BUILTIN_TEMPLATES["gemma"], "fallback:gemma")
    assert choose_template(None, "", "mistral") == (BUILTIN_TEMPLATES["chatml"], "fallback:chatml")


def render(name: str, messages: list[dict[str, str]]) -> str:
    formatter = Jinja2ChatFormatter(template=BUILTIN_TEMPLATES[name], eos_token="</s>", bos_token="<s>")
    return formatter(messages=messages).prompt  # type: ignore[arg-type]


TURNS = [
    {"role": "user", "content": "Hi"},
    {"role": "assistant", "content": "Hello"},
    {"role": "user", "content": "Bye"},
]


def test_builtin_templates_render_the_published_formats() -> None:
    assert render("chatml", TURNS) == (
        "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello<|im_end|>\n"
        "<|im_start|>user\nBye<|im_end|>\n<|im_start|>assistant\n"
    )
    assert render("gemma", TURNS) == (
        "<s><start_of_turn>user\nHi<end_of_turn>\n<start_of_turn>model\nHello<end_of_turn>\n"
        "<start_of_turn>user\nBye<end_of_turn>\n<start_of_turn>model\n"
    )
    assert render("llama3", TURNS[:1]) == (
        "<s><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
        "<|start_header_id|>assistant<|end_header_id|>\n\n"
    )


def test_gemma_rejects_a_system_turn_so_the_engine_folds_it() -> None:
    with pytest.raises(ValueError, match="System role"):
        render("gemma", [{"role": "system", "content": "Be brief."}, *TURNS])


def test_builtin_formats_stop_at_their_turn_markers() -> None:
    from app.core.templates import markers_for

    assert markers_for("fallback:chatml") == ("<|im_end|>", "<|im_start|>")
    assert markers_for("override:gemma") == ("<end_of_turn>", "<start_of_turn>")
    assert markers_for("gguf") == () and markers_for("override:custom") == ()
