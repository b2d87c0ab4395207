"""Markdown becomes stored text whose blocks and spans a viewer can style, and nothing live."""

from factcheck.core.document import BlockKind, InlineStyle
from factcheck.core.markdown import render_markdown
from factcheck.core.plaintext import RenderedText


def _blocks(rendered: RenderedText) -> list[tuple[str, int, str]]:
    return [(b.kind.value, b.level, rendered.text[b.start : b.end]) for b in rendered.blocks]


def _spans(rendered: RenderedText) -> list[tuple[str, str, str]]:
    return [(s.style.value, rendered.text[s.start : s.end], s.target) for s in rendered.spans]


def test_line_breaks_inside_a_paragraph_become_spaces():
    rendered = render_markdown("One line\nnext line  \nafter a hard break\\\nand a backslash break")
    assert rendered.text == "One line next line after a hard break and a backslash break"


def test_raw_html_stays_literal_text_and_gets_no_span():
    source = '<script>alert(1)</script>\n\nSee <iframe src="https://x.example/"></iframe> here.'
    rendered = render_markdown(source)
    assert _blocks(rendered) == [
        ("paragraph", 0, "<script>alert(1)</script>"),
        ("paragraph", 0, 'See <iframe src="https://x.example/"></iframe> here.'),
    ]
    assert rendered.spans == ()


def test_a_javascript_link_is_literal_text_with_no_link_span():
    for source in (
        "[click](javascript:alert(1))",
        "[click](  JavaScript:alert(1) )",
        "[click](&#106;avascript:alert(1))",
        "<javascript:alert(1)>",
        "[click][x]\n\n[x]: javascript:alert(1)",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
    ):
        rendered = render_markdown(source)
        assert all(s.style is not InlineStyle.LINK for s in rendered.spans), source
        assert "click" in rendered.text or "javascript" in rendered.text


def test_a_link_keeps_its_text_and_its_address_as_target():
    rendered = render_markdown('Read [the filing](https://example.org/f?a=1&b=2 "title") now.')
    assert rendered.text == "Read the filing now."
    assert _spans(rendered) == [("link", "the filing", "https://example.org/f?a=1&b=2")]


def test_a_link_glued_to_the_next_word_stays_glued_as_markdown_shows_it():
    rendered = render_markdown("[Medical AI from China](https://example.org)has reached")
    assert rendered.text == "Medical AI from Chinahas reached"


def test_a_remote_image_shows_its_alt_text_and_keeps_its_address_unfetched():
    rendered = render_markdown("Before ![The *Toumai* console](https://img.example/c.jpg) after")
    assert rendered.text == "Before The Toumai console after"
    assert _spans(rendered) == [("image", "The Toumai console", "https://img.example/c.jpg")]


def test_an_image_without_alt_text_adds_nothing():
    rendered = render_markdown(
        "Text ![](https://img.example/pixel.gif) more.\n\n![](https://img.example/x.gif)"
    )
    assert _blocks(rendered) == [("paragraph", 0, "Text  more.")]
    assert rendered.spans == ()


def test_nested_emphasis_gives_nested_spans_in_text_order():
    rendered = render_markdown("*all **bold** here* and `code`")
    assert rendered.text == "all bold here and code"
    assert _spans(rendered) == [
        ("emphasis", "all bold here", ""),
        ("strong", "bold", ""),
        ("code", "code", ""),
    ]


def test_headings_keep_their_level_and_lose_their_marks():
    rendered = render_markdown("# One\n\nTwo\n---\n\n###### Six ######")
    assert _blocks(rendered) == [
        ("heading", 1, "One"),
        ("heading", 2, "Two"),
        ("heading", 6, "Six"),
    ]


def test_list_items_begin_with_a_marker_and_their_words_after_it():
    rendered = render_markdown("- first\n  - nested\n    1. deep\n- second\n\n7. seven\n8. eight")
    assert _blocks(rendered) == [
        ("list_item", 1, "• first"),
        ("list_item", 2, "  ◦ nested"),
        ("list_item", 3, "    1. deep"),
        ("list_item", 1, "• second"),
        ("list_item", 1, "7. seven"),
        ("list_item", 1, "8. eight"),
    ]
    words = [rendered.text[b.content_start : b.end] for b in rendered.blocks]
    assert words == ["first", "nested", "deep", "second", "seven", "eight"]


def test_an_ordered_list_is_numbered_as_a_markdown_viewer_numbers_it():
    rendered = render_markdown("1. a\n1. b\n1) c")
    assert [rendered.text[b.start : b.content_start] for b in rendered.blocks] == [
        "1. ",
        "2. ",
        "1) ",
    ]


def test_a_second_paragraph_in_a_list_item_lines_up_under_the_first():
    rendered = render_markdown("- first para\n\n  second para")
    assert _blocks(rendered) == [
        ("list_item", 1, "• first para"),
        ("list_item", 1, "  second para"),
    ]
    assert rendered.text[rendered.blocks[1].content_start :] == "second para"


def test_quotes_keep_their_depth_and_lists_inside_quotes_are_list_items():
    rendered = render_markdown("> outer\n>\n> > inner\n>\n> - item")
    assert _blocks(rendered) == [
        ("quote", 1, "outer"),
        ("quote", 2, "inner"),
        ("list_item", 1, "• item"),
    ]


def test_code_stays_as_written_and_is_the_only_multiline_block():
    rendered = render_markdown("```\nfirst = 1\n\n  second = 2\n```\n\n    indented\n")
    assert _blocks(rendered) == [("code", 0, "first = 1\n\n  second = 2"), ("code", 0, "indented")]


def test_a_table_row_is_one_paragraph_with_its_cells_barred():
    rendered = render_markdown("| a | *b* |\n|---|---|\n| 1 | [2](https://x.example) |")
    assert _blocks(rendered) == [("paragraph", 0, "a | b"), ("paragraph", 0, "1 | 2")]
    assert _spans(rendered) == [("emphasis", "b", ""), ("link", "2", "https://x.example")]


def test_rules_and_reference_definitions_leave_no_block():
    rendered = render_markdown("Above.\n\n---\n\n[x]: https://example.org\n\nBelow.")
    assert _blocks(rendered) == [("paragraph", 0, "Above."), ("paragraph", 0, "Below.")]


def test_entities_and_escapes_become_the_characters_they_stand_for():
    assert render_markdown("AT&amp;T \\*not emphasis\\* &copy;").text == "AT&T *not emphasis* ©"


def test_empty_markdown_has_no_blocks():
    assert render_markdown("") == RenderedText("", ())
    assert render_markdown("#\n\n---").blocks == ()


def test_block_kinds_cover_every_kind_the_viewer_styles():
    source = "# H\n\nP\n\n- L\n\n> Q\n\n```\nC\n```"
    assert [b.kind for b in render_markdown(source).blocks] == list(BlockKind)
