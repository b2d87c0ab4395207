"""schema.org ClaimReview as JSON-LD: the markup fact-check publishers put on their pages so that
search engines and fact-check aggregators show their verdicts.

It follows schema.org's ClaimReview and Google's guidelines for fact-check markup. Required there:
`claimReviewed`, `reviewRating` (with `alternateName`, the verdict in words) and `url` (the page
of the fact check, one anchor per claim); recommended: `author`, `datePublished`, and
`itemReviewed`, a `Claim` with its `appearance`, `firstAppearance`, `author` and `datePublished`.
`url` and `author` come from the team's publishing settings; without them the reviews are written
without, and `missing_settings` says so: nothing is invented.

The rating scale (numbers to words, as the guidelines ask every fact-checker to document):
1 = Contradicted by the source, 2 = Cannot be verified from the source, 3 = Supported by the source.
"""

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO
from urllib.parse import urlsplit

from factcheck.core.errors import BadInput
from factcheck.core.labels import Verdict
from factcheck.core.verdict_style import STYLES

CONTEXT = "https://schema.org"

RATINGS: dict[Verdict, tuple[int, str]] = {
    Verdict.CONTRADICTED: (1, "Contradicted by the source"),
    Verdict.UNVERIFIABLE: (2, "Cannot be verified from the source"),
    Verdict.SUPPORTED: (3, "Supported by the source"),
}
"""Each verdict's `ratingValue` and `alternateName`."""
WORST, BEST = 1, 3

ANCHOR = "claim-"
"""Each review's anchor on the page, before the sentence id (`#claim-…`), when the base URL has no
`{sentence}` of its own."""
PLACEHOLDERS = ("{rewrite}", "{sentence}")


@dataclass(frozen=True, slots=True)
class Publisher:
    """The team that publishes the fact checks, from the project's publishing settings."""

    organisation: str = ""
    base_url: str = ""
    """Where the fact checks are published; `{rewrite}` and `{sentence}` are replaced by ids."""


@dataclass(frozen=True, slots=True)
class ClaimAuthor:
    """Who made a claim: a rewrite's author (a Person) or publisher (an Organization)."""

    name: str
    type: str


@dataclass(frozen=True, slots=True)
class Appearance:
    """A rewrite in which a claim appears."""

    title: str
    url: str
    """The rewrite's address, empty when it was imported from a file without one."""
    file_name: str
    published: str
    """ISO 8601, empty when unknown."""
    author: ClaimAuthor | None


@dataclass(frozen=True, slots=True)
class ReviewedClaim:
    """One verdict to publish: a rewrite sentence, its verdict and what supports it."""

    sentence_id: str
    rewrite_id: str
    claim: str
    """The sentence as the rewrite has it."""
    verdict: Verdict
    decided_at: str
    note: str
    """The reviewer's note, or the lead's reason for a final verdict."""
    evidence: str
    """The source's passages, joined."""
    source_title: str
    source_url: str
    appearances: tuple[Appearance, ...]
    """This sentence's rewrite first, then other rewrites in the project with the same sentence."""


def check_base_url(text: str) -> str:
    """`text` if it is an address a fact check can be published at (http or https), else BadInput."""
    url = text.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"\s", url):
        raise BadInput(f"{text!r} is not a web address: give one like https://example.org/fact-checks/")
    unknown = set(re.findall(r"\{[^}]*\}", url)) - set(PLACEHOLDERS)
    if unknown:
        raise BadInput(f"{url}: unknown placeholder {sorted(unknown)[0]} (use {' or '.join(PLACEHOLDERS)})")
    if "#" in url and "{sentence}" not in url:
        raise BadInput(f"{url}: has a #fragment but no {{sentence}}: each review needs an anchor of its own")
    return url


def review_url(base_url: str, rewrite_id: str, sentence_id: str) -> str:
    """The address of one review: the base URL with its placeholders filled, else with an anchor
    per sentence (`#claim-SENTENCE_ID`)."""
    url = base_url.replace("{rewrite}", rewrite_id)
    if "{sentence}" in url:
        return url.replace("{sentence}", sentence_id)
    return f"{url}#{ANCHOR}{sentence_id}"


def missing_settings(publisher: Publisher) -> list[str]:
    """What a search engine needs that the settings do not give, one line each."""
    lines = []
    if not publisher.organisation:
        lines.append("no organisation is set, so the reviews have no author")
    if not publisher.base_url:
        lines.append(
            "no base URL is set, so the reviews have no url (search engines require the address of"
            " the page that publishes each fact check)"
        )
    return lines


def claim_review(claim: ReviewedClaim, publisher: Publisher) -> dict:
    """The ClaimReview of one verdict, as a JSON-LD object."""
    value, words = RATINGS[claim.verdict]
    review: dict = {"@context": CONTEXT, "@type": "ClaimReview"}
    if publisher.base_url:
        review["url"] = review_url(publisher.base_url, claim.rewrite_id, claim.sentence_id)
    review["claimReviewed"] = claim.claim
    review["reviewRating"] = {
        "@type": "Rating",
        "ratingValue": value,
        "bestRating": BEST,
        "worstRating": WORST,
        "alternateName": words,
        "name": STYLES[claim.verdict].name,
    }
    review["itemReviewed"] = _claim(claim.appearances)
    if publisher.organisation:
        review["author"] = {"@type": "Organization", "name": publisher.organisation}
    review["datePublished"] = claim.decided_at
    body = _review_body(claim)
    if body:
        review["reviewBody"] = body
    return review


def _claim(appearances: tuple[Appearance, ...]) -> dict:
    claim: dict = {"@type": "Claim", "appearance": [_work(a) for a in appearances]}
    dated = sorted((a for a in appearances if a.published), key=lambda a: a.published)
    # The first appearance is known only where more than one rewrite has the claim and a date says
    # which came first.
    if len(appearances) > 1 and dated:
        claim["firstAppearance"] = _work(dated[0])
    first = dated[0] if dated else appearances[0]
    if first.author is not None:
        claim["author"] = {"@type": first.author.type, "name": first.author.name}
    if dated:
        claim["datePublished"] = dated[0].published
    return claim


def _work(appearance: Appearance) -> dict:
    work: dict = {"@type": "CreativeWork"}
    if appearance.url:
        work["url"] = appearance.url
    else:
        work["name"] = appearance.file_name
    work["headline"] = appearance.title
    if appearance.published:
        work["datePublished"] = appearance.published
    if appearance.author is not None:
        work["author"] = {"@type": appearance.author.type, "name": appearance.author.name}
    return work


def _review_body(claim: ReviewedClaim) -> str:
    parts = [claim.note.strip()] if claim.note.strip() else []
    if claim.evidence:
        where = f"“{claim.source_title}”" + (f" ({claim.source_url})" if claim.source_url else "")
        parts.append(f"The source, {where}, says: “{claim.evidence}”")
    return "\n\n".join(parts)


# Inside a <script> element, "</script>" or "<!--" in a string would end or break it: JSON lets
# these characters be written as escapes, which every JSON-LD reader reads back the same.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def write_claim_reviews(reviews: Iterable[dict], file: IO[str]) -> int:
    """Write `reviews` as one JSON-LD array (ready to paste into a page's
    `<script type="application/ld+json">`); return how many."""
    count = 0
    file.write("[")
    for review in reviews:
        text = json.dumps(review, ensure_ascii=False, indent=2).translate(_SCRIPT_SAFE)
        file.write(("," if count else "") + "\n  " + text.replace("\n", "\n  "))
        count += 1
    file.write("\n]\n")
    return count
