"""The Story pane's long work runs as :class:`app.ui.tasks.Operation`s: fitting the prompt
into n_ctx off the GUI thread, which Stop ends at once (C07), and Evaluate (progress on the
GUI thread, Cancel within the engine's bound, settled at once when the window closes)."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.types import GenerationParams
from app.engines.base import Done, EngineError, ScoreResult
from app.ui.main_window import MainWindow
from app.ui.panes.story import StoryPane
from tests.ui.conftest import REPLY_TIMEOUT_MS

STORY = "Once upon a time, a fox lived by the river. Every morning she watched the boats."


def story_pane(window: MainWindow) -> StoryPane:
    window.show_pane(1)
    return window.story


def long_text(n_ctx: int) -> str:
    """A text of 3 × n_ctx sentences of 15 tokens or more: 90+ scoring windows."""
    sentence = "On day {i} the fox near the mill seemed calm to everyone who passed."
    return " ".join(sentence.format(i=i) for i in range(1, 3 * n_ctx))


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


def test_evaluate_shows_progress_and_cancel_stops_it_within_a_batch(qtbot: QtBot, window: MainWindow) -> None:
    """Evaluate's progress reaches the bar on the GUI thread; Cancel at the first report
    ends it as cancelled, counted not timed as the engine's own test does: the bar moves
    on by at most 10 windows, where scoring on would take 30 or more; no scoring thread is
    left, and the engine scores again after."""
    story = story_pane(window)
    n_ctx = window.hub.model.n_ctx  # type: ignore[union-attr]
    text = long_text(n_ctx)
    total_tokens = window.hub.engine.count_tokens(text)
    assert total_tokens > 30 * (n_ctx // 2)  # 30+ windows (a stride of n_ctx // 2 each)
    story.editor.setPlainText(text)
    reports: list[tuple[int, int, bool]] = []
    gui = threading.current_thread()

    def on_progress(done: int, total: int) -> None:
        reports.append((done, total, threading.current_thread() is gui))
        if len(reports) == 1:
            qtbot.mouseClick(story.score_cancel, Qt.MouseButton.LeftButton)

    story.controller.score_progress.connect(on_progress)
    with qtbot.waitSignal(story.scored, timeout=3 * REPLY_TIMEOUT_MS) as blocker:
        story.evaluate()
        assert story.controller.is_scoring() and story.score_cancel.isVisible()
    assert blocker.args[0] == "Evaluation cancelled." == story.status.text()
    assert reports and all(on_gui for _, _, on_gui in reports)
    first, last = reports[0][0], reports[-1][0]
    assert last - first <= 10 * (n_ctx // 2) and last < reports[-1][1], reports
    assert not story.controller.is_scoring() and not story.score_progress.isVisible()
    assert not any(t.name == "penwright-score" for t in threading.enumerate())
    assert story.evaluate_button.isEnabled()
    story.controller.score_progress.disconnect(on_progress)
    story.editor.setPlainText(STORY)
    with qtbot.waitSignal(story.scored, timeout=REPLY_TIMEOUT_MS) as blocker:
        story.evaluate()
    assert isinstance(blocker.args[0], ScoreResult)


def test_closing_the_window_while_evaluating_settles_it_at_once(qtbot: QtBot, window: MainWindow) -> None:
    """The window closes (``finish_now``) while Evaluate runs: the scoring is cancelled and
    its outcome delivered then and there, not at a later turn of the event loop, and no
    scoring thread is left."""
    story = story_pane(window)
    story.editor.setPlainText(long_text(window.hub.model.n_ctx))  # type: ignore[union-attr]
    outcomes: list[object] = []
    story.scored.connect(outcomes.append)
    with qtbot.waitSignal(story.controller.score_progress, timeout=3 * REPLY_TIMEOUT_MS):
        story.evaluate()
    assert outcomes == [] and story.controller.is_scoring()
    story.controller.finish_now()
    assert outcomes == ["Evaluation cancelled."] and not story.controller.is_scoring()
    assert not any(t.name == "penwright-score" for t in threading.enumerate())


def test_a_cancelled_score_is_told_apart_from_a_failed_one(qtbot: QtBot, window: MainWindow) -> None:
    """The controller's ``scored`` carries an EngineError 'cancelled' after cancel_score,
    and the engine's own error otherwise (text too short to score)."""
    story = story_pane(window)
    with qtbot.waitSignal(story.controller.scored, timeout=REPLY_TIMEOUT_MS) as blocker:
        story.controller.score("a", 5)
    assert isinstance(blocker.args[0], EngineError) and blocker.args[0].kind != "cancelled"
    assert not story.controller.is_scoring()
