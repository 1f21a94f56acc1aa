"""The Qt-free pane declarations: ids agree with the stored ``Pane`` values, and declared
default sampling values (a mapping of the fields that differ) become full parameters."""

from __future__ import annotations

from app.core.panes import PaneSpec, conversation_panes, default_params, register_pane, unregister_pane
from app.core.presets import DEFAULT_PRESETS
from app.core.types import GenerationParams, Pane


def test_every_stored_pane_value_is_a_declared_conversation_pane() -> None:
    assert [p.value for p in Pane] == [p for p in conversation_panes() if p in {m.value for m in Pane}]
    assert set(DEFAULT_PRESETS) == {p.value for p in Pane}


def test_declared_defaults_are_generation_params_with_those_fields_changed() -> None:
    plain = GenerationParams()
    assert default_params("chat") == plain
    story = default_params("story")
    assert (story.temperature, story.max_tokens, story.repeat_penalty) == (0.8, 200, 1.15)
    assert story.top_p == plain.top_p  # the fields not named keep their defaults
    assert DEFAULT_PRESETS["qa"] == GenerationParams(temperature=0.2, max_tokens=256)
    assert default_params("no-such-pane") == plain


def test_a_pane_may_declare_its_defaults_as_generation_params() -> None:
    params = GenerationParams(temperature=0.35, max_tokens=77)
    register_pane(PaneSpec("unit-scratch", "Scratch", params, opens_conversations=True))
    try:
        assert default_params("unit-scratch") is params
        assert DEFAULT_PRESETS["unit-scratch"] is params
    finally:
        unregister_pane("unit-scratch")
