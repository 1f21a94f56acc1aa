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
