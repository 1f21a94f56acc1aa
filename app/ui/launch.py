"""Start the window, or explain why it cannot start."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

NO_DISPLAY_MESSAGE = (
    "penwright: no display found (DISPLAY and WAYLAND_DISPLAY are not set), so the window "
    "cannot open.\n"
    "Use the command line instead, for example:\n"
    '  .venv/bin/penwright ask "What is a haiku?"\n'
    "  .venv/bin/penwright models\n"
    "or run the window under a virtual display: xvfb-run make run"
)


def has_display() -> bool:
    """Whether Qt can open a window here (a display server or an explicit QPA platform)."""
    if sys.platform in ("win32", "darwin"):
        return True
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def launch(argv: list[str]) -> int:
    """Run the GUI event loop; returns the exit code."""
    if not has_display():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication

    from app import APP_NAME
    from app.ui.main_window import MainWindow

    app = QApplication([sys.argv[0], *argv])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("io.penwright.Penwright")  # matches packaging/penwright.desktop
    app.setWindowIcon(_window_icon())
    _install_translator(app)
    # The frame shows first; the runtime, history, engine and Chat pane are built after its
    # first paint, then the model loads (MainWindow.open).
    window = MainWindow.open(_start_runtime)
    window.start_failed.connect(lambda _message: app.exit(1))
    _close_on_signals(window)
    code = app.exec()
    window.shutdown()
    return int(code)


def _close_on_signals(window: Any) -> None:
    """SIGTERM (a logout, ``kill``) and SIGINT (Ctrl+C in the terminal) close the window as
    its close button does: replies settle, drafts and the window layout are saved, the
    engine host stops; no "leaked semaphore" warnings, exit status 0.

    Python runs signal handlers only between bytecodes, and Qt's event loop is C++: a
    short timer gives the interpreter a turn (the usual PySide recipe)."""
    import signal

    from PySide6.QtCore import QTimer

    def close(_signum: int, _frame: object) -> None:
        QTimer.singleShot(0, window.close)

    for name in ("SIGTERM", "SIGINT"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, close)
    ticker = QTimer(window)
    ticker.setInterval(200)
    ticker.timeout.connect(lambda: None)
    ticker.start()


def _window_icon() -> Any:
    """The app icon from its rendered PNGs (``packaging/render_icons.py``): PNG needs no
    plug-in, an SVG window icon would load QtSvg into the window process (~1 MiB of peak
    RSS). The SVG is the fallback."""
    from PySide6.QtGui import QIcon

    folder = Path(__file__).resolve().parents[2] / "assets" / "icons"
    icon = QIcon()
    for png in sorted(folder.glob("penwright-*.png")):
        icon.addFile(str(png))
    if icon.isNull() and (folder / "penwright.svg").is_file():
        icon.addFile(str(folder / "penwright.svg"))
    return icon


def _install_translator(app: Any) -> None:
    """Load ``assets/translations/penwright_<locale>.qm`` for the system locale, if present."""
    from PySide6.QtCore import QLocale, QTranslator

    folder = Path(__file__).resolve().parents[2] / "assets" / "translations"
    translator = QTranslator(app)
    if translator.load(QLocale.system(), "penwright", "_", str(folder)):
        app.installTranslator(translator)


def _start_runtime() -> Any:
    """``Runtime.start``, imported when the frame has been painted (it is not light)."""
    from app.runtime import Runtime

    return Runtime.start()
