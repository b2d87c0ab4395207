"""Build the standalone bundle: `dist/factcheck/`, a folder with a `factcheck` executable and
everything it needs (Python, Qt, the demo, the icon), and `dist/factcheck-VERSION-linux-ARCH.tar.gz`.

    python packaging/build_bundle.py [--dist DIR] [--work DIR] [--no-archive]

Needs the `test` extra (PyInstaller) in the running Python, which is also the Python that gets
frozen. Nothing is downloaded: factcheck is installed from this checkout into a folder of the work
directory (as `pip install .` would lay it out) and frozen from there.
"""

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"


def build(dist: Path, work: Path) -> Path:
    """Freeze factcheck into `dist/factcheck`; return that folder."""
    site = work / "site"
    shutil.rmtree(site, ignore_errors=True)
    # The package as a wheel installs it (resources/ and seeds/ inside factcheck/), not the checkout.
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-compile", "--target", str(site), str(ROOT)],
        check=True,
    )  # fmt: skip
    env = {**os.environ, "FACTCHECK_SITE": str(site)}
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work / "pyinstaller"), str(PACKAGING / "factcheck.spec")],
        check=True,
        env=env,
    )  # fmt: skip
    bundle = dist / "factcheck"
    strip(bundle)
    return bundle


def strip(bundle: Path) -> None:
    """Strip the symbols from the bundle's shared libraries (a fifth of its size), except those
    that auditwheel rewrote with patchelf (the `*.libs` folders of wheels such as numpy's), which
    stripping breaks ("ELF load command address/offset not page-aligned")."""
    if shutil.which("strip") is None:
        return
    libraries = [
        path
        for path in bundle.rglob("*")
        if path.is_file()
        and not path.is_symlink()
        and not any(part.endswith(".libs") for part in path.relative_to(bundle).parts)
        and _is_elf(path)
    ]
    subprocess.run(["strip", "--strip-unneeded", *map(str, libraries)], check=True)


def _is_elf(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(4) == b"\x7fELF"


def archive(bundle: Path) -> Path:
    """The bundle as a tarball, to unpack anywhere: `factcheck/factcheck` inside."""
    version = _version()
    path = bundle.parent / f"factcheck-{version}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        tar.add(bundle, arcname="factcheck")
    return path


def _version() -> str:
    namespace: dict = {}
    exec((ROOT / "factcheck" / "__init__.py").read_text(encoding="utf-8"), namespace)
    return namespace["__version__"]


def size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink()) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the bundle goes (dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bundle", help="scratch folder")
    parser.add_argument("--no-archive", action="store_true", help="leave out the .tar.gz")
    args = parser.parse_args()
    start = time.perf_counter()
    bundle = build(args.dist.resolve(), args.work.resolve())
    print(f"bundle: {bundle} ({size_mb(bundle):.0f} MB) in {time.perf_counter() - start:.0f} s")
    if not args.no_archive:
        tarball = archive(bundle)
        print(f"archive: {tarball} ({tarball.stat().st_size / 1e6:.0f} MB)")


if __name__ == "__main__":
    main()
