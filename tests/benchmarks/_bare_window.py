"""Child of bench_startup (the baseline): a bare PySide6 window, shown, then quit.

Prints ``SHOWN <unix time>`` on the first pass of the event loop after ``show()``, and
``PEAK <bytes>`` (its own peak RSS) as it exits.
"""

from __future__ import annotations

import sys
import time


def main() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1000, 700)
    window.show()

    def shown() -> None:
        print("SHOWN", time.time(), flush=True)
        app.quit()

    QTimer.singleShot(0, shown)
    code = int(app.exec())
    from tests.benchmarks._peak import self_peak_rss  # after the timing, not before

    print("PEAK", self_peak_rss(), flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
