"""Child of bench_startup: Penwright's real entry point, reporting when the window is shown.

Runs ``app.__main__.main()`` (what ``python -m app`` runs: QApplication, Runtime.start(),
MainWindow, show(), start(), the event loop, shutdown) with one addition: the window's
``show`` is wrapped so that the first pass of the event loop after it prints
``SHOWN <unix time>``; the end of the window's second stage (runtime, history, engine hub,
Chat pane: ``MainWindow.ready``) prints ``BUILT <unix time>``, and the model's arrival
prints ``READY <unix time> <host pid>``.
Then the app quits through its normal path and the probe prints ``PEAK <bytes>``, the
window process's own peak RSS. Nothing in ``app/`` is changed.
"""

from __future__ import annotations

import sys
import time


def main() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    import app.__main__ as entry
    from app.ui.main_window import MainWindow

    original_show = MainWindow.show

    def show(window: MainWindow) -> None:
        original_show(window)

        def shown() -> None:
            print("SHOWN", time.time(), flush=True)

        def built() -> None:
            print("BUILT", time.time(), flush=True)
            if window.runtime.selected_model() is None:
                print("NOMODEL", flush=True)
                QTimer.singleShot(0, QApplication.quit)

        def ready(_info: object) -> None:
            print("READY", time.time(), window.hub.engine.host_pid or 0, flush=True)
            QTimer.singleShot(0, QApplication.quit)

        def failed(message: str) -> None:
            print("FAILED", message.replace("\n", " "), flush=True)
            QTimer.singleShot(0, QApplication.quit)

        def connect() -> None:  # the engine hub exists once the window is built
            window.hub.model_loaded.connect(ready)
            window.hub.load_failed.connect(failed)

        window.ready.connect(connect)
        window.ready.connect(built)
        QTimer.singleShot(0, shown)

    MainWindow.show = show  # type: ignore[method-assign,assignment]
    sys.argv = [sys.argv[0]]  # no arguments: the window, as `python -m app` starts it
    code = entry.main()
    from tests.benchmarks._peak import self_peak_rss  # after the timing, not before

    print("PEAK", self_peak_rss(), flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
