"""Build the Debian package from the standalone bundle: `dist/factcheck_VERSION_ARCH.deb`.

    python packaging/build_deb.py [--bundle dist/factcheck] [--dist DIR] [--xz]

It installs the bundle in /opt/factcheck, `factcheck` in /usr/bin (a link to it), the desktop
entry, the icon (hicolor, scalable) and the AppStream metainfo in the standard places; Depends
names the system libraries Qt's X11 and Wayland platforms load. Build the bundle first
(`python packaging/build_bundle.py`); this needs dpkg-deb, nothing else.
"""

import argparse
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from build_bundle import ROOT, _version, size_mb

PACKAGING = ROOT / "packaging"
APP_ID = "org.factcheck.Factcheck"

# What Qt's platform plugins load from the system (the bundle carries Qt and Python themselves).
# Debian 13 renamed some libraries for the 64-bit time transition: either name will do.
DEPENDS = (
    "libc6 (>= 2.36), libegl1, libgl1, libfontconfig1, libfreetype6, libdbus-1-3,"
    " libglib2.0-0t64 | libglib2.0-0, libxkbcommon0, libxkbcommon-x11-0, libx11-6, libx11-xcb1,"
    " libxcb1, libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0,"
    " libxcb-render-util0, libxcb-shape0, libxcb-xinerama0, libxcb-xkb1"
)
RECOMMENDS = "libwayland-client0, libwayland-cursor0, libwayland-egl1"
"""For Qt's native Wayland platform; without them the window opens through XWayland."""
DESCRIPTION = """\
Review rewritten news articles against their canonical source
 factcheck shows a rewritten news article beside its canonical source, splits
 the rewrite into sentences, and lets a fact-checker mark each sentence
 supported, contradicted or unverifiable with the evidence passage and a note.
 Every decision is saved the moment it is made. Verdicts export to a
 spreadsheet workbook, CSV for Excel, or schema.org ClaimReview JSON-LD for
 publishing. It works offline.
 .
 This package carries its own Python and Qt in /opt/factcheck."""

COPYRIGHT = """\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: factcheck

Files: *
Copyright: The factcheck authors
License: MIT
 Permission is hereby granted, free of charge, to any person obtaining a copy of
 this software and associated documentation files (the "Software"), to deal in
 the Software without restriction, including without limitation the rights to
 use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies
 of the Software, and to permit persons to whom the Software is furnished to do
 so, subject to the following conditions:
 .
 The above copyright notice and this permission notice shall be included in all
 copies or substantial portions of the Software.
 .
 THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
 IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
 FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
 AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
 LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
 OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
 SOFTWARE.
 .
 The bundled Python, Qt (LGPLv3) and Python libraries keep their own licences,
 found beside them in /opt/factcheck/_internal."""


def build_deb(bundle: Path, dist: Path, xz: bool = False) -> Path:
    """Lay out the package's files under a staging folder and pack them with dpkg-deb."""
    architecture = subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()
    version = _version()
    with tempfile.TemporaryDirectory(prefix="factcheck-deb-") as folder:
        root = Path(folder) / "root"
        shutil.copytree(bundle, root / "opt" / "factcheck", symlinks=True)
        (root / "usr" / "bin").mkdir(parents=True)
        # Relative, so that the tree works wherever it is unpacked (dpkg-deb -x) as well as in /.
        os.symlink("../../opt/factcheck/factcheck", root / "usr" / "bin" / "factcheck")
        share = root / "usr" / "share"
        _install(PACKAGING / f"{APP_ID}.desktop", share / "applications" / f"{APP_ID}.desktop")
        _install(
            ROOT / "resources" / "factcheck.svg", share / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg"
        )
        _install(PACKAGING / f"{APP_ID}.metainfo.xml", share / "metainfo" / f"{APP_ID}.metainfo.xml")
        (share / "doc" / "factcheck").mkdir(parents=True)
        (share / "doc" / "factcheck" / "copyright").write_text(COPYRIGHT + "\n", encoding="utf-8")
        control = root / "DEBIAN" / "control"
        control.parent.mkdir()
        control.write_text(
            f"Package: factcheck\nVersion: {version}\nArchitecture: {architecture}\n"
            "Maintainer: The factcheck authors <factcheck@localhost>\nSection: utils\nPriority: optional\n"
            f"Installed-Size: {round(size_mb(root) * 1e6 / 1024)}\n"
            f"Depends: {DEPENDS}\nRecommends: {RECOMMENDS}\n"
            f"Description: {DESCRIPTION}\n",
            encoding="utf-8",
        )
        for path in root.rglob("*"):  # dpkg wants 0755 folders and no group- or world-writable files
            if not path.is_symlink():
                path.chmod(path.stat().st_mode & ~0o022 | (0o755 if path.is_dir() else 0))
        dist.mkdir(parents=True, exist_ok=True)
        out = dist / f"factcheck_{version}_{architecture}.deb"
        subprocess.run(
            ["dpkg-deb", "--root-owner-group", "-Zxz" if xz else "-Zgzip", "--build", str(root), str(out)],
            check=True,
            capture_output=True,
        )
    return out


def _install(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(0o644)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "factcheck", help="the built bundle")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the .deb goes (dist/)")
    parser.add_argument(
        "--xz", action="store_true", help="compress with xz: a third smaller, five times slower to build"
    )
    args = parser.parse_args()
    if not (args.bundle / "factcheck").is_file():
        parser.error(f"no bundle at {args.bundle}: build it first with python packaging/build_bundle.py")
    out = build_deb(args.bundle.resolve(), args.dist.resolve(), args.xz)
    print(f"package: {out} ({out.stat().st_size / 1e6:.0f} MB)")


if __name__ == "__main__":
    main()
