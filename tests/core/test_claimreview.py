"""ClaimReview JSON-LD: every property search engines require, a document that JSON-LD reads
(expanded offline), nothing invented where the settings say nothing, safe to paste into a page."""

import io
import json

import pytest
from pyld import jsonld

from factcheck.core.claimreview import (
    RATINGS,
    Appearance,
    ClaimAuthor,
    Publisher,
    ReviewedClaim,
    check_base_url,
    claim_review,
    missing_settings,
    review_url,
    write_claim_reviews,
)
from factcheck.core.errors import BadInput
from factcheck.core.labels import Verdict
from tests.conftest import DATA

SCHEMA = "https://schema.org/"
BASE_URLS = json.loads((DATA / "claimreview" / "base_urls.json").read_text(encoding="utf-8"))
PUBLISHER = Publisher("Example Fact Check", "https://factcheck.example.org/checks/{rewrite}")

REWRITE = Appearance("A robot gets the green light", "", "001_rewrite.txt", "", None)
DATED = Appearance(
    "Robot cleared", "https://news.example.com/robot", "robot.json", "2026-06-24T01:00:11+00:00",
    ClaimAuthor("Jane Writer", "Person"),
)  # fmt: skip
EARLIER = Appearance("First", "https://wire.example.com/1", "wire.json", "2026-06-20T08:00:00+00:00", None)


def _claim(
    verdict: Verdict = Verdict.CONTRADICTED, appearances=(REWRITE,), note="", evidence=""
) -> ReviewedClaim:
    return ReviewedClaim(
        sentence_id="S1",
        rewrite_id="R1",
        claim="The robot was cleared by the FDA.",
        verdict=verdict,
        decided_at="2026-11-22T10:00:00.000000Z",
        note=note,
        evidence=evidence,
        source_title="China’s medical AI",
        source_url="https://www.scmp.com/x",
        appearances=appearances,
    )


def _offline_loader(url: str, options: dict | None = None) -> dict:
    # Nothing is fetched: schema.org's context, as far as these properties go, is its vocabulary
    # with `url` an IRI.
    assert url.rstrip("/") == SCHEMA.rstrip("/"), url
    context = {"@vocab": SCHEMA, "url": {"@id": SCHEMA + "url", "@type": "@id"}}
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": context}}


def _written(claims: list[ReviewedClaim], publisher: Publisher = PUBLISHER) -> str:
    out = io.StringIO()
    assert write_claim_reviews((claim_review(c, publisher) for c in claims), out) == len(claims)
    return out.getvalue()


def test_every_review_has_every_required_property_and_the_document_is_json_ld() -> None:
    claims = [_claim(v, note=f"note {i}") for i, v in enumerate(Verdict)]
    document = json.loads(_written(claims))
    assert len(document) == 3
    for review, claim in zip(document, claims, strict=True):
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == claim.claim
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating"
        assert (rating["ratingValue"], rating["alternateName"]) == RATINGS[claim.verdict]
        assert (rating["worstRating"], rating["bestRating"]) == (1, 3)
        assert review["url"] == "https://factcheck.example.org/checks/R1#claim-S1"
        assert review["author"] == {"@type": "Organization", "name": "Example Fact Check"}
        assert review["itemReviewed"]["@type"] == "Claim" and review["itemReviewed"]["appearance"]
        assert review["datePublished"] == claim.decided_at
    jsonld.set_document_loader(_offline_loader)
    expanded = jsonld.expand(document)
    assert len(expanded) == 3
    for node in expanded:
        assert node["@type"] == [SCHEMA + "ClaimReview"]
        for name in ("claimReviewed", "reviewRating", "url", "author", "itemReviewed", "datePublished"):
            assert SCHEMA + name in node, name
        assert node[SCHEMA + "url"][0]["@id"].startswith("https://factcheck.example.org/")
        rating = node[SCHEMA + "reviewRating"][0]
        assert SCHEMA + "alternateName" in rating and SCHEMA + "ratingValue" in rating


def test_the_ratings_say_the_verdict_in_words() -> None:
    assert {verdict: words for verdict, (_, words) in RATINGS.items()} == {
        Verdict.SUPPORTED: "Supported by the source",
        Verdict.CONTRADICTED: "Contradicted by the source",
        Verdict.UNVERIFIABLE: "Cannot be verified from the source",
    }
    assert sorted(value for value, _ in RATINGS.values()) == [1, 2, 3]


def test_without_settings_nothing_is_invented_and_what_is_missing_is_said() -> None:
    review = claim_review(_claim(), Publisher())
    assert "url" not in review and "author" not in review
    assert not any("example" in json.dumps(value) for value in review.values())
    lines = missing_settings(Publisher())
    assert any("no base URL is set" in line for line in lines)
    assert any("no organisation is set" in line for line in lines)
    assert missing_settings(PUBLISHER) == []


def test_the_claim_appears_in_its_rewrite_by_file_name_when_it_has_no_address() -> None:
    item = claim_review(_claim(), PUBLISHER)["itemReviewed"]
    assert item["appearance"] == [
        {"@type": "CreativeWork", "name": "001_rewrite.txt", "headline": "A robot gets the green light"}
    ]
    assert "firstAppearance" not in item and "datePublished" not in item and "author" not in item


def test_the_first_appearance_is_the_earliest_dated_rewrite_with_the_claim() -> None:
    item = claim_review(_claim(appearances=(DATED, EARLIER, REWRITE)), PUBLISHER)["itemReviewed"]
    assert [a.get("url") for a in item["appearance"]] == [DATED.url, EARLIER.url, None]
    assert item["firstAppearance"]["url"] == EARLIER.url
    assert item["datePublished"] == EARLIER.published
    one = claim_review(_claim(appearances=(DATED,)), PUBLISHER)["itemReviewed"]
    assert "firstAppearance" not in one  # one rewrite: where the claim first appeared is not known
    assert one["author"] == {"@type": "Person", "name": "Jane Writer"}
    assert one["datePublished"] == DATED.published


def test_the_review_body_holds_the_note_and_the_evidence_with_its_source() -> None:
    body = claim_review(_claim(note="Wrong agency.", evidence="cleared by the EU"), PUBLISHER)["reviewBody"]
    assert body == (
        "Wrong agency.\n\n"
        "The source, “China’s medical AI” (https://www.scmp.com/x), says: “cleared by the EU”"
    )
    assert "reviewBody" not in claim_review(_claim(), PUBLISHER)


def test_text_pasted_into_a_script_element_cannot_end_it() -> None:
    text = _written([_claim(note="</script><script>alert(1)</script> & <!-- x")])
    assert "</script" not in text and "<!--" not in text and "&" not in text
    assert json.loads(text)[0]["reviewBody"].startswith("</script><script>alert(1)</script> & <!-- x")


def test_an_empty_export_is_an_empty_array() -> None:
    assert json.loads(_written([])) == []


@pytest.mark.parametrize("case", BASE_URLS["accepted"], ids=lambda c: c["base"] or "empty")
def test_base_urls_that_are_accepted_give_each_review_its_address(case: dict) -> None:
    base = check_base_url(case["base"])
    assert (review_url(base, "R1", "S1") if base else None) == case["url"]


@pytest.mark.parametrize("case", BASE_URLS["refused"], ids=lambda c: c["base"])
def test_base_urls_that_are_not_addresses_are_refused_with_one_line(case: dict) -> None:
    with pytest.raises(BadInput, match=case["error"].replace("{", r"\{").replace("}", r"\}")):
        check_base_url(case["base"])
