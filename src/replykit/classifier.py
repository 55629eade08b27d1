"""Classification of a complaint into the customer archetypes.

The pipeline, in order: cap the length, mask quoted history and signatures,
detect the language, fold and tokenise, scan the term index once, drop
negated and overlapped hits, add non-lexical signals, sum weights per
archetype, and label every archetype whose sum reaches its threshold. The
primary archetype is the highest labelled one in the precedence list.
"""

from __future__ import annotations

import gc
import math
import threading
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

from .archetypes import Archetype
from .languages import Language, read_language, resolve_language
from .matcher import Entry, Hit, Index
from .models import ArchetypeScore, Classification, Evidence, trusted
from .normalizer import fold_with_offsets
from .quoting import mask_quoted
from .rules import Rules, builtin_rules, load_rules
from .signals import find_signals
from .tokens import Token, tokenize

__all__ = ["MAX_CHARS", "MAX_EVIDENCE", "Classifier", "classify"]

#: Longest text read; beyond it only the head is classified and ``truncated`` is set.
MAX_CHARS = 100_000
#: Evidence items kept per archetype (the strongest first).
MAX_EVIDENCE = 8
# A label is thin evidence, and needs review, below this raw score.
_THIN = 1.5
_NEGATION_WINDOW = 2


class Classifier:
    """A reusable classifier: compiles its term index once, then classifies fast.

    The index is made on the first classification: loaded from the on-disk
    cache when it holds one for these rules (``REPLYKIT_CACHE_DIR``, see
    docs/triage.md), built and stored there otherwise. Thread-safe (the index
    is made under a lock and never changed after) and picklable (the copy
    makes its index again, lazily; a built-in classifier pickles to a few
    hundred bytes).

    Args:
        rules: ``None`` for the built-in rules, a :class:`Rules` object, or a
            path to a rules file or folder that extends the built-ins.
    """

    def __init__(self, rules: Rules | str | Path | None = None) -> None:
        # ``None`` stands for the built-in rules, which are only parsed when
        # asked for: a compiled index from the cache makes them unnecessary.
        self._rules: Rules | None
        if rules is None:
            self._rules = None
        elif isinstance(rules, Rules):
            self._rules = rules
        elif isinstance(rules, str | Path):
            self._rules = load_rules(rules)
        else:
            raise TypeError(f"rules must be a Rules object or a path, not {type(rules).__name__}")
        self._compiled: _Compiled | None = None
        self._lock = threading.Lock()

    @property
    def rules(self) -> Rules:
        return builtin_rules() if self._rules is None else self._rules

    def __getstate__(self) -> dict[str, Any]:
        return {"rules": self._rules}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._rules = state["rules"]
        self._compiled = None
        self._lock = threading.Lock()

    def _built(self) -> _Compiled:
        compiled = self._compiled
        if compiled is None:
            with self._lock:
                compiled = self._compiled
                if compiled is None:
                    compiled = self._compiled = _compile(self._rules)
        return compiled

    def classify(self, text: str, *, lang: str | None = None) -> Classification:
        """Classify one message; see :func:`replykit.classify`."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        given: Language | None = resolve_language(lang) if lang is not None else None
        truncated = len(text) > MAX_CHARS
        if truncated:
            text = text[:MAX_CHARS]
        voice = mask_quoted(text)
        folded, origin = fold_with_offsets(voice)
        detected, unsure = (given, False) if given is not None else read_language(voice, folded)
        settings, index = self._built()
        if not voice.strip():
            return Classification(lang=detected, primary=Archetype.GENERAL,
                                  truncated=truncated, rules_version=settings.version)
        # Arabic script with nothing that tells Arabic from Persian is read
        # with both lexicons and both morphologies; the guess is reported.
        return _score(settings, index, text, voice, (folded, origin), detected, truncated, unsure)

    def classify_many(
        self,
        texts: Iterable[str],
        *,
        lang: str | None = None,
        workers: int = 1,
        chunk_size: int = 256,
    ) -> Iterator[Classification]:
        """Classify a stream of messages lazily, one result per message, in order.

        With ``workers > 1`` the messages are classified on that many processes,
        each with its own index, in chunks of ``chunk_size``; memory stays
        bounded however long the stream is.
        """
        if workers <= 1:
            for text in texts:
                yield self.classify(text, lang=lang)
            return
        from .parallel import classify_texts, ordered_map, read_results

        if lang is not None:
            resolve_language(lang)  # fail here, not in every worker
        chunks = _chunked(texts, chunk_size)
        for blob in ordered_map(classify_texts, chunks, workers=workers, classifier=self, lang=lang):
            yield from read_results(blob)


def _chunked(items: Iterable[str], size: int) -> Iterator[list[str]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        for item in chunk:
            if not isinstance(item, str):
                raise TypeError(f"text must be a str, not {type(item).__name__}")
        yield chunk


class _Compiled(NamedTuple):
    #: the rules without their lexicons: what scoring reads
    settings: Rules
    term_index: Index


def _compile(rules: Rules | None) -> _Compiled:
    """The index of ``rules`` (``None``: the built-ins), from the disk cache when it has it."""
    from . import index_cache

    key = index_cache.builtin_key() if rules is None else index_cache.rules_key(rules)
    stored = index_cache.load(key)
    if isinstance(stored, tuple) and len(stored) == 2:
        try:
            return _Compiled(Rules.model_validate(stored[0]), Index.from_state(stored[1]))
        except (ValueError, TypeError):
            pass  # written by something else: build it again
    full = builtin_rules() if rules is None else rules
    index = _build_index(full)
    settings = full.model_dump(exclude={"lexicons"})
    index_cache.store(key, (settings, index.state()))
    return _Compiled(full.model_copy(update={"lexicons": {}}), index)


def _build_index(rules: Rules) -> Index:
    # Building makes tens of thousands of small containers and no cycles: the
    # cyclic collector would only rescan them again and again.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _fill_index(rules)
    finally:
        if enabled:
            gc.enable()


def _fill_index(rules: Rules) -> Index:
    index = Index(fuzzy_min_length=rules.fuzzy_min_length)
    for lex in rules.lexicons.values():
        index.add_negators(lex.lang, lex.negators_before, lex.negators_after)
        index.add_no_fuzzy(lex.lang, lex.no_fuzzy)
    for lex in rules.lexicons.values():
        for archetype, tiers in lex.archetypes.items():
            for tier, terms in tiers.items():
                weight = rules.tiers[tier]  # type: ignore[index]
                for term in terms:
                    index.add(term, (lex.lang, archetype, tier, weight))
    index.freeze()
    return index


def _allowed(lang: str | None, rules: Rules) -> frozenset[str] | None:
    """The lexicons consulted for a message in ``lang``; ``None`` means all.

    Latin-script text also consults the Arabic and Persian lexicons, whose
    Latin-script terms (Arabizi, Finglish) are written for it.
    """
    if lang is None or lang == "en":
        return None
    # English terms only ever match Latin words, which Arabic and Persian
    # messages borrow ("the app is down" inside an Arabic complaint).
    return frozenset({lang, "en"})


def _score(rules: Rules, index: Index, text: str, voice: str, folding: tuple[str, list[int]],
           lang: Language | None, truncated: bool, both: bool = False) -> Classification:
    folded, origin = folding
    tokens = tokenize(folded)
    allowed = _allowed(lang, rules) if not both else frozenset({"ar", "fa", "en"})
    reading = None if both else lang
    # Lexicons that do not apply and negated terms go first, so that a longer
    # term that is cancelled does not hide a shorter one that stands (a term
    # that itself starts with a negator); the other terms inside a cancelled
    # one are cancelled with it ("the fee is not high" negates "fee" too).
    hits = []
    negated_spans: list[tuple[int, int]] = []
    for hit in index.scan(tokens, reading):
        applicable = [e for e in hit.entries if allowed is None or e.lang in allowed]
        kept = tuple(e for e in applicable if not _negated(index, tokens, hit, e))
        if len(kept) < len(applicable):
            negated_spans.append((hit.first, hit.last))
        if kept:
            hits.append(hit if len(kept) == len(hit.entries) else hit._replace(entries=kept))
    if negated_spans:
        hits = _inherit_negation(hits, negated_spans)
    hits = _drop_overlapped(hits)

    # Per archetype and span, the strongest positive and the strongest negative
    # term: two inflections of one word ("واقف", "واقفه") are one piece of
    # evidence, while an `against` term on the same words still cancels.
    spans: dict[tuple[str, int, int, bool], tuple[float, Entry, Hit]] = {}
    for hit in hits:
        for entry in hit.entries:
            if entry.tier == "neutral":
                continue  # it has done its work: the terms it covers are gone
            weight = entry.weight * (hit.similarity if hit.fuzzy else 1.0)
            span = (entry.archetype, hit.first, hit.last, weight < 0)
            prev = spans.get(span)
            if prev is None or abs(weight) > abs(prev[0]):
                spans[span] = (weight, entry, hit)
    # (weight, term, start, end, kind, similarity) per (archetype, term): plain
    # tuples until the end, where only the evidence that is kept becomes models.
    best: dict[tuple[str, str], _Found] = {}
    for weight, entry, hit in spans.values():
        key = (entry.archetype, entry.term)
        prev_found = best.get(key)
        if prev_found is not None and abs(prev_found[0]) >= abs(weight):
            continue
        s = origin[tokens[hit.first].start]
        e = origin[tokens[hit.last].end - 1] + 1
        best[key] = (weight, entry.term, s, e, "fuzzy" if hit.fuzzy else "exact",
                     round(hit.similarity, 4))
    for name, s, e in find_signals(voice):
        signal = rules.signals.get(name)  # type: ignore[call-overload]
        if signal is not None:
            best[(signal.archetype, f"<{name}>")] = (signal.weight, f"<{name}>", s, e, "signal", 1.0)

    raw: dict[str, float] = {}
    found: dict[str, list[_Found]] = {}
    for (archetype, _term), item in best.items():
        raw[archetype] = raw.get(archetype, 0.0) + item[0]
        found.setdefault(archetype, []).append(item)

    order = {a: i for i, a in enumerate(rules.precedence)}
    labels = tuple(sorted(
        (a for a, v in raw.items() if a != "general" and v >= rules.threshold_of(a) and a in order),
        key=order.__getitem__,
    ))
    weak = False
    if not labels and rules.fallback_threshold is not None:
        # Nothing reached its threshold: the single strongest archetype that
        # reaches the fallback is still named (and the result needs review),
        # since one clear cue says more than "general".
        candidates = [(v, -order[a], a) for a, v in raw.items() if a in order and a != "general"]
        top = max(candidates) if candidates else None
        if top is not None and top[0] >= rules.fallback_threshold:
            labels = (top[2],)
            weak = True
    # Built from validated parts: construct without validating again (hot path).
    scores = sorted(
        (
            trusted(
                ArchetypeScore,
                archetype=_archetype_id(a),
                score=round(1.0 - math.exp(-v), 4) if v > 0 else 0.0,
                evidence=_evidence(text, found[a]),
            )
            for a, v in raw.items()
        ),
        key=lambda sc: (-sc.score, order.get(sc.archetype, len(order))),
    )
    primary = labels[0] if labels else Archetype.GENERAL
    return trusted(
        Classification,
        lang=lang,
        primary=_archetype_id(primary),
        labels=tuple(_archetype_id(a) for a in labels),
        scores=tuple(scores),
        escalate=Archetype.ABUSIVE in labels,
        needs_review=weak or _needs_review(rules, raw, labels, found),
        truncated=truncated,
        rules_version=rules.version,
    )


_Found = tuple[float, str, int, int, str, float]


def _evidence(text: str, items: list[_Found]) -> tuple[Evidence, ...]:
    """The strongest :data:`MAX_EVIDENCE` items as models, strongest first."""
    kept = sorted(items, key=lambda it: (-abs(it[0]), it[2]))[:MAX_EVIDENCE]
    return tuple(
        trusted(Evidence, term=term, text=text[s:e], start=s, end=e, kind=kind,
                similarity=sim, weight=weight)
        for weight, term, s, e, kind, sim in kept
    )


def _archetype_id(value: str) -> str:
    try:
        return Archetype(value)
    except ValueError:
        return value


def _inherit_negation(hits: list[Hit], negated: list[tuple[int, int]]) -> list[Hit]:
    out = []
    for hit in hits:
        inside = any(f <= hit.first and hit.last <= la for f, la in negated)
        if inside:
            kept = tuple(e for e in hit.entries if e.negated_form)
            if not kept:
                continue
            hit = hit._replace(entries=kept)
        out.append(hit)
    return out


def _drop_overlapped(hits: list[Hit]) -> list[Hit]:
    """Longest match wins, within each archetype.

    A term covered by a longer term of the same archetype (``neutral`` terms
    included) is dropped; a longer term of another archetype hides nothing:
    "the fees are ridiculous" is a price complaint and still angry.
    """
    if len(hits) < 2:
        return hits
    spans: dict[str, set[tuple[int, int]]] = {}
    for h in hits:
        for e in h.entries:
            spans.setdefault(e.archetype, set()).add((h.first, h.last))
    covered: set[tuple[str, int, int]] = set()
    for archetype, group in spans.items():
        if len(group) < 2:
            continue
        reach = -1
        for first, last in sorted(group, key=lambda sp: (sp[0], -sp[1])):
            if last <= reach:
                covered.add((archetype, first, last))
            else:
                reach = last
    # A neutral term also silences terms of its archetype on exactly its own
    # words: «كيفك» (a greeting) over «كيف» (how) read inside the same token.
    neutral = {(e.archetype, h.first, h.last) for h in hits for e in h.entries if e.tier == "neutral"}
    if not covered and not neutral:
        return hits
    out = []
    for h in hits:
        kept = tuple(
            e for e in h.entries
            if (e.archetype, h.first, h.last) not in covered
            and (e.tier == "neutral" or (e.archetype, h.first, h.last) not in neutral)
        )
        if kept:
            out.append(h if len(kept) == len(h.entries) else h._replace(entries=kept))
    return out


def _negated(index: Index, tokens: list[Token], hit: Hit, entry: Entry) -> bool:
    """True when a negator just before (or, in Persian, after) cancels the term."""
    if entry.negated_form or entry.tier in ("against", "neutral"):
        return False
    if "..." in entry.term:
        # A term with a gap is cancelled by a negator inside it too: "the
        # staff were not rude" does not match "staff ... rude".
        for k in range(hit.first + 1, hit.last + 1):
            if index.is_negator_before(entry.lang, tokens[k].key):
                return True
    for k in range(hit.first - 1, max(-1, hit.first - 1 - _NEGATION_WINDOW), -1):
        if tokens[k + 1].brk:
            break
        if index.is_negator_before(entry.lang, tokens[k].key):
            return True
    nxt = hit.last + 1
    return nxt < len(tokens) and not tokens[nxt].brk and index.is_negator_after(entry.lang, tokens[nxt].key)


def _needs_review(rules: Rules, raw: dict[str, float], labels: tuple[str, ...],
                  found: dict[str, list[_Found]]) -> bool:
    if not labels:
        return bool(raw) and max(raw.values()) >= rules.threshold * 0.5
    top = sorted((v for v in raw.values() if v > 0), reverse=True)
    if len(top) >= 2 and (1 - math.exp(-top[0])) - (1 - math.exp(-top[1])) < rules.review_margin:
        return True
    primary = labels[0]
    if raw[primary] < _THIN:
        return True
    return all(item[4] == "fuzzy" for item in found[primary])


_DEFAULT: Classifier | None = None
_DEFAULT_LOCK = threading.Lock()


def _default() -> Classifier:
    global _DEFAULT
    if _DEFAULT is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = Classifier()
    return _DEFAULT


def classify(text: str, *, lang: str | None = None) -> Classification:
    """Classify a customer message into the archetypes, with evidence.

    Args:
        text: the message, in English, Arabic or Persian; quoted history and
            signatures are left out of matching.
        lang: a language or locale tag (``"ar-EG"``) to skip detection.

    Examples:
        >>> classify("Your app has been down since this morning!").primary
        'service_outage'
    """
    return _default().classify(text, lang=lang)
