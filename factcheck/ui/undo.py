"""Undo and redo of decisions. Neither deletes anything: each appends a new event that sets the
changed aspect back (undo) or forward again (redo)."""

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from factcheck.core.review import Aspect, Via

Apply = Callable[[str, Aspect, object, Via], bool]
"""Records (sentence id, aspect, value) through the window; False if it could not be saved."""


class ChangeCommand(QUndoCommand):
    """One decision that has already been recorded when the command is pushed."""

    def __init__(
        self, apply: Apply, sentence_id: str, aspect: Aspect, old: object, new: object, text: str
    ) -> None:
        super().__init__(text)
        self._apply = apply
        self.sentence_id = sentence_id
        self.aspect = aspect
        self.old = old
        self.new = new
        self._recorded = True

    def redo(self) -> None:
        if self._recorded:  # QUndoStack.push calls redo(): the decision is already saved
            self._recorded = False
            return
        if not self._apply(self.sentence_id, self.aspect, self.new, Via.REDO):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self._apply(self.sentence_id, self.aspect, self.old, Via.UNDO):
            self.setObsolete(True)
