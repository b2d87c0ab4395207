"""The CSV contract: spreadsheet-safe cells that read back exactly, RFC 4180, row checks."""

import io
import json

import pytest

from factcheck.core.errors import BadInput
from factcheck.core.export import (
    ADJUDICATED_COLUMNS,
    COLUMNS,
    HISTORY_COLUMNS,
    ExportContent,
    neutralise,
    parse_spans,
    read_verdict_rows,
    restore,
    write_csv,
)
from factcheck.core.labels import Verdict
from tests.conftest import DATA

CASES = json.loads((DATA / "csv" / "neutralise.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: repr(c["cell"])[:30])
def test_cells_are_neutralised_and_restored_exactly(case: dict) -> None:
    assert neutralise(case["cell"]) == case["exported"]
    assert restore(case["exported"]) == case["cell"]


def test_the_columns_follow_the_contract() -> None:
    assert COLUMNS[:13] == (
        "sentence_id",
        "article_id",
        "article_title",
        "sentence_index",
        "sentence_text",
        "verdict",
        "reviewer",
        "decided_at",
        "note",
        "evidence_text",
        "source_id",
        "source_title",
        "source_url",
    )


def _row(note: str) -> tuple:
    return (
        "s1",
        "a1",
        "Title, with comma",
        3,
        'He said "no"\nthen left',
        "supported",
        "alice",
        "2026-11-22T10:00:00.000000Z",
        note,
        "",
        "src",
        "Source",
        "https://x",
        "",
    )


def test_csv_is_rfc4180_with_crlf_and_quoted_cells() -> None:
    out = io.StringIO()
    write_csv([_row("=1+1")], out)
    text = out.getvalue()
    assert text.startswith(",".join(COLUMNS) + "\r\n")
    assert '"Title, with comma"' in text
    assert '"He said ""no""\nthen left"' in text
    assert ",'=1+1," in text
    raw = io.StringIO()
    write_csv([_row("=1+1")], raw, raw=True)
    assert ",=1+1," in raw.getvalue()


def test_rows_read_back_as_written() -> None:
    out = io.StringIO()
    write_csv([_row("=cmd|' /C calc'!A0"), _row("-plain")], out)
    rows = list(read_verdict_rows(io.StringIO(out.getvalue()), "v.csv"))
    assert [r.note for r in rows] == ["=cmd|' /C calc'!A0", "-plain"]
    assert rows[0].verdict is Verdict.SUPPORTED and rows[0].row == 2
    assert rows[0].decided_at == "2026-11-22T10:00:00.000000Z"
    assert rows[0].evidence == ()


def test_a_bad_row_is_named_by_its_spreadsheet_row() -> None:
    text = "sentence_id,verdict,reviewer\r\ns1,supported,alice\r\ns2,true,bob\r\n"
    with pytest.raises(BadInput, match=r"^v\.csv: row 3: unknown verdict 'true'"):
        list(read_verdict_rows(io.StringIO(text), "v.csv"))


@pytest.mark.parametrize(
    ("text", "spans"),
    [("1-5", ((1, 5),)), ("1-5;9-12", ((1, 5), (9, 12))), ("1-5 9-12", ((1, 5), (9, 12))), ("", ())],
)
def test_evidence_offsets_parse(text: str, spans: tuple) -> None:
    assert parse_spans(text) == spans


@pytest.mark.parametrize("text", ["5-1", "a-b", "3", "1-2-3"])
def test_bad_evidence_offsets_are_refused(text: str) -> None:
    with pytest.raises(BadInput, match="START-END"):
        parse_spans(text)


def test_the_adjudicated_verdict_follows_the_contract_and_evidence_columns() -> None:
    assert COLUMNS[13:15] == ("evidence_spans", "adjudicated_verdict")


def test_what_is_wrong_follows_every_earlier_column() -> None:
    assert COLUMNS[15:] == ("problem_text", "problem_spans", "error_types", "correction")


def test_the_history_has_every_field_of_an_event() -> None:
    fields = (
        "id origin seq kind sentence_id article_id reviewer label previous_label evidence_spans note"
        " included via suggestion decided_at prev_hash hash problem_spans error_types correction carried_from"
    )
    assert tuple(fields.split()) == HISTORY_COLUMNS
    assert ExportContent.HISTORY.columns == HISTORY_COLUMNS


def test_other_exports_write_their_own_header_and_neutralise_cells_too() -> None:
    out = io.StringIO()
    row = (
        "s1",
        "a1",
        "Title",
        0,
        "text",
        "",
        "disagreement",
        "-1 says who",
        "lead",
        "",
        2,
        1,
        1,
        0,
        "src",
        "S",
        "",
    )
    write_csv([row], out, columns=ADJUDICATED_COLUMNS)
    header, line = out.getvalue().splitlines()
    assert header == ",".join(ADJUDICATED_COLUMNS)
    assert ",'-1 says who," in line
