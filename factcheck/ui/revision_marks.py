"""Where a revised rewrite shows what changed: the words each changed sentence gained (filled in
the pane), the places where it lost words with nothing in their stead (a wedge under the line),
and its status for the gutter's bar. Worked out once per sentence, when it is first painted."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.core.article import Sentence
from factcheck.core.review import Span
from factcheck.core.revisions import DiffOp, DiffPiece, RevisionStatus
from factcheck.store.session import OpenArticle


@dataclass(frozen=True, slots=True)
class RevisionMarks:
    status: RevisionStatus
    inserted: tuple[Span, ...] = ()
    """Words the sentence gained, as offsets into the rewrite's text (without the spaces around)."""
    deletions: tuple[int, ...] = ()
    """Offsets where words were deleted and nothing was put in their place."""


def marks_of(pieces: tuple[DiffPiece, ...], start: int, status: RevisionStatus) -> RevisionMarks:
    """The marks of a sentence starting at `start` from its word diff against its previous text."""
    inserted: list[Span] = []
    deletions: list[int] = []
    at = start
    for i, piece in enumerate(pieces):
        if piece.op is DiffOp.DELETE:
            replaced = i + 1 < len(pieces) and pieces[i + 1].op is DiffOp.INSERT
            if not replaced and piece.text.strip():
                deletions.append(at)
            continue
        end = at + len(piece.text)
        if piece.op is DiffOp.INSERT:
            lead = len(piece.text) - len(piece.text.lstrip())
            trail = len(piece.text) - len(piece.text.rstrip())
            if at + lead < end - trail:
                inserted.append((at + lead, end - trail))
        at = end
    return RevisionMarks(status, tuple(inserted), tuple(deletions))


class RevisionMarker:
    """The marks of each sentence of an open revised rewrite, by sentence, made on first use."""

    def __init__(self, article: OpenArticle) -> None:
        self.article = article
        self._marks: dict[str, RevisionMarks | None] = {}

    def __call__(self, sentence: Sentence) -> RevisionMarks | None:
        if sentence.id not in self._marks:
            status = self.article.revision_status(sentence)
            self._marks[sentence.id] = (
                None if status is None else marks_of(self.article.word_diff(sentence), sentence.start, status)
            )
        return self._marks[sentence.id]
