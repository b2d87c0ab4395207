"""The frozen bundle's entry point: the `factcheck` console script, unchanged.

One addition for checking a build (the packaging test, the start-up benchmark): when
$FACTCHECK_FIRST_PAINT names a file, the window's first paint writes the time since this program
began and the time of the paint (`time.time()`) to that file, and the program then leaves. Without
it nothing of Qt is loaded here, and every subcommand starts as fast as the console script.
"""

import os
import sys
import time

_STARTED = time.time()


def _leave_after_first_paint(report: str) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
                painted = time.time()
                with open(report, "w", encoding="utf-8") as file:
                    file.write(f"{painted - _STARTED:.6f} {painted:.6f}\n")
                QTimer.singleShot(0, lambda: os._exit(0))  # once this frame is done
            return False

    # factcheck's window takes this application as it finds it (ui/app.py's `application()`).
    app = QApplication(sys.argv[:1])
    watcher = FirstPaint(app)
    app.installEventFilter(watcher)


if __name__ == "__main__":
    if report := os.environ.get("FACTCHECK_FIRST_PAINT"):
        _leave_after_first_paint(report)
    from factcheck.cli import main

    sys.exit(main())
