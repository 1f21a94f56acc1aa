"""Drive the real window in a separate process (for kill tests and screenshots).

Usage: ``python -m tests.helpers.gui_driver MODE`` with PENWRIGHT_HOME set.

Modes:
    stream: send three short messages, then start a long reply; print ``STREAMING`` once
        the partial reply has been saved with some text, and keep streaming until killed (C14).
    screenshots: fill every pane with real content and save one PNG per pane into
        ``$PENWRIGHT_SCREENSHOTS``; print ``DONE``.
    story: write a story (autosaved), change it, restore the first version (``RESTORED``),
        then Continue at length; print ``STREAMING`` once the partial reply and the
        document with part of the continuation have been saved, and keep writing until
        killed (C14 for documents).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.core.types import GenerationParams
from app.runtime import Runtime
from app.ui.main_window import MainWindow
from tests.helpers.prompts import LONG_PROMPT

SHORT = GenerationParams(temperature=0.0, max_tokens=12, seed=1)
LONG = GenerationParams(temperature=0.0, max_tokens=3000, seed=5, repeat_penalty=1.0)


def say(text: str) -> None:
    print(text, flush=True)


class Script:
    """Runs steps one after another; a step calls ``next_step`` when it is done."""

    def __init__(self, steps: list[Callable[[], None]]) -> None:
        self.steps = steps

    def next_step(self) -> None:
        if self.steps:
            QTimer.singleShot(0, self.steps.pop(0))


def stream_mode(window: MainWindow) -> Script:
    chat = window.chat
    script = Script([])

    def send(text: str, params: GenerationParams) -> Callable[[], None]:
        def step() -> None:
            chat.params = params
            chat.input.setPlainText(text)
            chat.send()

        return step

    def report_streaming() -> None:
        # the partial reply's row holds text: a kill from now on must keep some (C14), with
        # no guess at how long the first save takes
        message_id = chat.controller.message_id
        stored = window.store.get_message(message_id) if message_id is not None else None
        if stored is not None and stored.is_partial and stored.content:
            say("STREAMING")
        else:
            QTimer.singleShot(100, report_streaming)

    exchanges = 1 if os.environ.get("PENWRIGHT_DRIVER_EXCHANGES") == "1" else 3
    for n in range(exchanges):
        script.steps.append(send(f"Short question number {n + 1}: say hi.", SHORT))
    long_reply = send(LONG_PROMPT, LONG)

    def long_step() -> None:
        long_reply()
        QTimer.singleShot(100, report_streaming)

    script.steps.append(long_step)
    chat.controller.finished.connect(lambda _final: script.next_step())
    return script


#: The story of :func:`story_mode` (SmolLM2 counts on from it for a long time).
STORY_TEXT = "Chapter one. 灯塔 🌊\nThe keeper counted the waves all night: 1, 2, 3,"
STORY_EDIT = " Then the storm came."
STORY_MEMORY = "Mara keeps the lighthouse."


def story_mode(window: MainWindow) -> Script:
    story = window.story
    script = Script([])

    def when(ready: Callable[[], bool], then: Callable[[], None]) -> None:
        if ready():
            then()
        else:
            QTimer.singleShot(100, lambda: when(ready, then))

    def write() -> None:
        window.show_pane(1)
        story.aids.memory.setPlainText(STORY_MEMORY)
        story.editor.insertPlainText(STORY_TEXT)  # saved by the autosave timer, no button
        when(
            lambda: (
                story.conversation_id is not None
                and window.store.get_draft(story.conversation_id) == STORY_TEXT
            ),
            script.next_step,
        )

    def change_and_restore() -> None:
        story.editor.moveCursor(story.editor.textCursor().MoveOperation.End)
        story.editor.insertPlainText(STORY_EDIT)
        story.save_draft()
        first = story.documents.versions(story.conversation_id or -1)[-1]
        assert story.restore_version(first.id) and story.editor.toPlainText() == STORY_TEXT
        say("RESTORED")
        script.next_step()

    def write_at_length() -> None:
        story.editor.moveCursor(story.editor.textCursor().MoveOperation.End)
        story.params = GenerationParams(temperature=0.0, max_tokens=3000, seed=5, repeat_penalty=1.0)
        story.continue_story()
        cid = story.conversation_id or -1
        when(
            lambda: (
                bool(story.controller.text)
                and story.controller.message_id is not None
                and len(window.store.get_draft(cid) or "") > len(STORY_TEXT)
            ),
            lambda: say("STREAMING"),
        )

    script.steps += [write, change_and_restore, write_at_length]
    story.controller.finished.connect(lambda _final: say("FINISHED"))
    return script


def screenshots_mode(window: MainWindow, app: QApplication) -> Script:
    out = Path(os.environ["PENWRIGHT_SCREENSHOTS"])
    out.mkdir(parents=True, exist_ok=True)
    script = Script([])

    def shot(name: str, index: int) -> Callable[[], None]:
        def step() -> None:
            window.show_pane(index)
            app.processEvents()
            QTimer.singleShot(150, lambda: (window.grab().save(str(out / f"{name}.png")), script.next_step()))

        return step

    def chat() -> None:
        window.chat.params = GenerationParams(temperature=0.0, max_tokens=40, seed=1)
        window.chat.input.setPlainText("你好！Please repeat: 🍎🚀 你好，世界")
        window.chat.send()

    def story() -> None:
        window.show_pane(1)
        editor = window.story.editor
        aids = window.story.aids
        aids.memory.setPlainText("Mara keeps the lighthouse on Skerry Island. She is alone.")
        aids.note.setPlainText("[Style: quiet, melancholic]")
        aids.add_entry("letter, sand", "The letter is from her brother, lost at sea in 1952.")
        aids.add_entry("storm", "Storms come from the north-west.")
        window.story.title_edit.setText("The Keeper 灯塔")
        window.story.probabilities_button.setChecked(True)
        editor.setPlainText("The lighthouse keeper found a letter in the sand. 灯塔守护者")
        cursor = editor.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        editor.setTextCursor(cursor)
        window.story.params = GenerationParams(temperature=0.0, max_tokens=40, seed=1)
        window.story.continue_story()

    def poetry() -> None:
        window.show_pane(2)
        window.poetry.set_form("wuyan_jueju")
        window.poetry.topic.setText("月亮")
        window.poetry.params = GenerationParams(temperature=0.8, max_tokens=48, seed=1)
        window.poetry.generate()

    def qa() -> None:
        window.show_pane(3)
        window.qa.question.setPlainText("What is the boiling point of water at sea level?")
        window.qa.params = GenerationParams(temperature=0.0, max_tokens=48, seed=1)
        window.qa.ask()

    def models() -> None:
        window.show_pane(5)
        wait_for_metadata()

    def providers() -> None:
        from app.storage.providers import Provider

        window.providers.save(
            Provider.new(
                "Ollama on the desk", "compatible", model="llama3.2", base_url="http://127.0.0.1:11434/v1"
            )
        )
        window.providers.save(
            Provider.new("Azure (work)", "azure", endpoint="https://contoso.openai.azure.com",
                         deployment="gpt-4o", api_version="2024-10-21")
        )  # fmt: skip
        window._fill_models()
        dialog = window.show_providers()
        dialog.list.setCurrentRow(0)

        def grab() -> None:
            dialog.grab().save(str(out / "7-providers.png"))
            dialog.close()
            script.next_step()

        QTimer.singleShot(400, grab)

    def wait_for_metadata() -> None:
        if window.models.summaries and not window.models._reading:
            script.next_step()
        else:
            QTimer.singleShot(100, wait_for_metadata)

    def story_counted() -> None:  # the token budget beside the story is counted once it is written
        if window.story.aids.budget["memory"].text() in ("…", "—"):
            QTimer.singleShot(100, story_counted)
        else:
            script.next_step()

    script.steps += [
        chat,
        shot("1-chat", 0),
        story,
        story_counted,
        shot("2-story", 1),
        poetry,
        shot("3-poetry", 2),
        qa,
        shot("4-qa", 3),
        shot("5-history", 4),
        models,
        shot("6-models", 5),
        providers,
        lambda: (say("DONE"), app.quit()),
    ]
    for pane in (window.chat, window.story, window.poetry, window.qa):
        pane.controller.finished.connect(lambda _final: script.next_step())
    return script


def audit_network(log_path: str) -> None:
    """Record every socket connection this process attempts that is not local (loopback
    or a Unix socket): Penwright must make none unless a remote provider is used."""

    def hook(event: str, args: tuple[object, ...]) -> None:
        if event != "socket.connect":
            return
        address = args[1]
        host = address[0] if isinstance(address, tuple) else ""
        if host and not (str(host).startswith("127.") or host in ("::1", "localhost")):
            with open(log_path, "a", encoding="utf-8") as fh:
                fh.write(f"{address}\n")

    sys.addaudithook(hook)


def run_window(make_script: Callable[[QApplication, MainWindow], Script]) -> int:
    """Open the real window (never the user's keychain: keyring's "no keychain" backend,
    even in this child process), make its script with ``make_script(app, window)``, start
    it, print ``LOADED`` and run the script's next step each time a model has loaded; quit
    after 240 s at the latest (never outlive a broken test). Returns the exit code."""
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    app = QApplication(sys.argv[:1])
    window = MainWindow(Runtime.start())
    window.show()
    script = make_script(app, window)

    def loaded(_info: object) -> None:
        say("LOADED")
        script.next_step()

    window.hub.model_loaded.connect(loaded)
    window.start()
    QTimer.singleShot(240_000, app.quit)
    code = app.exec()
    window.shutdown()
    return int(code)


def main() -> int:
    mode = sys.argv[1]
    if os.environ.get("PENWRIGHT_NET_AUDIT"):
        audit_network(os.environ["PENWRIGHT_NET_AUDIT"])
    modes: dict[str, Callable[[QApplication, MainWindow], Script]] = {
        "stream": lambda _app, window: stream_mode(window),
        "story": lambda _app, window: story_mode(window),
    }
    return run_window(modes.get(mode, lambda app, window: screenshots_mode(window, app)))


if __name__ == "__main__":
    sys.exit(main())
