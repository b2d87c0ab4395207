"""The three verdicts a reviewer can give a sentence."""

from enum import StrEnum

from factcheck.core.errors import BadInput


class Verdict(StrEnum):
    """A reviewer's judgement of one rewrite sentence against the source.

    The values are the exact words used in the database, the CSV and on the command line.
    """

    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    UNVERIFIABLE = "unverifiable"

    @classmethod
    def parse(cls, word: str) -> "Verdict":
        """The verdict named by `word` (case and surrounding spaces ignored), or BadInput."""
        try:
            return cls(word.strip().lower())
        except ValueError:
            choices = ", ".join(v.value for v in cls)
            raise BadInput(f"unknown verdict {word!r}: use one of {choices}") from None
