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
import sys
import time

from PySide6.QtWidgets import QApplication

from app.ui.main_window import MainWindow
from tests.helpers.gui_driver import Script, run_window, say, stream_mode


def crash_script(_app: QApplication, window: MainWindow) -> Script:
    """The ``stream`` script, printing ``SHOWN`` lines as the Chat pane shows reply text."""
    script = stream_mode(window)
    controller = window.chat.controller

    def shown(text: str) -> None:  # connected after the view's own slot: the text is on screen
        say(f"SHOWN {time.monotonic():.6f} {controller.message_id} {json.dumps(text)}")

    controller.text_ready.connect(shown)
    return script


def main() -> int:
    return run_window(crash_script)


if __name__ == "__main__":
    sys.exit(main())
