"""`factcheck merge` and `factcheck verify`: bringing reviewers' project files together, and
checking that a project's history is what the app wrote."""

from __future__ import annotations

import argparse
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


def run(args: argparse.Namespace, path: Path, reviewer: str, seed_demo: bool) -> int:
    if args.command == "verify":
        with closing(open_project(path, seed_demo, create=False)) as project:
            return _verify(project, args.full)
    return _merge(args, path, reviewer, seed_demo)


def _verify(project: Project, full: bool) -> int:
    from factcheck.store.verify import verify

    result = verify(project, full=full)
    if result.ok:
        print("ok")
        return 0
    others = len(result.problems) + result.more - 1
    more = f" (and {others} more problem{'s' if others != 1 else ''})" if others else ""
    print(f"{result.problem}{more}")
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
