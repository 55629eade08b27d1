"""Suppression comments: ``{# replykit: noqa: RK501 #}`` and ``{# replykit: noqa-file: RK402 #}``.

A directive is a Jinja comment, so it never reaches a draft. The line form
suppresses the named rules on the lines the comment spans; the file form
anywhere in the file suppresses them in the whole file (including findings
without a line, such as parity findings about the file). Rules are named by
code (``RK501``), code prefix (``RK5``) or dotted name
(``language.arabic-letters-in-persian``), separated by commas or spaces.

Directives are read from the comment tokens of Jinja's lexer
(:meth:`jinja2.Environment.lex`), so a directive-like text inside a
template's wording or an expression is never taken for one. A directive that
names no rule (bare), cannot be read (malformed) or suppresses nothing
(unused) is itself reported (RK003, RK004, RK005); a bare directive
suppresses nothing, unlike flake8's bare ``# noqa``, so that a reviewer
always sees what is being silenced. Meta findings (RK0xx) cannot be
suppressed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..models import Finding
from .tree import TemplateFile

__all__ = ["Directive", "DirectiveProblem", "read_directives", "suppress"]

# "replykit:" opens a directive; anything else in a comment is prose.
_PREFIX = re.compile(r"^\s*replykit\s*:\s*", re.IGNORECASE)
# A comment that reads like a directive but lacks the prefix ("noqa: RK501").
_LOOKALIKE = re.compile(r"^\s*noqa\b", re.IGNORECASE)
_DIRECTIVE = re.compile(
    r"^(?P<kind>noqa-file|noqa)\b\s*(?P<colon>:)?\s*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL
)
_SEPARATOR = re.compile(r"[\s,]+")
_CODE_PREFIX = re.compile(r"^RK\d{1,3}$", re.IGNORECASE)
_RULE_NAME = re.compile(r"^[a-z]+(?:-[a-z]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class Directive:
    """A well-formed suppression comment."""

    path: Path
    line: int
    end_line: int
    column: int
    file_level: bool
    #: the rule patterns as written, each with the codes it matches
    patterns: dict[str, frozenset[str]]
    #: patterns that suppressed at least one finding
    used: set[str] = field(default_factory=set)

    def covers(self, finding: Finding) -> str | None:
        """The pattern that suppresses ``finding``, if one does."""
        if finding.code.startswith("RK0"):
            return None
        if not self.file_level and (
            finding.line is None or not self.line <= finding.line <= self.end_line
        ):
            return None
        for pattern, codes in self.patterns.items():
            if finding.code in codes:
                return pattern
        return None


@dataclass(frozen=True, slots=True)
class DirectiveProblem:
    """A comment that tries to be a directive and fails."""

    kind: Literal["bare", "malformed"]
    message: str
    line: int
    column: int


def read_directives(file: TemplateFile) -> tuple[list[Directive], list[DirectiveProblem]]:
    """The directives of a file, and the comments that are broken directives."""
    from .registry import match_rules

    directives: list[Directive] = []
    problems: list[DirectiveProblem] = []
    tokens = file.tokens
    for i, token in enumerate(tokens):
        if token.kind != "comment":
            continue
        begin = tokens[i - 1] if i and tokens[i - 1].kind == "comment_begin" else token
        line, column = begin.line, begin.column
        end_line = token.line + token.value.count("\n")
        body = token.value.strip()
        prefix = _PREFIX.match(body)
        if prefix is None:
            if _LOOKALIKE.match(body):
                problems.append(
                    DirectiveProblem(
                        "malformed",
                        f"{body!r} is not a directive: write {{# replykit: {body} #}}",
                        line,
                        column,
                    )
                )
            continue
        rest = body[prefix.end() :]
        parsed = _DIRECTIVE.match(rest)
        if parsed is None:
            word = rest.split(":", 1)[0].strip() or rest
            problems.append(
                DirectiveProblem(
                    "malformed",
                    f"unknown directive {word!r}: expected 'noqa: CODES' or 'noqa-file: CODES'",
                    line,
                    column,
                )
            )
            continue
        kind = parsed["kind"].lower()
        items = [item for item in _SEPARATOR.split(parsed["rest"].strip()) if item]
        if not items:
            problems.append(
                DirectiveProblem(
                    "bare",
                    f"'{kind}' names no rule and suppresses nothing: "
                    f"write {{# replykit: {kind}: RK501 #}} with the codes to silence",
                    line,
                    column,
                )
            )
            continue
        if parsed["colon"] is None:
            problems.append(
                DirectiveProblem(
                    "malformed",
                    f"missing ':' after '{kind}': write {{# replykit: {kind}: {' '.join(items)} #}}",
                    line,
                    column,
                )
            )
            continue
        patterns: dict[str, frozenset[str]] = {}
        for item in items:
            problem = _pattern_problem(item)
            if problem is None:
                try:
                    patterns[item] = frozenset(match_rules([item], option="noqa"))
                except ValueError:
                    problem = f"{item!r} matches no rule"
            if problem is not None:
                problems.append(DirectiveProblem("malformed", problem, line, column))
        patterns = {k: v for k, v in patterns.items() if v}
        if patterns:
            directives.append(
                Directive(file.path, line, end_line, column, kind == "noqa-file", patterns)
            )
    return directives, problems


def _pattern_problem(item: str) -> str | None:
    if _CODE_PREFIX.match(item) or _RULE_NAME.match(item):
        return None
    return f"{item!r} is not a rule code (RK501), code prefix (RK5) or rule name"


def suppress(
    findings: Sequence[Finding], directives: Iterable[Directive]
) -> tuple[list[Finding], list[Finding]]:
    """Split ``findings`` into those kept and those a directive suppresses."""
    by_path: dict[str, list[Directive]] = {}
    for directive in directives:
        by_path.setdefault(str(directive.path), []).append(directive)
    kept: list[Finding] = []
    silenced: list[Finding] = []
    for finding in findings:
        hit = False
        for directive in by_path.get(finding.path or "", ()):
            pattern = directive.covers(finding)
            if pattern is not None:
                directive.used.add(pattern)
                hit = True
        (silenced if hit else kept).append(finding)
    return kept, silenced
