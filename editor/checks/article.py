"""a or an, by the sound of the next word: "an hour", "a European", "a one-off", "an MP", "a US official".

Spelling is not sound, so the letter rule has exceptions, listed in the rule's settings:
words that start with a vowel letter and a consonant sound ("unit", "euro", "one") and the
reverse ("hour", "honest"). Abbreviations read letter by letter take the sound of their first
letter's name ("an MP", "a US"); those read as words ("NATO", "UNESCO") follow the word rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from copydesk.checks.base import Check, doc, parse_settings
from copydesk.findings import Finding
from copydesk.rules import Rule
from copydesk.text import Analysis, Kind, match_case
from copydesk.wordclass import has_tag

_VOWEL_LETTER_NAMES = set("AEFHILMNORSX")  # "an MP", "an FBI agent", "an SUV"
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")  # M.B.A., U.S.
_GLUED = re.compile(r"[A-Z]{2,}[a-z]")
# Word classes that make a word in capitals a word of the lexicon, read as such (not "FBI", "NHS").
_LEXICAL = frozenset({"NN", "NNS", "VB", "VBD", "VBZ", "VBG", "JJ"})


def _is_word(lower: str) -> bool:
    return has_tag(lower, _LEXICAL)


_SAID_EITHER_WAY = re.compile(r"[FHLMNRSX][AEIOU][B-DF-HJ-NP-TV-Z]")  # SIM, LED, MIT, NIH
_PRONOUNCEABLE = re.compile(r"[A-Z][AEIOU][A-Z]{2,}|[AEIOU][A-Z][AEIOU][A-Z]+")  # NATO, UNESCO, OPEC; not UCLA


def indefinite_article(word: str, consonant_starts: tuple[str, ...], vowel_starts: tuple[str, ...]) -> str | None:
    """"a" or "an", as the word's first sound wants; None when it cannot tell."""
    vowel = vowel_sound(word, consonant_starts, vowel_starts)
    return None if vowel is None else "an" if vowel else "a"


def vowel_sound(word: str, consonant_starts: tuple[str, ...], vowel_starts: tuple[str, ...]) -> bool | None:
    """Whether the word is said with a vowel first; None when it cannot tell (symbols)."""
    if word[:1].isdigit():
        digits = re.sub(r"\D", "", word.split(".")[0])
        year = len(digits) == 4 and "," not in word  # "an 1895 press": eighteen ninety-five
        return digits.startswith("8") or (digits[:2] in ("11", "18") and (len(digits) in (2, 5, 8) or year))
    if _INITIALS.fullmatch(word):
        return word[0] in _VOWEL_LETTER_NAMES  # "an M.B.A.", "a U.S. court"
    letters = word.split("-")[0].replace("’", "'")
    if _GLUED.match(letters):
        return None  # an acronym glued to a word ("UEFAlicensed", a lost hyphen): its sound is a guess
    lower = letters.lower()
    if _SAID_EITHER_WAY.fullmatch(letters):
        return None  # "a SIM card" (sim), "an LED" (el-ee-dee; "led" is a word too): said as a word or spelled out
    if letters.isupper() and letters.isalpha() and len(letters) >= 3 and _is_word(lower):
        pass  # a word set in capitals is read as the word: "a STOP button", "a WARNING", "a LASER"
    elif letters.isupper() and letters.isalpha() and (len(letters) == 1 or not _PRONOUNCEABLE.fullmatch(letters)):
        return letters[0] in _VOWEL_LETTER_NAMES  # "an MP", "an F-16", "a U-turn"
    elif letters.isupper() and letters.isalpha() and letters[0] == "U":
        return False  # an acronym said as a word starts "you": "a UEFA coach", "a UNESCO site"
    if not lower[:1].isalpha():
        return None
    if lower.startswith(vowel_starts):
        return True
    if lower.startswith(consonant_starts):
        return False
    return lower[0] in "aeiou"


@dataclass(frozen=True)
class Settings:
    consonant_sound: tuple[str, ...] = field(
        metadata=doc('word starts spelled with a vowel but said with a consonant ("uni", "one")')
    )
    vowel_sound: tuple[str, ...] = field(
        metadata=doc('word starts spelled with a consonant but said with a vowel ("hour", "honest")')
    )


def sound_starts(settings: Settings) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The rule's word starts said with a consonant ("uni"), and with a vowel ("hour"), lower case."""
    return tuple(w.lower() for w in settings.consonant_sound), tuple(w.lower() for w in settings.vowel_sound)


def build(rule: Rule) -> Check:
    settings = parse_settings(rule, Settings)
    consonant_starts, vowel_starts = sound_starts(settings)

    def check(analysis: Analysis) -> Iterator[Finding]:
        tokens = analysis.tokens
        for i, tok in enumerate(tokens[:-2]):
            if tok.lower not in ("a", "an") or tokens[i + 1].text != " ":
                continue
            if i >= 2 and tokens[i - 1].text in ("-", "’", "'", ".") and tokens[i - 2].is_word:
                continue  # "Plan-A", "’a", initials
            nxt = tokens[i + 2]
            if nxt.kind not in (Kind.WORD, Kind.NUMBER) or (
                tok.text == "A" and not analysis.starts_sentence(tok.start)
            ):
                continue  # a capital A inside a sentence is a letter: "Plan A is", "vitamin A"
            if nxt.lower in ("a", "an") or (len(nxt.text) == 1 and nxt.text.islower()):
                continue  # "a a place" is a doubled word (repetition's); "an d subject" a word broken apart
            wanted = indefinite_article(nxt.text, consonant_starts, vowel_starts)
            if wanted is None:
                continue
            if tok.lower != wanted:
                yield rule.finding(
                    tok.start,
                    tok.end,
                    tok.text,
                    [match_case(tok.text, wanted)],
                    message=f"Use '{wanted}' before '{nxt.text}' (it starts with a "
                    f"{'vowel' if wanted == 'an' else 'consonant'} sound)",
                )

    return check
