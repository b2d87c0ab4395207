"""Bad files end as one clear line naming the file; good text is decoded and normalised."""

import json
import os
from pathlib import Path

import pytest

from factcheck.core.errors import BadInput
from factcheck.core.formats import parse_articles, read_articles
from factcheck.core.reading import MAX_FILE_BYTES, decode_text, normalise_text

BAD_INPUT = Path(__file__).parents[1] / "data" / "bad_input"
BAD_CASES = json.loads((BAD_INPUT / "cases.json").read_text("utf-8"))["cases"]


def test_every_bad_input_file_has_a_case():
    files = {p.name for p in BAD_INPUT.iterdir() if p.name != "cases.json"}
    assert files == set(BAD_CASES)


@pytest.mark.parametrize("file_name", sorted(BAD_CASES))
def test_a_bad_file_gives_one_clear_line_naming_it(file_name: str):
    path = BAD_INPUT / file_name
    with pytest.raises(BadInput) as raised:
        read_articles(path)
    message = str(raised.value)
    assert message.startswith(f"{path}: ")
    assert BAD_CASES[file_name] in message
    assert "\n" not in message


@pytest.mark.parametrize("file_name", sorted(BAD_CASES))
def test_bytes_in_memory_fail_the_same_way_under_their_name(file_name: str):
    data = (BAD_INPUT / file_name).read_bytes()
    with pytest.raises(BadInput, match=r"^upload\.txt: ") as raised:
        parse_articles(data, "upload.txt")
    assert BAD_CASES[file_name] in str(raised.value)


def test_a_missing_path_is_named(tmp_path: Path):
    path = tmp_path / "nowhere" / "article.md"
    with pytest.raises(BadInput, match=r"article\.md: no such file$"):
        read_articles(path)


def test_a_path_through_a_file_is_missing(tmp_path: Path):
    (tmp_path / "article.txt").write_text("Text.")
    with pytest.raises(BadInput, match=r"no such file$"):
        read_articles(tmp_path / "article.txt" / "more.txt")


def test_a_folder_is_not_an_article(tmp_path: Path):
    with pytest.raises(BadInput, match=f"^{tmp_path}: a folder, not a file$"):
        read_articles(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(BadInput, match=r"not a regular file$"):
        read_articles(pipe)


def test_a_file_over_50_mb_is_refused_before_it_is_read(tmp_path: Path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written, nothing need be read
    with pytest.raises(
        BadInput, match=r"huge\.txt: too large for an article \(50\.0 MB; the limit is 50 MB\)$"
    ):
        read_articles(huge)


def test_a_file_of_exactly_50_mb_is_not_refused_for_its_size(tmp_path: Path):
    big = tmp_path / "big.txt"
    with big.open("wb") as file:
        file.truncate(MAX_FILE_BYTES)  # all NUL bytes: refused, but as binary, not as too large
    with pytest.raises(BadInput, match="binary file"):
        read_articles(big)


def test_bytes_over_50_mb_are_refused():
    with pytest.raises(BadInput, match=r"^big\.md: too large for an article"):
        parse_articles(bytes(MAX_FILE_BYTES + 1), "big.md")


def test_a_utf8_bom_is_dropped():
    assert decode_text(b"\xef\xbb\xbfTitle\n", "a.txt") == "Title\n"


def test_a_bom_alone_is_an_empty_file():
    with pytest.raises(BadInput, match="empty file"):
        decode_text(b"\xef\xbb\xbf \n", "a.txt")


def test_the_byte_offset_of_bad_utf8_counts_the_bom():
    with pytest.raises(BadInput, match=r"byte offset 5, line 1"):
        decode_text(b"\xef\xbb\xbfab\xff", "a.txt")


def test_tabs_and_all_line_endings_are_text_not_control_characters():
    assert decode_text(b"a\tb\r\nc\rd\n", "a.txt") == "a\tb\r\nc\rd\n"


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("a\r\nb", "a\nb"),
        ("a\rb", "a\nb"),
        ("a\r\rb", "a\n\nb"),
        ("a\u2028b\u2029c", "a\nb\nc"),
        ("Cafe\u0301", "Caf\u00e9"),  # NFC composes the accent
        ("\u212b", "\u00c5"),  # the Ångström sign becomes the letter Å
        ("already normal", "already normal"),
    ],
)
def test_normalised_text_has_newlines_and_nfc(raw: str, normal: str):
    assert normalise_text(raw) == normal


def test_read_articles_names_the_document_by_the_file_name_only(tmp_path: Path):
    path = tmp_path / "rewrite.txt"
    path.write_text("Robot approved\nThe robot was approved.\n", encoding="utf-8")
    (article,) = read_articles(path)
    assert article.name == "rewrite.txt"
    assert article.title == "Robot approved"
