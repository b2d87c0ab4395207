"""Words as the assistant compares them."""

import pytest

from factcheck.core.assist.tokens import all_terms, first_copies, term, words


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Feb", "February"),
        ("Sept", "September"),
        ("govt", "government"),
        ("Dept", "departments"),
        ("05", "5"),
        ("2,400", "2400"),
        ("U.S.", "us"),
        ("Surgeons", "surgeon"),
    ],
)
def test_forms_of_the_same_word_meet(a, b):
    assert term(a) == term(b)


@pytest.mark.parametrize(("a", "b"), [("sat", "saturday"), ("sun", "sunday"), ("3.5", "35"), ("0", "")])
def test_ambiguous_abbreviations_and_other_numbers_stay_apart(a, b):
    assert term(a) != term(b)


def test_words_keep_their_offsets():
    sentence = "The bridge reopened on Tuesday."
    assert [sentence[w.start : w.end] for w in words(sentence)] == [
        "The",
        "bridge",
        "reopened",
        "on",
        "Tuesday",
    ]
    assert all_terms(sentence) == tuple(w.term for w in words(sentence))


def test_sentences_with_the_same_words_are_one_candidate():
    source = ["Supermarine Spitfire Vc", "The plane flew.", "♦ Supermarine  Spitfire VC", "...", "..."]
    assert first_copies(source) == [0, 1, 0, 3, 3]
