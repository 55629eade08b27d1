"""The compiled term index: one pass over the tokens finds every rule term.

Exact terms live in a token trie (a phrase is a path of tokens; a word ending
in ``*`` is a prefix edge; a term "A ... B" hangs B's trie off A's last node,
searched a few tokens on), so the work per token is bounded by the longest
phrase, the gap and the token's length, never by the number of terms. Typos are found
through a one-edit deletion index over the words of the terms (the "symmetric
delete" method): a token's deletions are looked up, and candidates are
confirmed with rapidfuzz's OSA distance (one substitution, insertion, deletion
or transposition).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, NamedTuple

from .normalizer import fold, is_arabic_script
from .tokens import DETACHED, Token, inflections, tokenize, variants

__all__ = ["Entry", "Hit", "Index", "IndexFormatError"]

_MAX_DEPTH = 8
#: A term "A ... B" matches A, then B within this many tokens of the same clause.
GAP_TOKENS = 4
_GAP = re.compile(r"\s+\.\.\.\s+")
# Words of letters and digits separated by single spaces, each maybe ending in
# "*": tokenising such a term would give back its own words.
_SIMPLE_TERM = re.compile(r"[^\W_]+\*?(?: [^\W_]+\*?)*")
# Distinct token keys whose lookup forms are remembered (a few MB at most).
_FORMS_CACHE_SIZE = 50_000
# Arabic conjunctions written joined to the next word, a negator included ("ومش").
_AR_CONJUNCTIONS = frozenset("\u0648\u0641")


class Entry(NamedTuple):
    """What a term means: which language's rule, which archetype, how much.

    The compiled trie holds these as plain tuples (so that it can be stored
    with :mod:`marshal` and loaded without a walk); :meth:`Index.scan` hands
    them out typed.
    """

    lang: str
    archetype: str
    tier: str
    weight: float
    term: str
    #: the term itself starts with a negator ("not working"): never cancelled
    negated_form: bool


class IndexFormatError(ValueError):
    """A stored index does not have the shape this version writes."""


_NONE: dict[str, _Node] = {}  # shared by every node that has no edges of a kind; never written


class _Node:
    """A trie node while the index is built. Most nodes are leaves: they share
    one empty mapping for the edges they do not have and an empty tuple for
    entries, which keeps the index small; a node gets its own containers when
    something is added to it."""

    __slots__ = ("children", "entries", "gap", "prefixes")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = _NONE
        self.prefixes: dict[str, _Node] = _NONE
        self.entries: tuple[tuple[Any, ...], ...] = ()
        #: the trie of what may follow this node after a gap ("A ... B")
        self.gap: _Node | None = None


# A frozen node: (children, prefix edges, entries as plain tuples, the gap
# trie or None). Plain builtins all the way down, so a built index can be
# stored with ``marshal`` and loaded as it is.
_Frozen = tuple[dict[str, Any], dict[str, Any], tuple[tuple[Any, ...], ...], Any]
_EMPTY: dict[str, Any] = {}
_LEAF: _Frozen = (_EMPTY, _EMPTY, (), None)

_Lookup = tuple[list[tuple[str, float]], list[tuple[_Frozen, float]]]
# Bumped whenever the stored shape or anything that decides it changes.
STATE_VERSION = 2


def _freeze(node: _Node) -> _Frozen:
    children = {k: _freeze(c) for k, c in node.children.items()} if node.children else _EMPTY
    prefixes = {k: _freeze(c) for k, c in node.prefixes.items()} if node.prefixes else _EMPTY
    gap = _freeze(node.gap) if node.gap is not None else None
    if children is _EMPTY and prefixes is _EMPTY and not node.entries and gap is None:
        return _LEAF
    return (children, prefixes, node.entries, gap)


class Hit(NamedTuple):
    """Entries matched over tokens ``first..last`` (inclusive)."""

    first: int
    last: int
    entries: tuple[Entry, ...]
    fuzzy: bool
    similarity: float


def _rank(sim: float) -> float:
    """Order of preference between two ways to reach a node: exact first."""
    return 1.0 if sim < 0 else sim


def _deletions(word: str) -> Iterable[str]:
    return (word[:i] + word[i + 1 :] for i in range(len(word)))


class Index:
    """Every term of a rule set, compiled for one linear pass."""

    def __init__(self, *, fuzzy_min_length: int = 5) -> None:
        self._building: _Node | None = _Node()
        self._root: _Frozen = _LEAF
        # Per language: the words of its terms (fuzzy targets), their one-edit
        # deletion index, and frequent words never taken for a typo.
        self._vocab: dict[str, set[str]] = {}
        self._all_vocab: frozenset[str] = frozenset()
        self._deletes: dict[str, dict[str, tuple[str, ...]]] = {}
        self._no_fuzzy: dict[str, set[str]] = {}
        self._negators_before: dict[str, set[str]] = {}
        self._negators_after: dict[str, set[str]] = {}
        self._min_prefix = 2
        # Longest prefix term: a long token is only sliced up to this length.
        self._max_prefix = 0
        self.fuzzy_min_length = fuzzy_min_length
        self.size = 0
        self._cache: dict[tuple[str | None, str], _Lookup] = {}
        self._neg_cache: dict[tuple[int, str, str], bool] = {}
        # Entries typed once per trie node that reports them (keyed by the
        # identity of the node's entry tuple, which lives as long as the index).
        self._typed: dict[int, tuple[Entry, ...]] = {}

    # -- building ---------------------------------------------------------

    def add(self, term: str, entry_args: tuple[str, str, str, float]) -> None:
        """Add ``term`` (folded here) for ``(lang, archetype, tier, weight)``.

        ``"A ... B"`` is a term with a gap: A, then B within :data:`GAP_TOKENS`
        tokens of the same clause ("staff ... rude" in "the staff at the desk
        were rude").
        """
        lang, archetype, tier, weight = entry_args
        if "..." in term:
            head, tail = (self._words(part, lang) for part in _GAP.split(term, 1))
            if head and tail:
                self._add_path(head, lang, archetype, tier, weight, term, tail)
            return
        words = self._words(term, lang)
        if not words:
            return
        self._add_path(words, lang, archetype, tier, weight, term)
        if lang == "fa" and len(words) > 1 and not any(w.endswith("*") for w in words[:-1]):
            # Persian writes compounds with a half-space, which folding removes:
            # «بی همه چیز» must also match «بی‌همه‌چیز».
            joined = "".join(w.rstrip("*") for w in words) + ("*" if words[-1].endswith("*") else "")
            self._add_path([joined], lang, archetype, tier, weight, term)

    @staticmethod
    def _words(term: str, lang: str) -> list[str]:
        """The trie path of a term: its folded tokens, a trailing "*" marking a prefix."""
        folded = fold(term)
        words = folded.split()
        if not _SIMPLE_TERM.fullmatch(folded) or (
            not folded.isascii() and any(w.rstrip("*") in DETACHED for w in words)
        ):
            # A "*" right after a word makes it a prefix; the tokeniser drops the star.
            words = [t.key + "*" if folded.startswith("*", t.end) else t.key for t in tokenize(folded)]
        return words

    def _add_path(self, words: list[str], lang: str, archetype: str, tier: str, weight: float,
                  term: str, tail: list[str] | None = None) -> None:
        before = self._negators_before.get(lang, ())
        # A gap term holding a negator anywhere states a negative itself
        # ("nobody ... replied"): nothing in its gap cancels it.
        negated = words[0].rstrip("*") in before or (
            tail is not None and any(w.rstrip("*") in before for w in (*words, *tail))
        )
        node = self._building
        if node is None:
            raise RuntimeError("the index is frozen: terms can only be added before freeze()")
        if tail is not None:
            node = self._walk(node, words, lang, tier)
            if node.gap is None:
                node.gap = _Node()
            words, node = tail, node.gap
        node = self._walk(node, words, lang, tier)
        entry = (lang, archetype, tier, weight, term, negated)
        for i, old in enumerate(node.entries):
            # Two spellings of one token sequence ("price match", "price-match")
            # are one term: keep the stronger.
            if old[0] == lang and old[1] == archetype and (old[3] < 0) == (weight < 0):
                if abs(weight) > abs(old[3]):
                    node.entries = (*node.entries[:i], entry, *node.entries[i + 1 :])
                return
        node.entries = (*node.entries, entry)
        self.size += 1

    def _walk(self, node: _Node, words: list[str], lang: str, tier: str) -> _Node:
        """The node at the end of ``words`` from ``node``, made as needed."""
        # Evidence against (or neutral) is never guessed at: exact words only.
        vocab = self._vocab.setdefault(lang, set()) if tier not in ("against", "neutral") else None
        min_len = self.fuzzy_min_length
        for w in words[:_MAX_DEPTH]:
            if w[-1] == "*":
                w = w[:-1]
                child = node.prefixes.get(w)
                if child is None:
                    if node.prefixes is _NONE:
                        node.prefixes = {}
                    child = node.prefixes[w] = _Node()
                    self._max_prefix = max(self._max_prefix, len(w))
            else:
                child = node.children.get(w)
                if child is None:
                    if node.children is _NONE:
                        node.children = {}
                    child = node.children[w] = _Node()
                if vocab is not None and len(w) >= min_len and not w.isdigit():
                    vocab.add(w)
            node = child
        return node

    def add_negators(self, lang: str, before: Iterable[str], after: Iterable[str]) -> None:
        self._negators_before.setdefault(lang, set()).update(fold(w) for w in before)
        self._negators_after.setdefault(lang, set()).update(fold(w) for w in after)

    def add_no_fuzzy(self, lang: str, words: Iterable[str]) -> None:
        self._no_fuzzy.setdefault(lang, set()).update(fold(w) for w in words)

    def freeze(self) -> None:
        """Freeze the trie and build the deletion indexes once all terms are in."""
        if self._building is None:
            return
        self._root = _freeze(self._building)
        self._building = None
        all_vocab: set[str] = set()
        for lang, vocab in self._vocab.items():
            deletes: dict[str, list[str]] = {}
            for word in sorted(vocab):
                deletes.setdefault(word, []).append(word)
                for d in _deletions(word):
                    words = deletes.setdefault(d, [])
                    if words[-1:] != [word]:
                        words.append(word)
            # Tuples: a one-word set costs four times the memory.
            self._deletes[lang] = {k: tuple(v) for k, v in deletes.items()}
            all_vocab |= vocab
        self._all_vocab = frozenset(all_vocab)
        self._vocab = {}
        self._cache.clear()

    # -- storing ----------------------------------------------------------

    def state(self) -> tuple[Any, ...]:
        """The frozen index as plain builtins, for :mod:`marshal`."""
        self.freeze()
        return (STATE_VERSION, self._root, self._deletes, self._all_vocab, self._no_fuzzy,
                self._negators_before, self._negators_after, self._min_prefix, self._max_prefix,
                self.fuzzy_min_length, self.size)

    @classmethod
    def from_state(cls, state: object) -> Index:
        """An index from :meth:`state`; raises :class:`IndexFormatError` on any other shape."""
        if not isinstance(state, tuple) or len(state) != 11 or state[0] != STATE_VERSION:
            raise IndexFormatError("not an index state of this version")
        (_, root, deletes, all_vocab, no_fuzzy, before, after, min_prefix, max_prefix,
         fuzzy_min_length, size) = state
        shapes = ((root, tuple), (deletes, dict), (all_vocab, frozenset), (no_fuzzy, dict), (before, dict),
                  (after, dict), (min_prefix, int), (max_prefix, int), (fuzzy_min_length, int), (size, int))
        if any(not isinstance(value, kind) for value, kind in shapes) or len(root) != 4:
            raise IndexFormatError("index state has the wrong shape")
        index = cls(fuzzy_min_length=fuzzy_min_length)
        index._building = None
        index._root = root
        index._deletes = deletes
        index._all_vocab = all_vocab
        index._no_fuzzy = no_fuzzy
        index._negators_before = before
        index._negators_after = after
        index._min_prefix = min_prefix
        index._max_prefix = max_prefix
        index.size = size
        return index

    # -- matching ---------------------------------------------------------

    def is_negator_before(self, lang: str, key: str) -> bool:
        return self._is_negator(self._negators_before, lang, key)

    def is_negator_after(self, lang: str, key: str) -> bool:
        return self._is_negator(self._negators_after, lang, key)

    def _is_negator(self, table: dict[str, set[str]], lang: str, key: str) -> bool:
        words = table.get(lang)
        if not words:
            return False
        if key in words:
            return True
        if not is_arabic_script(key[0]):
            return False
        # A conjunction does not hide a negator ("ومو", "فلن"); remembered per
        # token like lookups. Arabic negators take no other affix: stripping
        # them would find «لم» in «كلمني» and «مش» in «مشي».
        cache_key = (id(table), lang, key)
        found = self._neg_cache.get(cache_key)
        if found is None:
            if lang == "ar":
                found = key[0] in _AR_CONJUNCTIONS and len(key) > 2 and key[1:] in words
            else:
                found = any(v in words for v in variants(key, lang))
            if len(self._neg_cache) >= _FORMS_CACHE_SIZE:
                self._neg_cache.clear()
            self._neg_cache[cache_key] = found
        return found

    def _correct(self, key: str, lang: str | None) -> tuple[str, float] | None:
        """The term word ``key`` is one edit away from, if any.

        Typos are corrected towards the message's own language only, never on
        the first letter (a Persian ن or ب there flips a verb's meaning), and
        never for a word listed as frequent.
        """
        if len(key) < self.fuzzy_min_length or key.isdigit() or key in self._all_vocab:
            return None
        langs = (lang,) if lang is not None else tuple(self._deletes)
        best: tuple[str, float] | None = None
        for code in langs:
            if key in self._no_fuzzy.get(code, ()):
                return None
            deletes = self._deletes.get(code)
            if not deletes:
                continue
            candidates: set[str] = set(deletes.get(key, ()))
            for d in _deletions(key):
                hit = deletes.get(d)
                if hit:
                    candidates.update(hit)
            if not candidates:
                continue
            from rapidfuzz.distance import OSA

            for cand in sorted(candidates):
                if cand[0] != key[0] or OSA.distance(key, cand, score_cutoff=1) > 1:
                    continue
                sim = 1.0 - 1.0 / max(len(key), len(cand))
                if best is None or sim > best[1]:
                    best = (cand, sim)
        return best

    def _lookup(self, key: str, lang: str | None) -> _Lookup:
        """Lookup forms of one token and the trie nodes they reach from the root.

        Cached per language and token key: word frequencies are skewed, so a
        small bounded cache answers most lookups. The cache is cleared, not
        grown, when full.
        """
        cache_key = (lang, key)
        cached = self._cache.get(cache_key)
        if cached is not None:
            return cached
        found = self._unmasked(key, lang) if "*" in key else self._forms(key, lang)
        if len(self._cache) >= _FORMS_CACHE_SIZE:
            self._cache.clear()
        self._cache[cache_key] = found
        return found

    def _forms(self, key: str, lang: str | None) -> _Lookup:
        forms = [(v, -1.0 if suffixed else 1.0) for v, suffixed in inflections(key, lang)]
        reached = self._step([(self._root, 1.0)], forms)
        # Only the word as written is corrected, and only when none of its
        # forms is a term word already (exactly or through a prefix term): a
        # stem made by stripping affixes is not a word the customer typed.
        if not reached and not any(v in self._all_vocab for v, _ in forms):
            fixed = self._correct(key, lang)
            if fixed is not None:
                forms.append(fixed)
                reached = self._step([(self._root, 1.0)], forms)
        return (forms, reached)

    def _unmasked(self, key: str, lang: str | None) -> _Lookup:
        """Lookup forms of a masked word ("f*cking", «ح.مير»), read as the term word it hides.

        The mask either stands between letters (the word without it is the
        word) or in place of one (the word is one letter longer: the deletion
        index names it; the first letter is never masked). A mask is
        deliberate, so the word it hides counts as written, not as a typo.
        """
        plain = key.replace("*", "")
        sim = 1.0
        forms = [(v, -1.0 if suffixed else sim) for v, suffixed in inflections(plain, lang)]
        reached = self._step([(self._root, 1.0)], forms)
        if not reached:
            langs = (lang,) if lang is not None else tuple(self._deletes)
            hidden: set[str] = set()
            for code in langs:
                deletes = self._deletes.get(code, {})
                for form, _ in forms:
                    hidden.update(w for w in deletes.get(form, ()) if w[0] == form[0] and w != form)
            forms.extend((w, sim) for w in sorted(hidden))
            reached = self._step([(self._root, 1.0)], forms)
        return (forms, reached)

    def _step(self, frontier: list[tuple[_Frozen, float]], forms: list[tuple[str, float]]) -> list[tuple[_Frozen, float]]:
        """The nodes reached from ``frontier`` by one token with these ``forms``.

        Similarities travel with the nodes. A form whose suffix came off has
        similarity -1.0 in ``forms`` and reaches its node with similarity
        -1.0 (exact, but the phrase may not go on past it); stepping on from
        such a node is refused.
        """
        best: dict[int, tuple[_Frozen, float]] = {}
        min_prefix = self._min_prefix
        root = self._root
        for node, sim in frontier:
            if sim < 0 and node is not root:
                continue  # a stripped suffix ended this path: no longer phrase
            children, prefixes = node[0], node[1]
            for form, fsim in forms:
                child = children.get(form)
                if child is not None:
                    s = fsim if fsim < 0 else (sim if sim < fsim else fsim)
                    prev = best.get(id(child))
                    if prev is None or _rank(s) > _rank(prev[1]):
                        best[id(child)] = (child, s)
                if prefixes and fsim == 1.0:
                    for k in range(min_prefix, min(len(form), self._max_prefix) + 1):
                        child = prefixes.get(form[:k])
                        if child is not None:
                            prev = best.get(id(child))
                            if prev is None or _rank(sim) > _rank(prev[1]):
                                best[id(child)] = (child, sim)
        return list(best.values())

    def scan(self, tokens: list[Token], lang: str | None = None) -> list[Hit]:
        """Every term occurrence among ``tokens``; overlapping hits included.

        ``lang`` picks the morphology of the variants and the vocabulary that
        typos are corrected towards; ``None`` uses every language's.
        """
        self.freeze()
        hits: list[Hit] = []
        lookups = [self._lookup(t.key, lang) for t in tokens]
        for i in range(len(tokens)):
            frontier = lookups[i][1]
            if frontier:
                self._follow(i, i, frontier, tokens, lookups, hits)
        return hits

    def _follow(self, first: int, start: int, frontier: list[tuple[_Frozen, float]], tokens: list[Token],
              lookups: list[_Lookup], hits: list[Hit]) -> None:
        """Follow the trie from ``frontier`` (reached by token ``start``) along the
        tokens, recording every term that ends on the way as a hit from ``first``."""
        typed = self._typed
        n = len(tokens)
        j = start
        while frontier:
            for node, sim in frontier:
                raw = node[2]
                if raw:
                    entries = typed.get(id(raw))
                    if entries is None:
                        entries = typed[id(raw)] = tuple(Entry._make(e) for e in raw)
                    real = 1.0 if sim < 0 else sim
                    hits.append(Hit(first, j, entries, real < 1.0, real))
                if node[3] is not None:
                    self._after_gap(node[3], 1.0 if sim < 0 else sim, first, j, tokens, lookups, hits)
            j += 1
            if j >= n or j - start >= _MAX_DEPTH or tokens[j].brk:
                break
            frontier = self._step(frontier, lookups[j][0])

    def _after_gap(self, gap: _Frozen, sim: float, first: int, end: int, tokens: list[Token],
                   lookups: list[_Lookup], hits: list[Hit]) -> None:
        """Hits of the terms "A ... B" whose A ended at token ``end``: B starts
        at most :data:`GAP_TOKENS` tokens later, in the same clause. The work is
        bounded by the gap and the length of B, never by the number of terms."""
        for start in range(end + 1, min(len(tokens), end + 2 + GAP_TOKENS)):
            if tokens[start].brk:
                return
            frontier = self._step([(gap, sim)], lookups[start][0])
            if frontier:
                self._follow(first, start, frontier, tokens, lookups, hits)
