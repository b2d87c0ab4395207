"""The real window, offscreen, marking with key presses until it is killed. It says
`saved SENTENCE_ID LABEL` on stdout each time the window reports a decision as saved (its
`decisionSaved` signal: emitted once the event is committed and shown), and `error MESSAGE` for
anything the window would show in an error dialog.

    python window.py DB REVIEWER [--seed S] [--switch-every K]

It starts as `factcheck --db DB --reviewer REVIEWER` does, then presses 1, 2 or 3 for a label
other than the current sentence's (marking moves on by itself), and after every K marks opens
another rewrite, which starts the assistant on a worker with a connection of its own.
"""

import argparse
import os
import random
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from factcheck.core.labels import Verdict
from factcheck.store.project import open_project
from factcheck.store.session import ReviewSession
from factcheck.ui.app import application, settings
from factcheck.ui.main_window import MainWindow

KEYS = {
    Verdict.SUPPORTED: Qt.Key.Key_1,
    Verdict.CONTRADICTED: Qt.Key.Key_2,
    Verdict.UNVERIFIABLE: Qt.Key.Key_3,
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("reviewer")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--switch-every", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    app = application()
    session = ReviewSession(open_project(args.db), args.reviewer)
    window = MainWindow(session, settings())
    window.show()
    window.activateWindow()
    window.reload_articles()
    rewrites = [s.id for s in session.articles() if s.source_id is not None]
    marks = 0

    def saved(sentence_id: str) -> None:
        article = window.review.article
        sentence = next(s for s in article.rewrite.sentences if s.id == sentence_id)
        print(f"saved {sentence_id} {article.state(sentence).label}", flush=True)

    def step() -> None:
        nonlocal marks
        article = window.review.article
        if marks and marks % args.switch_every == 0:
            window.open_article(rng.choice([r for r in rewrites if r != article.rewrite.id]))
            article = window.review.article
        sentence = article.rewrite.sentences[window.rewrite_view.current]
        label = rng.choice([v for v in Verdict if v is not article.state(sentence).label])
        QTest.keyClick(window.focusWidget() or window, KEYS[label])
        marks += 1
        QTimer.singleShot(0, step)

    window.review.decisionSaved.connect(saved)
    window.errorShown.connect(lambda message: print(f"error {message}", flush=True))
    QTimer.singleShot(0, step)
    sys.exit(app.exec())


if __name__ == "__main__":
    main()
