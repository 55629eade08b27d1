"""Rule files: the lexicons and settings the classifier runs on.

Rules are data. The built-in set lives in ``replykit/data/rules/``: ``core.toml``
(version, precedence, tier weights, thresholds, signals) and one lexicon per
language (``en.toml``, ``ar.toml``, ``fa.toml``). A user file or folder with the
same shapes extends the built-ins, or replaces them with ``replace = true``.
See ``docs/triage.md`` for the format.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .archetypes import PRECEDENCE
from .errors import RulesError

__all__ = [
    "Lexicon",
    "Rules",
    "Signal",
    "TermTiers",
    "builtin_rules",
    "load_rules",
]

_STRICT = ConfigDict(extra="forbid", frozen=True)
Tier = Literal["strong", "cue", "hint", "against", "neutral"]
SignalName = Literal[
    "shouting",
    "exclamations",
    "angry_emoji",
    "sarcasm_emoji",
    "abusive_emoji",
    "money",
    "masked_profanity",
]


def _default_tiers() -> dict[Tier, float]:
    return {"strong": 1.0, "cue": 0.5, "hint": 0.25, "against": -1.0, "neutral": 0.0}
_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
# A term is plain words with an optional trailing "*" per word; nothing that
# could make matching super-linear can be written.
_MAX_TERM_WORDS = 8
_MAX_TERM_CHARS = 80


def _check_terms(terms: list[str]) -> list[str]:
    for i, term in enumerate(terms):
        if not term.strip():
            raise ValueError(f"term {i} is empty")
        if len(term) > _MAX_TERM_CHARS:
            raise ValueError(f"term {i} {term!r} is longer than {_MAX_TERM_CHARS} characters")
        words = term.split()
        if "..." in term:
            # "A ... B": A, then B a few words later in the same clause.
            if words.count("...") != 1 or term.count("...") != 1 or words[0] == "..." or words[-1] == "...":
                raise ValueError(f"term {i} {term!r}: write a gap as words, ' ... ', words")
            words.remove("...")
        if len(words) > _MAX_TERM_WORDS:
            raise ValueError(f"term {i} {term!r} has more than {_MAX_TERM_WORDS} words")
        for w in words:
            if "*" in w[:-1] or w == "*":
                raise ValueError(f"term {i} {term!r}: '*' may only end a word of 2+ letters")
    return terms


class TermTiers(BaseModel):
    """The terms of one archetype in one language, by strength."""

    model_config = _STRICT

    #: enough on their own to label the archetype
    strong: list[str] = Field(default_factory=list)
    #: two of them (or one with a signal) label it
    cue: list[str] = Field(default_factory=list)
    #: colour only: several are needed
    hint: list[str] = Field(default_factory=list)
    #: evidence against: subtracts (a refund is not a discount request)
    against: list[str] = Field(default_factory=list)
    #: phrases that mean nothing for the archetype and hide the terms inside
    #: them: the polite closing «بانتظار ردكم» is not a complaint of silence
    neutral: list[str] = Field(default_factory=list)

    _check = field_validator("strong", "cue", "hint", "against", "neutral")(_check_terms)

    def items(self) -> Iterable[tuple[str, list[str]]]:
        return (("strong", self.strong), ("cue", self.cue), ("hint", self.hint),
                ("against", self.against), ("neutral", self.neutral))


class Lexicon(BaseModel):
    """The terms of one language, per archetype, and its grammar words."""

    model_config = _STRICT

    lang: str
    #: words that cancel a following term ("not down anymore")
    negators_before: list[str] = Field(default_factory=list)
    #: words that cancel a preceding term (Persian "قطع نیست")
    negators_after: list[str] = Field(default_factory=list)
    #: frequent words that are never taken for a typo of a term
    no_fuzzy: list[str] = Field(default_factory=list)
    archetypes: dict[str, TermTiers] = Field(default_factory=dict)

    @field_validator("archetypes")
    @classmethod
    def _ids(cls, value: dict[str, TermTiers]) -> dict[str, TermTiers]:
        for key in value:
            if not _ID.match(key):
                raise ValueError(f"archetype id {key!r} must be lower-case letters, digits and '_'")
        return value


class Signal(BaseModel):
    """A non-lexical cue (shouting, '!!!', angry emoji) and what it adds."""

    model_config = _STRICT

    archetype: str
    weight: float = Field(ge=-5, le=5)


class Rules(BaseModel):
    """A complete rule set: settings plus one lexicon per language."""

    model_config = _STRICT

    version: str = "custom"
    precedence: list[str] = Field(default_factory=lambda: list(PRECEDENCE))
    tiers: dict[Tier, float] = Field(default_factory=_default_tiers)
    #: raw score an archetype needs to be labelled present
    threshold: float = Field(default=1.0, gt=0)
    thresholds: dict[str, float] = Field(default_factory=dict)
    #: when nothing reaches its threshold, the strongest archetype at or above
    #: this is labelled anyway (flagged for review); ``None`` turns it off
    fallback_threshold: float | None = Field(default=None, gt=0)
    #: two archetypes closer than this in score make a result need review
    review_margin: float = Field(default=0.1, ge=0, le=1)
    signals: dict[SignalName, Signal] = Field(
        default_factory=dict
    )
    #: shortest token that fuzzy matching corrects
    fuzzy_min_length: int = Field(default=5, ge=3)
    lexicons: dict[str, Lexicon] = Field(default_factory=dict)

    @field_validator("precedence")
    @classmethod
    def _precedence(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("precedence lists an archetype twice")
        for key in value:
            if not _ID.match(key):
                raise ValueError(f"archetype id {key!r} must be lower-case letters, digits and '_'")
        if "general" not in value:
            raise ValueError("precedence must include 'general' (the fallback)")
        return value

    def archetypes(self) -> tuple[str, ...]:
        """Every archetype id these rules know, in precedence order."""
        return tuple(self.precedence)

    def threshold_of(self, archetype: str) -> float:
        return self.thresholds.get(archetype, self.threshold)


def _error(exc: ValidationError, path: str | None) -> RulesError:
    first = exc.errors()[0]
    key = ".".join(str(p) for p in first["loc"])
    got = repr(first.get("input"))
    detail = f" (got {got})" if len(got) <= 60 else ""
    return RulesError(f"{first['msg']}{detail}", path=path, key=key)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise RulesError(f"cannot read rules file: {exc.strerror}", path=str(path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"invalid TOML: {exc}", path=str(path)) from exc


def _lexicon(data: dict[str, Any], source: str | None) -> Lexicon:
    try:
        return Lexicon.model_validate(data)
    except ValidationError as exc:
        raise _error(exc, source) from exc


def _merge(base: Rules, data: dict[str, Any], source: str | None) -> Rules:
    """Apply one parsed rules document (core keys and/or a lexicon) to ``base``."""
    data = dict(data)
    lexicon_data: dict[str, Any] | None = None
    if "lang" in data:
        lexicon_data = {k: data.pop(k) for k in list(data) if k in Lexicon.model_fields}
    extra_lexicons = data.pop("lexicons", None)
    merged = base.model_dump(exclude={"lexicons"})
    merged.update({k: v for k, v in data.items() if k not in ("tiers", "thresholds", "signals")})
    for key in ("tiers", "thresholds", "signals"):
        if key in data:
            merged[key] = {**merged[key], **data[key]}
    try:
        rules = Rules.model_validate(merged)
    except ValidationError as exc:
        raise _error(exc, source) from exc
    lexicons = dict(base.lexicons)
    docs = [lexicon_data] if lexicon_data is not None else []
    if isinstance(extra_lexicons, Mapping):
        docs.extend(dict(v, lang=k) for k, v in extra_lexicons.items())
    for doc in docs:
        lex = _lexicon(doc, source)
        lexicons[lex.lang] = _merge_lexicon(lexicons.get(lex.lang), lex)
    precedence = list(rules.precedence)
    for lex in lexicons.values():
        for archetype in lex.archetypes:
            if archetype not in precedence:
                # A new archetype with no declared place ranks just above the fallback.
                precedence.insert(precedence.index("general"), archetype)
    return rules.model_copy(update={"lexicons": lexicons, "precedence": precedence})


def _merge_lexicon(old: Lexicon | None, new: Lexicon) -> Lexicon:
    if old is None:
        return new
    archetypes = dict(old.archetypes)
    for name, tiers in new.archetypes.items():
        if name in archetypes:
            prev = archetypes[name]
            archetypes[name] = TermTiers(
                **{tier: [*getattr(prev, tier), *terms] for tier, terms in tiers.items()}
            )
        else:
            archetypes[name] = tiers
    return Lexicon(
        lang=old.lang,
        negators_before=[*old.negators_before, *new.negators_before],
        negators_after=[*old.negators_after, *new.negators_after],
        no_fuzzy=[*old.no_fuzzy, *new.no_fuzzy],
        archetypes=archetypes,
    )


def _documents(path: Path) -> list[tuple[dict[str, Any], str]]:
    if path.is_dir():
        files = sorted(path.glob("*.toml"), key=lambda p: (p.name != "core.toml", p.name))
        if not files:
            raise RulesError("no .toml rules files in folder", path=str(path))
        return [(_read_toml(f), str(f)) for f in files]
    if not path.exists():
        raise RulesError("rules file does not exist", path=str(path))
    return [(_read_toml(path), str(path))]


def _builtin() -> Rules:
    root = resources.files("replykit") / "data" / "rules"
    names = ["core.toml", *sorted(n.name for n in root.iterdir() if n.name.endswith(".toml") and n.name != "core.toml")]
    rules = Rules()
    for name in names:
        source = f"replykit/data/rules/{name}"
        try:
            data = tomllib.loads((root / name).read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise RulesError(f"invalid TOML: {exc}", path=source) from exc
        rules = _merge(rules, data, source)
    return rules


_BUILTIN: Rules | None = None


def builtin_rules() -> Rules:
    """The rules shipped with replykit (loaded once per process)."""
    global _BUILTIN
    if _BUILTIN is None:
        _BUILTIN = _builtin()
    return _BUILTIN


def load_rules(path: str | Path, *, base: Rules | None = None) -> Rules:
    """Load a rules file or folder on top of ``base`` (the built-ins by default).

    A document with ``replace = true`` at its top starts from empty rules
    instead, so a team can ship a lexicon of its own.
    """
    rules = builtin_rules() if base is None else base
    for data, source in _documents(Path(path)):
        if data.pop("replace", False) is True:
            rules = Rules()
        rules = _merge(rules, data, source)
    return rules
