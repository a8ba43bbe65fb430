"""Markdown and HTML: which parts of the source are prose.

The checks see a copy of the source of the same length in which everything that is not prose
(code, URLs, link targets, front matter, tags) is blanked out with spaces, line breaks kept.
Offsets in that copy are offsets in the source, so findings and fixes need no mapping, and a
finding that touches a blanked region is dropped: a fix never edits markup.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cached_property
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from copydesk.text import Intervals, line_starts

MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")

_md = MarkdownIt("commonmark").use(front_matter_plugin)
_NOT_PROSE_BLOCKS = {"fence", "code_block", "html_block", "front_matter"}
# TOML front matter (Hugo, Zola), which markdown-it's plugin does not know.
_TOML_FRONT_MATTER = re.compile(r"\A\+\+\+[ \t]*\r?\n.*?^\+\+\+[ \t]*$", re.DOTALL | re.MULTILINE)
# Inline markup: code spans, inline HTML elements whose content is not prose (<code>, <kbd>...),
# link and image targets, autolinks, bare URLs, inline HTML tags, comments.
_MD_INLINE = re.compile(
    r"(?P<code>(`+)[^`]*?\2)"
    r"|(?P<raw><(?P<rawname>code|kbd|samp|var|pre|script|style|tt)\b[^>]*>.*?</(?P=rawname)\s*>)"
    r"|(?P<target>\]\([^)\s]*(?:\s+\"[^\"]*\")?\))"
    r"|(?P<auto><(?:https?|mailto|ftp):[^>\s]*>)"
    r"|(?P<url>\b(?:https?://|www\.)[^\s<>()\]]*[^\s<>()\].,;:!?'\"”’])"
    r"|(?P<comment><!--.*?-->)"
    r"|(?P<tag></?[A-Za-z][^>\n]*>)",
    re.DOTALL,
)


@dataclass(frozen=True)
class Prose:
    """The checkable text (same length as the source) and the blanked spans."""

    text: str
    blanked: tuple[tuple[int, int], ...]

    @cached_property
    def _index(self) -> Intervals:
        return Intervals(self.blanked)

    def touches_markup(self, start: int, end: int) -> bool:
        return self._index.overlaps(start, max(end, start + 1))


def _blank(chars: list[str], start: int, end: int, spans: list[tuple[int, int]]) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "
    if end > start:
        spans.append((start, end))


def markdown_prose(source: str) -> Prose:
    chars = list(source)
    spans: list[tuple[int, int]] = []
    starts = line_starts(source)

    def offset(line: int) -> int:
        return starts[line] if line < len(starts) else len(source)

    toml = _TOML_FRONT_MATTER.match(source)
    if toml:
        _blank(chars, 0, toml.end(), spans)
    covered = [False] * (len(starts) + 1)
    for token in _md.parse(source):
        if token.map:
            covered[token.map[0] : token.map[1]] = [True] * (token.map[1] - token.map[0])
        if token.type in _NOT_PROSE_BLOCKS and token.map:
            _blank(chars, offset(token.map[0]), offset(token.map[1]), spans)
    # Lines no block covers are what the parser took out of the text: link reference definitions
    # ("[label]: URL 'title'"), whose target and title a fix must never touch.
    for line in range(len(starts)):
        if not covered[line] and source[offset(line) : offset(line + 1)].strip():
            _blank(chars, offset(line), offset(line + 1), spans)
    partial = "".join(chars)
    for m in _MD_INLINE.finditer(partial):
        if m.lastgroup == "target":
            _blank(chars, m.start() + 1, m.end(), spans)  # keep the "]" of the link text
        else:
            _blank(chars, m.start(), m.end(), spans)
    return Prose("".join(chars), tuple(sorted(spans)))


class _HTMLProse(HTMLParser):
    """Keeps text nodes and alt/title attribute values; blanks tags, scripts, styles and code."""

    SKIP = frozenset({"script", "style", "code", "pre", "kbd", "samp", "var", "template"})

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.chars = list(source)
        self.spans: list[tuple[int, int]] = []
        self.starts = line_starts(source)
        self.skipping = 0
        self.skip_from = 0  # where the outermost element whose content is not prose began

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._pos()
        raw = self.get_starttag_text() or ""
        end = start + len(raw)
        keep: list[tuple[int, int]] = []
        for name, value in attrs:
            if name in ("alt", "title") and value:
                m = re.search(re.escape(name) + r"\s*=\s*([\"']?)" + re.escape(value), raw)
                if m:
                    keep.append((start + m.start(1) + len(m.group(1)), start + m.end()))
        pos = start
        for a, b in keep:
            _blank(self.chars, pos, a, self.spans)
            pos = b
        _blank(self.chars, pos, end, self.spans)
        if tag in self.SKIP:
            if not self.skipping:
                self.skip_from = start
            self.skipping += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in self.SKIP:
            self.skipping -= 1

    def handle_endtag(self, tag: str) -> None:
        start = self._pos()
        end = self.source.find(">", start) + 1 or len(self.source)
        _blank(self.chars, start, end, self.spans)
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if self.skipping:
            start = self._pos()
            _blank(self.chars, start, start + len(data), self.spans)

    def _blank_raw(self, text: str) -> None:
        start = self._pos()
        _blank(self.chars, start, start + len(text), self.spans)

    def handle_comment(self, data: str) -> None:
        """A comment, "<!--data-->", or a bogus one the parser reads as a comment ("<!data>",
        "</-->"): it ends at the first ">" after its data, whatever its opener was."""
        start = self._pos()
        close = self.source.find(">", start + 2 + len(data))
        _blank(self.chars, start, close + 1 if close >= 0 else len(self.source), self.spans)

    def handle_decl(self, decl: str) -> None:
        self._blank_raw(f"<!{decl}>")

    def unknown_decl(self, data: str) -> None:
        """CDATA sections and the like: `<![` data, then `]>` or `]]>`."""
        start = self._pos()
        close = self.source.find("]>", start + 3 + len(data))
        _blank(self.chars, start, close + 2 if close >= 0 else len(self.source), self.spans)

    def handle_pi(self, data: str) -> None:
        self._blank_raw(f"<?{data}>")

    def handle_entityref(self, name: str) -> None:
        self._entity(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._entity(f"&#{name};")

    def _entity(self, raw: str) -> None:
        """ "&amp;" reads as "&" followed by spaces: same length, so offsets stay the source's."""
        start = self._pos()
        if self.source.startswith(raw, start):
            char = html.unescape(raw)
            self.chars[start] = char if len(char) == 1 else " "
            _blank(self.chars, start + 1, start + len(raw), self.spans)


def html_prose(source: str) -> Prose:
    parser = _HTMLProse(source)
    parser.feed(source)
    parser.close()
    # What is left open at the end is not prose either: an unclosed <script>, <!-- or <![CDATA[.
    if parser.skipping:
        _blank(parser.chars, parser.skip_from, len(source), parser.spans)
    for opener, closer in (("<!--", "-->"), ("<![CDATA[", "]]>")):
        last = source.rfind(opener)
        if last >= 0 and source.find(closer, last) < 0:
            _blank(parser.chars, last, len(source), parser.spans)
    return Prose("".join(parser.chars), tuple(sorted(parser.spans)))


# A run of more than this many characters without a space is not prose: a data URL, base64, a
# hash, a table exported without spaces. Masked like markup, it costs no check and no engine
# anything (Harper aborted on a 1 MB token), and no fix can touch it.
MAX_WORD = 50
_NON_PROSE_RUN = re.compile(rf"\S{{{MAX_WORD + 1},}}")


def checkable(path: str, source: str) -> Prose:
    """What the checks read: the prose of Markdown and HTML (plain text is all prose), with runs of
    non-prose blanked; same length as the source, so offsets need no mapping."""
    prose = prose_of(path, source)
    text, blanked = (prose.text, list(prose.blanked)) if prose else (source, [])
    if not _NON_PROSE_RUN.search(text):
        return prose if prose is not None else Prose(source, ())
    chars = list(text)
    for m in _NON_PROSE_RUN.finditer(text):
        _blank(chars, m.start(), m.end(), blanked)
    return Prose("".join(chars), tuple(sorted(blanked)))


def prose_of(path: str, source: str) -> Prose | None:
    """The prose of a Markdown or HTML file; None for plain text, which is all prose."""
    lower = path.lower()
    if lower.endswith(MARKDOWN_SUFFIXES):
        return markdown_prose(source)
    if lower.endswith(HTML_SUFFIXES):
        return html_prose(source)
    return None
