"""Work that can take longer than a frame (import, export) runs on a worker thread.

The work is a plain function that opens its own project connection (a connection belongs to the
thread that opened it), reports progress through a callback that also says whether to go on, and
returns plain data. Workers never touch widgets: a `Job` lives on the UI thread and re-emits what
its worker reports, so everything connected to a job runs on the UI thread.
"""

import os
import sqlite3
import traceback
from collections.abc import Callable
from threading import Event

from PySide6.QtCore import QEvent, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from factcheck.core.errors import FactcheckError
from factcheck.store.project import describe

Progress = Callable[[int, int], bool]
Work = Callable[[Progress], object]


class _Worker(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, work: Work, cancel: Event) -> None:
        super().__init__()
        self._work: Work | None = work
        self._cancel = cancel

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._cancel.is_set()

    @Slot()
    def run(self) -> None:
        work, self._work = self._work, None  # hold the work (and what it captured) no longer than it runs
        try:
            result = work(self._progress)
        except FactcheckError as error:
            self.failed.emit(str(error))
        except sqlite3.Error as error:
            self.failed.emit(describe(error))
        except OSError as error:
            self.failed.emit(f"{error.filename or ''}: {error.strerror}".lstrip(": "))
        except Exception as error:
            if os.environ.get("FACTCHECK_DEBUG"):
                traceback.print_exc()
            self.failed.emit(f"unexpected error ({type(error).__name__}: {error}); please report it")
        else:
            self.succeeded.emit(result)
        finally:
            self.finished.emit()


class Job(QObject):
    """Runs `work` on its own thread; its signals arrive on the thread that created the job."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, work: Work) -> None:
        super().__init__()
        self._cancel = Event()
        self._done = False
        self._thread = QThread()
        self._thread.setObjectName("factcheck-job")
        self._worker = _Worker(work, self._cancel)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        # Bound slots of this object (which lives on the UI thread): queued across threads.
        self._worker.progressed.connect(self._progressed)
        self._worker.succeeded.connect(self._succeeded)
        self._worker.failed.connect(self._failed)
        self._worker.finished.connect(self._finished)
        # The thread ends itself (quit() is thread-safe), so wait() never depends on the UI
        # thread's event loop, which may be the one waiting.
        self._worker.finished.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self) -> None:
        if not self._done:
            self._thread.wait()

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)

    @Slot(object)
    def _succeeded(self, result: object) -> None:
        self.succeeded.emit(result)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self.failed.emit(message)

    @Slot()
    def _finished(self) -> None:
        self._thread.wait()
        self._done = True
        self.finished.emit()
        # Let Qt delete the thread and the worker, and with them every connection to this job:
        # a finished job must not keep what its slots captured (an article, say) alive.
        self._worker.deleteLater()
        self._thread.deleteLater()
        self.disconnect(self)


class AfterFirstPaint(QObject):
    """Calls `then` once `window` has painted its first frame (the next time the event loop is
    idle after the window's first paint event): for work that the first frame does not show."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False
