"""Undo and redo of decisions. Neither deletes anything: each appends a new event that sets the
changed aspects back (undo) or forward again (redo)."""

from collections.abc import Callable, Mapping

from PySide6.QtGui import QUndoCommand

from factcheck.core.review import Aspect, Via

Changes = Mapping[Aspect, object]
Apply = Callable[[str, Changes, Via], bool]
"""Records (sentence id, aspects and their values) through the window; False if it was not saved."""


class ChangeCommand(QUndoCommand):
    """One decision that has already been recorded when the command is pushed."""

    def __init__(self, apply: Apply, sentence_id: str, old: Changes, new: Changes, text: str) -> None:
        super().__init__(text)
        self._apply = apply
        self.sentence_id = sentence_id
        self.old = dict(old)
        self.new = dict(new)
        self._recorded = True

    def redo(self) -> None:
        if self._recorded:  # QUndoStack.push calls redo(): the decision is already saved
            self._recorded = False
            return
        if not self._apply(self.sentence_id, self.new, Via.REDO):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self._apply(self.sentence_id, self.old, Via.UNDO):
            self.setObsolete(True)
