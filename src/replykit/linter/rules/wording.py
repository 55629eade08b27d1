# ruff: noqa: RUF002
# (Persian and Arabic examples: a "\u200c" escape inside a word mixes scripts.)
"""RK5xx language and tone: the template's own wording, with exact lines and columns.

These rules read only the template's text (the lexer's ``data`` tokens), never
what is inside ``{{ }}``, ``{% %}`` or ``{# #}``: a value from the context is
not the template's wording. The tone rules apply the validators' lexicons
(``replykit/data/tone/*.toml``) to that text, so a blaming phrase is reported
at its line before any draft is made; rendering (RK6xx) then catches what only
shows in a draft, such as a phrase split by a tag.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ...tone import Lexicon, Scan, load_lexicon
from ..registry import Hit, rule
from ..tree import TemplateFile, Token

ZWNJ = "\u200c"  # ZERO WIDTH NON-JOINER: the Persian half-space

# Arabic letters that Persian writes differently, with the Persian letter.
_ARABIC_IN_PERSIAN = {
    "\u064a": "\u06cc",  # ARABIC LETTER YEH -> FARSI YEH
    "\u0643": "\u06a9",  # ARABIC LETTER KAF -> KEHEH
    "\u0649": "\u06cc",  # ARABIC LETTER ALEF MAKSURA -> FARSI YEH
}
# Persian letters in Arabic text, with the Arabic letter.
_PERSIAN_IN_ARABIC = {
    "\u06cc": "\u064a",  # FARSI YEH -> ARABIC LETTER YEH
    "\u06a9": "\u0643",  # KEHEH -> ARABIC LETTER KAF
}
# Directional embeddings, overrides and isolates. The engine's `isolate` filter
# adds U+2068/U+2069 around values at render time; in the template's own text
# they are invisible, hard to edit and can reorder the line (Trojan Source).
_BIDI_CONTROLS = {
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
}
# Invisible characters that have no place in reply wording. ZWNJ is not here:
# Persian needs it (RK506 checks where it stands).
_INVISIBLE = {
    "\u00ad": "SOFT HYPHEN",
    "\u034f": "COMBINING GRAPHEME JOINER",
    "\u061c": "ARABIC LETTER MARK",
    "\u115f": "HANGUL CHOSEONG FILLER",
    "\u1160": "HANGUL JUNGSEONG FILLER",
    "\u180e": "MONGOLIAN VOWEL SEPARATOR",
    "\u200b": "ZERO WIDTH SPACE",
    "\u200d": "ZERO WIDTH JOINER",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u2060": "WORD JOINER",
    "\u2061": "FUNCTION APPLICATION",
    "\u2062": "INVISIBLE TIMES",
    "\u2063": "INVISIBLE SEPARATOR",
    "\u2064": "INVISIBLE PLUS",
    "\u3164": "HANGUL FILLER",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE (byte-order mark)",
    "\uffa0": "HALFWIDTH HANGUL FILLER",
}
_TAG_CHARACTERS = range(0xE0000, 0xE0080)  # invisible "tag" characters

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]")
_CHUNK = re.compile(r"\S+")
_CAPS_WORD = re.compile(r"[^\W\d_]+")
_MARKS = re.compile(r"[!?\u061f]{2,}")


def _lines(token: Token) -> Iterator[tuple[int, str]]:
    """``(offset, text)`` of each line of a data token, offsets relative to the token."""
    start = 0
    for piece in token.value.split("\n"):
        yield start, piece
        start += len(piece) + 1


def _letters(file: TemplateFile, table: dict[str, str], what: str) -> Iterator[Hit]:
    for token in file.wording:
        for start, text in _lines(token):
            found = [i for i, ch in enumerate(text) if ch in table]
            if not found:
                continue
            letters = " ".join(sorted({text[i] for i in found}))
            fixes = " ".join(sorted({table[text[i]] for i in found}))
            where = file.position(token.offset + start + found[0])
            yield Hit(
                f"{what} ({letters}): write {fixes}",
                where.line,
                where.column,
                section=file.section_at(token.offset),
            )


@rule("RK501", "language.arabic-letters-in-persian", "error")
def arabic_letters_in_persian(file: TemplateFile) -> Iterator[Hit]:
    """Persian wording written with the Arabic yeh and kaf (ي ك ى).

    Persian uses ی (U+06CC) and ک (U+06A9). The Arabic forms look alike in
    many fonts but break search and spell-checking, and read as careless to a
    Persian customer. Reported once per line, at the first such letter.

    **Anti-pattern**: "مشكل شما را پيگيري مي\u200cكنيم" typed on an Arabic
    keyboard.

    **Best practice**: "مشکل شما را پیگیری می\u200cکنیم".
    """
    if file.language == "fa":
        yield from _letters(file, _ARABIC_IN_PERSIAN, "Arabic letters in Persian wording")


@rule("RK502", "language.persian-letters-in-arabic", "warning")
def persian_letters_in_arabic(file: TemplateFile) -> Iterator[Hit]:
    """Arabic wording written with the Persian yeh and kaf (ی ک).

    The mirror of RK501: Arabic typed on a Persian keyboard.

    **Anti-pattern**: "نشکرک علی صبرک" with ک and ی.

    **Best practice**: "نشكرك على صبرك".
    """
    if file.language == "ar":
        yield from _letters(file, _PERSIAN_IN_ARABIC, "Persian letters in Arabic wording")


def _lexicon(file: TemplateFile) -> Lexicon | None:
    return load_lexicon(file.language) if file.language is not None else None


@rule("RK503", "language.untranslated", "warning")
def untranslated(file: TemplateFile) -> Iterator[Hit]:
    """Latin words left in Arabic or Persian wording.

    A Latin word that is not a common acronym (SMS, OTP) or a platform name
    (WhatsApp, iPhone), from ``replykit/data/tone/common.toml``, is usually
    English left behind in a translation. Values printed with ``{{ }}`` are
    not wording and are not checked; nor are e-mail addresses and URLs.

    **Anti-pattern**: ``نعتذر عن the delay``.

    **Best practice**: ``نعتذر عن التأخير``; Latin belongs in values, which
    the template prints with ``| isolate``.
    """
    if file.language not in ("ar", "fa"):
        return
    lexicon = _lexicon(file)
    assert lexicon is not None
    for token in file.wording:
        for start, text in _lines(token):
            words: list[tuple[int, str]] = []
            for chunk in _CHUNK.finditer(text):
                piece = chunk.group()
                if "@" in piece or "://" in piece or piece.lower().startswith("www."):
                    continue
                for match in _LATIN_WORD.finditer(piece):
                    word = match.group()
                    if word in lexicon.acronyms or word.upper() in lexicon.acronyms:
                        continue
                    if word.casefold() in lexicon.latin_words:
                        continue
                    words.append((chunk.start() + match.start(), word))
            if words:
                shown = ", ".join(repr(w) for _i, w in words[:3]) + (
                    " ..." if len(words) > 3 else ""
                )
                where = file.position(token.offset + start + words[0][0])
                yield Hit(
                    f"Latin words in {file.language} wording: {shown}",
                    where.line,
                    where.column,
                    section=file.section_at(token.offset),
                )


def _characters(file: TemplateFile, table: dict[str, str]) -> Iterator[tuple[int, str]]:
    for token in file.wording:
        for i, ch in enumerate(token.value):
            if ch in table:
                yield token.offset + i, table[ch]
            elif table is _INVISIBLE and ord(ch) in _TAG_CHARACTERS:
                yield token.offset + i, "TAG CHARACTER"


@rule("RK504", "language.bidi-control", "error")
def bidi_control(file: TemplateFile) -> Iterator[Hit]:
    """A directional control character in the template's wording.

    Embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069) are
    invisible; typed into the wording they reorder the text around them in
    ways no editor shows (the "Trojan Source" trick). The engine's
    ``isolate`` filter adds U+2068 … U+2069 around left-to-right values at
    render time, which is the only place they belong.

    **Anti-pattern**: a U+202E RIGHT-TO-LEFT OVERRIDE pasted with a ticket
    number into a Persian template.

    **Best practice**: ``{{ ticket_id | isolate }}``, and no control
    characters in the wording.
    """
    for offset, name in _characters(file, _BIDI_CONTROLS):
        where = file.position(offset)
        yield Hit(
            f"bidi control U+{ord((file.source or '')[offset]):04X} {name} in the wording: "
            "delete it; values are isolated by | isolate",
            where.line,
            where.column,
            section=file.section_at(offset),
        )


@rule("RK505", "language.invisible-character", "error")
def invisible_character(file: TemplateFile) -> Iterator[Hit]:
    """An invisible character, other than the Persian half-space, in the wording.

    Zero-width spaces and joiners, direction marks, soft hyphens and a
    byte-order mark in the middle of a file are invisible in an editor and
    in most replies, but break search, copying and SMS length (one makes the
    whole SMS UCS-2). The zero-width non-joiner (ZWNJ, U+200C) is Persian's
    half-space and is allowed (RK506 checks where it stands).

    **Anti-pattern**: "Thank\\u200byou" with a U+200B ZERO WIDTH SPACE pasted
    from a web page.

    **Best practice**: plain text; in Persian, ZWNJ only inside a word
    (می\u200cخواهم).
    """
    source = file.source or ""
    for offset, name in _characters(file, _INVISIBLE):
        where = file.position(offset)
        yield Hit(
            f"invisible character U+{ord(source[offset]):04X} {name} in the wording: delete it",
            where.line,
            where.column,
            section=file.section_at(offset),
        )


def _letter(ch: str) -> bool:
    return unicodedata.category(ch)[0] in ("L", "M")


@rule("RK506", "language.zwnj", "warning")
def zwnj(file: TemplateFile) -> Iterator[Hit]:
    """A zero-width non-joiner (half-space) that is doubled or not between two letters.

    The ZWNJ (U+200C) keeps two letters of one word from joining: می\u200cخواهم,
    کتاب\u200cها. Two in a row, one next to a space, or one at the edge of a word
    (before punctuation, at the end of a line) does nothing visible but
    breaks search and word counts, and is usually a slip of the keyboard. A
    ZWNJ at the edge of a tag (``می\u200c{{ verb }}``) is not judged.

    **Anti-pattern**: "می\\u200c\\u200cخواهم" (two ZWNJ), "کتاب\\u200c ها" (ZWNJ and
    a space), "سلام\\u200c،" (ZWNJ before a comma).

    **Best practice**: one ZWNJ between the two letters: "می\u200cخواهم",
    "کتاب\u200cها".
    """
    for token in file.wording:
        text = token.value
        i = text.find(ZWNJ)
        while i != -1:
            before = text[i - 1] if i > 0 else None
            j = i
            while j + 1 < len(text) and text[j + 1] == ZWNJ:
                j += 1
            after = text[j + 1] if j + 1 < len(text) else None
            problem: str | None = None
            if j > i:
                problem = f"{j - i + 1} half-spaces (ZWNJ) in a row: keep one"
            elif (before is not None and before.isspace()) or (
                after is not None and after.isspace()
            ):
                problem = "a half-space (ZWNJ) next to a space: keep one of the two"
            elif (before is not None and not _letter(before)) or (
                after is not None and not _letter(after)
            ):
                problem = "a half-space (ZWNJ) at the edge of a word: delete it"
            if problem is not None:
                where = file.position(token.offset + i)
                yield Hit(problem, where.line, where.column, section=file.section_at(token.offset))
            i = text.find(ZWNJ, j + 1)


@rule("RK507", "language.unisolated-value", "warning")
def unisolated_value(file: TemplateFile) -> Iterator[Hit]:
    """An Arabic or Persian template prints a left-to-right value without ``| isolate``.

    Ticket ids, e-mail addresses, company, agent and customer names are
    often Latin; inside right-to-left text an unisolated one scrambles the
    order of the words around it ("AB-1042" shows as "1042-AB" next to
    Persian punctuation). ``| isolate`` wraps the value in U+2068 … U+2069
    (``<bdi>`` in HTML) for right-to-left drafts.

    **Anti-pattern**: ``شماره درخواست {{ ticket_id }}``.

    **Best practice**: ``شماره درخواست {{ ticket_id | isolate }}``.
    """
    facts = file.facts
    if facts is None or file.direction != "rtl":
        return
    for name, line in facts.unisolated:
        yield Hit(
            f"{name!r} is printed without | isolate: a Latin value scrambles the "
            "right-to-left line",
            line,
        )


def _scans(file: TemplateFile) -> list[tuple[Token, Scan]]:
    """Each text token scanned against the language's lexicon, once per file."""
    cached = file.cache.get("scans")
    if cached is None:
        lexicon = _lexicon(file)
        cached = [
            (token, lexicon.scan(token.value))
            for token in file.wording
            if lexicon is not None and any(ch.isalpha() for ch in token.value)
        ]
        file.cache["scans"] = cached
    return cached  # type: ignore[return-value]


def _scan_hits(file: TemplateFile, category: str, what: str, *, guarded: bool) -> Iterator[Hit]:
    lexicon = _lexicon(file)
    if lexicon is None:
        return
    for token, scan in _scans(file):
        for match in scan.of(category):
            if guarded and lexicon.guarded(scan, match):
                continue
            where = file.position(token.offset + match.start)
            yield Hit(
                f"{what}: {token.value[match.start : match.end]!r}",
                where.line,
                where.column,
                section=file.section_at(token.offset),
            )


@rule("RK510", "wording.blame", "error")
def blame(file: TemplateFile) -> Iterator[Hit]:
    """Wording that blames the customer (the validators' ``tone.blame`` lexicon).

    CARP's first step is control: seed 000 calls personalising a dispute the
    worst mistake. "You should have", "as I already said", "كما ذكرنا
    سابقا", "همان\u200cطور که قبلاً گفتیم" put the fault on the customer. The
    static twin of RK610, with the line and column.

    **Anti-pattern**: ``As I already said, you should have restarted the
    router.``

    **Best practice**: ``Restarting the router usually clears this; here is
    how.``
    """
    yield from _scan_hits(file, "blame", "blames the customer", guarded=False)


@rule("RK511", "wording.sales-push", "error")
def sales_push(file: TemplateFile) -> Iterator[Hit]:
    """Selling, urgency or fear of missing out in the wording (``tone.sales_push``).

    Seed 002: service receives requests; it does not sell or make the
    customer fear losing a chance. A negated mention ("there's no hurry")
    is not a push. The static twin of RK611.

    **Anti-pattern**: ``Upgrade now: this offer is for a limited time!``

    **Best practice**: ``If it helps, the annual plan includes this; I'm
    happy to explain it whenever suits you.``
    """
    yield from _scan_hits(file, "sales_push", "sales push or urgency", guarded=True)


@rule("RK512", "wording.price-cut", "error")
def price_cut(file: TemplateFile) -> Iterator[Hit]:
    """A coupon or price cut in a discount seeker's template (``tone.price_cut``).

    Seed 001 ("discounts can destroy your business"): the discount reply
    thanks the customer, explains the value and offers a fitting plan, never
    a coupon. Only ``discount_seeker`` templates are checked; "we do not
    offer discount codes" is not an offer. The static twin of RK612.

    **Anti-pattern**: ``Here is a 20% off coupon just for you.``

    **Best practice**: ``Our prices stay as they are so the quality can too;
    the Starter plan covers what you use most.``
    """
    if file.archetype == "discount_seeker":
        yield from _scan_hits(file, "price_cut", "offers a price cut", guarded=True)


@rule("RK513", "wording.shouting", "warning")
def shouting(file: TemplateFile) -> Iterator[Hit]:
    """Words in capitals, or "!!", in the wording.

    Capitals and stacked exclamation marks read as a raised voice, the
    opposite of CARP's control. Common acronyms (SMS, FAQ, OTP) are not
    shouting. The static twin of RK613.

    **Anti-pattern**: ``We are VERY sorry!!``

    **Best practice**: ``We are very sorry.``
    """
    lexicon = _lexicon(file)
    acronyms = lexicon.acronyms if lexicon is not None else frozenset()
    for token in file.wording:
        for match in _CAPS_WORD.finditer(token.value):
            word = match.group()
            if len(word) >= 2 and word.isupper() and word not in acronyms:
                where = file.position(token.offset + match.start())
                yield Hit(
                    f"shouting: {word!r} in capitals",
                    where.line,
                    where.column,
                    section=file.section_at(token.offset),
                )
        for match in _MARKS.finditer(token.value):
            if "!" in match.group():
                where = file.position(token.offset + match.start())
                yield Hit(
                    f"shouting: {match.group()!r}",
                    where.line,
                    where.column,
                    section=file.section_at(token.offset),
                )
