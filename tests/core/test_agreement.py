"""Agreement figures: published worked examples, independent implementations, bad input in words.

The published examples live in tests/data/agreement/*.json, each with its citation. The
cross-checks use the `krippendorff` package (α) and NLTK's AnnotationTask (Cohen's κ per pair,
and multi-π, which is Fleiss' κ); they are skipped with a reason when those are not installed.
"""

import json
import math
import random
from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest

from factcheck.core.agreement import AgreementReport, Statistic, agreement
from factcheck.core.errors import BadInput
from factcheck.core.labels import Verdict

FIXTURES = sorted((Path(__file__).parent.parent / "data" / "agreement").glob("*.json"))
Triple = tuple[str, str, str]


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def triples_of(data: dict) -> list[Triple]:
    """The fixture's table, in whichever form its source printed it, as rating triples."""
    form = data["form"]
    if form == "reliability_matrix":
        units = data.get("sentences") or [f"u{i + 1}" for i in range(len(data["rows"][0]))]
        return [
            (unit, reviewer, str(value))
            for reviewer, row in zip(data["reviewers"], data["rows"], strict=True)
            for unit, value in zip(units, row, strict=True)
            if value is not None
        ]
    if form == "category_counts":
        triples = []
        for i, counts in enumerate(data["rows"]):
            given = [c for c, n in zip(data["categories"], counts, strict=True) for _ in range(n)]
            triples += [(f"s{i + 1}", f"rater {j + 1}", c) for j, c in enumerate(given)]
        return triples
    if form == "contingency_table":
        first, second = data["reviewers"]
        categories = data["categories"]
        triples, case = [], 0
        for a, row in zip(categories, data["rows"], strict=True):
            for b, n in zip(categories, row, strict=True):
                for _ in range(n):
                    case += 1
                    triples += [(f"c{case}", first, a), (f"c{case}", second, b)]
        return triples
    raise ValueError(f"unknown fixture form {form!r}")


def figure(report: AgreementReport, expect: dict) -> Statistic:
    name = expect["figure"]
    if name in ("cohen_kappa", "pair_percent"):
        pair = report.pair(*expect["pair"])
        return pair.kappa if name == "cohen_kappa" else pair.percent
    return getattr(report, name)


def assert_sound(stat: Statistic) -> None:
    """A figure is a finite number or None with a reason in words, never NaN."""
    if stat.value is None:
        assert stat.reading.startswith("undefined: ")
        assert stat.warning is None
    else:
        assert math.isfinite(stat.value)
        assert not stat.reading.startswith("undefined")


def all_figures(report: AgreementReport) -> list[Statistic]:
    figures = [report.percent, report.fleiss_kappa, report.krippendorff_alpha]
    return figures + [s for p in report.pairs for s in (p.percent, p.kappa)]


# --- published worked examples ------------------------------------------------------------


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_reproduces_published_example_to_three_decimals(path: Path) -> None:
    case = load(path)
    assert case["citation"].strip()
    report = agreement(triples_of(case["data"]))
    for expect in case["expect"]:
        stat = figure(report, expect)
        if "value" in expect:
            assert stat.value is not None, (expect, stat.reading)
            assert round(stat.value, 3) == pytest.approx(expect["value"], abs=1e-9), expect
        if "n" in expect:
            assert stat.n == expect["n"], expect
    for stat in all_figures(report):
        assert_sound(stat)


def test_fleiss_1971_reads_as_moderate_agreement() -> None:
    report = agreement(triples_of(load(_fixture("fleiss_1971"))["data"]))
    assert report.fleiss_kappa.reading == "moderate agreement (Landis & Koch 1977)"
    assert report.fleiss_kappa.basis == "the 30 sentences all 6 reviewers decided"
    assert report.fleiss_kappa.warning is None  # exactly 30 sentences is enough


def test_cohen_1960_confusion_matrix_is_the_published_table() -> None:
    case = load(_fixture("cohen_1960"))
    pair = agreement(triples_of(case["data"])).pair("A", "B")
    assert (pair.first, pair.second) == ("A", "B")
    assert pair.confusion.labels == ("1", "2", "3")
    assert [list(row) for row in pair.confusion.counts] == case["data"]["rows"]
    assert pair.confusion.count("1", "3") == 18  # row: A's label, column: B's


# --- independent implementations ------------------------------------------------------------


def krippendorff_alpha_reference(triples: list[Triple]) -> float:
    krippendorff = pytest.importorskip("krippendorff", reason="cross-check needs `krippendorff`")
    np = pytest.importorskip("numpy", reason="krippendorff needs numpy")
    reviewers = sorted({r for _, r, _ in triples})
    units = sorted({u for u, _, _ in triples})
    codes = {label: i for i, label in enumerate(sorted({lab for _, _, lab in triples}))}
    matrix = np.full((len(reviewers), len(units)), np.nan)
    for unit, reviewer, label in triples:
        matrix[reviewers.index(reviewer), units.index(unit)] = codes[label]
    return float(krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal"))


def nltk_task(triples: list[Triple]):  # type: ignore[no-untyped-def]
    nltk_agreement = pytest.importorskip("nltk.metrics.agreement", reason="cross-check needs `nltk`")
    return nltk_agreement.AnnotationTask([(r, u, lab) for u, r, lab in triples])


def shared_by(triples: list[Triple], first: str, second: str) -> list[Triple]:
    """The two reviewers' verdicts on the sentences both decided (NLTK's kappa assumes that)."""
    by = {(u, r): lab for u, r, lab in triples}
    units = {u for u, r, _ in triples if r == first} & {u for u, r, _ in triples if r == second}
    return [(u, r, by[u, r]) for u in sorted(units) for r in (first, second)]


def decided_by_all(triples: list[Triple]) -> list[Triple]:
    reviewers = {r for _, r, _ in triples}
    per_unit = Counter(u for u, _, _ in triples)
    return [t for t in triples if per_unit[t[0]] == len(reviewers) >= 2]


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_alpha_matches_the_krippendorff_package(path: Path) -> None:
    triples = triples_of(load(path)["data"])
    alpha = agreement(triples).krippendorff_alpha
    assert alpha.value == pytest.approx(krippendorff_alpha_reference(triples), abs=1e-9)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_kappas_match_nltk(path: Path) -> None:
    triples = triples_of(load(path)["data"])
    report = agreement(triples)
    if report.fleiss_kappa.value is not None:
        reference = nltk_task(decided_by_all(triples)).pi()  # multi-π is Fleiss' κ
        assert report.fleiss_kappa.value == pytest.approx(reference, abs=1e-9)
    if len(report.reviewers) == 2:
        (pair,) = report.pairs
        reference = nltk_task(triples).kappa_pairwise(pair.first, pair.second)
        assert pair.kappa.value == pytest.approx(reference, abs=1e-9)


def random_rating_sets(seed: int, count: int = 150) -> list[list[Triple]]:
    """Reviewers who mostly follow a hidden truth, with some verdicts missing."""
    rng = random.Random(seed)
    sets = []
    for _ in range(count):
        reviewers = [f"rev{i}" for i in range(rng.randint(2, 5))]
        labels = [f"label{i}" for i in range(rng.randint(1, 4))]
        follow = rng.random()
        missing = rng.choice([0.0, 0.1, 0.3, 0.6])
        triples = []
        for s in range(rng.randint(1, 40)):
            truth = rng.choice(labels)
            for reviewer in reviewers:
                if rng.random() >= missing:
                    label = truth if rng.random() < follow else rng.choice(labels)
                    triples.append((f"s{s}", reviewer, label))
        sets.append(triples)
    return sets


def brute_force_percent(triples: list[Triple]) -> tuple[float | None, int]:
    per_unit: dict[str, list[str]] = {}
    for unit, _, label in triples:
        per_unit.setdefault(unit, []).append(label)
    pairs = [a == b for labels in per_unit.values() for a, b in combinations(labels, 2)]
    shared = sum(1 for labels in per_unit.values() if len(labels) >= 2)
    return (sum(pairs) / len(pairs) if pairs else None), shared


def test_random_rating_sets_alpha_matches_the_krippendorff_package() -> None:
    for triples in random_rating_sets(2011):
        alpha = agreement(triples).krippendorff_alpha
        if alpha.value is not None:
            assert alpha.value == pytest.approx(krippendorff_alpha_reference(triples), abs=1e-9)
        elif alpha.n:
            assert alpha.reading == "undefined: every reviewer gave the same label to every sentence"


def test_random_rating_sets_kappas_match_nltk() -> None:
    for triples in random_rating_sets(1960):
        report = agreement(triples)
        complete = decided_by_all(triples)
        assert report.fleiss_kappa.n == len({u for u, _, _ in complete})
        if report.fleiss_kappa.value is not None:
            assert report.fleiss_kappa.value == pytest.approx(nltk_task(complete).pi(), abs=1e-9)
        elif complete:
            assert len({lab for _, _, lab in complete}) == 1
        if complete and report.fleiss_kappa.n == report.sentences:
            # With every reviewer on every sentence, percent agreement is Fleiss' P̄.
            assert report.percent.value == pytest.approx(nltk_task(triples).avg_Ao(), abs=1e-12)

        for pair in report.pairs:
            shared = shared_by(triples, pair.first, pair.second)
            assert pair.kappa.n == len(shared) // 2
            assert sum(map(sum, pair.confusion.counts)) == pair.kappa.n
            if pair.kappa.value is not None:
                reference = nltk_task(shared).kappa_pairwise(pair.first, pair.second)
                assert pair.kappa.value == pytest.approx(reference, abs=1e-9)
            elif shared:
                assert len({lab for _, _, lab in shared}) == 1


def test_random_rating_sets_percent_matches_counting_every_pair() -> None:
    for triples in random_rating_sets(4180):
        report = agreement(triples)
        for stat in all_figures(report):
            assert_sound(stat)
        share, shared = brute_force_percent(triples)
        assert report.percent.n == shared
        assert report.percent.value == pytest.approx(share, abs=1e-12)


def test_random_rating_sets_keep_their_invariants() -> None:
    rng = random.Random(20261)
    for triples in random_rating_sets(20261):
        report = agreement(triples)

        shuffled = triples[:]
        rng.shuffle(shuffled)
        assert agreement(shuffled) == report  # the order verdicts arrive in changes nothing

        # Renaming reviewers so that their order reverses transposes every confusion matrix.
        renamed = [(u, f"z{99 - int(r[3:])}", lab) for u, r, lab in triples]
        flipped = agreement(renamed)
        for pair in report.pairs:
            other = flipped.pair(f"z{99 - int(pair.first[3:])}", f"z{99 - int(pair.second[3:])}")
            assert other.kappa.value == pair.kappa.value
            assert other.confusion.counts == tuple(zip(*pair.confusion.counts, strict=True))


def test_identical_reviewers_agree_perfectly() -> None:
    rng = random.Random(7)
    labels = list(Verdict)
    triples = []
    for s in range(50):
        label = rng.choice(labels)
        triples += [(f"s{s}", "ana", label), (f"s{s}", "ben", label)]
    report = agreement(triples)
    assert report.percent.value == 1.0
    assert report.pair("ana", "ben").kappa.value == pytest.approx(1.0)
    assert report.fleiss_kappa.value == pytest.approx(1.0)
    assert report.krippendorff_alpha.value == pytest.approx(1.0)
    assert report.fleiss_kappa.reading == "almost perfect agreement (Landis & Koch 1977)"
    assert report.krippendorff_alpha.reading.startswith("reliable")


# --- bad input says so in words ---------------------------------------------------------------


def test_one_reviewer_needs_at_least_two() -> None:
    report = agreement([("s1", "ana", "supported"), ("s2", "ana", "contradicted")])
    assert report.reviewers == ("ana",)
    assert report.pairs == ()
    for stat in (report.percent, report.fleiss_kappa, report.krippendorff_alpha):
        assert stat.value is None
        assert stat.reading == "undefined: needs at least two reviewers"


def test_no_verdicts_at_all_needs_two_reviewers() -> None:
    report = agreement([])
    assert (report.reviewers, report.sentences, report.pairs) == ((), 0, ())
    assert report.krippendorff_alpha.reading == "undefined: needs at least two reviewers"


def test_reviewers_without_a_shared_sentence() -> None:
    report = agreement([("s1", "ana", "supported"), ("s2", "ben", "supported")])
    pair = report.pair("ana", "ben")
    assert pair.kappa.value is None and pair.percent.value is None
    assert pair.kappa.reading == "undefined: no sentence was decided by both reviewers"
    assert pair.kappa.n == 0
    assert report.percent.reading == "undefined: no sentence was decided by two or more reviewers"
    assert report.krippendorff_alpha.reading == report.percent.reading
    assert report.fleiss_kappa.reading == "undefined: no sentence was decided by all 2 reviewers"


def test_everyone_always_giving_the_same_label_leaves_kappa_undefined() -> None:
    triples = [(f"s{s}", r, "supported") for s in range(40) for r in ("ana", "ben", "cho")]
    report = agreement(triples)
    assert report.percent.value == 1.0  # they did agree; only chance correction is undefined
    for stat in (report.fleiss_kappa, report.krippendorff_alpha):
        assert stat.value is None and stat.n == 40
        assert stat.reading == "undefined: every reviewer gave the same label to every sentence"
    for pair in report.pairs:
        assert pair.kappa.value is None
        assert pair.kappa.reading == ("undefined: both reviewers gave the same label to every sentence")


def test_two_reviewers_each_sticking_to_a_different_label_is_zero_kappa_not_undefined() -> None:
    triples = [(f"s{s}", "ana", "supported") for s in range(5)]
    triples += [(f"s{s}", "ben", "contradicted") for s in range(5)]
    pair = agreement(triples).pair("ana", "ben")
    assert pair.kappa.value == 0.0
    assert pair.percent.value == 0.0


def test_two_verdicts_from_one_reviewer_on_one_sentence_is_bad_input() -> None:
    with pytest.raises(BadInput, match="'ana' has two verdicts on sentence 's1'"):
        agreement([("s1", "ana", "supported"), ("s1", "ana", "contradicted")])


# --- readings, warnings, label order ----------------------------------------------------------


@pytest.mark.parametrize(
    ("kappa", "words"),
    [
        (-0.05, "poor agreement: less than chance would give"),
        (0.0, "slight agreement"),
        (0.204, "slight agreement"),  # printed as 0.20: the words follow the printed figure
        (0.21, "fair agreement"),
        (0.40, "fair agreement"),
        (0.492, "moderate agreement"),
        (0.61, "substantial agreement"),
        (0.80, "substantial agreement"),
        (0.81, "almost perfect agreement"),
        (1.0, "almost perfect agreement"),
    ],
)
def test_kappa_reads_on_the_landis_koch_scale(kappa: float, words: str) -> None:
    from factcheck.core.agreement_reading import kappa_reading

    assert kappa_reading(kappa) == f"{words} (Landis & Koch 1977)"


@pytest.mark.parametrize(
    ("alpha", "start"),
    [
        (0.9, "reliable"),
        (0.8, "reliable"),
        (0.743, "good enough only for tentative"),
        (0.667, "good enough only for tentative"),
        (0.5, "too unreliable"),
    ],
)
def test_alpha_reads_against_krippendorffs_thresholds(alpha: float, start: str) -> None:
    from factcheck.core.agreement_reading import alpha_reading

    assert alpha_reading(alpha).startswith(start)
    assert alpha_reading(alpha).endswith("(Krippendorff 2004)")


def test_fewer_than_thirty_sentences_carry_a_warning() -> None:
    def report_on(sentences: int) -> AgreementReport:
        labels = ["supported", "contradicted", "unverifiable"]
        return agreement(
            (f"s{s}", r, labels[(s + (r == "ben")) % 3] if s % 4 else labels[s % 3])
            for s in range(sentences)
            for r in ("ana", "ben")
        )

    small, enough = report_on(29), report_on(30)
    for stat in all_figures(small):
        assert stat.warning == ("only 29 sentences: too few for a dependable figure (30 or more recommended)")
    for stat in all_figures(enough):
        assert stat.value is not None and stat.warning is None


def test_percent_reading_counts_the_pairs() -> None:
    case = load(_fixture("percent_hand_case"))
    report = agreement(triples_of(case["data"]))
    assert report.percent.reading == (
        "the same label in 71% of 7 pairs of verdicts (not corrected for chance)"
    )
    assert report.percent.basis == "the 3 sentences decided by two or more reviewers"
    assert report.pair("ben", "ana") is report.pair("ana", "ben")


def test_labels_follow_the_given_order_and_unused_ones_stay_in_the_matrix() -> None:
    triples = [("s1", "ana", "unverifiable"), ("s1", "ben", "supported"), ("s2", "ana", "odd")]
    triples.append(("s2", "ben", "odd"))
    report = agreement(triples, labels=tuple(Verdict))
    assert report.labels == ("supported", "contradicted", "unverifiable", "odd")
    matrix = report.pair("ana", "ben").confusion
    assert len(matrix.counts) == 4 and all(len(row) == 4 for row in matrix.counts)
    assert matrix.count("unverifiable", "supported") == 1
    assert matrix.count("contradicted", "contradicted") == 0


def test_labels_default_to_sorted_order() -> None:
    report = agreement([("s1", "ben", "b"), ("s1", "ana", "c"), ("s2", "ana", "a")])
    assert report.labels == ("a", "b", "c")
    assert report.reviewers == ("ana", "ben")


def _fixture(stem_start: str) -> Path:
    (path,) = [p for p in FIXTURES if p.stem.startswith(stem_start)]
    return path
