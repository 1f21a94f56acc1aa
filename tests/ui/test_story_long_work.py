"""The Story pane's long work runs as :class:`app.ui.tasks.Operation`s and waits on events,
never on a polling timer: fitting the prompt (Stop ends it at once, C07), the token budget
and the token meter (they wait for the engine to be idle and count when its state is READY
again, and wait for another count's hold on the engine), and Evaluate (progress on the GUI
thread, Cancel within the engine's bound, settled at once when the window closes)."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.spans import text_before
from app.core.story import build_story_prompt
from app.core.types import GenerationParams
from app.engines.base import Done, EngineError, EngineState, GenerationRequest, ScoreResult
from app.ui.engine_bridge import GenerationController
from app.ui.main_window import MainWindow
from app.ui.panes.story import StoryPane
from app.ui.panes.story.prompt import BUDGET_MS
from tests.ui.conftest import REPLY_TIMEOUT_MS

#: A reply that cannot end before ``max_tokens`` (the grammar never accepts, so no end of
#: text is allowed): the engine stays busy until the test stops it.
ENDLESS = 'root ::= " " [0-9]+ "," root'
STORY = "Once upon a time, a fox lived by the river. Every morning she watched the boats."


def story_pane(window: MainWindow) -> StoryPane:
    window.show_pane(1)
    return window.story


def long_text(n_ctx: int) -> str:
    """A text of 3 × n_ctx sentences of 15 tokens or more: 90+ scoring windows."""
    sentence = "On day {i} the fox near the mill seemed calm to everyone who passed."
    return " ".join(sentence.format(i=i) for i in range(1, 3 * n_ctx))


def expected_story_tokens(window: MainWindow, story: StoryPane) -> str:
    """The budget's "Story" figure, counted by the engine here (GUI thread)."""
    engine = window.hub.engine
    bos = engine.count_tokens("")
    before = text_before(story.editor.toPlainText(), story.editor.textCursor().position())
    prompt = build_story_prompt(before, story.settings(), count_tokens=lambda t: engine.count_tokens(t) - bos)
    return f"{prompt.budget.get('story_head', 0) + prompt.budget.get('story_tail', 0):,}"


def expected_meter(window: MainWindow, story: StoryPane) -> int:
    return window.hub.engine.count_tokens(str(story.fitter.meter_payload()[1]))


def write_story(qtbot: QtBot, window: MainWindow, story: StoryPane) -> None:
    """Put :data:`STORY` in the editor, cursor at the end, and wait for both counts."""
    story.editor.setPlainText(STORY)
    story.editor.moveCursor(story.editor.textCursor().MoveOperation.End)
    qtbot.waitUntil(lambda: story.aids.budget["story"].text() not in ("—", "…"), timeout=60_000)
    story_tokens, meter = expected_story_tokens(window, story), expected_meter(window, story)
    qtbot.waitUntil(lambda: story.aids.budget["story"].text() == story_tokens, timeout=60_000)
    qtbot.waitUntil(lambda: story.meter.used == meter, timeout=60_000)


def test_budget_and_meter_wait_for_the_busy_engine_without_polling(qtbot: QtBot, window: MainWindow) -> None:
    """While another request holds the engine, an edit's counts wait: each debounce timer
    fires once and is not restarted (the old code re-armed it every 400/600 ms until the
    engine was free); when the request ends (state READY), both count the new text."""
    story = story_pane(window)
    write_story(qtbot, window, story)
    old_budget, old_meter = story.aids.budget["story"].text(), story.meter.used

    other = GenerationController(window.hub, window)  # another pane's reply, say
    request = GenerationRequest(
        messages=({"role": "user", "content": "Count."},),
        params=GenerationParams(temperature=0.0, max_tokens=window.hub.model.n_ctx - 64, seed=1),  # type: ignore[union-attr]
        grammar=ENDLESS,
    )
    with qtbot.waitSignal(other.text_ready, timeout=REPLY_TIMEOUT_MS):
        other.start(request)
    assert window.hub.engine.state == EngineState.GENERATING

    fired = {"budget": 0, "meter": 0}
    story.budget.timer.timeout.connect(lambda: fired.__setitem__("budget", fired["budget"] + 1))
    story.meter._timer.timeout.connect(lambda: fired.__setitem__("meter", fired["meter"] + 1))
    recounted: list[object] = []
    story.budget_counted.connect(lambda: recounted.append("budget"))
    story.meter.counted.connect(recounted.append)
    story.editor.insertPlainText(" One day a heron came.")
    qtbot.waitUntil(lambda: fired["budget"] == 1 and fired["meter"] >= 1, timeout=60_000)
    meter_fired = fired["meter"]  # the text and the cursor changed: one pause each at most
    # Three budget pauses long, the engine still busy: no timer runs, nothing is counted.
    qtbot.wait(3 * BUDGET_MS)
    assert other.is_running() and window.hub.engine.state == EngineState.GENERATING
    assert fired == {"budget": 1, "meter": meter_fired}, fired
    assert not story.budget.timer.isActive() and not story.meter._timer.isActive()
    assert story.budget._operation is None and story.meter._operation is None
    assert recounted == [] and story.aids.budget["story"].text() == old_budget
    assert story.meter.used == old_meter

    with qtbot.waitSignal(other.finished, timeout=REPLY_TIMEOUT_MS):
        other.stop()
    qtbot.waitUntil(lambda: window.hub.engine.state == EngineState.READY, timeout=REPLY_TIMEOUT_MS)
    qtbot.waitUntil(lambda: "budget" in recounted and story.meter.used != old_meter, timeout=60_000)
    assert story.aids.budget["story"].text() == expected_story_tokens(window, story) != old_budget
    assert story.meter.used == expected_meter(window, story)


def test_counts_that_find_the_engine_held_wait_for_it(qtbot: QtBot, window: MainWindow) -> None:
    """The budget and the meter count at the same moment as someone else holds the idle
    engine (another count): they wait for its hold to end and both show their figures,
    instead of giving up (or polling) when ``try_count`` finds it taken."""
    story = story_pane(window)
    write_story(qtbot, window, story)
    engine = window.hub.engine
    old_budget, old_meter = story.aids.budget["story"].text(), story.meter.used
    counted: list[str] = []
    story.budget_counted.connect(lambda: counted.append("budget"))
    story.meter.counted.connect(lambda _n: counted.append("meter"))
    lock = engine._lock  # another count's hold, without racing one
    assert lock.acquire(timeout=30)
    try:
        seen: list[int | None] = []
        asker = threading.Thread(target=lambda: seen.append(engine.try_count(text="x")))
        asker.start()
        asker.join(30)
        assert seen == [None]  # taken (an RLock: this thread could count): no count at once
        story.editor.insertPlainText(" One day a heron came.")
        qtbot.waitUntil(lambda: story.budget._operation is not None, timeout=60_000)
        qtbot.waitUntil(lambda: story.meter._operation is not None, timeout=60_000)
        qtbot.wait(500)  # both workers reach the engine while it is held
        assert counted == [] and story.budget._operation is not None and story.meter._operation is not None
    finally:
        lock.release()
    qtbot.waitUntil(lambda: "budget" in counted and "meter" in counted, timeout=60_000)
    assert story.aids.budget["story"].text() == expected_story_tokens(window, story) != old_budget
    assert story.meter.used == expected_meter(window, story) != old_meter


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
