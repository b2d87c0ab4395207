"""The assistant's box in the verdict panel: candidates, a pair marked as such, flags' reasons."""

from factcheck.core.assist.assistant import Hints
from factcheck.core.assist.evidence import Match
from factcheck.core.assist.flags import Flag, FlagKind
from factcheck.core.assist.suggestion import Suggestion
from factcheck.core.labels import Verdict
from factcheck.ui.hints_box import HintsBox

LANE = "Cyclists will get a separate lane that is 3.5 metres wide, the council said."
TOLLS = "Tolls will stay at 2 euros for cars, while buses and bicycles cross free of charge."
OTHER = "The Harbour Bridge in Norrvik reopened to traffic on Tuesday."


def _hints(pair: bool, flags=()) -> Hints:
    suggestion = Suggestion(Verdict.SUPPORTED, "best match 0.56, no unsupported names or numbers")
    return Hints((Match(6, 0.56), Match(8, 0.48), Match(1, 0.12)), tuple(flags), suggestion, pair)


def test_two_candidates_that_are_the_evidence_together_are_marked_as_a_pair(qtbot):
    box = HintsBox()
    qtbot.addWidget(box)
    box.show_hints(_hints(pair=True), [LANE, TOLLS, OTHER], 0)
    rows = [box.candidates.item(i).text() for i in range(box.candidates.count())]
    assert rows[0].startswith("0.56 ⎡") and rows[1].startswith("0.48 ⎣")
    assert "⎡" not in rows[2] and "⎣" not in rows[2]
    assert "Together" in box.candidates.item(1).toolTip()
    assert "together" in box.caption.text()
    box.show_hints(_hints(pair=False), [LANE, TOLLS, OTHER], 0)
    assert box.caption.text() == "Evidence assistant"


def test_candidates_without_a_pair_carry_no_marker(qtbot):
    box = HintsBox()
    qtbot.addWidget(box)
    box.show_hints(_hints(pair=False), [LANE, TOLLS, OTHER], 1)
    assert all("⎡" not in box.candidates.item(i).text() for i in range(3))
    assert box.candidates.currentRow() == 1


def test_a_flag_shows_its_reason_in_words(qtbot):
    flag = Flag(FlagKind.DATE, 0, 5, "March", "the source dates this to 2019, not March 2019")
    box = HintsBox()
    qtbot.addWidget(box)
    box.show_hints(_hints(pair=False, flags=[flag]), [LANE, TOLLS, OTHER], 0)
    assert "the source dates this to 2019, not March 2019" in box.flags.text()
    assert not box.flags.isHidden()


def test_the_next_sentence_shows_only_its_own_candidates_the_one_on_show_in_bold(qtbot):
    """The list is refilled in place from sentence to sentence: nothing of the previous one stays."""
    box = HintsBox()
    qtbot.addWidget(box)
    box.show_hints(_hints(pair=False), [LANE, TOLLS, OTHER], 2)
    assert box.candidates.item(2).font().bold()
    one = Hints((Match(3, 0.71),), (), Suggestion(Verdict.SUPPORTED, "best match 0.71"), False)
    box.show_hints(one, [TOLLS], 0)
    assert [box.candidates.item(i).text() for i in range(box.candidates.count())] == [f"0.71   {TOLLS}"]
    assert box.candidates.item(0).font().bold() and box.candidates.item(0).toolTip() == TOLLS
    assert box.candidates.currentRow() == 0
    none = Hints((), (), Suggestion(Verdict.UNVERIFIABLE, "no source sentence shares its words"), False)
    box.show_hints(none, [], 0)
    assert box.candidates.count() == 1 and "No source sentence" in box.candidates.item(0).text()
    assert not box.candidates.item(0).font().bold()
    assert box.candidates.currentRow() == -1
    box.show_waiting("Finding evidence…")
    assert box.candidates.count() == 0
