"""`factcheck merge` and `factcheck verify` through the installed console script."""

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.conftest import DATA, REWRITES, SOURCE
from tests.store.test_verify import review

TAMPERING = json.loads((DATA / "merge" / "tampering.json").read_text(encoding="utf-8"))["cases"]


def sqlite_shell(path: Path, script: str) -> None:
    """Edit the file behind the app's back: with the sqlite3 shell where it is installed, else
    with Python's sqlite3 module (the same SQL)."""
    shell = shutil.which("sqlite3")
    if shell:
        subprocess.run([shell, str(path)], input=script, text=True, check=True, capture_output=True)
        return
    conn = sqlite3.connect(path)
    conn.executescript(script)
    conn.close()


def _one_clear_line(result, fragment: str) -> str:
    assert result.returncode == 1, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert lines[0].startswith("factcheck: ") and fragment in lines[0], lines[0]
    return lines[0]


def test_three_reviewers_merged_by_the_lead_verify_ok_until_history_is_edited(run, tmp_path: Path) -> None:
    """The issue's "done means", through the command line: three reviewers review the seed case in
    their own project files, with disagreements; the lead merges them and verifies; then one row
    of history edited with SQLite makes verify fail, naming that event."""
    files = {name: str(tmp_path / f"{name}.db") for name in ("alice", "bob", "carol")}
    for db in files.values():
        assert run("import", "--db", db, "--source", str(SOURCE), *map(str, REWRITES)).returncode == 0
    articles = [
        json.loads(line) for line in run("articles", "--db", files["alice"], "--json").stdout.splitlines()
    ]
    rewrite = next(a["id"] for a in articles if a["role"] == "rewrite" and a["to_review"] > 20)
    rows = [
        json.loads(line)
        for line in run("sentences", "--db", files["alice"], rewrite, "--json").stdout.splitlines()
    ]
    s = [row["id"] for row in rows if not row.get("boilerplate")]
    marks = {
        "alice": [(s[0], "supported"), (s[1], "contradicted"), (s[2], "supported")],
        "bob": [(s[0], "supported"), (s[1], "supported"), (s[2], "unverifiable")],
        "carol": [(s[0], "supported"), (s[1], "contradicted"), (s[3], "unverifiable")],
    }
    for name, decisions in marks.items():
        for sentence, label in decisions:
            result = run(
                "mark", "--db", files[name], "--reviewer", name, sentence, label, "--note", f"{name} read it"
            )
            assert result.returncode == 0, result.stderr
    team = tmp_path / "team.db"

    result = run("merge", "--db", str(team), "--reviewer", "lead", *files.values())
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"merged 3 files into {team}: 9 events added")
    assert "reviewers: alice 3, bob 3, carol 3" in result.stdout
    assert "articles: 3 added" in result.stdout and "conflicts: none" in result.stdout
    verified = run("verify", "--db", str(team))
    assert (verified.returncode, verified.stdout) == (0, "ok\n")

    again = run("merge", "--db", str(team), "--reviewer", "lead", *files.values())
    assert again.returncode == 0 and "0 events added" in again.stdout

    conn = sqlite3.connect(team)
    (edited,) = conn.execute(
        "SELECT id FROM events WHERE reviewer = 'bob' AND sentence_id = ?", [s[1]]
    ).fetchone()
    conn.close()
    sqlite_shell(
        team,
        "DROP TRIGGER events_are_append_only_update;\n"
        f"UPDATE events SET label = 'contradicted' WHERE id = '{edited}';\n",
    )
    broken = run("verify", "--db", str(team))
    assert broken.returncode == 1
    assert broken.stdout.startswith(f"event {edited} ") and "does not match its hash" in broken.stdout


@pytest.mark.parametrize(
    "case",
    [
        "an event's label changed",
        "an event in the middle deleted",
        "an event inserted after the newest",
        "a verdict changed",
    ],
)
def test_verify_names_an_update_deletion_or_insertion_made_with_sqlite(
    run, demo_path: Path, case: str
) -> None:
    review(demo_path)
    spec = TAMPERING[case]
    conn = sqlite3.connect(demo_path)
    (expected,) = conn.execute(spec["names"]).fetchone()
    conn.close()
    assert run("verify", "--db", str(demo_path)).stdout == "ok\n"
    sqlite_shell(demo_path, "".join(f"{statement};\n" for statement in spec["sql"]))
    result = run("verify", "--db", str(demo_path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = result.stdout.strip()
    assert "\n" not in line and expected in line and spec["says"] in line, line


def test_a_bad_file_is_refused_with_one_line_and_the_team_file_left_as_it_was(run, demo_path: Path) -> None:
    review(demo_path)
    team = demo_path.parent / "team.db"
    assert run("merge", "--db", str(team), str(demo_path)).returncode == 0
    before = team.read_bytes()
    link = demo_path.parent / "link.db"
    link.symlink_to(team)
    junk = demo_path.parent / "junk.db"
    junk.write_text("not a project\n")
    _one_clear_line(
        run("merge", "--db", str(team), str(demo_path), str(link)), "is the project being merged into"
    )
    _one_clear_line(run("merge", "--db", str(team), str(junk)), "not an SQLite database")
    assert team.read_bytes() == before


def test_a_refused_merge_into_a_new_team_file_leaves_no_file(run, tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_text("not a project\n")
    _one_clear_line(
        run("merge", "--db", str(tmp_path / "team.db"), str(junk)), "not a factcheck project file"
    )
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith("team.db")]


def test_a_file_failing_verify_is_refused_unless_forced_and_the_report_names_its_event(
    run, demo_path: Path
) -> None:
    review(demo_path)
    spec = TAMPERING["an event's label changed"]
    conn = sqlite3.connect(demo_path)
    (broken,) = conn.execute(spec["names"]).fetchone()
    conn.close()
    sqlite_shell(demo_path, "".join(f"{statement};\n" for statement in spec["sql"]))
    team = str(demo_path.parent / "team.db")
    line = _one_clear_line(run("merge", "--db", team, str(demo_path)), "its history fails verify")
    assert broken in line and "--force" in line
    forced = run("merge", "--db", team, "--force", str(demo_path))
    assert forced.returncode == 0, forced.stderr
    assert "7 events added" in forced.stdout
    assert f"merged although its history fails verify: event {broken}" in forced.stdout
