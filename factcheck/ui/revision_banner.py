"""The verdict panel's line about a revised rewrite's current sentence: changed since the previous
version (with its word diff: deleted words struck, new words marked), carried from it (with the
verdicts that came along), or new; the verdicts it had there; and for every correction made on
it there, whether the revision now contains it."""

from __future__ import annotations

import re
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from factcheck.core.review import VerdictState
from factcheck.core.revisions import CorrectionCheck, DiffOp, DiffPiece, RevisionStatus
from factcheck.ui import palette
from factcheck.ui.problem_box import quoted, words_of


class RevisionBanner(QLabel):
    """Two lines at most on a small screen: the change with a few words of context around it,
    then the verdicts and corrections it had; the whole sentence's diff and every detail are in
    its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("revisionBanner")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.hide()

    def show_revision(
        self,
        status: RevisionStatus,
        previous_version: int,
        version: int,
        diff: tuple[DiffPiece, ...],
        previous: dict[str, VerdictState],
        me: str,
        corrections: tuple[CorrectionCheck, ...],
        checked: bool,
    ) -> None:
        """Say what became of the current sentence since version `previous_version` (`checked`:
        I have decided it in this version)."""
        before = f"v{previous_version}"
        if status is RevisionStatus.CHANGED:
            head = (
                self.tr("~ Changed since %s:") if checked else self.tr("~ Changed since %s, to check:")
            ) % before
            first, whole = f"<b>{escape(head)}</b> {diff_html(diff, CONTEXT_WORDS)}", diff_html(diff)
        elif status is RevisionStatus.CARRIED:
            head = self.tr("= Carried from %s") % before
            said = self.tr("unchanged: every verdict on it came along.")
            first = whole = f"<b>{escape(head)}</b> {escape(said)}"
        else:
            head = self.tr("+ New in v%d") % version
            said = (
                self.tr("nothing like it in %s.") if checked else self.tr("nothing like it in %s: to check.")
            ) % before
            first = whole = f"<b>{escape(head)}</b> {escape(said)}"
        second = []
        if previous:
            shown = " · ".join(self._verdict(name, state, name == me) for name, state in previous.items())
            second.append(f"{escape(before)}: {shown}")
        second += self._corrections(corrections, me)
        self.setText("<br>".join([first, " — ".join(second)] if second else [first]))
        details = [self._details(name, state, before) for name, state in previous.items()]
        self.setToolTip("<br>".join([whole, *details]))
        self.setAccessibleName(self.text())
        self.show()

    def _verdict(self, reviewer: str, state: VerdictState, mine: bool) -> str:
        who = escape(self.tr("you") if mine else reviewer)
        if state.label is None:
            return f"{who} " + escape(self.tr("no verdict"))
        look = palette.LOOKS[state.label]
        return f"{who} <span style='color:{look.colour.name()}'>{look.glyph} {escape(look.name)}</span>"

    def _details(self, reviewer: str, state: VerdictState, before: str) -> str:
        """What a reviewer said in the previous version, in full (for the tooltip)."""
        parts = [words_of(t) for t in state.error_types]
        if state.correction:
            parts.append(self.tr("should read %s") % quoted(state.correction, 200))
        if state.note.strip():
            parts.append(self.tr("note: %s") % state.note.strip())
        label = palette.LOOKS[state.label].name if state.label else self.tr("no verdict")
        return escape(f"{before}, {reviewer}: {label}" + (f" ({'; '.join(parts)})" if parts else ""))

    def _corrections(self, checks: tuple[CorrectionCheck, ...], me: str) -> list[str]:
        """One phrase per correction and outcome: reviewers who gave the same one share it, mine first."""
        groups: dict[tuple[str, bool, bool, str], list[str]] = {}
        for check in sorted(checks, key=lambda c: c.reviewer != me):
            key = (check.correction.strip(), check.applied, check.problem_remains, check.problem_text)
            groups.setdefault(key, []).append(check.reviewer)
        return [self._correction(*key, reviewers, me) for key, reviewers in groups.items()]

    def _correction(
        self, correction: str, applied: bool, remains: bool, wrong: str, reviewers: list[str], me: str
    ) -> str:
        first, *others = reviewers
        whose = self.tr("Your correction") if first == me else self.tr("%s's correction") % first
        if others:
            whose += " " + self.tr("(and %s)") % ", ".join(self.tr("%s's") % name for name in others)
        what = f"{escape(whose)} {escape(quoted(correction, 30))}"
        if applied and not remains:
            gone = self.tr(", %s is gone") % quoted(wrong, 30) if wrong else ""
            verdict = self.tr("is in ✓%s") % gone
            colour = palette.SAVED
        elif applied:
            verdict = self.tr("is in, but so is %s") % quoted(wrong, 30)
            colour = palette.WARNING
        else:
            verdict = self.tr("is not in ✗")
            if remains:
                verdict += self.tr(": it still says %s") % quoted(wrong, 30)
            colour = palette.WARNING
        return f"{what} <span style='color:{colour.name()}'>{escape(verdict)}</span>"


CONTEXT_WORDS = 4
"""Unchanged words kept on each side of a change in the banner's short diff."""

_WORDS_AND_SPACES = re.compile(r"\s*\S+\s*|\s+")


def _context(text: str, keep_start: bool, keep_end: bool, words: int) -> str:
    """An unchanged stretch shortened to `words` words next to the changes around it."""
    tokens = _WORDS_AND_SPACES.findall(text)
    if len(tokens) <= words * (keep_start + keep_end) + 1:
        return text
    head = "".join(tokens[:words]) if keep_start else ""
    tail = "".join(tokens[-words:]) if keep_end else ""
    return f"{head}… {tail}" if head else f"…{tail}" if tail.startswith(" ") else f"… {tail}"


def diff_html(pieces: tuple[DiffPiece, ...], context: int | None = None) -> str:
    """A word diff as rich text: deleted words struck in the deleted colour, new ones on the
    inserted colour (and underlined, so that they read without colour); with `context`, each
    unchanged stretch cut to that many words beside a change."""
    out = []
    for i, piece in enumerate(pieces):
        text = piece.text
        if piece.op is DiffOp.EQUAL and context is not None:
            text = _context(text, keep_start=i > 0, keep_end=i < len(pieces) - 1, words=context)
        text = escape(text)
        if piece.op is DiffOp.DELETE:
            out.append(f"<s style='color:{palette.DELETED.name()}'>{text}</s>")
            if i + 1 < len(pieces) and pieces[i + 1].op is DiffOp.INSERT:
                out.append(" ")  # what was there, then what is: two things to read, not one word
        elif piece.op is DiffOp.INSERT:
            out.append(f"<u style='background:{palette.INSERTED.name()}'>{text}</u>")
        else:
            out.append(text)
    return "".join(out)
