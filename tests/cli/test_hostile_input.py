"""Hostile input through the installed console script: paths that are not files, option values no
user means, arguments that are not UTF-8, project files made to break a merge. Each gets one clear
line on stderr and exit 1, and leaves the project byte for byte as it was.

(The committed bad files are in tests/data/bad_input/ and tests/data/csv/; these are the cases that
cannot be committed: they are made here, at run time.)"""

import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from factcheck.core.events import event_hash
from tests.cli.conftest import SCRIPT
from tests.conftest import REWRITES, SOURCE


def _one_clear_line(result, fragment: str) -> None:
    stderr = result.stderr if isinstance(result.stderr, str) else result.stderr.decode("utf-8", "replace")
    assert result.returncode == 1, (result.returncode, stderr)
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    assert lines[0].startswith("factcheck: ") and fragment in lines[0], lines[0]


@pytest.fixture
def db(run, tmp_path: Path) -> str:
    path = str(tmp_path / "review.db")
    assert run("import", "--db", path, "--source", str(SOURCE), *map(str, REWRITES)).returncode == 0
    return path


def _sentence(run, db: str) -> str:
    rows = [json.loads(line) for line in run("articles", "--db", db, "--json").stdout.splitlines()]
    rewrite = next(row["id"] for row in rows if row["role"] == "rewrite")
    return json.loads(run("sentences", "--db", db, rewrite, "--json").stdout.splitlines()[1])["id"]


def _paths(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Paths that are no article file, each with what refusing it must say."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "gone.txt")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as file:
        file.truncate(50_000_001)  # sparse: costs no disk
    plain = tmp_path / "plain.txt"
    plain.write_text("A claim.\n")
    return {
        "a pipe": (fifo, "not a regular file"),
        "/dev/zero": (Path("/dev/zero"), "not a regular file"),
        "/dev/null": (Path("/dev/null"), "not a regular file"),
        "a folder": (tmp_path, "a folder, not a file"),
        "a symlink loop": (loop, "cannot be read: too many levels of symbolic links"),
        "a dangling symlink": (dangling, "no such file"),
        "a path through a file": (plain / "inside.txt", "no such file"),
        "a name too long": (tmp_path / ("x" * 300), "cannot be read: file name too long"),
        "a file over 50 MB": (huge, "too large for an article (50.0 MB; the limit is 50 MB)"),
        "an unreadable file": (Path("/proc/self/mem"), "cannot be read: input/output error"),
    }


PATH_CASES = [
    "a pipe",
    "/dev/zero",
    "/dev/null",
    "a folder",
    "a symlink loop",
    "a dangling symlink",
    "a path through a file",
    "a name too long",
    "a file over 50 MB",
    "an unreadable file",
]


@pytest.mark.parametrize("case", PATH_CASES)
def test_a_path_that_is_no_article_file_imports_nothing(run, db: str, tmp_path: Path, case: str) -> None:
    (tmp_path / "made").mkdir()
    path, fragment = _paths(tmp_path / "made")[case]
    before = Path(db).read_bytes()
    _one_clear_line(run("import", "--db", db, "--source", str(SOURCE), str(path)), fragment)
    assert Path(db).read_bytes() == before


@pytest.mark.parametrize("case", ["a pipe", "/dev/zero", "a folder", "a symlink loop", "an unreadable file"])
def test_a_path_that_is_no_csv_file_imports_no_verdicts(run, db: str, tmp_path: Path, case: str) -> None:
    (tmp_path / "made").mkdir()
    path, _ = _paths(tmp_path / "made")[case]
    before = Path(db).read_bytes()
    result = run("import-verdicts", "--db", db, str(path))
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert Path(db).read_bytes() == before


def test_a_file_name_that_is_not_utf8_is_imported_under_a_readable_name(run, db: str, tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(name, "wb") as file:
        file.write(b"A headline\n\nA claim about the plan.\n")
    result = subprocess.run(
        [str(SCRIPT), "import", "--db", db, "--source", str(SOURCE), name], capture_output=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in run("articles", "--db", db, "--json").stdout.splitlines()]
    assert any(row["title"] == "A headline" for row in rows)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (
            ["mark", "{sentence}", "supported", "--evidence", "1-" + "9" * 5000],
            "is not START-END with START < END",
        ),
        (
            ["mark", "{sentence}", "supported", "--evidence", "1-999999999999999999"],
            "not a passage of the source",
        ),
        (["mark", "{sentence}", "supported", "--evidence=-1-5"], "is not START-END"),
        (["mark", "{sentence}", "supported", "--note", "x" * 100_001], "the note is too long"),
        (["mark", "{sentence}", "supported", "--reviewer", "al\x1bice"], "contains control characters"),
        (["mark", "{sentence}", "supported", "--reviewer", "   "], "the reviewer's name is empty"),
        (["mark", "{sentence}" + "0" * 5000, "supported"], "no sentence with id"),
        (["mark", "{sentence}", "s" * 5000], "unknown verdict"),
        (["sentences", "%"], "no article with id '%'"),
        (["sentences", "_"], "no article with id '_'"),
        (["sentences", "'; DROP TABLE articles; --"], "no article with id"),
    ],
)
def test_an_option_no_user_means_changes_nothing(run, db: str, args: list[str], fragment: str) -> None:
    sentence = _sentence(run, db)
    before = Path(db).read_bytes()
    _one_clear_line(run(*[a.replace("{sentence}", sentence) for a in args], "--db", db), fragment)
    assert Path(db).read_bytes() == before


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ([b"mark", b"{sentence}\xff", b"supported"], "the sentence given is not valid UTF-8 text"),
        (
            [b"mark", b"{sentence}", b"supported", b"--note", b"caf\xe9"],
            "the note given is not valid UTF-8 text",
        ),
        (
            [b"mark", b"{sentence}", b"supported", b"--reviewer", b"Jos\xe9"],
            "the reviewer given is not valid",
        ),
        ([b"sentences", b"\xff\xfe"], "the article given is not valid UTF-8 text"),
    ],
)
def test_arguments_that_are_not_utf8_are_refused(run, db: str, args: list[bytes], fragment: str) -> None:
    sentence = _sentence(run, db).encode()
    before = Path(db).read_bytes()
    argv = [str(SCRIPT).encode(), *(a.replace(b"{sentence}", sentence) for a in args), b"--db", db.encode()]
    result = subprocess.run(argv, capture_output=True, timeout=120)
    _one_clear_line(result, fragment)
    assert Path(db).read_bytes() == before


def test_a_reviewer_from_the_environment_that_is_not_utf8_is_refused(run, db: str) -> None:
    sentence = _sentence(run, db)
    before = Path(db).read_bytes()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTCHECK_")}
    environ = {os.fsencode(k): os.fsencode(v) for k, v in env.items()} | {b"FACTCHECK_REVIEWER": b"Jos\xe9"}
    result = subprocess.run(
        [str(SCRIPT), "mark", "--db", db, sentence, "supported"],
        capture_output=True,
        env=environ,
        timeout=120,
    )
    _one_clear_line(result, "the reviewer's name is not valid UTF-8 text")
    assert Path(db).read_bytes() == before


def _hostile_project(run, path: Path, sql: str) -> Path:
    """A reviewer's project file, then edited by someone who means harm."""
    assert run("import", "--db", str(path), "--source", str(SOURCE), str(REWRITES[0])).returncode == 0
    sentence = _sentence(run, str(path))
    assert run("mark", "--db", str(path), "--reviewer", "mallory", sentence, "supported").returncode == 0
    conn = sqlite3.connect(path)
    conn.executescript(sql)
    conn.close()
    return path


@pytest.mark.parametrize(
    ("sql", "fragment"),
    [
        (
            "DROP TRIGGER events_are_append_only_update;"
            " UPDATE events SET decided_at = '9999-01-01T00:00:00.000000Z';",
            "its history fails verify",
        ),
        ("UPDATE articles SET title = 'Nothing to see' WHERE role = 'rewrite';", "its history fails verify"),
        (
            "DELETE FROM sentences WHERE rowid = (SELECT max(rowid) FROM sentences);",
            "its history fails verify",
        ),
        ("DROP TABLE verdicts;", "the file is damaged"),
        ("DELETE FROM _sqlite_migrations WHERE name = 'm001_articles';", "schema steps was changed behind"),
        (
            "INSERT INTO _sqlite_migrations (migration_set, name) VALUES ('factcheck', 'm999_future');",
            "newer version",
        ),
        ("PRAGMA application_id = 7;", "not a factcheck project"),
        ("PRAGMA user_version = 1; CREATE TABLE extra (x); DROP TABLE ledger;", "the ledger is missing"),
    ],
)
def test_a_hostile_project_file_merges_nothing(run, db: str, tmp_path: Path, sql: str, fragment: str) -> None:
    hostile = _hostile_project(run, tmp_path / "hostile.db", sql)
    before = Path(db).read_bytes()
    kept = hostile.read_bytes()
    _one_clear_line(run("merge", "--db", db, "--reviewer", "lead", str(hostile)), fragment)
    assert Path(db).read_bytes() == before
    assert hostile.read_bytes() == kept, "the merged file is never written"


def test_a_project_dated_in_the_future_with_a_sound_history_merges_nothing(
    run, db: str, tmp_path: Path
) -> None:
    """A file whose events are all dated ahead (a clock set wrong): verify cannot tell, the merge can."""
    hostile = tmp_path / "ahead.db"
    assert run("import", "--db", str(hostile), "--source", str(SOURCE), str(REWRITES[0])).returncode == 0
    sentence = _sentence(run, str(hostile))
    csv = tmp_path / "ahead.csv"
    csv.write_text(
        f"sentence_id,verdict,reviewer,decided_at\r\n{sentence},supported,mallory,2000-01-01T00:00:00Z\r\n"
    )
    assert run("import-verdicts", "--db", str(hostile), str(csv)).returncode == 0
    conn = sqlite3.connect(hostile)
    (event_id,) = conn.execute("SELECT id FROM events").fetchone()
    conn.close()
    assert run("verify", "--db", str(hostile)).stdout.strip() == "ok"
    # Now push it ahead as a machine with its clock set wrong would have written it.
    conn = sqlite3.connect(hostile)
    columns = "id origin seq kind sentence_id reviewer label previous_label evidence note included via"
    columns = (columns + " decided_at prev_hash suggestion").split()
    row = dict(zip(columns, conn.execute(f"SELECT {', '.join(columns)} FROM events").fetchone(), strict=True))
    row["decided_at"] = "2999-01-01T00:00:00.000000Z"
    row["included"] = None if row["included"] is None else bool(row["included"])
    digest = event_hash(**row)
    conn.executescript("DROP TRIGGER events_are_append_only_update;")
    conn.execute("UPDATE events SET decided_at = ?, hash = ?", [row["decided_at"], digest])
    conn.execute("UPDATE chain_heads SET hash = ?", [digest])
    conn.execute("UPDATE verdicts SET decided_at = ?", [row["decided_at"]])
    conn.commit()
    conn.close()
    assert run("verify", "--db", str(hostile)).stdout.strip() == "ok"
    before = Path(db).read_bytes()
    _one_clear_line(
        run("merge", "--db", db, "--reviewer", "lead", str(hostile)), f"event {event_id} is dated 2999"
    )
    assert Path(db).read_bytes() == before
