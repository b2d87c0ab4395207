"""Reading verdicts back in bulk: planned from a snapshot outside the write lock, planned again
inside it when another program wrote meanwhile, and the same result as one decision at a time."""

import csv
from pathlib import Path

import pytest

import factcheck.store.verdict_import as verdict_import
from factcheck.core.labels import Verdict
from factcheck.core.review import Via
from factcheck.store.articles import list_articles, load_article
from factcheck.store.decisions import current, decide, history
from factcheck.store.project import Project
from factcheck.store.verify import verify


def _sentences(project: Project) -> list[str]:
    rewrite = next(a for a in list_articles(project, "x") if a.source_id and a.to_review > 20)
    return [s.id for s in load_article(project, rewrite.id).sentences if not s.boilerplate]


def _csv(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=["sentence_id", "verdict", "reviewer", "note", "decided_at"])
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_write_made_meanwhile_by_another_program_is_planned_on_not_overwritten(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = Project.open(demo_path)
    sentences = _sentences(project)
    path = _csv(
        tmp_path / "verdicts.csv",
        [
            {"sentence_id": sid, "verdict": "supported", "reviewer": "alice", "note": "", "decided_at": ""}
            for sid in sentences[:3]
        ],
    )
    other = Project.open(demo_path)
    planned = verdict_import._plan
    calls = []

    def plan_then_someone_writes(*args):
        result = planned(*args)
        if not calls:  # between the snapshot and the lock, the window marks with evidence
            decide(
                other,
                sentences[0],
                "alice",
                lambda s: s.with_label(Verdict.CONTRADICTED).with_note("window"),
                Via.WINDOW,
            )
        calls.append(args)
        return result

    monkeypatch.setattr(verdict_import, "_plan", plan_then_someone_writes)
    result = verdict_import.import_verdicts(project, path)
    assert len(calls) == 2, "the import must plan again inside the lock"
    assert result.imported == 3
    state = current(project, sentences[0], "alice")
    assert state.label is Verdict.SUPPORTED and state.note == ""
    events = history(project, sentences[0])
    assert [e.via for e in events] == [Via.WINDOW, Via.IMPORT], "the window's decision stays in the history"
    assert events[1].previous_label is Verdict.CONTRADICTED
    assert verify(project).ok
    other.close()
    project.close()


@pytest.mark.parametrize("bulk", [False, True], ids=["with the triggers", "derived in bulk"])
@pytest.mark.parametrize(
    ("rows_a_chunk", "events_kept"),
    [(10**6, 10**6), (1, 10**6), (1, 1)],
    ids=["one chunk", "a chunk a row", "a chunk a row, each event written at once"],
)
def test_rows_present_and_repeated_are_skipped_and_the_rest_chained(
    demo_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    bulk: bool,
    rows_a_chunk: int,
    events_kept: int,
) -> None:
    """A pair that comes again in a later chunk is known as its planned event left it (kept in
    memory, or read back from the plan's table), not as stored before the import."""
    monkeypatch.setattr("factcheck.store.bulk_decisions.BULK_EVENTS", 0 if bulk else 10**9)
    monkeypatch.setattr(verdict_import, "_ROWS", rows_a_chunk)
    monkeypatch.setattr("factcheck.store.bulk_decisions._FLUSH", events_kept)
    project = Project.open(demo_path)
    s = _sentences(project)
    decide(project, s[0], "bob", lambda st: st.with_label(Verdict.UNVERIFIABLE), Via.WINDOW)
    at = "2026-11-20T10:00:00.000000Z"
    rows = [
        {
            "sentence_id": s[0],
            "verdict": "unverifiable",
            "reviewer": "bob",
            "note": "",
            "decided_at": "",
        },  # present
        {"sentence_id": s[1], "verdict": "supported", "reviewer": "bob", "note": "a", "decided_at": at},
        {
            "sentence_id": s[1],
            "verdict": "supported",
            "reviewer": "bob",
            "note": "a",
            "decided_at": at,
        },  # repeated
        {"sentence_id": s[1], "verdict": "contradicted", "reviewer": "bob", "note": "b", "decided_at": ""},
        {"sentence_id": s[2], "verdict": "supported", "reviewer": " carol ", "note": "", "decided_at": ""},
    ]
    result = verdict_import.import_verdicts(project, _csv(tmp_path / "v.csv", rows))
    assert (result.imported, result.skipped) == (3, 2)
    assert current(project, s[1], "bob").label is Verdict.CONTRADICTED
    assert current(project, s[2], "carol").label is Verdict.SUPPORTED
    again = verdict_import.import_verdicts(project, _csv(tmp_path / "v.csv", rows[1:2]))
    assert (again.imported, again.skipped) == (0, 1)
    assert verify(project).ok
    project.close()
