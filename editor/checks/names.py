"""Names spelled two ways in one article ("Ms. Rjavi" and "Mrs. Rajavi"), and their honorifics.

No dictionary knows every name, so the article itself is the evidence: capitalised words
that are nearly the same (an edit or two for their length: a transposition, a dropped or
doubled letter) and plausibly the same entity are variants. The more frequent form wins; on a
tie, the more plausible spelling (a known name or word beats an unknown one, and a word can
start "Ra" but not "Rj"). Two forms that are both real names ("Austen", "Austin") are only
asked about, with no fix, unless the same first name or honorific stands before both.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.metadata import version

from rapidfuzz.distance import OSA

from copydesk.cache import cached, fingerprint
from copydesk.checks.base import Check
from copydesk.checks.consistency import describe_variants
from copydesk.findings import Finding
from copydesk.lexicon import frequencies, zipf
from copydesk.rules import Rule, word_list
from copydesk.text import Analysis, ArchiveView, Kind, Token
from copydesk.wordclass import has_tag

HONORIFICS = word_list("honorifics")
_POSSESSIVE = re.compile(r"['’]s?$")
# A sentence-initial capitalised word this common is an ordinary word ("The", "Among"), not a name.
COMMON_WORD_ZIPF = 5.0


@dataclass(frozen=True)
class Occurrence:
    token: Token
    form: str  # the name without a possessive ending
    before: str  # the capitalised word or honorific just before it, if any


@cache
def _known_trigrams() -> frozenset[str]:
    """Letter trigrams (with ^ and $ for the word's edges) of at least two common English words;
    from the disk cache while wordfreq's list is the same (counting them reads every word)."""
    return cached("name-trigrams", fingerprint([version("wordfreq")]), _count_trigrams)


def _count_trigrams() -> frozenset[str]:
    counts: Counter[str] = Counter()
    for word, freq in frequencies().items():
        if freq > 1e-6 and word.isalpha():
            counts.update(_trigrams(word))
    return frozenset(t for t, n in counts.items() if n >= 2)


def _trigrams(word: str) -> set[str]:
    padded = f"^{word.lower()}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def plausibility(form: str) -> float:
    """Higher for a known name or word; lower for letter sequences English words never have ("Rj", "llr")."""
    unseen = len(_trigrams(form) - _known_trigrams())
    return zipf(form) - unseen


def _previous_word(tokens: tuple[Token, ...], i: int) -> str:
    j = i - 1
    while j >= 0 and tokens[j].kind is Kind.SPACE and "\n" not in tokens[j].text:
        j -= 1
    if j >= 1 and tokens[j].text == "." and tokens[j - 1].text in HONORIFICS:
        return tokens[j - 1].text
    return tokens[j].text if j >= 0 and tokens[j].is_word and tokens[j].text[:1].isupper() else ""


@lru_cache(maxsize=4)
def name_occurrences(analysis: Analysis) -> tuple[Occurrence, ...]:
    """Every capitalised word that may be a name; kept for the few analyses last seen, since the
    names and honorifics checks (and the archive's first pass) read the same ones."""
    tokens = analysis.tokens
    found = []
    for i, tok in enumerate(tokens):
        text = tok.text
        prefix, _, rest = text.partition("-")
        if rest[:1].isupper() and prefix.isalpha() and prefix.islower():
            tok = Token(tok.start + len(prefix) + 1, tok.end, rest, tok.kind)  # "cross-Channel", "pro-Brexit":
            text = rest  # the name after a prefix
        if tok.kind is not Kind.WORD or not text[:1].isupper() or text.isupper() or "." in text:
            continue
        form = _POSSESSIVE.sub("", text)
        parts = form.split("-")  # a double-barrelled name ("Garcia-Moreno") is one name; "Anglo-Saxon" too
        if len(form) < 4 or not all(p.isalpha() and p[:1].isupper() for p in parts) or form in HONORIFICS:
            continue
        if analysis.starts_sentence(tok.start) and zipf(form) >= COMMON_WORD_ZIPF:
            continue  # "The", "This", "Among": ordinary words that start a sentence
        found.append(Occurrence(tok, form, _previous_word(tokens, i)))
    return tuple(found)


ARCHIVE_CONFIDENCE = 0.9
# A name or word at least this frequent is established: a slip of the pen rarely makes one.
REAL_NAME_ZIPF = 2.5
# Two established names are asked about only if both are this rare; commoner pairs are
# ordinary words ("Live", "Love") or different famous names.
ASK_BELOW_ZIPF = 4.0


def _is_real(form: str) -> bool:
    return zipf(form) >= REAL_NAME_ZIPF


# Endings that make another word of the same family: "Islamic"/"Islamist", "Andalusía"/"Andalusian".
_FAMILY_ENDINGS = word_list("family_endings")


def _common_prefix_length(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _doubled(a: str, b: str) -> bool:
    """Whether one form is the other with one letter doubled: "Puentees" for "Puentes", a slip."""
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return len(longer) == len(shorter) + 1 and any(
        longer[i] == longer[i - 1] and longer[:i] + longer[i + 1 :] == shorter for i in range(1, len(longer))
    )


def _derived(a: str, b: str) -> bool:
    """Whether two forms are one word's family members rather than two spellings of one name."""
    if a.lower().startswith(b.lower()) or b.lower().startswith(a.lower()):
        return True  # "Khan", "Khanna"; "Smith", "Smiths"; "BlackBerrys", "Blackberry"
    if _doubled(a, b):
        return False  # "Puentees" is "Puentes" with an e typed twice, not its plural
    prefix = _common_prefix_length(a.lower(), b.lower())
    if OSA.distance(a, b) == 1 and not (_is_real(a) and _is_real(b)):
        return False  # "Australa" beside "Australia": a letter lost from a name, not another word of its family
    return prefix >= 4 and a[prefix:].lower() in _FAMILY_ENDINGS and b[prefix:].lower() in _FAMILY_ENDINGS


# Word classes of a common word: a name that is one ("Party") is no evidence of a slip.
_COMMON_WORD = frozenset({"NN", "NNS", "VB", "VBD", "VBZ", "JJ"})


def _max_distance(a: str, b: str) -> int:
    return 1 if min(len(a), len(b)) <= 6 else 2


@dataclass(frozen=True)
class Variant:
    """A minority form, the form it should be, and how sure we are."""

    form: str
    preferred: str
    sure: bool
    # Whether the fix may be applied unattended: not when a tie decided it, when only the case
    # differs (a brand's or a house's style), or when the winner is a common word ("Parto" is
    # Italian, not a slip for "Party").
    safe: bool = True


def find_variants(occurrences: tuple[Occurrence, ...]) -> tuple[Variant, ...]:
    """The forms and the words before them decide, not where they stand: an edit elsewhere in the
    article (a keystroke in the language server) answers from the cache."""
    return _variants(tuple((o.form, o.before) for o in occurrences))


@lru_cache(maxsize=4)
def _variants(forms_and_befores: tuple[tuple[str, str], ...]) -> tuple[Variant, ...]:
    counts = Counter(form for form, _ in forms_and_befores)
    befores: dict[str, set[str]] = defaultdict(set)
    for form, before in forms_and_befores:
        if before:
            befores[form].add(before.rstrip("."))
    forms = sorted(counts, key=lambda f: (-counts[f], -plausibility(f), f))
    variants = []
    for i, loser in enumerate(forms):
        for winner in forms[:i]:
            if loser.lower() == winner.lower():
                variants.append(Variant(loser, winner, sure=True, safe=False))  # "Blackberry" beside "BlackBerry"
                break
            if loser[0] != winner[0] or _derived(loser, winner):
                continue  # another initial, or another word of the same family ("Khanna", "Islamist")
            if OSA.distance(loser, winner) > _max_distance(loser, winner):
                continue
            tie = counts[loser] == counts[winner]
            if tie and plausibility(loser) > plausibility(winner):
                continue  # the tie goes to the more plausible spelling, which is `loser` here
            real = _is_real(loser) and _is_real(winner)
            before_l, before_w = befores[loser], befores[winner]
            if real and before_l and before_w and not before_l & before_w:
                continue  # "Jane Austen" and "Tom Austin"
            if real:
                # Two established names or words ("Austen", "Austin"; "Many", "Mary") are the same
                # only with the same first name or title before both, and more uses of one.
                if before_l & before_w and not tie:
                    variants.append(Variant(loser, winner, sure=True))
                elif max(zipf(loser), zipf(winner)) < ASK_BELOW_ZIPF and not tie:
                    variants.append(Variant(loser, winner, sure=False))
                break
            if tie and plausibility(loser) == plausibility(winner):
                variants.append(Variant(loser, winner, sure=False))  # nothing tells which is right
                break
            safe = not tie and not has_tag(winner.lower(), _COMMON_WORD)
            variants.append(Variant(loser, winner, sure=True, safe=safe))
            break
    return tuple(variants)


def archive_variants(archive: ArchiveView, forms: set[str], local: list[Variant]) -> list[Variant]:
    """Forms rare in the archive beside a common near-identical form: "Rjavi" (2) and "Rajavi" (300).

    Only forms the lexicon has never seen: "Europol" beside "Europe", or "Javan" beside "Japan",
    are rarer than their neighbours in a news archive, but they are words of their own."""
    winners = {v.preferred for v in local}
    found = []
    for form in sorted(forms - winners):
        if zipf(form) > 0:
            continue
        winner = archive.dominant_variant(form, _max_distance(form, form))
        if winner is None or _derived(form, winner):
            continue
        found.append(Variant(form, winner, sure=True))
    return found


def build(rule: Rule) -> Check:
    def check(analysis: Analysis) -> Iterator[Finding]:
        occurrences = name_occurrences(analysis)
        lines: dict[str, list[int]] = defaultdict(list)
        for o in occurrences:
            lines[o.form].append(analysis.line_of(o.token.start))
        variants = list(find_variants(occurrences))  # a copy: the cached tuple stays as it is
        from_archive = (
            archive_variants(analysis.archive, {o.form for o in occurrences}, variants) if analysis.archive else []
        )
        local_forms = {v.form for v in variants}
        variants += [v for v in from_archive if v.form not in local_forms]
        backed_by_archive = {(v.form, v.preferred) for v in from_archive}
        for variant in variants:
            if lines.get(variant.preferred):
                summary = describe_variants(
                    {variant.form: lines[variant.form], variant.preferred: lines[variant.preferred]}
                )
            else:  # the preferred form comes from the archive
                count = analysis.archive.articles.get(variant.preferred, 0) if analysis.archive else 0
                summary = describe_variants({variant.form: lines[variant.form]}) + (
                    f" vs '{variant.preferred}' in {count} articles of the archive"
                )
            # Hundreds of articles against a handful is stronger evidence than one article.
            confidence = ARCHIVE_CONFIDENCE if (variant.form, variant.preferred) in backed_by_archive else None
            for o in occurrences:
                if o.form != variant.form:
                    continue
                end = o.token.start + len(o.form)
                if variant.sure:
                    message = f"Name spelled two ways: {summary}; use '{variant.preferred}'"
                    yield rule.finding(o.token.start, end, o.form, [variant.preferred], confidence, message,
                                       safe=variant.safe)  # fmt: skip
                else:
                    yield rule.finding(o.token.start, end, o.form, confidence=0.3, message=f"The same name? {summary}")

    return check


def build_honorifics(rule: Rule) -> Check:
    """One person, one title: "Ms. Rjavi" and "Mrs. Rajavi" are the same woman."""

    def check(analysis: Analysis) -> Iterator[Finding]:
        tokens = analysis.tokens
        occurrences = name_occurrences(analysis)
        canonical = {v.form: v.preferred for v in find_variants(occurrences) if v.sure}
        titled: dict[str, list[tuple[Token, str]]] = defaultdict(list)
        for i, tok in enumerate(tokens):
            if tok.text not in HONORIFICS:
                continue
            j = i + 1 + (i + 1 < len(tokens) and tokens[i + 1].text == ".")
            if j + 1 < len(tokens) and tokens[j].kind is Kind.SPACE and tokens[j + 1].is_word:
                surname = _POSSESSIVE.sub("", tokens[j + 1].text)
                titled[canonical.get(surname, surname)].append((tok, surname))
        for person, uses in titled.items():
            titles = Counter(tok.text for tok, _ in uses)
            if len(titles) < 2 or titles.keys() - {"Mr", "Mrs", "Ms", "Miss"}:
                continue
            # The most frequent title; on a tie, the one used with the preferred spelling of the name.
            preferred = max(titles, key=lambda t: (titles[t], any(tok.text == t and s == person for tok, s in uses)))
            summary = describe_variants(
                {f"{t} {person}": [analysis.line_of(tok.start) for tok, _ in uses if tok.text == t] for t in titles}
            )
            for tok, _ in uses:
                if tok.text != preferred:
                    yield rule.finding(
                        tok.start,
                        tok.end,
                        tok.text,
                        [preferred],
                        message=f"One person, two titles: {summary}; use '{preferred}'",
                    )

    return check
