"""The schema, created and upgraded only by named migrations that are never edited once released.

A new schema step is a new function appended here; the `_sqlite_migrations` table records which
steps a project file has seen, so a file that has seen a step this version does not know was
written by a newer factcheck and is refused.
"""

import sqlite3

from sqlite_utils import Database, Migrations

migrations = Migrations("factcheck")


def _execute_script(db: Database, script: str) -> None:
    """Run `script` statement by statement inside the migration's transaction.

    (`executescript` would first commit whatever transaction is open.)
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""


@migrations()
def m001_articles(db: Database) -> None:
    _execute_script(
        db,
        """
        CREATE TABLE project (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            role TEXT NOT NULL CHECK (role IN ('source', 'rewrite')),
            source_id TEXT REFERENCES articles(id),
            name TEXT NOT NULL,
            version INTEGER NOT NULL,
            title TEXT NOT NULL,
            format TEXT NOT NULL,
            lang TEXT NOT NULL,
            text TEXT NOT NULL,
            metadata TEXT NOT NULL,
            file_name TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            CHECK ((role = 'source') = (source_id IS NULL))
        );
        CREATE INDEX articles_by_source ON articles(source_id);
        CREATE TABLE blocks (
            article_id TEXT NOT NULL REFERENCES articles(id),
            idx INTEGER NOT NULL,
            kind TEXT NOT NULL,
            level INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text_start INTEGER,
            boilerplate INTEGER NOT NULL,
            PRIMARY KEY (article_id, idx)
        ) WITHOUT ROWID;
        CREATE TABLE spans (
            article_id TEXT NOT NULL REFERENCES articles(id),
            idx INTEGER NOT NULL,
            style TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            target TEXT NOT NULL,
            PRIMARY KEY (article_id, idx)
        ) WITHOUT ROWID;
        CREATE TABLE sentences (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id),
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            block INTEGER NOT NULL,
            boilerplate INTEGER NOT NULL,
            text TEXT NOT NULL,
            UNIQUE (article_id, idx)
        );
        """,
    )


@migrations()
def m002_decision_events(db: Database) -> None:
    _execute_script(
        db,
        """
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            origin TEXT NOT NULL,
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL,
            sentence_id TEXT NOT NULL REFERENCES sentences(id),
            reviewer TEXT NOT NULL,
            label TEXT CHECK (label IN ('supported', 'contradicted', 'unverifiable')),
            previous_label TEXT,
            evidence TEXT NOT NULL,
            note TEXT NOT NULL,
            included INTEGER,
            via TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            UNIQUE (origin, seq)
        );
        CREATE INDEX events_by_sentence ON events(sentence_id, reviewer, decided_at);

        -- History is never rewritten: every correction is a new event.
        CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'decision history is append-only'); END;
        CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'decision history is append-only'); END;

        -- The current verdict of each (sentence, reviewer): the state of its latest event, kept
        -- in the same transaction as the event by a trigger so the two can never disagree,
        -- whatever order events arrive in (a merge brings older ones).
        CREATE TABLE verdicts (
            sentence_id TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            label TEXT,
            evidence TEXT NOT NULL,
            note TEXT NOT NULL,
            included INTEGER,
            decided_at TEXT NOT NULL,
            event_id TEXT NOT NULL,
            PRIMARY KEY (sentence_id, reviewer)
        ) WITHOUT ROWID;
        CREATE INDEX verdicts_by_reviewer ON verdicts(reviewer, sentence_id);

        CREATE TRIGGER events_update_verdicts AFTER INSERT ON events
        BEGIN
            INSERT INTO verdicts
                (sentence_id, reviewer, label, evidence, note, included, decided_at, event_id)
            VALUES
                (NEW.sentence_id, NEW.reviewer, NEW.label, NEW.evidence, NEW.note, NEW.included,
                 NEW.decided_at, NEW.id)
            ON CONFLICT (sentence_id, reviewer) DO UPDATE SET
                label = excluded.label,
                evidence = excluded.evidence,
                note = excluded.note,
                included = excluded.included,
                decided_at = excluded.decided_at,
                event_id = excluded.event_id
            WHERE (excluded.decided_at, excluded.event_id) > (verdicts.decided_at, verdicts.event_id);
        END;
        """,
    )


@migrations()
def m003_evidence_assistant(db: Database) -> None:
    _execute_script(
        db,
        """
        -- The assistant's suggestion on screen when a verdict was given: how often reviewers
        -- follow it is part of the audit.
        ALTER TABLE events ADD COLUMN suggestion TEXT
            CHECK (suggestion IN ('supported', 'contradicted', 'unverifiable'));

        -- The assistant's assessment of a rewrite against its source, computed once. Article ids
        -- hash their texts, so the pair names the two texts; `method` names the algorithm.
        CREATE TABLE assessments (
            source_id TEXT NOT NULL REFERENCES articles(id),
            rewrite_id TEXT NOT NULL REFERENCES articles(id),
            method TEXT NOT NULL,
            data TEXT NOT NULL,
            computed_at TEXT NOT NULL,
            PRIMARY KEY (source_id, rewrite_id, method)
        ) WITHOUT ROWID;
        """,
    )


@migrations()
def m004_audit(db: Database) -> None:
    _execute_script(
        db,
        """
        -- The newest event of each origin's chain. A chain alone cannot show that its newest
        -- events were deleted; comparing it with this head can.
        CREATE TABLE chain_heads (
            origin TEXT PRIMARY KEY,
            seq INTEGER NOT NULL,
            hash TEXT NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO chain_heads (origin, seq, hash)
            SELECT origin, seq, hash FROM events e
            WHERE seq = (SELECT max(seq) FROM events WHERE origin = e.origin);
        CREATE TRIGGER events_update_chain_heads AFTER INSERT ON events
        BEGIN
            INSERT INTO chain_heads (origin, seq, hash) VALUES (NEW.origin, NEW.seq, NEW.hash)
            ON CONFLICT (origin) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
            WHERE excluded.seq > chain_heads.seq;
        END;

        -- A lead's final verdict on a sentence is an event like any other (kind 'adjudicate',
        -- reviewer = the lead, note = the required reason); it is not that lead's own verdict.
        DROP TRIGGER events_update_verdicts;
        CREATE TRIGGER events_update_verdicts AFTER INSERT ON events WHEN NEW.kind != 'adjudicate'
        BEGIN
            INSERT INTO verdicts
                (sentence_id, reviewer, label, evidence, note, included, decided_at, event_id)
            VALUES
                (NEW.sentence_id, NEW.reviewer, NEW.label, NEW.evidence, NEW.note, NEW.included,
                 NEW.decided_at, NEW.id)
            ON CONFLICT (sentence_id, reviewer) DO UPDATE SET
                label = excluded.label,
                evidence = excluded.evidence,
                note = excluded.note,
                included = excluded.included,
                decided_at = excluded.decided_at,
                event_id = excluded.event_id
            WHERE (excluded.decided_at, excluded.event_id) > (verdicts.decided_at, verdicts.event_id);
        END;
        CREATE TABLE adjudications (
            sentence_id TEXT PRIMARY KEY,
            label TEXT NOT NULL,
            reason TEXT NOT NULL,
            lead TEXT NOT NULL,
            evidence TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            event_id TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TRIGGER events_update_adjudications AFTER INSERT ON events WHEN NEW.kind = 'adjudicate'
        BEGIN
            INSERT INTO adjudications (sentence_id, label, reason, lead, evidence, decided_at, event_id)
            VALUES (NEW.sentence_id, NEW.label, NEW.note, NEW.reviewer, NEW.evidence, NEW.decided_at, NEW.id)
            ON CONFLICT (sentence_id) DO UPDATE SET
                label = excluded.label,
                reason = excluded.reason,
                lead = excluded.lead,
                evidence = excluded.evidence,
                decided_at = excluded.decided_at,
                event_id = excluded.event_id
            WHERE (excluded.decided_at, excluded.event_id)
                > (adjudications.decided_at, adjudications.event_id);
        END;

        -- Each merge of other project files into this one, as the merge reported it.
        CREATE TABLE merges (
            id TEXT PRIMARY KEY,
            merged_at TEXT NOT NULL,
            by TEXT NOT NULL,
            file TEXT NOT NULL,
            origins TEXT NOT NULL,
            events_added INTEGER NOT NULL,
            report TEXT NOT NULL
        );

        CREATE INDEX events_by_reviewer ON events(reviewer, decided_at);
        """,
    )


@migrations()
def m005_versions_by_document(db: Database) -> None:
    _execute_script(
        db,
        """
        -- A document's versions: looked up for every article imported and every line of the
        -- article list. Without it both scan every article (20,000 records took 56 s to import).
        CREATE INDEX articles_by_document ON articles(role, name, source_id, version);
        """,
    )


@migrations()
def m006_ledger(db: Database) -> None:
    _execute_script(
        db,
        """
        -- A hash chain of everything besides decisions that the app writes: articles (with their
        -- blocks, spans and sentences), settings, merges and schema steps (core/ledger.py). The
        -- records are written by the app in the transaction that writes what they describe;
        -- `baseline` records what a file held before it had a ledger.
        CREATE TABLE ledger (
            seq INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            subject TEXT NOT NULL,
            digest TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX ledger_by_subject ON ledger(kind, subject, seq);
        CREATE TRIGGER ledger_is_append_only_update BEFORE UPDATE ON ledger
        BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
        CREATE TRIGGER ledger_is_append_only_delete BEFORE DELETE ON ledger
        BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;

        -- The newest record: as for the event chains, a chain alone cannot show that its newest
        -- records were deleted; comparing it with this head can.
        CREATE TABLE ledger_head (
            one INTEGER PRIMARY KEY CHECK (one = 1),
            seq INTEGER NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE TRIGGER ledger_update_head AFTER INSERT ON ledger
        BEGIN
            INSERT INTO ledger_head (one, seq, hash) VALUES (1, NEW.seq, NEW.hash)
            ON CONFLICT (one) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
            WHERE excluded.seq > ledger_head.seq;
        END;
        """,
    )


@migrations()
def m007_corrections_and_revisions(db: Database) -> None:
    _execute_script(
        db,
        """
        -- What is wrong and what it should say: problem spans (offsets into the rewrite's text),
        -- error types (ids, core/error_types.py) and the correction. `carried_from` names the
        -- previous version's sentence a decision was carried over from (via 'carried').
        ALTER TABLE events ADD COLUMN problems TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE events ADD COLUMN error_types TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE events ADD COLUMN correction TEXT NOT NULL DEFAULT '';
        ALTER TABLE events ADD COLUMN carried_from TEXT;
        ALTER TABLE verdicts ADD COLUMN problems TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE verdicts ADD COLUMN error_types TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE verdicts ADD COLUMN correction TEXT NOT NULL DEFAULT '';

        DROP TRIGGER events_update_verdicts;
        CREATE TRIGGER events_update_verdicts AFTER INSERT ON events WHEN NEW.kind != 'adjudicate'
        BEGIN
            INSERT INTO verdicts
                (sentence_id, reviewer, label, evidence, note, included, decided_at, event_id,
                 problems, error_types, correction)
            VALUES
                (NEW.sentence_id, NEW.reviewer, NEW.label, NEW.evidence, NEW.note, NEW.included,
                 NEW.decided_at, NEW.id, NEW.problems, NEW.error_types, NEW.correction)
            ON CONFLICT (sentence_id, reviewer) DO UPDATE SET
                label = excluded.label,
                evidence = excluded.evidence,
                note = excluded.note,
                included = excluded.included,
                decided_at = excluded.decided_at,
                event_id = excluded.event_id,
                problems = excluded.problems,
                error_types = excluded.error_types,
                correction = excluded.correction
            WHERE (excluded.decided_at, excluded.event_id) > (verdicts.decided_at, verdicts.event_id);
        END;

        -- A revised rewrite and the version it revises, with what became of each sentence:
        -- 'carried' (the same text: decisions were carried over), 'changed' (from the previous
        -- sentences listed, as a JSON array of ids) or 'new'. Written once, with the import.
        CREATE TABLE revisions (
            rewrite_id TEXT PRIMARY KEY REFERENCES articles(id),
            previous_id TEXT NOT NULL REFERENCES articles(id),
            linked_by TEXT NOT NULL,
            method TEXT NOT NULL,
            linked_at TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX revisions_by_previous ON revisions(previous_id);
        CREATE TABLE revision_sentences (
            rewrite_id TEXT NOT NULL REFERENCES revisions(rewrite_id),
            sentence_id TEXT NOT NULL REFERENCES sentences(id),
            status TEXT NOT NULL CHECK (status IN ('carried', 'changed', 'new')),
            previous TEXT NOT NULL,
            PRIMARY KEY (rewrite_id, sentence_id)
        ) WITHOUT ROWID;
        CREATE INDEX revision_sentences_by_sentence ON revision_sentences(sentence_id);
        CREATE TRIGGER revisions_are_append_only_update BEFORE UPDATE ON revisions
        BEGIN SELECT RAISE(ABORT, 'revision links are never rewritten'); END;
        CREATE TRIGGER revisions_are_append_only_delete BEFORE DELETE ON revisions
        BEGIN SELECT RAISE(ABORT, 'revision links are never rewritten'); END;
        CREATE TRIGGER revision_sentences_are_append_only_update BEFORE UPDATE ON revision_sentences
        BEGIN SELECT RAISE(ABORT, 'revision links are never rewritten'); END;
        CREATE TRIGGER revision_sentences_are_append_only_delete BEFORE DELETE ON revision_sentences
        BEGIN SELECT RAISE(ABORT, 'revision links are never rewritten'); END;

        -- A revision found by its title and source (a rewrite saved under another file name).
        CREATE INDEX articles_by_title ON articles(role, source_id, title);
        """,
    )
