"""The installed Qt binding is one Penwright can run on."""

from __future__ import annotations

import subprocess
import sys

BOOL_SIGNAL = """
from PySide6.QtCore import QCoreApplication, QObject, Signal
class Emitter(QObject):
    changed = Signal(bool)
app = QCoreApplication([])
emitter = Emitter()
emitter.changed.connect(lambda value: None)
for i in range(1000):
    emitter.changed.emit(i % 2 == 0)
print("ok")
"""


def test_emitting_bool_signals_does_not_corrupt_the_interpreter() -> None:
    """PySide6 6.12.0 decrefs the bool argument of every emitted Signal(bool); the process
    then aborts at exit with 'Fatal Python error: bool_dealloc'. Penwright's panes emit
    busy_changed(bool), so constraints.txt pins a release without the bug."""
    result = subprocess.run([sys.executable, "-c", BOOL_SIGNAL], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"
