"""Drive the real window in a separate process (for kill tests and screenshots).

Usage: ``python -m tests.helpers.gui_driver MODE`` with PENWRIGHT_HOME set.

Modes:
    stream: send three short messages, then start a long reply; print ``STREAMING`` once
        the partial reply has been saved, and keep streaming until killed (C14).
    screenshots: fill every pane with real content and save one PNG per pane into
        ``$PENWRIGHT_SCREENSHOTS``; print ``DONE``.
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
        if chat.controller.text and chat.controller.message_id is not None:
            say("STREAMING")
        else:
            QTimer.singleShot(100, report_streaming)

    exchanges = 1 if os.environ.get("PENWRIGHT_DRIVER_EXCHANGES") == "1" else 3
    for n in range(exchanges):
        script.steps.append(send(f"Short question number {n + 1}: say hi.", SHORT))
    long_reply = send(LONG_PROMPT, LONG)

    def long_step() -> None:
        long_reply()
        QTimer.singleShot(1200, report_streaming)  # after at least one partial save

    script.steps.append(long_step)
    chat.controller.finished.connect(lambda _final: script.next_step())
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
        window.poetry.params = GenerationParams(temperature=0.0, max_tokens=48, seed=1)
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

    script.steps += [
        chat,
        shot("1-chat", 0),
        story,
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


def main() -> int:
    mode = sys.argv[1]
    # never the user's keychain, even from this child process: keyring's "no keychain" backend
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    if os.environ.get("PENWRIGHT_NET_AUDIT"):
        audit_network(os.environ["PENWRIGHT_NET_AUDIT"])
    app = QApplication(sys.argv[:1])
    runtime = Runtime.start()
    window = MainWindow(runtime)
    window.show()
    script = stream_mode(window) if mode == "stream" else screenshots_mode(window, app)
    window.hub.model_loaded.connect(lambda _info: (say("LOADED"), script.next_step()))
    window.start()
    QTimer.singleShot(240_000, app.quit)  # never outlive a broken test
    code = app.exec()
    window.shutdown()
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
