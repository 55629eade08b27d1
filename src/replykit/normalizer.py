"""Text folding for matching, with a map back to the original text.

One fold table is applied to rule terms and to messages alike, so a term
matches however the customer typed it. The steps, in order:

1. NFKC, so presentation forms (ﻻ, ﺍ) and full-width letters become plain letters;
2. case folding (``Unacceptable`` → ``unacceptable``);
3. the letter table below: harakat, tatweel and invisible characters removed,
   alef/hamza variants unified, ى ي ی → ي, ك ک → ك, ة ۀ → ه, Arabic-Indic and
   Persian digits → ASCII, Arabic punctuation → ASCII;
4. elongation collapsed: a run of three or more of one letter becomes one
   letter in Arabic script ("لييييه" → "ليه") and two elsewhere ("soooo" →
   "soo", so "good" survives); a doubled alef becomes one ("حرااميه").

ZWNJ is removed, so a Persian compound written with a half-space, joined, or
(after :mod:`replykit.tokens` rejoins detached prefixes) with a space, folds to
one key: می‌خواهم, میخواهم and می خواهم all become ``ميخواهم``.

Hamza is folded to the letter that carries it, and a bare hamza to alef (and
the doubled alef that makes to one): the Arabic data that support tools see
often arrives with hamza already flattened (``العملاا`` for ``العملاء``), and
rules must match both.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["ZWNJ", "fold", "fold_with_offsets", "is_arabic_script"]

ZWNJ = "\u200c"
_ALEF = "\u0627"

# Each row: characters, what they become, and why.
_ROWS: tuple[tuple[str, str, str], ...] = (
    ("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0656\u0657\u0658"
     "\u0659\u065a\u065b\u065c\u065d\u065e\u065f\u0670", "", "harakat, shadda, sukun, dagger alef: optional marks"),
    ("".join(chr(c) for c in range(0x06D6, 0x06EE)), "", "Quranic annotation marks"),
    ("\u0640", "", "tatweel: stretches a word, carries no letter"),
    ("\u200c\u200d\u200b\u200e\u200f\u2060\ufeff\u00ad\u061c", "", "ZWNJ, ZWJ, ZWSP, LRM, RLM, word joiner, BOM, soft hyphen, ALM"),
    ("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069", "", "bidi embeddings, overrides and isolates"),
    ("\u0622\u0623\u0625\u0671\u0672\u0673", "\u0627", "alef with madda or hamza, wasla → bare alef"),
    ("\u0621", "\u0627", "bare hamza → alef, as flattened Arabic text writes it"),
    ("\u0624", "\u0648", "hamza on waw → waw"),
    ("\u0626", "\u064a", "hamza on yeh → yeh"),
    ("\u0649\u06cc\u06d0\u06d2", "\u064a", "alef maksura, Persian yeh and their kin → Arabic yeh"),
    ("\u06a9\u06aa", "\u0643", "Persian keheh → Arabic kaf"),
    ("\u0629\u06c0\u06c1\u06c2\u06d5", "\u0647", "teh marbuta and heh forms → heh"),
    ("\u0660\u06f0", "0", "zero"), ("\u0661\u06f1", "1", "one"), ("\u0662\u06f2", "2", "two"),
    ("\u0663\u06f3", "3", "three"), ("\u0664\u06f4", "4", "four"), ("\u0665\u06f5", "5", "five"),
    ("\u0666\u06f6", "6", "six"), ("\u0667\u06f7", "7", "seven"), ("\u0668\u06f8", "8", "eight"),
    ("\u0669\u06f9", "9", "nine"),
    ("\u060c", ",", "Arabic comma"), ("\u061b", ";", "Arabic semicolon"), ("\u061f", "?", "Arabic question mark"),
    ("\u066a", "%", "Arabic percent sign"), ("\u066b", ".", "Arabic decimal separator"),
    ("\u066c", ",", "Arabic thousands separator"),
    ("\u2018\u2019\u201b\u02bc\u2032", "'", "typographic apostrophes → ASCII, so can't == can’t"),
    ("\u201c\u201d\u00ab\u00bb", '"', "quotation marks"),
)

_LETTERS: dict[str, str] = {ch: out for chars, out, _why in _ROWS for ch in chars}


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    """Fold one code point; cached because messages reuse few distinct characters."""
    if ch in _LETTERS:
        return _LETTERS[ch]
    if "\ud800" <= ch <= "\udfff":  # a lone surrogate cannot be normalised: drop it
        return ""
    out = unicodedata.normalize("NFKC", ch).casefold()
    if len(out) == 1 and out == ch:
        return ch
    return "".join(_LETTERS.get(c, c) for c in unicodedata.normalize("NFKC", out))


# ASCII folds by a plain table: most text is mostly ASCII, and str.translate is
# far cheaper than a Python call per character.
_ASCII = {c: chr(c).lower() for c in range(128)}


def is_arabic_script(ch: str) -> bool:
    """True for letters of the Arabic block and its Persian extensions."""
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff"


# Characters that fold to something of another length, or that may start an
# elongated run, send a text down the slow path; everything else folds by one
# C-level ``str.translate`` with an identity offset map.
_ONE_TO_ONE = {ord(ch): out for ch, out in _LETTERS.items() if len(out) == 1}
_ONE_TO_ONE.update({c: chr(c).lower() for c in range(ord("A"), ord("Z") + 1)})
_DROP: dict[int, None] = {ord(ch): None for ch, out in _LETTERS.items() if not out}
_DROPPED = re.compile("[" + "".join(re.escape(chr(c)) for c in _DROP) + "]+")
_NEEDS_SLOW = re.compile(
    "[" + "".join(re.escape(ch) for ch, out in _LETTERS.items() if len(out) != 1)
    + "\ud800-\udfff]"  # lone surrogates are dropped
    r"|(\w)\1\1|\u0627\u0627"
)


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and say where each folded character came from.

    Returns ``(folded, origin)`` where ``origin[i]`` is the index in ``text`` of
    the character that produced ``folded[i]``, plus one final entry equal to
    ``len(text)``, so a folded span ``[s, e)`` maps back to
    ``[origin[s], origin[e - 1] + 1)``.

    Examples:
        >>> fold_with_offsets("SOOOO bad")[0]
        'soo bad'
    """
    fast = _fold_fast(text)
    if fast is not None:
        return fast, list(range(len(text) + 1))
    dropped = _fold_dropping(text)
    if dropped is not None:
        return dropped, _kept_offsets(text)
    return _fold_slow(text)


def _fold_fast(text: str) -> str | None:
    """The fold of ``text`` when every character folds to exactly one, else ``None``."""
    if _NEEDS_SLOW.search(text):
        return None
    if text.isascii():
        folded = text.translate(_ONE_TO_ONE)
        # Lowering can make a run the search above did not see ("SOOo" → "sooo").
        if folded != text and _NEEDS_SLOW.search(folded):
            return None
        return folded
    if not unicodedata.is_normalized("NFKC", text):
        return None
    folded = text.casefold()
    if len(folded) != len(text):
        return None
    folded = folded.translate(_ONE_TO_ONE)
    # Casefolding or the table can create a new run ("AAa" → "aaa").
    if _NEEDS_SLOW.search(folded):
        return None
    return folded


def _fold_dropping(text: str) -> str | None:
    """The fold of a text that only needs characters dropped, else ``None``.

    Persian is written with half-spaces and Arabic often with harakat or
    tatweel: each folds to nothing, which the one-table fast path cannot take.
    Dropping them first leaves a text the fast path folds.
    """
    kept = text.translate(_DROP)
    if len(kept) == len(text):
        return None  # nothing dropped: the text needs the slow path for another reason
    return _fold_fast(kept)


def _kept_offsets(text: str) -> list[int]:
    """The offsets of the characters :func:`_fold_dropping` keeps, and ``len(text)``."""
    origin: list[int] = []
    prev = 0
    for dropped in _DROPPED.finditer(text):
        origin.extend(range(prev, dropped.start()))
        prev = dropped.end()
    origin.extend(range(prev, len(text) + 1))
    return origin


def _fold_slow(text: str) -> tuple[str, list[int]]:
    out: list[str] = []
    origin: list[int] = []
    last = ""
    run = 0
    for i, ch in enumerate(text):
        piece = _ASCII[ord(ch)] if ch < "\x80" else _fold_char(ch)
        for c in piece:
            if c == last:
                run += 1
                # Keep at most one letter of an Arabic-script run of three or
                # more, at most two of any other letter run.
                if c == _ALEF:
                    # Alef is never doubled in writing: a double comes from
                    # elongation or from a flattened hamza (العملاء → العملاا).
                    continue
                if run >= 3 and c.isalpha():
                    limit = 1 if is_arabic_script(c) else 2
                    if run == 3 and limit == 1:
                        # The run had reached two kept copies: retract one.
                        out.pop()
                        origin.pop()
                    continue
            else:
                last = c
                run = 1
            out.append(c)
            origin.append(i)
    origin.append(len(text))
    return "".join(out), origin


def fold(text: str) -> str:
    """Fold ``text`` into its matching key (see the module docstring).

    Idempotent: ``fold(fold(x)) == fold(x)``.

    Examples:
        >>> fold("Unacceptable!!")
        'unacceptable!!'
        >>> fold("\u0627\u0644\u0635\u0644\u0627\u0629") == "\u0627\u0644\u0635\u0644\u0627\u0647"
        True
        >>> fold("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645") == fold("\u0645\u06cc\u062e\u0648\u0627\u0647\u0645")
        True
    """
    folded = _fold_fast(text)
    if folded is None:
        folded = _fold_dropping(text)
    return folded if folded is not None else _fold_slow(text)[0]
