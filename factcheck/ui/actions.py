"""Every command of the window as a QAction, with its keys, so each can be found in a menu.

The keyboard contract (DESIGN.md): 1/S supported, 2/C contradicted, 3/U unverifiable,
0/Backspace clear, Down/J and Up/K move, N next unreviewed, E attach evidence, Ctrl+Z /
Ctrl+Shift+Z undo and redo, Ctrl+F find. Window-wide shortcuts work as soon as the window opens;
text fields (the note, find) take letter keys for typing before any shortcut sees them.
"""

from dataclasses import dataclass, fields

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenuBar

from factcheck.core.labels import Verdict
from factcheck.ui import palette


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
    find_next: QAction
    find_previous: QAction
    supported: QAction
    contradicted: QAction
    unverifiable: QAction
    clear: QAction
    next_sentence: QAction
    previous_sentence: QAction
    next_unreviewed: QAction
    attach_evidence: QAction
    next_candidate: QAction
    previous_candidate: QAction
    attach_candidate: QAction
    accept_suggestion: QAction
    remove_evidence: QAction
    write_note: QAction
    toggle_review: QAction
    advance: QAction
    reviewer: QAction
    audit: QAction
    zoom_in: QAction
    zoom_out: QAction
    zoom_reset: QAction
    toggle_sidebar: QAction
    shortcuts: QAction
    about: QAction

    def label_action(self, verdict: Verdict) -> QAction:
        return {
            Verdict.SUPPORTED: self.supported,
            Verdict.CONTRADICTED: self.contradicted,
            Verdict.UNVERIFIABLE: self.unverifiable,
        }[verdict]

    def all(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self)]


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
        return act

    tr = window.tr
    undo.setShortcuts([QKeySequence("Ctrl+Z")])
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    window.addAction(undo)
    window.addAction(redo)
    looks = palette.LOOKS
    actions = Actions(
        open_project=action(tr("&Open Project…"), "Ctrl+O"),
        new_project=action(tr("&New Project…"), "Ctrl+Shift+N"),
        import_articles=action(tr("&Import Articles…"), "Ctrl+I"),
        import_demo=action(tr("Add the &Demo Articles")),
        export_verdicts=action(tr("&Export Verdicts…"), "Ctrl+Shift+E"),
        merge_files=action(
            tr("&Merge Project Files…"),
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
        find=action(tr("&Find…"), "Ctrl+F"),
        find_next=action(tr("Find &Next"), "F3"),
        find_previous=action(tr("Find &Previous"), "Shift+F3"),
        supported=action(f"{looks[Verdict.SUPPORTED].glyph} " + tr("&Supported"), "1", "S"),
        contradicted=action(f"{looks[Verdict.CONTRADICTED].glyph} " + tr("&Contradicted"), "2", "C"),
        unverifiable=action(f"{looks[Verdict.UNVERIFIABLE].glyph} " + tr("&Unverifiable"), "3", "U"),
        clear=action(tr("C&lear My Verdict"), "0", "Backspace"),
        next_sentence=action(tr("Next Sentence"), "Down", "J"),
        previous_sentence=action(tr("Previous Sentence"), "Up", "K"),
        next_unreviewed=action(tr("Next Sentence I Have &Not Reviewed"), "N"),
        attach_evidence=action(
            tr("Attach Source Selection as &Evidence"),
            "E",
            tip=tr("Select a passage in the source pane first"),
        ),
        next_candidate=action(tr("Next Source Candidate"), "]"),
        previous_candidate=action(tr("Previous Source Candidate"), "["),
        attach_candidate=action(tr("&Attach the Candidate as Evidence"), "A"),
        accept_suggestion=action(
            tr("Accept the Assistant's Suggestion"),
            "Return",
            "Enter",
            tip=tr("Records the suggested verdict as yours, with the candidate as evidence"),
        ),
        remove_evidence=action(tr("&Remove Last Evidence"), "Shift+E"),
        write_note=action(tr("&Write a Note"), "T", tip=tr("Esc returns to the rewrite")),
        toggle_review=action(
            tr("Take Into / Leave Out of the Review"),
            "X",
            tip=tr("Boilerplate is left out of the review until you take it in"),
        ),
        advance=action(tr("&Advance After Marking")),
        reviewer=action(tr("Re&viewer…")),
        audit=action(
            tr("&Audit…"), "Ctrl+Shift+A", tip=tr("Every reviewer's decisions, agreement and adjudication")
        ),
        zoom_in=action(tr("Larger Text"), QKeySequence.StandardKey.ZoomIn, "Ctrl+="),
        zoom_out=action(tr("Smaller Text"), QKeySequence.StandardKey.ZoomOut),
        zoom_reset=action(tr("Normal Text Size"), "Ctrl+0"),
        toggle_sidebar=action(tr("Show &Articles"), "Ctrl+B"),
        shortcuts=action(tr("&Keyboard Shortcuts"), "F1", "?"),
        about=action(tr("&About factcheck")),
    )
    actions.advance.setCheckable(True)
    actions.toggle_sidebar.setCheckable(True)
    return actions


def build_menus(menu_bar: QMenuBar, a: Actions) -> None:
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
    edit.addActions([a.find, a.find_next, a.find_previous])
    review = menu_bar.addMenu(tr("&Review"))
    review.addActions([a.supported, a.contradicted, a.unverifiable, a.clear])
    review.addSeparator()
    review.addActions([a.next_sentence, a.previous_sentence, a.next_unreviewed])
    review.addSeparator()
    review.addActions([a.attach_evidence, a.remove_evidence, a.write_note, a.toggle_review])
    review.addSeparator()
    review.addActions([a.accept_suggestion, a.next_candidate, a.previous_candidate, a.attach_candidate])
    review.addSeparator()
    review.addActions([a.advance, a.reviewer])
    review.addSeparator()
    review.addAction(a.audit)
    view = menu_bar.addMenu(tr("&View"))
    view.addActions([a.toggle_sidebar])
    view.addSeparator()
    view.addActions([a.zoom_in, a.zoom_out, a.zoom_reset])
    help_menu = menu_bar.addMenu(tr("&Help"))
    help_menu.addActions([a.shortcuts, a.about])
