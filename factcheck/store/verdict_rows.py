"""The current verdicts in export order, read without sorting them.

A million verdicts sorted by source, rewrite, sentence and reviewer cost SQLite a sort of a million
rows, and the sqlite3 module a Python string for each of their 19 cells, most of which repeat for
every reviewer of a sentence. Here the sentences are sorted once (thousands, not millions), kept in
a temporary table in that order, and each one's verdicts come from the verdicts' primary key
(sentence, reviewer), already in reviewer order; what belongs to the sentence, its rewrite and its
source is read and formatted once per sentence. The CSV export writes each record from those
pieces and the verdict's own cells (`csv_records`: the same bytes as `write_csv`, 2.5 times
faster); the other formats take whole rows (`verdict_rows`).
"""

import json
import sqlite3
from collections.abc import Iterable, Iterator

from factcheck.core.export import EVIDENCE_GAP, csv_cell
from factcheck.core.review import Span

WORTH_EXPORTING = """(v.label IS NOT NULL OR v.note != '' OR v.evidence != '[]' OR v.problems != '[]'
                    OR v.error_types != '[]' OR v.correction != '')"""
"""A reviewer's verdict on a sentence says something: a label, a note, evidence or what is wrong
(a note on a sentence without a verdict is exported too, with an empty verdict)."""

SOURCE_URL = """coalesce(nullif(json_extract(src.metadata, '$.canonical_source'), ''),
                    json_extract(src.metadata, '$.url'), '')"""

SPANS = """CASE WHEN {0} = '[]' THEN '' ELSE (
               SELECT group_concat(json_extract(e.value, '$[0]') || '-' || json_extract(e.value, '$[1]'), ';')
               FROM json_each({0}) e) END"""
"""Offsets stored as JSON, written as `start-end;start-end`."""
TYPES = """CASE WHEN {0} = '[]' THEN '' ELSE (SELECT group_concat(t.value, ';') FROM json_each({0}) t) END"""
PROBLEM_TEXT = """CASE WHEN v.problems = '[]' THEN '' ELSE (
               SELECT group_concat(substr(s.text, json_extract(p.value, '$[0]') - s.start + 1,
                                          json_extract(p.value, '$[1]') - json_extract(p.value, '$[0]')),
                                   ' … ')
               FROM json_each(v.problems) p) END"""
"""The problem spans' words, cut from the sentence (they lie inside it, and it is short)."""

_SENTENCES = f"""
    SELECT s.id, a.id, a.title, s.idx, s.text, src.id, src.title, {SOURCE_URL},
           coalesce((SELECT label FROM adjudications j WHERE j.sentence_id = s.id), ''), s.start
    FROM sentences s
    JOIN articles a ON a.id = s.article_id
    JOIN articles src ON src.id = a.source_id
    WHERE s.id IN (SELECT v.sentence_id FROM verdicts v WHERE {WORTH_EXPORTING})
    ORDER BY src.title, src.id, a.title, a.id, s.idx
"""
# The verdicts' own columns only, as stored: the few that hold JSON to write out (evidence,
# problems, error types; empty on most verdicts) are written out in Python, from the sentence's
# text already read (see `_Export.cells`).
_VERDICTS = f"""
    SELECT o.position, v.label, v.reviewer, v.decided_at, v.note, v.evidence, v.problems, v.error_types,
           v.correction
    FROM temp.export_order o
    JOIN verdicts v ON v.sentence_id = o.sentence_id
    WHERE {WORTH_EXPORTING}
    ORDER BY o.position, v.reviewer
"""
_BATCH = 5000


class Passages:
    """The text of evidence passages, cut from each source's text read once. (Cutting them with
    substr() in SQL made SQLite copy the whole source, often a megabyte, for every verdict with
    evidence: a million verdicts took a minute.) Python slices count characters, as our offsets
    and SQLite's substr() do."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._texts: dict[str, str] = {}

    def __call__(self, source_id: str, spans: Iterable[Span]) -> str:
        text = self._texts.get(source_id)
        if text is None:
            (text,) = self._conn.execute("SELECT text FROM articles WHERE id = ?", [source_id]).fetchone()
            self._texts[source_id] = text
        return EVIDENCE_GAP.join(text[start:end] for start, end in spans)


class _Export:
    """One export's sentences in order (also in the connection's temporary table)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.passages = Passages(conn)
        self.sentences = conn.execute(_SENTENCES).fetchall()
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS export_order"
            " (position INTEGER PRIMARY KEY, sentence_id TEXT NOT NULL)"
        )
        conn.execute("DELETE FROM temp.export_order")
        conn.executemany(
            "INSERT INTO temp.export_order (position, sentence_id) VALUES (?, ?)",
            [(position, row[0]) for position, row in enumerate(self.sentences)],
        )

    def cells(
        self, position: int, evidence: str, problems: str, types: str
    ) -> tuple[str, str, str, str, str]:
        """(evidence passages, evidence spans, problem words, problem spans, error types) of a
        verdict on the sentence at `position`: what `SPANS`, `PROBLEM_TEXT` and `TYPES` give."""
        passages = spans = problem = problem_spans = type_ids = ""
        if evidence != "[]":
            offsets = json.loads(evidence)
            passages = self.passages(self.sentences[position][5], offsets)
            spans = _offsets(offsets)
        if problems != "[]":
            offsets = json.loads(problems)
            text, start = self.sentences[position][4], self.sentences[position][9]
            problem = " … ".join(text[begin - start : end - start] for begin, end in offsets)
            problem_spans = _offsets(offsets)
        if types != "[]":
            type_ids = ";".join(json.loads(types))
        return passages, spans, problem, problem_spans, type_ids

    def verdicts(self) -> Iterator[list[tuple]]:
        # The temporary table stays until the next export or the connection's end: cleaning up
        # here would run when an abandoned export (a closed pipe) is collected, perhaps after
        # the connection is gone.
        cursor = self.conn.execute(_VERDICTS)
        while batch := cursor.fetchmany(_BATCH):
            yield batch


def _offsets(spans: list) -> str:
    return ";".join(f"{start}-{end}" for start, end in spans)


def verdict_rows(conn: sqlite3.Connection) -> Iterator[tuple]:
    """Every current verdict worth exporting, in `COLUMNS` order, sorted by source, rewrite,
    sentence and reviewer."""
    export = _Export(conn)
    sentences = export.sentences
    for batch in export.verdicts():
        for position, label, reviewer, decided, note, evidence, problems, types, fix in batch:
            sid, aid, title, index, text, source, source_title, url, adjudicated, _ = sentences[position]
            passage, spans, problem, problems, types = export.cells(position, evidence, problems, types)
            yield (
                sid, aid, title, index, text, label, reviewer, decided, note, passage,
                source, source_title, url, spans, adjudicated or None, problem, problems, types, fix,
            )  # fmt: skip


def csv_records(conn: sqlite3.Connection, raw: bool = False) -> Iterator[list[str]]:
    """The same verdicts as CSV records (each ending in CR LF), a batch at a time: what `write_csv`
    would write for `verdict_rows`, byte for byte."""
    export = _Export(conn)

    def c(cell: str | None) -> str:
        return csv_cell(cell, raw)

    pieces = [
        (
            f"{c(sid)},{c(aid)},{c(title)},{index},{c(text)},",
            f",{c(source)},{c(source_title)},{c(url)},",
            f",{c(adjudicated)},",
        )
        for sid, aid, title, index, text, source, source_title, url, adjudicated, _ in export.sentences
    ]
    for batch in export.verdicts():
        records = []
        for position, label, reviewer, decided, note, evidence, problems, types, fix in batch:
            head, middle, adjudicated = pieces[position]
            passage, spans, problem, problems, types = export.cells(position, evidence, problems, types)
            # The label is one of three words (a CHECK constraint): the only cell written as it is.
            records.append(
                f"{head}{label or ''},{c(reviewer)},{c(decided)},{c(note)},{c(passage)}{middle}{c(spans)}"
                f"{adjudicated}{c(problem)},{c(problems)},{c(types)},{c(fix)}\r\n"
            )
        yield records
