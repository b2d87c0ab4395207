"""Python's cycle collector, run on the UI thread only.

The collector runs on whichever thread happens to allocate when a generation fills up: often a
worker (the assistant allocates a lot). If the cycles it frees hold the last reference to a
window or a job, Qt then destroys widgets and threads from the worker, which crashes the app.
So automatic collection is off, and a timer on the UI thread collects the generations that are
due, with CPython's own thresholds, between events.
"""

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

_INTERVAL_MS = 200
"""How often the counts are checked: cheap, and far shorter than cycles take to pile up."""


class UiThreadCollector(QObject):
    def __init__(self, parent: QCoreApplication) -> None:
        super().__init__(parent)
        self.setObjectName("factcheck-collector")
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(_INTERVAL_MS)

    def collect(self) -> int:
        """Collect the oldest generation that is due, as CPython would have; how many objects
        were unreachable."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                return gc.collect(generation)
        return 0


def collect_on_the_ui_thread(app: QCoreApplication) -> UiThreadCollector:
    """The application's collector, installed on first use."""
    existing = app.findChild(UiThreadCollector, "factcheck-collector")
    return existing if isinstance(existing, UiThreadCollector) else UiThreadCollector(app)


def leave_alone_what_lives_now() -> None:
    """Move every object alive now out of the collector's way (`gc.freeze`). Called once an
    article and the assistant's hints on it are in: they live as long as the article is open,
    and collections then walk only what was made since. Without it the first collections after
    a large article arrives take 30 ms and more on the UI thread, in the middle of marking
    (`python bench/workbench.py --only mark`)."""
    gc.freeze()


def consider_everything_again() -> None:
    """Another article is opening: what was left alone may be garbage now (`gc.unfreeze`)."""
    gc.unfreeze()
