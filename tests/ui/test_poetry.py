"""The Poetry pane on the real model (offscreen): candidates under the form's grammar, ranked
and annotated line by line; the writer's pick stored and restored; combined lines; greyed
decoding choices; Stop; accessible names."""

from __future__ import annotations

import json
import re
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.core.poetry import ranking_key
from app.core.poetry.checker import check_poem
from app.core.types import GenerationParams
from app.engines.base import Capabilities, Done, Failed
from app.engines.openai_api import CAPABILITY_REASONS
from app.storage.poems import PoemStore
from app.ui.main_window import MainWindow
from app.ui.panes.poetry import PoetryPane
from app.ui.poetry_widgets import CandidateTable, LineTable, percent
from tests.ui.conftest import REPLY_TIMEOUT_MS, kill_engine_host

FIVE_HAN = re.compile(r"[\u4e00-\u9fff]{5}[，。]")
SAMPLING = GenerationParams(temperature=0.8, top_k=40, top_p=0.95, min_p=0.05, max_tokens=200, seed=11)


def generate(qtbot: QtBot, pane: PoetryPane, mode: str, n: int = 3) -> Done:
    assert pane.decoding.set_mode(mode)
    pane.decoding.count_spin.setValue(n)
    with qtbot.waitSignal(pane.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
        qtbot.mouseClick(pane.generate_button, Qt.MouseButton.LeftButton)
        assert pane.generate_button.text() == "Stop" and not pane.form_box.isEnabled()
    final = blocker.args[0]
    assert isinstance(final, Done), final
    return final


def poetry_pane(window: MainWindow, form: str, topic: str) -> PoetryPane:
    window.show_pane(2)
    pane = window.poetry
    pane.params = SAMPLING
    pane.set_form(form)
    pane.topic.setText(topic)
    return pane


def test_grammar_candidates_ranked_annotated_stored_restored(qtbot: QtBot, window: MainWindow) -> None:
    pane = poetry_pane(window, "wuyan_jueju", "月亮")
    pane.note.setText("用简单的字")
    final = generate(qtbot, pane, "grammar", 3)
    assert final.reason == "stop" and len(final.candidates) == 3
    form = pane.selected_form()
    candidates = pane.candidates
    assert len(candidates) == 3
    scores = [c.score for c in candidates]
    assert scores == sorted(scores, reverse=True)  # ranked: conformity, then mean log-prob
    keys = [ranking_key(check_poem(form, c.text), c.mean_logprob or 0.0) for c in candidates]
    assert keys == sorted(keys)
    assert all(c.mean_logprob is not None and c.mean_logprob < 0 for c in candidates)
    assert len({c.seed for c in candidates}) == 3
    table = pane.candidates_table
    assert table.rowCount() == 3 and table.selected_row() == 0
    assert table.item(0, CandidateTable.SCORE).text() == percent(scores[0])
    for rank in range(3):  # every candidate: four lines of five Han characters, annotated
        pane.select_candidate(rank)
        lines = pane.lines_table
        assert lines.rowCount() == 4
        for row in range(4):
            assert FIVE_HAN.fullmatch(lines.item(row, LineTable.LINE).text())
            assert lines.item(row, LineTable.COUNT).text() == "5/5"
            assert lines.item(row, LineTable.COUNT_OK).text() == "✓"
            assert lines.item(row, LineTable.MARK_OK).text() == "✓"
        assert lines.item(0, LineTable.COUNT_OK).data(Qt.ItemDataRole.AccessibleTextRole) == "count kept"
        assert not lines.isColumnHidden(LineTable.TONES_OK)
        assert any(lines.item(row, LineTable.RHYME).text() for row in range(4))  # 中华新韵 groups
        assert "Conformity" in pane.lines_summary.text()

    # "Use this poem" stores the conversation and the poems row
    pane.select_candidate(1)
    qtbot.mouseClick(pane.use_button, Qt.MouseButton.LeftButton)
    chosen = candidates[1].text.strip()
    assert pane.poem.toPlainText() == chosen and pane.poem_lines.rowCount() == 4
    cid = pane.conversation_id
    assert cid is not None
    thread = window.store.thread(cid)
    assert [m.role for m in thread] == ["user", "assistant"] and thread[-1].content == chosen
    assert "月亮" in thread[0].content and "用简单的字" in thread[0].content
    poem = PoemStore(window.store).get(cid)
    assert poem is not None and poem.form_id == "wuyan_jueju" and poem.topic == "月亮"
    assert poem.chosen_text == chosen and poem.chosen_score == check_poem(form, chosen).score
    assert [c.text for c in poem.candidates] == [c.text for c in candidates]
    assert [c.mean_logprob for c in poem.candidates] == [c.mean_logprob for c in candidates]
    assert poem.decoding["mode"] == "grammar" and poem.decoding["candidates"] == 3
    assert poem.decoding["seeds"] == [11, 12, 13]
    row = window.store.db.execute("SELECT candidates FROM poems WHERE conversation_id=?", (cid,)).fetchone()
    assert [c["score"] for c in json.loads(row[0])] == scores

    # the writer edits the poem: saved as they type
    pane.poem.setFocus()
    pane.poem.moveCursor(pane.poem.textCursor().MoveOperation.End)
    qtbot.keyClick(pane.poem, Qt.Key.Key_Return)
    qtbot.keyClicks(pane.poem, "ok")
    edited = chosen + "\nok"
    qtbot.waitUntil(lambda: window.store.thread(cid)[-1].content == edited, timeout=60_000)
    qtbot.waitUntil(lambda: pane.poem_lines.rowCount() == 5, timeout=60_000)
    assert pane.poem_lines.item(4, LineTable.COUNT).text() == "0"

    # reopening from History restores form, topic, note, decoding, candidates and the poem
    pane.set_form("haiku")
    pane.new_conversation()
    pane.decoding.set_mode("sampling")
    assert pane.topic.text() == "" and pane.candidates == []
    window.show_pane(4)
    window.history.refresh()
    window.history.tree.setCurrentItem(window.history.tree.topLevelItem(0))
    assert window.history.selected_id() == cid
    window.history.open_selected()
    assert window.stack.currentWidget() is pane and pane.conversation_id == cid
    assert pane.selected_form().id == "wuyan_jueju" and pane.topic.text() == "月亮"
    assert pane.note.text() == "用简单的字" and pane.decoding.mode() == "grammar"
    assert [c.text for c in pane.candidates] == [c.text for c in candidates]
    assert pane.candidates_table.rowCount() == 3 and pane.lines_table.rowCount() == 4
    assert pane.poem.toPlainText() == edited
    assert {h.conversation_id for h in window.store.search("月亮", pane="poetry")} == {cid}


def test_combining_lines_from_two_candidates_gives_those_lines(qtbot: QtBot, window: MainWindow) -> None:
    pane = poetry_pane(window, "qiyan_jueju", "春天")
    generate(qtbot, pane, "grammar", 2)
    form = pane.selected_form()
    first, second = (check_poem(form, c.text).lines for c in pane.candidates)
    pane.set_line_checked(0, 0)
    pane.set_line_checked(0, 1)
    pane.set_line_checked(1, 2)
    pane.select_candidate(1)
    item = pane.lines_table.item(3, LineTable.USE)  # tick the last line with the keyboard
    pane.lines_table.setFocus()
    pane.lines_table.setCurrentItem(item)
    qtbot.keyClick(pane.lines_table, Qt.Key.Key_Space)
    assert item.checkState() == Qt.CheckState.Checked
    assert pane.candidates_table.item(0, CandidateTable.PICKED).text() == "2"
    assert pane.candidates_table.item(1, CandidateTable.PICKED).text() == "2"
    assert pane.combine_button.isEnabled()
    qtbot.mouseClick(pane.combine_button, Qt.MouseButton.LeftButton)
    expected = [first[0].text, first[1].text, second[2].text, second[3].text]
    assert pane.poem.toPlainText().split("\n") == expected
    assert check_poem(form, pane.poem.toPlainText()).line_count_ok
    cid = pane.conversation_id
    assert cid is not None and window.store.thread(cid)[-1].content == "\n".join(expected)
    # The ticks are saved with the candidates and come back when the poem is reopened.
    stored = PoemStore(window.store).get(cid)
    assert stored is not None and [c.ticked for c in stored.candidates] == [(0, 1), (2, 3)]
    pane.new_conversation()
    assert pane.chosen_lines() == []
    pane.open_conversation(cid)
    assert [(line, rank) for line, rank, _ in pane.chosen_lines()] == [(0, 0), (1, 0), (2, 1), (3, 1)]
    assert pane.candidates_table.item(0, CandidateTable.PICKED).text() == "2"
    pane.set_line_checked(1, 3, False)  # unticking is saved too
    stored = PoemStore(window.store).get(cid)
    assert stored is not None and [c.ticked for c in stored.candidates] == [(0, 1), (2,)]


def test_grammar_and_beam_search_candidates_keep_the_structure(qtbot: QtBot, window: MainWindow) -> None:
    pane = poetry_pane(window, "wuyan_jueju", "山")
    pane.decoding.beam_width_spin.setValue(3)
    assert pane.decoding.set_mode("beam")
    assert not pane.decoding.count_spin.isEnabled() and pane.decoding.length_penalty_spin.isEnabled()
    final = generate(qtbot, pane, "beam")
    assert 1 <= len(pane.candidates) <= 3 and len(final.candidates) == len(pane.candidates)
    for c in pane.candidates:
        assert c.decoder == "beam" and c.beam_score is not None
        result = check_poem(pane.selected_form(), c.text)
        assert result.line_count_ok and all(line.ok for line in result.lines), c.text
    cid = pane.conversation_id
    assert cid is not None
    poem = PoemStore(window.store).get(cid)
    assert poem is not None and poem.decoding["beam_width"] == 3 and poem.decoding["mode"] == "beam"


def test_decoding_choices_are_greyed_out_with_the_reason(qtbot: QtBot, window: MainWindow) -> None:
    pane = poetry_pane(window, "wuyan_jueju", "")
    decoding = pane.decoding
    model = decoding.mode_box.model()
    assert decoding.set_mode("beam")
    pane.set_capabilities(Capabilities(logprobs=True, reasons=CAPABILITY_REASONS))  # like a provider
    assert decoding.mode() == "sampling"
    assert not model.item(1).isEnabled() and not model.item(2).isEnabled()  # type: ignore[attr-defined]
    grammar_why, beam_why = dict(CAPABILITY_REASONS)["grammar"], dict(CAPABILITY_REASONS)["beam_search"]
    assert model.item(1).toolTip() == grammar_why and model.item(2).toolTip() == beam_why  # type: ignore[attr-defined]
    assert not decoding.reason_label.isHidden()
    assert grammar_why in decoding.reason_label.text() and beam_why in decoding.reason_label.text()
    assert not decoding.set_mode("grammar")
    pane.set_capabilities(Capabilities())  # no reasons given: our own words
    assert "cannot constrain output with a grammar" in decoding.reason_label.text()
    pane.set_capabilities(window.hub.active.capabilities)  # the local engine again
    assert model.item(1).isEnabled() and model.item(2).isEnabled() and decoding.reason_label.isHidden()  # type: ignore[attr-defined]
    pane.set_form("free_verse")  # nothing for a grammar to keep
    assert not model.item(1).isEnabled() and "no fixed structure" in decoding.reason_label.text()  # type: ignore[attr-defined]


def test_stop_ends_the_run_and_keeps_what_the_writer_typed(qtbot: QtBot, window: MainWindow) -> None:
    pane = poetry_pane(window, "sonnet", "the sea at night")
    pane.note.setText("in plain words")
    pane.params = GenerationParams(temperature=0.9, max_tokens=400, seed=3)
    pane.decoding.set_mode("sampling")
    pane.decoding.count_spin.setValue(6)
    for how in ("button", "esc"):
        with qtbot.waitSignal(pane.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
            pane.generate()
            qtbot.waitUntil(lambda: len(pane.controller.text) > 20, timeout=REPLY_TIMEOUT_MS)
            seen = pane.controller.text
            if how == "button":
                qtbot.mouseClick(pane.generate_button, Qt.MouseButton.LeftButton)
            else:
                pane.topic.setFocus()
                qtbot.keyClick(pane.topic, Qt.Key.Key_Escape)
        final = blocker.args[0]
        assert isinstance(final, Done) and final.reason == "cancelled"
        assert len(pane.candidates) < 6 and pane.generate_button.text() == "&Generate"
        assert pane.form_box.isEnabled() and "Stopped" in pane.status.text()
        assert pane.topic.text() == "the sea at night" and pane.note.text() == "in plain words"
        assert pane.conversation_id is not None
        assert window.store.thread(pane.conversation_id)[0].role == "user"
        # Not a word lost: the poem being written when Stop came is kept, marked, and stored.
        cut = [c for c in pane.candidates if c.is_partial]
        assert len(cut) == 1 and cut[0].reason == "cancelled" and cut[0].text.startswith(seen)
        row = pane.candidates.index(cut[0])
        assert pane.candidates_table.item(row, CandidateTable.POEM).text().startswith("[stopped]")
        assert "marked as stopped" in pane.status.text()
        stored = PoemStore(window.store).get(pane.conversation_id)
        assert stored is not None and [c.text for c in stored.candidates if c.is_partial] == [cut[0].text]
    assert not pane.is_generating()


def test_engine_crash_keeps_the_poem_being_written(qtbot: QtBot, window: MainWindow) -> None:
    pane = poetry_pane(window, "sonnet", "a lighthouse")
    pane.params = GenerationParams(temperature=0.9, max_tokens=400, seed=5)
    pane.decoding.set_mode("sampling")
    pane.decoding.count_spin.setValue(3)
    with qtbot.waitSignal(pane.controller.finished, timeout=REPLY_TIMEOUT_MS) as blocker:
        pane.generate()
        qtbot.waitUntil(lambda: len(pane.controller.text) > 30, timeout=REPLY_TIMEOUT_MS)
        seen = pane.controller.text
        restarted, _pid = kill_engine_host(qtbot, window)
    final = blocker.args[0]
    assert isinstance(final, Failed) and final.kind == "crashed"
    restarted.wait()
    cut = [c for c in pane.candidates if c.is_partial]
    assert len(cut) == 1 and cut[0].reason == "failed" and cut[0].text.startswith(seen)
    assert "cut short is marked" in pane.status.text()
    row = pane.candidates.index(cut[0])
    assert pane.candidates_table.item(row, CandidateTable.POEM).text().startswith("[cut short]")
    assert pane.conversation_id is not None
    stored = PoemStore(window.store).get(pane.conversation_id)
    assert stored is not None and [c.text for c in stored.candidates if c.is_partial] == [cut[0].text]
    assert not pane.is_generating() and pane.generate_button.text() == "&Generate"


def test_controls_have_accessible_names_and_are_reachable(qtbot: QtBot, window: MainWindow) -> None:
    pane = poetry_pane(window, "haiku", "")
    controls = [
        pane.form_box,
        pane.topic,
        pane.note,
        pane.generate_button,
        pane.decoding.mode_box,
        pane.decoding.count_spin,
        pane.candidates_table,
        pane.lines_table,
        pane.poem,
        pane.poem_lines,
    ]
    others = [pane.use_button, pane.combine_button, pane.status, pane.decoding.beam_width_spin]
    for widget in [*controls, *others]:
        assert widget.accessibleName(), widget
    kinds = (QAbstractButton, QComboBox, QAbstractSpinBox, QLineEdit, QPlainTextEdit, QTableWidget)
    for widget in pane.findChildren(QWidget):
        # Qt's own parts: a spin box's line edit, a table's corner button
        inner = isinstance(widget.parentWidget(), QAbstractSpinBox) or widget.objectName().startswith("qt_")
        if isinstance(widget, kinds) and widget.isVisibleTo(pane) and not inner:
            assert widget.accessibleName(), widget
    pane.topic.setFocus()
    reached = []
    for _ in range(40):
        reached.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    for widget in controls:
        hit = any(w is widget or (w is not None and widget.isAncestorOf(w)) for w in reached)
        assert hit, widget.accessibleName()


def test_user_forms_load_and_broken_ones_are_reported(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "triplet.json").write_text(
        json.dumps({"id": "triplet", "name": "Triplet", "language": "en", "lines": 3, "rhyme": "AAA"}),
        encoding="utf-8",
    )
    (folder / "broken.json").write_text('{"id": "broken", "name": "B", "language": "xx"}', encoding="utf-8")
    pane = PoetryPane(window.hub, window.store, forms_dir=folder)
    qtbot.addWidget(pane)
    with qtbot.waitSignal(pane.notice, timeout=60_000) as blocker:
        pass
    assert "broken.json" in str(blocker.args[0]) and "language" in str(blocker.args[0])
    assert "broken.json" in pane.status.text()
    pane.set_form("triplet")
    assert pane.selected_form().name == "Triplet" and pane.form_box.currentText() == "Triplet"
    assert pane.form_box.findData("wuyan_jueju") >= 0 and pane.form_box.findData("broken") < 0


def test_scores_show_one_decimal_so_ranked_candidates_never_look_tied() -> None:
    assert percent(0.9834) == "98.3 %" and percent(0.9751) == "97.5 %"
    assert percent(0.99996) == "99.9 %"  # not "100 %": only a full match shows that
    assert percent(1.0) == "100 %" and percent(0.0) == "0.0 %"
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German))
    try:
        assert percent(0.9834) == "98,3 %"  # the writer's decimal mark
    finally:
        QLocale.setDefault(previous)
