"""The `factcheck` command: the parser, where the project and the reviewer come from, and the one
place that turns errors into one clear line on stderr."""

import argparse
import getpass
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from factcheck import __version__
from factcheck.cli import align, audit, history, revisions  # parsers; what they do loads when they run
from factcheck.core.errors import FactcheckError
from factcheck.core.reading import SURROGATE
from factcheck.store.project import describe

DEFAULT_PROJECT_NAME = "factcheck.db"


def default_project() -> Path:
    """The project used when neither --db nor $FACTCHECK_DB names one."""
    import platformdirs  # only then: --db and $FACTCHECK_DB need no data folder

    return platformdirs.user_data_path("factcheck", appauthor=False) / DEFAULT_PROJECT_NAME


def resolve_project(given: str | None) -> tuple[Path, bool]:
    """The project file to use, and whether it is the default one (which starts with the demo)."""
    chosen = given or os.environ.get("FACTCHECK_DB")
    if chosen:
        return Path(chosen).expanduser(), False
    return default_project(), True


def resolve_reviewer(given: str | None) -> str:
    """--reviewer, else $FACTCHECK_REVIEWER, else the login name."""
    if given is not None:
        return given
    if name := os.environ.get("FACTCHECK_REVIEWER"):
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "reviewer"


def _common(parser: argparse.ArgumentParser, suppress: bool) -> None:
    # The same options are accepted before and after the subcommand; defaults are set only once
    # (on the top-level parser) so that a subparser never overwrites a value given before it.
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=default,
        help="project file (default: $FACTCHECK_DB, else one in your data folder)",
    )
    parser.add_argument(
        "--reviewer",
        metavar="NAME",
        default=default,
        help="who is reviewing (default: $FACTCHECK_REVIEWER, else your login name)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factcheck",
        description="Review rewritten news articles sentence by sentence against their source. "
        "With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    parser.add_argument(
        "--audit", action="store_true", help="open the team lead's audit window instead of the review window"
    )
    _common(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        _common(p, suppress=True)
        return p

    p = command("import", "import a canonical source and its rewrites")
    p.add_argument("--source", required=True, metavar="FILE", help="the canonical source")
    p.add_argument("rewrites", nargs="*", metavar="REWRITE", help="rewrites of that source")
    p.add_argument(
        "--revises",
        metavar="ARTICLE_ID",
        help="the rewrite that the one REWRITE given is a revised version of (by default a revision is"
        " found by its file name, or by its title and source); its unchanged sentences keep every verdict",
    )

    p = command("articles", "list the sources and rewrites with your progress")
    p.add_argument("--json", action="store_true", help="print JSON Lines, one object per article")

    p = command("sentences", "list an article's sentences with their ids and offsets")
    p.add_argument("article", metavar="ARTICLE_ID", help="an article id (or its first characters)")
    p.add_argument("--json", action="store_true", help="print JSON Lines, one object per sentence")

    p = command("mark", "record your verdict on a rewrite sentence")
    p.add_argument("sentence", metavar="SENTENCE_ID")
    p.add_argument(
        "label",
        metavar="LABEL",
        help="supported, contradicted or unverifiable (or clear to remove your verdict)",
    )
    p.add_argument("--note", metavar="TEXT", help="your rationale (replaces the current note)")
    p.add_argument(
        "--evidence",
        nargs="+",
        metavar="START-END",
        help="passages of the source's text, as character offsets (replace the current evidence)",
    )
    p.add_argument(
        "--problem",
        action="append",
        metavar="START-END",
        help="the wrong words, as character offsets into the rewrite's text inside the sentence (widened"
        " to whole words); repeat for several; together they replace the current ones",
    )
    p.add_argument(
        "--error-type",
        action="append",
        metavar="TYPE",
        help="what kind of error: wrong-number, wrong-name (or attribution), wrong-date, misquote,"
        " invented-detail, exaggeration, missing-context, other; repeat for several",
    )
    p.add_argument("--correction", metavar="TEXT", help="what the sentence should say (empty to remove it)")

    p = command(
        "export", "write every current verdict as CSV, JSON Lines, a workbook (xlsx) or ClaimReview JSON-LD"
    )
    p.add_argument(
        "--format",
        choices=["csv", "jsonl", "xlsx", "claimreview"],
        default="csv",
        help="csv (default); jsonl; xlsx, a spreadsheet workbook with a summary sheet (needs -o);"
        " claimreview, schema.org ClaimReview JSON-LD for publishing (see `factcheck settings`)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="file to write (default: standard output)")
    p.add_argument(
        "--raw",
        action="store_true",
        help="do not prefix cells that a spreadsheet would execute (=, +, -, @ …)",
    )
    p.add_argument(
        "--bom",
        action="store_true",
        help="CSV for Excel: begin with a UTF-8 byte-order mark, so that spreadsheets read accents right",
    )
    content = p.add_mutually_exclusive_group()
    content.add_argument(
        "--adjudicated",
        action="store_true",
        help="one row per sentence with its final verdict: adjudicated, else unanimous, else empty",
    )
    content.add_argument("--history", action="store_true", help="every event of the decision history")

    p = command("settings", "show or change the project's publishing settings (for ClaimReview)")
    p.add_argument("--organisation", metavar="NAME", help="who publishes the fact checks (empty to clear)")
    p.add_argument(
        "--base-url",
        metavar="URL",
        help="the address of the published fact checks; {rewrite} and {sentence} are replaced by"
        " their ids, else each review's url is URL#claim-SENTENCE_ID (empty to clear)",
    )

    align.add_parser(sub)

    history.add_parsers(command)

    revisions.add_parser(command)

    p = command("audit", "report agreement, reviewer statistics and disagreements (text, JSON or HTML)")
    audit.add_arguments(p)

    p = command("import-verdicts", "read verdicts back from an exported CSV (all rows or none)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--raw", action="store_true", help="the file was exported with --raw")
    return parser


_PATHS = frozenset({"db", "source", "rewrites", "files", "output", "file", "receipt"})
"""Options that name files: any bytes the system allows, which Python keeps as surrogate escapes."""


def _text_that_is_not_utf8(args: argparse.Namespace) -> str | None:
    """The first option that is meant as text (an id, a label, a note, a name) but holds bytes that
    are not UTF-8: no id has them, and no note with them can be stored."""
    for name, value in vars(args).items():
        if name in _PATHS:
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and SURROGATE.search(item):
                return name
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # A file name that is not UTF-8 is shown with escapes rather than ending the program.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    if bad := _text_that_is_not_utf8(args):
        print(f"factcheck: the {bad.replace('_', ' ')} given is not valid UTF-8 text", file=sys.stderr)
        return 1
    path, is_default = resolve_project(args.db)
    reviewer = resolve_reviewer(args.reviewer)
    if args.command is None:
        from factcheck.ui.app import run  # the window is only loaded when it is wanted

        return run(path, reviewer, seed_demo=is_default, audit=args.audit)
    from factcheck.cli import commands  # after the window's branch: the window needs none of it

    try:
        if args.command == "align":  # works on files, without a project
            return align.run(args)
        if args.command in history.COMMANDS:
            return history.run(args, path, reviewer, seed_demo=is_default)
        return commands.run(args, path, reviewer, seed_demo=is_default)
    except FactcheckError as error:
        print(f"factcheck: {error}", file=sys.stderr)
        return 1
    except sqlite3.Error as error:
        print(f"factcheck: {path}: {describe(error)}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`factcheck export | head`): not an error of ours. Point stdout at
        # /dev/null so that flushing it at exit does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
