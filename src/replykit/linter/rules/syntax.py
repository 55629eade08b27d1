"""RK1xx syntax: what Jinja cannot parse, and filters or tests the engine does not have."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from difflib import get_close_matches

from ..registry import Hit, rule
from ..tree import TemplateFile


def suggestion(value: str, choices: Collection[str]) -> str:
    """``"; did you mean 'isolate'?"`` when a choice is close to ``value``."""
    near = get_close_matches(value, sorted(choices), n=1)
    return f"; did you mean {near[0]!r}?" if near else ""


@rule("RK101", "syntax.template-error", "error")
def template_error(file: TemplateFile) -> Iterator[Hit]:
    """Jinja cannot parse the template.

    An unclosed tag, an ``{% endif %}`` too many, a stray ``}}``: the engine
    refuses the whole template, so no reply of that archetype and language
    can be drafted. The finding gives Jinja's message and line. Rules that
    need the syntax tree skip the file until it parses.

    **Anti-pattern**: ``{% if agent_name %}I am {{ agent_name }}`` with no
    ``{% endif %}``.

    **Best practice**: close every ``if``, ``for`` and ``block``; keep one
    tag per line in long conditionals so the error line is the culprit's.
    """
    problem = file.syntax_problem
    if problem is not None:
        message = problem.message[:1].lower() + problem.message[1:]
        yield Hit(f"jinja cannot parse the template: {message}", problem.line)


@rule("RK102", "syntax.unknown-filter", "error")
def unknown_filter(file: TemplateFile) -> Iterator[Hit]:
    """A filter the drafting engine does not have.

    Jinja only notices an unknown filter when it compiles the template, so
    the template fails at the first draft. The engine's filters are Jinja's
    own plus ``datetime``, ``date``, ``time``, ``number`` and ``isolate``.

    **Anti-pattern**: ``{{ ticket_id | isolated }}``,
    ``{{ followup_at | strftime("%H:%M") }}``.

    **Best practice**: ``{{ ticket_id | isolate }}``,
    ``{{ followup_at | time }}`` (the filters follow the customer's language,
    timezone, digits and calendar).
    """
    facts = file.facts
    if facts is None:
        return
    known = file.environment.filters
    for name, line in facts.filters:
        if name not in known:
            yield Hit(f"unknown filter {name!r}{suggestion(name, known)}", line)


@rule("RK103", "syntax.unknown-test", "error")
def unknown_test(file: TemplateFile) -> Iterator[Hit]:
    """A test (``x is ...``) the drafting engine does not have.

    Like an unknown filter, an unknown test only fails when the template is
    compiled, at the first draft.

    **Anti-pattern**: ``{% if incident.data_safe is truthy %}``.

    **Best practice**: ``{% if incident.data_safe is sameas true %}``, or
    plain ``{% if incident.data_safe %}``.
    """
    facts = file.facts
    if facts is None:
        return
    known = file.environment.tests
    for name, line in facts.tests:
        if name not in known:
            yield Hit(f"unknown test {name!r}{suggestion(name, known)}", line)
