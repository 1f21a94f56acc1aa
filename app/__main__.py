"""``python -m app`` / ``penwright``: the window by default, CLI subcommands otherwise."""

from __future__ import annotations

import os
import sys


def _utf8_under_the_c_locale() -> None:
    """C24: under the C/POSIX locale with Python's UTF-8 mode off (``PYTHONUTF8=0``, or an
    interpreter that does not turn it on), start again in UTF-8 mode, as Python 3.7+ does by
    itself for that locale (PEP 540). Otherwise the command line, file names and terminal
    text would be ASCII: a Chinese question reaches the model as surrogates, a folder named
    in Chinese cannot be handed to llama.cpp. The engine host inherits ``PYTHONUTF8=1``.
    POSIX only, and not in a frozen bundle (its own start-up decides)."""
    if os.name != "posix" or sys.flags.utf8_mode or getattr(sys, "frozen", False) or not sys.executable:
        return
    import codecs
    import locale

    try:
        encoding = codecs.lookup(locale.getpreferredencoding(False)).name
    except LookupError:
        encoding = "ascii"
    if encoding != "ascii":
        return  # a real locale (UTF-8, Latin-1, ...): its encoding is the terminal's
    argv = list(getattr(sys, "orig_argv", ()) or [sys.executable, *sys.argv])
    os.execve(sys.executable, argv, dict(os.environ, PYTHONUTF8="1"))


def main() -> int:
    if getattr(sys, "frozen", False):  # the packaged app re-enters here for the engine host
        import multiprocessing  # only then: it is not light, and the window starts without it

        multiprocessing.freeze_support()
    _utf8_under_the_c_locale()
    argv = sys.argv[1:]
    if (argv and not argv[0].startswith("-")) or any(a in ("-h", "--help") for a in argv):
        from app.cli import main as cli_main

        return cli_main(argv)
    from app.ui.launch import launch

    return launch(argv)


if __name__ == "__main__":
    sys.exit(main())
