"""Rendering a template the way the drafting engine does, within a budget.

:func:`render_job` compiles a template in the engine's sandboxed environment
and renders every variant with every sample context through
:func:`replykit.drafting.render_draft`, the engine's own last step (same
variables, same block rendering, same tidying), under the linter's limits
(:func:`~replykit.linter.sandbox.lint_limits`), so that a draft that grows
past the size budget is stopped as it grows. Failures are results, not
exceptions: what failed, why, and the template line when it is known.

Jobs and outcomes are plain data so that the same function runs in-process
for templates proven cheap and in :mod:`replykit.linter.worker` for the others.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from jinja2 import TemplateSyntaxError, nodes

from ..errors import (
    MissingContextError,
    TemplateRuntimeError,
    TemplateSecurityError,
)
from .sandbox import lint_limits

__all__ = [
    "FailureKind",
    "RenderFailure",
    "RenderJob",
    "RenderOutcome",
    "RenderedDraft",
    "render_job",
]

FailureKind = Literal["failed", "missing-context", "sandbox", "time", "size"]


@dataclass
class RenderJob:
    """One template to render: where it is, what it is, and the budget."""

    root: str
    name: str
    filename: str
    source: str
    lang: str
    archetype: str
    plan: list[str]
    variants: int
    #: ``(label, context fields as JSON data)`` pairs
    contexts: list[tuple[str, dict[str, Any]]]
    seconds: float
    size: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RenderJob:
        data = dict(data)
        data["contexts"] = [(label, ctx) for label, ctx in data["contexts"]]
        return cls(**data)


@dataclass
class RenderedDraft:
    """The sections one variant and context rendered to, as the engine would draft them."""

    variant: int
    label: str
    sections: list[tuple[str, str]]
    #: context values as they appear in the text (``Draft.values``)
    values: list[str]


@dataclass
class RenderFailure:
    """Why a template (or one variant and context of it) could not be rendered."""

    kind: FailureKind
    message: str
    line: int | None = None
    variant: int | None = None
    label: str | None = None
    #: for ``missing-context``: the value that was missing (``incident.cause``)
    variable: str | None = None


@dataclass
class RenderOutcome:
    drafts: list[RenderedDraft] = field(default_factory=list)
    failures: list[RenderFailure] = field(default_factory=list)
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RenderOutcome:
        return cls(
            drafts=[
                RenderedDraft(
                    d["variant"], d["label"], [(n, t) for n, t in d["sections"]], list(d["values"])
                )
                for d in data.get("drafts", ())
            ],
            failures=[RenderFailure(**f) for f in data.get("failures", ())],
            seconds=float(data.get("seconds", 0.0)),
        )


def render_job(job: RenderJob, tree: nodes.Template | None = None) -> RenderOutcome:
    """Compile and render ``job`` within its budget.

    Args:
        job: the template and what to render it with.
        tree: the template's syntax tree, already parsed, to skip parsing it
            again (compiling may fold its constant expressions in place).
    """
    from ..context import ReplyContext
    from ..drafting import render_draft
    from ..templating import LoadedTemplate, environment

    started = time.perf_counter()
    deadline = started + job.seconds
    outcome = RenderOutcome()
    env = environment(job.root)
    try:
        source: nodes.Template | str = tree if tree is not None else job.source
        code = env.compile(source, job.name, job.filename)
        template = env.template_class.from_code(env, code, env.make_globals(None))
    except TemplateSyntaxError as exc:
        outcome.failures.append(
            RenderFailure("failed", f"the template does not compile: {exc.message}", exc.lineno)
        )
        return _done(outcome, started)
    except (RecursionError, SyntaxError):
        outcome.failures.append(
            RenderFailure("failed", "the template does not compile: expressions are nested too deeply")
        )
        return _done(outcome, started)
    except MemoryError:
        outcome.failures.append(RenderFailure("size", "compiling ran out of memory"))
        return _done(outcome, started)
    loaded = LoadedTemplate(template, archetype=job.archetype, lang=job.lang, variants=job.variants)
    for variant in range(1, job.variants + 1):
        for label, fields in job.contexts:
            left = deadline - time.perf_counter()
            try:
                if left <= 0:
                    raise TemplateSecurityError("no time left", kind="time")
                limits = lint_limits(seconds=left, size=job.size)
                draft = render_draft(
                    loaded,
                    ReplyContext.model_validate(fields),
                    variant=variant,
                    sections=job.plan,
                    limits=limits,
                )
            except Exception as exc:  # a template may raise anything: report it
                failure = _failure(exc, variant, label)
                if failure.kind == "time" and time.perf_counter() >= deadline:
                    failure.message = (
                        f"rendering took longer than its budget of {job.seconds:g} s "
                        "(a loop that never ends, or work that keeps growing)"
                    )
                    outcome.failures.append(failure)
                    return _done(outcome, started)
                outcome.failures.append(failure)
                continue
            sections = [(section.name, section.text) for section in draft.sections]
            outcome.drafts.append(RenderedDraft(variant, label, sections, list(draft.values)))
    return _done(outcome, started)


def _done(outcome: RenderOutcome, started: float) -> RenderOutcome:
    outcome.seconds = time.perf_counter() - started
    return outcome


# What ran out, in the engine's terms -> the linter's failure kind.
_KINDS: dict[str | None, FailureKind] = {
    "time": "time",
    "size": "size",
    "depth": "failed",
    None: "sandbox",
}


def _failure(exc: Exception, variant: int, label: str) -> RenderFailure:
    line = getattr(exc, "line", None)
    if isinstance(exc, MissingContextError):
        return RenderFailure(
            "missing-context",
            f"{exc.variable!r} is printed without a fallback and the {label} context lacks it",
            line,
            variant,
            label,
            exc.variable,
        )
    if isinstance(exc, TemplateSecurityError):
        kind = _KINDS[exc.kind]
        message = exc.message.rstrip(".")
        if kind == "sandbox":
            message = f"the sandbox refused: {message}"
        return RenderFailure(kind, message, line, variant, label)
    if isinstance(exc, TemplateRuntimeError):
        return RenderFailure("failed", exc.message, line, variant, label)
    if isinstance(exc, MemoryError):
        return RenderFailure("size", "rendering ran out of memory", line, variant, label)
    detail = str(exc) or type(exc).__name__
    return RenderFailure("failed", f"{type(exc).__name__}: {detail}", line, variant, label)
