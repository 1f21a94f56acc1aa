"""Chat templates (C03, missing template, override) and the context policy (C04)."""

from __future__ import annotations

from pathlib import Path

from app.core.types import GenerationParams, NoticeKind
from app.engines.base import CancelToken, Done, GenerationRequest
from app.engines.local import LoadOptions, LocalEngine

GREEDY = GenerationParams(temperature=0.0, repeat_penalty=1.0, max_tokens=24, seed=1)
MARKERS = ("<|im_start|>", "<|im_end|>", "<start_of_turn>", "<end_of_turn>", "<|eot_id|>")


def chat(engine: LocalEngine, messages: list[dict[str, str]], params: GenerationParams = GREEDY) -> Done:
    events = list(engine.stream(GenerationRequest(tuple(messages), params=params), CancelToken()))  # type: ignore[arg-type]
    final = events[-1]
    assert isinstance(final, Done), final
    return final


WITH_SYSTEM = [
    {"role": "system", "content": "Answer in one word."},
    {"role": "user", "content": "Capital of France?"},
]


def test_c03_template_rejecting_system_role_gets_it_folded_and_says_so(
    model_rejecting_system: Path, tmp_path: Path
) -> None:
    engine = LocalEngine(tmp_path)
    try:
        info = engine.load(model_rejecting_system)
        assert info.template_source == "gguf"
        final = chat(engine, WITH_SYSTEM)
        assert NoticeKind.SYSTEM_FOLDED in final.notices and final.text
        assert not any(m in final.text for m in MARKERS)
        assert NoticeKind.SYSTEM_FOLDED not in chat(engine, WITH_SYSTEM[1:]).notices
    finally:
        engine.close()


def test_model_without_template_uses_a_documented_fallback(
    model_without_template: Path, tmp_path: Path
) -> None:
    engine = LocalEngine(tmp_path)
    try:
        info = engine.load(model_without_template)  # a non-ASCII, spaced path too
        assert info.template_source == "fallback:chatml" and info.architecture == "llama"
        final = chat(engine, WITH_SYSTEM)
        assert final.text and not any(m in final.text for m in MARKERS)
    finally:
        engine.close()


def test_template_override_per_model_is_used(model_path: Path, tmp_path: Path) -> None:
    engine = LocalEngine(tmp_path)
    try:
        info = engine.load(model_path, LoadOptions(chat_template="gemma"))
        assert info.template_source == "override:gemma" and "<start_of_turn>" in (info.chat_template or "")
        final = chat(engine, WITH_SYSTEM)  # Gemma has no system role: folded, no exception
        assert NoticeKind.SYSTEM_FOLDED in final.notices
    finally:
        engine.close()


def test_c04_conversation_longer_than_n_ctx_keeps_the_newest_turns(model_path: Path, tmp_path: Path) -> None:
    engine = LocalEngine(tmp_path)
    try:
        engine.load(model_path, LoadOptions(n_ctx=512))
        messages = [{"role": "system", "content": "You are terse."}]
        for i in range(30):
            messages.append({"role": "user", "content": f"Turn {i}: tell me about rivers and lakes."})
            messages.append({"role": "assistant", "content": f"Rivers flow; lakes rest. Note {i}."})
        messages.append({"role": "user", "content": "What is 2 plus 2?"})
        final = chat(engine, messages, GenerationParams(temperature=0.0, max_tokens=32))
        assert NoticeKind.TRIMMED in final.notices and 0 < final.trimmed_messages < len(messages) - 2
        assert final.trimmed_messages % 2 == 0  # whole user+assistant turns
        assert final.usage.prompt_tokens + 32 <= 512
        # the engine stays usable, and a short conversation is not trimmed
        assert chat(engine, WITH_SYSTEM).trimmed_messages == 0
    finally:
        engine.close()


def test_system_info_reports_the_backend(shared_engine: LocalEngine) -> None:
    info = shared_engine.system_info()
    assert info["backend"] in ("CPU", "CUDA", "Metal", "Vulkan", "HIP", "SYCL", "OpenCL", "GPU")
    assert isinstance(info["gpu_offload"], bool) and info["system_info"]
    if not info["gpu_offload"]:
        assert shared_engine.model is not None and shared_engine.model.backend == "CPU"


def test_automatic_n_ctx_is_the_training_context_capped(model_path: Path, tmp_path: Path) -> None:
    from app.core.types import AUTO_N_CTX_CAP

    engine = LocalEngine(tmp_path)
    try:
        info = engine.load(model_path, LoadOptions(n_ctx=0))
        assert info.n_ctx_train == 8192
        assert info.n_ctx == min(info.n_ctx_train, AUTO_N_CTX_CAP) == 4096  # really passed to llama.cpp
    finally:
        engine.close()
