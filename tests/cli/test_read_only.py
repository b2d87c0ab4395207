"""A project in a folder the user cannot write: commands that only read still work, where SQLite
allows it; the others say that the folder is read-only; the file is left exactly as it was.

As root (CI) permissions do not stop writing, so the folder is mounted read-only in a mount
namespace of the command's own (`unshare --mount`); as another user it is made read-only with chmod."""

import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from tests.cli.conftest import SCRIPT
from tests.conftest import REWRITES, SOURCE


def _in_read_only_folder(folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTCHECK_")}
    command = [str(SCRIPT), *args]
    if os.geteuid() == 0:
        if not shutil.which("unshare"):
            pytest.fail("running as root needs unshare (util-linux) to make a folder read-only")
        script = f'mount --bind "{folder}" "{folder}" && mount -o remount,ro,bind "{folder}" && exec "$@"'
        command = ["unshare", "--mount", "sh", "-c", script, "sh", *command]
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    mode = folder.stat().st_mode
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    finally:
        folder.chmod(mode)


@pytest.fixture
def shelved(run, tmp_path: Path) -> Path:
    """A reviewed project, closed cleanly (no -wal beside it), in a folder of its own."""
    folder = tmp_path / "shelf"
    folder.mkdir()
    db = folder / "review.db"
    assert run("import", "--db", str(db), "--source", str(SOURCE), *map(str, REWRITES)).returncode == 0
    rows = [json.loads(line) for line in run("articles", "--db", str(db), "--json").stdout.splitlines()]
    rewrite = next(row["id"] for row in rows if row["role"] == "rewrite")
    sentence = json.loads(run("sentences", "--db", str(db), rewrite, "--json").stdout.splitlines()[1])["id"]
    assert run("mark", "--db", str(db), sentence, "supported").returncode == 0
    assert sorted(p.name for p in folder.iterdir()) == ["review.db"]
    return db


@pytest.mark.parametrize("command", [["articles"], ["export"], ["verify"], ["audit"], ["articles", "--json"]])
def test_reading_commands_work_in_a_read_only_folder(shelved: Path, command: list[str]) -> None:
    before = shelved.read_bytes()
    result = _in_read_only_folder(shelved.parent, *command, "--db", str(shelved))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert shelved.read_bytes() == before
    assert sorted(p.name for p in shelved.parent.iterdir()) == ["review.db"]


def test_a_decision_in_a_read_only_folder_is_refused_with_the_reason(shelved: Path, run) -> None:
    rows = [json.loads(line) for line in run("articles", "--db", str(shelved), "--json").stdout.splitlines()]
    rewrite = next(row["id"] for row in rows if row["role"] == "rewrite")
    sentence = json.loads(run("sentences", "--db", str(shelved), rewrite, "--json").stdout.splitlines()[2])[
        "id"
    ]
    before = shelved.read_bytes()
    result = _in_read_only_folder(shelved.parent, "mark", "--db", str(shelved), sentence, "contradicted")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"the folder {shelved.parent} is read-only" in lines[0], result.stderr
    assert "the project file is read-only" not in result.stderr
    assert shelved.read_bytes() == before
