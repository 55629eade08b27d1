"""Tokens of folded text, and the morphological variants a token is looked up as.

Matching works on tokens, not on regular expressions: Python's ``re`` treats
ZWNJ as a word boundary, which is wrong for Persian, and a token index keeps
matching linear in the text whatever the number of rules.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .normalizer import is_arabic_script

__all__ = ["DETACHED", "Token", "inflections", "tokenize", "variants"]

# Arabic-script letters form tokens of their own, so a digit glued to an
# Arabic word ("3ايام") is split off; other letters and digits form tokens with
# inner apostrophes kept, so "can't" and Arabizi "3ayez" are one token each.
_AR = "\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff"
# A word masked to dodge filters keeps its mask inside the token: asterisks
# between letters of any script ("f*cking", «گ*ه»), and in Arabic script a dot
# next to a lone letter («ح.مير», «ك.س»). The key writes the mask as one "*".
_TOKEN = re.compile(
    f"[{_AR}]+(?:(?:\\*+|\\.)[{_AR}]+)*"
    f"|[^\\W_\u0600-\u06ff]+(?:(?:'|\\*+)[^\\W_\u0600-\u06ff]+)*"
)
_MASK = re.compile(r"[*.]+")
# Anything between two tokens that ends a clause: a phrase never spans it and
# a negator does not reach across it ("No, it's down again"). A masking dot
# (a lone Arabic letter on one side of it) is not one.
_BREAK = re.compile(
    f"[,!?;:\\n]|\\.(?!(?<=[{_AR}]\\.)(?<![{_AR}][{_AR}]\\.)(?=[{_AR}]))"
    f"(?!(?<=[{_AR}]\\.)(?=[{_AR}](?![{_AR}])))"
)
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")

# Persian prefixes written detached ("می خواهم", "بی شرف"): glued to the next
# word, as the half-space form would be after folding removes the ZWNJ.
_DETACHED_PREFIXES = frozenset({"مي", "نمي", "بي"})
# Persian plural and comparative suffixes written detached ("کتاب ها").
_DETACHED_SUFFIXES = frozenset({"ها", "هاي", "هايي", "تر", "ترين"})
DETACHED = _DETACHED_PREFIXES | _DETACHED_SUFFIXES

# Arabic clitics in front of a word (conjunctions, prepositions, the article,
# the dialect demonstrative هال "this", the future prefix), longest first. Stripped only when two letters remain.
_AR_PREFIXES: tuple[str, ...] = (
    "وبال", "وكال", "وفال", "وهال", "بهال", "وال", "فال", "بال", "كال", "هال", "ولل", "فلل", "لل", "ال",
    "وب", "ول", "وك", "فب", "فل", "وس", "و", "ف", "ب", "ل", "ك",
)
# Arabic suffixes: attached pronouns, the sound plurals and dual, and the alef
# left by the accusative tanween once harakat are folded away (انقطاعًا).
_AR_SUFFIXES: tuple[str, ...] = (
    "هما", "كما", "ها", "هم", "هن", "كم", "كن", "نا", "ني", "ين", "ون", "ات", "ان",
    "ه", "ي", "ك", "ا",
)
# Persian verbal prefixes: a rule can name the bare stem.
_FA_PREFIXES: tuple[str, ...] = ("نمي", "مي")
# Persian suffixes: plurals (ها, colloquial ا), comparative and superlative,
# enclitic pronouns (formal and colloquial تون مون شون), the copula (ست,
# colloquial ه), the indefinite/adjectival ی and the object marker و.
_FA_SUFFIXES: tuple[str, ...] = (
    "هايشان", "هايي", "هاي", "ها", "ترين", "تر", "شان", "تان", "مان", "شون", "تون", "مون",
    "ام", "ات", "اش", "ايم", "ايد", "اند", "ست", "يم", "يد", "ند", "ا", "ي", "م", "ت", "ش", "و", "ه",
)
_MIN_STEM = 2
# English endings, longest first, and what replaces them.
_EN_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""),
)
# Words whose "'s" makes a phrase of its own ("what's", "that's"): kept whole.
_EN_CONTRACTED = frozenset({"what", "that", "there", "here", "where", "who", "let", "how", "when", "why"})
# Persian one-letter endings that change the word's sense: a stem bared of one
# may end a phrase but not start or continue one.
_FA_FINAL_ONLY = frozenset({"ي", "ا", "و", "ه"})


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
            tokens = [Token(w if "*" not in w and "." not in w else _MASK.sub("*", w),
                            m.start(), m.end(), False)
                      for m in finditer(folded, clause_start, clause_end) if (w := m.group())]
            if _ARABIC_SCRIPT.search(folded, clause_start, clause_end) is not None and any(
                t.key in DETACHED for t in tokens
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


def _strip_suffixes(stem: str, suffixes: tuple[str, ...], out: list[tuple[str, str]], layers: int) -> None:
    for suffix in suffixes:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= _MIN_STEM:
            bare = stem[: -len(suffix)]
            out.append((bare, suffix))
            if layers > 1:
                _strip_suffixes(bare, suffixes, out, layers - 1)


def inflections(key: str, lang: str | None = None) -> list[tuple[str, bool]]:
    """The forms a token is looked up as, each with whether a suffix came off.

    A Persian word without a one-letter ending (ی ا و ه: indefinite, plural,
    object or copula, which change what the word means) may only end a
    phrase: «کاری نکردم» ("I did nothing") never reads as «کار نکرد» ("it did
    not work"). Pronoun and plural endings may come off anywhere («شبکتون قطعه»).
    See :func:`variants` for the forms.
    """
    if not key:
        return [(key, False)]
    if not is_arabic_script(key[0]):
        return _english_inflections(key) if lang in (None, "en") else [(key, False)]
    out: dict[str, bool] = {key: False}
    if lang != "fa":
        for bare, _suffix in _affixed(key, _AR_PREFIXES, _AR_SUFFIXES, 1, out):
            out.setdefault(bare, False)
            if bare.endswith("\u062a"):  # teh opened by a suffix: خدمتكم → خدمه
                out.setdefault(bare[:-1] + "\u0647", False)
    if lang != "ar":
        for bare, suffix in _affixed(key, _FA_PREFIXES, _FA_SUFFIXES, 2, out):
            out.setdefault(bare, suffix in _FA_FINAL_ONLY)
    return list(out.items())


def _affixed(
    key: str, prefixes: tuple[str, ...], suffixes: tuple[str, ...], layers: int, out: dict[str, bool]
) -> list[tuple[str, str]]:
    """Record ``key`` without each prefix in ``out``; return the stems bared of suffixes."""
    stems = [key] + [key[len(p):] for p in prefixes if key.startswith(p) and len(key) - len(p) >= _MIN_STEM]
    for stem in stems[1:]:
        out.setdefault(stem, False)
    bare: list[tuple[str, str]] = []
    for stem in stems:
        _strip_suffixes(stem, suffixes, bare, layers)
    return bare


def _english_inflections(key: str) -> list[tuple[str, bool]]:
    """An English word and its base form: plural, past and -ing endings off.

    ``responded`` is also looked up as ``respond``, ``replies`` as ``reply``,
    ``stopped`` as ``stop``; the base form must keep three letters. A noun
    with ``'s`` is also looked up without it (``premium's`` as ``premium``).
    """
    out = [(key, False)]
    if key.endswith("'s") and key[:-2].isalpha() and len(key) >= 6 and key[:-2] not in _EN_CONTRACTED:
        # "premium's gone up", "bill's doubled": the noun, without its "'s"
        stem = key[:-2]
        return [*out, *_english_inflections(stem)]
    if len(key) < 5 or not key.isalpha():
        return out
    for suffix, repl in _EN_SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:
            stem = key[: -len(suffix)] + repl
            out.append((stem, False))
            if repl == "" and len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
                out.append((stem[:-1], False))  # stopped → stop
            elif suffix in ("ed", "ing") and repl == "":
                out.append((stem + "e", False))  # closed → close
            break
    return out


def variants(key: str, lang: str | None = None) -> list[str]:
    """The forms a token is looked up as: itself, then with clitics and affixes off.

    Arabic tokens lose their clitics (و ف ب ل ك ال لل...) and an attached
    pronoun; a teh that a suffix had opened is closed again (شبكتكم → شبكه).
    Persian tokens lose می/نمی and up to two suffixes (دزدی‌ها → دزدی → دزد).
    With no language, both sets apply. English words of five letters or more
    are also looked up without a plural, past or -ing ending; other Latin
    tokens have no variants (rules may use ``*``: ``cancel*``).

    Examples:
        >>> variants("down")
        ['down']
        >>> "\u0646\u062a" in variants("\u0648\u0627\u0644\u0646\u062a", "ar")
        True
    """
    return [form for form, _ in inflections(key, lang)]
