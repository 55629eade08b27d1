"""The compiled term index: one pass over the tokens finds every rule term.

Exact terms live in a token trie (a phrase is a path of tokens; a word ending
in ``*`` is a prefix edge), so the work per token is bounded by the longest
phrase and the token's length, never by the number of terms. Typos are found
through a one-edit deletion index over the words of the terms (the "symmetric
delete" method): a token's deletions are looked up, and candidates are
confirmed with rapidfuzz's OSA distance (one substitution, insertion, deletion
or transposition).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .normalizer import fold
from .tokens import Token, tokenize, variants

__all__ = ["Entry", "Hit", "Index"]

_MAX_DEPTH = 8
# Words of letters and digits separated by single spaces, each maybe ending in
# "*": tokenising such a term would give back its own words.
_SIMPLE_TERM = re.compile(r"[^\W_]+\*?(?: [^\W_]+\*?)*")
# Distinct token keys whose lookup forms are remembered (a few MB at most).
_FORMS_CACHE_SIZE = 50_000


@dataclass(frozen=True, slots=True)
class Entry:
    """What a term means: which language's rule, which archetype, how much."""

    lang: str
    archetype: str
    tier: str
    weight: float
    term: str
    #: the term itself starts with a negator ("not working"): never cancelled
    negated_form: bool


@dataclass(slots=True)
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    prefixes: dict[str, _Node] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)


_Lookup = tuple[list[tuple[str, float]], list[tuple["_Node", float]]]


@dataclass(frozen=True, slots=True)
class Hit:
    """Entries matched over tokens ``first..last`` (inclusive)."""

    first: int
    last: int
    entries: tuple[Entry, ...]
    fuzzy: bool
    similarity: float


def _deletions(word: str) -> Iterable[str]:
    return (word[:i] + word[i + 1 :] for i in range(len(word)))


class Index:
    """Every term of a rule set, compiled for one linear pass."""

    def __init__(self, *, fuzzy_min_length: int = 5) -> None:
        self._root = _Node()
        self._vocab: set[str] = set()
        self._deletes: dict[str, set[str]] = {}
        self._no_fuzzy: set[str] = set()
        self._negators_before: dict[str, set[str]] = {}
        self._negators_after: dict[str, set[str]] = {}
        self._min_prefix = 2
        self.fuzzy_min_length = fuzzy_min_length
        self.size = 0
        self._cache: dict[str, _Lookup] = {}

    # -- building ---------------------------------------------------------

    def add(self, term: str, entry_args: tuple[str, str, str, float]) -> None:
        """Add ``term`` (folded here) for ``(lang, archetype, tier, weight)``."""
        lang, archetype, tier, weight = entry_args
        folded = fold(term)
        if _SIMPLE_TERM.fullmatch(folded):
            words = folded.split()
        else:
            # A "*" right after a word makes it a prefix; the tokeniser drops the star.
            words = [t.key + "*" if folded.startswith("*", t.end) else t.key for t in tokenize(folded)]
        if not words:
            return
        negated = words[0].rstrip("*") in self._negators_before.get(lang, ())
        node = self._root
        for w in words[:_MAX_DEPTH]:
            if w.endswith("*"):
                node = node.prefixes.setdefault(w[:-1], _Node())
            else:
                node = node.children.setdefault(w, _Node())
                if len(w) >= self.fuzzy_min_length and not w.isdigit():
                    self._vocab.add(w)
        node.entries.append(Entry(lang, archetype, tier, weight, term, negated))
        self.size += 1

    def add_negators(self, lang: str, before: Iterable[str], after: Iterable[str]) -> None:
        self._negators_before.setdefault(lang, set()).update(fold(w) for w in before)
        self._negators_after.setdefault(lang, set()).update(fold(w) for w in after)

    def add_no_fuzzy(self, words: Iterable[str]) -> None:
        self._no_fuzzy.update(fold(w) for w in words)

    def freeze(self) -> None:
        """Build the deletion index once all terms are in."""
        deletes: dict[str, set[str]] = {}
        for word in self._vocab:
            deletes.setdefault(word, set()).add(word)
            for d in _deletions(word):
                deletes.setdefault(d, set()).add(word)
        self._deletes = deletes

    # -- matching ---------------------------------------------------------

    def is_negator_before(self, lang: str, key: str) -> bool:
        return key in self._negators_before.get(lang, ())

    def is_negator_after(self, lang: str, key: str) -> bool:
        return key in self._negators_after.get(lang, ())

    def _correct(self, key: str) -> tuple[str, float] | None:
        """The term word ``key`` is one edit away from, if any."""
        if len(key) < self.fuzzy_min_length or key in self._vocab or key in self._no_fuzzy:
            return None
        if key.isdigit():
            return None
        candidates: set[str] = set()
        hit = self._deletes.get(key)
        if hit:
            candidates |= hit
        for d in _deletions(key):
            hit = self._deletes.get(d)
            if hit:
                candidates |= hit
        if not candidates:
            return None
        from rapidfuzz.distance import OSA

        best: tuple[str, float] | None = None
        for cand in sorted(candidates):
            if OSA.distance(key, cand, score_cutoff=1) <= 1:
                sim = 1.0 - 1.0 / max(len(key), len(cand))
                if best is None or sim > best[1]:
                    best = (cand, sim)
        return best

    def _lookup(self, key: str) -> _Lookup:
        """Lookup forms of one token and the trie nodes they reach from the root.

        Cached per token key: word frequencies are skewed, so a small bounded
        cache answers most lookups. The cache is cleared, not grown, when full.
        """
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        forms = self._compute_forms(key)
        found = (forms, self._step([(self._root, 1.0)], forms))
        if len(self._cache) >= _FORMS_CACHE_SIZE:
            self._cache.clear()
        self._cache[key] = found
        return found

    def _step(self, frontier: list[tuple[_Node, float]], forms: list[tuple[str, float]]) -> list[tuple[_Node, float]]:
        """The nodes reached from ``frontier`` by one token with these ``forms``."""
        best: dict[int, tuple[_Node, float]] = {}
        min_prefix = self._min_prefix
        for node, sim in frontier:
            children = node.children
            prefixes = node.prefixes
            for form, fsim in forms:
                child = children.get(form)
                if child is not None:
                    s = sim if sim < fsim else fsim
                    prev = best.get(id(child))
                    if prev is None or s > prev[1]:
                        best[id(child)] = (child, s)
                if prefixes and fsim == 1.0:
                    for k in range(min_prefix, len(form) + 1):
                        child = prefixes.get(form[:k])
                        if child is not None:
                            prev = best.get(id(child))
                            if prev is None or sim > prev[1]:
                                best[id(child)] = (child, sim)
        return list(best.values())

    def _compute_forms(self, key: str) -> list[tuple[str, float]]:
        forms = [(v, 1.0) for v in variants(key)]
        if not any(v in self._vocab for v, _ in forms):
            for v, _ in forms[:4]:
                fixed = self._correct(v)
                if fixed is not None:
                    forms.append(fixed)
                    break
        return forms

    def scan(self, tokens: list[Token]) -> list[Hit]:
        """Every term occurrence among ``tokens``; overlapping hits included."""
        hits: list[Hit] = []
        lookups = [self._lookup(t.key) for t in tokens]
        n = len(tokens)
        for i in range(n):
            frontier = lookups[i][1]
            j = i
            while frontier:
                for node, sim in frontier:
                    if node.entries:
                        hits.append(Hit(i, j, tuple(node.entries), sim < 1.0, sim))
                j += 1
                if j >= n or j - i >= _MAX_DEPTH or tokens[j].brk:
                    break
                frontier = self._step(frontier, lookups[j][0])
        return hits
