"""`factcheck diff`: what changed between two versions of a rewrite, sentence by sentence; and the
lines `import` prints about a revision it linked."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.core.revisions import CorrectionCheck
    from factcheck.store.project import Project
    from factcheck.store.revisions import Carried, Comparison


def add_parser(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    p = command("diff", "show what changed between two versions of a rewrite, sentence by sentence")
    p.add_argument(
        "older", metavar="OLD_ID", help="the earlier version (an article id or its first characters)"
    )
    p.add_argument("newer", metavar="NEW_ID", help="the later version")
    p.add_argument("--all", action="store_true", help="list the unchanged sentences too")
    p.add_argument("--json", action="store_true", help="print JSON Lines, one object per sentence")


def run(args: argparse.Namespace, project: Project, reviewer: str) -> int:
    from factcheck.store.articles import load_article, resolve_article_id
    from factcheck.store.revisions import compare

    older = load_article(project, resolve_article_id(project, args.older))
    newer = load_article(project, resolve_article_id(project, args.newer))
    comparison = compare(project.conn, older, newer)
    if args.json:
        for row in _rows(comparison, args.all):
            print(json.dumps(row, ensure_ascii=False))
    else:
        for line in _lines(comparison, args.all):
            print(line)
    return 0


def _rows(comparison: Comparison, everything: bool) -> list[dict]:
    from factcheck.core.revisions import RevisionStatus, word_diff

    rows = []
    for change in comparison.sentences:
        if change.status is RevisionStatus.CARRIED and not everything:
            continue
        previous_text = " ".join(s.text for s in change.previous)
        rows.append(
            {
                "status": change.status.value,
                "sentence_id": change.sentence.id,
                "index": change.sentence.index,
                "text": change.sentence.text,
                "previous": [{"id": s.id, "index": s.index, "text": s.text} for s in change.previous],
                "diff": [
                    [piece.op.value, piece.text] for piece in word_diff(previous_text, change.sentence.text)
                ]
                if change.status is RevisionStatus.CHANGED
                else [],
                "corrections": [_correction_json(check) for check in change.corrections],
            }
        )
    for sentence in comparison.deleted:
        rows.append(
            {
                "status": "deleted",
                "sentence_id": None,
                "index": None,
                "text": "",
                "previous": [{"id": sentence.id, "index": sentence.index, "text": sentence.text}],
                "diff": [],
                "corrections": [],
            }
        )
    return rows


def _correction_json(check: CorrectionCheck) -> dict:
    return {
        "reviewer": check.reviewer,
        "correction": check.correction,
        "problem_text": check.problem_text,
        "applied": check.applied,
        "problem_remains": check.problem_remains,
    }


_MARKS = {"carried": "=", "changed": "~", "new": "+"}


def _lines(comparison: Comparison, everything: bool) -> list[str]:
    from factcheck.core.revisions import RevisionStatus, inline_diff, word_diff

    older, newer = comparison.older, comparison.newer
    counts = (
        f"{comparison.count(RevisionStatus.CARRIED)} unchanged, {comparison.count(RevisionStatus.CHANGED)}"
        f" changed, {comparison.count(RevisionStatus.NEW)} new, {len(comparison.deleted)} deleted"
    )
    how = (
        "as imported" if comparison.stored else "matched now: the newer was not imported as a revision of it"
    )
    lines = [f"{newer.title}: v{older.version} [{older.id}] → v{newer.version} [{newer.id}] ({how})", counts]
    for change in comparison.sentences:
        if change.status is RevisionStatus.CARRIED and not everything:
            continue
        text = change.sentence.text
        if change.status is RevisionStatus.CHANGED:
            previous = " ".join(s.text for s in change.previous)
            text = inline_diff(word_diff(previous, text))
            if len(change.previous) > 1:
                joined = ", ".join(str(s.index) for s in change.previous)
                text += f"   (from v{older.version} sentences {joined})"
        lines.append(f"{_MARKS[change.status.value]} {change.sentence.index:4}  {_clean(text)}")
        lines += [f"         {_clean(correction_line(check))}" for check in change.corrections]
    for sentence in comparison.deleted:
        lines.append(f"- v{older.version} {sentence.index:4}  {_clean(sentence.text)}")
    return lines


def correction_line(check: CorrectionCheck) -> str:
    """One line on whether a reviewer's correction made it into the revision."""
    said = f"{check.reviewer}'s correction {check.correction!r}"
    if check.applied:
        gone = f"; {check.problem_text!r} is gone" if check.problem_text and not check.problem_remains else ""
        still = f"; {check.problem_text!r} is still there" if check.problem_remains else ""
        return f"{said}: applied{gone}{still}"
    return f"{said}: not applied" + (
        f" ({check.problem_text!r} is still there)" if check.problem_remains else ""
    )


def import_lines(carried: Carried) -> list[str]:
    """What `import` says under a rewrite it linked to the version it revises."""
    lines = [
        f"  revises v{carried.previous_version} [{carried.previous_id}] (found by {carried.linked_by.words}):"
        f" {carried.carried} unchanged, {carried.changed} changed, {carried.new} new, {carried.deleted}"
        f" deleted; {carried.decisions} decision{'s' if carried.decisions != 1 else ''} carried over",
    ]
    for index, check in carried.corrections:
        lines.append(f"  sentence {index}: {_clean(correction_line(check))}")
    return lines


def _clean(text: str) -> str:
    """User text made safe for a terminal: no control characters, one line."""
    return "".join(
        " " if c in "\n\r\t" else ("\ufffd" if ord(c) < 32 or 0x7F <= ord(c) < 0xA0 else c) for c in text
    )
