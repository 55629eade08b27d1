"""The rules of ``replykit lint``: one registry, one record per rule.

Every rule has a stable code (``RK201``), a dotted name
(``structure.missing-section``), a default severity, a one-line summary and a
docstring that is its user documentation: what it finds and why, then an
**Anti-pattern** and a **Best practice** paragraph. ``docs/lint-rules.md`` is
generated from this registry (:mod:`replykit.linter.docs`).

The hundreds are the families: RK0xx meta, RK1xx syntax, RK2xx structure,
RK3xx variables, RK4xx coverage and parity, RK5xx language and tone, RK6xx
render. The RK6xx draft checks of :mod:`replykit.checks` join the registry as
rules of the render family, so ``--select RK61`` picks the tone checks of
rendered drafts; the linter's own render rules use RK690 and up.

A rule's check reads a :class:`~replykit.linter.tree.TemplateFile` (scope
``file``) or a whole :class:`~replykit.linter.tree.TemplateTree` (scope
``tree``) and yields :class:`Hit` objects; the runner turns them into
:class:`~replykit.models.Finding` objects. Rules of scope ``runner`` are
reported by the runner itself (unreadable files, suppression comments,
rendering).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..models import Severity
from .errors import LintError

if TYPE_CHECKING:
    from .tree import TemplateFile, TemplateTree

__all__ = [
    "FAMILIES",
    "Hit",
    "Rule",
    "Scope",
    "all_rules",
    "iter_rules",
    "match_rules",
    "rule",
    "select_rules",
]

Scope = Literal["file", "tree", "runner"]

#: The families by the code's hundreds digit, in documentation order.
FAMILIES: dict[str, str] = {
    "0": "meta",
    "1": "syntax",
    "2": "structure",
    "3": "variables",
    "4": "coverage and parity",
    "5": "language and tone",
    "6": "render",
}

_CODE = re.compile(r"^RK\d{3}$")
_PREFIX = re.compile(r"^RK\d{0,3}$")
_NAME = re.compile(r"^[a-z]+(?:-[a-z]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$")
# The modules that register rules, imported on first use of the registry.
_FAMILY_MODULES = ("meta", "syntax", "structure", "variables", "coverage", "wording", "render")


@dataclass(frozen=True, slots=True)
class Hit:
    """One problem a check found, before the runner makes a Finding of it.

    ``path`` is only given by tree rules that report on a file other than the
    one being checked (or on a file that does not exist, such as a missing
    template); ``None`` means the file the check was given.
    """

    message: str
    line: int | None = None
    column: int | None = None
    section: str | None = None
    path: Path | None = None


FileCheck = Callable[["TemplateFile"], Iterable[Hit]]
TreeCheck = Callable[["TemplateTree"], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule: identity, documentation and (for most) the check."""

    code: str
    name: str
    severity: Severity
    summary: str
    #: the docstring: summary, explanation, **Anti-pattern**, **Best practice**
    doc: str
    scope: Scope
    check: FileCheck | TreeCheck | None = None

    @property
    def family(self) -> str:
        """The family name (``structure`` for RK2xx)."""
        return FAMILIES[self.code[2]]


_RULES: dict[str, Rule] = {}
_loaded = False


def _checked_doc(code: str, doc: str | None) -> str:
    text = inspect.cleandoc(doc or "")
    if "**Anti-pattern**" not in text or "**Best practice**" not in text:
        raise TypeError(f"rule {code} needs an **Anti-pattern** and a **Best practice** paragraph")
    return text


def _add(entry: Rule) -> None:
    if not _CODE.match(entry.code):
        raise TypeError(f"rule code {entry.code!r} must look like RK123")
    if not _NAME.match(entry.name):
        raise TypeError(f"rule name {entry.name!r} must be dotted lower-case words")
    if entry.code in _RULES:
        raise TypeError(f"rule code {entry.code} is registered twice")
    for other in _RULES.values():
        if other.name == entry.name:
            raise TypeError(f"rule name {entry.name!r} is used by {other.code} and {entry.code}")
    _RULES[entry.code] = entry


def rule(
    code: str, name: str, severity: Severity, *, scope: Scope = "file"
) -> Callable[[Callable[..., Iterable[Hit]]], Callable[..., Iterable[Hit]]]:
    """Register the decorated function as the check of a rule.

    The function's docstring is the rule's documentation; its first line is
    the summary. A ``runner`` rule's function is never called: it only
    carries the documentation of findings the runner reports.
    """

    def register(func: Callable[..., Iterable[Hit]]) -> Callable[..., Iterable[Hit]]:
        doc = _checked_doc(code, func.__doc__)
        _add(
            Rule(
                code=code,
                name=name,
                severity=severity,
                summary=doc.splitlines()[0].rstrip("."),
                doc=doc,
                scope=scope,
                check=None if scope == "runner" else func,
            )
        )
        return func

    return register


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for module in _FAMILY_MODULES:
        import_module(f"{__package__}.rules.{module}")
    # The draft checks of the validators are the render family's RK6xx rules.
    from ..checks import CHECKS

    for check in CHECKS.values():
        if "draft" not in check.modes:
            continue
        _add(
            Rule(
                code=check.code,
                name=check.name,
                severity=check.severity,
                summary=check.summary,
                doc=check.doc,
                scope="runner",
            )
        )


def all_rules() -> Mapping[str, Rule]:
    """Every rule by code, in code order.

    Examples:
        >>> rules = all_rules()
        >>> rules["RK101"].name
        'syntax.template-error'
        >>> list(rules) == sorted(rules)
        True
    """
    _load()
    return dict(sorted(_RULES.items()))


def match_rules(patterns: Iterable[str], *, option: str = "select") -> set[str]:
    """The codes matched by code prefixes (``RK5``, ``RK501``) or dotted names.

    Raises:
        LintError: a pattern matches no rule; the message lists the families.

    Examples:
        >>> sorted(match_rules(["RK10"]))[:2]
        ['RK101', 'RK102']
        >>> match_rules(["syntax.template-error"])
        {'RK101'}
    """
    rules = all_rules()
    codes: set[str] = set()
    for raw in patterns:
        pattern = raw.strip()
        if not pattern:
            continue
        upper = pattern.upper()
        if _PREFIX.match(upper):
            found = {code for code in rules if code.startswith(upper)}
        else:
            found = {code for code, entry in rules.items() if entry.name == pattern}
        if not found:
            families = ", ".join(f"RK{digit}xx {name}" for digit, name in FAMILIES.items())
            raise LintError(
                f"--{option} {raw!r} matches no rule: give code prefixes such as RK2 or RK201 "
                f"(families: {families}) or dotted rule names"
            )
        codes |= found
    return codes


def select_rules(
    select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
) -> frozenset[str]:
    """The codes that run: those ``select`` matches (all by default) minus ``ignore``.

    A longer prefix wins over a shorter one, as in flake8: ``select=["RK5"]``
    with ``ignore=["RK50"]`` keeps RK510; ``select=["RK501"]`` with
    ``ignore=["RK5"]`` keeps RK501.

    Examples:
        >>> sorted(select_rules(["RK50"], ["RK502"]))[:3]
        ['RK501', 'RK503', 'RK504']
    """
    rules = all_rules()
    select_list = [s.strip() for s in (select or ()) if s.strip()]
    ignore_list = [s.strip() for s in (ignore or ()) if s.strip()]
    match_rules(select_list, option="select")
    match_rules(ignore_list, option="ignore")
    chosen: set[str] = set()
    for code, entry in rules.items():
        selected = _best(code, entry.name, select_list) if select is not None else 0
        ignored = _best(code, entry.name, ignore_list)
        if select is not None and selected < 0:
            continue
        if ignored >= 0 and ignored >= selected:
            continue
        chosen.add(code)
    return frozenset(chosen)


def _best(code: str, name: str, patterns: Iterable[str]) -> int:
    """The length of the longest pattern matching the rule; -1 when none does."""
    best = -1
    for raw in patterns:
        pattern = raw.upper()
        if pattern == name.upper():
            best = max(best, len(code) + 1)  # a full name is as specific as a code
        elif _PREFIX.match(pattern) and code.startswith(pattern):
            best = max(best, len(pattern))
    return best


def iter_rules(scope: Scope, codes: Iterable[str]) -> Iterator[Rule]:
    """The rules of ``scope`` among ``codes``, in code order."""
    rules = all_rules()
    for code in sorted(codes):
        entry = rules.get(code)
        if entry is not None and entry.scope == scope and entry.check is not None:
            yield entry
