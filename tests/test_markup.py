"""What the checks read of Markdown and HTML: prose only, at the source's own offsets."""

from __future__ import annotations

from copydesk.markup import checkable


def test_markdown_code_links_and_front_matter_are_blanked_in_place() -> None:
    source = "---\ntitle: teh\n---\nThe the `the the` [link](http://x.y/the the) text.\n\n    code the the\n"
    prose = checkable("a.md", source)
    assert len(prose.text) == len(source)
    assert "teh" not in prose.text and "`" not in prose.text and "http" not in prose.text
    assert prose.text.count("The the") == 1 and "code" not in prose.text
    assert prose.touches_markup(source.index("`the"), source.index("`the") + 3)
    assert not prose.touches_markup(source.index("The the"), source.index("The the") + 7)


def test_html_tags_scripts_and_entities() -> None:
    source = '<p class="the the">Hello &amp; the the</p><script>var the the;</script>'
    prose = checkable("a.html", source)
    assert len(prose.text) == len(source) and "class" not in prose.text and "var" not in prose.text
    assert "Hello" in prose.text and "the the" in prose.text


def test_plain_text_is_all_prose_but_a_data_url_is_not() -> None:
    assert checkable("a.txt", "Plain <b>text</b>.").text == "Plain <b>text</b>."
    blob = "A data:image/png;base64," + "A" * 80 + " end."
    prose = checkable("a.txt", blob)
    assert "AAAA" not in prose.text and prose.text.endswith(" end.") and len(prose.text) == len(blob)
