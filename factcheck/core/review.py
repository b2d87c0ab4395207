"""What a reviewer has decided about a sentence, and the kinds of decision that change it."""

from dataclasses import dataclass, replace
from enum import StrEnum

from factcheck.core.error_types import ErrorType
from factcheck.core.labels import Verdict

Span = tuple[int, int]
"""A `[start, end)` range of code points in an article's stored text."""


class DecisionKind(StrEnum):
    """What one event changed; the event itself always carries the whole resulting state."""

    MARK = "mark"  # a label where there was none
    CHANGE = "change"  # one label replaced by another
    CLEAR = "clear"  # the label removed
    PROBLEM = "problem"  # what is wrong: problem spans or error types recorded or changed
    CORRECTION = "correction"  # what it should say: the correction edited
    EVIDENCE = "evidence"  # evidence spans attached or removed
    NOTE = "note"  # the free-text rationale edited
    SCOPE = "scope"  # a sentence taken into or out of the review (boilerplate)
    ADJUDICATE = "adjudicate"  # a lead's final verdict, with the reason in the note


class Aspect(StrEnum):
    """One part of a verdict that a single action changes (and its undo changes back)."""

    LABEL = "label"
    EVIDENCE = "evidence"
    NOTE = "note"
    INCLUDED = "included"
    PROBLEMS = "problems"
    ERROR_TYPES = "error_types"
    CORRECTION = "correction"


class Via(StrEnum):
    """How a decision reached the project: useful when auditing its history."""

    WINDOW = "window"
    COMMAND_LINE = "command-line"
    UNDO = "undo"
    REDO = "redo"
    IMPORT = "import"  # read back from an exported CSV by import-verdicts
    SUGGESTION = "suggestion"  # the evidence assistant's suggestion, accepted with Enter
    CARRIED = "carried"  # carried over to a revised rewrite whose sentence is unchanged


@dataclass(frozen=True, slots=True)
class VerdictState:
    """One reviewer's current decision on one sentence: the state left by their latest event."""

    label: Verdict | None = None
    """The verdict, or None when the reviewer has not decided (or cleared it)."""
    evidence: tuple[Span, ...] = ()
    """Passages of the *source's* stored text that support the verdict, in attachment order."""
    note: str = ""
    """The reviewer's free-text rationale."""
    included: bool | None = None
    """None: the default (boilerplate is left out of the review); True/False: the reviewer's choice."""
    problems: tuple[Span, ...] = ()
    """What is wrong: passages of the *rewrite's* stored text inside the sentence, in text order."""
    error_types: tuple[ErrorType, ...] = ()
    """What kind of error, in the list's order (`error_types.ordered`)."""
    correction: str = ""
    """What the sentence should say instead ("should read")."""

    def with_label(self, label: Verdict | None) -> "VerdictState":
        return replace(self, label=label)

    def with_evidence(self, evidence: tuple[Span, ...]) -> "VerdictState":
        return replace(self, evidence=evidence)

    def with_note(self, note: str) -> "VerdictState":
        return replace(self, note=note)

    def with_included(self, included: bool | None) -> "VerdictState":
        return replace(self, included=included)

    @property
    def describes_an_error(self) -> bool:
        """Whether the reviewer said what is wrong: problem spans, error types or a correction."""
        return bool(self.problems or self.error_types or self.correction)

    def get(self, aspect: Aspect) -> object:
        return getattr(self, aspect.value)

    def with_aspect(self, aspect: Aspect, value: object) -> "VerdictState":
        return replace(self, **{aspect.value: value})

    def in_review(self, boilerplate: bool) -> bool:
        """Whether the sentence counts towards this reviewer's progress."""
        return (not boilerplate) if self.included is None else self.included


UNDECIDED = VerdictState()

ERROR_LABELS = frozenset({Verdict.CONTRADICTED, Verdict.UNVERIFIABLE})
"""The verdicts on which a reviewer says what is wrong and what it should say."""


def label_changes(state: VerdictState, label: Verdict | None) -> dict[Aspect, object]:
    """The aspects giving `label` to a sentence in `state` sets, in one decision: a supported
    sentence has nothing wrong with it, so its problem spans, error types and correction go too
    (and come back with the label when the decision is undone)."""
    changes: dict[Aspect, object] = {Aspect.LABEL: label}
    if label is Verdict.SUPPORTED and state.describes_an_error:
        changes |= {Aspect.PROBLEMS: (), Aspect.ERROR_TYPES: (), Aspect.CORRECTION: ""}
    return changes


def kind_of(before: VerdictState, after: VerdictState) -> DecisionKind | None:
    """The kind of decision that turns `before` into `after`, or None if nothing changes.

    A decision that changes several things is named by the most important one (the label).
    """
    if before.label != after.label:
        if before.label is None:
            return DecisionKind.MARK
        return DecisionKind.CLEAR if after.label is None else DecisionKind.CHANGE
    if before.problems != after.problems or before.error_types != after.error_types:
        return DecisionKind.PROBLEM
    if before.correction != after.correction:
        return DecisionKind.CORRECTION
    if before.evidence != after.evidence:
        return DecisionKind.EVIDENCE
    if before.note != after.note:
        return DecisionKind.NOTE
    if before.included != after.included:
        return DecisionKind.SCOPE
    return None
