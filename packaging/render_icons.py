"""Render ``assets/icons/penwright.svg`` to the PNG sizes the window icon uses.

    .venv/bin/python packaging/render_icons.py

The window sets its icon from these PNGs: Qt reads PNG without a plug-in, while an SVG
window icon loads the SVG icon engine and QtSvg into the window process (about 1 MiB of
its peak RSS, ``tests/benchmarks/bench_startup.py``). Desktop files and the .deb keep
the scalable SVG. Run it again after changing the SVG, and commit the PNGs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "assets" / "icons"
#: The sizes desktops ask a window icon for (freedesktop hicolor sizes up to 256 px).
SIZES = (16, 24, 32, 48, 64, 128, 256)


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "penwright.svg"))
    if not renderer.isValid():
        print("penwright.svg could not be read", file=sys.stderr)
        return 1
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        out = ICONS / f"penwright-{size}.png"
        if not image.save(str(out), "PNG"):
            print(f"could not write {out}", file=sys.stderr)
            return 1
        print(out.relative_to(ICONS.parents[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
