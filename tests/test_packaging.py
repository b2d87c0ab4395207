"""What `pip install .` ships, the desktop identity the app shares with its packaging, and the
standalone bundle and Debian package (built once per session: about a minute)."""

import configparser
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from factcheck import APP_ID, __version__
from tests.conftest import REWRITES, ROOT, SEEDS, SOURCE

PACKAGING = ROOT / "packaging"


def test_the_wheel_carries_resources_seeds_and_data(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("factcheck-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "factcheck/resources/factcheck.svg" in names
    assert {f"factcheck/seeds/{p.name}" for p in SEEDS.glob("0*.txt")} <= names
    assert "factcheck/core/data/boilerplate.json" in names
    assert any(n.endswith("entry_points.txt") for n in names)


def test_desktop_entry_and_metainfo_use_the_apps_id() -> None:
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.read(ROOT / "packaging" / f"{APP_ID}.desktop")
    entry = desktop["Desktop Entry"]
    assert entry["Exec"] == "factcheck" and entry["Icon"] == APP_ID and entry["Type"] == "Application"
    metainfo = ElementTree.parse(ROOT / "packaging" / f"{APP_ID}.metainfo.xml").getroot()
    assert metainfo.findtext("id") == APP_ID
    assert metainfo.findtext("launchable") == f"{APP_ID}.desktop"
    assert (ROOT / "resources" / "factcheck.svg").read_text().lstrip().startswith("<svg")


def test_the_running_app_announces_the_same_id(qapp) -> None:
    from factcheck.ui.app import application

    assert application().desktopFileName() == APP_ID
    assert not application().windowIcon().isNull()


# ----------------------------------------------------------------- desktop files
def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: install Debian's {package} (.ci/dev does)")
    return path


def test_the_desktop_entry_passes_desktop_file_validate() -> None:
    result = subprocess.run(
        [_tool("desktop-file-validate", "desktop-file-utils"), str(PACKAGING / f"{APP_ID}.desktop")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout


def test_the_metainfo_passes_appstreamcli_validate() -> None:
    result = subprocess.run(
        [
            _tool("appstreamcli", "appstream"),
            "validate",
            "--no-net",
            "--strict",
            str(PACKAGING / f"{APP_ID}.metainfo.xml"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


# ----------------------------------------------------------------- the standalone bundle
@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle, built once per test session as packaging/build_bundle.py builds it."""
    folder = tmp_path_factory.mktemp("bundle")
    subprocess.run(
        [sys.executable, str(PACKAGING / "build_bundle.py"), "--dist", str(folder / "dist"),
         "--work", str(folder / "work"), "--no-archive"],
        check=True,
        capture_output=True,
        timeout=900,
    )  # fmt: skip
    return folder / "dist" / "factcheck"


def _without_python(tmp_path: Path) -> dict:
    """An environment in which no Python can be found: no PATH to one, no PYTHON* variables, the
    default project and the window's settings in this test's folder."""
    return {
        "PATH": "/nonexistent",
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "FACTCHECK_SETTINGS": str(tmp_path / "settings.ini"),
        "FACTCHECK_REVIEWER": "alice",
        "LANG": "C.UTF-8",
    }


def _bundled(executable: Path, tmp_path: Path, *args: str, extra: dict | None = None) -> str:
    result = subprocess.run(
        [str(executable), *args],
        capture_output=True,
        text=True,
        env={**_without_python(tmp_path), **(extra or {})},
        timeout=120,
    )
    assert result.returncode == 0, f"{args}: {result.stderr}"
    return result.stdout


@pytest.mark.slow
def test_the_bundle_runs_every_subcommand_without_python(bundle: Path, tmp_path: Path) -> None:
    factcheck = bundle / "factcheck"
    assert _bundled(factcheck, tmp_path, "--version").strip() == f"factcheck {__version__}"
    # The default project starts with the demo, read from the bundle's own copy of seeds/.
    articles = [json.loads(line) for line in _bundled(factcheck, tmp_path, "articles", "--json").splitlines()]
    assert [a["role"] for a in articles] == ["source", "rewrite", "rewrite"]
    rewrite = articles[1]["id"]
    sentences = [
        json.loads(s) for s in _bundled(factcheck, tmp_path, "sentences", rewrite, "--json").splitlines()
    ]
    _bundled(
        factcheck,
        tmp_path,
        "mark",
        sentences[0]["id"],
        "contradicted",
        "--note",
        "=1+1",
        "--evidence",
        "0-40",
    )
    _bundled(factcheck, tmp_path, "mark", sentences[1]["id"], "supported")
    rows = list(csv.DictReader(io.StringIO(_bundled(factcheck, tmp_path, "export"), newline="")))
    assert [(r["verdict"], r["note"]) for r in rows] == [("contradicted", "'=1+1"), ("supported", "")]
    out = tmp_path / "verdicts.xlsx"
    _bundled(factcheck, tmp_path, "export", "--format", "xlsx", "-o", str(out))
    assert zipfile.ZipFile(out).read("xl/workbook.xml").count(b"<sheet ") == 2
    _bundled(
        factcheck, tmp_path, "settings", "--organisation", "Example", "--base-url", "https://fc.example/"
    )
    reviews = json.loads(_bundled(factcheck, tmp_path, "export", "--format", "claimreview"))
    assert [r["reviewRating"]["alternateName"] for r in reviews] == [
        "Contradicted by the source",
        "Supported by the source",
    ]
    excel = tmp_path / "excel.csv"
    _bundled(factcheck, tmp_path, "export", "--bom", "-o", str(excel))
    other = tmp_path / "other.db"
    _bundled(factcheck, tmp_path, "import", "--db", str(other), "--source", str(SOURCE), *map(str, REWRITES))
    assert "imported 2 verdicts" in _bundled(
        factcheck, tmp_path, "import-verdicts", "--db", str(other), str(excel)
    )
    assert "flags" in _bundled(
        factcheck, tmp_path, "align", "--source", str(SOURCE), str(REWRITES[0]), "--json"
    )
    team = tmp_path / "team.db"
    assert "events" in _bundled(factcheck, tmp_path, "merge", "--db", str(team), str(other))
    assert _bundled(factcheck, tmp_path, "verify", "--db", str(team)).strip() == "ok"
    report = tmp_path / "audit.html"
    _bundled(factcheck, tmp_path, "audit", "--db", str(team), "--format", "html", "-o", str(report))
    assert report.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


@pytest.mark.slow
def test_the_bundle_opens_the_window_until_its_first_paint(bundle: Path, tmp_path: Path) -> None:
    painted = tmp_path / "painted.txt"
    extra = {"QT_QPA_PLATFORM": "offscreen", "FACTCHECK_FIRST_PAINT": str(painted)}
    _bundled(bundle / "factcheck", tmp_path, extra=extra)
    seconds, _ = painted.read_text().split()
    assert float(seconds) > 0
    assert (tmp_path / "data" / "factcheck" / "factcheck.db").exists()  # it opened the default project


@pytest.mark.slow
def test_the_bundle_holds_the_icon_and_the_demo_but_not_unused_qt(bundle: Path) -> None:
    internal = bundle / "_internal"
    assert (internal / "factcheck" / "resources" / "factcheck.svg").is_file()
    assert {p.name for p in (internal / "factcheck" / "seeds").glob("*.txt")} == {
        p.name for p in SEEDS.glob("0*.txt")
    }
    qt = {p.name.split(".")[0] for p in (internal / "PySide6").glob("Qt*.so")}
    assert qt == {"QtCore", "QtGui", "QtWidgets"}
    assert not list(internal.rglob("*openpyxl*")) and not list(internal.rglob("PyInstaller"))


@pytest.mark.slow
def test_the_deb_installs_the_app_in_the_standard_places(bundle: Path, tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(PACKAGING / "build_deb.py"), "--bundle", str(bundle), "--dist", str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (deb,) = tmp_path.glob(f"factcheck_{__version__}_*.deb")
    fields = subprocess.run(
        ["dpkg-deb", "--field", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    assert "Package: factcheck" in fields and "libxcb-cursor0" in fields
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    share = root / "usr" / "share"
    assert (share / "applications" / f"{APP_ID}.desktop").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert (root / "opt" / "factcheck" / "factcheck").is_file()
    # /usr/bin/factcheck is a link into /opt/factcheck, and works from there.
    assert os.readlink(root / "usr" / "bin" / "factcheck") == "../../opt/factcheck/factcheck"
    assert (
        _bundled(root / "usr" / "bin" / "factcheck", tmp_path, "--version").strip()
        == f"factcheck {__version__}"
    )
    # The installed tree as AppStream sees it: the metainfo, its desktop entry and its icon together.
    result = subprocess.run(
        [_tool("appstreamcli", "appstream"), "validate-tree", "--no-net", str(root)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout
