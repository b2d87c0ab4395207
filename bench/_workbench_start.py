"""The child of the start-up benchmark: start a window, report when it first paints, and leave.

    python bench/_workbench_start.py bare TEXT_FILE
    python bench/_workbench_start.py factcheck --db PROJECT
    python bench/_workbench_start.py phases --db PROJECT

`bare` is the floor the goal names: a bare PySide6 window with a text view, showing the demo's
first rewrite in a QPlainTextEdit (so it too loads fonts and lays out and paints text).
`bare` and `factcheck` print one line, `first_paint frame_done` (two `time.time()` readings): the
moment the main window receives its first paint event, and the moment the event loop is next idle
after it, when the whole first frame (every child widget) has been painted. The parent subtracts
the wall-clock time it took just before starting this process. `factcheck` runs the real console
entry point (`factcheck.cli.main`), so everything `factcheck --db PROJECT` does before its first
frame counts.

The QApplication is made here, first, only so that an application-wide event filter can watch for
that paint; `factcheck.ui.app.application()` takes the existing instance and configures it as
usual, and a bare window makes the same object, so both cases do the same work for it.

`phases` does what `factcheck.ui.app.run` does, step by step, and prints a JSON list of
[step, seconds]: where the start-up time goes (one diagnostic run, not the measurement).
"""

import json
import os
import sys
import time
from collections.abc import Callable

_STARTED = time.time()

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class FirstPaint(QObject):
    """Notes the first paint event of a main window, then the end of that frame."""

    def __init__(self, done: Callable[[float, float], None]) -> None:
        super().__init__()
        self.painted: float | None = None
        self._done = done

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.painted is None and event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            self.painted = time.time()
            # A zero timer fires once the event loop is idle again: the frame is then complete.
            QTimer.singleShot(0, lambda: self._done(self.painted, time.time()))
        return False


def leave(painted: float, done: float) -> None:
    print(f"{painted:.6f} {done:.6f}", flush=True)
    # Leave without tearing down (or saving window settings): every run starts alike.
    os._exit(0)


def phases(args: list[str]) -> None:
    laps: list[list] = [["interpreter start", _STARTED]]

    def lap(step: str) -> None:
        laps.append([step, time.time()])

    lap("import PySide6.QtWidgets")
    app = QApplication(sys.argv[:1])
    lap("QApplication()")
    from factcheck.cli.main import build_parser, resolve_project, resolve_reviewer

    lap("import factcheck.cli")
    parsed = build_parser().parse_args(args)
    path, is_default = resolve_project(parsed.db)
    reviewer = resolve_reviewer(parsed.reviewer)
    from factcheck.ui import app as window_app

    lap("import factcheck.ui.app")
    window_app.application()
    lap("application(): name, icon, style sheet")
    project = window_app.open_project(path, seed_demo=is_default)
    session = window_app.ReviewSession(project, reviewer)
    lap("open the project")
    window = window_app.MainWindow(session, window_app.settings())
    lap("MainWindow()")
    window.show()
    window.activateWindow()
    window.assist_after_first_paint()
    lap("show()")
    window.reload_articles()
    lap("reload_articles(): open the first rewrite")

    def done(painted: float, frame_done: float) -> None:
        laps.append(["event loop to the first paint", painted])
        laps.append(["the rest of the first frame", frame_done])
        steps = [[step, at - laps[i][1]] for i, (step, at) in enumerate(laps[1:])]
        print(json.dumps([["interpreter start", _STARTED], *steps]), flush=True)
        os._exit(0)

    watcher = FirstPaint(done)
    app.installEventFilter(watcher)
    app.exec()


def main() -> None:
    case, args = sys.argv[1], sys.argv[2:]
    if case == "phases":
        phases(args)
        return
    app = QApplication(sys.argv[:1])
    watcher = FirstPaint(leave)
    app.installEventFilter(watcher)
    if case == "bare":
        from PySide6.QtWidgets import QPlainTextEdit

        window = QMainWindow()
        with open(args[0], encoding="utf-8") as text:
            window.setCentralWidget(QPlainTextEdit(text.read()))
        window.resize(1440, 880)
        window.show()
        sys.exit(app.exec())
    from factcheck.cli import main as factcheck

    sys.exit(factcheck(args))


if __name__ == "__main__":
    main()
