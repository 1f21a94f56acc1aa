"""``python -m app`` / ``penwright``: the window by default, CLI subcommands otherwise."""

from __future__ import annotations

import multiprocessing
import sys


def main() -> int:
    multiprocessing.freeze_support()  # the packaged app re-enters here for the engine host
    argv = sys.argv[1:]
    if (argv and not argv[0].startswith("-")) or any(a in ("-h", "--help") for a in argv):
        from app.cli import main as cli_main

        return cli_main(argv)
    from app.ui.launch import launch

    return launch(argv)


if __name__ == "__main__":
    sys.exit(main())
