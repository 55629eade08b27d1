"""Rendering a template the way the drafting engine does, within a budget.

:func:`render_job` compiles a template with the linter's
:class:`~replykit.linter.sandbox.BudgetEnvironment` and renders every variant
with every sample context, section by section, exactly as
:func:`replykit.draft` does (same variables, same block rendering, same
tidying), streaming each block's output so that a draft that grows past the
size budget is stopped as it grows. Failures are results, not exceptions:
what failed, why, and the template line when the traceback shows it.

Jobs and outcomes are plain data so that the same function runs in-process
for templates proven cheap and in :mod:`replykit.linter.worker` for the others.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from types import TracebackType
from typing import Any, Literal

from jinja2 import Template, TemplateSyntaxError, nodes
from jinja2.exceptions import SecurityError

from ..errors import MissingContextError, TemplateSecurityError
from .sandbox import BudgetExceeded, budget, lint_environment

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
        tree: the template's syntax tree, already parsed with the linter's
            environment, to skip parsing it again (compiling may fold its
            constant expressions in place).
    """
    started = time.perf_counter()
    outcome = RenderOutcome()
    env = lint_environment(job.root)
    with budget(seconds=job.seconds, size=job.size):
        try:
            source: nodes.Template | str = tree if tree is not None else job.source
            code = env.compile(source, job.name, job.filename)
            template = env.template_class.from_code(env, code, env.make_globals(None))
        except TemplateSyntaxError as exc:
            outcome.failures.append(
                RenderFailure("failed", f"the template does not compile: {exc.message}", exc.lineno)
            )
            return _done(outcome, started)
        except BudgetExceeded as exc:
            outcome.failures.append(RenderFailure(exc.kind, f"while compiling: {exc.detail}"))
            return _done(outcome, started)
        except MemoryError:
            outcome.failures.append(RenderFailure("size", "compiling ran out of memory"))
            return _done(outcome, started)
        for variant in range(1, job.variants + 1):
            for label, fields in job.contexts:
                try:
                    outcome.drafts.append(_render(template, job, variant, label, fields))
                except BudgetExceeded as exc:
                    detail = exc.detail
                    if exc.kind == "time":
                        detail = (
                            f"rendering took longer than its budget of {job.seconds:g} s "
                            "(a loop that never ends, or work that keeps growing)"
                        )
                    outcome.failures.append(
                        RenderFailure(exc.kind, detail, _line(template, exc), variant, label)
                    )
                    if exc.kind == "time":
                        return _done(outcome, started)
                except Exception as exc:  # a template may raise anything: report it
                    outcome.failures.append(_failure(template, exc, variant, label))
    return _done(outcome, started)


def _done(outcome: RenderOutcome, started: float) -> RenderOutcome:
    outcome.seconds = time.perf_counter() - started
    return outcome


def _render(
    template: Template, job: RenderJob, variant: int, label: str, fields: dict[str, Any]
) -> RenderedDraft:
    # The engine's own steps (drafting._draft): the same variables, the same
    # tidying of each section, the same record of printed values.
    from ..context import ReplyContext
    from ..drafting import _printed_values, _tidy, _variables
    from ..formatting import Formatter
    from ..templating import FORMATTER_VARIABLE

    ctx = ReplyContext.model_validate(fields)
    formatter = Formatter(
        job.lang,
        timezone=ctx.timezone,
        digits=ctx.digits_for(job.lang),
        calendar=ctx.calendar_for(job.lang),
    )
    variables = _variables(ctx)
    variables.update(
        {
            "variant": variant,
            "lang": job.lang,
            "archetype": job.archetype,
            FORMATTER_VARIABLE: formatter,
        }
    )
    context = template.new_context(variables)
    sections: list[tuple[str, str]] = []
    total = 0
    for name in job.plan:
        render = template.blocks.get(name)
        if render is None:
            continue
        text, total = _collect(render(context), total, job.size)
        body = _tidy(text)
        if body:
            sections.append((name, body))
    full_text = "\n\n".join(body for _name, body in sections)
    values = _printed_values(ctx, formatter.produced, full_text)
    return RenderedDraft(variant, label, sections, list(values))


def _collect(chunks: Iterable[str], total: int, limit: int) -> tuple[str, int]:
    """Join a block's output, stopping as soon as the draft outgrows ``limit``."""
    parts: list[str] = []
    for chunk in chunks:
        total += len(chunk)
        if total > limit:
            raise BudgetExceeded(
                "size", f"the draft grew past the size budget of {limit} characters"
            )
        parts.append(chunk)
    return "".join(parts), total


def _frames(tb: TracebackType | None) -> Iterator[TracebackType]:
    while tb is not None:
        yield tb
        tb = tb.tb_next


def _line(template: Template, exc: BaseException) -> int | None:
    """The template line of the innermost frame of ``template``'s code in the traceback."""
    filename = template.filename or "<template>"
    line: int | None = None
    for tb in _frames(exc.__traceback__):
        if tb.tb_frame.f_code.co_filename == filename:
            line = template.get_corresponding_lineno(tb.tb_lineno)
    return line


def _failure(template: Template, exc: Exception, variant: int, label: str) -> RenderFailure:
    line = _line(template, exc)
    if isinstance(exc, MissingContextError):
        return RenderFailure(
            "missing-context",
            f"{exc.variable!r} is printed without a fallback and the {label} context lacks it",
            line,
            variant,
            label,
            exc.variable,
        )
    if isinstance(exc, TemplateSecurityError | SecurityError):
        refused = str(exc).rstrip(".")
        return RenderFailure("sandbox", f"the sandbox refused: {refused}", line, variant, label)
    if isinstance(exc, MemoryError):
        return RenderFailure("size", "rendering ran out of memory", line, variant, label)
    if isinstance(exc, RecursionError):
        return RenderFailure("failed", "rendering recursed too deep", line, variant, label)
    detail = str(exc) or type(exc).__name__
    return RenderFailure("failed", f"{type(exc).__name__}: {detail}", line, variant, label)
