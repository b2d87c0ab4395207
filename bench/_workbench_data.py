"""Generated material for the workbench benchmarks: news-like articles and projects full of verdicts.

Everything is deterministic (seeded) and written under a folder the caller gives (a temporary
one), never into the repository. The text recombines the demo's own sentences and clauses, with
the numbers and names varied, so it has the shape of the real thing: quotes, curly apostrophes,
figures, capitalised names, headings without final punctuation.
"""

import json
import math
import random
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from importlib import resources
from itertools import islice
from pathlib import Path

from factcheck.core.events import event_hash
from factcheck.core.labels import Verdict
from factcheck.core.review import DecisionKind, Via
from factcheck.store.importing import DEMO_REWRITES, DEMO_SOURCE, import_files
from factcheck.store.project import Project

# Names in the demo that the generator swaps for invented ones, so repeated material differs.
_SEED_NAMES = tuple(
    "Shanghai MicroPort MedBot|MicroPort MedBot|MedBot|Toumai Remote|Toumai|OpenAI|HealthBench|"
    "Baichuan-M4|Baichuan|European Union|Hong Kong|Shanghai|China|Europe|EU".split("|")
)
_NAMES = tuple(
    "Northwind Robotics|Halden Medical|Corvia Labs|Ostrava Health|Pellucid AI|Marrow & Vine|"
    "Kestrel Surgical|Tessaly|Brightwater Systems|Quillon Bio|Arden Capital|the Lisbon Institute|"
    "Valdemar Health|Sunfold|Meridian Devices|Okapi Networks|Calder Pharma|Hexley|"
    "Rowan Analytics|Juniper Clinical|Oslo|Nairobi|Montreal|Kraków|Osaka|Valparaíso|Brisbane|"
    "Dr Amara Osei|Prof. Lena Vogt|Tomasz Wirth|Mei Lin|Rafael Duarte|Ingrid Solberg|Kofi Mensah|"
    "Priya Raman".split("|")
)
_NAME_PATTERN = re.compile("|".join(re.escape(name) for name in _SEED_NAMES))
_DIGITS = re.compile(r"\d+")
# A sentence ends at . ! ? (and closing quotes) followed by a space and a capital or a quote.
_SENTENCE_END = re.compile(r"(?<=[.!?”])\s+(?=[A-Z“\"])")
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def seed_sentences() -> list[str]:
    """The demo's prose sentences (the three seed files), without links or headings."""
    seeds = resources.files("factcheck.seeds")
    record = json.loads(seeds.joinpath(DEMO_SOURCE).read_text(encoding="utf-8"))
    texts = [_MARKDOWN_LINK.sub(r"\1", record["body_md"])]
    texts += [seeds.joinpath(name).read_text(encoding="utf-8") for name in DEMO_REWRITES]
    sentences = []
    for text in texts:
        for line in text.splitlines():
            line = line.strip()
            if not line or line.startswith("#") or line[-1] not in '.!?”"':
                continue
            sentences += [s for s in _SENTENCE_END.split(line) if 20 <= len(s) <= 400 and "http" not in s]
    return sentences


def seed_clauses(sentences: list[str]) -> list[str]:
    """Shorter material: the sentences' clauses (cut at commas, colons and dashes) as sentences."""
    clauses = set()
    for sentence in sentences:
        for part in re.split(r",\s+|:\s+|;\s+|\s+[–—]\s+", sentence.rstrip('.!?”"')):
            part = part.strip(" “”\"'")
            if 12 <= len(part) <= 140 and not part.endswith(("Mr", "Dr", "Prof")):
                clauses.add(part[0].upper() + part[1:] + ".")
    return sorted(clauses)


class _Varier:
    """Varies the names and numbers of the seed material (seeded)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def __call__(self, text: str) -> str:
        text = _NAME_PATTERN.sub(lambda m: self.rng.choice(_NAMES), text)
        return _DIGITS.sub(lambda m: str(self.rng.randrange(10 ** (len(m[0]) - 1), 10 ** len(m[0]))), text)

    def heading(self, material: list[str]) -> str:
        words = re.sub(r"[^\w\s’-]", "", self.rng.choice(material)).split()[:8]
        return " ".join(word.capitalize() if i == 0 else word for i, word in enumerate(words))


def rewrite_text(sentences: int, chars: int, seed: int) -> str:
    """A plain-text rewrite with `sentences` sentences (headings included) in about `chars`
    characters: a title line, paragraphs of 3–6 sentences, a heading every 20–40 paragraphs."""
    rng = random.Random(seed)
    vary = _Varier(rng)
    sentences_of_seeds = seed_sentences()
    material = seed_clauses(sentences_of_seeds) + sentences_of_seeds
    by_length: dict[int, list[str]] = {}
    for item in material:
        by_length.setdefault(len(item), []).append(item)
    lengths = sorted(by_length)

    def near(length: int) -> str:
        # The material whose length is closest to `length` (the total size comes out right).
        i = min(range(len(lengths)), key=lambda k: abs(lengths[k] - length))
        return rng.choice(by_length[lengths[i]])

    lines = [vary.heading(material)]
    used = len(lines[0]) + 2
    left = sentences - 1
    paragraph: list[str] = []
    until_heading = rng.randint(20, 40)
    while left > 0:
        average = (chars - used) / left - 1
        if not paragraph and until_heading == 0 and left > 1:
            lines.append(vary.heading(material))
            used += len(lines[-1]) + 2
            left -= 1
            until_heading = rng.randint(20, 40)
            continue
        sentence = vary(near(max(12, round(rng.uniform(0.5, 1.5) * average))))
        paragraph.append(sentence)
        used += len(sentence) + 1
        left -= 1
        if len(paragraph) >= rng.randint(3, 6) or left == 0:
            lines.append(" ".join(paragraph))
            used += 1
            paragraph = []
            until_heading -= 1
    return "\n\n".join(lines) + "\n"


def source_markdown(chars: int, seed: int) -> str:
    """A Markdown source of about `chars` characters: a title, paragraphs of 3–6 full sentences
    with some bold phrases and links, a `##` heading every 10–20 paragraphs."""
    rng = random.Random(seed)
    vary = _Varier(rng)
    material = seed_sentences()
    parts = [f"# {vary.heading(material)}"]
    used = len(parts[0])
    until_heading = rng.randint(10, 20)
    while used < chars:
        if until_heading == 0:
            parts.append(f"## {vary.heading(material)}")
            until_heading = rng.randint(10, 20)
        else:
            sentences = [vary(rng.choice(material)) for _ in range(rng.randint(3, 6))]
            if rng.random() < 0.3:
                words = sentences[0].split()
                at = rng.randrange(max(1, len(words) - 2))
                words[at] = (
                    f"**{words[at]}**" if rng.random() < 0.5 else f"[{words[at]}](https://example.org/{at})"
                )
                sentences[0] = " ".join(words)
            parts.append(" ".join(sentences))
            until_heading -= 1
        used += len(parts[-1]) + 2
    return "\n\n".join(parts) + "\n"


@dataclass(frozen=True, slots=True)
class Pair:
    """A generated source and rewrite on disk."""

    source: Path
    rewrite: Path


def write_pair(folder: Path, sentences: int, chars: int, seed: int) -> Pair:
    folder.mkdir(parents=True, exist_ok=True)
    pair = Pair(folder / "big_source.md", folder / "big_rewrite.txt")
    pair.source.write_text(source_markdown(chars, seed), encoding="utf-8")
    pair.rewrite.write_text(rewrite_text(sentences, chars, seed + 1), encoding="utf-8")
    return pair


def demo_project(path: Path) -> Path:
    """A project with the demo imported, as `factcheck import --source 000_… 001_… 002_…` makes it."""
    seeds = resources.files("factcheck.seeds")
    with resources.as_file(seeds) as folder:
        project = Project.open(path)
        import_files(project, folder / DEMO_SOURCE, [folder / name for name in DEMO_REWRITES])
        project.close()
    return path


def rewrite_sentence_ids(project: Project, rewrite_id: str) -> list[str]:
    rows = project.conn.execute(
        "SELECT id FROM sentences WHERE article_id = ? AND NOT boilerplate ORDER BY idx", [rewrite_id]
    )
    return [row[0] for row in rows]


EVIDENCE_SHARE = 0.10
NOTE_SHARE = 0.20
EVENT_COLUMNS = (
    "id, origin, seq, kind, sentence_id, reviewer, label, previous_label, evidence, note,"
    " included, via, decided_at, prev_hash, hash"
)
_NOTES = (
    "Source gives a different figure.",
    "Not in the source; the “benchmark” claim is new.",
    "=SUM(A1:A3) looks like a formula, kept as text",
    "Attributed to the wrong company, see paragraph 4",
    'Quote is accurate, but "first" is the rewrite’s word',
)


def add_verdicts(
    project: Project,
    sentence_ids: list[str],
    reviewers: list[str],
    share: float,
    seed: int,
    evidence: float = EVIDENCE_SHARE,
    notes: float = NOTE_SHARE,
    batch: int = 100_000,
) -> int:
    """Give each reviewer a verdict on `share` of the sentences, as hash-chained "mark" events
    appended with `executemany`; the store's trigger fills `verdicts`. Returns how many.

    The rows are built here rather than through `new_event` (about four times faster), hashed
    with the product's own `event_hash`. Ids are unique and ordered, and events come sentence by
    sentence, so that SQLite appends to its indexes instead of seeking all over them; what the
    benchmarks read is `verdicts`, the same whatever order its rows were written in. A share
    `notes` of the verdicts has a note, a share `evidence` one passage of the source.
    """
    rng = random.Random(seed)
    (source_length,) = project.conn.execute(
        "SELECT length(src.text) FROM sentences s JOIN articles a ON a.id = s.article_id"
        " JOIN articles src ON src.id = a.source_id WHERE s.id = ?",
        [sentence_ids[0]],
    ).fetchone()
    last = project.conn.execute(
        "SELECT seq, hash FROM events WHERE origin = ? ORDER BY seq DESC LIMIT 1", [project.origin]
    ).fetchone()
    seq, prev_hash = last if last else (0, "")
    origin, mark, via = project.origin, DecisionKind.MARK.value, Via.WINDOW.value
    labels = [label.value for label in Verdict]

    def rows() -> Iterator[tuple]:
        nonlocal seq, prev_hash
        for sentence_id in sorted(sentence_ids):
            for reviewer in reviewers:
                if rng.random() >= share:
                    continue
                seq += 1
                event_id = f"{seq:016x}{rng.getrandbits(64):016x}"
                label = rng.choice(labels)
                start = rng.randrange(source_length - 200)
                spans = f"[[{start},{start + rng.randint(20, 200)}]]" if rng.random() < evidence else "[]"
                note = rng.choice(_NOTES) if rng.random() < notes else ""
                decided_at = _moment(seq)
                digest = event_hash(
                    id=event_id, origin=origin, seq=seq, kind=mark, sentence_id=sentence_id,
                    reviewer=reviewer, label=label, previous_label=None, evidence=spans, note=note,
                    included=None, via=via, decided_at=decided_at, prev_hash=prev_hash,
                )  # fmt: skip
                yield (
                    event_id, origin, seq, mark, sentence_id, reviewer, label, None, spans, note,
                    None, via, decided_at, prev_hash, digest,
                )  # fmt: skip
                prev_hash = digest

    stream = rows()
    written = 0
    # Building only: a big page cache keeps index pages in memory between batches.
    project.conn.execute("PRAGMA cache_size = -1000000")
    while chunk := list(islice(stream, batch)):
        with project.write() as conn:
            conn.executemany(f"INSERT INTO events ({EVENT_COLUMNS}) VALUES ({', '.join('?' * 15)})", chunk)
        written += len(chunk)
    project.conn.execute("PRAGMA cache_size = -2000")
    return written


def _moment(n: int) -> str:
    """The n-th second after 2026-11-01 00:00 UTC, as the store writes times (n < 2.5 million)."""
    return f"2026-11-{1 + n // 86400:02d}T{n // 3600 % 24:02d}:{n // 60 % 60:02d}:{n % 60:02d}.000000Z"


def count_events(path: Path, reviewer: str | None = None) -> int:
    """Events in the project file, read through a connection of our own (not the window's)."""
    with closing(sqlite3.connect(path)) as conn:
        if reviewer is None:
            return conn.execute("SELECT count(*) FROM events").fetchone()[0]
        return conn.execute("SELECT count(*) FROM events WHERE reviewer = ?", [reviewer]).fetchone()[0]


@dataclass(frozen=True, slots=True)
class VerdictProject:
    """A project full of verdicts, built by `verdict_project`."""

    path: Path
    verdicts: int
    """Current verdicts with a label."""
    events: int
    reviewers: int
    seconds: float
    """How long building it took."""


def verdict_project(path: Path, sentences: int, chars: int, verdicts: int) -> VerdictProject:
    """A generated source and a `sentences`-sentence rewrite of about `chars` characters each,
    and as many reviewers as it takes for at least `verdicts` current verdicts, every reviewer
    deciding every sentence (the export benchmarks' project)."""
    pair = write_pair(path.parent / "texts", sentences, chars, seed=2026)
    project = Project.open(path)
    imported = import_files(project, pair.source, [pair.rewrite])
    sentence_ids = rewrite_sentence_ids(project, imported[1].article.id)
    reviewers = [f"reviewer-{n:02d}" for n in range(1, math.ceil(verdicts / len(sentence_ids)) + 1)]
    print(
        f"building {len(sentence_ids) * len(reviewers):,} verdicts ({len(reviewers)} reviewers) …", flush=True
    )
    start = time.perf_counter()
    written = add_verdicts(project, sentence_ids, reviewers, 1.0, seed=11)
    (labelled,) = project.conn.execute("SELECT count(*) FROM verdicts WHERE label IS NOT NULL").fetchone()
    project.close()
    return VerdictProject(path, labelled, written, len(reviewers), time.perf_counter() - start)
