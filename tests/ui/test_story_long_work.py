"""The Story pane's long work runs as :class:`app.ui.tasks.Operation`s: fitting the prompt
into n_ctx off the GUI thread, which Stop ends at once (C07)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.core.types import GenerationParams
from app.engines.base import Done
from app.ui.main_window import MainWindow
from app.ui.panes.story import StoryPane
from tests.ui.conftest import REPLY_TIMEOUT_MS


def story_pane(window: MainWindow) -> StoryPane:
    window.show_pane(1)
    return window.story


def test_stop_while_the_story_is_fitted_writes_nothing(qtbot: QtBot, window: MainWindow) -> None:
    """A story too long for its budget is fitted off the GUI thread; Stop ends that at
    once (C07): "Stopped.", nothing is written or stored, and Continue works after."""
    story = story_pane(window)
    n_ctx = window.hub.model.n_ctx  # type: ignore[union-attr]
    lines = [f"Night {i}: Mara counted {i * 7} waves on the shore and wrote it down." for i in range(400)]
    text = "\n".join(lines)
    story.editor.setPlainText(text)
    story.editor.moveCursor(story.editor.textCursor().MoveOperation.End)
    story.params = GenerationParams(temperature=0.0, max_tokens=n_ctx - 100, seed=1)
    story.continue_story()
    assert story.fitter.preparing and story.busy() and not story.continue_button.isEnabled()
    assert story.status.text() == "Fitting the story into the context window…"
    story.stop()
    qtbot.waitUntil(lambda: not story.fitter.preparing, timeout=60_000)
    assert story.status.text() == "Stopped."
    assert not story.is_generating() and story.continue_button.isEnabled()
    assert story.editor.toPlainText() == text and story.last_request is None
    # Continue after Stop fits the story (its oldest text left out) and starts writing
    started: list[bool] = []
    story.writer.busy_changed.connect(started.append)
    with qtbot.waitSignal(story.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
        story.continue_story()
        qtbot.waitUntil(lambda: started == [True], timeout=60_000)
        story.stop()  # no need to read the whole prompt (C07: Stop is honoured meanwhile)
    assert isinstance(blocker.args[0], Done) and blocker.args[0].reason == "cancelled"
    assert story.last_request is not None and story.last_request.prompt is not None
    assert story.last_request.prompt.startswith("Night ") and "Night 0:" not in story.last_request.prompt
    assert story.editor.toPlainText() == text
