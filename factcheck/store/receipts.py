"""Receipts: a small file, kept apart from the project, that records the newest event of each chain
and the ledger's newest record. A chain can be cut at its newest end, or recomputed from the
middle, by someone who edits the file and its chain heads together; checked against a receipt
kept elsewhere, both show: the event (or record) the receipt saw is missing or has another hash.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from factcheck.core.errors import BadInput
from factcheck.core.events import format_time, now
from factcheck.store.export import write_atomically
from factcheck.store.locks import refuse_project_file
from factcheck.store.project import Project

FORMAT = "factcheck receipt 1"
_MAX_BYTES = 10_000_000


@dataclass(frozen=True, slots=True)
class Receipt:
    origin: str
    """The project file it is a receipt of (its origin)."""
    written_at: str
    chains: dict[str, tuple[int, str]]
    """(seq, hash) of the newest event of each origin's chain."""
    ledger: tuple[int, str] | None
    """(seq, hash) of the ledger's newest record."""


def receipt_of(project: Project) -> Receipt:
    conn = project.conn
    chains = {
        origin: (seq, hash_)
        for origin, seq, hash_ in conn.execute("SELECT origin, seq, hash FROM chain_heads ORDER BY origin")
    }
    head = conn.execute("SELECT seq, hash FROM ledger_head").fetchone()
    return Receipt(project.origin or "", format_time(now()), chains, tuple(head) if head else None)


def read_receipt(path: Path) -> Receipt:
    """The receipt in `path`; BadInput (one line) for anything that is not one."""
    refuse_project_file(path, "read a receipt from")
    try:
        if path.stat().st_size > _MAX_BYTES:
            raise BadInput(f"{path}: too large for a receipt")
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise BadInput(f"{path}: not a factcheck receipt")
        chains = {
            str(origin): (int(head["seq"]), str(head["hash"]))
            for origin, head in dict(data["chains"]).items()
        }
        ledger = data.get("ledger")
        return Receipt(
            origin=str(data["project"]),
            written_at=str(data["written_at"]),
            chains=chains,
            ledger=(int(ledger["seq"]), str(ledger["hash"])) if ledger else None,
        )
    except OSError as error:
        raise BadInput(f"{path}: cannot read the receipt ({error.strerror})") from None
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        raise BadInput(f"{path}: not a factcheck receipt (unreadable or incomplete)") from None


def write_receipt(path: Path, receipt: Receipt) -> None:
    data = {
        "format": FORMAT,
        "project": receipt.origin,
        "written_at": receipt.written_at,
        "chains": {origin: {"seq": seq, "hash": hash_} for origin, (seq, hash_) in receipt.chains.items()},
        "ledger": {"seq": receipt.ledger[0], "hash": receipt.ledger[1]} if receipt.ledger else None,
    }
    write_atomically(path, lambda file: file.write(json.dumps(data, indent=1) + "\n"))


def check_receipt(project: Project, receipt: Receipt, label: str) -> list[str]:
    """What the project no longer holds of what the receipt saw: one line each (empty: all there)."""
    if receipt.origin != project.origin:
        raise BadInput(
            f"{label}: a receipt of another project file"
            f" (origin {receipt.origin}; this one is {project.origin})"
        )
    conn = project.conn
    seen = f"the receipt of {receipt.written_at}"
    problems = []
    for origin, (seq, hash_) in sorted(receipt.chains.items()):
        row = conn.execute(
            "SELECT id, hash FROM events WHERE origin = ? AND seq = ?", [origin, seq]
        ).fetchone()
        if row is None:
            problems.append(
                f"the chain of origin {origin} was cut: {seen} saw its event seq {seq}, which is missing"
            )
        elif row[1] != hash_:
            problems.append(
                f"the chain of origin {origin} was rewritten: event {row[0]} (seq {seq})"
                f" is not the one {seen} saw"
            )
    if receipt.ledger is not None:
        seq, hash_ = receipt.ledger
        row = conn.execute("SELECT hash FROM ledger WHERE seq = ?", [seq]).fetchone()
        if row is None:
            problems.append(f"the ledger was cut: {seen} saw its record {seq}, which is missing")
        elif row[0] != hash_:
            problems.append(f"the ledger was rewritten: its record {seq} is not the one {seen} saw")
    return problems
