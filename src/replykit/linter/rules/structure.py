"""RK2xx structure: the sections and variants of a reply template.

Which sections an archetype's reply has, and in which order, is declared once
in ``sections.toml`` (the packaged one, or the tree's own laid over it),
following each archetype's seed article. A section is a named block; its
wording switches on ``variant``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...sections import SECTION_NAMES
from ..analysis import TemplateFacts
from ..registry import Hit, rule
from ..tree import TemplateFile
from .syntax import suggestion


def _plan(file: TemplateFile) -> tuple[str, ...] | None:
    if file.archetype not in file.tree.known_archetypes:
        return None
    return file.tree.plan.get(file.archetype)


def _facts(file: TemplateFile) -> TemplateFacts | None:
    return file.facts


def _join(names: tuple[str, ...]) -> str:
    return ", ".join(names)


@rule("RK201", "structure.missing-section", "error")
def missing_section(file: TemplateFile) -> Iterator[Hit]:
    """A section of the archetype's plan has no block in the template.

    The engine drafts the sections of the plan that the template defines and
    silently skips the others, so a missing ``apology`` block gives a reply
    without an apology. Every reply has acknowledgement, apology, solution
    and thanks; the plan adds greeting, refocus (angry, abusive) and
    signature.

    **Anti-pattern**: an angry template without ``{% block refocus %}``,
    though seed 001's reply steers back to the concrete problem.

    **Best practice**: one block per section of the plan, named exactly as
    in ``sections.toml``.
    """
    facts, plan = _facts(file), _plan(file)
    if facts is None or plan is None:
        return
    present = {name for name, _line in facts.blocks}
    missing = [name for name in plan if name not in present]
    if len(missing) == 1:
        yield Hit(
            f"no {missing[0]!r} block: {file.archetype} replies have {_join(plan)}",
            section=missing[0],
        )
    elif missing:
        names = ", ".join(repr(name) for name in missing)
        yield Hit(f"no {names} blocks: {file.archetype} replies have {_join(plan)}")


@rule("RK202", "structure.empty-section", "error")
def empty_section(file: TemplateFile) -> Iterator[Hit]:
    """A section's block has no wording for some variant.

    Resolving ``{% if variant == k %}`` for each declared variant, the block
    reaches no text and no value at all: that variant's reply lacks the
    section. (A section that is empty only when a value is missing is found
    by rendering, RK601.)

    **Anti-pattern**: ``{% block thanks %}{% if variant == 1 %}Thank you for
    your patience.{% endif %}{% endblock %}`` in a template of two variants.

    **Best practice**: give every variant its wording, with ``{% else %}``
    for the last one.
    """
    facts = _facts(file)
    if facts is None or facts.variants is None:
        return
    lines = dict(reversed(facts.blocks))
    for name, variants in facts.empty_blocks.items():
        if len(variants) == facts.variants:
            which = "every variant"
        elif len(variants) == 1:
            which = f"variant {variants[0]}"
        else:
            which = "variants " + ", ".join(str(v) for v in variants)
        yield Hit(f"the {name!r} block is empty for {which}", lines.get(name), section=name)


@rule("RK203", "structure.section-order", "warning")
def section_order(file: TemplateFile) -> Iterator[Hit]:
    """The blocks are not in the order of the archetype's plan.

    The engine drafts sections in the plan's order whatever the file's order,
    so a template written in another order reads differently from the reply
    it gives. Keeping the file in the plan's order makes the template read
    like its replies (the angry reply of seed 001 apologises before it
    acknowledges; the discount reply opens with thanks).

    **Anti-pattern**: a discount template whose ``thanks`` block comes last.

    **Best practice**: blocks in the order ``sections.toml`` lists them.
    """
    facts, plan = _facts(file), _plan(file)
    if facts is None or plan is None:
        return
    rank = {name: i for i, name in enumerate(plan)}
    seen: list[str] = []
    for name, line in facts.blocks:
        if name not in rank:
            continue
        later = [prev for prev in seen if rank[prev] > rank[name]]
        if later:
            yield Hit(
                f"{name!r} comes after {later[0]!r}: {file.archetype} replies run {_join(plan)}",
                line,
                section=name,
            )
            return
        seen.append(name)


@rule("RK204", "structure.unknown-section", "error")
def unknown_section(file: TemplateFile) -> Iterator[Hit]:
    """A block whose name is not a section.

    Sections are ``greeting``, ``acknowledgement``, ``apology``, ``refocus``,
    ``solution``, ``thanks`` and ``signature``; the engine never drafts
    another block, so its wording is lost (usually a misspelt section).

    **Anti-pattern**: ``{% block acknowledgment %}`` (American spelling).

    **Best practice**: ``{% block acknowledgement %}``.
    """
    facts = _facts(file)
    if facts is None:
        return
    for name, line in facts.blocks:
        if name not in SECTION_NAMES:
            yield Hit(f"unknown section {name!r}{suggestion(name, SECTION_NAMES)}", line)


@rule("RK205", "structure.unplanned-section", "warning")
def unplanned_section(file: TemplateFile) -> Iterator[Hit]:
    """A section block that the archetype's plan does not list.

    The engine only drafts the plan's sections, so the block is never used:
    a ``refocus`` block in a ``general`` template, say. Add the section to
    the archetype's plan in ``sections.toml`` or delete the block.

    **Anti-pattern**: ``{% block refocus %}`` in ``confused.txt.j2``, whose
    plan has no refocus.

    **Best practice**: blocks for exactly the plan's sections.
    """
    facts, plan = _facts(file), _plan(file)
    if facts is None or plan is None:
        return
    for name, line in facts.blocks:
        if name in SECTION_NAMES and name not in plan:
            yield Hit(
                f"the {name!r} block is never drafted: {file.archetype} replies have {_join(plan)}",
                line,
                section=name,
            )


@rule("RK206", "structure.variants-declaration", "error")
def variants_declaration(file: TemplateFile) -> Iterator[Hit]:
    """The template does not start with a usable ``{% set variants = N %}``.

    The engine reads the number of wording variants from a top-level
    ``{% set variants = N %}`` to pick one by a stable hash of the ticket;
    without it the template cannot be drafted. The contract asks for at
    least 2 variants (and the linter renders at most 20).

    **Anti-pattern**: ``{% set variants = "2" %}``, or the declaration
    inside a block.

    **Best practice**: ``{% set variants = 2 %}`` as the first line.
    """
    facts = _facts(file)
    if facts is not None and facts.variants_problem is not None:
        yield Hit(facts.variants_problem, facts.variants_line or None)


@rule("RK207", "structure.undocumented-variants", "warning")
def undocumented_variants(file: TemplateFile) -> Iterator[Hit]:
    """No Jinja comment before the first block describes the variants.

    The contract asks each template to say, in a comment after the
    declaration, what the archetype's reply does (from its article) and how
    its variants differ, so that a translator or reviewer knows what each
    variant is for.

    **Anti-pattern**: ``{% set variants = 2 %}`` followed directly by
    ``{% block greeting %}``.

    **Best practice**: ``{#- Variant 1: formal, close to seed 001's model
    reply. Variant 2: plain and personal. -#}``
    """
    facts = _facts(file)
    if facts is None:
        return
    first_block = facts.blocks[0][1] if facts.blocks else None
    for token in file.tokens:
        if token.kind == "comment":
            if first_block is None or token.line <= first_block:
                return
            break
    yield Hit(
        "no comment describes the variants: add one after {% set variants = N %}",
        facts.variants_line,
    )


@rule("RK208", "structure.dead-variant-branch", "warning")
def dead_variant_branch(file: TemplateFile) -> Iterator[Hit]:
    """A ``variant`` test for a number the template does not declare.

    Variants are ``1..N``; a branch for ``variant == 3`` in a template of 2
    variants is never drawn (usually the declaration was not raised when a
    variant was added).

    **Anti-pattern**: ``{% set variants = 2 %}`` ... ``{% elif variant == 3 %}``.

    **Best practice**: raise ``variants`` with the new branch, or use
    ``{% else %}`` for the last variant.
    """
    facts = _facts(file)
    if facts is None or facts.variants is None:
        return
    for value, line in facts.dead_variant_tests:
        yield Hit(
            f"variant {value} is never drawn: the template declares variants 1..{facts.variants}",
            line,
        )


@rule("RK209", "structure.repeated-variant", "warning")
def repeated_variant(file: TemplateFile) -> Iterator[Hit]:
    """Two variants give the same wording in every section.

    Variants exist so that customers who write twice, or compare notes, do
    not get a canned reply; a variant that no ``{% if variant == k %}``
    distinguishes repeats another one word for word.

    **Anti-pattern**: ``{% set variants = 3 %}`` with branches for variants 1
    and 2 only, so variant 3 takes the ``else`` of variant 2 everywhere.

    **Best practice**: as many genuinely different wordings as declared
    variants; lower ``variants`` otherwise.
    """
    facts = _facts(file)
    if facts is None or facts.variants is None:
        return
    for variant, same in facts.repeated_variants:
        yield Hit(
            f"variant {variant} repeats variant {same} in every section: write a different "
            "wording or lower 'variants'",
            facts.variants_line,
        )


@rule("RK210", "structure.no-plan", "error")
def no_plan(file: TemplateFile) -> Iterator[Hit]:
    """An archetype (from the active rules) has no section plan.

    A rules file can add an archetype, but the engine also needs to know
    which sections its reply has: without an entry in ``sections.toml`` no
    reply of that archetype can be drafted.

    **Anti-pattern**: rules that add ``billing`` and a ``billing.txt.j2``
    template, with no ``[billing]`` in the tree's ``sections.toml``.

    **Best practice**: ``[billing]`` with ``sections = ["greeting",
    "acknowledgement", "apology", "solution", "thanks", "signature"]`` in
    the tree's ``sections.toml``.
    """
    tree = file.tree
    if file.archetype in tree.known_archetypes and file.archetype not in tree.plan:
        where = tree.sections_file or tree.root / "sections.toml"
        yield Hit(f"no section plan for {file.archetype!r}: add [{file.archetype}] to {where}")
