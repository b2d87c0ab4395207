"""`factcheck merge` and `factcheck verify`: bringing reviewers' project files together, and
checking that a project's history is what the app wrote."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.store.project import open_project

if TYPE_CHECKING:
    from factcheck.store.project import Project

COMMANDS = ("merge", "verify")


def add_parsers(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Add the subcommands; `command(name, help)` makes a subparser with the common options."""
    p = command("merge", "add every decision of other project files to this one (all files or none)")
    p.add_argument("files", nargs="+", metavar="FILE", help="project files to merge (they are not changed)")
    p.add_argument(
        "--force",
        action="store_true",
        help="merge a file even if its history fails verify (the report names the broken events)",
    )
    p = command("verify", "check the file's integrity and that no decision was changed behind the app's back")
    p.add_argument("--full", action="store_true", help="also check every index against its table (slower)")
    p.add_argument(
        "--receipt",
        metavar="FILE",
        help="check the history against a receipt kept elsewhere (cut or rewritten chains show), then"
        " write the current one there; a missing FILE is written",
    )


def run(args: argparse.Namespace, path: Path, reviewer: str, seed_demo: bool) -> int:
    if args.command == "verify":
        with closing(open_project(path, seed_demo, create=False, read_only=True)) as project:
            return _verify(project, args.full, Path(args.receipt) if args.receipt else None)
    return _merge(args, path, reviewer, seed_demo)


def _verify(project: Project, full: bool, receipt_path: Path | None) -> int:
    from factcheck.store.receipts import check_receipt, read_receipt, receipt_of, write_receipt
    from factcheck.store.verify import verify

    kept = read_receipt(receipt_path) if receipt_path is not None and receipt_path.exists() else None
    result = verify(project, full=full)
    problems = [problem.text for problem in result.problems]
    more = result.more
    if kept is not None and not result.damaged:
        problems = check_receipt(project, kept, str(receipt_path)) + problems
    if not problems:
        print("ok")
        if receipt_path is not None:
            write_receipt(receipt_path, receipt_of(project))
            print(f"{'updated' if kept else 'wrote'} the receipt {receipt_path}", file=sys.stderr)
        return 0
    others = len(problems) + more - 1
    also = f" (and {others} more problem{'s' if others != 1 else ''})" if others else ""
    print(f"{problems[0]}{also}")
    return 1


def _merge(args: argparse.Namespace, path: Path, reviewer: str, seed_demo: bool) -> int:
    from factcheck.store.merge import merge_projects  # loads sqlite_utils: only when merging

    created = not path.exists()
    project = open_project(path, seed_demo, create=True)
    try:
        report = merge_projects(project, args.files, by=reviewer, force=args.force)
    except BaseException:
        project.close()
        if created:  # a refused merge leaves no trace, not even a new empty project
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    project.close()
    for line in report.lines(path):
        print(line)
    return 0
