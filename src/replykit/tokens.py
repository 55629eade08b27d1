"""Tokens of folded text, and the morphological variants a token is looked up as.

Matching works on tokens, not on regular expressions: Python's ``re`` treats
ZWNJ as a word boundary, which is wrong for Persian, and a token index keeps
matching linear in the text whatever the number of rules.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .normalizer import is_arabic_script

__all__ = ["Token", "tokenize", "variants"]

# Letters and digits, with inner apostrophes kept so "can't" is one token.
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# Anything between two tokens that ends a clause: a phrase never spans it.
_BREAK = re.compile(r"[.!?;\n]")
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")

# Persian verbal prefixes written detached ("می خواهم"): glued to the next word,
# as the half-space form would be after folding removes the ZWNJ.
_DETACHED_PREFIXES = frozenset({"مي", "نمي"})
# Persian plural and comparative suffixes written detached ("کتاب ها").
_DETACHED_SUFFIXES = frozenset({"ها", "هاي", "هايي", "تر", "ترين"})
_DETACHED = _DETACHED_PREFIXES | _DETACHED_SUFFIXES

# Arabic clitics in front of a word (conjunctions, prepositions, the article),
# longest first. Stripped only when at least two letters remain.
_AR_PREFIXES: tuple[str, ...] = (
    "وبال", "وكال", "وفال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال",
    "وب", "ول", "وك", "فب", "فل", "وس", "و", "ف", "ب", "ل", "ك",
)
# Persian verbal prefixes: a rule can name the bare stem.
_FA_PREFIXES: tuple[str, ...] = ("نمي", "مي")
# Suffixes: Persian plural, comparative, enclitic pronouns and the copula;
# Arabic possessive pronouns. Stripped only when at least two letters remain.
_SUFFIXES: tuple[str, ...] = (
    "هايي", "هاي", "ها", "ترين", "تر", "هايشان", "شان", "تان", "مان",
    "ام", "ات", "اش", "ايم", "ايد", "اند", "يم", "يد", "ند",
    "هم", "كم", "كن", "نا", "ني", "ه", "ي", "ك", "ت", "م", "ش",
)


class Token(NamedTuple):
    """A token of folded text: its key, its folded span, and a clause break before it."""

    key: str
    start: int
    end: int
    brk: bool


def tokenize(folded: str) -> list[Token]:
    """Split folded text into tokens, rejoining detached Persian affixes.

    Examples:
        >>> [t.key for t in tokenize("it's down. again")]
        ["it's", 'down', 'again']
        >>> [t.key for t in tokenize("\u0645\u064a \u062e\u0648\u0627\u0647\u0645")] == ["\u0645\u064a\u062e\u0648\u0627\u0647\u0645"]
        True
    """
    out: list[Token] = []
    clause_start = 0
    finditer = _TOKEN.finditer
    for brk in _BREAK.finditer(folded + "\n"):
        clause_end = brk.start()
        if clause_end > clause_start:
            tokens = [Token(m.group(), m.start(), m.end(), False)
                      for m in finditer(folded, clause_start, clause_end)]
            if _ARABIC_SCRIPT.search(folded, clause_start, clause_end) is not None and any(
                t.key in _DETACHED for t in tokens
            ):
                tokens = _rejoined(folded, tokens)
            if tokens:
                if out:
                    tokens[0] = tokens[0]._replace(brk=True)
                out.extend(tokens)
        clause_start = brk.end()
    return out


def _rejoined(folded: str, tokens: list[Token]) -> list[Token]:
    """``tokens`` with detached Persian prefixes and suffixes glued on."""
    out: list[Token] = []
    glue_next = False
    for tok in tokens:
        if out:
            last = out[-1]
            if glue_next or (
                tok.key in _DETACHED_SUFFIXES
                and is_arabic_script(last.key[-1])
                and folded[last.end:tok.start].isspace()
            ):
                out[-1] = Token(last.key + tok.key, last.start, tok.end, False)
                glue_next = False
                continue
        out.append(tok)
        glue_next = tok.key in _DETACHED_PREFIXES
    return out


def variants(key: str) -> list[str]:
    """The forms a token is looked up as: itself, then with clitics and affixes off.

    Only Arabic-script tokens have variants; English inflection is written into
    the rules with ``*`` (``cancel*``).

    Examples:
        >>> variants("down")
        ['down']
        >>> "\u0646\u062a" in variants("\u0648\u0627\u0644\u0646\u062a")
        True
    """
    if not key or not is_arabic_script(key[0]):
        return [key]
    stems = [key]
    for p in _AR_PREFIXES:
        if key.startswith(p) and len(key) - len(p) >= 2:
            stems.append(key[len(p):])
    for p in _FA_PREFIXES:
        if key.startswith(p) and len(key) - len(p) >= 2:
            stems.append(key[len(p):])
    out = list(stems)
    for stem in stems:
        for s in _SUFFIXES:
            if stem.endswith(s) and len(stem) - len(s) >= 2:
                out.append(stem[: -len(s)])
    # Deduplicate, keeping the order: the token itself first.
    return list(dict.fromkeys(out))
