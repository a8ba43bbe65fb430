"""Spelling dialect: American and British forms mixed in one article ("favor" beside "offence").

The configured dialect wins; otherwise the article's majority. Words spelled alike in both,
or fine in both (-ize, "program", "story"), never count (see copydesk.dialect). A tie is broken
by British -ise spellings, then by the article's other conventions (£, "Mr", "12 March"),
then by the archive's dialect (the articles checked together, `--across`, or a bulk run); with
nothing to break it, the finding is a question with no fix. An article spelled one way only is
its own house style, unless the archive is the other dialect's and the article's conventions do
not side with its spelling: "neighbors" alone in an archive that writes "neighbours".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from copydesk.checks.base import Check
from copydesk.checks.consistency import describe_variants
from copydesk.checks.hyphenation import hyphen_parts
from copydesk.dialect import BRITISH_FAMILY, convention_votes, sense_pairs, spelling_pairs
from copydesk.findings import Finding
from copydesk.rules import Rule
from copydesk.text import Analysis, Kind, Token, match_case
from copydesk.wordclass import CLOSED_CLASSES, tags

# Words after which "license"/"practice" is a verb: "to license", "they practice".
_VERB_BEFORE = CLOSED_CLASSES["MD"] | CLOSED_CLASSES["PRP"] | {"to", "not", "never", "don't", "didn't", "doesn't"}
# Words after which it is a noun: "a licence", "their licences".
_NOUN_BEFORE = CLOSED_CLASSES["DT"] | CLOSED_CLASSES["PRP$"]
# Words that may follow a noun but not a transitive verb: "a licence to operate", "licences that".
_AFTER_NOUN = CLOSED_CLASSES["IN"] | CLOSED_CLASSES["CC"] | CLOSED_CLASSES["AUX"] | {"that", "which", "who", "to"}


def reading(tokens: Sequence[Token], i: int) -> str | None:
    """'noun' or 'verb' when the neighbours of tokens[i] make its part of speech clear, 'unit' after
    a number ("450 meters"), else None."""
    prev = tokens[i - 1] if i > 0 else None
    if prev is not None and prev.text == "-" and i > 1:
        prev = tokens[i - 2]  # "a 7.3-meter boat", "a one-meter telescope"
    if prev is not None and (prev.text[:1].isdigit() or prev.lower in CLOSED_CLASSES["CD"]):
        return "unit"
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    before = prev.lower.replace("’", "'") if prev is not None and prev.is_word else ""
    if before in _VERB_BEFORE:
        return "verb"
    modifier = (
        before in _NOUN_BEFORE
        or before.endswith(("'s", "s'"))
        or "-" in before
        or bool(before and tags(before) & {"NN", "NNS", "JJ", "CD"} and not tags(before) & {"PRP", "MD", "AUX"})
    )
    closes = after is None or after.kind is Kind.PUNCT or after.lower.replace("’", "'") in _AFTER_NOUN
    return "noun" if modifier and closes else None


def build(rule: Rule) -> Check:
    def check(analysis: Analysis) -> Iterator[Finding]:
        pairs, senses = spelling_pairs(), sense_pairs()
        us: list[Token] = []
        uk: list[Token] = []
        names_us: list[Token] = []
        names_uk: list[Token] = []
        tokens = _split_compounds(t for t in analysis.tokens if t.kind is not Kind.SPACE)
        for i, token in enumerate(tokens):
            lower = token.lower
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            # A name keeps its own spelling ("Eon Productions", "World Trade Center"): never
            # flagged, but it says where the article was written ("Ministry of Defence").
            is_name = token.text[:1].isupper() and (
                not analysis.starts_sentence(token.start) or (following is not None and following.text[:1].isupper())
            )
            us_side, uk_side = (names_us, names_uk) if is_name else (us, uk)
            if lower in pairs.us_to_uk:
                us_side.append(token)
            elif lower in pairs.uk_to_us:
                uk_side.append(token)
            elif not is_name and (pair := senses.get(lower)) is not None:
                if lower == pair.uk:
                    uk.append(token)
                elif reading(tokens, i) == pair.sense:
                    us.append(token)
        # Each name counts once: a company named seven times is still one piece of evidence.
        american = len(us) + len({t.lower for t in names_us})
        british_count = len(uk) + len({t.lower for t in names_uk})
        if not (us or uk):
            return
        confidence = None
        if analysis.dialect is None and not (american and british_count):
            # One dialect only: the article's way, unless the archive is the other dialect's and
            # the article's other conventions do not side with its spelling.
            archive_dialect = analysis.archive.dominant_dialect() if analysis.archive is not None else None
            if archive_dialect is None or analysis.archive is None:
                return
            british = archive_dialect in BRITISH_FAMILY
            votes = convention_votes(analysis.text)
            archives, articles = ("en-GB", "en-US") if british else ("en-US", "en-GB")
            if british == bool(british_count) or votes[archives] < votes[articles]:
                return
            confidence = 0.6
            share = f"{analysis.archive.dialects[archive_dialect]} of {sum(analysis.archive.dialects.values())}"
            verdict = f"the article spells no word the other way, but the archive is {{}} ({share} articles)"
        elif analysis.dialect is not None:
            british = analysis.dialect in BRITISH_FAMILY
            verdict = "the configured dialect is {}"
        elif american != british_count:
            british = british_count > american
            verdict = "the article's majority is {}"
        elif any(t.lower in pairs.british_ise for t in analysis.words):
            british, confidence = True, 0.6
            verdict = "as many of each, but the article's -ise spellings are {}"
        elif (votes := convention_votes(analysis.text))["en-GB"] != votes["en-US"]:
            british = votes["en-GB"] > votes["en-US"]
            examples = "£, 'per cent', 'Mr', '12 March'" if british else "'percent', 'Mr.', 'March 12, 2016'"
            verdict = f"as many of each, but the article's other conventions ({examples}) are {{}}"
            confidence = 0.6
        elif analysis.archive is not None and (archive_dialect := analysis.archive.dominant_dialect()):
            british = archive_dialect in BRITISH_FAMILY
            share = f"{analysis.archive.dialects[archive_dialect]} of {sum(analysis.archive.dialects.values())}"
            verdict = f"as many of each, but the archive is {{}} ({share} articles)"
            confidence = 0.6
        else:
            if us and uk:  # ask only about the writer's own words, never because of a name
                yield from _ask(rule, analysis, us, uk)
            return
        wrong, right = (us, uk) if british else (uk, us)
        if not wrong:
            return
        name, other = ("British", "American") if british else ("American", "British")
        groups = {f"{other} ({_listed(wrong)})": [analysis.line_of(t.start) for t in wrong]}
        if right:
            groups[f"{name} ({_listed(right)})"] = [analysis.line_of(t.start) for t in right]
        if named := names_uk if british else names_us:
            groups[f"{name}, in names ({_listed(named)})"] = [analysis.line_of(t.start) for t in named]
        summary = describe_variants(groups)
        for token in wrong:
            lower = token.lower
            table = pairs.us_to_uk if british else pairs.uk_to_us
            fixed = table.get(lower) or (senses[lower].uk if british else senses[lower].us)
            yield rule.finding(
                token.start,
                token.end,
                token.text,
                [match_case(token.text, fixed)],
                confidence=confidence,
                message=f"'{token.text}' is the {other} spelling; {verdict.format(name)}: {summary}",
            )

    return check


def _split_compounds(tokens: Iterable[Token]) -> list[Token]:
    """The tokens, a hyphenated word as its parts and hyphens: "honey-flavored" is spelled the
    American way as much as "flavored" is."""
    split: list[Token] = []
    for token in tokens:
        if token.kind is not Kind.WORD or "-" not in token.text.strip("-"):
            split.append(token)
            continue
        for k, (start, end, part) in enumerate(hyphen_parts(token)):
            if k:
                split.append(Token(start - 1, start, "-", Kind.PUNCT))
            if part:
                split.append(Token(start, end, part, Kind.WORD))
    return split


def _listed(tokens: list[Token]) -> str:
    return ", ".join(sorted({t.lower for t in tokens})[:4])


def _ask(rule: Rule, analysis: Analysis, us: list[Token], uk: list[Token]) -> Iterator[Finding]:
    """A tie and nothing to break it: a question with no fix."""
    summary = describe_variants(
        {
            f"American ({_listed(us)})": [analysis.line_of(t.start) for t in us],
            f"British ({_listed(uk)})": [analysis.line_of(t.start) for t in uk],
        }
    )
    for token in sorted(us + uk, key=lambda t: t.start):
        yield rule.finding(
            token.start,
            token.end,
            token.text,
            confidence=0.3,
            message=f"American and British spellings mixed, as many of each: {summary}",
        )
