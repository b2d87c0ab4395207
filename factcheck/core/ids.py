"""Stable identities: the same file gives the same ids in every project file.

Ids are derived from content, never from a database counter, so verdicts written by different
reviewers in different project files line up, merge and compare.
"""

from hashlib import sha256

from factcheck.core.document import Role

_SEP = "\x1f"  # a unit separator cannot occur in normalised article text


def _digest(*parts: str) -> str:
    return sha256(_SEP.join(parts).encode("utf-8")).hexdigest()[:16]


def article_id(role: Role, text: str, source_id: str | None = None) -> str:
    """The id of an article version: its role, its stored text and (for a rewrite) its source."""
    return _digest("article", role.value, source_id or "", text)


def sentence_id(article: str, start: int, end: int, text: str) -> str:
    """The id of a sentence: its article version, its offsets and its text."""
    return _digest("sentence", article, str(start), str(end), text)
