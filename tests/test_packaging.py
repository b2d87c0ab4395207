"""What `pip install .` ships, and the desktop identity the app shares with its packaging."""

import configparser
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from factcheck import APP_ID
from tests.conftest import ROOT, SEEDS


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
