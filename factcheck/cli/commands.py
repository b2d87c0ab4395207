"""What each subcommand does: open the project, call the store, print the result."""

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from contextlib import closing
from pathlib import Path

from factcheck.cli import audit, revisions
from factcheck.core.claimreview import review_url
from factcheck.core.error_types import ErrorType, ordered
from factcheck.core.errors import BadInput
from factcheck.core.export import ExportContent, ExportFormat, parse_spans
from factcheck.core.labels import Verdict
from factcheck.core.problems import normalised, problem_text, snap_to_words
from factcheck.core.review import ERROR_LABELS, Aspect, VerdictState, Via, label_changes
from factcheck.store.articles import Outcome, list_articles, load_article, load_sentence, resolve_article_id
from factcheck.store.decisions import decide
from factcheck.store.export import export
from factcheck.store.importing import import_files
from factcheck.store.project import Project, open_project
from factcheck.store.settings import publisher, set_publisher
from factcheck.store.verdict_import import import_verdicts

CLEAR_WORD = "clear"


def run(args: argparse.Namespace, path: Path, reviewer: str, seed_demo: bool) -> int:
    handler: Callable[[argparse.Namespace, Project, str], int] = _HANDLERS[args.command]
    create = args.command in _CREATING
    project = open_project(path, seed_demo, create, read_only=args.command in _READING)
    with closing(project):
        if project.backup is not None:
            print(
                f"factcheck: upgraded {path}; a copy as it was is kept in {project.backup}", file=sys.stderr
            )
        return handler(args, project, reviewer)


def _import(args: argparse.Namespace, project: Project, reviewer: str) -> int:
    revises = resolve_article_id(project, args.revises) if args.revises is not None else None
    for result in import_files(project, Path(args.source), [Path(p) for p in args.rewrites], revises):
        article = result.article
        to_review = sum(not s.boilerplate for s in article.sentences)
        left_out = len(article.sentences) - to_review
        details = f"{len(article.sentences)} sentences"
        if left_out:
            details += f", {left_out} boilerplate"
        outcome = result.outcome.value
        if result.outcome is Outcome.NEW_VERSION:
            outcome = f"new version {article.version}"
        print(f"{article.role.value:8} {article.id}  {article.title}  ({outcome}; {details})")
        if result.revision is not None:
            for line in revisions.import_lines(result.revision):
                print(line)
    return 0


def _articles(args: argparse.Namespace, project: Project, reviewer: str) -> int:
    summaries = list_articles(project, reviewer)
    if args.json:
        _print_json_lines(
            {
                "id": a.id,
                "role": a.role.value,
                "title": a.title,
                "source_id": a.source_id,
                "sentences": a.sentences,
                "to_review": a.to_review,
                "reviewed": a.reviewed,
                "reviewer": reviewer,
                "name": a.name,
                "version": a.version,
                "latest": a.latest,
                "revises": a.revises,
                "revises_version": a.revises_version,
                "to_recheck": a.to_recheck,
                "rechecked": a.rechecked,
            }
            for a in summaries
        )
        return 0
    if not summaries:
        print("no articles yet: import some with `factcheck import --source FILE REWRITE...`")
        return 0
    for a in summaries:
        progress = f"{a.reviewed:>4} / {a.to_review:<4} reviewed" if a.role.value == "rewrite" else ""
        indent = "  " if a.role.value == "rewrite" else ""
        version = ""
        if a.revises is not None:
            older = "" if a.latest else ", an older version"
            version = (
                f" (v{a.version}{older}, revises v{a.revises_version} [{a.revises}]:"
                f" {a.rechecked} of {a.to_recheck} changed or new sentences checked)"
            )
        elif a.version > 1 or not a.latest:
            version = f" (v{a.version}" + ("" if a.latest else ", an older version") + ")"
        print(f"{a.id}  {a.role.value:8} {progress:20} {indent}{a.title}{version}")
    return 0


def _sentences(args: argparse.Namespace, project: Project, reviewer: str) -> int:
    article = load_article(project, resolve_article_id(project, args.article))
    if args.json:
        _print_json_lines(
            {
                "id": s.id,
                "index": s.index,
                "start": s.start,
                "end": s.end,
                "text": s.text,
                "boilerplate": s.boilerplate,
                "block": s.block,
            }
            for s in article.sentences
        )
        return 0
    for s in article.sentences:
        flag = "  [boilerplate]" if s.boilerplate else ""
        print(f"{s.index:4}  {s.id}  {s.start}-{s.end}  {s.text}{flag}")
    return 0


def _mark(args: argparse.Namespace, project: Project, reviewer: str) -> int:
    label = None if args.label.strip().lower() == CLEAR_WORD else _parse_label(args.label)
    evidence = None if args.evidence is None else parse_spans(" ".join(args.evidence))
    wrong = _what_is_wrong(args, project, label)

    def change(state: VerdictState) -> VerdictState:
        for aspect, value in (label_changes(state, label) | wrong).items():
            state = state.with_aspect(aspect, value)
        if args.note is not None:
            state = state.with_note(args.note)
        return state if evidence is None else state.with_evidence(evidence)

    event = decide(project, args.sentence, reviewer, change, Via.COMMAND_LINE)
    shown = label.value if label else "no verdict"
    print(f"{args.sentence}: {shown} ({'saved' if event else 'unchanged'}, reviewer {reviewer})")
    if event is not None and event.state.problems:
        text = load_sentence(project, args.sentence)[1]
        spans = ", ".join(f"{start}-{end}" for start, end in event.state.problems)
        print(f"  problem: {problem_text(text, event.state.problems)!r} ({spans})")
    return 0


def _what_is_wrong(args: argparse.Namespace, project: Project, label: Verdict | None) -> dict[Aspect, object]:
    """The problem spans (snapped to words), error types and correction given to `mark`."""
    wrong: dict[Aspect, object] = {}
    if args.error_type is not None:
        wrong[Aspect.ERROR_TYPES] = ordered(ErrorType.parse(t) for t in args.error_type)
    if args.correction is not None:
        wrong[Aspect.CORRECTION] = args.correction.strip()
    if args.problem is not None:
        sentence, text = load_sentence(project, args.sentence)
        within = (sentence.start, sentence.end)
        spans = [span for given in args.problem for span in parse_spans(given, "problem")]
        wrong[Aspect.PROBLEMS] = normalised(snap_to_words(text, start, end, within) for start, end in spans)
    said = any(value for value in wrong.values())
    if said and label not in ERROR_LABELS:
        raise BadInput(
            "--problem, --error-type and --correction say what is wrong: give them with contradicted"
            " or unverifiable"
        )
    return wrong


def _parse_label(word: str) -> Verdict:
    try:
        return Verdict.parse(word)
    except BadInput as error:
        raise BadInput(f"{error} (or {CLEAR_WORD} to remove your verdict)") from None


def _export(args: argparse.Namespace, project: Project, reviewer: str) -> int:
    format_ = ExportFormat(args.format)
    output = Path(args.output) if args.output else None
    if args.bom and format_ is not ExportFormat.CSV:
        return _usage("export: --bom is for CSV (--format csv)")
    if format_ is ExportFormat.XLSX and output is None:
        return _usage("export: a workbook is a binary file: give the file to write with -o FILE")
    content, rows = ExportContent.VERDICTS, "verdicts"
    if args.adjudicated:
        content, rows = ExportContent.ADJUDICATED, "sentences"
    elif args.history:
        content, rows = ExportContent.HISTORY, "events"
    if format_ is ExportFormat.CLAIMREVIEW:
        if content is ExportContent.HISTORY:
            return _usage("export: ClaimReview publishes verdicts, not the history: leave out --history")
        rows = "reviews"
    exported = export(project, output, content, format_, raw=args.raw, stdout=sys.stdout, bom=args.bom)
    for warning in exported.warnings:
        print(f"factcheck: warning: {warning}", file=sys.stderr)
    if output is not None:
        print(f"wrote {exported.rows} {rows} to {output}", file=sys.stderr)
    return 0


def _settings(args: argparse.Namespace, project: Project, reviewer: str) -> int:
    if args.organisation is not None or args.base_url is not None:
        chosen = set_publisher(project, reviewer, args.organisation, args.base_url)
    else:
        chosen = publisher(project)
    print(f"organisation: {chosen.organisation or '(not set)'}")
    print(f"base URL:     {chosen.base_url or '(not set)'}")
    if chosen.base_url:
        print(f"  a review's url: {review_url(chosen.base_url, 'REWRITE_ID', 'SENTENCE_ID')}")
    return 0


def _usage(message: str) -> int:
    print(f"factcheck: {message}", file=sys.stderr)
    return 2


def _import_verdicts(args: argparse.Namespace, project: Project, reviewer: str) -> int:
    result = import_verdicts(project, Path(args.file), raw=args.raw)
    print(f"imported {result.imported} verdicts; skipped {result.skipped} already present")
    return 0


def _print_json_lines(rows: Iterable[dict]) -> None:
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))


_CREATING = {"import", "import-verdicts"}
_READING = {"articles", "sentences", "export", "audit"}
"""Commands that only read the project: they work on a file in a folder this user cannot write."""
"""Commands that may start a new project file; the others refuse a path that does not exist."""

_HANDLERS = {
    "import": _import,
    "articles": _articles,
    "sentences": _sentences,
    "mark": _mark,
    "export": _export,
    "settings": _settings,
    "import-verdicts": _import_verdicts,
    "audit": audit.run,
    "diff": revisions.run,
}
