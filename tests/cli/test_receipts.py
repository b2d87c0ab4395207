"""`factcheck verify --receipt FILE`: a receipt kept apart from the project shows a chain cut at its
newest end or rewritten from the middle, even when the chain heads were edited to match."""

import json
import sqlite3
from pathlib import Path

import pytest

from factcheck.core.events import event_hash
from tests.cli.test_merge_verify import sqlite_shell
from tests.conftest import REWRITES, SOURCE


@pytest.fixture
def marked(run, tmp_path: Path) -> Path:
    db = tmp_path / "review.db"
    assert run("import", "--db", str(db), "--source", str(SOURCE), str(REWRITES[0])).returncode == 0
    rows = [json.loads(line) for line in run("articles", "--db", str(db), "--json").stdout.splitlines()]
    rewrite = next(row["id"] for row in rows if row["role"] == "rewrite")
    sentence = json.loads(run("sentences", "--db", str(db), rewrite, "--json").stdout.splitlines()[2])["id"]
    for label in ("supported", "contradicted", "unverifiable"):
        assert run("mark", "--db", str(db), sentence, label).returncode == 0
    return db


def test_a_receipt_is_written_then_checked_and_advanced(run, marked: Path, tmp_path: Path) -> None:
    receipt = tmp_path / "receipts" / "review.json"
    receipt.parent.mkdir()
    first = run("verify", "--db", str(marked), "--receipt", str(receipt))
    assert (first.returncode, first.stdout.strip()) == (0, "ok")
    assert "wrote the receipt" in first.stderr
    kept = json.loads(receipt.read_text())
    assert [head["seq"] for head in kept["chains"].values()] == [3]
    rows = [json.loads(line) for line in run("articles", "--db", str(marked), "--json").stdout.splitlines()]
    rewrite = next(row["id"] for row in rows if row["role"] == "rewrite")
    sentence = json.loads(run("sentences", "--db", str(marked), rewrite, "--json").stdout.splitlines()[3])[
        "id"
    ]
    assert run("mark", "--db", str(marked), sentence, "supported").returncode == 0
    again = run("verify", "--db", str(marked), "--receipt", str(receipt))
    assert (again.returncode, again.stdout.strip()) == (0, "ok") and "updated the receipt" in again.stderr
    assert [head["seq"] for head in json.loads(receipt.read_text())["chains"].values()] == [4]


def test_a_chain_cut_with_its_head_passes_verify_but_not_the_receipt(
    run, marked: Path, tmp_path: Path
) -> None:
    receipt = tmp_path / "review.receipt"
    assert run("verify", "--db", str(marked), "--receipt", str(receipt)).returncode == 0
    sqlite_shell(
        marked,
        """
        DROP TRIGGER events_are_append_only_delete;
        DELETE FROM events WHERE seq = 3;
        UPDATE chain_heads SET seq = 2, hash = (SELECT hash FROM events WHERE seq = 2);
        UPDATE verdicts SET label = 'contradicted', event_id = (SELECT id FROM events WHERE seq = 2),
            decided_at = (SELECT decided_at FROM events WHERE seq = 2);
        """,
    )
    assert run("verify", "--db", str(marked)).stdout.strip() == "ok", (
        "three coordinated edits fool verify alone"
    )
    before = receipt.read_bytes()
    result = run("verify", "--db", str(marked), "--receipt", str(receipt))
    assert result.returncode == 1
    assert "was cut" in result.stdout and "saw its event seq 3, which is missing" in result.stdout
    assert receipt.read_bytes() == before, "a failed check leaves the receipt as it was"


def test_a_chain_recomputed_from_the_middle_fails_the_receipt(run, marked: Path, tmp_path: Path) -> None:
    receipt = tmp_path / "review.receipt"
    assert run("verify", "--db", str(marked), "--receipt", str(receipt)).returncode == 0
    conn = sqlite3.connect(marked)
    conn.execute("DROP TRIGGER events_are_append_only_update")
    columns = "id origin seq kind sentence_id reviewer label previous_label evidence note included via"
    columns += " decided_at prev_hash suggestion"
    names = columns.split()
    prev = conn.execute("SELECT hash FROM events WHERE seq = 1").fetchone()[0]
    for seq in (2, 3):
        row = dict(
            zip(
                names,
                conn.execute(f"SELECT {', '.join(names)} FROM events WHERE seq = ?", [seq]).fetchone(),
                strict=True,
            )
        )
        row["note"] = "forged" if seq == 2 else row["note"]
        row["prev_hash"] = prev
        row["included"] = None if row["included"] is None else bool(row["included"])
        prev = event_hash(**row)
        conn.execute(
            "UPDATE events SET note = ?, prev_hash = ?, hash = ? WHERE seq = ?",
            [row["note"], row["prev_hash"], prev, seq],
        )
    conn.execute("UPDATE chain_heads SET hash = ?", [prev])
    conn.execute("UPDATE verdicts SET note = (SELECT note FROM events WHERE seq = 3)")
    conn.commit()
    conn.close()
    assert run("verify", "--db", str(marked)).stdout.strip() == "ok", "a recomputed chain fools verify alone"
    result = run("verify", "--db", str(marked), "--receipt", str(receipt))
    assert result.returncode == 1 and "was rewritten" in result.stdout


@pytest.mark.parametrize(
    ("content", "fragment"),
    [(b"not json", "not a factcheck receipt"), (b'{"format": "something else"}', "not a factcheck receipt")],
)
def test_a_file_that_is_not_a_receipt_is_refused_and_left_alone(
    run, marked: Path, tmp_path: Path, content, fragment
) -> None:
    receipt = tmp_path / "bad.receipt"
    receipt.write_bytes(content)
    result = run("verify", "--db", str(marked), "--receipt", str(receipt))
    assert result.returncode == 1 and fragment in result.stderr and "Traceback" not in result.stderr
    assert receipt.read_bytes() == content


def test_a_receipt_of_another_project_is_refused(run, marked: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    assert run("import", "--db", str(other), "--source", str(SOURCE)).returncode == 0
    receipt = tmp_path / "other.receipt"
    assert run("verify", "--db", str(other), "--receipt", str(receipt)).returncode == 0
    result = run("verify", "--db", str(marked), "--receipt", str(receipt))
    assert result.returncode == 1 and "a receipt of another project file" in result.stderr


def test_the_project_file_is_never_taken_for_a_receipt(run, marked: Path) -> None:
    result = run("verify", "--db", str(marked), "--receipt", str(marked))
    assert result.returncode == 1 and "is the project file itself" in result.stderr
