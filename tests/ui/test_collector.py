"""Cycles are collected on the UI thread only, never on a worker where Qt objects must not die."""

import gc
import threading

from factcheck.ui.app import application


def test_cycles_made_on_a_worker_are_collected_on_the_ui_thread(qtbot) -> None:
    application()
    assert not gc.isenabled()
    freed_on: list[bool] = []

    class Cycle:
        def __init__(self) -> None:
            self.me = self

        def __del__(self) -> None:
            freed_on.append(threading.current_thread() is threading.main_thread())

    def worker() -> None:
        for _ in range(20 * gc.get_threshold()[0]):  # far past the point CPython would collect
            Cycle()

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert freed_on == []
    qtbot.waitUntil(lambda: len(freed_on) > 0, timeout=5_000)
    assert all(freed_on)


def test_an_article_and_its_hints_are_left_alone_until_another_opens(window, qtbot) -> None:
    """Once the assistant has spoken, what the open article keeps is out of the collector's way
    (collections then walk only what marking makes); opening another article hands it back."""
    review = window.review
    qtbot.waitUntil(lambda: review.hints() is not None, timeout=20_000)
    assert gc.get_freeze_count() > 0
    other = next(s for s in window.session.articles() if s.source_id and s.id != review.article.rewrite.id)
    with qtbot.waitSignal(review.assessed, timeout=20_000):
        window.open_article(other.id)
        assert gc.get_freeze_count() == 0, "handed back as the other article opens"
    assert gc.get_freeze_count() > 0
    assert review.article.rewrite.id == other.id
