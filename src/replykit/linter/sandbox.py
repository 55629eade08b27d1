"""How the linter keeps rendering within a budget, and which templates it renders in-process.

The linter renders templates written by anyone, so a template must not be
able to hang it or exhaust its memory. Two lines of defence:

1. Rendering goes through the drafting engine's own sandbox
   (:mod:`replykit.sandbox`, the environment of
   :func:`replykit.templating.environment`), so a template renders exactly as
   :func:`replykit.draft` renders it and meets the same checks, with the
   linter's budget: :data:`DEFAULT_TIME_BUDGET` seconds for all the drafts of
   a template, and :data:`DEFAULT_SIZE_BUDGET` characters per draft and per
   value built (see :func:`lint_limits`).
2. :func:`unbounded_reason` proves most templates harmless before they are
   compiled: a template that stays within the constructs reply templates use
   (blocks, ``if``, loops over context lists, the engine's filters, ``g()``)
   does work proportional to its size. Any other template (macros, ranges,
   arithmetic, includes...) is compiled and rendered in a separate process
   with a memory limit and a timeout (:mod:`replykit.linter.worker`), because
   no in-process check can interrupt a long C-level operation.
"""

from __future__ import annotations

from dataclasses import replace

from jinja2 import nodes

from ..sandbox import Limits

__all__ = [
    "DEFAULT_SIZE_BUDGET",
    "DEFAULT_TIME_BUDGET",
    "lint_limits",
    "unbounded_reason",
]

#: Seconds a template may take to compile and render all its drafts.
DEFAULT_TIME_BUDGET = 5.0
#: Characters a rendered draft, or any value built while rendering, may hold.
#: The longest reply a person reads is a few thousand characters.
DEFAULT_SIZE_BUDGET = 100_000


def lint_limits(*, seconds: float, size: int) -> Limits:
    """The engine's render limits, with the linter's time left and size budget.

    Examples:
        >>> limits = lint_limits(seconds=1.5, size=100_000)
        >>> limits.render_seconds, limits.output_length, limits.string_length
        (1.5, 100000, 100000)
    """
    from ..templating import current_limits

    engine = current_limits()
    return replace(
        engine,
        render_seconds=seconds,
        output_length=min(size, engine.output_length),
        string_length=min(size, engine.string_length),
    )


# -- the bounded subset ----------------------------------------------------

# Filters whose work is proportional to their input: the engine's own and the
# few plain Jinja filters a reply template may use.
_LINEAR_FILTERS = frozenset(
    "datetime date time number isolate default d length count upper lower capitalize title "
    "trim string e escape first last join list abs int float round striptags".split()
)
_TESTS = frozenset(
    "defined undefined none sameas eq equalto == ne != true false boolean string number "
    "integer float mapping sequence iterable lower upper odd even in lt gt le ge < > <= >= "
    "lessthan greaterthan".split()
)
_PLAIN = (
    nodes.Output,
    nodes.TemplateData,
    nodes.Const,
    nodes.Name,
    nodes.Getattr,
    nodes.If,
    nodes.Block,
    nodes.Compare,
    nodes.Operand,
    nodes.And,
    nodes.Or,
    nodes.Not,
    nodes.CondExpr,
    nodes.Concat,
    nodes.Keyword,
    nodes.List,
    nodes.Tuple,
    nodes.Pair,
    nodes.Dict,
    nodes.Add,
    nodes.Sub,
    nodes.Div,
    nodes.FloorDiv,
    nodes.Neg,
    nodes.Pos,
)


def unbounded_reason(template: nodes.Template) -> tuple[str, int] | None:
    """Why rendering ``template`` is not provably cheap, or ``None`` when it is.

    The bounded subset: text, output, ``if``, blocks, a top-level ``{% set
    name = constant %}``, ``for`` over a context value (no ``recursive``),
    the engine's filters and a few linear Jinja filters, tests, comparisons,
    ``and``/``or``/``not``, conditional expressions, ``~``, ``+``, ``-``,
    ``/`` and calls of ``g()``. Within it, the work is proportional to the
    template's size times the context's, and nothing is folded at compile
    time that could blow up.

    Returns:
        ``(what, line)`` naming the first construct outside the subset.
    """
    for node in template.body:
        if isinstance(node, nodes.Assign):
            if not isinstance(node.node, nodes.Const) or not isinstance(node.target, nodes.Name):
                return "a {% set %} of a computed value", node.lineno
            continue
        found = _outside(node)
        if found is not None:
            return found
    return None


def _outside(node: nodes.Node) -> tuple[str, int] | None:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, nodes.For):
            if item.recursive:
                return "a recursive loop", item.lineno
            if not isinstance(item.iter, nodes.Name | nodes.Getattr):
                return "a loop over a computed value", item.lineno
        elif isinstance(item, nodes.Filter):
            if item.name not in _LINEAR_FILTERS:
                return f"the filter {item.name!r}", item.lineno
        elif isinstance(item, nodes.Test):
            if item.name not in _TESTS:
                return f"the test {item.name!r}", item.lineno
        elif isinstance(item, nodes.Call):
            if not (isinstance(item.node, nodes.Name) and item.node.name == "g"):
                return "a call other than g()", item.lineno
        elif isinstance(item, nodes.Getitem):
            if not isinstance(item.arg, nodes.Const):
                return "an index that is computed", item.lineno
        elif isinstance(item, nodes.Const):
            value = item.value
            if (
                isinstance(value, int)
                and not isinstance(value, bool)
                and abs(value) > DEFAULT_SIZE_BUDGET
            ):
                return f"the number {value}", item.lineno
        elif not isinstance(item, _PLAIN):
            return f"{{% {type(item).__name__.lower()} %}}", getattr(item, "lineno", 1)
        stack.extend(item.iter_child_nodes())
    return None
