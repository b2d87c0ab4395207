"""The demo's MedBot case: the sentence that credits the benchmark to the wrong company, marked as
the issue describes it, and the rewrite file edited to apply the correction."""

from pathlib import Path

from factcheck.core.article import Article, Sentence
from factcheck.core.error_types import ErrorType
from factcheck.core.labels import Verdict
from factcheck.core.review import Aspect, Span, Via
from factcheck.store.articles import list_articles, load_article
from factcheck.store.decisions import decide
from factcheck.store.project import Project
from tests.conftest import REWRITES

WRONG = "MicroPort MedBot says its clinical-grade model"
RIGHT = "Baichuan-M4 says its clinical-grade model"
OTHER_EDIT = (
    "The CE mark is essentially the product’s passport.",
    "The CE mark is, in effect, the product’s passport.",
)


def medbot(project: Project) -> tuple[Article, Sentence, Span]:
    """The MedBot rewrite (its first version), the sentence, and the span of the wrong name."""
    summary = next(a for a in list_articles(project, "x") if a.name == REWRITES[0].name and a.version == 1)
    rewrite = load_article(project, summary.id)
    sentence = next(s for s in rewrite.sentences if WRONG in s.text)
    start = rewrite.text.index(WRONG, sentence.start)
    return rewrite, sentence, (start, start + len("MicroPort MedBot"))


def mark_medbot(project: Project, reviewer: str = "alice", via: Via = Via.WINDOW) -> Sentence:
    _, sentence, span = medbot(project)

    def change(state):
        return (
            state.with_label(Verdict.CONTRADICTED)
            .with_aspect(Aspect.PROBLEMS, (span,))
            .with_aspect(Aspect.ERROR_TYPES, (ErrorType.WRONG_NAME,))
            .with_aspect(Aspect.CORRECTION, "Baichuan-M4")
            .with_note("the source credits Baichuan-M4")
        )

    decide(project, sentence.id, reviewer, change, via)
    return sentence


def revised_file(folder: Path, name: str | None = None, *, apply: bool = True, other: bool = True) -> Path:
    """The MedBot rewrite with the correction applied and one other sentence changed."""
    text = REWRITES[0].read_text(encoding="utf-8")
    if apply:
        text = text.replace(WRONG, RIGHT)
    if other:
        text = text.replace(*OTHER_EDIT)
    path = folder / (name or REWRITES[0].name)
    path.write_text(text, encoding="utf-8")
    return path
