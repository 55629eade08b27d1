"""RK6xx render: every template drafted with sample contexts, and the drafts validated.

Each template is rendered for every variant with its language's sample
contexts (:mod:`replykit.linter.samples`: full and minimal), exactly as the
drafting engine renders it, and each draft goes through
:func:`replykit.validate`, whose checks (RK601-RK631) report in this family.
A finding from a draft names the variant and context, and points at the
section's block (the draft's own line says nothing about the template).

The linter's own render rules (RK690-RK694) report templates that cannot be
rendered at all, or that go over the time or size budget: a hostile loop or
a string bomb is a finding, never a hang or a crash (see
:mod:`replykit.linter.sandbox` and :mod:`replykit.linter.worker`).

A rendered check whose static twin in RK5xx/RK3xx already reported the same
kind of problem in the template (with its line) is not repeated: RK610 is
dropped for a template where RK510 found blame, and so on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from ...languages import LANGUAGES
from ...models import Draft, Finding, Section
from ...validator import validate
from ..registry import Hit, rule
from ..rendering import RenderFailure, RenderJob, RenderOutcome, render_job
from ..samples import sample_contexts
from ..sandbox import DEFAULT_SIZE_BUDGET, unbounded_reason
from ..tree import TemplateFile
from ..worker import Worker

#: A rendered check -> its static twin, which reports the same problem at its line.
#: The tone twins quote the phrase in the same way (``blames the customer:
#: 'you should have'``), so a rendered finding is dropped only when its
#: phrase was found statically; for the others, any static finding of the
#: twin in the template drops the rendered ones.
STATIC_TWINS = {
    "RK603": "RK305",
    "RK604": "RK501",
    "RK605": "RK502",
    "RK607": "RK503",
    "RK610": "RK510",
    "RK611": "RK511",
    "RK612": "RK512",
    "RK613": "RK513",
}
_PHRASE_TWINS = frozenset({"RK610", "RK611", "RK612", "RK613"})
_QUOTED = re.compile(r": (['\"])(.*)\1")
_FAILURE_CODES = {
    "failed": "RK690",
    "missing-context": "RK691",
    "sandbox": "RK692",
    "time": "RK693",
    "size": "RK694",
}


@rule("RK690", "render.failed", "error", scope="runner")
def failed(file: TemplateFile) -> Iterator[Hit]:
    """A template raises an error while it is rendered.

    A division by zero, a call with the wrong arguments (``g()`` needs the
    male, female and neutral wordings), an unknown filter reached only at
    compile time: the engine stops, and no reply of that archetype and
    language can be drafted with that variant and context.

    **Anti-pattern**: ``{{ g("Dear Sir") }}``.

    **Best practice**: ``{{ g("Dear Sir", "Dear Madam", "Hello") }}``.
    """
    return iter(())


@rule("RK691", "render.missing-context", "error", scope="runner")
def missing_context(file: TemplateFile) -> Iterator[Hit]:
    """A sample context lacks a value the template prints without a fallback.

    Rendering with the minimal context (nothing given) finds every value
    printed without a fallback that the static analysis (RK304) could not
    see, such as a value copied into a ``{% set %}`` first. The finding names
    the value and, when the traceback shows it, the line.

    **Anti-pattern**: ``{% set who = agent_name %}I am {{ who }}.``

    **Best practice**: ``{% if agent_name %}I am {{ agent_name }}.``
    ``{% else %}I am part of the support team.{% endif %}``
    """
    return iter(())


@rule("RK692", "render.sandbox", "error", scope="runner")
def sandbox(file: TemplateFile) -> Iterator[Hit]:
    """The template tries something the sandbox refuses.

    Templates render in Jinja's sandbox: no access to Python internals
    (``__class__``, ``__globals__``), no unsafe methods. A template that
    tries is refused at every draft.

    **Anti-pattern**: ``{{ customer_name.__class__.__mro__ }}``.

    **Best practice**: print values, test them, format them with the
    engine's filters; nothing else is needed for a reply.
    """
    return iter(())


@rule("RK693", "render.time-budget", "error", scope="runner")
def time_budget(file: TemplateFile) -> Iterator[Hit]:
    """Rendering a template takes longer than its time budget.

    A reply template renders in milliseconds; one that runs for seconds
    holds a loop that never ends or work that multiplies (nested loops over
    ``range``, a macro that calls itself twice). The linter stops it and
    reports it instead of hanging (default budget: 5 seconds for all of a
    template's drafts).

    **Anti-pattern**: ``{% for i in range(100000) %}{% for j in range(100000) %}``
    ``{% endfor %}{% endfor %}``.

    **Best practice**: loop only over the context's lists (``steps``).
    """
    return iter(())


@rule("RK694", "render.size-budget", "error", scope="runner")
def size_budget(file: TemplateFile) -> Iterator[Hit]:
    """A draft, or a value built while rendering, outgrows the size budget.

    No reply needs more than a few thousand characters; a template that
    builds a string of millions (``"x" * 10**9``, a value doubled in a loop)
    would exhaust the drafting service's memory. The linter refuses the
    operation before it runs, or stops the render process, and reports it
    (default budget: 100,000 characters).

    **Anti-pattern**: ``{{ "sorry " * 1000000 }}``.

    **Best practice**: write the wording out; repeat nothing by arithmetic.
    """
    return iter(())


@dataclass(frozen=True, slots=True)
class RenderHit:
    """A render finding before the runner gives it severity and name."""

    code: str
    hit: Hit
    #: for RK691: the missing value, so a static RK304 on it can stand instead
    variable: str | None = None


def renderable(file: TemplateFile) -> bool:
    """Whether the engine can draft from ``file`` at all (else there is nothing to render).

    It must be in a folder named after a language replykit drafts in, parse,
    declare its variants, use only known filters and tests, and be of an
    archetype with a section plan.
    """
    facts = file.facts
    if facts is None or facts.variants is None:
        return False
    if file.language is None or file.lang != file.language:
        return False
    env = file.environment
    if any(name not in env.filters for name, _line in facts.filters):
        return False
    if any(name not in env.tests for name, _line in facts.tests):
        return False
    tree = file.tree
    return file.archetype in tree.known_archetypes and file.archetype in tree.plan


def render_file(
    file: TemplateFile,
    *,
    seconds: float,
    checks: frozenset[str],
    worker: Worker,
    static: Mapping[str, Sequence[str]],
    unguarded: frozenset[str],
) -> Iterator[RenderHit]:
    """Render ``file`` and validate its drafts.

    Args:
        seconds: the time budget of the template's rendering.
        checks: the validator codes that run (selected ones).
        worker: the process for templates outside the bounded subset.
        static: messages of the static rules that found something in the file, by code.
        unguarded: values RK304 reported in the file.
    """
    assert file.facts is not None and file.facts.variants is not None and file.language
    contexts = sample_contexts(file.language)
    plan = list(file.tree.plan[file.archetype])
    job = RenderJob(
        root=str(file.tree.root),
        name=file.name,
        filename=str(file.path),
        source=file.source or "",
        lang=file.language,
        archetype=file.archetype,
        plan=plan,
        variants=file.facts.variants,
        contexts=[
            (label, ctx.model_dump(mode="json", exclude_none=True)) for label, ctx in contexts
        ],
        seconds=seconds,
        size=DEFAULT_SIZE_BUDGET,
    )
    assert file.ast is not None
    bounded = unbounded_reason(file.ast) is None
    outcome = render_job(job, file.ast) if bounded else worker.run(job)
    yield from _failures(outcome, unguarded)
    if checks:
        yield from _checked(file, outcome, dict(contexts), checks, static)


def _phrase(message: str) -> str | None:
    match = _QUOTED.search(message)
    return match.group(2).casefold() if match else None


def _repeats_static(finding: Finding, static: Mapping[str, Sequence[str]]) -> bool:
    """Whether the static twin of a rendered finding already reported the same problem."""
    twin = STATIC_TWINS.get(finding.code)
    if twin is None or not static.get(twin):
        return False
    if finding.code not in _PHRASE_TWINS:
        return True
    phrase = _phrase(finding.message)
    return phrase is not None and phrase in {_phrase(m) for m in static[twin]}


def _where(pairs: list[tuple[int | None, str | None]]) -> str:
    variants = sorted({v for v, _l in pairs if v is not None})
    labels = sorted({lab for _v, lab in pairs if lab is not None}, key=lambda x: (x != "full", x))
    parts: list[str] = []
    if variants:
        noun = "variant" if len(variants) == 1 else "variants"
        parts.append(f"{noun} {', '.join(str(v) for v in variants)}")
    if labels:
        noun = "context" if len(labels) == 1 else "contexts"
        parts.append(f"{' and '.join(labels)} {noun}")
    return f" ({', '.join(parts)})" if parts else ""


def _failures(outcome: RenderOutcome, unguarded: frozenset[str]) -> Iterator[RenderHit]:
    grouped: dict[tuple[str, str, int | None], list[RenderFailure]] = {}
    for failure in outcome.failures:
        if failure.kind == "missing-context" and failure.variable in unguarded:
            continue  # RK304 already points at the line
        code = _FAILURE_CODES[failure.kind]
        grouped.setdefault((code, failure.message, failure.line), []).append(failure)
    for (code, message, line), failures in grouped.items():
        where = _where([(f.variant, f.label) for f in failures])
        yield RenderHit(code, Hit(f"{message}{where}", line), failures[0].variable)


def _checked(
    file: TemplateFile,
    outcome: RenderOutcome,
    contexts: dict[str, object],
    checks: frozenset[str],
    static: Mapping[str, Sequence[str]],
) -> Iterator[RenderHit]:
    from ...checks import CHECKS
    from ...policy import Policy

    assert file.language in ("en", "ar", "fa")
    policy = Policy(disable=frozenset(code for code in CHECKS if code not in checks))
    lines = dict(reversed(file.facts.blocks)) if file.facts else {}
    grouped: dict[tuple[str, str | None, str], list[tuple[int | None, str | None]]] = {}
    order: list[tuple[str, str | None, str]] = []
    for rendered in outcome.drafts:
        sections = tuple(Section(name=name, text=text) for name, text in rendered.sections)
        draft = Draft(
            archetype=file.archetype,
            lang=file.language,
            direction=LANGUAGES[file.language].direction,
            variant=rendered.variant,
            sections=sections,
            text="\n\n".join(section.text for section in sections),
            values=tuple(rendered.values),
        )
        found: list[Finding] = validate(
            draft,
            policy=policy,
            context=contexts.get(rendered.label),  # type: ignore[arg-type]
        )
        for finding in found:
            if _repeats_static(finding, static):
                continue
            key = (finding.code, finding.section, finding.message)
            if key not in grouped:
                order.append(key)
            grouped.setdefault(key, []).append((rendered.variant, rendered.label))
    for key in order:
        code, section, message = key
        line = lines.get(section) if section else None
        yield RenderHit(code, Hit(f"{message}{_where(grouped[key])}", line, section=section))
