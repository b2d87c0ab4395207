"""Importing article files into a project: read and check every file, then store all or nothing."""

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from factcheck.core.article import Article, prepare
from factcheck.core.document import ParsedArticle, Role
from factcheck.core.errors import BadInput
from factcheck.core.reading import readable_name
from factcheck.store.articles import Imported, store_articles
from factcheck.store.locks import refuse_project_file
from factcheck.store.project import Project

DEMO_SOURCE = "000_141659a25003a937.txt"
DEMO_REWRITES = ("001_815e82a371ecc808.txt", "002_d42a958ccc1595c9.txt")


@dataclass(frozen=True, slots=True)
class ReadFile:
    """A file's articles, read and checked, not yet stored."""

    name: str
    articles: list[ParsedArticle]


def read_source_and_rewrites(source: Path, rewrites: Sequence[Path]) -> tuple[ReadFile, list[ReadFile]]:
    """Read every file first, so that a bad one stops the import before anything is written."""
    from factcheck.core.formats import read_articles  # Markdown and friends: only when reading

    for path in (source, *rewrites):
        refuse_project_file(path, "read an article from")
    source_file = ReadFile(readable_name(source.name), read_articles(source))
    return source_file, [ReadFile(readable_name(path.name), read_articles(path)) for path in rewrites]


def prepare_import(source: ReadFile, rewrites: Sequence[ReadFile]) -> list[Article]:
    """The source article followed by its rewrites, with ids and sentences."""
    if len(source.articles) != 1:
        raise BadInput(f"{source.name}: holds {len(source.articles)} articles; a source must be one article")
    source_article = prepare(source.articles[0], Role.SOURCE, source.name)
    prepared = [source_article]
    for file in rewrites:
        for parsed in file.articles:
            prepared.append(prepare(parsed, Role.REWRITE, file.name, source_id=source_article.id))
    return prepared


def import_files(
    project: Project, source: Path, rewrites: Sequence[Path], revises: str | None = None
) -> list[Imported]:
    """Import a source and its rewrites; a bad file imports nothing and is named. `revises` is the
    id of the rewrite that the one rewrite given is a revised version of (else it is found by its
    name, or by its title and source)."""
    source_file, rewrite_files = read_source_and_rewrites(Path(source), [Path(p) for p in rewrites])
    return store_articles(project, prepare_import(source_file, rewrite_files), revises)


def import_demo(project: Project) -> list[Imported]:
    """Import the bundled demo: one canonical source and two rewrites with real distortions."""
    from factcheck.core.formats import parse_articles

    seeds = resources.files("factcheck.seeds")

    def read(name: str) -> ReadFile:
        return ReadFile(name, parse_articles(seeds.joinpath(name).read_bytes(), name))

    return store_articles(project, prepare_import(read(DEMO_SOURCE), [read(name) for name in DEMO_REWRITES]))
