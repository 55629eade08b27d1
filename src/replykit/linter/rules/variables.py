"""RK3xx variables: what a template reads from the context, and what it leaves behind.

The context a template sees is :class:`~replykit.context.ReplyContext`'s
fields that were given, plus ``variant``, ``lang`` and ``archetype`` and the
function ``g()``. A field that was not given is undefined: a template may
test it, but printing it raises, so every optional field needs a fallback.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jinja2 import nodes

from ..analysis import ENGINE_NAMES, LOOP_ATTRIBUTES, POLICY_FIELDS, context_fields, incident_fields
from ..registry import Hit, rule
from ..tree import TemplateFile
from .syntax import suggestion

# Marks of an unfinished template, as (pattern, what) rows.
_LEFTOVERS: tuple[tuple[re.Pattern[str], str], ...] = (
    # "{name}": a str.format or i18n placeholder; Jinja prints values with {{ }}.
    (re.compile(r"\{\s*[A-Za-z_][A-Za-z0-9_.]*\s*\}"), "a placeholder"),
    # "[[customer]]": a slot of a canned reply.
    (re.compile(r"\[\[[^\[\]\n]{0,60}\]\]"), "a placeholder"),
    # "[Customer name]", "[اسم العميل]": a slot, but not a Markdown link "[text](url)".
    (re.compile(r"\[(?:[^\W\d_])[\w \u200c]{0,40}\](?!\()"), "a placeholder"),
    (re.compile(r"\b(?:TODO|FIXME|TBD|XXX)\b"), "a note to the writer"),
)


@rule("RK301", "variables.unknown-name", "error")
def unknown_name(file: TemplateFile) -> Iterator[Hit]:
    """A variable that is neither a context field nor a name the engine provides.

    The context holds ``customer_name``, ``customer_gender``, ``agent_name``,
    ``company_name``, ``channel``, ``ticket_id``, ``incident``, ``offer``,
    ``direct_contact``, ``followup_at``, ``steps``, ``signatory``; the engine
    adds ``variant``, ``lang``, ``archetype`` and ``g()``. Any other name is
    always undefined: a typo, or a field of another product's template.

    **Anti-pattern**: ``{% if customer %}Dear {{ customer }},{% endif %}``;
    ``{{ order_number }}``.

    **Best practice**: ``{% if customer_name %}Dear {{ customer_name }},``
    ``{% else %}Hello,{% endif %}``; a new field is added to ``ReplyContext``
    first (``docs/drafting.md``).
    """
    facts = file.facts
    if facts is None:
        return
    choices = (context_fields() - POLICY_FIELDS) | ENGINE_NAMES
    for name, line in facts.unknown_names:
        yield Hit(f"unknown variable {name!r}{suggestion(name, choices)}", line)


@rule("RK302", "variables.policy-field", "error")
def policy_field(file: TemplateFile) -> Iterator[Hit]:
    """A template reads ``timezone``, ``digits`` or ``calendar``.

    These fields tell the ``datetime``, ``date``, ``time`` and ``number``
    filters how to write values for the customer; the engine never passes
    them to a template, so in a template they are always undefined.

    **Anti-pattern**: ``{{ followup_at }} ({{ timezone }})``.

    **Best practice**: ``{{ followup_at | datetime }}``, which is already in
    the customer's timezone, digits and calendar.
    """
    tree = file.ast
    if tree is None:
        return
    seen: set[tuple[str, int]] = set()
    for node in tree.find_all(nodes.Name):
        if (
            node.ctx == "load"
            and node.name in POLICY_FIELDS
            and (node.name, node.lineno) not in seen
        ):
            seen.add((node.name, node.lineno))
            yield Hit(
                f"{node.name!r} is never passed to templates: the date and number filters apply it",
                node.lineno,
            )


@rule("RK303", "variables.unknown-attribute", "error")
def unknown_attribute(file: TemplateFile) -> Iterator[Hit]:
    """An attribute that ``incident`` or ``loop`` does not have.

    ``incident`` has ``started_at``, ``expected_fix_at``, ``data_safe``,
    ``cause`` and ``severity``; any other attribute is always undefined.

    **Anti-pattern**: ``{{ incident.eta | time }}``, ``{{ loop.count }}``.

    **Best practice**: ``{{ incident.expected_fix_at | time }}``,
    ``{{ loop.index }}``.
    """
    facts = file.facts
    if facts is None:
        return
    for path, line in facts.unknown_attributes:
        owner, _, attr = path.partition(".")
        choices = incident_fields() if owner == "incident" else LOOP_ATTRIBUTES
        yield Hit(f"{owner!r} has no attribute {attr!r}{suggestion(attr, choices)}", line)


@rule("RK304", "variables.no-fallback", "error")
def no_fallback(file: TemplateFile) -> Iterator[Hit]:
    """An optional value is printed, looped over or filtered without a fallback.

    A field that was not given is undefined; printing it (or passing it to a
    filter other than ``default``, looping over it, taking an attribute of
    it) raises ``MissingContextError`` and no reply is drafted. A value is
    safe inside ``{% if name %}``, after ``name is defined``, on the right of
    ``name and ...``, with ``name | default(...)`` or ``name or "..."``.
    ``incident`` itself may be missing, so ``incident.cause`` needs
    ``{% if incident and incident.cause %}``. Blocks are rendered on their
    own: a test outside a block does not guard the block.

    **Anti-pattern**: ``I am {{ agent_name }}, and I will call you at
    {{ followup_at | time }}.``

    **Best practice**: ``{% if agent_name %}I am {{ agent_name }}.{% else %}``
    ``I am a member of the support team.{% endif %}``
    """
    facts = file.facts
    if facts is None:
        return
    for found in facts.unguarded:
        if found.kind == "attribute":
            message = (
                f"{found.path!r} may be missing: taking its attribute {found.attribute!r} raises; "
                f"test it first ({{% if {found.path} and {found.path}.{found.attribute} %}})"
            )
        else:
            message = (
                f"{found.path!r} is used without a fallback: wrap it in {{% if {found.path} %}} "
                f"... {{% else %}} ... {{% endif %}} or use | default(...)"
            )
        yield Hit(message, found.line)


@rule("RK305", "variables.leftover", "error")
def leftover(file: TemplateFile) -> Iterator[Hit]:
    """A placeholder or a writer's note left in the template's wording.

    ``{name}``, ``[[name]]`` and ``[Customer name]`` are slots of another
    templating system or of a canned reply; Jinja prints them as they are.
    ``TODO``, ``FIXME``, ``TBD`` and ``XXX`` are notes that would reach the
    customer.

    **Anti-pattern**: ``Dear {customer_name}, ... [[refund amount]] ...
    TODO: add the fix time``

    **Best practice**: ``{{ customer_name }}`` with a fallback; notes go in
    ``{# comments #}``, which never reach a draft.
    """
    for token in file.wording:
        taken: list[tuple[int, int]] = []
        for pattern, what in _LEFTOVERS:
            for match in pattern.finditer(token.value):
                start, end = match.span()
                if any(start < e and s < end for s, e in taken):
                    continue  # "[name]" inside "[[name]]" is the same leftover
                taken.append((start, end))
                where = file.position(token.offset + start)
                yield Hit(
                    f"{what} left in the wording: {match.group()!r}",
                    where.line,
                    where.column,
                    section=file.section_at(token.offset),
                )
