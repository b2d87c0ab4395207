"""Reading an article's sentences back as they were stored."""

import sqlite3
from collections.abc import Sequence

from factcheck.core.article import Sentence

SENTENCE_FIELDS = 's.id, s.idx, s.start, s."end", s.block, s.boilerplate, s.text'
"""The columns of a sentence (table alias `s`), in the order `sentence_from_row` reads them."""


def sentence_from_row(row: Sequence) -> Sentence:
    sentence_id, index, start, end, block, boilerplate, text = row
    return Sentence(sentence_id, index, start, end, block, bool(boilerplate), text)


def sentences_of(conn: sqlite3.Connection, article_id: str) -> tuple[Sentence, ...]:
    """The article's sentences in order."""
    rows = conn.execute(
        f"SELECT {SENTENCE_FIELDS} FROM sentences s WHERE s.article_id = ? ORDER BY s.idx", [article_id]
    )
    return tuple(map(sentence_from_row, rows))
