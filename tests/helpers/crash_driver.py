"""Drive the real window for a kill mid-reply (C32), telling when each piece was shown.

Usage: ``python -m tests.helpers.crash_driver`` with PENWRIGHT_HOME set. It runs the
``stream`` mode of :mod:`tests.helpers.gui_driver` (a short exchange when
``PENWRIGHT_DRIVER_EXCHANGES=1``, then a long reply streamed until killed) and prints,
each time the Chat pane shows new text of a reply,
``SHOWN <time.monotonic()> <reply message id> <the text as JSON>``: the test compares what
was shown before the kill with what the history kept.
"""

from __future__ import annotations

import json
import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.runtime import Runtime
from app.ui.main_window import MainWindow
from tests.helpers.gui_driver import say, stream_mode


def main() -> int:
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"  # never the user's keychain
    app = QApplication(sys.argv[:1])
    window = MainWindow(Runtime.start())
    window.show()
    script = stream_mode(window)
    controller = window.chat.controller

    def shown(text: str) -> None:  # connected after the view's own slot: the text is on screen
        say(f"SHOWN {time.monotonic():.6f} {controller.message_id} {json.dumps(text)}")

    def loaded(_info: object) -> None:
        say("LOADED")
        script.next_step()

    controller.text_ready.connect(shown)
    window.hub.model_loaded.connect(loaded)
    window.start()
    QTimer.singleShot(240_000, app.quit)  # never outlive a broken test
    code = app.exec()
    window.shutdown()
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
