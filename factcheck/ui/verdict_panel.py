"""The verdict panel: the current sentence's verdict, what is wrong in it and what it should
read, its evidence and the reviewer's note; in a revised rewrite, what became of the sentence.

It shows what it is given and reports what the reviewer asks for; the window records it.
"""

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QFont, QKeyEvent, QPaintEvent, QResizeEvent, QTextDocument
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from factcheck.core.labels import Verdict
from factcheck.core.review import VerdictState
from factcheck.ui import palette
from factcheck.ui.hints_box import HintsBox
from factcheck.ui.keys import LIST_KEYS, escape_key, keep_keys, start_at_the_first_row
from factcheck.ui.problem_box import ProblemBox, quoted, words_of
from factcheck.ui.revision_banner import RevisionBanner
from factcheck.ui.style import paint_divider, set_text_colour, styled

NOTE_PAUSE_MS = 800
"""A note or a correction is saved this long after the reviewer stops typing (and at once when
they leave its field)."""

_KEYS = {Verdict.SUPPORTED: "1", Verdict.CONTRADICTED: "2", Verdict.UNVERIFIABLE: "3"}


class NoteEdit(QPlainTextEdit):
    """The note field: Esc hands the keyboard back to the rewrite; leaving it saves the note."""

    escaped = Signal()
    left = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()


class CorrectionEdit(QLineEdit):
    """The "should read" field: Enter or Esc hands the keyboard back to the rewrite (saving what
    was typed); leaving it saves it. Up and Down do nothing here, rather than move the sentence
    from under the field."""

    escaped = Signal()
    left = Signal()

    def __init__(self) -> None:
        super().__init__()
        keep_keys(self, (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Up, Qt.Key.Key_Down))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.escaped.emit()
        elif event.key() not in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()


class VerdictPanel(QFrame):
    labelChosen = Signal(object)  # Verdict, or None to clear
    evidenceRemoved = Signal(int)
    evidenceShown = Signal(int)
    noteCommitted = Signal(str)
    correctionCommitted = Signal(str)
    inclusionToggled = Signal()
    escaped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdictPanel")
        self.setFrameShape(QFrame.Shape.NoFrame)  # a line along the top divides it from the panes
        self._saved_note = ""
        self._saved_correction = ""
        self._evidence_shown: list[str] = []
        self._loading = False

        self.position = QLabel()
        styled(self.position, "sentencePosition")
        self.status = QLabel()
        self._bold = QFont()
        self._bold.setBold(True)
        self.status.setObjectName("verdictStatus")
        self.saved = QLabel()
        styled(self.saved, "savedIndicator")
        self.saved.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.others = _FittingLabel()
        self.others.setObjectName("others")
        self.buttons: dict[Verdict, QPushButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(False)
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        for verdict, look in palette.LOOKS.items():
            button = QPushButton(f"{look.glyph}  {look.name}    {_KEYS[verdict]} · {look.letter}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(
                self.tr("Mark the current sentence %s (%s or %s)")
                % (look.name.lower(), _KEYS[verdict], look.letter)
            )
            button.clicked.connect(lambda _=False, v=verdict: self.labelChosen.emit(v))
            self.buttons[verdict] = button
            buttons.addWidget(button)
        self.clear_button = QPushButton(self.tr("Clear    0"))
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear_button.setToolTip(self.tr("Remove my verdict (0 or Backspace)"))
        self.clear_button.clicked.connect(lambda: self.labelChosen.emit(None))
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)

        self.scope = QLabel()
        styled(self.scope, "scopeBanner")
        self.scope.setWordWrap(True)
        self.scope_button = QPushButton()
        self.scope_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scope_button.clicked.connect(self.inclusionToggled)
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.scope, 1)
        scope_row.addWidget(self.scope_button)
        self._scope_row = QWidget()
        self._scope_row.setLayout(scope_row)
        scope_row.setContentsMargins(0, 0, 0, 0)

        self.evidence = _EvidenceList()
        styled(self.evidence, "evidenceList")
        self.evidence.setAccessibleName(self.tr("Evidence for the current sentence"))
        self.evidence.setAccessibleDescription(
            self.tr("Enter shows a passage in the source; Delete removes it")
        )
        self.evidence.setWordWrap(True)
        self.evidence.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.evidence.itemClicked.connect(lambda item: self.evidenceShown.emit(self.evidence.row(item)))
        self.evidence.shown.connect(self.evidenceShown)
        self.evidence.removed.connect(self.evidenceRemoved)
        escape_key(self.evidence).connect(self.escaped)
        self.evidence_hint = QLabel(self.tr("Select a passage in the source and press E to attach it."))
        styled(self.evidence_hint, "hint")
        self.evidence_hint.setWordWrap(True)

        self.note = NoteEdit()
        styled(self.note, "noteEdit")
        self.note.setAccessibleName(self.tr("Note for the current sentence"))
        self.note.setPlaceholderText(self.tr("Why? A note for this sentence (saved as you type)"))
        self.note.setTabChangesFocus(True)
        self.note.escaped.connect(self._leave_note)
        self.note.left.connect(self.commit_note)
        self.note.textChanged.connect(self._note_typed)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_PAUSE_MS)
        self._note_timer.timeout.connect(self.commit_note)

        self.correction = CorrectionEdit()
        self.correction.setObjectName("correctionEdit")
        self.correction.setAccessibleName(self.tr("What the current sentence should read"))
        self.correction.setPlaceholderText(self.tr("Should read… the right words (R)"))
        self.correction.setClearButtonEnabled(True)
        self.correction.escaped.connect(self._leave_note)
        self.correction.left.connect(self.commit_note)
        self.correction.textChanged.connect(self._correction_typed)
        self.problems = ProblemBox()
        self.revision = RevisionBanner()

        header = QHBoxLayout()
        header.addWidget(self.position)
        header.addWidget(self.status)
        header.addSpacing(16)
        header.addWidget(self.others, 1)  # other reviewers' verdicts, where the line has room
        header.addWidget(self.saved)

        evidence_box = QVBoxLayout()
        evidence_box.setSpacing(2)
        evidence_box.addWidget(_caption(self.tr("Evidence in the source")))
        evidence_box.addWidget(self.evidence, 1)
        evidence_box.addWidget(self.evidence_hint)
        note_box = QVBoxLayout()
        note_box.setSpacing(2)
        note_box.addWidget(_caption(self.tr("Note")))
        note_box.addWidget(self.note, 1)
        note_box.addWidget(_caption(self.tr("Should read")))
        note_box.addWidget(self.correction)
        self.hints = HintsBox()
        details = QGridLayout()
        details.setHorizontalSpacing(12)
        details.addWidget(self.hints, 0, 0)
        details.addLayout(evidence_box, 0, 1)
        details.addLayout(note_box, 0, 2)
        details.setColumnStretch(0, 4)
        details.setColumnStretch(1, 3)
        details.setColumnStretch(2, 3)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addLayout(buttons)
        layout.addWidget(self.revision)
        layout.addWidget(self.problems)
        layout.addWidget(self._scope_row)
        layout.addLayout(details, 1)
        self.restyle()
        self.show_nothing()

    def paintEvent(self, event: QPaintEvent) -> None:
        paint_divider(self, top=True)

    def restyle(self) -> None:
        """Colour the verdict buttons in the theme's colours."""
        for verdict, button in self.buttons.items():
            button.setStyleSheet(_button_style(palette.LOOKS[verdict]))

    # ----------------------------------------------------------------- showing a sentence
    def show_nothing(self, message: str = "") -> None:
        self._loading = True
        self.position.setText(message or self.tr("No sentence"))
        self.status.setText("")
        for button in self.buttons.values():
            button.setChecked(False)
            button.setEnabled(False)
        self.clear_button.setEnabled(False)
        self._scope_row.hide()
        self.others.setText("")
        self.evidence.clear()
        self.note.setPlainText("")
        self.note.setEnabled(False)
        self._saved_note = ""
        self.correction.setText("")
        self.correction.setEnabled(False)
        self._saved_correction = ""
        self.problems.show_problems([], (), None, allowed=False)
        self.revision.hide()
        self._loading = False

    def show_sentence(
        self, number: int, total: int, state: VerdictState, boilerplate: bool, evidence_texts: list[str]
    ) -> None:
        """Show sentence `number` (1-based) of `total` with my current verdict on it."""
        self._loading = True
        self.position.setText(self.tr("Sentence %d of %d") % (number, total))
        in_review = state.in_review(boilerplate)
        self.show_state(state, evidence_texts)
        self._scope_row.setVisible(boilerplate or not in_review)
        if not in_review:
            self.scope.setText(
                self.tr("Boilerplate: left out of the review and of the progress.")
                if boilerplate
                else self.tr("Left out of the review by you.")
            )
            self.scope_button.setText(self.tr("Take into the review  (X)"))
        else:
            self.scope.setText(self.tr("Boilerplate, taken into the review by you."))
            self.scope_button.setText(self.tr("Leave out of the review  (X)"))
        # Typing not saved yet stays: every move saves it first, so it is about this sentence
        # (a decision recorded meanwhile, by a click or the note's timer, shows it again).
        self.note.setEnabled(True)
        if self.note.toPlainText() != state.note and not self.note_is_dirty():
            self.note.setPlainText(state.note)
        self._saved_note = state.note
        self.correction.setEnabled(state.label is not Verdict.SUPPORTED)
        if self.correction.text() != state.correction and not self.correction_is_dirty():
            self.correction.setText(state.correction)
        self._saved_correction = state.correction
        self._loading = False

    def show_others(self, others: dict[str, VerdictState] | None) -> None:
        """Other reviewers' verdicts on this sentence, with what they said is wrong, or why they
        are hidden."""
        muted = palette.MUTED.name()
        if others is None:
            hidden = self.tr("Blind review: other reviewers' verdicts show once you have decided.")
            self.others.set_texts([f"<span style='color:{muted}'>{escape(hidden)}</span>"])
        elif not others:
            self.others.set_texts([""])
        else:

            def listed(brief: bool) -> str:
                shown = " · ".join(
                    f"{escape(name)} <span style='color:{palette.LOOKS[state.label].colour.name()}'>"
                    f"{palette.LOOKS[state.label].glyph}</span>"
                    + (escape(self._error_brief(state)) if brief else "")
                    for name, state in others.items()
                    if state.label is not None
                )
                return f"<span style='color:{muted}'>{escape(self.tr('Others:'))}</span> {shown}"

            # With what each found wrong where there is room, else their verdicts alone.
            self.others.set_texts([listed(brief=True), listed(brief=False)])
            self.others.setToolTip(
                "\n".join(self._error_details(name, state) for name, state in others.items())
            )

    def _error_brief(self, state: VerdictState) -> str:
        """ " wrong name → ‘Baichuan-M4’": what another reviewer said is wrong, in a few words."""
        brief = ", ".join(words_of(t) for t in state.error_types)
        if state.correction:
            brief += f" → {quoted(state.correction, 24)}"
        return f" {brief}" if brief else ""

    def _error_details(self, name: str, state: VerdictState) -> str:
        assert state.label is not None
        parts = [f"{name}: {palette.LOOKS[state.label].name}"]
        if state.error_types:
            parts.append(", ".join(words_of(t) for t in state.error_types))
        if state.correction:
            parts.append(self.tr("should read %s") % quoted(state.correction, 200))
        if state.note.strip():
            parts.append(self.tr("note: %s") % state.note.strip())
        return " · ".join(parts)

    def show_state(self, state: VerdictState, evidence_texts: list[str]) -> None:
        for verdict, button in self.buttons.items():
            button.setEnabled(True)
            button.setChecked(state.label is verdict)
        self.clear_button.setEnabled(state.label is not None)
        # A palette and a font, not a style sheet: restyling a widget costs a good part of a frame.
        if state.label is None:
            self.status.setText(self.tr("· not reviewed"))
            set_text_colour(self.status, None)  # the panel's own colours again
            self.status.setFont(QFont())
        else:
            look = palette.LOOKS[state.label]
            self.status.setText(f"· {look.glyph} {look.name}")
            set_text_colour(self.status, look.colour)
            self.status.setFont(self._bold)
        self._show_evidence(evidence_texts)

    def _show_evidence(self, texts: list[str]) -> None:
        if texts == self._evidence_shown and self.evidence.count() == len(texts):
            return  # most sentences in a row have none: rebuilding the list costs a frame's part
        self._evidence_shown = list(texts)
        self.evidence.clear()
        for index, text in enumerate(texts):
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            row = _EvidenceRow(text, self.tr("Remove this passage"))
            row.removed.connect(lambda i=index: self.evidenceRemoved.emit(i))
            item.setSizeHint(row.sizeHint())
            self.evidence.addItem(item)
            self.evidence.setItemWidget(item, row)
        self.evidence_hint.setVisible(not texts)

    def show_saved(self, message: str) -> None:
        self.saved.setText(message)

    # ----------------------------------------------------------------- the note and the correction
    def note_is_dirty(self) -> bool:
        return self.note.isEnabled() and self.note.toPlainText() != self._saved_note

    def correction_is_dirty(self) -> bool:
        return self.correction.isEnabled() and self.correction.text() != self._saved_correction

    def typing_is_unsaved(self) -> bool:
        return self.note_is_dirty() or self.correction_is_dirty()

    def commit_note(self) -> None:
        """Report the note and the correction as typed, each if it changed since it was last saved."""
        self._note_timer.stop()
        if self.note_is_dirty():
            self._saved_note = self.note.toPlainText()
            self.noteCommitted.emit(self._saved_note)
        if self.correction_is_dirty():
            self._saved_correction = self.correction.text()
            self.correctionCommitted.emit(self._saved_correction)

    def _note_typed(self) -> None:
        if self._loading:
            return
        if self.note_is_dirty():
            self.saved.setText(self.tr("Note not saved yet…"))
            self._note_timer.start()

    def _correction_typed(self) -> None:
        if not self._loading and self.correction_is_dirty():
            self.saved.setText(self.tr("Correction not saved yet…"))
            self._note_timer.start()

    def _leave_note(self) -> None:
        self.commit_note()
        self.escaped.emit()

    def focus_note(self) -> None:
        if self.note.isEnabled():
            self.note.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_correction(self) -> bool:
        """Put the keyboard in the correction field, its text selected; False when it is closed
        (a supported sentence has nothing to correct)."""
        if not self.correction.isEnabled():
            return False
        self.correction.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.correction.selectAll()
        return True


class _FittingLabel(QLabel):
    """Rich text on one line: the first of its texts that fits its width, else the last, cut at
    the edge, so that it never squeezes the buttons beside it."""

    def __init__(self) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._texts: list[str] = [""]
        self._measure = QTextDocument()

    def set_texts(self, texts: list[str]) -> None:
        self._texts = texts
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        self._measure.setDefaultFont(self.font())
        chosen = self._texts[-1]
        for text in self._texts[:-1]:
            self._measure.setHtml(text)
            if self._measure.idealWidth() <= self.width():
                chosen = text
                break
        if chosen != self.text():
            self.setText(chosen)


class _EvidenceList(QListWidget):
    """The passages attached: Enter shows one in the source, Delete removes it."""

    shown = Signal(int)
    removed = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        keep_keys(self, (*LIST_KEYS, Qt.Key.Key_Delete, Qt.Key.Key_Backspace))
        start_at_the_first_row(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        row = self.currentRow()
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and row >= 0:
            self.removed.emit(row)
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and row >= 0:
            self.shown.emit(row)
        else:
            super().keyPressEvent(event)


class _EvidenceRow(QWidget):
    removed = Signal()

    def __init__(self, text: str, remove_tip: str) -> None:
        super().__init__()
        quote = QLabel(f"“{text}”")
        quote.setWordWrap(True)
        quote.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        quote.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        quote.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        remove = QToolButton()
        remove.setText("✕")
        remove.setAutoRaise(True)
        remove.setToolTip(remove_tip)
        remove.setAccessibleName(remove_tip)
        remove.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        remove.clicked.connect(self.removed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 2, 2)
        layout.addWidget(quote, 1)
        layout.addWidget(remove, 0, Qt.AlignmentFlag.AlignTop)


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    styled(label, "caption")
    return label


def _button_style(look: palette.VerdictLook) -> str:
    solid, tint, on_solid = look.colour.name(), look.tint.name(), look.on_colour.name()
    return (
        f"QPushButton {{ border: 1px solid {solid}; border-radius: 5px; padding: 5px 10px;"
        f" background: palette(base); color: {solid}; font-weight: 600; }}"
        f"QPushButton:hover {{ background: {tint}; color: palette(text); }}"
        f"QPushButton:checked {{ background: {solid}; color: {on_solid}; }}"
        f"QPushButton:disabled {{ border-color: palette(mid); color: palette(mid); }}"
    )
