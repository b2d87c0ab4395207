"""The standalone bundle: how long it takes to build, how big it is, and how fast it starts,
against the pip-installed console script and a bare PySide6 window measured in the same run.

1. build: `packaging/build_bundle.py` (PyInstaller, onedir) and `packaging/build_deb.py`, timed once;
   the bundle folder's size, its .tar.gz and the .deb.
2. start → first paint of the window on the demo project, each run a fresh process, alternated:
   the bundle (`FACTCHECK_FIRST_PAINT`, packaging/launcher.py), the console script and a bare
   QMainWindow (bench/_workbench_start.py). Measured from just before the process is started.
3. `factcheck --version`, the bundle against the console script: what every subcommand pays.

    python bench/bundle.py [--runs 7] [--bundle dist/factcheck]   (--bundle: measure a built one)
"""

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT / "packaging"))
try:
    import factcheck  # noqa: F401
except ModuleNotFoundError:  # run from a checkout that is not installed
    sys.path.insert(0, str(ROOT))

import _workbench_data as data
from build_bundle import archive, build, size_mb
from build_deb import build_deb


def first_paint(command: list[str], env: dict, report: Path | None) -> float:
    """Seconds from starting `command` to its window's first paint."""
    started = time.time()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=True)
    painted = report.read_text() if report else done.stdout
    return float(painted.split()[1 if report else 0]) - started


def seconds(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, capture_output=True, check=True, timeout=60)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--bundle", type=Path, help="a bundle already built (skips the build)")
    args = parser.parse_args()
    lines: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="factcheck-bundle-") as scratch:
        folder = Path(scratch)
        if args.bundle is None:
            start = time.perf_counter()
            bundle = build(folder / "dist", folder / "work")
            built = time.perf_counter() - start
            tarball = archive(bundle)
            start = time.perf_counter()
            deb = build_deb(bundle, folder / "dist")
            packed = time.perf_counter() - start
            lines += [
                ("build the bundle (PyInstaller, onedir)", f"{built:.0f} s", "once"),
                ("build the .deb from it (gzip)", f"{packed:.0f} s", "once"),
                ("bundle folder", f"{size_mb(bundle):.0f} MB", ""),
                ("bundle .tar.gz", f"{tarball.stat().st_size / 1e6:.0f} MB", ""),
                (".deb", f"{deb.stat().st_size / 1e6:.0f} MB", ""),
            ]
        else:
            bundle = args.bundle.resolve()
            lines.append(("bundle folder", f"{size_mb(bundle):.0f} MB", ""))
        project = data.demo_project(folder / "demo.db")
        report = folder / "painted.txt"
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "FACTCHECK_SETTINGS": str(folder / "settings.ini"),
            "FACTCHECK_FIRST_PAINT": str(report),
        }
        child = [sys.executable, str(BENCH / "_workbench_start.py")]
        cases = {
            "bare QMainWindow (floor)": ([*child, "bare"], None),
            "console script (pip install)": ([*child, "factcheck", "--db", str(project)], None),
            "bundle": ([str(bundle / "factcheck"), "--db", str(project)], report),
        }
        timings: dict[str, list[float]] = {name: [] for name in cases}
        for command, out in cases.values():  # warm the file cache and the kept assessment
            first_paint(command, env, out)
        for _ in range(args.runs):
            for name, (command, out) in cases.items():
                (folder / "settings.ini").unlink(missing_ok=True)
                timings[name].append(first_paint(command, env, out))
        floor = statistics.median(timings["bare QMainWindow (floor)"])
        for name, values in timings.items():
            median = statistics.median(values)
            lines.append(
                (f"start → first paint: {name}", f"{median * 1000:.0f} ms", f"{median / floor:.2f}× bare")
            )
        script = Path(sys.executable).with_name("factcheck")
        for name, command in (("console script", [str(script)]), ("bundle", [str(bundle / "factcheck")])):
            values = [seconds([*command, "--version"], env) for _ in range(args.runs)]
            lines.append((f"factcheck --version: {name}", f"{statistics.median(values) * 1000:.0f} ms", ""))
    width = max(len(line[0]) for line in lines)
    print()
    for what, value, note in lines:
        print(f"{what.ljust(width)}  {value:>8}  {note}")
    print(f"\nmedians of {args.runs} runs; QT_QPA_PLATFORM=offscreen; {os.cpu_count()} cores")
    print(f"command: python {shlex.join([f'bench/{Path(__file__).name}', *sys.argv[1:]])}")


if __name__ == "__main__":
    main()
