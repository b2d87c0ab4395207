"""Every command of the window as a QAction, with its keys, so each can be found in a menu.

The keyboard contract (DESIGN.md §3, with issue 9's additions): 1/S supported, 2/C contradicted,
3/U unverifiable, 0/Backspace clear, Down/J and Up/K move, N next unreviewed (on into the next
rewrite), E attach evidence, Ctrl+Z / Ctrl+Shift+Z undo and redo, Ctrl+F find, Ctrl+G go to a
sentence, Ctrl+PgDown / Ctrl+PgUp the next and previous article, F6 / Shift+F6 the next and
previous pane. Issue 11 adds what is wrong and what it should read: P keeps the words selected
in the rewrite as a problem span (Shift+P removes one), F takes the assistant's flag as one,
Alt+1 … Alt+8 tick the error types, R writes the correction. Window-wide shortcuts work as soon
as the window opens; text fields (the note, the correction, find) take letter keys for typing
before any shortcut sees them. A menu shows every key of an action, not only the first.
"""

from dataclasses import dataclass, fields

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenuBar
from shiboken6 import isValid

from factcheck.core.error_types import ErrorType
from factcheck.core.labels import Verdict
from factcheck.core.themes import Theme
from factcheck.ui import palette
from factcheck.ui.problem_box import words_of


@dataclass(frozen=True, slots=True)
class Actions:
    open_project: QAction
    new_project: QAction
    import_articles: QAction
    import_demo: QAction
    export_verdicts: QAction
    merge_files: QAction
    export_audit_report: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    find: QAction
    find_in_source: QAction
    find_next: QAction
    find_previous: QAction
    supported: QAction
    contradicted: QAction
    unverifiable: QAction
    clear: QAction
    next_sentence: QAction
    previous_sentence: QAction
    next_unreviewed: QAction
    go_to_sentence: QAction
    next_article: QAction
    previous_article: QAction
    next_pane: QAction
    previous_pane: QAction
    focus_rewrite: QAction
    focus_source: QAction
    focus_sentences: QAction
    filter_sentences: QAction
    focus_articles: QAction
    attach_evidence: QAction
    next_candidate: QAction
    previous_candidate: QAction
    attach_candidate: QAction
    accept_suggestion: QAction
    remove_evidence: QAction
    keep_problem: QAction
    remove_problem: QAction
    take_flag: QAction
    error_types: tuple[QAction, ...]
    """One checkable action per error type, in the list's order (Alt+1 … Alt+8)."""
    write_correction: QAction
    write_note: QAction
    toggle_review: QAction
    advance: QAction
    reviewer: QAction
    audit: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    theme_system: QAction
    theme_light: QAction
    theme_dark: QAction
    theme_high_contrast: QAction
    shortcuts: QAction
    about: QAction

    def label_action(self, verdict: Verdict) -> QAction:
        return {
            Verdict.SUPPORTED: self.supported,
            Verdict.CONTRADICTED: self.contradicted,
            Verdict.UNVERIFIABLE: self.unverifiable,
        }[verdict]

    def theme_action(self, theme: Theme) -> QAction:
        return {
            Theme.SYSTEM: self.theme_system,
            Theme.LIGHT: self.theme_light,
            Theme.DARK: self.theme_dark,
            Theme.HIGH_CONTRAST: self.theme_high_contrast,
        }[theme]

    def error_type_actions(self) -> dict[ErrorType, QAction]:
        return dict(zip(ErrorType, self.error_types, strict=True))

    def all(self) -> list[QAction]:
        found: list[QAction] = []
        for f in fields(self):
            value = getattr(self, f.name)
            found += value if isinstance(value, tuple) else [value]
        return found


def title(action: QAction) -> str:
    """An action's name as a person reads it: without its & and the keys a menu shows."""
    return action.text().split("\t")[0].replace("&", "")


def keys_text(action: QAction) -> str:
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())


class _EveryKey(QObject):
    """Writes an action's keys into its text."""

    def __init__(self, action: QAction) -> None:
        super().__init__(action)
        self.action = action

    def write(self, *_: object) -> None:
        action = self.action
        # The undo stack renames its actions once more while the window is being destroyed.
        if isValid(action) and len(action.shortcuts()) > 1:
            action.setText(f"{action.text().split(chr(9))[0]}\t{keys_text(action)}")


def show_every_key(action: QAction, renamed: SignalInstance | None = None) -> None:
    """Menus show only an action's first key: write them all after a tab, where a menu puts
    the keys, and again each time `renamed` says the action's text was set anew."""
    writer = _EveryKey(action)
    writer.write()
    if renamed is not None:
        renamed.connect(writer.write)


def build_actions(window: QMainWindow, undo: QAction, redo: QAction) -> Actions:
    def action(text: str, *keys: str | QKeySequence.StandardKey, tip: str = "") -> QAction:
        act = QAction(text, window)
        sequences = [QKeySequence(k) for k in keys]
        if sequences:
            act.setShortcuts(sequences)
        if tip:
            act.setStatusTip(tip)
            act.setToolTip(tip)
        window.addAction(act)  # window-wide, also while the menu bar is hidden
        show_every_key(act)
        return act

    tr = window.tr
    undo.setShortcuts([QKeySequence("Ctrl+Z")])
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    for act in (undo, redo):
        window.addAction(act)
        show_every_key(act)
    looks = palette.LOOKS
    actions = Actions(
        open_project=action(tr("&Open Project…"), "Ctrl+O"),
        new_project=action(tr("&New Project…"), "Ctrl+Shift+N"),
        import_articles=action(tr("&Import Articles…"), "Ctrl+I"),
        import_demo=action(tr("Add the &Demo Articles")),
        export_verdicts=action(tr("&Export Verdicts…"), "Ctrl+Shift+E"),
        merge_files=action(
            tr("&Merge Project Files…"),
            "Ctrl+Shift+M",
            tip=tr("Add every decision of reviewers' project files to this project"),
        ),
        export_audit_report=action(
            tr("Export Audit &Report…"),
            "Ctrl+Shift+R",
            tip=tr("Agreement, reviewer statistics and disagreements as HTML, text or JSON"),
        ),
        quit=action(tr("&Quit"), "Ctrl+Q"),
        undo=undo,
        redo=redo,
        find=action(tr("&Find…"), "Ctrl+F", tip=tr("Find in the pane that has the keyboard")),
        find_in_source=action(tr("Find in the &Source…"), "Ctrl+Shift+F"),
        find_next=action(tr("Find &Next"), "F3"),
        find_previous=action(tr("Find &Previous"), "Shift+F3"),
        supported=action(f"{looks[Verdict.SUPPORTED].glyph} " + tr("&Supported"), "1", "S"),
        contradicted=action(f"{looks[Verdict.CONTRADICTED].glyph} " + tr("&Contradicted"), "2", "C"),
        unverifiable=action(f"{looks[Verdict.UNVERIFIABLE].glyph} " + tr("&Unverifiable"), "3", "U"),
        clear=action(tr("C&lear My Verdict"), "0", "Backspace"),
        next_sentence=action(tr("&Next Sentence"), "Down", "J"),
        previous_sentence=action(tr("&Previous Sentence"), "Up", "K"),
        next_unreviewed=action(
            tr("Next Sentence I Have Not &Reviewed"),
            "N",
            tip=tr("At the end of a rewrite, goes on to the next rewrite with sentences to review"),
        ),
        go_to_sentence=action(tr("&Go to Sentence…"), "Ctrl+G"),
        next_article=action(tr("Next &Article"), "Ctrl+PgDown", "Alt+Down"),
        previous_article=action(tr("Previous Ar&ticle"), "Ctrl+PgUp", "Alt+Up"),
        next_pane=action(
            tr("Ne&xt Pane"), "F6", tip=tr("Rewrite, source, note, sentence list, articles, in turn")
        ),
        previous_pane=action(tr("Previous Pan&e"), "Shift+F6"),
        focus_rewrite=action(tr("The Rewr&ite"), "Ctrl+1"),
        focus_source=action(tr("The &Source"), "Ctrl+2", tip=tr("Select evidence with Shift and the arrows")),
        focus_sentences=action(tr("The Sentence &List"), "Ctrl+L"),
        filter_sentences=action(tr("&Filter the Sentences…"), "Ctrl+Shift+L"),
        focus_articles=action(tr("The Arti&cles"), "Ctrl+B"),
        attach_evidence=action(
            tr("Attach Source Selection as &Evidence"),
            "E",
            tip=tr("Select a passage in the source pane first"),
        ),
        next_candidate=action(tr("Next Source Candidate"), "]"),
        previous_candidate=action(tr("Previous Source Candidate"), "["),
        attach_candidate=action(tr("Attach the Ca&ndidate as Evidence"), "A"),
        accept_suggestion=action(
            tr("Accept the Assistant's Suggestion"),
            "Return",
            "Enter",
            tip=tr("Records the suggested verdict as yours, with the candidate as evidence"),
        ),
        remove_evidence=action(tr("&Remove Last Evidence"), "Shift+E"),
        keep_problem=action(
            tr("Mark the Selected Words as the &Problem"),
            "P",
            tip=tr("Select the wrong words in the rewrite first: drag, or Shift and the arrows"),
        ),
        remove_problem=action(
            tr("Remove Words Marked Wrong"),
            "Shift+P",
            tip=tr("The words the caret is in, else the last ones marked"),
        ),
        take_flag=action(
            tr("Take the Assistant's &Flag as the Problem"),
            "F",
            tip=tr("Its words, its kind of error, and what the source has instead as the correction"),
        ),
        error_types=tuple(
            action(f"&{n} {words_of(t)}", f"Alt+{n}") for n, t in enumerate(ErrorType, start=1)
        ),
        write_correction=action(
            tr("Write What It Should Rea&d"), "R", tip=tr("Enter or Esc returns to the rewrite")
        ),
        write_note=action(tr("&Write a Note"), "T", tip=tr("Esc returns to the rewrite")),
        toggle_review=action(
            tr("Take Into / Leave Out of the Review"),
            "X",
            tip=tr("Boilerplate is left out of the review until you take it in"),
        ),
        advance=action(tr("Advance After &Marking")),
        reviewer=action(tr("Re&viewer…"), "Ctrl+R", tip=tr("Review under another name")),
        audit=action(
            tr("&Audit…"), "Ctrl+Shift+A", tip=tr("Every reviewer's decisions, agreement and adjudication")
        ),
        zoom_in=action(tr("&Larger Text"), QKeySequence.StandardKey.ZoomIn, "Ctrl+="),
        zoom_out=action(tr("&Smaller Text"), QKeySequence.StandardKey.ZoomOut),
        zoom_reset=action(tr("&Normal Text Size"), "Ctrl+0"),
        theme_system=action(tr("As the Des&ktop (Light or Dark)")),
        theme_light=action(tr("&Light")),
        theme_dark=action(tr("&Dark")),
        theme_high_contrast=action(tr("&High Contrast")),
        shortcuts=action(tr("&Keyboard Shortcuts"), "F1", "?"),
        about=action(tr("&About factcheck")),
    )
    actions.advance.setCheckable(True)
    for act in actions.error_types:
        act.setCheckable(True)
    themes = QActionGroup(window)
    for theme in Theme:
        act = actions.theme_action(theme)
        act.setCheckable(True)
        themes.addAction(act)
    return actions


def build_menus(menu_bar: QMenuBar, a: Actions, panels: list[QAction]) -> None:
    """The menus; `panels` are the docks' show/hide actions, for the View menu."""
    tr = menu_bar.tr
    file = menu_bar.addMenu(tr("&File"))
    file.addActions([a.open_project, a.new_project])
    file.addSeparator()
    file.addActions([a.import_articles, a.import_demo, a.export_verdicts])
    file.addSeparator()
    file.addActions([a.merge_files, a.export_audit_report])
    file.addSeparator()
    file.addAction(a.quit)
    edit = menu_bar.addMenu(tr("&Edit"))
    edit.addActions([a.undo, a.redo])
    edit.addSeparator()
    edit.addActions([a.find, a.find_in_source, a.find_next, a.find_previous])
    go = menu_bar.addMenu(tr("&Go"))
    go.addActions([a.next_sentence, a.previous_sentence, a.next_unreviewed, a.go_to_sentence])
    go.addSeparator()
    go.addActions([a.next_article, a.previous_article])
    go.addSeparator()
    go.addActions([a.next_pane, a.previous_pane])
    go.addActions([a.focus_rewrite, a.focus_source, a.write_note, a.write_correction])
    go.addActions([a.focus_sentences, a.filter_sentences])
    go.addAction(a.focus_articles)
    review = menu_bar.addMenu(tr("&Review"))
    review.addActions([a.supported, a.contradicted, a.unverifiable, a.clear])
    review.addSeparator()
    review.addActions([a.attach_evidence, a.remove_evidence, a.write_note, a.toggle_review])
    review.addSeparator()
    review.addActions([a.keep_problem, a.remove_problem, a.take_flag])
    types = review.addMenu(tr("Error &Type"))
    types.addActions(list(a.error_types))
    review.addAction(a.write_correction)
    review.addSeparator()
    review.addActions([a.accept_suggestion, a.next_candidate, a.previous_candidate, a.attach_candidate])
    review.addSeparator()
    review.addActions([a.advance, a.reviewer])
    review.addSeparator()
    review.addAction(a.audit)
    view = menu_bar.addMenu(tr("&View"))
    view.addActions(panels)
    view.addSeparator()
    themes = view.addMenu(tr("&Theme"))
    themes.addActions([a.theme_action(theme) for theme in Theme])
    view.addSeparator()
    view.addActions([a.zoom_in, a.zoom_out, a.zoom_reset])
    help_menu = menu_bar.addMenu(tr("&Help"))
    help_menu.addActions([a.shortcuts, a.about])
