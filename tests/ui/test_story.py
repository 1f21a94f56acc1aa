"""The Story pane on the real window and the real small models (offscreen): continue,
rewrite, alternatives, undo, AI colouring, aids in the prompt, autosave and versions,
export/import, token probabilities, AI spans saved with the story and brought back by
Redo, perplexity, C02, accessibility. The span bookkeeping (:class:`SpanTracker`) is also
tested on its own, without Qt documents."""

from __future__ import annotations

import json
import logging
import math
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QSpinBox,
    QTableWidget,
    QToolTip,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.core.story import build_story_prompt
from app.core.types import GenerationParams
from app.engines.base import CancelToken, Done, ScoreResult, TokenLogprob
from app.storage.documents import EDIT_SNAPSHOT_SECONDS, DocumentStore
from app.storage.history import HistoryStore
from app.storage.providers import Provider
from app.ui.main_window import PROVIDER, MainWindow
from app.ui.panes.story import AUTOSAVE_MS, StoryPane
from app.ui.story_widgets import (
    LOGPROB_FLOOR,
    AiSpan,
    SpanTracker,
    alternatives_of,
    shown_token,
    text_before,
    text_between,
    utf16_len,
)
from tests.ui.conftest import REPLY_TIMEOUT_MS
from tests.ui.test_remote import choose, memory_keyring  # noqa: F401 (fixture)
from tests.unit.test_secrets import MemoryKeyring

GREEDY = GenerationParams(temperature=0.0, max_tokens=16, seed=1)
C02_TEXT = "灯塔守护者 🌊👩‍👩‍👧"


def story_pane(window: MainWindow) -> StoryPane:
    window.show_pane(1)
    return window.story


def put_cursor(story: StoryPane, python_index: int) -> None:
    """Put the editor's cursor after ``python_index`` characters (Qt counts UTF-16 units)."""
    text = story.editor.toPlainText()
    cursor = story.editor.textCursor()
    cursor.setPosition(utf16_len(text[:python_index]))
    story.editor.setTextCursor(cursor)


def select(story: StoryPane, start: int, end: int) -> None:
    text = story.editor.toPlainText()
    cursor = story.editor.textCursor()
    cursor.setPosition(utf16_len(text[:start]))
    cursor.setPosition(utf16_len(text[:end]), cursor.MoveMode.KeepAnchor)
    story.editor.setTextCursor(cursor)


def continue_at(qtbot: QtBot, story: StoryPane, before: str, after: str = "") -> Done:
    story.editor.setPlainText(before + after)
    put_cursor(story, len(before))
    story.editor.setFocus()
    with qtbot.waitSignal(story.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
        qtbot.keyClick(story.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    final = blocker.args[0]
    assert isinstance(final, Done), final
    return final


def test_continue_with_the_base_model_inserts_at_the_cursor_as_one_undo_step(
    qtbot: QtBot, window: MainWindow, base_model_path: Path
) -> None:
    """Gemma 3 270M base (raw completion): the continuation goes in at the cursor, in the
    AI colour, and Ctrl+Z removes exactly it."""
    with qtbot.waitSignal(window.hub.model_loaded, timeout=REPLY_TIMEOUT_MS):
        window.load_model(str(base_model_path))
    assert window.hub.model is not None and "gemma" in window.hub.model.path.lower()
    story = story_pane(window)
    story.params = GenerationParams(temperature=0.0, max_tokens=20, seed=3)
    before, after = "The lighthouse keeper opened the letter. It said", "\n\nTHE END"
    final = continue_at(qtbot, story, before, after)
    assert final.text and story.last_prompt == before  # no aids: the prompt is the text
    assert story.editor.toPlainText() == before + final.text + after
    start = utf16_len(before)
    assert story.ai_spans() == [(start, start + utf16_len(final.text))]
    link = story.editor.palette().color(QPalette.ColorRole.Link)
    assert {s.format.foreground().color().name() for s in story.editor.extraSelections()} == {link.name()}
    assert story.spans.spans[0].tokens  # log-probabilities came with the local engine's tokens
    assert "".join(t.logprob.token for t in story.spans.spans[0].tokens) == final.text
    story.editor.setFocus()
    qtbot.keyClick(story.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert story.editor.toPlainText() == before + after
    assert story.ai_spans() == []


def test_rewrite_replaces_just_the_selection_and_describe_inserts_after_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    story = story_pane(window)
    story.params = GenerationParams(temperature=0.0, max_tokens=24, seed=1)
    head, passage, tail = "Chapter one.\n", "the dog was big and it ran fast.", "\nThe end."
    story.editor.setPlainText(head + passage + tail)
    select(story, len(head), len(head) + len(passage))
    with qtbot.waitSignal(story.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
        qtbot.mouseClick(story.rewrite_button, Qt.MouseButton.LeftButton)
    final = blocker.args[0]
    assert isinstance(final, Done) and final.text
    assert story.editor.toPlainText() == head + final.text + tail
    request = story.last_request
    assert request is not None and request.prompt is None
    assert request.messages[0]["role"] == "system" and passage in request.messages[-1]["content"]
    assert story.ai_spans() == [(utf16_len(head), utf16_len(head + final.text))]
    story.editor.undo()
    assert story.editor.toPlainText() == head + passage + tail
    # Describe: the selection stays, the new text follows it
    select(story, len(head), len(head) + len(passage))
    with qtbot.waitSignal(story.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
        story.describe_selection()
    described = blocker.args[0]
    assert isinstance(described, Done) and described.text
    document = story.editor.toPlainText()
    assert document.startswith(head + passage) and document.endswith(tail)
    assert document[len(head + passage) : -len(tail)].strip() == described.text.strip()
    # nothing selected: nothing sent
    story.editor.moveCursor(story.editor.textCursor().MoveOperation.End)
    story.rewrite_selection()
    assert not story.is_generating() and "Select a passage" in story.status.text()


def test_rewriting_a_selection_too_long_for_n_ctx_is_refused_before_anything_is_stored(
    qtbot: QtBot, window: MainWindow
) -> None:
    story = story_pane(window)
    huge = "The keeper climbed the stairs and lit the lamp again. " * 1500  # ~17k tokens
    story.editor.setPlainText(huge)
    story.save_draft()
    cid = story.doc.conversation_id if story.doc else None
    assert cid is not None
    stored = len(window.store.all_messages(cid))
    select(story, 0, len(huge))
    story.rewrite_selection()
    qtbot.waitUntil(lambda: "n_ctx" in story.status.text(), timeout=REPLY_TIMEOUT_MS)
    n_ctx = window.hub.model.n_ctx  # type: ignore[union-attr]
    assert f"{n_ctx:,}" in story.status.text() and "shorter passage" in story.status.text()
    assert not story.is_generating() and len(window.store.all_messages(cid)) == stored
    assert story.editor.toPlainText() == huge and story.editor.textCursor().hasSelection()


def test_give_me_3_shows_three_and_use_this_inserts_the_chosen_one(qtbot: QtBot, window: MainWindow) -> None:
    story = story_pane(window)
    story.params = GenerationParams(temperature=0.0, max_tokens=12, seed=11)
    before, after = "Once upon a time, a fox", " lived happily."
    story.editor.setPlainText(before + after)
    put_cursor(story, len(before))
    with qtbot.waitSignal(story.alternatives_ready, timeout=3 * REPLY_TIMEOUT_MS):
        qtbot.mouseClick(story.alternatives_button, Qt.MouseButton.LeftButton)
        assert story.alternatives.isVisible()
    texts = story.alternatives.texts()
    assert len(texts) == 3 and all(texts)
    assert len(set(texts)) >= 2  # different seeds at temperature >= 0.7
    assert story.editor.toPlainText() == before + after  # nothing inserted before a choice
    assert all(b.isEnabled() for b in story.alternatives.use_buttons)
    qtbot.mouseClick(story.alternatives.use_buttons[1], Qt.MouseButton.LeftButton)
    assert not story.alternatives.isVisible()
    assert story.editor.toPlainText() == before + texts[1] + after
    assert story.ai_spans() == [(utf16_len(before), utf16_len(before + texts[1]))]
    story.editor.undo()
    assert story.editor.toPlainText() == before + after
    # "None" keeps the story as it is
    put_cursor(story, len(before))
    with qtbot.waitSignal(story.alternatives_ready, timeout=3 * REPLY_TIMEOUT_MS):
        story.give_alternatives()
    qtbot.mouseClick(story.alternatives.none_button, Qt.MouseButton.LeftButton)
    assert not story.alternatives.isVisible() and story.editor.toPlainText() == before + after


def test_ai_colour_goes_when_the_writer_edits_inside_the_span(qtbot: QtBot, window: MainWindow) -> None:
    story = story_pane(window)
    story.params = GREEDY
    before = "The storm came at night."
    final = continue_at(qtbot, story, before)
    start, end = utf16_len(before), utf16_len(before + final.text)
    assert story.ai_spans() == [(start, end)]
    editor = story.editor
    # evaluated (tinted by surprise), the AI text keeps its colour
    with qtbot.waitSignal(story.scored, timeout=REPLY_TIMEOUT_MS):
        story.evaluate()
    link, text = (
        editor.palette().color(role).name() for role in (QPalette.ColorRole.Link, QPalette.ColorRole.Text)
    )
    colours = {
        (s.cursor.selectionStart() >= start, s.format.foreground().color().name())
        for s in editor.extraSelections()
    }
    assert colours == {(True, link), (False, text)}
    cursor = editor.textCursor()
    cursor.setPosition(end)  # typing right after the AI text: the span stays as it was
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, " Yes")
    assert story.ai_spans() == [(start, end)]
    cursor.setPosition(0)  # typing before it moves it
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "A")
    assert story.ai_spans() == [(start + 1, end + 1)]
    cursor.setPosition(start + 3)  # an edit inside: the writer's text now, no colour
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "x")
    assert story.ai_spans() == [] and editor.extraSelections() == []


def test_memory_authors_note_and_lorebook_reach_the_prompt(qtbot: QtBot, window: MainWindow) -> None:
    story = story_pane(window)
    story.params = GenerationParams(temperature=0.0, max_tokens=4, seed=1)
    aids = story.aids
    aids.memory.setPlainText("Mara keeps the lighthouse on Skerry Island.")
    aids.note.setPlainText("[Style: quiet, melancholic]")
    aids.note_depth.setValue(1)
    aids.add_entry("Skerry, island", "Skerry Island: a bare rock with 40 sheep.")
    aids.add_entry("dragon", "Dragons do not exist here.")
    aids.add_entry("lamp", "The lamp is a Fresnel lens from 1880.", enabled=False)
    before = "Line one of the story.\nMara climbed the lamp stairs.\nShe looked at Skerry"
    continue_at(qtbot, story, before)
    expected = build_story_prompt(before, story.settings())
    assert story.last_prompt == expected.text
    assert story.last_request is not None and story.last_request.prompt == expected.text
    prompt = story.last_prompt
    assert prompt.startswith("Mara keeps the lighthouse on Skerry Island.\n")
    assert "40 sheep" in prompt and "Dragons" not in prompt and "Fresnel" not in prompt
    # the author's note sits one line (note_depth) before the end, right after the lore
    assert prompt.endswith("40 sheep.\n[Style: quiet, melancholic]\nShe looked at Skerry")
    assert expected.fired == (0,)
    # the aids are part of the document
    doc = story.documents.get(story.conversation_id or -1)
    assert doc is not None and doc.memory.startswith("Mara") and doc.note_depth == 1
    assert [row["enabled"] for row in doc.lorebook] == [True, True, False]
    # the budget shows the tokens each part takes, counted by the model's tokenizer
    engine = window.hub.engine
    qtbot.waitUntil(lambda: aids.budget["memory"].text() not in ("—", "…"), timeout=20_000)
    qtbot.waitUntil(lambda: aids.budget["memory"].text() == str(_tokens(engine, expected.part("memory"))))
    now = build_story_prompt(
        text_before(story.editor.toPlainText(), story.editor.textCursor().position()), story.settings()
    )
    assert aids.budget["lore"].text() == str(_tokens(engine, now.part("lore")))
    assert "1" in aids.budget_note.text()  # entry 1 fired
    # reopening the story brings them back
    story_id = story.conversation_id
    story.new_conversation()
    assert aids.memory.toPlainText() == "" and aids.lorebook.rowCount() == 0
    story.open_conversation(story_id or -1)
    assert aids.lorebook.rowCount() == 3 and aids.note.toPlainText() == "[Style: quiet, melancholic]"


def _tokens(engine: object, text: str) -> int:
    count = engine.count_tokens  # type: ignore[attr-defined]
    return int(count(text) - count(""))


def test_autosave_after_the_delay_on_focus_loss_and_restoring_a_version(
    qtbot: QtBot, window: MainWindow
) -> None:
    story = story_pane(window)
    store = window.store
    story.editor.setFocus()
    qtbot.keyClicks(story.editor, "First draft.")
    assert story.conversation_id is None  # nothing saved during the pause
    qtbot.waitUntil(lambda: story.conversation_id is not None, timeout=AUTOSAVE_MS + 3000)
    story_id = story.conversation_id or -1
    assert store.get_draft(story_id) == "First draft."
    assert store.get_conversation(story_id).title == "First draft."  # type: ignore[union-attr]
    first_versions = story.documents.versions(story_id)
    assert [v.reason for v in first_versions] == ["edit"]
    # focus loss saves at once; a second editing version waits for a minute
    qtbot.keyClicks(story.editor, " More.")
    story.title_edit.setFocus()
    assert store.get_draft(story_id) == "First draft. More."
    assert len(story.documents.versions(story_id)) == 1
    story.documents.snapshot(story_id, "edit", now=first_versions[0].created_at + EDIT_SNAPSHOT_SECONDS + 1)
    # the title field renames the story
    story.title_edit.setText("The Draft")
    story.title_edit.editingFinished.emit()
    assert store.get_conversation(story_id).title == "The Draft"  # type: ignore[union-attr]
    # restore the first version through the dialog; Ctrl+Z brings the later text back
    dialog = story.show_versions()
    assert dialog is not None and dialog.table.rowCount() == 2
    dialog.table.selectRow(1)  # newest first: row 1 is the first version
    assert dialog.preview.toPlainText() == "First draft."
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert story.editor.toPlainText() == "First draft."
    assert store.get_draft(story_id) == "First draft."
    kept = [story.documents.version_text(v.id) for v in story.documents.versions(story_id)]
    assert "First draft. More." in kept  # the text before the restore is a version
    dialog.close()
    story.editor.undo()
    assert story.editor.toPlainText() == "First draft. More."
    story.save_draft()
    assert store.get_draft(story_id) == "First draft. More."


def test_export_and_import_round_trip(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    import docx

    story = story_pane(window)
    text = "第一章\n\nThe keeper 🌊 waited.\nLine three."
    story.editor.setPlainText(text)
    story.title_edit.setText("Lighthouse 灯塔")
    story.save_draft()
    for suffix in (".md", ".txt"):
        path = story.export_to(tmp_path / f"story{suffix}")
        assert path is not None and path.exists()
        new_id = story.import_from(path)
        assert new_id is not None and new_id == story.conversation_id
        assert story.editor.toPlainText() == text
        expected_title = "Lighthouse 灯塔" if suffix == ".md" else "story"
        assert story.title_edit.text() == expected_title
        assert window.store.get_draft(new_id) == text
    path = story.export_to(tmp_path / "story.docx")
    assert path is not None
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert paragraphs[1:] == text.split("\n")
    assert story.export_to(tmp_path / "story.pdf") is None and ".pdf" in story.status.text()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00bad")
    before = story.conversation_id
    assert story.import_from(bad) is None and "UTF-8" in story.status.text()
    assert story.conversation_id == before


def test_probabilities_tooltip_and_choosing_an_alternative_token(qtbot: QtBot, window: MainWindow) -> None:
    story = story_pane(window)
    story.params = GenerationParams(temperature=0.0, max_tokens=16, seed=1)
    before = "My favourite fruit is"
    final = continue_at(qtbot, story, before)
    (span,) = story.spans.spans
    assert story.token_tooltip(span.start) == ""  # off until "Show probabilities"
    qtbot.mouseClick(story.probabilities_button, Qt.MouseButton.LeftButton)
    assert story.probabilities_button.isChecked()
    backgrounds = {s.format.background().color().name() for s in story.editor.extraSelections()}
    assert len(backgrounds) > 1  # tinted by probability
    index = next(i for i, t in enumerate(span.tokens) if i >= 1 and len(t.logprob.top) > 1 and t.length)
    token = span.tokens[index]
    position = span.start + token.offset
    tip = story.token_tooltip(position)
    assert tip.startswith(f"{shown_token(token.logprob.token)}: probability ") and "Alternatives:" in tip
    alternatives = [line.strip() for line in tip.splitlines()[2:-1]]
    assert alternatives and all(line.startswith("“") and line.endswith("%") for line in alternatives)
    # the same text as a real tooltip over that character
    rect = story.editor.cursorRect(_cursor_at(story, position + 1))
    point = QPoint(rect.x() - 2, rect.center().y())
    event = QHelpEvent(QEvent.Type.ToolTip, point, story.editor.viewport().mapToGlobal(point))
    QApplication.sendEvent(story.editor.viewport(), event)
    assert QToolTip.text() == tip
    QToolTip.hideText()
    # choose an alternative: it replaces the token, the rest of the AI text goes, the model
    # continues from it
    alternative = alternatives_of(token.logprob)[0][0]
    prefix = before + "".join(t.logprob.token for t in span.tokens[:index])
    assert (before + final.text).startswith(prefix)
    with qtbot.waitSignal(story.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
        assert story.choose_alternative(position, alternative)
    again = blocker.args[0]
    assert isinstance(again, Done)
    assert story.editor.toPlainText() == prefix + alternative + again.text
    assert story.last_prompt == prefix + alternative
    (span,) = story.spans.spans  # one AI span: the kept tokens, the alternative, the rest
    assert (span.start, span.end) == (utf16_len(before), utf16_len(prefix + alternative + again.text))
    story.editor.undo()  # one undo step: the original continuation comes back
    assert story.editor.toPlainText() == before + final.text


def _cursor_at(story: StoryPane, position: int) -> object:
    cursor = story.editor.textCursor()
    cursor.setPosition(position)
    return cursor


def test_evaluate_shows_the_engines_perplexity_and_colours_tokens(qtbot: QtBot, window: MainWindow) -> None:
    story = story_pane(window)
    text = "The cat sat on the mat. It was a sunny day, and the birds were singing in the trees."
    story.editor.setPlainText(text)
    with qtbot.waitSignal(story.scored, timeout=REPLY_TIMEOUT_MS) as blocker:
        qtbot.mouseClick(story.evaluate_button, Qt.MouseButton.LeftButton)
        assert story.score_progress.isVisible() and story.score_cancel.isVisible()
    result = blocker.args[0]
    assert isinstance(result, ScoreResult) and story.last_score is result
    assert (
        story.perplexity_label.text() == f"Perplexity {result.perplexity:.1f} over {result.n_tokens:,} tokens"
    )
    direct = window.hub.engine.score(text, CancelToken())
    assert math.isclose(direct.perplexity, result.perplexity, rel_tol=1e-6)
    assert not story.score_progress.isVisible()
    overlay = story.score_overlay
    assert overlay and len(overlay) >= result.n_tokens - 2
    tip = story.token_tooltip(overlay[-1].start)
    assert "surprise" in tip and overlay[-1].logprob.token.strip() in tip
    assert len(story.editor.extraSelections()) == len(overlay)
    # the selection alone scores fewer tokens
    select(story, 0, text.index(" It was"))
    with qtbot.waitSignal(story.scored, timeout=REPLY_TIMEOUT_MS) as blocker:
        story.evaluate()
    part = blocker.args[0]
    assert isinstance(part, ScoreResult) and part.n_tokens < result.n_tokens
    # the next edit removes the colours
    story.editor.moveCursor(story.editor.textCursor().MoveOperation.End)
    story.editor.insertPlainText(" Then it rained.")
    assert story.score_overlay == [] and story.editor.extraSelections() == []


def test_c02_emoji_and_cjk_stay_whole_in_the_editor_the_document_and_versions(
    qtbot: QtBot, window: MainWindow
) -> None:
    story = story_pane(window)
    story.params = GenerationParams(temperature=0.0, max_tokens=12, seed=1)
    final = continue_at(qtbot, story, C02_TEXT)
    document = story.editor.toPlainText()
    assert document == C02_TEXT + final.text
    document.encode("utf-8")  # no lone surrogates
    story_id = story.conversation_id or -1
    assert window.store.get_draft(story_id) == document
    versions = story.documents.versions(story_id)
    assert {"generation"} <= {v.reason for v in versions}
    texts = [story.documents.version_text(v.id) for v in versions]
    assert C02_TEXT in texts and document in texts
    # the AI span begins right after the family emoji (11 UTF-16 units for 4 characters)
    assert story.ai_spans() == [(utf16_len(C02_TEXT), utf16_len(document))]
    tokens = [(t.offset, t.length, t.logprob) for t in story.spans.spans[0].tokens]
    story.new_conversation()
    story.open_conversation(story_id)
    assert story.editor.toPlainText() == document
    # reopened, the span is where it was (UTF-16 positions), with its tokens on their text
    assert story.ai_spans() == [(utf16_len(C02_TEXT), utf16_len(document))]
    (span,) = story.spans.spans
    assert [(t.offset, t.length, t.logprob) for t in span.tokens] == tokens
    for token in span.tokens:
        start = span.start + token.offset
        assert text_between(document, start, start + token.length) == token.logprob.token


def test_a_remote_provider_greys_out_what_it_cannot_do(
    qtbot: QtBot,
    window: MainWindow,
    memory_keyring: MemoryKeyring,  # noqa: F811
) -> None:
    story = story_pane(window)
    story.editor.setPlainText("Some text.")
    qtbot.waitUntil(lambda: story.aids.budget["total"].text() not in ("—", "…"), timeout=20_000)
    provider = Provider.new(
        "Azure", "azure", endpoint="https://example.openai.azure.com", deployment="gpt-4o",
        api_version="2024-10-21",
    )  # fmt: skip
    window.providers.save(provider)
    window.secrets.set(provider.id, "azure-key")
    window._fill_models()
    with qtbot.waitSignal(window.hub.remote_ready, timeout=30_000):
        choose(qtbot, window, PROVIDER + provider.id)
    assert not story.continue_button.isEnabled() and not story.alternatives_button.isEnabled()
    assert "raw completion" in story.continue_button.toolTip()
    assert not story.evaluate_button.isEnabled() and story.evaluate_button.toolTip()
    assert story.rewrite_button.isEnabled()
    qtbot.waitUntil(lambda: story.aids.budget["total"].text() == "—", timeout=60_000)
    assert story.aids.budget_note.text() == "Counted by the provider."
    choose(qtbot, window, window.runtime.settings.selected_model)
    assert story.continue_button.isEnabled() and story.evaluate_button.isEnabled()


def test_every_control_has_an_accessible_name(window: MainWindow) -> None:
    story = story_pane(window)
    assert story.show_versions() is None  # an empty new story has none yet
    story.aids.add_entry("k", "t")
    story.alternatives.setVisible(True)
    story.editor.setPlainText("Text.")
    dialog = story.show_versions()
    assert dialog is not None
    kinds = (QAbstractButton, QLineEdit, QPlainTextEdit, QSpinBox, QTableWidget, QProgressBar)
    widgets = [w for parent in (story, dialog) for kind in kinds for w in parent.findChildren(kind)]
    unnamed = [
        f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
        for w in widgets
        if not w.accessibleName() and not _inside_a_named_view(w)
    ]
    assert not unnamed, unnamed
    dialog.close()


def _inside_a_named_view(widget: QWidget) -> bool:
    """Qt's own parts of a named composite (a spin box's line edit, a table's corner)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QSpinBox | QTableWidget) and parent.accessibleName():
            return True
        parent = parent.parentWidget()
    return False


def test_every_story_action_is_reachable_with_the_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    story = story_pane(window)
    focusable = []
    widget = story.editor
    widget.setFocus()
    for _ in range(60):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        focusable.append(widget)
        if widget is story.editor:
            break
    for wanted in (
        story.menu_button,
        story.title_edit,
        story.continue_button,
        story.rewrite_button,
        story.alternatives_button,
        story.probabilities_button,
        story.evaluate_button,
        story.aids.memory,
        story.aids.note,
        story.aids.note_depth,
        story.aids.lorebook,
        story.aids.add_entry_button,
    ):
        assert wanted in focusable or wanted.focusProxy() in focusable, wanted.accessibleName()


def test_an_edit_near_the_end_of_a_long_story_re_evaluates_only_the_tail(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Issue 6's figure: tokens evaluated after a one-word edit near the end of a
    3,000-token story, as a share of the prompt (target: 10% or less), with memory,
    author's note and a lorebook entry in the prompt. Then a story over the token budget:
    its oldest text is left out at a cut that stays put, so the next request reuses the
    prompt's prefix too."""
    story = story_pane(window)
    story.params = GenerationParams(temperature=0.0, max_tokens=1, seed=1)
    story.aids.memory.setPlainText("Mara keeps the lighthouse on Skerry Island.")
    story.aids.note.setPlainText("[Style: quiet]")
    story.aids.add_entry("shore", "The shore is black basalt.")
    shores = ("northern", "eastern", "rocky", "sandy", "windy")
    lines = [
        f"Night {i}: Mara counted {i * 7} waves on the {shores[i % 5]} shore and wrote it down."
        for i in range(130)
    ]
    story.editor.setPlainText("\n".join(lines))
    first = continue_at_end(qtbot, story)
    assert 2900 <= first.usage.prompt_tokens < 3300 and first.evaluated_tokens == first.usage.prompt_tokens
    text = story.editor.toPlainText()
    at = text.rindex("wrote it down")  # one word of the last line
    select(story, at, at + len("wrote"))
    story.editor.textCursor().insertText("noted")
    second = continue_at_end(qtbot, story)
    share = second.evaluated_tokens / second.usage.prompt_tokens
    print(f"\none-word edit: {second.evaluated_tokens} of {second.usage.prompt_tokens} read ({share:.1%})")
    assert second.evaluated_tokens > 0 and share <= 0.10
    # over the budget (half of n_ctx when max_tokens is that large): the oldest text goes
    n_ctx = window.hub.model.n_ctx  # type: ignore[union-attr]
    story.params = GenerationParams(temperature=0.0, max_tokens=n_ctx - 100, seed=1)
    third = continue_at_end(qtbot, story, stop_early=True)
    assert third.usage.prompt_tokens <= n_ctx // 2
    qtbot.waitUntil(lambda: "oldest" in story.aids.budget_note.text(), timeout=20_000)
    assert story.last_prompt.startswith("Mara keeps the lighthouse on Skerry Island.\nNight ")
    assert "Night 0:" not in story.last_prompt
    fourth = continue_at_end(qtbot, story, stop_early=True)
    share = fourth.evaluated_tokens / fourth.usage.prompt_tokens
    print(
        f"oldest text left out: {fourth.evaluated_tokens} of {fourth.usage.prompt_tokens} read ({share:.1%})"
    )
    assert share <= 0.10


def continue_at_end(qtbot: QtBot, story: StoryPane, stop_early: bool = False) -> Done:
    """Continue at the end of the story; ``stop_early``: Stop after the first piece."""
    story.editor.moveCursor(story.editor.textCursor().MoveOperation.End)
    if stop_early:
        story.controller.pieces_ready.connect(story.stop, Qt.ConnectionType.SingleShotConnection)
    with qtbot.waitSignal(story.controller.finished, timeout=3 * REPLY_TIMEOUT_MS) as blocker:
        story.continue_story()
    final = blocker.args[0]
    assert isinstance(final, Done), final
    return final


# -- AI spans: saved with the story, back with Redo -------------------------------------------
def _colour_at(story: StoryPane, position: int) -> str | None:
    """The foreground the pane gives the character at ``position`` (its extra selections,
    the last one drawn on top), or None where it leaves the text as it is."""
    colour = None
    for selection in story.editor.extraSelections():
        if selection.cursor.selectionStart() <= position < selection.cursor.selectionEnd():
            colour = selection.format.foreground().color().name()
    return colour


def _shown(story: StoryPane) -> list[tuple[int, int, str, str]]:
    """Each coloured range with its foreground and background."""
    return [
        (
            s.cursor.selectionStart(),
            s.cursor.selectionEnd(),
            s.format.foreground().color().name(),
            s.format.background().color().name(),
        )
        for s in story.editor.extraSelections()
    ]


def _spans(story: StoryPane) -> list[tuple[int, int, int, list[TokenLogprob]]]:
    """(start, end, token count, tokens' log-probabilities) of each AI span."""
    return [(s.start, s.end, len(s.tokens), [t.logprob for t in s.tokens]) for s in story.spans.spans]


def test_ai_colours_and_probabilities_come_back_when_the_story_is_reopened(
    qtbot: QtBot, window: MainWindow, caplog: pytest.LogCaptureFixture
) -> None:
    story = story_pane(window)
    story.params = GREEDY
    before, after = "The keeper climbed the stairs and", "\n\nTHE END"
    final = continue_at(qtbot, story, before, after)
    qtbot.mouseClick(story.probabilities_button, Qt.MouseButton.LeftButton)
    (span,) = story.spans.spans
    spans = _spans(story)
    assert len(span.tokens) > 1
    index = next(i for i, t in enumerate(span.tokens) if t.length and len(alternatives_of(t.logprob)) > 1)
    position = span.start + span.tokens[index].offset
    tip = story.token_tooltip(position)
    assert "Alternatives:" in tip and "Ctrl+click" in tip
    shown = _shown(story)
    assert len({background for *_, background in shown}) > 1  # tinted by probability
    story_id = story.conversation_id or -1
    # saved with the text: a new connection to the file (the app restarted) reads them
    again = HistoryStore(window.store.path)
    try:
        doc = DocumentStore(again).get(story_id)
        assert doc is not None and doc.text == before + final.text + after
        assert [(s["start"], s["end"], len(s["tokens"])) for s in doc.ai_spans] == [
            (span.start, span.end, len(span.tokens))
        ]
    finally:
        again.close()
    story.new_conversation()
    assert (
        story.ai_spans() == []
        and story.token_tooltip(position) == ""
        and story.editor.extraSelections() == []
    )
    story.open_conversation(story_id)
    assert story.editor.toPlainText() == before + final.text + after
    assert _spans(story) == spans
    assert story.token_tooltip(position) == tip  # hover (and Ctrl+click) as before
    assert _shown(story) == shown  # the same colours and tints as a new insertion
    link = story.editor.palette().color(QPalette.ColorRole.Link).name()
    assert _colour_at(story, position) == link and _colour_at(story, span.end - 1) == link
    assert _colour_at(story, 0) is None and _colour_at(story, span.end) is None  # the writer's text
    qtbot.mouseClick(story.probabilities_button, Qt.MouseButton.LeftButton)  # off: colour only
    assert {(start, end) for start, end, *_ in _shown(story)} == {(span.start, span.end)}
    assert _colour_at(story, position) == link and story.token_tooltip(position) == ""
    # stored spans that do not fit the text are left out (and logged); the story opens
    story.new_conversation()
    stored = {"start": span.start, "end": span.end, "tokens": []}
    beyond = {"start": span.end, "end": span.end + 1000, "tokens": []}
    overlapping = {"start": span.start + 1, "end": span.end + 2, "tokens": []}
    for value, kept in (
        (json.dumps([beyond, stored, overlapping, {"start": "x"}]), [(span.start, span.end)]),
        ("[{not json", []),
    ):
        window.store.db.execute("UPDATE documents SET ai_spans=? WHERE conversation_id=?", (value, story_id))
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            story.open_conversation(story_id)
        assert story.conversation_id == story_id and story.editor.toPlainText() == before + final.text + after
        assert story.ai_spans() == kept and f"Story {story_id}" in caplog.text
        story.new_conversation()


def test_undo_then_redo_of_continue_brings_the_span_back_with_its_colour(
    qtbot: QtBot, window: MainWindow
) -> None:
    story = story_pane(window)
    story.params = GREEDY
    before, after = "The storm came at night.", " It was cold."
    final = continue_at(qtbot, story, before, after)
    spans = _spans(story)
    ((start, end, count, _logprobs),) = spans
    assert count > 1
    link = story.editor.palette().color(QPalette.ColorRole.Link).name()
    redo = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)[0][0]
    editor = story.editor
    editor.setFocus()
    for _ in range(2):  # Undo and Redo, twice
        qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert editor.toPlainText() == before + after
        assert story.ai_spans() == [] and _colour_at(story, start) is None
        qtbot.keyClick(editor, redo.key(), redo.keyboardModifiers())
        assert editor.toPlainText() == before + final.text + after
        assert _spans(story) == spans  # the span, its tokens and their log-probabilities
        assert _colour_at(story, start) == link and _colour_at(story, end - 1) == link
        assert _colour_at(story, end) is None
    qtbot.mouseClick(story.probabilities_button, Qt.MouseButton.LeftButton)
    assert story.token_tooltip(start).startswith(shown_token(story.spans.spans[0].tokens[0].logprob.token))
    story.save_draft()  # and it is saved again
    doc = story.documents.get(story.conversation_id or -1)
    assert doc is not None and [(s["start"], s["end"]) for s in doc.ai_spans] == [(start, end)]
    # an edit inside the span: the writer's text now, as before
    cursor = editor.textCursor()
    cursor.setPosition(start + 2)
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "x")
    assert story.ai_spans() == [] and editor.extraSelections() == []


# -- SpanTracker on its own (no Qt document) ------------------------------------------------------
class _Document:
    """A plain-text stand-in for QTextDocument that tells a tracker about each edit the way
    ``contentsChange`` does (Qt positions: UTF-16 units)."""

    def __init__(self, text: str, tracker: SpanTracker) -> None:
        self.text = text
        self.tracker = tracker

    def edit(self, position: int, removed: int, inserted: str) -> bool:
        units = self.text.encode("utf-16-le")
        new = units[: 2 * position] + inserted.encode("utf-16-le") + units[2 * (position + removed) :]
        self.text = new.decode("utf-16-le")
        return self.tracker.changed(
            position, removed, utf16_len(inserted), lambda s, e: text_between(self.text, s, e)
        )

    def ai_insert(self, position: int, text: str) -> AiSpan:
        """What the pane does for a Continue: a live span grows, then settles."""
        span = AiSpan(position, position)
        self.tracker.live, self.tracker.ai_inserting = span, True
        for piece in (text[: len(text) // 2], text[len(text) // 2 :]):
            self.edit(span.end, 0, piece)
            span.grow(piece, [TokenLogprob(piece, -0.5, ((piece, -0.5), ("?", -2.0)))])
        self.tracker.live, self.tracker.ai_inserting = None, False
        self.tracker.add(span, text_between(self.text, span.start, span.end))
        return span


def test_span_tracker_brings_back_a_span_when_its_text_is_put_back_where_it_was() -> None:
    tracker = SpanTracker()
    doc = _Document("灯塔 🌊 The end.", tracker)
    span = doc.ai_insert(5, " She waited 👩‍👩‍👧.")
    ai = (span.start, span.end, list(span.tokens))
    assert doc.text == "灯塔 🌊 She waited 👩‍👩‍👧. The end."
    # Undo, Redo
    assert doc.edit(5, span.end - 5, "") and tracker.spans == []
    assert doc.edit(5, 0, " She waited 👩‍👩‍👧.")
    assert [(s.start, s.end, s.tokens) for s in tracker.spans] == [ai]
    # Undo; something else written there (no Redo): it does not come back
    doc.edit(5, ai[1] - 5, "")
    assert not doc.edit(5, 0, " Nobody came.") and tracker.spans == []
    doc.edit(5, utf16_len(" Nobody came."), "")
    # earlier edits move the place: Undo of an edit before it, then Redo of both
    doc.edit(0, 0, "Title\n")
    doc.edit(0, 6, "")
    doc.edit(0, 0, "Title\n")
    assert doc.edit(11, 0, " She waited 👩‍👩‍👧.")
    assert [(s.start, s.end) for s in tracker.spans] == [(ai[0] + 6, ai[1] + 6)]
    # a replacement of the whole text, then its Undo: the span comes back inside it
    whole = utf16_len(doc.text)
    assert doc.edit(0, whole, "Something else.") and tracker.spans == []
    assert doc.edit(0, utf16_len("Something else."), "Title\n灯塔 🌊 She waited 👩‍👩‍👧. The end.")
    assert [(s.start, s.end, s.tokens) for s in tracker.spans] == [(ai[0] + 6, ai[1] + 6, ai[2])]
    # a rewrite-like replacement of exactly the span, undone and redone
    (span,) = tracker.spans
    assert doc.edit(span.start, span.end - span.start, " She slept.") and tracker.spans == []
    assert doc.edit(11, utf16_len(" She slept."), " She waited 👩‍👩‍👧.") and len(tracker.spans) == 1
    # a partial removal is an edit: nothing to bring back
    (span,) = tracker.spans
    doc.edit(span.start + 1, span.end - span.start - 1, "")
    assert tracker.spans == [] and tracker.removed == []
    # while the model inserts, nothing comes back (the live span owns that text)
    doc.edit(span.start, 1, "")
    tracker.clear()
    span = doc.ai_insert(0, "Once ")
    doc.edit(0, span.end, "")
    tracker.ai_inserting = True
    assert not doc.edit(0, 0, "Once ") and tracker.spans == []
    tracker.ai_inserting = False
    tracker.clear()  # a story opened: nothing remembered
    doc.edit(0, 5, "")
    assert not doc.edit(0, 0, "Once ") and tracker.spans == []


def test_span_tracker_saves_settled_spans_and_loads_those_that_fit() -> None:
    tracker = SpanTracker()
    doc = _Document("Once 🌊 upon a time", tracker)
    first = doc.ai_insert(utf16_len("Once 🌊"), " there was 灯塔")
    tracker.live = AiSpan(0, 4)  # being written: not saved
    first.tokens[0].logprob = TokenLogprob(
        first.tokens[0].logprob.token, float("-inf"), (("x", float("-inf")),)
    )
    stored = tracker.to_json()
    assert [(s["start"], s["end"], len(s["tokens"])) for s in stored] == [(first.start, first.end, 2)]
    assert stored[0]["tokens"][0]["logprob"] == LOGPROB_FLOOR and stored[0]["tokens"][0]["top"] == [
        ["x", LOGPROB_FLOOR]
    ]
    assert stored[0]["tokens"][1] == {
        "offset": first.tokens[1].offset,
        "length": first.tokens[1].length,
        "token": first.tokens[1].logprob.token,
        "logprob": -0.5,
        "top": [[first.tokens[1].logprob.token, -0.5], ["?", -2.0]],
    }
    other = SpanTracker()
    beyond = {"start": 2, "end": 500, "tokens": []}
    overlapping = {"start": first.start + 1, "end": first.start + 3, "tokens": []}
    problems = other.load([beyond, *stored, overlapping, {"start": "x"}], doc.text)
    assert len(problems) == 3 and "beyond the text" in problems[0] and "overlaps" in problems[1]
    (span,) = other.spans
    assert (span.start, span.end, span.text) == (first.start, first.end, " there was 灯塔")
    assert span.tokens[1] == first.tokens[1] and other.to_json() == stored
