"""Lexicons of a reply's wording: the four moves, the tone faults, outage facts.

One TOML file per language in ``replykit/data/tone/`` (``en.toml``, ``ar.toml``,
``fa.toml``) plus ``common.toml`` (acronyms and Latin words that are not
shouting or untranslated text). Each file is validated with pydantic
(``extra="forbid"``), so a typo in a key is reported with the file and the key
path (``moves.apolgy``), and every term is checked on its own
(``tone.blame.3``).

A term is plain words. A word may end in ``*`` to match any word it begins
(``apolog*``), and ``#`` stands for any number (``# % off``). Terms and text
are folded with :func:`replykit.normalizer.fold` and split into tokens with
:func:`replykit.tokens.tokenize`; Arabic clitics and Persian affixes are
looked up through :func:`replykit.tokens.variants`, so ``ونعتذر`` and
``فنعتذر`` find ``نعتذر``. All terms of a language are compiled once into a
token trie: a scan walks the text once, never compiles a pattern, and takes the
longest term at each token (``my apologies`` counts once, not twice).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import RulesError, UnknownLanguageError
from .normalizer import fold, fold_with_offsets
from .tokens import Token, tokenize, variants

__all__ = [
    "CATEGORIES",
    "MOVES",
    "Category",
    "Lexicon",
    "Match",
    "Scan",
    "load_lexicon",
    "parse_lexicon",
]

#: The four moves every reply makes (LAST, seed 000).
MOVES: tuple[str, ...] = ("acknowledgement", "apology", "solution", "thanks")

Category = Literal[
    "neutral",
    "acknowledgement",
    "apology",
    "solution",
    "thanks",
    "blame",
    "sales_push",
    "price_cut",
    "fix_time",
    "data",
    "data_safe",
]
#: Every category, in the order that breaks a tie between two terms of the same
#: length: ``neutral`` first, because it exists to veto a look-alike
#: (``unfortunately`` is not an apology).
CATEGORIES: tuple[str, ...] = (
    "neutral",
    "blame",
    "sales_push",
    "price_cut",
    "apology",
    "acknowledgement",
    "thanks",
    "solution",
    "fix_time",
    "data_safe",
    "data",
)
_PRIORITY = {name: rank for rank, name in enumerate(CATEGORIES)}

_MAX_WORDS = 6
_MAX_CHARS = 80
_MIN_PREFIX = 2
#: a stem of this many letters or fewer only matches a word written as it is
_SHORT = 2
# Token starts remembered per trie (see ``Lexicon._starts``); the memory is cleared when full.
_STARTS_KEPT = 16_384
_NUMBER = "#"
_PERCENT = "%"
_STRICT = ConfigDict(extra="forbid", frozen=True)
_LANGS = ("en", "ar", "fa")


class _Moves(BaseModel):
    model_config = _STRICT

    acknowledgement: list[str] = Field(default_factory=list)
    apology: list[str] = Field(default_factory=list)
    solution: list[str] = Field(default_factory=list)
    thanks: list[str] = Field(default_factory=list)


class _Tone(BaseModel):
    model_config = _STRICT

    blame: list[str] = Field(default_factory=list)
    sales_push: list[str] = Field(default_factory=list)
    price_cut: list[str] = Field(default_factory=list)


class _Outage(BaseModel):
    model_config = _STRICT

    fix_time: list[str] = Field(default_factory=list)
    data: list[str] = Field(default_factory=list)
    data_safe: list[str] = Field(default_factory=list)


class _Guard(BaseModel):
    """Words that show a price or sales term is not an offer."""

    model_config = _STRICT

    #: negations and the customer's own request ("we do not offer coupons",
    #: "you asked for a coupon"): a term near one of them is not an offer
    words: list[str] = Field(default_factory=list)
    #: words that end a guard's reach ("but", "لكن", "اما")
    contrast: list[str] = Field(default_factory=list)
    #: how many tokens before and after a term a guard word may stand
    before: int = Field(default=5, ge=0, le=8)
    after: int = Field(default=4, ge=0, le=8)


class _ToneFile(BaseModel):
    model_config = _STRICT

    lang: Literal["en", "ar", "fa"]
    moves: _Moves = Field(default_factory=_Moves)
    tone: _Tone = Field(default_factory=_Tone)
    outage: _Outage = Field(default_factory=_Outage)
    #: look-alikes that are none of the above (consumed, never counted)
    neutral: list[str] = Field(default_factory=list)
    guard: _Guard = Field(default_factory=_Guard)


class _CommonFile(BaseModel):
    model_config = _STRICT

    #: upper-case words that are not shouting (FAQ, SMS, OTP)
    acronyms: list[str] = Field(default_factory=list)
    #: capitalised common words that are shouting even alone in free text
    shout_words: list[str] = Field(default_factory=list)
    #: Latin words that Arabic and Persian text may keep (brand and platform names)
    latin_words: list[str] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Match:
    """One term found in a text.

    ``first``/``last`` are token indexes (inclusive); ``start``/``end`` are
    half-open offsets into the text that was scanned, so ``text[start:end]`` is
    what was written.
    """

    category: str
    term: str
    first: int
    last: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Scan:
    """A text's tokens and the terms found among them."""

    text: str
    tokens: tuple[Token, ...]
    matches: tuple[Match, ...]
    #: ``origin[i]`` is the offset in ``text`` of the folded character ``i``
    origin: tuple[int, ...]

    def of(self, *categories: str) -> Iterator[Match]:
        """The matches of the given categories, in text order."""
        return (m for m in self.matches if m.category in categories)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Offsets in ``text`` of tokens ``first..last`` (inclusive)."""
        return self.origin[self.tokens[first].start], self.origin[self.tokens[last].end]


@dataclass(slots=True)
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    prefixes: dict[str, _Node] = field(default_factory=dict)
    number: _Node | None = None
    #: the longest key in ``prefixes``: bounds the work on a long token
    longest_prefix: int = 0
    entry: tuple[str, str, str] | None = None  # (category, term, key path)


def _tokens(folded: str) -> list[Token]:
    """Tokens of folded text, with a ``%`` token wherever a percent sign stands.

    The shared tokenizer keeps letters and digits only; price terms need the
    percent sign (``20% off``, ``٪۲۰ تخفیف``), so it is put back as a token.
    """
    out: list[Token] = []
    prev = 0
    for tok in tokenize(folded):
        pos = folded.find(_PERCENT, prev, tok.start)
        while pos != -1:
            brk = bool(out) and any(c in ".!?;\n" for c in folded[prev:pos])
            out.append(Token(_PERCENT, pos, pos + 1, brk))
            prev = pos + 1
            pos = folded.find(_PERCENT, prev, tok.start)
        out.append(tok)
        prev = tok.end
    pos = folded.find(_PERCENT, prev)
    while pos != -1:
        out.append(Token(_PERCENT, pos, pos + 1, False))
        pos = folded.find(_PERCENT, pos + 1)
    return out


@lru_cache(maxsize=8192)
def _forms(key: str) -> tuple[str, ...]:
    """The forms a token is looked up as (:func:`replykit.tokens.variants`).

    A stem of two letters or fewer counts only when the word is written that
    way: "كما" is not "ما" and "مني" is not "من". Remembered per token: a
    reply is mostly the same few hundred template words, checked again and
    again.
    """
    return tuple(form for form in variants(key) if len(form) > _SHORT or form == key)


def _term_words(term: str) -> list[str]:
    """The folded words of a term; a prefix word keeps its trailing ``*``."""
    words: list[str] = []
    for raw in term.split():
        if raw == _NUMBER:
            words.append(_NUMBER)
            continue
        star = raw.endswith("*")
        toks = [t.key for t in _tokens(fold(raw.rstrip("*")))]
        if star:
            if not toks or len(toks[-1]) < _MIN_PREFIX:
                raise ValueError(f"'*' must end a word of {_MIN_PREFIX}+ letters: {term!r}")
            toks[-1] += "*"
        words.extend(toks)
    return words


def _check_term(term: str) -> list[str]:
    if not isinstance(term, str) or not term.strip():
        raise ValueError("empty term")
    if len(term) > _MAX_CHARS:
        raise ValueError(f"term {term!r} is longer than {_MAX_CHARS} characters")
    if any("*" in w[:-1] for w in term.split()):
        raise ValueError(f"'*' may only end a word: {term!r}")
    words = _term_words(term)
    if not words:
        raise ValueError(f"term {term!r} has no letters or digits")
    if len(words) > _MAX_WORDS:
        raise ValueError(f"term {term!r} has more than {_MAX_WORDS} words")
    if words[0] == _NUMBER and len(words) == 1:
        raise ValueError("a term cannot be a bare '#'")
    return words


class _Words:
    """A set of folded words and word prefixes (``نمي*``), matched by token forms."""

    def __init__(self, words: Iterable[tuple[str, list[str]]]) -> None:
        self.exact: set[str] = set()
        self.prefixes: set[str] = set()
        self.phrases: dict[str, list[tuple[str, ...]]] = {}
        for _key, toks in words:
            if len(toks) > 1:
                self.phrases.setdefault(toks[0], []).append(tuple(toks[1:]))
            elif toks[0].endswith("*"):
                self.prefixes.add(toks[0][:-1])
            else:
                self.exact.add(toks[0])

    def has(self, forms: Sequence[str]) -> bool:
        """True when one of a token's ``forms`` is a word (or starts with a prefix) of the set."""
        for form in forms:
            if form in self.exact:
                return True
            if self.prefixes and any(form.startswith(p) for p in self.prefixes):
                return True
        return False


def _step(frontier: Iterable[_Node], forms: Sequence[str], key: str) -> tuple[_Node, ...]:
    """The trie nodes one token leads to from ``frontier``, by any of its ``forms``."""
    step: dict[int, _Node] = {}
    for node in frontier:
        for form in forms:
            child = node.children.get(form)
            if child is not None:
                step[id(child)] = child
            if node.prefixes:
                for k in range(_MIN_PREFIX, min(len(form), node.longest_prefix) + 1):
                    child = node.prefixes.get(form[:k])
                    if child is not None:
                        step[id(child)] = child
        if node.number is not None and key.isdigit():
            step[id(node.number)] = node.number
    return tuple(step.values())


class Lexicon:
    """The compiled terms of one language; build with :func:`load_lexicon`.

    Examples:
        >>> lex = load_lexicon("en")
        >>> [m.category for m in lex.scan("So sorry! Thanks for waiting.").matches]
        ['apology', 'thanks']
    """

    def __init__(self, data: _ToneFile, common: _CommonFile, *, source: str) -> None:
        self.lang: str = data.lang
        self.source = source
        # Two tries: the outage facts are looked for apart from the wording
        # checks, so a word may be both a fix-time cue and a solution.
        self._root = _Node()
        self._outage = _Node()
        # Where each token starts in each trie ([wording, outage]), remembered:
        # replies repeat the same template words, and most start nothing.
        self._starts: tuple[dict[str, tuple[_Node, ...]], dict[str, tuple[_Node, ...]]] = ({}, {})
        self.size = 0
        sections: list[tuple[_Node, str, str, list[str]]] = [
            (self._root, "neutral", "neutral", data.neutral)
        ]
        for group in ("moves", "tone", "outage"):
            model = getattr(data, group)
            root = self._outage if group == "outage" else self._root
            for name in type(model).model_fields:
                sections.append((root, name, f"{group}.{name}", getattr(model, name)))
        for root, category, key, terms in sections:
            for i, term in enumerate(terms):
                self._add(root, category, term, f"{key}.{i}")
        guard = data.guard
        self._guard = _Words(self._parse_words(guard.words, "guard.words"))
        self._contrast = _Words(self._parse_words(guard.contrast, "guard.contrast"))
        self._before = guard.before
        self._after = guard.after
        self.acronyms: frozenset[str] = frozenset(common.acronyms)
        self.shout_words: frozenset[str] = frozenset(common.shout_words)
        self.latin_words: frozenset[str] = frozenset(fold(w) for w in common.latin_words)

    # -- building ---------------------------------------------------------

    def _parse_words(self, terms: list[str], key: str) -> list[tuple[str, list[str]]]:
        out = []
        for i, term in enumerate(terms):
            try:
                out.append((f"{key}.{i}", _check_term(term)))
            except ValueError as exc:
                raise RulesError(str(exc), path=self.source, key=f"{key}.{i}") from None
        return out

    def _add(self, root: _Node, category: str, term: str, key: str) -> None:
        try:
            words = _check_term(term)
        except ValueError as exc:
            raise RulesError(str(exc), path=self.source, key=key) from None
        node = root
        for word in words:
            if word == _NUMBER:
                if node.number is None:
                    node.number = _Node()
                node = node.number
            elif word.endswith("*"):
                node.longest_prefix = max(node.longest_prefix, len(word) - 1)
                node = node.prefixes.setdefault(word[:-1], _Node())
            else:
                node = node.children.setdefault(word, _Node())
        if node.entry is not None:
            raise RulesError(
                f"term {term!r} repeats {node.entry[1]!r} ({node.entry[2]}) once folded",
                path=self.source,
                key=key,
            )
        node.entry = (category, term, key)
        self.size += 1

    # -- scanning ---------------------------------------------------------

    def scan(self, text: str, *, outage: bool = False) -> Scan:
        """Every term in ``text``, longest first at each token, without overlaps.

        One pass over the tokens; the work per token is bounded by the longest
        term (six words) and the token's length. ``outage=True`` looks for the
        outage facts (``fix_time``, ``data``, ``data_safe``) instead of the
        moves and tone terms.
        """
        root = self._outage if outage else self._root
        starts = self._starts[outage]
        folded, origin = fold_with_offsets(text)
        tokens = _tokens(folded)
        forms_cache: list[tuple[str, ...] | None] = [None] * len(tokens)

        def forms(i: int) -> tuple[str, ...]:
            cached = forms_cache[i]
            if cached is None:
                cached = forms_cache[i] = _forms(tokens[i].key)
            return cached

        matches: list[Match] = []
        n = len(tokens)
        i = 0
        while i < n:
            key = tokens[i].key
            frontier = starts.get(key)
            if frontier is None:
                frontier = _step((root,), forms(i), key)
                if len(starts) >= _STARTS_KEPT:
                    starts.clear()
                starts[key] = frontier
            if not frontier:  # most tokens start no term
                i += 1
                continue
            best: tuple[int, int, tuple[str, str, str]] | None = None
            j = i
            while True:
                for node in frontier:
                    if node.entry is not None:
                        rank = _PRIORITY[node.entry[0]]
                        if best is None or j > best[0] or (j == best[0] and rank < best[1]):
                            best = (j, rank, node.entry)
                j += 1
                if j >= n or j - i >= _MAX_WORDS:
                    break
                # a term never spans a clause break or a comma
                if tokens[j].brk or "," in folded[tokens[j - 1].end : tokens[j].start]:
                    break
                frontier = _step(frontier, forms(j), tokens[j].key)
                if not frontier:
                    break
            if best is None:
                i += 1
                continue
            last, _rank, (category, term, _key) = best
            start = origin[tokens[i].start]
            # up to the next folded character, so marks folded away at the end
            # of the last word (tanween, shadda) stay inside the span
            end = origin[tokens[last].end]
            matches.append(Match(category, term, i, last, start, end))
            i = last + 1
        return Scan(text, tuple(tokens), tuple(matches), tuple(origin))

    def guarded(self, scan: Scan, match: Match) -> bool:
        """True when a guard word stands near ``match`` in the same clause.

        A guard is a negation or the customer's own request ("we do not offer
        coupons", "you asked for a coupon"): the term is then not an offer. A
        term that itself starts with a guard word ("don't miss out") is never
        guarded. The reach stops at a clause break or a contrast word ("but").
        """
        tokens = scan.tokens
        if self._guard.has(_forms(tokens[match.first].key)):
            return False
        i = match.first - 1
        reach = 0
        while i >= 0 and reach < self._before:
            if tokens[i + 1].brk:
                break
            forms = _forms(tokens[i].key)
            if self._contrast.has(forms):
                break
            if self._guard.has(forms) or self._phrase_at(scan, i, self._guard):
                return True
            i -= 1
            reach += 1
        i = match.last + 1
        reach = 0
        while i < len(tokens) and reach < self._after:
            if tokens[i].brk:
                break
            forms = _forms(tokens[i].key)
            if self._contrast.has(forms):
                break
            if self._guard.has(forms) or self._phrase_at(scan, i, self._guard):
                return True
            i += 1
            reach += 1
        return False

    @staticmethod
    def _phrase_at(scan: Scan, i: int, words: _Words) -> bool:
        key = scan.tokens[i].key
        for rest in words.phrases.get(key, ()):
            tail = scan.tokens[i + 1 : i + 1 + len(rest)]
            if len(tail) == len(rest) and all(t.key == w for t, w in zip(tail, rest, strict=True)):
                return True
        return False


_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]*$")


def parse_lexicon(
    data: Mapping[str, Any], *, common: Mapping[str, Any] | None = None, source: str = "<lexicon>"
) -> Lexicon:
    """Validate and compile one language's lexicon from parsed TOML.

    Raises:
        RulesError: naming ``source`` and the key path of the first problem.

    Examples:
        >>> lex = parse_lexicon({"lang": "en", "moves": {"thanks": ["cheers"]}})
        >>> [m.term for m in lex.scan("Cheers!").matches]
        ['cheers']
    """
    try:
        parsed = _ToneFile.model_validate(dict(data))
    except ValidationError as exc:
        raise _error(exc, source) from None
    try:
        shared = _CommonFile.model_validate(dict(common or {}))
    except ValidationError as exc:
        raise _error(exc, "replykit/data/tone/common.toml") from None
    for key in ("acronyms", "shout_words"):
        for i, word in enumerate(getattr(shared, key)):
            if not _ACRONYM.match(word):
                raise RulesError(
                    f"{word!r} must be upper-case letters and digits",
                    path="replykit/data/tone/common.toml",
                    key=f"{key}.{i}",
                )
    return Lexicon(parsed, shared, source=source)


def _error(exc: ValidationError, source: str) -> RulesError:
    first = exc.errors()[0]
    key = ".".join(str(part) for part in first["loc"])
    return RulesError(str(first["msg"]).lower(), path=source, key=key or None)


def _read(name: str) -> dict[str, Any]:
    resource = files("replykit") / "data" / "tone" / name
    where = f"replykit/data/tone/{name}"
    try:
        return tomllib.loads(resource.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"invalid TOML: {exc}", path=where) from None


@lru_cache(maxsize=len(_LANGS))
def load_lexicon(lang: str) -> Lexicon:
    """The packaged lexicon of ``lang`` (``en``, ``ar`` or ``fa``), compiled once.

    Raises:
        UnknownLanguageError: no lexicon for ``lang``.
        RulesError: a packaged file does not validate.
    """
    if lang not in _LANGS:
        raise UnknownLanguageError(lang, _LANGS)
    data = _read(f"{lang}.toml")
    if data.get("lang") != lang:
        raise RulesError(f"lang must be {lang!r}", path=f"replykit/data/tone/{lang}.toml", key="lang")
    return parse_lexicon(data, common=_read("common.toml"), source=f"replykit/data/tone/{lang}.toml")
