"""Chat templates Penwright knows by name, and the choice of template for a model.

Order of choice (first that applies):
1. the user's override for this model (a built-in name below, or Jinja text);
2. the template stored in the GGUF (``tokenizer.chat_template``);
3. a fallback by architecture: Gemma-family models get the Gemma turn format, every
   other architecture gets ChatML. The model info says which one is in force, and the
   UI suggests the Story pane (raw completion), which needs no template.

The texts follow the published formats: ChatML (OpenAI, used by Qwen and SmolLM2),
Gemma (``<start_of_turn>``/``<end_of_turn>``, Google's model card; no system role, so
system text is folded into the first user turn by the engine), Llama 3 (Meta's model
card, ``<|start_header_id|>`` ... ``<|eot_id|>``).
"""

from __future__ import annotations

CHATML = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)

GEMMA = (
    "{{ bos_token }}"
    "{% for message in messages %}"
    "{% if message['role'] == 'system' %}"
    "{{ raise_exception('System role not supported') }}"
    "{% endif %}"
    "{% set role = 'model' if message['role'] == 'assistant' else message['role'] %}"
    "{{ '<start_of_turn>' + role + '\n' + message['content'] | trim + '<end_of_turn>\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<start_of_turn>model\n' }}{% endif %}"
)

LLAMA3 = (
    "{{ bos_token }}"
    "{% for message in messages %}"
    "{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'"
    " + message['content'] | trim + '<|eot_id|>' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}"
)

BUILTIN_TEMPLATES: dict[str, str] = {"chatml": CHATML, "gemma": GEMMA, "llama3": LLAMA3}

#: Turn markers of each built-in format. Used as stop strings when a built-in format is
#: applied to a model (fallback or override): a vocabulary without these as special tokens
#: would otherwise write them into the reply as plain text.
TEMPLATE_MARKERS: dict[str, tuple[str, ...]] = {
    "chatml": ("<|im_end|>", "<|im_start|>"),
    "gemma": ("<end_of_turn>", "<start_of_turn>"),
    "llama3": ("<|eot_id|>", "<|start_header_id|>"),
}


def markers_for(source: str) -> tuple[str, ...]:
    """Stop strings for a template ``source`` as returned by :func:`choose_template`."""
    kind, _, name = source.partition(":")
    return TEMPLATE_MARKERS.get(name, ()) if kind in ("fallback", "override") else ()


def fallback_for_architecture(architecture: str) -> str:
    """The built-in template name used when a GGUF has none (see the module docstring)."""
    return "gemma" if architecture.lower().startswith("gemma") else "chatml"


def choose_template(override: str | None, gguf_template: str | None, architecture: str) -> tuple[str, str]:
    """Return ``(jinja_text, source)``; source is 'override:NAME', 'override:custom',
    'gguf' or 'fallback:NAME'."""
    if override:
        if override in BUILTIN_TEMPLATES:
            return BUILTIN_TEMPLATES[override], f"override:{override}"
        return override, "override:custom"
    if gguf_template:
        return gguf_template, "gguf"
    name = fallback_for_architecture(architecture)
    return BUILTIN_TEMPLATES[name], f"fallback:{name}"
