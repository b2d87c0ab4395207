"""`factcheck audit`: the team lead's report of agreement, reviewer statistics and disagreements."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.store.project import Project

FORMATS = ("text", "json", "html")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default), json, or html: one self-contained file with charts",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="file to write (default: standard output)")
    parser.add_argument(
        "--disagreements",
        type=_count,
        metavar="N",
        help="list at most N disagreements (default: all)",
    )


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def run(args: argparse.Namespace, project: Project, reviewer: str) -> int:
    # The report's machinery loads only for this command, not for every start of factcheck.
    from factcheck.core.report import ReportFormat
    from factcheck.store.audit import write_report

    output = Path(args.output) if args.output else None
    report = write_report(
        project, output, ReportFormat(args.format), stdout=sys.stdout, limit=args.disagreements
    )
    if output is not None:
        print(
            f"wrote the audit of {len(report.reviewers)} reviewers and"
            f" {report.disagreement_total} disagreements to {output}",
            file=sys.stderr,
        )
    return 0
