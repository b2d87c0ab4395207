"""The workbench's table: one line per measurement, its floor, the ratio and the target, then
notes and the command that produced it."""

import os
import sqlite3
import statistics
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the table, in seconds (medians unless the line says otherwise)."""

    measurement: str
    factcheck: float
    floor: float | None
    target: str
    met: bool | None
    runs: str


@dataclass
class Report:
    """The table's lines and the notes under it, filled as the measurements run."""

    rows: list[Row]
    notes: list[str]

    def add(
        self,
        measurement: str,
        mine: list[float],
        floor: list[float] | None,
        target: str,
        met: bool | None,
        statistic: Callable[[list[float]], float] = statistics.median,
    ) -> None:
        runs = str(len(mine)) if floor is None or len(floor) == len(mine) else f"{len(mine)}/{len(floor)}"
        base = statistic(floor) if floor else None
        self.rows.append(Row(measurement, statistic(mine), base, target, met, runs))

    def note(self, text: str) -> None:
        self.notes.append(text)
        print(f"  {text}", flush=True)


def print_table(report: Report, command: str) -> None:
    header = ("measurement", "factcheck", "floor", "ratio", "target", "met?", "runs")
    lines = [
        (
            row.measurement,
            fmt(row.factcheck),
            "—" if row.floor is None else fmt(row.floor),
            "—" if row.floor is None else f"{row.factcheck / row.floor:.2f}×",
            row.target,
            "—" if row.met is None else ("yes" if row.met else "NO"),
            row.runs,
        )
        for row in report.rows
    ]
    widths = [max(len(cells[i]) for cells in (header, *lines)) for i in range(len(header))]
    print()
    for cells in (header, tuple("-" * w for w in widths), *lines):
        print(
            "  ".join(
                cell.ljust(width) if i in (0, 4) else cell.rjust(width)
                for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
            )
        )
    print("\nfloors: start = a bare QMainWindow with a QPlainTextEdit of the demo rewrite;")
    print("open = setPlainText into two QPlainTextEdits + one paint;")
    print("mark = Down in a bare QPlainTextEdit; export = sqlite3 -header -csv with the product's SELECT.")
    print("Medians (p99 where a line says so), wall clock; QT_QPA_PLATFORM=offscreen; " + _machine())
    for note in report.notes:
        print(f"- {note}")
    print(f"\ncommand: {command}")


def _machine() -> str:
    sqlite_shell = subprocess.run(["sqlite3", "--version"], capture_output=True, text=True).stdout.split()[0]
    from PySide6 import __version__ as pyside

    return (
        f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, PySide6 {pyside},"
        f" SQLite {sqlite3.sqlite_version} (module) / {sqlite_shell} (shell)"
    )


def fmt(seconds: float) -> str:
    return ms(seconds) if seconds < 1 else secs(seconds)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 0.1 else f"{seconds * 1000:.0f} ms"


def secs(seconds: float) -> str:
    return f"{seconds:.2f} s"
